//! The forecast panel of the case screen, fixed at its side (or bottom, in a narrow window): where
//! the case stands, and what is due now — the forecast question with the number large, a wide
//! slider and quick values; the next session; an unwanted event to classify; the reveal (or, in a
//! live class, that it waits for the trainer).
//!
//! Answers only by intent: the forecast starts unset at every checkpoint (no number until the
//! trainee moves the slider, presses an arrow key or picks a quick value), and committing it unset
//! does nothing but say why; while an unwanted event waits to be classified, no class's button is
//! where the main button was (its place holds the event's words, or a disabled button), so a
//! habitual click there never picks a class. Each answer saved is confirmed in words on a line of
//! its own, which is always there so that nothing moves.
//!
//! Keys work without a click first: left and right arrows move the forecast by 1, up and down by
//! 5, and only Enter commits it. Enter or the right arrow moves on (next session, reveal, next
//! case); the keys 1 to 4 classify an event. Each button says its key. Held keys (repeats) never
//! answer: only a fresh press commits, moves on, or sets an unset forecast.

use bevy_egui::egui;

use crate::app::active_run::ForecastInput;
use crate::app::settings::Tr;
use crate::app::theme;
use crate::model::Outcome;
use crate::run::{Action, Due};
use crate::scenario::format::LindenClass;

/// Where the slider stands, and what the arrow keys start from, while the forecast is unset.
const UNSET_START: u8 = 10;

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
    /// After the reveal, the session after which the client stopped coming, if they did.
    pub stopped_after: Option<u32>,
    /// The answer saved last, confirmed in words.
    pub acknowledged: Option<Action>,
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
    forecast: &mut ForecastInput,
    due: Due,
    pending: Option<&Pending>,
    compact: bool,
    action: &mut Option<Action>,
) {
    // A short window packs the bottom panel's rows, so the chart above keeps its room.
    let short = compact && ui.ctx().content_rect().height() < super::case::SHORT_BELOW;
    // In a short window an event's classes come first, and where the case stands goes under them
    // (see below).
    let classes_first = short && matches!(due, Due::Classify { .. }) && pending.is_some();
    if !classes_first {
        standing_ui(ui, tr, standing, compact, short);
    }
    if !compact {
        ui.separator();
    }
    let enter = fresh_press(ui, egui::Key::Enter);
    let right = fresh_press(ui, egui::Key::ArrowRight);
    let rows = if compact { 1.0 } else { 2.0 };
    let size =
        |ui: &egui::Ui| egui::vec2(ui.available_width(), rows * ui.spacing().interact_size.y);
    let wide = |ui: &mut egui::Ui, text: String| {
        let button = ui.add_sized(
            size(ui),
            egui::Button::new(egui::RichText::new(text).strong()),
        );
        remember_spot(ui, button.rect);
        button
    };
    match due {
        Due::Forecast { .. } if compact => {
            if forecast_compact_ui(ui, tr, forecast, short) || enter {
                commit(forecast, action);
            }
        }
        Due::Forecast { .. } => {
            forecast_ui(ui, tr, forecast);
            if wide(ui, tr.t("commit-forecast")).clicked() || enter {
                commit(forecast, action);
            }
            ui.label(egui::RichText::new(tr.t("forecast-keys")).small().weak());
        }
        Due::NextSession => {
            if wide(ui, tr.t("next-session")).clicked() || enter || right {
                *action = Some(Action::NextSession);
            }
        }
        Due::Classify { .. } => {
            // The classes keep away from the main button's place. At the side the event's words
            // fill it (a click on them does nothing) and the classes follow below it. At the
            // bottom of the window, which the panel is anchored to, the classes are above it: the
            // panel's last part, from the top of where the main button was down to the window's
            // edge, holds a disabled button (or, when short, the event's words).
            let spot = main_spot(ui);
            let keep = spot.filter(|_| compact).map_or(0.0, |spot| {
                let rows = 3.0 * ui.spacing().interact_size.y;
                (ui.ctx().content_rect().max.y - spot.min.y + 2.0).clamp(0.0, rows)
            });
            if let Some(p) = pending {
                let avoid = spot.filter(|_| !compact);
                classify_ui(ui, tr, p, (compact, short), avoid, action);
            }
            if let Some(p) = pending.filter(|_| short) {
                // Under the classes, down to the window's edge where the main button was: where
                // the case stands and the event's words, in small type; nothing there answers a
                // click.
                // (Without the question: the classes above ask it.)
                let words = format!("⚠ {} {}: {}", tr.t("session"), p.session, p.text);
                let height = ui.spacing().interact_size.y.max(keep);
                ui.allocate_ui_with_layout(
                    egui::vec2(ui.available_width(), height),
                    egui::Layout::top_down(egui::Align::Min),
                    |ui| {
                        ui.set_min_height(height);
                        standing_ui(ui, tr, standing, compact, short);
                        ui.add(egui::Label::new(egui::RichText::new(words).small()).wrap());
                    },
                );
            }
            if compact && !short {
                let text = egui::RichText::new(tr.t("classify-first")).strong();
                let height = size(ui).y.max(keep);
                ui.add_enabled_ui(false, |ui| {
                    ui.add_sized(
                        [ui.available_width(), height],
                        egui::Button::new(text).wrap(),
                    )
                });
            }
        }
        Due::Reveal if standing.held => {
            ui.add(egui::Label::new(egui::RichText::new(tr.t("live-held-wait")).strong()).wrap());
        }
        Due::Reveal => {
            if wide(ui, tr.t("reveal")).clicked() || enter || right {
                *action = Some(Action::Reveal);
            }
        }
        Due::NextCase => {
            if wide(ui, tr.t("next-case")).clicked() || enter || right {
                *action = Some(Action::NextCase);
            }
        }
        Due::Finished => {}
    }
}

