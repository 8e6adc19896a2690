//! Files read and written safely: devices, FIFOs and endless inputs refused in bounded time and
//! memory; `generate` refuses sizes beyond any disk before writing and leaves nothing when stopped;
//! `drill --out` follows the rules of `cohort --csv`; every entry of a cohort folder is accounted
//! for; text from files is inert in the terminal and in CSV files.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may fail loudly
#![cfg(unix)]

mod common;

use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use common::ontrack;
use ontrack::forecast::Benchmarks;
use ontrack::run::Session;
use ontrack::run::bots::{Bot, play};
use ontrack::scenario::resolve;

fn mkfifo(path: &Path) {
    let status = Command::new("mkfifo").arg(path).status().unwrap();
    assert!(status.success());
}

/// A finished run of `trainee` in `dir`.
fn played(dir: &Path, trainee: &str) -> std::path::PathBuf {
    let scenario = Arc::new(resolve("tests/scenarios/minimal.ron").unwrap());
    let bench = Benchmarks::new(&scenario);
    let mut s = Session::start(dir, Arc::clone(&scenario), 3, trainee, "").unwrap();
    play(&mut s, &bench, Bot::Typical, 3, &mut |_| {}).unwrap();
    s.path().to_path_buf()
}

/// The largest resident memory of any child process waited for so far, in bytes.
fn children_max_rss() -> u64 {
    let mut usage = std::mem::MaybeUninit::<libc::rusage>::zeroed();
    // SAFETY: getrusage fills the struct it is given.
    let usage = unsafe {
        libc::getrusage(libc::RUSAGE_CHILDREN, usage.as_mut_ptr());
        usage.assume_init()
    };
    u64::try_from(usage.ru_maxrss).unwrap_or(0) * 1024
}

#[test]
fn devices_fifos_and_endless_inputs_end_at_once_in_little_memory() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("fifo.ron");
    mkfifo(&fifo);
    let fifo = fifo.display().to_string();
    let cases: [(&[&str], &str); 6] = [
        (&["score", "--forecasts", "/dev/zero"], "a device"),
        (&["validate", "/dev/zero"], "a device"),
        (
            &["play", "--bot", "ideal", "--resume", "/dev/zero"],
            "a device",
        ),
        (&["score", "--forecasts", &fifo], "a FIFO"),
        (&["validate", &fifo], "a FIFO"),
        (&["play", "--bot", "ideal", "--resume", &fifo], "a FIFO"),
    ];
    for (args, what) in cases {
        let started = Instant::now();
        let mut all = vec!["--lang", "en"];
        all.extend_from_slice(args);
        let (code, _, err) = ontrack(&all);
        assert!(
            started.elapsed() < Duration::from_secs(2),
            "{args:?} took {:?}",
            started.elapsed()
        );
        assert_eq!(code, 2, "{args:?}: {err}");
        assert!(
            err.contains(what) && err.contains("not a file"),
            "{args:?}: {err}"
        );
    }
    let rss = children_max_rss();
    assert!(rss < 100 << 20, "a child used {} MB", rss >> 20);
}

#[test]
fn a_file_over_its_limit_is_refused_naming_the_limit() {
    let dir = tempfile::tempdir().unwrap();
    let big = dir.path().join("big.ron");
    let f = std::fs::File::create(&big).unwrap();
    f.set_len(300 << 20).unwrap(); // sparse: costs no disk
    let big = big.display().to_string();
    let started = Instant::now();
    // A forecasts file under its limit with a header of NUL bytes: the message shows a little of it,
    // escaped.
    let nul = dir.path().join("nul.csv");
    std::fs::File::create(&nul)
        .unwrap()
        .set_len(1 << 20)
        .unwrap();
    let (code, _, err) = ontrack(&[
        "--lang",
        "en",
        "score",
        "--forecasts",
        &nul.display().to_string(),
    ]);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.len() < 2000 && !err.contains('\0') && err.contains("\\u{0}"),
        "{err}"
    );
    for (args, limit) in [
        (vec!["validate", big.as_str()], "64 MiB"),
        (
            vec!["play", "--bot", "ideal", "--resume", big.as_str()],
            "128 MiB",
        ),
        (vec!["score", "--forecasts", big.as_str()], "256 MiB"),
        (vec!["score", big.as_str()], "128 MiB"),
    ] {
        let mut all = vec!["--lang", "en"];
        all.extend(args.iter().copied());
        let (code, _, err) = ontrack(&all);
        assert_eq!(code, 2, "{args:?}: {err}");
        assert!(err.contains(limit), "{args:?}: {err}");
    }
    assert!(started.elapsed() < Duration::from_secs(8));
}

