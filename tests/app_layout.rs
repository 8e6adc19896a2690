//! The layout check (issue 27): every screen a trainee or a trainer reads — the briefing, the case
//! screen, the reveal, the debrief, the trainer's runs table and the live class — drawn without a
//! window at the smallest and the largest window the app is made for (1024×640 and 1920×1080), in
//! English and Dutch, at text size 1 and 2. It fails when a text reaches a window edge, when a text
//! is cut by the area it is drawn in (a view that would need scrolling sideways, which no view
//! offers), when a text is shortened with "…", or when a line is broken in the middle of a word.
//!
//! egui reports where it laid out each text twice over: every label and control is a node of the
//! accessibility tree with its rectangle (also when scrolled out of view), and every text painted is
//! a shape with its laid-out galley and the clip rectangle it is drawn in. The screens that scroll
//! are checked again unrolled, in a window tall enough to show all of them at once, so the shapes
//! of their lower parts are checked too.

#![cfg(feature = "gui")]
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may fail loudly

mod common;

use std::path::Path;
use std::sync::Arc;

use bevy_egui::egui;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use ontrack::app::screens::protocol_changes::differences;
use ontrack::app::trainer::Tab;
use ontrack::app::{AppState, Screen};
use ontrack::forecast::Benchmarks;
use ontrack::live::protocol::{Answer, Join};
use ontrack::live::server::lock;
use ontrack::run::bots::{Bot, BotPlayer, play};
use ontrack::run::code::encode;
use ontrack::run::{Action, Due, Session};
use ontrack::scenario::format::LindenClass;
use ontrack::scenario::{Lang, Scenario, resolve};

/// The bundled reference scenario, with notes, events and a long briefing, and a seed of it.
const SCENARIO: &str = "depression-cbt-oq45";
const SEED: u64 = 10;

const SIZES: [[f32; 2]; 2] = [[1024.0, 640.0], [1920.0, 1080.0]];
const SCALES: [f32; 2] = [1.0, 2.0];
const LANGS: [Lang; 2] = [Lang::En, Lang::Nl];

/// How close to a window edge a text may come, in points: the panels keep a margin, so a text this
/// near the edge has run into it.
const EDGE: f32 = 2.0;

/// A height that shows a scrolling screen whole.
const UNROLLED: f32 = 6000.0;

/// The screens checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum View {
    Briefing,
    Case,
    Reveal,
    Debrief,
    TrainerRuns,
    LiveClass,
}

impl View {
    const ALL: [View; 6] = [
        View::Briefing,
        View::Case,
        View::Reveal,
        View::Debrief,
        View::TrainerRuns,
        View::LiveClass,
    ];

    /// Whether the screen scrolls as a whole (the case screen lays itself out over the window).
    fn scrolls(self) -> bool {
        !matches!(self, View::Case | View::Reveal)
    }
}

fn scenario() -> Arc<Scenario> {
    Arc::new(resolve(SCENARIO).unwrap())
}

fn code() -> String {
    encode(&scenario().course_prefix(), SEED).unwrap()
}

/// The answer a trainee gives to what is due (a forecast of 20 %, a side effect).
fn answer(due: Due) -> Action {
    match due {
        Due::Forecast { .. } => Action::Forecast { percent: 20 },
        Due::NextSession => Action::NextSession,
        Due::Classify { event } => Action::ClassifyEvent {
            event,
            class: LindenClass::SideEffect,
        },
        Due::Reveal => Action::Reveal,
        Due::NextCase | Due::Finished => Action::NextCase,
    }
}

