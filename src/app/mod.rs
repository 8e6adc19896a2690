//! The trainee app: a bevy window with egui screens over the core's run state machine. It redraws
//! only on input (bevy's desktop-app update mode), so an idle window costs no CPU.

pub mod i18n;
pub mod screens;
pub mod state;

use std::path::PathBuf;
use std::sync::Arc;

use bevy::prelude::*;
use bevy::winit::WinitSettings;
use bevy_egui::{EguiContexts, EguiPlugin, EguiPrimaryContextPass, egui};

use crate::scenario::{Lang, Scenario};
pub use state::{AppState, Screen};

/// The app's state as a bevy resource.
#[derive(Resource)]
struct Ui(AppState);

/// Opens the window and runs the app until it is closed.
pub fn run(scenarios: Vec<Arc<Scenario>>, results_dir: PathBuf) {
    let state = AppState::new(scenarios, results_dir, Lang::Nl);
    App::new()
        .add_plugins(DefaultPlugins.set(WindowPlugin {
            primary_window: Some(Window {
                title: "OnTrack".into(),
                resize_constraints: WindowResizeConstraints {
                    min_width: 900.0,
                    min_height: 600.0,
                    ..default()
                },
                ..default()
            }),
            ..default()
        }))
        .insert_resource(WinitSettings::desktop_app())
        .add_plugins(EguiPlugin::default())
        .insert_resource(Ui(state))
        .add_systems(Startup, spawn_camera)
        .add_systems(EguiPrimaryContextPass, draw)
        .run();
}

fn spawn_camera(mut commands: Commands) {
    commands.spawn(Camera2d);
}

/// Draws the current screen into the whole window.
fn draw(mut contexts: EguiContexts, mut state: ResMut<Ui>) -> Result {
    let ctx = contexts.ctx_mut()?;
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
