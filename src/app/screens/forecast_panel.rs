//! The forecast panel of the case screen, fixed at its side (or bottom, in a narrow window): where
//! the case stands, and what is due now — the forecast question with the number large, a wide
//! slider and quick values; the next session; an unwanted event to classify; the reveal (or, in a
//! live class, that it waits for the trainer).
//!
//! Keys work without a click first: left and right arrows move the forecast by 1, up and down by
//! 5, Enter commits; when the next session is due, the right arrow shows it.

use bevy_egui::egui;

use crate::app::settings::Tr;
use crate::app::theme;
use crate::model::Outcome;
use crate::run::{Action, Due};
use crate::scenario::format::LindenClass;

/// Forecasts one click away: the range where most answers fall, from rare to even odds.
pub const QUICK_VALUES: [u8; 6] = [2, 5, 10, 25, 50, 75];

/// Where the case stands in the run.
pub struct Standing {
    /// The case, counted from 1, and how many the run has.
    pub case: usize,
    pub cases: usize,
    /// Sessions shown, and how many the treatment has.
    pub seen: u32,
    pub sessions: u32,
    /// The checkpoint now or next (counted from 1) and how many a case has, while reading.
    pub checkpoint: Option<(usize, usize)>,
    /// The outcome, once revealed: shown here too, so it is in view whatever the window's size.
    pub outcome: Option<Outcome>,
    /// In a live class, the trainer holds the reveal due now: the panel says so where the reveal
    /// button would be, and the button appears when the trainer releases it.
    pub held: bool,
}

/// An unwanted event waiting to be classified: its index in the case and its text.
pub struct Pending {
    pub event: usize,
    pub session: u32,
    pub text: String,
}

/// The panel; what the trainee did goes into `action`. `compact` (at the bottom of a small window)
/// puts the number beside the slider and the commit button beside the quick values, so the chart
/// keeps room above.
#[allow(clippy::too_many_arguments)]
pub fn forecast_panel_ui(
    ui: &mut egui::Ui,
    tr: &Tr,
    standing: &Standing,
    forecast: &mut u8,
    due: Due,
    pending: Option<&Pending>,
    compact: bool,
    action: &mut Option<Action>,
) {
    // A short window packs the bottom panel's rows, so the chart above keeps its room.
    let short = compact && ui.ctx().content_rect().height() < super::case::SHORT_BELOW;
    standing_ui(ui, tr, standing, compact, short);
    if !compact {
        ui.separator();
    }
    let enter = ui.input(|i| i.key_pressed(egui::Key::Enter));
    let right = ui.input(|i| i.key_pressed(egui::Key::ArrowRight));
    let rows = if compact { 1.0 } else { 2.0 };
    let wide = |ui: &mut egui::Ui, text: String| {
        ui.add_sized(
            [ui.available_width(), rows * ui.spacing().interact_size.y],
            egui::Button::new(egui::RichText::new(text).strong()),
        )
    };
    match due {
        Due::Forecast { .. } if compact => {
            if forecast_compact_ui(ui, tr, forecast, short) || enter {
                *action = Some(Action::Forecast { percent: *forecast });
            }
        }
        Due::Forecast { .. } => {
            forecast_ui(ui, tr, forecast);
            if wide(ui, tr.t("commit-forecast")).clicked() || enter {
                *action = Some(Action::Forecast { percent: *forecast });
            }
            ui.label(egui::RichText::new(tr.t("forecast-keys")).small().weak());
        }
        Due::NextSession => {
            if wide(ui, tr.t("next-session")).clicked() || right {
                *action = Some(Action::NextSession);
            }
        }
        Due::Classify { .. } => {
            ui.label(egui::RichText::new(tr.t("classify-first")).strong());
            if let Some(p) = pending {
                classify_ui(ui, tr, p, action);
            }
        }
        Due::Reveal if standing.held => {
            ui.add(egui::Label::new(egui::RichText::new(tr.t("live-held-wait")).strong()).wrap());
        }
        Due::Reveal => {
            if wide(ui, tr.t("reveal")).clicked() || enter {
                *action = Some(Action::Reveal);
            }
        }
        Due::NextCase => {
            if wide(ui, tr.t("next-case")).clicked() || enter {
                *action = Some(Action::NextCase);
            }
        }
        Due::Finished => {}
    }
}

