//! `ontrack case --explain` and the lessons in `ontrack report`: why the best possible forecast
//! moved, the cue weights and the blind spots, as text.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may fail loudly

mod common;

use common::{ontrack, ontrack_env};
use ontrack::forecast::Ideal;
use ontrack::model::generate_case;
use ontrack::run::machine::reached;
use ontrack::scenario::resolve;

#[test]
fn case_explain_prints_a_waterfall_that_ends_at_the_best_possible_forecast() {
    let (code, out, err) = ontrack(&[
        "--lang",
        "en",
        "case",
        "first-lesson",
        "--seed",
        "3",
        "--case",
        "2",
        "--explain",
    ]);
    assert_eq!(code, 0, "{err}");
    let table: Vec<&str> = out
        .lines()
        .skip_while(|l| !l.contains("contribution"))
        .collect();
    assert!(
        table[0].contains("evidence") && table[0].contains("forecast"),
        "{out}"
    );
    assert!(table[1].contains("base rate"), "{out}");
    assert!(table[2].contains("intake score"), "{out}");
    // first-lesson's last checkpoint is session 4: intake, then 4 sessions of 4 channels, then the sum.
    let rows: Vec<&str> = table[3..]
        .iter()
        .copied()
        .take_while(|l| l.starts_with("  "))
        .collect();
    assert_eq!(rows.len(), 16, "{out}");
    for (i, row) in rows.iter().enumerate() {
        let evidence = ["session note", "unwanted events", "alliance", "score"][i % 4];
        assert!(row.contains(evidence), "row {i}: {row}");
        assert!(
            row.trim_start().starts_with(&(i / 4 + 1).to_string()),
            "row {i}: {row}"
        );
    }
    // The last forecast is the best possible forecast after session 4, computed here.
    let s = resolve("first-lesson").unwrap();
    let p = Ideal::new(&s).forecast(&s, &generate_case(&s, 3, 1).visible(4));
    let last = rows.last().unwrap();
    let shown = if p < 0.0005 {
        "< 0.1 %".to_string()
    } else {
        format!("{:.1} %", p * 100.0)
    };
    assert!(last.ends_with(&shown), "{last} vs {shown}");
    assert!(out.contains("the contributions add up to the best possible forecast"));
    // The same in Dutch, with decimal commas.
    let (_, nl, _) = ontrack(&[
        "--lang",
        "nl",
        "case",
        "first-lesson",
        "--seed",
        "3",
        "--case",
        "2",
        "--explain",
    ]);
    assert!(
        nl.contains("bijdrage") && nl.contains("basispercentage"),
        "{nl}"
    );
    assert!(nl.contains("de bijdragen tellen op tot de best mogelijke voorspelling"));
}

/// A client who stopped before the last checkpoint: the waterfall ends at the last session they came
/// to, not at a checkpoint they never reached.
#[test]
fn case_explain_stops_at_the_last_session_of_a_client_who_stopped() {
    let s = resolve("depression-cbt-oq45").unwrap();
    let (index, last) = (0..200)
        .find_map(|i| {
            ontrack::run::machine::stopped_after(&s, &generate_case(&s, 3, i))
                .filter(|&last| last >= 1)
                .map(|last| (i, last))
        })
        .expect("a client who stopped after a session but before the last checkpoint");
    let case = (index + 1).to_string();
    let (code, out, err) = ontrack(&[
        "--lang",
        "en",
        "case",
        "depression-cbt-oq45",
        "--seed",
        "3",
        "--case",
        &case,
        "--explain",
    ]);
    assert_eq!(code, 0, "{err}");
    let rows: Vec<&str> = out
        .lines()
        .skip_while(|l| !l.contains("contribution"))
        .skip(3)
        .take_while(|l| l.starts_with("  "))
        .collect();
    let channels = 4;
    assert_eq!(rows.len(), last as usize * channels, "{out}");
    let p = Ideal::new(&s).forecast(&s, &generate_case(&s, 3, index).visible(last));
    let shown = if p < 0.0005 {
        "< 0.1 %".to_string()
    } else {
        format!("{:.1} %", p * 100.0)
    };
    assert!(rows.last().unwrap().ends_with(&shown), "{out} vs {shown}");
}

