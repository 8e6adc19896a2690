//! The trainer station's screen: the folder, the warnings, and four views (runs, progress, cases,
//! handing out a course). Numbers come from the core's cohort module.

use bevy_egui::egui;
use egui_plot::{Line, MarkerShape, PlotPoints, Points};

use super::{Drill, Tab, TrainerState};
use crate::app::plots::{
    RunPoint, Series, bins, percent_plot, progress_plot, reliability_diagram, trajectory,
};
use crate::app::settings::Tr;
use crate::app::state::{AppState, Screen};
use crate::app::theme;
use crate::cohort::Cohort;
use crate::cohort::handout::handout_html;
use crate::cohort::views::{SortKey, Who};
use crate::scenario::{Lang, Scenario};
use crate::score::ProbabilityScores;

/// Width of the table's columns, in points.
const NAME_WIDTH: f32 = 150.0;
const COLUMN_WIDTH: f32 = 62.0;

/// The table's columns after the trainee's name: header key and sort key.
const COLUMNS: [(&str, SortKey); 10] = [
    ("col-course", SortKey::Scenario),
    ("col-started", SortKey::Started),
    ("col-cases", SortKey::Cases),
    ("col-brier", SortKey::Brier),
    ("col-skill", SortKey::Skill),
    ("col-reliability-short", SortKey::Reliability),
    ("col-resolution", SortKey::Resolution),
    ("col-auc", SortKey::Auc),
    ("col-citl", SortKey::CalibrationInTheLarge),
    ("col-dprime", SortKey::DPrime),
];

pub fn trainer_ui(ui: &mut egui::Ui, state: &mut AppState) {
    let AppState {
        settings,
        trainer,
        scenarios,
        screen,
        ..
    } = state;
    let tr = settings.tr();
    ui.horizontal(|ui| {
        ui.heading(tr.t("trainer-title"));
        if ui.button(tr.t("back-to-start")).clicked() {
            *screen = Screen::Start;
        }
    });
    folder_row(ui, &tr, trainer);
    // Always one line, so a message does not move what is below it (a plot being saved as a
    // picture is cropped from the next frame).
    ui.label(trainer.message.as_deref().unwrap_or(" "));
    ui.horizontal(|ui| {
        for (tab, key) in [
            (Tab::Runs, "tab-runs"),
            (Tab::Progress, "tab-progress"),
            (Tab::Cases, "tab-cases"),
            (Tab::HandOut, "tab-handout"),
        ] {
            ui.selectable_value(&mut trainer.tab, tab, tr.t(key));
        }
    });
    ui.separator();
    if trainer.tab == Tab::HandOut {
        handout_ui(ui, &tr, trainer, scenarios);
        return;
    }
    if trainer.cohort.is_none() {
        ui.label(tr.t("trainer-load-first"));
        return;
    }
    match trainer.tab {
        Tab::Runs if trainer.drill.is_some() => drill_ui(ui, &tr, trainer),
        Tab::Runs => runs_ui(ui, &tr, trainer),
        Tab::Progress => progress_ui(ui, &tr, trainer),
        Tab::Cases => cases_ui(ui, &tr, trainer),
        Tab::HandOut => {}
    }
}

