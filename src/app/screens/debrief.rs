//! The debrief after a run: the trainee's calibration beside the best possible forecasts, in words
//! and in a reliability diagram.

use bevy_egui::egui;
use egui_plot::{Legend, Line, Plot, PlotPoints, Points};

use crate::app::state::AppState;

pub fn debrief_ui(ui: &mut egui::Ui, state: &mut AppState) {
    let lang = state.lang;
    let Some(scores) = state.scores.as_ref() else {
        return;
    };
    let f = &scores.forecasts;
    let value = |m: &crate::score::Metric| m.as_ref().value().copied();
    let show = |m: &crate::score::Metric| value(m).map_or("—".to_string(), |v| format!("{v:.3}"));
    let bench = |name: &str| {
        scores
            .benchmarks
            .get(name)
            .map_or("—".to_string(), |b| show(&b.brier))
    };
    ui.heading(state.t("debrief"));
    ui.label(state.texts.fmt(
        lang,
        "debrief-cases",
        &[
            ("deteriorated", scores.deteriorated.into()),
            ("cases", scores.cases.into()),
            ("foreseen", scores.foreseen.into()),
        ],
    ));
    ui.label(state.t("hannan"));
    ui.label(state.texts.fmt(
        lang,
        "brier-line",
        &[
            ("brier", show(&f.brier).into()),
            ("ideal", bench("ideal").into()),
            ("base", bench("base_rate").into()),
        ],
    ));
    if let Some(citl) = value(&f.calibration_in_the_large) {
        let points = (citl * 100.0).round().abs();
        let key = if citl < -0.005 {
            "citl-under"
        } else if citl > 0.005 {
            "citl-over"
        } else {
            "citl-even"
        };
        ui.label(state.texts.fmt(lang, key, &[("points", points.into())]));
    }
    let bins: Vec<[f64; 2]> = f
        .reliability_diagram
        .as_ref()
        .value()
        .map(|bins| {
            bins.iter()
                .filter_map(|b| {
                    Some([
                        b.mean_forecast.as_ref().value().copied()?,
                        b.observed_frequency.as_ref().value().copied()?,
                    ])
                })
                .collect()
        })
        .unwrap_or_default();
    Plot::new("reliability")
        .height(260.0)
        .data_aspect(1.0)
        .include_x(0.0)
        .include_x(1.0)
        .include_y(0.0)
        .include_y(1.0)
        .legend(Legend::default())
        .allow_drag(false)
        .allow_zoom(false)
        .allow_scroll(false)
        .show(ui, |plot| {
            plot.line(Line::new(
                "perfect calibration",
                PlotPoints::from(vec![[0.0, 0.0], [1.0, 1.0]]),
            ));
            plot.points(Points::new("you", PlotPoints::from(bins)).radius(5.0));
        });
    if let Some(session) = &state.session {
        ui.label(state.texts.fmt(
            lang,
            "saved-in",
            &[("path", session.path().display().to_string().into())],
        ));
    }
    if ui.button(state.t("new-run")).clicked() {
        state.new_run();
    }
}
