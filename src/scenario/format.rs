//! The scenario file format: plain serde structs, read from RON with unknown fields refused.
//!
//! Every research number sits in a [`Sourced`] value that names a key in `sources`, so a student can
//! look up where it came from; modelling choices are sources of their own kind.

use serde::{Deserialize, Serialize};

/// The only scenario format version this build reads.
pub const FORMAT_VERSION: u32 = 1;

/// A text in both languages of the app.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Text {
    pub nl: String,
    pub en: String,
}

/// The languages OnTrack speaks (`nl`, `en` on the command line).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, clap::ValueEnum)]
pub enum Lang {
    Nl,
    En,
}

impl Text {
    /// The text in `lang`.
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Nl => &self.nl,
            Lang::En => &self.en,
        }
    }
}

/// A number with the key of the source it was taken from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Sourced {
    pub value: f64,
    pub source: String,
}

/// A published range (for rates that papers report as a range, or that vary between settings).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SourcedRange {
    pub low: f64,
    pub high: f64,
    pub source: String,
}

/// Whether a source is a publication or a choice the scenario's author made.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
pub enum SourceKind {
    #[default]
    Published,
    ModellingChoice,
}

/// One entry of the scenario's bibliography.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    pub key: String,
    /// Full citation (authors, year, title, journal, volume, pages), or for a modelling choice the reasoning.
    pub citation: String,
    /// DOI or URL; required for a published source.
    #[serde(default)]
    pub link: Option<String>,
    #[serde(default)]
    pub kind: SourceKind,
}

/// The outcome measure, with the Jacobson–Truax parameters that define the outcome.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Measure {
    pub name: String,
    /// What the measure is, in a sentence or two, for the briefing.
    pub explanation: Text,
    pub min: f64,
    pub max: f64,
    /// Scores are shown rounded to this step.
    pub step: f64,
    /// True when a higher score means more distress (OQ-45); false for the ORS.
    pub higher_is_worse: bool,
    /// The boundary score that still belongs to the clinical range.
    pub clinical_cutoff: Sourced,
    /// Reliable change index: the smallest change that counts as reliable.
    pub reliable_change: Sourced,
    pub intake_mean: Sourced,
    pub intake_sd: Sourced,
    pub test_retest: Sourced,
    /// SD of the week-to-week fluctuation around the true course; at least the measure's SEM.
    pub session_noise_sd: Sourced,
    /// Correlation of the fluctuation from one session to the next (an AR(1) process): a bad week
    /// tends to follow a bad week. Left out, 0: independent weeks.
    #[serde(default)]
    pub noise_autocorrelation: Option<Sourced>,
    /// Where real respondents' totals thin out at the ends of the scale. Left out, scores are only
    /// rounded and kept inside the range (clamped).
    #[serde(default)]
    pub scale_ends: Option<ScaleEnds>,
}

/// How the scores a respondent gives near the ends of a scale are compressed rather than clamped.
///
/// The model's score (true course plus the week's fluctuation) is a latent score; the total shown is a
/// monotone function of it that is the identity in the middle of the scale and, within `soft_low` of
/// the lowest total (`soft_high` of the highest), bends towards it and never passes it: a client far
/// below the usual range answers a few items at the healthy extreme, not every item (a total of 0 on
/// the OQ-45 means all 45 items, the reversed ones too). A latent score is never lost, so the
/// forecasters can read the latent score back from the total shown.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScaleEnds {
    /// The lowest total shown.
    pub lowest: f64,
    /// The highest total shown.
    pub highest: f64,
    /// Width of the zone above the lowest total in which the scale bends (scale points).
    pub soft_low: f64,
    /// Width of the zone below the highest total in which the scale bends (scale points).
    pub soft_high: f64,
    pub source: String,
}

/// How the prior share of a latent course is set.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Prior {
    /// A share relative to the other non-solved courses.
    Share(f64),
    /// Solved by the loader so that the observed deterioration rate equals the declared one.
    SolvedFromDeteriorationRate,
}

/// A latent course of treatment.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Course {
    pub key: String,
    pub label: Text,
    pub prior: Prior,
    /// Mean true change from intake to the last session, in measure points (signed as the measure runs).
    pub mean_change: f64,
    pub sd_change: f64,
    /// How the change unfolds over the sessions; left out, most of it early (log dose–response).
    #[serde(default)]
    pub shape: Shape,
    /// Mean alliance rating per session in this course.
    pub alliance_mean: f64,
    pub source: String,
    /// Some clients of this course make part of their change in one step between two sessions.
    /// Left out, none do.
    #[serde(default)]
    pub sudden_gain: Option<SuddenGain>,
}

