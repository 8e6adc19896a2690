//! Whether a trainer can trust `ontrack cohort`: a run handed in twice counts once, the CSV never
//! lands on the runs it was made from, edited scenarios and unfinished runs are told apart, and
//! identical forecasts get identical intervals.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may fail loudly

mod common;

use common::handed_in_twice;

/// Runs `ontrack` in English: these tests read the English texts (the Dutch ones are in lang_cli).
fn ontrack(args: &[&str]) -> (i32, String, String) {
    let mut all = vec!["--lang", "en"];
    all.extend_from_slice(args);
    common::ontrack(&all)
}

use std::path::{Path, PathBuf};
use std::sync::Arc;

use ontrack::forecast::Benchmarks;
use ontrack::run::Session;
use ontrack::run::bots::{Bot, play};
use ontrack::scenario::resolve;

fn cohort_json(dir: &Path) -> serde_json::Value {
    let (code, stdout, stderr) = ontrack(&["cohort", dir.to_str().unwrap(), "--json"]);
    assert_eq!(code, 0, "{stderr}");
    serde_json::from_str(&stdout).unwrap()
}

/// A run's JSON without the file it came from.
fn without_file(run: &serde_json::Value) -> serde_json::Value {
    let mut run = run.clone();
    run.as_object_mut().unwrap().remove("file");
    run
}

#[test]
fn a_run_handed_in_twice_counts_once() {
    let h = handed_in_twice();
    let alone = cohort_json(&h.alone);
    let twice = cohort_json(&h.twice);
    let runs = twice["runs"].as_array().unwrap();
    assert_eq!(runs.len(), 1, "one row for bob");
    assert_eq!(
        runs[0]["file"],
        h.original.display().to_string(),
        "the file under its own name is kept"
    );
    assert_eq!(
        runs[0]["finished"], true,
        "the copy that goes furthest is kept"
    );
    assert_eq!(without_file(&runs[0]), without_file(&alone["runs"][0]));

    let rejected = twice["rejected"].as_array().unwrap();
    assert_eq!(rejected.len(), 2);
    let reason = |path: &Path| -> String {
        rejected
            .iter()
            .find(|r| r["file"] == path.display().to_string())
            .unwrap_or_else(|| panic!("{} not listed", path.display()))["reason"]
            .as_str()
            .unwrap()
            .to_string()
    };
    let kept = h.original.display().to_string();
    let copy = reason(&h.copy);
    assert!(
        copy.contains("same run as") && copy.contains(&kept),
        "{copy}"
    );
    let early = reason(&h.early);
    assert!(
        early.contains("same run as")
            && early.contains(&kept)
            && early.contains("earlier stage (8 of"),
        "{early}"
    );

    // The table: bob on one row, both extra files named with the reason.
    let (code, table, _) = ontrack(&["cohort", h.twice.to_str().unwrap()]);
    assert_eq!(code, 0);
    let rows = table.lines().filter(|l| l.starts_with("bob")).count();
    assert_eq!(rows, 1, "{table}");
    assert!(table.contains(&format!(
        "{}: the same run as {kept} (a copy)",
        h.copy.display()
    )));
    assert!(table.contains(&format!(
        "{}: the same run as {kept} at an earlier stage",
        h.early.display()
    )));

    // The CSV: the same row as for the run alone, but for the file.
    let csv_of = |dir: &Path, name: &str| -> Vec<Vec<String>> {
        let out = dir.parent().unwrap().join(name);
        let (code, _, stderr) = ontrack(&[
            "cohort",
            dir.to_str().unwrap(),
            "--csv",
            out.to_str().unwrap(),
        ]);
        assert_eq!(code, 0, "{stderr}");
        let mut reader = csv::Reader::from_path(&out).unwrap();
        reader
            .records()
            .map(|r| r.unwrap().iter().skip(1).map(String::from).collect())
            .collect()
    };
    assert_eq!(csv_of(&h.twice, "twice.csv"), csv_of(&h.alone, "alone.csv"));
}

