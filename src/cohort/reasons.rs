//! Why an entry of a results folder is not used, as typed kinds, with their words in the chosen
//! language: the trainer's list of files not used and `ontrack --lang nl cohort` read
//! [`NotUsed::text`]; the English `Display` stays for logs and the JSON output. Details that come
//! from elsewhere are typed too (the operating system's error by its kind, a receipt's JSON error
//! by its category and place, a refused answer by the state machine's error), so that they read in
//! the chosen language; only an unusual system error keeps the system's English text, in English.

use std::io;

use fluent_bundle::FluentValue;

use super::NotUsed;
use crate::files::read::NotAFile;
use crate::i18n::{t, tf};
use crate::run::OpenError;
use crate::run::file::{RUN_SCHEMA, RunFileError};
use crate::run::verify::VerifyError;
use crate::run::words::{action_text, run_error_text};
use crate::scenario::Lang;

/// An error of the operating system, kept by kind (for the words), with its code (if the system
/// gave one) and its text (for logs and the JSON output).
#[derive(Debug)]
pub struct OsError {
    pub kind: io::ErrorKind,
    pub code: Option<i32>,
    pub text: String,
}

impl From<&io::Error> for OsError {
    fn from(e: &io::Error) -> Self {
        OsError {
            kind: e.kind(),
            code: e.raw_os_error(),
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
    /// The error in words of `lang`: each kind a file or a folder can meet its own words; an
    /// unusual one the system's text in English, and in Dutch words of its own with the system's
    /// error code.
    pub fn text(&self, lang: Lang) -> String {
        use io::ErrorKind as K;
        let key = match self.kind {
            K::NotFound => "os-not-found",
            K::PermissionDenied => "os-permission",
            K::AlreadyExists => "os-already-exists",
            K::IsADirectory => "os-is-a-directory",
            K::NotADirectory => "os-not-a-directory",
            K::FileTooLarge => "os-too-large",
            K::InvalidInput => "os-not-a-file",
            K::InvalidData => "os-invalid-data",
            K::UnexpectedEof => "os-cut-short",
            K::StorageFull | K::QuotaExceeded => "os-storage-full",
            K::ReadOnlyFilesystem => "os-read-only",
            K::ResourceBusy | K::WouldBlock => "os-busy",
            K::TimedOut => "os-timed-out",
            K::Interrupted => "os-interrupted",
            K::OutOfMemory => "os-out-of-memory",
            K::StaleNetworkFileHandle | K::NetworkDown | K::HostUnreachable => "os-network",
            K::TooManyLinks | K::InvalidFilename => "os-bad-path",
            K::AddrInUse => "os-address-in-use",
            K::AddrNotAvailable => "os-address-not-available",
            _ if self.code.is_some() => "os-other",
            _ => "os-other-no-code",
        };
        // The English words of some keys are the text itself: OnTrack's own limits say there
        // what the limit is and what to do.
        let code = self.code.map_or(String::new(), |c| c.to_string());
        tf(
            lang,
            key,
            &[("error", self.text.clone().into()), ("code", code.into())],
        )
    }
}

/// Why a receipt beside a run file cannot be used.
#[derive(Debug)]
pub enum ReceiptProblem {
    /// It cannot be read.
    Unreadable(OsError),
    /// It is not a receipt: where the JSON reader stopped, and why, by kind.
    Damaged {
        line: usize,
        column: usize,
        kind: serde_json::error::Category,
        text: String,
    },
}

impl From<&serde_json::Error> for ReceiptProblem {
    fn from(e: &serde_json::Error) -> Self {
        ReceiptProblem::Damaged {
            line: e.line(),
            column: e.column(),
            kind: e.classify(),
            text: e.to_string(),
        }
    }
}

impl std::fmt::Display for ReceiptProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ReceiptProblem::Unreadable(e) => write!(f, "{e}"),
            ReceiptProblem::Damaged { text, .. } => f.write_str(text),
        }
    }
}

