//! The trainee app: a bevy window with egui screens over the core's run state machine. It redraws
//! only on input, animation or background work (bevy's desktop-app update mode), so an idle window
//! costs no CPU.

pub mod active_run;
pub mod background;
pub mod demo;
pub mod headline;
mod icon;
pub mod live;
pub mod plots;
pub mod practice;
pub mod screens;
pub mod settings;
pub mod spoken;
pub mod state;
pub mod table;
pub mod theme;
pub mod trainer;
mod window_size;

use std::path::PathBuf;

use bevy::prelude::*;
use bevy::render::view::screenshot::{Screenshot, ScreenshotCaptured, save_to_disk};
use bevy::window::RequestRedraw;
use bevy::winit::{EventLoopProxyWrapper, UpdateMode, WinitSettings, WinitUserEvent};
use bevy_egui::{
    EguiContexts, EguiInput, EguiPlugin, EguiPostUpdateSet, EguiPreUpdateSet,
    EguiPrimaryContextPass, egui,
};
use std::time::Duration;

use crate::launch::{Options, TrainerView};
pub use demo::Demo;
pub use state::{AppState, Screen};

/// The app's state as a bevy resource.
#[derive(Resource)]
struct Ui(AppState);

/// Frame counting and quitting for `--screenshot` / `--exit-after-frames`.
#[derive(Resource)]
struct Finish {
    started: std::time::Instant,
    screenshot: Option<PathBuf>,
    exit_after_frames: Option<u32>,
    frames: u32,
    /// The frame the screenshot was taken in; quit a few frames later, once it is saved.
    shot_at: Option<u32>,
    /// Screenshots that came back blank and were taken again.
    retakes: u32,
}

/// How often a blank screenshot is taken again before it is saved as it is.
const MAX_RETAKES: u32 = 5;

/// How long an idle window waits for something to happen before it draws a frame by itself.
const IDLE_WAIT: Duration = Duration::from_secs(3600);