/// A sudden gain (Tang & DeRubeis, 1999): with `probability` a client of the course makes the share
/// `share` of their true change between sessions j − 1 and j, j evenly among `first..=last`; the
/// rest of the change follows the course's shape. The share of the change reached after session t is
/// then (1 − share)·g(t) + share·[t ≥ j], and still all of it at the end.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SuddenGain {
    pub probability: f64,
    pub share: f64,
    pub first: u32,
    pub last: u32,
    pub source: String,
}

/// The share g(t) of a course's change reached after session t of T (g(0) = 0, g(T) = 1).
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
pub enum Shape {
    /// ln(1 + t) / ln(1 + T): most change comes early, as in dose–response curves.
    #[default]
    LogDose,
    /// t / T: the change comes evenly.
    Linear,
    /// Nothing until session `from`, then evenly to the end: a late turn (late deterioration).
    Late { from: u32 },
    /// Half of the change by session `half`, half of the rest `half` sessions later, and so on,
    /// rescaled to reach all of it at the end: a course that shows itself in the first sessions,
    /// as most deteriorations do in outcome monitoring (Hannan et al., 2005: 85 % by session 3).
    Early { half: f64 },
    /// A turn: straight to the share `to` by session `at`, then straight to all of the change at the
    /// end. With `to` below 0 the course first goes the other way: a client who improves in the end
    /// first gets worse (an early setback), or one who deteriorates first improves.
    Turn { at: u32, to: f64 },
}

impl Shape {
    /// g(t) for session `t` of `sessions` (t = 0 is intake).
    pub fn share(self, t: usize, sessions: usize) -> f64 {
        let (t, total) = (t as f64, sessions.max(1) as f64);
        match self {
            Shape::LogDose => (1.0 + t).ln() / (1.0 + total).ln(),
            Shape::Linear => t / total,
            Shape::Late { from } => {
                let from = f64::from(from).min(total - 1.0);
                ((t - from) / (total - from)).max(0.0)
            }
            Shape::Early { half } => (1.0 - (-t / half).exp2()) / (1.0 - (-total / half).exp2()),
            Shape::Turn { at, to } => {
                let at = f64::from(at).clamp(1.0, total - 1.0);
                if t <= at {
                    to * t / at
                } else {
                    to + (1.0 - to) * (t - at) / (total - at)
                }
            }
        }
    }
}

/// The session-by-session alliance rating scale.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Alliance {
    pub name: String,
    pub min: f64,
    pub max: f64,
    pub step: f64,
    /// SD of the rating around its course mean.
    pub sd: f64,
    /// Ratings below this are a concern (SRS: 36).
    pub concern_below: f64,
    pub source: String,
    /// SD of the client's own level, the same in every session: some clients rate every session
    /// high, others low, whatever the course. Left out, 0: ratings independent given the course.
    #[serde(default)]
    pub client_sd: Option<Sourced>,
    /// Ruptures: sessions whose rating drops, repaired by the next session. Left out, none.
    #[serde(default)]
    pub ruptures: Option<Ruptures>,
}

/// Alliance ruptures that are repaired (Safran & Muran): in a session with a rupture the rating is
/// `depth` points lower than it would have been, and the next session's rating is drawn as usual.
/// The chance of a rupture per session depends on the course (`rates`, by course key; a course left
/// out has none), so a dip is a cue whose weight the trainee must learn.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Ruptures {
    pub depth: f64,
    pub rates: Vec<(String, f64)>,
    pub source: String,
}

