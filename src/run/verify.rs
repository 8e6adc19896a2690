//! Rebuilds a run from its file and checks it: the seals, the embedded scenario and its hash, the
//! regenerated cases against the stored records, and every logged action replayed through the state
//! machine. A file that passes can be resumed or scored; one that fails says why.

use std::sync::Arc;

use super::file::{CaseRecord, RunFile};
use super::machine::{Action, Phase, Run, RunError};
use crate::scenario::from_file;

/// Why a run file does not verify.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum VerifyError {
    #[error("{}", broken_seal(*.0))]
    BrokenSeal(usize),
    #[error("the embedded scenario is not valid: {0}")]
    Scenario(String),
    #[error(
        "the scenario stored in the file does not match the scenario hash recorded with it: the scenario or its hash was edited by hand after the run was written"
    )]
    ScenarioHash,
    #[error("the file has {found} case records, the run has {expected} cases")]
    CaseCount { found: usize, expected: usize },
    #[error(
        "case {case}: the stored record ({stored}) differs from the regenerated case ({regenerated}): the file was edited"
    )]
    CaseMismatch {
        case: usize,
        stored: String,
        regenerated: String,
    },
    #[error("answer {index} ({action:?}) is not possible at that point of the run: {error}")]
    Rejected {
        index: usize,
        action: Action,
        error: RunError,
    },
    #[error("answer {0} is dated before the answer before it")]
    OutOfOrder(usize),
    #[error(
        "the file says the run finished, but its {answers} answers stop before the end: answers were cut off after the run finished"
    )]
    CutShort { answers: usize },
}

/// The run of a file, rebuilt and checked.
pub fn replay(file: &RunFile) -> Result<Run, VerifyError> {
    // The scenario and its hash first: an edited hash also breaks the first seal, and the message
    // about the hash says what was edited.
    let scenario = from_file("(embedded scenario)", file.scenario.clone())
        .map_err(|e| VerifyError::Scenario(e.to_string()))?;
    if scenario.hash != file.scenario_hash {
        return Err(VerifyError::ScenarioHash);
    }
    if let Some(i) = file.broken_seal() {
        return Err(VerifyError::BrokenSeal(i + 1));
    }
    let mut run = Run::new(Arc::new(scenario), file.seed);
    verify_records(&run, &file.cases)?;
    let mut previous = None;
    for (i, entry) in file.log.iter().enumerate() {
        if previous.is_some_and(|p| entry.at < p) {
            return Err(VerifyError::OutOfOrder(i + 1));
        }
        previous = Some(entry.at);
        run.apply(&entry.action)
            .map_err(|error| VerifyError::Rejected {
                index: i + 1,
                action: entry.action.clone(),
                error,
            })?;
    }
    // The header's end time is written in the same save as the last answer, so a file that claims
    // to be finished and stops short lost its last answers afterwards: the way a trainee would undo
    // a reveal to answer again.
    if file.finished.is_some() && run.phase() != Phase::Finished {
        return Err(VerifyError::CutShort {
            answers: file.log.len(),
        });
    }
    Ok(run)
}

fn verify_records(run: &Run, records: &[CaseRecord]) -> Result<(), VerifyError> {
    let cases = run.cases_for_verification();
    if cases.len() != records.len() {
        return Err(VerifyError::CaseCount {
            found: records.len(),
            expected: cases.len(),
        });
    }
    for (i, (case, stored)) in cases.iter().zip(records).enumerate() {
        let regenerated = CaseRecord::of(case);
        if &regenerated != stored {
            return Err(VerifyError::CaseMismatch {
                case: i + 1,
                stored: describe(stored),
                regenerated: describe(&regenerated),
            });
        }
    }
    Ok(())
}

/// The message of a broken seal: the first answer's seal also covers the header, so a break there
/// may be an edited pseudonym, seed, course code, start time or case record.
fn broken_seal(answer: usize) -> String {
    if answer == 1 {
        "the run's details (pseudonym, seed, course code, start time or case records) or its first answer do not match the seal: the file was edited by hand after it was written".into()
    } else {
        format!(
            "answer {answer} does not match its seal: the file was edited by hand after it was written"
        )
    }
}

fn describe(r: &CaseRecord) -> String {
    format!("intake {}, last {}, {}", r.intake, r.last, r.outcome.slug())
}
