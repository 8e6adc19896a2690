//! Scenarios: the file format, loading with errors that teach, validation, and the calibrated model
//! that generation and forecasting run on.

pub mod calibrate;
pub mod dropout;
pub mod format;
pub mod gain;
mod load;
pub mod locate;
pub mod measure;
pub mod shifts;
pub mod summary;
pub mod validate;
pub mod warning;

pub use format::{Lang, ScenarioFile};
pub use load::{
    Problem, ScenarioError, bundled, bundled_ids, from_file, load_path, parse, resolve,
};

use sha2::{Digest, Sha256};

use format::{Condition, Onset};
use measure::MeasureRules;

/// When an event of the catalogue can happen, with names resolved to indices.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EventCondition {
    Always,
    /// In sessions where protocol element `0` was delivered.
    Element(usize),
    /// In sessions at or after drift onset.
    Drift,
}

/// One kind of drift as probabilities per element and off-protocol activity.
#[derive(Debug, Clone, PartialEq)]
pub struct DriftKindModel {
    /// Probability of this kind among drift cases.
    pub probability: f64,
    /// Omission probability of each protocol element after onset.
    pub omission: Vec<f64>,
    /// Probability of each off-protocol activity per session after onset.
    pub off_protocol: Vec<f64>,
    /// The rates of each session of the ramp from the onset (`drift.ramp`), the last the full ones
    /// above: index k − 1 for the k-th session of drift (later sessions take the last).
    pub stages: Vec<DriftStage>,
}

/// The rates of one session of a drift kind's ramp.
#[derive(Debug, Clone, PartialEq)]
pub struct DriftStage {
    /// The share of the way from the protocol's rates to the kind's (1 at full strength).
    pub strength: f64,
    pub omission: Vec<f64>,
    pub off_protocol: Vec<f64>,
}

impl DriftKindModel {
    /// The rates of the `age`-th session of drift (1 = the onset).
    pub fn stage(&self, age: u32) -> Option<&DriftStage> {
        let k = (age.max(1) as usize).min(self.stages.len());
        self.stages.get(k - 1)
    }
}

/// How a protocol element's appearance in a session is drawn, beyond its omission probability
/// (see [`format::Element`]).
#[derive(Debug, Clone, PartialEq)]
pub struct ElementModel {
    /// The sessions in which the protocol calls for it; `None`: every session.
    pub window: Option<format::Window>,
    /// Called for only after a session in which this element (index) was delivered.
    pub follows: Option<usize>,
    /// P(left out for a stated ordinary reason) per session in which it is called for and not
    /// crowded out, the same before and after drift onset.
    pub excused: f64,
    /// P(the client did it | delivered) before drift onset and after it, if the note says.
    pub done: Option<(f64, f64)>,
}

