//! One function per screen, each drawing into a `Ui` from the plain [`AppState`], so tests drive
//! them without a window.

mod briefing;
mod case;
mod debrief;
pub mod explain;
mod start;

use bevy_egui::egui;

pub use briefing::briefing_ui;
pub use case::case_ui;
pub use debrief::debrief_ui;
pub use start::start_ui;

use super::state::{AppState, Screen};
use super::theme;
use crate::scenario::Lang;

/// Smallest and largest text size, as a factor.
const TEXT_SCALES: (f32, f32) = (0.8, 2.0);

/// Draws the bar of settings and the current screen.
pub fn app_ui(ui: &mut egui::Ui, state: &mut AppState) {
    theme::apply(
        ui.ctx(),
        state.settings.high_contrast,
        state.settings.text_scale,
    );
    settings_bar(ui, state);
    super::live::status_ui(ui, state);
    ui.separator();
    egui::ScrollArea::vertical()
        .id_salt("screen")
        .auto_shrink([false, false])
        .show(ui, |ui| match state.screen {
            Screen::Start => start_ui(ui, state),
            Screen::Briefing => briefing_ui(ui, state),
            Screen::Case => case_ui(ui, state),
            Screen::Debrief => debrief_ui(ui, state),
            Screen::Trainer => crate::app::trainer::trainer_ui(ui, state),
        });
}

/// Language, text size, contrast and screenshot: on every screen, top right.
fn settings_bar(ui: &mut egui::Ui, state: &mut AppState) {
    ui.horizontal(|ui| {
        ui.label(egui::RichText::new("OnTrack").strong());
        if state.demo.is_some() {
            ui.label(egui::RichText::new(state.t("demo-running")).italics());
        }
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            if ui
                .button("📷")
                .on_hover_text(state.t("screenshot"))
                .clicked()
            {
                state.window.screenshot_requested = true;
            }
            let settings = &mut state.settings;
            let contrast = settings.tr().t("high-contrast");
            ui.toggle_value(&mut settings.high_contrast, format!("◑ {contrast}"));
            let (low, high) = TEXT_SCALES;
            if ui
                .add_enabled(settings.text_scale < high, egui::Button::new("A+"))
                .on_hover_text(settings.tr().t("text-larger"))
                .clicked()
            {
                settings.text_scale = (settings.text_scale + 0.1).min(high);
            }
            if ui
                .add_enabled(settings.text_scale > low, egui::Button::new("A−"))
                .on_hover_text(settings.tr().t("text-smaller"))
                .clicked()
            {
                settings.text_scale = (settings.text_scale - 0.1).max(low);
            }
            ui.radio_value(&mut settings.lang, Lang::En, "English");
            ui.radio_value(&mut settings.lang, Lang::Nl, "Nederlands");
            ui.label(state.t("language"));
        });
    });
}