/// The app's state for `view`, with its files in `dir`.
fn state_for(view: View, dir: &Path, lang: Lang, scale: f32) -> AppState {
    let mut state = AppState::new(vec![scenario()], dir.to_path_buf(), lang);
    state.settings.text_scale = scale;
    state.start.pseudonym = "Iris van der Berg-Oosterhuis".into();
    state.start.course_code = code();
    match view {
        View::Briefing => state.start_run(),
        View::Case => {
            state.start_run();
            state.screen = Screen::Case;
            // Read on to the case's second forecast, after sessions with notes and events.
            let mut forecasts = 0;
            while let Some(due) = current_due(&state) {
                if matches!(due, Due::Forecast { .. }) {
                    forecasts += 1;
                    if forecasts == 2 {
                        break;
                    }
                }
                assert!(due != Due::Reveal, "the first case has two forecasts");
                state.act(answer(due));
            }
        }
        View::Reveal => {
            state.start_run();
            state.screen = Screen::Case;
            state.wait_for_background();
            while let Some(due) = current_due(&state) {
                state.act(answer(due.clone()));
                if due == Due::Reveal {
                    break;
                }
            }
            state.tick(60.0);
        }
        View::Debrief => {
            state.start_run();
            state.screen = Screen::Case;
            while let Some(due) = current_due(&state).filter(|d| *d != Due::Finished) {
                state.act(answer(due));
            }
            state.wait_for_background();
            state.tick(0.0);
            assert_eq!(state.screen, Screen::Debrief);
        }
        View::TrainerRuns => {
            state.screen = Screen::Trainer;
            state.trainer.tab = Tab::Runs;
            state.trainer.load();
            state.trainer.wait();
            state.tick(0.0);
            assert!(state.trainer.cohort.is_some(), "the folder loaded");
        }
        View::LiveClass => {
            state.screen = Screen::Trainer;
            state.trainer.tab = Tab::Live;
            state.trainer.live.bind = "127.0.0.1:0".parse().unwrap();
            state.trainer.live.code = code();
            let scenarios = state.scenarios.clone();
            state
                .trainer
                .live
                .start(&dir.join("live"), &scenarios, state.settings.lang);
            assert!(state.trainer.live.is_running(), "the class runs");
            join_trainees(&state, &dir.join("trainees"));
        }
    }
    state
}

fn current_due(state: &AppState) -> Option<Due> {
    state.run.session.as_ref().map(|s| s.run().due())
}

/// A folder of twelve runs of the course, two per bot, under long names, and one file that is not
/// a run.
fn make_cohort(dir: &Path) {
    let scenario = scenario();
    let bench = Benchmarks::new(&scenario);
    for (n, bot) in Bot::ALL.into_iter().enumerate() {
        for k in 1..=2 {
            let trainee = format!("{}-trainee-with-a-long-name-{k}", bot.name());
            let mut s =
                Session::start(dir, Arc::clone(&scenario), SEED, &trainee, &code()).unwrap();
            play(&mut s, &bench, bot, (n * 2 + k) as u64, &mut |_| {}).unwrap();
        }
    }
    std::fs::write(dir.join("notes.ron"), "not a run").unwrap();
}

/// Six trainees join the station's class and answer, each a different way into the course.
fn join_trainees(state: &AppState, own: &Path) {
    let server = state.trainer.live.server.as_ref().unwrap();
    let pin = lock(server.class()).pin().to_string();
    for t in 0..6 {
        let name = format!("trainee-{t}-met-een-lange-naam");
        let mut session = Session::start(own, scenario(), SEED, &name, &code()).unwrap();
        let reply = lock(server.class())
            .join(&Join::of(session.file(), &pin))
            .unwrap();
        for step in 0..(20 + 15 * t) {
            let due = session.run().due();
            if due == Due::Finished {
                break;
            }
            let mut action = answer(due);
            if let Action::Forecast { percent } = &mut action {
                *percent = 1 + ((7 + 13 * (t + step)) % 99) as u8;
            }
            session.apply(action).unwrap();
            let index = session.file().log.len() - 1;
            let entry = session.file().log[index].clone();
            let answer = Answer {
                pin: pin.clone(),
                run: reply.run.clone(),
                index,
                entry,
            };
            lock(server.class())
                .answer(&answer, jiff::Timestamp::now())
                .unwrap();
        }
    }
}

