//! `ontrack compare`: real session data from a CSV beside a scenario's simulated clients, in JSON,
//! English and Dutch, and bad files refused with their line.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may fail loudly

mod common;

use common::ontrack;

/// Three clients on a measure with RCI 9 (by hand: a drop of 14 ≥ 1.5 × 9 = 13.5 for a, a rise of
/// 19 ≥ 2.1 × 9 = 18.9 for b, nothing for c; weekly changes ≥ 9: 14, 19 and 9 of six).
const THREE: &str = "client,session,score\na,0,30\na,1,16\na,2,16\nb,0,10\nb,1,29\nb,2,28\nc,0,20\nc,1,11\nc,2,12\n";

fn write(dir: &tempfile::TempDir, name: &str, text: &str) -> String {
    let path = dir.path().join(name);
    std::fs::write(&path, text).unwrap();
    path.display().to_string()
}

fn line<'a>(report: &'a serde_json::Value, statistic: &str) -> &'a serde_json::Value {
    report["lines"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["statistic"] == statistic)
        .unwrap_or_else(|| panic!("no line {statistic}"))
}

#[test]
fn the_real_figures_are_computed_with_the_given_rci() {
    let dir = tempfile::tempdir().unwrap();
    let real = write(&dir, "real.csv", THREE);
    let (code, stdout, stderr) = ontrack(&[
        "compare",
        "depression-cbt-oq45",
        &real,
        "--rci",
        "9",
        "--cases",
        "200",
        "--json",
    ]);
    assert_eq!(code, 0, "{stderr}");
    let r: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(r["real_clients"], 3);
    assert_eq!(r["real_scores"], 9);
    assert_eq!(r["real_measure"]["rci"], 9.0);
    assert_eq!(
        r["simulated_measure"]["rci"], 14.0,
        "the scenario's own RCI"
    );
    let real = |s: &str| line(&r, s)["real"]["value"].as_f64().unwrap();
    assert!((real("clients_with_week_over_1_5_rci") - 2.0 / 3.0).abs() < 1e-12);
    assert!((real("clients_with_week_over_2_1_rci") - 1.0 / 3.0).abs() < 1e-12);
    assert!((real("weekly_changes_over_rci") - 0.5).abs() < 1e-12);
    // Three scores each: too short for a line with residuals, an early change or a sudden gain
    // window (the sudden-gain share counts the series that reach session 5: none here).
    assert!(line(&r, "residual_lag1")["real"].is_null());
    assert!(line(&r, "early_change_auc")["real"].is_null());
    assert!(line(&r, "sudden_gain")["real"].is_null());
    // No alliance column: that line is the simulation's only.
    assert!(line(&r, "alliance_outcome")["real"].is_null());
    assert!(line(&r, "alliance_outcome")["simulated"]["value"].is_f64());
    let sim = line(&r, "sudden_gain")["simulated"].clone();
    assert!(sim["low"].as_f64().unwrap() <= sim["value"].as_f64().unwrap());
    assert!(sim["value"].as_f64().unwrap() <= sim["high"].as_f64().unwrap());

    // With the scenario's RCI of 14 none of the three clients has a week of 1.5 × 14 = 21.
    let (_, stdout, _) = ontrack(&[
        "compare",
        "depression-cbt-oq45",
        &real_path(&dir),
        "--cases",
        "200",
        "--json",
    ]);
    let r: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(
        line(&r, "clients_with_week_over_1_5_rci")["real"]["value"],
        0.0
    );
}

fn real_path(dir: &tempfile::TempDir) -> String {
    dir.path().join("real.csv").display().to_string()
}

