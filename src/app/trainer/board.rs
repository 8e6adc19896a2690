//! The live class as a board for the projector: a column per checkpoint of the course, headed by
//! the spread of the class's forecasts there beside the best possible forecast (and the outcome
//! once the whole class may know it), and a row per trainee marking where they gave a forecast.
//! The room reads how the class judged each client; the trainer sees at a glance who is behind.
//! Only the spread is public: which forecast a trainee gave is not on the board.
//!
//! Sizes follow the window: columns share the width (a page of whole cases at a time when they
//! would be too narrow to read), rows share the height down to a readable minimum (then the rows
//! scroll under the fixed heading).

use bevy_egui::egui;

use crate::app::settings::Tr;
use crate::app::theme;
use crate::live::class::{AtCheckpoint, CheckpointView, ClassView, TraineeView};
use crate::model::Outcome;
use crate::run::Phase;

/// Width of the trainees' names: as wide as the widest name, within these (and a share of the
/// window); a longer name is set smaller. Then the width of their forecast counts, in points.
const MIN_NAMES: f32 = 60.0;
const MAX_NAMES_SHARE: f32 = 0.3;
const COUNT_WIDTH: f32 = 40.0;
/// The size of the names as they are measured for their column, and the smallest they are set.
const NAME_SIZE: f32 = 12.0;
const SMALLEST_NAME: f32 = 7.0;
/// A checkpoint's column: never narrower (a page of cases is shown instead), never wider.
const MIN_COLUMN: f32 = 16.0;
const MAX_COLUMN: f32 = 72.0;
/// A trainee's row: as tall as the window allows within these.
const MIN_ROW: f32 = 12.0;
const MAX_ROW: f32 = 30.0;
/// The height of the strips with the class's forecasts.
const STRIP_HEIGHT: f32 = 120.0;

/// Which columns the board shows: the names `names` wide, then the checkpoints of cases
/// `first..end`, each `width` wide.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Columns {
    pub names: f32,
    pub first: usize,
    pub end: usize,
    pub width: f32,
}

impl Columns {
    /// Where the checkpoints' columns start, from the row's left.
    fn lead(&self) -> f32 {
        self.names + COUNT_WIDTH
    }
}

/// The columns that fit `width` points beside names `names` wide, for a course of `cases` cases
/// with `per_case` checkpoints each, starting at the page that holds case `around` when not all
/// fit.
pub fn columns(width: f32, names: f32, cases: usize, per_case: usize, around: usize) -> Columns {
    let room = (width - names - COUNT_WIDTH).max(0.0);
    let per_case = per_case.max(1);
    let all = cases * per_case;
    let shown = |first: usize, end: usize| Columns {
        names,
        first,
        end,
        width: (room / ((end - first) * per_case).max(1) as f32).clamp(MIN_COLUMN, MAX_COLUMN),
    };
    if all == 0 {
        return shown(0, 0);
    }
    let fit = (room / MIN_COLUMN).floor() as usize;
    if fit >= all {
        return shown(0, cases);
    }
    let page = (fit / per_case).max(1);
    let first = (around.min(cases - 1) / page) * page;
    shown(first, (first + page).min(cases))
}

/// The width of the names' column: the widest name at [`NAME_SIZE`], within its bounds.
fn names_width(ui: &egui::Ui, tr: &Tr, view: &ClassView) -> f32 {
    let font = egui::FontId::proportional(NAME_SIZE);
    let widest = view
        .trainees
        .iter()
        .map(|t| {
            let galley =
                ui.painter()
                    .layout_no_wrap(row_name(tr, t), font.clone(), egui::Color32::WHITE);
            galley.size().x
        })
        .fold(0.0, f32::max);
    (widest + 8.0).clamp(
        MIN_NAMES,
        (ui.available_width() * MAX_NAMES_SHARE).max(MIN_NAMES),
    )
}

/// The case most trainees are at (the median trainee's), for the page shown first.
fn class_case(view: &ClassView) -> usize {
    let mut at: Vec<usize> = view
        .trainees
        .iter()
        .map(|t| match t.phase {
            Phase::Reading { case, .. } | Phase::Revealed { case } => case,
            Phase::Finished => view.cases.saturating_sub(1),
        })
        .collect();
    at.sort_unstable();
    at.get(at.len() / 2).copied().unwrap_or(0)
}

