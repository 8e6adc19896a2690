//! The ideal forecaster: the exact Bayes posterior predictive probability of deterioration, given
//! everything visible at a checkpoint, under the scenario's own model.
//!
//! Hidden state: course k, hello-goodbye flag h, drift (none, or kind κ with onset o), the true intake
//! and change, the client's own alliance level, and the size of each event's score shift.
//! - Scores: given (k, h) the scores seen are a Bayesian linear regression with AR(1) noise on the true
//!   intake, the true change along the course's shape g_k(t) and the shift of each event seen that
//!   moves scores; the prior of (intake, change) is correlated when change depends on intake. Its
//!   marginal likelihood and the predictive distribution of the last score are closed form
//!   ([`super::regression`]). Events that may still come add a finite mixture of normal shifts
//!   ([`crate::scenario::shifts`]). The last shown score deteriorates when the unrounded one passes
//!   the shown intake plus the reliable change minus half a step (rounding of the *last* score is
//!   exact; the likelihood treats the shown scores as unrounded, and clamping at the scale ends is
//!   ignored; `ontrack check` measures what that costs).
//! - Where the scenario compresses the ends of its scale (`measure.scale_ends`), all of this holds
//!   for the latent scores, which the shown totals give back through the inverse of the compression
//!   ([`crate::scenario::measure::MeasureRules::latent`]; its Jacobian is the same under every
//!   hypothesis and cancels), and the last latent score deteriorates when it passes the latent
//!   score of the shown intake plus the reliable change minus half a step (the compression is
//!   increasing, so this is exact for the last score as before).
//! - Sudden gains ([`crate::scenario::gain`]): in a course with one, the shape g_k is replaced by
//!   g_j(t) = (1 − s)·g_k(t) + s·[t ≥ j] with weight p/n for each session j of its range, and by g_k
//!   with weight 1 − p. A gain at a session j after the last score seen gives the scores seen the same
//!   likelihood for every such j, so they are one hypothesis (fitted with (1 − s)·g_k), whose
//!   predictive at an end L mixes "shown by L" (the step added after the sessions seen) and "not yet"
//!   with the share of those sessions up to L.
//! - Alliance: given k and the client's level a ~ N(0, τ²) the ratings are independent, each with the
//!   exact probability of its rounding interval (censored at the scale ends), a two-part mixture where
//!   the scenario has ruptures (with the course's chance r_k the rating is drawn `depth` lower); a is integrated out on
//!   a fixed grid of [`ALLIANCE_NODES`] points over ±[`ALLIANCE_SPAN`]·τ (the grid the dropout
//!   model averages over too) (trapezoid rule, whose
//!   error is below 10⁻⁹ of the likelihood here: a test halves the spacing).
//! - Notes and drift-only events: given (κ, o) independent per session; every (κ, o) is enumerated,
//!   up to the furthest session seen of either (each channel of `Visible` may be seen up to its own
//!   session, as the explanation of a forecast asks; each session contributes the channels seen in it).
//!   Events that can happen in any session, or after a delivered element, have the same likelihood under
//!   every hypothesis and drop out, unless their rate depends on the course (`course_rates`).
//! - Events whose rate depends on the course: each session whose events are seen is a Bernoulli
//!   trial with the course's rate wherever the event could have happened there (in any session; in a
//!   session whose note shows the element delivered; for a once-only event, until it happened), and
//!   the product joins the course's likelihood. A drift-only one's trials run from the onset, so its
//!   factor depends on both the course and the onset: the drift hypotheses are then weighed per
//!   course. Notes are seen at least as far as events ([`crate::model::Channel`]), so whether an
//!   element was delivered is always known where it matters.
//! - Events that lower the alliance (`alliance_drop`, a whole number of the scale's steps): a rating
//!   is weighed at its course's mean less the drops of the events seen up to its session (events are
//!   seen at least as far as ratings), in tables made once per size of drop. The alliance does not
//!   enter the score's predictive, so drops still to come change nothing there.
//! - The normal CDF of the predictive is [`crate::stats::FastNormalCdf`], cubic interpolation in a
//!   table (within 2·10⁻⁹ of Φ; tested): the forecast is a weighted average of such values with weights
//!   that sum to 1, so it is within 2·10⁻⁹ of the exact posterior predictive.
//! - Dropout ([`crate::scenario::dropout`]): the forecast is the mixture over the ends L ≥ the
//!   sessions seen of the predictive of the score at L (with the events that may come until L; the
//!   goodbye minimisation only at the planned end). Without an alliance link L is independent of
//!   everything else and weighted P(L | L ≥ seen). With one, L depends on the client's alliance
//!   level a, so given course k the weight of L is Σₙ wₙ·Πₜ P(ratingₜ | aₙ, k)·P(L | aₙ) over the
//!   grid's nodes, normalised over L ≥ seen; the sum over L ≥ seen (the chance of having come this
//!   far, 1 at every checkpoint) joins the course's likelihood. Once the case is seen to be over,
//!   the outcome is known.
//! - Speed: the hypotheses' fits are closed form (two parameters written out, [`super::regression`]),
//!   the two hello-goodbye branches share one fit's covariance (and so one predictive variance per
//!   end: one square root per mixture component), each end's predictive costs O(1)
//!   ([`super::regression::Ahead`]), the alliance likelihood is a product over the grid kept clear
//!   of subnormal numbers (whose arithmetic is many times slower; see `Ideal::alliance_nodes`),
//!   the drift prior's and the notes' logarithms are taken once per scenario, and the forecast
//!   from the intake alone is kept per intake score. `cargo bench --bench engine` measures it.
//! - Drift multiplies the odds of the deteriorating course, so the course prior depends on whether drift
//!   happens at all (also when its onset lies after the checkpoint).
//! - A scenario that shows only clients flagged not on track by session b (`selection`): once the
//!   scores up to b are seen, whether the client was flagged is a function of what is seen, so the
//!   condition changes nothing and the posterior above is exact (every checkpoint lies at or after b;
//!   validation sees to it). With fewer scores seen (only the explanation of a forecast asks) the
//!   forecast is the group's deterioration rate: the first b sessions are weighed together.

use super::regression::{Ahead, Design, Fits, Horizon, Noise, level_and_change, predict_last};
use crate::model::{Outcome, SessionNote, Visible};
use std::borrow::Cow;
use std::sync::OnceLock;

use crate::scenario::gain::GainModel;
use crate::scenario::shifts::{ShiftComponent, future_shifts};
use crate::scenario::{ALLIANCE_NODES, ALLIANCE_SPAN, EventCondition, Scenario};
use crate::stats::{FastNormalCdf, normal_cdf, normal_grid};

/// A likelihood summed in the probability domain is trusted above this (see
/// `Ideal::alliance_nodes`).
const SAFELY_ABOVE_UNDERFLOW: f64 = 1e-120;

/// The alliance grid's products and tabled rating probabilities are kept at or above this, or set
/// to 0: the product of two such numbers is at least 10⁻³⁰⁰, so no product is ever a subnormal
/// number (below 2.2·10⁻³⁰⁸), on which arithmetic is many times slower.
const PRODUCT_FLOOR: f64 = 1e-150;

/// The hello-goodbye branches: without and with the exaggeration.
const MAX_BRANCHES: usize = 2;

/// The most intake scores whose forecast is kept (a scale with more steps keeps the first ones).
const MAX_KEPT_INTAKES: f64 = 100_000.0;

/// Precomputed tables of one scenario for the ideal forecaster.
#[derive(Debug, Clone)]
pub struct Ideal {
    /// P(shown alliance value | course, client level node), per course and value, a row of nodes.
    alliance_probability: Vec<Vec<Vec<f64>>>,
    /// The same tables for ratings lowered by events (`alliance_drop`), at index d − 1 for a drop
    /// of d steps, each made on first use.
    dropped_alliance: Vec<OnceLock<Vec<Vec<Vec<f64>>>>>,
    /// What the alliance tables are made from.
    alliance_scale: AllianceScale,
    /// Whether any event's rate differs between courses, and whether any drift-only event's does.
    course_dependent: bool,
    drift_course_dependent: bool,
    /// The integration weight of each node (they sum to 1).
    node_weights: Vec<f64>,
    /// Events that only happen after drift onset.
    drift_events: Vec<DriftEvent>,
    /// How session notes are weighed before drift, and after the onset of each kind, per session
    /// of its ramp (the last at full strength).
    notes_before: NoteLogs,
    notes_after: Vec<Vec<NoteLogs>>,
    /// ln P(onset = session t | drift) at index t − 1.
    log_onset: Vec<f64>,
    /// ln(1 − P(drift)), ln P(drift), ln P(kind | drift) per kind, and ln P(onset after session n |
    /// drift) at index n: the drift prior's logarithms, taken once.
    log_no_drift: f64,
    log_drift: f64,
    log_kinds: Vec<f64>,
    log_later: Vec<f64>,
    /// Each course's sudden-gain paths, if it has a gain.
    gain_paths: Vec<Option<GainPaths>>,
    /// ln P(course) without drift and with drift, per course.
    log_course_priors: Vec<(f64, f64)>,
    /// The summed shift of the events of the next r sessions, at index r = 0..=sessions, when no
    /// once-only event that moves scores has happened yet.
    future_untouched: Vec<Vec<ShiftComponent>>,
    /// The forecast from the intake score alone, per score of the measure, once first asked for.
    intake_forecasts: Vec<OnceLock<f64>>,
    /// Where dropout follows the client's alliance level: P(L = t | node n), per session t a row
    /// over the nodes.
    ends_by_node: Option<Vec<Vec<f64>>>,
    /// Φ of the predictive.
    cdf: FastNormalCdf,
}

