//! A live class driven through the app's screens without a window (egui_kittest): the trainer
//! starts a class in the station's live tab, a trainee joins from the start screen and answers, the
//! live view shows who is where and the class's forecasts, the trainer holds the reveal and
//! releases it, ends the class, and the table marks the run received live. Loopback only.

#![cfg(feature = "gui")]
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may fail loudly

mod common;

use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use bevy_egui::egui;
use bevy_egui::egui::accesskit::Role;
use common::screens::{FakeNetwork, click, harness_on};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use ontrack::app::settings::Tr;
use ontrack::app::trainer::{Tab, checkpoints_ui};
use ontrack::app::{AppState, Screen};
use ontrack::forecast::Benchmarks;
use ontrack::i18n::texts;
use ontrack::live::class::{CheckpointView, ClassView};
use ontrack::live::discovery::FoundClass;
use ontrack::live::link::{LiveLink, Station};
use ontrack::model::Outcome;
use ontrack::run::bots::{Bot, BotPlayer};
use ontrack::run::{Action, Due, Phase, Session};
use ontrack::scenario::{Lang, resolve};

/// The longest the link may take to deliver or hear of the release (a bound, not a measurement).
const LIMIT: Duration = Duration::from_secs(60);

fn app(dir: &Path) -> Harness<'static, AppState> {
    app_on(dir, Arc::new(FakeNetwork::default()))
}

/// The app on a fake network shared with other apps of the test.
fn app_on(dir: &Path, network: Arc<FakeNetwork>) -> Harness<'static, AppState> {
    let scenarios = vec![Arc::new(resolve("tests/scenarios/minimal.ron").unwrap())];
    let state = AppState::new(scenarios, dir.to_path_buf(), Lang::En);
    harness_on(state, [1400.0, 1000.0], network)
}

/// The trainer's app with a class of `code` started on loopback: (harness, PIN, address).
fn station(
    dir: &Path,
    network: Arc<FakeNetwork>,
    code: &str,
) -> (Harness<'static, AppState>, String, String) {
    let mut trainer = app_on(dir, network);
    trainer.run();
    click(&mut trainer, "Trainer view");
    click(&mut trainer, "Live class");
    trainer.state_mut().trainer.live.bind = "127.0.0.1:0".parse().unwrap();
    let fields = trainer.get_all_by_role(Role::TextInput).count();
    type_into(&mut trainer, fields - 1, code);
    click(&mut trainer, "Start a live class");
    let (pin, _) = trainer.state().trainer.live.view().expect("the class runs");
    let address = trainer.state().trainer.live.address.clone();
    (trainer, pin, address)
}

/// Types `text` into the `n`-th text field of the screen, as a person would.
fn type_into(h: &mut Harness<'static, AppState>, n: usize, text: &str) {
    h.get_all_by_role(Role::TextInput).nth(n).unwrap().focus();
    h.run();
    h.get_all_by_role(Role::TextInput)
        .nth(n)
        .unwrap()
        .type_text(text);
    h.run();
}

fn has_label(h: &Harness<'static, AppState>, text: &str) -> bool {
    h.query_all_by_label_contains(text).next().is_some()
}

fn due(h: &Harness<'static, AppState>) -> Due {
    h.state().run.session.as_ref().unwrap().run().due()
}

/// Waits (bounded) until the trainee's link has delivered every answer, then redraws.
fn delivered(h: &mut Harness<'static, AppState>) {
    let state = h.state().live.link.as_ref().unwrap().wait_delivered(LIMIT);
    assert!(state.all_delivered(), "{state:?}");
    let _ = h.run_ok();
}

