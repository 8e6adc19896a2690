//! The debrief after a run: the trainee's calibration beside the benchmark forecasters, in words, in
//! a table and in a reliability diagram; drift detection and event classification; and the trainee's
//! earlier runs of the scenario on this machine.

use bevy_egui::egui;
use egui_plot::MarkerShape;

use crate::app::active_run::Jump;
use crate::app::headline::{Headline, headlines_ui};
use crate::app::plots::{
    AgainstBest, AgainstBestNames, AgainstBestShown, FAR_OFF, RunPoint, Series, against_best_plot,
    bins, progress_plot, reliability_diagram,
};
use crate::app::practice::{drill_note, practice_ui};
use crate::app::settings::Tr;
use crate::app::state::{AppState, Screen};
use crate::app::theme;
use crate::debrief::report::judgement_sentences;
use crate::debrief::{RunScores, Scores};
use crate::forecast::Benchmark;
use crate::launch::DebriefSection;
use crate::scenario::format::LindenClass;
use crate::score::{Interval, Metric, ProbabilityScores, Undefined};

/// Why a measure has no value, in the interface's language (English when no translation exists).
fn why_text(tr: &Tr, why: Undefined) -> String {
    let key = format!("why-{why:?}").to_lowercase();
    let text = tr.t(&key);
    if text == key {
        why.reason().to_string()
    } else {
        text
    }
}

/// The debrief's parts below the headline, in the order they are drawn, with their headings.
const SECTIONS: [(DebriefSection, &str); 4] = [
    (DebriefSection::Judgement, "headline-judgement"),
    (DebriefSection::Drift, "debrief-contents-drift"),
    (DebriefSection::Lessons, "debrief-contents-lessons"),
    (DebriefSection::Progress, "debrief-contents-progress"),
];

/// A row of buttons to the debrief's parts, so a small window (or large text) reaches each part in
/// one step, by mouse or keyboard; returns the part asked for.
fn contents_ui(ui: &mut egui::Ui, tr: &Tr) -> Option<DebriefSection> {
    let mut asked = None;
    ui.horizontal_wrapped(|ui| {
        ui.label(tr.t("debrief-contents"));
        for (section, key) in SECTIONS {
            if ui.button(tr.t(key)).clicked() {
                asked = Some(section);
            }
        }
    });
    asked
}

/// Scrolls the debrief so that `section`, which starts here, comes to the top of the window, when
/// it is the part asked for; the jump ends once it is there (or after a few frames).
fn scroll_here(ui: &mut egui::Ui, jump: &mut Option<Jump>, section: DebriefSection) {
    let Some(asked) = *jump else { return };
    if asked.to != section {
        return;
    }
    // Scrolled to, a part starts one item spacing below the top (egui leaves that margin).
    let off = ui.cursor().min.y - ui.clip_rect().min.y - ui.spacing().item_spacing.y;
    *jump = asked.after_frame(off);
    if jump.is_some() {
        ui.scroll_to_cursor(Some(egui::Align::TOP));
    }
}

/// A measure with a few decimals, or "—" and the reason it is not defined.
fn num_or_why(tr: &Tr, m: &Metric, decimals: usize) -> String {
    match m.undefined() {
        None => tr.metric(m, decimals),
        Some(why) => format!("— ({})", why_text(tr, why)),
    }
}

fn interval(tr: &Tr, m: &Metric<Interval>, decimals: usize) -> String {
    m.as_ref().value().map_or(String::new(), |i| {
        format!(
            "{}–{}",
            tr.number(i.low, decimals),
            tr.number(i.high, decimals)
        )
    })
}

