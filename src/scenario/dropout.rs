//! Unplanned endings: after each session from the one after the last checkpoint c to the one before
//! the last, T − 1, a client may stop coming, so the last session L falls in c + 1..=T. The outcome is
//! then judged on the last score shown, as the outcome studies judge it.
//!
//! Without an alliance link every client stops after a session with the same chance h, with
//! (1 − h)^(T − 1 − c) = 1 − r for the declared dropout rate r, so
//! P(L = t) = (1 − h)^(t − c − 1)·h for c < t < T and P(L = T) = 1 − r.
//!
//! With an alliance link γ a client whose own alliance level lies z SDs from the mean stops with
//! h(z) = min(1, h₀·e^(−γz)): clients with a weaker alliance drop out more (Sharf, Primavera & Diener,
//! 2010: d = .55 between the alliances of dropouts and completers). The client's level also sets
//! every alliance rating, so the ratings seen tell the ideal forecaster how likely an early end is.
//! h₀ is solved by bisection so that the share of clients who stop early is r over the population:
//! 1 − E_z[(1 − h(z))^(T − 1 − c)] = r, with E_z over N(0, 1) on the grid of
//! [`crate::stats::normal_grid`].

use super::format::ScenarioFile;
use super::{ALLIANCE_NODES, ALLIANCE_SPAN};
use crate::stats::normal_grid;

/// Who stops when: see the module notes.
#[derive(Debug, Clone, PartialEq)]
pub struct DropoutModel {
    /// The first session after which a client may stop (c + 1) and the number of such sessions.
    first: usize,
    chances: usize,
    sessions: usize,
    /// h₀ and γ.
    base: f64,
    link: f64,
}

impl DropoutModel {
    /// The model a scenario file declares (nobody stops early without `dropout`).
    pub fn of(file: &ScenarioFile) -> Self {
        let dropout = file.dropout.as_ref();
        DropoutModel::new(
            file.sessions as usize,
            file.checkpoints.iter().copied().max().unwrap_or(0) as usize,
            dropout.map_or(0.0, |d| d.rate.value),
            dropout
                .and_then(|d| d.alliance_link.as_ref())
                .map_or(0.0, |l| l.value),
        )
    }

    /// The model for `sessions` sessions, the last checkpoint at `last_checkpoint`, a dropout `rate`
    /// and an alliance `link` γ (0 for none).
    pub fn new(sessions: usize, last_checkpoint: usize, rate: f64, link: f64) -> Self {
        let chances = sessions.saturating_sub(last_checkpoint + 1);
        let mut model = DropoutModel {
            first: last_checkpoint + 1,
            chances,
            sessions,
            base: 0.0,
            link: link.max(0.0),
        };
        if rate <= 0.0 || chances == 0 {
            return model;
        }
        let exponent = 1.0 / chances as f64;
        model.base = 1.0 - (1.0 - rate).powf(exponent);
        if model.link > 0.0 {
            // The rate rises with h₀, from 0 to 1 once every hazard on the grid is 1.
            let (mut low, mut high) = (0.0, (model.link * ALLIANCE_SPAN).exp());
            for _ in 0..100 {
                model.base = 0.5 * (low + high);
                if model.rate() < rate {
                    low = model.base;
                } else {
                    high = model.base;
                }
            }
            model.base = 0.5 * (low + high);
        }
        model
    }

    /// Whether anyone may stop before the last session.
    pub fn any(&self) -> bool {
        self.base > 0.0
    }

    /// Whether when a client stops depends on their alliance level.
    pub fn linked(&self) -> bool {
        self.any() && self.link > 0.0
    }

    /// h(z), the chance of stopping after a session for a client at level z (in SDs).
    pub fn hazard(&self, z: f64) -> f64 {
        (self.base * (-self.link * z).exp()).min(1.0)
    }

