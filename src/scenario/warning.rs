//! The early-warning signal of outcome monitoring, after Lambert's expected-treatment-response
//! signals: read by the actuarial forecaster, and by scenarios that show only the clients it flagged.
//!
//! At each session the latest score gets a colour: red when it is already reliably worse than intake,
//! white when it lies in the functional range, yellow when it is worse than the expected course for
//! clients with the same intake score (beyond the 90th percentile of the norming sample's residuals:
//! the upper edge of an 80 % tolerance band), green otherwise. The expected course after session t is
//! the least-squares line of the session-t score on the intake score in a norming sample, as an
//! empirical warning system is normed on a clinic's archive.

use serde::Serialize;

use super::measure::MeasureRules;

/// z of the upper edge of an 80 % tolerance band.
const BAND_Z: f64 = 1.281_551_565_544_600_5;

/// The signal colours of an early-warning system.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub enum Signal {
    /// In the functional range.
    White,
    /// Progress as expected.
    Green,
    /// Less progress than expected: not on track.
    Yellow,
    /// Reliably worse than at intake: not on track, at risk.
    Red,
}

impl Signal {
    pub const ALL: [Signal; 4] = [Signal::White, Signal::Green, Signal::Yellow, Signal::Red];

    /// Position in [`Signal::ALL`].
    pub fn index(self) -> usize {
        self as usize
    }

    /// Yellow and red: the client is not on track.
    pub fn not_on_track(self) -> bool {
        matches!(self, Signal::Yellow | Signal::Red)
    }
}

/// The expected score after a session for a client with a given intake score: a straight line in the
/// intake score, with the spread of clients around it.
#[derive(Debug, Clone, Copy, PartialEq)]
struct ExpectedCourse {
    intercept: f64,
    slope: f64,
    residual_sd: f64,
}

/// The expected course of every session, fitted on a norming sample.
#[derive(Debug, Clone, PartialEq)]
pub struct WarningNorm {
    /// Index t = 1..=sessions (index 0 unused), so the band reaches the last session.
    expected: Vec<ExpectedCourse>,
}

impl WarningNorm {
    /// Fits the expected course of sessions 1..=`sessions` on score sequences (index 0 the intake).
    pub fn fit<'a>(sample: impl Iterator<Item = &'a [f64]> + Clone, sessions: usize) -> Self {
        let mut expected = vec![
            ExpectedCourse {
                intercept: 0.0,
                slope: 1.0,
                residual_sd: 1.0,
            };
            sessions + 1
        ];
        for (t, course) in expected.iter_mut().enumerate().skip(1) {
            let (mut n, mut sx, mut sy, mut sxx, mut sxy, mut syy) = (0.0, 0.0, 0.0, 0.0, 0.0, 0.0);
            for scores in sample.clone() {
                let (Some(&x), Some(&y)) = (scores.first(), scores.get(t)) else {
                    continue;
                };
                n += 1.0;
                sx += x;
                sy += y;
                sxx += x * x;
                sxy += x * y;
                syy += y * y;
            }
            if n < 2.0 {
                continue;
            }
            let vx = sxx / n - (sx / n).powi(2);
            let cxy = sxy / n - sx / n * sy / n;
            let vy = syy / n - (sy / n).powi(2);
            let slope = if vx > 0.0 { cxy / vx } else { 0.0 };
            *course = ExpectedCourse {
                intercept: sy / n - slope * sx / n,
                slope,
                residual_sd: (vy - slope * cxy).max(1e-12).sqrt(),
            };
        }
        WarningNorm { expected }
    }

    /// The colour of the latest of `scores` (index 0 the intake).
    pub fn signal(&self, rules: &MeasureRules, scores: &[f64]) -> Signal {
        let (Some(&intake), Some(&latest)) = (scores.first(), scores.last()) else {
            return Signal::Green;
        };
        let t = scores.len() - 1;
        if t > 0 && rules.worse * (latest - intake) >= rules.reliable_change - 1e-9 * rules.step {
            return Signal::Red;
        }
        if !rules.clinical(latest) {
            return Signal::White;
        }
        if let Some((mid, _, high)) = self.expected_band(intake, t)
            && rules.worse * (latest - mid) > high - mid
        {
            return Signal::Yellow;
        }
        Signal::Green
    }

    /// Whether the signal was yellow or red after any session from 1 to `session`.
    pub fn flagged_by(&self, rules: &MeasureRules, scores: &[f64], session: usize) -> bool {
        (1..=session).any(|t| {
            scores
                .get(..=t)
                .is_some_and(|seen| self.signal(rules, seen).not_on_track())
        })
    }

    /// The expected score after session `t` for a client with this intake score, and the edges of
    /// the 80 % tolerance band around it (the band whose worse edge turns the signal yellow), so a
    /// trainee sees on the plot what "on track" means. `None` at intake or past the last session.
    pub fn expected_band(&self, intake: f64, t: usize) -> Option<(f64, f64, f64)> {
        let e = self.expected.get(t).filter(|_| t > 0)?;
        let mid = e.intercept + e.slope * intake;
        let half = BAND_Z * e.residual_sd;
        Some((mid, mid - half, mid + half))
    }
}

