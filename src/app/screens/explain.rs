//! What the trainee is taught beside the scores: on the reveal, why the best possible forecast
//! moved (a stepped chart of it over the sessions with the trainee's forecasts, and a sentence per
//! checkpoint); in the debrief, the trainee's cue weights beside the deserved ones and the blind
//! spots, each opening its case's explanation. Each part is called with one line from its screen.

use std::path::Path;
use std::sync::Arc;

use bevy_egui::egui;
use egui_plot::{Line, MarkerShape, PlotPoints, Points};

use crate::app::plots::percent_plot;
use crate::app::settings::Tr;
use crate::app::theme;
use crate::debrief::Scores;
use crate::forecast::{Actuarial, Benchmarks, Ideal};
use crate::model::Case;
use crate::run::Run;
use crate::scenario::Scenario;
use crate::teach::cues::Cue;
use crate::teach::explain::{explain, sentence};
use crate::teach::lens::{Lens, LensError};
use crate::teach::text::{blind_spot_text, cue_name, lens_sentences};
use crate::teach::waterfall::{Waterfall, probability};
use crate::teach::{RunLessons, lessons, trainee_points};

/// The waterfall of a case over all its sessions, computed once per case and kept in egui's memory
/// (the screen is drawn every frame).
fn waterfall(ui: &egui::Ui, s: &Scenario, ideal: &Ideal, case: &Case) -> Arc<Waterfall> {
    let id = egui::Id::new(("why-waterfall", &s.hash, case.index));
    ui.ctx().memory_mut(|m| {
        m.data
            .get_temp_mut_or_insert_with(id, || {
                Arc::new(Waterfall::of(s, ideal, case, s.file.sessions))
            })
            .clone()
    })
}

/// On the reveal of a case: the best possible forecast after each session as a stepped line, the
/// trainee's forecasts as points, and one sentence per checkpoint on why it moved.
pub fn reveal_why(
    ui: &mut egui::Ui,
    tr: &Tr,
    s: &Scenario,
    ideal: Option<&Ideal>,
    actuarial: Option<&Actuarial>,
    case: &Case,
    forecasts: &[(u32, u8)],
) {
    let Some(ideal) = ideal else {
        return;
    };
    let w = waterfall(ui, s, ideal, case);
    ui.add_space(6.0);
    ui.label(egui::RichText::new(tr.t("why-heading")).strong());
    // Stepped: the forecast after session t holds until session t + 1.
    let mut steps = Vec::new();
    for t in 0..=s.file.sessions {
        let p = 100.0 * probability(w.log_odds_at(t));
        steps.push([f64::from(t), p]);
        steps.push([f64::from(t) + 1.0, p]);
    }
    steps.pop();
    let given: Vec<[f64; 2]> = forecasts
        .iter()
        .map(|&(cp, p)| [f64::from(cp), f64::from(p)])
        .collect();
    let (best, you) = (tr.t("ideal-forecast"), tr.t("your-forecast"));
    percent_plot(ui, "why-plot", tr, "axis-session", 220.0).show(ui, |plot| {
        plot.line(Line::new(&best, PlotPoints::from(steps)).color(theme::BETTER));
        plot.points(
            Points::new(&you, PlotPoints::from(given))
                .shape(MarkerShape::Circle)
                .radius(5.0)
                .color(theme::YOU),
        );
    });
    let checkpoints: Vec<u32> = forecasts.iter().map(|(cp, _)| *cp).collect();
    for why in explain(&w, &checkpoints) {
        ui.label(sentence(s, case, &why, actuarial, tr.lang));
    }
}

/// The debrief's lessons of a run, computed once per set of answers.
fn run_lessons(ui: &egui::Ui, run: &Run, scores: &Scores) -> Arc<RunLessons> {
    let answers: Vec<&[(u32, u8)]> = run
        .all_answers()
        .iter()
        .map(|a| a.forecasts.as_slice())
        .collect();
    let id = egui::Id::new(("run-lessons", &run.scenario().hash, answers));
    ui.ctx().memory_mut(|m| {
        m.data
            .get_temp_mut_or_insert_with(id, || {
                Arc::new(lessons(run, &Benchmarks::new(run.scenario()), scores))
            })
            .clone()
    })
}