/// The board: a legend, the heading with the strips, then a row per trainee in the rest of the
/// window.
pub fn board_ui(ui: &mut egui::Ui, tr: &Tr, view: &ClassView) {
    let per_case = view.checkpoints.len().checked_div(view.cases).unwrap_or(0);
    let page_id = ui.id().with("board-page");
    let asked: Option<usize> = ui.data(|d| d.get_temp(page_id));
    let around = asked.unwrap_or_else(|| class_case(view));
    let names = names_width(ui, tr, view);
    let cols = columns(ui.available_width(), names, view.cases, per_case, around);
    if cols.end - cols.first < view.cases {
        pager(ui, tr, view.cases, cols, page_id);
    }
    let shown: Vec<(usize, &CheckpointView)> = view
        .checkpoints
        .iter()
        .enumerate()
        .filter(|(_, c)| (cols.first..cols.end).contains(&c.case))
        .collect();
    ui.label(egui::RichText::new(tr.t("live-board-legend")).small());
    if view.checkpoints.iter().any(|c| c.best.is_none()) {
        ui.label(egui::RichText::new(tr.t("live-board-stopped")).small());
    }
    case_numbers(ui, tr, &shown, cols);
    strips_row(ui, tr, &shown, cols);
    let rows = view.trainees.len().max(1) as f32;
    let below = ui.clip_rect().bottom() - ui.cursor().top() - ui.spacing().item_spacing.y;
    let row_height = (below / rows).clamp(MIN_ROW, MAX_ROW);
    if view.trainees.is_empty() {
        ui.label(tr.t("live-none-yet"));
    }
    egui::ScrollArea::vertical()
        .id_salt("board-rows")
        .max_height(below.max(MIN_ROW * 4.0))
        .auto_shrink([false, true])
        .show(ui, |ui| {
            ui.spacing_mut().item_spacing.y = 0.0;
            for t in &view.trainees {
                trainee_row(ui, tr, t, &shown, cols, row_height);
            }
        });
}

/// "◀ cases 1–6" and "cases 13–18 ▶": the pages of cases when not all fit.
fn pager(ui: &mut egui::Ui, tr: &Tr, cases: usize, cols: Columns, page_id: egui::Id) {
    let page = cols.end - cols.first;
    ui.horizontal_wrapped(|ui| {
        let range = |first: usize, end: usize| {
            tr.fmt(
                "live-board-cases",
                &[("first", (first + 1).into()), ("last", end.into())],
            )
        };
        if cols.first > 0 {
            let first = cols.first.saturating_sub(page);
            if ui
                .button(format!("◀ {}", range(first, cols.first)))
                .clicked()
            {
                ui.data_mut(|d| d.insert_temp(page_id, first));
            }
        }
        ui.label(egui::RichText::new(range(cols.first, cols.end)).strong());
        if cols.end < cases {
            let end = (cols.end + page).min(cases);
            if ui.button(format!("{} ▶", range(cols.end, end))).clicked() {
                ui.data_mut(|d| d.insert_temp(page_id, cols.end));
            }
        }
    });
}

/// The cases' numbers over their checkpoints' columns.
fn case_numbers(ui: &mut egui::Ui, tr: &Tr, shown: &[(usize, &CheckpointView)], cols: Columns) {
    let width = cols.width;
    ui.horizontal(|ui| {
        ui.spacing_mut().item_spacing.x = 0.0;
        ui.allocate_ui_with_layout(
            egui::vec2(cols.lead(), 0.0),
            egui::Layout::left_to_right(egui::Align::Center),
            |ui| {
                ui.set_min_width(cols.lead());
                ui.label(egui::RichText::new(tr.t("live-board-case")).strong());
            },
        );
        let mut i = 0;
        while i < shown.len() {
            let case = shown[i].1.case;
            let span = shown[i..]
                .iter()
                .take_while(|(_, c)| c.case == case)
                .count();
            let (rect, _) =
                ui.allocate_exact_size(egui::vec2(width * span as f32, 22.0), egui::Sense::hover());
            ui.painter().text(
                rect.center(),
                egui::Align2::CENTER_CENTER,
                (case + 1).to_string(),
                egui::TextStyle::Button.resolve(ui.style()),
                ui.visuals().strong_text_color(),
            );
            ui.painter().line_segment(
                [rect.left_top(), rect.left_bottom()],
                ui.visuals().widgets.noninteractive.bg_stroke,
            );
            i += span;
        }
    });
}

/// The strips: per checkpoint a vertical scale from 0 % (bottom) to 100 % (top) with a tick per
/// forecast of the class, the best possible forecast as a broad bar, and under it the number of
/// forecasts and, once the class may know it, the outcome.
fn strips_row(ui: &mut egui::Ui, tr: &Tr, shown: &[(usize, &CheckpointView)], cols: Columns) {
    ui.horizontal(|ui| {
        ui.spacing_mut().item_spacing.x = 0.0;
        let (axis, _) =
            ui.allocate_exact_size(egui::vec2(cols.lead(), STRIP_HEIGHT), egui::Sense::hover());
        let font = egui::TextStyle::Small.resolve(ui.style());
        let weak = ui.visuals().weak_text_color();
        for (p, text) in [(0.0, "0 %"), (0.5, "50 %"), (1.0, "100 %")] {
            let y = strip_y(axis, p);
            ui.painter().text(
                egui::pos2(axis.right() - 4.0, y),
                egui::Align2::RIGHT_CENTER,
                text,
                font.clone(),
                weak,
            );
        }
        for (_, c) in shown {
            strip(ui, tr, c, cols.width);
        }
    });
}