impl Ideal {
    pub fn new(s: &Scenario) -> Self {
        let tau = s.dynamics.alliance_client_sd;
        let (levels, node_weights) = alliance_grid(tau, ALLIANCE_NODES);
        let alliance_scale = AllianceScale::of(s, levels.clone());
        let alliance_probability = alliance_tables(&alliance_scale, 0);
        let dropped_alliance = (0..alliance_values(s)).map(|_| OnceLock::new()).collect();
        let ends_by_node = (s.dropout.linked() && tau > 0.0).then(|| {
            let by_node: Vec<Vec<f64>> = levels.iter().map(|a| s.dropout.ends(a / tau)).collect();
            (0..=s.sessions())
                .map(|t| {
                    by_node
                        .iter()
                        .map(|row| row.get(t).copied().unwrap_or(0.0))
                        .collect()
                })
                .collect()
        });
        let drift_events = s
            .event_conditions
            .iter()
            .enumerate()
            .filter(|(_, c)| **c == EventCondition::Drift)
            .filter_map(|(index, _)| {
                let rates = s.event_rates.get(index)?;
                Some(DriftEvent {
                    index,
                    once: s.file.events.get(index)?.once,
                    log_rate: rates.iter().map(|r| r.ln()).collect(),
                    log_none: rates.iter().map(|r| (1.0 - r).ln()).collect(),
                })
            })
            .collect::<Vec<DriftEvent>>();
        let drift_course_dependent = drift_events
            .iter()
            .any(|e| s.course_dependent.get(e.index).copied().unwrap_or(false));
        let notes_before = NoteLogs::new(s, &s.omission_before, &s.off_protocol_before, 0.0);
        let notes_after = s
            .kinds
            .iter()
            .map(|k| {
                k.stages
                    .iter()
                    .map(|st| NoteLogs::new(s, &st.omission, &st.off_protocol, st.strength))
                    .collect()
            })
            .collect();
        let gain_paths = s
            .gains
            .iter()
            .zip(&s.dose)
            .map(|(gain, base)| gain.map(|gain| GainPaths::new(gain, base)))
            .collect();
        let log_course_priors = s
            .priors_no_drift
            .iter()
            .zip(&s.priors_drift)
            .map(|(p0, p1)| (p0.ln(), p1.ln()))
            .collect();
        let future_untouched = (0..=s.sessions())
            .map(|left| future_shifts(&s.file.events, left, |_| false))
            .collect();
        let m = &s.file.measure;
        let scores = ((m.max - m.min) / m.step)
            .round()
            .clamp(0.0, MAX_KEPT_INTAKES) as usize
            + 1;
        Ideal {
            alliance_probability,
            dropped_alliance,
            alliance_scale,
            course_dependent: s.course_dependent.iter().any(|d| *d),
            drift_course_dependent,
            node_weights,
            drift_events,
            notes_before,
            notes_after,
            log_onset: s.onset.iter().map(|p| p.ln()).collect(),
            log_no_drift: (1.0 - s.file.drift.rate.value).ln(),
            log_drift: s.file.drift.rate.value.ln(),
            log_kinds: s.kinds.iter().map(|k| k.probability.ln()).collect(),
            log_later: (0..=s.onset.len())
                .map(|seen| s.onset.iter().skip(seen).sum::<f64>().ln())
                .collect(),
            gain_paths,
            log_course_priors,
            future_untouched,
            intake_forecasts: vec![OnceLock::new(); scores],
            ends_by_node,
            cdf: FastNormalCdf::default(),
        }
    }

    /// P(the case will have deteriorated by the last session | what is visible).
    pub fn forecast(&self, s: &Scenario, v: &Visible) -> f64 {
        match self.intake_only(s, v) {
            Some(cell) => *cell.get_or_init(|| self.posterior_predictive(s, v)),
            None => self.posterior_predictive(s, v),
        }
    }

    /// Where the forecast is kept when nothing but the intake score is visible: it is then a
    /// function of that score alone, worked out once per score (every case's first checkpoint).
    fn intake_only(&self, s: &Scenario, v: &Visible) -> Option<&OnceLock<f64>> {
        let &[intake] = v.scores() else {
            return None;
        };
        // No event is visible before its session is (`Visible::events`).
        if !v.alliance().is_empty() || !v.notes().is_empty() || v.event_sessions() > 0 {
            return None;
        }
        let m = &s.file.measure;
        let position = (intake - m.min) / m.step;
        let index = position.round();
        if index < 0.0 || (position - index).abs() > 1e-9 {
            return None;
        }
        self.intake_forecasts.get(index as usize)
    }

    /// The forecast worked out from the hypotheses (see the module notes).
    fn posterior_predictive(&self, s: &Scenario, v: &Visible) -> f64 {
        if s.selected_by.is_some_and(|by| v.scores().len() <= by) {
            return super::base_rate(s);
        }
        let evidence = self.drift_evidence(s, v);
        // Where no drift-only event's rate depends on the course, the drift weights are the same
        // under every course: worked out once.
        let shared_drift =
            (!self.drift_course_dependent).then(|| self.drift_log_weights(&evidence, 0));
        let counts = if self.course_dependent {
            course_event_counts(s, v)
        } else {
            Vec::new()
        };
        let f = &s.file;
        let m = &f.measure;
        let dynamics = s.dynamics;
        let noise = Noise {
            sigma: m.session_noise_sd.value,
            phi: dynamics.phi,
        };
        let s0sq = m.intake_sd.value.powi(2);
        let m0 = m.intake_mean.value;
        let slope = dynamics.change_slope;
        let worse = s.rules.worse;
        let b = f.hello_goodbye.size.value;
        let h_rate = f.hello_goodbye.rate.value;
        let scores = v.scores();
        let Some(&intake) = scores.first() else {
            return f.deterioration_rate.value;
        };
        // The latent score the last one must pass in the worse direction (see
        // `MeasureRules::deterioration_latent`).
        let target = s.rules.deterioration_latent(intake);
        let seen = scores.len() - 1;
        let last = s.sessions();
        if v.ended(last) {
            let shown = scores.last().copied().unwrap_or(intake);
            return f64::from(u8::from(
                s.rules.outcome(intake, shown) == Outcome::Deteriorated,
            ));
        }

        // Events seen that move scores (each a parameter), and the mixture of those still to come.
        // Events must be seen at least as far as scores (a session's events come before its score
        // in `Channel::ALL`): an unseen event could have moved a seen score.
        let shifting: Vec<(usize, f64, f64)> = v
            .events()
            .filter_map(|e| {
                let shift = f.events.get(e.kind)?.score_shift.as_ref()?;
                Some((e.session as usize, shift.mean, shift.sd))
            })
            .collect();
        let event_sessions: Vec<usize> = shifting.iter().map(|(t, _, _)| *t).collect();
        let events_seen = (v.event_sessions() as usize).max(seen);
        // The hello-goodbye exaggeration at intake and its reversal at the last session.
        let offset = |h: bool, t: usize| {
            if h && t == 0 {
                worse * b
            } else if h && t == last {
                -worse * b
            } else {
                0.0
            }
        };
        // The two hello-goodbye hypotheses: their scores differ only by the offsets, so each
        // unfolding fits both at once.
        let branches: Vec<(bool, f64)> = [(false, 1.0 - h_rate), (true, h_rate)]
            .into_iter()
            .filter(|(_, p_h)| *p_h > 0.0)
            .map(|(h, p_h)| (h, p_h.ln()))
            .collect();
        // Where the treatment may end: the client came to every session seen, and stops at L with
        // P(L | L ≥ seen); at each end the events still to come until then.
        let reach: f64 = s.last_session.iter().skip(seen).sum();
        // Whether a once-only event that moves scores has happened (else the shifts still to come
        // are the precomputed ones).
        let once_happened = v.events().any(|e| {
            f.events
                .get(e.kind)
                .is_some_and(|k| k.once && k.score_shift.is_some())
        });
        let ends: Vec<End> = s
            .last_session
            .iter()
            .enumerate()
            .skip(seen)
            .filter(|(_, p)| **p > 0.0)
            .map(|(session, p)| End {
                session,
                weight: p / reach,
                offsets: {
                    let mut offsets = [0.0; MAX_BRANCHES];
                    for (slot, &(h, _)) in offsets.iter_mut().zip(&branches) {
                        *slot = offset(h, session);
                    }
                    offsets
                },
                horizon: Horizon::new(session - seen, noise),
                future: {
                    let left = session.saturating_sub(events_seen);
                    match self.future_untouched.get(left) {
                        Some(future) if !once_happened => Cow::Borrowed(future.as_slice()),
                        _ => Cow::Owned(future_shifts(&f.events, left, |k| {
                            v.events().any(|e| e.kind == k)
                        })),
                    }
                },
            })
            .collect();
        let alliance_idx = ratings_seen(s, v);
        let p = 2 + shifting.len();
        let mut prior_mean = vec![0.0; p];
        let mut prior_cov = vec![0.0; p * p];
        for (j, (_, mean, sd)) in shifting.iter().enumerate() {
            prior_mean[2 + j] = *mean;
            prior_cov[(2 + j) * p + 2 + j] = sd * sd;
        }
        let ys: Vec<Vec<f64>> = branches
            .iter()
            .map(|&(h, _)| {
                scores
                    .iter()
                    .enumerate()
                    .map(|(t, score)| s.rules.latent(*score) - offset(h, t))
                    .collect()
            })
            .collect();
        let y_refs: Vec<&[f64]> = ys.iter().map(Vec::as_slice).collect();
        // Each branch's last score seen, less its offset.
        let latent_intake = s.rules.latent(intake);
        let mut y_seen = [latent_intake; MAX_BRANCHES];
        for (slot, y) in y_seen.iter_mut().zip(&ys) {
            *slot = y.get(seen).copied().unwrap_or(latent_intake);
        }

        // The alliance does not depend on hello-goodbye: its likelihood once per course, with the
        // weights of the ends where dropout follows the client's alliance level.
        let alliance: Vec<CourseAlliance> = (0..f.courses.len())
            .map(|k| self.course_alliance(k, &alliance_idx, &ends))
            .collect();
        let mut terms: Vec<(f64, f64)> = Vec::with_capacity(2 * f.courses.len());
        let mut fits = Fits::default();
        let mut unfoldings = Vec::new();
        let branch_count = branches.len().min(MAX_BRANCHES);
        for (k, course) in f.courses.iter().enumerate() {
            // (true intake, true change): change = δ_k + β(intake − m₀) + ε.
            prior_mean[0] = m0;
            prior_mean[1] = course.mean_change;
            prior_cov[0] = s0sq;
            prior_cov[1] = slope * s0sq;
            prior_cov[p] = slope * s0sq;
            prior_cov[p + 1] = slope * slope * s0sq + course.sd_change.powi(2);
            let (prior0, prior1) = self
                .log_course_priors
                .get(k)
                .copied()
                .unwrap_or((f64::NEG_INFINITY, f64::NEG_INFINITY));
            let course_alliance = alliance.get(k);
            let (log_none, log_drift) =
                shared_drift.unwrap_or_else(|| self.drift_log_weights(&evidence, k));
            let log_prior = log_sum_exp(&[log_none + prior0, log_drift + prior1])
                + course_alliance.map_or(0.0, |a| a.log_likelihood)
                + course_events_log_likelihood(s, &counts, k);
            let course_end_weights = course_alliance.and_then(|a| a.end_weights.as_ref());
            self.unfoldings_into(s, k, seen, &mut unfoldings);
            for unfolding in &unfoldings {
                let design = Design {
                    dose: unfolding.dose,
                    event_sessions: &event_sessions,
                };
                fits.refit(&design, &prior_mean, &prior_cov, &y_refs, noise);
                let ahead = Ahead::new(&fits.cov, &design, seen);
                let g_seen = dose_at(unfolding.dose, seen);
                // Each branch's posterior summed up for the quick predictive.
                let mut summaries = [(0.0, 0.0); MAX_BRANCHES];
                for (branch, slot) in summaries.iter_mut().enumerate().take(branch_count) {
                    *slot = level_and_change(fits.mean(branch));
                }
                // The predictive of each branch's last score if the treatment ends at `end`, the
                // change unfolding along the dose there plus `gain` (the share of a gain still to
                // come, once it has shown): each branch's margin (how far the expected latent last
                // score lies beyond the one that deteriorates, in the worse direction) and the
                // variance they share (it does not depend on the scores).
                let last_scores = |end: &End, gain: f64| -> ([f64; MAX_BRANCHES], f64) {
                    let mut margins = [0.0; MAX_BRANCHES];
                    let variance = match ahead {
                        Some(ahead) => {
                            let step = ahead.step(
                                end.horizon,
                                dose_at(unfolding.dose, end.session) + gain,
                                g_seen,
                            );
                            for (((margin, &summary), &y_seen), offset) in margins
                                .iter_mut()
                                .zip(&summaries)
                                .zip(&y_seen)
                                .zip(end.offsets)
                            {
                                let mean = step.mean(summary, y_seen) + offset;
                                *margin = worse * (mean - target);
                            }
                            step.variance
                        }
                        None => {
                            // An event seen lies after the last score seen (only when a forecast
                            // is explained channel by channel): the full predictive.
                            let dose: Vec<f64> = unfolding
                                .dose
                                .iter()
                                .enumerate()
                                .map(|(t, g)| g + if t > seen { gain } else { 0.0 })
                                .collect();
                            let design = Design {
                                dose: &dose,
                                event_sessions: &event_sessions,
                            };
                            let mut variance = 0.0;
                            for (branch, ((margin, &y_seen), offset)) in margins
                                .iter_mut()
                                .zip(&y_seen)
                                .zip(end.offsets)
                                .enumerate()
                                .take(branch_count)
                            {
                                let (mean, var) = predict_last(
                                    fits.mean(branch),
                                    &fits.cov,
                                    &design,
                                    end.session,
                                    seen,
                                    y_seen,
                                    noise,
                                );
                                *margin = worse * (mean + offset - target);
                                variance = var;
                            }
                            variance
                        }
                    };
                    (margins, variance)
                };
                let mut p_det = [0.0; MAX_BRANCHES];
                for (e, end) in ends.iter().enumerate() {
                    let end_weight = course_end_weights
                        .and_then(|w| w.get(e))
                        .copied()
                        .unwrap_or(end.weight);
                    // The paths the change may take to this end, with their shares: a gain still
                    // to come shows by this end or after it.
                    let paths = match unfolding.to_come {
                        None => [(1.0, 0.0), (0.0, 0.0)],
                        Some(gain) => {
                            let q = gain.shown_by(seen, end.session);
                            [(q, gain.share), (1.0 - q, 0.0)]
                        }
                    };
                    for (share, gain) in paths {
                        if share > 0.0 {
                            let (margins, variance) = last_scores(end, gain);
                            let p = deterioration(
                                self.cdf,
                                &end.future,
                                &margins,
                                branch_count,
                                variance,
                                worse,
                            );
                            let weight = end_weight * share;
                            for (out, p) in p_det.iter_mut().zip(p) {
                                *out += weight * p;
                            }
                        }
                    }
                }
                for (branch, &(_, log_p_h)) in branches.iter().enumerate() {
                    let log_w =
                        log_prior + unfolding.log_weight + log_p_h + fits.log_likelihood(branch);
                    terms.push((log_w, p_det.get(branch).copied().unwrap_or(0.0)));
                }
            }
        }
        let max = terms
            .iter()
            .map(|(w, _)| *w)
            .fold(f64::NEG_INFINITY, f64::max);
        if !max.is_finite() {
            return f.deterioration_rate.value;
        }
        let (mut num, mut den) = (0.0, 0.0);
        for (log_w, p) in terms {
            let w = (log_w - max).exp();
            num += w * p;
            den += w;
        }
        let p = num / den;
        if p.is_finite() {
            p.clamp(0.0, 1.0)
        } else {
            f.deterioration_rate.value
        }
    }

