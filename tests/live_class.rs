//! A live class on loopback, as a course day would run it: bot trainees join the station and play
//! a whole course while their answers are sent; the station is stopped and started mid-class; an
//! app is killed and resumed; forged and malformed requests are refused and change nothing.
//! Every wait is bounded; nothing listens beyond 127.0.0.1.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may fail loudly

mod common;

use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use ontrack::forecast::Benchmarks;
use ontrack::live::class::{AtCheckpoint, Class, LIVE_RUN_SUFFIX};
use ontrack::live::link::{LiveLink, Station};
use ontrack::live::protocol::{ANSWER, Answer, JOIN, Join, STATUS, Status};
use ontrack::live::server::{LiveServer, lock};
use ontrack::model::Outcome;
use ontrack::run::bots::{Bot, BotPlayer};
use ontrack::run::machine::{Action, Due};
use ontrack::run::{RunFile, Session, code};
use ontrack::scenario::{Scenario, resolve};

const PIN: &str = "424242";
/// The longest a link may take to deliver what is queued (a bound, not a measurement).
const DELIVERY_LIMIT: Duration = Duration::from_secs(120);

struct Course {
    scenario: Arc<Scenario>,
    seed: u64,
    code: String,
}

fn course() -> Course {
    let scenario = Arc::new(resolve("tests/scenarios/minimal.ron").unwrap());
    let seed = 11;
    let code = code::encode(&scenario.course_prefix(), seed).unwrap();
    Course {
        scenario,
        seed,
        code,
    }
}

fn loopback() -> SocketAddr {
    "127.0.0.1:0".parse().unwrap()
}

fn start_station(course: &Course, dir: &Path, addr: SocketAddr) -> LiveServer {
    let class = Class::open(
        &course.code,
        Arc::clone(&course.scenario),
        course.seed,
        PIN,
        dir,
    )
    .unwrap();
    LiveServer::start(class, addr).unwrap()
}

fn station(server: &LiveServer) -> Station {
    Station {
        address: server.addr().to_string(),
        pin: PIN.into(),
    }
}

/// A trainee: a run in their own folder, a bot that answers, and the link to the class.
struct Trainee {
    session: Session,
    link: LiveLink,
}

impl Trainee {
    fn join(course: &Course, own: &Path, name: &str, at: &Station) -> Trainee {
        let session = Session::start(
            own,
            Arc::clone(&course.scenario),
            course.seed,
            name,
            &course.code,
        )
        .unwrap();
        let link = LiveLink::start(at.clone(), session.file()).unwrap();
        Trainee { session, link }
    }

    /// The bot answers `steps` times (or to the end): each answer is saved, then sent.
    fn play(&mut self, bench: &Benchmarks, seed: u64, steps: usize) {
        let mut bot = BotPlayer::new(Bot::Typical, bench, seed);
        for _ in 0..steps {
            let Some(action) = bot.next_action(self.session.run()) else {
                return;
            };
            self.session.apply(action).unwrap();
            self.link
                .push(self.session.file().log.last().cloned().unwrap());
        }
    }
}

/// The station's copies of runs, by their content.
fn station_files(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut files: Vec<(PathBuf, Vec<u8>)> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().ends_with(LIVE_RUN_SUFFIX))
        .map(|p| {
            let bytes = std::fs::read(&p).unwrap();
            (p, bytes)
        })
        .collect();
    files.sort();
    files
}

/// Every file of the folder with its bytes, but the lock the station holds while it runs.
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| !p.ends_with(ontrack::run::lock::STATION_LOCK))
        .map(|p| {
            let bytes = std::fs::read(&p).unwrap();
            (p, bytes)
        })
        .collect()
}

fn assert_station_holds(station_dir: &Path, trainees: &[&Session]) {
    let files = station_files(station_dir);
    assert_eq!(files.len(), trainees.len(), "one station file per trainee");
    for t in trainees {
        let own = std::fs::read(t.path()).unwrap();
        assert!(
            files.iter().any(|(_, bytes)| *bytes == own),
            "the station holds {}'s run file byte for byte",
            t.file().trainee
        );
    }
}