/// Item 1: the CSV never lands inside the folder read, nor on an existing file unless `--force`.
#[test]
fn the_csv_is_never_written_over_runs_or_over_a_file_unasked() {
    let h = handed_in_twice();
    let dir = h.twice.to_str().unwrap();
    let before = std::fs::read(&h.original).unwrap();
    for inside in [
        h.original.clone(),
        h.twice.join("cohort.csv"),
        h.twice.join("../twice/cohort.csv"),
    ] {
        let (code, _, stderr) =
            ontrack(&["cohort", dir, "--csv", inside.to_str().unwrap(), "--force"]);
        assert_eq!(code, 2, "{}", inside.display());
        assert!(
            stderr.contains("inside the folder of run files"),
            "{stderr}"
        );
    }
    assert_eq!(
        std::fs::read(&h.original).unwrap(),
        before,
        "the run file is untouched"
    );
    assert!(!h.twice.join("cohort.csv").exists());

    let out = h.tmp.path().join("cohort.csv");
    std::fs::write(&out, "last week's").unwrap();
    let (code, _, stderr) = ontrack(&["cohort", dir, "--csv", out.to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("exists — name another file, or add --force"),
        "{stderr}"
    );
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "last week's");
    let (code, _, stderr) = ontrack(&["cohort", dir, "--csv", out.to_str().unwrap(), "--force"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        std::fs::read_to_string(&out)
            .unwrap()
            .starts_with("file,trainee,")
    );
}

/// Plays a whole run of `trainee` on `scenario` into `dir`; with `stop_after`, only the file as it
/// was after that many answers stays in `dir` (a run handed in unfinished).
fn run_into(
    dir: &Path,
    scenario: &str,
    seed: u64,
    trainee: &str,
    stop_after: Option<usize>,
) -> PathBuf {
    let scenario = Arc::new(resolve(scenario).unwrap());
    let bench = Benchmarks::new(&scenario);
    let scratch = tempfile::tempdir().unwrap();
    let mut s = Session::start(scratch.path(), Arc::clone(&scenario), seed, trainee, "").unwrap();
    let path = s.path().to_path_buf();
    let target = dir.join(path.file_name().unwrap());
    play(&mut s, &bench, Bot::Typical, seed, &mut |n| {
        if Some(n) == stop_after {
            std::fs::copy(&path, &target).unwrap();
        }
    })
    .unwrap();
    if stop_after.is_none() {
        std::fs::copy(&path, &target).unwrap();
    }
    target
}

/// Item 2: runs of an edited scenario with the same id are grouped apart, each version named.
#[test]
fn an_edited_scenario_with_the_same_id_is_shown_as_another_version() {
    let dir = tempfile::tempdir().unwrap();
    let edited = dir.path().join("minimal-edited.ron.txt");
    let text = std::fs::read_to_string("tests/scenarios/minimal.ron").unwrap();
    std::fs::write(
        &edited,
        text.replace("A small scenario.", "A small scenario, edited."),
    )
    .unwrap();
    let runs = dir.path().join("runs");
    std::fs::create_dir_all(&runs).unwrap();
    run_into(&runs, "tests/scenarios/minimal.ron", 3, "ann", None);
    run_into(&runs, edited.to_str().unwrap(), 3, "ben", None);
    let json = {
        let (code, stdout, stderr) = ontrack(&["cohort", runs.to_str().unwrap(), "--json"]);
        assert_eq!(code, 0, "{stderr}");
        serde_json::from_str::<serde_json::Value>(&stdout).unwrap()
    };
    let hash = |who: &str| -> String {
        json["runs"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["trainee"] == who)
            .unwrap()["scenario_hash"]
            .as_str()
            .unwrap()[..8]
            .to_string()
    };
    assert_ne!(hash("ann"), hash("ben"));
    let (code, table, _) = ontrack(&["cohort", runs.to_str().unwrap()]);
    assert_eq!(code, 0);
    let first = format!("minimal (version 1 of 2, hash {}) — seed 3", hash("ann"));
    let second = format!("minimal (version 2 of 2, hash {}) — seed 3", hash("ben"));
    let (Some(a), Some(b)) = (table.find(&first), table.find(&second)) else {
        panic!("{table}");
    };
    // Each trainee sits under the heading of the version they played, with its own benchmarks.
    let (one, two) = (&table[a..b], &table[b..]);
    assert!(one.contains("\nann ") && !one.contains("\nben "), "{table}");
    assert!(two.contains("\nben ") && !two.contains("\nann "), "{table}");
    assert!(one.contains("[ideal]") && two.contains("[ideal]"));
}

/// Item 3: an unfinished run is marked and compared with the benchmarks on the cases it reached;
/// the table shows when each run started, to tell two runs of one pseudonym apart.
#[test]
fn an_unfinished_run_is_compared_on_the_cases_it_reached() {
    let dir = tempfile::tempdir().unwrap();
    run_into(dir.path(), "tests/scenarios/minimal.ron", 3, "ann", None);
    run_into(
        dir.path(),
        "tests/scenarios/minimal.ron",
        3,
        "cas",
        Some(12),
    );
    run_into(dir.path(), "tests/scenarios/minimal.ron", 3, "cas", None);
    let (code, stdout, stderr) = ontrack(&["cohort", dir.path().to_str().unwrap(), "--json"]);
    assert_eq!(code, 0, "{stderr}");
    let json: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    let runs = json["runs"].as_array().unwrap();
    let unfinished = runs.iter().find(|r| r["finished"] == false).unwrap();
    let reached = unfinished["cases"].as_u64().unwrap();
    assert!((1..10).contains(&reached), "{reached}");
    let (_, table, _) = ontrack(&["cohort", dir.path().to_str().unwrap()]);
    let lines: Vec<&str> = table.lines().collect();
    let at = lines
        .iter()
        .position(|l| l.starts_with("cas (unfinished)"))
        .unwrap_or_else(|| panic!("{table}"));
    // Right under it, the benchmarks on its own cases, with its own numbers.
    for (k, benchmark) in ["actuarial", "base_rate", "ideal"].into_iter().enumerate() {
        let row = lines[at + 1 + k];
        let brier = format!(
            "{:.3}",
            unfinished["benchmarks"][benchmark]["brier"]
                .as_f64()
                .unwrap()
        );
        let cells: Vec<&str> = row.split_whitespace().collect();
        assert_eq!(
            cells[..4],
            ["↳", &format!("[{benchmark}]"), &reached.to_string(), &brier],
            "{row}"
        );
    }
    assert!(table.contains("the ↳ rows under it are the benchmarks on the cases it reached"));
    // Two runs of cas, told apart by their start times.
    let started: Vec<String> = runs
        .iter()
        .filter(|r| r["trainee"] == "cas")
        .map(|r| {
            let t: jiff::Timestamp = r["started"].as_str().unwrap().parse().unwrap();
            t.strftime("%Y-%m-%d %H:%M:%S").to_string()
        })
        .collect();
    assert_eq!(started.len(), 2);
    for t in &started {
        assert!(
            lines
                .iter()
                .any(|l| l.starts_with("cas") && l.contains(t.as_str())),
            "{t}\n{table}"
        );
    }
}

/// Item 5: the same forecasts get the same interval: the base-rate bot's row and the `[base_rate]`
/// row, scored in different places, agree.
#[test]
fn identical_forecasts_get_identical_intervals() {
    let dir = tempfile::tempdir().unwrap();
    let scenario = Arc::new(resolve("depression-cbt-oq45").unwrap());
    let bench = Benchmarks::new(&scenario);
    // A run with at least one deterioration: with none, every Brier resample is the same point.
    let cases = scenario.file.cases_per_run as usize;
    let seed = (1001..)
        .find(|&seed| {
            ontrack::model::generate(&scenario, seed, cases)
                .iter()
                .any(|c| c.outcome == ontrack::model::Outcome::Deteriorated)
        })
        .unwrap();
    let mut s = Session::start(dir.path(), Arc::clone(&scenario), seed, "basey", "").unwrap();
    play(&mut s, &bench, Bot::BaseRate, seed, &mut |_| {}).unwrap();
    let (code, table, stderr) = ontrack(&["cohort", dir.path().to_str().unwrap()]);
    assert_eq!(code, 0, "{stderr}");
    let interval = |starts: &str| -> String {
        let line = table
            .lines()
            .find(|l| l.starts_with(starts))
            .unwrap_or_else(|| panic!("{starts}\n{table}"));
        line.split_whitespace()
            .find(|cell| cell.starts_with('[') && cell.contains('–'))
            .unwrap_or_else(|| panic!("{line}"))
            .to_string()
    };
    let bot = interval("basey");
    assert_eq!(bot, interval("[base_rate]"), "{table}");
    let ends: Vec<f64> = bot
        .trim_matches(['[', ']'])
        .split('–')
        .map(|x| x.parse().unwrap())
        .collect();
    assert!(ends[0] < ends[1], "a real interval, not one point: {bot}");
}

/// Item 9: an OS error is said once, not again by the error chain.
#[test]
fn an_os_error_is_said_once() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("missing");
    let missing = missing.to_str().unwrap();
    let missing_run = format!("{missing}.ron");
    let missing_csv = format!("{missing}.csv");
    for args in [
        vec!["cohort", missing],
        vec!["report", &missing_run],
        vec!["score", &missing_run],
        vec!["score", "--forecasts", &missing_csv],
        vec!["validate", &missing_run],
        vec!["play", "--bot", "ideal", "--resume", &missing_run],
    ] {
        let (code, _, stderr) = ontrack(&args);
        assert_eq!(code, 2, "{args:?}: {stderr}");
        assert_eq!(
            stderr.matches("No such file or directory").count(),
            1,
            "{args:?}: {stderr}"
        );
    }
}

