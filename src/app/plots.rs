//! Plots shared by the trainee's screens and the trainer's views: a case's course, the reliability
//! diagram with Wilson intervals and counts, and Brier scores across runs.

use bevy_egui::egui::{self, Color32};
use egui_plot::{
    Corner, FilledArea, HLine, Legend, Line, LineStyle, MarkerShape, Plot, PlotPoint, PlotPoints,
    Points, Text, VLine, uniform_grid_spacer,
};

use super::settings::Tr;
use super::theme;
use crate::forecast::Actuarial;
use crate::scenario::Scenario;
use crate::score::{Interval, Metric, ProbabilityScores, ReliabilityBin};

/// A plot that stays put: no dragging, zooming or scrolling, so a trainee cannot lose the view.
pub fn still(plot: Plot<'_>) -> Plot<'_> {
    plot.allow_drag(false).allow_zoom(false).allow_scroll(false)
}

/// A plot of forecasts in percent, 0 to 100, against `x_label`.
pub fn percent_plot<'a>(id: &str, tr: &Tr, x_label: &str, height: f32) -> Plot<'a> {
    still(Plot::new(id))
        .height(height)
        .include_y(0.0)
        .include_y(100.0)
        .x_axis_label(tr.t(x_label))
        .y_axis_label(tr.t("axis-forecast"))
        .legend(Legend::default())
}

/// The bins of a reliability diagram (none when it is not defined).
pub fn bins(p: &ProbabilityScores) -> &[ReliabilityBin] {
    p.reliability_diagram
        .as_ref()
        .value()
        .map_or(&[], |b| b.as_slice())
}

/// One forecaster's bins on a reliability diagram.
pub struct Series<'a> {
    pub name: String,
    pub colour: Color32,
    pub shape: MarkerShape,
    pub bins: &'a [ReliabilityBin],
    /// Write each bin's number of forecasts beside its point.
    pub counts: bool,
}

/// A reliability diagram: observed frequency against mean forecast per bin, with the 95 % Wilson
/// interval of each frequency as a bar, and the diagonal of perfect calibration. Returns where it
/// was drawn (to save it as a picture).
pub fn reliability_diagram(
    ui: &mut egui::Ui,
    id: &str,
    diagonal: &str,
    series: &[Series],
) -> egui::Rect {
    still(Plot::new(id))
        .height(250.0)
        .width(290.0)
        .data_aspect(1.0)
        .include_x(0.0)
        .include_x(1.0)
        .include_y(0.0)
        .include_y(1.0)
        .legend(
            Legend::default()
                .position(Corner::RightBottom)
                .text_style(egui::TextStyle::Small),
        )
        .show(ui, |plot| {
            plot.line(
                Line::new(diagonal, PlotPoints::from(vec![[0.0, 0.0], [1.0, 1.0]]))
                    .color(Color32::GRAY),
            );
            for s in series {
                let mut points = Vec::new();
                for b in s.bins {
                    let (Some(&x), Some(&y)) = (
                        b.mean_forecast.as_ref().value(),
                        b.observed_frequency.as_ref().value(),
                    ) else {
                        continue;
                    };
                    points.push([x, y]);
                    if let (Some(&low), Some(&high)) = (
                        b.wilson_low.as_ref().value(),
                        b.wilson_high.as_ref().value(),
                    ) {
                        plot.line(
                            Line::new(&s.name, PlotPoints::from(vec![[x, low], [x, high]]))
                                .color(s.colour)
                                .width(1.5),
                        );
                    }
                    if s.counts {
                        plot.text(
                            Text::new("", PlotPoint::new(x + 0.04, y), format!("{}", b.n))
                                .color(s.colour),
                        );
                    }
                }
                plot.points(
                    Points::new(&s.name, PlotPoints::from(points))
                        .color(s.colour)
                        .shape(s.shape)
                        .filled(true)
                        .radius(5.0),
                );
            }
        })
        .response
        .rect
}

/// One run on a progress plot: its number, Brier score and interval.
pub struct RunPoint {
    pub run: f64,
    pub brier: f64,
    pub interval: Option<Interval>,
    /// Miscalibration (the reliability term of the Brier score), if defined.
    pub miscalibration: Option<f64>,
}

impl RunPoint {
    /// The point of the `n`-th run or day (counted from 1) from its measures; none when its Brier
    /// score is not defined, as there is nothing to draw then.
    pub fn of(
        n: usize,
        brier: &Metric,
        interval: &Metric<Interval>,
        miscalibration: &Metric,
    ) -> Option<Self> {
        Some(RunPoint {
            run: n as f64,
            brier: *brier.as_ref().value()?,
            interval: interval.as_ref().value().copied(),
            miscalibration: miscalibration.as_ref().value().copied(),
        })
    }
}

