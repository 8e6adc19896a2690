//! The start screen: an unfinished run first, with "continue"; the pseudonym and course code; the
//! scenarios as cards; start; and the other ways in (the trainer station). Each part is one call in
//! [`start_ui`], so another entry is one more line there.

use bevy_egui::egui;

use super::scenario_cards::scenario_cards_ui;
use crate::app::practice::practice_ui;
use crate::app::settings::Tr;
use crate::app::state::{AppState, Resumable, Screen};
use crate::app::theme;

pub fn start_ui(ui: &mut egui::Ui, state: &mut AppState) {
    ui.heading(state.t("app-title"));
    ui.add_space(6.0);
    unfinished_ui(ui, state);
    who_ui(ui, state);
    scenarios_ui(ui, state);
    crate::app::live::join_ui(ui, state);
    practice_entry(ui, state);
    ui.add_space(8.0);
    ui.label(
        egui::RichText::new(format!(
            "{} {}",
            state.t("results-folder"),
            state.results_dir.display()
        ))
        .small(),
    );
    ui.add_space(12.0);
    ui.separator();
    trainer_entry(ui, state);
}

/// The bar at the bottom of the start screen, in view however far the cards are scrolled: the
/// scenario chosen, Start, and what went wrong.
pub fn start_bar(ui: &mut egui::Ui, state: &mut AppState) {
    ui.add_space(4.0);
    if let Some(message) = &state.message {
        ui.add(
            egui::Label::new(egui::RichText::new(format!("⚠ {message}")).color(theme::ERROR))
                .wrap(),
        );
    }
    ui.horizontal(|ui| {
        let start = egui::Button::new(egui::RichText::new(state.t("start")).strong())
            .min_size(egui::vec2(140.0, 2.0 * ui.spacing().interact_size.y));
        if ui.add(start).clicked() || super::enter_pressed(ui) {
            state.start_run();
        }
        let tr = state.settings.tr();
        let chosen = if state.start.course_code.trim().is_empty() {
            state.chosen().map(|s| {
                tr.fmt(
                    "start-chosen",
                    &[("title", s.file.title.get(tr.lang).to_string().into())],
                )
            })
        } else {
            Some(tr.t("start-by-code"))
        };
        if let Some(chosen) = chosen {
            ui.add(egui::Label::new(egui::RichText::new(chosen).strong()).wrap());
        }
    });
    ui.add_space(4.0);
}

/// The id of the flag that the start screen gave the pseudonym field the keyboard (once each time
/// the screen opens; [`super::app_ui`] clears it on the other screens).
pub const AUTOFOCUS: &str = "start-autofocus";

/// Unfinished runs shown at most: the newest ones (older ones stay in the results folder).
const UNFINISHED_SHOWN: usize = 3;

/// Unfinished runs, newest first, each a card with "continue": the scenario's title, whose run it
/// is, how far it got and when it was started.
fn unfinished_ui(ui: &mut egui::Ui, state: &mut AppState) {
    let resumable: Vec<Resumable> = state
        .start
        .resumable
        .iter()
        .take(UNFINISHED_SHOWN)
        .cloned()
        .collect();
    let tr = state.settings.tr();
    let mut go = None;
    for (i, r) in resumable.iter().enumerate() {
        // Outlined as every card: the blue outline is the chosen scenario's alone.
        theme::card(ui).show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.label(
                egui::RichText::new(tr.t("unfinished-run"))
                    .small()
                    .strong()
                    .color(theme::YOU),
            );
            ui.add(egui::Label::new(theme::title(r.title.get(tr.lang))).wrap());
            ui.add(egui::Label::new(unfinished_line(&tr, r, jiff::Zoned::now())).wrap());
            let button =
                egui::Button::new(egui::RichText::new(format!("▶ {}", tr.t("resume"))).strong())
                    .min_size(egui::vec2(140.0, 1.5 * ui.spacing().interact_size.y));
            if ui.add(button).clicked() {
                go = Some(i);
            }
        });
        ui.add_space(6.0);
    }
    if let Some(r) = go.and_then(|i| resumable.get(i)) {
        state.resume(&r.path);
    }
}

/// "Anna · at case 4 of 12 · started today at 14:05", the day told as the trainee would tell it
/// (`now` is the local time).
pub fn unfinished_line(tr: &Tr, r: &Resumable, now: jiff::Zoned) -> String {
    let started = r.started.to_zoned(now.time_zone().clone());
    let time = started.strftime("%H:%M").to_string();
    let days = (now.date() - started.date()).get_days();
    let when = match days {
        0 => tr.fmt("started-today", &[("time", time.into())]),
        1 => tr.fmt("started-yesterday", &[("time", time.into())]),
        _ => tr.fmt(
            "started-on",
            &[
                ("date", started.strftime("%d-%m-%Y").to_string().into()),
                ("time", time.into()),
            ],
        ),
    };
    tr.fmt(
        "unfinished-line",
        &[
            ("trainee", r.trainee.clone().into()),
            ("case", r.case.into()),
            ("cases", r.cases.into()),
            ("when", when.into()),
        ],
    )
}

/// The pseudonym and the course code. The pseudonym has the keyboard when the screen opens with
/// it empty, so a trainee can type it and press Enter without the mouse.
fn who_ui(ui: &mut egui::Ui, state: &mut AppState) {
    egui::Grid::new("who").num_columns(2).show(ui, |ui| {
        ui.label(state.t("pseudonym"));
        let hint = state.t("pseudonym-hint");
        let field = ui.add(egui::TextEdit::singleline(&mut state.start.pseudonym).hint_text(hint));
        let opened = egui::Id::new(AUTOFOCUS);
        if !ui.data(|d| d.get_temp::<bool>(opened).unwrap_or(false)) {
            ui.data_mut(|d| d.insert_temp(opened, true));
            if state.start.pseudonym.is_empty() && ui.memory(|m| m.focused().is_none()) {
                field.request_focus();
            }
        }
        ui.end_row();
        ui.label(state.t("course-code"));
        let hint = state.t("course-code-hint");
        ui.add(egui::TextEdit::singleline(&mut state.start.course_code).hint_text(hint));
        ui.end_row();
    });
    ui.add_space(8.0);
}

/// The scenarios as cards.
fn scenarios_ui(ui: &mut egui::Ui, state: &mut AppState) {
    ui.label(theme::title(state.t("scenario")));
    let tr = state.settings.tr();
    state.start.selected = scenario_cards_ui(ui, &tr, &state.scenarios, state.start.selected);
}

/// Practice where the trainee is weak, on the chosen scenario, once a pseudonym is typed and that
/// trainee has finished a run of it (the drill is made from those runs).
fn practice_entry(ui: &mut egui::Ui, state: &mut AppState) {
    let trainee = state.start.pseudonym.trim().to_string();
    if trainee.is_empty() {
        return;
    }
    let Some(base) = state.chosen().and_then(|s| state.drill_base(&s.file.id)) else {
        return;
    };
    // A drill is made from finished runs: none is offered before the first.
    let has_runs = state
        .start
        .finished
        .iter()
        .any(|(who, id)| *who == trainee && *id == base.file.id);
    if !has_runs {
        return;
    }
    ui.add_space(8.0);
    let tr = state.settings.tr();
    if let Some(action) = practice_ui(ui, &tr, &state.practice, &trainee, &base) {
        state.practice_do(action, &trainee, base);
    }
}

/// The trainer station.
fn trainer_entry(ui: &mut egui::Ui, state: &mut AppState) {
    if ui.button(state.t("trainer")).clicked() {
        state.screen = Screen::Trainer;
    }
}
