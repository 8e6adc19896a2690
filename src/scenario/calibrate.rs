//! Solves the prior of the deteriorating course so that the *observed* deterioration rate equals the
//! declared (published) one.
//!
//! The observed change of a case in the worse direction is
//! `worse·(g_k(L)·Δ + e_L − e_0 + F_L) − b·h·(1 + [L = T])` for a treatment that ends at session L
//! (L = T unless the scenario declares dropout), where the true change Δ = δ_k + β(μ₀ − m₀) + ε
//! has variance β²s₀² + τ_k², the AR(1) fluctuation (SD σ, correlation φ) gives
//! Var(e_L − e_0) = 2σ²(1 − φ^L), and F_L is the summed shift of the events of sessions 1 to L, a
//! finite mixture of normals ([`super::shifts`]). Given course k, hello-goodbye flag h and the end L
//! the change is therefore a mixture of normals; L depends at most on the client's alliance level
//! ([`super::dropout`]), which moves no score, so its population distribution weighs them.
//! Shown scores are rounded, so deterioration means crossing the reliable change minus half a step,
//! blurred by the rounding of the intake score (uniform over one step). Summing over drift (which
//! multiplies the odds of the deteriorating course), hello-goodbye and the courses gives the rate in
//! closed form; it rises with the solved prior, so bisection finds the prior to any precision.
//! Clamping at the ends of the scale, and the compression of its ends where a scenario declares
//! one (`measure.scale_ends`, which bends only scores beyond the usual range), are left out;
//! `ontrack check` shows they do not matter.

use super::Dynamics;
use super::gain::GainModel;
use super::measure::MeasureRules;
use super::shifts::{ShiftComponent, future_shifts};
use crate::stats::upper_tail_blurred;

use super::format::{Prior, ScenarioFile};

/// Each session L at which a treatment may end, with P(L) and the summed score shifts of the events of
/// sessions 1 to L.
fn treatment_ends(file: &ScenarioFile) -> Vec<End> {
    super::dropout::DropoutModel::of(file)
        .marginal()
        .into_iter()
        .enumerate()
        .filter(|(_, p)| *p > 0.0)
        .map(|(session, probability)| End {
            session,
            probability,
            shifts: future_shifts(&file.events, session, |_| false),
        })
        .collect()
}

/// A session at which the treatment may end.
struct End {
    session: usize,
    probability: f64,
    shifts: Vec<ShiftComponent>,
}

/// Course priors in cases without and with therapist drift.
#[derive(Debug, Clone, PartialEq)]
pub struct Priors {
    pub no_drift: Vec<f64>,
    pub drift: Vec<f64>,
}

/// Why no prior reproduces the declared rate.
#[derive(Debug, Clone, PartialEq)]
pub struct Unreachable {
    /// The lowest and highest rate any prior gives.
    pub lowest: f64,
    pub highest: f64,
}

/// Everything of a scenario the closed form needs, with the solved course at `solved`.
pub struct Mixture<'a> {
    file: &'a ScenarioFile,
    rules: MeasureRules,
    solved: usize,
    /// Where the treatment may end (only at the last session without dropout).
    ends: Vec<End>,
}

impl<'a> Mixture<'a> {
    /// `solved` is the index of the course marked `SolvedFromDeteriorationRate`.
    pub fn new(file: &'a ScenarioFile, solved: usize) -> Self {
        Mixture {
            file,
            rules: MeasureRules::new(&file.measure),
            solved,
            ends: treatment_ends(file),
        }
    }

    /// Course priors without and with drift when the solved course has prior `p` without drift.
    pub fn priors(&self, p: f64) -> Priors {
        let shares: f64 = self
            .file
            .courses
            .iter()
            .map(|c| match c.prior {
                Prior::Share(s) => s,
                Prior::SolvedFromDeteriorationRate => 0.0,
            })
            .sum();
        let no_drift: Vec<f64> = self
            .file
            .courses
            .iter()
            .enumerate()
            .map(|(i, c)| match c.prior {
                _ if i == self.solved => p,
                Prior::Share(s) => (1.0 - p) * s / shares,
                Prior::SolvedFromDeteriorationRate => 0.0,
            })
            .collect();
        let or = self.file.drift.odds_ratio_deterioration.value;
        let p_drift = or * p / (1.0 - p + or * p);
        let scale = if p < 1.0 {
            (1.0 - p_drift) / (1.0 - p)
        } else {
            0.0
        };
        let drift = no_drift
            .iter()
            .enumerate()
            .map(|(i, &q)| if i == self.solved { p_drift } else { q * scale })
            .collect();
        Priors { no_drift, drift }
    }

