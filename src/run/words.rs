//! The run's refusals and answers in the chosen language: why an answer is not possible (the
//! state machine's [`RunError`]) and what the answer was, for the app's message line and for why
//! a run file is not used. Their English `Display` stays for logs and the JSON output.

use super::SessionError;
use super::code::{CodeError, MAX_SEED};
use super::lock::{Holder, LockError};
use super::machine::{Action, RunError};
use crate::cohort::reasons::{OsError, open_error_text};
use crate::i18n::{t, tf};
use crate::scenario::Lang;

/// Why a run cannot start, resume or save, in `lang`: each kind its own words, the file named,
/// the system's error by its kind.
pub fn session_error_text(e: &SessionError, lang: Lang) -> String {
    let path = |p: &std::path::Path| p.display().to_string();
    match e {
        SessionError::NoPseudonym => t(lang, "session-no-pseudonym"),
        SessionError::Save { path: p, error } => tf(
            lang,
            "session-save",
            &[
                ("path", path(p).into()),
                ("error", OsError::from(error).text(lang).into()),
            ],
        ),
        SessionError::Open(e) => open_error_text(e, lang),
        SessionError::Locked(e) => lock_error_text(e, lang),
        SessionError::NoFreeName { dir } => {
            tf(lang, "session-no-free-name", &[("dir", path(dir).into())])
        }
        SessionError::Answer(e) => run_error_text(e, lang),
        SessionError::Finished(p) => tf(lang, "session-finished", &[("path", path(p).into())]),
    }
}

/// Who holds a lock, in `lang`.
fn holder_text(holder: &Holder, lang: Lang) -> String {
    match holder {
        Holder::Starting => t(lang, "lock-holder-starting"),
        Holder::Process { pid, program: None } => {
            tf(lang, "lock-holder-app", &[("pid", pid.to_string().into())])
        }
        Holder::Process {
            pid,
            program: Some(program),
        } => tf(
            lang,
            "lock-holder-command",
            &[
                ("pid", pid.to_string().into()),
                ("program", program.clone().into()),
            ],
        ),
        Holder::Other(text) => text.clone(),
    }
}

/// Why a run (or a station's record) cannot be locked for writing, in `lang`.
pub fn lock_error_text(e: &LockError, lang: Lang) -> String {
    match e {
        LockError::Held { run, holder } => tf(
            lang,
            "lock-held",
            &[
                ("path", run.display().to_string().into()),
                ("holder", holder_text(holder, lang).into()),
            ],
        ),
        LockError::StationHeld { dir, holder } => tf(
            lang,
            "lock-station-held",
            &[
                ("path", dir.display().to_string().into()),
                ("holder", holder_text(holder, lang).into()),
            ],
        ),
        LockError::Io { path, error } => tf(
            lang,
            "lock-io",
            &[
                ("path", path.display().to_string().into()),
                ("error", OsError::from(error).text(lang).into()),
            ],
        ),
    }
}

/// Why a course code cannot be read (or made), in `lang`.
pub fn code_error_text(e: &CodeError, lang: Lang) -> String {
    let code = |key: &str, c: &str| tf(lang, key, &[("code", c.to_string().into())]);
    match e {
        CodeError::Shape(c) => code("code-shape", c),
        CodeError::Check(c) => code("code-check", c),
        CodeError::SeedTooLarge(seed) => tf(
            lang,
            "code-seed-too-large",
            &[("seed", (*seed).into()), ("max", MAX_SEED.into())],
        ),
        CodeError::Prefix(c) => code("code-prefix", c),
        CodeError::UnknownScenario { code, prefix } => tf(
            lang,
            "code-unknown-scenario",
            &[
                ("code", code.clone().into()),
                ("prefix", prefix.clone().into()),
            ],
        ),
    }
}

/// Why the answer is not possible now, in `lang`.
pub fn run_error_text(e: &RunError, lang: Lang) -> String {
    let session = |key: &str, s: u32| tf(lang, key, &[("session", s.into())]);
    let event = |key: &str, i: usize| tf(lang, key, &[("event", i.into())]);
    match e {
        RunError::ForecastDue(s) => session("run-error-forecast-due", *s),
        RunError::ClassificationDue(i) => event("run-error-classification-due", *i),
        RunError::NotACheckpoint(s) => session("run-error-not-a-checkpoint", *s),
        RunError::NotReached { checkpoint, last } => tf(
            lang,
            "run-error-not-reached",
            &[
                ("checkpoint", (*checkpoint).into()),
                ("last", (*last).into()),
            ],
        ),
        RunError::NoSuchSession { session, last } => tf(
            lang,
            "run-error-no-such-session",
            &[("session", (*session).into()), ("last", (*last).into())],
        ),
        RunError::AlreadyForecast(s) => session("run-error-already-forecast", *s),
        RunError::PercentOutOfRange(p) => {
            tf(lang, "run-error-percent", &[("percent", (*p).into())])
        }
        RunError::SessionNotSeen(s) => session("run-error-session-not-seen", *s),
        RunError::AlreadyFlagged(s) => session("run-error-already-flagged", *s),
        RunError::UnknownDriftKind(kind) => tf(
            lang,
            "run-error-unknown-drift-kind",
            &[("kind", kind.clone().into())],
        ),
        RunError::EventNotSeen(i) => event("run-error-event-not-seen", *i),
        RunError::AlreadyClassified(i) => event("run-error-already-classified", *i),
        RunError::EndOfReading => t(lang, "run-error-end-of-reading"),
        RunError::NotReading(what) => {
            let what = if what.contains("reveal") {
                t(lang, "run-error-what-reveal")
            } else {
                t(lang, "run-error-what-answer")
            };
            tf(lang, "run-error-not-reading", &[("what", what.into())])
        }
        RunError::NotRevealed => t(lang, "run-error-not-revealed"),
        RunError::Finished => t(lang, "run-error-finished"),
    }
}