    /// P(L = t | z) for t = 0..=sessions into `out` (resized).
    pub fn ends_into(&self, z: f64, out: &mut Vec<f64>) {
        out.clear();
        out.resize(self.sessions + 1, 0.0);
        let h = if self.any() { self.hazard(z) } else { 0.0 };
        let mut reach = 1.0;
        for t in self.first..self.first + self.chances {
            if let Some(x) = out.get_mut(t) {
                *x = reach * h;
            }
            reach *= 1.0 - h;
        }
        if let Some(last) = out.last_mut() {
            *last = reach;
        }
    }

    /// P(L = t | z) for t = 0..=sessions.
    pub fn ends(&self, z: f64) -> Vec<f64> {
        let mut out = Vec::new();
        self.ends_into(z, &mut out);
        out
    }

    /// P(L = t) over the population, for t = 0..=sessions.
    pub fn marginal(&self) -> Vec<f64> {
        if !self.linked() {
            return self.ends(0.0);
        }
        let (z, w) = normal_grid(ALLIANCE_NODES, ALLIANCE_SPAN);
        let mut total = vec![0.0; self.sessions + 1];
        let mut given = Vec::new();
        for (z, w) in z.iter().zip(&w) {
            self.ends_into(*z, &mut given);
            for (t, p) in total.iter_mut().zip(&given) {
                *t += w * p;
            }
        }
        total
    }

    /// The share of clients who stop before the last session.
    fn rate(&self) -> f64 {
        1.0 - self.marginal().last().copied().unwrap_or(1.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dropout_spreads_over_the_sessions_after_the_last_checkpoint() {
        // 16 sessions, last checkpoint 6, 19.7 % stop early: nine chances (after sessions 7 to 15),
        // each taken with h = 1 − 0.803^(1/9) = 0.024 08.
        let p = DropoutModel::new(16, 6, 0.197, 0.0).marginal();
        assert_eq!(p.len(), 17);
        assert!(
            p[..=6].iter().all(|&x| x == 0.0),
            "nobody stops before session 7"
        );
        assert!((p[16] - 0.803).abs() < 1e-12);
        assert!((p.iter().sum::<f64>() - 1.0).abs() < 1e-12);
        let h = 1.0 - 0.803_f64.powf(1.0 / 9.0);
        assert!((h - 0.024_08).abs() < 1e-5, "{h}");
        assert!((p[7] - h).abs() < 1e-12);
        for t in 8..16 {
            assert!(
                (p[t] / p[t - 1] - (1.0 - h)).abs() < 1e-12,
                "geometric at {t}"
            );
        }
        // Without dropout, or without room for it, everyone stays to the end.
        for model in [
            DropoutModel::new(16, 6, 0.0, 0.0),
            DropoutModel::new(8, 7, 0.2, 0.5),
        ] {
            let q = model.marginal();
            assert_eq!(q.last(), Some(&1.0));
            assert_eq!(q.iter().sum::<f64>(), 1.0);
            assert!(!model.any());
        }
    }

    #[test]
    fn a_weaker_alliance_stops_more_and_the_rate_holds() {
        // γ = 0.5: the rate over the population is still 19.7 %; one SD below the mean the hazard is
        // e^0.5 = 1.6487 times the one at the mean, one SD above e^−0.5 times.
        let model = DropoutModel::new(16, 6, 0.197, 0.5);
        assert!(model.linked());
        let p = model.marginal();
        assert!((p[16] - 0.803).abs() < 1e-9, "{}", p[16]);
        assert!((p.iter().sum::<f64>() - 1.0).abs() < 1e-12);
        let ratio = model.hazard(-1.0) / model.hazard(0.0);
        assert!((ratio - 0.5_f64.exp()).abs() < 1e-12);
        assert!(model.ends(-1.0)[16] < 0.803 && model.ends(1.0)[16] > 0.803);
        // Per level, the ends are geometric from session 7 and sum to 1.
        let q = model.ends(-2.0);
        assert!((q.iter().sum::<f64>() - 1.0).abs() < 1e-12);
        assert!(q[..=6].iter().all(|&x| x == 0.0));
    }
}