/// Where the main button's place is kept between frames (the commit, next-session, reveal or
/// next-case button, whichever was drawn last).
const MAIN_SPOT: &str = "main-button-spot";

/// Remembers where the main button was drawn, so the classification options keep away from it.
fn remember_spot(ui: &egui::Ui, rect: egui::Rect) {
    ui.data_mut(|d| d.insert_temp(egui::Id::new(MAIN_SPOT), rect));
}

/// Where the main button was last drawn.
fn main_spot(ui: &egui::Ui) -> Option<egui::Rect> {
    ui.data(|d| d.get_temp(egui::Id::new(MAIN_SPOT)))
}

/// Commits the forecast, or, while it is unset, commits nothing and has the panel say why.
fn commit(forecast: &mut ForecastInput, action: &mut Option<Action>) {
    match forecast.value {
        Some(percent) => *action = Some(Action::Forecast { percent }),
        None => forecast.refused = true,
    }
}

/// True when `key` was pressed in this frame, not repeated by holding it down: a held key never
/// answers or moves on by itself.
fn fresh_press(ui: &egui::Ui, key: egui::Key) -> bool {
    ui.input(|i| {
        i.events.iter().any(|e| {
            matches!(e, egui::Event::Key { key: k, pressed: true, repeat: false, .. } if *k == key)
        })
    })
}

/// The answer saved last, in words ("Saved: side effect").
fn acknowledgement(tr: &Tr, action: &Action) -> Option<String> {
    Some(match action {
        Action::Forecast { percent } => tr.fmt("saved-forecast", &[("percent", (*percent).into())]),
        Action::FlagDrift { session, .. } => {
            tr.fmt("saved-flag", &[("session", (*session).into())])
        }
        Action::ClassifyEvent { class, .. } => {
            let class = tr.t(&format!("class-{}", class.slug()));
            tr.fmt("saved-class", &[("class", class.into())])
        }
        Action::NextSession | Action::Reveal | Action::NextCase => return None,
    })
}

