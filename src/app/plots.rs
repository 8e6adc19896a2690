//! Plots shared by the trainee's screens and the trainer's views: a case's course, the reliability
//! diagram with Wilson intervals and counts, and Brier scores across runs.

use bevy_egui::egui::{self, Color32};
use egui_plot::{
    FilledArea, GridInput, GridMark, HLine, HoverPosition, Line, LineStyle, MarkerShape, Plot,
    PlotPoint, PlotPoints, Points, Text, VLine, uniform_grid_spacer,
};

use super::settings::Tr;
use super::theme;
use crate::debrief::show;
use crate::forecast::Actuarial;
use crate::scenario::Lang;
use crate::scenario::Scenario;
use crate::scenario::measure::MeasureRules;
use crate::score::{Interval, Metric, ProbabilityScores, ReliabilityBin};

/// How a series looks on a plot, drawn beside its name in a legend (painted, so it does not
/// depend on a font having the symbol).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mark {
    /// A line with round points.
    Dot,
    Square,
    Diamond,
    /// A cross (an outcome, 0 or 100 %).
    Cross,
    /// A filled band.
    Band,
    /// A dashed line.
    Dashed,
    /// A plain line.
    Line,
}

impl Mark {
    /// The mark of a point shape.
    pub fn of(shape: MarkerShape) -> Mark {
        match shape {
            MarkerShape::Diamond => Mark::Diamond,
            MarkerShape::Square => Mark::Square,
            MarkerShape::Cross => Mark::Cross,
            _ => Mark::Dot,
        }
    }

    /// Paints the mark in `rect`.
    fn paint(self, painter: &egui::Painter, rect: egui::Rect, colour: Color32) {
        let c = rect.center();
        let r = rect.height() * 0.32;
        let stroke = egui::Stroke::new(2.0, colour);
        match self {
            Mark::Dot => {
                painter.line_segment([rect.left_center(), rect.right_center()], stroke);
                painter.circle_filled(c, r, colour);
            }
            Mark::Square => {
                painter.rect_filled(
                    egui::Rect::from_center_size(c, egui::vec2(2.0 * r, 2.0 * r)),
                    0.0,
                    colour,
                );
            }
            Mark::Diamond => {
                let points = vec![
                    c + egui::vec2(0.0, -1.3 * r),
                    c + egui::vec2(1.3 * r, 0.0),
                    c + egui::vec2(0.0, 1.3 * r),
                    c + egui::vec2(-1.3 * r, 0.0),
                ];
                painter.add(egui::Shape::convex_polygon(
                    points,
                    colour,
                    egui::Stroke::NONE,
                ));
            }
            Mark::Cross => {
                for (a, b) in [(-1.0, 1.0), (1.0, -1.0)] {
                    painter.line_segment(
                        [c + egui::vec2(a * r, -r), c + egui::vec2(b * r, r)],
                        stroke,
                    );
                }
            }
            Mark::Band => {
                let band = egui::Rect::from_center_size(c, egui::vec2(rect.width(), 1.6 * r));
                painter.rect_filled(band, 0.0, theme::fill(colour, 110));
                painter.rect_stroke(
                    band,
                    0.0,
                    egui::Stroke::new(1.0, colour),
                    egui::StrokeKind::Inside,
                );
            }
            Mark::Dashed => {
                let y = c.y;
                let third = rect.width() / 3.0;
                for i in [0.0, 2.0] {
                    let x = rect.left() + i * third;
                    painter.line_segment([egui::pos2(x, y), egui::pos2(x + third, y)], stroke);
                }
            }
            Mark::Line => {
                painter.line_segment([rect.left_center(), rect.right_center()], stroke);
            }
        }
    }
}

/// One entry of a legend drawn beside a plot: the series' mark in its colour, and its name.
pub struct Key {
    pub mark: Mark,
    pub colour: Color32,
    pub name: String,
}

impl Key {
    pub fn new(mark: Mark, colour: Color32, name: String) -> Self {
        Key { mark, colour, name }
    }
}

/// A plot's legend as a line of keys above it that wraps, so it never covers the data however
/// large the text. Each key (its mark and its name) is one piece that moves to the next line whole:
/// a mark never ends a line with its name on the next.
pub fn legend_ui(ui: &mut egui::Ui, keys: &[Key]) {
    ui.horizontal_wrapped(|ui| {
        for k in keys {
            key_ui(ui, k);
            ui.add_space(8.0);
        }
    });
}

