//! The case screen as a cockpit: the course chart large, the sessions as a timeline of cards under
//! it (lined up with the chart's sessions, linked to it by hover and selection), the picked
//! session's card in full (what differed from the protocol, the events, the drift flag), and the
//! forecast panel fixed at the side or the bottom. After the reveal, what happened (the outcome, a
//! sudden gain, a dropout) comes first, so it is read without scrolling: in a wide window the
//! reveal is a column of its own beside the chart, else the outcome sits above the chart and the
//! reveal's other sections follow under the timeline, one function each.

use bevy_egui::egui;

use super::forecast_panel::{Pending, Standing, forecast_panel_ui};
use super::protocol_changes::differences;
use super::timeline::{SessionCard, timeline_ui};
use crate::app::active_run::ActiveRun;
use crate::app::plots::{Course, course_legend, trajectory};
use crate::app::settings::Tr;
use crate::app::state::{AppState, Screen};
use crate::app::theme;
use crate::debrief::Scores;
use crate::forecast::{Actuarial, Ideal};
use crate::model::notes::render_event;
use crate::model::{Case, Event, Patient, SessionNote};
use crate::run::{Action, Due, Phase, Run};
use crate::scenario::Scenario;
use crate::scenario::format::LindenClass;

/// Window width (points) from which the forecast panel sits at the side rather than the bottom.
const SIDE_PANEL_FROM: f32 = 820.0;

/// Width (points) of the room beside the forecast panel from which the reveal is a column of its
/// own beside the chart (full HD at text size 1 to 1.25) rather than stacked above and under it:
/// the chart and the timeline keep 600 points or more, the reveal 380.
const REVEAL_BESIDE_FROM: f32 = 1000.0;

/// The id of the reveal's column beside the chart.
pub const REVEAL_SIDE: &str = "reveal-side";

/// Window height (points) below which the case screen is short (1024×640 at text size 1.5 and
/// more, 1280×800 at 2): the client's line keeps to one line, the legend goes under the chart and
/// the forecast panel packs its rows, so the chart keeps its room.
pub(super) const SHORT_BELOW: f32 = 440.0;

/// The course chart's least height in points: below it the chart is a strip that cannot be read,
/// and the rest of the screen scrolls instead.
pub const MIN_CHART: f32 = 160.0;

/// The course chart's height: what the timeline and the session card (about 300 points) leave of
/// the central room under the client's line and the legend (`header`), at least [`MIN_CHART`] and
/// at most 640 points.
pub fn chart_height(room: f32, header: f32) -> f32 {
    (room - header - 300.0).clamp(MIN_CHART, 640.0)
}

/// The central room's height (points) below which, while reading, the picked session's card goes
/// beside the chart instead of under it (1024×640 from text size 1.1, 1280×800 from 1.4, full HD
/// from 1.9): under it, the chart, the timeline and the card would not fit together.
pub const NOTE_BESIDE_BELOW: f32 = 520.0;

/// The share of the central room's width the session's card takes beside the chart.
const NOTE_SHARE: f32 = 0.5;

/// The course chart's least height beside the session's card (its plot area about 55 points):
/// the lowest room (1024×640 at text size 2, with an event to classify) leaves about 100.
pub const MIN_CHART_BESIDE: f32 = 90.0;

/// The ids of the forecast panel at the side and at the bottom.
pub const FORECAST_SIDE: &str = "forecast-side";
pub const FORECAST_BOTTOM: &str = "forecast-bottom";

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
    /// While reading: the session after which the client stopped coming, once the session they
    /// did not come to has been reached (no forecast is asked from there on).
    stopped: Option<u32>,
    /// The whole case, once revealed.
    revealed: Option<&'a Case>,
}

/// The trainee's answers of the case, as the screen needs them.
struct Given<'a> {
    flags: &'a [(u32, Option<String>)],
    classified: &'a [(usize, LindenClass)],
}