/// A core element of the treatment protocol (agenda, homework review, exposure, …).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Element {
    pub key: String,
    pub label: Text,
    /// Probability the element is left out of a session before any drift.
    pub omission_before_drift: f64,
    /// Note text when delivered.
    pub delivered: Text,
    /// Note text when omitted.
    pub omitted: Text,
    /// Further wordings of the delivered note, so that the same element does not read the same
    /// sentence every session; one is picked per session independently of everything else.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub delivered_also: Vec<Text>,
    /// Further wordings of the omitted note.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub omitted_also: Vec<Text>,
    /// The sessions in which the protocol calls for the element (its phase: psychoeducation first,
    /// exposure from its session, relapse prevention near the end); left out, every session.
    /// Outside them the note does not mention it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sessions: Option<Window>,
    /// Called for only after a session in which this other element was delivered: homework is
    /// reviewed when homework was set, and there is nothing to review in the first session.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub follows: Option<String>,
    /// What the note says when the element it follows was not delivered the session before
    /// ("no homework had been set, so none to review"); left out, nothing.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub nothing_to_follow: Vec<Text>,
    /// Ordinary sessions that leave the element out for a stated reason, as often with drift as
    /// without it. Left out, none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub excused: Option<Excused>,
    /// The client's side when the element is delivered (was the homework done?). Left out, the
    /// note says nothing of it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client: Option<ClientSide>,
    /// A clinician does not write down that it was done (that an agenda was set): the note mentions
    /// the element only when it was left out. Its absence from a note then reads as delivered, so
    /// the text tells exactly what the structured note does, in a shorter note. Only for an
    /// element called for in every session (no phase, nothing it follows).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub silent_when_delivered: bool,
    /// The wordings of the delivered element for a client whose score this session is not
    /// reliably better than at intake: an ending or relapse-prevention session then talks of what
    /// was not reached and of the care that follows, not of what helped. A function of the scores
    /// shown, so it tells nothing beyond them. Left out, the delivered wordings.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub not_improved: Vec<Text>,
}

/// A span of sessions, both ends included.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Window {
    pub first: u32,
    pub last: u32,
}

impl Window {
    /// Whether session `t` lies in the window.
    pub fn holds(&self, t: u32) -> bool {
        self.first <= t && t <= self.last
    }
}

/// An ordinary omission with a reason the note states (a crisis that took the session, a client
/// who came late): per session in which the element is called for, with the same probability before
/// and after drift onset, so a single omission with a reason says nothing of drift.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Excused {
    pub probability: f64,
    /// The notes that state the reason, one picked per session.
    pub reasons: Vec<Text>,
    pub source: String,
}

/// Whether the client did what a delivered element asks of them (the homework reviewed): done with
/// one probability before drift onset and another after it (a therapist who stops attending to
/// homework gets less of it done).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClientSide {
    pub done_before_drift: f64,
    pub done_after_onset: f64,
    /// Notes when done, and when not done; one of each list picked per session.
    pub done: Vec<Text>,
    pub not_done: Vec<Text>,
    pub source: String,
}

/// Something a therapist does that is not in the protocol (unstructured support, probing for memories, …).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OffProtocol {
    pub key: String,
    pub label: Text,
    /// Note text when it happened in a session.
    pub text: Text,
    /// Further wordings of the note.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub text_also: Vec<Text>,
    /// Probability per session before any drift.
    pub rate_before_drift: f64,
    /// Protocol elements this activity leaves no room for: in a session where it happens they are
    /// not delivered (a session spent in supportive talk has no cognitive work), so a note never
    /// says both.
    #[serde(default)]
    pub crowds_out: Vec<String>,
    /// The activity is the therapist's own answer to a worse score (putting a low score down to "a
    /// bad week"): in a session where it happens the note does not also say that the worsening was
    /// taken up (`Protocol::worsening`), which would contradict it.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub answers_worsening: bool,
}

/// The protocol: its core elements and what a session may hold beside them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Protocol {
    pub name: Text,
    pub elements: Vec<Element>,
    pub off_protocol: Vec<OffProtocol>,
    pub source: String,
    /// What the note says when the score the client filled in for the session is reliably worse
    /// than before. Left out, the notes do not react to the scores.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub worsening: Option<Worsening>,
}

