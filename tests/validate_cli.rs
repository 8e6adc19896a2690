//! `ontrack validate` on good and bad scenario files: every problem located by file, line, column and
//! field, exit status 2, no panic.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may fail loudly

mod common;

use common::ontrack;

/// (file in tests/scenarios/bad, expected "LINE:COL: path" prefix, a word the message must contain)
const BAD: &[(&str, &str, &str)] = &[
    ("syntax_error", "26:5: checkpoints", "Expected comma"),
    (
        "unknown_field",
        "16:9: measure.stepsize",
        "unknown field `stepsize`",
    ),
    ("missing_field", "69:1: minutes", "`minutes` is missing"),
    ("rate_above_one", "27:26: deterioration_rate.value", "1.3"),
    (
        "negative_sd",
        "30:96: courses[0].sd_change",
        "-5 is not positive",
    ),
    (
        "cutoff_outside_range",
        "18:27: measure.clinical_cutoff.value",
        "outside the range",
    ),
    (
        "checkpoint_after_last_session",
        "26:25: checkpoints[2]",
        "not before the last session",
    ),
    (
        "unknown_source_key",
        "21:32: measure.intake_sd.source",
        "unknown source key \"papr\"",
    ),
    ("no_courses", "29:5: courses", "no latent courses"),
    (
        "odds_ratio_zero",
        "48:36: drift.odds_ratio_deterioration.value",
        "must be positive",
    ),
    (
        "unknown_linden_class",
        "57:93: events[1].linden",
        "`Sideffect`",
    ),
    (
        "unreachable_rate",
        "27:26: deterioration_rate.value",
        "can only lie between",
    ),
    ("wrong_format_version", "3:5: format", "format 2"),
    (
        "target_unknown_source",
        "71:87: targets[0].source",
        "unknown source key \"swift2012\"",
    ),
];

#[test]
fn each_bad_file_names_its_line_and_field() {
    for (name, location, words) in BAD {
        let file = format!("tests/scenarios/bad/{name}.ron");
        let (code, stdout, stderr) = ontrack(&["validate", &file]);
        assert_eq!(code, 2, "{name}: exit status\n{stderr}");
        assert!(stdout.is_empty(), "{name}: nothing on stdout, got {stdout}");
        let expected = format!("{file}:{location}: ");
        let line = stderr
            .lines()
            .find(|l| l.starts_with(&expected))
            .unwrap_or_else(|| panic!("{name}: no line starting with {expected:?} in\n{stderr}"));
        assert!(line.contains(words), "{name}: {line:?} lacks {words:?}");
        assert!(line.contains(" — "), "{name}: {line:?} says how to fix it");
        assert!(!stderr.contains("panicked"), "{name}: {stderr}");
    }
}

#[test]
fn all_problems_of_a_file_come_in_one_pass_in_line_order() {
    let (code, _, stderr) = ontrack(&["validate", "tests/scenarios/bad/three_problems.ron"]);
    assert_eq!(code, 2);
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(lines.len(), 3, "{stderr}");
    assert!(lines[0].contains(":26:25: checkpoints[2]: "));
    assert!(lines[1].contains(":27:26: deterioration_rate.value: "));
    assert!(lines[2].contains(":30:96: courses[0].sd_change: "));
}

#[test]
fn a_good_file_prints_ok_and_the_solved_priors() {
    let (code, stdout, _) = ontrack(&[
        "--lang",
        "en",
        "validate",
        "scenarios/depression-cbt-oq45.ron",
    ]);
    assert_eq!(code, 0);
    assert!(stdout.starts_with("scenarios/depression-cbt-oq45.ron: ok"));
    assert!(stdout.contains("deteriorating"));
}

#[test]
fn json_summary_has_the_promised_fields() {
    let (code, stdout, _) = ontrack(&["validate", "--json", "depression-cbt-oq45"]);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(stdout.trim()).expect("one JSON object");
    assert_eq!(v["id"], "depression-cbt-oq45");
    assert_eq!(v["sessions"], 16);
    assert_eq!(v["checkpoints"], serde_json::json!([0, 3, 6]));
    assert_eq!(v["measure"]["name"], "OQ-45.2");
    assert_eq!(v["measure"]["higher_is_worse"], true);
    assert_eq!(v["measure"]["clinical_cutoff"], 64.0);
    assert_eq!(v["measure"]["reliable_change"], 14.0);
    assert_eq!(v["deterioration_rate"], 0.073);
    let priors = v["latent_priors"].as_object().expect("priors by course");
    let total: f64 = priors.values().filter_map(|p| p.as_f64()).sum();
    assert!((total - 1.0).abs() < 1e-9);
    let det = priors["deteriorating"].as_f64().expect("a number");
    assert!(
        det > 0.0 && det < 0.073,
        "latent share below the observed rate: {det}"
    );
}

#[test]
fn json_errors_list_every_problem() {
    let (code, stdout, _) = ontrack(&[
        "validate",
        "--json",
        "tests/scenarios/bad/three_problems.ron",
    ]);
    assert_eq!(code, 2);
    let v: serde_json::Value = serde_json::from_str(stdout.trim()).expect("one JSON object");
    assert_eq!(v["ok"], false);
    let problems = v["problems"].as_array().expect("a list");
    assert_eq!(problems.len(), 3);
    assert_eq!(problems[1]["path"], "deterioration_rate.value");
    assert_eq!(problems[1]["line"], 27);
}

#[test]
fn a_missing_file_says_so_and_lists_the_bundled_scenarios() {
    let (code, _, stderr) = ontrack(&["validate", "no/such/file.ron"]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("no/such/file.ron: cannot read the file"),
        "{stderr}"
    );
    assert!(stderr.contains("depression-cbt-oq45"));
}

#[test]
fn binary_garbage_is_an_error_not_a_panic() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("garbage.ron");
    std::fs::write(&path, [0xff_u8, 0x00, 0x28, 0x28, 0xfe]).expect("write");
    let (code, _, stderr) = ontrack(&["validate", path.to_str().expect("utf-8 path")]);
    assert_eq!(code, 2);
    assert!(!stderr.contains("panicked"), "{stderr}");
}