pub fn case_ui(ui: &mut egui::Ui, state: &mut AppState) {
    let mut action: Option<Action> = None;
    let mut back = false;
    let held = state.reveal_held();
    {
        let tr = state.settings.tr();
        let ActiveRun {
            session,
            forecast,
            flag_kind,
            ideal,
            actuarial,
            reveal,
            picked,
            review,
            scores,
            acknowledged,
            ..
        } = &mut state.run;
        let review = *review;
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
                stopped: v
                    .ended(s.sessions())
                    .then(|| u32::try_from(v.scores().len().saturating_sub(1)).ok())
                    .flatten(),
                revealed: None,
            }),
            Phase::Revealed { case } => run.revealed(case).map(|c| {
                // The rest of the course appears session by session while the reveal animates.
                let drawn = reveal
                    .filter(|r| r.case == case)
                    .map_or(s.file.sessions, |r| r.drawn(s.file.sessions));
                revealed_shown(case, c, drawn)
            }),
            // A case opened again from the debrief: the whole of it.
            Phase::Finished => review
                .and_then(|case| Some((case, run.revealed(case)?)))
                .map(|(case, c)| revealed_shown(case, c, s.file.sessions)),
        };
        let Some(shown) = shown else {
            return;
        };
        let answers = run.answers(shown.index).cloned().unwrap_or_default();
        let given = Given {
            flags: &answers.flags,
            classified: &answers.classifications,
        };
        let due = run.due();
        // A client who stopped coming: the last session they came to, not the planned last (after
        // the reveal, or while reading once the session they did not come to is shown).
        let stopped_after = shown
            .revealed
            .and_then(|c| c.ended_early(s.sessions()))
            .and_then(|last| u32::try_from(last).ok())
            .or(shown.stopped);
        let standing = Standing {
            case: shown.index + 1,
            cases: run.len(),
            seen: stopped_after.unwrap_or(shown.seen),
            stopped_after,
            acknowledged: acknowledged.clone(),
            sessions: s.file.sessions,
            // The forecast being asked, or the last one given.
            checkpoint: shown.revealed.is_none().then(|| {
                // Once the client has stopped, the case's forecasts are the ones it reached.
                let total = s
                    .file
                    .checkpoints
                    .iter()
                    .filter(|cp| shown.stopped.is_none_or(|last| **cp <= last))
                    .count();
                let now = usize::from(matches!(due, Due::Forecast { .. }));
                let k = (answers.forecasts.len() + now).clamp(1, total.max(1));
                (k, total)
            }),
            outcome: shown.revealed.map(|c| c.outcome),
            held,
        };
        let pending = match due {
            Due::Classify { event } => {
                shown
                    .events
                    .iter()
                    .find(|(i, _)| *i == event)
                    .map(|(i, e)| Pending {
                        event: *i,
                        session: e.session,
                        text: render_event(s, e, tr.lang),
                    })
            }
            _ => None,
        };
        let width = ui.available_width();
        let side = width >= SIDE_PANEL_FROM;
        let short = ui.ctx().content_rect().height() < SHORT_BELOW;
        let mut panel = |ui: &mut egui::Ui, action: &mut Option<Action>| {
            let compact = !side;
            let due = due.clone();
            forecast_panel_ui(
                ui,
                &tr,
                &standing,
                forecast,
                due,
                pending.as_ref(),
                compact,
                action,
            );
            if review.is_some() {
                back |= back_to_debrief(ui, &tr, compact);
            }
        };
        // A panel keeps the largest size its contents had: the bottom panel has an id per kind of
        // answer due, so it shrinks back after a forecast, and the side panel one of its own.
        if side {
            egui::Panel::right(FORECAST_SIDE)
                .exact_size((width * 0.28).clamp(300.0, 420.0))
                .resizable(false)
                .show(ui, |ui| {
                    // It scrolls only when an event's words and its classes outgrow a short window.
                    egui::ScrollArea::vertical()
                        .id_salt("forecast-side-scroll")
                        .show(ui, |ui| {
                            ui.add_space(6.0);
                            panel(ui, &mut action);
                        });
                });
        } else {
            egui::Panel::bottom(egui::Id::new(FORECAST_BOTTOM).with(due_kind(&due)))
                .resizable(false)
                .show(ui, |ui| panel(ui, &mut action));
        }
        egui::CentralPanel::default().show(ui, |ui| {
            let benchmarks = Benchmarks {
                ideal: ideal.as_ref(),
                actuarial: actuarial.as_deref(),
            };
            let view = View {
                tr: &tr,
                s,
                shown: &shown,
                given: &given,
            };
            // The blind spot this case was opened again for, from the debrief.
            let blind_spot =
                review
                    .and(scores.as_ref())
                    .zip(benchmarks.ideal)
                    .map(|(scores, ideal)| BlindSpot {
                        run,
                        scores,
                        ideal,
                        actuarial: benchmarks.actuarial,
                    });
            let revealed = shown.revealed.map(|case| Revealed {
                case,
                forecasts: &answers.forecasts,
                blind_spot,
            });
            let beside = revealed.is_some() && ui.available_width() >= REVEAL_BESIDE_FROM;
            if let Some(r) = revealed.as_ref().filter(|_| beside) {
                let width = (0.4 * ui.available_width()).clamp(380.0, 620.0);
                egui::Panel::right(REVEAL_SIDE)
                    .exact_size(width)
                    .resizable(false)
                    .show(ui, |ui| {
                        egui::ScrollArea::vertical()
                            .id_salt(("reveal", shown.index))
                            .auto_shrink([false, false])
                            .show(ui, |ui| {
                                verdict_ui(ui, &view, r, false);
                                reveal_ui(ui, &view, &benchmarks, r);
                            });
                    });
            }
            // The room the reveal's column leaves (all of it when there is none), a little apart
            // from the column.
            let gap = if beside { 8 } else { 0 };
            let cockpit = egui::Frame::NONE.inner_margin(egui::Margin {
                right: gap,
                ..egui::Margin::ZERO
            });
            egui::CentralPanel::default().frame(cockpit).show(ui, |ui| {
                let room = ui.available_height();
                if revealed.is_none() && room < NOTE_BESIDE_BELOW {
                    // While reading in a low room: the session's note beside the chart.
                    if let Some(message) = &state.message {
                        ui.colored_label(theme::ERROR, format!("⚠ {message}"));
                    }
                    reading_beside_ui(
                        ui,
                        &view,
                        benchmarks.actuarial,
                        (picked, flag_kind),
                        &mut action,
                    );
                    return;
                }
                // A scroll position per case: each new case starts at its top.
                egui::ScrollArea::vertical()
                    .id_salt(("case", shown.index))
                    .auto_shrink([false, false])
                    .show(ui, |ui| {
                        let stacked = revealed.as_ref().filter(|_| !beside);
                        course_ui(
                            ui,
                            &view,
                            benchmarks.actuarial,
                            (picked, flag_kind),
                            Room { room, short },
                            stacked,
                            &mut action,
                        );
                        if let Some(r) = stacked {
                            reveal_ui(ui, &view, &benchmarks, r);
                        }
                        if let Some(message) = &state.message {
                            ui.colored_label(theme::ERROR, format!("⚠ {message}"));
                        }
                    });
            });
        });
    }
    if let Some(action) = action {
        state.act(action);
    }
    if back {
        state.run.review = None;
        state.screen = Screen::Debrief;
    }
}