/// The debrief: the headline numbers, then the details section by section (a section more is one
/// line here).
pub fn debrief_ui(ui: &mut egui::Ui, state: &mut AppState) {
    // Lines of a readable length on a wide screen.
    ui.set_max_width(ui.available_width().min(1200.0));
    let tr = state.settings.tr();
    let mut new_run = false;
    ui.horizontal_wrapped(|ui| {
        ui.heading(tr.t("debrief"));
        new_run = ui.button(tr.t("new-run")).clicked();
    });
    if new_run {
        state.new_run();
        return;
    }
    if state.run.scores.is_none() {
        ui.horizontal(|ui| {
            ui.label(tr.t("scoring-busy"));
        });
        return;
    }
    // A part asked for now is scrolled to once, where it is drawn below.
    if let Some(asked) = contents_ui(ui, &tr) {
        state.run.jump = Some(Jump::to(asked));
    }
    let mut jump = state.run.jump.take();
    let Some(scores) = state.run.scores.as_ref() else {
        return;
    };
    headlines_ui(ui, &headlines(&tr, scores));
    ui.add_space(8.0);
    ui.label(tr.fmt(
        "debrief-cases",
        &[
            ("deteriorated", scores.deteriorated.into()),
            ("cases", scores.cases.into()),
            ("foreseen", scores.foreseen.into()),
        ],
    ));
    if scores.stopped_early > 0 {
        ui.label(tr.fmt(
            "report-stopped-early",
            &[
                ("stopped", scores.stopped_early.into()),
                ("cases", scores.cases.into()),
                ("absent", scores.absent_forecasts.into()),
            ],
        ));
    }
    ui.label(tr.t("hannan"));
    if scores.cases > 0 && scores.deteriorated == 0 {
        ui.colored_label(theme::ERROR, tr.t("debrief-no-deterioration"));
    }
    let practice = state.run.session.as_ref().and_then(|session| {
        let id = &session.run().scenario().file.id;
        if let Some(note) = drill_note(&tr, id) {
            ui.label(egui::RichText::new(note).strong());
        }
        let base = state.drill_base(id)?;
        Some((session.file().trainee.clone(), base))
    });
    let practice = practice.and_then(|(trainee, base)| {
        ui.add_space(6.0);
        practice_ui(ui, &tr, &state.practice, &trainee, &base).map(|a| (a, trainee, base))
    });
    ui.add_space(6.0);
    theme::two_columns(
        ui,
        |ui| {
            forecasts_in_words(ui, &tr, &scores.forecasts);
            benchmark_table(ui, &tr, scores);
        },
        |ui| diagram(ui, &tr, scores),
    );
    ui.separator();
    scroll_here(ui, &mut jump, DebriefSection::Judgement);
    let mut opened = None;
    theme::two_columns(
        ui,
        |ui| judgement_ui(ui, &tr, scores),
        |ui| opened = against_best_ui(ui, &tr, scores).clicked,
    );
    ui.separator();
    scroll_here(ui, &mut jump, DebriefSection::Drift);
    theme::two_columns(
        ui,
        |ui| drift_ui(ui, &tr, scores),
        |ui| events_ui(ui, &tr, scores),
    );
    ui.separator();
    scroll_here(ui, &mut jump, DebriefSection::Lessons);
    let mut review = None;
    if let Some(session) = &state.run.session {
        let mine = session
            .path()
            .parent()
            .map(|dir| (dir, session.file().trainee.as_str()));
        review = super::explain::debrief_lessons(ui, &tr, session.run(), scores, mine);
    }
    ui.separator();
    scroll_here(ui, &mut jump, DebriefSection::Progress);
    progress_ui(ui, &tr, &state.run.earlier);
    if let Some(session) = &state.run.session {
        ui.label(tr.fmt(
            "saved-in",
            &[("path", session.path().display().to_string().into())],
        ));
    }
    if jump.is_some() {
        ui.ctx().request_repaint();
    }
    state.run.jump = jump;
    if let Some((action, trainee, base)) = practice {
        state.practice_do(action, &trainee, base);
    } else if let Some(case) = review.or(opened) {
        // A blind spot clicked: its reveal, on the case screen.
        state.run.open_review(case);
        state.screen = Screen::Case;
    }
}

