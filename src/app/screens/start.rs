//! The start screen: an unfinished run first, with "continue"; the pseudonym and course code; the
//! scenarios as cards; start; and the other ways in (the trainer station). Each part is one call in
//! [`start_ui`], so another entry is one more line there.

use bevy_egui::egui;

use super::scenario_cards::scenario_cards_ui;
use crate::app::state::{AppState, Screen};
use crate::app::theme;

pub fn start_ui(ui: &mut egui::Ui, state: &mut AppState) {
    ui.heading(state.t("app-title"));
    ui.add_space(6.0);
    unfinished_ui(ui, state);
    who_ui(ui, state);
    scenarios_ui(ui, state);
    crate::app::live::join_ui(ui, state);
    start_row(ui, state);
    ui.add_space(12.0);
    ui.separator();
    trainer_entry(ui, state);
}

/// Unfinished runs, newest first, each a card with "continue".
fn unfinished_ui(ui: &mut egui::Ui, state: &mut AppState) {
    let resumable = state.start.resumable.clone();
    for path in resumable {
        let name = path
            .file_stem()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let mut go = false;
        theme::card(ui)
            .stroke(egui::Stroke::new(2.0, theme::PICKED))
            .show(ui, |ui| {
                ui.set_width(ui.available_width());
                ui.horizontal_wrapped(|ui| {
                    ui.label(theme::title(state.t("unfinished-run")));
                    ui.label(name);
                });
                go = ui
                    .button(egui::RichText::new(format!("▶ {}", state.t("resume"))).strong())
                    .clicked();
            });
        if go {
            state.resume(&path);
        }
        ui.add_space(6.0);
    }
}

/// The pseudonym and the course code.
fn who_ui(ui: &mut egui::Ui, state: &mut AppState) {
    egui::Grid::new("who").num_columns(2).show(ui, |ui| {
        ui.label(state.t("pseudonym"));
        let hint = state.t("pseudonym-hint");
        ui.add(egui::TextEdit::singleline(&mut state.start.pseudonym).hint_text(hint));
        ui.end_row();
        ui.label(state.t("course-code"));
        let hint = state.t("course-code-hint");
        ui.add(egui::TextEdit::singleline(&mut state.start.course_code).hint_text(hint));
        ui.end_row();
    });
    ui.add_space(8.0);
}

/// The scenarios as cards.
fn scenarios_ui(ui: &mut egui::Ui, state: &mut AppState) {
    ui.label(theme::title(state.t("scenario")));
    let tr = state.settings.tr();
    state.start.selected = scenario_cards_ui(ui, &tr, &state.scenarios, state.start.selected);
}

/// Start, where the results go, and what went wrong.
fn start_row(ui: &mut egui::Ui, state: &mut AppState) {
    ui.add_space(8.0);
    ui.horizontal_wrapped(|ui| {
        let start = egui::Button::new(egui::RichText::new(state.t("start")).strong())
            .min_size(egui::vec2(140.0, 2.0 * ui.spacing().interact_size.y));
        if ui.add(start).clicked() {
            state.start_run();
        }
        ui.label(
            egui::RichText::new(format!(
                "{} {}",
                state.t("results-folder"),
                state.results_dir.display()
            ))
            .small(),
        );
    });
    if let Some(message) = &state.message {
        ui.colored_label(theme::ERROR, format!("⚠ {message}"));
    }
}

/// The trainer station.
fn trainer_entry(ui: &mut egui::Ui, state: &mut AppState) {
    if ui.button(state.t("trainer")).clicked() {
        state.screen = Screen::Trainer;
    }
}