/// A validated scenario with its calibrated priors and every name resolved to an index: what the
/// generator and the forecasters read.
#[derive(Debug, Clone, PartialEq)]
pub struct Scenario {
    /// The file as written.
    pub file: ScenarioFile,
    /// SHA-256 of the file's canonical RON, so a run can name exactly what it was played with.
    pub hash: String,
    pub rules: MeasureRules,
    /// Index of the deteriorating course (the one whose prior was solved).
    pub deteriorating: usize,
    /// Course priors in cases without drift.
    pub priors_no_drift: Vec<f64>,
    /// Course priors in drift cases.
    pub priors_drift: Vec<f64>,
    /// P(onset = session t | drift) at index t − 1, for t = 1..=sessions.
    pub onset: Vec<f64>,
    pub kinds: Vec<DriftKindModel>,
    /// Omission probability of each protocol element before drift.
    pub omission_before: Vec<f64>,
    /// Probability of each off-protocol activity per session before drift.
    pub off_protocol_before: Vec<f64>,
    /// The condition of each event of the catalogue.
    pub event_conditions: Vec<EventCondition>,
    /// Each event's chance per session in which its condition holds, per course: its rate times
    /// the course's multiplier (`course_rates`), the rate itself in every course without one.
    pub event_rates: Vec<Vec<f64>>,
    /// Whether an event's rate differs between courses (then seeing it, or not, says something of
    /// the course), per event.
    pub course_dependent: Vec<bool>,
    /// Each event's lasting drop of the alliance ratings, in steps of the rating scale (0: none).
    pub alliance_drops: Vec<usize>,
    /// The protocol elements each off-protocol activity crowds out (indices), per activity.
    pub crowded_out: Vec<Vec<usize>>,
    /// Phases, continuity, stated reasons and the client's side of each protocol element.
    pub elements: Vec<ElementModel>,
    /// g_k(t), the share of course k's change reached after session t, for t = 0..=sessions.
    pub dose: Vec<Vec<f64>>,
    /// Each course's sudden gain, if it has one.
    pub gains: Vec<Option<gain::GainModel>>,
    /// Each course's chance of an alliance rupture per session (0 without ruptures).
    pub rupture_rates: Vec<f64>,
    pub dynamics: Dynamics,
    /// P(the client's last session is t), for t = 0..=sessions, over the population: all at the
    /// last session unless the file declares `dropout`.
    pub last_session: Vec<f64>,
    /// Who stops when ([`dropout`]).
    pub dropout: dropout::DropoutModel,
    /// The session by which a run's clients were flagged not on track, in a scenario that shows
    /// only those (`selection` in the file).
    pub selected_by: Option<usize>,
    /// The warning rule normed on the whole population, found on first use by
    /// `crate::model::selection_norm` (a simulation of 10⁵ clients).
    pub(crate) selection_norm: std::sync::OnceLock<warning::SelectionNorm>,
}

impl Scenario {
    /// Which protocol elements the off-protocol activities of a session leave no room for.
    pub fn crowded(&self, off_protocol: &[bool]) -> Vec<bool> {
        let mut crowded = Vec::new();
        self.crowded_into(off_protocol, &mut crowded);
        crowded
    }

    /// Which protocol elements session `t` calls for, written into `out`: those whose phase holds
    /// `t` and, for an element that follows another, whose predecessor was delivered in the session
    /// before (`previous`, the delivered flags of session t − 1; `None` in the first session).
    pub fn due_into(&self, t: u32, previous: Option<&[bool]>, out: &mut Vec<bool>) {
        out.clear();
        out.extend(self.elements.iter().map(|e| {
            e.window.is_none_or(|w| w.holds(t))
                && e.follows
                    .is_none_or(|p| previous.is_some_and(|d| d.get(p).copied().unwrap_or(false)))
        }));
    }

    /// [`Scenario::crowded`] written into `out`, for callers that ask for every session of a case.
    pub fn crowded_into(&self, off_protocol: &[bool], out: &mut Vec<bool>) {
        out.clear();
        out.resize(self.omission_before.len(), false);
        for (happened, elements) in off_protocol.iter().zip(&self.crowded_out) {
            if *happened {
                for &e in elements {
                    if let Some(c) = out.get_mut(e) {
                        *c = true;
                    }
                }
            }
        }
    }
}

/// Grid points over which the client's own alliance level (N(0, τ²)) is integrated: by the ideal
/// forecaster, and by the dropout model where dropout follows that level, so both average over the
/// same levels.
pub const ALLIANCE_NODES: usize = 121;
/// Half-width of that grid in SDs of the client's level.
pub const ALLIANCE_SPAN: f64 = 7.0;

/// The parts of the model beyond the mixture of courses, with the value of each left-out field.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Dynamics {
    /// φ, the AR(1) correlation of the session fluctuation (0: independent weeks).
    pub phi: f64,
    /// β, points of true change per point of true intake above the intake mean.
    pub change_slope: f64,
    /// τ, the SD of the client's own alliance level (0: none).
    pub alliance_client_sd: f64,
}

