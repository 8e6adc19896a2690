//! The case screen: the patient card, the trajectory so far, the session notes with a drift flag per
//! session, the unwanted events to classify, and the answer that is due; after the reveal, the whole
//! course with the outcome, the best possible forecasts beside the trainee's, and the truth.

use bevy_egui::egui;

use crate::app::active_run::ActiveRun;
use crate::app::plots::trajectory;
use crate::app::settings::Tr;
use crate::app::state::AppState;
use crate::app::theme;
use crate::forecast::{Actuarial, Ideal};
use crate::model::notes::{render_event, render_note};
use crate::model::{Case, Event, Patient, SessionNote};
use crate::run::{Action, Due, Phase};
use crate::scenario::Scenario;
use crate::scenario::format::LindenClass;

/// What the case screen shows of one case: while reading, only what the state machine makes
/// visible; after the reveal, the whole case.
struct Shown<'a> {
    index: usize,
    /// Sessions shown (all of them after the reveal).
    seen: u32,
    patient: &'a Patient,
    scores: &'a [f64],
    alliance: &'a [f64],
    notes: &'a [SessionNote],
    /// Events shown, with their index in the case.
    events: Vec<(usize, &'a Event)>,
    /// The whole case, once revealed.
    revealed: Option<&'a Case>,
}

pub fn case_ui(ui: &mut egui::Ui, state: &mut AppState) {
    let mut action: Option<Action> = None;
    {
        let tr = state.settings.tr();
        let ActiveRun {
            session,
            forecast,
            flag_kind,
            ideal,
            actuarial,
            reveal,
            ..
        } = &mut state.run;
        let Some(session) = session.as_ref() else {
            return;
        };
        let run = session.run();
        let s = run.scenario();
        let shown = match run.phase() {
            Phase::Reading { .. } => run.visible().map(|(index, v)| Shown {
                index,
                seen: v.seen(),
                patient: v.patient(),
                scores: v.scores(),
                alliance: v.alliance(),
                notes: v.notes(),
                events: v.events().enumerate().collect(),
                revealed: None,
            }),
            Phase::Revealed { case } => run.revealed(case).map(|c| {
                // The rest of the course appears session by session while the reveal animates.
                let drawn = reveal
                    .filter(|r| r.case == case)
                    .map_or(s.file.sessions, |r| r.drawn(s.file.sessions));
                let v = c.visible(drawn);
                Shown {
                    index: case,
                    seen: drawn,
                    patient: &c.patient,
                    scores: v.scores(),
                    alliance: v.alliance(),
                    notes: v.notes(),
                    events: c
                        .events
                        .iter()
                        .enumerate()
                        .filter(|(_, e)| e.session <= drawn)
                        .collect(),
                    revealed: Some(c),
                }
            }),
            Phase::Finished => None,
        };
        let Some(shown) = shown else {
            return;
        };
        let answers = run.answers(shown.index).cloned().unwrap_or_default();
        ui.horizontal(|ui| {
            ui.heading(tr.fmt(
                "case-of",
                &[("n", (shown.index + 1).into()), ("total", run.len().into())],
            ));
            ui.label(tr.fmt(
                "session-of",
                &[
                    ("seen", shown.seen.into()),
                    ("total", s.file.sessions.into()),
                ],
            ));
        });
        ui.columns(2, |cols| {
            let [left, right] = cols else { return };
            patient_card(left, &tr, s, shown.patient);
            notes_ui(left, &tr, flag_kind, s, &shown, &answers.flags, &mut action);
            events_ui(left, &tr, s, &shown, &answers.classifications, &mut action);
            trajectory_plot(right, &tr, s, actuarial.as_deref(), &shown);
            if let Some(case) = shown.revealed {
                let benchmarks = Benchmarks {
                    ideal: ideal.as_ref(),
                    actuarial: actuarial.as_deref(),
                };
                reveal_ui(right, &tr, benchmarks, s, case, &answers.forecasts);
            }
            due_ui(right, &tr, forecast, run.due(), &mut action);
        });
    }
    if let Some(message) = &state.message {
        ui.colored_label(theme::ERROR, format!("⚠ {message}"));
    }
    if let Some(action) = action {
        state.act(action);
    }
}