#[test]
fn generate_refuses_counts_beyond_any_disk_before_writing() {
    let dir = tempfile::tempdir().unwrap();
    for cases in ["10000000000000000", "18446744073709551615"] {
        let out = dir.path().join("g");
        let (code, _, err) = ontrack(&[
            "--lang",
            "en",
            "generate",
            "depression-cbt-oq45",
            "--seed",
            "1",
            "--cases",
            cases,
            "--large",
            "--out",
            &out.display().to_string(),
        ]);
        assert_eq!(code, 2, "{cases}: {err}");
        assert!(
            err.contains("larger than") || err.contains("free"),
            "{cases}: {err}"
        );
        assert!(!out.exists(), "{cases}: nothing written");
    }
}

#[test]
fn sigterm_during_generate_leaves_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("g");
    let mut child = Command::new(env!("CARGO_BIN_EXE_ontrack"))
        .args([
            "generate",
            "tests/scenarios/minimal.ron",
            "--seed",
            "1",
            "--cases",
            "5000000",
        ])
        .arg("--out")
        .arg(&out)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    // Wait until the temporaries are being written.
    let deadline = Instant::now() + Duration::from_secs(60);
    while !(out.exists() && std::fs::read_dir(&out).unwrap().next().is_some()) {
        assert!(Instant::now() < deadline, "generate never began writing");
        std::thread::sleep(Duration::from_millis(20));
    }
    std::thread::sleep(Duration::from_millis(200));
    let pid = i32::try_from(child.id()).unwrap();
    // SAFETY: kill sends a signal to our own child.
    assert_eq!(unsafe { libc::kill(pid, libc::SIGTERM) }, 0);
    let status = child.wait().unwrap();
    assert_eq!(status.code(), Some(130), "stopped by SIGTERM, cleanly");
    assert!(
        !out.exists(),
        "the folder made for the output is gone with its temporaries: {:?}",
        std::fs::read_dir(&out).map(|d| d.count())
    );
}

#[test]
fn drill_out_never_goes_into_the_results_folder_or_over_a_file() {
    let tmp = tempfile::tempdir().unwrap();
    let results = tmp.path().join("results");
    played(&results, "anna");
    let drill = |out: &Path, force: bool| {
        let results = results.display().to_string();
        let out = out.display().to_string();
        let mut args = vec![
            "--lang",
            "en",
            "--results",
            &results,
            "drill",
            "tests/scenarios/minimal.ron",
            "--trainee",
            "anna",
            "--kind",
            "drift",
            "--out",
            &out,
        ];
        if force {
            args.push("--force");
        }
        ontrack(&args)
    };
    let inside = results.join("d.ron");
    let (code, _, err) = drill(&inside, true);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("inside the results folder"), "{err}");
    assert!(!inside.exists());

    let beside = tmp.path().join("d.ron");
    std::fs::write(&beside, "mine").unwrap();
    let (code, _, err) = drill(&beside, false);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("--force"), "{err}");
    assert_eq!(std::fs::read_to_string(&beside).unwrap(), "mine");

    let (code, _, err) = drill(&beside, true);
    assert_eq!(code, 0, "{err}");
    let (code, _, err) = ontrack(&["validate", &beside.display().to_string()]);
    assert_eq!(code, 0, "the drill written is a valid scenario: {err}");
    let names: Vec<_> = std::fs::read_dir(tmp.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(!names.iter().any(|n| n.ends_with(".tmp")), "{names:?}");
}

