//! Plots shared by the debrief and the trainer's views: the reliability diagram with Wilson
//! intervals and counts, and Brier scores across runs.

use bevy_egui::egui::{self, Color32};
use egui_plot::{Corner, Legend, Line, MarkerShape, Plot, PlotPoint, PlotPoints, Points, Text};

use super::theme;
use crate::score::{Interval, ReliabilityBin};

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
/// interval of each frequency as a bar, and the diagonal of perfect calibration.
pub fn reliability_diagram(ui: &mut egui::Ui, id: &str, diagonal: &str, series: &[Series]) {
    Plot::new(id)
        .height(300.0)
        .width(340.0)
        .data_aspect(1.0)
        .include_x(0.0)
        .include_x(1.0)
        .include_y(0.0)
        .include_y(1.0)
        .legend(Legend::default().position(Corner::LeftTop))
        .allow_drag(false)
        .allow_zoom(false)
        .allow_scroll(false)
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
        });
}

/// One run on a progress plot: its number, Brier score and interval.
pub struct RunPoint {
    pub run: f64,
    pub brier: f64,
    pub interval: Option<Interval>,
}

/// Brier scores across runs (lower is better), with their 95 % intervals.
pub fn progress_plot(ui: &mut egui::Ui, id: &str, name: &str, runs: &[RunPoint]) {
    Plot::new(id)
        .height(200.0)
        .include_y(0.0)
        .include_x(0.5)
        .include_x(runs.len() as f64 + 0.5)
        .legend(Legend::default().position(Corner::RightTop))
        .allow_drag(false)
        .allow_zoom(false)
        .allow_scroll(false)
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
        });
}
