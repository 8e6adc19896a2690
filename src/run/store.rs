//! Where run files live and what they are called. A run file is written whole atomically (at the
//! start, on resuming and at the end), so a crash at any moment leaves either the previous file or
//! the new one, never a torn one; its answers in between are appended (see [`super::file`]).

use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

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

/// Run files are written the one safe way every file is (see [`crate::files::write`]).
pub use crate::files::write::write_atomic;

/// The name a run's file gets when it starts, so a file still under that name can be told from a
/// copy under another.
pub fn run_file_name(
    trainee: &str,
    scenario_id: &str,
    started: jiff::Timestamp,
    seed: u64,
) -> String {
    format!(
        "{}_{}_{}_{seed}.ron",
        slug(trainee),
        slug(scenario_id),
        started.strftime("%Y%m%dT%H%M%S%.3fZ"),
    )
}

/// The longest slug, in bytes. A run file's name is the slug, the scenario id (slugged the same way),
/// a 24-byte time stamp, the seed (at most 20 digits) and `.ron`: at most 40 + 40 + 51 = 131 bytes,
/// well under the 255 that Linux, macOS and Windows allow for a name — even on macOS, which stores
/// names decomposed (NFD), where a Hangul syllable of 3 bytes becomes 9.
pub const SLUG_MAX_BYTES: usize = 40;

/// A file-name-safe form of a pseudonym (or any text that goes into a file name): letters, digits,
/// `-` and `_` are kept, everything else becomes `_`, and an empty result is `anonymous`.
///
/// A slug longer than [`SLUG_MAX_BYTES`] is cut and ends in `-` and eight hex digits of the SHA-256 of
/// the whole text, so two long pseudonyms that begin alike still give different file names. Only the
/// file name is shortened: the run file keeps the pseudonym whole.
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
    if s.is_empty() {
        return "anonymous".into();
    }
    if s.len() <= SLUG_MAX_BYTES {
        return s;
    }
    let digest = Sha256::digest(name.trim().as_bytes());
    let tag: String = digest.iter().take(4).map(|b| format!("{b:02x}")).collect();
    let keep = SLUG_MAX_BYTES - tag.len() - 1;
    let mut short = String::with_capacity(SLUG_MAX_BYTES);
    for c in s.chars() {
        if short.len() + c.len_utf8() > keep {
            break;
        }
        short.push(c);
    }
    format!("{short}-{tag}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_safe_file_names() {
        assert_eq!(slug("Anna de V."), "Anna_de_V_");
        assert_eq!(slug("  "), "anonymous");
        assert_eq!(slug("../etc"), "___etc");
    }

    #[test]
    fn long_slugs_are_cut_and_told_apart() {
        let a = slug(&"é".repeat(300));
        let b = slug(&format!("{}x", "é".repeat(300)));
        assert!(
            a.len() <= SLUG_MAX_BYTES && b.len() <= SLUG_MAX_BYTES,
            "{a}"
        );
        assert_ne!(a, b);
        assert!(a.starts_with("éé"));
        assert_eq!(
            slug(&"a".repeat(SLUG_MAX_BYTES)),
            "a".repeat(SLUG_MAX_BYTES)
        );
    }
}
