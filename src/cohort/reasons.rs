//! Why an entry of a results folder is not used, as typed kinds, with their words in the chosen
//! language: the trainer's list of files not used and `ontrack --lang nl cohort` read
//! [`NotUsed::text`]; the English `Display` stays for logs and the JSON output. Details that come
//! from elsewhere (the operating system's message for an unusual error, the RON parser's message)
//! are given as they are, in brackets.

use std::io;

use fluent_bundle::FluentValue;

use super::NotUsed;
use crate::files::read::NotAFile;
use crate::i18n::{t, tf};
use crate::run::OpenError;
use crate::run::file::{RUN_SCHEMA, RunFileError};
use crate::run::verify::VerifyError;
use crate::scenario::Lang;

/// An error of the operating system, kept by kind (for the words) and as its text.
#[derive(Debug)]
pub struct OsError {
    pub kind: io::ErrorKind,
    pub text: String,
}

impl From<&io::Error> for OsError {
    fn from(e: &io::Error) -> Self {
        OsError {
            kind: e.kind(),
            text: e.to_string(),
        }
    }
}

impl std::fmt::Display for OsError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.text)
    }
}

impl OsError {
    /// The error in words: the common kinds in the language, the others as the system says them.
    pub fn text(&self, lang: Lang) -> String {
        match self.kind {
            io::ErrorKind::NotFound => t(lang, "os-not-found"),
            io::ErrorKind::PermissionDenied => t(lang, "os-permission"),
            _ => tf(lang, "os-other", &[("error", self.text.clone().into())]),
        }
    }
}

/// What an entry of the folder is when it is not read as a run.
#[derive(Debug)]
pub enum Entry {
    /// An entry the folder's listing could not give.
    Unlisted(OsError),
    /// A name `*.ron` that is not a regular file.
    Special(NotAFile),
    /// A link to something that is not a regular file.
    LinkTo(NotAFile),
    /// A link whose target is gone.
    LinkToNothing,
    /// A link that cannot be followed.
    LinkBroken(OsError),
    /// A name `*.ron` whose kind cannot be asked.
    Unreadable(OsError),
    /// The lock of a live class's station.
    StationLock,
    /// The lock of a run being written.
    RunLock,
    /// The receipt of a run received live, read with its run.
    Receipt,
    /// A receipt that cannot be used: unreadable, or `damaged` (not a receipt); with the detail.
    ReceiptUnused { damaged: bool, detail: String },
    /// A temporary file of a save.
    Temporary,
    /// A folder inside the results folder.
    SubFolder,
    /// Any other file (not named `*.ron`).
    OtherFile,
}

impl std::fmt::Display for Entry {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Entry::Unlisted(e) => write!(f, "an entry that cannot be listed ({e})"),
            Entry::Special(what) => write!(f, "{what}"),
            Entry::LinkTo(what) => write!(f, "a link to {what}"),
            Entry::LinkToNothing => f.write_str("a link to nothing (what it linked to is gone)"),
            Entry::LinkBroken(e) => write!(f, "a link that cannot be followed ({e})"),
            Entry::Unreadable(e) => write!(f, "cannot be read ({e})"),
            Entry::StationLock => f.write_str(
                "the lock of a live class station keeping its record here (or left by one that stopped) — not a run file",
            ),
            Entry::RunLock => f.write_str(
                "the lock of a run being written (or left by one that stopped) — not a run file",
            ),
            Entry::Receipt => {
                f.write_str("the receipt of a run received live — read with its run file")
            }
            Entry::ReceiptUnused { damaged, detail } => {
                let reason = if *damaged {
                    format!("not a receipt of a live class ({detail}) — it was edited or damaged")
                } else {
                    format!("cannot read it ({detail})")
                };
                write!(
                    f,
                    "the receipt of a run received live, not used: {reason} — its run counts as a file handed in"
                )
            }
            Entry::Temporary => f.write_str(
                "a temporary file of a save in progress (or of one that was interrupted) — not a run file",
            ),
            Entry::SubFolder => f.write_str(
                "a folder — run files are read from this folder only, not from folders in it",
            ),
            Entry::OtherFile => f.write_str("not a run file (only files named *.ron are read)"),
        }
    }
}

impl Entry {
    /// What the entry is, in `lang`.
    pub fn text(&self, lang: Lang) -> String {
        let detail = |key: &str, e: &OsError| tf(lang, key, &[("error", e.text(lang).into())]);
        match self {
            Entry::Unlisted(e) => detail("entry-unlisted", e),
            Entry::Special(what) => t(lang, what.key()),
            Entry::LinkTo(what) => tf(
                lang,
                "entry-link-to",
                &[("what", t(lang, what.key()).into())],
            ),
            Entry::LinkToNothing => t(lang, "entry-link-nothing"),
            Entry::LinkBroken(e) => detail("entry-link-broken", e),
            Entry::Unreadable(e) => detail("entry-unreadable", e),
            Entry::StationLock => t(lang, "entry-station-lock"),
            Entry::RunLock => t(lang, "entry-run-lock"),
            Entry::Receipt => t(lang, "entry-receipt"),
            Entry::ReceiptUnused { damaged, detail } => {
                let key = if *damaged {
                    "entry-receipt-damaged"
                } else {
                    "entry-receipt-unreadable"
                };
                tf(lang, key, &[("error", detail.clone().into())])
            }
            Entry::Temporary => t(lang, "entry-temporary"),
            Entry::SubFolder => t(lang, "entry-subfolder"),
            Entry::OtherFile => t(lang, "entry-other-file"),
        }
    }
}

