//! Helpers shared by the command-line tests.

#![allow(dead_code, clippy::expect_used)] // each test file uses some of these; tests fail loudly

use std::process::Command;

#[cfg(feature = "gui")]
pub mod screens;

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