#[test]
fn a_trainer_runs_a_live_class_that_a_trainee_joins_from_the_app() {
    let station_dir = tempfile::tempdir().unwrap();
    let own_dir = tempfile::tempdir().unwrap();
    let scenario = resolve("tests/scenarios/minimal.ron").unwrap();
    let code = ontrack::run::code::encode(&scenario.course_prefix(), 5).unwrap();

    // The trainer starts a class on loopback.
    let mut trainer = app(station_dir.path());
    trainer.run();
    click(&mut trainer, "Trainer view");
    click(&mut trainer, "Live class");
    assert_eq!(trainer.state().trainer.tab, Tab::Live);
    trainer.state_mut().trainer.live.bind = "127.0.0.1:0".parse().unwrap();
    let fields = trainer.get_all_by_role(Role::TextInput).count();
    type_into(&mut trainer, fields - 1, &code);
    click(&mut trainer, "Start a live class");
    let (pin, view) = trainer.state().trainer.live.view().expect("the class runs");
    let address = trainer.state().trainer.live.address.clone();
    assert!(address.starts_with("127.0.0.1:"), "{address}");
    assert!(has_label(&trainer, &format!("PIN: {pin}")));
    assert!(has_label(&trainer, &format!("Address: {address}")));
    assert!(has_label(&trainer, "No one has joined yet."));
    assert!(view.trainees.is_empty());

    // The trainee fills in the start screen: an address without a course code is refused.
    let mut trainee = app(own_dir.path());
    trainee.run();
    type_into(&mut trainee, 0, "Anna");
    click(&mut trainee, "Join a live class");
    type_into(&mut trainee, 2, &address);
    type_into(&mut trainee, 3, &pin);
    click(&mut trainee, "Start (Enter)");
    assert_eq!(trainee.state().screen, Screen::Start);
    assert!(has_label(
        &trainee,
        "A live class needs the course code from the trainer."
    ));
    type_into(&mut trainee, 1, &code);
    click(&mut trainee, "Start (Enter)");
    assert_eq!(trainee.state().screen, Screen::Briefing);
    click(&mut trainee, "Begin (Enter)");
    click(&mut trainee, "25 %");
    click(&mut trainee, "Commit forecast (Enter)");
    delivered(&mut trainee);
    assert!(has_label(
        &trainee,
        "Live class: 1 of 1 answers at the station"
    ));

    // The live view: who has joined, where, and the class's first forecast.
    let _ = trainer.run_ok();
    click(&mut trainer, "Hold the reveal");
    assert!(has_label(&trainer, "Anna"));
    assert!(has_label(&trainer, "case 1, session 0"));
    assert!(has_label(&trainer, "Case 1, session 0: 1 forecast, "));
    assert_eq!(
        trainer.state().trainer.live.view().unwrap().1.held_from,
        Some(0)
    );

    // The reveal is held: the trainee reads on, but the outcome waits for the trainer.
    let mut guard = 0;
    while due(&trainee) != Due::Reveal {
        guard += 1;
        assert!(guard < 50, "the case does not reach its reveal");
        match due(&trainee) {
            Due::Forecast { .. } => {
                click(&mut trainee, "25 %");
                click(&mut trainee, "Commit forecast (Enter)")
            }
            Due::NextSession => click(&mut trainee, "Next session (Enter or right arrow)"),
            Due::Classify { .. } => click(&mut trainee, "2 · side effect"),
            other => panic!("unexpected {other:?}"),
        }
    }
    delivered(&mut trainee);
    assert!(has_label(&trainee, "The trainer holds the reveal"));
    assert!(has_label(
        &trainee,
        "Waiting for the trainer to release the reveal"
    ));
    assert!(
        !has_label(&trainee, "Reveal the outcome (Enter or right arrow)"),
        "no reveal is offered while it is held"
    );
    trainee.key_press(egui::Key::Enter);
    trainee.run();
    trainee.state_mut().act(Action::Reveal);
    assert!(matches!(
        trainee.state().run.session.as_ref().unwrap().run().phase(),
        Phase::Reading { case: 0, .. }
    ));
    assert_eq!(trainee.state().message, None, "nothing to clear later");

    // The trainer releases it; the trainee's app hears so and shows the outcome.
    let _ = trainer.run_ok();
    click(&mut trainer, "Release the reveal of case 1");
    assert_eq!(
        trainer.state().trainer.live.view().unwrap().1.held_from,
        Some(1)
    );
    let link = trainee.state().live.link.as_ref().unwrap();
    let mut polls = 0;
    while link.state().held_from != Some(1) {
        polls += 1;
        assert!(polls < 600, "the release does not arrive");
        std::thread::sleep(Duration::from_millis(100));
    }
    let _ = trainee.run_ok();
    assert!(!trainee.state().reveal_held());
    for held in [
        "The trainer holds the reveal",
        "Waiting for the trainer to release the reveal",
    ] {
        assert!(
            !has_label(&trainee, held),
            "the hold is lifted on the screen too: {held}"
        );
    }
    click(&mut trainee, "Reveal the outcome (Enter or right arrow)");
    assert!(matches!(
        trainee.state().run.session.as_ref().unwrap().run().phase(),
        Phase::Revealed { case: 0 }
    ));
    delivered(&mut trainee);
    let _ = trainer.run_ok();
    assert!(has_label(&trainer, "deteriorate"), "the outcome is shown");

    // The class ends: nothing listens; the run is in the station's table, marked live.
    click(&mut trainer, "End the class");
    assert!(!trainer.state().trainer.live.is_running());
    click(&mut trainer, "Runs");
    click(&mut trainer, "Load");
    trainer.state_mut().trainer.wait();
    let _ = trainer.run_ok();
    assert!(has_label(&trainer, "Anna (received live)"));
}