#[test]
fn the_report_teaches_cue_weights_blind_spots_and_why_each_forecast_moved() {
    let dir = tempfile::tempdir().unwrap();
    let results = dir.path().to_str().unwrap();
    let env = [("ONTRACK_RESULTS", results)];
    let (code, stdout, err) = ontrack_env(
        &[
            "play",
            "depression-cbt-oq45",
            "--seed",
            "4",
            "--bot",
            "random",
            "--trainee",
            "Ria",
        ],
        &env,
    );
    assert_eq!(code, 0, "{err}");
    let file = stdout.trim().to_string();
    let (code, report, err) = ontrack(&["--lang", "en", "report", &file]);
    assert_eq!(code, 0, "{err}");
    for words in [
        "Cue weights: how strongly your forecasts follow each cue",
        "the change since intake",
        "(consistency)",
        "Blind spots: where the best possible forecast was sure",
        "Why the best possible forecast moved, case by case",
    ] {
        assert!(report.contains(words), "{words}: {report}");
    }
    // A random trainee is far from a sure best possible forecast somewhere.
    assert!(report.contains(", best possible "), "{report}");
    // One explanation per case, from the intake on; the one at session 3 for each case that got
    // that far (a client may stop coming after session 1 or 2).
    let scenario = resolve("depression-cbt-oq45").unwrap();
    let cases = scenario.file.cases_per_run as usize;
    let reached_three = (0..cases as u64)
        .filter(|&i| reached(&scenario, &generate_case(&scenario, 4, i), 3))
        .count();
    let (_, why) = report
        .split_once("Why the best possible forecast moved")
        .unwrap();
    assert_eq!(
        why.matches("At intake the best possible forecast is")
            .count(),
        cases
    );
    assert_eq!(
        why.matches("By session 3 the best possible forecast")
            .count(),
        reached_three
    );
    let (_, nl, _) = ontrack(&["--lang", "nl", "report", &file]);
    assert!(
        nl.contains("Blinde vlekken")
            && nl.contains("Bij de intake is de best mogelijke voorspelling")
    );
}

#[test]
fn the_report_pools_the_cue_weights_over_the_trainees_runs_in_the_folder() {
    let dir = tempfile::tempdir().unwrap();
    let results = dir.path().to_str().unwrap();
    let env = [("ONTRACK_RESULTS", results)];
    let mut files = Vec::new();
    for (seed, trainee) in [("1", "Sam"), ("2", "Sam"), ("3", "Kim")] {
        let (code, stdout, err) = ontrack_env(
            &[
                "play",
                "first-lesson",
                "--seed",
                seed,
                "--bot",
                "typical",
                "--trainee",
                trainee,
            ],
            &env,
        );
        assert_eq!(code, 0, "{err}");
        files.push(stdout.trim().to_string());
    }
    let (_, sam, _) = ontrack(&["--lang", "en", "report", &files[0]]);
    assert!(
        sam.contains("Over all 2 of your course runs in this folder (drills apart):"),
        "{sam}"
    );
    // Kim has one run here: nothing to pool.
    let (_, kim, _) = ontrack(&["--lang", "en", "report", &files[2]]);
    assert!(!kim.contains("of your course runs in this folder"), "{kim}");
}

#[test]
fn a_drill_has_more_of_the_kind_is_played_and_stays_apart_from_course_runs() {
    let dir = tempfile::tempdir().unwrap();
    let results = dir.path().join("results");
    let results = results.to_str().unwrap();
    let out = dir.path().join("drill.ron");
    let out = out.to_str().unwrap();
    let env = [("ONTRACK_RESULTS", results)];
    // No runs yet: nothing to drill.
    let (code, said, err) = ontrack_env(
        &[
            "--lang",
            "en",
            "drill",
            "depression-cbt-oq45",
            "--trainee",
            "Ria",
            "--out",
            out,
        ],
        &env,
    );
    assert_eq!(code, 0, "{err}");
    assert!(said.contains("nothing to drill yet"), "{said}");
    // A drill of late deteriorators, told to the trainee with its mix.
    let (code, said, err) = ontrack_env(
        &[
            "--lang",
            "en",
            "drill",
            "depression-cbt-oq45",
            "--trainee",
            "Ria",
            "--kind",
            "late-deteriorator",
            "--out",
            out,
        ],
        &env,
    );
    assert_eq!(code, 0, "{err}");
    assert!(
        said.contains("This drill has more late deteriorator cases than practice does"),
        "{said}"
    );
    // It plays and scores like any scenario, under its own id.
    let (code, _, err) = ontrack_env(&["play", out, "--bot", "typical", "--trainee", "Ria"], &env);
    assert_eq!(code, 0, "{err}");
    let (code, _, err) = ontrack_env(
        &[
            "play",
            "depression-cbt-oq45",
            "--bot",
            "typical",
            "--trainee",
            "Ria",
        ],
        &env,
    );
    assert_eq!(code, 0, "{err}");
    let (code, json, err) = ontrack(&["cohort", results, "--json"]);
    assert_eq!(code, 0, "{err}");
    let ids: Vec<String> = serde_json::from_str::<serde_json::Value>(&json).unwrap()["runs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["scenario_id"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(ids.len(), 2, "{json}");
    assert!(ids.contains(&"depression-cbt-oq45".to_string()));
    assert!(ids.contains(&"depression-cbt-oq45-drill-late-deteriorator".to_string()));
}
