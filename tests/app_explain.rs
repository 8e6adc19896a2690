//! The app's new lessons driven without a window (egui_kittest): the reveal says why the best
//! possible forecast moved, and the debrief shows the cue weights and the blind spots, a click on
//! one opening its case.

#![cfg(feature = "gui")]
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may fail loudly

mod common;

use std::sync::Arc;

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use ontrack::app::screens::explain::debrief_lessons;
use ontrack::app::settings::Tr;
use ontrack::app::{AppState, Demo};
use ontrack::debrief::{Scores, score_run};
use ontrack::forecast::Benchmarks;
use ontrack::i18n::texts;
use ontrack::run::bots::{Bot, BotPlayer};
use ontrack::run::{Phase, Run};
use ontrack::scenario::{Lang, resolve};
use ontrack::teach::explain::percent;
use ontrack::teach::lessons;

#[test]
fn the_reveal_says_why_the_best_possible_forecast_moved() {
    let dir = tempfile::tempdir().unwrap();
    let scenarios = vec![Arc::new(resolve("tests/scenarios/minimal.ron").unwrap())];
    let state = AppState::new(scenarios, dir.path().to_path_buf(), Lang::En);
    let mut h = common::screens::harness(state, [1280.0, 1400.0]);
    h.state_mut().demo = Some(Demo::new(0.0));
    let mut guard = 0;
    loop {
        guard += 1;
        assert!(guard < 2000, "the demo never reveals a case");
        h.state_mut().tick(0.05);
        let _ = h.run_ok();
        let revealed = h
            .state()
            .run
            .session
            .as_ref()
            .is_some_and(|s| matches!(s.run().phase(), Phase::Revealed { .. }));
        if revealed {
            break;
        }
    }
    h.state_mut().demo = None;
    let _ = h.run_ok();
    assert!(
        h.query_all_by_label("Why the best possible forecast moved")
            .next()
            .is_some(),
        "the reveal has the explanation's heading"
    );
    // One sentence per checkpoint the trainee forecast at: intake, then session 2.
    assert!(
        h.query_all_by_label_contains("At intake the best possible forecast is")
            .next()
            .is_some()
    );
    assert!(
        h.query_all_by_label_contains("By session 2 the best possible forecast")
            .next()
            .is_some()
    );
}

/// A run of a trainee who forecasts at random: far from a sure best possible forecast somewhere.
fn random_run() -> (Run, Scores) {
    let scenario = Arc::new(resolve("depression-cbt-oq45").unwrap());
    let bench = Benchmarks::new(&scenario);
    let mut run = Run::new(Arc::clone(&scenario), 4);
    let mut player = BotPlayer::new(Bot::Random, &bench, 9);
    while let Some(action) = player.next_action(&run) {
        run.apply(&action).unwrap();
    }
    let scores = score_run(&run, &bench);
    (run, scores)
}

#[test]
fn the_debrief_shows_cue_weights_and_a_blind_spot_opens_its_case() {
    type State = (Run, Scores, Lang, Option<usize>);
    let mut h = Harness::builder()
        .with_size([1100.0, 900.0])
        .build_ui_state(
            |ui, (run, scores, lang, opened): &mut State| {
                let tr = Tr {
                    texts: texts(),
                    lang: *lang,
                };
                if let Some(case) = debrief_lessons(ui, &tr, run, scores, None) {
                    *opened = Some(case);
                }
            },
            {
                let (run, scores) = random_run();
                (run, scores, Lang::En, None)
            },
        );
    h.run();
    for text in [
        "Cue weights: how strongly your forecasts follow each cue",
        "the change since intake",
        "Blind spots: where the best possible forecast was sure",
    ] {
        assert!(
            h.query_all_by_label_contains(text).next().is_some(),
            "the debrief shows {text:?}"
        );
    }
    // Click the largest blind spot: the debrief is asked to open its case (its reveal; the whole
    // app's test is in app_practice.rs).
    let spot = {
        let (run, scores, ..) = h.state();
        let bench = Benchmarks::new(run.scenario());
        lessons(run, &bench, scores).blind_spots[0].clone()
    };
    let case = spot.case + 1;
    let label = format!(
        "Case {case}, after session {}: you {}, best possible {}",
        spot.checkpoint,
        percent(spot.trainee),
        percent(spot.ideal)
    );
    assert_eq!(h.state().3, None);
    h.get_by_label(&label).click();
    h.run();
    assert_eq!(h.state().3, Some(spot.case), "the case opens");
    // In Dutch the same view speaks Dutch.
    h.state_mut().2 = Lang::Nl;
    h.run();
    assert!(
        h.query_all_by_label_contains("Blinde vlekken")
            .next()
            .is_some()
    );
}
