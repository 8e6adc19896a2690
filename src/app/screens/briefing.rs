//! The briefing: the scenario, the measure explained, what will be asked, and how scoring works;
//! Begin (Enter), or back to the start screen (Escape).

use bevy_egui::egui;

use crate::app::practice::{drill_note, mix_sentence};
use crate::app::state::{AppState, Screen};
use crate::app::theme;

pub fn briefing_ui(ui: &mut egui::Ui, state: &mut AppState) {
    // Lines of a readable length, and never wider than the window (at text size 2 in a small
    // window 820 points ran off its right edge).
    ui.set_max_width(ui.available_width().min(820.0));
    let Some(session) = state.run.session.as_ref() else {
        state.screen = crate::app::state::Screen::Start;
        return;
    };
    let tr = state.settings.tr();
    let lang = tr.lang;
    let f = &session.run().scenario().file;
    let m = &f.measure;
    let direction = state.t(if m.higher_is_worse {
        "higher-worse"
    } else {
        "higher-better"
    });
    let rules = tr.fmt(
        "measure-rules",
        &[
            ("cutoff", m.clinical_cutoff.value.into()),
            ("rci", m.reliable_change.value.into()),
            ("direction", direction.into()),
        ],
    );
    let checkpoints: Vec<String> = f
        .checkpoints
        .iter()
        .filter(|c| **c > 0)
        .map(|c| c.to_string())
        .collect();
    let asked = tr.fmt(
        "what-asked-text",
        &[("checkpoints", checkpoints.join(", ").into())],
    );
    let title = f.title.get(lang).to_string();
    let briefing = f.briefing.get(lang).to_string();
    let measure = format!("{} — {}", state.t("measure"), m.name);
    let explanation = m.explanation.get(lang).to_string();
    // A drill says what it has more of, before the scenario's own briefing.
    let drill = drill_note(&tr, &f.id).map(|note| match &state.practice.found {
        Some(Ok(o)) if o.drill.file.id == f.id => mix_sentence(&tr, o),
        _ => note,
    });
    let mut begin = false;
    let mut back = false;
    egui::ScrollArea::vertical().show(ui, |ui| {
        back = ui
            .button(format!("⏴ {}", state.t("briefing-back")))
            .clicked();
        ui.heading(title);
        if let Some(drill) = drill {
            theme::card(ui)
                .stroke(egui::Stroke::new(2.0, theme::PICKED))
                .show(ui, |ui| {
                    ui.add(egui::Label::new(egui::RichText::new(drill).strong()).wrap());
                });
        }
        ui.label(briefing);
        ui.add_space(8.0);
        ui.label(egui::RichText::new(measure).strong());
        ui.label(explanation);
        ui.label(rules);
        ui.add_space(8.0);
        ui.label(egui::RichText::new(state.t("what-asked")).strong());
        ui.label(asked);
        ui.add_space(8.0);
        ui.label(egui::RichText::new(state.t("scoring")).strong());
        ui.label(state.t("scoring-text"));
        ui.add_space(12.0);
        let button = egui::Button::new(egui::RichText::new(state.t("begin")).strong())
            .min_size(egui::vec2(140.0, 2.0 * ui.spacing().interact_size.y));
        begin = ui.add(button).clicked();
    });
    // Enter begins, as the button says (not when a button has the keyboard: it takes the Enter).
    begin |= super::enter_pressed(ui);
    back |= ui.input(|i| i.key_pressed(egui::Key::Escape));
    if back {
        state.leave_briefing();
    } else if begin {
        state.screen = Screen::Case;
    }
}
