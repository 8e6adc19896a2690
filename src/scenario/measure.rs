//! The outcome measure's rules: rounding to what the trainee sees, the clinical range, the reliable
//! change and the Jacobson–Truax outcome categories, all aware of which direction is worse. They
//! belong to the scenario's measure, which the model and the forecasters read.

use serde::{Deserialize, Serialize};

use super::format::Measure;

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
        }
    }

    /// The score as shown: rounded to the step and kept inside the range.
    pub fn shown(&self, y: f64) -> f64 {
        let r = self.min + self.step * ((y - self.min) / self.step).round();
        r.clamp(self.min, self.max)
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

    /// The Jacobson–Truax outcome from the shown intake and last scores.
    pub fn outcome(&self, intake: f64, last: f64) -> Outcome {
        let tol = 1e-9 * self.step;
        let worse_change = self.worse * (last - intake);
        if worse_change >= self.reliable_change - tol {
            Outcome::Deteriorated
        } else if -worse_change >= self.reliable_change - tol {
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
        });
        assert_eq!(r.reliable_change, 14.0);
        assert_eq!(r.deterioration_threshold(), 13.5);
    }

    fn sourced(value: f64) -> crate::scenario::format::Sourced {
        crate::scenario::format::Sourced {
            value,
            source: "s".into(),
        }
    }
}
