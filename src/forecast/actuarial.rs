//! The actuarial early-warning forecaster, after Lambert's expected-treatment-response signals.
//!
//! At each session the latest score gets a signal colour: red when it is already reliably worse than
//! intake, white when it lies in the functional range, yellow when it is worse than the expected course
//! for clients with the same intake score (beyond the 90th percentile of the norming sample's residuals:
//! the upper edge of an 80 % tolerance band), green otherwise. The expected course and the
//! deterioration rate of each colour come from a norming simulation of the same scenario at a fixed seed,
//! as an empirical warning system is normed on a clinic's archive.

use serde::Serialize;

use crate::model::{Outcome, Visible, generate_case};
use crate::scenario::Scenario;

/// Cases in the norming simulation.
pub const NORMING_CASES: usize = 100_000;
/// Seed of the norming simulation (fixed, and different from any seed a trainee is likely to get).
pub const NORMING_SEED: u64 = 0x4e4f_524d_494e_4721;
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

    fn index(self) -> usize {
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

/// Deteriorations and cases per colour at one session.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize)]
pub struct ColourCount {
    pub cases: u64,
    pub deteriorated: u64,
}

/// The normed actuarial rule of one scenario.
#[derive(Debug, Clone)]
pub struct Actuarial {
    /// Per session t = 1..=sessions (index t): the expected course over the whole treatment, so
    /// the band drawn on the plots reaches the last session.
    expected: Vec<ExpectedCourse>,
    /// Per session t = 0..sessions−1 and colour.
    counts: Vec<[ColourCount; 4]>,
    base_rate: f64,
}

impl Actuarial {
    /// Norms the rule on `NORMING_CASES` cases of the scenario.
    pub fn norm(s: &Scenario) -> Self {
        Self::norm_with(s, NORMING_CASES, NORMING_SEED)
    }

    /// Norms the rule on `cases` cases drawn with `seed`.
    pub fn norm_with(s: &Scenario, cases: usize, seed: u64) -> Self {
        let sessions = s.sessions();
        // Draw the sample on every core; each case has its own stream, so the split changes nothing.
        let indices: Vec<u64> = (0..cases as u64).collect();
        let sample: Vec<(Vec<f64>, bool)> = crate::parallel::map(&indices, |&i| {
            let c = generate_case(s, seed, i);
            (c.scores, c.outcome == Outcome::Deteriorated)
        });
        // Least squares of each session's score on the intake score.
        let mut expected = vec![
            ExpectedCourse {
                intercept: 0.0,
                slope: 1.0,
                residual_sd: 1.0
            };
            sessions + 1
        ];
        for (t, course) in expected.iter_mut().enumerate().skip(1) {
            let n = sample.len() as f64;
            let (mut sx, mut sy, mut sxx, mut sxy, mut syy) = (0.0, 0.0, 0.0, 0.0, 0.0);
            for (scores, _) in &sample {
                let (Some(&x), Some(&y)) = (scores.first(), scores.get(t)) else {
                    continue;
                };
                sx += x;
                sy += y;
                sxx += x * x;
                sxy += x * y;
                syy += y * y;
            }
            let vx = sxx / n - (sx / n).powi(2);
            let cxy = sxy / n - sx / n * sy / n;
            let vy = syy / n - (sy / n).powi(2);
            let slope = if vx > 0.0 { cxy / vx } else { 0.0 };
            let intercept = sy / n - slope * sx / n;
            let residual = (vy - slope * cxy).max(1e-12).sqrt();
            *course = ExpectedCourse {
                intercept,
                slope,
                residual_sd: residual,
            };
        }
        let mut rule = Actuarial {
            expected,
            counts: vec![[ColourCount::default(); 4]; sessions],
            base_rate: s.file.deterioration_rate.value,
        };
        for (scores, det) in &sample {
            for t in 0..sessions {
                let Some(prefix) = scores.get(..=t) else {
                    continue;
                };
                let colour = rule.signal_of(s, prefix);
                if let Some(cell) = rule
                    .counts
                    .get_mut(t)
                    .and_then(|row| row.get_mut(colour.index()))
                {
                    cell.cases += 1;
                    cell.deteriorated += u64::from(*det);
                }
            }
        }
        rule
    }

    /// The signal colour of the latest score seen.
    pub fn signal(&self, s: &Scenario, v: &Visible) -> Signal {
        self.signal_of(s, v.scores())
    }

    fn signal_of(&self, s: &Scenario, scores: &[f64]) -> Signal {
        let (Some(&intake), Some(&latest)) = (scores.first(), scores.last()) else {
            return Signal::Green;
        };
        let t = scores.len() - 1;
        let r = &s.rules;
        if t > 0 && r.worse * (latest - intake) >= r.reliable_change - 1e-9 * r.step {
            return Signal::Red;
        }
        if !r.clinical(latest) {
            return Signal::White;
        }
        if let Some(e) = self.expected.get(t).filter(|_| t > 0) {
            let expected = e.intercept + e.slope * intake;
            if r.worse * (latest - expected) > BAND_Z * e.residual_sd {
                return Signal::Yellow;
            }
        }
        Signal::Green
    }

    /// The deterioration rate of the colour of the latest score in the norming sample.
    pub fn forecast(&self, s: &Scenario, v: &Visible) -> f64 {
        // The rule reads the measure only: its session is the last score seen.
        let Some(session) = v.scores().len().checked_sub(1) else {
            return self.base_rate;
        };
        let colour = self.signal(s, v);
        match self
            .counts
            .get(session)
            .and_then(|row| row.get(colour.index()))
        {
            Some(c) if c.cases > 0 => c.deteriorated as f64 / c.cases as f64,
            _ => self.base_rate,
        }
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

    /// Norming counts per colour at session `t`.
    pub fn counts_at(&self, t: u32) -> Option<&[ColourCount; 4]> {
        self.counts.get(t as usize)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_expected_band_covers_every_session_of_treatment() {
        let s = crate::scenario::resolve("first-lesson").expect("bundled");
        let rule = Actuarial::norm_with(&s, 2_000, 3);
        let sessions = s.sessions();
        assert!(rule.expected_band(70.0, 0).is_none(), "no band at intake");
        for t in 1..=sessions {
            let (mid, lo, hi) = rule
                .expected_band(70.0, t)
                .expect("a band at every session");
            assert!(lo < mid && mid < hi, "session {t}: {lo} {mid} {hi}");
        }
        assert!(rule.expected_band(70.0, sessions + 1).is_none());
    }
}