/// The folder to load, its progress, and what could not be read.
fn folder_row(ui: &mut egui::Ui, tr: &Tr, trainer: &mut TrainerState) {
    ui.horizontal(|ui| {
        ui.label(tr.t("trainer-folder"));
        let edit = ui.add(
            egui::TextEdit::singleline(&mut trainer.folder)
                .desired_width(420.0)
                .hint_text(tr.t("trainer-folder-hint")),
        );
        let enter = edit.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
        if ui.button(tr.t("choose-folder")).clicked() {
            // The desktop's own dialog; where there is none (no portal, no zenity) it returns
            // nothing, as when the trainer cancels: say that typing the path works too.
            match rfd::FileDialog::new()
                .set_directory(trainer.folder.trim())
                .pick_folder()
            {
                Some(dir) => {
                    trainer.folder = dir.display().to_string();
                    trainer.message = None;
                    trainer.load();
                }
                None => trainer.message = Some(tr.t("no-folder-chosen")),
            }
        }
        let load = ui.add_enabled(!trainer.is_loading(), egui::Button::new(tr.t("load")));
        if load.clicked() || enter {
            trainer.load();
        }
    });
    if trainer.is_loading() {
        let done = trainer
            .progress
            .done
            .load(std::sync::atomic::Ordering::Relaxed);
        let total = trainer
            .progress
            .total
            .load(std::sync::atomic::Ordering::Relaxed);
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
    if let Some(error) = &trainer.error {
        ui.colored_label(theme::ERROR, format!("⚠ {error}"));
    }
    if let Some(cohort) = &trainer.cohort {
        let trainees = {
            let mut names: Vec<&str> = cohort.runs.iter().map(|r| r.trainee.as_str()).collect();
            names.sort_unstable();
            names.dedup();
            names.len()
        };
        ui.label(
            tr.fmt(
                "cohort-summary",
                &[
                    ("runs", cohort.runs.len().into()),
                    ("trainees", trainees.into()),
                    ("rejected", cohort.rejected.len().into()),
                    (
                        "seconds",
                        tr.number(trainer.load_seconds.unwrap_or(f64::NAN), 1)
                            .into(),
                    ),
                ],
            ),
        );
        if !cohort.rejected.is_empty() {
            egui::CollapsingHeader::new(
                egui::RichText::new(tr.fmt("warnings", &[("n", cohort.rejected.len().into())]))
                    .color(theme::ERROR),
            )
            .default_open(false)
            .show(ui, |ui| {
                for r in &cohort.rejected {
                    // Most reasons start with the file's name already.
                    if r.reason.starts_with(&r.file) {
                        ui.label(format!("⚠ {}", r.reason));
                    } else {
                        ui.label(format!("⚠ {}: {}", r.file, r.reason));
                    }
                }
            });
        }
    }
}

/// The first row of a grid: each column's name in bold.
fn header_row(ui: &mut egui::Ui, tr: &Tr, keys: &[&str]) {
    for key in keys {
        ui.label(egui::RichText::new(tr.t(key)).strong());
    }
    ui.end_row();
}

fn cell(ui: &mut egui::Ui, width: f32, text: impl Into<egui::WidgetText>) {
    ui.add_sized([width, 18.0], egui::Label::new(text).truncate());
}

/// One row of numbers of the table (after the name).
fn number_cells(
    ui: &mut egui::Ui,
    tr: &Tr,
    scenario: &str,
    started: &str,
    cases: &str,
    p: &ProbabilityScores,
    dprime: &str,
) {
    cell(ui, COLUMN_WIDTH * 1.6, scenario);
    cell(ui, COLUMN_WIDTH * 1.4, started);
    cell(ui, COLUMN_WIDTH, cases);
    cell(ui, COLUMN_WIDTH, tr.metric(&p.brier, 3));
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

/// The table of runs with the pooled benchmark rows pinned above it, and the reliability diagrams.
fn runs_ui(ui: &mut egui::Ui, tr: &Tr, trainer: &mut TrainerState) {
    let trainee = trainer.trainee_scores().cloned();
    let (Some(cohort), Some(summary)) = (&trainer.cohort, &trainer.summary) else {
        return;
    };
    let mut open: Option<usize> = None;
    let mut select: Option<usize> = None;
    let mut sort: Option<SortKey> = None;
    let mut csv = false;
    {
        // The table.
        {
            // Header: every column sorts; the arrow shows the column and direction.
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
            // Pinned: the class and the benchmarks, pooled over every run.
            for (who, p) in &summary.pinned {
                let key = match who {
                    Who::Trainee => "row-class",
                    Who::Ideal => "ideal-forecast",
                    Who::Actuarial => "actuarial-forecast",
                    Who::BaseRate => "base-rate-forecast",
                };
                ui.horizontal(|ui| {
                    cell(ui, NAME_WIDTH, egui::RichText::new(tr.t(key)).strong());
                    let cases: usize = cohort.runs.iter().map(|r| r.scores.cases).sum();
                    number_cells(ui, tr, &tr.t("all-runs"), "", &cases.to_string(), p, "");
                });
            }
            ui.separator();
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
                                egui::Button::selectable(chosen, r.trainee.as_str()).truncate(),
                            );
                            if label.clicked() {
                                select = Some(i);
                            }
                            if label.double_clicked() {
                                open = Some(i);
                            }
                            let started = r.started.strftime("%Y-%m-%d").to_string();
                            let scenario = r.course_code.clone();
                            number_cells(
                                ui,
                                tr,
                                &scenario,
                                &started,
                                &r.scores.cases.to_string(),
                                &r.scores.forecasts,
                                &tr.metric(&r.scores.drift.d_prime, 2),
                            );
                            if ui.small_button(tr.t("open-run")).clicked() {
                                open = Some(i);
                            }
                        });
                    }
                });
            ui.horizontal(|ui| {
                if ui.button(tr.t("export-csv")).clicked() {
                    csv = true;
                }
            });
        }
    }
    let png = diagrams(ui, tr, summary, trainee.as_ref(), cohort, trainer.selected);
    if let Some(rect) = png {
        let name = match trainer
            .selected
            .and_then(|i| trainer.cohort.as_ref()?.runs.get(i))
        {
            Some(r) => format!(
                "reliability-class-and-{}",
                crate::run::store::slug(&r.trainee)
            ),
            None => "reliability-class".to_string(),
        };
        save_as_picture(ui, tr, trainer, &name, rect);
    }
    if csv {
        let path = std::path::Path::new(trainer.folder.trim()).join("ontrack-cohort.csv");
        trainer.export_csv(&path);
    }
    if let Some(key) = sort {
        trainer.sort_by(key);
    }
    if let Some(i) = select {
        trainer.selected = Some(i);
    }
    if let Some(i) = open {
        trainer.selected = Some(i);
        trainer.open(i);
    }
}

