//! Both ends of a live class from the command line, on loopback: `ontrack station` runs the class,
//! bots play into it with `ontrack play --live` while 64 slowloris connections run against it, and
//! SIGTERM ends the class with its record complete: every bot's run file is in the station's
//! folder, byte for byte.

#![cfg(unix)]
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may fail loudly

mod common;

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use ontrack::live::class::LIVE_RUN_SUFFIX;
use ontrack::run::code;
use ontrack::scenario::resolve;

const SCENARIO: &str = "tests/scenarios/minimal.ron";
/// Bots in the test (the README reports a run with 40 by hand).
const BOTS: usize = 12;
/// The longest the class may take (a bound, not a measurement).
const LIMIT: Duration = Duration::from_secs(180);

fn ontrack() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_ontrack"));
    cmd.current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(["--lang", "en"]);
    cmd
}

/// Waits for `child` to end, at most until `until`; kills it then.
fn wait(child: &mut Child, until: Instant) -> std::process::ExitStatus {
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            return status;
        }
        if Instant::now() > until {
            let _ = child.kill();
            panic!("a process did not end in time");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// The station's copies of runs.
fn records(dir: &Path) -> Vec<PathBuf> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().ends_with(LIVE_RUN_SUFFIX))
        .collect()
}

#[test]
fn bots_play_into_a_station_under_slowloris_and_sigterm_ends_it_with_the_record_complete() {
    let until = Instant::now() + LIMIT;
    let scenario = resolve(SCENARIO).unwrap();
    let course = code::encode(&scenario.course_prefix(), 9).unwrap();
    let station_dir = tempfile::tempdir().unwrap();
    let mut station = ontrack()
        .args(["--scenario-file", SCENARIO, "station"])
        .arg(station_dir.path())
        .args(["--code", &course, "--port", "0", "--bind", "127.0.0.1"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(station.stdout.take().unwrap()).lines();
    let (mut address, mut pin) = (None, None);
    while pin.is_none() {
        let line = lines.next().expect("the station prints its PIN").unwrap();
        if let Some(a) = line.strip_prefix("Address: ") {
            address = Some(a.to_string());
        }
        if let Some(p) = line.strip_prefix("PIN: ") {
            pin = Some(p.to_string());
        }
    }
    let (address, pin) = (address.expect("an address line"), pin.unwrap());
    assert_eq!(pin.len(), 6, "{pin}");

    let attack = common::siege::slowloris(address.parse().unwrap(), 64, Duration::from_secs(3));
    std::thread::sleep(Duration::from_secs(2));
    let own = tempfile::tempdir().unwrap();
    let mut bots: Vec<Child> = (0..BOTS)
        .map(|i| {
            ontrack()
                .arg("--results")
                .arg(own.path().join(format!("bot-{i}")))
                .args(["play", SCENARIO, "--bot", "ideal", "--code", &course])
                .args(["--trainee", &format!("bot-{i:02}"), "--pace-ms", "20"])
                .args(["--live", &address, "--pin", &pin])
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    let mut own_files = Vec::new();
    for bot in &mut bots {
        let status = wait(bot, until);
        let mut out = String::new();
        std::io::Read::read_to_string(bot.stdout.as_mut().unwrap(), &mut out).unwrap();
        let mut err = String::new();
        std::io::Read::read_to_string(bot.stderr.as_mut().unwrap(), &mut err).unwrap();
        assert!(status.success(), "{status}: {err}");
        assert!(err.contains("answers are at the station"), "{err}");
        own_files.push(PathBuf::from(out.trim()));
    }
    drop(attack);

    let killed = Command::new("kill")
        .args(["-TERM", &station.id().to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    let status = wait(&mut station, until);
    assert!(
        status.success(),
        "the station ends cleanly on SIGTERM: {status}"
    );
    let rest: Vec<String> = lines.map(Result::unwrap).collect();
    assert!(
        rest.iter()
            .any(|l| l.starts_with(&format!("The class has ended: {BOTS} runs"))),
        "{rest:?}"
    );

    let records = records(station_dir.path());
    assert_eq!(records.len(), BOTS);
    for own in &own_files {
        let bytes = std::fs::read(own).unwrap();
        assert!(
            records.iter().any(|r| std::fs::read(r).unwrap() == bytes),
            "the station holds {} byte for byte",
            own.display()
        );
    }
}
