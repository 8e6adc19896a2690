//! The outcome measure's rules: rounding to what the trainee sees, the clinical range, the reliable
//! change and the Jacobson–Truax outcome categories, all aware of which direction is worse. They
//! belong to the scenario's measure, which the model and the forecasters read.

use serde::{Deserialize, Serialize};

use super::format::{Measure, ScaleEnds};

/// Jacobson & Truax (1991) outcome of a case, judged on the shown (rounded) scores.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Outcome {
    /// Reliably worse than at intake.
    Deteriorated,
    /// No reliable change.
    Unchanged,
    /// Reliably better, still in the clinical range (or never in it).
    Improved,
    /// Reliably better and crossed from the clinical into the functional range.
    Recovered,
}

impl Outcome {
    /// The label used in CSV files.
    pub fn slug(self) -> &'static str {
        match self {
            Outcome::Deteriorated => "deteriorated",
            Outcome::Unchanged => "unchanged",
            Outcome::Improved => "improved",
            Outcome::Recovered => "recovered",
        }
    }
}

/// The standard error of measurement implied by a reliable change index.
///
/// Jacobson & Truax (1991): a change is reliable when it exceeds `RCI = 1.96 · √2 · SEM`, the 95 %
/// bound of the difference of two measurements that each carry the error `SEM = SD · √(1 − r)`.
/// So `SEM = RCI / (1.96 · √2)`; real week-to-week scores fluctuate at least this much.
pub fn sem_of_reliable_change(rci: f64) -> f64 {
    rci / (1.96 * std::f64::consts::SQRT_2)
}

/// The numbers of a measure that the generator and the forecasters need, in one place.
#[derive(Debug, Clone, PartialEq)]
pub struct MeasureRules {
    pub min: f64,
    pub max: f64,
    pub step: f64,
    /// +1 when higher scores are worse, −1 when lower scores are worse.
    pub worse: f64,
    pub cutoff: f64,
    /// The reliable change as a whole number of steps: the smallest shown change that counts.
    pub reliable_change: f64,
    /// How the ends of the scale are compressed; `None`: the latent score is only rounded and clamped.
    pub ends: Option<Compression>,
}

/// The compression of a scale's ends (see [`ScaleEnds`]): the identity between the two knees, and
/// beyond each knee an exponential approach to an asymptote half a step beyond the lowest (highest)
/// total, so that no total shown, once rounded, passes it. Value and slope are continuous at the
/// knees (the slope is 1 on both sides) and the map is strictly increasing, so every total strictly
/// between the asymptotes has exactly one latent score.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Compression {
    lowest: f64,
    highest: f64,
    floor: f64,
    knee_low: f64,
    knee_high: f64,
    ceiling: f64,
}

impl Compression {
    /// The compression declared by `ends` on a scale shown in steps of `step`.
    pub fn new(ends: &ScaleEnds, step: f64) -> Self {
        let floor = ends.lowest - step / 2.0;
        let ceiling = ends.highest + step / 2.0;
        Compression {
            lowest: ends.lowest,
            highest: ends.highest,
            floor,
            knee_low: floor + ends.soft_low,
            knee_high: ceiling - ends.soft_high,
            ceiling,
        }
    }

    /// The total a latent score is reported as, before rounding.
    pub fn compress(&self, x: f64) -> f64 {
        if x < self.knee_low {
            let w = self.knee_low - self.floor;
            self.floor + w * ((x - self.knee_low) / w).exp()
        } else if x > self.knee_high {
            let w = self.ceiling - self.knee_high;
            self.ceiling - w * (-(x - self.knee_high) / w).exp()
        } else {
            x
        }
    }

    /// The latent score of a total: the inverse of [`Self::compress`]; −∞ at or below the floor and
    /// +∞ at or above the ceiling (no latent score is reported there).
    pub fn latent(&self, y: f64) -> f64 {
        if y < self.knee_low {
            let w = self.knee_low - self.floor;
            if y <= self.floor {
                f64::NEG_INFINITY
            } else {
                self.knee_low + w * ((y - self.floor) / w).ln()
            }
        } else if y > self.knee_high {
            let w = self.ceiling - self.knee_high;
            if y >= self.ceiling {
                f64::INFINITY
            } else {
                self.knee_high - w * ((self.ceiling - y) / w).ln()
            }
        } else {
            y
        }
    }
}

impl MeasureRules {
    pub fn new(m: &Measure) -> Self {
        let step = m.step;
        let rci = m.reliable_change.value;
        MeasureRules {
            min: m.min,
            max: m.max,
            step,
            worse: if m.higher_is_worse { 1.0 } else { -1.0 },
            cutoff: m.clinical_cutoff.value,
            reliable_change: step * (rci / step - 1e-9).ceil(),
            ends: m.scale_ends.as_ref().map(|e| Compression::new(e, step)),
        }
    }

    /// The score as shown: rounded to the step and kept inside the range.
    pub fn shown(&self, y: f64) -> f64 {
        let r = self.min + self.step * ((y - self.min) / self.step).round();
        r.clamp(self.min, self.max)
    }