#[test]
fn forty_trainees_play_a_whole_course_live() {
    let course = course();
    let station_dir = tempfile::tempdir().unwrap();
    let own = tempfile::tempdir().unwrap();
    let server = start_station(&course, station_dir.path(), loopback());
    let at = station(&server);
    let bench = Benchmarks::new(&course.scenario);
    let sessions: Vec<Session> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..40)
            .map(|i| {
                let (course, own, at, bench) = (&course, own.path(), &at, &bench);
                scope.spawn(move || {
                    let mut t = Trainee::join(course, own, &format!("trainee-{i:02}"), at);
                    t.play(bench, i, usize::MAX);
                    let state = t.link.wait_delivered(DELIVERY_LIMIT);
                    assert!(state.all_delivered(), "trainee {i}: {state:?}");
                    assert_eq!(state.delivered, t.session.file().log.len());
                    t.session
                })
            })
            .collect();
        workers.into_iter().map(|w| w.join().unwrap()).collect()
    });
    assert_station_holds(station_dir.path(), &sessions.iter().collect::<Vec<_>>());

    let view = lock(server.class()).view();
    assert_eq!(view.trainees.len(), 40);
    for s in &sessions {
        let seen = view
            .trainees
            .iter()
            .find(|t| t.trainee == s.file().trainee)
            .unwrap();
        let forecasts = s
            .file()
            .log
            .iter()
            .filter(|e| matches!(e.action, Action::Forecast { .. }))
            .count();
        assert_eq!(seen.forecasts, forecasts, "forecasts, not every answer");
        assert!(
            seen.answered.iter().all(|a| *a == AtCheckpoint::Forecast),
            "a forecast at every checkpoint"
        );
        assert_eq!(seen.revealed, view.cases);
    }
    assert_eq!(
        view.checkpoints.len(),
        view.cases * course.scenario.file.checkpoints.len()
    );
    for c in &view.checkpoints {
        assert_eq!(c.forecasts.len(), 40, "case {} at {}", c.case, c.checkpoint);
        assert!(c.outcome.is_some(), "every case was revealed to everyone");
    }
    server.stop();
}

#[test]
fn answers_given_while_the_station_is_down_arrive_after_it_restarts() {
    let course = course();
    let station_dir = tempfile::tempdir().unwrap();
    let own = tempfile::tempdir().unwrap();
    let server = start_station(&course, station_dir.path(), loopback());
    let addr = server.addr();
    let at = station(&server);
    let bench = Benchmarks::new(&course.scenario);
    let mut trainees: Vec<Trainee> = (0..3)
        .map(|i| Trainee::join(&course, own.path(), &format!("t{i}"), &at))
        .collect();
    for (i, t) in trainees.iter_mut().enumerate() {
        t.play(&bench, i as u64, 20);
        assert!(t.link.wait_delivered(DELIVERY_LIMIT).all_delivered());
    }
    server.stop();
    for (i, t) in trainees.iter_mut().enumerate() {
        t.play(&bench, 100 + i as u64, 15);
        let state = t.link.state();
        assert!(!state.all_delivered(), "nothing can be delivered now");
    }
    let server = start_station(&course, station_dir.path(), addr);
    for (i, t) in trainees.iter_mut().enumerate() {
        t.play(&bench, 200 + i as u64, usize::MAX);
        let state = t.link.wait_delivered(DELIVERY_LIMIT);
        assert!(state.all_delivered(), "{state:?}");
    }
    assert_station_holds(
        station_dir.path(),
        &trainees.iter().map(|t| &t.session).collect::<Vec<_>>(),
    );
    server.stop();
}