/// The class's pooled reliability diagram, with the selected trainee's runs pooled beside it, and
/// the trainee's runs. Returns where the diagram is when the trainer asked to save it as a picture.
fn diagrams(
    ui: &mut egui::Ui,
    tr: &Tr,
    summary: &super::Summary,
    trainee: Option<&(String, ProbabilityScores)>,
    cohort: &Cohort,
    selected: Option<usize>,
) -> Option<egui::Rect> {
    let class_bins = summary
        .pinned
        .iter()
        .find(|(who, _)| *who == Who::Trainee)
        .map_or(&[][..], |(_, p)| bins(p));
    let mut series = vec![Series {
        name: tr.t("row-class"),
        colour: theme::EXPECTED,
        shape: MarkerShape::Square,
        bins: class_bins,
        counts: false,
    }];
    if let Some((name, pooled)) = trainee {
        series.push(Series {
            name: name.clone(),
            colour: theme::YOU,
            shape: MarkerShape::Circle,
            bins: bins(pooled),
            counts: true,
        });
    }
    let mut save = None;
    let mut rect = None;
    ui.horizontal_top(|ui| {
        // The heading, the axes and the legend: the part saved as a picture.
        let drawn = ui.vertical(|ui| {
            ui.label(egui::RichText::new(tr.t("reliability-diagram")).strong());
            reliability_diagram(ui, "class-diagram", &tr.t("perfect-calibration"), &series);
        });
        rect = Some(drawn.response.rect.expand(4.0));
        ui.vertical(|ui| {
            ui.set_max_width(520.0);
            if ui.button(tr.t("save-png")).clicked() {
                save = rect;
            }
            ui.label(egui::RichText::new(tr.t("trainer-diagram-help")).small());
            let Some((name, pooled)) = trainee else {
                return;
            };
            ui.add_space(8.0);
            ui.label(egui::RichText::new(name).strong());
            ui.label(tr.fmt(
                "trainee-pooled",
                &[
                    ("brier", tr.metric(&pooled.brier, 3).into()),
                    ("reliability", tr.metric(&pooled.reliability, 3).into()),
                    ("auc", tr.metric(&pooled.auc, 2).into()),
                    ("n", pooled.n.into()),
                ],
            ));
            let chosen = selected.and_then(|i| cohort.runs.get(i));
            egui::Grid::new("trainee-runs")
                .striped(true)
                .show(ui, |ui| {
                    for r in cohort.runs.iter().filter(|r| &r.trainee == name) {
                        let text = format!("{} {}", r.started.strftime("%Y-%m-%d"), r.course_code);
                        let text = if chosen.is_some_and(|c| std::ptr::eq(c, r)) {
                            egui::RichText::new(text).strong()
                        } else {
                            egui::RichText::new(text)
                        };
                        ui.label(text);
                        ui.label(format!("Brier {}", tr.metric(&r.scores.forecasts.brier, 3)));
                        ui.end_row();
                    }
                });
        });
    });
    save
}