    /// The total a respondent reports for the latent score `x`: compressed near the ends of the
    /// scale where the scenario declares it, then shown.
    pub fn reported(&self, x: f64) -> f64 {
        match self.ends {
            // Far beyond a knee the compressed value equals its asymptote in floating point,
            // half a step beyond the end, and would round past it: the end is what is shown.
            Some(c) => self.shown(c.compress(x)).clamp(c.lowest, c.highest),
            None => self.shown(x),
        }
    }

    /// The latent score of a total (unrounded): where the scale's ends are compressed, the inverse
    /// of the compression (±∞ beyond its asymptotes); else the total itself.
    ///
    /// Why the forecasters may condition on it: the compression is a fixed strictly increasing map,
    /// so the density of the totals is that of the latent scores at `latent(y)` times the Jacobian
    /// Π latent′(yₜ). The Jacobian depends on the totals alone, not on any hidden variable, so it is
    /// the same factor under every hypothesis and cancels from the posterior: the Gaussian
    /// likelihood of the latent scores is the right one.
    pub fn latent(&self, y: f64) -> f64 {
        self.ends.map_or(y, |c| c.latent(y))
    }

    /// The latent score the last one must pass (in the worse direction) for the case to have
    /// deteriorated from the shown intake: the last total shown deteriorates when its unrounded
    /// value passes the intake plus the reliable change minus half a step, and the compression is
    /// increasing. ±∞ when no latent score reaches it.
    pub fn deterioration_latent(&self, intake: f64) -> f64 {
        self.latent(intake + self.worse * self.deterioration_threshold())
    }

    /// True when a score lies in the clinical range.
    pub fn clinical(&self, y: f64) -> bool {
        if self.worse > 0.0 {
            y >= self.cutoff
        } else {
            y <= self.cutoff
        }
    }

    /// The threshold on the *unrounded* change in the worse direction beyond which the shown change
    /// reaches the reliable change: half a step below it, because shown scores are rounded.
    pub fn deterioration_threshold(&self) -> f64 {
        self.reliable_change - self.step / 2.0
    }

    /// Whether the shown score `to` is reliably worse than the shown score `from` (by at least the
    /// reliable change, in the measure's worse direction), as [`Self::outcome`] judges it.
    pub fn reliably_worse(&self, from: f64, to: f64) -> bool {
        self.worse * (to - from) >= self.reliable_change - 1e-9 * self.step
    }

    /// Whether the shown score `to` is reliably better than the shown score `from`.
    pub fn reliably_better(&self, from: f64, to: f64) -> bool {
        self.reliably_worse(to, from)
    }

    /// The Jacobson–Truax outcome from the shown intake and last scores.
    pub fn outcome(&self, intake: f64, last: f64) -> Outcome {
        if self.reliably_worse(intake, last) {
            Outcome::Deteriorated
        } else if self.reliably_better(intake, last) {
            if self.clinical(intake) && !self.clinical(last) {
                Outcome::Recovered
            } else {
                Outcome::Improved
            }
        } else {
            Outcome::Unchanged
        }
    }
}

/// The rules of two real measures, for tests across the crate.
#[cfg(test)]
pub(crate) mod test_rules {
    use super::MeasureRules;

    /// OQ-45: 0–180, higher is worse, cutoff 64, RCI 14.
    pub(crate) fn oq45() -> MeasureRules {
        MeasureRules {
            min: 0.0,
            max: 180.0,
            step: 1.0,
            worse: 1.0,
            cutoff: 64.0,
            reliable_change: 14.0,
            ends: None,
        }
    }

