//! The start screen: language, pseudonym, scenario or course code, and unfinished runs to resume.

use bevy_egui::egui;

use crate::app::state::AppState;

pub fn start_ui(ui: &mut egui::Ui, state: &mut AppState) {
    ui.heading(state.t("app-title"));
    ui.add_space(8.0);
    ui.horizontal(|ui| {
        ui.label(state.t("pseudonym"));
        let hint = state.t("pseudonym-hint");
        ui.add(egui::TextEdit::singleline(&mut state.start.pseudonym).hint_text(hint));
    });
    ui.add_space(8.0);
    ui.label(egui::RichText::new(state.t("scenario")).strong());
    let tr = state.settings.tr();
    let mut chosen = state.start.selected;
    for (i, s) in state.scenarios.iter().enumerate() {
        let f = &s.file;
        let line = tr.fmt(
            "scenario-line",
            &[
                ("cases", f.cases_per_run.into()),
                ("sessions", f.sessions.into()),
                ("measure", f.measure.name.clone().into()),
                ("minutes", f.minutes.into()),
            ],
        );
        let label = format!("{}\n{line}", f.title.get(tr.lang));
        if ui.selectable_label(chosen == i, label).clicked() {
            chosen = i;
        }
    }
    state.start.selected = chosen;
    ui.horizontal(|ui| {
        ui.label(state.t("course-code"));
        let hint = state.t("course-code-hint");
        ui.add(egui::TextEdit::singleline(&mut state.start.course_code).hint_text(hint));
    });
    crate::app::live::join_ui(ui, state);
    ui.add_space(8.0);
    ui.label(format!(
        "{} {}",
        state.t("results-folder"),
        state.results_dir.display()
    ));
    ui.add_space(8.0);
    if ui.button(state.t("start")).clicked() {
        state.start_run();
    }
    let resumable = state.start.resumable.clone();
    for path in resumable {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        if ui
            .button(format!("{}: {name}", state.t("resume")))
            .clicked()
        {
            state.resume(&path);
        }
    }
    ui.add_space(16.0);
    ui.separator();
    if ui.button(state.t("trainer")).clicked() {
        state.screen = crate::app::state::Screen::Trainer;
    }
    if let Some(message) = &state.message {
        ui.colored_label(egui::Color32::from_rgb(0xb0, 0x30, 0x30), message);
    }
}
