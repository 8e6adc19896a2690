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
    /// The session whose score first shows the client's sudden gain, if they make one.
    #[serde(default)]
    pub sudden_gain: Option<u32>,
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
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionNote {
    /// Per protocol element: delivered (true) or not.
    pub delivered: Vec<bool>,
    /// Per off-protocol activity: happened in this session.
    pub off_protocol: Vec<bool>,
    /// Per protocol element: the protocol called for it in this session (its phase, and for
    /// homework review whether homework was set the session before). Empty: every element was.
    #[serde(default)]
    pub due: Vec<bool>,
    /// Per protocol element: left out for an ordinary reason the note states. Empty: none.
    #[serde(default)]
    pub excused: Vec<bool>,
    /// Per protocol element with a client side, when delivered: whether the client had done it.
    #[serde(default)]
    pub done: Vec<Option<bool>>,
    /// Picks the note's wordings; drawn independently of everything else in the case, so the
    /// wording says nothing that the structured note does not.
    #[serde(default)]
    pub wording: u64,
}

impl SessionNote {
    /// Whether the protocol called for element `i` in this session.
    pub fn is_due(&self, i: usize) -> bool {
        self.due.get(i).copied().unwrap_or(true)
    }

    /// Whether element `i` was left out for a reason the note states.
    pub fn is_excused(&self, i: usize) -> bool {
        self.excused.get(i).copied().unwrap_or(false)
    }

    /// Whether element `i` was called for and not delivered (with a stated reason or without).
    pub fn lacks(&self, i: usize) -> bool {
        self.is_due(i) && !self.delivered.get(i).copied().unwrap_or(true)
    }

    /// What a surface reading of the note sees: an element the protocol called for is missing, or
    /// an off-protocol activity is named.
    pub fn departs(&self) -> bool {
        (0..self.delivered.len()).any(|i| self.lacks(i)) || self.off_protocol.iter().any(|o| *o)
    }
}

/// An unwanted event in a session.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Event {
    /// Session (1-based) in which it was reported.
    pub session: u32,
    /// Index into the scenario's event catalogue (which holds its true Linden class).
    pub kind: usize,
    /// Which of the event's wordings the report reads (0: its first text); see
    /// [`crate::scenario::format::EventKind::text_also`]. It carries no information.
    #[serde(default)]
    pub wording: usize,
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
    /// What the trainee has seen after session `seen` (0 = intake only): every channel up to `seen`.
    pub fn visible(&self, seen: u32) -> Visible<'_> {
        self.visible_as(Seen::all(seen))
    }

    /// The case with each evidence channel seen up to its own session (for conditioning the
    /// forecasters on part of the evidence, as the explanation of a forecast does).
    pub fn visible_as(&self, seen: Seen) -> Visible<'_> {
        Visible { case: self, seen }
    }

    /// The shown intake score.
    pub fn intake(&self) -> f64 {
        self.scores.first().copied().unwrap_or(f64::NAN)
    }

    /// The last session the client came to, when that was before the last of `sessions`: the client
    /// dropped out, and the outcome is judged on that session's score.
    pub fn ended_early(&self, sessions: usize) -> Option<usize> {
        let last = self.scores.len().saturating_sub(1);
        (last < sessions).then_some(last)
    }

    /// The shown last score.
    pub fn last(&self) -> f64 {
        self.scores.last().copied().unwrap_or(f64::NAN)
    }
}

/// The kinds of evidence a case shows, each a sequence over sessions, in the order in which the
/// evidence of one session is taken in by an explanation (`crate::teach::waterfall`): a session's note,
/// its unwanted events, its alliance rating, then its score. The one list of channels: a new channel of
/// the model is added here, to [`Seen`] and to [`Visible`], and every forecaster and explanation follows.
///
/// The order is the model's: events whose rate depends on what was delivered (side effects) are only
/// uninformative given the note of their session, so events are never seen further than notes; and
/// events may move the scores from their session on, so a score is never seen before the events of
/// its session.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub enum Channel {
    /// The structured session notes (protocol elements delivered, off-protocol activities).
    Notes,
    /// Unwanted events, by the session they were reported in.
    Events,
    /// The alliance rating after each session.
    Alliance,
    /// The outcome measure: intake (session 0) and after each session.
    Scores,
}

impl Channel {
    /// Every channel, in the order the evidence of one session is taken in.
    pub const ALL: [Channel; 4] = [
        Channel::Notes,
        Channel::Events,
        Channel::Alliance,
        Channel::Scores,
    ];

    /// The first session with evidence of this channel (the measure has an intake score).
    pub fn first_session(self) -> u32 {
        match self {
            Channel::Scores => 0,
            Channel::Alliance | Channel::Notes | Channel::Events => 1,
        }
    }

    /// The name used in JSON and in the keys of the texts.
    pub fn slug(self) -> &'static str {
        match self {
            Channel::Scores => "scores",
            Channel::Alliance => "alliance",
            Channel::Notes => "notes",
            Channel::Events => "events",
        }
    }
}

/// How far each channel has been seen: per channel the last session seen, or nothing of it at all.
/// Every channel is seen as a prefix (from its first session up to its own last one).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Seen {
    upto: [Option<u32>; Channel::ALL.len()],
}

