//! The trainee app's screens driven as a person would, without a window (egui_kittest): type a
//! pseudonym, pick a scenario, read the briefing, step through sessions, move the slider and commit,
//! flag drift, classify events, reach the debrief — and check the state and the saved run on the way.

#![cfg(feature = "gui")]
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may fail loudly

mod common;

use std::path::Path;
use std::sync::Arc;

use bevy_egui::egui;
use common::screens::{click, current_run};
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use ontrack::app::theme::Palette;
use ontrack::app::trainer::Tab;
use ontrack::app::{AppState, Screen};
use ontrack::run::{Action, Due, Phase, load_run};
use ontrack::scenario::format::LindenClass;
use ontrack::scenario::{Lang, resolve};

fn harness(dir: &Path) -> Harness<'static, AppState> {
    let scenarios = vec![Arc::new(resolve("tests/scenarios/minimal.ron").unwrap())];
    let state = AppState::new(scenarios, dir.to_path_buf(), Lang::En);
    common::screens::harness(state, [1280.0, 1000.0])
}

/// Types into the first text field (the pseudonym): focus it, then type, as a person would.
fn type_pseudonym(h: &mut Harness<'static, AppState>, name: &str) {
    h.get_all_by_role(Role::TextInput).next().unwrap().focus();
    h.run();
    h.get_all_by_role(Role::TextInput)
        .next()
        .unwrap()
        .type_text(name);
    h.run();
}

fn due(h: &Harness<'static, AppState>) -> Due {
    current_run(h).due()
}

/// Picks the quick value `value` (the forecast starts unset), then commits it.
fn commit_forecast(h: &mut Harness<'static, AppState>, value: &str) {
    click(h, value);
    click(h, "Commit forecast (Enter)");
}

const NEXT_SESSION: &str = "Next session (Enter or right arrow)";
const REVEAL: &str = "Reveal the outcome (Enter or right arrow)";
const NEXT_CASE: &str = "Next case (Enter or right arrow)";

#[test]
fn a_trainee_walks_from_start_to_debrief() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(dir.path());
    h.run();
    // Starting without a pseudonym is refused with a message.
    click(&mut h, "Start (Enter)");
    assert_eq!(h.state().screen, Screen::Start);
    assert_eq!(
        h.state().message.as_deref(),
        Some("Type a pseudonym first.")
    );
    // Type a pseudonym and start: a run file appears at once.
    type_pseudonym(&mut h, "Anna");
    assert_eq!(h.state().start.pseudonym, "Anna");
    click(&mut h, "Start (Enter)");
    assert_eq!(h.state().screen, Screen::Briefing);
    let path = h.state().run.session.as_ref().unwrap().path().to_path_buf();
    assert!(path.exists());
    assert!(
        h.get_all_by_label_contains("Brier score").next().is_some(),
        "the briefing explains scoring"
    );
    click(&mut h, "Begin (Enter)");
    assert_eq!(h.state().screen, Screen::Case);

    // The forecast after intake: move the slider with the arrow keys, then commit.
    assert_eq!(due(&h), Due::Forecast { checkpoint: 0 });
    assert_eq!(
        h.state().run.forecast.value,
        None,
        "no number before one is chosen"
    );
    h.get_by_role(Role::Slider).focus();
    h.run();
    h.key_press(egui::Key::ArrowRight);
    h.run();
    h.key_press(egui::Key::ArrowRight);
    h.run();
    // The unset slider stands at 10.
    assert_eq!(
        h.state().run.forecast.value,
        Some(12),
        "arrows move the slider"
    );
    click(&mut h, "Commit forecast (Enter)");
    let answers = current_run(&h).answers(0).unwrap().clone();
    assert_eq!(answers.forecasts, vec![(0, 12)]);
    assert!(
        h.get_all_by_label_contains("Saved: your forecast of 12 %")
            .next()
            .is_some(),
        "the answer is confirmed when saved"
    );
    assert_eq!(
        load_run(&path).unwrap().log.len(),
        1,
        "saved after the answer"
    );

    // Read on, flag drift at session 1, and play the rest of the run through the screens.
    click(&mut h, NEXT_SESSION);
    click(&mut h, "⚑ Flag drift 1");
    let flags = current_run(&h).answers(0).unwrap().flags.clone();
    assert_eq!(flags, vec![(1, None)]);
    let mut guard = 0;
    loop {
        guard += 1;
        assert!(guard < 500, "the run does not end");
        match due(&h) {
            Due::Forecast { .. } => commit_forecast(&mut h, "25 %"),
            Due::NextSession => click(&mut h, NEXT_SESSION),
            Due::Classify { .. } => click(&mut h, "2 · side effect"),
            Due::Reveal => {
                let seen = current_run(&h).visible().unwrap().1.seen();
                click(&mut h, REVEAL);
                assert!(
                    h.get_all_by_label_contains("Outcome:").next().is_some(),
                    "the reveal shows the outcome"
                );
                // The rest of the course is drawn session by session, then the animation ends.
                let reveal = h.state().run.reveal.expect("the reveal animates");
                assert_eq!(reveal.from, seen);
                h.state_mut().tick(0.3);
                let later = h.state().run.reveal.map(|r| r.drawn(8));
                assert!(
                    later.is_none_or(|d| d == seen + 1),
                    "one more session after 0.3 s"
                );
                h.state_mut().tick(10.0);
                assert!(h.state().run.reveal.is_none(), "the animation ends");
                h.run();
            }
            Due::NextCase => click(&mut h, NEXT_CASE),
            Due::Finished => break,
        }
        if h.state().screen == Screen::Debrief {
            break;
        }
    }
    assert_eq!(h.state().screen, Screen::Debrief);
    // Scoring waits for the early-warning rule, normed on another thread while the trainee read.
    h.state_mut().wait_for_background();
    h.run();
    assert!(h.state().run.scores.is_some());
    for text in [
        "Hannan",
        "Brier score",
        "than always forecasting the base rate",
        "AUC",
        "Reliability diagram",
        "Drift from the protocol",
        "Cohen's κ",
        "This is your first finished run",
    ] {
        assert!(
            h.get_all_by_label_contains(text).next().is_some(),
            "the debrief shows {text:?}"
        );
    }
    for row in ["best possible", "early-warning rule", "base rate"] {
        assert!(
            h.get_all_by_label(row).next().is_some(),
            "benchmark row {row}"
        );
    }
    let file = load_run(&path).unwrap();
    assert!(file.finished.is_some(), "the finished run is saved");
    assert_eq!(current_run(&h).phase(), Phase::Finished);
}

#[test]
fn a_half_finished_run_is_offered_for_resume() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(dir.path());
    type_pseudonym(&mut h, "Bram");
    click(&mut h, "Start (Enter)");
    click(&mut h, "Begin (Enter)");
    commit_forecast(&mut h, "5 %");
    drop(h);
    // The app starts again: the unfinished run is offered, and resuming goes back to where it stopped.
    let mut h = harness(dir.path());
    h.run();
    assert_eq!(h.state().start.resumable.len(), 1);
    h.get_all_by_label_contains("▶ Continue")
        .next()
        .unwrap()
        .click();
    h.run();
    assert_eq!(h.state().screen, Screen::Case);
    assert_eq!(
        due(&h),
        Due::NextSession,
        "the forecast given before is kept"
    );
}

#[test]
fn the_start_screen_speaks_dutch() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(dir.path());
    h.run();
    click(&mut h, "Nederlands");
    assert_eq!(h.state().settings.lang, Lang::Nl);
    assert!(h.get_all_by_label("Starten (Enter)").next().is_some());
}

#[test]
fn the_demo_plays_two_runs_and_the_debrief_shows_progress() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(dir.path());
    for run in 1..=2 {
        h.state_mut().demo = Some(ontrack::app::Demo::new(0.0));
        let mut guard = 0;
        while h.state().screen != Screen::Debrief {
            guard += 1;
            assert!(guard < 2000, "the demo does not finish");
            h.state_mut().tick(0.05);
            let _ = h.run_ok(); // the debrief's spinner repaints until the scores arrive
        }
        h.state_mut().wait_for_background();
        h.run();
        let state = h.state();
        assert_eq!(state.start.pseudonym, "demo");
        assert_eq!(
            state.run.earlier.len(),
            run,
            "runs of this trainee and scenario"
        );
        let scores = state.run.scores.as_ref().unwrap();
        // Cases without a deteriorating client are said to teach little.
        let barren = scores.deteriorated == 0;
        let said = h
            .query_all_by_label_contains("No client deteriorated in these cases")
            .next()
            .is_some();
        assert_eq!(said, barren);
        let ideal = scores.benchmarks[&ontrack::forecast::Benchmark::Ideal]
            .brier
            .as_ref()
            .value()
            .copied();
        assert_eq!(
            scores.forecasts.brier.as_ref().value().copied(),
            ideal,
            "the demo is the ideal bot, scored as the ideal forecaster"
        );
        if run == 1 {
            click(&mut h, "New run");
            assert_eq!(h.state().screen, Screen::Start);
        }
    }
    assert!(
        h.get_all_by_label_contains("Brier score per run")
            .next()
            .is_some(),
        "two runs make a progress plot"
    );
}