/// "Case 3 of 12", then the session and the checkpoint (on one line when `compact`; in small type,
/// with the answer saved last, when `short`); after the reveal the outcome and whether the client stopped
/// coming; then the answer saved last, on a line that is always there.
fn standing_ui(ui: &mut egui::Ui, tr: &Tr, s: &Standing, compact: bool, short: bool) {
    let case = tr.fmt(
        "case-of",
        &[("n", s.case.into()), ("total", s.cases.into())],
    );
    let mut counters = tr.fmt(
        "session-of",
        &[("seen", s.seen.into()), ("total", s.sessions.into())],
    );
    if let Some((k, total)) = s.checkpoint {
        counters.push_str(" · ");
        counters.push_str(&tr.fmt("checkpoint-of", &[("k", k.into()), ("total", total.into())]));
    }
    let saved = s
        .acknowledged
        .as_ref()
        .and_then(|a| acknowledgement(tr, a))
        .map(|text| format!("✔ {text}"));
    if !compact {
        ui.label(theme::title(case.clone()));
    }
    let case = compact.then_some(case);
    if short {
        // One line for all of it in a short window; when it does not fit, the answer just saved
        // goes before the counters (the session shows on its card and the chart), and only what
        // fits on no line at all wraps: never cut off.
        let joined = |parts: &[Option<&String>]| {
            parts
                .iter()
                .flatten()
                .map(|p| p.as_str())
                .collect::<Vec<_>>()
                .join(" · ")
        };
        let full = joined(&[case.as_ref(), Some(&counters), saved.as_ref()]);
        let shorter = [
            joined(&[case.as_ref(), saved.as_ref()]),
            joined(&[saved.as_ref()]),
        ];
        let text = |line: &str| egui::RichText::new(line).strong().small();
        let fits = |ui: &egui::Ui, line: &str| {
            let galley = egui::WidgetText::from(text(line)).into_galley(
                ui,
                Some(egui::TextWrapMode::Extend),
                f32::INFINITY,
                egui::TextStyle::Small,
            );
            galley.size().x <= ui.available_width()
        };
        let line = std::iter::once(full.clone())
            .chain(saved.is_some().then_some(shorter).into_iter().flatten())
            .find(|line| fits(ui, line))
            .unwrap_or(full);
        ui.add(egui::Label::new(text(&line)).wrap());
    } else {
        let line = match &case {
            Some(case) => format!("{case} · {counters}"),
            None => counters,
        };
        ui.add(egui::Label::new(egui::RichText::new(line).strong()).wrap());
    }
    if let Some(outcome) = s.outcome {
        ui.add(
            egui::Label::new(theme::outcome_label(tr, outcome).text_style(theme::title_style()))
                .wrap(),
        );
    }
    if let Some(last) = s.stopped_after {
        let text = tr.fmt(
            "panel-dropped-out",
            &[("last", last.into()), ("sessions", s.sessions.into())],
        );
        ui.add(egui::Label::new(egui::RichText::new(text).strong()).wrap());
    }
    if !short {
        // Always a line, so that the buttons under it stay where they were.
        let text = saved.unwrap_or_else(|| " ".to_string());
        let colour = theme::saved_colour(ui.visuals());
        ui.add(egui::Label::new(egui::RichText::new(text).color(colour)).wrap());
    }
}

/// The forecast as a large number, or a dash and "not chosen yet" while it is unset.
fn forecast_number(ui: &mut egui::Ui, tr: &Tr, forecast: &ForecastInput, big: bool) {
    let number = match forecast.value {
        Some(v) => format!("{v:>2} %"),
        None => "— %".to_string(),
    };
    let number = if big {
        theme::headline(number)
    } else {
        theme::title(number)
    };
    ui.horizontal_wrapped(|ui| {
        ui.label(number.color(theme::YOU));
        if forecast.value.is_none() {
            ui.label(egui::RichText::new(tr.t("forecast-not-chosen")).italics());
        }
    });
}

/// Under the slider while the forecast is unset: how to set it, or, after a refused commit, in
/// the colour of errors, that nothing was committed and why.
fn unset_hint(ui: &mut egui::Ui, tr: &Tr, forecast: &ForecastInput) {
    if forecast.value.is_some() {
        return;
    }
    let text = if forecast.refused {
        egui::RichText::new(format!("⚠ {}", tr.t("forecast-unset-refused")))
            .strong()
            .color(theme::ERROR)
    } else {
        egui::RichText::new(tr.t("forecast-unset")).weak()
    };
    ui.add(egui::Label::new(text).wrap());
}

/// The question, the number large, a slider as wide as the panel and the quick values.
fn forecast_ui(ui: &mut egui::Ui, tr: &Tr, forecast: &mut ForecastInput) {
    ui.add(egui::Label::new(egui::RichText::new(tr.t("forecast-question")).strong()).wrap());
    nudge_with_keys(ui, forecast);
    forecast_number(ui, tr, forecast, true);
    ui.spacing_mut().slider_width = ui.available_width();
    slider(ui, forecast, &tr.t("forecast-question"));
    ui.horizontal_wrapped(|ui| quick_values_ui(ui, forecast));
    unset_hint(ui, tr, forecast);
}

