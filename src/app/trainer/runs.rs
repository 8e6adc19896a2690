//! The runs tab: the table of runs, sortable by every column, with the class and the benchmark
//! forecasters pooled and pinned above it; below it the reliability diagrams.

use bevy_egui::egui;

use super::diagrams::diagrams;
use super::screen::save_picture;
use super::{Request, Summary, TrainerState, course_runs, is_drill};
use crate::app::headline::{Headline, headlines_ui};
use crate::app::screens::{drift_headline, signed_points};
use crate::app::settings::Tr;
use crate::cohort::Cohort;
use crate::cohort::table::reliability_lines;
use crate::cohort::views::SortKey;
use crate::forecast::Benchmark;
use crate::forecast::Forecaster;
use crate::score::ProbabilityScores;
use crate::teach::drill::drill_kind_of_id;
use crate::teach::text::kind_name;

/// Width of the table's columns, in points.
const NAME_WIDTH: f32 = 150.0;
const COLUMN_WIDTH: f32 = 62.0;

/// The table's columns after the trainee's name: header key and sort key.
const COLUMNS: [(&str, SortKey); 11] = [
    ("col-course", SortKey::Scenario),
    ("col-started", SortKey::Started),
    ("col-cases", SortKey::Cases),
    ("col-brier", SortKey::Brier),
    ("col-judgement", SortKey::JudgementCost),
    ("col-skill", SortKey::Skill),
    ("col-reliability-short", SortKey::Reliability),
    ("col-resolution", SortKey::Resolution),
    ("col-auc", SortKey::Auc),
    ("col-citl", SortKey::CalibrationInTheLarge),
    ("col-dprime", SortKey::DPrime),
];

/// What the trainer did in the table.
#[derive(Default)]
struct Clicked {
    sort: Option<SortKey>,
    select: Option<usize>,
    open: Option<usize>,
    csv: bool,
}

/// The table of runs with the pooled benchmark rows pinned above it, and the reliability diagrams.
/// Sorting and selecting happen at once; opening a run, exporting and saving a picture are asked.
pub(super) fn runs_ui(ui: &mut egui::Ui, tr: &Tr, trainer: &mut TrainerState) -> Option<Request> {
    let trainee = trainer.trainee_scores().cloned();
    let (Some(cohort), Some(summary)) = (&trainer.cohort, &trainer.summary) else {
        return None;
    };
    headlines_ui(ui, &class_headlines(tr, cohort, summary));
    ui.add_space(6.0);
    let mut clicked = Clicked {
        sort: header(ui, tr, trainer),
        ..Clicked::default()
    };
    pinned_rows(ui, tr, cohort, summary);
    ui.separator();
    run_rows(ui, tr, trainer, &mut clicked);
    ranking_notes(ui, tr, cohort);
    ui.horizontal(|ui| {
        if ui.button(tr.t("export-csv")).clicked() {
            clicked.csv = true;
        }
    });
    let png = diagrams(ui, tr, summary, trainee.as_ref(), cohort, trainer.selected);
    let picture = png.map(|rect| {
        let name = match trainer.selected.and_then(|i| cohort.runs.get(i)) {
            Some(r) => format!(
                "reliability-class-and-{}",
                crate::run::store::slug(&r.trainee)
            ),
            None => "reliability-class".to_string(),
        };
        save_picture(ui, name, rect)
    });
    if let Some(key) = clicked.sort {
        trainer.sort_by(key);
    }
    if let Some(i) = clicked.select {
        trainer.selected = Some(i);
    }
    let csv = clicked.csv.then_some(Request::ExportCsv);
    picture.or(csv).or(clicked.open.map(Request::Open))
}