/// Asks the window layer to save the part of the screen inside `rect` (points) as `NAME.png` in
/// the folder, and tells the trainer where it goes.
fn save_as_picture(
    ui: &egui::Ui,
    tr: &Tr,
    trainer: &mut TrainerState,
    name: &str,
    rect: egui::Rect,
) {
    // The window layer crops a screenshot, which is in pixels, not points.
    let ppp = ui.ctx().pixels_per_point();
    let pixels = egui::Rect::from_min_max(rect.min * ppp, rect.max * ppp);
    let path = std::path::Path::new(trainer.folder.trim()).join(format!("{name}.png"));
    trainer.message = Some(tr.fmt("saved-file", &[("path", path.display().to_string().into())]));
    trainer.plot_export = Some((path, pixels));
}

/// A run opened: its cases, each with the trainee's forecasts beside the benchmarks' and the course.
fn drill_ui(ui: &mut egui::Ui, tr: &Tr, trainer: &mut TrainerState) {
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
            trajectory(left, "drill-trajectory", tr, s, rule, &full.scores, onset);
            if let Some(c) = r.scores.case_forecasts.iter().find(|c| c.case == *case) {
                forecasts_plot(right, tr, c);
            }
        });
    }
    if back {
        trainer.drill = None;
    } else if let (Some(c), Some(d)) = (choose, trainer.drill.as_mut()) {
        d.case = c;
    }
}

/// The forecasts at each checkpoint of one case: the trainee's, the ideal and the actuarial ones,
/// against the outcome (a line at 100 % or 0 %).
fn forecasts_plot(ui: &mut egui::Ui, tr: &Tr, c: &crate::cohort::CaseForecasts) {
    let series = |pick: fn(&crate::cohort::CheckpointForecast) -> f64| -> Vec<[f64; 2]> {
        c.forecasts
            .iter()
            .map(|f| [f64::from(f.checkpoint), pick(f) * 100.0])
            .collect()
    };
    let last = c.forecasts.iter().map(|f| f.checkpoint).max().unwrap_or(0);
    let truth = if c.deteriorated { 100.0 } else { 0.0 };
    percent_plot("drill-forecasts", tr, "axis-session", 260.0).show(ui, |plot| {
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
                (|f: &crate::cohort::CheckpointForecast| f.trainee)
                    as fn(&crate::cohort::CheckpointForecast) -> f64,
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

/// Brier score and miscalibration per course day, for the class or one trainee.
fn progress_ui(ui: &mut egui::Ui, tr: &Tr, trainer: &mut TrainerState) {
    let Some(cohort) = &trainer.cohort else {
        return;
    };
    let mut names: Vec<&str> = cohort.runs.iter().map(|r| r.trainee.as_str()).collect();
    names.sort_unstable();
    names.dedup();
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
            Some(RunPoint {
                run: i as f64 + 1.0,
                brier: *d.brier.as_ref().value()?,
                interval: d.brier_ci.as_ref().value().copied(),
                miscalibration: d.reliability.as_ref().value().copied(),
            })
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
                ],
            );
            for (i, d) in days.iter().enumerate() {
                ui.label((i + 1).to_string());
                ui.label(d.day.to_string());
                ui.label(d.runs.to_string());
                ui.label(tr.metric(&d.brier, 3));
                ui.label(tr.metric(&d.reliability, 3));
                ui.end_row();
            }
        });
    let who = chosen.clone().unwrap_or(class);
    let rect = progress_plot(
        ui,
        "class-progress",
        (&who, &tr.t("col-reliability-short")),
        &points,
    );
    ui.label(egui::RichText::new(tr.t("trainer-progress-help")).small());
    if ui.button(tr.t("save-png")).clicked() {
        let name = match &chosen {
            Some(n) => format!("progress-{}", crate::run::store::slug(n)),
            None => "progress-class".to_string(),
        };
        save_as_picture(ui, tr, trainer, &name, rect.expand(4.0));
    }
}