#[test]
fn the_join_form_lists_the_classes_on_the_network_and_looks_only_while_it_is_open() {
    let own_dir = tempfile::tempdir().unwrap();
    let network = Arc::new(FakeNetwork::default());
    let mut trainee = app_on(own_dir.path(), Arc::clone(&network));
    trainee.run();
    assert_eq!(
        network.searches(),
        0,
        "nothing is looked for on the start screen alone"
    );
    click(&mut trainee, "Join a live class");
    assert_eq!(network.searches(), 1);
    assert!(has_label(&trainee, "none found yet"));

    // A class appears on the network: it is listed, and picking it fills in address and code.
    network.others.lock().unwrap().push(FoundClass {
        code: "DCBT-0Z89".into(),
        address: "192.168.1.20:47474".into(),
    });
    trainee.run();
    assert!(has_label(&trainee, "Classes on this network"));
    click(&mut trainee, "DCBT-0Z89 at 192.168.1.20:47474");
    assert_eq!(trainee.state().live.address, "192.168.1.20:47474");
    assert_eq!(trainee.state().start.course_code, "DCBT-0Z89");

    // Closing the form, or leaving the start screen, stops the looking.
    click(&mut trainee, "Join a live class");
    assert_eq!(network.searches(), 0);
    click(&mut trainee, "Join a live class");
    assert_eq!(network.searches(), 1);
    click(&mut trainee, "Trainer view");
    assert_eq!(network.searches(), 0);
}

#[test]
fn a_trainee_picks_the_announced_class_and_it_is_gone_once_the_class_ends() {
    let station_dir = tempfile::tempdir().unwrap();
    let own_dir = tempfile::tempdir().unwrap();
    let network = Arc::new(FakeNetwork::default());
    let scenario = resolve("tests/scenarios/minimal.ron").unwrap();
    let code = ontrack::run::code::encode(&scenario.course_prefix(), 6).unwrap();
    let (mut trainer, pin, address) = station(station_dir.path(), Arc::clone(&network), &code);
    assert!(has_label(
        &trainer,
        "The class is announced on this network"
    ));
    let announced = FoundClass {
        code: code.clone(),
        address: address.clone(),
    };
    assert_eq!(network.announced(), vec![announced.clone()]);

    let mut trainee = app_on(own_dir.path(), Arc::clone(&network));
    trainee.run();
    type_into(&mut trainee, 0, "Bram");
    click(&mut trainee, "Join a live class");
    click(&mut trainee, &format!("{code} at {address}"));
    assert_eq!(trainee.state().start.course_code, code);
    type_into(&mut trainee, 3, &pin);
    click(&mut trainee, "Start (Enter)");
    assert_eq!(trainee.state().screen, Screen::Briefing);
    assert_eq!(
        network.searches(),
        0,
        "the search ends with the start screen"
    );
    click(&mut trainee, "Begin (Enter)");
    click(&mut trainee, "25 %");
    click(&mut trainee, "Commit forecast (Enter)");
    delivered(&mut trainee);
    let _ = trainer.run_ok();
    assert!(has_label(&trainer, "Bram"));

    click(&mut trainer, "End the class");
    assert!(
        network.announced().is_empty(),
        "the announcement ends with the class"
    );
}

#[test]
fn without_multicast_both_sides_say_to_type_the_address() {
    let station_dir = tempfile::tempdir().unwrap();
    let own_dir = tempfile::tempdir().unwrap();
    let network = Arc::new(FakeNetwork::broken());
    let scenario = resolve("tests/scenarios/minimal.ron").unwrap();
    let code = ontrack::run::code::encode(&scenario.course_prefix(), 7).unwrap();
    let (trainer, _, _) = station(station_dir.path(), Arc::clone(&network), &code);
    assert!(
        trainer.state().trainer.live.is_running(),
        "the class runs all the same"
    );
    assert!(has_label(&trainer, "trainees type the address"));

    let mut trainee = app_on(own_dir.path(), network);
    trainee.run();
    click(&mut trainee, "Join a live class");
    assert!(has_label(&trainee, "cannot be searched for classes"));
    assert_eq!(
        trainee.get_all_by_role(Role::TextInput).count(),
        4,
        "the address can be typed"
    );
}

