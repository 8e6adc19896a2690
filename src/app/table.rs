//! A table that never needs scrolling sideways: every column as wide as its widest cell, the
//! same for every row, so the columns line up; when the columns do not fit the width they are
//! given, each row takes more lines (the columns that did not fit go on the next line, in the same
//! places on every row), and the rows are striped so a row's lines read as one.

use std::ops::Range;

use bevy_egui::egui;

/// How a cell's content sits in its column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Left,
    /// Numbers: their last digits line up.
    Right,
}

/// The columns' widths and how they are split over a row's lines, for the width the table has.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    widths: Vec<f32>,
    aligns: Vec<Align>,
    lines: Vec<Range<usize>>,
    spacing: f32,
}

impl Table {
    /// Lays out columns of at least `widths` points each (their widest cell, see [`text_width`])
    /// in `available` points, `spacing` apart. A column wider than the whole table may be is
    /// narrowed to it (its text then wraps).
    pub fn new(widths: Vec<f32>, aligns: Vec<Align>, available: f32, spacing: f32) -> Table {
        let available = available.max(1.0);
        let widths: Vec<f32> = widths.into_iter().map(|w| w.min(available)).collect();
        let mut lines = Vec::new();
        let mut start = 0;
        let mut used = 0.0;
        for (i, w) in widths.iter().enumerate() {
            let needed = if i == start { *w } else { used + spacing + w };
            if i > start && needed > available {
                lines.push(start..i);
                start = i;
                used = *w;
            } else {
                used = needed;
            }
        }
        if start < widths.len() {
            lines.push(start..widths.len());
        }
        Table {
            widths,
            aligns,
            lines,
            spacing,
        }
    }

    /// Lines per row: 1 when every column fits beside the others.
    pub fn lines_per_row(&self) -> usize {
        self.lines.len()
    }

    /// The width of the widest line, in points.
    pub fn width(&self) -> f32 {
        self.lines
            .iter()
            .map(|line| {
                let cells: f32 = self.widths.get(line.clone()).unwrap_or(&[]).iter().sum();
                cells + self.spacing * line.len().saturating_sub(1) as f32
            })
            .fold(0.0, f32::max)
    }

    /// Draws one row (or the header): `cell(ui, column)` draws each cell in its column. A `stripe`
    /// colour fills the row's background.
    pub fn row(
        &self,
        ui: &mut egui::Ui,
        stripe: Option<egui::Color32>,
        mut cell: impl FnMut(&mut egui::Ui, usize),
    ) {
        let background = ui.painter().add(egui::Shape::Noop);
        let drawn = ui.vertical(|ui| {
            ui.spacing_mut().item_spacing.x = self.spacing;
            // Cells of one height, top-aligned in their line, their content centred in them:
            // a line's cells stand level however their heights differ.
            let height = ui.spacing().interact_size.y;
            for line in &self.lines {
                ui.horizontal_top(|ui| {
                    for c in line.clone() {
                        let width = self.widths.get(c).copied().unwrap_or(0.0);
                        let layout = match self.aligns.get(c) {
                            Some(Align::Right) => egui::Layout::right_to_left(egui::Align::Center),
                            _ => egui::Layout::left_to_right(egui::Align::Center),
                        };
                        ui.allocate_ui_with_layout(egui::vec2(width, height), layout, |ui| {
                            ui.set_width(width);
                            ui.set_min_height(height);
                            cell(ui, c);
                        });
                    }
                });
            }
        });
        if let Some(fill) = stripe {
            let rect = drawn.response.rect.expand2(egui::vec2(2.0, 1.0));
            ui.painter()
                .set(background, egui::Shape::rect_filled(rect, 2.0, fill));
        }
    }
}

/// The width of `text` on one line in `style`, in points.
pub fn text_width(ui: &egui::Ui, text: impl Into<egui::WidgetText>, style: egui::TextStyle) -> f32 {
    text.into()
        .into_galley(
            ui,
            Some(egui::TextWrapMode::Extend),
            f32::INFINITY,
            egui::FontSelection::Style(style),
        )
        .size()
        .x
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(widths: &[f32], available: f32) -> Table {
        Table::new(
            widths.to_vec(),
            vec![Align::Left; widths.len()],
            available,
            10.0,
        )
    }

    #[test]
    fn columns_that_fit_share_one_line() {
        let t = table(&[100.0, 50.0, 50.0], 220.0);
        assert_eq!(t.lines, vec![0..3]);
        assert_eq!(t.width(), 220.0);
    }

    #[test]
    fn columns_that_do_not_fit_go_on_the_next_line_in_order() {
        // 100 + 10 + 50 = 160 fits 200; a third column of 50 would need 220.
        let t = table(&[100.0, 50.0, 50.0, 120.0, 90.0], 200.0);
        assert_eq!(t.lines, vec![0..2, 2..4, 4..5]);
        assert_eq!(t.lines_per_row(), 3);
        assert_eq!(t.width(), 180.0);
    }

    #[test]
    fn a_column_wider_than_the_table_is_narrowed_to_it() {
        let t = table(&[300.0, 40.0], 200.0);
        assert_eq!(t.lines, vec![0..1, 1..2]);
        assert_eq!(t.width(), 200.0);
    }
}