/// The y of probability `p` in a strip's `rect` (some room kept at both ends for the marks).
fn strip_y(rect: egui::Rect, p: f32) -> f32 {
    let top = rect.top() + 6.0;
    let bottom = rect.bottom() - 22.0;
    bottom - (bottom - top) * p.clamp(0.0, 1.0)
}

fn strip(ui: &mut egui::Ui, tr: &Tr, c: &CheckpointView, width: f32) {
    let (rect, response) =
        ui.allocate_exact_size(egui::vec2(width, STRIP_HEIGHT), egui::Sense::hover());
    // Named for screen readers (and tests) by the detailed view's line.
    let name = super::live::summary(tr, c);
    response.widget_info(move || {
        egui::WidgetInfo::labeled(egui::WidgetType::Other, true, name.as_str())
    });
    let painter = ui.painter_at(rect);
    let visuals = ui.visuals();
    let grid = visuals.widgets.noninteractive.bg_stroke;
    painter.line_segment([rect.left_top(), rect.left_bottom()], grid);
    for p in [0.0, 0.5, 1.0] {
        let y = strip_y(rect, p);
        painter.line_segment(
            [egui::pos2(rect.left(), y), egui::pos2(rect.right(), y)],
            egui::Stroke::new(0.5, grid.color),
        );
    }
    let inset = (width * 0.2).min(8.0);
    let tick = egui::Stroke::new(2.0, visuals.text_color().gamma_multiply(0.45));
    for &p in &c.forecasts {
        let y = strip_y(rect, f32::from(p) / 100.0);
        painter.line_segment(
            [
                egui::pos2(rect.left() + inset, y),
                egui::pos2(rect.right() - inset, y),
            ],
            tick,
        );
    }
    match c.best {
        Some(best) => {
            let y = strip_y(rect, best as f32);
            painter.line_segment(
                [
                    egui::pos2(rect.left() + 1.0, y),
                    egui::pos2(rect.right() - 1.0, y),
                ],
                egui::Stroke::new(4.0, theme::BETTER),
            );
        }
        // The case never reached this checkpoint: a cross over the strip, and no forecasts.
        None => {
            let middle = egui::pos2(rect.center().x, strip_y(rect, 0.5));
            let arm = (width * 0.3).min(8.0);
            let stroke = egui::Stroke::new(2.0, visuals.weak_text_color());
            for (dx, dy) in [(arm, arm), (arm, -arm)] {
                painter.line_segment(
                    [middle - egui::vec2(dx, dy), middle + egui::vec2(dx, dy)],
                    stroke,
                );
            }
        }
    }
    let foot = egui::pos2(rect.center().x, rect.bottom() - 8.0);
    match c.outcome {
        Some(Outcome::Deteriorated) => {
            painter.circle_filled(foot, 5.0, theme::WORSE);
        }
        Some(_) => {
            painter.circle_stroke(foot, 4.5, egui::Stroke::new(1.5, visuals.text_color()));
        }
        None => {}
    }
}

/// A trainee's name on the board, marked "run 2" (and so on) when they started again.
pub fn row_name(tr: &Tr, t: &TraineeView) -> String {
    if t.run > 1 {
        tr.fmt(
            "live-trainee-run",
            &[("trainee", t.trainee.clone().into()), ("run", t.run.into())],
        )
    } else {
        t.trainee.clone()
    }
}

/// Where a trainee is, in words.
pub fn place(tr: &Tr, t: &TraineeView) -> String {
    match t.phase {
        Phase::Reading { case, seen } => tr.fmt(
            "live-where-reading",
            &[("case", (case + 1).into()), ("session", seen.into())],
        ),
        Phase::Revealed { case } => tr.fmt("live-where-revealed", &[("case", (case + 1).into())]),
        Phase::Finished => tr.t("live-where-finished"),
    }
}