/// The lens model over all of a trainee's runs in a folder, read once per folder, trainee and run.
fn pooled_lens(
    ui: &egui::Ui,
    folder: &Path,
    trainee: &str,
    run: &Run,
) -> Arc<(usize, Result<Lens, LensError>)> {
    let id = egui::Id::new((
        "pooled-lens",
        folder,
        trainee,
        run.all_answers().len(),
        run.phase() == crate::run::Phase::Finished,
    ));
    ui.ctx().memory_mut(|m| {
        m.data
            .get_temp_mut_or_insert_with(id, || {
                let (runs, points) = trainee_points(folder, trainee);
                Arc::new((runs, Lens::fit(&points)))
            })
            .clone()
    })
}

/// In the debrief: the cue weights beside the deserved ones in a table and in sentences (also over
/// all of the trainee's runs in `mine`, their results folder and pseudonym, when there are two or
/// more), and the blind spots. Returns the case of the blind spot clicked: the debrief opens its
/// reveal.
pub fn debrief_lessons(
    ui: &mut egui::Ui,
    tr: &Tr,
    run: &Run,
    scores: &Scores,
    mine: Option<(&Path, &str)>,
) -> Option<usize> {
    let lessons = run_lessons(ui, run, scores);
    let pooled = mine.map(|(folder, trainee)| pooled_lens(ui, folder, trainee, run));
    let mut open = None;
    theme::two_columns(
        ui,
        |ui| {
            ui.label(egui::RichText::new(tr.t("report-lens-heading")).strong());
            match &lessons.lens {
                Ok(lens) => {
                    egui::Grid::new("cue-weights").striped(true).show(ui, |ui| {
                        ui.label("");
                        ui.label(tr.t("lens-col-you"));
                        ui.label(tr.t("lens-col-task"));
                        ui.end_row();
                        let weight =
                            |w: Option<f64>| w.map_or("—".to_string(), |w| tr.number(w, 2));
                        for cue in Cue::ALL {
                            let j = cue as usize;
                            ui.label(cue_name(cue, tr.lang));
                            ui.label(weight(lens.trainee.weights.get(j).copied().flatten()));
                            ui.label(weight(lens.task.weights.get(j).copied().flatten()));
                            ui.end_row();
                        }
                    });
                    for line in lens_sentences(lens, tr.lang) {
                        ui.label(line);
                    }
                }
                Err(e) => {
                    ui.label(tr.fmt("lens-unavailable", &[("why", e.to_string().into())]));
                }
            }
            if let Some((runs, Ok(lens))) = pooled.as_deref().filter(|(runs, _)| *runs >= 2) {
                ui.label(
                    egui::RichText::new(
                        tr.fmt("report-lens-all-runs", &[("runs", (*runs).into())]),
                    )
                    .strong(),
                );
                for line in lens_sentences(lens, tr.lang) {
                    ui.label(line);
                }
            }
        },
        |ui| {
            ui.label(egui::RichText::new(tr.t("report-blind-heading")).strong());
            if lessons.blind_spots.is_empty() {
                ui.label(tr.t("blind-none"));
            }
            for spot in &lessons.blind_spots {
                let label = tr.fmt(
                    "blind-spot-button",
                    &[
                        ("case", (spot.case + 1).into()),
                        ("checkpoint", spot.checkpoint.into()),
                        ("you", crate::teach::explain::percent(spot.trainee).into()),
                        ("ideal", crate::teach::explain::percent(spot.ideal).into()),
                    ],
                );
                if ui.link(label).clicked() {
                    open = Some(spot.case);
                }
            }
            if let Some(sentence) = crate::teach::text::pattern_sentence(&lessons, tr.lang) {
                ui.label(sentence);
            }
        },
    );
    open
}

/// On the reveal of a blind spot opened from the debrief: why it was one, in a sentence.
pub fn blind_spot_line(
    ui: &mut egui::Ui,
    tr: &Tr,
    run: &Run,
    scores: &Scores,
    benchmarks: (&Ideal, Option<&Actuarial>),
    (index, case): (usize, &Case),
) {
    let lessons = run_lessons(ui, run, scores);
    let Some(spot) = lessons.blind_spots.iter().find(|b| b.case == index) else {
        return;
    };
    let s = run.scenario();
    let (ideal, actuarial) = benchmarks;
    theme::card(ui)
        .stroke(egui::Stroke::new(2.0, theme::PICKED))
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.label(egui::RichText::new(tr.t("blind-spot-this")).strong());
            ui.add(
                egui::Label::new(blind_spot_text(s, ideal, actuarial, case, spot, tr.lang)).wrap(),
            );
        });
}