impl ReceiptProblem {
    /// What is wrong with the receipt, in `lang`.
    pub fn text(&self, lang: Lang) -> String {
        use serde_json::error::Category;
        match self {
            ReceiptProblem::Unreadable(e) => e.text(lang),
            ReceiptProblem::Damaged {
                line, column, kind, ..
            } => {
                let key = match kind {
                    Category::Syntax => "json-syntax",
                    Category::Data => "json-data",
                    Category::Eof => "json-eof",
                    Category::Io => "json-io",
                };
                tf(
                    lang,
                    key,
                    &[("line", (*line).into()), ("col", (*column).into())],
                )
            }
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
    /// A receipt that cannot be used: unreadable, or damaged (not a receipt).
    ReceiptUnused(ReceiptProblem),
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
            Entry::ReceiptUnused(problem) => {
                let reason = match problem {
                    ReceiptProblem::Damaged { .. } => format!(
                        "not a receipt of a live class ({problem}) — it was edited or damaged"
                    ),
                    ReceiptProblem::Unreadable(_) => format!("cannot read it ({problem})"),
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
            Entry::ReceiptUnused(problem) => {
                let key = match problem {
                    ReceiptProblem::Damaged { .. } => "entry-receipt-damaged",
                    ReceiptProblem::Unreadable(_) => "entry-receipt-unreadable",
                };
                tf(lang, key, &[("error", problem.text(lang).into())])
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
                ("action", action_text(action, lang).into()),
                ("error", run_error_text(error, lang).into()),
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::run::machine::{Action, RunError};

    #[test]
    fn an_unusual_system_error_reads_in_dutch_with_its_code() {
        // 111 is ECONNREFUSED on Linux; its text is English ("Connection refused (os error 111)").
        let refused = OsError::from(&io::Error::from_raw_os_error(111));
        let nl = refused.text(Lang::Nl);
        assert_eq!(
            nl,
            "een ongewone fout van het besturingssysteem (foutcode 111)"
        );
        assert_eq!(refused.text(Lang::En), refused.text);
        let full = OsError::from(&io::Error::from(io::ErrorKind::StorageFull));
        assert_eq!(full.text(Lang::Nl), "de schijf is vol");
        let too_large = io::Error::new(io::ErrorKind::FileTooLarge, "it is larger than 16 MiB");
        let too_large = OsError::from(&too_large);
        assert!(too_large.text(Lang::Nl).starts_with("het is groter dan"));
        assert_eq!(too_large.text(Lang::En), "it is larger than 16 MiB");
    }

    #[test]
    fn a_damaged_receipt_says_where_in_dutch() {
        let error = serde_json::from_str::<serde_json::Value>("{\n  \"run\": }").unwrap_err();
        let problem = ReceiptProblem::from(&error);
        let entry = Entry::ReceiptUnused(problem);
        let nl = entry.text(Lang::Nl);
        assert!(
            nl.contains("(regel 2, kolom 10: geen geldige JSON)"),
            "{nl}"
        );
        assert!(!nl.contains("expected"), "{nl}");
        // The English Display keeps the parser's own words, for logs and JSON.
        assert!(entry.to_string().contains("expected value"), "{entry}");
    }

    #[test]
    fn a_refused_answer_reads_in_dutch() {
        let error = VerifyError::Rejected {
            index: 7,
            action: Action::Forecast { percent: 30 },
            error: RunError::AlreadyForecast(4),
        };
        assert_eq!(
            verify_text(&error, Lang::Nl),
            "antwoord 7 (voorspelling 30 %) kan op dat punt van de ronde niet: de voorspelling \
             bij sessie 4 is al gegeven en kan niet meer worden veranderd"
        );
        assert_eq!(
            verify_text(&error, Lang::En),
            "answer 7 (forecast 30 %) is not possible at that point of the run: the forecast at \
             session 4 was already given and cannot be changed"
        );
    }
}