/// What is wrong with the layout drawn last: one line per text, saying where it is.
fn problems(h: &Harness<'static, AppState>, nodes_too: bool) -> Vec<String> {
    let screen = h.ctx.content_rect();
    let inner = screen.shrink2(egui::vec2(EDGE, 0.0));
    let mut found = Vec::new();
    if nodes_too {
        for node in h.root().children_recursive() {
            let a = node.accesskit_node();
            let text = a.label().or_else(|| a.value()).unwrap_or_default();
            if a.bounding_box().is_none() || text.trim().is_empty() {
                continue;
            }
            let r = node.rect();
            if r.min.x < inner.min.x || r.max.x > inner.max.x {
                found.push(format!(
                    "{text:?} ({:?}) spans x {:.0}..{:.0}, past the window's edge",
                    a.role(),
                    r.min.x,
                    r.max.x
                ));
            }
        }
    }
    for clipped in &h.output().shapes {
        texts(&clipped.shape, &mut |text_shape| {
            let rect = text_shape.visual_bounding_rect();
            let galley = &text_shape.galley;
            let clip = clipped.clip_rect;
            if !rect.intersects(clip) || galley.is_empty() {
                return;
            }
            let text = galley.text();
            if galley.elided {
                found.push(format!("{text:?} is shortened with …"));
            }
            if broken_mid_word(galley) {
                found.push(format!("{text:?} is broken in the middle of a word"));
            }
            if rect.min.x < clip.min.x - 0.5 || rect.max.x > clip.max.x + 0.5 {
                found.push(format!(
                    "{text:?} spans x {:.0}..{:.0}, cut by its area {:.0}..{:.0}",
                    rect.min.x, rect.max.x, clip.min.x, clip.max.x
                ));
            } else if rect.min.x < inner.min.x || rect.max.x > inner.max.x {
                found.push(format!(
                    "{text:?} spans x {:.0}..{:.0}, at the window's edge",
                    rect.min.x, rect.max.x
                ));
            }
        });
    }
    found.sort();
    found.dedup();
    found
}

/// Whether a line of `galley` was wrapped inside a word (a column too narrow for the word): a
/// wrapped line that ends in a letter or digit, followed by one that starts with one.
fn broken_mid_word(galley: &egui::Galley) -> bool {
    galley.rows.windows(2).any(|pair| {
        let (Some(end), Some(start)) = (
            pair[0].glyphs.last().map(|g| g.chr),
            pair[1].glyphs.first().map(|g| g.chr),
        ) else {
            return false;
        };
        !pair[0].ends_with_newline && end.is_alphanumeric() && start.is_alphanumeric()
    })
}

/// Calls `f` on every text in `shape` (shapes nest).
fn texts(shape: &egui::Shape, f: &mut dyn FnMut(&egui::epaint::TextShape)) {
    match shape {
        egui::Shape::Text(t) => f(t),
        egui::Shape::Vec(shapes) => shapes.iter().for_each(|s| texts(s, f)),
        _ => {}
    }
}