/// One key of a legend: its mark and its name, laid out and placed as one widget (labelled with
/// the name, so screen readers and tests find it). The mark sits at the name's first line.
fn key_ui(ui: &mut egui::Ui, k: &Key) -> egui::Response {
    let height = ui.text_style_height(&egui::TextStyle::Body);
    let mark_width = 1.6 * height;
    let gap = ui.spacing().item_spacing.x / 2.0;
    // A name longer than a whole line wraps beside its mark.
    let room = (ui.max_rect().width() - mark_width - gap).max(4.0 * height);
    let galley = egui::WidgetText::from(k.name.as_str()).into_galley(
        ui,
        Some(egui::TextWrapMode::Wrap),
        room,
        egui::TextStyle::Body,
    );
    let size = egui::vec2(
        mark_width + gap + galley.size().x,
        height.max(galley.size().y),
    );
    let (rect, response) = ui.allocate_exact_size(size, egui::Sense::hover());
    if ui.is_rect_visible(rect) {
        let mark = egui::Rect::from_min_size(rect.left_top(), egui::vec2(mark_width, height));
        k.mark.paint(ui.painter(), mark, k.colour);
        let text_at = egui::pos2(mark.right() + gap, rect.top());
        let colour = ui.visuals().text_color();
        ui.painter().galley(text_at, galley, colour);
    }
    let name = k.name.clone();
    response.widget_info(move || {
        egui::WidgetInfo::labeled(egui::WidgetType::Label, true, name.as_str())
    });
    response
}

/// Shows `plot` with its two axes named (`[x, y]`) for a screen reader. egui_plot gives each axis
/// a node of its own without a name (it can be dragged), which a screen reader announces as an
/// unknown, nameless object. The plot is shown in a scope of an id of its own, in which egui_plot
/// allocates the plot area, then the x axis, then the y axis, each as the scope's next automatic
/// id: those ids are named. When the plot area did not get the id this expects (another version
/// of egui_plot), nothing is named rather than the wrong node.
pub fn show_with_named_axes<'a, R>(
    ui: &mut egui::Ui,
    plot: Plot<'a>,
    [x, y]: [String; 2],
    build: impl FnOnce(&mut egui_plot::PlotUi<'a>) -> R + 'a,
) -> egui_plot::PlotResponse<R> {
    let scope = ui.id().with("named-axes").with(ui.next_auto_id());
    let nth = |n: u64| egui::Id::new(scope.value().wrapping_add(n));
    let shown = ui
        .scope_builder(egui::UiBuilder::new().id(scope), |ui| plot.show(ui, build))
        .inner;
    if shown.response.id == nth(1) {
        for (n, name) in [(2, x), (3, y)] {
            ui.ctx()
                .accesskit_node_builder(nth(n), |node| node.set_label(name));
        }
    }
    shown
}

/// A plot that stays put: no dragging, zooming or scrolling, so a trainee cannot lose the view.
pub fn still(plot: Plot<'_>) -> Plot<'_> {
    plot.allow_drag(false).allow_zoom(false).allow_scroll(false)
}

/// Where the language of the plots' numbers is kept for the frame ([`set_number_lang`]).
const NUMBER_LANG: &str = "plot-number-lang";

/// Sets the language every plot numbers its axes and hover labels in, once a frame: the plots read
/// it from the context, so the axes go through the one number formatter (a decimal comma in
/// Dutch) without each screen that draws a plot passing the language on.
pub fn set_number_lang(ctx: &egui::Context, lang: Lang) {
    let id = egui::Id::new(NUMBER_LANG);
    if ctx.data(|d| d.get_temp::<Lang>(id)) != Some(lang) {
        ctx.data_mut(|d| d.insert_temp(id, lang));
    }
}

/// The number at an axis's grid mark: as many decimals as its step needs (0,1 apart: one; 0,05
/// apart: two), in `lang`'s format.
pub fn axis_number(mark: GridMark, lang: Lang) -> String {
    // A step of 0,05 needs two decimals, 0,1 one (less a hair, as log10(0,1) is not exactly −1).
    let decimals = (-mark.step_size.log10() - 1e-9).ceil().max(0.0) as usize;
    // A mark at zero computed as -1e-17 is 0, not "-0,0".
    let value = if mark.value.abs() < mark.step_size.abs() * 1e-6 {
        0.0
    } else {
        mark.value
    };
    show::number(value, decimals, lang)
}

/// The label beside the pointer on a plot: the series' name and the point, in `lang`'s format.
fn hover_label(position: &HoverPosition<'_>, lang: Lang) -> Option<String> {
    let xy = |p: PlotPoint| {
        format!(
            "x = {}\ny = {}",
            show::number(p.x, 2, lang),
            show::number(p.y, 2, lang)
        )
    };
    Some(match position {
        HoverPosition::NearDataPoint {
            plot_name,
            position,
            ..
        } => format!("{plot_name}\n{}", xy(*position)),
        HoverPosition::Elsewhere { position } => xy(*position),
    })
}

/// `plot` with its axes and hover labels numbered in the language set for the frame.
fn numbered<'a>(ui: &egui::Ui, plot: Plot<'a>) -> Plot<'a> {
    let lang = ui
        .data(|d| d.get_temp::<Lang>(egui::Id::new(NUMBER_LANG)))
        .unwrap_or(Lang::En);
    plot.x_axis_formatter(move |mark, _| axis_number(mark, lang))
        .y_axis_formatter(move |mark, _| axis_number(mark, lang))
        .label_formatter(move |position| hover_label(position, lang))
}