#[test]
fn an_alliance_column_gives_the_real_alliance_outcome_correlation() {
    // Intakes 10, 20, 10, 20, alliance 1, 1, 3, 3 in sessions 1–3, last scores X − 2A: by hand
    // the alliance correlates +1 with the better-than-expected outcome.
    let mut text = String::from("client,session,score,alliance\n");
    for (c, x, a) in [
        ("p", 10.0, 1.0),
        ("q", 20.0, 1.0),
        ("r", 10.0, 3.0),
        ("s", 20.0, 3.0),
    ] {
        text.push_str(&format!(
            "{c},0,{x},\n{c},1,{x},{a}\n{c},2,{x},{a}\n{c},3,{},{a}\n",
            x - 2.0 * a
        ));
    }
    let dir = tempfile::tempdir().unwrap();
    let real = write(&dir, "real.csv", &text);
    let (code, stdout, stderr) = ontrack(&[
        "compare",
        "depression-cbt-oq45",
        &real,
        "--cases",
        "200",
        "--json",
    ]);
    assert_eq!(code, 0, "{stderr}");
    let r: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    let line = &line(&r, "alliance_outcome")["real"];
    assert!(
        (line["value"].as_f64().unwrap() - 1.0).abs() < 1e-9,
        "{line}"
    );
    assert_eq!(line["clients"], 4);
}

#[test]
fn the_table_reads_in_english_and_dutch() {
    let dir = tempfile::tempdir().unwrap();
    let real = write(&dir, "real.csv", THREE);
    let args = [
        "compare",
        "pcoms-ors-srs",
        real.as_str(),
        "--rci",
        "9",
        "--direction",
        "higher-is-worse",
        "--cases",
        "200",
    ];
    let (code, en, stderr) = ontrack(&[&["--lang", "en"], &args[..]].concat());
    assert_eq!(code, 0, "{stderr}");
    assert!(
        en.contains("clients with a week of ≥ 1.5 × RCI") && en.contains("0.667"),
        "{en}"
    );
    assert!(
        en.contains("higher is worse") && en.contains("lower is worse"),
        "{en}"
    );
    let (code, nl, stderr) = ontrack(&[&["--lang", "nl"], &args[..]].concat());
    assert_eq!(code, 0, "{stderr}");
    assert!(
        nl.contains("cliënten met een week van ≥ 1,5 × RCI") && nl.contains("0,667"),
        "{nl}"
    );
    assert!(nl.contains("plotselinge verbetering"), "{nl}");
}

#[test]
fn a_bad_file_is_refused_with_its_line_and_a_fix() {
    let dir = tempfile::tempdir().unwrap();
    for (text, expected) in [
        (
            "client,session,score\na,0,30\na,one,20\n",
            "real.csv:3: the session `one` is not a whole number",
        ),
        (
            "client,session,score\na,0,30\na,1,\n",
            "real.csv:3: the score `` is not a number",
        ),
        (
            "client,week,bdi\na,0,30\n",
            "real.csv:1: the header must name the columns",
        ),
        (
            "client,session,score\na,0,30\na,0,31\n",
            "client a has session 0 twice (also on line 2)",
        ),
        (
            "client,session,score\na,1,30\n",
            "real.csv:2: client a has no intake (session 0)",
        ),
    ] {
        let real = write(&dir, "real.csv", text);
        let (code, stdout, stderr) =
            ontrack(&["compare", "depression-cbt-oq45", &real, "--cases", "200"]);
        assert_eq!(code, 2, "{stdout}{stderr}");
        assert!(stdout.is_empty());
        assert!(
            stderr.contains(expected) && stderr.contains(" — "),
            "{stderr}"
        );
    }
    let (code, _, stderr) = ontrack(&["compare", "depression-cbt-oq45", "/no/such/real.csv"]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("/no/such/real.csv: cannot read the file"),
        "{stderr}"
    );
    let real = write(&dir, "real.csv", THREE);
    let (code, _, stderr) =
        ontrack(&["compare", "depression-cbt-oq45", &real, "--cases", "100001"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("100001 is not in 100..=100000"), "{stderr}");
    let (code, _, stderr) = ontrack(&["compare", "depression-cbt-oq45", &real, "--rci", "0"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("--rci 0"), "{stderr}");
}
