//! The cases tab: the cases that fooled the class most, with the class's mean forecast beside the
//! ideal one.

use bevy_egui::egui;
use egui_plot::{MarkerShape, PlotPoints, Points};

use super::screen::{header_row, save_picture};
use super::{Request, TrainerState};
use crate::app::plots::{Key, Mark, legend_ui, percent_plot};
use crate::app::settings::Tr;
use crate::app::theme;
use crate::cohort::views::CaseDifficulty;

/// The cases that fooled the class most, with the class's mean forecast beside the ideal one.
/// Saving the plot as a picture is asked.
pub(super) fn cases_ui(ui: &mut egui::Ui, tr: &Tr, trainer: &TrainerState) -> Option<Request> {
    let Some(summary) = &trainer.summary else {
        return None;
    };
    let cases = &summary.cases;
    ui.label(tr.t("cases-help"));
    let shown: Vec<_> = cases.iter().take(40).collect();
    // One point per case, at its rank: a probability in percent.
    let ranked = |value: fn(&CaseDifficulty) -> f64| -> PlotPoints {
        shown
            .iter()
            .enumerate()
            .map(|(i, c)| [i as f64 + 1.0, value(c) * 100.0])
            .collect()
    };
    // The legend above the chart, so it never covers a point.
    let series = [
        (
            "row-class",
            theme::YOU,
            MarkerShape::Circle,
            (|c| c.class_mean) as fn(&CaseDifficulty) -> f64,
        ),
        ("ideal-forecast", theme::BETTER, MarkerShape::Diamond, |c| {
            c.ideal
        }),
    ];
    let mut keys: Vec<Key> = series
        .iter()
        .map(|(key, colour, shape, _)| Key::new(Mark::of(*shape), *colour, tr.t(key)))
        .collect();
    keys.push(Key::new(Mark::Cross, egui::Color32::GRAY, tr.t("outcome")));
    let legend = ui.scope(|ui| legend_ui(ui, &keys)).response.rect;
    let drawn = percent_plot(ui, "cases-plot", tr, "axis-case-rank", 220.0).show(ui, |plot| {
        let truth = ranked(|c| if c.deteriorated { 1.0 } else { 0.0 });
        plot.points(
            Points::new(tr.t("outcome"), truth)
                .color(egui::Color32::GRAY)
                .shape(MarkerShape::Cross)
                .radius(5.0),
        );
        for (key, colour, shape, value) in series {
            plot.points(
                Points::new(tr.t(key), ranked(value))
                    .color(colour)
                    .shape(shape)
                    .filled(true)
                    .radius(4.0),
            );
        }
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
                    let mut case = tr.fmt("case-button", &[("n", (c.case + 1).into())]);
                    if let Some(last) = c.stopped_after {
                        case.push_str(" · ");
                        case.push_str(&tr.fmt("case-stopped-short", &[("last", last.into())]));
                    }
                    ui.label(case);
                    ui.label(tr.t(if c.deteriorated {
                        "outcome-deteriorated"
                    } else {
                        "not-deteriorated"
                    }));
                    ui.label(c.trainees.to_string());
                    ui.label(format!("{} %", tr.number(c.class_mean * 100.0, 0)));
                    ui.label(format!("{} %", tr.number(c.ideal * 100.0, 0)));
                    ui.label(tr.number(c.fooled_by, 2));
                    ui.end_row();
                }
            });
        });
    let rect = drawn.response.rect.union(legend).expand(4.0);
    save.then(|| save_picture(ui, "cases-class".to_string(), rect))
}