#[test]
fn every_entry_of_a_cohort_folder_is_accounted_for() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("runs");
    let good = played(&dir, "anna");
    // Saved by an editor that writes a byte order mark.
    let text = std::fs::read(&good).unwrap();
    std::fs::write(&good, [b"\xef\xbb\xbf".as_slice(), &text].concat()).unwrap();
    std::os::unix::fs::symlink(dir.join("b.ron"), dir.join("a.ron")).unwrap();
    std::os::unix::fs::symlink(dir.join("a.ron"), dir.join("b.ron")).unwrap();
    std::os::unix::fs::symlink("/dev/zero", dir.join("zero.ron")).unwrap();
    std::os::unix::fs::symlink("/dev/urandom", dir.join("urandom.ron")).unwrap();
    std::os::unix::fs::symlink(dir.join("gone"), dir.join("dangling.ron")).unwrap();
    mkfifo(&dir.join("fifo.ron"));
    std::fs::create_dir(dir.join("dir.ron")).unwrap();
    std::fs::write(dir.join("notes.txt"), "hello").unwrap();

    let started = Instant::now();
    let (code, out, err) = ontrack(&[
        "--lang",
        "en",
        "cohort",
        &dir.display().to_string(),
        "--json",
    ]);
    assert!(started.elapsed() < Duration::from_secs(20));
    assert_eq!(code, 0, "{err}");
    let cohort: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(
        cohort["runs"].as_array().map(Vec::len),
        Some(1),
        "the run with a byte order mark is used: {out}"
    );
    let reason = |name: &str| -> String {
        let listed = cohort["rejected"]
            .as_array()
            .unwrap()
            .iter()
            .chain(cohort["others"].as_array().unwrap())
            .find(|r| r["file"].as_str().unwrap().ends_with(name));
        listed.unwrap_or_else(|| panic!("{name} is not accounted for: {out}"))["reason"]
            .as_str()
            .unwrap()
            .to_string()
    };
    assert!(reason("/a.ron").contains("a link that cannot be followed"));
    assert!(reason("/b.ron").contains("a link that cannot be followed"));
    assert!(reason("/zero.ron").contains("a link to a device"));
    assert!(reason("/urandom.ron").contains("a link to a device"));
    assert!(reason("/dangling.ron").contains("a link to nothing"));
    assert!(reason("/fifo.ron").contains("a FIFO"));
    assert!(reason("/dir.ron").contains("a folder"));
    assert!(reason("/notes.txt").contains("not a run file"));
    let total = ["runs", "rejected", "others"]
        .iter()
        .map(|k| cohort[k].as_array().unwrap().len())
        .sum::<usize>();
    assert_eq!(total, std::fs::read_dir(&dir).unwrap().count(), "{out}");

    let (code, table, err) = ontrack(&["--lang", "en", "cohort", &dir.display().to_string()]);
    assert_eq!(code, 0, "{err}");
    for name in [
        "a.ron",
        "b.ron",
        "zero.ron",
        "urandom.ron",
        "dangling.ron",
        "fifo.ron",
        "dir.ron",
        "notes.txt",
    ] {
        assert!(table.contains(&format!("/{name}: ")), "{name}:\n{table}");
    }
}

#[test]
fn pseudonyms_are_inert_in_the_terminal_and_in_the_csv() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("runs");
    played(&dir, "=HYPERLINK(\"x\")");
    played(&dir, "red\u{1b}[31m\nnext row");
    let csv = tmp.path().join("c.csv");
    let (code, table, err) = ontrack(&[
        "--lang",
        "en",
        "cohort",
        &dir.display().to_string(),
        "--csv",
        &csv.display().to_string(),
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(!table.contains('\u{1b}'), "no escape reaches the terminal");
    assert!(table.contains("red\\u{1b}[31m\\nnext row"), "{table}");
    let bytes = std::fs::read(&csv).unwrap();
    let text = String::from_utf8(bytes).unwrap();
    assert!(
        text.contains("\"'=HYPERLINK(\"\"x\"\")\""),
        "the formula is text: {text}"
    );
    assert!(!text.contains(",=HYPERLINK"), "{text}");
    let (_, json, _) = ontrack(&["cohort", &dir.display().to_string(), "--json"]);
    let cohort: serde_json::Value = serde_json::from_str(&json).unwrap();
    let names: Vec<_> = cohort["runs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["trainee"].as_str().unwrap().to_string())
        .collect();
    assert!(
        names.contains(&"=HYPERLINK(\"x\")".to_string()),
        "JSON keeps the raw value: {names:?}"
    );
}