/// "Back to the debrief", under the panel of a case opened again from the debrief (Escape too).
fn back_to_debrief(ui: &mut egui::Ui, tr: &Tr, compact: bool) -> bool {
    let rows = if compact { 1.0 } else { 2.0 };
    let button = ui.add_sized(
        [ui.available_width(), rows * ui.spacing().interact_size.y],
        egui::Button::new(egui::RichText::new(format!("⏴ {}", tr.t("back-to-debrief"))).strong()),
    );
    button.clicked() || ui.input(|i| i.key_pressed(egui::Key::Escape))
}

/// What the screen shows of a revealed case, with `drawn` of its sessions drawn.
fn revealed_shown(index: usize, c: &Case, drawn: u32) -> Shown<'_> {
    let v = c.visible(drawn);
    Shown {
        index,
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
        stopped: None,
        revealed: Some(c),
    }
}

/// The kind of answer due, naming the bottom panel's size.
fn due_kind(due: &Due) -> &'static str {
    match due {
        Due::Forecast { .. } => "forecast",
        Due::Classify { .. } => "classify",
        Due::NextSession | Due::Reveal | Due::NextCase | Due::Finished => "button",
    }
}

/// What every part of the screen reads.
struct View<'a> {
    tr: &'a Tr<'a>,
    s: &'a Scenario,
    shown: &'a Shown<'a>,
    given: &'a Given<'a>,
}

