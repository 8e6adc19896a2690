//! Where run files live and how they are written: atomically, so a crash at any moment leaves either
//! the previous file or the new one, never a torn one.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

/// The environment variable that overrides the results folder.
pub const RESULTS_ENV: &str = "ONTRACK_RESULTS";

/// The results folder: the one named on the command line, else `$ONTRACK_RESULTS`, else
/// `results` in the platform's data directory (e.g. `~/.local/share/ontrack/results` on Linux).
pub fn results_dir(named: Option<&Path>) -> PathBuf {
    if let Some(dir) = named {
        return dir.to_path_buf();
    }
    if let Some(dir) = std::env::var_os(RESULTS_ENV).filter(|d| !d.is_empty()) {
        return PathBuf::from(dir);
    }
    directories::ProjectDirs::from("nl", "OnTrack", "ontrack")
        .map(|d| d.data_dir().join("results"))
        .unwrap_or_else(|| PathBuf::from("ontrack-results"))
}

/// Writes `bytes` to `path` atomically: a temporary file in the same folder, fsync, rename over the
/// target, fsync the folder (so the rename itself survives a power cut).
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    fs::create_dir_all(dir)?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    {
        let mut f = fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
    }
    fs::rename(&tmp, path)?;
    fs::File::open(dir)?.sync_all()
}

/// The name a run's file gets when it starts, so a file still under that name can be told from a
/// copy under another.
pub fn run_file_name(
    trainee: &str,
    scenario_id: &str,
    started: jiff::Timestamp,
    seed: u64,
) -> String {
    format!(
        "{}_{scenario_id}_{}_{seed}.ron",
        slug(trainee),
        started.strftime("%Y%m%dT%H%M%S%.3fZ"),
    )
}

/// A file-name-safe form of a pseudonym.
pub fn slug(name: &str) -> String {
    let s: String = name
        .trim()
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect();
    if s.is_empty() { "anonymous".into() } else { s }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn atomic_write_replaces_the_file_and_leaves_no_temporary() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("run.ron");
        write_atomic(&path, b"one").expect("write");
        write_atomic(&path, b"two").expect("write");
        assert_eq!(fs::read(&path).expect("read"), b"two");
        let names: Vec<_> = fs::read_dir(dir.path()).expect("list").collect();
        assert_eq!(names.len(), 1);
    }

    #[test]
    fn slugs_are_safe_file_names() {
        assert_eq!(slug("Anna de V."), "Anna_de_V_");
        assert_eq!(slug("  "), "anonymous");
        assert_eq!(slug("../etc"), "___etc");
    }
}