/// The therapist's response, in the note, to a score that is reliably worse (by the measure's
/// reliable change, in its direction) than the one before or than at intake: the worsening named
/// and what was done about it. A function of the scores shown and of the note's wording seed alone,
/// so it tells nothing the scores do not, and the ideal forecaster and drift observer, which weigh
/// the structured note, stay exact. The texts may hold `{score}` (this session's score), `{before}`
/// (the session before), `{intake}` and `{best}` (the best score before this session).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Worsening {
    /// Reliably worse than the session before: the therapist asked what happened.
    pub since_last: Vec<Text>,
    /// Reliably worse than at intake, and the session before was not: the worsening discussed.
    pub since_intake: Vec<Text>,
    /// Still reliably worse than at intake, and worse than every score before: raised again.
    pub still: Vec<Text>,
    /// Not reliably worse than at intake, but reliably worse than the best score so far where the
    /// session before was not: the gains partly lost, what set them back discussed. May hold
    /// `{best}`. Left out, such a setback goes unremarked.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub since_best: Vec<Text>,
    /// A score at or beyond which (in the worse direction) a worsening also brings a question about
    /// suicidal thoughts: the measure's territory of risk.
    pub risk_from: f64,
    /// The note of that risk check (what the therapist did, not what the client answered, which
    /// the scores do not tell).
    pub risk: Vec<Text>,
    /// The protocol element in which the therapist looks at the scores (the progress report, the
    /// ORS): in a session that left it out the therapist has not looked, and the note says nothing
    /// of a worsening. Left out, the therapist sees the scores in every session.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seen_in: Option<String>,
    pub source: String,
}

/// The session at which drift starts, in drift cases.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Onset {
    /// Equally likely at each session from `first` to `last`.
    Uniform { first: u32, last: u32 },
    /// Relative weights for sessions 1, 2, … (shorter than the number of sessions: the rest weigh 0).
    Weights(Vec<f64>),
}

/// A changed probability of one element or off-protocol activity after drift onset.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Change {
    pub key: String,
    pub probability: f64,
}

/// One way a therapist drifts from the protocol.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DriftKind {
    pub key: String,
    pub label: Text,
    pub description: Text,
    /// Relative weight among drift kinds.
    pub weight: f64,
    /// Omission probabilities of elements after onset; elements not named keep their probability.
    pub omission_after_onset: Vec<Change>,
    /// Per-session probabilities of off-protocol activities after onset; the rest keep theirs.
    pub off_protocol_after_onset: Vec<Change>,
}

/// Therapist drift: how often, from when, in which ways, and what it does to the risk of deterioration.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Drift {
    /// Share of cases in which the therapist drifts.
    pub rate: Sourced,
    pub onset: Onset,
    /// Odds ratio of the deteriorating course in drift cases against the others.
    pub odds_ratio_deterioration: Sourced,
    pub kinds: Vec<DriftKind>,
    /// The band in which the ideal drift observer's d′ at the first drift session must lie: how
    /// visible drift is meant to be in the notes, a modelling choice (`ontrack check` tests it).
    /// Left out, not tested.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub observer_band: Option<SourcedRange>,
    /// Sessions over which drift grows to the full rates of its kind: in its k-th session from
    /// the onset every rate (omission, off-protocol, homework done) has moved k / ramp of the way
    /// from the protocol's to the kind's, so drift creeps in over sessions as a pattern rather than
    /// as one different note. Left out, 1: the full rates from the onset.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ramp: Option<u32>,
}

/// Linden's (2013) classes of unwanted events.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum LindenClass {
    /// Not caused by the treatment.
    Unrelated,
    /// Adverse reaction to correct treatment.
    SideEffect,
    /// Adverse reaction to incorrect treatment.
    Malpractice,
    /// Violation of an ethical or legal norm.
    Violation,
}

impl LindenClass {
    /// All classes, in the order of the taxonomy.
    pub const ALL: [LindenClass; 4] = [
        LindenClass::Unrelated,
        LindenClass::SideEffect,
        LindenClass::Malpractice,
        LindenClass::Violation,
    ];

    /// The label used in CSV files and the command line.
    pub fn slug(self) -> &'static str {
        match self {
            LindenClass::Unrelated => "unrelated",
            LindenClass::SideEffect => "side_effect",
            LindenClass::Malpractice => "malpractice",
            LindenClass::Violation => "violation",
        }
    }
}

/// When an unwanted event can happen in a session.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Condition {
    /// In any session.
    Always,
    /// Only in a session where this protocol element was delivered.
    AfterElement(String),
    /// Only in sessions at or after drift onset.
    AfterDrift,
}

/// The six factors of the Negative Effects Questionnaire (Rozental et al., 2016).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum NeqFactor {
    Symptoms,
    Quality,
    Dependency,
    Stigma,
    Hopelessness,
    Failure,
}

/// An NEQ-style negative-effect item a patient may report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NeqItem {
    pub key: String,
    pub factor: NeqFactor,
    pub text: Text,
}