/// The client, the chart with its legend, the timeline under it and the picked session's card.
/// The central room of the case screen (points), and whether the window is short.
struct Room {
    room: f32,
    short: bool,
}

/// `verdict`: the reveal, when its outcome goes above the chart (the window is too narrow for the
/// reveal's column beside it).
fn course_ui(
    ui: &mut egui::Ui,
    v: &View,
    actuarial: Option<&Actuarial>,
    (picked, flag_kind): (&mut Option<u32>, &mut Option<usize>),
    room: Room,
    verdict: Option<&Revealed>,
    action: &mut Option<Action>,
) {
    let top = ui.cursor().top();
    patient_line(ui, v.tr, v.s, v.shown.patient, false);
    if let Some(last) = v.shown.stopped {
        stopped_ui(ui, v.tr, last);
    }
    if let Some(r) = verdict {
        verdict_ui(ui, v, r, room.short);
    }
    if !room.short {
        legend_ui(ui, v, actuarial, false);
    }
    let chart = Chart {
        height: chart_height(room.room, ui.cursor().top() - top),
        legend_under: room.short,
    };
    let t = chart_and_timeline(ui, v, actuarial, picked, *flag_kind, chart, action);
    session_detail_ui(ui, v, t, flag_kind, false, action);
}

/// The case screen while reading in a low room (a small window at a large text size): the client's
/// line in small type, then the chart with its legend and the timeline in a column, and beside it
/// the picked session's card, each scrolling on its own, so the chart, the session's note and the
/// forecast panel are in view together.
fn reading_beside_ui(
    ui: &mut egui::Ui,
    v: &View,
    actuarial: Option<&Actuarial>,
    (picked, flag_kind): (&mut Option<u32>, &mut Option<usize>),
    action: &mut Option<Action>,
) {
    patient_line(ui, v.tr, v.s, v.shown.patient, true);
    let full = ui.available_rect_before_wrap();
    let gap = ui.spacing().item_spacing.x.max(8.0);
    let note_width = (NOTE_SHARE * full.width()).clamp(200.0, 460.0);
    let left = egui::Rect::from_min_max(
        full.min,
        egui::pos2(full.max.x - note_width - gap, full.max.y),
    );
    let right = egui::Rect::from_min_max(egui::pos2(full.max.x - note_width, full.min.y), full.max);
    let column = |ui: &mut egui::Ui, rect: egui::Rect| {
        ui.new_child(
            egui::UiBuilder::new()
                .max_rect(rect)
                .layout(egui::Layout::top_down(egui::Align::Min)),
        )
    };
    let mut chart_column = column(ui, left);
    chart_column.spacing_mut().scroll.fade.strength = 0.0;
    let t = egui::ScrollArea::vertical()
        .id_salt(("case", v.shown.index))
        .auto_shrink([false, false])
        .show(&mut chart_column, |ui| {
            // The chart takes the column's height, down to its least; its legend in small type
            // and the timeline are a scroll away (the scroll bar says so: no shade over the axis).
            let chart = Chart {
                height: ui.available_height().max(MIN_CHART_BESIDE),
                legend_under: true,
            };
            chart_and_timeline(ui, v, actuarial, picked, *flag_kind, chart, action)
        })
        .inner;
    let mut note_column = column(ui, right);
    egui::ScrollArea::vertical()
        .id_salt(("note", v.shown.index))
        .auto_shrink([false, false])
        .show(&mut note_column, |ui| {
            // Small type, so a long note fits the column at a large text size.
            ui.style_mut().override_text_style = Some(egui::TextStyle::Small);
            session_detail_ui(ui, v, t, flag_kind, true, action);
        });
    ui.advance_cursor_after_rect(full);
}

/// The course chart's height, and whether its legend goes under it in small type.
#[derive(Clone, Copy)]
struct Chart {
    height: f32,
    legend_under: bool,
}