impl Seen {
    /// Nothing of any channel: the forecast is the scenario's prior.
    pub fn nothing() -> Self {
        Seen {
            upto: [None; Channel::ALL.len()],
        }
    }

    /// Every channel up to session `seen`: what a trainee sees after that session.
    pub fn all(seen: u32) -> Self {
        Seen {
            upto: [Some(seen); Channel::ALL.len()],
        }
    }

    /// The last session seen of `channel`, `None` when nothing of it has been seen.
    pub fn of(&self, channel: Channel) -> Option<u32> {
        self.upto.get(channel as usize).copied().flatten()
    }

    /// The same, with `channel` seen up to session `upto`.
    pub fn with(mut self, channel: Channel, upto: u32) -> Self {
        if let Some(slot) = self.upto.get_mut(channel as usize) {
            *slot = Some(upto);
        }
        self
    }

    /// How many sessions (1..) of `channel` have been seen.
    fn sessions(&self, channel: Channel) -> u32 {
        self.of(channel).unwrap_or(0)
    }
}

/// A case as seen at a checkpoint: only sessions up to what has been seen of each channel, no
/// hidden state, no outcome. Forecasters take this, so none of them can look ahead.
#[derive(Debug, Clone, Copy)]
pub struct Visible<'a> {
    case: &'a Case,
    seen: Seen,
}

impl<'a> Visible<'a> {
    /// The last session seen of any channel (0 = intake only); at a checkpoint every channel is
    /// seen this far.
    pub fn seen(&self) -> u32 {
        Channel::ALL
            .iter()
            .filter_map(|&c| self.seen.of(c))
            .max()
            .unwrap_or(0)
    }

    /// Whether what is seen shows the case is over: its last score was seen, and it was either the
    /// last session of the treatment (`sessions`) or the measure has been followed past it, so the
    /// sessions that did not come are seen too. A client's last score before dropping out does not
    /// say it was the last until the next session is due.
    pub fn ended(&self, sessions: usize) -> bool {
        let last = self.case.scores.len().saturating_sub(1);
        self.seen
            .of(Channel::Scores)
            .is_some_and(|s| s as usize > last || (s as usize == last && last >= sessions))
    }

    /// Scores from intake to the last session seen of the measure (empty when not even the intake
    /// has been seen).
    pub fn scores(&self) -> &'a [f64] {
        let end = self
            .seen
            .of(Channel::Scores)
            .map_or(0, |s| (s as usize + 1).min(self.case.scores.len()));
        self.case.scores.get(..end).unwrap_or_default()
    }

    /// Alliance ratings of the sessions seen.
    pub fn alliance(&self) -> &'a [f64] {
        let end = (self.seen.sessions(Channel::Alliance) as usize).min(self.case.alliance.len());
        self.case.alliance.get(..end).unwrap_or_default()
    }

    /// Notes of the sessions seen.
    pub fn notes(&self) -> &'a [SessionNote] {
        let end = (self.seen.sessions(Channel::Notes) as usize).min(self.case.notes.len());
        self.case.notes.get(..end).unwrap_or_default()
    }

    /// How many sessions' events have been seen (an event-free session is evidence too).
    pub fn event_sessions(&self) -> u32 {
        self.seen.sessions(Channel::Events)
    }

    /// Events of the sessions seen.
    pub fn events(&self) -> impl Iterator<Item = &'a Event> + 'a {
        let seen = self.event_sessions();
        self.case.events.iter().filter(move |e| e.session <= seen)
    }

    /// The patient card (visible from the start).
    pub fn patient(&self) -> &'a Patient {
        &self.case.patient
    }
}

#[cfg(test)]
impl Case {
    /// A case with these observations, a plain hidden state (course 0, nothing else) and patient
    /// card, for tests that need only what is seen.
    pub(crate) fn observed(scores: Vec<f64>, alliance: Vec<f64>, notes: Vec<SessionNote>) -> Case {
        Case {
            index: 0,
            hidden: Hidden {
                course: 0,
                true_intake: 0.0,
                true_change: 0.0,
                drift: None,
                hello_goodbye: false,
                client_alliance: 0.0,
                score_shifts: Vec::new(),
                sudden_gain: None,
            },
            patient: Patient {
                age: 30,
                female: true,
                complaint: 0,
            },
            scores,
            alliance,
            notes,
            events: Vec::new(),
            outcome: Outcome::Unchanged,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn case_with_sessions(last: usize) -> Case {
        Case::observed(vec![80.0; last + 1], vec![36.0; last], Vec::new())
    }

    #[test]
    fn a_case_is_over_only_when_its_end_is_seen() {
        // Twelve sessions planned; this client came to nine.
        let dropped = case_with_sessions(9);
        assert!(!dropped.visible(8).ended(12));
        assert!(
            !dropped.visible(9).ended(12),
            "the last score alone does not say it was the last"
        );
        assert!(
            dropped.visible(10).ended(12),
            "session 10 was due and did not come"
        );
        let stayed = case_with_sessions(12);
        assert!(!stayed.visible(11).ended(12));
        assert!(stayed.visible(12).ended(12));
    }
}