/// The answer or step, in `lang` ("forecast 20 %", "next session").
pub fn action_text(action: &Action, lang: Lang) -> String {
    match action {
        Action::NextSession => t(lang, "action-next-session"),
        Action::Forecast { percent } => {
            tf(lang, "action-forecast", &[("percent", (*percent).into())])
        }
        Action::FlagDrift { session, .. } => {
            tf(lang, "action-flag", &[("session", (*session).into())])
        }
        Action::ClassifyEvent { event, class } => tf(
            lang,
            "action-classify",
            &[
                ("event", (*event).into()),
                ("class", t(lang, &format!("class-{}", class.slug())).into()),
            ],
        ),
        Action::Reveal => t(lang, "action-reveal"),
        Action::NextCase => t(lang, "action-next-case"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_refusal_has_its_own_words_in_both_languages() {
        let all = [
            RunError::ForecastDue(4),
            RunError::ClassificationDue(1),
            RunError::NotACheckpoint(3),
            RunError::NotReached {
                checkpoint: 8,
                last: 5,
            },
            RunError::NoSuchSession {
                session: 9,
                last: 5,
            },
            RunError::AlreadyForecast(4),
            RunError::PercentOutOfRange(100),
            RunError::SessionNotSeen(7),
            RunError::AlreadyFlagged(2),
            RunError::UnknownDriftKind("x".into()),
            RunError::EventNotSeen(3),
            RunError::AlreadyClassified(0),
            RunError::EndOfReading,
            RunError::NotReading("this answer"),
            RunError::NotReading("the reveal before the last checkpoint"),
            RunError::NotRevealed,
            RunError::Finished,
        ];
        for lang in [Lang::En, Lang::Nl] {
            let texts: Vec<String> = all.iter().map(|e| run_error_text(e, lang)).collect();
            for (e, text) in all.iter().zip(&texts) {
                // A missing key reads as the key itself.
                assert!(!text.contains("run-error"), "{e:?} in {lang:?}: {text}");
            }
            let mut distinct = texts.clone();
            distinct.sort();
            distinct.dedup();
            assert_eq!(distinct.len(), texts.len(), "{lang:?}: {texts:?}");
        }
        assert_eq!(
            run_error_text(&RunError::AlreadyForecast(4), Lang::Nl),
            "de voorspelling bij sessie 4 is al gegeven en kan niet meer worden veranderd"
        );
        assert_eq!(
            run_error_text(&RunError::AlreadyForecast(4), Lang::En),
            RunError::AlreadyForecast(4).to_string()
        );
    }

    #[test]
    fn every_course_code_and_lock_refusal_has_its_words_in_both_languages() {
        let codes = [
            CodeError::Shape("AB".into()),
            CodeError::Check("ABCD-1234".into()),
            CodeError::SeedTooLarge(40_000),
            CodeError::Prefix("A!".into()),
            CodeError::UnknownScenario {
                code: "ZZZZ-0051".into(),
                prefix: "ZZZZ".into(),
            },
        ];
        let locks = [
            Holder::Starting,
            Holder::Process {
                pid: 12,
                program: None,
            },
        ]
        .map(|holder| LockError::Held {
            run: "anna.ron".into(),
            holder,
        });
        for lang in [Lang::En, Lang::Nl] {
            let mut texts: Vec<String> = codes.iter().map(|e| code_error_text(e, lang)).collect();
            texts.extend(locks.iter().map(|e| lock_error_text(e, lang)));
            for text in &texts {
                // A missing key reads as the key itself.
                assert!(
                    !text.contains("code-") && !text.contains("lock-"),
                    "{lang:?}: {text}"
                );
            }
        }
        for (e, text) in codes.iter().map(|e| (e, code_error_text(e, Lang::En))) {
            assert_eq!(text, e.to_string());
        }
        assert_eq!(
            code_error_text(&CodeError::SeedTooLarge(40_000), Lang::Nl),
            "een cursuscode bevat startgetallen tot en met 32767, niet 40000"
        );
        assert_eq!(
            lock_error_text(&locks[1], Lang::Nl),
            "anna.ron: aan deze ronde schrijft al een andere OnTrack (proces 12, de OnTrack-app) — maak die eerst af of sluit hem; een ronde heeft één schrijver tegelijk, zodat er geen antwoord verloren gaat"
        );
        assert_eq!(lock_error_text(&locks[1], Lang::En), locks[1].to_string());
    }

    #[test]
    fn answers_are_told_in_dutch() {
        let forecast = Action::Forecast { percent: 20 };
        assert_eq!(action_text(&forecast, Lang::Nl), "voorspelling 20 %");
        let classify = Action::ClassifyEvent {
            event: 2,
            class: crate::scenario::format::LindenClass::SideEffect,
        };
        assert_eq!(
            action_text(&classify, Lang::Nl),
            "gebeurtenis 2 ingedeeld als bijwerking"
        );
    }
}