/// The chart's legend; in `small` type under the chart, so the chart keeps its height.
fn legend_ui(ui: &mut egui::Ui, v: &View, actuarial: Option<&Actuarial>, small: bool) {
    let drift = v.shown.revealed.and_then(|c| c.hidden.drift).is_some();
    ui.scope(|ui| {
        let style = ui.style().text_styles.get(&egui::TextStyle::Small).cloned();
        if let Some(style) = style.filter(|_| small) {
            ui.style_mut()
                .text_styles
                .insert(egui::TextStyle::Body, style);
        }
        course_legend(ui, v.tr, v.s, actuarial.is_some(), drift);
    });
}

/// The course chart and the timeline of session cards under it; returns the session whose card is
/// shown in full (the one picked, else the last seen).
fn chart_and_timeline(
    ui: &mut egui::Ui,
    v: &View,
    actuarial: Option<&Actuarial>,
    picked: &mut Option<u32>,
    flag_kind: Option<usize>,
    chart: Chart,
    action: &mut Option<Action>,
) -> u32 {
    let (tr, shown) = (v.tr, v.shown);
    let drift_onset = shown.revealed.and_then(|c| c.hidden.drift).map(|d| d.onset);
    let hover_id = egui::Id::new("hovered-session");
    let hovered: Option<u32> = ui.data(|d| d.get_temp(hover_id)).flatten();
    let course = Course {
        id: "trajectory",
        scores: shown.scores,
        drift_onset,
        picked: hovered.or(*picked),
        height: chart.height,
    };
    let drawn = trajectory(ui, tr, v.s, actuarial, &course);
    if chart.legend_under {
        legend_ui(ui, v, actuarial, true);
    }
    let cards = session_cards(v);
    let input = timeline_ui(
        ui,
        tr,
        &drawn.transform,
        &cards,
        *picked,
        shown.revealed.is_none(),
    );
    // The last session with a score: the client may have stopped coming before the last session.
    let last = u32::try_from(shown.scores.len().saturating_sub(1))
        .map_or(shown.seen, |l| l.min(shown.seen));
    let on_chart = drawn.hovered.filter(|t| *t <= last);
    let now_hovered = input.hovered.or(on_chart);
    if now_hovered != hovered {
        ui.data_mut(|d| d.insert_temp(hover_id, now_hovered));
        ui.ctx().request_repaint();
    }
    let clicked_on_chart = on_chart.filter(|_| ui.input(|i| i.pointer.primary_clicked()));
    if let Some(t) = input.picked.or(clicked_on_chart) {
        *picked = Some(t);
    }
    if let Some(session) = input.flag {
        *action = Some(flag(v.s, flag_kind, session));
    }
    picked.filter(|t| *t <= last).unwrap_or(last)
}

/// While reading, once the session the client did not come to is shown: that they stopped coming
/// after session `last`, and that no forecast is asked from there on (a label, so a screen reader
/// reads it too).
fn stopped_ui(ui: &mut egui::Ui, tr: &Tr, last: u32) {
    let text = tr.fmt(
        "case-stopped-reading",
        &[("last", last.into()), ("next", (last + 1).into())],
    );
    ui.add(
        egui::Label::new(
            egui::RichText::new(format!("⏹ {text}"))
                .strong()
                .color(theme::WORSE),
        )
        .wrap(),
    );
}

/// The drift flag at `session`, with the kind chosen (if any).
fn flag(s: &Scenario, kind: Option<usize>, session: u32) -> Action {
    let kind = kind
        .and_then(|k| s.file.drift.kinds.get(k))
        .map(|k| k.key.clone());
    Action::FlagDrift { session, kind }
}

/// "Client: 44 years, man · low and ruminating since a relationship ended", wrapped: never cut; in
/// small type when `compact`.
fn patient_line(ui: &mut egui::Ui, tr: &Tr, s: &Scenario, p: &Patient, compact: bool) {
    let sex = tr.t(if p.female { "female" } else { "male" });
    let mut line = format!(
        "{}: {}",
        tr.t("patient"),
        tr.fmt("age-sex", &[("age", p.age.into()), ("sex", sex.into())])
    );
    if let Some(c) = s.file.patients.complaints.get(p.complaint) {
        line.push_str(" · ");
        line.push_str(c.get(tr.lang));
    }
    let text = if compact {
        egui::RichText::new(line).small().strong()
    } else {
        theme::title(line)
    };
    ui.add(egui::Label::new(text).wrap());
}