/// The slider; a press on it or a drag sets the forecast, even where the handle already stands.
/// While the forecast is unset the slider has no handle (only its rail), so no number seems
/// chosen; the arrow keys start from [`UNSET_START`]. A screen reader announces it by `name` (the
/// question it answers), with its value only once one is chosen.
fn slider(ui: &mut egui::Ui, forecast: &mut ForecastInput, name: &str) {
    let mut value = forecast.value.unwrap_or(UNSET_START);
    let unset = forecast.value.is_none();
    let response = ui
        .scope(|ui| {
            let rail = ui.visuals().widgets.inactive.bg_fill;
            if unset {
                hide_handle(ui.visuals_mut());
            }
            let response = ui.add(egui::Slider::new(&mut value, 1..=99).show_value(false));
            if unset {
                // The rail, drawn again over the hidden handle's place.
                let height = ui.spacing().slider_rail_height;
                let rect = egui::Rect::from_center_size(
                    response.rect.center(),
                    egui::vec2(response.rect.width(), height),
                );
                ui.painter().rect_filled(rect, height / 2.0, rail);
            }
            response
        })
        .inner;
    if response.changed() || response.drag_started() || response.clicked() {
        forecast.set(value);
    }
    let name = name.to_owned();
    let shown = forecast.value.map(f64::from);
    response.widget_info(move || {
        let mut info = egui::WidgetInfo::labeled(egui::WidgetType::Slider, true, name.as_str());
        info.value = shown;
        info
    });
}

/// Makes a slider's handle invisible in every state (its fill and outline transparent); the
/// focus ring stays, so the keyboard still shows where it is.
fn hide_handle(visuals: &mut egui::Visuals) {
    let w = &mut visuals.widgets;
    for state in [&mut w.inactive, &mut w.hovered, &mut w.active] {
        state.bg_fill = egui::Color32::TRANSPARENT;
        state.fg_stroke = egui::Stroke::NONE;
    }
}

/// The compact form: the question, the number beside the slider, the quick values beside the
/// commit button; when `short`, the question in small type, the quick values, and the commit
/// button beside the slider on the last row, so the panel keeps to four short rows. True when the
/// commit button was clicked.
fn forecast_compact_ui(
    ui: &mut egui::Ui,
    tr: &Tr,
    forecast: &mut ForecastInput,
    short: bool,
) -> bool {
    let question = egui::RichText::new(tr.t("forecast-question"));
    ui.add(egui::Label::new(if short { question.small() } else { question }).wrap());
    nudge_with_keys(ui, forecast);
    let commit_button = || egui::Button::new(egui::RichText::new(tr.t("commit-forecast")).strong());
    let mut commit = false;
    let mut add_commit = |ui: &mut egui::Ui| {
        let button = ui.add(commit_button());
        remember_spot(ui, button.rect);
        commit = button.clicked();
    };
    if short {
        // The quick values first, so the commit button is on the panel's last row: an event to
        // classify next keeps its classes above that row (see `Due::Classify`).
        ui.horizontal_wrapped(|ui| quick_values_ui(ui, forecast));
        ui.horizontal(|ui| {
            forecast_number(ui, tr, forecast, false);
            // The button first, from the right, so the slider takes what it leaves.
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                add_commit(ui);
                ui.spacing_mut().slider_width = ui.available_width();
                slider(ui, forecast, &tr.t("forecast-question"));
            });
        });
    } else {
        ui.horizontal(|ui| {
            forecast_number(ui, tr, forecast, false);
            ui.spacing_mut().slider_width = ui.available_width();
            slider(ui, forecast, &tr.t("forecast-question"));
        });
        ui.horizontal_wrapped(|ui| {
            quick_values_ui(ui, forecast);
            add_commit(ui);
        });
    }
    // In the compact form the hint shows only when a commit was refused, as the dash says the rest.
    if forecast.refused {
        unset_hint(ui, tr, forecast);
    }
    commit
}

/// A button per quick value; the one set is selected.
fn quick_values_ui(ui: &mut egui::Ui, forecast: &mut ForecastInput) {
    for value in QUICK_VALUES {
        if ui
            .selectable_label(forecast.value == Some(value), format!("{value} %"))
            .clicked()
        {
            forecast.set(value);
        }
    }
}

