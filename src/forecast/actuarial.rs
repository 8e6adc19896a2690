//! The actuarial early-warning forecaster, after Lambert's expected-treatment-response signals.
//!
//! The latest score gets the signal colour of [`crate::scenario::warning`]; the forecast is the
//! deterioration rate of that colour at that session. The expected course and the rate of each colour
//! come from a norming simulation of the same scenario at a fixed seed, as an empirical warning system
//! is normed on a clinic's archive. In a scenario that shows only flagged clients the norming sample is
//! that group, so the signal shows who lags even further behind than the rest of it.

use serde::Serialize;

use crate::model::{Outcome, Visible, generate_case};
use crate::scenario::Scenario;
pub use crate::scenario::warning::Signal;
use crate::scenario::warning::WarningNorm;

/// Cases in the norming simulation.
pub const NORMING_CASES: usize = 100_000;
/// Seed of the norming simulation (fixed, and different from any seed a trainee is likely to get).
pub const NORMING_SEED: u64 = 0x4e4f_524d_494e_4721;

/// Deteriorations and cases per colour at one session.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize)]
pub struct ColourCount {
    pub cases: u64,
    pub deteriorated: u64,
}

/// The normed actuarial rule of one scenario.
#[derive(Debug, Clone)]
pub struct Actuarial {
    norm: WarningNorm,
    /// Per session t = 0..sessions−1 and colour.
    counts: Vec<[ColourCount; 4]>,
    /// The deterioration rate of the norming sample, for a session and colour it never saw.
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
        let deteriorated = sample.iter().filter(|(_, d)| *d).count();
        let mut rule = Actuarial {
            norm: WarningNorm::fit(sample.iter().map(|(y, _)| y.as_slice()), sessions),
            counts: vec![[ColourCount::default(); 4]; sessions],
            base_rate: if sample.is_empty() {
                s.file.deterioration_rate.value
            } else {
                deteriorated as f64 / sample.len() as f64
            },
        };
        for (scores, det) in &sample {
            for t in 0..sessions {
                let Some(prefix) = scores.get(..=t) else {
                    continue;
                };
                let colour = rule.norm.signal(&s.rules, prefix);
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
        self.norm.signal(&s.rules, v.scores())
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
    /// the 80 % tolerance band around it (see [`WarningNorm::expected_band`]).
    pub fn expected_band(&self, intake: f64, t: usize) -> Option<(f64, f64, f64)> {
        self.norm.expected_band(intake, t)
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
