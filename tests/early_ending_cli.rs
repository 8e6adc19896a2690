//! Cases that end before a checkpoint (front-loaded dropout): the forecasts never asked are absent —
//! not zero, not silently dropped — in the run file, the scores, the report and the cohort's JSON and
//! CSV, and no bot answers where the case did not reach.
//!
//! `tests/scenarios/early-ending.ron` has checkpoints after sessions 0, 2 and 4 of 6; at seed 3 the
//! clients of cases 7 and 9 came to session 1 only, and no other client stopped before session 4
//! (`ontrack case tests/scenarios/early-ending.ron --seed 3 --case 7`). So a run has 10 × 3 − 4 = 26
//! forecasts.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may fail loudly

mod common;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use common::ontrack;
use ontrack::forecast::Benchmarks;
use ontrack::run::bots::{Bot, play};
use ontrack::run::{Action, Due, Phase, Session, open};
use ontrack::scenario::resolve;

const SCENARIO: &str = "tests/scenarios/early-ending.ron";
const SEED: &str = "3";

/// Plays a whole run with `bot` through `ontrack play`; the run file's path.
fn play_cli(dir: &Path, bot: &str, trainee: &str) -> PathBuf {
    let (code, stdout, stderr) = ontrack(&[
        "--lang",
        "en",
        "--results",
        dir.to_str().unwrap(),
        "play",
        SCENARIO,
        "--bot",
        bot,
        "--seed",
        SEED,
        "--trainee",
        trainee,
    ]);
    assert_eq!(code, 0, "{bot}: {stderr}");
    PathBuf::from(stdout.trim())
}