/// The patient's report on an NEQ item that comes with an event (severity 0–4).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NeqReport {
    pub item: String,
    pub severity: u8,
}

/// An entry of the unwanted-event catalogue.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EventKind {
    pub key: String,
    pub text: Text,
    /// Further wordings of the event, so that an event that comes back in a case does not read the
    /// same sentence again: the first occurrence in a case takes one picked by the session note's
    /// wording seed, each later one the next.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub text_also: Vec<Text>,
    /// The true Linden class, revealed after the case.
    pub linden: LindenClass,
    /// Probability per session in which the condition holds.
    pub rate: Sourced,
    pub condition: Condition,
    #[serde(default)]
    pub neq: Option<NeqReport>,
    /// At most once per case (a bereavement); left out, it can recur.
    #[serde(default)]
    pub once: bool,
    /// How the event moves the outcome scores from its session on, in measure points (signed as the
    /// measure runs); left out, it leaves them alone.
    #[serde(default)]
    pub score_shift: Option<ScoreShift>,
    /// How the event lowers the alliance ratings from its session on; left out, it leaves them
    /// alone.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub alliance_drop: Option<AllianceDrop>,
    /// How much likelier the event is in some courses than in the others (a harm that goes with a
    /// worsening course); left out, its rate is the same in every course.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub course_rates: Option<CourseRates>,
    /// Why the event has no lasting consequence in the model (a week of flu, a side effect of
    /// correct treatment that passes): the key of the source that says so, for an event that
    /// declares no effect above. Left out, nothing is claimed either way.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub no_lasting_effect: Option<String>,
}

/// A lasting drop of the alliance ratings after an event (a breach of confidentiality, a therapist
/// who dismisses the client): every rating from the event's session on is `points` lower than it
/// would have been, on top of the drops of earlier events. A fixed size on the rating scale's step
/// grid, so that the forecasters can weigh a rating seen after the event exactly.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AllianceDrop {
    pub points: f64,
    pub source: String,
}

/// Per-course multipliers of an event's rate per session: in a course named here the event
/// happens with `rate × multiplier` in each session in which its condition holds, in the other
/// courses with `rate`. An event likelier in the deteriorating course makes the clients who have it
/// deteriorate more often, so that seeing it rightly raises the forecast.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CourseRates {
    pub multipliers: Vec<(String, f64)>,
    pub source: String,
}

/// A lasting shift of the outcome scores after an event: Normal(mean, sd²) points, drawn per event.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScoreShift {
    pub mean: f64,
    pub sd: f64,
    pub source: String,
}

/// The hello-goodbye effect: exaggerating at intake, minimising at the end.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HelloGoodbye {
    pub rate: Sourced,
    /// Points added in the worse direction at intake and in the better direction at the last session.
    pub size: Sourced,
}

/// Unplanned endings: a client may stop coming after any session from the one after the last
/// checkpoint (or from `early.from`) to the one before the last, so that `rate` of the clients end
/// early. The outcome is then judged on the last score shown, as the outcome studies judge it. Without
/// `early` nobody stops before the last checkpoint, so every case reaches every checkpoint. See
/// [`super::dropout`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Dropout {
    /// Share of clients whose last score comes before the last session.
    pub rate: Sourced,
    /// γ: a client whose own alliance level lies one SD below the mean stops e^γ times as often as
    /// one at the mean. Needs `alliance.client_sd`. Without it, whether a client stops depends on
    /// nothing else in the model.
    #[serde(default)]
    pub alliance_link: Option<Sourced>,
    /// Front-loaded dropout: clients may stop from session `from` on, and `share` of those who stop
    /// early have stopped by session `by`. In routine care many clients leave after one to three
    /// sessions (Swift & Greenberg, 2012), so a case may end before a checkpoint.
    #[serde(default)]
    pub early: Option<EarlyDropout>,
}

/// When clients who stop early stop: see [`Dropout::early`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EarlyDropout {
    /// The first session after which a client may stop (1: after the first session).
    pub from: u32,
    /// The session by which `share` of the clients who stop early have stopped.
    pub by: u32,
    /// The share of the early endings at or before session `by`.
    pub share: Sourced,
}

/// Who the patients are, for the patient card (carries no information on the outcome).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Patients {
    pub population: Text,
    pub age_min: u32,
    pub age_max: u32,
    pub female_share: f64,
    pub complaints: Vec<Text>,
}