    /// ORS: 0–40, higher is better, cutoff 25, RCI 5.
    pub(crate) fn ors() -> MeasureRules {
        MeasureRules {
            min: 0.0,
            max: 40.0,
            step: 0.1,
            worse: -1.0,
            cutoff: 25.0,
            reliable_change: 5.0,
            ends: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::test_rules::{oq45, ors};
    use super::*;

    #[test]
    fn sem_of_the_oq45_reliable_change() {
        // 14 / (1.96 · √2) = 5.0508, computed by hand.
        assert!((sem_of_reliable_change(14.0) - 5.0508).abs() < 1e-4);
    }

    #[test]
    fn oq45_categories() {
        let m = oq45();
        assert_eq!(m.outcome(80.0, 94.0), Outcome::Deteriorated);
        assert_eq!(m.outcome(80.0, 93.0), Outcome::Unchanged);
        assert_eq!(m.outcome(80.0, 66.0), Outcome::Improved); // reliably better, still ≥ 64
        assert_eq!(m.outcome(80.0, 63.0), Outcome::Recovered);
        assert_eq!(m.outcome(60.0, 40.0), Outcome::Improved); // started in the functional range
    }

    #[test]
    fn ors_runs_the_other_way() {
        let m = ors();
        assert_eq!(m.outcome(18.0, 13.0), Outcome::Deteriorated);
        assert_eq!(m.outcome(18.0, 13.1), Outcome::Unchanged);
        assert_eq!(m.outcome(18.0, 25.0), Outcome::Improved); // 25 is still clinical
        assert_eq!(m.outcome(18.0, 25.1), Outcome::Recovered);
    }

    #[test]
    fn shown_scores_are_rounded_and_clamped() {
        let m = oq45();
        assert_eq!(m.shown(63.49), 63.0);
        assert_eq!(m.shown(63.51), 64.0);
        assert_eq!(m.shown(-4.0), 0.0);
        assert_eq!(m.shown(190.0), 180.0);
        let o = ors();
        assert!((o.shown(17.26) - 17.3).abs() < 1e-9);
    }

    #[test]
    fn fractional_rci_rounds_up_to_a_whole_step() {
        let r = MeasureRules::new(&crate::scenario::format::Measure {
            name: "x".into(),
            explanation: crate::scenario::format::Text {
                nl: "x".into(),
                en: "x".into(),
            },
            min: 0.0,
            max: 180.0,
            step: 1.0,
            higher_is_worse: true,
            clinical_cutoff: sourced(64.0),
            reliable_change: sourced(13.2),
            intake_mean: sourced(80.0),
            intake_sd: sourced(20.0),
            test_retest: sourced(0.8),
            session_noise_sd: sourced(7.0),
            noise_autocorrelation: None,
            scale_ends: None,
        });
        assert_eq!(r.reliable_change, 14.0);
        assert_eq!(r.deterioration_threshold(), 13.5);
    }

    /// OQ-45-like ends: totals 5 to 175, bends 30 points above the floor of 4.5 and 25 below the
    /// ceiling of 175.5 (knees at 34.5 and 150.5).
    fn bent() -> MeasureRules {
        let mut r = oq45();
        r.ends = Some(Compression::new(
            &ScaleEnds {
                lowest: 5.0,
                highest: 175.0,
                soft_low: 30.0,
                soft_high: 25.0,
                source: "s".into(),
            },
            1.0,
        ));
        r
    }

    #[test]
    fn the_compression_by_hand() {
        let r = bent();
        let c = r.ends.expect("declared");
        // Below the knee: 4.5 + 30·e^((x − 34.5)/30); at x = 34.5 − 30·ln 2 = 13.7056 that is 19.5.
        let x = 34.5 - 30.0 * std::f64::consts::LN_2;
        assert!((c.compress(x) - 19.5).abs() < 1e-12);
        assert!((r.latent(19.5) - x).abs() < 1e-12);
        // Above the knee: 175.5 − 25·e^(−(x − 150.5)/25); at x = 150.5 + 25·ln 5 that is 170.5.
        let x = 150.5 + 25.0 * 5f64.ln();
        assert!((c.compress(x) - 170.5).abs() < 1e-12);
        assert!((r.latent(170.5) - x).abs() < 1e-12);
        // The middle is untouched.
        assert_eq!(r.reported(83.4), 83.0);
        assert_eq!(r.latent(83.0), 83.0);
    }

    #[test]
    fn no_total_passes_the_declared_ends() {
        let r = bent();
        assert_eq!(r.reported(-1e6), 5.0);
        assert_eq!(r.reported(1e6), 175.0);
        assert_eq!(r.latent(4.5), f64::NEG_INFINITY);
        assert_eq!(r.latent(175.5), f64::INFINITY);
        // Without declared ends the scale is clamped as before.
        assert_eq!(oq45().reported(-4.0), 0.0);
    }

    #[test]
    fn the_compression_is_smooth_and_increasing() {
        let c = bent().ends.expect("declared");
        let h = 1e-6;
        for knee in [34.5, 150.5] {
            let below = (c.compress(knee) - c.compress(knee - h)) / h;
            let above = (c.compress(knee + h) - c.compress(knee)) / h;
            assert!((below - 1.0).abs() < 1e-4 && (above - 1.0).abs() < 1e-4);
        }
        let mut last = f64::NEG_INFINITY;
        for i in -400..=400 {
            let x = 90.0 + f64::from(i) * 0.5;
            let y = c.compress(x);
            assert!(y > last);
            assert!((c.latent(y) - x).abs() < 1e-9 * x.abs().max(1.0));
            last = y;
        }
    }

    #[test]
    fn the_deteriorating_latent_score_follows_the_direction() {
        // OQ-45 (higher is worse): intake 160 + 13.5 = 173.5 lies in the upper bend.
        let r = bent();
        assert!((r.deterioration_latent(160.0) - r.latent(173.5)).abs() < 1e-12);
        assert!(r.deterioration_latent(160.0) > 173.5);
        // An intake of 170: 183.5 is beyond the ceiling, no latent score deteriorates.
        assert_eq!(r.deterioration_latent(170.0), f64::INFINITY);
        // ORS (lower is worse): without ends, intake 18 − (5 − 0.05) = 13.05.
        assert!((ors().deterioration_latent(18.0) - 13.05).abs() < 1e-9);
    }

    fn sourced(value: f64) -> crate::scenario::format::Sourced {
        crate::scenario::format::Sourced {
            value,
            source: "s".into(),
        }
    }
}