/// The three numbers that matter: the Brier score against the best possible and the base rate,
/// calibration in a sentence, and drift spotted.
pub fn headlines(tr: &Tr, scores: &Scores) -> Vec<Headline> {
    let f = &scores.forecasts;
    let benchmark = |b: Benchmark| {
        scores
            .benchmarks
            .get(&b)
            .map_or("—".to_string(), |p| tr.metric(&p.brier, 3))
    };
    let d = &scores.drift;
    vec![
        Headline {
            title: tr.t("headline-brier"),
            number: tr.metric(&f.brier, 3),
            context: tr.fmt(
                "headline-brier-context",
                &[
                    ("ideal", benchmark(Benchmark::Ideal).into()),
                    ("base", benchmark(Benchmark::BaseRate).into()),
                ],
            ),
        },
        Headline {
            title: tr.t("headline-judgement"),
            number: scores
                .judgement
                .points
                .as_ref()
                .value()
                .map_or("—".to_string(), |p| {
                    tr.fmt("headline-points", &[("points", tr.number(*p, 0).into())])
                }),
            context: tr.t("headline-judgement-context"),
        },
        Headline {
            title: tr.t("headline-calibration"),
            number: calibration_number(tr, f),
            context: calibration_sentence(tr, f),
        },
        drift_headline(tr, d.hits, d.signal_cases, d.false_alarms),
    ]
}

/// Drift spotted: hits of the cases with drift, and the false alarms; a dash when no case drifted.
pub fn drift_headline(tr: &Tr, hits: u64, cases: u64, false_alarms: u64) -> Headline {
    let (number, context) = if cases == 0 {
        ("—".to_string(), tr.t("drift-none"))
    } else {
        (
            tr.fmt(
                "headline-drift-number",
                &[("hits", hits.into()), ("cases", cases.into())],
            ),
            tr.fmt("headline-drift-context", &[("false", false_alarms.into())]),
        )
    };
    Headline {
        title: tr.t("headline-drift"),
        number,
        context,
    }
}

/// Calibration in the large as signed percentage points ("−6 pt"), or "—".
fn calibration_number(tr: &Tr, f: &ProbabilityScores) -> String {
    f.calibration_in_the_large
        .as_ref()
        .value()
        .map_or("—".to_string(), |citl| signed_points(tr, *citl))
}

/// A share as signed percentage points: "+4 pt", "−6 pt".
pub fn signed_points(tr: &Tr, share: f64) -> String {
    let points = (share * 100.0).round();
    let sign = if points > 0.0 {
        "+"
    } else if points < 0.0 {
        "−"
    } else {
        ""
    };
    let magnitude = format!("{sign}{}", points.abs());
    tr.fmt("headline-points", &[("points", magnitude.into())])
}

/// Calibration in the large in a sentence: under, over or even.
fn calibration_sentence(tr: &Tr, f: &ProbabilityScores) -> String {
    let Some(&citl) = f.calibration_in_the_large.as_ref().value() else {
        return String::new();
    };
    let points = (citl * 100.0).round().abs();
    let key = if citl < -0.005 {
        "citl-under"
    } else if citl > 0.005 {
        "citl-over"
    } else {
        "citl-even"
    };
    tr.fmt(key, &[("points", points.into())])
}

/// The Brier score with its interval and decomposition, skill, AUC and calibration in the large,
/// each in a sentence.
fn forecasts_in_words(ui: &mut egui::Ui, tr: &Tr, f: &ProbabilityScores) {
    ui.label(egui::RichText::new(tr.t("your-forecasts")).strong());
    ui.label(tr.fmt(
        "brier-sentence",
        &[
            ("brier", tr.metric(&f.brier, 3).into()),
            ("interval", interval(tr, &f.brier_ci, 3).into()),
        ],
    ));
    ui.label(tr.fmt(
        "decomposition",
        &[
            ("reliability", tr.metric(&f.reliability, 3).into()),
            ("resolution", tr.metric(&f.resolution, 3).into()),
            ("uncertainty", tr.metric(&f.uncertainty, 3).into()),
        ],
    ));
    if let Some(&skill) = f.brier_skill.as_ref().value() {
        let key = if skill >= 0.0 {
            "skill-better"
        } else {
            "skill-worse"
        };
        let percent = (skill * 100.0).round().abs();
        ui.label(tr.fmt(key, &[("percent", percent.into())]));
    }
    match f.auc.undefined() {
        None => ui.label(tr.fmt(
            "auc-sentence",
            &[
                ("auc", tr.metric(&f.auc, 2).into()),
                ("interval", interval(tr, &f.auc_ci, 2).into()),
            ],
        )),
        Some(why) => ui.label(tr.fmt("auc-undefined", &[("why", why_text(tr, why).into())])),
    };
}