/// A plot of forecasts in percent, 0 to 100, against `x_label`, labelled on the value axis as
/// [`value_axis`] does.
pub fn percent_plot<'a>(ui: &egui::Ui, id: &str, tr: &Tr, x_label: &str, height: f32) -> Plot<'a> {
    value_axis(ui, numbered(ui, still(Plot::new(id))))
        .height(height)
        .include_y(0.0)
        .include_y(100.0)
        .x_axis_label(tr.t(x_label))
        .y_axis_label(tr.t("axis-forecast"))
}

/// The least distance in points between grid lines, as egui_plot's default: the value axis's
/// steps are worked out from it.
const GRID_MIN: f32 = 8.0;

/// The distance in points from which egui_plot 0.37 draws a label of the horizontal axis at full
/// strength (its labels fade out between 80 and 60 points).
const X_LABEL_FULL: f32 = 80.0;

/// The session axis's grid steps (a quarter of, half of and the labelled step), in whole
/// sessions: the labelled step is the least of 4, 8, 16… sessions whose labels stand at least
/// [`X_LABEL_FULL`] points apart. `base` is the sessions in [`GRID_MIN`] points (egui_plot's
/// `base_step_size`).
fn session_steps(base: f64) -> [f64; 3] {
    let per_point = base.abs() / f64::from(GRID_MIN);
    let mut step = 4.0;
    while step < 1024.0 && step < per_point * f64::from(X_LABEL_FULL) {
        step *= 2.0;
    }
    [step / 4.0, step / 2.0, step]
}

/// The labels of `plot`'s value axis at a readable distance whatever the plot's height: two or
/// more on a course chart of the least height at text size 2 (see [`label_steps`]).
pub fn value_axis<'a>(ui: &egui::Ui, plot: Plot<'a>) -> Plot<'a> {
    let gap = label_gap(ui.text_style_height(&egui::TextStyle::Body));
    plot.grid_spacing(egui::Rangef::new(GRID_MIN, 300.0))
        .y_grid_spacer(value_spacer(gap))
}

/// Width of a value axis from `low` to `high` with its title, in points: egui_plot widens the
/// axis to its labels only in the frame after it drew them, so a chart whose labels grew (a case
/// whose scores reach 100) would show them cut at its left edge until the window is drawn again.
pub fn value_axis_width(ui: &egui::Ui, low: f64, high: f64) -> f32 {
    let digits = high.abs().max(low.abs()).round().max(1.0).log10().floor() as usize + 1;
    let sign = if low < 0.0 { "−" } else { "" };
    let widest = format!("{sign}{}", "8".repeat(digits));
    let body = ui.text_style_height(&egui::TextStyle::Body);
    // The labels, egui_plot's margin on each side of them, and the title turned on its side.
    crate::app::table::text_width(ui, widest, egui::TextStyle::Body) + 8.0 + 1.25 * body
}

/// The least distance in points between two labels of a value axis: one and a half lines of
/// text, and at least the distance at which egui_plot draws a label at full strength (30).
pub fn label_gap(text_height: f32) -> f32 {
    (1.5 * text_height).max(30.0)
}

/// The grid of a value axis with its labels `gap` points apart or more ([`label_steps`]).
fn value_spacer(gap: f32) -> impl Fn(GridInput) -> Vec<GridMark> {
    uniform_grid_spacer(move |input| {
        // egui_plot asks for steps of at least `GRID_MIN` points.
        let per_point = input.base_step_size / f64::from(GRID_MIN);
        label_steps(per_point, gap)
    })
}

