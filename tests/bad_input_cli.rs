//! Bad input that would cost too much or fail late is refused at once: a message that names the
//! option, what is wrong and how to fix it, exit status 2, and nothing written.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may fail loudly

mod common;

use common::ontrack;

#[test]
fn check_refuses_too_few_cases_and_says_the_minimum() {
    for cases in ["0", "1"] {
        let (code, stdout, stderr) = ontrack(&["check", "depression-cbt-oq45", "--cases", cases]);
        assert_eq!(code, 2, "{stdout}{stderr}");
        assert!(stdout.is_empty(), "no table of zeros: {stdout}");
        assert!(
            stderr.contains(&format!("--cases {cases}: too few"))
                && stderr.contains("needs at least 685 cases")
                && stderr.contains("Hosmer–Lemeshow"),
            "{stderr}"
        );
    }
    // The minimum itself is judged.
    let (code, _, stderr) = ontrack(&["check", "depression-cbt-oq45", "--cases", "685"]);
    assert_ne!(code, 2, "{stderr}");
}

#[test]
fn check_refuses_more_cases_than_fit_in_memory() {
    let (code, stdout, stderr) =
        ontrack(&["check", "depression-cbt-oq45", "--cases", "1000000000000"]);
    assert_eq!(code, 2, "{stdout}{stderr}");
    assert!(
        stderr.contains("--cases 1000000000000: too many") && stderr.contains("at most 10000000"),
        "{stderr}"
    );
}

#[test]
fn a_long_or_unusual_pseudonym_is_kept_whole_and_only_the_file_name_is_short() {
    let dir = tempfile::tempdir().unwrap();
    let results = dir.path().to_str().unwrap();
    let long = format!("Ánna {} / ..\\ \"x\" :*?", "van der Berg-".repeat(25));
    assert!(long.len() > 300);
    let mut names = Vec::new();
    for trainee in [long.clone(), format!("{long}2")] {
        let (code, stdout, stderr) = ontrack(&[
            "play",
            "first-lesson",
            "--bot",
            "ideal",
            "--trainee",
            &trainee,
            "--results",
            results,
        ]);
        assert_eq!(code, 0, "{stderr}");
        let path = std::path::PathBuf::from(stdout.trim());
        assert_eq!(path.parent(), Some(dir.path()), "stays in the results folder");
        let name = path.file_name().unwrap().to_str().unwrap().to_string();
        assert!(name.len() <= 150, "{} bytes: {name}", name.len());
        assert!(name.starts_with("Ánna_van_der_Berg-"), "{name}");
        let file = ontrack::run::load_run(&path).unwrap();
        assert_eq!(file.trainee, trainee.trim(), "the run file keeps it whole");
        names.push(name);
    }
    // Two long pseudonyms that begin alike give different file names.
    let stem = |name: &str| name.split("_first-lesson_").next().unwrap().to_string();
    assert_ne!(stem(&names[0]), stem(&names[1]));
}

#[test]
fn a_blank_pseudonym_is_refused_as_in_the_app() {
    let dir = tempfile::tempdir().unwrap();
    let (code, _, stderr) = ontrack(&[
        "play",
        "first-lesson",
        "--bot",
        "ideal",
        "--trainee",
        "  ",
        "--results",
        dir.path().to_str().unwrap(),
    ]);
    assert_eq!(code, 2);
    assert!(stderr.contains("the pseudonym is empty"), "{stderr}");
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
}
