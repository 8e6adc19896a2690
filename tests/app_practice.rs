//! Learning from saved runs in the app, driven without a window (egui_kittest): a blind spot in the
//! debrief opens its case's reveal; "Practice where you are weak" makes a drill from the trainee's
//! runs, tells the mix and starts it; the trainer's views keep drills apart from course runs; an
//! unfinished run is offered by what the trainee knows it by.

#![cfg(feature = "gui")]
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may fail loudly

mod common;

use std::path::Path;
use std::sync::Arc;

use common::screens::{click, current_run};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use ontrack::app::{AppState, Screen};
use ontrack::forecast::Benchmarks;
use ontrack::run::Session;
use ontrack::run::bots::{Bot, BotPlayer, play};
use ontrack::scenario::{Lang, Scenario, resolve};
use ontrack::teach::blind::CaseKind;
use ontrack::teach::drill::{drill, drill_kind_of_id};
use ontrack::teach::lessons;

const SCENARIO: &str = "depression-cbt-oq45";

fn scenario() -> Arc<Scenario> {
    Arc::new(resolve(SCENARIO).unwrap())
}

/// A finished run of `trainee` in `dir`, played by `bot`.
fn saved_run(dir: &Path, s: &Arc<Scenario>, trainee: &str, bot: Bot, seed: u64) -> Session {
    let bench = Benchmarks::new(s);
    let mut session = Session::start(dir, Arc::clone(s), seed, trainee, "").unwrap();
    play(&mut session, &bench, bot, seed, &mut |_| {}).unwrap();
    session
}

/// The app over `dir` with the one scenario, at `size` points.
fn app(dir: &Path, s: &Arc<Scenario>, size: [f32; 2]) -> Harness<'static, AppState> {
    let state = AppState::new(vec![Arc::clone(s)], dir.to_path_buf(), Lang::En);
    common::screens::harness(state, size)
}

/// The app with a run of `trainee` played to its debrief by `bot` (the cases of `seed`).
fn played_to_debrief(
    dir: &Path,
    s: &Arc<Scenario>,
    trainee: &str,
    bot: (Bot, u64),
) -> Harness<'static, AppState> {
    let state = common::screens::debriefed(dir, s, trainee, bot);
    // Tall enough for the whole debrief: a click lands only on what is in view.
    let mut h = common::screens::harness(state, [1280.0, 3000.0]);
    h.run();
    h
}

#[test]
fn a_blind_spot_in_the_debrief_opens_its_reveal_and_leads_back() {
    let dir = tempfile::tempdir().unwrap();
    let s = scenario();
    let mut h = played_to_debrief(dir.path(), &s, "Ria", (Bot::Random, 4));
    let spot = {
        let run = current_run(&h);
        let scores = h.state().run.scores.as_ref().unwrap();
        lessons(run, &Benchmarks::new(&s), scores).blind_spots[0].clone()
    };
    let label = format!("Case {}, after session {}:", spot.case + 1, spot.checkpoint);
    h.get_all_by_label_contains(&label)
        .next()
        .unwrap_or_else(|| panic!("the debrief lists the blind spot {label:?}"))
        .click();
    let _ = h.run_ok();
    assert_eq!(h.state().screen, Screen::Case, "the click opens the case");
    assert_eq!(h.state().run.review, Some(spot.case));
    // And it stays open while time passes (the window ticks every frame).
    for _ in 0..3 {
        h.state_mut().tick(0.1);
        let _ = h.run_ok();
    }
    assert_eq!(h.state().screen, Screen::Case, "the case stays open");
    for text in [
        format!("Case {} of 12", spot.case + 1),
        "Outcome:".to_string(),
        "One of your blind spots".to_string(),
        "Why the best possible forecast moved".to_string(),
    ] {
        assert!(
            h.get_all_by_label_contains(&text).next().is_some(),
            "the reveal shows {text:?}"
        );
    }
    // Nothing can be answered again on it; back to the debrief where it was.
    assert!(
        h.query_all_by_label_contains("Commit forecast")
            .next()
            .is_none()
    );
    click(&mut h, "⏴ Back to the debrief");
    assert_eq!(h.state().screen, Screen::Debrief);
    assert_eq!(h.state().run.review, None);
    assert!(h.get_all_by_label_contains(&label).next().is_some());
}