/// The class's three numbers that matter, pooled over every run: the Brier score against the best
/// possible and the base rate, calibration, and drift spotted.
fn class_headlines(tr: &Tr, cohort: &Cohort, summary: &Summary) -> Vec<Headline> {
    let pooled = |who: Forecaster| {
        summary
            .pinned
            .iter()
            .find(|(w, _)| *w == who)
            .map(|(_, p)| p)
    };
    let brier = |who| pooled(who).map_or("—".to_string(), |p| tr.metric(&p.brier, 3));
    let class = pooled(Forecaster::Trainee);
    let citl = class.and_then(|p| p.calibration_in_the_large.as_ref().value().copied());
    let (hits, cases, false_alarms) = course_runs(cohort).fold((0, 0, 0), |(h, c, f), r| {
        let d = &r.scores.drift;
        (h + d.hits, c + d.signal_cases, f + d.false_alarms)
    });
    vec![
        Headline {
            title: tr.t("headline-class-brier"),
            number: brier(Forecaster::Trainee),
            context: tr.fmt(
                "headline-brier-context",
                &[
                    (
                        "ideal",
                        brier(Forecaster::Benchmark(Benchmark::Ideal)).into(),
                    ),
                    (
                        "base",
                        brier(Forecaster::Benchmark(Benchmark::BaseRate)).into(),
                    ),
                ],
            ),
        },
        Headline {
            title: tr.t("headline-class-judgement"),
            number: pooled_points(summary, Forecaster::Trainee).map_or("—".to_string(), |p| {
                tr.fmt("headline-points", &[("points", tr.number(p, 0).into())])
            }),
            context: tr.t("headline-judgement-context"),
        },
        Headline {
            title: tr.t("headline-calibration"),
            number: citl.map_or("—".to_string(), |c| signed_points(tr, c)),
            context: tr.t("headline-class-calibration-context"),
        },
        drift_headline(tr, hits, cases, false_alarms),
    ]
}

/// The pooled judgement cost of `who` in percentage points, if defined.
fn pooled_points(summary: &Summary, who: Forecaster) -> Option<f64> {
    summary
        .judgement
        .iter()
        .find(|(w, _)| *w == who)
        .and_then(|(_, j)| j.points.as_ref().value().copied())
}

/// What each course's ranking by the Brier score and by the judgement cost is worth, so a sorted
/// column is not read as a ranking where its differences are chance.
fn ranking_notes(ui: &mut egui::Ui, tr: &Tr, cohort: &Cohort) {
    for class in &cohort.rankings {
        let code = class
            .runs
            .first()
            .and_then(|&i| cohort.runs.get(i))
            .map_or(String::new(), |r| r.course_code.clone());
        ui.label(egui::RichText::new(code).small().strong());
        for line in reliability_lines(class, tr.lang) {
            ui.add(egui::Label::new(egui::RichText::new(line).small()).wrap());
        }
    }
}

/// The header: every column sorts; the arrow shows the column and direction. Returns the column
/// clicked.
fn header(ui: &mut egui::Ui, tr: &Tr, trainer: &TrainerState) -> Option<SortKey> {
    let mut sort = None;
    ui.horizontal(|ui| {
        let mark = |key: SortKey| {
            if trainer.sort == key {
                if trainer.descending { " ⏷" } else { " ⏶" }
            } else {
                ""
            }
        };
        let name = format!("{}{}", tr.t("col-trainee"), mark(SortKey::Trainee));
        if ui
            .add_sized([NAME_WIDTH, 20.0], egui::Button::new(name))
            .clicked()
        {
            sort = Some(SortKey::Trainee);
        }
        for (key, column) in COLUMNS {
            let text = format!("{}{}", tr.t(key), mark(column));
            if ui
                .add_sized([column_width(column), 20.0], egui::Button::new(text))
                .clicked()
            {
                sort = Some(column);
            }
        }
    });
    sort
}

