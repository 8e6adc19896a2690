//! Nothing acknowledged is lost: a run is played in a child process that is killed with SIGKILL at
//! random moments; every answer the child reported as saved must be in the file, and every file must
//! load, verify and resume to the end (or, killed after its last answer, verify as finished).

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may fail loudly

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use ontrack::forecast::Benchmarks;
use ontrack::run::bots::{Bot, play};
use ontrack::run::{Phase, Session, load_run, open};
use rand::{RngExt, SeedableRng};

const KILLS: usize = 100;

#[test]
fn killed_runs_keep_every_acknowledged_answer_and_resume() {
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(99);
    let mut resumed = 0;
    for round in 0..KILLS {
        let dir = tempfile::tempdir().unwrap();
        let mut child = Command::new(env!("CARGO_BIN_EXE_ontrack"))
            .args([
                "--lang",
                "en",
                "play",
                "tests/scenarios/minimal.ron",
                "--bot",
                "ideal",
                "--trainee",
                "crash",
            ])
            .args(["--seed", &round.to_string(), "--ack", "--pace-ms", "1"])
            .arg("--results")
            .arg(dir.path())
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let stdout = child.stdout.take().unwrap();
        let (tx, rx) = mpsc::channel();
        let reader = std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines() {
                let Ok(line) = line else { break };
                if let Some(n) = line.strip_prefix("saved ") {
                    let _ = tx.send(n.parse::<usize>().unwrap());
                }
            }
        });
        // Kill after a random number of acknowledged answers (0 to 60; a run of this scenario has
        // 61 to 64 since the id-keyed case streams, and an appended answer takes well under a
        // millisecond), or after a random time, whichever comes first.
        let target = rng.random_range(0..60usize);
        let deadline = Instant::now() + Duration::from_millis(rng.random_range(0..400));
        let mut acknowledged = 0;
        while acknowledged < target && Instant::now() < deadline {
            match rx.recv_timeout(Duration::from_millis(5)) {
                Ok(n) => acknowledged = n,
                Err(mpsc::RecvTimeoutError::Timeout) => {}
                Err(mpsc::RecvTimeoutError::Disconnected) => break,
            }
        }
        child.kill().unwrap(); // SIGKILL on Unix
        child.wait().unwrap();
        reader.join().unwrap();
        while let Ok(n) = rx.try_recv() {
            acknowledged = acknowledged.max(n);
        }

        let files: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|x| x == "ron"))
            .collect();
        if files.is_empty() {
            assert_eq!(
                acknowledged, 0,
                "round {round}: answers acknowledged but no file"
            );
            continue;
        }
        assert_eq!(files.len(), 1, "round {round}: {files:?}");
        let file = load_run(&files[0]).unwrap_or_else(|e| panic!("round {round}: {e}"));
        assert!(
            file.log.len() >= acknowledged,
            "round {round}: {acknowledged} acknowledged, {} on disk",
            file.log.len()
        );
        // A run killed after its last answer is finished: it verifies, and is not resumed.
        if file.finished.is_none() {
            let mut session =
                Session::resume(&files[0]).unwrap_or_else(|e| panic!("round {round}: {e}"));
            let scenario = session.run().scenario_arc();
            let bench = Benchmarks::new(&scenario);
            play(&mut session, &bench, Bot::Ideal, round as u64, &mut |_| {}).unwrap();
            resumed += 1;
        }
        let opened = open(&files[0]).unwrap_or_else(|e| panic!("round {round}: {e}"));
        assert_eq!(opened.run.phase(), Phase::Finished);
        assert!(opened.file.finished.is_some());
    }
    assert!(
        resumed > KILLS / 2,
        "most kills should land mid-run, {resumed} did"
    );
}

/// A crash can cut an answer's line inside a character: a drift kind's key may be any text. The cut
/// line was never saved; the run reads and resumes up to the answer before it (it was unreadable as
/// a whole: "stream did not contain valid UTF-8").
#[test]
fn a_run_cut_inside_a_character_of_its_last_line_reads_up_to_the_answer_before() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string("tests/scenarios/minimal.ron").unwrap();
    let scenario_path = dir.path().join("umlaut.ron");
    std::fs::write(
        &scenario_path,
        text.replace("key: \"talk\"", "key: \"tälk\"")
            .replace("cases_per_run: 10", "cases_per_run: 3"),
    )
    .unwrap();
    let scenario = std::sync::Arc::new(
        ontrack::scenario::resolve(&scenario_path.display().to_string()).unwrap(),
    );
    let bench = Benchmarks::new(&scenario);
    // A run in which the ideal bot flags drift by the kind's name.
    let (bytes, at) = (1..40)
        .find_map(|seed| {
            let runs = dir.path().join(format!("runs-{seed}"));
            let mut s =
                Session::start(&runs, std::sync::Arc::clone(&scenario), seed, "anna", "").unwrap();
            play(&mut s, &bench, Bot::Ideal, seed, &mut |_| {}).unwrap();
            let bytes = std::fs::read(s.path()).unwrap();
            let flag = "kind: Some(\"tälk\")".as_bytes();
            let at = bytes.windows(flag.len()).position(|w| w == flag)?;
            Some((bytes, at + "kind: Some(\"t".len() + 1))
        })
        .expect("a run that flags drift by its kind");
    let line_start = bytes[..at].iter().rposition(|&b| b == b'\n').unwrap() + 1;
    let whole = ontrack::run::parse_run("whole.ron", std::str::from_utf8(&bytes).unwrap()).unwrap();
    let answers_before = String::from_utf8_lossy(&bytes[..line_start])
        .lines()
        .filter(|l| l.starts_with("(at: "))
        .count();
    // Unfinished (the end time is written with the last answer), cut after the first byte of ä.
    let mut torn = bytes[..at].to_vec();
    let finished = torn
        .windows(b"finished: Some(".len())
        .position(|w| w == b"finished: Some(")
        .unwrap();
    let end = finished + torn[finished..].iter().position(|&b| b == b'\n').unwrap();
    torn.splice(finished..end, b"finished: None,".iter().copied());
    let path = dir.path().join("torn.ron");
    std::fs::write(&path, &torn).unwrap();
    assert!(
        std::str::from_utf8(&torn).is_err(),
        "cut inside a character"
    );

    let read = load_run(&path).unwrap_or_else(|e| panic!("the torn run does not read: {e}"));
    assert_eq!(read.log, whole.log[..answers_before]);
    let resumed = Session::resume(&path).unwrap_or_else(|e| panic!("it does not resume: {e}"));
    assert_eq!(resumed.file().log.len(), answers_before);
}
