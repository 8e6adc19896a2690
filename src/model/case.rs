//! One simulated case: what is hidden, what the trainee sees, and how the view is cut at a checkpoint.

use serde::{Deserialize, Serialize};

use crate::scenario::measure::Outcome;

/// Drift from the protocol in a case.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct DriftState {
    /// Index into the scenario's drift kinds.
    pub kind: usize,
    /// First session (1-based) in which the therapist works off protocol.
    pub onset: u32,
}

/// The hidden state of a case, revealed only after the run.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Hidden {
    /// Index into the scenario's latent courses.
    pub course: usize,
    /// True severity at intake, in measure points.
    pub true_intake: f64,
    /// True change by the last session, in measure points.
    pub true_change: f64,
    pub drift: Option<DriftState>,
    /// The patient exaggerates at intake and minimises at the end.
    pub hello_goodbye: bool,
    /// The client's own alliance level, added to every rating, in rating points.
    #[serde(default)]
    pub client_alliance: f64,
    /// The lasting score shift of each event that moves scores: (session, points).
    #[serde(default)]
    pub score_shifts: Vec<(u32, f64)>,
}

/// The patient card. Drawn independently of everything else: it carries no information on the outcome.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Patient {
    pub age: u32,
    pub female: bool,
    /// Index into the scenario's presenting complaints.
    pub complaint: usize,
}

/// The structured note of one session.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionNote {
    /// Per protocol element: delivered (true) or omitted.
    pub delivered: Vec<bool>,
    /// Per off-protocol activity: happened in this session.
    pub off_protocol: Vec<bool>,
}

/// An unwanted event in a session.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Event {
    /// Session (1-based) in which it was reported.
    pub session: u32,
    /// Index into the scenario's event catalogue (which holds its true Linden class).
    pub kind: usize,
}

/// A whole case.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Case {
    /// Position in the generated sequence (the RNG stream of the case).
    pub index: u64,
    pub hidden: Hidden,
    pub patient: Patient,
    /// Shown scores: index 0 is intake, index t the score after session t.
    pub scores: Vec<f64>,
    /// Shown alliance ratings: index t − 1 for session t.
    pub alliance: Vec<f64>,
    /// Session notes: index t − 1 for session t.
    pub notes: Vec<SessionNote>,
    /// Unwanted events in session order.
    pub events: Vec<Event>,
    pub outcome: Outcome,
}

impl Case {
    /// What the trainee has seen after session `seen` (0 = intake only).
    pub fn visible(&self, seen: u32) -> Visible<'_> {
        Visible { case: self, seen }
    }

    /// The shown intake score.
    pub fn intake(&self) -> f64 {
        self.scores.first().copied().unwrap_or(f64::NAN)
    }

    /// The shown last score.
    pub fn last(&self) -> f64 {
        self.scores.last().copied().unwrap_or(f64::NAN)
    }
}

/// A case as seen at a checkpoint: only sessions up to `seen`, no hidden state, no outcome.
/// Forecasters take this, so none of them can look ahead.
#[derive(Debug, Clone, Copy)]
pub struct Visible<'a> {
    case: &'a Case,
    seen: u32,
}

impl<'a> Visible<'a> {
    /// The last session seen (0 = intake only).
    pub fn seen(&self) -> u32 {
        self.seen
    }

    /// Scores from intake to the last session seen.
    pub fn scores(&self) -> &'a [f64] {
        let end = (self.seen as usize + 1).min(self.case.scores.len());
        self.case.scores.get(..end).unwrap_or_default()
    }

    /// Alliance ratings of the sessions seen.
    pub fn alliance(&self) -> &'a [f64] {
        let end = (self.seen as usize).min(self.case.alliance.len());
        self.case.alliance.get(..end).unwrap_or_default()
    }

    /// Notes of the sessions seen.
    pub fn notes(&self) -> &'a [SessionNote] {
        let end = (self.seen as usize).min(self.case.notes.len());
        self.case.notes.get(..end).unwrap_or_default()
    }

    /// Events of the sessions seen.
    pub fn events(&self) -> impl Iterator<Item = &'a Event> + 'a {
        let seen = self.seen;
        self.case.events.iter().filter(move |e| e.session <= seen)
    }

    /// The patient card (visible from the start).
    pub fn patient(&self) -> &'a Patient {
        &self.case.patient
    }
}