/// A trainee's row: the name (with "run 2" when they started again), the forecasts given, and a
/// mark in each checkpoint's column where they gave one; the checkpoint they are at is outlined.
fn trainee_row(
    ui: &mut egui::Ui,
    tr: &Tr,
    t: &TraineeView,
    shown: &[(usize, &CheckpointView)],
    cols: Columns,
    height: f32,
) {
    let width = cols.width;
    let name = row_name(tr, t);
    let (rect, response) = ui.allocate_exact_size(
        egui::vec2(cols.lead() + width * shown.len() as f32, height),
        egui::Sense::hover(),
    );
    let spoken = tr.fmt(
        "live-board-row",
        &[
            ("trainee", name.clone().into()),
            ("n", t.forecasts.into()),
            ("where", place(tr, t).into()),
        ],
    );
    let response = response.on_hover_text(&spoken);
    response.widget_info(move || {
        egui::WidgetInfo::labeled(egui::WidgetType::Other, true, spoken.as_str())
    });
    let painter = ui.painter_at(rect);
    let visuals = ui.visuals();
    let size = (height * 0.7).clamp(10.0, 18.0);
    let text = visuals.text_color();
    let name_rect =
        egui::Rect::from_min_size(rect.min, egui::vec2(cols.names - 6.0, rect.height()));
    // A name wider than its column is set smaller until it fits.
    let mut galley = painter.layout_no_wrap(name.clone(), egui::FontId::proportional(size), text);
    if galley.size().x > name_rect.width() {
        let smaller = (0.97 * size * name_rect.width() / galley.size().x).max(SMALLEST_NAME);
        galley = painter.layout_no_wrap(name, egui::FontId::proportional(smaller), text);
    }
    ui.painter_at(name_rect).galley(
        egui::pos2(name_rect.left(), rect.center().y - galley.size().y / 2.0),
        galley,
        text,
    );
    let font = egui::FontId::proportional(size);
    painter.text(
        egui::pos2(rect.left() + cols.lead() - 8.0, rect.center().y),
        egui::Align2::RIGHT_CENTER,
        t.forecasts.to_string(),
        font,
        text,
    );
    let at = due_checkpoint(t, shown);
    let mark = (width.min(height) * 0.55).max(6.0);
    for (col, (index, _)) in shown.iter().enumerate() {
        let x = rect.left() + cols.lead() + width * (col as f32 + 0.5);
        let centre = egui::pos2(x, rect.center().y);
        let square = egui::Rect::from_center_size(centre, egui::vec2(mark, mark));
        let answered = t.answered.get(*index).copied();
        if answered == Some(AtCheckpoint::Forecast) {
            painter.rect_filled(square, 1.0, theme::YOU);
        } else if answered == Some(AtCheckpoint::Stopped) {
            // Never asked: the client had stopped coming (a dash, not an open place).
            painter.line_segment(
                [
                    centre - egui::vec2(mark / 2.0, 0.0),
                    centre + egui::vec2(mark / 2.0, 0.0),
                ],
                egui::Stroke::new(1.5, visuals.weak_text_color()),
            );
        } else if at == Some(*index) {
            painter.rect_stroke(
                square,
                1.0,
                egui::Stroke::new(2.0, theme::YOU),
                egui::StrokeKind::Inside,
            );
        } else {
            painter.circle_filled(centre, 1.5, visuals.weak_text_color());
        }
    }
    painter.line_segment(
        [rect.left_bottom(), rect.right_bottom()],
        egui::Stroke::new(0.5, visuals.widgets.noninteractive.bg_stroke.color),
    );
}

/// The index (in the class view's checkpoints) of the forecast a reading trainee gives next.
fn due_checkpoint(t: &TraineeView, shown: &[(usize, &CheckpointView)]) -> Option<usize> {
    let Phase::Reading { case, .. } = t.phase else {
        return None;
    };
    shown
        .iter()
        .find(|(index, c)| {
            c.case == case && t.answered.get(*index).copied() == Some(AtCheckpoint::Open)
        })
        .map(|(index, _)| *index)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_column_fits_a_wide_window() {
        // 1280 points: 12 cases of 3 checkpoints share 1090 points, about 30 each.
        let c = columns(1280.0, 150.0, 12, 3, 5);
        assert_eq!((c.first, c.end), (0, 12));
        assert!((c.width - 1090.0 / 36.0).abs() < 1e-3, "{c:?}");
    }

    #[test]
    fn a_narrow_window_pages_whole_cases_around_the_class() {
        // 512 points (1024 pixels at text size 2): 322 points hold 20 columns, 6 cases of 3.
        let c = columns(512.0, 150.0, 12, 3, 7);
        assert_eq!((c.first, c.end), (6, 12), "the page holding case 8");
        assert!(c.width >= MIN_COLUMN);
        let c = columns(512.0, 150.0, 12, 3, 0);
        assert_eq!((c.first, c.end), (0, 6));
        // Too narrow even for one case: one case a page, at the narrowest columns.
        let c = columns(200.0, 150.0, 12, 3, 4);
        assert_eq!((c.first, c.end, c.width), (4, 5, MIN_COLUMN));
    }

    #[test]
    fn a_course_without_checkpoints_shows_no_columns() {
        assert_eq!(columns(800.0, 150.0, 0, 3, 0).end, 0);
    }
}