    /// The unfoldings of course `k` after `seen` sessions (see [`crate::scenario::gain`]): the gains at
    /// sessions after `seen` are one hypothesis for the scores seen. Written into `out` (one buffer
    /// serves every course of a forecast).
    fn unfoldings_into<'a>(
        &'a self,
        s: &'a Scenario,
        k: usize,
        seen: usize,
        out: &mut Vec<Unfolding<'a>>,
    ) {
        out.clear();
        let base = s.dose.get(k).map_or(&[][..], Vec::as_slice);
        let Some(Some(paths)) = self.gain_paths.get(k) else {
            out.push(Unfolding {
                log_weight: 0.0,
                dose: base,
                to_come: None,
            });
            return;
        };
        let gain = paths.gain;
        if gain.probability < 1.0 {
            out.push(Unfolding {
                log_weight: paths.log_none,
                dose: base,
                to_come: None,
            });
        }
        if gain.probability > 0.0 {
            for path in paths.at.iter().take((seen + 1).saturating_sub(gain.first)) {
                out.push(Unfolding {
                    log_weight: paths.log_each,
                    dose: path,
                    to_come: None,
                });
            }
            let later = (gain.last + 1).saturating_sub(gain.first.max(seen + 1));
            if later > 0 {
                out.push(Unfolding {
                    log_weight: paths.log_each + (later as f64).ln(),
                    dose: &paths.pending,
                    to_come: Some(gain),
                });
            }
        }
    }

    /// The alliance ratings seen under course k: their likelihood and, where dropout follows the
    /// client's alliance level, P(L = each of `ends` | course, ratings, L ≥ seen), with the chance
    /// of having come this far (1 at every checkpoint) joined to the likelihood.
    fn course_alliance(&self, k: usize, ratings: &[Rating], ends: &[End]) -> CourseAlliance {
        let Some(by_end) = &self.ends_by_node else {
            return CourseAlliance {
                log_likelihood: self.alliance_log_likelihood(k, ratings),
                end_weights: None,
            };
        };
        let mut stack = [0.0; ALLIANCE_NODES];
        let mut heap = Vec::new();
        let per_node = node_buffer(&mut stack, &mut heap, self.node_weights.len());
        let scale = self.alliance_nodes(k, ratings, per_node);
        let total = sum(per_node);
        // Over the nodes from the first to the last that carry 10⁻¹⁸ of the total or more: those
        // left out move no weight by more than 10⁻¹⁵ of itself.
        let cut = 1e-18 * total;
        let lo = per_node.iter().position(|&w| w >= cut).unwrap_or(0);
        let hi = per_node
            .iter()
            .rposition(|&w| w >= cut)
            .map_or(lo, |i| i + 1);
        let carrying = per_node.get(lo..hi).unwrap_or_default();
        let mut weights: Vec<f64> = ends
            .iter()
            .map(|end| {
                let row = by_end.get(end.session).map_or(&[][..], Vec::as_slice);
                dot(carrying, row.get(lo..hi).unwrap_or_default())
            })
            .collect();
        let reach: f64 = weights.iter().sum();
        for w in &mut weights {
            *w /= reach;
        }
        CourseAlliance {
            log_likelihood: scale + total.ln() + (reach / total).ln(),
            end_weights: Some(weights),
        }
    }

    /// The alliance tables for ratings lowered by `drop` steps (made on first use).
    fn alliance_table(&self, drop: usize) -> &[Vec<Vec<f64>>] {
        if drop == 0 {
            return &self.alliance_probability;
        }
        let index = (drop - 1).min(self.dropped_alliance.len().saturating_sub(1));
        match self.dropped_alliance.get(index) {
            Some(cell) => cell.get_or_init(|| alliance_tables(&self.alliance_scale, index + 1)),
            None => &self.alliance_probability,
        }
    }

    /// log P(the alliance ratings seen | course k), the client's level integrated out.
    fn alliance_log_likelihood(&self, k: usize, ratings: &[Rating]) -> f64 {
        let mut stack = [0.0; ALLIANCE_NODES];
        let mut heap = Vec::new();
        let per_node = node_buffer(&mut stack, &mut heap, self.node_weights.len());
        let scale = self.alliance_nodes(k, ratings, per_node);
        scale + sum(per_node).ln()
    }

    /// The weight of each node of the client's alliance level given the ratings seen in course k,
    /// w_n·Π P(rating | node), written into `per_node` as a multiple of e^s; returns s.
    ///
    /// Each node's weight is multiplied by the probability of every rating at that node (one row
    /// per rating, all nodes at once): no logarithm or exponential per node. A product that falls
    /// below [`PRODUCT_FLOOR`] is set to 0 (the ratings still to multiply are probabilities, so
    /// its final value would be smaller still). That costs nothing while the sum stays above
    /// [`SAFELY_ABOVE_UNDERFLOW`]: the largest product is then at least 1/121 of it, and one set
    /// to 0 under 10⁻²⁷ of that. Should the whole sum come near underflow (ratings all but
    /// impossible under the course), the weights are taken in logs and scaled by their largest.
    fn alliance_nodes(&self, k: usize, ratings: &[Rating], per_node: &mut [f64]) -> f64 {
        per_node.copy_from_slice(&self.node_weights);
        if self.alliance_probability.get(k).is_none() {
            return 0.0;
        }
        let rows = || {
            ratings
                .iter()
                .filter_map(|r| self.alliance_table(r.drop).get(k)?.get(r.value))
        };
        for row in rows() {
            for (out, p) in per_node.iter_mut().zip(row) {
                let product = *out * p;
                *out = if product < PRODUCT_FLOOR {
                    0.0
                } else {
                    product
                };
            }
        }
        if sum(per_node) > SAFELY_ABOVE_UNDERFLOW {
            return 0.0;
        }
        for (out, w) in per_node.iter_mut().zip(&self.node_weights) {
            *out = w.ln();
        }
        for row in rows() {
            for (out, p) in per_node.iter_mut().zip(row) {
                *out += p.ln();
            }
        }
        let max = per_node.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        // Scaled by the largest, a node under the floor is 0 here too (it moves the sum by less
        // than 10⁻¹⁴⁷ of itself), so that no later product meets a subnormal number.
        let floor = PRODUCT_FLOOR.ln();
        for out in per_node.iter_mut() {
            let scaled = *out - max;
            *out = if scaled < floor { 0.0 } else { scaled.exp() };
        }
        max
    }

    /// Log of the (relative) weights of "no drift at all" and "drift (now or later)" under course
    /// `course`, combining the drift prior with the likelihood of the notes and drift-only events
    /// seen (the events' rates may depend on the course).
    fn drift_log_weights(&self, evidence: &DriftEvidence, course: usize) -> (f64, f64) {
        let w = evidence.weights(self, course);
        let mut drift = w.started;
        drift.push(w.later);
        (w.none, log_sum_exp(&drift))
    }

    /// The probability that the therapist has drifted by the last session seen, and the most
    /// probable kind of drift if so: what a perfect observer of the session notes and the events
    /// would conclude. Where events' rates depend on the course, the course is averaged over with
    /// its prior (with and without drift), the events' likelihood under each course included.
    pub fn drift_started(&self, s: &Scenario, v: &Visible) -> (f64, Option<usize>) {
        let evidence = self.drift_evidence(s, v);
        let w = if self.course_dependent {
            self.drift_weights_over_courses(s, v, &evidence)
        } else {
            evidence.weights(self, 0)
        };
        let started = log_sum_exp(&w.started);
        let all = log_sum_exp(&[w.none, w.later, started]);
        let p = (started - all).exp();
        let kind = w
            .started
            .iter()
            .enumerate()
            .filter(|(_, l)| l.is_finite())
            .max_by(|a, b| a.1.total_cmp(b.1))
            .map(|(k, _)| k);
        (if p.is_finite() { p } else { 0.0 }, kind)
    }

    /// The drift hypotheses' log weights with the course summed out: under each course its prior
    /// given the drift hypothesis, the drift-only events' rates, and the other events whose rates
    /// depend on the course.
    fn drift_weights_over_courses(
        &self,
        s: &Scenario,
        v: &Visible,
        evidence: &DriftEvidence,
    ) -> DriftWeights {
        let counts = course_event_counts(s, v);
        let mut none = Vec::new();
        let mut later = Vec::new();
        let mut started = vec![Vec::new(); self.log_kinds.len()];
        for (k, &(prior0, prior1)) in self.log_course_priors.iter().enumerate() {
            let w = evidence.weights(self, k);
            let events = course_events_log_likelihood(s, &counts, k);
            none.push(w.none + prior0 + events);
            later.push(w.later + prior1 + events);
            for (slot, l) in started.iter_mut().zip(&w.started) {
                slot.push(l + prior1 + events);
            }
        }
        DriftWeights {
            none: log_sum_exp(&none),
            later: log_sum_exp(&later),
            started: started.iter().map(|l| log_sum_exp(l)).collect(),
        }
    }

    /// What the notes and drift-only events seen say of the drift hypotheses. Notes and events
    /// may be seen up to different sessions: the onset is enumerated up to the furthest of the
    /// two, and each session contributes the likelihood of the channels seen in it. The drift-only
    /// events' rates after the onset are left to [`DriftEvidence::weights`], as they may depend on
    /// the course.
    fn drift_evidence(&self, s: &Scenario, v: &Visible) -> DriftEvidence {
        let p_drift = s.file.drift.rate.value;
        let notes_seen = v.notes().len();
        let events_seen = v.event_sessions() as usize;
        let seen = notes_seen.max(events_seen);
        let notes = v.notes();
        // Which drift-only events happened in each session seen, a row per session.
        let width = self.drift_events.len();
        let mut happened = vec![false; seen * width];
        for e in v.events() {
            if let Some(j) = self.drift_events.iter().position(|d| d.index == e.kind)
                && let Some(cell) = happened.get_mut((e.session as usize - 1) * width + j)
            {
                *cell = true;
            }
        }
        let any_in = |t: usize| {
            happened
                .get(t * width..(t + 1) * width)
                .unwrap_or_default()
                .iter()
                .any(|x| *x)
        };
        // ln P(session t's note | regime) summed over the sessions before t, for each regime: 0
        // before drift (where a drift-only event seen is impossible), 1 + κ after the onset of
        // kind κ (a row of seen + 1 per regime; the row's first value is 0 and its last the total).
        let regimes = 1 + self.notes_after.len();
        let mut prefix = vec![0.0; regimes * (seen + 1)];
        let mut crowded = Vec::new();
        let row = seen + 1;
        for t in 0..seen {
            let note = notes.get(t);
            if let Some(note) = note {
                s.crowded_into(&note.off_protocol, &mut crowded);
            }
            let any_happened = any_in(t);
            for regime in 0..regimes {
                let l = if regime == 0 {
                    if any_happened {
                        f64::NEG_INFINITY
                    } else {
                        note.map_or(0.0, |n| self.notes_before.of(n, &crowded))
                    }
                } else {
                    let full = self.notes_after.get(regime - 1).and_then(|v| v.last());
                    match (note, full) {
                        (Some(n), Some(logs)) => logs.of(n, &crowded),
                        _ => 0.0,
                    }
                };
                let so_far = prefix.get(regime * row + t).copied().unwrap_or(0.0);
                if let Some(slot) = prefix.get_mut(regime * row + t + 1) {
                    *slot = so_far + l;
                }
            }
        }
        let prefix_of = |regime: usize| {
            prefix
                .get(regime * row..(regime + 1) * row)
                .unwrap_or_default()
        };
        let total_of = |regime: usize| prefix_of(regime).last().copied().unwrap_or(0.0);
        let prefix_before = prefix_of(0);
        let total_before = total_of(0);
        let none = self.log_no_drift + total_before;
        if p_drift <= 0.0 {
            return DriftEvidence {
                none,
                later: f64::NEG_INFINITY,
                onsets: vec![Vec::new(); s.kinds.len()],
                happened,
                width,
                seen,
                events_seen,
            };
        }
        let log_later = match self.log_later.get(seen) {
            Some(&log) => log,
            None => s.onset.iter().skip(seen).sum::<f64>().ln(),
        };
        let later = self.log_drift + log_later + total_before;
        let mut onsets = Vec::with_capacity(s.kinds.len());
        for (regime, &log_kind) in self.log_kinds.iter().enumerate().map(|(k, l)| (k + 1, l)) {
            let mut parts = Vec::with_capacity(seen);
            let prefix_after = prefix_of(regime);
            let total_after = total_of(regime);
            let stages = self
                .notes_after
                .get(regime - 1)
                .map_or(&[][..], Vec::as_slice);
            for o in 1..=seen {
                let log_onset = self
                    .log_onset
                    .get(o - 1)
                    .copied()
                    .unwrap_or(f64::NEG_INFINITY);
                if log_onset == f64::NEG_INFINITY {
                    continue;
                }
                let b = prefix_before.get(o - 1).copied().unwrap_or(0.0);
                let mut a = total_after - prefix_after.get(o - 1).copied().unwrap_or(0.0);
                // The first sessions of the ramp have their own rates: the notes of those
                // sessions weighed at their stage in place of full strength.
                if let Some((full, ramp)) = stages.split_last() {
                    for (k, logs) in ramp.iter().enumerate() {
                        let t0 = o - 1 + k;
                        let Some(note) = notes.get(t0) else { break };
                        s.crowded_into(&note.off_protocol, &mut crowded);
                        a += logs.of(note, &crowded) - full.of(note, &crowded);
                    }
                }
                parts.push((o, log_kind + log_onset + b + a));
            }
            onsets.push(parts);
        }
        DriftEvidence {
            none,
            later,
            onsets,
            happened,
            width,
            seen,
            events_seen,
        }
    }
}