/// Brier scores across runs (lower is better), with their 95 % intervals, and the miscalibration
/// part of each (dashed, squares). Returns where it was drawn.
pub fn progress_plot(
    ui: &mut egui::Ui,
    id: &str,
    (name, miscalibration): (&str, &str),
    runs: &[RunPoint],
) -> egui::Rect {
    still(Plot::new(id))
        .height(200.0)
        .include_y(0.0)
        .include_x(0.5)
        .include_x(runs.len() as f64 + 0.5)
        .legend(Legend::default().position(Corner::RightTop))
        .show(ui, |plot| {
            for r in runs {
                if let Some(i) = r.interval {
                    plot.line(
                        Line::new(
                            name,
                            PlotPoints::from(vec![[r.run, i.low], [r.run, i.high]]),
                        )
                        .color(theme::YOU),
                    );
                }
            }
            let points: Vec<[f64; 2]> = runs.iter().map(|r| [r.run, r.brier]).collect();
            plot.line(Line::new(name, PlotPoints::from(points.clone())).color(theme::YOU));
            plot.points(
                Points::new(name, PlotPoints::from(points))
                    .color(theme::YOU)
                    .shape(MarkerShape::Circle)
                    .filled(true)
                    .radius(4.0),
            );
            let rel: Vec<[f64; 2]> = runs
                .iter()
                .filter_map(|r| Some([r.run, r.miscalibration?]))
                .collect();
            plot.line(
                Line::new(miscalibration, PlotPoints::from(rel.clone()))
                    .color(theme::EXPECTED)
                    .style(LineStyle::dashed_loose()),
            );
            plot.points(
                Points::new(miscalibration, PlotPoints::from(rel))
                    .color(theme::EXPECTED)
                    .shape(MarkerShape::Square)
                    .filled(true)
                    .radius(4.0),
            );
        })
        .response
        .rect
}

/// The course of a case: scores so far, the clinical cutoff, the reliable-change band around intake,
/// the expected-response band of the early-warning rule (once normed) and, after the reveal, the
/// session where drift began.
pub fn trajectory(
    ui: &mut egui::Ui,
    id: &str,
    tr: &Tr,
    s: &Scenario,
    actuarial: Option<&Actuarial>,
    scores: &[f64],
    drift_onset: Option<u32>,
) {
    let f = &s.file;
    let sessions = f64::from(f.sessions);
    let intake = scores.first().copied().unwrap_or(f64::NAN);
    let scores: Vec<[f64; 2]> = scores
        .iter()
        .enumerate()
        .map(|(t, y)| [t as f64, *y])
        .collect();
    let rci = s.rules.reliable_change;
    let xs = [0.0, sessions];
    // The expected response of clients with this intake score: the early-warning rule's 80 % band.
    let band: Vec<(f64, f64, f64)> = actuarial
        .map(|a| {
            (1..=f.sessions as usize)
                .filter_map(|t| {
                    a.expected_band(intake, t)
                        .map(|(_, lo, hi)| (t as f64, lo, hi))
                })
                .collect()
        })
        .unwrap_or_default();
    still(Plot::new(id))
        .height(260.0)
        .include_x(0.0)
        .include_x(sessions)
        .include_y(f.measure.min)
        .include_y(
            f.measure
                .max
                .min(intake + 2.5 * rci)
                .max(f.measure.clinical_cutoff.value),
        )
        .x_axis_label(tr.t("axis-session"))
        // Sessions are whole numbers: grid and labels every 1, 2 and 4 sessions, so labels stay
        // when the text is large.
        .x_grid_spacer(uniform_grid_spacer(|_| [1.0, 2.0, 4.0]))
        .y_axis_label(f.measure.name.clone())
        .legend(Legend::default().position(Corner::LeftBottom))
        .show(ui, |plot| {
            plot.add(
                FilledArea::new(
                    tr.t("band-reliable"),
                    &xs,
                    &[intake - rci; 2],
                    &[intake + rci; 2],
                )
                .fill_color(theme::fill(theme::REFERENCE, 60))
                .stroke(egui::Stroke::new(1.0, theme::REFERENCE)),
            );
            if !band.is_empty() {
                let bx: Vec<f64> = band.iter().map(|b| b.0).collect();
                let lo: Vec<f64> = band.iter().map(|b| b.1).collect();
                let hi: Vec<f64> = band.iter().map(|b| b.2).collect();
                plot.add(
                    FilledArea::new(tr.t("band-expected"), &bx, &lo, &hi)
                        .fill_color(theme::fill(theme::EXPECTED, 110))
                        .stroke(egui::Stroke::new(1.0, theme::EXPECTED)),
                );
            }
            plot.hline(
                HLine::new(tr.t("clinical-cutoff"), f.measure.clinical_cutoff.value)
                    .color(theme::REFERENCE)
                    .style(LineStyle::dashed_loose()),
            );
            if let Some(onset) = drift_onset {
                plot.vline(
                    VLine::new(tr.t("drift-starts"), f64::from(onset) - 0.5)
                        .color(theme::WORSE)
                        .style(LineStyle::dashed_dense())
                        .width(2.0),
                );
            }
            plot.line(
                Line::new(f.measure.name.clone(), PlotPoints::from(scores.clone()))
                    .color(theme::YOU)
                    .width(2.0),
            );
            plot.points(
                Points::new("", PlotPoints::from(scores))
                    .color(theme::YOU)
                    .shape(MarkerShape::Circle)
                    .radius(3.5),
            );
        });
}