#[test]
fn a_killed_app_is_resumed_and_carries_on_in_the_class() {
    let course = course();
    let station_dir = tempfile::tempdir().unwrap();
    let own = tempfile::tempdir().unwrap();
    let server = start_station(&course, station_dir.path(), loopback());
    let at = station(&server);
    let bench = Benchmarks::new(&course.scenario);
    let mut t = Trainee::join(&course, own.path(), "Anna", &at);
    t.play(&bench, 1, 25);
    let path = t.session.path().to_path_buf();
    // Killed: whatever the link had not sent yet is only in the run file.
    drop(t);
    let session = Session::resume(&path).unwrap();
    let link = LiveLink::start(at.clone(), session.file()).unwrap();
    let mut t = Trainee { session, link };
    t.play(&bench, 2, usize::MAX);
    assert!(t.link.wait_delivered(DELIVERY_LIMIT).all_delivered());
    assert_station_holds(station_dir.path(), &[&t.session]);
    assert_eq!(lock(server.class()).view().trainees.len(), 1);
    server.stop();
}

/// Posts `body` to `path` at the server: the status of the reply.
fn post(addr: SocketAddr, path: &str, body: &[u8]) -> u16 {
    let agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_global(Some(Duration::from_secs(30)))
        .build()
        .new_agent();
    let response = agent
        .post(&format!("http://{addr}{path}"))
        .header("Content-Type", "application/json")
        .send(body)
        .unwrap();
    response.status().as_u16()
}

#[test]
fn forged_and_malformed_requests_are_refused_and_change_nothing() {
    let course = course();
    let station_dir = tempfile::tempdir().unwrap();
    let own = tempfile::tempdir().unwrap();
    let server = start_station(&course, station_dir.path(), loopback());
    let addr = server.addr();
    let at = station(&server);
    let bench = Benchmarks::new(&course.scenario);
    let mut t = Trainee::join(&course, own.path(), "Bram", &at);
    // Up to the first reveal, and past it.
    let mut bot = BotPlayer::new(Bot::Ideal, &bench, 1);
    while t.session.run().due() != Due::NextCase {
        let action = bot.next_action(t.session.run()).unwrap();
        t.session.apply(action).unwrap();
        t.link.push(t.session.file().log.last().cloned().unwrap());
    }
    assert!(t.link.wait_delivered(DELIVERY_LIMIT).all_delivered());
    let run = t.session.file().header_seal();
    let before = snapshot(station_dir.path());

    let join = |pin: &str| serde_json::to_vec(&Join::of(t.session.file(), pin)).unwrap();
    assert_eq!(post(addr, JOIN, &join("999999")), 403, "wrong PIN");
    assert_eq!(post(addr, JOIN, b"{\"pin\": \"424242\", "), 400, "bad JSON");
    let mut unknown_field = serde_json::to_value(Join::of(t.session.file(), PIN)).unwrap();
    unknown_field["admin"] = true.into();
    assert_eq!(
        post(addr, JOIN, unknown_field.to_string().as_bytes()),
        400,
        "unknown field"
    );
    let ten_mb = vec![b' '; 10 * 1024 * 1024];
    assert_eq!(post(addr, ANSWER, &ten_mb), 413, "10 MB body");
    let status = |run: &str| {
        serde_json::to_vec(&Status {
            pin: PIN.into(),
            run: run.into(),
        })
        .unwrap()
    };
    assert_eq!(
        post(addr, STATUS, &status("somebody else")),
        404,
        "unknown trainee"
    );
    assert_eq!(post(addr, "/runs", &status(&run)), 404, "no such path");

    // A forecast on the revealed case, sealed as OnTrack seals: refused.
    let mut forged = t.session.file().clone();
    forged.log_action(jiff::Timestamp::now(), Action::Forecast { percent: 99 });
    let index = forged.log.len() - 1;
    let late = Answer {
        pin: PIN.into(),
        run: run.clone(),
        index,
        entry: forged.log[index].clone(),
    };
    assert_eq!(
        post(addr, ANSWER, &serde_json::to_vec(&late).unwrap()),
        422,
        "late forecast"
    );
    let wrong_pin = Answer {
        pin: "000000".into(),
        ..late
    };
    assert_eq!(
        post(addr, ANSWER, &serde_json::to_vec(&wrong_pin).unwrap()),
        403
    );

    assert_eq!(snapshot(station_dir.path()), before, "nothing changed");
    // The server still serves the class.
    assert_eq!(post(addr, STATUS, &status(&run)), 200);
    server.stop();
}

