//! One function per screen, each drawing into a `Ui` from the plain [`AppState`], so tests drive
//! them without a window.

mod briefing;
mod case;
mod debrief;
mod start;

use bevy_egui::egui;

pub use briefing::briefing_ui;
pub use case::case_ui;
pub use debrief::debrief_ui;
pub use start::start_ui;

use super::state::{AppState, Screen};

/// Draws the current screen.
pub fn app_ui(ui: &mut egui::Ui, state: &mut AppState) {
    match state.screen {
        Screen::Start => start_ui(ui, state),
        Screen::Briefing => briefing_ui(ui, state),
        Screen::Case => case_ui(ui, state),
        Screen::Debrief => debrief_ui(ui, state),
    }
}