/// "Case 3 of 12", then the session and the checkpoint (on one line when `compact`; in small type,
/// cut short if need be, when `short`).
fn standing_ui(ui: &mut egui::Ui, tr: &Tr, s: &Standing, compact: bool, short: bool) {
    let case = tr.fmt(
        "case-of",
        &[("n", s.case.into()), ("total", s.cases.into())],
    );
    let mut line = if compact {
        format!("{case} · ")
    } else {
        ui.label(theme::title(case));
        String::new()
    };
    line += &tr.fmt(
        "session-of",
        &[("seen", s.seen.into()), ("total", s.sessions.into())],
    );
    if let Some((k, total)) = s.checkpoint {
        line.push_str(" · ");
        line.push_str(&tr.fmt("checkpoint-of", &[("k", k.into()), ("total", total.into())]));
    }
    if short {
        ui.add(egui::Label::new(egui::RichText::new(line).strong().small()).truncate());
    } else {
        ui.add(egui::Label::new(egui::RichText::new(line).strong()).wrap());
    }
    if let Some(outcome) = s.outcome {
        ui.add(
            egui::Label::new(theme::outcome_label(tr, outcome).text_style(theme::title_style()))
                .wrap(),
        );
    }
}

/// The question, the number large, a slider as wide as the panel and the quick values.
fn forecast_ui(ui: &mut egui::Ui, tr: &Tr, forecast: &mut u8) {
    ui.add(egui::Label::new(egui::RichText::new(tr.t("forecast-question")).strong()).wrap());
    nudge_with_keys(ui, forecast);
    ui.label(theme::headline(format!("{forecast} %")).color(theme::YOU));
    ui.spacing_mut().slider_width = ui.available_width();
    ui.add(egui::Slider::new(forecast, 1..=99).show_value(false));
    ui.horizontal_wrapped(|ui| quick_values_ui(ui, forecast));
}

/// The compact form: the question, the number beside the slider, the quick values beside the
/// commit button; when `short`, the question in small type and the commit button beside the
/// slider instead, so the panel keeps to four short rows. True when the commit button was clicked.
fn forecast_compact_ui(ui: &mut egui::Ui, tr: &Tr, forecast: &mut u8, short: bool) -> bool {
    let question = egui::RichText::new(tr.t("forecast-question"));
    ui.add(egui::Label::new(if short { question.small() } else { question }).wrap());
    nudge_with_keys(ui, forecast);
    let commit_button = || egui::Button::new(egui::RichText::new(tr.t("commit-forecast")).strong());
    let mut commit = false;
    ui.horizontal(|ui| {
        ui.label(theme::title(format!("{forecast:>2} %")).color(theme::YOU));
        if short {
            // The button first, from the right, so the slider takes what it leaves.
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                commit = ui.add(commit_button()).clicked();
                ui.spacing_mut().slider_width = ui.available_width();
                ui.add(egui::Slider::new(forecast, 1..=99).show_value(false));
            });
        } else {
            ui.spacing_mut().slider_width = ui.available_width();
            ui.add(egui::Slider::new(forecast, 1..=99).show_value(false));
        }
    });
    ui.horizontal_wrapped(|ui| {
        quick_values_ui(ui, forecast);
        if !short {
            commit = ui.add(commit_button()).clicked();
        }
    });
    commit
}

/// A button per quick value; the one set is selected.
fn quick_values_ui(ui: &mut egui::Ui, forecast: &mut u8) {
    for value in QUICK_VALUES {
        if ui
            .selectable_label(*forecast == value, format!("{value} %"))
            .clicked()
        {
            *forecast = value;
        }
    }
}

/// Arrow keys move the forecast while no widget has the keyboard (a focused slider moves itself).
fn nudge_with_keys(ui: &egui::Ui, forecast: &mut u8) {
    if ui.memory(|m| m.focused().is_some()) {
        return;
    }
    let step = ui.input(|i| {
        let count = |key| i.num_presses(key) as i32;
        count(egui::Key::ArrowRight) - count(egui::Key::ArrowLeft)
            + 5 * (count(egui::Key::ArrowUp) - count(egui::Key::ArrowDown))
    });
    if step != 0 {
        *forecast = (i32::from(*forecast) + step).clamp(1, 99) as u8;
    }
}

/// The event's words and a button per class.
fn classify_ui(ui: &mut egui::Ui, tr: &Tr, p: &Pending, action: &mut Option<Action>) {
    theme::card(ui).show(ui, |ui| {
        ui.label(egui::RichText::new(format!("⚠ {} {}", tr.t("session"), p.session)).strong());
        ui.add(egui::Label::new(&p.text).wrap());
        ui.label(tr.t("classify-as"));
        for class in LindenClass::ALL {
            let text = tr.t(&format!("class-{}", class.slug()));
            if ui
                .add_sized([ui.available_width(), 0.0], egui::Button::new(text))
                .clicked()
            {
                *action = Some(Action::ClassifyEvent {
                    event: p.event,
                    class,
                });
            }
        }
    });
}
