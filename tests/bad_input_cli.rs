//! Bad input that would cost too much or fail late is refused at once: a message that names the
//! option, what is wrong and how to fix it, exit status 2, and nothing written.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may fail loudly

mod common;

use common::ontrack;

#[test]
fn check_refuses_too_few_cases_and_says_the_minimum() {
    let mut minimum = None;
    for cases in ["0", "1"] {
        let (code, stdout, stderr) = ontrack(&["check", "depression-cbt-oq45", "--cases", cases]);
        assert_eq!(code, 2, "{stdout}{stderr}");
        assert!(stdout.is_empty(), "no table of zeros: {stdout}");
        assert!(
            stderr.contains(&format!("--cases {cases}: too few"))
                && stderr.contains("give --cases"),
            "{stderr}"
        );
        // The message names the minimum and the line that needs it.
        let at = stderr
            .find("needs at least ")
            .expect("the minimum is named")
            + "needs at least ".len();
        let n: u64 = stderr[at..]
            .split_whitespace()
            .next()
            .and_then(|w| w.parse().ok())
            .expect("a number of cases");
        assert!(stderr.contains(" cases, because "), "{stderr}");
        minimum = Some(n);
    }
    // The minimum itself is judged.
    let n = minimum.expect("found").to_string();
    let (code, _, stderr) = ontrack(&["check", "depression-cbt-oq45", "--cases", &n]);
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
        assert_eq!(
            path.parent(),
            Some(dir.path()),
            "stays in the results folder"
        );
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

/// The files in `dir` (none when it does not exist).
fn files_in(dir: &std::path::Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn generate_refuses_more_than_the_disk_holds_before_writing() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("g");
    let (code, stdout, stderr) = ontrack(&[
        "generate",
        "depression-cbt-oq45",
        "--seed",
        "1",
        "--cases",
        "99999999999999",
        "--large",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(code, 2, "{stdout}{stderr}");
    assert!(
        stderr.contains("99999999999999 cases need about")
            && stderr.contains("TB of CSV files")
            && stderr.contains("free")
            && stderr.contains("give fewer --cases"),
        "{stderr}"
    );
    assert!(!out.exists(), "nothing written, not even the folder");
}

#[test]
fn generate_asks_for_large_above_ten_million_cases() {
    let dir = tempfile::tempdir().unwrap();
    let (code, _, stderr) = ontrack(&[
        "generate",
        "depression-cbt-oq45",
        "--seed",
        "1",
        "--cases",
        "10000001",
        "--out",
        dir.path().to_str().unwrap(),
    ]);
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("--cases 10000001: more than 10000000 cases (about")
            && stderr.contains("GB of CSV files) — pass --large"),
        "{stderr}"
    );
    assert!(files_in(dir.path()).is_empty());
}

#[cfg(unix)]
#[test]
fn an_interrupted_generate_leaves_no_partial_file() {
    use std::time::{Duration, Instant};
    let dir = tempfile::tempdir().unwrap();
    // A folder that exists, so that it stays and its contents can be looked at.
    let out = dir.path().join("g");
    std::fs::create_dir(&out).unwrap();
    // About 2 GB and half a minute of writing: it is interrupted long before the end.
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_ontrack"))
        .args([
            "generate",
            "depression-cbt-oq45",
            "--seed",
            "1",
            "--cases",
            "500000",
            "--large",
            "--out",
            out.to_str().unwrap(),
        ])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // Wait until it is writing (its temporary files are there), at most 30 s.
    let start = Instant::now();
    while files_in(&out).len() < 5 && start.elapsed() < Duration::from_secs(30) {
        std::thread::sleep(Duration::from_millis(50));
    }
    std::thread::sleep(Duration::from_millis(300));
    let writing = files_in(&out);
    assert!(
        writing.iter().all(|f| f.ends_with(".tmp")),
        "only temporary names while writing: {writing:?}"
    );
    let kill = std::process::Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(kill.success());
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if start.elapsed() > Duration::from_secs(30) {
            let _ = child.kill();
            panic!("generate did not stop within 30 s of SIGINT");
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    let mut stderr = String::new();
    std::io::Read::read_to_string(&mut child.stderr.take().unwrap(), &mut stderr).unwrap();
    assert_eq!(status.code(), Some(130), "{stderr}");
    assert!(stderr.contains("interrupted"), "{stderr}");
    assert_eq!(files_in(&out), Vec::<String>::new(), "no partial file left");
}

#[test]
fn app_options_out_of_range_are_refused_before_a_window_opens() {
    let dir = tempfile::tempdir().unwrap();
    let results = dir.path().to_str().unwrap();
    let cases: [(&[&str], &str); 5] = [
        (
            &["demo", "--skip", "4000000000"],
            "--skip 4000000000: a demo run of first-lesson takes at most",
        ),
        (
            &["demo", "--pace", "1e30"],
            "--pace 1000000000000000000000000000000: give the seconds between steps, from 0 to 60",
        ),
        (&["demo", "--pace", "NaN"], "--pace NaN: give the seconds"),
        (
            &["trainer", results, "--select", "0"],
            "--select 0: rows are numbered from 1",
        ),
        (
            &["trainer", results, "--open", "0"],
            "--open 0: rows are numbered from 1",
        ),
    ];
    for (args, message) in cases {
        let mut args = args.to_vec();
        args.extend(["--results", results]);
        let (code, _, stderr) = ontrack(&args);
        assert_eq!(code, 2, "{args:?}: {stderr}");
        assert!(stderr.contains(message), "{args:?}: {stderr}");
    }
    assert!(files_in(dir.path()).is_empty(), "no run was started");
}

#[test]
fn play_refuses_a_pace_beyond_a_minute() {
    let dir = tempfile::tempdir().unwrap();
    let (code, _, stderr) = ontrack(&[
        "play",
        "first-lesson",
        "--bot",
        "ideal",
        "--pace-ms",
        "99999999",
        "--results",
        dir.path().to_str().unwrap(),
    ]);
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("--pace-ms") && stderr.contains("99999999 is not in 0..=60000"),
        "{stderr}"
    );
    assert!(files_in(dir.path()).is_empty());
}