/// Opens the window and runs the app until it is closed.
pub fn run(options: Options) {
    let mut state = AppState::new(options.scenarios, options.results_dir, options.lang);
    state.start.selected = options.selected;
    state.settings.text_scale = options.look.text_size;
    if options.look.high_contrast {
        state.settings.palette = theme::Palette::HighContrast;
    } else if options.look.dark {
        state.settings.palette = theme::Palette::Dark;
    }
    // An idle window draws nothing until something happens: input, egui asking for a frame, a
    // live class's link or station waking it, background work (paced in `tick`). Bevy's desktop
    // default also draws a frame every 5 s while the window has the focus, which costs a software
    // renderer 2–3 % of a core in a large window.
    // (A finite wait: bevy_winit keeps the event loop's last control flow when the wait cannot be
    // added to an instant, which can leave it polling.)
    let mut settings = WinitSettings {
        focused_mode: UpdateMode::reactive(IDLE_WAIT),
        unfocused_mode: UpdateMode::reactive_low_power(IDLE_WAIT),
    };
    if let Some((pace, skip)) = options.demo {
        state.demo = Some(Demo::new(pace));
        if let Some(seed) = options.demo_seed {
            state.demo_seed(seed);
        }
        for _ in 0..skip {
            state.demo_step();
        }
        state.run.jump = options.demo_section.map(active_run::Jump::to);
    }
    let capture =
        options.capture.screenshot.is_some() || options.capture.exit_after_frames.is_some();
    if let Some(t) = options.trainer {
        state.screen = Screen::Trainer;
        state.trainer.folder = t.folder.display().to_string();
        state.trainer.tab = match t.view {
            TrainerView::Runs => trainer::Tab::Runs,
            TrainerView::Progress => trainer::Tab::Progress,
            TrainerView::Cases => trainer::Tab::Cases,
            TrainerView::Handout => trainer::Tab::HandOut,
        };
        state.trainer.load();
        if capture || t.select.is_some() || t.open.is_some() {
            state.trainer.wait();
        }
        let rows: Vec<usize> = state
            .trainer
            .sorted_runs()
            .iter()
            .map(|(i, _)| *i)
            .collect();
        if let Some(&row) = t.select.and_then(|n| rows.get(n)) {
            state.trainer.selected = Some(row);
        }
        if let Some(&row) = t.open.and_then(|n| rows.get(n)) {
            state.trainer.selected = Some(row);
            state.trainer.open(row);
        }
        if let Some(code) = t.live {
            state.trainer.tab = trainer::Tab::Live;
            state.trainer.live.code = code;
            let scenarios = state.scenarios.clone();
            state
                .trainer
                .live
                .start(&t.folder, &scenarios, state.settings.lang);
        }
    }
    if capture {
        // A picture for CI: draw every frame, with the background work done, so the frames count.
        state.wait_for_background();
        settings = WinitSettings::game();
    }
    App::new()
        .add_plugins(DefaultPlugins.set(WindowPlugin {
            primary_window: Some(Window {
                title: "OnTrack".into(),
                resolution: window_size::first_size(options.capture.window).into(),
                resize_constraints: WindowResizeConstraints {
                    min_width: 900.0,
                    min_height: 600.0,
                    ..default()
                },
                ..default()
            }),
            ..default()
        }))
        .insert_resource(Pacing {
            idle: (!capture).then_some((settings.focused_mode, settings.unfocused_mode)),
        })
        .insert_resource(settings)
        .add_plugins(EguiPlugin::default())
        .insert_resource(Ui(state))
        .insert_resource(window_size::AskedSize(options.capture.window))
        .init_resource::<KeepDrawing>()
        .insert_resource(Finish {
            started: options.started,
            screenshot: options.capture.screenshot,
            exit_after_frames: options.capture.exit_after_frames,
            frames: 0,
            shot_at: None,
            retakes: 0,
        })
        .add_systems(Startup, (spawn_camera, wake_on_live_requests))
        .add_systems(
            PreUpdate,
            drop_unchanged_modifiers
                .after(EguiPreUpdateSet::ProcessInput)
                .before(EguiPreUpdateSet::BeginPass),
        )
        .add_systems(
            Update,
            (
                tick,
                icon::set_window_icon,
                window_size::fit_to_screen,
                screenshot_keys,
                finish,
            ),
        )
        .add_systems(EguiPrimaryContextPass, draw)
        .add_systems(
            PostUpdate,
            redraw_after_new_glyphs.after(EguiPostUpdateSet::ProcessOutput),
        )
        .run();
}

/// Draws one frame more after egui's textures changed (a text with a glyph not drawn before at
/// this size, after a language or text size change, a new message): the frame that adds a glyph
/// to the font atlas can show it blank, as "Sessie  van 16" for a new digit, and an idle window
/// draws no frame after it by itself.
fn redraw_after_new_glyphs(
    outputs: Query<&bevy_egui::EguiRenderOutput>,
    mut redraw: MessageWriter<RequestRedraw>,
) {
    if outputs.iter().any(|o| !o.textures_delta.set.is_empty()) {
        redraw.write(RequestRedraw);
    }
}

fn spawn_camera(mut commands: Commands) {
    commands.spawn(Camera2d);
}

/// bevy_egui 0.42 tells egui the modifier keys on every frame as an event; egui answers any event
/// with a new frame, so the window would redraw for ever (measured: 140 % CPU while idle). Passing
/// the event on only when the modifiers changed keeps an idle window idle.
fn drop_unchanged_modifiers(
    mut inputs: Query<&mut EguiInput>,
    mut last: Local<Option<egui::Modifiers>>,
) {
    for mut input in &mut inputs {
        let mut current = *last;
        input.0.events.retain(|event| match event {
            egui::Event::ModifiersChanged(m) => {
                let changed = current != Some(*m);
                current = Some(*m);
                changed
            }
            _ => true,
        });
        *last = current;
    }
}