/// A card per session shown, intake first.
fn session_cards(v: &View) -> Vec<SessionCard> {
    let shown = v.shown;
    let mut cards = Vec::new();
    for (t, score) in shown.scores.iter().enumerate() {
        let session = t as u32;
        let note = t.checked_sub(1).and_then(|i| shown.notes.get(i));
        let previous = t.checked_sub(2).and_then(|i| shown.notes.get(i));
        let diffs = note.map_or(Vec::new(), |n| differences(v.s, n, previous, v.tr.lang));
        cards.push(SessionCard {
            session,
            score: *score,
            alliance: t
                .checked_sub(1)
                .and_then(|i| shown.alliance.get(i))
                .copied(),
            differences: diffs.len(),
            changed: diffs.iter().filter(|d| d.new).count(),
            events: shown
                .events
                .iter()
                .filter(|(_, e)| e.session == session)
                .count(),
            flagged: v.given.flags.iter().any(|(s, _)| *s == session),
        });
    }
    cards
}

/// The picked session in full: score and change, alliance, what differed from the protocol (what is
/// new since the session before marked), its events, and its drift flag with the kind of drift.
/// Its first line is in body type when `compact` (in a narrow column beside the chart).
fn session_detail_ui(
    ui: &mut egui::Ui,
    v: &View,
    t: u32,
    flag_kind: &mut Option<usize>,
    compact: bool,
    action: &mut Option<Action>,
) {
    let (tr, s, shown) = (v.tr, v.s, v.shown);
    let score = shown.scores.get(t as usize).copied().unwrap_or(f64::NAN);
    theme::card(ui).show(ui, |ui| {
        ui.set_width(ui.available_width());
        let mut head = if t == 0 {
            format!("{} · {} {}", tr.t("intake"), tr.t("score"), tr.score(score))
        } else {
            format!(
                "{} {t} · {} {}",
                tr.t("session"),
                tr.t("score"),
                tr.score(score)
            )
        };
        if let Some(before) = t.checked_sub(1).and_then(|p| shown.scores.get(p as usize)) {
            head.push_str(&format!(" ({})", tr.change(score - before)));
        }
        if let Some(a) = t
            .checked_sub(1)
            .and_then(|i| shown.alliance.get(i as usize))
        {
            head.push_str(&format!(" · {} {}", tr.t("alliance"), tr.score(*a)));
        }
        if compact {
            ui.add(egui::Label::new(egui::RichText::new(head).strong()).wrap());
        } else {
            ui.label(theme::title(head));
        }
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
        if let Some(note) = (t as usize).checked_sub(1).and_then(|i| shown.notes.get(i)) {
            let previous = (t as usize).checked_sub(2).and_then(|i| shown.notes.get(i));
            let diffs = differences(s, note, previous, tr.lang);
            if diffs.is_empty() {
                ui.label(tr.t("as-protocol"));
            }
            for d in diffs {
                ui.horizontal_wrapped(|ui| {
                    ui.label(egui::RichText::new(d.symbol()).strong().color(theme::WORSE));
                    if d.new {
                        ui.label(
                            egui::RichText::new(tr.t("new-since-before"))
                                .strong()
                                .color(theme::WORSE),
                        );
                    }
                    ui.label(d.text);
                });
            }
        }
        for &(i, e) in shown.events.iter().filter(|(_, e)| e.session == t) {
            event_ui(ui, v, i, e, action);
        }
        if t > 0 {
            flag_row(ui, v, t, flag_kind, compact, action);
        }
    });
}