fn patient_card(ui: &mut egui::Ui, tr: &Tr, s: &Scenario, p: &Patient) {
    let sex = tr.t(if p.female { "female" } else { "male" });
    ui.group(|ui| {
        ui.label(egui::RichText::new(tr.t("patient")).strong());
        ui.label(tr.fmt("age-sex", &[("age", p.age.into()), ("sex", sex.into())]));
        if let Some(c) = s.file.patients.complaints.get(p.complaint) {
            ui.label(c.get(tr.lang));
        }
    });
}

fn notes_ui(
    ui: &mut egui::Ui,
    tr: &Tr,
    flag_kind: &mut Option<usize>,
    s: &Scenario,
    shown: &Shown,
    flags: &[(u32, Option<String>)],
    action: &mut Option<Action>,
) {
    let lang = tr.lang;
    ui.label(egui::RichText::new(tr.t("notes")).strong());
    let reading = shown.revealed.is_none();
    if reading && !s.file.drift.kinds.is_empty() {
        ui.horizontal(|ui| {
            ui.label(tr.t("drift-kind"));
            let unknown = tr.t("drift-kind-unknown");
            let current = flag_kind
                .and_then(|k| s.file.drift.kinds.get(k))
                .map_or(unknown.clone(), |k| k.label.get(lang).to_string());
            egui::ComboBox::from_id_salt("drift-kind")
                .selected_text(current)
                .show_ui(ui, |ui| {
                    ui.selectable_value(flag_kind, None, unknown);
                    for (i, k) in s.file.drift.kinds.iter().enumerate() {
                        ui.selectable_value(flag_kind, Some(i), k.label.get(lang));
                    }
                });
        });
    }
    let score_word = tr.t("score");
    let alliance_word = tr.t("alliance");
    egui::ScrollArea::vertical()
        .id_salt("notes")
        .max_height(260.0)
        .show(ui, |ui| {
            if let Some(intake) = shown.scores.first() {
                ui.label(format!("0. {} · {score_word} {intake}", tr.t("intake")));
            }
            for (t0, note) in shown.notes.iter().enumerate() {
                let t = t0 as u32 + 1;
                let score = shown.scores.get(t as usize).copied().unwrap_or(f64::NAN);
                let alliance = shown.alliance.get(t0).copied().unwrap_or(f64::NAN);
                ui.horizontal_wrapped(|ui| {
                    let onset = shown
                        .revealed
                        .and_then(|c| c.hidden.drift)
                        .is_some_and(|d| d.onset == t);
                    if onset {
                        ui.label(
                            egui::RichText::new(format!("⚐ {}", tr.t("drift-starts")))
                                .color(theme::WORSE)
                                .strong(),
                        );
                    }
                    ui.label(egui::RichText::new(format!("{t}.")).strong());
                    ui.label(format!(
                        "{score_word} {score} · {alliance_word} {alliance}. {}",
                        render_note(s, note, lang)
                    ));
                    let flagged = flags.iter().any(|(session, _)| *session == t);
                    if flagged {
                        ui.label(egui::RichText::new(format!("⚑ {}", tr.t("flagged"))).strong());
                    } else if reading
                        && ui
                            .small_button(format!("⚑ {} {t}", tr.t("flag-drift")))
                            .clicked()
                    {
                        let kind = flag_kind
                            .and_then(|k| s.file.drift.kinds.get(k))
                            .map(|k| k.key.clone());
                        *action = Some(Action::FlagDrift { session: t, kind });
                    }
                });
            }
        });
}

fn class_key(c: LindenClass) -> String {
    format!("class-{}", c.slug())
}

fn events_ui(
    ui: &mut egui::Ui,
    tr: &Tr,
    s: &Scenario,
    shown: &Shown,
    classified: &[(usize, LindenClass)],
    action: &mut Option<Action>,
) {
    if shown.events.is_empty() {
        return;
    }
    ui.label(egui::RichText::new(tr.t("events")).strong());
    for &(i, e) in &shown.events {
        ui.group(|ui| {
            ui.label(format!("{}. {}", e.session, render_event(s, e, tr.lang)));
            let answer = classified.iter().find(|(j, _)| *j == i).map(|(_, c)| *c);
            ui.horizontal_wrapped(|ui| match answer {
                Some(c) => {
                    ui.label(format!("{}: {}", tr.t("classify"), tr.t(&class_key(c))));
                }
                None if shown.revealed.is_none() => {
                    for class in LindenClass::ALL {
                        if ui.small_button(tr.t(&class_key(class))).clicked() {
                            *action = Some(Action::ClassifyEvent { event: i, class });
                        }
                    }
                }
                None => {}
            });
            if shown.revealed.is_some()
                && let Some(kind) = s.file.events.get(e.kind)
            {
                ui.label(format!(
                    "{}: {}",
                    tr.t("true-class"),
                    tr.t(&class_key(kind.linden))
                ));
            }
        });
    }
}

