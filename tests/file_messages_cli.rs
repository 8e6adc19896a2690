//! Messages about damaged or edited files in a trainer's terms: a bracket bomb, an edited
//! scenario hash, a run's edited details, an id with control characters in it.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may fail loudly

mod common;

use std::sync::Arc;

use common::ontrack;
use ontrack::forecast::Benchmarks;
use ontrack::run::Session;
use ontrack::run::bots::{Bot, play};
use ontrack::scenario::resolve;

fn played(dir: &std::path::Path) -> String {
    let scenario = Arc::new(resolve("tests/scenarios/minimal.ron").unwrap());
    let bench = Benchmarks::new(&scenario);
    let mut s = Session::start(dir, Arc::clone(&scenario), 3, "anna", "").unwrap();
    play(&mut s, &bench, Bot::Typical, 3, &mut |_| {}).unwrap();
    std::fs::read_to_string(s.path()).unwrap()
}

fn score(path: &std::path::Path) -> String {
    let (code, _, err) = ontrack(&["--lang", "en", "score", &path.display().to_string()]);
    assert_eq!(code, 2, "{err}");
    err
}

#[test]
fn a_bracket_bomb_in_an_unknown_field_is_named_without_developer_advice() {
    let dir = tempfile::tempdir().unwrap();
    let text = played(&dir.path().join("runs"));
    let bomb = format!("(bomb: {}{}, ", "[".repeat(5000), "]".repeat(5000));
    let path = dir.path().join("bomb.ron");
    std::fs::write(&path, text.replacen('(', &bomb, 1)).unwrap();
    let err = score(&path);
    assert!(err.contains("nested too deeply"), "{err}");
    assert!(
        !err.contains("serde_stacker") && !err.contains("recursion_limit"),
        "{err}"
    );
}

#[test]
fn an_edited_scenario_hash_and_edited_details_are_told_apart_from_an_edited_answer() {
    let dir = tempfile::tempdir().unwrap();
    let text = played(&dir.path().join("runs"));
    let at = text.find("scenario_hash: \"").unwrap() + "scenario_hash: \"".len();
    let first = &text[at..=at];
    let other = if first == "0" { "1" } else { "0" };
    let hash = dir.path().join("hash.ron");
    std::fs::write(&hash, format!("{}{other}{}", &text[..at], &text[at + 1..])).unwrap();
    let err = score(&hash);
    assert!(
        err.contains("the scenario or its hash was edited") && !err.contains("answer 1"),
        "{err}"
    );

    let renamed = dir.path().join("renamed.ron");
    std::fs::write(
        &renamed,
        text.replacen("trainee: \"anna\"", "trainee: \"bert\"", 1),
    )
    .unwrap();
    let err = score(&renamed);
    assert!(
        err.contains(
            "the run's details (pseudonym, seed, course code, start time or case records)"
        ),
        "{err}"
    );
}

#[test]
fn an_id_with_control_characters_is_shown_escaped() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/scenarios/minimal.ron"),
    )
    .unwrap();
    let path = dir.path().join("nul.ron");
    std::fs::write(
        &path,
        text.replacen("id: \"minimal\"", "id: \"mi\0nimal\u{1b}[2J\"", 1),
    )
    .unwrap();
    let (code, out, err) = ontrack(&["--lang", "en", "validate", &path.display().to_string()]);
    assert_eq!(code, 2, "{out}{err}");
    assert!(!err.contains('\0') && !err.contains('\u{1b}'), "{err:?}");
    assert!(err.contains("mi\\u{0}nimal\\u{1b}[2J"), "{err}");
}

/// `validate` on the minimal scenario with `from` replaced by `to`: its error output.
fn validate_with(from: &str, to: &str) -> String {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/scenarios/minimal.ron"),
    )
    .unwrap();
    assert!(text.contains(from), "{from}");
    let path = dir.path().join("huge.ron");
    std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
    let (code, out, err) = ontrack(&["--lang", "en", "validate", &path.display().to_string()]);
    assert_eq!(code, 2, "{out}{err}");
    err
}

#[test]
fn absurdly_large_numbers_are_named_at_their_line_with_a_sensible_range() {
    // (replaced, by, line, field, what the message must say)
    let cases = [
        (
            "intake_sd: (value: 10,",
            "intake_sd: (value: 1e308,",
            21,
            "measure.intake_sd.value",
            "an intake standard deviation of 1e308 is larger than the measure's whole range (100)",
        ),
        (
            "session_noise_sd: (value: 5,",
            "session_noise_sd: (value: 1e300,",
            23,
            "measure.session_noise_sd.value",
            "at most 100 (max − min)",
        ),
        (
            "mean_change: 15, sd_change: 5",
            "mean_change: 15, sd_change: 1e308",
            31,
            "courses[1].sd_change",
            "a standard deviation of the change of 1e308",
        ),
        (
            "max: 100,",
            "max: 1e308,",
            15,
            "measure.max",
            "between −1000000 and 1000000",
        ),
    ];
    for (from, to, line, field, says) in cases {
        let err = validate_with(from, to);
        assert!(
            err.contains(&format!("huge.ron:{line}:")) && err.contains(field),
            "{to}: not named at line {line}, {field}: {err}"
        );
        assert!(err.contains(says), "{to}: {err}");
        assert!(
            !err.contains("000000000") && !err.contains("NaN"),
            "{to}: {err}"
        );
    }
}
