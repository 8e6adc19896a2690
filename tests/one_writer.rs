//! One writer per run: two processes resuming one run, or two sessions of one process (two app
//! windows on one results folder): the second is refused at once, naming the first, and every
//! answer the first said was saved is in the file, which `cohort` scores.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may fail loudly

mod common;

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use ontrack::run::store::run_file_name;
use ontrack::run::{Session, SessionError, load_run};
use ontrack::scenario::resolve;

fn new_run(dir: &std::path::Path) -> std::path::PathBuf {
    let scenario = Arc::new(resolve("tests/scenarios/minimal.ron").unwrap());
    let session = Session::start(dir, scenario, 5, "anna", "").unwrap();
    session.path().to_path_buf()
}

#[test]
fn a_second_play_resume_is_refused_and_the_first_keeps_every_saved_answer() {
    let dir = tempfile::tempdir().unwrap();
    let run = new_run(dir.path());
    let mut first = Command::new(env!("CARGO_BIN_EXE_ontrack"))
        .args([
            "--lang",
            "en",
            "play",
            "--bot",
            "ideal",
            "--ack",
            "--pace-ms",
            "15",
        ])
        .arg("--resume")
        .arg(&run)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let stdout = first.stdout.take().unwrap();
    let (tx, rx) = mpsc::channel();
    let reader = std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines() {
            let Ok(line) = line else { break };
            if let Some(n) = line.strip_prefix("saved ") {
                let _ = tx.send(n.parse::<usize>().unwrap());
            }
        }
    });
    // The first writer has saved an answer: it holds the run.
    let saved = rx.recv_timeout(Duration::from_secs(30)).unwrap();
    assert!(saved >= 1);

    let started = Instant::now();
    let second = Command::new(env!("CARGO_BIN_EXE_ontrack"))
        .args(["--lang", "en", "play", "--bot", "random", "--ack"])
        .arg("--resume")
        .arg(&run)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    let refused_in = started.elapsed();
    let stderr = String::from_utf8_lossy(&second.stderr);
    assert_eq!(second.status.code(), Some(2), "{stderr}");
    assert!(
        !String::from_utf8_lossy(&second.stdout).contains("saved"),
        "the second writer saved nothing"
    );
    assert!(
        stderr.contains(&format!("process {}", first.id())) && stderr.contains("ontrack play"),
        "the message names the first writer: {stderr}"
    );
    assert!(refused_in < Duration::from_secs(5), "refused at once");

    let status = first.wait().unwrap();
    reader.join().unwrap();
    assert!(status.success());
    let mut acknowledged = saved;
    while let Ok(n) = rx.try_recv() {
        acknowledged = acknowledged.max(n);
    }
    let file = load_run(&run).unwrap();
    assert_eq!(
        file.log.len(),
        acknowledged,
        "every answer said saved is in the file, and no other"
    );
    assert!(file.finished.is_some());

    let (code, out, err) = common::ontrack(&[
        "--lang",
        "en",
        "cohort",
        &dir.path().display().to_string(),
        "--json",
    ]);
    assert_eq!(code, 0, "{err}");
    let cohort: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(cohort["runs"].as_array().map(Vec::len), Some(1), "{out}");
    assert_eq!(cohort["runs"][0]["trainee"], "anna");
    assert_eq!(
        cohort["rejected"].as_array().map(Vec::len),
        Some(0),
        "{out}"
    );
}

#[test]
fn two_sessions_of_one_process_on_one_run_the_second_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let run = new_run(dir.path());
    let first = Session::resume(&run).unwrap();
    match Session::resume(&run) {
        Err(SessionError::Locked(e)) => {
            let message = e.to_string();
            assert!(
                message.contains(&format!("process {}", std::process::id())),
                "{message}"
            );
        }
        Err(other) => panic!("refused for another reason: {other}"),
        Ok(_) => panic!("a second writer of one run was let in"),
    }
    drop(first);
    assert!(Session::resume(&run).is_ok(), "free once the first is gone");
}

#[test]
fn a_new_run_never_takes_an_existing_files_name() {
    let dir = tempfile::tempdir().unwrap();
    let scenario = Arc::new(resolve("tests/scenarios/minimal.ron").unwrap());
    // Every name a run of anna started in the next 300 ms could take is already there.
    let now = jiff::Timestamp::now();
    let taken: Vec<_> = (0..300)
        .map(|ms| {
            let at = now
                .checked_add(jiff::SignedDuration::from_millis(ms))
                .unwrap();
            dir.path()
                .join(run_file_name("anna", &scenario.file.id, at, 5))
        })
        .collect();
    for path in &taken {
        std::fs::write(path, "someone else's file").unwrap();
    }
    let session = Session::start(dir.path(), scenario, 5, "anna", "").unwrap();
    assert!(!taken.contains(&session.path().to_path_buf()));
    for path in &taken {
        assert_eq!(
            std::fs::read_to_string(path).unwrap(),
            "someone else's file"
        );
    }
    let file = load_run(session.path()).unwrap();
    assert_eq!(
        session.path().file_name().unwrap().to_string_lossy(),
        run_file_name("anna", &file.scenario.id, file.started, 5),
        "the run keeps the name OnTrack gives it"
    );
}

#[test]
fn a_run_file_of_schema_2_is_refused_naming_the_version_that_wrote_it() {
    use ontrack::forecast::Benchmarks;
    use ontrack::run::bots::{Bot, BotPlayer};
    let dir = tempfile::tempdir().unwrap();
    let scenario = Arc::new(resolve("tests/scenarios/minimal.ron").unwrap());
    let bench = Benchmarks::new(&scenario);
    let mut s = Session::start(dir.path(), Arc::clone(&scenario), 5, "anna", "").unwrap();
    let mut player = BotPlayer::new(Bot::Typical, &bench, 5);
    for _ in 0..6 {
        let action = player.next_action(s.run()).unwrap();
        s.apply(action).unwrap();
    }
    let path = s.path().to_path_buf();
    let mut old = s.file().clone();
    drop(s);
    // As OnTrack before schema 3 wrote it: one RON value, the answers in its log, its cases drawn
    // from streams keyed by the seed alone.
    old.schema = 2;
    let whole =
        ron::ser::to_string_pretty(&old, ron::ser::PrettyConfig::new().depth_limit(3)).unwrap();
    assert!(whole.contains("schema: 2,") && whole.contains("log: ["));
    std::fs::write(&path, &whole).unwrap();
    let err = Session::resume(&path).err().expect("refused").to_string();
    assert!(
        err.contains("run file schema 2")
            && err.contains("open it with the OnTrack version that wrote it"),
        "{err}"
    );
    // The file is left as it was.
    assert_eq!(std::fs::read_to_string(&path).unwrap(), whole);
}