/// The trainee beside the three benchmark forecasters on the same cases and checkpoints.
fn benchmark_table(ui: &mut egui::Ui, tr: &Tr, scores: &Scores) {
    ui.add_space(6.0);
    egui::Grid::new("benchmarks")
        .striped(true)
        .num_columns(5)
        .show(ui, |ui| {
            for head in ["", "Brier", "skill", "AUC", "reliability-short"] {
                ui.label(
                    egui::RichText::new(if head.is_empty() {
                        String::new()
                    } else {
                        tr.t(&format!("col-{}", head.to_lowercase()))
                    })
                    .strong(),
                );
            }
            ui.end_row();
            let row = |ui: &mut egui::Ui, name: String, p: &ProbabilityScores| {
                ui.label(name);
                ui.label(tr.metric(&p.brier, 3));
                ui.label(tr.metric(&p.brier_skill, 2));
                ui.label(tr.metric(&p.auc, 2));
                ui.label(tr.metric(&p.reliability, 3));
                ui.end_row();
            };
            row(ui, tr.t("your-forecast"), &scores.forecasts);
            for b in [Benchmark::Ideal, Benchmark::Actuarial, Benchmark::BaseRate] {
                if let Some(p) = scores.benchmarks.get(&b) {
                    row(ui, tr.benchmark(b), p);
                }
            }
        });
}

fn diagram(ui: &mut egui::Ui, tr: &Tr, scores: &Scores) {
    ui.label(egui::RichText::new(tr.t("reliability-diagram")).strong());
    let mut series = vec![Series {
        name: tr.t("your-forecast"),
        colour: theme::YOU,
        shape: MarkerShape::Circle,
        bins: bins(&scores.forecasts),
        counts: true,
    }];
    if let Some(ideal) = scores.benchmarks.get(&Benchmark::Ideal) {
        series.push(Series {
            name: tr.t("ideal-forecast"),
            colour: theme::BETTER,
            shape: MarkerShape::Diamond,
            bins: bins(ideal),
            counts: false,
        });
    }
    reliability_diagram(ui, "reliability", &tr.t("perfect-calibration"), &series);
    ui.label(egui::RichText::new(tr.t("diagram-help")).small());
}

/// The judgement cost in words: how far the forecasts lay from the best possible ones, and the
/// Brier score split into judgement, the unavoidable and luck (the report's sentences).
pub fn judgement_ui(ui: &mut egui::Ui, tr: &Tr, scores: &Scores) {
    ui.label(egui::RichText::new(tr.t("headline-judgement")).strong());
    for sentence in judgement_sentences(&scores.judgement, &scores.forecasts.brier, tr.lang) {
        ui.add(egui::Label::new(sentence).wrap());
    }
}

/// Every forecast against the best possible one on the same evidence; the cases of far-off
/// forecasts open from the plot or, by keyboard and screen reader, from a button each. Returns what
/// the plot did, with the case to open (from the plot or a button) in `clicked`.
pub fn against_best_ui(ui: &mut egui::Ui, tr: &Tr, scores: &Scores) -> AgainstBestShown {
    ui.label(egui::RichText::new(tr.t("against-best-heading")).strong());
    let points: Vec<AgainstBest> = scores
        .case_forecasts
        .iter()
        .flat_map(|c| {
            c.forecasts.iter().map(|f| AgainstBest {
                best: 100.0 * f.ideal,
                forecast: 100.0 * f.trainee,
                case: c.case,
            })
        })
        .collect();
    let far_points = tr.number(FAR_OFF, 0);
    let names = AgainstBestNames {
        near: tr.t("against-best-near"),
        far: tr.fmt("against-best-far", &[("points", far_points.clone().into())]),
        diagonal: tr.t("against-best-diagonal"),
        x_axis: tr.t("against-best-x"),
        y_axis: tr.t("against-best-y"),
    };
    let mut shown = against_best_plot(ui, "against-best", &names, &points);
    let mut far_cases: Vec<usize> = points
        .iter()
        .filter(|p| (p.forecast - p.best).abs() >= FAR_OFF)
        .map(|p| p.case)
        .collect();
    let far = far_cases.len();
    far_cases.dedup();
    let listed: Vec<String> = far_cases.iter().map(|c| (c + 1).to_string()).collect();
    ui.add(
        egui::Label::new(
            egui::RichText::new(tr.fmt(
                "against-best-summary",
                &[
                    ("n", points.len().into()),
                    ("far", far.into()),
                    ("points", far_points.into()),
                    ("cases", listed.join(", ").into()),
                ],
            ))
            .small(),
        )
        .wrap(),
    );
    ui.horizontal_wrapped(|ui| {
        for &case in &far_cases {
            if ui
                .button(tr.fmt("case-button", &[("n", (case + 1).into())]))
                .clicked()
            {
                shown.clicked = Some(case);
            }
        }
    });
    shown
}