/// Item 9: `score --json` numbers cases from 1, as everywhere else.
#[test]
fn score_json_numbers_cases_from_one() {
    let dir = tempfile::tempdir().unwrap();
    let path = run_into(dir.path(), "tests/scenarios/minimal.ron", 3, "ann", None);
    let (code, stdout, stderr) = ontrack(&["score", path.to_str().unwrap(), "--json"]);
    assert_eq!(code, 0, "{stderr}");
    let json: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    let cases: Vec<u64> = json["case_forecasts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["case"].as_u64().unwrap())
        .collect();
    assert_eq!(cases, (1..=10).collect::<Vec<u64>>());
}

/// Item 9: a folder where nothing could be scored is an error (exit 2), after saying why.
#[test]
fn cohort_fails_when_nothing_could_be_scored() {
    let dir = tempfile::tempdir().unwrap();
    let (code, _, stderr) = ontrack(&["cohort", dir.path().to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("no run file could be scored (0 files not used)"),
        "{stderr}"
    );
    std::fs::write(dir.path().join("broken.ron"), "(").unwrap();
    let out = tempfile::tempdir().unwrap();
    let csv = out.path().join("cohort.csv");
    let (code, stdout, stderr) = ontrack(&[
        "cohort",
        dir.path().to_str().unwrap(),
        "--json",
        "--csv",
        csv.to_str().unwrap(),
    ]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("no run file could be scored (1 files not used)"),
        "{stderr}"
    );
    let json: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(
        json["rejected"].as_array().unwrap().len(),
        1,
        "the reason is still given"
    );
    assert!(!csv.exists(), "no CSV of nothing");
}

/// Item 9: a folder named like a bundled scenario does not hide it.
#[test]
fn a_folder_named_like_a_bundled_scenario_does_not_hide_it() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("first-lesson")).unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_ontrack"))
        .args(["--lang", "en", "validate", "first-lesson"])
        .current_dir(dir.path())
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(stdout.starts_with("first-lesson: ok"), "{stdout}");
}

