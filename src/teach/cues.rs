//! The cues a forecaster can read off a case at a checkpoint, as numbers: the frame of Brunswik's
//! lens model, in which both a judge (the trainee) and the task (here the best possible forecast)
//! are described by linear weights on the same cues.

use serde::Serialize;

use crate::model::{SessionNote, Visible};
use crate::scenario::Scenario;

/// The cues, each signed so that a larger value is worse for the client.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub enum Cue {
    /// Change since intake in units of the reliable change, worse-direction positive:
    /// worse · (last − intake) / rci.
    Change,
    /// Share of the sessions seen with an alliance rating below the scale's concern line.
    LowAlliance,
    /// Share of the sessions seen whose note shows drift: a protocol element omitted or an
    /// off-protocol activity.
    Drift,
    /// 1 when any unwanted event has been seen, else 0.
    Events,
    /// Severity at intake: worse · (intake − clinical cutoff) / intake SD.
    Severity,
}

impl Cue {
    pub const ALL: [Cue; 5] = [
        Cue::Change,
        Cue::LowAlliance,
        Cue::Drift,
        Cue::Events,
        Cue::Severity,
    ];

    /// The name used in JSON and in the keys of the texts.
    pub fn slug(self) -> &'static str {
        match self {
            Cue::Change => "change",
            Cue::LowAlliance => "alliance",
            Cue::Drift => "drift",
            Cue::Events => "events",
            Cue::Severity => "severity",
        }
    }
}

/// The value of every cue, in the order of [`Cue::ALL`].
pub type CueValues = [f64; Cue::ALL.len()];

/// Whether a session's note shows drift from the protocol.
pub fn off_protocol(note: &SessionNote) -> bool {
    note.departs()
}

/// The cues of what is visible. A case with no intake score seen has every cue 0.
pub fn cues(s: &Scenario, v: &Visible) -> CueValues {
    let rules = &s.rules;
    let scores = v.scores();
    let Some(&intake) = scores.first() else {
        return [0.0; Cue::ALL.len()];
    };
    let last = scores.last().copied().unwrap_or(intake);
    let share = |hits: usize, of: usize| hits as f64 / of.max(1) as f64;
    let alliance = v.alliance();
    let low = alliance
        .iter()
        .filter(|a| **a < s.file.alliance.concern_below)
        .count();
    let notes = v.notes();
    let drift = notes.iter().filter(|n| off_protocol(n)).count();
    let m = &s.file.measure;
    Cue::ALL.map(|cue| match cue {
        Cue::Change => rules.worse * (last - intake) / rules.reliable_change,
        Cue::LowAlliance => share(low, alliance.len()),
        Cue::Drift => share(drift, notes.len()),
        Cue::Events => f64::from(u8::from(v.events().next().is_some())),
        Cue::Severity => rules.worse * (intake - m.clinical_cutoff.value) / m.intake_sd.value,
    })
}