/// What the notes and drift-only events seen say of the drift hypotheses
/// ([`Ideal::drift_evidence`]), all but the drift-only events' rates.
struct DriftEvidence {
    /// Log weight of no drift at all, and of drift that starts after the last session seen.
    none: f64,
    later: f64,
    /// Per kind of drift, each onset o seen with its log weight (prior and notes, and the
    /// impossibility of a drift-only event before the onset).
    onsets: Vec<Vec<(usize, f64)>>,
    /// Which drift-only event happened in which session seen: a row of `width` per session.
    happened: Vec<bool>,
    width: usize,
    seen: usize,
    events_seen: usize,
}

impl DriftEvidence {
    /// The drift hypotheses' log weights under course `course`: the drift-only events' rates from
    /// the onset on. A once-only event is not possible again after it happened.
    fn weights(&self, ideal: &Ideal, course: usize) -> DriftWeights {
        // ln P(drift-only events of session t | drift started by then), t = 0..seen (0-based).
        let mut factors = vec![0.0; self.seen];
        let mut done = vec![false; self.width];
        for (t, factor) in factors.iter_mut().enumerate().take(self.events_seen) {
            let row = self
                .happened
                .get(t * self.width..(t + 1) * self.width)
                .unwrap_or_default();
            for ((event, &h), done) in ideal.drift_events.iter().zip(row).zip(&mut done) {
                if event.once && *done {
                    continue;
                }
                let log = if h {
                    event.log_rate.get(course)
                } else {
                    event.log_none.get(course)
                };
                *factor += log.copied().unwrap_or(0.0);
                *done |= h;
            }
        }
        // The same summed from session t to the last seen, at index t: a sum from the end rather
        // than a difference of prefixes, so that an impossible session (a rate of 1 not met) stays
        // −∞ and never meets −∞ − (−∞).
        let mut events = vec![0.0; self.seen + 1];
        for t in (0..self.seen).rev() {
            let later = events.get(t + 1).copied().unwrap_or(0.0);
            if let Some(slot) = events.get_mut(t) {
                *slot = factors.get(t).copied().unwrap_or(0.0) + later;
            }
        }
        let started = self
            .onsets
            .iter()
            .map(|parts| {
                let weighed: Vec<f64> = parts
                    .iter()
                    .map(|&(o, l)| l + events.get(o - 1).copied().unwrap_or(0.0))
                    .collect();
                ideal.log_drift + log_sum_exp(&weighed)
            })
            .collect();
        DriftWeights {
            none: self.none,
            later: self.later,
            started,
        }
    }
}

