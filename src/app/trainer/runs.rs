//! The runs tab: the table of runs, sortable by every column, with the class and the benchmark
//! forecasters pooled and pinned above it; below it the reliability diagrams.

use bevy_egui::egui;

use super::diagrams::diagrams;
use super::screen::save_picture;
use super::{Request, Summary, TrainerState, course_runs, is_drill};
use crate::app::headline::{Headline, headlines_compact_ui, headlines_ui};
use crate::app::screens::{drift_headline, signed_points};
use crate::app::settings::Tr;
use crate::app::table::{Align, Table, text_width};
use crate::cohort::Cohort;
use crate::cohort::table::reliability_lines;
use crate::cohort::views::SortKey;
use crate::forecast::Benchmark;
use crate::forecast::Forecaster;
use crate::score::ProbabilityScores;
use crate::teach::drill::drill_kind_of_id;
use crate::teach::text::kind_name;

/// The table's columns after the trainee's name: the head (short, so the header keeps to one line
/// of the table), the full name (its hover text and what a screen reader says) and the sort key.
const COLUMNS: [(&str, &str, SortKey); 11] = [
    ("runs-head-course", "runs-full-course", SortKey::Scenario),
    ("col-started", "runs-full-started", SortKey::Started),
    ("runs-head-cases", "runs-full-cases", SortKey::Cases),
    ("col-brier", "runs-full-brier", SortKey::Brier),
    (
        "runs-head-judgement",
        "runs-full-judgement",
        SortKey::JudgementCost,
    ),
    ("runs-head-skill", "runs-full-skill", SortKey::Skill),
    (
        "runs-head-reliability",
        "runs-full-reliability",
        SortKey::Reliability,
    ),
    (
        "runs-head-resolution",
        "runs-full-resolution",
        SortKey::Resolution,
    ),
    ("col-auc", "runs-full-auc", SortKey::Auc),
    (
        "runs-head-citl",
        "runs-full-citl",
        SortKey::CalibrationInTheLarge,
    ),
    ("col-dprime", "runs-full-dprime", SortKey::DPrime),
];

/// Width of the reliability diagram beside the table, in points (it is put under the table when
/// both do not fit).
const DIAGRAM_WIDTH: f32 = 420.0;

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
    // In a low window the table comes first (its pooled row says what the headlines say), and
    // the headlines follow it in small type.
    let headlines = class_headlines(tr, cohort, summary);
    let low = ui.ctx().content_rect().height() < super::screen::COMPACT_BELOW;
    if !low {
        headlines_ui(ui, &headlines);
        ui.add_space(6.0);
    }
    let rows = table_rows(tr, trainer, cohort, summary);
    let headers = headers(tr, trainer);
    let widths = column_widths(ui, &headers, &rows, &tr.t("open-run"));
    let spacing = ui.spacing().item_spacing.x;
    let one_line = Table::new(widths.clone(), aligns(), f32::INFINITY, spacing).width();
    let gap = 16.0;
    let beside = ui.available_width() >= one_line + gap + DIAGRAM_WIDTH;
    let mut clicked = Clicked::default();
    let mut png = None;
    let table_part = |ui: &mut egui::Ui, clicked: &mut Clicked| {
        let table = Table::new(widths.clone(), aligns(), ui.available_width(), spacing);
        table_ui(ui, tr, &table, &headers, &rows, trainer.selected, clicked);
        let drills = cohort.runs.iter().filter(|r| is_drill(r)).count();
        if drills > 0 {
            ui.add(
                egui::Label::new(
                    egui::RichText::new(tr.fmt("drills-not-pooled", &[("drills", drills.into())]))
                        .small(),
                )
                .wrap(),
            );
        }
        ranking_notes(ui, tr, cohort);
        if low {
            headlines_compact_ui(ui, &headlines);
        }
        if ui.button(tr.t("export-csv")).clicked() {
            clicked.csv = true;
        }
    };
    if beside {
        ui.horizontal_top(|ui| {
            ui.vertical(|ui| {
                ui.set_width(one_line);
                table_part(ui, &mut clicked);
            });
            ui.add_space(gap);
            ui.vertical(|ui| {
                png = diagrams(ui, tr, summary, trainee.as_ref(), cohort, trainer.selected);
            });
        });
    } else {
        table_part(ui, &mut clicked);
        ui.add_space(8.0);
        png = diagrams(ui, tr, summary, trainee.as_ref(), cohort, trainer.selected);
    }
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

/// A row of the table as text: a pinned row (the class or a benchmark, pooled) or a run, by its
/// index in the cohort.
struct Row {
    run: Option<usize>,
    name: String,
    cells: Vec<String>,
}

/// Column of the button that opens a run: after the name and the [`COLUMNS`].
const OPEN: usize = COLUMNS.len() + 1;

/// How each column's cells sit: names and words left, numbers right.
fn aligns() -> Vec<Align> {
    let mut aligns = vec![Align::Left, Align::Left, Align::Left];
    aligns.resize(OPEN, Align::Right);
    aligns.push(Align::Left);
    aligns
}

/// A column's head: its short text and its full name, each with the sort mark when the table is
/// sorted by it.
struct Head {
    short: String,
    full: String,
}

/// The header: the name and every column sort; the arrow shows the column and direction.
fn headers(tr: &Tr, trainer: &TrainerState) -> Vec<Head> {
    let mark = |key: SortKey| {
        if trainer.sort == key {
            if trainer.descending { " ⏷" } else { " ⏶" }
        } else {
            ""
        }
    };
    let head = |short: &str, full: &str, key: SortKey| Head {
        short: format!("{}{}", tr.t(short), mark(key)),
        full: format!("{}{}", tr.t(full), mark(key)),
    };
    let mut headers = vec![head("col-trainee", "runs-full-trainee", SortKey::Trainee)];
    headers.extend(
        COLUMNS
            .iter()
            .map(|(short, full, key)| head(short, full, *key)),
    );
    headers.push(Head {
        short: String::new(),
        full: String::new(),
    });
    headers
}