/// A complete scenario file, as written in `scenarios/*.ron` (before validation and calibration).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename = "Scenario")]
pub struct ScenarioFile {
    pub format: u32,
    pub id: String,
    pub title: Text,
    pub briefing: Text,
    pub sources: Vec<Source>,
    pub measure: Measure,
    /// Number of treatment sessions after intake.
    pub sessions: u32,
    /// Sessions after which the trainee forecasts (0 = after intake); each before the last session.
    pub checkpoints: Vec<u32>,
    /// The published observed rate of reliable deterioration.
    pub deterioration_rate: Sourced,
    /// The published range of the recovery rate.
    pub recovery_rate: SourcedRange,
    /// How the true change depends on the true intake severity: points of change per point of
    /// intake above the intake mean (negative: more severe clients change more, and regress to the
    /// mean). Left out, 0.
    #[serde(default)]
    pub change_per_intake_point: Option<Sourced>,
    pub courses: Vec<Course>,
    /// Which clients of the population a run shows: left out, all of them. Left out of the canonical
    /// text when absent, so a scenario without it keeps its hash.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub selection: Option<Selection>,
    pub alliance: Alliance,
    pub protocol: Protocol,
    pub drift: Drift,
    pub events: Vec<EventKind>,
    pub neq_items: Vec<NeqItem>,
    pub hello_goodbye: HelloGoodbye,
    /// Unplanned endings; left out, every client stays to the last session (and the canonical text
    /// leaves it out, so a scenario without it keeps its hash).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dropout: Option<Dropout>,
    pub patients: Patients,
    pub cases_per_run: u32,
    /// About how long a run takes a trainee.
    pub minutes: u32,
    /// Four letters or digits that start this scenario's course codes (`DCBT` in `DCBT-7Q4K`);
    /// when left out, made from the id.
    #[serde(default)]
    pub course_code: String,
    /// The qualification test guide: published statistics the simulated population must reproduce
    /// (`ontrack check` prints them as a table). Left out of the canonical text when empty, so a
    /// scenario without targets keeps its hash.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub targets: Vec<Target>,
}

/// A run that shows only the clients an early-warning system flagged as not on track, as the
/// not-on-track groups of Lambert's feedback studies were: the model above describes every client of
/// the clinic, the warning rule is normed on all of them, and a case is drawn again until its signal
/// turned yellow or red at some session up to `flagged_by`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Selection {
    /// The last session at which the signal may first have turned yellow or red; every checkpoint
    /// comes at or after it, so the trainee always sees the scores that got the client selected.
    pub flagged_by: u32,
    pub source: String,
}

/// Up to which session the early-warning rule may have flagged a client.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum By {
    /// At any session from 1 to this one (and before the client's last score).
    Session(u32),
    /// At any session before the client's last score: a warning before the outcome is known.
    End,
}

/// A statistic of the simulated population, computed from the cases as the research computes it
/// (see `research::qualify` for the exact definitions and formulas).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub enum Statistic {
    /// Share of clients reliably worse at their last shown score than at intake.
    Deterioration,
    /// Share of clients recovered (reliably better and out of the clinical range) at their last score.
    Recovery,
    /// Share of clients who reached reliable improvement at some session up to this one
    /// (Kaplan–Meier, censored at the last shown score), as dose–response studies count it.
    ReliableImprovementBy(u32),
    /// Share of the clients still in treatment after this session whose score then is reliably
    /// better than at intake: the dose–effect reading of studies that judged improvement at a given
    /// number of sessions (Howard et al., 1986), which a single good week earlier does not count.
    ReliablyImprovedAt(u32),
    /// Share of clients who reached recovery (clinically significant change) at some session up to
    /// this one (Kaplan–Meier, censored at the last shown score).
    RecoveryBy(u32),
    /// Share of clients with at least one sudden gain by the criteria of Tang & DeRubeis (1999),
    /// with the absolute criterion in scale points and the relative one as a share of the pre-gain
    /// score's distance from the healthy end of the scale, among the clients seen to session 5 or
    /// later (the shortest series in which a gain can be tested with three scores on each side).
    SuddenGain { min_points: f64, min_share: f64 },
    /// Pearson r of the mean alliance over sessions 1 to `sessions` with the residualised change
    /// (last score regressed on intake), signed so that a better outcome is positive, over the
    /// clients rated at each of those sessions.
    AllianceOutcome { sessions: u32 },
    /// Cohen's d of the early alliance between the clients who complete and those who drop out
    /// (positive when dropouts had the weaker alliance), as Sharf, Primavera & Diener (2010) pooled
    /// it. A client's early alliance is the mean of their ratings over sessions 1 to `sessions`, or
    /// to their last session if they stopped before it: with front-loaded dropout many dropouts are
    /// never rated at session `sessions`, and leaving them out would compare completers with the
    /// late dropouts only.
    AllianceDropout { sessions: u32 },
    /// The outcome measure's reliability as simulated: the squared correlation of true and shown
    /// intake scores.
    TestRetest,
    /// Share of clients whose scores stop before the last session.
    Dropout,
    /// Among the clients who stop before the last session, the share whose last session is this
    /// one or an earlier one: how front-loaded dropout is (many clients leave after one to three
    /// sessions; Olfson et al., 2009).
    DropoutBy(u32),
    /// Share of deteriorated clients the early-warning rule flagged not on track before their last
    /// score, among those still in treatment after the session (or, by the end, with a score
    /// before the last).
    WarningSensitivity(By),
    /// Share of all clients the early-warning rule flagged not on track, counted as
    /// [`Statistic::WarningSensitivity`].
    WarningFlagged(By),
    /// Share of clients with at least one unwanted event of this Linden class by the last planned
    /// session (Kaplan–Meier, censored at the last session of a client who stopped early).
    Events(LindenClass),
}

