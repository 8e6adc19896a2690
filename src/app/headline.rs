//! Headline numbers: the few numbers that matter, large, each on a card with its name above and a
//! line that puts it in context below (the debrief's top, the trainer's run table).

use bevy_egui::egui;

use super::theme;

/// One headline: its name, the number (or a short phrase) large, and its context.
pub struct Headline {
    pub title: String,
    pub number: String,
    pub context: String,
}

/// Width (points) a headline card needs; narrower windows stack the cards.
const CARD_WIDTH: f32 = 240.0;

/// The headlines side by side where they fit, else one under the other.
pub fn headlines_ui(ui: &mut egui::Ui, headlines: &[Headline]) {
    let spacing = ui.spacing().item_spacing.x;
    let fit = ((ui.available_width() + spacing) / (CARD_WIDTH + spacing)).floor() as usize;
    let columns = fit.clamp(1, headlines.len().max(1));
    for row in headlines.chunks(columns) {
        ui.columns(columns, |cols| {
            for (col, h) in cols.iter_mut().zip(row) {
                theme::card(col).show(col, |ui| {
                    ui.set_width(ui.available_width());
                    theme::plain(ui, |ui| {
                        ui.label(theme::title(&h.title));
                        ui.add(
                            egui::Label::new(theme::headline(&h.number).color(theme::YOU)).wrap(),
                        );
                        ui.add(egui::Label::new(&h.context).wrap());
                    });
                });
            }
        });
    }
}

/// The headlines on a line or two of small type, each its name and number, its context on hover:
/// for a low window, where the table under them must start in view.
pub fn headlines_compact_ui(ui: &mut egui::Ui, headlines: &[Headline]) {
    ui.horizontal_wrapped(|ui| {
        for (i, h) in headlines.iter().enumerate() {
            if i > 0 {
                ui.label(egui::RichText::new("·").small());
            }
            ui.label(egui::RichText::new(format!("{}:", h.title)).small())
                .on_hover_text(&h.context);
            ui.label(
                egui::RichText::new(&h.number)
                    .small()
                    .strong()
                    .color(theme::YOU),
            )
            .on_hover_text(&h.context);
        }
    });
}
