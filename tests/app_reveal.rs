//! The reveal of a case driven without a window (egui_kittest): what happened — a sudden gain and
//! the session after which a client stopped coming — is said with the right sessions in English and
//! Dutch, only for the cases it is true of, and in view without scrolling at the smallest and the
//! largest window the app is made for, at text size 1 and 2.

#![cfg(feature = "gui")]
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may fail loudly

mod common;

use std::path::Path;
use std::sync::Arc;

use bevy_egui::egui;
use common::screens::current_run;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use ontrack::app::{AppState, Screen};
use ontrack::run::code::encode;
use ontrack::run::{Action, Due, Phase};
use ontrack::scenario::format::LindenClass;
use ontrack::scenario::{Lang, resolve};

/// The bundled reference scenario and a seed whose twelve cases hold sudden gains (cases 1, 2, 3, 5
/// and 9 since the scenario's id keys the case streams; `ontrack case` shows them) and dropouts
/// (cases 2, 6 and 12): the test finds them in the run itself and fails if there are none, so a
/// change of the model cannot make it pass idly.
const SCENARIO: &str = "depression-cbt-oq45";
const SEED: u64 = 10;

/// The app on the case screen of a run of [`SCENARIO`] with [`SEED`], at `size` pixels and text
/// size `scale`, the early-warning rule normed (the legend and the table are as a trainee sees them).
fn app(dir: &Path, size: [f32; 2], scale: f32) -> Harness<'static, AppState> {
    let scenario = Arc::new(resolve(SCENARIO).unwrap());
    let code = encode(&scenario.course_prefix(), SEED).unwrap();
    let mut state = AppState::new(vec![scenario], dir.to_path_buf(), Lang::En);
    state.settings.text_scale = scale;
    state.start.pseudonym = "Iris".into();
    state.start.course_code = code;
    state.start_run();
    state.screen = Screen::Case;
    state.wait_for_background();
    let mut h = common::screens::harness(state, size);
    h.run();
    h
}

/// Answers up to the next reveal and lets its animation end; the case revealed, or `None` at the
/// end of the run.
fn next_reveal(h: &mut Harness<'static, AppState>) -> Option<usize> {
    loop {
        let action = match current_run(h).due() {
            Due::Forecast { .. } => Action::Forecast { percent: 20 },
            Due::NextSession => Action::NextSession,
            Due::Classify { event } => Action::ClassifyEvent {
                event,
                class: LindenClass::SideEffect,
            },
            Due::Reveal => Action::Reveal,
            Due::NextCase => Action::NextCase,
            Due::Finished => return None,
        };
        h.state_mut().act(action.clone());
        if action == Action::Reveal {
            h.state_mut().tick(60.0);
            h.run();
            let Phase::Revealed { case } = current_run(h).phase() else {
                panic!("not revealed after a reveal");
            };
            return Some(case);
        }
    }
}

/// The part of the window the forecast panel leaves to the case (at the side or at the bottom).
fn case_view(h: &Harness<'static, AppState>) -> egui::Rect {
    let screen = h.ctx.content_rect();
    let panel = [
        egui::Id::new("forecast-side"),
        egui::Id::new("forecast-bottom").with("button"),
    ]
    .into_iter()
    .filter_map(|id| egui::PanelState::load(&h.ctx, id))
    .map(|p| p.outer_rect)
    .find(|r| screen.contains_rect(r.shrink(1.0)))
    .expect("a forecast panel in the window");
    let mut view = screen;
    if panel.width() > 0.9 * screen.width() {
        view.max.y = panel.min.y;
    } else {
        view.max.x = panel.min.x;
    }
    view
}

/// The label that contains `text`, if shown, with where it is.
fn shown(h: &Harness<'static, AppState>, text: &str) -> Option<egui::Rect> {
    h.query_all_by_label_contains(text).next().map(|n| n.rect())
}

/// Asserts that `text` is shown, whole inside `view`.
fn in_view(h: &Harness<'static, AppState>, text: &str, view: egui::Rect, case: &str) {
    let rect = shown(h, text).unwrap_or_else(|| panic!("{case}: {text:?} is not shown"));
    assert!(
        view.expand(0.5).contains_rect(rect),
        "{case}: {text:?} at {rect:?} is not in view {view:?}"
    );
}