#[test]
fn every_screen_keeps_its_text_inside_the_window_at_both_sizes_languages_and_text_sizes() {
    let cohort = tempfile::tempdir().unwrap();
    make_cohort(cohort.path());
    let mut failures = Vec::new();
    let mut checked = 0;
    for view in View::ALL {
        for size in SIZES {
            for lang in LANGS {
                for scale in SCALES {
                    let case = format!("{view:?} at {size:?}, {lang:?}, text size {scale}");
                    let dir = tempfile::tempdir().unwrap();
                    let folder = if view == View::TrainerRuns {
                        cohort.path()
                    } else {
                        dir.path()
                    };
                    let state = state_for(view, folder, lang, scale);
                    // The window's size in points: the text size is egui's zoom, which a real
                    // window divides its pixels by (the harness takes its size in points).
                    // The window in pixels first: the text size then scales it to its size in
                    // points, as a real window's (see the check of every screen above).
                    let points = [size[0] / scale, size[1] / scale];
                    let mut h = common::screens::harness(state, size);
                    let _ = h.run_ok();
                    // A change of zoom scales the window egui last knew of, as a real window's
                    // would be: give it its size in points again now that the zoom holds.
                    h.set_size(points.into());
                    let _ = h.run_ok();
                    let screen = h.ctx.content_rect();
                    assert!(
                        (screen.width() - points[0]).abs() < 0.5
                            && (h.ctx.zoom_factor() - scale).abs() < 1e-3,
                        "{case}: the window is {screen:?} at zoom {}",
                        h.ctx.zoom_factor()
                    );
                    assert!(
                        h.root().children_recursive().count() > 20,
                        "{case}: the screen is drawn"
                    );
                    let mut found = problems(&h, true);
                    if view.scrolls() {
                        h.set_size(egui::vec2(points[0], UNROLLED));
                        let _ = h.run_ok();
                        found.extend(
                            problems(&h, false)
                                .into_iter()
                                .map(|p| format!("(unrolled) {p}")),
                        );
                    }
                    checked += 1;
                    failures.extend(found.into_iter().map(|p| format!("{case}: {p}")));
                }
            }
        }
    }
    assert_eq!(checked, 48);
    assert!(
        failures.is_empty(),
        "{} layout problems:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// What is due on the case screen in the check of what stays in view.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Reading {
    /// The case's second forecast.
    Forecast,
    /// The next session, after a session that departed from the protocol.
    NextSession,
    /// An unwanted event to classify.
    Classify,
}

/// Reads on in a run of the reference course until `at` is due.
fn read_until(state: &mut AppState, at: Reading) {
    let mut forecasts = 0;
    while let Some(due) = current_due(state) {
        let here = match due {
            Due::Forecast { .. } => {
                forecasts += 1;
                at == Reading::Forecast && forecasts == 2
            }
            Due::NextSession => at == Reading::NextSession && departed(state),
            Due::Classify { .. } => at == Reading::Classify,
            Due::Reveal | Due::NextCase => {
                forecasts = 0;
                false
            }
            Due::Finished => panic!("the course has no {at:?} to stop at"),
        };
        if here {
            return;
        }
        state.act(answer(due));
    }
}

/// Whether the last session read departed from the protocol.
fn departed(state: &AppState) -> bool {
    let run = state.run.session.as_ref().unwrap().run();
    run.visible()
        .and_then(|(_, v)| v.notes().last().map(|n| (v.notes(), n)))
        .is_some_and(|(notes, note)| {
            let previous = notes.len().checked_sub(2).and_then(|i| notes.get(i));
            !differences(run.scenario(), note, previous, Lang::En).is_empty()
        })
}

/// The shades a scrolling area draws along an edge where more follows (a gradient from the
/// background's colour to transparent): what lies under one is faded out of view.
fn shades(h: &Harness<'static, AppState>) -> Vec<egui::Rect> {
    let mut found = Vec::new();
    for clipped in &h.output().shapes {
        let egui::Shape::Mesh(mesh) = &clipped.shape else {
            continue;
        };
        let transparent = mesh
            .vertices
            .iter()
            .filter(|v| v.color == egui::Color32::TRANSPARENT)
            .count();
        if mesh.vertices.len() == 4 && mesh.indices == [0, 1, 2, 2, 1, 3] && transparent == 2 {
            found.push(mesh.calc_bounds().intersect(clipped.clip_rect));
        }
    }
    found
}

/// True when a text for which `wanted` holds is drawn whole: inside the area it is drawn in (not
/// scrolled or cut out of view), not under the shade a scrolling area draws along an edge where
/// more follows, and inside the window.
fn drawn_whole(h: &Harness<'static, AppState>, wanted: &dyn Fn(&str) -> bool) -> bool {
    let screen = h.ctx.content_rect().expand(0.5);
    let shades = shades(h);
    let mut found = false;
    for clipped in &h.output().shapes {
        texts(&clipped.shape, &mut |t| {
            let rect = t.visual_bounding_rect();
            let area = clipped.clip_rect.expand(0.5);
            let shaded = shades
                .iter()
                .any(|shade| shade.intersect(rect.shrink(0.5)).is_positive());
            found |= wanted(t.galley.text())
                && area.contains_rect(rect)
                && screen.contains_rect(rect)
                && !shaded;
        });
    }
    found
}

/// The course chart's plot area, where its last frame drew it.
fn chart_frame(h: &Harness<'static, AppState>) -> egui::Rect {
    *egui_plot::PlotMemory::load(&h.ctx, egui::Id::new("trajectory"))
        .expect("the course chart is drawn")
        .transform()
        .frame()
}

/// What of the chart, the session's note and the controls is not in view on the case screen.
fn out_of_view(h: &Harness<'static, AppState>, at: Reading, lang: Lang) -> Vec<String> {
    let state = h.state();
    let run = state.run.session.as_ref().unwrap().run();
    let s = run.scenario();
    let (_, visible) = run.visible().unwrap();
    let t = visible.seen();
    let notes = visible.notes();
    let t_ = |key: &str| ontrack::i18n::t(lang, key);
    let mut missing = Vec::new();
    // Whole, and not under a scrolling area's shade: the note scrolls with what follows it, and
    // the panel at the side scrolls when an event's words and its classes outgrow it.
    let mut need = |what: String, wanted: &dyn Fn(&str) -> bool| {
        if !drawn_whole(h, wanted) {
            missing.push(what);
        }
    };
    // The chart: both axis titles whole, and a plot area that can be read, inside the window.
    let axis = t_("axis-session");
    need(format!("the chart's axis {axis:?}"), &|x| x == axis);
    let measure = s.file.measure.name.clone();
    need(format!("the chart's axis {measure:?}"), &|x| x == measure);
    let frame = chart_frame(h);
    if frame.height() < 50.0 || !h.ctx.content_rect().contains_rect(frame) {
        need(format!("the chart's plot area {frame:?}"), &|_| false);
    }
    // The session's note: its first line and every line of what departed from the protocol.
    let head = format!("{} {t} · ", t_("session"));
    need(format!("the note's first line {head:?}"), &|x| {
        x.starts_with(&head)
    });
    let note = t
        .checked_sub(1)
        .and_then(|i| notes.get(i as usize))
        .unwrap();
    let previous = t.checked_sub(2).and_then(|i| notes.get(i as usize));
    let lines: Vec<String> = differences(s, note, previous, lang)
        .into_iter()
        .map(|d| d.text)
        .collect();
    if lines.is_empty() {
        let line = t_("as-protocol");
        need(format!("the note {line:?}"), &|x| x == line);
    }
    for line in lines {
        need(format!("the note's line {line:?}"), &|x| x == line);
    }
    // The controls of what is due.
    let controls: Vec<String> = match at {
        Reading::Forecast => vec![t_("commit-forecast"), "2 %".into(), "75 %".into()],
        Reading::NextSession => vec![t_("next-session")],
        Reading::Classify => LindenClass::ALL
            .into_iter()
            .enumerate()
            .map(|(n, class)| format!("{} · {}", n + 1, t_(&format!("class-{}", class.slug()))))
            .collect(),
    };
    for control in controls {
        need(format!("the control {control:?}"), &|x| x == control);
    }
    missing
}

/// A course whose unwanted events are checked: a bundled scenario and a seed of it, played by the
/// best possible forecaster (as the demo plays it).
type Course = (&'static str, u64);

/// The first lesson at seed 3, as `ontrack demo --seed 3` plays it: its first event to classify
/// (the second client's "Cliënt was een week ziek thuis met griep", after the demo's eighteenth
/// step, a forecast committed) has a fourth class with the longest Dutch name ("schending van
/// ethische of wettelijke normen").
const DEMO: Course = ("first-lesson", 3);

/// A run of `course` on the case screen, `steps` steps of the best possible forecaster in.
fn played((id, seed): Course, steps: usize, dir: &Path, lang: Lang, scale: f32) -> AppState {
    let s = Arc::new(resolve(id).unwrap());
    let bench = Benchmarks::new(&s);
    let mut state = AppState::new(vec![Arc::clone(&s)], dir.to_path_buf(), lang);
    state.settings.text_scale = scale;
    state.start.pseudonym = "Iris van der Berg-Oosterhuis".into();
    state.start.course_code = encode(&s.course_prefix(), seed).unwrap();
    state.start_run();
    state.screen = Screen::Case;
    for _ in 0..steps {
        let action = next_step(&state, &bench);
        state.act(action);
    }
    state
}

/// The best possible forecaster's next step in the app's run.
fn next_step(state: &AppState, bench: &Benchmarks) -> Action {
    let run = state.run.session.as_ref().unwrap().run();
    BotPlayer::new(Bot::Ideal, bench, 0)
        .next_action(run)
        .expect("the run goes on")
}

/// How many steps of `course` come before its first event to classify.
fn steps_to_event(course: Course) -> usize {
    let dir = tempfile::tempdir().unwrap();
    let mut state = played(course, 0, dir.path(), Lang::En, 1.0);
    let scenario = state.run.session.as_ref().unwrap().run().scenario_arc();
    let bench = Benchmarks::new(&scenario);
    let mut steps = 0;
    while !matches!(current_due(&state), Some(Due::Classify { .. })) {
        assert!(steps < 500, "{course:?} has no event to classify");
        let action = next_step(&state, &bench);
        state.act(action);
        steps += 1;
    }
    steps
}

#[test]
fn the_case_screen_keeps_chart_note_and_controls_in_view_at_every_size() {
    let sizes = [[1024.0, 640.0], [1280.0, 800.0], [1920.0, 1080.0]];
    let scales = [0.8, 1.0, 1.25, 1.5, 1.75, 2.0];
    let mut failures = Vec::new();
    let mut checked = 0;
    for at in [Reading::Forecast, Reading::NextSession, Reading::Classify] {
        for lang in LANGS {
            let dir = tempfile::tempdir().unwrap();
            let mut state = state_for(View::Briefing, dir.path(), lang, scales[0]);
            state.screen = Screen::Case;
            read_until(&mut state, at);
            // One window, resized and zoomed from size to size, from small text to large, so it
            // never passes through a size narrower than the app is made for.
            let mut h = common::screens::harness(state, sizes[0]);
            for size in sizes {
                for scale in scales {
                    h.state_mut().settings.text_scale = scale;
                    let _ = h.run_ok();
                    let points = [size[0] / scale, size[1] / scale];
                    h.set_size(points.into());
                    let _ = h.run_ok();
                    let case = format!("{at:?} at {size:?}, {lang:?}, text size {scale}");
                    let screen = h.ctx.content_rect();
                    assert!(
                        (screen.width() - points[0]).abs() < 0.5
                            && (screen.height() - points[1]).abs() < 0.5,
                        "{case}: the window is {screen:?}"
                    );
                    checked += 1;
                    failures.extend(
                        out_of_view(&h, at, lang)
                            .into_iter()
                            .map(|m| format!("{case}: {m}")),
                    );
                    // Kept in view by being whole, not by being cut short: the status line (what
                    // was saved last) too.
                    failures.extend(
                        problems(&h, false)
                            .into_iter()
                            .filter(|p| p.contains("shortened with …"))
                            .map(|p| format!("{case}: {p}")),
                    );
                }
            }
        }
    }
    assert_eq!(checked, 108);
    assert!(
        failures.is_empty(),
        "{} out of view:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn an_events_classes_are_in_view_right_after_the_step_before_it_at_every_size() {
    let sizes = [[1024.0, 640.0], [1280.0, 800.0], [1920.0, 1080.0]];
    let scales = [0.8, 1.0, 1.25, 1.5, 1.75, 2.0];
    let mut failures = Vec::new();
    let mut checked = 0;
    for course in [(SCENARIO, SEED), DEMO] {
        let steps = steps_to_event(course);
        for lang in LANGS {
            let t_ = |key: &str| ontrack::i18n::t(lang, key);
            let main_buttons = [t_("commit-forecast"), t_("next-session")];
            for size in sizes {
                for scale in scales {
                    let case = format!("{} at {size:?}, {lang:?}, text size {scale}", course.0);
                    // The step before the event drawn first, as the trainee saw it: the classes
                    // keep away from where its button was.
                    let dir = tempfile::tempdir().unwrap();
                    let state = played(course, steps - 1, dir.path(), lang, scale);
                    // The window in pixels first: the text size then scales it to its size in
                    // points, as a real window's (see the check of every screen above).
                    let points = [size[0] / scale, size[1] / scale];
                    let mut h = common::screens::harness(state, size);
                    let _ = h.run_ok();
                    h.set_size(points.into());
                    let _ = h.run_ok();
                    let button = main_buttons
                        .iter()
                        .find_map(|label| h.query_by_label(label).map(|n| n.rect()))
                        .unwrap_or_else(|| panic!("{case}: the step before has its button"));
                    let scenario = h.state().run.session.as_ref().unwrap().run().scenario_arc();
                    let bench = Benchmarks::new(&scenario);
                    let action = next_step(h.state(), &bench);
                    h.state_mut().act(action);
                    // A few frames, as a window draws after a click: the panel settles.
                    h.run_steps(5);
                    assert!(
                        matches!(current_due(h.state()), Some(Due::Classify { .. })),
                        "{case}: an event waits"
                    );
                    checked += 1;
                    failures.extend(
                        out_of_view(&h, Reading::Classify, lang)
                            .into_iter()
                            .map(|m| format!("{case}: {m}")),
                    );
                    for (n, class) in LindenClass::ALL.into_iter().enumerate() {
                        let label =
                            format!("{} · {}", n + 1, t_(&format!("class-{}", class.slug())));
                        let option = h.get_by_label(&label).rect();
                        if option.intersects(button) {
                            failures.push(format!(
                                "{case}: {label:?} at {option:?} is where the button was ({button:?})"
                            ));
                        }
                    }
                }
            }
        }
    }
    assert_eq!(checked, 72);
    assert!(
        failures.is_empty(),
        "{} problems:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