/// A run's forecasts (case, checkpoint, trainee's forecast) and Brier score, from its JSON.
fn forecasts_and_brier(run: &serde_json::Value) -> (Vec<(u64, u64, f64)>, f64) {
    let forecasts = run["case_forecasts"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|case| {
            let n = case["case"].as_u64().unwrap();
            case["forecasts"].as_array().unwrap().iter().map(move |f| {
                (
                    n,
                    f["checkpoint"].as_u64().unwrap(),
                    f["trainee"].as_f64().unwrap(),
                )
            })
        })
        .collect();
    (forecasts, run["forecasts"]["brier"].as_f64().unwrap())
}

#[test]
fn cohort_scores_what_was_received_live_when_a_handed_in_file_was_rewritten() {
    let course = course();
    let station_dir = tempfile::tempdir().unwrap();
    let own = tempfile::tempdir().unwrap();
    let server = start_station(&course, station_dir.path(), loopback());
    let bench = Benchmarks::new(&course.scenario);
    let mut t = Trainee::join(&course, own.path(), "Cas", &station(&server));
    t.play(&bench, 5, usize::MAX);
    assert!(t.link.wait_delivered(DELIVERY_LIMIT).all_delivered());
    server.stop();

    // After the class: every forecast rewritten to the outcome and the file resealed the way
    // OnTrack seals, then handed in beside the station's record.
    let honest = t.session.file().clone();
    let mut tampered = RunFile {
        log: Vec::new(),
        ..honest.clone()
    };
    let mut case = 0;
    for e in &honest.log {
        let action = match e.action {
            Action::Forecast { .. } if honest.cases[case].outcome == Outcome::Deteriorated => {
                Action::Forecast { percent: 99 }
            }
            Action::Forecast { .. } => Action::Forecast { percent: 1 },
            ref other => other.clone(),
        };
        if e.action == Action::NextCase {
            case += 1;
        }
        tampered.log_action(e.at, action);
    }
    let handed_in = station_dir
        .path()
        .join(t.session.path().file_name().unwrap());
    std::fs::write(&handed_in, tampered.to_ron()).unwrap();

    let dir = station_dir.path().to_str().unwrap();
    let (status, table, stderr) = common::ontrack(&["--lang", "en", "cohort", dir]);
    assert_eq!(status, 0, "{stderr}");
    assert!(table.contains("Cas (received live)"), "{table}");
    assert!(
        table.contains("differs from the run received live"),
        "the rewritten file is reported: {table}"
    );
    let (status, json, stderr) = common::ontrack(&["cohort", dir, "--json"]);
    assert_eq!(status, 0, "{stderr}");
    let cohort: serde_json::Value = serde_json::from_str(&json).unwrap();
    let runs = cohort["runs"].as_array().unwrap();
    assert_eq!(runs.len(), 1, "the run counts once");
    assert_eq!(runs[0]["received_live"], true);
    let honest_scores =
        serde_json::to_value(ontrack::debrief::score_file(t.session.path()).unwrap()).unwrap();
    let (scored, brier) = forecasts_and_brier(&runs[0]);
    let (received, honest_brier) = forecasts_and_brier(&honest_scores);
    assert_eq!(scored, received, "scored as received live");
    assert!(
        (brier - honest_brier).abs() < 1e-12,
        "{brier} {honest_brier}"
    );
    assert_eq!(cohort["rejected"].as_array().unwrap().len(), 1);
}

#[test]
fn a_trainee_with_the_wrong_pin_is_told_and_keeps_their_own_run() {
    let course = course();
    let station_dir = tempfile::tempdir().unwrap();
    let own = tempfile::tempdir().unwrap();
    let server = start_station(&course, station_dir.path(), loopback());
    let wrong = Station {
        pin: "000000".into(),
        ..station(&server)
    };
    let bench = Benchmarks::new(&course.scenario);
    let mut t = Trainee::join(&course, own.path(), "Dirk", &wrong);
    t.play(&bench, 3, 5);
    let state = t.link.wait_delivered(DELIVERY_LIMIT);
    assert!(!state.joined);
    assert!(
        state
            .refused
            .as_ref()
            .is_some_and(|r| r.status == 403 && r.reason.contains("wrong class PIN")),
        "{state:?}"
    );
    assert_eq!(t.session.file().log.len(), 5, "the own run file goes on");
    assert!(station_files(station_dir.path()).is_empty());
    server.stop();
}