impl Dynamics {
    fn of(file: &ScenarioFile) -> Self {
        let value = |v: &Option<format::Sourced>| v.as_ref().map_or(0.0, |s| s.value);
        Dynamics {
            phi: value(&file.measure.noise_autocorrelation),
            change_slope: value(&file.change_per_intake_point),
            alliance_client_sd: value(&file.alliance.client_sd),
        }
    }
}

impl Scenario {
    /// Builds the model of a valid file with its solved priors. Call only after [`validate::validate`]
    /// found nothing; names that do not resolve are then impossible.
    fn build(file: ScenarioFile, deteriorating: usize, priors: calibrate::Priors) -> Self {
        let sessions = file.sessions as usize;
        let mut onset = vec![0.0; sessions];
        match &file.drift.onset {
            Onset::Uniform { first, last } => {
                for t in *first..=*last {
                    if let Some(w) = onset.get_mut(t as usize - 1) {
                        *w = 1.0;
                    }
                }
            }
            Onset::Weights(weights) => {
                for (w, x) in onset.iter_mut().zip(weights) {
                    *w = *x;
                }
            }
        }
        let total: f64 = onset.iter().sum();
        onset.iter_mut().for_each(|w| *w /= total);

        let elements = &file.protocol.elements;
        let off = &file.protocol.off_protocol;
        let omission_before: Vec<f64> = elements.iter().map(|e| e.omission_before_drift).collect();
        let off_protocol_before: Vec<f64> = off.iter().map(|o| o.rate_before_drift).collect();
        let weight_sum: f64 = file.drift.kinds.iter().map(|k| k.weight).sum();
        let kinds = file
            .drift
            .kinds
            .iter()
            .map(|k| {
                let mut omission = omission_before.clone();
                for ch in &k.omission_after_onset {
                    if let Some(i) = elements.iter().position(|e| e.key == ch.key) {
                        omission[i] = ch.probability;
                    }
                }
                let mut off_protocol = off_protocol_before.clone();
                for ch in &k.off_protocol_after_onset {
                    if let Some(i) = off.iter().position(|o| o.key == ch.key) {
                        off_protocol[i] = ch.probability;
                    }
                }
                let ramp = file.drift.ramp.unwrap_or(1).max(1);
                let between = |from: &[f64], to: &[f64], w: f64| -> Vec<f64> {
                    from.iter().zip(to).map(|(a, b)| a + w * (b - a)).collect()
                };
                let stages = (1..=ramp)
                    .map(|k| {
                        let w = f64::from(k) / f64::from(ramp);
                        DriftStage {
                            strength: w,
                            omission: between(&omission_before, &omission, w),
                            off_protocol: between(&off_protocol_before, &off_protocol, w),
                        }
                    })
                    .collect();
                DriftKindModel {
                    probability: k.weight / weight_sum,
                    omission,
                    off_protocol,
                    stages,
                }
            })
            .collect();
        let event_conditions = file
            .events
            .iter()
            .map(|e| match &e.condition {
                Condition::Always => EventCondition::Always,
                Condition::AfterDrift => EventCondition::Drift,
                Condition::AfterElement(key) => elements
                    .iter()
                    .position(|el| &el.key == key)
                    .map_or(EventCondition::Always, EventCondition::Element),
            })
            .collect();
        let event_rates: Vec<Vec<f64>> = file
            .events
            .iter()
            .map(|e| {
                file.courses
                    .iter()
                    .map(|c| {
                        let multiplier = e.course_rates.as_ref().map_or(1.0, |r| {
                            r.multipliers
                                .iter()
                                .find(|(key, _)| key == &c.key)
                                .map_or(1.0, |(_, m)| *m)
                        });
                        (e.rate.value * multiplier).clamp(0.0, 1.0)
                    })
                    .collect()
            })
            .collect();
        let course_dependent = event_rates
            .iter()
            .map(|rates| rates.iter().any(|r| Some(r) != rates.first()))
            .collect();
        let alliance_step = file.alliance.step;
        let alliance_drops = file
            .events
            .iter()
            .map(|e| {
                e.alliance_drop.as_ref().map_or(0, |d| {
                    if alliance_step > 0.0 {
                        (d.points / alliance_step).round().max(0.0) as usize
                    } else {
                        0
                    }
                })
            })
            .collect();
        let canonical = ron::to_string(&file).unwrap_or_default();
        let hash = Sha256::digest(canonical.as_bytes())
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        let dose = file
            .courses
            .iter()
            .map(|c| (0..=sessions).map(|t| c.shape.share(t, sessions)).collect())
            .collect();
        let gains = file
            .courses
            .iter()
            .map(|c| c.sudden_gain.as_ref().map(gain::GainModel::of))
            .collect();
        let rupture_rates = file
            .courses
            .iter()
            .map(|c| {
                file.alliance.ruptures.as_ref().map_or(0.0, |r| {
                    r.rates
                        .iter()
                        .find(|(key, _)| key == &c.key)
                        .map_or(0.0, |(_, rate)| *rate)
                })
            })
            .collect();
        let dynamics = Dynamics::of(&file);
        let crowded_out = off
            .iter()
            .map(|o| {
                o.crowds_out
                    .iter()
                    .filter_map(|key| elements.iter().position(|e| &e.key == key))
                    .collect()
            })
            .collect();
        let element_models = elements
            .iter()
            .map(|e| ElementModel {
                window: e.sessions,
                follows: e
                    .follows
                    .as_ref()
                    .and_then(|key| elements.iter().position(|x| &x.key == key)),
                excused: e.excused.as_ref().map_or(0.0, |x| x.probability),
                done: e
                    .client
                    .as_ref()
                    .map(|c| (c.done_before_drift, c.done_after_onset)),
            })
            .collect();
        let selected_by = file.selection.as_ref().map(|s| s.flagged_by as usize);
        let dropout = dropout::DropoutModel::of(&file);
        let ends = dropout.marginal();
        Scenario {
            rules: MeasureRules::new(&file.measure),
            dose,
            gains,
            rupture_rates,
            dynamics,
            crowded_out,
            elements: element_models,
            file,
            hash,
            deteriorating,
            priors_no_drift: priors.no_drift,
            priors_drift: priors.drift,
            onset,
            kinds,
            omission_before,
            off_protocol_before,
            event_conditions,
            event_rates,
            course_dependent,
            alliance_drops,
            selected_by,
            selection_norm: std::sync::OnceLock::new(),
            last_session: ends,
            dropout,
        }
    }

    /// The number of sessions after intake.
    pub fn sessions(&self) -> usize {
        self.file.sessions as usize
    }

    /// The four characters that start this scenario's course codes: the declared ones, or the first
    /// letters of the id's parts, filled up from the id.
    pub fn course_prefix(&self) -> String {
        if !self.file.course_code.is_empty() {
            return self.file.course_code.to_ascii_uppercase();
        }
        let usable =
            |c: &char| c.is_ascii_alphanumeric() && !"ILOU".contains(c.to_ascii_uppercase());
        let initials = self
            .file
            .id
            .split('-')
            .filter_map(|part| part.chars().find(usable));
        let rest = self.file.id.chars().filter(usable);
        initials
            .chain(rest)
            .chain(std::iter::repeat('X'))
            .take(4)
            .collect::<String>()
            .to_ascii_uppercase()
    }

    /// The marginal prior of each course (drift and no drift mixed).
    pub fn marginal_priors(&self) -> Vec<f64> {
        let d = self.file.drift.rate.value;
        self.priors_no_drift
            .iter()
            .zip(&self.priors_drift)
            .map(|(a, b)| (1.0 - d) * a + d * b)
            .collect()
    }
}