/// The rows: pinned first (the class and the benchmarks, pooled over every run), then one per
/// run in the table's order.
fn table_rows(tr: &Tr, trainer: &TrainerState, cohort: &Cohort, summary: &Summary) -> Vec<Row> {
    let cases: usize = course_runs(cohort).map(|r| r.scores.cases).sum();
    let mut rows: Vec<Row> = summary
        .pinned
        .iter()
        .map(|(who, p)| {
            let name = match *who {
                Forecaster::Trainee => tr.t("row-class"),
                Forecaster::Benchmark(b) => tr.benchmark(b),
            };
            let points =
                pooled_points(summary, *who).map_or("—".to_string(), |p| tr.number(p, 0));
            Row {
                run: None,
                name,
                cells: number_cells(tr, tr.t("all-runs"), String::new(), cases, p, points, ""),
            }
        })
        .collect();
    rows.extend(trainer.sorted_runs().iter().map(|&(i, r)| {
        let course = match drill_kind_of_id(&r.scenario_id) {
            Some(kind) => format!("{}: {}", tr.t("level-drill"), kind_name(kind, tr.lang)),
            None => r.course_code.clone(),
        };
        Row {
            run: Some(i),
            name: super::live::row_name(tr, r),
            cells: number_cells(
                tr,
                course,
                r.started.strftime("%Y-%m-%d").to_string(),
                r.scores.cases,
                &r.scores.forecasts,
                tr.metric(&r.scores.judgement.points, 0),
                &tr.metric(&r.scores.drift.d_prime, 2),
            ),
        }
    }));
    rows
}

/// Each column as wide as its widest cell: the header's button, the names' buttons, the numbers.
fn column_widths(ui: &egui::Ui, headers: &[Head], rows: &[Row], open: &str) -> Vec<f32> {
    let padding = 2.0 * ui.spacing().button_padding.x;
    let button = |text: &str| text_width(ui, text, egui::TextStyle::Button) + padding;
    let body = |text: &str| text_width(ui, text, egui::TextStyle::Body);
    headers
        .iter()
        .enumerate()
        .map(|(c, header)| {
            let cells = rows.iter().map(|row| match c {
                0 => button(&row.name),
                OPEN => button(open),
                _ => row.cells.get(c - 1).map_or(0.0, |t| body(t)),
            });
            cells.fold(button(&header.short), f32::max).ceil()
        })
        .collect()
}

/// The table: the header sorts, a click on a run's name selects it, a double click or its button
/// opens it. Pinned rows are in bold, above a line.
fn table_ui(
    ui: &mut egui::Ui,
    tr: &Tr,
    table: &Table,
    headers: &[Head],
    rows: &[Row],
    selected: Option<usize>,
    clicked: &mut Clicked,
) {
    table.row(ui, None, |ui, c| {
        let Some(head) = headers.get(c).filter(|h| !h.short.is_empty()) else {
            return;
        };
        let full = head.full.clone();
        let button = ui
            .add(egui::Button::new(head.short.as_str()).wrap())
            .on_hover_text(&head.full);
        button.widget_info(move || {
            egui::WidgetInfo::labeled(egui::WidgetType::Button, true, full.as_str())
        });
        if button.clicked() {
            clicked.sort = Some(match c {
                0 => SortKey::Trainee,
                _ => COLUMNS
                    .get(c - 1)
                    .map_or(SortKey::Trainee, |(_, _, key)| *key),
            });
        }
    });
    let stripe = ui.visuals().faint_bg_color;
    let mut pinned = true;
    for (n, row) in rows.iter().enumerate() {
        if pinned && row.run.is_some() {
            pinned = false;
            ui.separator();
        }
        let fill = (n % 2 == 1).then_some(stripe);
        table.row(ui, fill, |ui, c| match (c, row.run) {
            (0, None) => {
                ui.add(egui::Label::new(egui::RichText::new(&row.name).strong()).wrap());
            }
            (0, Some(i)) => {
                let name = egui::Button::selectable(selected == Some(i), row.name.as_str()).wrap();
                let response = ui.add(name);
                if response.clicked() {
                    clicked.select = Some(i);
                }
                if response.double_clicked() {
                    clicked.open = Some(i);
                }
            }
            (OPEN, Some(i)) => {
                if ui.small_button(tr.t("open-run")).clicked() {
                    clicked.open = Some(i);
                }
            }
            (OPEN, None) => {}
            _ => {
                if let Some(text) = row.cells.get(c - 1) {
                    ui.add(egui::Label::new(text.as_str()).wrap());
                }
            }
        });
    }
}

/// One row of numbers of the table (after the name); `judgement` is the judgement cost in points.
fn number_cells(
    tr: &Tr,
    scenario: String,
    started: String,
    cases: usize,
    p: &ProbabilityScores,
    judgement: String,
    dprime: &str,
) -> Vec<String> {
    vec![
        scenario,
        started,
        cases.to_string(),
        tr.metric(&p.brier, 3),
        judgement,
        tr.metric(&p.brier_skill, 2),
        tr.metric(&p.reliability, 3),
        tr.metric(&p.resolution, 3),
        tr.metric(&p.auc, 2),
        tr.metric(&p.calibration_in_the_large, 2),
        dprime.to_string(),
    ]
}