#[test]
fn the_server_answers_garbage_with_a_status_and_keeps_serving() {
    use std::io::{Read, Write};
    let course = course();
    let station_dir = tempfile::tempdir().unwrap();
    let server = start_station(&course, station_dir.path(), loopback());
    for garbage in [
        &b"\x00\x01\x02 not http\r\n\r\n"[..],
        b"POST /join HTTP/1.1\r\nContent-Length: 18446744073709551615\r\n\r\n",
        b"POST /join HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n",
        b"GET /join HTTP/1.1\r\n\r\n",
    ] {
        let mut stream = std::net::TcpStream::connect(server.addr()).unwrap();
        stream
            .set_read_timeout(Some(Duration::from_secs(30)))
            .unwrap();
        stream.write_all(garbage).unwrap();
        let mut reply = String::new();
        let _ = stream.read_to_string(&mut reply);
        assert!(
            reply.starts_with("HTTP/1.1 4"),
            "{:?} got {reply:?}",
            String::from_utf8_lossy(garbage)
        );
    }
    let status = serde_json::to_vec(&Status {
        pin: PIN.into(),
        run: "nobody".into(),
    })
    .unwrap();
    assert_eq!(post(server.addr(), STATUS, &status), 404, "still serving");
    assert!(snapshot(station_dir.path()).is_empty(), "nothing stored");
    server.stop();
}

