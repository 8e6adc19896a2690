//! Helpers shared by the command-line tests.

#![allow(dead_code, clippy::expect_used)] // each test file uses some of these; tests fail loudly

use std::path::PathBuf;
use std::process::Command;
use std::sync::Arc;

use ontrack::forecast::Benchmarks;
use ontrack::run::Session;
use ontrack::run::bots::{Bot, play};
use ontrack::scenario::resolve;

#[cfg(feature = "gui")]
pub mod screens;
pub mod siege;

/// Runs `ontrack` with `args` in the project folder: (exit status, stdout, stderr).
pub fn ontrack(args: &[&str]) -> (i32, String, String) {
    ontrack_env(args, &[])
}

/// Runs `ontrack` with `args` and extra environment variables.
pub fn ontrack_env(args: &[&str], env: &[(&str, &str)]) -> (i32, String, String) {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_ontrack"));
    cmd.args(args).current_dir(env!("CARGO_MANIFEST_DIR"));
    for (k, v) in env {
        cmd.env(k, v);
    }
    let out = cmd.output().expect("the ontrack binary runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// A folder with bob's run alone, and a folder with the same run, a copy of it under another name
/// and a copy saved halfway (after 8 answers), as when a trainee hands in twice.
pub struct Handed {
    /// Holds the folders (removed when the test ends).
    pub tmp: tempfile::TempDir,
    pub alone: PathBuf,
    pub twice: PathBuf,
    pub copy: PathBuf,
    pub early: PathBuf,
    pub original: PathBuf,
}

pub fn handed_in_twice() -> Handed {
    let tmp = tempfile::tempdir().expect("test setup");
    let alone = tmp.path().join("alone");
    let twice = tmp.path().join("twice");
    std::fs::create_dir_all(&twice).expect("test setup");
    let scenario = Arc::new(resolve("tests/scenarios/minimal.ron").expect("test setup"));
    let bench = Benchmarks::new(&scenario);
    let mut s = Session::start(&alone, Arc::clone(&scenario), 3, "bob", "").expect("test setup");
    let path = s.path().to_path_buf();
    let early = twice.join("early-bob.ron");
    play(&mut s, &bench, Bot::Typical, 3, &mut |n| {
        if n == 8 {
            std::fs::copy(&path, &early).expect("test setup");
        }
    })
    .expect("test setup");
    let original = twice.join(path.file_name().expect("test setup"));
    std::fs::copy(&path, &original).expect("test setup");
    let copy = twice.join("copy-of-bob.ron");
    std::fs::copy(&path, &copy).expect("test setup");
    Handed {
        tmp,
        alone,
        twice,
        copy,
        early,
        original,
    }
}
