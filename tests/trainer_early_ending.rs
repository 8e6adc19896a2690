//! The trainer's views of a course in which clients stopped coming before a checkpoint, driven
//! without a window (egui_kittest): the opened run, the cases that fooled the class, the hand-out
//! and the live class's list say which clients stopped and that no forecast was asked after their
//! last session — never an open or zero forecast.
//!
//! `tests/scenarios/early-ending.ron` at seed 3: the clients of cases 7 and 9 came to session 1 only,
//! before the checkpoints at sessions 2 and 4.

#![cfg(feature = "gui")]
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may fail loudly

mod common;

use std::sync::Arc;

use bevy_egui::egui;
use common::screens::click;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use ontrack::app::settings::Tr;
use ontrack::app::trainer::{Tab, checkpoints_ui};
use ontrack::app::{AppState, Screen};
use ontrack::forecast::Benchmarks;
use ontrack::i18n::texts;
use ontrack::live::class::{Class, ClassView};
use ontrack::live::protocol::Join;
use ontrack::run::Session;
use ontrack::run::bots::{Bot, play};
use ontrack::scenario::{Lang, resolve};

const SCENARIO: &str = "tests/scenarios/early-ending.ron";

fn shown(h: &Harness<'static, AppState>, text: &str) -> bool {
    h.query_all_by_label_contains(text).next().is_some()
}

#[test]
fn the_opened_run_the_cases_and_the_hand_out_say_who_stopped() {
    let dir = tempfile::tempdir().unwrap();
    let scenario = Arc::new(resolve(SCENARIO).unwrap());
    let bench = Benchmarks::new(&scenario);
    for bot in [Bot::Ideal, Bot::Typical] {
        let mut s = Session::start(dir.path(), Arc::clone(&scenario), 3, bot.name(), "").unwrap();
        play(&mut s, &bench, bot, 3, &mut |_| {}).unwrap();
    }
    let state = AppState::new(vec![scenario], dir.path().to_path_buf(), Lang::En);
    let mut h = common::screens::harness(state, [1400.0, 1000.0]);
    h.run();
    click(&mut h, "Trainer view");
    assert_eq!(h.state().screen, Screen::Trainer);
    click(&mut h, "Load");
    h.state_mut().trainer.wait();
    let _ = h.run_ok();
    assert_eq!(h.state().trainer.cohort.as_ref().unwrap().runs.len(), 2);

    // The opened run: case 7 is marked, and says which forecasts were never asked.
    h.get_all_by_label("open").next().unwrap().click();
    let _ = h.run_ok();
    h.state_mut().trainer.wait();
    let _ = h.run_ok();
    click(&mut h, "Case 7⏹");
    assert_eq!(h.state().trainer.drill.as_ref().unwrap().case, 6);
    assert!(
        shown(
            &h,
            "The client stopped coming after session 1: no forecast was asked at the checkpoints after it (session 2, 4)"
        ),
        "the opened run says it"
    );
    click(&mut h, "Case 1");
    assert!(
        !shown(&h, "The client stopped coming"),
        "case 1 came to session 4"
    );
    click(&mut h, "Back to the table");

    // The cases that fooled the class: a case that ended early says where.
    click(&mut h, "Cases that fooled the class");
    assert_eq!(h.state().trainer.tab, Tab::Cases);
    assert_eq!(
        h.query_all_by_label_contains("· stopped after session 1")
            .count(),
        2,
        "cases 7 and 9"
    );

    // The hand-out: the course's clients who stop before the last checkpoint.
    click(&mut h, "Hand out a course");
    h.state_mut().trainer.handout_seed = "3".to_string();
    let _ = h.run_ok();
    assert!(shown(
        &h,
        "2 of these clients (cases 7, 9) stopped coming before the last checkpoint"
    ));
}

#[test]
fn the_live_list_says_a_checkpoint_was_never_reached_once_the_class_knows_the_case() {
    let station = tempfile::tempdir().unwrap();
    let own = tempfile::tempdir().unwrap();
    let scenario = Arc::new(resolve(SCENARIO).unwrap());
    let code = ontrack::run::code::encode(&scenario.course_prefix(), 3).unwrap();
    let mut class = Class::open(&code, Arc::clone(&scenario), 3, "123456", station.path()).unwrap();
    let mut session = Session::start(own.path(), Arc::clone(&scenario), 3, "Anna", &code).unwrap();
    class.join(&Join::of(session.file(), "123456")).unwrap();
    let bench = Benchmarks::new(&scenario);
    let mut sent = 0;
    play(&mut session, &bench, Bot::Ideal, 3, &mut |_| {}).unwrap();
    for (index, entry) in session.file().log.iter().enumerate() {
        let answer = ontrack::live::protocol::Answer {
            pin: "123456".into(),
            run: session.file().header_seal(),
            index,
            entry: entry.clone(),
        };
        class.answer(&answer, jiff::Timestamp::now()).unwrap();
        sent += 1;
    }
    assert_eq!(sent, session.file().log.len());
    let view = class.view();
    for (lang, line, never) in [
        (
            Lang::En,
            "Case 7, session 2: the client had stopped coming before it, so no forecast was asked",
            "Case 7, session 2: 0 forecasts",
        ),
        (
            Lang::Nl,
            "Cliënt 7, sessie 2: de cliënt was daarvoor al gestopt, dus er is geen voorspelling gevraagd",
            "Cliënt 7, sessie 2: 0 voorspellingen",
        ),
    ] {
        let mut h = Harness::builder()
            .with_size([1200.0, 2400.0])
            .build_ui_state(
                move |ui: &mut egui::Ui, view: &mut ClassView| {
                    let tr = Tr {
                        texts: texts(),
                        lang,
                    };
                    checkpoints_ui(ui, &tr, view);
                },
                view.clone(),
            );
        h.run();
        assert!(
            h.query_all_by_label_contains(line).next().is_some(),
            "{lang:?}: {line:?}"
        );
        assert!(
            h.query_all_by_label_contains(never).next().is_none(),
            "{lang:?}: not as an empty checkpoint"
        );
    }
}