/// The station's announcement is heard by a search on the same machine, with the course code and
/// the address to type; once the announcement ends, the class is gone from the list. Real mDNS,
/// restricted to loopback and a port of its own (not 5353), so nothing leaves the machine.
#[test]
fn a_class_announced_on_loopback_is_found_and_is_gone_once_it_ends() {
    use ontrack::live::discovery::{Discovery, FoundClass, Mdns};

    let mdns = Mdns::loopback(15_353);
    let mut search = mdns.browse().unwrap();
    let announcement = mdns.announce("DCBT-0Z89", 47_123).unwrap();
    let wanted = FoundClass {
        code: "DCBT-0Z89".into(),
        address: "127.0.0.1:47123".into(),
    };
    let until = std::time::Instant::now() + Duration::from_secs(20);
    while !search.found().contains(&wanted) {
        assert!(std::time::Instant::now() < until, "{:?}", search.found());
        std::thread::sleep(Duration::from_millis(50));
    }
    drop(announcement);
    let until = std::time::Instant::now() + Duration::from_secs(20);
    while search.found().contains(&wanted) {
        assert!(
            std::time::Instant::now() < until,
            "the class is still listed"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// The cohort CSV says which runs were received live: a live run's row has `received_live` 1, the
/// row of a run file handed in after the class 0.
#[test]
fn the_cohort_csv_marks_the_runs_received_live() {
    let course = course();
    let station_dir = tempfile::tempdir().unwrap();
    let own = tempfile::tempdir().unwrap();
    let server = start_station(&course, station_dir.path(), loopback());
    let bench = Benchmarks::new(&course.scenario);
    let mut live = Trainee::join(&course, own.path(), "Dina", &station(&server));
    live.play(&bench, 6, usize::MAX);
    assert!(live.link.wait_delivered(DELIVERY_LIMIT).all_delivered());
    server.stop();
    let mut handed = Session::start(
        own.path(),
        Arc::clone(&course.scenario),
        course.seed,
        "Eli",
        &course.code,
    )
    .unwrap();
    ontrack::run::bots::play(&mut handed, &bench, Bot::Typical, 7, &mut |_| {}).unwrap();
    std::fs::copy(
        handed.path(),
        station_dir.path().join(handed.path().file_name().unwrap()),
    )
    .unwrap();

    let out = tempfile::tempdir().unwrap();
    let csv_path = out.path().join("cohort.csv");
    let dir = station_dir.path().to_str().unwrap();
    let (status, _, stderr) =
        common::ontrack(&["cohort", dir, "--csv", csv_path.to_str().unwrap()]);
    assert_eq!(status, 0, "{stderr}");
    let mut reader = csv::Reader::from_path(&csv_path).unwrap();
    let header = reader.headers().unwrap().clone();
    let column = |name: &str| header.iter().position(|h| h == name).unwrap();
    let (trainee, received) = (column("trainee"), column("received_live"));
    let mut rows: Vec<(String, String)> = reader
        .records()
        .map(|r| {
            let r = r.unwrap();
            (r[trainee].to_string(), r[received].to_string())
        })
        .collect();
    rows.sort();
    assert_eq!(
        rows,
        vec![("Dina".into(), "1".into()), ("Eli".into(), "0".into())]
    );
}

/// A trainee's link wakes the app's window when how it stands changes (answers delivered), and not
/// while nothing changes: the window draws on input only, so an idle class costs no CPU.
#[test]
fn a_link_wakes_the_window_when_answers_arrive_and_not_while_nothing_changes() {
    use std::sync::atomic::{AtomicUsize, Ordering};
    let course = course();
    let station_dir = tempfile::tempdir().unwrap();
    let own = tempfile::tempdir().unwrap();
    let server = start_station(&course, station_dir.path(), loopback());
    let at = station(&server);
    let bench = Benchmarks::new(&course.scenario);
    let mut t = Trainee::join(&course, own.path(), "anna", &at);
    let wakes = Arc::new(AtomicUsize::new(0));
    let counted = Arc::clone(&wakes);
    t.link.set_waker(Arc::new(move || {
        counted.fetch_add(1, Ordering::SeqCst);
    }));
    t.play(&bench, 1, 5);
    let state = t.link.wait_delivered(DELIVERY_LIMIT);
    assert!(state.all_delivered(), "{state:?}");
    // The waker runs after the state is published: give it a moment.
    std::thread::sleep(Duration::from_millis(200));
    let after_answers = wakes.load(Ordering::SeqCst);
    assert!(after_answers > 0, "delivered answers wake the window");
    std::thread::sleep(Duration::from_secs(3));
    assert_eq!(
        wakes.load(Ordering::SeqCst),
        after_answers,
        "no wake while nothing changes"
    );
    server.stop();
}

/// The station's window is woken when a request changes the class (a join, an answer), not by the
/// trainees' apps asking every second how their runs stand: an idle class costs the station no
/// CPU.
#[test]
fn the_station_wakes_on_answers_and_not_on_the_trainees_status_polls() {
    use std::sync::atomic::{AtomicUsize, Ordering};
    let course = course();
    let station_dir = tempfile::tempdir().unwrap();
    let own = tempfile::tempdir().unwrap();
    let server = start_station(&course, station_dir.path(), loopback());
    let wakes = Arc::new(AtomicUsize::new(0));
    let counted = Arc::clone(&wakes);
    server.set_waker(Arc::new(move || {
        counted.fetch_add(1, Ordering::SeqCst);
    }));
    let at = station(&server);
    let bench = Benchmarks::new(&course.scenario);
    let mut t = Trainee::join(&course, own.path(), "anna", &at);
    t.play(&bench, 1, 5);
    let state = t.link.wait_delivered(DELIVERY_LIMIT);
    assert!(state.all_delivered(), "{state:?}");
    std::thread::sleep(Duration::from_millis(300));
    let after_answers = wakes.load(Ordering::SeqCst);
    assert!(
        after_answers >= 5,
        "the join and the answers wake it: {after_answers}"
    );
    // The link asks how the run stands every second meanwhile.
    std::thread::sleep(Duration::from_secs(4));
    assert_eq!(
        wakes.load(Ordering::SeqCst),
        after_answers,
        "no wake while nothing changes"
    );
    server.stop();
}
