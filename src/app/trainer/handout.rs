//! The hand-out tab: a scenario and a seed give the course code, and an instruction sheet to print.

use std::sync::Arc;

use bevy_egui::egui;

use super::{Request, TrainerState};
use crate::app::settings::Tr;
use crate::app::theme;
use crate::cohort::handout::{deteriorating, stopped_early, teaching_seed};
use crate::scenario::{Lang, Scenario};

/// Hand out a course: a scenario and a seed give the course code, and a sheet to print.
/// Saving a sheet is asked.
pub(super) fn handout_ui(
    ui: &mut egui::Ui,
    tr: &Tr,
    trainer: &mut TrainerState,
    scenarios: &[Arc<Scenario>],
) -> Option<Request> {
    ui.label(tr.t("handout-help"));
    let lang = tr.lang;
    let current = scenarios
        .get(trainer.handout_scenario)
        .map_or(String::new(), |s| s.file.title.get(lang).to_string());
    egui::ComboBox::from_id_salt("handout-scenario")
        .selected_text(current)
        .width(420.0)
        .show_ui(ui, |ui| {
            for (i, s) in scenarios.iter().enumerate() {
                ui.selectable_value(&mut trainer.handout_scenario, i, s.file.title.get(lang));
            }
        });
    ui.horizontal(|ui| {
        ui.label(tr.t("seed"));
        ui.add(
            egui::TextEdit::singleline(&mut trainer.handout_seed)
                .desired_width(100.0)
                .hint_text("0–32767"),
        );
        if ui.button(tr.t("new-seed")).clicked()
            && let Some(s) = scenarios.get(trainer.handout_scenario)
        {
            // The clock gives a seed nobody has to think up; the first from there whose cases
            // include a client who deteriorates, or the course cannot teach what it is about.
            let start = crate::run::code::clock_seed();
            trainer.handout_seed = teaching_seed(s, start).unwrap_or(start).to_string();
        }
    });
    let s = scenarios.get(trainer.handout_scenario)?;
    let seed = trainer.handout_seed.trim();
    if seed.is_empty() {
        ui.label(tr.t("seed-needed"));
        return None;
    }
    let code = seed
        .parse::<u64>()
        .map_err(|_| tr.t("seed-not-a-number"))
        .and_then(|seed| {
            crate::run::code::encode(&s.course_prefix(), seed)
                .map_err(|e| crate::run::words::code_error_text(&e, lang))
        });
    let code = match code {
        Err(e) => {
            ui.colored_label(theme::ERROR, format!("⚠ {e}"));
            return None;
        }
        Ok(code) => code,
    };
    ui.label(egui::RichText::new(&code).size(48.0).strong().monospace());
    if seed.parse().is_ok_and(|seed| deteriorating(s, seed) == 0) {
        ui.colored_label(
            theme::ERROR,
            format!("⚠ {}", tr.t("handout-no-deterioration")),
        );
    }
    if let Ok(seed) = seed.parse() {
        let stopped: Vec<String> = stopped_early(s, seed)
            .iter()
            .map(|i| (i + 1).to_string())
            .collect();
        if !stopped.is_empty() {
            ui.add(
                egui::Label::new(tr.fmt(
                    "cohort-stopped-early",
                    &[
                        ("stopped", stopped.len().into()),
                        ("which", stopped.join(", ").into()),
                    ],
                ))
                .wrap(),
            );
        }
    }
    let mut asked = None;
    ui.horizontal(|ui| {
        for (lang, key) in [(Lang::Nl, "save-sheet-nl"), (Lang::En, "save-sheet-en")] {
            if ui.button(tr.t(key)).clicked() {
                asked = Some(Request::SaveSheet {
                    scenario: Arc::clone(s),
                    code: code.clone(),
                    lang,
                });
            }
        }
    });
    asked
}