/// The three steps of a value axis drawn at `per_point` units per point (fine, labelled, strong):
/// the labelled step is the least of 1, 2 or 5 times a power of ten that is `gap` points long or
/// more, so labels stand between `gap` and two and a half times `gap` apart; the fine lines split
/// it in four or five (too close for a label), the strong ones group five or two of it. egui_plot's
/// own spacer steps by powers of ten: a course chart of 160 points over 90 score points at text
/// size 2 had its labels 100 apart, so one or none showed.
pub fn label_steps(per_point: f64, gap: f32) -> [f64; 3] {
    let least = (per_point * f64::from(gap)).abs();
    if !least.is_finite() || least <= 0.0 {
        return [1.0, 10.0, 100.0];
    }
    let power = 10f64.powf(least.log10().floor());
    let (labelled, fine, strong) = [1.0, 2.0, 5.0, 10.0]
        .into_iter()
        .map(|m| m * power)
        .find(|step| *step >= least * (1.0 - 1e-9))
        .map_or((10.0 * power, 2.0 * power, 50.0 * power), |step| {
            let mantissa = step / power;
            if (mantissa - 2.0).abs() < 1e-9 {
                (step, step / 4.0, step * 5.0)
            } else if (mantissa - 5.0).abs() < 1e-9 {
                (step, step / 5.0, step * 2.0)
            } else {
                (step, step / 5.0, step * 5.0)
            }
        });
    [fine, labelled, strong]
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
    let mut keys: Vec<Key> = series
        .iter()
        .map(|s| Key::new(Mark::of(s.shape), s.colour, s.name.clone()))
        .collect();
    keys.push(Key::new(Mark::Line, Color32::GRAY, diagonal.to_string()));
    let legend = ui.scope(|ui| legend_ui(ui, &keys)).response.rect;
    let side = ui.available_width().clamp(220.0, 360.0);
    let plot = numbered(ui, still(Plot::new(id)))
        .height(side - 40.0)
        .width(side)
        .data_aspect(1.0)
        .include_x(0.0)
        .include_x(1.0)
        .include_y(0.0)
        .include_y(1.0)
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
        .rect;
    legend.union(plot)
}

/// One forecast on the forecasts-against-the-best plot, in percent, and the case it was given on.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct AgainstBest {
    pub best: f64,
    pub forecast: f64,
    /// Index of the case in the run.
    pub case: usize,
}

/// How far (percentage points) a forecast lies from the best one before it is marked as far off and
/// offered to open: 20 points, a distance a trainee can see and act on.
pub const FAR_OFF: f64 = 20.0;

/// The names the forecasts-against-the-best plot shows, in the interface's language.
pub struct AgainstBestNames {
    pub near: String,
    pub far: String,
    pub diagonal: String,
    pub x_axis: String,
    pub y_axis: String,
}

/// What the forecasts-against-the-best plot did: the case of a far-off forecast clicked, and where
/// each far-off forecast was drawn (screen position and case).
pub struct AgainstBestShown {
    pub clicked: Option<usize>,
    pub far: Vec<(egui::Pos2, usize)>,
}

/// The trainee's forecasts (y) against the best possible ones on the same evidence (x), both in
/// percent, with the diagonal where they would be equal: points above it are over-reactions, below
/// it under-reactions. Forecasts [`FAR_OFF`] or more from the best are marked; a click on one
/// opens its case (its reveal).
pub fn against_best_plot(
    ui: &mut egui::Ui,
    id: &str,
    names: &AgainstBestNames,
    points: &[AgainstBest],
) -> AgainstBestShown {
    let far = |p: &AgainstBest| (p.forecast - p.best).abs() >= FAR_OFF;
    let keys = [
        Key::new(Mark::Dot, theme::YOU, names.near.clone()),
        Key::new(Mark::Diamond, theme::WORSE, names.far.clone()),
        Key::new(Mark::Line, Color32::GRAY, names.diagonal.clone()),
    ];
    legend_ui(ui, &keys);
    let side = ui.available_width().clamp(220.0, 360.0);
    let split = |pick: bool| -> Vec<[f64; 2]> {
        points
            .iter()
            .filter(|p| far(p) == pick)
            .map(|p| [p.best, p.forecast])
            .collect()
    };
    let (near, off) = (split(false), split(true));
    let shown = value_axis(ui, still(Plot::new(id)))
        .height(side - 40.0)
        .width(side)
        .data_aspect(1.0)
        .include_x(0.0)
        .include_x(100.0)
        .include_y(0.0)
        .include_y(100.0)
        .x_axis_label(names.x_axis.clone())
        .y_axis_label(names.y_axis.clone())
        .show(ui, |plot| {
            plot.line(
                Line::new(
                    &names.diagonal,
                    PlotPoints::from(vec![[0.0, 0.0], [100.0, 100.0]]),
                )
                .color(Color32::GRAY),
            );
            plot.points(
                Points::new(&names.near, PlotPoints::from(near))
                    .color(theme::YOU)
                    .shape(MarkerShape::Circle)
                    .filled(true)
                    .radius(4.0),
            );
            plot.points(
                Points::new(&names.far, PlotPoints::from(off))
                    .color(theme::WORSE)
                    .shape(MarkerShape::Diamond)
                    .filled(true)
                    .radius(6.0),
            );
        });
    let far_drawn: Vec<(egui::Pos2, usize)> = points
        .iter()
        .filter(|p| far(p))
        .map(|p| {
            let at = shown
                .transform
                .position_from_point(&PlotPoint::new(p.best, p.forecast));
            (at, p.case)
        })
        .collect();
    let response = &shown.response;
    // The far-off forecast nearest the click, if the click is on its mark.
    let reach = 3.0 * ui.text_style_height(&egui::TextStyle::Body) / 2.0;
    let clicked = response
        .interact_pointer_pos()
        .filter(|_| response.clicked())
        .and_then(|pos| {
            far_drawn
                .iter()
                .map(|(at, case)| (at.distance(pos), *case))
                .filter(|(d, _)| *d <= reach)
                .min_by(|a, b| a.0.total_cmp(&b.0))
                .map(|(_, case)| case)
        });
    AgainstBestShown {
        clicked,
        far: far_drawn,
    }
}