/// Item 6: cases without a deteriorating client (first-lesson, seed 2; it was seed 3 before the
/// scenario's id keyed the case streams) are said to teach little, in the report and in the cohort
/// table.
#[test]
fn cases_without_a_deteriorating_client_are_flagged() {
    let dir = tempfile::tempdir().unwrap();
    let path = run_into(dir.path(), "first-lesson", 2, "bob", None);
    let (code, report, stderr) = ontrack(&["report", path.to_str().unwrap()]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        report.contains("0 of the 10 clients deteriorated"),
        "{report}"
    );
    assert!(
        report.contains("No client deteriorated in these cases: always forecasting 1 % would have beaten even the best possible forecaster"),
        "{report}"
    );
    let (code, table, _) = ontrack(&["cohort", dir.path().to_str().unwrap()]);
    assert_eq!(code, 0);
    assert!(
        table.contains("No client deteriorated in these cases"),
        "{table}"
    );
    // A course with one does not get the warning.
    let other = tempfile::tempdir().unwrap();
    let scenario = resolve("first-lesson").unwrap();
    let seed = ontrack::cohort::handout::teaching_seed(&scenario, 3).unwrap();
    let path = run_into(other.path(), "first-lesson", seed, "bob", None);
    let (_, report, _) = ontrack(&["report", path.to_str().unwrap()]);
    assert!(!report.contains("No client deteriorated"), "{report}");
    let (_, table, _) = ontrack(&["cohort", other.path().to_str().unwrap()]);
    assert!(!table.contains("No client deteriorated"), "{table}");
}