    /// P(shown deterioration | course k, hello-goodbye h): over the sessions L at which the treatment
    /// may end, the change g_k(L)·Δ + e_L − e_0 + F_L with the events of sessions 1 to L, the
    /// exaggeration at intake and, at the planned end only, the minimisation at the last score.
    pub fn deterioration_given(&self, k: usize, hello_goodbye: bool) -> f64 {
        let Some(course) = self.file.courses.get(k) else {
            return 0.0;
        };
        let m = &self.file.measure;
        let sigma = m.session_noise_sd.value;
        let Dynamics {
            phi,
            change_slope: slope,
            ..
        } = Dynamics::of(self.file);
        let b = self.file.hello_goodbye.size.value;
        let sessions = self.file.sessions as usize;
        let change = slope * slope * m.intake_sd.value.powi(2) + course.sd_change.powi(2);
        let gain = course.sudden_gain.as_ref().map(GainModel::of);
        self.ends
            .iter()
            .flat_map(|end| {
                // The share of the change reached at the end: a sudden gain at j adds s·[j ≤ L] to
                // (1 − s)·g(L); without one it is g(L).
                let g = course.shape.share(end.session, sessions);
                let variants = match gain {
                    None => vec![(1.0, g)],
                    Some(gain) => {
                        let by_end = gain.shown_by(0, end.session);
                        let kept = (1.0 - gain.share) * g;
                        vec![
                            (1.0 - gain.probability, g),
                            (gain.probability * by_end, kept + gain.share),
                            (gain.probability * (1.0 - by_end), kept),
                        ]
                    }
                };
                variants.into_iter().map(move |(w, g)| (end, w, g))
            })
            .map(|(end, weight, g)| {
                let noise = 2.0 * sigma * sigma * (1.0 - phi.powi(end.session as i32));
                let exaggeration = match (hello_goodbye, end.session == sessions) {
                    (false, _) => 0.0,
                    (true, false) => b,
                    (true, true) => 2.0 * b,
                };
                weight
                    * end.probability
                    * end
                        .shifts
                        .iter()
                        .map(|f| {
                            let mean =
                                self.rules.worse * (g * course.mean_change + f.mean) - exaggeration;
                            let sd = (g * g * change + noise + f.variance).sqrt();
                            f.probability
                                * upper_tail_blurred(
                                    mean,
                                    sd,
                                    self.rules.deterioration_threshold(),
                                    self.rules.step / 2.0,
                                )
                        })
                        .sum::<f64>()
            })
            .sum()
    }

    /// The observed deterioration rate when the solved course has prior `p` without drift.
    pub fn observed_rate(&self, p: f64) -> f64 {
        let priors = self.priors(p);
        let d = self.file.drift.rate.value;
        let h = self.file.hello_goodbye.rate.value;
        let mut rate = 0.0;
        for (k, (&p0, &p1)) in priors.no_drift.iter().zip(&priors.drift).enumerate() {
            let q = (1.0 - h) * self.deterioration_given(k, false)
                + h * self.deterioration_given(k, true);
            rate += ((1.0 - d) * p0 + d * p1) * q;
        }
        rate
    }

    /// The prior that reproduces `target`, to 1e-12 in the rate.
    pub fn solve(&self, target: f64) -> Result<Priors, Unreachable> {
        let lowest = self.observed_rate(0.0);
        let highest = self.observed_rate(1.0);
        if !(lowest <= target && target <= highest) {
            return Err(Unreachable { lowest, highest });
        }
        let (mut lo, mut hi) = (0.0_f64, 1.0_f64);
        for _ in 0..200 {
            let mid = 0.5 * (lo + hi);
            let r = self.observed_rate(mid);
            if (r - target).abs() < 1e-13 {
                return Ok(self.priors(mid));
            }
            if r < target {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        Ok(self.priors(0.5 * (lo + hi)))
    }
}