#[test]
fn text_size_and_contrast_can_be_changed_on_every_screen() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(dir.path());
    h.run();
    // The symbols are read out by their words (a screen reader says "Larger text", not "A+").
    click(&mut h, "Larger text");
    click(&mut h, "Larger text");
    assert!((h.state().settings.text_scale - 1.2).abs() < 1e-6);
    click(&mut h, "Smaller text");
    assert!((h.state().settings.text_scale - 1.1).abs() < 1e-6);
    click(&mut h, "high contrast");
    assert_eq!(h.state().settings.palette, Palette::HighContrast);
    assert_eq!(
        h.ctx.global_style().visuals.override_text_color,
        Some(egui::Color32::BLACK)
    );
    click(
        &mut h,
        "Save a picture of the window in the results folder (F12)",
    );
    assert!(
        h.state().window.screenshot_requested,
        "the window layer takes the picture"
    );
}

#[test]
fn a_scenario_is_picked_from_the_list_or_by_course_code() {
    let dir = tempfile::tempdir().unwrap();
    let scenarios = vec![
        Arc::new(resolve("first-lesson").unwrap()),
        Arc::new(resolve("tests/scenarios/minimal.ron").unwrap()),
    ];
    let minimal_title = scenarios[1].file.title.en.clone();
    let code = ontrack::run::code::encode(&scenarios[0].course_prefix(), 321).unwrap();
    let state = AppState::new(scenarios, dir.path().to_path_buf(), Lang::En);
    let mut h = common::screens::harness(state, [1280.0, 1000.0]);
    h.run();
    type_pseudonym(&mut h, "Cas");
    // Pick the second scenario from the list and start: its cases, a seed of the clock.
    h.get_all_by_label_contains(&minimal_title)
        .next()
        .unwrap()
        .click();
    h.run();
    assert_eq!(h.state().start.selected, 1);
    click(&mut h, "Start (Enter)");
    let run = current_run(&h);
    assert_eq!(run.scenario().file.id, "minimal");
    // Back at the start, a trainer's course code picks scenario and seed, whatever is selected.
    h.state_mut().new_run();
    h.state_mut().start.course_code = code.to_lowercase();
    let _ = h.run_ok();
    click(&mut h, "Start (Enter)");
    let file = h.state().run.session.as_ref().unwrap().file();
    assert_eq!(file.scenario.id, "first-lesson");
    assert_eq!(file.seed, 321);
    assert_eq!(file.course_code, code);
    // A mistyped code is refused with the reason, and no run starts.
    h.state_mut().new_run();
    let mut typo = code.clone().into_bytes();
    typo[5] = if typo[5] == b'1' { b'2' } else { b'1' };
    h.state_mut().start.course_code = String::from_utf8(typo).unwrap();
    let _ = h.run_ok();
    click(&mut h, "Start (Enter)");
    assert_eq!(h.state().screen, Screen::Start);
    assert!(h.state().message.is_some(), "the typo is explained");
}

#[test]
fn a_long_pseudonym_starts_a_run_as_on_the_command_line() {
    // The same rule as `ontrack play --trainee`: any text that is not blank, kept whole in the run
    // file; only the file name is short.
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(dir.path());
    h.run();
    let long = format!("Ánna {}", "van der Berg / ".repeat(25));
    type_pseudonym(&mut h, &long);
    click(&mut h, "Start (Enter)");
    assert_eq!(
        h.state().screen,
        Screen::Briefing,
        "{:?}",
        h.state().message
    );
    let path = h.state().run.session.as_ref().unwrap().path().to_path_buf();
    assert!(path.file_name().unwrap().len() <= 150, "{}", path.display());
    assert_eq!(load_run(&path).unwrap().trainee, long.trim());
}

/// A harness on the case screen of a fresh run of the minimal scenario, at `size` points.
fn on_case_screen(
    dir: &Path,
    size: [f32; 2],
    lang: Lang,
    text_scale: f32,
) -> Harness<'static, AppState> {
    let scenarios = vec![Arc::new(resolve("tests/scenarios/minimal.ron").unwrap())];
    let mut state = AppState::new(scenarios, dir.to_path_buf(), lang);
    state.settings.text_scale = text_scale;
    state.start.pseudonym = "Dirk".into();
    state.start_run();
    state.screen = Screen::Case;
    let mut h = common::screens::harness(state, size);
    h.run();
    h
}

#[test]
fn the_forecast_moves_with_the_keys_without_a_click_and_enter_commits() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = on_case_screen(dir.path(), [1280.0, 800.0], Lang::En, 1.0);
    assert_eq!(due(&h), Due::Forecast { checkpoint: 0 });
    assert_eq!(h.state().run.forecast.value, None);
    // From unset, the arrows start where the slider stands (10).
    let before = 10;
    for key in [
        egui::Key::ArrowRight,
        egui::Key::ArrowRight,
        egui::Key::ArrowUp,
        egui::Key::ArrowLeft,
    ] {
        h.key_press(key);
        h.run();
    }
    assert_eq!(
        h.state().run.forecast.value,
        Some(before + 6),
        "→ → ↑ ← is 1 + 1 + 5 − 1"
    );
    for _ in 0..30 {
        h.key_press(egui::Key::ArrowDown);
        h.run();
    }
    assert_eq!(h.state().run.forecast.value, Some(1), "never below 1 %");
    h.key_press(egui::Key::Enter);
    h.run();
    let answers = current_run(&h).answers(0).unwrap().clone();
    assert_eq!(
        answers.forecasts,
        vec![(0, 1)],
        "Enter commits what the keys set"
    );
    assert_eq!(due(&h), Due::NextSession);
}

#[test]
fn a_quick_value_sets_the_forecast_and_the_number_shows_it_large() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = on_case_screen(dir.path(), [1280.0, 800.0], Lang::En, 1.0);
    click(&mut h, "25 %");
    assert_eq!(h.state().run.forecast.value, Some(25));
    assert!(
        h.get_all_by_label("25 %").count() >= 2,
        "the quick value and the big number"
    );
    assert!(h.get_all_by_label_contains("Case 1 of").next().is_some());
    assert!(
        h.get_all_by_label_contains("forecast 1 of 2")
            .next()
            .is_some(),
        "where the case stands: the first of two checkpoints"
    );
    click(&mut h, "Commit forecast (Enter)");
    let answers = current_run(&h).answers(0).unwrap().clone();
    assert_eq!(answers.forecasts, vec![(0, 25)]);
}

#[test]
fn a_session_picked_on_the_timeline_shows_its_card_and_its_flag_toggles() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = on_case_screen(dir.path(), [1280.0, 800.0], Lang::En, 1.0);
    commit_forecast(&mut h, "10 %");
    click(&mut h, NEXT_SESSION);
    while due(&h) != Due::NextSession {
        match due(&h) {
            Due::Forecast { .. } => commit_forecast(&mut h, "10 %"),
            Due::Classify { .. } => click(&mut h, "2 · side effect"),
            other => panic!("unexpected {other:?}"),
        }
    }
    click(&mut h, NEXT_SESSION);
    // The latest session is shown in full until another is picked.
    assert!(
        h.get_all_by_label_contains("Session 2 · score")
            .next()
            .is_some()
    );
    // The card is read out whole ("Session 1 · score …"); until it is picked only the card says so.
    let session_one =
        |h: &Harness<'static, AppState>| h.get_all_by_label_contains("Session 1 · score").count();
    assert_eq!(session_one(&h), 1, "only the card");
    h.get_all_by_label_contains("Session 1 · score")
        .next()
        .unwrap()
        .click();
    let _ = h.run_ok();
    assert_eq!(h.state().run.picked, Some(1), "the card picked");
    assert_eq!(
        session_one(&h),
        2,
        "the picked session in full beside its card"
    );
    // The flag on the card switches on, and shows as set.
    h.get_all_by_label("Flag drift from the protocol at session 1")
        .next()
        .unwrap()
        .click();
    let _ = h.run_ok();
    let flags = current_run(&h).answers(0).unwrap().flags.clone();
    assert_eq!(flags.len(), 1, "one flag set from a card");
    assert!(
        h.get_all_by_label("⚑").next().is_some(),
        "the card shows its flag"
    );
}

/// Where the forecast panel is now: at the side, or at the bottom while a forecast is due (a
/// panel laid out at another text size in an earlier frame lies outside the window).
fn forecast_panel(h: &Harness<'static, AppState>) -> Option<egui::Rect> {
    let screen = h.ctx.content_rect();
    [
        egui::Id::new("forecast-side"),
        egui::Id::new("forecast-bottom").with("forecast"),
    ]
    .into_iter()
    .filter_map(|id| egui::PanelState::load(&h.ctx, id))
    .map(|p| p.outer_rect)
    .find(|r| r.min.x >= screen.min.x - 1.0 && r.max.x <= screen.max.x + 1.0)
}

/// Every node of the accessibility tree (each widget and label) with its place on the screen.
fn rects(h: &Harness<'static, AppState>) -> Vec<(String, Role, egui::Rect)> {
    use egui_kittest::kittest::NodeT;
    h.root()
        .children_recursive()
        .filter(|n| n.accesskit_node().bounding_box().is_some())
        .map(|n| {
            let label = n.accesskit_node().label().unwrap_or_default();
            (label, n.accesskit_node().role(), n.rect())
        })
        .collect()
}