fn drift_ui(ui: &mut egui::Ui, tr: &Tr, scores: &Scores) {
    let d = &scores.drift;
    ui.label(egui::RichText::new(tr.t("drift-heading")).strong());
    ui.label(tr.fmt(
        "drift-counts",
        &[
            ("cases", d.signal_cases.into()),
            ("hits", d.hits.into()),
            ("misses", d.misses.into()),
            ("false", d.false_alarms.into()),
            ("stretches", d.noise_trials.into()),
        ],
    ));
    if d.signal_cases == 0 {
        ui.label(tr.t("drift-none"));
        return;
    }
    ui.label(tr.fmt(
        "drift-measures",
        &[
            ("dprime", num_or_why(tr, &d.d_prime, 2).into()),
            ("c", num_or_why(tr, &d.criterion, 2).into()),
            ("latency", num_or_why(tr, &d.latency_sessions, 1).into()),
        ],
    ));
}

fn events_ui(ui: &mut egui::Ui, tr: &Tr, scores: &Scores) {
    let e = &scores.events;
    ui.label(egui::RichText::new(tr.t("events-heading")).strong());
    ui.label(tr.fmt(
        "events-measures",
        &[
            ("n", e.n.into()),
            ("accuracy", tr.metric(&e.accuracy, 2).into()),
            ("kappa", num_or_why(tr, &e.kappa, 2).into()),
        ],
    ));
    // The answers' columns by the number of their class (its key on the case screen), the rows by
    // number and name: the table fits a small window at a large text size.
    egui::Grid::new("confusion").striped(true).show(ui, |ui| {
        ui.label(egui::RichText::new(tr.t("truth-answer")).small());
        for (n, answer) in LindenClass::ALL.iter().enumerate() {
            let name = tr.t(&format!("short-{}", answer.slug()));
            ui.label(egui::RichText::new((n + 1).to_string()).small())
                .on_hover_text(name);
        }
        ui.end_row();
        for (n, truth) in LindenClass::ALL.into_iter().enumerate() {
            let name = tr.t(&format!("short-{}", truth.slug()));
            ui.label(egui::RichText::new(format!("{} · {name}", n + 1)).small());
            for answer in LindenClass::ALL {
                let n = e.confusion.count(truth, answer);
                let text = egui::RichText::new(n.to_string());
                ui.label(if truth == answer { text.strong() } else { text });
            }
            ui.end_row();
        }
    });
}

/// The trainee's runs of this scenario on this machine (this one included), oldest first.
fn progress_ui(ui: &mut egui::Ui, tr: &Tr, earlier: &[RunScores]) {
    ui.label(egui::RichText::new(tr.t("progress-heading")).strong());
    let runs: Vec<RunPoint> = earlier
        .iter()
        .enumerate()
        .filter_map(|(i, r)| {
            let f = &r.scores.forecasts;
            RunPoint::of(
                i + 1,
                &f.brier,
                &f.brier_ci,
                &f.reliability,
                &r.scores.judgement.cost,
            )
        })
        .collect();
    if runs.len() < 2 {
        ui.label(tr.fmt("progress-few", &[("runs", runs.len().into())]));
        return;
    }
    progress_plot(
        ui,
        "progress",
        (
            &tr.t("your-forecast"),
            &tr.t("col-reliability-short"),
            &tr.t("col-judgement-cost"),
        ),
        &runs,
    );
    ui.label(egui::RichText::new(tr.t("progress-help")).small());
}