/// An unwanted event of the session: its words, the class given (or the buttons to give it), and
/// after the reveal the true class.
fn event_ui(ui: &mut egui::Ui, v: &View, i: usize, e: &Event, action: &mut Option<Action>) {
    let (tr, s) = (v.tr, v.s);
    ui.add(
        egui::Label::new(
            egui::RichText::new(format!("⚠ {}", render_event(s, e, tr.lang))).strong(),
        )
        .wrap(),
    );
    let answer = v
        .given
        .classified
        .iter()
        .find(|(j, _)| *j == i)
        .map(|(_, c)| *c);
    ui.horizontal_wrapped(|ui| match answer {
        Some(c) => {
            ui.label(
                egui::RichText::new(format!(
                    "✔ {}",
                    tr.fmt("classified-as", &[("class", tr.t(&class_key(c)).into())])
                ))
                .strong(),
            );
        }
        None if v.shown.revealed.is_none() => {
            for class in LindenClass::ALL {
                if ui.small_button(tr.t(&class_key(class))).clicked() {
                    *action = Some(Action::ClassifyEvent { event: i, class });
                }
            }
        }
        None => {}
    });
    if v.shown.revealed.is_some()
        && let Some(kind) = s.file.events.get(e.kind)
    {
        ui.label(format!(
            "{}: {}",
            tr.t("true-class"),
            tr.t(&class_key(kind.linden))
        ));
    }
}

/// The drift flag of the session: set (⚑), or the kind of drift and the button to set it; in a
/// `compact` (narrow) card the kind under the button, its words over its choice.
fn flag_row(
    ui: &mut egui::Ui,
    v: &View,
    t: u32,
    flag_kind: &mut Option<usize>,
    compact: bool,
    action: &mut Option<Action>,
) {
    let (tr, s) = (v.tr, v.s);
    if v.given.flags.iter().any(|(session, _)| *session == t) {
        ui.label(
            egui::RichText::new(format!("⚑ {}", tr.t("flagged")))
                .strong()
                .color(theme::WORSE),
        );
        return;
    }
    if v.shown.revealed.is_some() {
        return;
    }
    let row = |ui: &mut egui::Ui| {
        if ui.button(format!("⚑ {} {t}", tr.t("flag-drift"))).clicked() {
            *action = Some(flag(s, *flag_kind, t));
        }
        if s.file.drift.kinds.is_empty() {
            return;
        }
        let question = tr.t("drift-kind");
        ui.add(egui::Label::new(&question).wrap());
        let lang = tr.lang;
        let unknown = tr.t("drift-kind-unknown");
        let current = flag_kind
            .and_then(|k| s.file.drift.kinds.get(k))
            .map_or(unknown.clone(), |k| k.label.get(lang).to_string());
        let spoken = format!("{question}: {current}");
        egui::ComboBox::from_id_salt("drift-kind")
            .selected_text(current)
            .show_ui(ui, |ui| {
                ui.selectable_value(flag_kind, None, unknown);
                for (i, k) in s.file.drift.kinds.iter().enumerate() {
                    ui.selectable_value(flag_kind, Some(i), k.label.get(lang));
                }
            })
            .response
            .widget_info(move || {
                egui::WidgetInfo::labeled(egui::WidgetType::ComboBox, true, spoken.as_str())
            });
    };
    if compact {
        ui.vertical(row);
    } else {
        ui.horizontal_wrapped(row);
    }
}

fn class_key(c: LindenClass) -> String {
    format!("class-{}", c.slug())
}

/// The benchmark forecasters for the reveal (the actuarial one once it is normed).
struct Benchmarks<'a> {
    ideal: Option<&'a Ideal>,
    actuarial: Option<&'a Actuarial>,
}

/// A revealed case and what its reveal shows beside the case itself.
struct Revealed<'a> {
    case: &'a Case,
    /// The trainee's forecasts on the case: (checkpoint, percent).
    forecasts: &'a [(u32, u8)],
    /// When the case was opened again from the debrief as a blind spot: the reveal says why it
    /// was one.
    blind_spot: Option<BlindSpot<'a>>,
}

/// What the reveal of a blind spot reads to say why it was one.
struct BlindSpot<'a> {
    run: &'a Run,
    scores: &'a Scores,
    ideal: &'a Ideal,
    actuarial: Option<&'a Actuarial>,
}

