//! The progress tab: Brier score and miscalibration per course day, for the class or one trainee.

use bevy_egui::egui;

use super::screen::{header_row, save_picture};
use super::{Request, TrainerState, trainee_names};
use crate::app::plots::{RunPoint, progress_plot};
use crate::app::settings::Tr;

/// Brier score and miscalibration per course day, for the class or one trainee.
/// Saving the plot as a picture is asked.
pub(super) fn progress_ui(
    ui: &mut egui::Ui,
    tr: &Tr,
    trainer: &mut TrainerState,
) -> Option<Request> {
    let Some(cohort) = &trainer.cohort else {
        return None;
    };
    let names = trainee_names(cohort);
    let class = tr.t("row-class");
    let mut chosen = trainer.progress_of.clone();
    egui::ComboBox::from_id_salt("progress-of")
        .selected_text(chosen.clone().unwrap_or(class.clone()))
        .show_ui(ui, |ui| {
            ui.selectable_value(&mut chosen, None, class.clone());
            for n in &names {
                ui.selectable_value(&mut chosen, Some((*n).to_string()), *n);
            }
        });
    trainer.progress_of = chosen.clone();
    let days = trainer.progress_points().to_vec();
    let points: Vec<RunPoint> = days
        .iter()
        .enumerate()
        .filter_map(|(i, d)| {
            RunPoint::of(i + 1, &d.brier, &d.brier_ci, &d.reliability, &d.judgement)
        })
        .collect();
    egui::Grid::new("progress-days")
        .striped(true)
        .show(ui, |ui| {
            header_row(
                ui,
                tr,
                &[
                    "col-day",
                    "col-date",
                    "col-runs",
                    "col-brier",
                    "col-reliability-short",
                    "col-judgement-cost",
                ],
            );
            for (i, d) in days.iter().enumerate() {
                ui.label((i + 1).to_string());
                ui.label(d.day.to_string());
                ui.label(d.runs.to_string());
                ui.label(tr.metric(&d.brier, 3));
                ui.label(tr.metric(&d.reliability, 3));
                ui.label(tr.metric(&d.judgement, 4));
                ui.end_row();
            }
        });
    let who = chosen.clone().unwrap_or(class);
    let rect = progress_plot(
        ui,
        "class-progress",
        (
            &who,
            &tr.t("col-reliability-short"),
            &tr.t("col-judgement-cost"),
        ),
        &points,
    );
    ui.label(egui::RichText::new(tr.t("trainer-progress-help")).small());
    if !ui.button(tr.t("save-png")).clicked() {
        return None;
    }
    let name = match &chosen {
        Some(n) => format!("progress-{}", crate::run::store::slug(n)),
        None => "progress-class".to_string(),
    };
    Some(save_picture(ui, name, rect.expand(4.0)))
}
