//! The window's size: as asked on the command line (pictures at given sizes), else fitted to the
//! screen once the screen is known — most of it, so the chart has room, but not a wall of pixels on
//! a large monitor.

use bevy::prelude::*;
use bevy::window::{Monitor, PrimaryMonitor, PrimaryWindow};

use crate::launch::WindowSize;

/// The size asked on the command line; `None`: fit the window to the screen.
#[derive(Resource)]
pub struct AskedSize(pub Option<WindowSize>);

/// Share of the screen the window takes when it opens.
const SCREEN_SHARE: f32 = 0.85;
/// The largest window opened by itself, in logical pixels.
const LARGEST: Vec2 = Vec2::new(1680.0, 1050.0);

/// The size the window opens at when none was asked: fits before the screen is known.
pub fn first_size(asked: Option<WindowSize>) -> (u32, u32) {
    asked.map_or((1280, 800), |s| (s.width, s.height))
}

/// The window size for a screen of `screen` logical pixels: its share of the screen, at least the
/// smallest size the app is made for (unless the screen is smaller) and at most [`LARGEST`].
pub fn fitted(screen: Vec2) -> Vec2 {
    let smallest = Vec2::new(
        WindowSize::SMALLEST.width as f32,
        WindowSize::SMALLEST.height as f32,
    );
    (screen * SCREEN_SHARE)
        .clamp(smallest, LARGEST.max(smallest))
        .min(screen)
}

/// Fits the window to the primary screen, once, when no size was asked.
pub fn fit_to_screen(
    asked: Res<AskedSize>,
    monitors: Query<&Monitor, With<PrimaryMonitor>>,
    mut windows: Query<&mut Window, With<PrimaryWindow>>,
    mut done: Local<bool>,
) {
    if *done || asked.0.is_some() {
        return;
    }
    let (Ok(monitor), Ok(mut window)) = (monitors.single(), windows.single_mut()) else {
        return;
    };
    *done = true;
    let scale = monitor.scale_factor.max(0.5) as f32;
    let screen = Vec2::new(
        monitor.physical_width as f32,
        monitor.physical_height as f32,
    ) / scale;
    let size = fitted(screen);
    window.resolution.set(size.x, size.y);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_window_takes_most_of_a_laptop_screen_and_not_all_of_a_large_one() {
        assert_eq!(fitted(Vec2::new(1920.0, 1080.0)), Vec2::new(1632.0, 918.0));
        let laptop = fitted(Vec2::new(1366.0, 768.0));
        assert!(
            laptop.abs_diff_eq(Vec2::new(1161.1, 652.8), 0.01),
            "{laptop}"
        );
        assert_eq!(fitted(Vec2::new(3840.0, 2160.0)), LARGEST);
        assert_eq!(
            fitted(Vec2::new(1024.0, 600.0)),
            Vec2::new(1024.0, 600.0),
            "a small screen is filled, not overflowed"
        );
    }
}
