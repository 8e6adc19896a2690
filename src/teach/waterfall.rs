//! Why the best possible forecast says what it says: its log-odds split into the contribution of
//! each piece of evidence, by sequential conditioning.
//!
//! The ideal forecaster is asked again and again on more and more of the case, in a fixed order:
//! nothing (the scenario's base rate), then the intake score, then for each session t = 1, 2, … the
//! evidence of every [`Channel`] in the order of [`Channel::ALL`] (note, events, alliance, score).
//! With ℓ_j the log-odds of the ideal's forecast after the first j pieces of evidence, the
//! contribution of piece j is c_j = ℓ_j − ℓ_{j−1}, so
//!
//! ℓ_final = ℓ_0 + Σ_j c_j
//!
//! holds exactly (a telescoping sum): the split is the model's own, computed by the ideal forecaster
//! itself on partial evidence (`Case::visible_as`), not by a second, approximate model. The
//! contributions depend on the order (evidence that says the same thing twice is credited where it
//! comes first); the order is the one in which a clinician meets the evidence.
//!
//! Forecasts are clamped to [ε, 1 − ε] with ε = 10⁻⁶ before taking log-odds, so a forecast the model
//! is certain of stays finite (±13.8); the sum still telescopes exactly.

use serde::Serialize;

use crate::forecast::Ideal;
use crate::model::{Case, Channel, Seen};
use crate::scenario::Scenario;

/// The smallest distance from 0 and 1 a forecast is given in log-odds.
pub const EPSILON: f64 = 1e-6;

/// log(p / (1 − p)) of a forecast clamped to [ε, 1 − ε].
pub fn log_odds(p: f64) -> f64 {
    let p = if p.is_finite() { p } else { 0.5 };
    let p = p.clamp(EPSILON, 1.0 - EPSILON);
    (p / (1.0 - p)).ln()
}

/// The probability of log-odds `l`: 1 / (1 + e^(−l)).
pub fn probability(l: f64) -> f64 {
    1.0 / (1.0 + (-l).exp())
}

/// One piece of evidence and how it moved the best possible forecast.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Step {
    /// The session whose evidence this is (0 = intake).
    pub session: u32,
    pub channel: Channel,
    /// ℓ_j − ℓ_{j−1}: how far this evidence moved the log-odds (positive = towards deterioration).
    pub contribution: f64,
    /// ℓ_j: the log-odds after it.
    pub log_odds: f64,
}

/// The best possible forecast of one case, split into the contributions of its evidence up to a
/// session.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Waterfall {
    /// ℓ_0: the log-odds with nothing seen (the scenario's base rate).
    pub start: f64,
    /// Every piece of evidence in the order taken in.
    pub steps: Vec<Step>,
}

impl Waterfall {
    /// The ideal's forecast of `case` split up to session `upto` (every channel seen that far).
    pub fn of(s: &Scenario, ideal: &Ideal, case: &Case, upto: u32) -> Self {
        let mut seen = Seen::nothing();
        let start = log_odds(ideal.forecast(s, &case.visible_as(seen)));
        let mut before = start;
        let mut steps = Vec::new();
        for session in 0..=upto {
            for channel in Channel::ALL {
                if session < channel.first_session() {
                    continue;
                }
                seen = seen.with(channel, session);
                let after = log_odds(ideal.forecast(s, &case.visible_as(seen)));
                steps.push(Step {
                    session,
                    channel,
                    contribution: after - before,
                    log_odds: after,
                });
                before = after;
            }
        }
        Waterfall { start, steps }
    }

    /// ℓ_0 + Σ c_j over every step: the final log-odds.
    pub fn total(&self) -> f64 {
        self.start + self.steps.iter().map(|s| s.contribution).sum::<f64>()
    }

    /// The log-odds after all evidence up to session `session` (ℓ_0 before the intake).
    pub fn log_odds_at(&self, session: u32) -> f64 {
        self.steps
            .iter()
            .take_while(|s| s.session <= session)
            .last()
            .map_or(self.start, |s| s.log_odds)
    }

    /// The sum of the contributions of `channel` in the sessions `from..=to`.
    pub fn channel_sum(&self, channel: Channel, from: u32, to: u32) -> f64 {
        self.steps
            .iter()
            .filter(|s| s.channel == channel && (from..=to).contains(&s.session))
            .map(|s| s.contribution)
            .sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::generate_case;
    use crate::scenario::{bundled_ids, resolve};

    #[test]
    fn log_odds_and_probability_by_hand() {
        // log(0.2 / 0.8) = −ln 4 = −1.3862944; back: 1 / (1 + 4) = 0.2.
        assert!((log_odds(0.2) + 1.386_294_361).abs() < 1e-9);
        assert!((probability(-1.386_294_361) - 0.2).abs() < 1e-9);
        // Certainty is clamped: log((1 − 10⁻⁶) / 10⁻⁶) = 13.815510.
        assert!((log_odds(1.0) - 13.815_509_558).abs() < 1e-6);
    }

    /// The contributions add up to the forecast a trainee is shown, on every bundled scenario, at
    /// every checkpoint, on cases of every outcome.
    #[test]
    fn contributions_add_up_to_the_forecast_on_every_bundled_scenario() {
        for id in bundled_ids() {
            let s = resolve(id).expect("bundled");
            let ideal = Ideal::new(&s);
            for index in 0..6 {
                let case = generate_case(&s, 11, index);
                for &cp in &s.file.checkpoints {
                    let w = Waterfall::of(&s, &ideal, &case, cp);
                    let shown = ideal.forecast(&s, &case.visible(cp));
                    let l = log_odds(shown);
                    assert!((w.total() - l).abs() < 1e-9, "{id} case {index} at {cp}");
                    // The last step is the forecast at the checkpoint itself.
                    let last = w.steps.last().expect("steps").log_odds;
                    assert!((last - l).abs() < 1e-12, "{id} case {index} at {cp}");
                    // In whole percent, as shown, the sum gives the shown forecast.
                    let percent = |p: f64| (p * 100.0).round().clamp(1.0, 99.0);
                    assert_eq!(percent(probability(w.total())), percent(shown), "{id}");
                }
            }
        }
    }

    #[test]
    fn the_start_is_the_base_rate_and_the_intake_comes_first() {
        let s = resolve("first-lesson").expect("bundled");
        let ideal = Ideal::new(&s);
        let case = generate_case(&s, 3, 0);
        let w = Waterfall::of(&s, &ideal, &case, 2);
        assert!((w.start - log_odds(s.file.deterioration_rate.value)).abs() < 1e-12);
        let order: Vec<(u32, Channel)> = w.steps.iter().map(|s| (s.session, s.channel)).collect();
        assert_eq!(
            order,
            vec![
                (0, Channel::Scores),
                (1, Channel::Notes),
                (1, Channel::Events),
                (1, Channel::Alliance),
                (1, Channel::Scores),
                (2, Channel::Notes),
                (2, Channel::Events),
                (2, Channel::Alliance),
                (2, Channel::Scores),
            ]
        );
        // The log-odds after the intake are the ideal's intake-only forecast.
        let intake = log_odds(ideal.forecast(&s, &case.visible(0)));
        assert!((w.log_odds_at(0) - intake).abs() < 1e-12);
    }
}