#[test]
fn the_case_screen_fits_every_window_and_text_size_in_both_languages() {
    let dir = tempfile::tempdir().unwrap();
    for size in [[1024.0, 640.0], [1280.0, 800.0], [1920.0, 1080.0]] {
        for scale in [0.8, 1.0, 2.0] {
            for lang in [Lang::En, Lang::Nl] {
                let h = on_case_screen(dir.path(), size, lang, scale);
                let screen = h.ctx.content_rect();
                let nodes = rects(&h);
                let buttons: Vec<&(String, Role, egui::Rect)> = nodes
                    .iter()
                    .filter(|(_, role, _)| *role == Role::Button)
                    .collect();
                assert!(buttons.len() > 5, "the case screen is drawn");
                let case = format!("{size:?} at text size {scale} in {lang:?}");
                for (label, _, rect) in &buttons {
                    assert!(
                        rect.min.x >= screen.min.x - 0.5 && rect.max.x <= screen.max.x + 0.5,
                        "{case}: {label:?} at {rect:?} leaves the window {screen:?}"
                    );
                }
                // The forecast panel's buttons (the commit button and the quick values), and the
                // rest, which scrolls under the panel's edge and is hidden there.
                let panel =
                    forecast_panel(&h).unwrap_or_else(|| panic!("{case}: no forecast panel"));
                if panel.width() > screen.width() * 0.9 {
                    assert!(
                        panel.height() <= screen.height() * 0.5,
                        "{case}: the forecast panel at the bottom leaves room for the chart: {panel:?}"
                    );
                }
                let inside: Vec<_> = buttons
                    .iter()
                    .filter(|(label, ..)| label.ends_with(" %") || label.contains("(Enter)"))
                    .collect();
                assert!(
                    inside.iter().all(|(.., r)| panel.contains_rect(*r)),
                    "{case}: {inside:?} in {panel:?}"
                );
                let outside: Vec<_> = buttons
                    .iter()
                    .filter(|(.., r)| !panel.intersects(*r))
                    .collect();
                for group in [inside, outside] {
                    for (i, (a, _, ra)) in group.iter().enumerate() {
                        for (b, _, rb) in group.iter().skip(i + 1) {
                            let overlap = ra.intersect(*rb);
                            assert!(
                                overlap.width() <= 1.0 || overlap.height() <= 1.0,
                                "{case}: {a:?} {ra:?} overlaps {b:?} {rb:?}"
                            );
                        }
                    }
                }
                let commit = nodes
                    .iter()
                    .find(|(label, ..)| label.contains("(Enter)"))
                    .unwrap_or_else(|| panic!("{case}: no commit button"));
                assert!(
                    screen.contains_rect(commit.2),
                    "{case}: the forecast panel stays in view: {:?}",
                    commit.2
                );
            }
        }
    }
}

#[test]
fn a_legend_key_keeps_its_mark_beside_its_name_when_the_legend_wraps() {
    use ontrack::app::plots::{Key, Mark, legend_ui};
    use ontrack::app::theme;
    let names = [
        "OQ-45",
        "expected course of clients with this intake",
        "reliable change around intake",
        "clinical cutoff",
        "drift starts",
    ];
    // 350 points at text size 2: each key fits, all of them do not.
    let width = 700.0;
    let mut h = Harness::builder()
        .with_size([width, 400.0])
        .build_ui(move |ui| {
            theme::apply(ui.ctx(), Palette::Light, 2.0);
            ui.set_style(ui.ctx().global_style());
            let keys: Vec<Key> = names
                .iter()
                .map(|n| Key::new(Mark::Band, theme::EXPECTED, n.to_string()))
                .collect();
            legend_ui(ui, &keys);
        });
    h.run();
    let screen = h.ctx.content_rect();
    let rects: Vec<egui::Rect> = names.iter().map(|n| h.get_by_label(n).rect()).collect();
    let line = rects[0].height();
    for (name, r) in names.iter().zip(&rects) {
        assert!(
            r.height() <= line + 0.5,
            "{name:?} stays on one line with its mark: {r:?}"
        );
        assert!(
            r.width() > 2.0 * line,
            "{name:?}: the mark and the name are one piece: {r:?}"
        );
        assert!(r.max.x <= screen.max.x + 0.5, "{name:?} fits: {r:?}");
    }
    assert!(
        rects.iter().any(|r| r.min.y >= rects[0].max.y),
        "the legend wraps at text size 2 in a narrow place: {rects:?}"
    );
}

#[test]
fn the_course_chart_stays_readable_in_a_short_window_and_fits_its_axis_to_the_case() {
    let dir = tempfile::tempdir().unwrap();
    // 1024×640 at text size 2 (a window of 512×320 points) and full HD at text size 1.
    for (size, scale) in [([1024.0, 640.0], 2.0), ([1920.0, 1080.0], 1.0)] {
        for lang in [Lang::En, Lang::Nl] {
            let mut h = on_case_screen(dir.path(), size, lang, scale);
            h.run();
            let case = format!("{size:?} at text size {scale} in {lang:?}");
            let memory = egui_plot::PlotMemory::load(&h.ctx, egui::Id::new("trajectory"))
                .unwrap_or_else(|| panic!("{case}: no course chart"));
            let frame = *memory.transform().frame();
            let screen = h.ctx.content_rect();
            // What the forecast panel leaves of the window.
            let panel = forecast_panel(&h).unwrap_or_else(|| panic!("{case}: no forecast panel"));
            let mut view = screen;
            if panel.width() > 0.9 * screen.width() {
                view.max.y = panel.min.y;
            } else {
                view.max.x = panel.min.x;
            }
            assert!(
                frame.height() >= 0.25 * screen.height(),
                "{case}: the chart is {frame:?} in {screen:?}"
            );
            let visible = frame.intersect(view);
            assert!(
                visible.height() >= 0.25 * screen.height(),
                "{case}: the chart in view is {visible:?} of {screen:?}"
            );
            // The minimal scenario's scale runs from 0 to 100; the case sits around its intake.
            let bounds = memory.bounds();
            assert!(
                bounds.min()[1] > 5.0,
                "{case}: the axis leaves out the empty bottom of the scale: {bounds:?}"
            );
        }
    }
}

#[test]
fn a_demo_with_a_seed_plays_the_cases_of_that_seed() {
    let dir = tempfile::tempdir().unwrap();
    let scenarios = vec![Arc::new(resolve("tests/scenarios/minimal.ron").unwrap())];
    let mut state = AppState::new(scenarios, dir.path().to_path_buf(), Lang::En);
    state.demo = Some(ontrack::app::Demo::new(1.0));
    state.demo_seed(10);
    state.demo_step();
    let session = state.run.session.as_ref().expect("the demo started a run");
    assert_eq!(session.file().seed, 10);
    assert_eq!(state.screen, Screen::Briefing);
}

/// A harness on the case screen of a run of the reference scenario with seed 10, whose cases hold
/// unwanted events after sessions (checked where it matters).
fn on_reference_case(
    dir: &Path,
    size: [f32; 2],
    lang: Lang,
    text_scale: f32,
) -> Harness<'static, AppState> {
    let scenario = Arc::new(resolve("depression-cbt-oq45").unwrap());
    let code = ontrack::run::code::encode(&scenario.course_prefix(), 10).unwrap();
    let mut state = AppState::new(vec![scenario], dir.to_path_buf(), lang);
    state.settings.text_scale = text_scale;
    state.start.pseudonym = "Dirk".into();
    state.start.course_code = code;
    state.start_run();
    state.screen = Screen::Case;
    let mut h = common::screens::harness(state, size);
    h.run();
    h
}

#[test]
fn an_unset_forecast_cannot_be_committed() {
    let dir = tempfile::tempdir().unwrap();
    // The panel at the side, at the bottom, and packed in a short window.
    for (size, scale) in [
        ([1280.0, 800.0], 1.0),
        ([1024.0, 640.0], 1.0),
        ([1024.0, 640.0], 2.0),
    ] {
        let case = format!("{size:?} at text size {scale}");
        let mut h = on_case_screen(dir.path(), size, Lang::En, scale);
        let path = h.state().run.session.as_ref().unwrap().path().to_path_buf();
        assert_eq!(due(&h), Due::Forecast { checkpoint: 0 });
        assert!(
            h.get_all_by_label("— %").next().is_some(),
            "{case}: no number is shown before one is chosen"
        );
        h.key_press(egui::Key::Enter);
        h.run();
        click(&mut h, "Commit forecast (Enter)");
        assert_eq!(due(&h), Due::Forecast { checkpoint: 0 }, "{case}");
        assert!(
            current_run(&h)
                .answers(0)
                .is_none_or(|a| a.forecasts.is_empty()),
            "{case}: nothing committed"
        );
        assert!(
            load_run(&path).unwrap().log.is_empty(),
            "{case}: nothing saved"
        );
        assert!(
            h.get_all_by_label_contains("Nothing committed: choose a number first")
                .next()
                .is_some(),
            "{case}: the trainee is told why"
        );
        // Chosen and committed; at the next checkpoint it is unset again, and Enter does nothing.
        commit_forecast(&mut h, "25 %");
        assert_eq!(current_run(&h).answers(0).unwrap().forecasts, vec![(0, 25)]);
        while !matches!(due(&h), Due::Forecast { .. }) {
            let action = match due(&h) {
                Due::NextSession => Action::NextSession,
                Due::Classify { event } => Action::ClassifyEvent {
                    event,
                    class: LindenClass::SideEffect,
                },
                other => panic!("{case}: unexpected {other:?}"),
            };
            h.state_mut().act(action);
            h.run();
        }
        assert_eq!(h.state().run.forecast.value, None, "{case}");
        h.key_press(egui::Key::Enter);
        h.run();
        assert_eq!(
            current_run(&h).answers(0).unwrap().forecasts.len(),
            1,
            "{case}: Enter at an unset checkpoint commits nothing"
        );
    }
}

