//! The runs tab's diagrams: the class's pooled reliability diagram with the selected trainee's runs
//! pooled beside it, and that trainee's runs listed.

use bevy_egui::egui;
use egui_plot::MarkerShape;

use super::Summary;
use crate::app::plots::{Series, bins, reliability_diagram};
use crate::app::settings::Tr;
use crate::app::theme;
use crate::cohort::Cohort;
use crate::forecast::Forecaster;
use crate::score::ProbabilityScores;
use crate::teach::drill::drill_kind_of_id;
use crate::teach::text::kind_name;

/// Width of the diagram and its axes, in points (see [`reliability_diagram`]).
const DIAGRAM_SIDE: f32 = 380.0;
/// Least width of the help beside the diagram, in points.
const HELP_WIDTH: f32 = 260.0;

/// The class's pooled reliability diagram, with the selected trainee's runs pooled beside it, and
/// the trainee's runs. Returns where the diagram is when the trainer asked to save it as a picture.
pub(super) fn diagrams(
    ui: &mut egui::Ui,
    tr: &Tr,
    summary: &Summary,
    trainee: Option<&(String, ProbabilityScores)>,
    cohort: &Cohort,
    selected: Option<usize>,
) -> Option<egui::Rect> {
    let class_bins = summary
        .pinned
        .iter()
        .find(|(who, _)| *who == Forecaster::Trainee)
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
    // The help and the trainee's runs beside the diagram where both fit, else under it.
    let beside = ui.available_width() >= DIAGRAM_SIDE + HELP_WIDTH;
    let mut draw = |ui: &mut egui::Ui| {
        // The heading, the axes and the legend: the part saved as a picture.
        let drawn = ui.vertical(|ui| {
            ui.label(egui::RichText::new(tr.t("reliability-diagram")).strong());
            reliability_diagram(ui, "class-diagram", &tr.t("perfect-calibration"), &series);
        });
        rect = Some(drawn.response.rect.expand(4.0));
        ui.vertical(|ui| {
            ui.set_max_width(ui.available_width().min(520.0));
            help_ui(ui, tr, trainee, cohort, selected, rect, &mut save);
        });
    };
    if beside {
        ui.horizontal_top(|ui| draw(ui));
    } else {
        draw(ui);
    }
    save
}

/// Beside or under the diagram: the button that saves it, what it shows, and the selected
/// trainee's pooled scores and runs.
fn help_ui(
    ui: &mut egui::Ui,
    tr: &Tr,
    trainee: Option<&(String, ProbabilityScores)>,
    cohort: &Cohort,
    selected: Option<usize>,
    rect: Option<egui::Rect>,
    save: &mut Option<egui::Rect>,
) {
    if ui.button(tr.t("save-png")).clicked() {
        *save = rect;
    }
    ui.add(egui::Label::new(egui::RichText::new(tr.t("trainer-diagram-help")).small()).wrap());
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
                let course = match drill_kind_of_id(&r.scenario_id) {
                    Some(kind) => {
                        format!("{}: {}", tr.t("level-drill"), kind_name(kind, tr.lang))
                    }
                    None => r.course_code.clone(),
                };
                let text = format!("{} {course}", r.started.strftime("%Y-%m-%d"));
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
}
