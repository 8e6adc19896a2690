//! The case screen at a case whose client stopped coming before a checkpoint, driven without a
//! window (egui_kittest): once the session the client did not come to is reached, the screen says
//! in words (for the eye and the screen reader) that they stopped coming after their last session,
//! no forecast is asked, a drift flag on a session that took place is still saved, Enter moves on
//! as everywhere else, and the reveal shows the forecasts never asked as not asked.
//!
//! `tests/scenarios/early-ending.ron` at seed 3: the client of case 7 came to session 1 only, before
//! the checkpoints at sessions 2 and 4 (`ontrack case tests/scenarios/early-ending.ron --seed 3
//! --case 7`).

#![cfg(feature = "gui")]
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may fail loudly

mod common;

use std::sync::Arc;

use bevy_egui::egui;
use common::screens::{click, current_run};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use ontrack::app::{AppState, Screen};
use ontrack::run::code::encode;
use ontrack::run::{Action, Due, Phase};
use ontrack::scenario::format::LindenClass;
use ontrack::scenario::{Lang, resolve};

/// The app on the case screen of a run of the test scenario with seed 3, in `lang`.
fn app(dir: &std::path::Path, lang: Lang) -> Harness<'static, AppState> {
    let scenario = Arc::new(resolve("tests/scenarios/early-ending.ron").unwrap());
    let code = encode(&scenario.course_prefix(), 3).unwrap();
    let mut state = AppState::new(vec![scenario], dir.to_path_buf(), lang);
    state.start.pseudonym = "Iris".into();
    state.start.course_code = code;
    state.start_run();
    state.screen = Screen::Case;
    state.wait_for_background();
    let mut h = common::screens::harness(state, [1280.0, 800.0]);
    h.run();
    h
}

fn shown(h: &Harness<'static, AppState>, text: &str) -> bool {
    h.query_all_by_label_contains(text).next().is_some()
}

fn press(h: &mut Harness<'static, AppState>, key: egui::Key) {
    h.key_press(key);
    let _ = h.run_ok();
}

#[test]
fn the_case_screen_says_the_client_stopped_asks_no_forecast_and_moves_on_by_enter() {
    for lang in [Lang::En, Lang::Nl] {
        let dir = tempfile::tempdir().unwrap();
        let mut h = app(dir.path(), lang);
        // Cases 1 to 6 answered, and case 7 read to its session 1.
        while current_run(&h).phase() != (Phase::Reading { case: 6, seen: 1 }) {
            let action = match current_run(&h).due() {
                Due::Forecast { .. } => Action::Forecast { percent: 20 },
                Due::NextSession => Action::NextSession,
                Due::Classify { event } => Action::ClassifyEvent {
                    event,
                    class: LindenClass::Unrelated,
                },
                Due::Reveal => Action::Reveal,
                Due::NextCase => Action::NextCase,
                Due::Finished => panic!("case 7 never came"),
            };
            h.state_mut().act(action);
        }
        h.state_mut().tick(60.0);
        h.run();
        let (stopped, panel, commit, flag, saved_flag, not_asked) = match lang {
            Lang::En => (
                "The client did not come to session 2: they stopped coming after session 1.",
                "The client stopped coming after session 1 of 6.",
                "Commit forecast (Enter)",
                "⚑ Flag drift 1",
                "Saved: drift flagged at session 1",
                "not asked: the client had stopped",
            ),
            Lang::Nl => (
                "De cliënt kwam niet naar sessie 2: na sessie 1 is de cliënt gestopt.",
                "De cliënt kwam na sessie 1 van 6 niet meer.",
                "Voorspelling vastleggen (Enter)",
                "⚑ Markeer drift 1",
                "Opgeslagen: drift gemarkeerd bij sessie 1",
                "niet gevraagd: de cliënt was gestopt",
            ),
        };
        assert!(
            !shown(&h, stopped),
            "{lang:?}: not before session 2 was due"
        );
        // Enter moves on to session 2, which the client did not come to.
        press(&mut h, egui::Key::Enter);
        assert_eq!(
            current_run(&h).phase(),
            Phase::Reading { case: 6, seen: 2 },
            "{lang:?}: {:?}",
            h.state().message
        );
        assert!(shown(&h, stopped), "{lang:?}: {stopped:?} not shown");
        assert!(shown(&h, panel), "{lang:?}: {panel:?} not shown");
        // Checkpoint 2 was never reached: no forecast is asked, and no control for one is shown.
        assert!(
            !matches!(current_run(&h).due(), Due::Forecast { .. }),
            "{lang:?}"
        );
        for control in [commit, "— %", "25 %", "50 %"] {
            assert!(!shown(&h, control), "{lang:?}: {control:?} is shown");
        }
        // Drift may still be flagged on the last session that took place.
        click(&mut h, flag);
        assert_eq!(
            current_run(&h).answers(6).unwrap().flags,
            vec![(1, None)],
            "{lang:?}"
        );
        assert!(shown(&h, saved_flag), "{lang:?}");
        // Events of the sessions that took place are classified by their keys; Enter reveals.
        while let Due::Classify { .. } = current_run(&h).due() {
            press(&mut h, egui::Key::Num2);
        }
        assert_eq!(current_run(&h).due(), Due::Reveal, "{lang:?}");
        press(&mut h, egui::Key::Enter);
        assert_eq!(
            current_run(&h).phase(),
            Phase::Revealed { case: 6 },
            "{lang:?}"
        );
        h.state_mut().tick(60.0);
        h.run();
        // The reveal lists the checkpoints never reached as not asked, and says the client stopped.
        assert_eq!(
            h.query_all_by_label_contains(not_asked).count(),
            2,
            "{lang:?}: checkpoints 2 and 4"
        );
        assert!(shown(&h, panel), "{lang:?}");
        assert_eq!(
            current_run(&h).answers(6).unwrap().forecasts,
            vec![(0, 20)],
            "{lang:?}"
        );
        press(&mut h, egui::Key::Enter);
        assert_eq!(
            current_run(&h).phase(),
            Phase::Reading { case: 7, seen: 0 },
            "{lang:?}"
        );
    }
}
