//! The station's record of a live class has one writer: a second station on the same folder (in
//! this process, or `ontrack station` started twice) is refused at once, naming the first; and a
//! receipt beside a run that is larger than a receipt can be is refused with a message that names
//! the limit, before it is read.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may fail loudly

use std::io::{BufRead, BufReader, Read};
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use ontrack::files::read::Kind;
use ontrack::live::class::{Class, LIVE_RUN_SUFFIX, RECEIPT_SUFFIX};
use ontrack::run::code;
use ontrack::scenario::{Scenario, resolve};

const PIN: &str = "424242";
const SEED: u64 = 11;

fn scenario() -> Arc<Scenario> {
    Arc::new(resolve("tests/scenarios/minimal.ron").unwrap())
}

fn course_code(s: &Scenario) -> String {
    code::encode(&s.course_prefix(), SEED).unwrap()
}

#[test]
fn a_second_station_on_the_same_folder_is_refused_naming_the_first() {
    let dir = tempfile::tempdir().unwrap();
    let s = scenario();
    let code = course_code(&s);
    let first = Class::open(&code, Arc::clone(&s), SEED, PIN, dir.path()).expect("the first");
    let start = Instant::now();
    let Err(refused) = Class::open(&code, Arc::clone(&s), SEED, PIN, dir.path()) else {
        panic!("a second station on the same folder was let in");
    };
    assert!(start.elapsed() < Duration::from_secs(2), "refused at once");
    let message = refused.to_string();
    assert!(
        message.contains("another live class station")
            && message.contains(&format!("process {}", std::process::id())),
        "{message}"
    );
    // Another folder is another record; and once the first station stops, the folder is free.
    let other = tempfile::tempdir().unwrap();
    drop(Class::open(&code, Arc::clone(&s), SEED, PIN, other.path()).expect("another folder"));
    drop(first);
    Class::open(&code, s, SEED, PIN, dir.path()).expect("free once the first has stopped");
}

#[test]
fn ontrack_station_started_twice_on_one_folder_refuses_the_second_naming_the_first() {
    let dir = tempfile::tempdir().unwrap();
    let record = dir.path().join("class");
    let code = course_code(&scenario());
    let args = |cmd: &mut Command| {
        cmd.args([
            "--lang",
            "en",
            "--scenario-file",
            "tests/scenarios/minimal.ron",
        ])
        .arg("station")
        .arg(&record)
        .args(["--code", &code, "--port", "0", "--bind", "127.0.0.1"])
        .current_dir(env!("CARGO_MANIFEST_DIR"));
    };
    let mut first = Command::new(env!("CARGO_BIN_EXE_ontrack"));
    args(&mut first);
    let mut first = first
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    // Running once it says where the record is kept.
    let mut lines = BufReader::new(first.stdout.take().unwrap()).lines();
    let running = lines.next().and_then(Result::ok).unwrap_or_default();
    assert!(running.contains("Live class of course"), "{running}");

    let mut second = Command::new(env!("CARGO_BIN_EXE_ontrack"));
    args(&mut second);
    let mut second = second
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // A second station that ran would wait for Ctrl-C: it is given 10 s, then stopped.
    let start = Instant::now();
    let status = loop {
        if let Some(status) = second.try_wait().unwrap() {
            break Some(status);
        }
        if start.elapsed() > Duration::from_secs(10) {
            let _ = second.kill();
            let _ = second.wait();
            break None;
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let took = start.elapsed();
    let _ = first.kill();
    let _ = first.wait();
    let mut stderr = String::new();
    let _ = second.stderr.take().unwrap().read_to_string(&mut stderr);
    assert!(
        status.is_some_and(|s| !s.success()),
        "the second station ran: {stderr}"
    );
    assert!(
        took < Duration::from_secs(5),
        "refused at once, not after {took:?}"
    );
    assert!(
        stderr.contains("another live class station")
            && stderr.contains(&format!("process {}", first.id()))
            && stderr.contains("`ontrack station`"),
        "{stderr}"
    );
}

#[test]
fn a_receipt_larger_than_a_receipt_can_be_is_refused_naming_the_limit() {
    let dir = tempfile::tempdir().unwrap();
    let s = scenario();
    let code = course_code(&s);
    let stem = dir.path().join("anna_minimal_x");
    let run = stem.with_file_name(format!("anna_minimal_x{LIVE_RUN_SUFFIX}"));
    std::fs::write(&run, "not read").unwrap();
    let receipt = stem.with_file_name(format!("anna_minimal_x{RECEIPT_SUFFIX}"));
    // Sparse: the size says it all, and nothing of it is read.
    let f = std::fs::File::create(&receipt).unwrap();
    f.set_len(Kind::Receipt.limit() + 1).unwrap();
    let start = Instant::now();
    let class = Class::open(&code, s, SEED, PIN, dir.path()).expect("the station opens");
    assert!(start.elapsed() < Duration::from_secs(2));
    let [problem] = class.problems.as_slice() else {
        panic!("one problem expected: {:?}", class.problems);
    };
    let problem = problem.to_string();
    assert!(
        problem.contains(&receipt.display().to_string())
            && problem.contains("larger than 16 MiB")
            && problem.contains("receipt"),
        "{problem}"
    );
}

#[test]
fn cohort_lists_a_receipt_larger_than_a_receipt_can_be_and_scores_its_run_as_handed_in() {
    let dir = tempfile::tempdir().unwrap();
    let s = scenario();
    let bench = ontrack::forecast::Benchmarks::new(&s);
    let mut session =
        ontrack::run::Session::start(&dir.path().join("own"), Arc::clone(&s), SEED, "anna", "")
            .unwrap();
    ontrack::run::bots::play(
        &mut session,
        &bench,
        ontrack::run::bots::Bot::Typical,
        SEED,
        &mut |_| {},
    )
    .unwrap();
    let record = dir.path().join("record");
    std::fs::create_dir(&record).unwrap();
    std::fs::copy(
        session.path(),
        record.join(format!("anna{LIVE_RUN_SUFFIX}")),
    )
    .unwrap();
    let receipt = std::fs::File::create(record.join(format!("anna{RECEIPT_SUFFIX}"))).unwrap();
    receipt.set_len(Kind::Receipt.limit() + 1).unwrap();

    let out = Command::new(env!("CARGO_BIN_EXE_ontrack"))
        .args(["--lang", "en", "cohort", "--json"])
        .arg(&record)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{text}");
    let cohort: serde_json::Value = serde_json::from_str(&text).unwrap();
    let others = cohort["others"].as_array().unwrap();
    let listed = others
        .iter()
        .find(|o| o["file"].as_str().unwrap().ends_with(RECEIPT_SUFFIX))
        .unwrap_or_else(|| panic!("the receipt is not listed: {text}"));
    let reason = listed["reason"].as_str().unwrap();
    assert!(
        reason.contains("larger than 16 MiB") && reason.contains("counts as a file handed in"),
        "{reason}"
    );
    let runs = cohort["runs"].as_array().unwrap();
    assert_eq!(runs.len(), 1, "{text}");
    assert_eq!(
        runs[0]["received_live"],
        serde_json::Value::Bool(false),
        "{text}"
    );
}