/// An event that only happens after drift onset: its index in the catalogue, whether it happens
/// at most once, and per course the log of its chance per session of happening and of not
/// happening.
#[derive(Debug, Clone)]
struct DriftEvent {
    index: usize,
    once: bool,
    log_rate: Vec<f64>,
    log_none: Vec<f64>,
}

/// How often each event whose rate depends on the course (and that is not drift-only) could have
/// happened in the sessions whose events are seen, and how often it did: per event of the
/// catalogue (index, eligible sessions, occurrences). Eligible: its condition held (the element
/// was delivered in the session's note) and, for a once-only event, it had not happened before.
fn course_event_counts(s: &Scenario, v: &Visible) -> Vec<(usize, u32, u32)> {
    let events_seen = v.event_sessions() as usize;
    let notes = v.notes();
    let mut counts = Vec::new();
    for (k, (&dependent, cond)) in s
        .course_dependent
        .iter()
        .zip(&s.event_conditions)
        .enumerate()
    {
        if !dependent || *cond == EventCondition::Drift {
            continue;
        }
        let once = s.file.events.get(k).is_some_and(|e| e.once);
        let (mut eligible, mut occurred) = (0u32, 0u32);
        for t in 1..=events_seen {
            if once && occurred > 0 {
                break;
            }
            let holds = match cond {
                EventCondition::Element(i) => notes
                    .get(t - 1)
                    .is_some_and(|n| n.delivered.get(*i).copied().unwrap_or(false)),
                _ => true,
            };
            if !holds {
                continue;
            }
            eligible += 1;
            if v.events().any(|e| e.kind == k && e.session as usize == t) {
                occurred += 1;
            }
        }
        counts.push((k, eligible, occurred));
    }
    counts
}

/// log P(the course-dependent events seen | course k), from [`course_event_counts`]: each eligible
/// session a Bernoulli trial with the course's rate.
fn course_events_log_likelihood(s: &Scenario, counts: &[(usize, u32, u32)], k: usize) -> f64 {
    let mut l = 0.0;
    for &(event, eligible, occurred) in counts {
        let rate = s
            .event_rates
            .get(event)
            .and_then(|r| r.get(k))
            .copied()
            .unwrap_or(0.0);
        if occurred > 0 {
            l += f64::from(occurred) * rate.ln();
        }
        if eligible > occurred {
            l += f64::from(eligible - occurred) * (1.0 - rate).ln();
        }
    }
    l
}

/// One way a course's change may unfold given the sessions seen: along its shape, or with a sudden
/// gain at a session seen, or with one still to come.
struct Unfolding<'a> {
    /// log P(this unfolding | course).
    log_weight: f64,
    /// g(t) for the scores seen, and for the end when no gain is still to come.
    dose: &'a [f64],
    /// A gain still to come: at the end, g(t) plus the gain's share once it has shown.
    to_come: Option<GainModel>,
}

/// P(deteriorated) for each of the first `count` branches' predictive of the last score, given as
/// its margin (the expected latent last score beyond the one that deteriorates, in the worse
/// direction) and the variance the
/// branches share, mixed over the shifts of the events still to come (each moves the margin by
/// `worse` times its mean and adds its variance).
fn deterioration(
    cdf: FastNormalCdf,
    future: &[ShiftComponent],
    margins: &[f64; MAX_BRANCHES],
    count: usize,
    variance: f64,
    worse: f64,
) -> [f64; MAX_BRANCHES] {
    let mut p = [0.0; MAX_BRANCHES];
    for part in future {
        let shift = worse * part.mean;
        let variance = variance + part.variance;
        let inverse_sd = if variance > 0.0 {
            1.0 / variance.sqrt()
        } else {
            0.0
        };
        for (p, &margin) in p.iter_mut().zip(margins).take(count) {
            let x = margin + shift;
            let below = if variance > 0.0 {
                cdf.at(x * inverse_sd)
            } else {
                f64::from(u8::from(x >= 0.0))
            };
            *p += part.probability * below;
        }
    }
    p
}

/// What the alliance ratings seen say under one course ([`Ideal::course_alliance`]).
struct CourseAlliance {
    log_likelihood: f64,
    /// P(L = each end | course, ratings seen, L ≥ seen), in the order of the ends; `None` where
    /// dropout does not follow the alliance (then every course has the population's weights).
    end_weights: Option<Vec<f64>>,
}

/// A session at which the treatment may end, seen from the last session seen.
struct End<'a> {
    session: usize,
    /// P(the treatment ends here | it has lasted as far as seen).
    weight: f64,
    /// Each hello-goodbye branch's offset of the score here (the goodbye only at the planned end).
    offsets: [f64; MAX_BRANCHES],
    horizon: Horizon,
    /// The summed shift of the events that may still come by then.
    future: Cow<'a, [ShiftComponent]>,
}

/// The paths of one course with a sudden gain, built once per scenario: g_j for each session j of
/// `first..=last`, and (1 − s)·g, the path of a gain still to come.
#[derive(Debug, Clone)]
struct GainPaths {
    gain: GainModel,
    at: Vec<Vec<f64>>,
    pending: Vec<f64>,
    /// ln(1 − p), the log weight of no gain.
    log_none: f64,
    /// ln(p/n), the log weight of a gain at one given session.
    log_each: f64,
}

impl GainPaths {
    fn new(gain: GainModel, base: &[f64]) -> Self {
        GainPaths {
            gain,
            at: (gain.first..=gain.last)
                .map(|j| gain.dose(base, Some(j)))
                .collect(),
            pending: gain.dose(base, None),
            log_none: (1.0 - gain.probability).ln(),
            log_each: gain.per_session().ln(),
        }
    }
}

/// g(t), as the regression reads it (1 past the end of the table).
fn dose_at(dose: &[f64], t: usize) -> f64 {
    dose.get(t).copied().unwrap_or(1.0)
}

/// Log weights (prior × likelihood) of the drift hypotheses at a checkpoint.
struct DriftWeights {
    /// No drift in this case at all.
    none: f64,
    /// Drift that starts after the last session seen.
    later: f64,
    /// Drift of each kind that has started by the last session seen.
    started: Vec<f64>,
}

/// The log-probabilities a session note is weighed with under one regime (before drift, or after
/// the onset of one kind), taken once per scenario.
#[derive(Debug, Clone)]
struct NoteLogs {
    /// Per protocol element: ln((1 − ρ)(1 − q)) delivered, ln((1 − ρ)·q) omitted without a reason,
    /// ln ρ omitted for a stated reason (ρ the same in every regime).
    delivered: Vec<f64>,
    omitted: Vec<f64>,
    excused: Vec<f64>,
    /// Per element with a client side: ln p and ln(1 − p), p the chance the client did it.
    done: Vec<Option<(f64, f64)>>,
    /// ln r and ln(1 − r) per off-protocol activity (happened, not).
    off: Vec<f64>,
    not_off: Vec<f64>,
}

impl NoteLogs {
    fn new(s: &Scenario, omission: &[f64], off_rates: &[f64], strength: f64) -> Self {
        let rho = |i: usize| s.elements.get(i).map_or(0.0, |e| e.excused);
        NoteLogs {
            delivered: omission
                .iter()
                .enumerate()
                .map(|(i, q)| ((1.0 - rho(i)) * (1.0 - q)).ln())
                .collect(),
            omitted: omission
                .iter()
                .enumerate()
                .map(|(i, q)| ((1.0 - rho(i)) * q).ln())
                .collect(),
            excused: (0..omission.len()).map(|i| rho(i).ln()).collect(),
            done: s
                .elements
                .iter()
                .map(|e| {
                    e.done.map(|(before, after)| {
                        let p = before + strength * (after - before);
                        (p.ln(), (1.0 - p).ln())
                    })
                })
                .collect(),
            off: off_rates.iter().map(|r| r.ln()).collect(),
            not_off: off_rates.iter().map(|r| (1.0 - r).ln()).collect(),
        }
    }

    /// Log-likelihood of one session's note. Elements that the session's off-protocol activities
    /// crowd out are omitted under every hypothesis, and elements the protocol did not call for
    /// (outside their phase, or with nothing to follow up) are absent under every hypothesis: both
    /// count for nothing. The note's wording is drawn independently of everything else, so it
    /// counts for nothing either.
    fn of(&self, note: &SessionNote, crowded: &[bool]) -> f64 {
        let mut l = 0.0;
        for (i, (&d, &c)) in note.delivered.iter().zip(crowded).enumerate() {
            if c || !note.is_due(i) {
                continue;
            }
            let log = if d {
                self.delivered.get(i)
            } else if note.is_excused(i) {
                self.excused.get(i)
            } else {
                self.omitted.get(i)
            };
            l += log.copied().unwrap_or(0.0);
            if d && let (Some(Some((yes, no))), Some(Some(done))) =
                (self.done.get(i), note.done.get(i))
            {
                l += if *done { yes } else { no };
            }
        }
        for ((&o, yes), no) in note.off_protocol.iter().zip(&self.off).zip(&self.not_off) {
            l += if o { yes } else { no };
        }
        l
    }
}

/// Σ xᵢ·yᵢ in four running sums (see [`sum`]).
fn dot(xs: &[f64], ys: &[f64]) -> f64 {
    let (x4, x_rest) = xs.as_chunks::<4>();
    let (y4, y_rest) = ys.as_chunks::<4>();
    let mut parts = [0.0; 4];
    for (x, y) in x4.iter().zip(y4) {
        for i in 0..4 {
            parts[i] += x[i] * y[i];
        }
    }
    let rest: f64 = x_rest.iter().zip(y_rest).map(|(x, y)| x * y).sum();
    (parts[0] + parts[1]) + (parts[2] + parts[3]) + rest
}

/// Σ xᵢ in four running sums, so that the additions need not wait for one another (a single
/// running sum waits out each addition's latency; the grid has 121 nodes).
fn sum(xs: &[f64]) -> f64 {
    let (x4, rest) = xs.as_chunks::<4>();
    let mut parts = [0.0; 4];
    for x in x4 {
        for i in 0..4 {
            parts[i] += x[i];
        }
    }
    (parts[0] + parts[1]) + (parts[2] + parts[3]) + rest.iter().sum::<f64>()
}

