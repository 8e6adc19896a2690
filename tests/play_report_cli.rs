//! `ontrack play`, `report` and `score RUNFILE` as a trainer uses them for a demonstration.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may fail loudly

mod common;

use common::ontrack_env as ontrack;

#[test]
fn a_course_code_gives_the_class_the_same_cases_and_the_report_reads_them() {
    let dir = tempfile::tempdir().unwrap();
    let results = dir.path().to_str().unwrap();
    // The results folder comes from the environment when --results is not given.
    let env = [("ONTRACK_RESULTS", results)];
    let (code, stdout, stderr) = ontrack(
        &[
            "play",
            "--code",
            "dcbt-0z89",
            "--bot",
            "typical",
            "--trainee",
            "Anna",
        ],
        &env,
    );
    assert_eq!(code, 0, "{stderr}");
    let anna = stdout.trim().to_string();
    assert!(
        anna.starts_with(results) && anna.contains("Anna_depression-cbt-oq45"),
        "{anna}"
    );
    let (code, stdout, _) = ontrack(
        &[
            "play",
            "depression-cbt-oq45",
            "--seed",
            "1000",
            "--bot",
            "ideal",
            "--trainee",
            "Bram",
        ],
        &env,
    );
    assert_eq!(code, 0);
    let bram = stdout.trim().to_string();
    let a = ontrack::run::load_run(std::path::Path::new(&anna)).unwrap();
    let b = ontrack::run::load_run(std::path::Path::new(&bram)).unwrap();
    assert_eq!(a.seed, 1000, "DCBT-0Z89 carries seed 1000");
    assert_eq!(a.cases, b.cases, "same code, same cases");
    assert_eq!(b.course_code, "DCBT-0Z89");

    let (code, report, _) = ontrack(&["--lang", "en", "report", &anna], &[]);
    assert_eq!(code, 0);
    for words in [
        "Debrief — Anna",
        "Brier score",
        "Hannan et al. (2005)",
        "ideal",
        "actuarial",
        "base_rate",
        "Cohen's κ",
    ] {
        assert!(report.contains(words), "report lacks {words:?}:\n{report}");
    }
    let (code, json, _) = ontrack(&["score", &bram, "--json"], &[]);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["trainee"], "Bram");
    // 12 cases × 3 checkpoints, less those at checkpoints a client who stopped coming never reached.
    let asked = v["forecasts"]["n"].as_u64().unwrap();
    let absent = v["absent_forecasts"].as_u64().unwrap();
    assert_eq!(asked + absent, 36, "{v}");
    assert!(asked >= 30, "{v}");
}

#[test]
fn a_mistyped_code_is_caught() {
    let dir = tempfile::tempdir().unwrap();
    let (code, _, stderr) = ontrack(
        &[
            "play",
            "--code",
            "DCBT-0Z88",
            "--bot",
            "ideal",
            "--results",
            dir.path().to_str().unwrap(),
        ],
        &[],
    );
    assert_eq!(code, 2);
    assert!(stderr.contains("typing error"), "{stderr}");
}

#[test]
fn an_unfinished_run_resumes_where_it_stopped() {
    let dir = tempfile::tempdir().unwrap();
    let scenario =
        std::sync::Arc::new(ontrack::scenario::resolve("tests/scenarios/minimal.ron").unwrap());
    let mut session = ontrack::run::Session::start(dir.path(), scenario, 4, "Cas", "").unwrap();
    session
        .apply(ontrack::run::Action::Forecast { percent: 30 })
        .unwrap();
    session.apply(ontrack::run::Action::NextSession).unwrap();
    let path = session.path().to_path_buf();
    drop(session);
    assert_eq!(ontrack::run::unfinished(dir.path()), vec![path.clone()]);
    let (code, _, stderr) = ontrack(
        &["play", "--resume", path.to_str().unwrap(), "--bot", "ideal"],
        &[],
    );
    assert_eq!(code, 0, "{stderr}");
    let file = ontrack::run::load_run(&path).unwrap();
    assert!(file.finished.is_some());
    assert!(matches!(
        file.log[0].action,
        ontrack::run::Action::Forecast { percent: 30 }
    ));
    assert!(ontrack::run::unfinished(dir.path()).is_empty());
}

/// A finished run is not resumed; one whose last answers were cut off (to undo a reveal and answer
/// again) is refused: `play --resume` stops with exit status 2, and `cohort` lists it as not used,
/// with the reason.
#[test]
fn a_finished_run_cut_short_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let results = dir.path().to_str().unwrap();
    let (code, stdout, stderr) = ontrack(
        &[
            "play",
            "tests/scenarios/minimal.ron",
            "--bot",
            "ideal",
            "--results",
            results,
        ],
        &[],
    );
    assert_eq!(code, 0, "{stderr}");
    let path = stdout.trim().to_string();
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains("finished: Some("));
    // A finished run is not resumed, even untouched: its answers are final.
    let (code, _, stderr) = ontrack(&["play", "--resume", &path, "--bot", "ideal"], &[]);
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("finished and cannot be resumed"),
        "{stderr}"
    );
    // Cut the last three answers (the last case's reveal and what came just before), one line
    // each after the header, keeping the file parseable.
    let entry = "\n(at: ";
    let mut end = text.len();
    for _ in 0..3 {
        end = text[..end].rfind(entry).unwrap() + 1;
    }
    let cut = text[..end].to_string();
    std::fs::write(&path, &cut).unwrap();
    assert!(ontrack::run::load_run(std::path::Path::new(&path)).is_ok());

    let (code, _, stderr) = ontrack(&["play", "--resume", &path, "--bot", "ideal"], &[]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains(&path), "{stderr}");
    assert!(
        stderr.contains("answers were cut off after the run finished"),
        "{stderr}"
    );
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        cut,
        "the refused file is left as it was"
    );

    // Nothing in the folder can be scored: listed with the reason, exit 2.
    let (code, stdout, stderr) = ontrack(&["cohort", results, "--json"], &[]);
    assert_eq!(code, 2, "{stderr}");
    let v: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert!(v["runs"].as_array().unwrap().is_empty());
    let reason = v["rejected"][0]["reason"].as_str().unwrap();
    assert!(reason.contains("cut off"), "{reason}");
    let (code, table, _) = ontrack(&["--lang", "en", "cohort", results], &[]);
    assert_eq!(code, 2);
    assert!(table.contains("files not used (1)"), "{table}");
    assert!(table.contains("answers were cut off"), "{table}");
}
