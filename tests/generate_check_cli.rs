//! `ontrack generate` and `ontrack check` as a researcher uses them.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may fail loudly

mod common;

use common::ontrack;

fn read_csv(path: &std::path::Path) -> (Vec<String>, Vec<Vec<String>>) {
    let mut reader = csv::Reader::from_path(path).expect("a CSV file");
    let header = reader
        .headers()
        .expect("a header")
        .iter()
        .map(String::from)
        .collect();
    let rows = reader
        .records()
        .map(|r| r.expect("a row").iter().map(String::from).collect())
        .collect();
    (header, rows)
}

#[test]
fn generate_writes_tidy_csv_files() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("cases");
    let out_s = out.to_str().unwrap();
    let (code, stdout, stderr) = ontrack(&[
        "--lang",
        "en",
        "generate",
        "depression-cbt-oq45",
        "--seed",
        "3",
        "--cases",
        "40",
        "--out",
        out_s,
    ]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("wrote 40 cases"));

    let (header, cases) = read_csv(&out.join("cases.csv"));
    assert_eq!(
        header,
        [
            "case",
            "course",
            "intake",
            "last",
            "change",
            "outcome",
            "deteriorated",
            "drift_onset",
            "drift_kind",
            "hello_goodbye"
        ]
    );
    assert_eq!(cases.len(), 40);
    for row in &cases {
        let intake: f64 = row[2].parse().unwrap();
        let last: f64 = row[3].parse().unwrap();
        let change: f64 = row[4].parse().unwrap();
        assert_eq!(last - intake, change);
        // Jacobson–Truax on the OQ-45: 14 points or more up is deterioration.
        assert_eq!(row[6] == "1", change >= 14.0, "{row:?}");
        assert_eq!(row[5] == "deteriorated", change >= 14.0);
        // Drift onset and kind are empty together.
        assert_eq!(row[7].is_empty(), row[8].is_empty());
    }

    let (header, sessions) = read_csv(&out.join("sessions.csv"));
    assert_eq!(header, ["case", "session", "score", "alliance"]);
    assert_eq!(sessions.len(), 40 * 17, "intake and 16 sessions per case");
    assert_eq!(sessions[0][3], "", "no alliance rating at intake");

    let (header, forecasts) = read_csv(&out.join("forecasts.csv"));
    assert_eq!(header, ["case", "checkpoint", "forecaster", "probability"]);
    assert_eq!(forecasts.len(), 40 * 3 * 3, "3 checkpoints × 3 forecasters");
    for row in &forecasts {
        let p: f64 = row[3].parse().unwrap();
        assert!((0.0..=1.0).contains(&p));
    }

    let (header, events) = read_csv(&out.join("events.csv"));
    assert_eq!(
        header,
        [
            "case",
            "session",
            "event",
            "linden_class",
            "neq_item",
            "neq_severity"
        ]
    );
    for row in &events {
        assert!(
            ["unrelated", "side_effect", "malpractice", "violation"].contains(&row[3].as_str())
        );
    }
    let (header, notes) = read_csv(&out.join("notes.csv"));
    assert_eq!(header[..4], ["case", "session", "element", "delivered"]);
    assert_eq!(
        notes.len(),
        40 * 16 * 7,
        "5 elements and 2 off-protocol activities per session"
    );

    // Run again: the same seed gives the same files; a non-empty folder needs --force.
    let (code, _, stderr) = ontrack(&[
        "generate",
        "depression-cbt-oq45",
        "--seed",
        "3",
        "--cases",
        "40",
        "--out",
        out_s,
    ]);
    assert_eq!(code, 2);
    assert!(stderr.contains("not empty"), "{stderr}");
    let before = std::fs::read(out.join("sessions.csv")).unwrap();
    let (code, _, _) = ontrack(&[
        "generate",
        "depression-cbt-oq45",
        "--seed",
        "3",
        "--cases",
        "40",
        "--out",
        out_s,
        "--force",
    ]);
    assert_eq!(code, 0);
    assert_eq!(std::fs::read(out.join("sessions.csv")).unwrap(), before);
}

#[test]
fn check_passes_on_the_reference_scenario() {
    let (code, stdout, stderr) =
        ontrack(&["check", "depression-cbt-oq45", "--cases", "20000", "--json"]);
    assert_eq!(code, 0, "{stdout}\n{stderr}");
    let report: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(report["pass"], true);
    let names: Vec<&str> = report["rates"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["name"].as_str().unwrap())
        .collect();
    for expected in [
        "deterioration",
        "recovery",
        "drift",
        "events: side_effect",
        "events: malpractice",
    ] {
        assert!(names.contains(&expected), "{names:?}");
    }
    for line in report["ideal"].as_array().unwrap() {
        assert_eq!(line["best"], true);
        assert_eq!(line["calibrated"], true);
    }
}

#[test]
fn check_fails_when_a_declared_rate_is_not_reproduced() {
    // The minimal scenario claims a recovery rate it cannot have: exit status 1 and a FAIL line.
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/scenarios/minimal.ron"),
    )
    .unwrap()
    .replace(
        "recovery_rate: (low: 0.0, high: 1.0,",
        "recovery_rate: (low: 0.9, high: 1.0,",
    );
    let path = dir.path().join("claims-too-much.ron");
    std::fs::write(&path, text).unwrap();
    let (code, stdout, _) = ontrack(&[
        "--lang",
        "en",
        "check",
        path.to_str().unwrap(),
        "--cases",
        "5000",
    ]);
    assert_eq!(code, 1, "{stdout}");
    let line = stdout.lines().find(|l| l.starts_with("recovery")).unwrap();
    assert!(line.ends_with("FAIL"), "{line}");
    assert!(stdout.contains("FAIL: see the lines marked FAIL"));
}