/// A buffer of `nodes` values: on the stack for the grid in use (it is filled once per course for
/// every forecast), on the heap for a larger one.
fn node_buffer<'a>(
    stack: &'a mut [f64; ALLIANCE_NODES],
    heap: &'a mut Vec<f64>,
    nodes: usize,
) -> &'a mut [f64] {
    if nodes <= ALLIANCE_NODES {
        stack.get_mut(..nodes).unwrap_or_default()
    } else {
        heap.resize(nodes, 0.0);
        heap
    }
}

/// ln Σ exp(vᵢ). Terms more than [`NEGLIGIBLE_LOG`] below the largest are left out without an
/// exponential: each is under 2.4·10⁻¹⁶ of the largest, so for the at most a few hundred terms
/// summed here the sum moves by less than 10⁻¹³ of itself. The alliance grid, where the nodes near
/// the client's level carry the integral, is where this saves most.
fn log_sum_exp(values: &[f64]) -> f64 {
    let max = values.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    if !max.is_finite() {
        return max;
    }
    let sum: f64 = values
        .iter()
        .map(|v| v - max)
        .filter(|d| *d > -NEGLIGIBLE_LOG)
        .map(f64::exp)
        .sum();
    max + sum.ln()
}

/// How far below the largest term of a log-sum-exp a term may be left out (e⁻³⁶ ≈ 2.3·10⁻¹⁶).
const NEGLIGIBLE_LOG: f64 = 36.0;

/// What the alliance tables are made from: the rating scale, each course's mean and chance of a
/// rupture, and the client levels of the grid.
#[derive(Debug, Clone)]
struct AllianceScale {
    min: f64,
    step: f64,
    sd: f64,
    values: usize,
    depth: f64,
    /// (mean rating, chance of a rupture) per course.
    courses: Vec<(f64, f64)>,
    levels: Vec<f64>,
}

impl AllianceScale {
    fn of(s: &Scenario, levels: Vec<f64>) -> Self {
        let a = &s.file.alliance;
        AllianceScale {
            min: a.min,
            step: a.step,
            sd: a.sd,
            values: alliance_values(s),
            depth: a.ruptures.as_ref().map_or(0.0, |r| r.depth),
            courses: s
                .file
                .courses
                .iter()
                .zip(&s.rupture_rates)
                .map(|(c, &rupture)| (c.alliance_mean, rupture))
                .collect(),
            levels,
        }
    }
}

/// P(shown alliance value index | course, client level) for every course, value and level (in
/// that order, so that one rating's row covers all levels), for ratings lowered by `drop` steps of
/// the scale by events: the exact probability of the value's rounding interval, censored at the
/// ends of the scale.
fn alliance_tables(a: &AllianceScale, drop: usize) -> Vec<Vec<Vec<f64>>> {
    let values = a.values;
    let lowered = a.step * drop as f64;
    a.courses
        .iter()
        .map(|&(mean, rupture)| {
            // P(the rounded rating is value i | rating ~ N(centre, sd²)), censored at the ends.
            let rating = |centre: f64, i: usize| {
                let x = a.min + a.step * i as f64;
                let z = |v: f64| normal_cdf((v - centre) / a.sd);
                let hi = if i + 1 == values {
                    1.0
                } else {
                    z(x + a.step / 2.0)
                };
                let lo = if i == 0 { 0.0 } else { z(x - a.step / 2.0) };
                hi - lo
            };
            (0..values)
                .map(|i| {
                    a.levels
                        .iter()
                        .map(|level| {
                            let centre = mean + level - lowered;
                            // A session with a rupture (chance r) is rated `depth` lower.
                            let p = (1.0 - rupture) * rating(centre, i)
                                + rupture * rating(centre - a.depth, i);
                            p.max(PRODUCT_FLOOR)
                        })
                        .collect()
                })
                .collect()
        })
        .collect()
}

/// The client levels at which the alliance likelihood is evaluated and their weights: one level 0
/// when there is no client part, else [`normal_grid`] scaled to the N(0, τ²) of the level.
fn alliance_grid(tau: f64, nodes: usize) -> (Vec<f64>, Vec<f64>) {
    if tau <= 0.0 {
        return (vec![0.0], vec![1.0]);
    }
    let (z, weights) = normal_grid(nodes, ALLIANCE_SPAN);
    (z.iter().map(|z| z * tau).collect(), weights)
}

/// An alliance rating seen: the index of its value on the scale, and by how many steps the events
/// seen up to its session lowered it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Rating {
    value: usize,
    drop: usize,
}

fn alliance_values(s: &Scenario) -> usize {
    let a = &s.file.alliance;
    (((a.max - a.min) / a.step).round() as usize) + 1
}

/// The alliance ratings seen, each with the drop of the events seen up to its session (events
/// are seen at least as far as ratings: [`crate::model::Channel`]).
fn ratings_seen(s: &Scenario, v: &Visible) -> Vec<Rating> {
    let mut drops: Vec<(usize, usize)> = v
        .events()
        .filter_map(|e| {
            let d = s.alliance_drops.get(e.kind).copied().unwrap_or(0);
            (d > 0).then_some((e.session as usize, d))
        })
        .collect();
    drops.sort_unstable();
    v.alliance()
        .iter()
        .enumerate()
        .map(|(i, &x)| Rating {
            value: alliance_index(s, x),
            drop: drops
                .iter()
                .take_while(|(session, _)| *session <= i + 1)
                .map(|(_, d)| d)
                .sum(),
        })
        .collect()
}