/// A person's click at `pos`: the pointer moves there, presses, and lets go, a frame each.
fn click_at(h: &mut Harness<'static, AppState>, pos: egui::Pos2) {
    h.hover_at(pos);
    let _ = h.run_ok();
    h.drag_at(pos);
    let _ = h.run_ok();
    h.drop_at(pos);
    let _ = h.run_ok();
}

/// How many forecasts the trainee has committed in the run.
fn forecasts(h: &Harness<'static, AppState>) -> usize {
    let run = current_run(h);
    (0..run.len())
        .filter_map(|case| run.answers(case))
        .map(|a| a.forecasts.len())
        .sum()
}

/// How many unwanted events the trainee has classified in the run.
fn classified(h: &Harness<'static, AppState>) -> usize {
    let run = current_run(h);
    (0..run.len())
        .filter_map(|case| run.answers(case))
        .map(|a| a.classifications.len())
        .sum()
}

#[test]
fn a_click_where_the_last_steps_button_was_never_classifies() {
    let dir = tempfile::tempdir().unwrap();
    // The panel at the side (also at full HD and text size 2), at the bottom, and packed.
    for (size, scale, lang) in [
        ([1280.0, 800.0], 1.0, Lang::En),
        ([1920.0, 1080.0], 2.0, Lang::Nl),
        ([1024.0, 640.0], 1.0, Lang::Nl),
        ([1024.0, 640.0], 2.0, Lang::En),
    ] {
        let case = format!("{size:?} at text size {scale} in {lang:?}");
        let (next, commit) = match lang {
            Lang::En => (NEXT_SESSION, "Commit forecast (Enter)"),
            Lang::Nl => (
                "Volgende sessie (Enter of pijltje rechts)",
                "Voorspelling vastleggen (Enter)",
            ),
        };
        let mut after_commit = 0;
        let mut h = on_reference_case(dir.path(), size, lang, scale);
        let mut checked = 0;
        let mut guard = 0;
        loop {
            guard += 1;
            assert!(guard < 1000, "{case}: the run does not end");
            let action = match due(&h) {
                Due::NextSession => {
                    let button = h.get_by_label(next).rect();
                    let seen = current_run(&h).visible().unwrap().1.seen();
                    click_at(&mut h, button.center());
                    let now = current_run(&h).visible().map(|(_, v)| v.seen());
                    assert_eq!(
                        now,
                        Some(seen + 1),
                        "{case}: the click shows the next session"
                    );
                    if matches!(due(&h), Due::Classify { .. }) {
                        // The same habitual click, and others where the button was.
                        let before = classified(&h);
                        let inner = button.shrink(3.0);
                        for spot in [button.center(), inner.left_top(), inner.right_bottom()] {
                            click_at(&mut h, spot);
                            assert_eq!(
                                classified(&h),
                                before,
                                "{case}: a click at {spot:?}, where {next:?} was, classified an event"
                            );
                        }
                        checked += 1;
                    }
                    continue;
                }
                Due::Forecast { .. } => {
                    // Committed with a click on the button: an event may wait right after it.
                    click(&mut h, "25 %");
                    let button = h.get_by_label(commit).rect();
                    let before = forecasts(&h);
                    click_at(&mut h, button.center());
                    assert_eq!(forecasts(&h), before + 1, "{case}: committed");
                    if matches!(due(&h), Due::Classify { .. }) {
                        let before = classified(&h);
                        let inner = button.shrink(3.0);
                        for spot in [button.center(), inner.left_top(), inner.right_bottom()] {
                            click_at(&mut h, spot);
                            assert_eq!(
                                classified(&h),
                                before,
                                "{case}: a click at {spot:?}, where {commit:?} was, classified an event"
                            );
                        }
                        after_commit += 1;
                    }
                    continue;
                }
                Due::Classify { event } => Action::ClassifyEvent {
                    event,
                    class: LindenClass::Unrelated,
                },
                Due::Reveal => Action::Reveal,
                Due::NextCase => Action::NextCase,
                Due::Finished => break,
            };
            h.state_mut().act(action);
            h.state_mut().tick(60.0);
            let _ = h.run_ok();
        }
        // In the reference scenario's cases the events are due at checkpoints: after a forecast.
        assert!(
            checked + after_commit > 0,
            "{case}: no unwanted event came after a step"
        );
    }
}

#[test]
fn after_classifying_the_card_confirms_the_choice_in_words() {
    let dir = tempfile::tempdir().unwrap();
    for (lang, option, chosen, saved) in [
        (
            Lang::En,
            "2 · side effect",
            "✔ chosen: side effect",
            "✔ Saved: side effect",
        ),
        (
            Lang::Nl,
            "2 · bijwerking",
            "✔ gekozen: bijwerking",
            "✔ Opgeslagen: bijwerking",
        ),
    ] {
        let mut h = on_reference_case(dir.path(), [1280.0, 800.0], lang, 1.0);
        let event = loop {
            let action = match due(&h) {
                Due::Classify { event } => break event,
                Due::Forecast { .. } => Action::Forecast { percent: 20 },
                Due::NextSession => Action::NextSession,
                Due::Reveal => Action::Reveal,
                Due::NextCase => Action::NextCase,
                Due::Finished => panic!("no unwanted event in the run"),
            };
            h.state_mut().act(action);
            h.state_mut().tick(60.0);
            let _ = h.run_ok();
        };
        click(&mut h, option);
        assert_eq!(classified(&h), 1, "{lang:?}: {option:?} classifies");
        // The event's session, picked on the timeline, confirms the choice on its card.
        let session = current_run(&h)
            .visible()
            .and_then(|(_, v)| v.events().nth(event).map(|e| e.session))
            .unwrap();
        h.state_mut().run.picked = Some(session);
        let _ = h.run_ok();
        for text in [chosen, saved] {
            assert!(
                h.get_all_by_label(text).next().is_some(),
                "{lang:?}: {text:?} is shown"
            );
        }
    }
}

#[test]
fn a_whole_run_of_the_first_lesson_is_played_by_keys_alone() {
    let dir = tempfile::tempdir().unwrap();
    let scenarios = vec![Arc::new(resolve("first-lesson").unwrap())];
    let state = AppState::new(scenarios, dir.path().to_path_buf(), Lang::Nl);
    let mut h = common::screens::harness(state, [1280.0, 800.0]);
    h.run();
    let press = |h: &mut Harness<'static, AppState>, key: egui::Key| {
        h.key_press(key);
        let _ = h.run_ok();
    };
    // The pseudonym has the keyboard when the app opens: type it; Enter starts, Enter begins.
    h.event(egui::Event::Text("Anna".into()));
    h.run();
    assert_eq!(h.state().start.pseudonym, "Anna");
    press(&mut h, egui::Key::Enter);
    assert_eq!(
        h.state().screen,
        Screen::Briefing,
        "{:?}",
        h.state().message
    );
    press(&mut h, egui::Key::Enter);
    assert_eq!(h.state().screen, Screen::Case);
    let path = h.state().run.session.as_ref().unwrap().path().to_path_buf();
    let mut steps = 0;
    while h.state().screen == Screen::Case {
        steps += 1;
        assert!(steps < 2000, "the run does not end");
        match due(&h) {
            // Up sets an unset forecast to 15 %; Enter commits it.
            Due::Forecast { .. } => {
                press(&mut h, egui::Key::ArrowUp);
                press(&mut h, egui::Key::Enter);
            }
            // Enter and the right arrow both move on.
            Due::NextSession | Due::NextCase => {
                let key = if steps % 2 == 0 {
                    egui::Key::Enter
                } else {
                    egui::Key::ArrowRight
                };
                press(&mut h, key);
            }
            Due::Reveal => press(&mut h, egui::Key::Enter),
            // 2: side effect.
            Due::Classify { .. } => press(&mut h, egui::Key::Num2),
            Due::Finished => break,
        }
    }
    assert_eq!(h.state().screen, Screen::Debrief);
    let file = load_run(&path).unwrap();
    assert!(file.finished.is_some(), "the finished run is saved");
    let run = current_run(&h);
    let forecasts: Vec<u8> = (0..run.len())
        .flat_map(|case| run.answers(case).unwrap().forecasts.clone())
        .map(|(_, percent)| percent)
        .collect();
    assert!(!forecasts.is_empty());
    assert!(
        forecasts.iter().all(|p| *p == 15),
        "only the numbers the keys chose: {forecasts:?}"
    );
    let classes: Vec<LindenClass> = (0..run.len())
        .flat_map(|case| run.answers(case).unwrap().classifications.clone())
        .map(|(_, class)| class)
        .collect();
    assert!(classes.iter().all(|c| *c == LindenClass::SideEffect));
}