/// The start screen with `pseudonym` typed, after a click on "Make a drill from my runs" and the
/// drill's background work.
fn ask_for_a_drill(dir: &Path, s: &Arc<Scenario>, pseudonym: &str) -> Harness<'static, AppState> {
    let mut h = app(dir, s, [1280.0, 1100.0]);
    h.state_mut().start.pseudonym = pseudonym.into();
    h.run();
    click(&mut h, "Make a drill from my runs");
    h.state_mut().practice.wait();
    h.run();
    h
}

#[test]
fn practice_where_you_are_weak_makes_a_drill_tells_its_mix_and_starts_it() {
    let dir = tempfile::tempdir().unwrap();
    let s = scenario();
    // No saved runs yet: practice where one is weak is not offered.
    let mut h = app(dir.path(), &s, [1280.0, 1100.0]);
    h.state_mut().start.pseudonym = "Ria".into();
    h.run();
    assert!(
        h.query_all_by_label_contains("Practice where you are weak")
            .next()
            .is_none(),
        "offered to a trainee without runs"
    );
    drop(h);
    // Runs with blind spots: the drill has more of the kind they share, and says so.
    for seed in 1..=3 {
        saved_run(dir.path(), &s, "Ria", Bot::Random, seed);
    }
    let kind = ontrack::teach::drill::weakest_kind(dir.path(), "Ria", SCENARIO)
        .expect("random forecasts leave blind spots of some kind");
    let mut h = ask_for_a_drill(dir.path(), &s, "Ria");
    let name = ontrack::teach::text::kind_name(kind, Lang::En);
    let mix = format!("This drill has more {name} cases than practice does");
    assert!(
        h.get_all_by_label_contains(&mix).next().is_some(),
        "the mix is told: {mix:?}"
    );
    click(&mut h, "▶ Start the drill");
    assert_eq!(h.state().screen, Screen::Briefing);
    let id = current_run(&h).scenario().file.id.clone();
    assert_eq!(id, format!("{SCENARIO}-drill-{}", kind.slug()));
    assert_eq!(drill_kind_of_id(&id), Some(kind));
    assert!(
        h.get_all_by_label_contains(&mix).next().is_some(),
        "the briefing tells the mix too"
    );
    // Its file is a run of the drill's own scenario, apart from the course runs.
    let file = h.state().run.session.as_ref().unwrap().file().clone();
    assert_eq!(file.scenario.id, id);
    assert_eq!(file.trainee, "Ria");
}

#[test]
fn the_trainer_lists_a_drill_but_keeps_it_out_of_the_class_rows() {
    let dir = tempfile::tempdir().unwrap();
    let s = scenario();
    saved_run(dir.path(), &s, "Ria", Bot::Typical, 1);
    let d = Arc::new(drill(&s, CaseKind::LateDeteriorator).unwrap());
    saved_run(dir.path(), &d, "Ria", Bot::Typical, 2);
    let mut state = AppState::new(vec![Arc::clone(&s)], dir.path().to_path_buf(), Lang::En);
    state.screen = Screen::Trainer;
    state.trainer.folder = dir.path().display().to_string();
    state.trainer.load();
    state.trainer.wait();
    let mut h = common::screens::harness(state, [1400.0, 1000.0]);
    h.run();
    let (course_n, pooled_n) = {
        let t = &h.state().trainer;
        let cohort = t.cohort.as_ref().unwrap();
        assert_eq!(cohort.runs.len(), 2, "both runs are listed");
        let course = cohort
            .runs
            .iter()
            .find(|r| r.scenario_id == SCENARIO)
            .unwrap();
        let class = &t.summary.as_ref().unwrap().pinned[0].1;
        (course.scores.forecasts.n, class.n)
    };
    assert_eq!(
        pooled_n, course_n,
        "the class row pools the course run alone"
    );
    assert!(
        h.get_all_by_label_contains("drill: late deteriorator")
            .next()
            .is_some(),
        "the drill's row says it is one"
    );
    assert!(
        h.get_all_by_label_contains("the drill run")
            .next()
            .is_some(),
        "the table says the drill is not pooled"
    );
    // The progress per course day is the course run's alone.
    let days = h.state_mut().trainer.progress_points().to_vec();
    assert_eq!(days.iter().map(|d| d.runs).sum::<usize>(), 1);
}