/// What happened, first: the outcome, a sudden gain, the session the client stopped coming after,
/// and why a blind spot opened from the debrief was one. In a `short` window the outcome is left
/// to the forecast panel, which says it too, so the chart keeps some of the view.
fn verdict_ui(ui: &mut egui::Ui, v: &View, r: &Revealed, short: bool) {
    let case = r.case;
    if !short {
        ui.label(theme::outcome_label(v.tr, case.outcome).text_style(theme::headline_style()));
    }
    if let Some((key, args)) = crate::model::notes::sudden_step(v.s, case) {
        ui.add(egui::Label::new(v.tr.fmt(key, &args)).wrap());
    }
    if let Some(last) = case.ended_early(v.s.sessions()) {
        ui.add(
            egui::Label::new(v.tr.fmt(
                "case-dropped-out",
                &[
                    ("last", last.into()),
                    ("sessions", v.s.file.sessions.into()),
                ],
            ))
            .wrap(),
        );
    }
    if let Some(b) = &r.blind_spot {
        super::explain::blind_spot_line(
            ui,
            v.tr,
            b.run,
            b.scores,
            (b.ideal, b.actuarial),
            (v.shown.index, case),
        );
    }
    ui.add_space(4.0);
}

/// The rest of the reveal, section by section (add a section with one line here): the forecasts
/// beside the benchmarks', why the best possible forecast moved, and the truth about drift.
fn reveal_ui(ui: &mut egui::Ui, v: &View, benchmarks: &Benchmarks, r: &Revealed) {
    let (case, forecasts) = (r.case, r.forecasts);
    ui.add_space(8.0);
    forecasts_beside_benchmarks(ui, v, benchmarks, case, forecasts);
    super::explain::reveal_why(
        ui,
        v.tr,
        v.s,
        benchmarks.ideal,
        benchmarks.actuarial,
        case,
        forecasts,
    );
    drift_truth(ui, v, case);
}

/// The trainee's forecasts beside the early-warning rule's and the best possible ones.
fn forecasts_beside_benchmarks(
    ui: &mut egui::Ui,
    v: &View,
    benchmarks: &Benchmarks,
    case: &Case,
    forecasts: &[(u32, u8)],
) {
    let (tr, s) = (v.tr, v.s);
    // On the trainee's own scale (1–99 %) and as the explanation below says them, so that a best
    // possible forecast of 0.4 % reads "1 %" in both, not "0 %" in the table.
    let percent = crate::teach::explain::percent;
    egui::Grid::new("forecasts").striped(true).show(ui, |ui| {
        ui.label("");
        ui.label(
            egui::RichText::new(tr.t("your-forecast"))
                .color(theme::YOU)
                .strong(),
        );
        ui.label(egui::RichText::new(tr.t("actuarial-forecast")).strong());
        ui.label(
            egui::RichText::new(tr.t("ideal-forecast"))
                .color(theme::BETTER)
                .strong(),
        );
        ui.end_row();
        for &checkpoint in &s.file.checkpoints {
            let Some((_, given)) = forecasts.iter().find(|(cp, _)| *cp == checkpoint) else {
                // Never asked: the client had stopped coming before this checkpoint. Said so,
                // rather than left out or shown as a number.
                if !crate::run::machine::reached(s, case, checkpoint) {
                    ui.label(format!("{} {checkpoint}", tr.t("checkpoint")));
                    ui.label(egui::RichText::new(tr.t("reveal-not-asked")).italics());
                    ui.end_row();
                }
                continue;
            };
            let visible = case.visible(checkpoint);
            ui.label(format!("{} {checkpoint}", tr.t("checkpoint")));
            ui.label(format!("{given} %"));
            ui.label(
                benchmarks
                    .actuarial
                    .map_or("…".to_string(), |a| percent(a.forecast(s, &visible))),
            );
            ui.label(
                benchmarks
                    .ideal
                    .map_or("…".to_string(), |i| percent(i.forecast(s, &visible))),
            );
            ui.end_row();
        }
    });
}

/// Whether and where the therapist drifted, and of what kind.
fn drift_truth(ui: &mut egui::Ui, v: &View, case: &Case) {
    let (tr, s) = (v.tr, v.s);
    match case.hidden.drift {
        Some(d) => {
            let kind = s
                .file
                .drift
                .kinds
                .get(d.kind)
                .map_or(String::new(), |k| k.label.get(tr.lang).to_string());
            ui.label(
                egui::RichText::new(format!(
                    "⚐ {}",
                    tr.fmt(
                        "drift-onset",
                        &[("onset", d.onset.into()), ("kind", kind.into())]
                    )
                ))
                .strong()
                .color(theme::WORSE),
            );
        }
        None => {
            ui.label(tr.t("no-drift"));
        }
    }
}