/// The trainee's app, with the start form filled in for the class at `address` and joined with
/// `pin`, at the briefing of a new run.
fn start_in_class(
    own: &Path,
    network: Arc<FakeNetwork>,
    (name, code, address, pin): (&str, &str, &str, &str),
) -> Harness<'static, AppState> {
    let mut trainee = app_on(own, network);
    trainee.run();
    type_into(&mut trainee, 0, name);
    type_into(&mut trainee, 1, code);
    click(&mut trainee, "Join a live class");
    type_into(&mut trainee, 2, address);
    type_into(&mut trainee, 3, pin);
    click(&mut trainee, "Start (Enter)");
    assert_eq!(trainee.state().screen, Screen::Briefing);
    trainee
}

#[test]
fn a_trainee_who_starts_again_in_the_class_is_one_row_marked_run_2() {
    let station_dir = tempfile::tempdir().unwrap();
    let own_dir = tempfile::tempdir().unwrap();
    let network = Arc::new(FakeNetwork::default());
    let scenario = resolve("tests/scenarios/minimal.ron").unwrap();
    let code = ontrack::run::code::encode(&scenario.course_prefix(), 8).unwrap();
    let (mut trainer, pin, address) = station(station_dir.path(), Arc::clone(&network), &code);
    let form = ("Anna", code.as_str(), address.as_str(), pin.as_str());

    let mut first = start_in_class(own_dir.path(), Arc::clone(&network), form);
    click(&mut first, "Begin (Enter)");
    click(&mut first, "25 %");
    click(&mut first, "Commit forecast (Enter)");
    delivered(&mut first);
    drop(first);

    // The app is started again, and the trainee presses Start instead of continuing the run.
    let mut again = start_in_class(own_dir.path(), Arc::clone(&network), form);
    click(&mut again, "Begin (Enter)");
    delivered(&mut again);
    let _ = trainer.run_ok();
    let view = trainer.state().trainer.live.view().unwrap().1;
    assert_eq!(view.trainees.len(), 1, "{:?}", view.trainees);
    assert!(has_label(&trainer, "Anna (run 2)"));
    assert!(
        has_label(&trainer, "Case 1, session 0: 1 forecast, "),
        "counted once"
    );
}

/// A class's live view with two checkpoints whose lines differ much in length: one forecast at
/// the first case, and 25 at the last with its outcome.
fn two_checkpoints() -> ClassView {
    ClassView {
        code: "TEST-0001".into(),
        cases: 12,
        held_from: None,
        trainees: Vec::new(),
        checkpoints: vec![
            CheckpointView {
                case: 0,
                checkpoint: 0,
                forecasts: vec![20],
                best: Some(0.1),
                outcome: None,
            },
            CheckpointView {
                case: 11,
                checkpoint: 12,
                forecasts: (1..=25).map(|p| p * 3).collect(),
                best: Some(0.42),
                outcome: Some(Outcome::Deteriorated),
            },
        ],
        fooled: Vec::new(),
    }
}

#[test]
fn the_class_forecast_strips_start_at_one_x_however_long_their_lines() {
    for lang in [Lang::En, Lang::Nl] {
        for width in [1200.0, 520.0] {
            let mut h = Harness::builder().with_size([width, 500.0]).build_ui_state(
                move |ui, view: &mut ClassView| {
                    let tr = Tr {
                        texts: texts(),
                        lang,
                    };
                    checkpoints_ui(ui, &tr, view);
                },
                two_checkpoints(),
            );
            h.run();
            let case = format!("{lang:?} at {width} points");
            let (strip, line) = match lang {
                Lang::En => ("Forecasts at case", "Case"),
                Lang::Nl => ("Voorspellingen bij cliënt", "Cliënt"),
            };
            let strips: Vec<egui::Rect> = ["1, session 0", "12, session 12"]
                .iter()
                .map(|at| {
                    let at = match lang {
                        Lang::En => at.to_string(),
                        Lang::Nl => at.replace("session", "sessie"),
                    };
                    h.get_by_label(&format!("{strip} {at}")).rect()
                })
                .collect();
            let lines: Vec<egui::Rect> = ["1, ", "12, "]
                .iter()
                .map(|at| h.get_by_label_contains(&format!("{line} {at}")).rect())
                .collect();
            let texts: Vec<usize> = ["1, ", "12, "]
                .iter()
                .map(|at| {
                    let label = format!("{line} {at}");
                    let node = h.get_by_label_contains(&label);
                    let a = node.accesskit_node();
                    a.label().or(a.value()).unwrap_or_default().chars().count()
                })
                .collect();
            assert!(
                texts[1] > texts[0] + 10,
                "{case}: the lines differ in length: {texts:?} characters"
            );
            assert!(
                (strips[0].min.x - strips[1].min.x).abs() < 0.5,
                "{case}: the strips start at one x: {strips:?}"
            );
            let screen = h.ctx.content_rect();
            for (s, l) in strips.iter().zip(&lines) {
                assert!(
                    screen.contains_rect(*s),
                    "{case}: the strip {s:?} is in the window"
                );
                assert!(
                    l.min.x >= s.max.x && (l.min.y - s.min.y).abs() < l.height(),
                    "{case}: the line {l:?} is beside its strip {s:?}"
                );
            }
        }
    }
}