#[test]
fn an_unfinished_run_is_offered_by_its_title_and_how_far_it_got() {
    let dir = tempfile::tempdir().unwrap();
    let s = scenario();
    let bench = Benchmarks::new(&s);
    let mut session = Session::start(dir.path(), Arc::clone(&s), 5, "Sam", "").unwrap();
    let mut player = BotPlayer::new(Bot::Typical, &bench, 1);
    // Through the first case and into the second.
    while session.run().visible().is_none_or(|(case, _)| case < 1) {
        let action = player.next_action(session.run()).unwrap();
        session.apply(action).unwrap();
    }
    let file_name = session
        .path()
        .file_stem()
        .unwrap()
        .to_string_lossy()
        .into_owned();
    drop(session);
    let mut h = app(dir.path(), &s, [1280.0, 1000.0]);
    h.run();
    assert!(
        h.get_all_by_label(s.file.title.en.as_str())
            .next()
            .is_some(),
        "the card names the scenario"
    );
    assert!(
        h.get_all_by_label_contains("Sam · at case 2 of 12 · started today at")
            .next()
            .is_some(),
        "whose run, how far, and when"
    );
    assert!(
        h.query_all_by_label_contains(&file_name).next().is_none(),
        "not the file name"
    );
    click(&mut h, "▶ Continue");
    assert_eq!(h.state().screen, Screen::Case);
}

#[test]
fn a_scenario_file_of_ones_own_gets_a_card_that_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let own = Arc::new(resolve("tests/scenarios/minimal.ron").unwrap());
    let state = AppState::new(vec![scenario(), own], dir.path().to_path_buf(), Lang::En);
    let mut h = common::screens::harness(state, [1280.0, 1000.0]);
    h.run();
    assert!(h.get_all_by_label("your own scenario").next().is_some());
    assert!(
        h.get_all_by_label("A small scenario.").next().is_some(),
        "its briefing's first sentence says what it is"
    );
    assert!(
        h.get_all_by_label("course").next().is_some(),
        "a bundled one"
    );
}

#[test]
fn the_debriefs_cue_weights_over_all_runs_pool_the_course_runs_and_leave_drills_apart() {
    let dir = tempfile::tempdir().unwrap();
    let s = scenario();
    saved_run(dir.path(), &s, "Ria", Bot::Typical, 1);
    let d = Arc::new(drill(&s, CaseKind::LateDeteriorator).unwrap());
    saved_run(dir.path(), &d, "Ria", Bot::Typical, 2);
    saved_run(dir.path(), &s, "Kim", Bot::Typical, 4);
    // Ria's second course run, played to its debrief: her two course runs are pooled; her drill
    // (a mix of its own) and Kim's run are not.
    let h = played_to_debrief(dir.path(), &s, "Ria", (Bot::Typical, 3));
    assert!(
        h.query_all_by_label("Over all 2 of your course runs in this folder (drills apart):")
            .next()
            .is_some(),
        "the pooled cue weights say what they pool"
    );
    assert!(
        h.query_all_by_label_contains("Over all 3").next().is_none(),
        "the drill is not pooled"
    );
}
