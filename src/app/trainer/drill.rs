//! The drill-down: a run opened from the table, case by case, with the trainee's forecasts beside
//! the benchmarks' and the course of the case.

use crate::debrief::{CaseForecasts, CheckpointForecast};
use bevy_egui::egui;
use egui_plot::{Line, MarkerShape, PlotPoints, Points};

use super::{Drill, TrainerState};
use crate::app::plots::{Course, Key, Mark, course_legend, legend_ui, percent_plot, trajectory};
use crate::app::screens::{against_best_ui, judgement_ui};
use crate::app::settings::Tr;
use crate::app::theme;

/// A run opened: its cases, each with the trainee's forecasts beside the benchmarks' and the course.
pub(super) fn drill_ui(ui: &mut egui::Ui, tr: &Tr, trainer: &mut TrainerState) {
    let Some(cohort) = &trainer.cohort else {
        return;
    };
    let Some(Drill {
        run,
        replayed,
        case,
        actuarial,
        ..
    }) = &trainer.drill
    else {
        return;
    };
    let Some(r) = cohort.runs.get(*run) else {
        return;
    };
    let mut back = false;
    let mut choose: Option<usize> = None;
    ui.horizontal(|ui| {
        if ui.button(tr.t("back-to-table")).clicked() {
            back = true;
        }
        ui.label(
            egui::RichText::new(format!(
                "{} — {} ({}) — {}",
                r.trainee,
                r.scenario_id,
                r.course_code,
                r.started.strftime("%Y-%m-%d %H:%M")
            ))
            .strong(),
        );
    });
    ui.horizontal_wrapped(|ui| {
        for c in &r.scores.case_forecasts {
            let symbol = if c.deteriorated { "⏷" } else { "" };
            // A case whose client stopped before a checkpoint: fewer forecasts, none missing.
            let symbol = if c.stopped_after.is_some() {
                format!("{symbol}⏹")
            } else {
                symbol.to_string()
            };
            let label = tr.fmt("case-button", &[("n", (c.case + 1).into())]);
            if ui
                .selectable_label(*case == c.case, format!("{label}{symbol}"))
                .clicked()
            {
                choose = Some(c.case);
            }
        }
    });
    let s = replayed.scenario();
    if let Some(full) = replayed.revealed(*case) {
        ui.label(theme::outcome_label(tr, full.outcome));
        ui.columns(2, |cols| {
            let [left, right] = cols else { return };
            let onset = full.hidden.drift.map(|d| d.onset);
            let rule = actuarial.as_deref();
            course_legend(left, tr, s, rule.is_some(), onset.is_some());
            let course = Course {
                id: "drill-trajectory",
                scores: &full.scores,
                drift_onset: onset,
                picked: None,
                height: 260.0,
            };
            trajectory(left, tr, s, rule, &course);
            if let Some(c) = r.scores.case_forecasts.iter().find(|c| c.case == *case) {
                forecasts_plot(right, tr, c);
                if let Some(last) = c.stopped_after {
                    let which: Vec<String> = c.absent.iter().map(u32::to_string).collect();
                    right.add(
                        egui::Label::new(tr.fmt(
                            "drill-stopped",
                            &[("last", last.into()), ("which", which.join(", ").into())],
                        ))
                        .wrap(),
                    );
                }
            }
        });
    }
    // How far this run's forecasts lay from the best possible ones; a far-off forecast opens its case.
    ui.separator();
    ui.columns(2, |cols| {
        let [left, right] = cols else { return };
        theme::plain(left, |ui| judgement_ui(ui, tr, &r.scores));
        theme::plain(right, |ui| {
            if let Some(c) = against_best_ui(ui, tr, &r.scores).clicked {
                choose = Some(c);
            }
        });
    });
    if back {
        trainer.drill = None;
    } else if let (Some(c), Some(d)) = (choose, trainer.drill.as_mut()) {
        d.case = c;
    }
}

/// The forecasts at each checkpoint of one case: the trainee's, the ideal and the actuarial ones,
/// against the outcome (a line at 100 % or 0 %).
fn forecasts_plot(ui: &mut egui::Ui, tr: &Tr, c: &CaseForecasts) {
    let series = |pick: fn(&CheckpointForecast) -> f64| -> Vec<[f64; 2]> {
        c.forecasts
            .iter()
            .map(|f| [f64::from(f.checkpoint), pick(f) * 100.0])
            .collect()
    };
    let last = c.forecasts.iter().map(|f| f.checkpoint).max().unwrap_or(0);
    let truth = if c.deteriorated { 100.0 } else { 0.0 };
    legend_ui(
        ui,
        &[
            Key::new(Mark::Line, egui::Color32::GRAY, tr.t("outcome")),
            Key::new(Mark::Dot, theme::YOU, tr.t("your-forecast")),
            Key::new(Mark::Diamond, theme::BETTER, tr.t("ideal-forecast")),
            Key::new(Mark::Square, theme::EXPECTED, tr.t("actuarial-forecast")),
        ],
    );
    percent_plot(ui, "drill-forecasts", tr, "axis-session", 260.0).show(ui, |plot| {
        plot.line(
            Line::new(
                tr.t("outcome"),
                PlotPoints::from(vec![[0.0, truth], [f64::from(last), truth]]),
            )
            .color(egui::Color32::GRAY)
            .width(3.0),
        );
        for (name, colour, shape, pick) in [
            (
                tr.t("your-forecast"),
                theme::YOU,
                MarkerShape::Circle,
                (|f: &CheckpointForecast| f.trainee) as fn(&CheckpointForecast) -> f64,
            ),
            (
                tr.t("ideal-forecast"),
                theme::BETTER,
                MarkerShape::Diamond,
                |f| f.ideal,
            ),
            (
                tr.t("actuarial-forecast"),
                theme::EXPECTED,
                MarkerShape::Square,
                |f| f.actuarial,
            ),
        ] {
            let points = series(pick);
            plot.line(Line::new(name.clone(), PlotPoints::from(points.clone())).color(colour));
            plot.points(
                Points::new(name, PlotPoints::from(points))
                    .color(colour)
                    .shape(shape)
                    .filled(true)
                    .radius(5.0),
            );
        }
    });
}