/// Lets a live class's server wake the window when a request arrives, and a trainee's link when
/// how it stands changes: the window draws on input only, so a class where nothing happens costs
/// no CPU, and an answer shows as it arrives.
fn wake_on_live_requests(proxy: Res<EventLoopProxyWrapper>, mut state: ResMut<Ui>) {
    let proxy = std::sync::Mutex::new((**proxy).clone());
    let waker: crate::live::server::Waker = std::sync::Arc::new(move || {
        if let Ok(proxy) = proxy.lock() {
            let _ = proxy.send_event(WinitUserEvent::WakeUp);
        }
    });
    // A class started from the command line runs already.
    if let Some(server) = &state.0.trainer.live.server {
        server.set_waker(std::sync::Arc::clone(&waker));
    }
    if let Some(link) = &state.0.live.link {
        link.set_waker(std::sync::Arc::clone(&waker));
    }
    state.0.live.waker = Some(std::sync::Arc::clone(&waker));
    state.0.trainer.live.waker = Some(waker);
}

/// The update modes (focused, unfocused) of an idle window, or `None` when every frame is drawn
/// anyway (capturing).
#[derive(Resource)]
struct Pacing {
    idle: Option<(UpdateMode, UpdateMode)>,
}

/// Frames still to draw after a screenshot was asked for: the picture is taken in the next frame
/// and saved in the one after, and an idle window draws none by itself.
#[derive(Resource, Default)]
struct KeepDrawing(u32);

/// Frame times while the reveal animates: frames, their sum and the longest, in seconds.
#[derive(Default)]
struct AnimationFrames(u32, f32, f32);

/// Advances animations, the demo and background work; asks for another frame while any runs.
/// Logs the frame times of each reveal animation (the heaviest drawing the app does).
fn tick(
    time: Res<Time>,
    mut state: ResMut<Ui>,
    mut redraw: MessageWriter<RequestRedraw>,
    mut frames: Local<AnimationFrames>,
    mut keep: ResMut<KeepDrawing>,
    mut settings: ResMut<WinitSettings>,
    pacing: Res<Pacing>,
) {
    let dt = time.delta_secs();
    let animating = state.0.run.reveal.is_some();
    state.0.tick(dt);
    if animating {
        frames.0 += 1;
        frames.1 += dt;
        frames.2 = frames.2.max(dt);
        if state.0.run.reveal.is_none() {
            info!(
                "reveal animation: {} frames, mean {:.1} ms, longest {:.1} ms",
                frames.0,
                1000.0 * frames.1 / frames.0 as f32,
                1000.0 * frames.2
            );
            *frames = AnimationFrames::default();
        }
    }
    if keep.0 > 0 {
        keep.0 -= 1;
    }
    if state.0.animating() || keep.0 > 0 {
        redraw.write(RequestRedraw);
    }
    // Background work (loading a folder, norming) only needs the screen looked at four times a
    // second for its progress; drawing every frame would take CPU from the work itself.
    if let Some((focused, unfocused)) = pacing.idle {
        let busy = UpdateMode::reactive(Duration::from_millis(250));
        let wanted = if state.0.busy() {
            (busy, busy)
        } else {
            (focused, unfocused)
        };
        if (settings.focused_mode, settings.unfocused_mode) != wanted {
            (settings.focused_mode, settings.unfocused_mode) = wanted;
        }
    }
}

/// F12 (or the screenshot button) saves the window as a PNG in the results folder; a trainer's
/// "save as picture" saves the part of it where the plot is.
fn screenshot_keys(
    keys: Res<ButtonInput<KeyCode>>,
    mut state: ResMut<Ui>,
    mut commands: Commands,
    mut keep: ResMut<KeepDrawing>,
) {
    if let Some((path, rect)) = state.0.trainer.plot_export.take() {
        keep.0 = 5;
        commands
            .spawn(Screenshot::primary_window())
            .observe(save_cropped(path, rect));
    }
    if !(keys.just_pressed(KeyCode::F12) || state.0.window.screenshot_requested) {
        return;
    }
    state.0.window.screenshot_requested = false;
    let stamp = jiff::Zoned::now().strftime("%Y%m%d-%H%M%S").to_string();
    let path = state.0.results_dir.join(format!("ontrack-{stamp}.png"));
    if let Err(e) = std::fs::create_dir_all(&state.0.results_dir) {
        let why = crate::cohort::reasons::OsError::from(&e).text(state.0.settings.lang);
        state.0.message = Some(format!("{}: {why}", state.0.results_dir.display()));
        return;
    }
    let saved = state.0.settings.tr().fmt(
        "screenshot-saved",
        &[("path", path.display().to_string().into())],
    );
    state.0.message = Some(saved);
    keep.0 = 5;
    commands
        .spawn(Screenshot::primary_window())
        .observe(save_to_disk(path));
}

