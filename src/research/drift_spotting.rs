//! How well drift can be spotted session by session in a scenario's notes: the ideal drift
//! observer (the exact posterior that drift has started, [`crate::forecast::Ideal::drift_started`])
//! against a *surface scanner*, which flags every session whose note lacks an element the protocol
//! called for or names an off-protocol activity.
//!
//! Each session a case has seen is a trial: a *signal* session at or after the drift onset, a
//! *noise* session before it (every session of a case without drift). An observer's score at
//! session t uses the notes and drift-only events of sessions 1..=t. Sensitivity is d′ = √2·Φ⁻¹(AUC),
//! the d′ of the equal-variance normal model with that area under the ROC curve (Simpson & Fitter,
//! 1973): free of a criterion, so the ideal observer's graded posterior and the scanner's yes/no
//! flag are measured on one scale (for a yes/no flag the AUC is (1 + H − F) / 2). It is given over
//! all signal sessions and over the first drift session alone (the onset, against every noise
//! session).

use serde::Serialize;

use crate::forecast::Ideal;
use crate::model::Case;
use crate::scenario::Scenario;
use crate::score::auc;
use crate::stats::normal_quantile;

/// The scanner may reach at most this share of the ideal observer's d′: a trainee who reads each
/// note for a missing element or an odd activity should not come near what the pattern over
/// sessions tells.
pub const SCANNER_SHARE_MAX: f64 = 0.6;

/// The two observers' d′, over all sessions and at the first drift session.
#[derive(Debug, Clone, Serialize)]
pub struct SpottingLine {
    pub ideal_d_prime: f64,
    pub scanner_d_prime: f64,
    pub ideal_at_onset: f64,
    pub scanner_at_onset: f64,
    /// The declared band of the ideal observer's d′ at the first drift session, if any.
    pub band: Option<(f64, f64)>,
    /// Scanner at most [`SCANNER_SHARE_MAX`] of the ideal observer over all sessions, and the ideal
    /// observer at onset inside the band.
    pub pass: bool,
}

/// The scores of both observers over the sessions of many cases.
#[derive(Debug, Default)]
pub struct DriftSpotting {
    ideal: Vec<f64>,
    scanner: Vec<f64>,
    signal: Vec<bool>,
    onset: Vec<bool>,
}

impl DriftSpotting {
    /// Adds every session of `case` that has a note.
    pub fn add(&mut self, s: &Scenario, ideal: &Ideal, case: &Case) {
        let onset = case.hidden.drift.map(|d| d.onset);
        for (t0, note) in case.notes.iter().enumerate() {
            let t = t0 as u32 + 1;
            let (p, _) = ideal.drift_started(s, &case.visible(t));
            self.ideal.push(p);
            self.scanner.push(f64::from(u8::from(note.departs())));
            self.signal.push(onset.is_some_and(|o| t >= o));
            self.onset.push(onset == Some(t));
        }
    }

    /// The line of `check`, or `None` when the cases hold no drift session or no session without.
    pub fn line(&self, s: &Scenario) -> Option<SpottingLine> {
        let ideal_d_prime = d_prime(&self.ideal, &self.signal, |i| self.signal.get(i).copied())?;
        let scanner_d_prime =
            d_prime(&self.scanner, &self.signal, |i| self.signal.get(i).copied())?;
        // At onset: the onset sessions against the noise sessions (later drift sessions left out).
        let keep = |i: usize| match (self.onset.get(i), self.signal.get(i)) {
            (Some(true), _) => Some(true),
            (_, Some(false)) => Some(false),
            _ => None,
        };
        let ideal_at_onset = d_prime(&self.ideal, &self.signal, keep)?;
        let scanner_at_onset = d_prime(&self.scanner, &self.signal, keep)?;
        let band = s.file.drift.observer_band.as_ref().map(|b| (b.low, b.high));
        let in_band = band.is_none_or(|(lo, hi)| lo <= ideal_at_onset && ideal_at_onset <= hi);
        Some(SpottingLine {
            ideal_d_prime,
            scanner_d_prime,
            ideal_at_onset,
            scanner_at_onset,
            band,
            pass: in_band && scanner_d_prime <= SCANNER_SHARE_MAX * ideal_d_prime,
        })
    }
}

/// √2·Φ⁻¹(AUC) of `scores` over the trials `class` keeps (`Some(true)` signal, `Some(false)`
/// noise, `None` left out).
fn d_prime(scores: &[f64], all: &[bool], class: impl Fn(usize) -> Option<bool>) -> Option<f64> {
    let mut kept = Vec::with_capacity(scores.len());
    let mut signal = Vec::with_capacity(scores.len());
    for (i, &x) in scores.iter().enumerate().take(all.len()) {
        if let Some(c) = class(i) {
            kept.push(x);
            signal.push(c);
        }
    }
    let a = auc(&kept, &signal).value()?;
    Some(std::f64::consts::SQRT_2 * normal_quantile(a))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn d_prime_of_a_yes_no_flag_follows_its_roc_area() {
        // H = 0.75, F = 0.25: AUC = (1 + 0.5) / 2 = 0.75, d′ = √2 · Φ⁻¹(0.75) = 1.41421 · 0.67449
        // = 0.953873.
        let scores = [1.0, 1.0, 1.0, 0.0, 1.0, 0.0, 0.0, 0.0];
        let signal = [true, true, true, true, false, false, false, false];
        let d = d_prime(&scores, &signal, |i| signal.get(i).copied()).expect("defined");
        assert!((d - 0.953_873).abs() < 1e-5, "{d}");
    }
}