#[test]
fn the_reveal_says_where_a_client_made_a_sudden_gain_or_stopped_coming_in_view_in_both_languages() {
    let dir = tempfile::tempdir().unwrap();
    for (size, scale) in [
        ([1920.0, 1080.0], 1.0),
        ([1920.0, 1080.0], 2.0),
        ([1024.0, 640.0], 1.0),
        ([1024.0, 640.0], 2.0),
    ] {
        let mut h = app(dir.path(), size, scale);
        let sessions = current_run(&h).scenario().file.sessions;
        let (mut gains, mut dropouts) = (0, 0);
        while let Some(index) = next_reveal(&mut h) {
            let case = current_run(&h).revealed(index).unwrap().clone();
            let last = case.scores.len() - 1;
            let dropped_out = last < sessions as usize;
            let where_ = format!("case {} at {size:?}, text size {scale}", index + 1);
            for lang in [Lang::En, Lang::Nl] {
                h.state_mut().settings.lang = lang;
                h.run();
                let view = case_view(&h);
                let (gain_words, loss_words, dropout_words) = match lang {
                    Lang::En => (
                        "A sudden gain",
                        "A sudden step for the worse",
                        "The client stopped coming",
                    ),
                    Lang::Nl => (
                        "Een plotselinge verbetering",
                        "Een plotselinge stap de verkeerde kant op",
                        "De cliënt kwam na sessie",
                    ),
                };
                match case.hidden.sudden_gain {
                    Some(g) => {
                        let text = match lang {
                            Lang::En => {
                                format!("in one step, between sessions {} and {g} (", g - 1)
                            }
                            Lang::Nl => format!("in één stap, tussen sessie {} en {g} (", g - 1),
                        };
                        in_view(&h, &text, view, &where_);
                        // The step is a share of the true change (higher OQ-45 scores are worse):
                        // a gain where the client truly improved, else a step for the worse.
                        let words = if case.hidden.true_change < 0.0 {
                            gain_words
                        } else {
                            loss_words
                        };
                        in_view(&h, words, view, &where_);
                    }
                    None => {
                        for words in [gain_words, loss_words] {
                            assert!(
                                shown(&h, words).is_none(),
                                "{where_}: no sudden gain, yet it says {words:?}"
                            );
                        }
                    }
                }
                if dropped_out {
                    let text = match lang {
                        Lang::En => format!(
                            "The client stopped coming after session {last} of {sessions}: the \
                             outcome is judged on that last score"
                        ),
                        Lang::Nl => format!(
                            "De cliënt kwam na sessie {last} van de {sessions} niet meer: de \
                             uitkomst wordt beoordeeld op die laatste score"
                        ),
                    };
                    in_view(&h, &text, view, &where_);
                    // The panel counts the sessions the client came to, not the planned ones.
                    let standing = match lang {
                        Lang::En => format!("Session {last} of {sessions}"),
                        Lang::Nl => format!("Sessie {last} van {sessions}"),
                    };
                    assert!(
                        shown(&h, &standing).is_some(),
                        "{where_}: {standing:?} not shown"
                    );
                    // The card under the timeline is the last session the client came to.
                    let card = match lang {
                        Lang::En => format!("Session {last} · score"),
                        Lang::Nl => format!("Sessie {last} · score"),
                    };
                    assert!(shown(&h, &card).is_some(), "{where_}: no card of {card:?}");
                    assert!(shown(&h, "NaN").is_none(), "{where_}: a score of NaN");
                } else {
                    assert!(
                        shown(&h, dropout_words).is_none(),
                        "{where_}: the client came to the end, yet it says otherwise"
                    );
                }
            }
            h.state_mut().settings.lang = Lang::En;
            h.run();
            gains += usize::from(case.hidden.sudden_gain.is_some());
            dropouts += usize::from(dropped_out);
        }
        assert!(
            gains > 0 && dropouts > 0,
            "seed {SEED} of {SCENARIO} has no sudden gain ({gains}) or no dropout ({dropouts}) \
             any more: pick a seed that has both"
        );
    }
}

#[test]
fn in_full_hd_the_reveal_is_a_column_beside_the_chart_with_the_forecasts_in_view() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = app(dir.path(), [1920.0, 1080.0], 1.0);
    next_reveal(&mut h).expect("a case to reveal");
    let view = case_view(&h);
    let column = egui::PanelState::load(&h.ctx, egui::Id::new("reveal-side"))
        .expect("the reveal's column")
        .outer_rect;
    let chart = egui_plot::PlotMemory::load(&h.ctx, egui::Id::new("trajectory"))
        .expect("the course chart")
        .transform()
        .frame()
        .to_owned();
    assert!(
        chart.max.x <= column.min.x + 0.5,
        "the chart {chart:?} is beside the column {column:?}"
    );
    for text in [
        "Outcome:",
        "after session 0",
        "Why the best possible forecast moved",
    ] {
        // The forecast panel says the outcome too: one of the labels is in the column.
        let place = view.intersect(column).expand(0.5);
        assert!(
            h.query_all_by_label_contains(text)
                .any(|n| place.contains_rect(n.rect())),
            "{text:?} in view in the reveal's column {column:?}"
        );
    }
}

/// The reveal's table gives the benchmarks on the trainee's own scale (1–99 %), as the explanation
/// beside it says them: a best possible forecast of 0.4 % reads "1 %" in both, never "0 %" in the
/// table beside "fell … to 1 %" in the sentence. The test finds such a forecast in the run itself
/// and fails if there is none.
#[test]
fn the_reveal_table_and_its_explanation_give_the_same_percentages() {
    use ontrack::forecast::Ideal;
    let dir = tempfile::tempdir().unwrap();
    let mut h = app(dir.path(), [1920.0, 1080.0], 1.0);
    let s = current_run(&h).scenario().clone();
    let ideal = Ideal::new(&s);
    let mut tiny = 0;
    while let Some(index) = next_reveal(&mut h) {
        let case = current_run(&h).revealed(index).unwrap().clone();
        tiny += s
            .file
            .checkpoints
            .iter()
            .filter(|&&cp| ontrack::run::machine::reached(&s, &case, cp))
            .filter(|&&cp| ideal.forecast(&s, &case.visible(cp)) < 0.005)
            .count();
        assert!(
            h.query_all_by_label("0 %").next().is_none(),
            "case {}: a forecast shown as 0 %",
            index + 1
        );
    }
    assert!(tiny > 0, "no best possible forecast under 0.5 % in the run");
}