/// One laptop holds more connections than its share without sending a request: the trainer sees
/// its address in the live view, with how many of its connections were closed.
#[test]
fn a_host_holding_too_many_connections_is_shown_to_the_trainer() {
    use std::io::Write;
    let station_dir = tempfile::tempdir().unwrap();
    let scenario = resolve("tests/scenarios/minimal.ron").unwrap();
    let code = ontrack::run::code::encode(&scenario.course_prefix(), 8).unwrap();
    let network = Arc::new(FakeNetwork::default());
    let (mut trainer, _, address) = station(station_dir.path(), network, &code);
    assert!(!has_label(&trainer, "Connections closed"));
    let addr: std::net::SocketAddr = address.parse().unwrap();
    let _held: Vec<std::net::TcpStream> = (0..20)
        .map(|_| {
            let mut s = std::net::TcpStream::connect(addr).unwrap();
            s.write_all(b"POST /answer HTTP/1.1\r\n").unwrap();
            s
        })
        .collect();
    // After a second's grace the station closes the 12 beyond the share of 8.
    let until = std::time::Instant::now() + LIMIT;
    while trainer.state().trainer.live.refused_hosts().is_empty() {
        assert!(std::time::Instant::now() < until, "no host was refused");
        std::thread::sleep(Duration::from_millis(50));
    }
    trainer.run();
    assert!(has_label(&trainer, "Connections closed"));
    assert!(has_label(&trainer, "127.0.0.1 ("));
}

/// The board for the projector at 1280×800 with a class of 40 simulated trainees on loopback, each
/// at their own place in a course of 12 clients with 3 checkpoints each: every trainee's row and
/// every checkpoint's strip lies inside the window, at a readable size.
#[test]
fn forty_trainees_and_every_checkpoint_fit_the_board_at_1280_by_800() {
    let station_dir = tempfile::tempdir().unwrap();
    let own = tempfile::tempdir().unwrap();
    let scenario = Arc::new(resolve("depression-cbt-oq45").unwrap());
    let seed = 3;
    let code = ontrack::run::code::encode(&scenario.course_prefix(), seed).unwrap();
    let mut state = AppState::new(
        vec![Arc::clone(&scenario)],
        station_dir.path().to_path_buf(),
        Lang::En,
    );
    state.screen = Screen::Trainer;
    state.trainer.tab = Tab::Live;
    state.trainer.folder = station_dir.path().display().to_string();
    state.trainer.live.bind = "127.0.0.1:0".parse().unwrap();
    state.trainer.live.code = code.clone();
    state
        .trainer
        .live
        .start(station_dir.path(), &state.scenarios.clone(), Lang::En);
    let (pin, _) = state.trainer.live.view().expect("the class runs");
    let at = Station {
        address: state.trainer.live.address.clone(),
        pin,
    };
    let bench = Benchmarks::new(&scenario);
    for i in 0..40_u64 {
        let name = format!("trainee-{i:02}");
        let mut session =
            Session::start(own.path(), Arc::clone(&scenario), seed, &name, &code).unwrap();
        let link = LiveLink::start(at.clone(), session.file()).unwrap();
        let mut bot = BotPlayer::new(Bot::Typical, &bench, i);
        // Each trainee a little further than the one before: some at the start, some done.
        for _ in 0..(i * 5) {
            let Some(action) = bot.next_action(session.run()) else {
                break;
            };
            session.apply(action).unwrap();
            link.push(session.file().log.last().cloned().unwrap());
        }
        assert!(link.wait_delivered(LIMIT).all_delivered(), "{name}");
    }
    let (width, height) = (1280.0, 800.0);
    let mut h = common::screens::harness(state, [width, height]);
    let _ = h.run_ok();
    let inside =
        |r: egui::Rect| r.min.x >= 0.0 && r.min.y >= 0.0 && r.max.x <= width && r.max.y <= height;
    for i in 0..40 {
        let label = format!("trainee-{i:02}:");
        let rect = h.get_by_label_contains(&label).rect();
        assert!(inside(rect), "trainee {i}'s row in the window: {rect:?}");
        assert!(
            rect.height() >= 12.0,
            "trainee {i}'s row readable: {rect:?}"
        );
    }
    for case in 1..=12 {
        for session in [0, 3, 6] {
            let label = format!("Case {case}, session {session}:");
            let rect = h.get_by_label_contains(&label).rect();
            assert!(
                inside(rect),
                "case {case} at {session} in the window: {rect:?}"
            );
            assert!(
                rect.width() >= 16.0,
                "case {case} at {session} readable: {rect:?}"
            );
        }
    }
    // The details are one click away, and the board one click back.
    click(&mut h, "Details");
    assert!(!h.state().trainer.live.board);
    assert!(has_label(&h, "Results folder"));
    click(&mut h, "Board for the projector");
    assert!(h.state().trainer.live.board);
    h.state_mut().trainer.live.end();
}

