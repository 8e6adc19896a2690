//! Whether a trainer can trust `ontrack cohort`: a run handed in twice counts once, the CSV never
//! lands on the runs it was made from, edited scenarios and unfinished runs are told apart, and
//! identical forecasts get identical intervals.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may fail loudly

mod common;

use common::{handed_in_twice, ontrack};

use std::path::Path;

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