/// English words that must not show in the Dutch app (whole words; names such as Brier, AUC and
/// the measures' own are not among them).
const ENGLISH: [&str; 33] = [
    "the",
    "cannot",
    "this",
    "typing",
    "look",
    "run",
    "and",
    "not",
    "file",
    "folder",
    "readable",
    "Next",
    "Start",
    "Seed",
    "seed",
    "forecast",
    "Forecast",
    "Session",
    "session",
    "Outcome",
    "outcome",
    "Case",
    "Reveal",
    "Saved",
    "chosen",
    "classify",
    "Classify",
    "error",
    "Connection",
    "refused",
    "Commit",
    "Begin",
    "Back",
];

/// Every text of the screen: the labels of its controls and every text painted (chart axes and
/// marks too, which are no controls).
fn screen_texts(h: &Harness<'static, AppState>) -> Vec<String> {
    let mut texts: Vec<String> = rects(h).into_iter().map(|(label, ..)| label).collect();
    texts.extend(painted_texts(h));
    texts
}

/// Every text painted on the screen.
fn painted_texts(h: &Harness<'static, AppState>) -> Vec<String> {
    fn painted(shape: &egui::Shape, out: &mut Vec<String>) {
        match shape {
            egui::Shape::Text(t) => out.push(t.galley.text().to_string()),
            egui::Shape::Vec(shapes) => shapes.iter().for_each(|s| painted(s, out)),
            _ => {}
        }
    }
    let mut texts = Vec::new();
    for clipped in &h.output().shapes {
        painted(&clipped.shape, &mut texts);
    }
    texts
}

/// Fails with every English text found (each once), or passes when there is none.
fn assert_none_english(mut wrong: Vec<String>) {
    wrong.sort();
    wrong.dedup();
    assert!(
        wrong.is_empty(),
        "{} texts:\n{}",
        wrong.len(),
        wrong.join("\n")
    );
}

/// What is wrong with the texts of the screen in Dutch: English words, and numbers with a decimal
/// point; each with the text it is in.
fn not_dutch(h: &Harness<'static, AppState>, screen: &str) -> Vec<String> {
    not_dutch_texts(&screen_texts(h), screen)
}

/// What is wrong with `texts` in Dutch: English words, and numbers with a decimal point.
fn not_dutch_texts(texts: &[String], screen: &str) -> Vec<String> {
    let mut wrong = Vec::new();
    for label in texts {
        let words: Vec<&str> = label
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .collect();
        for english in ENGLISH {
            if words.contains(&english) {
                wrong.push(format!("{screen}: {english:?} in {label:?}"));
            }
        }
        // Names are not numbers: the measure's (OQ-45.2), files' (a time in a run's name) and
        // addresses.
        let numbers = label
            .replace("OQ-45.2", "")
            .split_whitespace()
            .filter(|word| !word.contains('/'))
            // A station's address is no number.
            .filter(|word| word.parse::<std::net::SocketAddr>().is_err())
            .collect::<Vec<_>>()
            .join(" ");
        let chars: Vec<char> = numbers.chars().collect();
        if chars
            .windows(3)
            .any(|w| w[0].is_ascii_digit() && w[1] == '.' && w[2].is_ascii_digit())
        {
            wrong.push(format!("{screen}: a decimal point in {label:?}"));
        }
    }
    wrong
}

/// The hover texts of the screen: each control, label and chart hovered in turn (long enough for
/// its tooltip to show), and, with a `grid` step in points, every point of a grid over the window
/// too (drawings that are one node, such as the live board's rows); what then appears that was
/// not on the screen before.
fn hover_texts(h: &mut Harness<'static, AppState>, grid: Option<f32>) -> Vec<String> {
    use egui_kittest::kittest::NodeT;
    let screen = h.ctx.content_rect();
    let mut spots: Vec<(i32, i32)> = h
        .root()
        .children_recursive()
        .filter(|n| n.accesskit_node().bounding_box().is_some())
        .map(|n| n.rect().center())
        .filter(|c| screen.contains(*c))
        .map(|c| (c.x.round() as i32, c.y.round() as i32))
        .collect();
    // And every text painted (a label is hovered where its words are).
    fn centres(shape: &egui::Shape, out: &mut Vec<egui::Pos2>) {
        match shape {
            egui::Shape::Text(t) => out.push(t.visual_bounding_rect().center()),
            egui::Shape::Vec(shapes) => shapes.iter().for_each(|s| centres(s, out)),
            _ => {}
        }
    }
    let mut painted = Vec::new();
    for clipped in &h.output().shapes {
        centres(&clipped.shape, &mut painted);
    }
    spots.extend(
        painted
            .into_iter()
            .filter(|c| screen.contains(*c))
            .map(|c| (c.x.round() as i32, c.y.round() as i32)),
    );
    if let Some(step) = grid {
        let (columns, rows) = (
            (screen.width() / step) as i32,
            (screen.height() / step) as i32,
        );
        for x in 0..columns {
            for y in 0..rows {
                spots.push((
                    ((x as f32 + 0.5) * step) as i32,
                    ((y as f32 + 0.5) * step) as i32,
                ));
            }
        }
    }
    spots.sort_unstable();
    spots.dedup();
    // A hover text is painted while it shows (it may also be the name a screen reader reads).
    let before: std::collections::HashSet<String> = painted_texts(h).into_iter().collect();
    let mut found = Vec::new();
    for (x, y) in spots {
        h.hover_at(egui::pos2(x as f32, y as f32));
        // Past the tooltip's delay (a step is a quarter of a second).
        h.run_steps(3);
        found.extend(painted_texts(h).into_iter().filter(|t| !before.contains(t)));
    }
    h.hover_at(egui::pos2(-10.0, -10.0));
    h.run_steps(2);
    found.sort();
    found.dedup();
    found
}

/// What is wrong with the hover texts of the screen in Dutch (see [`not_dutch`]), and whether
/// there were any: a walk that found none has not read them.
fn hover_not_dutch(h: &mut Harness<'static, AppState>, screen: &str) -> (Vec<String>, usize) {
    let grid = screen.contains("board").then_some(40.0);
    let texts = hover_texts(h, grid);
    (
        not_dutch_texts(&texts, &format!("{screen} (hover)")),
        texts.len(),
    )
}

#[test]
fn the_dutch_app_shows_no_english_and_no_decimal_points() {
    let dir = tempfile::tempdir().unwrap();
    let scenario = Arc::new(resolve("depression-cbt-oq45").unwrap());
    let code = ontrack::run::code::encode(&scenario.course_prefix(), 10).unwrap();
    let mut state = AppState::new(vec![scenario], dir.path().to_path_buf(), Lang::Nl);
    state.start.pseudonym = "Iris".into();
    state.start.course_code = code;
    let mut h = common::screens::harness(state, [1280.0, 800.0]);
    h.run();
    let mut wrong = not_dutch(&h, "start");
    click(&mut h, "Starten (Enter)");
    wrong.extend(not_dutch(&h, "briefing"));
    click(&mut h, "Beginnen (Enter)");
    h.state_mut().wait_for_background();
    let mut seen = std::collections::BTreeSet::new();
    let mut hovered = std::collections::BTreeSet::new();
    let mut hover_texts_seen = 0;
    let mut guard = 0;
    while h.state().screen == Screen::Case {
        guard += 1;
        assert!(guard < 5000, "the run does not end");
        let due_now = due(&h);
        // Each kind of step once per case is enough to read every text of the case screen.
        let case = current_run(&h).visible().map(|(c, _)| c);
        let kind = format!("{due_now:?}")
            .split(' ')
            .next()
            .unwrap()
            .to_string();
        if seen.insert((case, kind.clone())) {
            wrong.extend(not_dutch(&h, &format!("case {case:?}, {due_now:?}")));
        }
        // The hover texts of each kind of step once (the timeline's cards, the chart).
        if hovered.insert(kind) {
            let (found, shown) = hover_not_dutch(&mut h, &format!("case {case:?}, {due_now:?}"));
            wrong.extend(found);
            hover_texts_seen += shown;
        }
        let action = match due_now {
            Due::Forecast { .. } => {
                // Unset, then set: both texts are read.
                click(&mut h, "25 %");
                wrong.extend(not_dutch(&h, "forecast set"));
                Action::Forecast { percent: 25 }
            }
            Due::NextSession => Action::NextSession,
            Due::Classify { event } => Action::ClassifyEvent {
                event,
                class: LindenClass::SideEffect,
            },
            Due::Reveal => Action::Reveal,
            Due::NextCase => Action::NextCase,
            Due::Finished => break,
        };
        h.state_mut().act(action);
        h.state_mut().tick(60.0);
        let _ = h.run_ok();
    }
    h.state_mut().wait_for_background();
    h.state_mut().tick(0.0);
    let _ = h.run_ok();
    assert_eq!(h.state().screen, Screen::Debrief);
    wrong.extend(not_dutch(&h, "debrief"));
    let (found, shown) = hover_not_dutch(&mut h, "debrief");
    wrong.extend(found);
    hover_texts_seen += shown;
    // The trainer's views of the folder, with entries it does not use: a stray text file, a run
    // file that is not one, and a folder.
    std::fs::write(dir.path().join("notes.txt"), "notes").unwrap();
    std::fs::write(dir.path().join("broken.ron"), "not a run").unwrap();
    std::fs::create_dir(dir.path().join("older")).unwrap();
    {
        let state = h.state_mut();
        state.screen = Screen::Trainer;
        state.trainer.tab = Tab::Runs;
        state.trainer.load();
        state.trainer.wait();
        state.tick(0.0);
        // Ticking finds the finished run's scores and shows its debrief again: on to the station.
        state.screen = Screen::Trainer;
    }
    let _ = h.run_ok();
    let (rejected, others) = {
        let cohort = h
            .state()
            .trainer
            .cohort
            .as_ref()
            .expect("the folder loaded");
        (cohort.rejected.len(), cohort.others.len())
    };
    assert_eq!(rejected, 1, "the broken run file");
    // The lists are folded: open both.
    for header in [
        "Niet bruikbare bestanden (1)".to_string(),
        format!("Andere items in de map, geen rondebestanden ({others})"),
    ] {
        h.get_by_label(&header).click();
        let _ = h.run_ok();
    }
    wrong.extend(not_dutch(&h, "trainer's runs"));
    wrong.extend(hover_not_dutch(&mut h, "trainer's runs").0);
    for tab in [Tab::Progress, Tab::Cases, Tab::HandOut] {
        h.state_mut().trainer.tab = tab;
        let _ = h.run_ok();
        wrong.extend(not_dutch(&h, &format!("trainer's {tab:?}")));
        wrong.extend(hover_not_dutch(&mut h, &format!("trainer's {tab:?}")).0);
    }
    assert!(hover_texts_seen > 0, "the hover texts are read");
    assert_none_english(wrong);
}