/// Saves the `--screenshot` picture, unless every pixel has one colour: under a software renderer
/// the swap chain is now and then captured before the window was drawn into, and a blank picture is
/// taken again ten frames later (up to [`MAX_RETAKES`] times, then saved as it is, for CI to see).
fn save_unless_blank(path: PathBuf) -> impl FnMut(On<ScreenshotCaptured>, ResMut<Finish>) {
    move |captured, mut finish| {
        let Ok(image) = captured.image.clone().try_into_dynamic() else {
            error!(
                "cannot save {}: the screen format is not understood",
                path.display()
            );
            return;
        };
        let rgb = image.to_rgb8();
        let first = rgb.pixels().next().copied();
        if finish.retakes < MAX_RETAKES && rgb.pixels().all(|p| Some(*p) == first) {
            warn!("the screenshot came back blank; taking it again");
            finish.retakes += 1;
            finish.shot_at = None;
            return;
        }
        match rgb.save(&path) {
            Ok(()) => info!("screenshot saved to {}", path.display()),
            Err(e) => error!("cannot save {}: {e}", path.display()),
        }
    }
}

/// Saves the part of a screenshot inside `rect` (pixels) as a PNG file.
fn save_cropped(path: PathBuf, rect: egui::Rect) -> impl FnMut(On<ScreenshotCaptured>) {
    move |captured| {
        let Ok(image) = captured.image.clone().try_into_dynamic() else {
            error!(
                "cannot save {}: the screen format is not understood",
                path.display()
            );
            return;
        };
        let (x, y) = (rect.min.x.max(0.0) as u32, rect.min.y.max(0.0) as u32);
        let width = (rect.width().max(1.0) as u32).min(image.width().saturating_sub(x));
        let height = (rect.height().max(1.0) as u32).min(image.height().saturating_sub(y));
        match image.crop_imm(x, y, width, height).to_rgb8().save(&path) {
            Ok(()) => info!("plot saved to {}", path.display()),
            Err(e) => error!("cannot save {}: {e}", path.display()),
        }
    }
}

/// `--screenshot` and `--exit-after-frames`: take the picture, then quit once it is on disk.
fn finish(mut finish: ResMut<Finish>, mut commands: Commands, mut exit: MessageWriter<AppExit>) {
    finish.frames += 1;
    let Some(last) = finish
        .exit_after_frames
        .or(finish.screenshot.as_ref().map(|_| 60))
    else {
        return;
    };
    let frames = finish.frames;
    if finish.shot_at.is_none()
        && frames >= last + 10 * finish.retakes
        && let Some(path) = finish.screenshot.clone()
    {
        commands
            .spawn(Screenshot::primary_window())
            .observe(save_unless_blank(path));
        finish.shot_at = Some(frames);
    }
    let done = match (&finish.screenshot, finish.shot_at) {
        (Some(path), Some(at)) => path.exists() && frames > at + 2,
        (Some(_), None) => false,
        (None, _) => frames >= last,
    };
    if done {
        exit.write(AppExit::Success);
    }
}

/// Draws the current screen into the whole window (and logs when it first did).
fn draw(
    mut contexts: EguiContexts,
    mut state: ResMut<Ui>,
    finish: Res<Finish>,
    mut drawn: Local<bool>,
) -> Result {
    let ctx = contexts.ctx_mut()?;
    if !*drawn {
        *drawn = true;
        info!(
            "first frame drawn {} ms after the program started",
            finish.started.elapsed().as_millis()
        );
    }
    let mut root = egui::Ui::new(
        ctx.clone(),
        "root".into(),
        egui::UiBuilder::new()
            .layer_id(egui::LayerId::background())
            .max_rect(ctx.viewport_rect()),
    );
    egui::CentralPanel::default().show(&mut root, |ui| screens::app_ui(ui, &mut state.0));
    Ok(())
}