fn trajectory_plot(
    ui: &mut egui::Ui,
    tr: &Tr,
    s: &Scenario,
    actuarial: Option<&Actuarial>,
    shown: &Shown,
) {
    let drift_onset = shown.revealed.and_then(|c| c.hidden.drift).map(|d| d.onset);
    trajectory(
        ui,
        "trajectory",
        tr,
        s,
        actuarial,
        shown.scores,
        drift_onset,
    );
}

/// The benchmark forecasters for the reveal (the actuarial one once it is normed).
struct Benchmarks<'a> {
    ideal: Option<&'a Ideal>,
    actuarial: Option<&'a Actuarial>,
}

fn reveal_ui(
    ui: &mut egui::Ui,
    tr: &Tr,
    benchmarks: Benchmarks,
    s: &Scenario,
    case: &Case,
    forecasts: &[(u32, u8)],
) {
    let lang = tr.lang;
    ui.label(theme::outcome_label(tr, case.outcome).size(18.0));
    let percent = |p: f64| format!("{:.0} %", p * 100.0);
    egui::Grid::new("forecasts").striped(true).show(ui, |ui| {
        ui.label("");
        ui.label(tr.t("your-forecast"));
        ui.label(tr.t("actuarial-forecast"));
        ui.label(tr.t("ideal-forecast"));
        ui.end_row();
        for (checkpoint, given) in forecasts {
            let v = case.visible(*checkpoint);
            ui.label(format!("{} {checkpoint}", tr.t("checkpoint")));
            ui.label(format!("{given} %"));
            ui.label(
                benchmarks
                    .actuarial
                    .map_or("…".to_string(), |a| percent(a.forecast(s, &v))),
            );
            ui.label(
                benchmarks
                    .ideal
                    .map_or("…".to_string(), |i| percent(i.forecast(s, &v))),
            );
            ui.end_row();
        }
    });
    super::explain::reveal_why(
        ui,
        tr,
        s,
        benchmarks.ideal,
        benchmarks.actuarial,
        case,
        forecasts,
    );
    match case.hidden.drift {
        Some(d) => {
            let kind = s
                .file
                .drift
                .kinds
                .get(d.kind)
                .map_or(String::new(), |k| k.label.get(lang).to_string());
            ui.label(
                egui::RichText::new(tr.fmt(
                    "drift-onset",
                    &[("onset", d.onset.into()), ("kind", kind.into())],
                ))
                .color(theme::WORSE),
            );
        }
        None => {
            ui.label(tr.t("no-drift"));
        }
    }
}

fn due_ui(ui: &mut egui::Ui, tr: &Tr, forecast: &mut u8, due: Due, action: &mut Option<Action>) {
    ui.add_space(8.0);
    let enter = ui.input(|i| i.key_pressed(egui::Key::Enter));
    let right = ui.input(|i| i.key_pressed(egui::Key::ArrowRight));
    match due {
        Due::Forecast { .. } => {
            ui.label(egui::RichText::new(tr.t("forecast-question")).strong());
            ui.add(egui::Slider::new(forecast, 1..=99).suffix(" %"));
            if ui.button(tr.t("commit-forecast")).clicked() || enter {
                *action = Some(Action::Forecast { percent: *forecast });
            }
        }
        Due::NextSession => {
            if ui.button(tr.t("next-session")).clicked() || right {
                *action = Some(Action::NextSession);
            }
        }
        Due::Classify { .. } => {
            ui.label(tr.t("classify-first"));
        }
        Due::Reveal => {
            if ui.button(tr.t("reveal")).clicked() || enter {
                *action = Some(Action::Reveal);
            }
        }
        Due::NextCase => {
            if ui.button(tr.t("next-case")).clicked() || enter {
                *action = Some(Action::NextCase);
            }
        }
        Due::Finished => {}
    }
}