/// One run on a progress plot: its number, Brier score and interval.
pub struct RunPoint {
    pub run: f64,
    pub brier: f64,
    pub interval: Option<Interval>,
    /// Miscalibration (the reliability term of the Brier score), if defined.
    pub miscalibration: Option<f64>,
    /// The judgement cost (mean squared distance from the best forecasts), if defined.
    pub judgement: Option<f64>,
}

impl RunPoint {
    /// The point of the `n`-th run or day (counted from 1) from its measures; none when its Brier
    /// score is not defined, as there is nothing to draw then.
    pub fn of(
        n: usize,
        brier: &Metric,
        interval: &Metric<Interval>,
        miscalibration: &Metric,
        judgement: &Metric,
    ) -> Option<Self> {
        Some(RunPoint {
            run: n as f64,
            brier: *brier.as_ref().value()?,
            interval: interval.as_ref().value().copied(),
            miscalibration: miscalibration.as_ref().value().copied(),
            judgement: judgement.as_ref().value().copied(),
        })
    }
}

/// Brier scores across runs (lower is better), with their 95 % intervals, the miscalibration part
/// of each (dashed, squares) and the judgement cost (diamonds: on the same scale, a mean squared
/// distance, but from the best forecasts, so no luck in it). Returns where it was drawn.
pub fn progress_plot(
    ui: &mut egui::Ui,
    id: &str,
    (name, miscalibration, judgement): (&str, &str, &str),
    runs: &[RunPoint],
) -> egui::Rect {
    let keys = [
        Key::new(Mark::Dot, theme::YOU, name.to_string()),
        Key::new(Mark::Square, theme::EXPECTED, miscalibration.to_string()),
        Key::new(Mark::Diamond, theme::BETTER, judgement.to_string()),
    ];
    let legend = ui.scope(|ui| legend_ui(ui, &keys)).response.rect;
    let (low, high) = progress_x_range(runs.len());
    let plot = numbered(ui, still(Plot::new(id)))
        .height(220.0)
        .include_y(0.0)
        .include_x(low)
        .include_x(high)
        // Runs and course days are whole numbers.
        .x_grid_spacer(uniform_grid_spacer(|_| [1.0, 5.0, 10.0]))
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
            let cost: Vec<[f64; 2]> = runs
                .iter()
                .filter_map(|r| Some([r.run, r.judgement?]))
                .collect();
            plot.line(Line::new(judgement, PlotPoints::from(cost.clone())).color(theme::BETTER));
            plot.points(
                Points::new(judgement, PlotPoints::from(cost))
                    .color(theme::BETTER)
                    .shape(MarkerShape::Diamond)
                    .filled(true)
                    .radius(5.0),
            );
        })
        .response
        .rect;
    legend.union(plot)
}

/// The runs or days axis of a progress plot: half a step either side of the points, and at least
/// three steps wide, so one meeting is one point among whole numbers rather than an axis from 0.5
/// to 1.5.
pub fn progress_x_range(points: usize) -> (f64, f64) {
    (0.5, points.max(3) as f64 + 0.5)
}

/// The expected response of clients with this intake score, per session of treatment (1 to the
/// last): the early-warning rule's 80 % band as (session, low, high). Empty until the rule is normed.
pub fn expected_course(actuarial: Option<&Actuarial>, intake: f64, sessions: u32) -> Vec<[f64; 3]> {
    let Some(a) = actuarial else {
        return Vec::new();
    };
    (1..=sessions as usize)
        .filter_map(|t| {
            a.expected_band(intake, t)
                .map(|(_, lo, hi)| [t as f64, lo, hi])
        })
        .collect()
}

