//! The window icon, drawn in code (a course line falling through a band on a disc), so the binary
//! needs no image file.

use bevy::ecs::system::NonSendMarker;
use bevy::prelude::*;
use bevy::winit::WINIT_WINDOWS;
use winit::window::Icon;

const SIZE: u32 = 64;

/// The icon's pixels, RGBA.
fn pixels() -> Vec<u8> {
    let mut rgba = Vec::with_capacity((SIZE * SIZE * 4) as usize);
    let c = (SIZE as f32 - 1.0) / 2.0;
    for y in 0..SIZE {
        for x in 0..SIZE {
            let (fx, fy) = (x as f32, y as f32);
            let r = ((fx - c).powi(2) + (fy - c).powi(2)).sqrt();
            // A falling-then-rising course line, as on the trajectory plot.
            let line_y = 20.0 + 0.012 * (fx - 30.0).powi(2);
            let pixel = if r > c {
                [0, 0, 0, 0]
            } else if (fy - line_y).abs() < 3.0 && (10.0..54.0).contains(&fx) {
                [0xff, 0xff, 0xff, 0xff]
            } else if (38.0..44.0).contains(&fy) {
                // The reliable-change band, in the colour-blind-safe orange of the signals.
                [0xe6, 0x9f, 0x00, 0xff]
            } else {
                [0x00, 0x72, 0xb2, 0xff]
            };
            rgba.extend_from_slice(&pixel);
        }
    }
    rgba
}

/// Sets the icon once the window exists (winit windows live on the main thread only).
pub fn set_window_icon(_main_thread: NonSendMarker, mut done: Local<bool>) {
    if *done {
        return;
    }
    WINIT_WINDOWS.with_borrow(|windows| {
        for window in windows.windows.values() {
            if let Ok(icon) = Icon::from_rgba(pixels(), SIZE, SIZE) {
                window.set_window_icon(Some(icon));
                *done = true;
            }
        }
    });
}
