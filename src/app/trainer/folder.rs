//! The folder row of the trainer station: the results folder to load, the loading's progress, and
//! what the loaded cohort holds, with the files that could not be used.

use std::sync::atomic::Ordering;

use bevy_egui::egui;

use super::{Request, TrainerState, trainee_names};
use crate::app::settings::Tr;
use crate::app::theme;
use crate::cohort::Cohort;

/// The folder to load, its progress, and what could not be read; asks for the dialog or the load.
/// When `compact` (a low window), the folder's field follows on the row the caller began, and
/// what the folder holds is one line that unfolds.
pub(super) fn folder_row(
    ui: &mut egui::Ui,
    tr: &Tr,
    trainer: &mut TrainerState,
    compact: bool,
) -> Option<Request> {
    let mut asked = None;
    let mut field = |ui: &mut egui::Ui| {
        ui.label(tr.t("trainer-folder"));
        let edit = ui.add(
            egui::TextEdit::singleline(&mut trainer.folder)
                .desired_width((ui.available_width() * 0.6).min(420.0))
                .hint_text(tr.t("trainer-folder-hint")),
        );
        let enter = edit.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
        if ui.button(tr.t("choose-folder")).clicked() {
            asked = Some(Request::ChooseFolder);
        }
        let load = ui.add_enabled(!trainer.is_loading(), egui::Button::new(tr.t("load")));
        if load.clicked() || enter {
            asked = Some(Request::Load);
        }
    };
    if compact {
        field(ui);
        ui.end_row();
    } else {
        ui.horizontal_wrapped(field);
    }
    if trainer.is_loading() {
        loading_progress(ui, tr, trainer);
    }
    if let Some(error) = &trainer.error {
        ui.colored_label(theme::ERROR, format!("⚠ {error}"));
    }
    if let Some(cohort) = &trainer.cohort {
        if compact {
            cohort_line(ui, tr, cohort, trainer.load_seconds);
        } else {
            cohort_summary(ui, tr, cohort, trainer.load_seconds);
        }
    }
    asked
}

/// What the folder holds on one line that unfolds to the files not used and the other entries
/// (a low window, where the table must start in view).
fn cohort_line(ui: &mut egui::Ui, tr: &Tr, cohort: &Cohort, load_seconds: Option<f64>) {
    let trainees = trainee_names(cohort).len();
    let line = tr.fmt(
        "cohort-line",
        &[
            ("runs", cohort.runs.len().into()),
            ("trainees", trainees.into()),
            ("rejected", cohort.rejected.len().into()),
            ("others", cohort.others.len().into()),
            (
                "seconds",
                tr.number(load_seconds.unwrap_or(f64::NAN), 1).into(),
            ),
        ],
    );
    let mut text = egui::RichText::new(line).small();
    if !cohort.rejected.is_empty() {
        text = text.color(theme::ERROR);
    }
    egui::CollapsingHeader::new(text)
        .id_salt("trainer-cohort-line")
        .default_open(false)
        .show(ui, |ui| {
            for r in &cohort.rejected {
                ui.add(egui::Label::new(format!("⚠ {}", r.reason.text(tr.lang))).wrap());
            }
            for r in &cohort.others {
                ui.add(egui::Label::new(format!("· {}", r.reason.text(tr.lang))).wrap());
            }
        });
}

/// Files read so far of how many, then that the runs are scored.
fn loading_progress(ui: &mut egui::Ui, tr: &Tr, trainer: &TrainerState) {
    let done = trainer.progress.done.load(Ordering::Relaxed);
    let total = trainer.progress.total.load(Ordering::Relaxed);
    ui.horizontal(|ui| {
        if total > 0 && done < total {
            ui.add(
                egui::ProgressBar::new(done as f32 / total as f32)
                    .desired_width(300.0)
                    .text(tr.fmt(
                        "reading-files",
                        &[("done", done.into()), ("total", total.into())],
                    )),
            );
        } else {
            ui.label(tr.t("scoring-runs"));
        }
    });
}

/// How many runs and trainees were loaded in how long, and the files that could not be used.
fn cohort_summary(ui: &mut egui::Ui, tr: &Tr, cohort: &Cohort, load_seconds: Option<f64>) {
    let trainees = trainee_names(cohort).len();
    ui.label(tr.fmt(
        "cohort-summary",
        &[
            ("runs", cohort.runs.len().into()),
            ("trainees", trainees.into()),
            ("rejected", cohort.rejected.len().into()),
            (
                "seconds",
                tr.number(load_seconds.unwrap_or(f64::NAN), 1).into(),
            ),
        ],
    ));
    if !cohort.rejected.is_empty() {
        egui::CollapsingHeader::new(
            egui::RichText::new(tr.fmt("warnings", &[("n", cohort.rejected.len().into())]))
                .color(theme::ERROR),
        )
        .default_open(false)
        .show(ui, |ui| {
            for r in &cohort.rejected {
                ui.add(egui::Label::new(format!("⚠ {}", r.reason.text(tr.lang))).wrap());
            }
        });
    }
    // Every entry of the folder is accounted for: what is neither a run nor a broken run file
    // (a folder, a link, a lock, a receipt, any other file) is listed with what it is.
    if !cohort.others.is_empty() {
        egui::CollapsingHeader::new(tr.fmt("trainer-others", &[("n", cohort.others.len().into())]))
            .id_salt("trainer-others")
            .default_open(false)
            .show(ui, |ui| {
                for r in &cohort.others {
                    ui.add(egui::Label::new(format!("· {}", r.reason.text(tr.lang))).wrap());
                }
            });
    }
}
