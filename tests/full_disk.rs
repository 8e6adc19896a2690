//! A full disk: every command that writes fails with a message and leaves no file behind — no
//! temporary, no partial file under its final name. On a small tmpfs mounted for the test, which
//! needs root (elsewhere the test says so and stops; the injected failures of the unit tests in
//! `src/files/write.rs` cover the same path without root).

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may fail loudly
#![cfg(target_os = "linux")]

mod common;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Arc;

use common::ontrack;
use ontrack::forecast::Benchmarks;
use ontrack::run::Session;
use ontrack::run::bots::{Bot, play};
use ontrack::scenario::resolve;

/// A tmpfs of 512 kB, unmounted when dropped.
struct Tiny {
    dir: tempfile::TempDir,
}

impl Tiny {
    fn mount() -> Option<Tiny> {
        let dir = tempfile::tempdir().unwrap();
        let ok = Command::new("mount")
            .args(["-t", "tmpfs", "-o", "size=512k", "tmpfs"])
            .arg(dir.path())
            .output()
            .is_ok_and(|o| o.status.success());
        ok.then_some(Tiny { dir })
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Fills the file system to the last byte.
    fn fill(&self) {
        let mut f = std::fs::File::create(self.path().join("filler")).unwrap();
        let block = [b'x'; 4096];
        while f.write_all(&block).is_ok() {}
        while f.write_all(b"x").is_ok() {}
        let _ = f.sync_all();
    }

    /// Every file under the mount but the filler.
    fn files(&self) -> Vec<PathBuf> {
        fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
            for e in std::fs::read_dir(dir).unwrap() {
                let p = e.unwrap().path();
                if p.is_dir() {
                    walk(&p, out);
                } else {
                    out.push(p);
                }
            }
        }
        let mut out = Vec::new();
        walk(self.path(), &mut out);
        out.retain(|p| !p.ends_with("filler"));
        out
    }
}

impl Drop for Tiny {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(self.dir.path()).status();
    }
}

#[test]
fn no_write_leaves_a_file_behind_on_a_full_disk() {
    let Some(tiny) = Tiny::mount() else {
        eprintln!("skipped: cannot mount a tmpfs here (needs root)");
        return;
    };
    // A folder of runs to export, on a disk with room.
    let room = tempfile::tempdir().unwrap();
    let runs = room.path().join("runs");
    let scenario = Arc::new(resolve("tests/scenarios/minimal.ron").unwrap());
    let bench = Benchmarks::new(&scenario);
    let mut s = Session::start(&runs, Arc::clone(&scenario), 3, "anna", "").unwrap();
    play(&mut s, &bench, Bot::Typical, 3, &mut |_| {}).unwrap();
    drop(s);
    tiny.fill();
    let at = |name: &str| tiny.path().join(name).display().to_string();
    let runs = runs.display().to_string();
    let commands: [Vec<String>; 4] = [
        vec![
            "--results".into(),
            at("results"),
            "play".into(),
            "tests/scenarios/minimal.ron".into(),
            "--bot".into(),
            "ideal".into(),
        ],
        vec!["cohort".into(), runs.clone(), "--csv".into(), at("c.csv")],
        vec![
            "--results".into(),
            runs.clone(),
            "drill".into(),
            "tests/scenarios/minimal.ron".into(),
            "--trainee".into(),
            "anna".into(),
            "--kind".into(),
            "drift".into(),
            "--out".into(),
            at("d.ron"),
        ],
        vec![
            "generate".into(),
            "tests/scenarios/minimal.ron".into(),
            "--seed".into(),
            "1".into(),
            "--cases".into(),
            "1".into(),
            "--out".into(),
            at("g"),
        ],
    ];
    for args in commands {
        let mut all = vec!["--lang", "en"];
        all.extend(args.iter().map(String::as_str));
        let (code, _, err) = ontrack(&all);
        assert_eq!(code, 2, "{args:?} fails: {err}");
        assert_eq!(
            err.matches("No space left on device").count().min(1),
            err.matches("No space left on device").count(),
            "the OS error once: {err}"
        );
        assert_eq!(
            tiny.files(),
            Vec::<PathBuf>::new(),
            "{args:?} left files: {err}"
        );
    }
}

#[test]
fn an_answer_that_finds_the_disk_full_is_not_said_saved_and_the_file_stays_whole() {
    let Some(tiny) = Tiny::mount() else {
        eprintln!("skipped: cannot mount a tmpfs here (needs root)");
        return;
    };
    let scenario = Arc::new(resolve("tests/scenarios/minimal.ron").unwrap());
    let bench = Benchmarks::new(&scenario);
    let results = tiny.path().join("results");
    let mut s = Session::start(&results, Arc::clone(&scenario), 3, "anna", "").unwrap();
    let mut player = ontrack::run::bots::BotPlayer::new(Bot::Typical, &bench, 3);
    for _ in 0..5 {
        let action = player.next_action(s.run()).unwrap();
        s.apply(action).unwrap();
    }
    tiny.fill();
    // The file's last page still has room for a few lines; then an answer finds the disk full.
    let mut saved = 5;
    let err = loop {
        let action = player.next_action(s.run()).unwrap();
        match s.apply(action) {
            Ok(()) => saved += 1,
            Err(err) => break err,
        }
        assert!(saved < 100, "the disk never filled");
    };
    assert!(err.to_string().contains("No space left on device"), "{err}");
    // What is on disk is the run up to its last answer said saved: whole, and it verifies.
    let on_disk = ontrack::run::open(s.path()).unwrap();
    assert_eq!(on_disk.file.log.len(), saved);
    assert_eq!(on_disk.file.log[..], s.file().log[..saved]);
    // Room again: the next answer saves the file whole, with the one that failed.
    std::fs::remove_file(tiny.path().join("filler")).unwrap();
    let action = player.next_action(s.run()).unwrap();
    s.apply(action).unwrap();
    let on_disk = ontrack::run::open(s.path()).unwrap();
    assert_eq!(on_disk.file.log, s.file().log);
    assert_eq!(on_disk.file.log.len(), saved + 2);
    drop(s);
    assert_eq!(
        tiny.files()
            .iter()
            .filter(|p| p.extension().is_none_or(|x| x != "ron"))
            .count(),
        0,
        "no temporary and no lock left: {:?}",
        tiny.files()
    );
}