#[test]
fn bots_skip_the_checkpoints_a_case_never_reached_and_scores_leave_them_out() {
    let dir = tempfile::tempdir().unwrap();
    let runs = dir.path().join("runs");
    let mut files = Vec::new();
    for bot in Bot::ALL {
        let path = play_cli(&runs, bot.name(), bot.name());
        // The run file: no forecast at a checkpoint after the client's last session.
        let opened = open(&path).unwrap();
        assert_eq!(opened.run.phase(), Phase::Finished, "{}", bot.name());
        for case in 0..10 {
            let given: Vec<u32> = opened
                .run
                .answers(case)
                .unwrap()
                .forecasts
                .iter()
                .map(|f| f.0)
                .collect();
            let expected = if case == 6 || case == 8 {
                vec![0]
            } else {
                vec![0, 2, 4]
            };
            assert_eq!(given, expected, "{}: case {}", bot.name(), case + 1);
        }
        let forecasts = opened
            .file
            .log
            .iter()
            .filter(|e| matches!(e.action, Action::Forecast { .. }))
            .count();
        assert_eq!(forecasts, 26, "{}", bot.name());
        files.push(path);
    }

    // `ontrack score --json`: 26 forecasts scored, the benchmarks on the same 26, the Brier score
    // the mean over those alone; the rows of the checkpoints never reached are null.
    let typical = files[Bot::ALL.iter().position(|b| *b == Bot::Typical).unwrap()].clone();
    let (code, stdout, stderr) = ontrack(&["score", typical.to_str().unwrap(), "--json"]);
    assert_eq!(code, 0, "{stderr}");
    let scored: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(scored["forecasts"]["n"], 26);
    assert_eq!(scored["stopped_early"], 2);
    assert_eq!(scored["absent_forecasts"], 4);
    for b in ["ideal", "actuarial", "base_rate"] {
        assert_eq!(scored["benchmarks"][b]["n"], 26, "{b}");
    }
    let cases = scored["case_forecasts"].as_array().unwrap();
    assert_eq!(cases.len(), 10);
    let (mut sum, mut n) = (0.0, 0);
    for c in cases {
        let rows = c["forecasts"].as_array().unwrap();
        let checkpoints: Vec<u64> = rows
            .iter()
            .map(|r| r["checkpoint"].as_u64().unwrap())
            .collect();
        assert_eq!(checkpoints, [0, 2, 4], "every checkpoint has a row");
        let stopped = c["case"] == 7 || c["case"] == 9;
        assert_eq!(
            c["stopped_after"],
            if stopped {
                serde_json::json!(1)
            } else {
                serde_json::Value::Null
            }
        );
        let y = if c["deteriorated"].as_bool().unwrap() {
            1.0
        } else {
            0.0
        };
        for r in rows {
            let absent = stopped && r["checkpoint"] != 0;
            for who in ["trainee", "ideal", "actuarial", "base_rate"] {
                assert_eq!(
                    r[who].is_null(),
                    absent,
                    "case {} at {}: {who}",
                    c["case"],
                    r["checkpoint"]
                );
            }
            if let Some(p) = r["trainee"].as_f64() {
                sum += (p - y) * (p - y);
                n += 1;
            }
        }
    }
    assert_eq!(n, 26);
    let brier = scored["forecasts"]["brier"].as_f64().unwrap();
    assert!(
        (brier - sum / 26.0).abs() < 1e-12,
        "{brier} against {}",
        sum / 26.0
    );

    // The report says how many clients stopped and how many forecasts were never asked.
    let (code, report, stderr) = ontrack(&["--lang", "en", "report", typical.to_str().unwrap()]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        report.contains("2 of the 10 clients stopped coming before the last checkpoint. The 4 forecasts at the checkpoints after their last session were never asked"),
        "{report}"
    );
    assert!(report.contains("10 cases, 26 forecasts"), "{report}");
    let (_, rapport, _) = ontrack(&["--lang", "nl", "report", typical.to_str().unwrap()]);
    assert!(
        rapport.contains("2 van de 10 cliënten kwamen vóór het laatste meetmoment niet meer"),
        "{rapport}"
    );

    // The cohort: text, JSON, the run CSV and the forecasts CSV.
    let csv = dir.path().join("cohort.csv");
    let long = dir.path().join("forecasts.csv");
    let (code, stdout, stderr) = ontrack(&[
        "--lang",
        "en",
        "cohort",
        runs.to_str().unwrap(),
        "--csv",
        csv.to_str().unwrap(),
        "--forecasts-csv",
        long.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stdout
            .contains("2 of these clients (cases 7, 9) stopped coming before the last checkpoint"),
        "{stdout}"
    );
    let (code, json, stderr) = ontrack(&["cohort", runs.to_str().unwrap(), "--json"]);
    assert_eq!(code, 0, "{stderr}");
    let cohort: serde_json::Value = serde_json::from_str(&json).unwrap();
    let listed = cohort["runs"].as_array().unwrap();
    assert_eq!(listed.len(), Bot::ALL.len());
    for r in listed {
        assert_eq!(r["forecasts"]["n"], 26, "{}", r["trainee"]);
        let case7 = &r["case_forecasts"][6];
        assert_eq!(case7["case"], 7);
        assert_eq!(case7["forecasts"][1]["checkpoint"], 2);
        assert!(case7["forecasts"][1]["trainee"].is_null(), "{case7}");
        assert!(case7["forecasts"][2]["ideal"].is_null(), "{case7}");
        assert!(case7["forecasts"][0]["trainee"].is_number(), "{case7}");
    }
    let mut reader = csv::Reader::from_path(&csv).unwrap();
    let header = reader.headers().unwrap().clone();
    let column = |name: &str| header.iter().position(|h| h == name).unwrap();
    for row in reader.records() {
        let row = row.unwrap();
        assert_eq!(&row[column("forecasts")], "26");
        assert_eq!(&row[column("stopped_early")], "2");
        assert_eq!(&row[column("absent_forecasts")], "4");
    }
    let mut reader = csv::Reader::from_path(&long).unwrap();
    let header = reader.headers().unwrap().clone();
    let column = |name: &str| header.iter().position(|h| h == name).unwrap();
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(
        rows.len(),
        Bot::ALL.len() * 10 * 3,
        "a row per run, case and checkpoint"
    );
    let mut empty = 0;
    for row in &rows {
        let stopped = matches!(&row[column("case")], "7" | "9");
        let absent = stopped && &row[column("checkpoint")] != "0";
        assert_eq!(
            &row[column("stopped_after")],
            if stopped { "1" } else { "" }
        );
        for who in ["forecast", "ideal", "actuarial", "base_rate"] {
            assert_eq!(row[column(who)].is_empty(), absent, "{row:?}");
        }
        empty += usize::from(absent);
    }
    assert_eq!(empty, Bot::ALL.len() * 4);
}

/// A crash in the case that ended early, after the session the client did not come to was shown:
/// the run reads back there, with no forecast due, and resumes to the end.
#[test]
fn a_run_that_crashed_where_the_client_stopped_reads_back_and_resumes() {
    let dir = tempfile::tempdir().unwrap();
    let scenario = Arc::new(resolve(SCENARIO).unwrap());
    let mut session = Session::start(dir.path(), Arc::clone(&scenario), 3, "crash", "").unwrap();
    let path = session.path().to_path_buf();
    while session.run().phase() != (Phase::Reading { case: 6, seen: 2 }) {
        let action = match session.run().due() {
            Due::Forecast { .. } => Action::Forecast { percent: 15 },
            Due::Classify { event } => Action::ClassifyEvent {
                event,
                class: ontrack::scenario::format::LindenClass::Unrelated,
            },
            Due::NextSession => Action::NextSession,
            Due::Reveal => Action::Reveal,
            Due::NextCase => Action::NextCase,
            Due::Finished => panic!("case 7 was never read to session 2"),
        };
        session.apply(action).unwrap();
    }
    drop(session);
    // The crash also cut a line being appended (never reported saved): it is left out.
    let mut text = std::fs::read(&path).unwrap();
    text.extend_from_slice(b"(at: \"2026-12-07T00:00:00Z\", action: Forec");
    std::fs::write(&path, text).unwrap();

    let opened = open(&path).unwrap();
    assert_eq!(opened.run.phase(), Phase::Reading { case: 6, seen: 2 });
    assert!(
        !matches!(opened.run.due(), Due::Forecast { .. } | Due::NextSession),
        "{:?}",
        opened.run.due()
    );
    assert_eq!(opened.run.answers(6).unwrap().forecasts, vec![(0, 15)]);

    let mut session = Session::resume(&path).unwrap();
    assert!(
        session.apply(Action::Forecast { percent: 50 }).is_err(),
        "no forecast at session 2"
    );
    let bench = Benchmarks::new(&scenario);
    play(&mut session, &bench, Bot::Ideal, 3, &mut |_| {}).unwrap();
    let done = open(&path).unwrap();
    assert_eq!(done.run.phase(), Phase::Finished);
    assert_eq!(done.run.answers(6).unwrap().forecasts, vec![(0, 15)]);
    let given: usize = done
        .run
        .all_answers()
        .iter()
        .map(|a| a.forecasts.len())
        .sum();
    assert_eq!(given, 26);
}