fn alliance_index(s: &Scenario, x: f64) -> usize {
    let a = &s.file.alliance;
    let i = ((x - a.min) / a.step).round().max(0.0) as usize;
    i.min(alliance_values(s) - 1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Case, SessionNote};

    /// Ratings no event lowered.
    fn plain(values: &[usize]) -> Vec<Rating> {
        values
            .iter()
            .map(|&value| Rating { value, drop: 0 })
            .collect()
    }

    /// Two courses, no drift, no hello-goodbye: intake N(50, 10²), noise σ = 5, four sessions, RCI 10
    /// on a whole-point scale (so the last score deteriorates above intake + 9.5), course A change
    /// N(0, 4²) with alliance mean 8, course B change N(15, 4²) with alliance mean 5 (alliance SD 2),
    /// priors 0.8 and 0.2.
    fn toy() -> Scenario {
        toy_with(&[])
    }

    /// The toy scenario with these further edits of its file.
    fn toy_with(edits: &[(&str, &str)]) -> Scenario {
        let mut text = include_str!("../../tests/scenarios/minimal.ron").to_string();
        let toy_edits = [
            ("sessions: 6,", "sessions: 4,"),
            ("checkpoints: [0, 2],", "checkpoints: [0, 1],"),
            ("last: 5", "last: 3"),
            (
                "deterioration_rate: (value: 0.1,",
                "deterioration_rate: (value: 0.2,",
            ),
            (
                "mean_change: -15, sd_change: 5,",
                "mean_change: 0, sd_change: 4,",
            ),
            (
                "mean_change: 15, sd_change: 5,",
                "mean_change: 15, sd_change: 4,",
            ),
            (
                "rate: (value: 0.3, source: \"choice\"),\n        onset",
                "rate: (value: 0.0, source: \"choice\"),\n        onset",
            ),
            (
                "hello_goodbye: (rate: (value: 0.1,",
                "hello_goodbye: (rate: (value: 0.0,",
            ),
        ];
        for &(a, b) in toy_edits.iter().chain(edits) {
            assert_eq!(text.matches(a).count(), 1, "{a}");
            text = text.replace(a, b);
        }
        let mut s = crate::scenario::parse("toy", &text).expect("the toy scenario is valid");
        s.priors_no_drift = vec![0.8, 0.2];
        s.priors_drift = vec![0.8, 0.2];
        s
    }

    fn case(scores: Vec<f64>, alliance: Vec<f64>) -> Case {
        let notes = alliance
            .iter()
            .map(|_| SessionNote {
                delivered: vec![true],
                off_protocol: vec![false],
                ..Default::default()
            })
            .collect();
        Case::observed(scores, alliance, notes)
    }

    #[test]
    fn intake_only_by_hand() {
        // After intake y0 = 60 the course posterior is the prior. E[μ0 | y0] = 50 + (100/125)·10 = 58,
        // Var[μ0 | y0] = 100·25/125 = 20. Given course k, y_T − y0 ~ N(58 − 60 + δ_k, 20 + 16 + 25):
        // A: 1 − Φ((9.5 + 2) / √61) = 0.0704532; B: 1 − Φ((9.5 − 13) / √61) = 0.6729700;
        // mixed 0.8·0.0704532 + 0.2·0.6729700 = 0.1909565.
        let s = toy();
        let ideal = Ideal::new(&s);
        let c = case(vec![60.0, 66.0, 0.0, 0.0, 0.0], vec![6.0; 4]);
        let p = ideal.forecast(&s, &c.visible(0));
        assert!((p - 0.190_956_549).abs() < 1e-6, "{p}");
    }

    #[test]
    fn after_one_session_by_hand() {
        // y0 = 60, y1 = 66, alliance 6 after session 1; g(1) = ln 2 / ln 5.
        // Worked in covariance form, independently of the code's information form:
        // Cov(y_i, y_j | k) = 100 + 16·g_i·g_j + 25·[i = j]; the class likelihood is the bivariate
        // normal density of (60, 66), the alliance likelihood Φ((6.5 − μ)/2) − Φ((5.5 − μ)/2), and
        // y_T | y0, y1, k is the Gaussian conditional. Per course: P(det | A) = 0.1502932,
        // P(det | B) = 0.7401639; posterior P(A) = 0.5930583; forecast 0.3903362.
        let s = toy();
        let ideal = Ideal::new(&s);
        let c = case(vec![60.0, 66.0, 0.0, 0.0, 0.0], vec![6.0; 4]);
        let p = ideal.forecast(&s, &c.visible(1));
        assert!((p - 0.390_336_180).abs() < 1e-6, "{p}");
    }

    #[test]
    fn the_chance_of_having_come_this_far_by_hand() {
        // The toy with front-loaded dropout that follows the client's alliance level: client SD
        // τ = 1.5, γ = 0.8, 30 % stop early, clients may stop after session 1 on and half of those
        // who stop do so after session 1. Solved independently (Python, trapezoid rule over N(0, 1)
        // on ±9 SD, 3 001 points): h₀ = 0.081 568 3, h₀·m = 0.109 562 6, so h₁(z) = h₀·m·e^(−0.8z)
        // and h₂ = h₃ = h₀·e^(−0.8z) (each at most 1); the model's grid (121 points over ±7 SD,
        // where the cap at 1 costs the trapezoid rule about 2·10⁻⁵ of h₀) agrees to 10⁻⁵. The
        // forecaster is exact for the model's own hazards (h₀ = 0.081 567 366, h₀·m =
        // 0.109 564 522), and the figures below are computed with those. At session 2, seen
        // (y = 60, 66, 64; ratings 6 and 5), not over: the chance of having come this far, 1 − h₁(z), is 0.756 at z = −1,
        // 0.890 at 0 and 0.951 at 1, so it weighs the client's level, and with it the course. The
        // posterior over course k and level a = τz is ∝ π_k · N₃(y | k) · Π P(rating | a, k) · φ(z) ·
        // (1 − h₁(z)); the end L ∈ {2, 3, 4} has P(L | z) / (1 − h₁(z)); at L = 2 the shown 64 has
        // not deteriorated, at L = 3 or 4 the Gaussian conditional of y_L passes 69.5 or not.
        // Forecast 0.338 905 810; without the chance of having come this far it would be
        // 0.316 404 543.
        let s = toy_with(&[
            (
                "concern_below: 6, source: \"choice\")",
                "concern_below: 6, source: \"choice\", client_sd: Some((value: 1.5, source: \"choice\")))",
            ),
            (
                "\n    hello_goodbye:",
                "\n    dropout: Some((rate: (value: 0.3, source: \"choice\"), alliance_link: Some((value: 0.8, source: \"choice\")), early: Some((from: 1, by: 1, share: (value: 0.5, source: \"choice\"))))),\n    hello_goodbye:",
            ),
        ]);
        assert!(s.dropout.linked());
        let (h1, h2) = (s.dropout.hazard(1, 0.0), s.dropout.hazard(2, 0.0));
        assert!((h1 - 0.109_562_6).abs() < 1e-5, "{h1}");
        assert!((h2 - 0.081_568_3).abs() < 1e-5, "{h2}");
        let ideal = Ideal::new(&s);
        let c = case(vec![60.0, 66.0, 64.0, 64.0, 64.0], vec![6.0, 5.0, 5.0, 5.0]);
        let p = ideal.forecast(&s, &c.visible(2));
        assert!((p - 0.338_905_810).abs() < 1e-6, "{p}");
        // Seen to be over (the client stopped after session 2): the outcome is known.
        let over = case(vec![60.0, 66.0, 64.0], vec![6.0, 5.0]);
        assert_eq!(ideal.forecast(&s, &over.visible(3)), 0.0);
        let worse = case(vec![60.0, 66.0, 71.0], vec![6.0, 5.0]);
        assert_eq!(ideal.forecast(&s, &worse.visible(3)), 1.0);
    }

    #[test]
    fn an_event_likelier_in_one_course_weighs_the_courses_by_hand() {
        // The toy of `after_one_session_by_hand` (P(A) = 0.5930583 after y0 = 60, y1 = 66 and a
        // rating of 6; P(det | A) = 0.1502932, P(det | B) = 0.7401639) with "job" (0.02 a
        // session) five times as likely in course B: 0.1. No event in session 1 multiplies the
        // courses' weights by 0.98 and 0.9: P(A) = 0.5812 / (0.5812 + 0.3662) = 0.6134365,
        // forecast 0.3783157. The event multiplies them by 0.02 and 0.1: P(A) = 0.2256891,
        // forecast 0.6070365. It moves no score, so the scores still to come are as before.
        let mut s = toy();
        let job = 0;
        s.event_rates[job] = vec![0.02, 0.1];
        s.course_dependent[job] = true;
        let ideal = Ideal::new(&s);
        let mut c = case(vec![60.0, 66.0, 0.0, 0.0, 0.0], vec![6.0; 4]);
        let quiet = ideal.forecast(&s, &c.visible(1));
        assert!((quiet - 0.378_315_685).abs() < 1e-6, "{quiet}");
        c.events = vec![crate::model::Event {
            session: 1,
            kind: job,
            wording: 0,
        }];
        let seen = ideal.forecast(&s, &c.visible(1));
        assert!((seen - 0.607_036_518).abs() < 1e-6, "{seen}");
        // At intake no session's events are seen: the course-free forecast of `intake_only_by_hand`.
        let intake = ideal.forecast(&s, &c.visible(0));
        assert!((intake - 0.190_956_549).abs() < 1e-6, "{intake}");
    }

    #[test]
    fn an_event_that_lowers_the_alliance_is_weighed_at_the_lowered_mean_by_hand() {
        // The minimal scenario (alliance SD 2, no client level) with "job" lowering the ratings by
        // 2 from its session on. Ratings 5, 5 with "job" in session 2: session 1 as ever (better,
        // mean 8: Φ(−1.25) − Φ(−1.75) = 0.0655906; worse, mean 5: Φ(0.25) − Φ(−0.25) = 0.1974127),
        // session 2 at the mean less 2 (better, 6: Φ(−0.25) − Φ(−0.75) = 0.1746663; worse, 3:
        // Φ(1.25) − Φ(0.75) = 0.1209776).
        let text = include_str!("../../tests/scenarios/minimal.ron").replace(
            "condition: Always)",
            "condition: Always, alliance_drop: Some((points: 2, source: \"choice\")))",
        );
        let s = crate::scenario::parse("drop", &text).expect("valid");
        let ideal = Ideal::new(&s);
        let mut c = case(vec![50.0; 7], vec![5.0; 6]);
        c.events = vec![crate::model::Event {
            session: 2,
            kind: 0,
            wording: 0,
        }];
        let ratings = ratings_seen(&s, &c.visible(2));
        assert_eq!(
            ratings.iter().map(|r| r.drop).collect::<Vec<_>>(),
            vec![0, 2]
        );
        let p = |k: usize| ideal.alliance_log_likelihood(k, &ratings).exp();
        assert!((p(0) - 0.065_590_6 * 0.174_666_3).abs() < 1e-7, "{}", p(0));
        assert!((p(1) - 0.197_412_7 * 0.120_977_6).abs() < 1e-7, "{}", p(1));
    }

    #[test]
    fn a_drift_event_likelier_in_one_course_by_hand() {
        // The minimal scenario with "stuck" (after drift onset, 0.1 a session) three times as
        // likely in the course "worse", course priors set to 0.9 / 0.1 without drift and 0.75 /
        // 0.25 with it. Session 1 with homework omitted and chat, no event. No drift: 0.7 · 0.01 =
        // 0.007; onset later: 0.3 · 0.8 · 0.01 = 0.0024; onset 1: 0.3 · 0.2 · 0.7 · 0.6 · (0.75 ·
        // 0.9 + 0.25 · 0.7) = 0.02142. P(started) = 0.02142 / 0.03082 = 0.6950032 (0.7069825 when
        // the rate is the same in both courses).
        let (mut s, _, c) = drifting_first_session();
        let stuck = 2;
        s.event_rates[stuck] = vec![0.1, 0.3];
        s.course_dependent[stuck] = true;
        s.priors_no_drift = vec![0.9, 0.1];
        s.priors_drift = vec![0.75, 0.25];
        let ideal = Ideal::new(&s);
        let (started, _) = ideal.drift_started(&s, &c.visible(1));
        assert!((started - 0.695_003_245).abs() < 1e-9, "{started}");
        // Under the course "worse" alone: drift 0.3 · (0.8 · 0.01 + 0.2 · 0.42 · 0.7) = 0.02004
        // against 0.007 without.
        let (none, drift) = ideal.drift_log_weights(&ideal.drift_evidence(&s, &c.visible(1)), 1);
        assert!((none.exp() - 0.007).abs() < 1e-12);
        assert!((drift.exp() - 0.020_04).abs() < 1e-12, "{}", drift.exp());
    }

    /// The minimal scenario, its ideal forecaster, and a six-session case whose first session left the
    /// homework out and had chat (what drift makes likely).
    fn drifting_first_session() -> (Scenario, Ideal, Case) {
        let s = crate::scenario::resolve("tests/scenarios/minimal.ron").expect("minimal loads");
        let ideal = Ideal::new(&s);
        let mut c = case(vec![50.0; 7], vec![5.0; 6]);
        c.notes[0] = SessionNote {
            delivered: vec![false],
            off_protocol: vec![true],
            ..Default::default()
        };
        (s, ideal, c)
    }

    /// P(drift | what is seen) from the drift weights, on the minimal scenario: drift in 30 % of cases,
    /// onset uniform over sessions 1–5; before drift homework is omitted with 0.1 and chat happens with
    /// 0.1; after onset 0.7 and 0.6; the event "stuck" happens only after onset, with 0.1 per session.
    fn drift_posterior(events: Vec<crate::model::Event>) -> f64 {
        let (s, ideal, mut c) = drifting_first_session();
        c.events = events;
        let (none, drift) = ideal.drift_log_weights(&ideal.drift_evidence(&s, &c.visible(1)), 0);
        drift.exp() / (none.exp() + drift.exp())
    }

    #[test]
    fn drift_posterior_by_hand() {
        // Session 1: homework omitted, chat. No drift: 0.7 · (0.1 · 0.1) = 0.007. Drift: 0.3 · (0.8 ·
        // 0.01 [onset later] + 0.2 · 0.7 · 0.6 · (1 − 0.1) [onset 1, no event]) = 0.02508.
        // P(drift) = 0.02508 / 0.03208 = 0.7817955.
        let p = drift_posterior(Vec::new());
        assert!((p - 0.781_795_511).abs() < 1e-9, "{p}");
        // Started by session 1 (onset 1 only): 0.3 · 0.2 · 0.378 / 0.03208 = 0.7069825.
        let s = crate::scenario::resolve("tests/scenarios/minimal.ron").expect("minimal loads");
        let mut c = case(vec![50.0; 7], vec![5.0; 6]);
        c.notes[0] = SessionNote {
            delivered: vec![false],
            off_protocol: vec![true],
            ..Default::default()
        };
        let (started, kind) = Ideal::new(&s).drift_started(&s, &c.visible(1));
        assert!((started - 0.706_982_544).abs() < 1e-9, "{started}");
        assert_eq!(kind, Some(0));
        // The same session with "stuck" (possible only after onset): drift is certain.
        let stuck = crate::model::Event {
            session: 1,
            kind: 2,
            wording: 0,
        };
        assert!((drift_posterior(vec![stuck]) - 1.0).abs() < 1e-12);
    }

    /// The notes' new parts by hand, on the minimal scenario with an omission for a stated reason
    /// of ρ = 0.2 and homework done with 0.8 before drift and 0.3 after onset (q = 0.1 / 0.7, chat
    /// 0.1 / 0.6, "stuck" 0.1 a session after onset, onset uniform over 1–5, drift 0.3).
    #[test]
    fn stated_reasons_phases_and_homework_done_by_hand() {
        let mut s = crate::scenario::resolve("tests/scenarios/minimal.ron").expect("minimal loads");
        s.elements[0].excused = 0.2;
        s.elements[0].done = Some((0.8, 0.3));
        let ideal = Ideal::new(&s);
        let started = |note: SessionNote| {
            let mut c = case(vec![50.0; 7], vec![5.0; 6]);
            c.notes[0] = note;
            ideal.drift_started(&s, &c.visible(1)).0
        };
        // Delivered, not done, no chat. None: 0.8 · 0.9 · 0.2 · 0.9 = 0.1296, weight 0.7 · 0.1296;
        // onset later: 0.3 · 0.8 · 0.1296; onset 1: 0.3 · 0.2 · (0.8 · 0.3 · 0.7 · 0.4 · 0.9) =
        // 0.3 · 0.2 · 0.06048. P(started) = 0.0036288 / 0.1254528 = 0.0289256.
        let not_done = started(SessionNote {
            delivered: vec![true],
            off_protocol: vec![false],
            done: vec![Some(false)],
            ..Default::default()
        });
        assert!((not_done - 0.028_925_620).abs() < 1e-9, "{not_done}");
        // Left out for a stated reason: ρ under every hypothesis. None: 0.2 · 0.9; onset 1:
        // 0.2 · 0.4 · 0.9. P = 0.06 · 0.072 / (0.7 · 0.18 + 0.24 · 0.18 + 0.06 · 0.072) = 0.0248963.
        let excused = started(SessionNote {
            delivered: vec![false],
            off_protocol: vec![false],
            excused: vec![true],
            ..Default::default()
        });
        assert!((excused - 0.024_896_266).abs() < 1e-9, "{excused}");
        // Not called for (outside its phase): only the chat and the event count, the same figure.
        let not_due = started(SessionNote {
            delivered: vec![false],
            off_protocol: vec![false],
            due: vec![false],
            ..Default::default()
        });
        assert!((not_due - 0.024_896_266).abs() < 1e-9, "{not_due}");
    }

    /// A ramp of two sessions on the minimal scenario: in the first session of drift the rates lie
    /// half way (omission 0.1 → 0.4, chat 0.1 → 0.35). Session 1 with homework omitted and chat: none
    /// 0.7 · 0.1 · 0.1 = 0.007; onset later 0.3 · 0.8 · 0.01 = 0.0024; onset 1 0.3 · 0.2 · (0.4 ·
    /// 0.35 · 0.9) = 0.00756. P(started) = 0.00756 / 0.01696 = 0.4457547.
    #[test]
    fn the_first_session_of_a_ramp_is_weighed_at_its_stage() {
        let path =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/scenarios/minimal.ron");
        let text = std::fs::read_to_string(path).expect("reads");
        let old = "onset: Uniform(first: 1, last: 5),";
        assert_eq!(text.matches(old).count(), 1);
        let text = text.replace(old, "onset: Uniform(first: 1, last: 5), ramp: Some(2),");
        let s = crate::scenario::parse("minimal-ramp", &text).expect("valid");
        let mut c = case(vec![50.0; 7], vec![5.0; 6]);
        c.notes[0] = SessionNote {
            delivered: vec![false],
            off_protocol: vec![true],
            ..Default::default()
        };
        let (started, _) = Ideal::new(&s).drift_started(&s, &c.visible(1));
        assert!((started - 0.445_754_717).abs() < 1e-9, "{started}");
    }

    #[test]
    fn the_alliance_grid_is_fine_enough() {
        // The bundled reference scenario (client SD 3, session SD 1.9 on a 0–40 scale): the
        // likelihood of sixteen ratings, steady or swinging, on the grid and on one with half its
        // spacing, agree to 1e-9 in log (so in relative terms).
        let s = crate::scenario::resolve("depression-cbt-oq45").expect("bundled");
        let ideal = Ideal::new(&s);
        let mut fine = ideal.clone();
        let tau = s.dynamics.alliance_client_sd;
        assert!(tau > 0.0);
        let (levels, weights) = alliance_grid(tau, 2 * ALLIANCE_NODES - 1);
        fine.node_weights = weights;
        fine.alliance_scale = AllianceScale::of(&s, levels);
        fine.alliance_probability = alliance_tables(&fine.alliance_scale, 0);
        let steady = plain(&[alliance_index(&s, 38.0); 16]);
        let swinging: Vec<Rating> = (0..16)
            .map(|t| alliance_index(&s, if t % 2 == 0 { 40.0 } else { 31.0 }))
            .map(|value| Rating { value, drop: 0 })
            .collect();
        for ratings in [steady, swinging] {
            for k in 0..s.file.courses.len() {
                let coarse = ideal.alliance_log_likelihood(k, &ratings);
                let finer = fine.alliance_log_likelihood(k, &ratings);
                assert!(
                    (coarse - finer).abs() < 1e-9,
                    "course {k}: {coarse} against {finer}"
                );
            }
        }
    }

    #[test]
    fn a_rupture_makes_each_rating_a_mixture_by_hand() {
        // The minimal scenario's alliance (SD 2, rounded to whole points) with ruptures of depth 2 in
        // 10 % of the sessions of the course "worse" (mean 5), none in "better" (mean 8).
        // worse, rating 5: 0.9 · (Φ(0.25) − Φ(−0.25)) + 0.1 · (Φ(1.25) − Φ(0.75))
        //   = 0.9 · 0.1974127 + 0.1 · 0.1209776 = 0.1897692;
        // better, rating 5: Φ(−1.25) − Φ(−1.75) = 0.0655906, as without ruptures.
        let text = include_str!("../../tests/scenarios/minimal.ron").replace(
            "concern_below: 6, source: \"choice\")",
            "concern_below: 6, source: \"choice\", ruptures: Some((depth: 2, rates: [(\"worse\", 0.1)], source: \"choice\")))",
        );
        let s = crate::scenario::parse("ruptures", &text).expect("valid with ruptures");
        let ideal = Ideal::new(&s);
        let five = alliance_index(&s, 5.0);
        let p = |k: usize| ideal.alliance_log_likelihood(k, &plain(&[five])).exp();
        assert!((p(1) - 0.189_769_2).abs() < 1e-6, "{}", p(1));
        assert!((p(0) - 0.065_590_6).abs() < 1e-6, "{}", p(0));
    }

    #[test]
    fn the_alliance_grid_never_holds_a_subnormal_number() {
        // Ratings far from a course's mean, and many of them: the products at the grid's far nodes
        // fall through 10⁻³⁰⁸ on the way to 0 unless they are cut off first (arithmetic on
        // subnormal numbers is many times slower). Every node is 0 or a normal number.
        let s = crate::scenario::resolve("depression-cbt-oq45").expect("bundled scenario loads");
        let ideal = Ideal::new(&s);
        let mut per_node = vec![0.0; ideal.node_weights.len()];
        for value in [0.0, 20.0, 40.0] {
            for n in [6, 16, 40] {
                let ratings = plain(&vec![alliance_index(&s, value); n]);
                for k in 0..s.file.courses.len() {
                    ideal.alliance_nodes(k, &ratings, &mut per_node);
                    assert!(
                        per_node.iter().all(|&x| x == 0.0 || x.is_normal()),
                        "course {k}, {n} ratings of {value}: {per_node:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn an_alliance_likelihood_too_small_for_products_is_summed_in_logs() {
        // The minimal scenario has no client part (one level, weight 1), so n ratings of 5 in the
        // course "better" (mean 8, SD 2) have the log-likelihood n·ln(Φ(−1.25) − Φ(−1.75)) =
        // n·ln 0.0655906. Three ratings stay in the product; four hundred (0.0656⁴⁰⁰ ≈ 10⁻⁴⁷³)
        // underflow it and go through the logs.
        let s = crate::scenario::resolve("tests/scenarios/minimal.ron").expect("minimal loads");
        assert_eq!(s.dynamics.alliance_client_sd, 0.0);
        let ideal = Ideal::new(&s);
        let five = alliance_index(&s, 5.0);
        let per_rating = 0.065_590_6_f64.ln();
        for n in [3, 400] {
            let got = ideal.alliance_log_likelihood(0, &plain(&vec![five; n]));
            let want = n as f64 * per_rating;
            assert!(
                (got - want).abs() < 1e-5 * n as f64,
                "{n}: {got} against {want}"
            );
        }
    }

    #[test]
    fn notes_and_events_seen_up_to_different_sessions_by_hand() {
        use crate::model::{Channel, Seen};
        let (s, ideal, c) = drifting_first_session();
        let p_drift = |seen: Seen| {
            let v = c.visible_as(seen);
            let (none, drift) = ideal.drift_log_weights(&ideal.drift_evidence(&s, &v), 0);
            drift.exp() / (none.exp() + drift.exp())
        };
        // The note of session 1 seen, its events not yet: no factor for "stuck" at all.
        // No drift: 0.7 · 0.01 = 0.007. Drift: 0.3 · (0.8 · 0.01 + 0.2 · 0.7 · 0.6) = 0.0276.
        // P(drift) = 0.0276 / 0.0346 = 0.7976879.
        let notes_only = Seen::all(0).with(Channel::Notes, 1);
        assert!((p_drift(notes_only) - 0.797_687_861).abs() < 1e-9);
        // Session 1's events seen (none), its note not: no drift 0.7; drift 0.3 · (0.8 + 0.2 · 0.9)
        // = 0.294; P(drift) = 0.294 / 0.994 = 0.2957746.
        let events_only = Seen::all(0).with(Channel::Events, 1);
        assert!((p_drift(events_only) - 0.295_774_648).abs() < 1e-9);
        // Both: the whole session, as before.
        let both = notes_only.with(Channel::Events, 1);
        assert!((p_drift(both) - 0.781_795_511).abs() < 1e-9);
    }
}