/// The app on the start screen with every bundled scenario, at `size` pixels and text size `scale`.
fn start_with_every_scenario(dir: &Path, size: [f32; 2], scale: f32) -> Harness<'static, AppState> {
    let scenarios = ontrack::scenario::bundled_ids()
        .into_iter()
        .map(|id| Arc::new(resolve(id).unwrap()))
        .collect();
    let mut state = AppState::new(scenarios, dir.to_path_buf(), Lang::Nl);
    state.settings.text_scale = scale;
    let mut h = common::screens::harness(state, size);
    h.run();
    h
}

#[test]
fn start_is_in_view_without_scrolling_past_the_scenarios() {
    let dir = tempfile::tempdir().unwrap();
    for (size, scale) in [
        ([1024.0, 640.0], 1.0),
        ([1024.0, 640.0], 2.0),
        ([1920.0, 1080.0], 2.0),
    ] {
        let h = start_with_every_scenario(dir.path(), size, scale);
        assert!(h.state().scenarios.len() >= 10);
        let screen = h.ctx.content_rect();
        let start = h.get_by_label("Starten (Enter)").rect();
        assert!(
            screen.contains_rect(start),
            "{size:?} at text size {scale}: Start at {start:?} is out of {screen:?}"
        );
        let title = h.state().chosen().unwrap().file.title.nl.clone();
        assert!(
            h.get_all_by_label(&format!("Gekozen: {title}"))
                .next()
                .is_some(),
            "the chosen scenario is named beside Start"
        );
    }
}

/// The outlines painted in the colour of the chosen card, 2 points wide or more.
fn blue_outlines(h: &Harness<'static, AppState>) -> usize {
    h.output()
        .shapes
        .iter()
        .filter(|clipped| match &clipped.shape {
            egui::Shape::Rect(r) => {
                r.stroke.color == ontrack::app::theme::PICKED && r.stroke.width >= 2.0
            }
            _ => false,
        })
        .count()
}

#[test]
fn only_the_chosen_card_is_outlined_even_beside_an_unfinished_run() {
    let dir = tempfile::tempdir().unwrap();
    // An unfinished run in the folder: its card is offered at the top.
    let mut h = harness(dir.path());
    type_pseudonym(&mut h, "Bram");
    click(&mut h, "Start (Enter)");
    click(&mut h, "Begin (Enter)");
    commit_forecast(&mut h, "5 %");
    drop(h);
    let mut h = start_with_every_scenario(dir.path(), [1280.0, 1000.0], 1.0);
    assert_eq!(h.state().start.resumable.len(), 1);
    h.run();
    assert_eq!(blue_outlines(&h), 1, "one card outlined in blue");
}

#[test]
fn the_briefing_has_a_way_back_that_leaves_no_empty_run() {
    let dir = tempfile::tempdir().unwrap();
    for back in ["click", "escape"] {
        let mut h = harness(dir.path());
        type_pseudonym(&mut h, "Cas");
        click(&mut h, "Start (Enter)");
        assert_eq!(h.state().screen, Screen::Briefing);
        let path = h.state().run.session.as_ref().unwrap().path().to_path_buf();
        if back == "click" {
            click(&mut h, "⏴ Back (Escape)");
        } else {
            h.key_press(egui::Key::Escape);
            h.run();
        }
        assert_eq!(h.state().screen, Screen::Start, "{back}");
        assert!(!path.exists(), "{back}: the run without answers is gone");
        assert!(h.state().start.resumable.is_empty(), "{back}");
        assert_eq!(h.state().start.pseudonym, "Cas", "{back}: the form is kept");
    }
}

#[test]
fn the_reveal_says_in_the_panel_that_a_client_stopped_coming() {
    let dir = tempfile::tempdir().unwrap();
    let scenario = Arc::new(resolve("depression-cbt-oq45").unwrap());
    let code = ontrack::run::code::encode(&scenario.course_prefix(), 10).unwrap();
    let sessions = scenario.file.sessions;
    let mut state = AppState::new(vec![scenario], dir.path().to_path_buf(), Lang::En);
    state.start.pseudonym = "Iris".into();
    state.start.course_code = code;
    state.start_run();
    state.screen = Screen::Case;
    state.wait_for_background();
    let mut h = common::screens::harness(state, [1024.0, 640.0]);
    h.run();
    let mut dropouts = 0;
    loop {
        let action = match due(&h) {
            Due::Forecast { .. } => Action::Forecast { percent: 20 },
            Due::NextSession => Action::NextSession,
            Due::Classify { event } => Action::ClassifyEvent {
                event,
                class: LindenClass::SideEffect,
            },
            Due::Reveal => Action::Reveal,
            Due::NextCase => Action::NextCase,
            Due::Finished => break,
        };
        h.state_mut().act(action.clone());
        h.state_mut().tick(60.0);
        let _ = h.run_ok();
        if action != Action::Reveal {
            continue;
        }
        let Phase::Revealed { case } = current_run(&h).phase() else {
            panic!("not revealed");
        };
        let scores = current_run(&h).revealed(case).unwrap().scores.len();
        let said = h
            .query_all_by_label_contains("The client stopped coming after session")
            .find(|n| h.ctx.content_rect().contains_rect(n.rect()))
            .is_some();
        let stopped = scores <= sessions as usize;
        assert_eq!(
            said, stopped,
            "case {case}: {scores} scores of {sessions} sessions"
        );
        dropouts += usize::from(stopped);
    }
    assert!(dropouts > 0, "seed 10 has clients who stopped coming");
}

#[test]
fn a_new_case_starts_scrolled_to_its_top() {
    let dir = tempfile::tempdir().unwrap();
    // 1280×800 at text size 2: the case screen scrolls.
    let mut h = on_case_screen(dir.path(), [1280.0, 800.0], Lang::En, 2.0);
    let client = |h: &Harness<'static, AppState>| {
        h.get_all_by_label_contains("Client:")
            .next()
            .map(|n| n.rect())
            .unwrap()
    };
    while due(&h) != Due::NextCase {
        let action = match due(&h) {
            Due::Forecast { .. } => Action::Forecast { percent: 20 },
            Due::NextSession => Action::NextSession,
            Due::Classify { event } => Action::ClassifyEvent {
                event,
                class: LindenClass::SideEffect,
            },
            Due::Reveal => Action::Reveal,
            other => panic!("unexpected {other:?}"),
        };
        h.state_mut().act(action);
        h.state_mut().tick(60.0);
        let _ = h.run_ok();
    }
    // Read down the revealed case with the mouse wheel.
    let top = client(&h).min.y;
    let over = egui::pos2(100.0, 300.0);
    h.hover_at(over);
    for _ in 0..10 {
        h.event(egui::Event::MouseWheel {
            unit: egui::MouseWheelUnit::Point,
            delta: egui::vec2(0.0, -200.0),
            modifiers: egui::Modifiers::NONE,
            phase: egui::TouchPhase::Move,
        });
        let _ = h.run_ok();
    }
    assert!(client(&h).min.y < top - 50.0, "the case scrolled down");
    h.state_mut().act(Action::NextCase);
    let _ = h.run_ok();
    let screen = h.ctx.content_rect();
    assert!(
        screen.contains_rect(client(&h)),
        "the next case's client line is in view: {:?}",
        client(&h)
    );
}