/// The cases that fooled the class most, with the class's mean forecast beside the ideal one.
fn cases_ui(ui: &mut egui::Ui, tr: &Tr, trainer: &mut TrainerState) {
    let Some(summary) = &trainer.summary else {
        return;
    };
    let cases = &summary.cases;
    ui.label(tr.t("cases-help"));
    let shown: Vec<_> = cases.iter().take(40).collect();
    let class: Vec<[f64; 2]> = shown
        .iter()
        .enumerate()
        .map(|(i, c)| [i as f64 + 1.0, c.class_mean * 100.0])
        .collect();
    let ideal: Vec<[f64; 2]> = shown
        .iter()
        .enumerate()
        .map(|(i, c)| [i as f64 + 1.0, c.ideal * 100.0])
        .collect();
    let truth: Vec<[f64; 2]> = shown
        .iter()
        .enumerate()
        .map(|(i, c)| [i as f64 + 1.0, if c.deteriorated { 100.0 } else { 0.0 }])
        .collect();
    let drawn = percent_plot("cases-plot", tr, "axis-case-rank", 220.0).show(ui, |plot| {
        plot.points(
            Points::new(tr.t("outcome"), PlotPoints::from(truth))
                .color(egui::Color32::GRAY)
                .shape(MarkerShape::Cross)
                .radius(5.0),
        );
        plot.points(
            Points::new(tr.t("row-class"), PlotPoints::from(class))
                .color(theme::YOU)
                .shape(MarkerShape::Circle)
                .filled(true)
                .radius(4.0),
        );
        plot.points(
            Points::new(tr.t("ideal-forecast"), PlotPoints::from(ideal))
                .color(theme::BETTER)
                .shape(MarkerShape::Diamond)
                .filled(true)
                .radius(4.0),
        );
    });
    let save = ui.button(tr.t("save-png")).clicked();
    egui::ScrollArea::vertical()
        .id_salt("cases")
        .max_height(300.0)
        .show(ui, |ui| {
            egui::Grid::new("cases-table").striped(true).show(ui, |ui| {
                header_row(
                    ui,
                    tr,
                    &[
                        "col-rank",
                        "col-scenario",
                        "col-case",
                        "outcome",
                        "col-trainees",
                        "row-class",
                        "ideal-forecast",
                        "col-fooled",
                    ],
                );
                for (i, c) in shown.iter().enumerate() {
                    ui.label((i + 1).to_string());
                    ui.label(format!("{} ({})", c.scenario_id, c.course_code));
                    ui.label(tr.fmt("case-button", &[("n", (c.case + 1).into())]));
                    ui.label(tr.t(if c.deteriorated {
                        "outcome-deteriorated"
                    } else {
                        "not-deteriorated"
                    }));
                    ui.label(c.trainees.to_string());
                    ui.label(format!("{:.0} %", c.class_mean * 100.0));
                    ui.label(format!("{:.0} %", c.ideal * 100.0));
                    ui.label(tr.number(c.fooled_by, 2));
                    ui.end_row();
                }
            });
        });
    if save {
        save_as_picture(
            ui,
            tr,
            trainer,
            "cases-class",
            drawn.response.rect.expand(4.0),
        );
    }
}

/// Hand out a course: a scenario and a seed give the course code, and a sheet to print.
fn handout_ui(
    ui: &mut egui::Ui,
    tr: &Tr,
    trainer: &mut TrainerState,
    scenarios: &[std::sync::Arc<Scenario>],
) {
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
        if ui.button(tr.t("new-seed")).clicked() {
            // Any seed will do; the clock gives one nobody has to think up.
            trainer.handout_seed = crate::run::code::clock_seed().to_string();
        }
    });
    let Some(s) = scenarios.get(trainer.handout_scenario) else {
        return;
    };
    let seed = trainer.handout_seed.trim();
    if seed.is_empty() {
        ui.label(tr.t("seed-needed"));
        return;
    }
    let code = seed
        .parse::<u64>()
        .map_err(|e| e.to_string())
        .and_then(|seed| {
            crate::run::code::encode(&s.course_prefix(), seed).map_err(|e| e.to_string())
        });
    match code {
        Err(e) => {
            ui.colored_label(theme::ERROR, format!("⚠ {e}"));
        }
        Ok(code) => {
            ui.label(egui::RichText::new(&code).size(48.0).strong().monospace());
            ui.horizontal(|ui| {
                for (lang, key) in [(Lang::Nl, "save-sheet-nl"), (Lang::En, "save-sheet-en")] {
                    if ui.button(tr.t(key)).clicked() {
                        let tag = if lang == Lang::Nl { "nl" } else { "en" };
                        let path = std::path::Path::new(trainer.folder.trim())
                            .join(format!("course-{code}-{tag}.html"));
                        let html = handout_html(s, &code, lang);
                        trainer.message = Some(
                            match crate::run::store::write_atomic(&path, html.as_bytes()) {
                                Ok(()) => tr.fmt(
                                    "saved-file",
                                    &[("path", path.display().to_string().into())],
                                ),
                                Err(e) => format!("⚠ {}: {e}", path.display()),
                            },
                        );
                    }
                }
            });
        }
    }
}
