//! The debrief's judgement section driven without a window (egui_kittest): the judgement cost in
//! words in English and Dutch, and the forecasts against the best possible ones, where a click on a
//! far-off forecast, or its button, opens that case.

#![cfg(feature = "gui")]
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may fail loudly

mod common;

use std::sync::Arc;

use bevy_egui::egui;
use bevy_egui::egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use ontrack::app::screens::{against_best_ui, judgement_ui};
use ontrack::app::settings::Tr;
use ontrack::debrief::{Scores, score_run};
use ontrack::forecast::Benchmarks;
use ontrack::i18n::texts;
use ontrack::run::Run;
use ontrack::run::bots::{Bot, BotPlayer};
use ontrack::scenario::{Lang, resolve};

/// The scores of a run of a trainee who forecasts at random: far from the best forecast often.
fn random_scores() -> Scores {
    let scenario = Arc::new(resolve("depression-cbt-oq45").unwrap());
    let bench = Benchmarks::new(&scenario);
    let mut run = Run::new(Arc::clone(&scenario), 4);
    let mut player = BotPlayer::new(Bot::Random, &bench, 9);
    while let Some(action) = player.next_action(&run) {
        run.apply(&action).unwrap();
    }
    score_run(&run, &bench)
}

struct State {
    scores: Scores,
    lang: Lang,
    opened: Option<usize>,
    far: Vec<(egui::Pos2, usize)>,
}

fn harness(size: [f32; 2]) -> Harness<'static, State> {
    Harness::builder().with_size(size).build_ui_state(
        |ui, s: &mut State| {
            let tr = Tr {
                texts: texts(),
                lang: s.lang,
            };
            egui::ScrollArea::vertical().show(ui, |ui| {
                judgement_ui(ui, &tr, &s.scores);
                let shown = against_best_ui(ui, &tr, &s.scores);
                s.far = shown.far;
                if let Some(case) = shown.clicked {
                    s.opened = Some(case);
                }
            });
        },
        State {
            scores: random_scores(),
            lang: Lang::En,
            opened: None,
            far: Vec::new(),
        },
    )
}

#[test]
fn a_far_off_forecast_opens_its_case_from_the_plot_and_from_its_button() {
    let mut h = harness([900.0, 1400.0]);
    h.run();
    for text in [
        "Judgement cost: on average your forecasts were",
        "The Brier score includes luck; the judgement cost does not.",
        "Your forecasts against the best possible ones",
        "20 points or more from the best (click to open the case)",
    ] {
        assert!(
            h.query_all_by_label_contains(text).next().is_some(),
            "shows {text:?}"
        );
    }
    // A random trainee is far from the best somewhere; click its mark on the plot.
    let (at, case) = *h.state().far.first().expect("a far-off forecast");
    assert_eq!(h.state().opened, None);
    h.input_mut().events.push(egui::Event::PointerMoved(at));
    h.run();
    for pressed in [true, false] {
        h.input_mut().events.push(egui::Event::PointerButton {
            pos: at,
            button: egui::PointerButton::Primary,
            pressed,
            modifiers: egui::Modifiers::NONE,
        });
        h.run();
    }
    let opened = h.state().opened.expect("the click opens a case");
    // The nearest far-off mark: the one clicked, or one drawn on the same spot.
    let same_spot: Vec<usize> = h
        .state()
        .far
        .iter()
        .filter(|(p, _)| p.distance(at) < 1.0)
        .map(|(_, c)| *c)
        .collect();
    assert!(same_spot.contains(&opened) && same_spot.contains(&case));
    // Its button does the same, for the keyboard and a screen reader.
    h.state_mut().opened = None;
    h.get_by_label(&format!("Case {}", case + 1)).click();
    h.run();
    assert_eq!(h.state().opened, Some(case));
    // A click on empty plot opens nothing.
    h.state_mut().opened = None;
    let empty = egui::pos2(at.x + 400.0, at.y + 400.0);
    for pressed in [true, false] {
        h.input_mut().events.push(egui::Event::PointerButton {
            pos: empty,
            button: egui::PointerButton::Primary,
            pressed,
            modifiers: egui::Modifiers::NONE,
        });
        h.run();
    }
    assert_eq!(h.state().opened, None);
}

#[test]
fn the_judgement_section_speaks_dutch_with_decimal_commas() {
    let mut h = harness([900.0, 1400.0]);
    h.state_mut().lang = Lang::Nl;
    h.run();
    for text in [
        "Oordeelskosten: je voorspellingen lagen gemiddeld",
        "De Brier-score bevat geluk",
        "Je voorspellingen tegen de best mogelijke",
        "gelijk aan de beste",
    ] {
        assert!(
            h.query_all_by_label_contains(text).next().is_some(),
            "shows {text:?}"
        );
    }
    // The Brier score split with decimal commas, never points.
    assert!(
        h.query_all_by_label_contains("Je Brier-score 0,")
            .next()
            .is_some()
    );
    assert!(
        h.query_all_by_label_contains("Je Brier-score 0.")
            .next()
            .is_none()
    );
}

/// In a small window the forecasts against the best possible ones lie below the fold: the debrief's
/// contents row brings them into view in one step (the way a screenshot of them is taken, too).
#[test]
fn the_contents_row_brings_the_forecasts_against_the_best_into_a_small_window() {
    let dir = tempfile::tempdir().unwrap();
    let s = Arc::new(resolve("depression-cbt-oq45").unwrap());
    let state = common::screens::debriefed(dir.path(), &s, "Ria", (Bot::Random, 4));
    let (width, height) = (1024.0, 640.0);
    let mut h = common::screens::harness(state, [width, height]);
    let _ = h.run_ok();
    let heading = "Your forecasts against the best possible ones";
    let before = h.get_by_label(heading).rect();
    assert!(before.min.y > height, "below the fold at first: {before:?}");
    h.get_by_role_and_label(Role::Button, "Your judgement")
        .click();
    let _ = h.run_ok();
    for text in [
        heading,
        "20 points or more from the best (click to open the case)",
    ] {
        let rect = h.get_by_label(text).rect();
        assert!(
            rect.min.y >= 0.0 && rect.max.y <= height && rect.max.x <= width,
            "{text:?} in view: {rect:?}"
        );
    }
    // The jump ends once the part is at the top: the trainee scrolls on from there.
    assert_eq!(h.state().run.jump, None);
}
