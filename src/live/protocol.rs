//! What a trainee app and the trainer station say to each other: JSON over HTTP on the room's
//! network, one small request per answer. Every request carries the class PIN; every body is at most
//! [`MAX_BODY`] bytes and is parsed strictly (an unknown or missing field is refused), so a
//! malformed request is told what is wrong and nothing of it is kept.

use serde::{Deserialize, Serialize};

use crate::run::RunFile;
use crate::run::file::Entry;

/// The largest request or reply body, in bytes: an answer is a few hundred.
pub const MAX_BODY: usize = 64 * 1024;

/// The longest pseudonym, course code, program version or seal a request may carry, in bytes.
pub const MAX_TEXT: usize = 256;

/// Where a trainee joins (and joins again after the app restarted).
pub const JOIN: &str = "/join";
/// Where each answer is sent.
pub const ANSWER: &str = "/answer";
/// Where a waiting app asks whether the reveal is still held.
pub const STATUS: &str = "/status";

/// The port a station listens on unless told otherwise.
pub const DEFAULT_PORT: u16 = 47_474;

/// Joining a class: the header of the trainee's run file, from which the station builds its own
/// copy (it regenerates the cases itself from its own scenario and the seed).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Join {
    pub pin: String,
    pub course_code: String,
    pub trainee: String,
    pub started: jiff::Timestamp,
    pub seed: u64,
    pub scenario_hash: String,
    pub program_version: String,
}

impl Join {
    /// The join request of a run file's header.
    pub fn of(file: &RunFile, pin: &str) -> Join {
        Join {
            pin: pin.to_string(),
            course_code: file.course_code.clone(),
            trainee: file.trainee.clone(),
            started: file.started,
            seed: file.seed,
            scenario_hash: file.scenario_hash.clone(),
            program_version: file.program_version.clone(),
        }
    }
}

/// One answer: the entry of the run file's log at `index`, exactly as the trainee's file has it
/// (time, action, seal). Sending the same answer again is harmless.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Answer {
    pub pin: String,
    /// The run, as the station named it in its reply to the join.
    pub run: String,
    /// The entry's place in the log: 0 is the first answer.
    pub index: usize,
    pub entry: Entry,
}

/// Asking how things stand (the hold of the reveal) without sending anything.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Status {
    pub pin: String,
    pub run: String,
}

/// The station's reply to every accepted request: only about the trainee's own run.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Reply {
    /// The run's name at the station (the header seal of its run file).
    pub run: String,
    /// How many answers of the run the station holds: the next one to send has this index.
    pub received: usize,
    /// While the trainer holds the reveal: the reveal of cases from this index on (0 is the first
    /// case) waits until the trainer releases it.
    pub held_from: Option<usize>,
}

/// The body of a refusal: what is wrong, and for an answer out of order the index the station
/// expects next.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Refused {
    pub error: String,
    pub received: Option<usize>,
}
