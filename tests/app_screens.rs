//! The trainee app's screens driven as a person would, without a window (egui_kittest): type a
//! pseudonym, pick a scenario, read the briefing, step through sessions, move the slider and commit,
//! flag drift, classify events, reach the debrief — and check the state and the saved run on the way.

#![cfg(feature = "gui")]
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may fail loudly

mod common;

use std::path::Path;
use std::sync::Arc;

use bevy_egui::egui;
use common::screens::click;
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use ontrack::app::{AppState, Screen};
use ontrack::run::{Due, Phase, load_run};
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
    h.state().run.session.as_ref().unwrap().run().due()
}

#[test]
fn a_trainee_walks_from_start_to_debrief() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(dir.path());
    h.run();
    // Starting without a pseudonym is refused with a message.
    click(&mut h, "Start");
    assert_eq!(h.state().screen, Screen::Start);
    assert_eq!(
        h.state().message.as_deref(),
        Some("Type a pseudonym first.")
    );
    // Type a pseudonym and start: a run file appears at once.
    type_pseudonym(&mut h, "Anna");
    assert_eq!(h.state().start.pseudonym, "Anna");
    click(&mut h, "Start");
    assert_eq!(h.state().screen, Screen::Briefing);
    let path = h.state().run.session.as_ref().unwrap().path().to_path_buf();
    assert!(path.exists());
    assert!(
        h.get_all_by_label_contains("Brier score").next().is_some(),
        "the briefing explains scoring"
    );
    click(&mut h, "Begin");
    assert_eq!(h.state().screen, Screen::Case);

    // The forecast after intake: move the slider with the arrow keys, then commit.
    assert_eq!(due(&h), Due::Forecast { checkpoint: 0 });
    let before = h.state().run.forecast;
    h.get_by_role(Role::Slider).focus();
    h.run();
    h.key_press(egui::Key::ArrowRight);
    h.run();
    h.key_press(egui::Key::ArrowRight);
    h.run();
    assert_eq!(h.state().run.forecast, before + 2, "arrows move the slider");
    click(&mut h, "Commit forecast (Enter)");
    let answers = h
        .state()
        .run
        .session
        .as_ref()
        .unwrap()
        .run()
        .answers(0)
        .unwrap()
        .clone();
    assert_eq!(answers.forecasts, vec![(0, before + 2)]);
    assert_eq!(
        load_run(&path).unwrap().log.len(),
        1,
        "saved after the answer"
    );

    // Read on, flag drift at session 1, and play the rest of the run through the screens.
    click(&mut h, "Next session (right arrow key)");
    click(&mut h, "⚑ Flag drift 1");
    let flags = h
        .state()
        .run
        .session
        .as_ref()
        .unwrap()
        .run()
        .answers(0)
        .unwrap()
        .flags
        .clone();
    assert_eq!(flags, vec![(1, None)]);
    let mut guard = 0;
    loop {
        guard += 1;
        assert!(guard < 500, "the run does not end");
        match due(&h) {
            Due::Forecast { .. } => click(&mut h, "Commit forecast (Enter)"),
            Due::NextSession => click(&mut h, "Next session (right arrow key)"),
            Due::Classify { .. } => click(&mut h, "side effect"),
            Due::Reveal => {
                let seen = h
                    .state()
                    .run
                    .session
                    .as_ref()
                    .unwrap()
                    .run()
                    .visible()
                    .unwrap()
                    .1
                    .seen();
                click(&mut h, "Reveal the outcome");
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
            Due::NextCase => click(&mut h, "Next case"),
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
    assert_eq!(
        h.state().run.session.as_ref().unwrap().run().phase(),
        Phase::Finished
    );
}

#[test]
fn a_half_finished_run_is_offered_for_resume() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(dir.path());
    type_pseudonym(&mut h, "Bram");
    click(&mut h, "Start");
    click(&mut h, "Begin");
    click(&mut h, "Commit forecast (Enter)");
    drop(h);
    // The app starts again: the unfinished run is offered, and resuming goes back to where it stopped.
    let mut h = harness(dir.path());
    h.run();
    assert_eq!(h.state().start.resumable.len(), 1);
    h.get_all_by_label_contains("Resume the unfinished run")
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
    assert!(h.get_all_by_label("Starten").next().is_some());
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
    click(&mut h, "A+");
    click(&mut h, "A+");
    assert!((h.state().settings.text_scale - 1.2).abs() < 1e-6);
    click(&mut h, "A−");
    assert!((h.state().settings.text_scale - 1.1).abs() < 1e-6);
    click(&mut h, "◑ high contrast");
    assert!(h.state().settings.high_contrast);
    assert_eq!(
        h.ctx.global_style().visuals.override_text_color,
        Some(egui::Color32::BLACK)
    );
    click(&mut h, "📷");
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
    click(&mut h, "Start");
    let run = h.state().run.session.as_ref().unwrap().run();
    assert_eq!(run.scenario().file.id, "minimal");
    // Back at the start, a trainer's course code picks scenario and seed, whatever is selected.
    h.state_mut().new_run();
    h.state_mut().start.course_code = code.to_lowercase();
    let _ = h.run_ok();
    click(&mut h, "Start");
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
    click(&mut h, "Start");
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
    click(&mut h, "Start");
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