/// Pinned: the class and the benchmarks, pooled over every run.
fn pinned_rows(ui: &mut egui::Ui, tr: &Tr, cohort: &Cohort, summary: &Summary) {
    for (who, p) in &summary.pinned {
        let name = match *who {
            Forecaster::Trainee => tr.t("row-class"),
            Forecaster::Benchmark(b) => tr.benchmark(b),
        };
        let points = pooled_points(summary, *who).map_or("—".to_string(), |p| tr.number(p, 0));
        ui.horizontal(|ui| {
            cell(ui, NAME_WIDTH, egui::RichText::new(name).strong());
            let cases: usize = course_runs(cohort).map(|r| r.scores.cases).sum();
            number_cells(
                ui,
                tr,
                &tr.t("all-runs"),
                "",
                &cases.to_string(),
                p,
                &points,
                "",
            );
        });
    }
    let drills = cohort.runs.iter().filter(|r| is_drill(r)).count();
    if drills > 0 {
        ui.label(
            egui::RichText::new(tr.fmt("drills-not-pooled", &[("drills", drills.into())])).small(),
        );
    }
}

/// One row per run, in the table's order: a click on the name selects, a double click or the
/// button opens.
fn run_rows(ui: &mut egui::Ui, tr: &Tr, trainer: &TrainerState, clicked: &mut Clicked) {
    let rows = trainer.sorted_runs();
    egui::ScrollArea::vertical()
        .id_salt("runs")
        .max_height(180.0)
        .show_rows(ui, 20.0, rows.len(), |ui, range| {
            for &(i, r) in rows.get(range).unwrap_or(&[]) {
                ui.horizontal(|ui| {
                    let chosen = trainer.selected == Some(i);
                    let label = ui.add_sized(
                        [NAME_WIDTH, 18.0],
                        egui::Button::selectable(chosen, super::live::row_name(tr, r)).truncate(),
                    );
                    if label.clicked() {
                        clicked.select = Some(i);
                    }
                    if label.double_clicked() {
                        clicked.open = Some(i);
                    }
                    let started = r.started.strftime("%Y-%m-%d").to_string();
                    let course = match drill_kind_of_id(&r.scenario_id) {
                        Some(kind) => {
                            format!("{}: {}", tr.t("level-drill"), kind_name(kind, tr.lang))
                        }
                        None => r.course_code.clone(),
                    };
                    number_cells(
                        ui,
                        tr,
                        &course,
                        &started,
                        &r.scores.cases.to_string(),
                        &r.scores.forecasts,
                        &tr.metric(&r.scores.judgement.points, 0),
                        &tr.metric(&r.scores.drift.d_prime, 2),
                    );
                    if ui.small_button(tr.t("open-run")).clicked() {
                        clicked.open = Some(i);
                    }
                });
            }
        });
}

fn cell(ui: &mut egui::Ui, width: f32, text: impl Into<egui::WidgetText>) {
    ui.add_sized([width, 18.0], egui::Label::new(text).truncate());
}

/// One row of numbers of the table (after the name); `judgement` is the judgement cost in points.
#[allow(clippy::too_many_arguments)] // one per column of the row
fn number_cells(
    ui: &mut egui::Ui,
    tr: &Tr,
    scenario: &str,
    started: &str,
    cases: &str,
    p: &ProbabilityScores,
    judgement: &str,
    dprime: &str,
) {
    cell(ui, column_width(SortKey::Scenario), scenario);
    cell(ui, column_width(SortKey::Started), started);
    cell(ui, COLUMN_WIDTH, cases);
    cell(ui, COLUMN_WIDTH, tr.metric(&p.brier, 3));
    cell(ui, COLUMN_WIDTH, judgement);
    cell(ui, COLUMN_WIDTH, tr.metric(&p.brier_skill, 2));
    cell(ui, COLUMN_WIDTH, tr.metric(&p.reliability, 3));
    cell(ui, COLUMN_WIDTH, tr.metric(&p.resolution, 3));
    cell(ui, COLUMN_WIDTH, tr.metric(&p.auc, 2));
    cell(ui, COLUMN_WIDTH, tr.metric(&p.calibration_in_the_large, 2));
    cell(ui, COLUMN_WIDTH, dprime);
}

fn column_width(key: SortKey) -> f32 {
    match key {
        SortKey::Scenario => COLUMN_WIDTH * 1.6,
        SortKey::Started => COLUMN_WIDTH * 1.4,
        _ => COLUMN_WIDTH,
    }
}