#[test]
fn an_unreachable_station_is_told_in_dutch_without_the_systems_message() {
    let dir = tempfile::tempdir().unwrap();
    let scenario = Arc::new(resolve("tests/scenarios/minimal.ron").unwrap());
    let code = ontrack::run::code::encode(&scenario.course_prefix(), 3).unwrap();
    let mut state = AppState::new(vec![scenario], dir.path().to_path_buf(), Lang::Nl);
    state.start.pseudonym = "Noor".into();
    state.start.course_code = code;
    // Nothing listens on the discard port of this machine: the connection is refused.
    state.live.address = "127.0.0.1:9".into();
    state.live.pin = "123456".into();
    state.start_run();
    state.act(Action::Forecast { percent: 25 });
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    while state.live.state().and_then(|s| s.problem).is_none() {
        assert!(
            std::time::Instant::now() < deadline,
            "the link never found the station unreachable"
        );
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    state.screen = Screen::Case;
    let mut h = common::screens::harness(state, [1280.0, 800.0]);
    let _ = h.run_ok();
    assert!(
        h.get_all_by_label_contains("het station is nu niet bereikbaar")
            .next()
            .is_some(),
        "the trainee is told in Dutch"
    );
    let wrong = not_dutch(&h, "live status");
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    for system in ["os error", "io:", "Connection"] {
        assert!(
            h.query_all_by_label_contains(system).next().is_none(),
            "{system:?} is for the log, not the trainee"
        );
    }
}

#[test]
fn the_briefing_wraps_inside_the_window_at_text_size_two() {
    let dir = tempfile::tempdir().unwrap();
    for (size, scale) in [([1024.0, 640.0], 2.0), ([1280.0, 800.0], 2.0)] {
        let scenarios = vec![Arc::new(resolve("first-lesson").unwrap())];
        let mut state = AppState::new(scenarios, dir.path().to_path_buf(), Lang::Nl);
        state.settings.text_scale = scale;
        state.start.pseudonym = "Eva".into();
        state.start_run();
        assert_eq!(state.screen, Screen::Briefing);
        let mut h = common::screens::harness(state, size);
        h.run();
        let screen = h.ctx.content_rect();
        for (label, _, rect) in rects(&h) {
            assert!(
                rect.max.x <= screen.max.x + 0.5,
                "{size:?} at text size {scale}: {label:?} at {rect:?} runs off {screen:?}"
            );
        }
    }
}

/// Handles drawn on the slider at `rect`: visible shapes (a circle, or a rectangle taller than the
/// rail) inside it.
fn handles_in(h: &Harness<'static, AppState>, rect: egui::Rect) -> usize {
    fn count(shape: &egui::Shape, rect: egui::Rect) -> usize {
        let seen = |fill: egui::Color32, stroke: egui::Stroke| {
            fill.a() > 0 || (stroke.color.a() > 0 && stroke.width > 0.0)
        };
        match shape {
            egui::Shape::Circle(c) => {
                usize::from(rect.expand(2.0).contains(c.center) && seen(c.fill, c.stroke))
            }
            egui::Shape::Rect(r) => usize::from(
                rect.expand(2.0).contains_rect(r.rect)
                    && r.rect.height() > 0.5 * rect.height()
                    && seen(r.fill, r.stroke),
            ),
            egui::Shape::Vec(shapes) => shapes.iter().map(|s| count(s, rect)).sum(),
            _ => 0,
        }
    }
    h.output()
        .shapes
        .iter()
        .map(|s| count(&s.shape, rect))
        .sum()
}

#[test]
fn an_unset_forecast_shows_no_handle_on_its_slider_and_says_not_chosen() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = on_case_screen(dir.path(), [1280.0, 800.0], Lang::Nl, 1.0);
    assert_eq!(h.state().run.forecast.value, None);
    let slider = h.get_by_role(Role::Slider).rect();
    assert_eq!(handles_in(&h, slider), 0, "no handle while unset");
    assert!(h.query_by_label("nog niet gekozen").is_some());
    h.key_press(egui::Key::ArrowRight);
    h.run();
    assert_eq!(h.state().run.forecast.value, Some(11));
    let slider = h.get_by_role(Role::Slider).rect();
    assert_eq!(
        handles_in(&h, slider),
        1,
        "the handle once a number is chosen"
    );
    assert!(h.query_by_label("nog niet gekozen").is_none());
}

/// Trainees answer in the station's class through its own door, each a different way into the
/// course (forecasts spread over the range), so the board has rows, marks and spreads to show;
/// each stops at a reveal the trainer holds.
fn join_trainees(
    trainer: &AppState,
    own: &Path,
    scenario: &Arc<ontrack::scenario::Scenario>,
    code: &str,
) {
    use ontrack::live::protocol::{Answer, Join};
    use ontrack::live::server::lock;
    let server = trainer.trainer.live.server.as_ref().unwrap();
    let pin = lock(server.class()).pin().to_string();
    for t in 0..4 {
        let name = format!("deelnemer-{t}");
        let mut session =
            ontrack::run::Session::start(own, Arc::clone(scenario), 10, &name, code).unwrap();
        let reply = lock(server.class())
            .join(&Join::of(session.file(), &pin))
            .unwrap();
        for step in 0..(20 + 15 * t) {
            let action = match session.run().due() {
                Due::Forecast { .. } => Action::Forecast {
                    percent: 1 + ((7 + 13 * (t + step)) % 99) as u8,
                },
                Due::NextSession => Action::NextSession,
                Due::Classify { event } => Action::ClassifyEvent {
                    event,
                    class: LindenClass::SideEffect,
                },
                Due::Reveal => Action::Reveal,
                Due::NextCase => Action::NextCase,
                Due::Finished => break,
            };
            session.apply(action).unwrap();
            let index = session.file().log.len() - 1;
            let answer = Answer {
                pin: pin.clone(),
                run: reply.run.clone(),
                index,
                entry: session.file().log[index].clone(),
            };
            // A reveal the trainer holds is refused: this trainee waits there.
            if lock(server.class())
                .answer(&answer, jiff::Timestamp::now())
                .is_err()
            {
                break;
            }
        }
    }
}

/// A Dutch trainee's app in the class at `address` with `pin`, on the case screen after its first
/// forecast was sent.
fn dutch_trainee(
    dir: &Path,
    scenario: &Arc<ontrack::scenario::Scenario>,
    code: &str,
    (address, pin): (&str, &str),
) -> Harness<'static, AppState> {
    let mut state = AppState::new(vec![Arc::clone(scenario)], dir.to_path_buf(), Lang::Nl);
    state.start.pseudonym = "Noor".into();
    state.start.course_code = code.into();
    state.live.address = address.into();
    state.live.pin = pin.into();
    state.start_run();
    assert_eq!(state.screen, Screen::Briefing, "{:?}", state.message);
    state.screen = Screen::Case;
    state.act(Action::Forecast { percent: 25 });
    common::screens::harness(state, [1280.0, 800.0])
}

/// The message the start screen shows after `provoke`, and what in it and on the screen is not
/// Dutch.
fn start_message_in_dutch(
    h: &mut Harness<'static, AppState>,
    what: &str,
    provoke: impl FnOnce(&mut AppState),
) -> Vec<String> {
    h.state_mut().message = None;
    provoke(h.state_mut());
    let _ = h.run_ok();
    let message = h.state().message.clone();
    assert!(message.is_some(), "{what}: a message says why");
    let mut wrong = not_dutch_texts(&[message.unwrap()], what);
    wrong.extend(not_dutch(h, what));
    wrong
}