/// Cases of the population in the norming sample of a selection.
pub const SELECTION_NORMING_CASES: usize = 100_000;
/// Seed of that sample (fixed, and different from any seed a trainee is likely to get).
pub const SELECTION_NORMING_SEED: u64 = 0x5345_4c45_4354_494f;

/// What a scenario with a selection needs beyond its file: the warning rule normed on the whole
/// population, and what the selection does to it. Found once, from a simulation of the population
/// (`model::selection_norm`).
#[derive(Debug, Clone, PartialEq)]
pub struct SelectionNorm {
    /// The rule normed on every client of the population.
    pub warning: WarningNorm,
    /// Share of the population the selection keeps.
    pub kept: f64,
    /// Deterioration rate among the kept clients of the sample: the base rate of the group a run
    /// shows (its standard error is about √(p(1 − p)/(kept · cases)), 0.002 for the bundled ones).
    pub base_rate: f64,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rules() -> MeasureRules {
        crate::scenario::measure::test_rules::oq45()
    }

    #[test]
    fn a_line_through_a_clean_sample_is_found_exactly() {
        // y1 = 10 + 0.5·x, each x once 2 above and once 2 below the line: slope 0.5, intercept 10,
        // residual SD 2.
        let sample: Vec<Vec<f64>> = (0..100)
            .map(|i| {
                let x = 60.0 + f64::from(i / 2);
                let e = if i % 2 == 0 { 2.0 } else { -2.0 };
                vec![x, 10.0 + 0.5 * x + e]
            })
            .collect();
        let norm = WarningNorm::fit(sample.iter().map(Vec::as_slice), 1);
        let (mid, low, high) = norm.expected_band(80.0, 1).expect("a band");
        assert!((mid - 50.0).abs() < 1e-9, "{mid}");
        assert!((high - mid - BAND_Z * 2.0).abs() < 1e-9, "{}", high - mid);
        assert!((mid - low - BAND_Z * 2.0).abs() < 1e-9);
    }

    #[test]
    fn colours_follow_the_rule() {
        let r = rules();
        let sample: Vec<Vec<f64>> = (0..200)
            .map(|i| {
                let x = 60.0 + f64::from(i / 2);
                let e = if i % 2 == 0 { 5.0 } else { -5.0 };
                vec![x, x - 5.0 + e]
            })
            .collect();
        let norm = WarningNorm::fit(sample.iter().map(Vec::as_slice), 1);
        // Expected 75 after intake 80, band half-width 1.28 · 5 = 6.4.
        assert_eq!(norm.signal(&r, &[80.0, 70.0]), Signal::Green);
        assert_eq!(norm.signal(&r, &[80.0, 82.0]), Signal::Yellow);
        assert_eq!(norm.signal(&r, &[80.0, 94.0]), Signal::Red);
        assert_eq!(norm.signal(&r, &[80.0, 40.0]), Signal::White);
        assert!(norm.flagged_by(&r, &[80.0, 82.0, 60.0], 1));
        assert!(!norm.flagged_by(&r, &[80.0, 70.0, 94.0], 1));
        assert!(norm.flagged_by(&r, &[80.0, 70.0, 94.0], 2));
    }
}