impl NotUsed {
    /// Why the file is not used, naming it, in `lang`.
    pub fn text(&self, lang: Lang) -> String {
        let n = |v: usize| FluentValue::from(v);
        match self {
            NotUsed::Open(e) => open_error_text(e, lang),
            NotUsed::Copy { file, kept } => tf(
                lang,
                "not-used-copy",
                &[("file", file.clone().into()), ("kept", kept.clone().into())],
            ),
            NotUsed::EarlierStage {
                file,
                kept,
                answers,
                kept_answers,
            } => tf(
                lang,
                "not-used-earlier",
                &[
                    ("file", file.clone().into()),
                    ("kept", kept.clone().into()),
                    ("answers", n(*answers)),
                    ("kept_answers", n(*kept_answers)),
                ],
            ),
            NotUsed::DiffersFromLive {
                file,
                kept,
                answer,
                answers,
                kept_answers,
            } => tf(
                lang,
                "not-used-differs-live",
                &[
                    ("file", file.clone().into()),
                    ("kept", kept.clone().into()),
                    ("answer", n(*answer)),
                    ("answers", n(*answers)),
                    ("kept_answers", n(*kept_answers)),
                ],
            ),
            NotUsed::NotAFile { file, what } => tf(
                lang,
                "not-used-not-a-file",
                &[
                    ("file", file.clone().into()),
                    ("what", what.text(lang).into()),
                ],
            ),
            NotUsed::NotARunFile { file, what } => tf(
                lang,
                "not-used-other",
                &[
                    ("file", file.clone().into()),
                    ("what", what.text(lang).into()),
                ],
            ),
        }
    }
}

/// Why a run file cannot be opened, naming it, in `lang`.
pub fn open_error_text(e: &OpenError, lang: Lang) -> String {
    match e {
        OpenError::File(RunFileError::Read { path, error }) => tf(
            lang,
            "run-file-unreadable",
            &[
                ("path", path.clone().into()),
                ("error", OsError::from(error).text(lang).into()),
            ],
        ),
        OpenError::File(RunFileError::Schema {
            path,
            found,
            version,
        }) => tf(
            lang,
            "run-file-schema",
            &[
                ("path", path.clone().into()),
                ("found", (*found).into()),
                ("schema", RUN_SCHEMA.into()),
                ("version", version.clone().into()),
            ],
        ),
        OpenError::File(RunFileError::Parse {
            path,
            line,
            col,
            message,
        }) => tf(
            lang,
            "run-file-parse",
            &[
                ("path", path.clone().into()),
                ("line", line.to_string().into()),
                ("col", col.to_string().into()),
                ("error", message.clone().into()),
            ],
        ),
        OpenError::Verify { path, error } => tf(
            lang,
            "run-file-verify",
            &[
                ("path", path.display().to_string().into()),
                ("why", verify_text(error, lang).into()),
            ],
        ),
    }
}

/// Why a run file does not verify, in `lang`.
fn verify_text(e: &VerifyError, lang: Lang) -> String {
    let n = |v: usize| FluentValue::from(v);
    match e {
        VerifyError::BrokenSeal(1) => t(lang, "verify-seal-first"),
        VerifyError::BrokenSeal(answer) => tf(lang, "verify-seal", &[("answer", n(*answer))]),
        VerifyError::Scenario(detail) => {
            tf(lang, "verify-scenario", &[("error", detail.clone().into())])
        }
        VerifyError::ScenarioHash => t(lang, "verify-scenario-hash"),
        VerifyError::CaseCount { found, expected } => tf(
            lang,
            "verify-case-count",
            &[("found", n(*found)), ("expected", n(*expected))],
        ),
        VerifyError::CaseMismatch {
            case,
            stored,
            regenerated,
        } => tf(
            lang,
            "verify-case-mismatch",
            &[
                ("case", n(*case)),
                ("stored", stored.clone().into()),
                ("regenerated", regenerated.clone().into()),
            ],
        ),
        VerifyError::Rejected {
            index,
            action,
            error,
        } => tf(
            lang,
            "verify-rejected",
            &[
                ("index", n(*index)),
                ("action", action.clone().into()),
                ("error", error.to_string().into()),
            ],
        ),
        VerifyError::OutOfOrder(answer) => {
            tf(lang, "verify-out-of-order", &[("answer", n(*answer))])
        }
        VerifyError::CutShort { answers } => {
            tf(lang, "verify-cut-short", &[("answers", n(*answers))])
        }
    }
}