/// How far the realised statistic may lie from the target value.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub enum Tolerance {
    /// The value plus or minus this much.
    Within(f64),
    /// Anywhere from `low` to `high` (which hold the value).
    Range { low: f64, high: f64 },
}

/// How a target's value stands to its source.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Evidence {
    /// The figure was found in the source's text or abstract.
    Verified,
    /// A published figure taken from a secondary report, not found in the source itself.
    Unverified,
    /// OnTrack's own choice (a published figure adapted to this population, or a band around one).
    ModellingChoice,
}

/// One objective test of the qualification guide: a statistic, its value and tolerance, and where
/// the value comes from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Target {
    pub statistic: Statistic,
    pub value: f64,
    pub tolerance: Tolerance,
    pub source: String,
    pub evidence: Evidence,
}

impl Target {
    /// The band the realised statistic must reach: `(low, high)`.
    pub fn band(&self) -> (f64, f64) {
        match self.tolerance {
            Tolerance::Within(d) => (self.value - d, self.value + d),
            Tolerance::Range { low, high } => (low, high),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Shape;

    #[test]
    fn course_shapes_match_hand_computed_shares() {
        // ln 4 / ln 17 = 0.489301…; 3 / 16; (6 − 4) / (16 − 4).
        assert!((Shape::LogDose.share(3, 16) - 0.489_301_6).abs() < 1e-6);
        assert!((Shape::Linear.share(3, 16) - 0.1875).abs() < 1e-12);
        assert_eq!(Shape::Late { from: 4 }.share(3, 16), 0.0);
        assert!((Shape::Late { from: 4 }.share(6, 16) - 2.0 / 12.0).abs() < 1e-12);
        // Half by session 2 of 16: (1 − 2^−1) / (1 − 2^−8) = 0.5 / 0.99609375 = 0.501960…
        let early = Shape::Early { half: 2.0 };
        assert!((early.share(2, 16) - 0.501_960_8).abs() < 1e-6);
        // (1 − 2^−2) / (1 − 2^−8) = 0.75 / 0.99609375.
        assert!((early.share(4, 16) - 0.752_941_2).abs() < 1e-6);
        // To −0.5 by session 4, then up to 1: at 10 of 16, −0.5 + 1.5 · 6 / 12 = 0.25.
        let turn = Shape::Turn { at: 4, to: -0.5 };
        assert!((turn.share(2, 16) + 0.25).abs() < 1e-12);
        assert!((turn.share(4, 16) + 0.5).abs() < 1e-12);
        assert!((turn.share(10, 16) - 0.25).abs() < 1e-12);
        for shape in [
            Shape::LogDose,
            Shape::Linear,
            Shape::Late { from: 4 },
            early,
            turn,
        ] {
            assert_eq!(shape.share(0, 16), 0.0, "{shape:?}");
            assert!((shape.share(16, 16) - 1.0).abs() < 1e-12, "{shape:?}");
        }
    }
}