/// A station closed while its class ran offers, on the same folder, to take the class up again
/// with the same PIN; a class the trainer ended is not offered.
#[test]
fn a_station_restarted_on_its_folder_offers_to_resume_its_class() {
    let dir = tempfile::tempdir().unwrap();
    let scenario = resolve("tests/scenarios/minimal.ron").unwrap();
    let code = ontrack::run::code::encode(&scenario.course_prefix(), 5).unwrap();
    let (trainer, pin, _) = station(dir.path(), Arc::new(FakeNetwork::default()), &code);
    // The window closes without the class being ended.
    drop(trainer);

    let mut again = app(dir.path());
    again.run();
    click(&mut again, "Trainer view");
    click(&mut again, "Live class");
    assert!(has_label(
        &again,
        &format!("The live class {code} was still running when the station stopped.")
    ));
    again.state_mut().trainer.live.bind = "127.0.0.1:0".parse().unwrap();
    click(&mut again, &format!("Resume class {code}"));
    let (same_pin, _) = again
        .state()
        .trainer
        .live
        .view()
        .expect("the class runs again");
    assert_eq!(same_pin, pin, "the trainees' PIN stays");

    click(&mut again, "End the class");
    assert!(again.state().trainer.live.view().is_none());
    assert!(
        !has_label(&again, "was still running"),
        "an ended class is not offered"
    );
}

/// A station that refuses a trainee (here: a wrong PIN) answers in English; the trainee's app says
/// why in its own language.
#[test]
fn a_refusal_of_the_station_is_said_in_the_trainees_language() {
    let station_dir = tempfile::tempdir().unwrap();
    let own_dir = tempfile::tempdir().unwrap();
    let scenario = resolve("tests/scenarios/minimal.ron").unwrap();
    let code = ontrack::run::code::encode(&scenario.course_prefix(), 5).unwrap();
    let network = Arc::new(FakeNetwork::default());
    let (_trainer, pin, address) = station(station_dir.path(), Arc::clone(&network), &code);
    let wrong = if pin == "000000" { "111111" } else { "000000" };
    let mut trainee = app_on(own_dir.path(), network);
    trainee.run();
    type_into(&mut trainee, 0, "Anna");
    click(&mut trainee, "Join a live class");
    type_into(&mut trainee, 1, &code);
    type_into(&mut trainee, 2, &address);
    type_into(&mut trainee, 3, wrong);
    click(&mut trainee, "Start (Enter)");
    assert_eq!(trainee.state().screen, Screen::Briefing);
    let state = trainee
        .state()
        .live
        .link
        .as_ref()
        .unwrap()
        .wait_delivered(LIMIT);
    assert!(
        state.refused.as_ref().is_some_and(|r| r.status == 403),
        "{state:?}"
    );
    let _ = trainee.run_ok();
    assert!(has_label(&trainee, "wrong class PIN: ask the trainer"));
    trainee.state_mut().settings.lang = Lang::Nl;
    let _ = trainee.run_ok();
    assert!(has_label(&trainee, "verkeerde pincode van de les"));
    assert!(
        !has_label(&trainee, "wrong class PIN"),
        "the station's English words only on hover"
    );
}