/// The score axis of a course chart: what it takes to read the case — the expected-course band
/// over the whole treatment, the reliable-change band around intake (its worse edge is the line of
/// reliable deterioration), the clinical cutoff and the scores shown — with a margin of a tenth of
/// that span (at least a step of the measure) either side, inside the measure's range. Fitted to
/// the whole treatment's band rather than to the sessions read so far, it stays put while a case
/// is read, and grows only when a score leaves it.
pub fn course_y_range(
    rules: &MeasureRules,
    intake: f64,
    band: &[[f64; 3]],
    scores: &[f64],
) -> (f64, f64) {
    if !intake.is_finite() {
        return (rules.min, rules.max);
    }
    let rci = rules.reliable_change;
    let values = [rules.cutoff, intake - rci, intake + rci]
        .into_iter()
        .chain(band.iter().flat_map(|b| [b[1], b[2]]))
        .chain(scores.iter().copied())
        .filter(|y| y.is_finite());
    let (low, high) = values.fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), y| {
        (lo.min(y), hi.max(y))
    });
    let margin = (0.1 * (high - low)).max(rules.step);
    (
        (low - margin).max(rules.min),
        (high + margin).min(rules.max),
    )
}

/// What a course chart shows.
pub struct Course<'a> {
    pub id: &'a str,
    /// Scores from intake on (as many as are shown).
    pub scores: &'a [f64],
    /// The session where drift began, once revealed.
    pub drift_onset: Option<u32>,
    /// The session picked or hovered on the timeline, highlighted on the chart.
    pub picked: Option<u32>,
    pub height: f32,
}

/// Where a course chart was drawn, so the timeline under it can line up with its sessions.
pub struct Drawn {
    pub transform: egui_plot::PlotTransform,
    /// The session under the pointer on the chart, if any.
    pub hovered: Option<u32>,
}

/// The legend of a course chart, drawn above it: every item with its symbol and name.
pub fn course_legend(ui: &mut egui::Ui, tr: &Tr, s: &Scenario, band: bool, drift: bool) {
    let mut keys = vec![Key::new(Mark::Dot, theme::YOU, s.file.measure.name.clone())];
    if band {
        keys.push(Key::new(Mark::Band, theme::EXPECTED, tr.t("band-expected")));
    }
    keys.push(Key::new(
        Mark::Band,
        theme::REFERENCE,
        tr.t("band-reliable"),
    ));
    keys.push(Key::new(
        Mark::Dashed,
        theme::REFERENCE,
        tr.t("clinical-cutoff"),
    ));
    if drift {
        keys.push(Key::new(Mark::Dashed, theme::WORSE, tr.t("drift-starts")));
    }
    legend_ui(ui, &keys);
}