/// Arrow keys move the forecast while no widget has the keyboard (a focused slider moves itself).
/// An unset forecast starts from [`UNSET_START`], and only at a fresh press: an arrow held down to
/// read on through the sessions does not set it.
fn nudge_with_keys(ui: &egui::Ui, forecast: &mut ForecastInput) {
    if ui.memory(|m| m.focused().is_some()) {
        return;
    }
    let unset = forecast.value.is_none();
    let step = ui.input(|i| {
        let count = |key: egui::Key| {
            i.events
                .iter()
                .filter(|e| {
                    matches!(e, egui::Event::Key { key: k, pressed: true, repeat, .. }
                        if *k == key && !(unset && *repeat))
                })
                .count() as i32
        };
        count(egui::Key::ArrowRight) - count(egui::Key::ArrowLeft)
            + 5 * (count(egui::Key::ArrowUp) - count(egui::Key::ArrowDown))
    });
    let pressed = ui.input(|i| {
        i.events.iter().any(|e| {
            matches!(e, egui::Event::Key { key, pressed: true, repeat: false, .. }
                if matches!(key, egui::Key::ArrowRight | egui::Key::ArrowLeft
                    | egui::Key::ArrowUp | egui::Key::ArrowDown))
        })
    });
    if step != 0 || (unset && pressed) {
        let from = i32::from(forecast.value.unwrap_or(UNSET_START));
        forecast.set((from + step).clamp(1, 99) as u8);
    }
}

/// The keys that pick a class, in the order of [`LindenClass::ALL`].
const CLASS_KEYS: [egui::Key; 4] = [
    egui::Key::Num1,
    egui::Key::Num2,
    egui::Key::Num3,
    egui::Key::Num4,
];

/// The event's words and a button per class, each with its number key; in `compact` form (at the
/// bottom of a small window) two buttons a row and, when `short`, only the buttons (the panel puts
/// the words under them), so the chart and the session's note keep their room above. At the side
/// no button where the main button was (`avoid`): a row that would meet it goes below it. The
/// buttons have ids of their own, so that keyboard focus left on the button that was here before
/// never lands on one.
fn classify_ui(
    ui: &mut egui::Ui,
    tr: &Tr,
    p: &Pending,
    (compact, short): (bool, bool),
    avoid: Option<egui::Rect>,
    action: &mut Option<Action>,
) {
    let focused = ui.memory(|m| m.focused().is_some());
    let options: Vec<(LindenClass, String)> = LindenClass::ALL
        .into_iter()
        .enumerate()
        .map(|(n, class)| {
            let text = tr.fmt(
                "class-option",
                &[
                    ("key", (n + 1).into()),
                    ("class", tr.t(&format!("class-{}", class.slug())).into()),
                ],
            );
            (class, text)
        })
        .collect();
    let per_row = if compact { 2 } else { 1 };
    let frame = if short {
        egui::Frame::NONE
    } else {
        theme::card(ui)
    };
    frame.show(ui, |ui| {
        if !short {
            let session = format!("⚠ {} {}", tr.t("session"), p.session);
            ui.label(egui::RichText::new(session).strong());
            ui.add(egui::Label::new(&p.text).wrap());
            ui.label(tr.t("classify-as"));
        }
        for (row, chunk) in options.chunks(per_row).enumerate() {
            let gap = ui.spacing().item_spacing.x;
            let width = (ui.available_width() - gap * (per_row - 1) as f32) / per_row as f32;
            // No option where the main button was: skip past its place.
            if let Some(spot) = avoid {
                let height = chunk
                    .iter()
                    .map(|(_, text)| button_height(ui, text, width))
                    .fold(0.0, f32::max);
                let top = ui.cursor().top();
                let would = egui::Rect::from_min_size(
                    egui::pos2(ui.cursor().left(), top),
                    egui::vec2(ui.available_width(), height),
                );
                if would.intersects(spot.expand(2.0)) {
                    ui.add_space(spot.max.y + 2.0 + ui.spacing().item_spacing.y - top);
                }
            }
            ui.horizontal_top(|ui| {
                for (k, (class, text)) in chunk.iter().enumerate() {
                    let n = row * per_row + k;
                    let key = CLASS_KEYS.get(n).copied();
                    let by_key = !focused && key.is_some_and(|k| fresh_press(ui, k));
                    let clicked = ui
                        .push_id(("classify", p.event, n), |ui| {
                            ui.add_sized([width, 0.0], egui::Button::new(text.as_str()).wrap())
                        })
                        .inner
                        .clicked();
                    if clicked || by_key {
                        *action = Some(Action::ClassifyEvent {
                            event: p.event,
                            class: *class,
                        });
                    }
                }
            });
        }
    });
}

/// The height of a button with `text` wrapped in `width` points.
fn button_height(ui: &egui::Ui, text: &str, width: f32) -> f32 {
    let padding = ui.spacing().button_padding;
    let galley = egui::WidgetText::from(text).into_galley(
        ui,
        Some(egui::TextWrapMode::Wrap),
        width - 2.0 * padding.x,
        egui::TextStyle::Button,
    );
    (galley.size().y + 2.0 * padding.y).max(ui.spacing().interact_size.y)
}