#[test]
fn a_run_that_cannot_start_or_resume_and_a_wrong_course_code_say_why_in_dutch() {
    let dir = tempfile::tempdir().unwrap();
    let scenario = Arc::new(resolve("tests/scenarios/minimal.ron").unwrap());
    let good = ontrack::run::code::encode(&scenario.course_prefix(), 10).unwrap();
    let mut state = AppState::new(vec![Arc::clone(&scenario)], dir.path().into(), Lang::Nl);
    state.start.pseudonym = "Iris".into();
    let mut h = common::screens::harness(state, [1280.0, 800.0]);
    h.run();
    let mut wrong = Vec::new();
    // Course codes: the wrong shape, a typing error, a scenario nobody has.
    let mut typo = good.clone().into_bytes();
    typo[5] = if typo[5] == b'1' { b'2' } else { b'1' };
    let typo = String::from_utf8(typo).unwrap();
    let nobody = ontrack::run::code::encode("ZZZZ", 5).unwrap();
    for code in ["ABC", typo.as_str(), nobody.as_str()] {
        wrong.extend(start_message_in_dutch(&mut h, code, |s| {
            s.start.course_code = code.to_string();
            s.start_run();
        }));
        assert_eq!(h.state().screen, Screen::Start, "{code}: no run starts");
    }
    // A results folder that is a file: the run cannot be saved.
    let blocked = dir.path().join("blocked");
    std::fs::write(&blocked, "a file where the folder should be").unwrap();
    wrong.extend(start_message_in_dutch(&mut h, "unsavable", |s| {
        s.start.course_code = good.clone();
        s.results_dir = blocked.join("results");
        s.start_run();
    }));
    h.state_mut().results_dir = dir.path().into();
    // Resuming a run another OnTrack is writing, a damaged run file, and a finished run.
    let run_path = {
        let s = h.state_mut();
        s.start.course_code = good.clone();
        s.start_run();
        assert_eq!(s.screen, Screen::Briefing, "{:?}", s.message);
        let path = s.run.session.as_ref().unwrap().path().to_path_buf();
        s.act(Action::NextSession);
        s.new_run();
        path
    };
    let held = ontrack::run::lock::lock(&run_path).unwrap();
    wrong.extend(start_message_in_dutch(&mut h, "held", |s| {
        s.resume(&run_path)
    }));
    drop(held);
    let damaged = dir.path().join("damaged.ron");
    std::fs::write(&damaged, "not a run").unwrap();
    wrong.extend(start_message_in_dutch(&mut h, "damaged", |s| {
        s.resume(&damaged)
    }));
    let finished = {
        let mut session = ontrack::run::Session::start(
            &dir.path().join("done"),
            Arc::clone(&scenario),
            3,
            "Iris",
            &good,
        )
        .unwrap();
        let mut guard = 0;
        while session.run().phase() != Phase::Finished {
            guard += 1;
            assert!(guard < 5000, "the run does not end");
            let action = match session.run().due() {
                Due::Forecast { .. } => Action::Forecast { percent: 30 },
                Due::Classify { event } => Action::ClassifyEvent {
                    event,
                    class: LindenClass::SideEffect,
                },
                Due::Reveal => Action::Reveal,
                Due::NextCase => Action::NextCase,
                _ => Action::NextSession,
            };
            session.apply(action).unwrap();
        }
        session.path().to_path_buf()
    };
    wrong.extend(start_message_in_dutch(&mut h, "finished", |s| {
        s.resume(&finished)
    }));
    // The trainer's live class and hand-out: a mistyped code, a seed too large or no number.
    {
        let s = h.state_mut();
        s.trainer.live.code = typo.clone();
        let scenarios = s.scenarios.clone();
        s.trainer
            .live
            .start(&dir.path().join("klas"), &scenarios, Lang::Nl);
        let error = s.trainer.live.error.clone().expect("the typo is explained");
        wrong.extend(not_dutch_texts(&[error], "live class code"));
        // A class whose folder a file blocks, and one on an address another program listens on.
        s.trainer.live.code = good.clone();
        let in_the_way = dir.path().join("klas-bestand");
        std::fs::write(&in_the_way, b"x").unwrap();
        s.trainer.live.start(&in_the_way, &scenarios, Lang::Nl);
        let error = s
            .trainer
            .live
            .error
            .clone()
            .expect("the folder is explained");
        wrong.extend(not_dutch_texts(&[error], "live class folder"));
        let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        s.trainer.live.bind = taken.local_addr().unwrap();
        s.trainer
            .live
            .start(&dir.path().join("klas2"), &scenarios, Lang::Nl);
        let error = s
            .trainer
            .live
            .error
            .clone()
            .expect("the address is explained");
        assert!(error.contains("luisteren"), "{error}");
        wrong.extend(not_dutch_texts(&[error], "live class address"));
        // A class reopened on a folder with a damaged receipt and a receipt of another course's
        // run: what could not be taken up again is listed, in Dutch.
        s.trainer.live.end();
        s.trainer.live.bind = "127.0.0.1:0".parse().unwrap();
        let again = dir.path().join("klas3");
        std::fs::create_dir_all(&again).unwrap();
        std::fs::write(again.join("anna_x.live.ron"), "geen oefening").unwrap();
        std::fs::write(again.join("anna_x.live.json"), "{").unwrap();
        std::fs::write(again.join("bert_x.live.ron"), "geen oefening").unwrap();
        let receipt = format!(
            "{{\"class\": \"{good}\", \"run\": \"x\", \"arrivals\": [], \"last_seal\": null}}"
        );
        std::fs::write(again.join("bert_x.live.json"), receipt).unwrap();
        s.trainer.live.start(&again, &scenarios, Lang::Nl);
        let listed = s
            .trainer
            .live
            .error
            .clone()
            .expect("the files not taken up are listed");
        assert!(
            listed.contains("anna_x") && listed.contains("bert_x"),
            "{listed}"
        );
        wrong.extend(not_dutch_texts(&[listed], "class reopened"));
        s.trainer.live.end();
        s.screen = Screen::Trainer;
        s.trainer.tab = Tab::HandOut;
    }
    for seed in ["40000", "zeven"] {
        h.state_mut().trainer.handout_seed = seed.into();
        let _ = h.run_ok();
        let texts = screen_texts(&h);
        assert!(
            texts.iter().any(|t| t.starts_with('⚠')),
            "seed {seed}: the hand-out says why there is no code: {texts:?}"
        );
        wrong.extend(not_dutch_texts(&texts, &format!("hand-out seed {seed}")));
    }
    assert_none_english(wrong);
}

#[test]
fn the_dutch_live_class_shows_no_english_on_the_board_the_status_line_or_on_hover() {
    let station = tempfile::tempdir().unwrap();
    let own = tempfile::tempdir().unwrap();
    let scenario = Arc::new(resolve("depression-cbt-oq45").unwrap());
    let code = ontrack::run::code::encode(&scenario.course_prefix(), 10).unwrap();
    let mut state = AppState::new(
        vec![Arc::clone(&scenario)],
        station.path().to_path_buf(),
        Lang::Nl,
    );
    state.screen = Screen::Trainer;
    state.trainer.tab = Tab::Live;
    state.trainer.live.bind = "127.0.0.1:0".parse().unwrap();
    state.trainer.live.code = code.clone();
    // A network without multicast: the class is not announced, and the board says why on hover.
    state.trainer.live.discovery = Arc::new(common::screens::FakeNetwork::broken());
    let scenarios = state.scenarios.clone();
    let lang = state.settings.lang;
    state
        .trainer
        .live
        .start(&station.path().join("klas"), &scenarios, lang);
    assert!(state.trainer.live.is_running(), "the class runs");
    // The first reveal held, so the board says so and a trainee's status line too.
    state.trainer.live.hold(true);
    join_trainees(&state, &own.path().join("anderen"), &scenario, &code);
    let (pin, _) = state.trainer.live.view().unwrap();
    let address = state.trainer.live.address.clone();
    let mut board = common::screens::harness(state, [1280.0, 800.0]);
    let _ = board.run_ok();
    let mut wrong = not_dutch(&board, "live board");
    let (hover, shown) = hover_not_dutch(&mut board, "live board");
    wrong.extend(hover);
    assert!(shown > 0, "the board's hover texts are read");

    // A trainee in the class: the status line while answers arrive and the reveal is held.
    let mut trainee = dutch_trainee(own.path(), &scenario, &code, (&address, &pin));
    let limit = std::time::Duration::from_secs(60);
    let link = trainee
        .state()
        .live
        .link
        .as_ref()
        .unwrap()
        .wait_delivered(limit);
    assert!(link.all_delivered(), "{link:?}");
    let mut polls = 0;
    while !trainee.state().reveal_held() {
        polls += 1;
        assert!(polls < 600, "the hold does not arrive");
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    let _ = trainee.run_ok();
    assert!(
        trainee
            .query_all_by_label_contains("antwoorden bij het station")
            .next()
            .is_some(),
        "the status line is shown"
    );
    wrong.extend(not_dutch(&trainee, "trainee's status line"));
    wrong.extend(hover_not_dutch(&mut trainee, "trainee's status line").0);

    // The join form on a network that cannot be searched: why, on hover.
    let state = AppState::new(
        vec![Arc::clone(&scenario)],
        own.path().join("form"),
        Lang::Nl,
    );
    let network = Arc::new(common::screens::FakeNetwork::broken());
    let mut form = common::screens::harness_on(state, [1280.0, 800.0], network);
    let _ = form.run_ok();
    click(&mut form, "Meedoen met een live les");
    assert!(
        form.query_all_by_label_contains("kan niet naar lessen gezocht worden")
            .next()
            .is_some(),
        "the form says the network cannot be searched"
    );
    wrong.extend(not_dutch(&form, "join form"));
    wrong.extend(hover_not_dutch(&mut form, "join form").0);

    // A trainee with a wrong PIN: refused, in Dutch, on the line and on hover.
    let wrong_pin = if pin == "000000" { "111111" } else { "000000" };
    let mut refused = dutch_trainee(own.path(), &scenario, &code, (&address, wrong_pin));
    let mut polls = 0;
    while refused
        .state()
        .live
        .state()
        .and_then(|s| s.refused)
        .is_none()
    {
        polls += 1;
        assert!(polls < 600, "the refusal does not arrive");
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    let _ = refused.run_ok();
    wrong.extend(not_dutch(&refused, "refused status line"));
    let (hover, shown) = hover_not_dutch(&mut refused, "refused status line");
    wrong.extend(hover);
    assert!(shown > 0, "the refusal's hover text is read");
    assert_none_english(wrong);
}

#[test]
fn every_node_of_the_course_chart_has_a_dutch_name_for_a_screen_reader() {
    use egui_kittest::kittest::NodeT;
    let dir = tempfile::tempdir().unwrap();
    let h = on_case_screen(dir.path(), [1280.0, 800.0], Lang::Nl, 1.0);
    let frame = *egui_plot::PlotMemory::load(&h.ctx, egui::Id::new("trajectory"))
        .expect("the course chart is drawn")
        .transform()
        .frame();
    // The chart with its axes: the plot area and the room left of and under it. egui_plot gives
    // each axis a node of its own, of no particular role.
    let chart = frame.expand(80.0);
    let mut names = Vec::new();
    for node in h.root().children_recursive() {
        let a = node.accesskit_node();
        if a.bounding_box().is_none() || !chart.contains_rect(node.rect()) {
            continue;
        }
        let name = a.label().unwrap_or_default();
        if a.role() == Role::Unknown {
            assert!(
                !name.trim().is_empty(),
                "a node of no role at {:?} has no name",
                node.rect()
            );
        }
        names.push(name);
    }
    for axis in ["sessie", "Scale"] {
        assert!(
            names.iter().any(|n| n == axis),
            "the axis {axis:?} is named: {names:?}"
        );
    }
}