/// The course of a case: scores so far, the clinical cutoff, the reliable-change band around intake,
/// the expected-response band of the early-warning rule (once normed) over every session of
/// treatment, the session picked on the timeline and, after the reveal, the session where drift
/// began. Its legend is drawn apart ([`course_legend`]), so it never covers the course.
pub fn trajectory(
    ui: &mut egui::Ui,
    tr: &Tr,
    s: &Scenario,
    actuarial: Option<&Actuarial>,
    course: &Course,
) -> Drawn {
    let f = &s.file;
    let sessions = f64::from(f.sessions);
    let intake = course.scores.first().copied().unwrap_or(f64::NAN);
    let scores: Vec<[f64; 2]> = course
        .scores
        .iter()
        .enumerate()
        .map(|(t, y)| [t as f64, *y])
        .collect();
    let rci = s.rules.reliable_change;
    let xs = [0.0, sessions];
    let band = expected_course(actuarial, intake, f.sessions);
    let (low, high) = course_y_range(&s.rules, intake, &band, course.scores);
    // egui_plot sets the value axis's title a little left of the axis: room for it, so its first
    // letters are not cut at the edge of the case's area.
    let title_room = egui::Margin {
        left: (0.3 * ui.text_style_height(&egui::TextStyle::Body)).ceil() as i8,
        ..egui::Margin::ZERO
    };
    let response = egui::Frame::NONE
        .inner_margin(title_room)
        .show(ui, |ui| {
            let axis_width = value_axis_width(ui, low, high);
            let plot = value_axis(ui, numbered(ui, still(Plot::new(course.id))))
                .y_axis_min_width(axis_width)
                // One course chart per screen: its id is its name, so its memory can be looked up.
                .id(egui::Id::new(course.id))
                .height(course.height)
                .include_x(-0.3)
                .include_x(sessions + 0.3)
                .include_y(low)
                .include_y(high)
                .x_axis_label(tr.t("axis-session"))
                // Sessions are whole numbers: grid and labels every 1, 2 and 4 sessions, or every
                // 2, 4 and 8 (and so on) on a narrow chart, so the labels stay.
                .x_grid_spacer(uniform_grid_spacer(|input| {
                    session_steps(input.base_step_size)
                }))
                .y_axis_label(f.measure.name.clone());
            let axes = [tr.t("axis-session"), f.measure.name.clone()];
            show_with_named_axes(ui, plot, axes, |plot| {
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
                    let bx: Vec<f64> = band.iter().map(|b| b[0]).collect();
                    let lo: Vec<f64> = band.iter().map(|b| b[1]).collect();
                    let hi: Vec<f64> = band.iter().map(|b| b[2]).collect();
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
                if let Some(picked) = course.picked {
                    plot.vline(
                        VLine::new("", f64::from(picked))
                            .color(theme::fill(theme::PICKED, 120))
                            .width(10.0),
                    );
                }
                if let Some(onset) = course.drift_onset {
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
                        .width(2.5),
                );
                plot.points(
                    Points::new("", PlotPoints::from(scores))
                        .color(theme::YOU)
                        .shape(MarkerShape::Circle)
                        .filled(true)
                        .radius(4.0),
                );
            })
        })
        .inner;
    // The chart's text equivalent for a screen reader: the scores as a list.
    let listed: Vec<String> = course
        .scores
        .iter()
        .enumerate()
        .map(|(t, y)| match t {
            0 => format!("{} {}", tr.t("intake"), tr.score(*y)),
            _ => format!("{t}: {}", tr.score(*y)),
        })
        .collect();
    let spoken = tr.fmt(
        "chart-spoken",
        &[
            ("measure", f.measure.name.clone().into()),
            ("scores", listed.join("; ").into()),
        ],
    );
    response.response.widget_info(move || {
        egui::WidgetInfo::labeled(egui::WidgetType::Other, true, spoken.as_str())
    });
    let hovered = response.response.hover_pos().and_then(|pos| {
        let t = response.transform.value_from_position(pos).x.round();
        (0.0..=sessions).contains(&t).then_some(t as u32)
    });
    Drawn {
        transform: response.transform,
        hovered,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::resolve;

    /// The course chart's least height (`MIN_CHART` of the case screen).
    const MIN_CHART_POINTS: f32 = 160.0;

    #[test]
    fn the_expected_course_is_drawn_up_to_the_last_session() {
        let s = resolve("first-lesson").expect("bundled");
        let rule = Actuarial::norm(&s);
        let band = expected_course(Some(&rule), 70.0, s.file.sessions);
        let sessions: Vec<f64> = band.iter().map(|b| b[0]).collect();
        let every: Vec<f64> = (1..=s.file.sessions).map(f64::from).collect();
        assert_eq!(sessions, every, "one band point per session of treatment");
        assert!(band.iter().all(|b| b[1] <= b[2]));
        assert!(expected_course(None, 70.0, s.file.sessions).is_empty());
    }

    #[test]
    fn the_score_axis_fits_the_case_not_the_whole_measure_and_stays_put_while_reading() {
        let s = resolve("first-lesson").expect("bundled");
        let rule = Actuarial::norm_with(&s, 2_000, 3);
        let r = &s.rules;
        let intake = 70.0;
        let band = expected_course(Some(&rule), intake, s.file.sessions);
        // Scores inside the expected band, session by session.
        let scores: Vec<f64> = std::iter::once(intake)
            .chain(band.iter().map(|b| r.shown((b[1] + b[2]) / 2.0)))
            .collect();
        let (low, high) = course_y_range(r, intake, &band, &scores[..2]);
        assert!(
            low > r.min && high - low < 0.5 * (r.max - r.min),
            "the axis is the case's, not the whole measure's: {low}..{high} of {}..{}",
            r.min,
            r.max
        );
        for y in [
            r.cutoff,
            intake - r.reliable_change,
            intake + r.reliable_change,
        ] {
            assert!(low < y && y < high, "{y} in {low}..{high}");
        }
        assert!(band.iter().all(|b| low < b[1] && b[2] < high));
        // The same axis at every session of the case while the scores stay in the band.
        for seen in 2..=scores.len() {
            assert_eq!(
                course_y_range(r, intake, &band, &scores[..seen]),
                (low, high)
            );
        }
        // A score outside it widens it, inside the measure's range.
        let mut wild = scores.clone();
        wild.push(r.max);
        let (_, wider) = course_y_range(r, intake, &band, &wild);
        assert_eq!(wider, r.max);
        // Nothing to fit: the whole measure.
        assert_eq!(course_y_range(r, f64::NAN, &[], &[]), (r.min, r.max));
    }

    /// The labels egui_plot 0.37 draws on a value axis from `bounds` over `height` points with
    /// text `text_height` high: the marks whose step is more than 20 points long and at least a line
    /// of text (as its `add_tick_labels` decides), with their distance in points.
    fn drawn_labels(bounds: (f64, f64), height: f32, text_height: f32) -> (Vec<f64>, f32) {
        let per_point = (bounds.1 - bounds.0) / f64::from(height);
        let steps = label_steps(per_point, label_gap(text_height));
        let drawn: Vec<f64> = steps
            .into_iter()
            .filter(|step| {
                let points = (step / per_point) as f32;
                points > 20.0 && points >= text_height
            })
            .collect();
        let least = drawn.iter().copied().fold(f64::INFINITY, f64::min);
        let first = (bounds.0 / least).ceil() as i64;
        let last = (bounds.1 / least).floor() as i64;
        let values = (first..=last).map(|k| k as f64 * least).collect();
        (values, (least / per_point) as f32)
    }

    #[test]
    fn a_value_axis_keeps_two_labels_or_more_at_a_readable_distance_at_any_height() {
        // Score axes as a course chart fits them (OQ-45 cases, a PHQ-9 case) and the percent
        // plots, from the least chart height (text size 2 in a small window) to a full HD one.
        let axes = [
            (40.0, 130.0),
            (15.0, 100.0),
            (0.0, 180.0),
            (2.0, 24.0),
            (0.0, 100.0),
        ];
        for bounds in axes {
            for height in [MIN_CHART_POINTS, 225.0, 400.0, 640.0] {
                for text_height in [18.0, 24.0] {
                    let (labels, apart) = drawn_labels(bounds, height, text_height);
                    let case = format!("{bounds:?} over {height} points, text {text_height}");
                    assert!(labels.len() >= 2, "{case}: labels {labels:?}");
                    assert!(
                        apart >= label_gap(text_height),
                        "{case}: labels {apart} points apart"
                    );
                    assert!(
                        apart <= 2.5 * label_gap(text_height) + 0.01,
                        "{case}: labels {apart} points apart, more than need be"
                    );
                }
            }
        }
        // The case that kept one label with egui_plot's steps of powers of ten: 90 score points
        // over 160 points give 10 points 17.8 points apart (too close for a label) and 100 points
        // one label at most; now one every 20 points.
        let (labels, _) = drawn_labels((40.0, 130.0), MIN_CHART_POINTS, 18.0);
        assert_eq!(labels, vec![40.0, 60.0, 80.0, 100.0, 120.0]);
    }

    #[test]
    fn the_session_axis_labels_every_4_sessions_or_more_where_they_fit() {
        // 60 points a session (a wide chart): labels every 4 sessions, 240 points apart.
        assert_eq!(session_steps(8.0 / 60.0), [1.0, 2.0, 4.0]);
        // 10 points a session (16 sessions at text size 2 beside the note): every 8, 80 points.
        assert_eq!(session_steps(8.0 / 10.0), [2.0, 4.0, 8.0]);
        // 4 points a session: every 32 sessions (128 points), as 16 would be 64.
        assert_eq!(session_steps(8.0 / 4.0), [8.0, 16.0, 32.0]);
    }

    #[test]
    fn label_steps_are_one_two_or_five_times_a_power_of_ten() {
        assert_eq!(label_steps(1.0, 30.0), [10.0, 50.0, 100.0]);
        assert_eq!(label_steps(0.5, 30.0), [5.0, 20.0, 100.0]);
        assert_eq!(label_steps(0.1, 30.0), [1.0, 5.0, 10.0]);
        assert_eq!(
            label_steps(0.0, 30.0),
            [1.0, 10.0, 100.0],
            "nothing to scale"
        );
    }

    #[test]
    fn one_meeting_gets_whole_numbers_around_it() {
        let (low, high) = progress_x_range(1);
        assert!(low <= 0.5 && high >= 3.5, "{low}..{high}");
        assert_eq!(progress_x_range(10), (0.5, 10.5));
    }

    #[test]
    fn axes_write_a_decimal_comma_in_dutch_with_the_decimals_their_step_needs() {
        let mark = |value, step_size| GridMark { value, step_size };
        assert_eq!(axis_number(mark(0.1, 0.1), Lang::Nl), "0,1");
        assert_eq!(axis_number(mark(0.5, 0.1), Lang::Nl), "0,5");
        assert_eq!(axis_number(mark(0.5, 0.1), Lang::En), "0.5");
        assert_eq!(axis_number(mark(0.25, 0.05), Lang::Nl), "0,25");
        assert_eq!(axis_number(mark(40.0, 10.0), Lang::Nl), "40");
        assert_eq!(axis_number(mark(-1e-17, 0.2), Lang::Nl), "0,0");
    }
}
