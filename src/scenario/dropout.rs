//! Unplanned endings: after each session from the first one a client may stop after, c, to the one
//! before the last, T − 1, a client may stop coming, so the last session L falls in c..=T. By default c
//! is the session after the last checkpoint, so every case reaches every checkpoint; a scenario with
//! front-loaded dropout (`dropout.early`) lets clients stop from an early session on, and then a case
//! may end before a checkpoint. The outcome is judged on the last score shown, as the outcome studies
//! judge it.
//!
//! A client whose own alliance level lies z SDs from the mean stops after session t with
//! hₜ(z) = min(1, h₀·mₜ·e^(−γz)): γ is the alliance link (0 without one; clients with a weaker alliance
//! drop out more: Sharf, Primavera & Diener, 2010, d = .55 between the alliances of dropouts and
//! completers), and mₜ = m for the sessions up to `early.by` and 1 after (front-loading; m = 1 without
//! `early`). The client's level also sets every alliance rating, so the ratings seen tell the ideal
//! forecaster how likely an early end is.
//!
//! h₀ is solved by bisection so that the share of clients who stop early is r over the population,
//! 1 − E_z[Πₜ(1 − hₜ(z))] = r, with E_z over N(0, 1) on the grid of [`crate::stats::normal_grid`]
//! (without a link and without front-loading this is (1 − h)^(T − c) = 1 − r, the geometric ends of
//! the first model). m is solved around it, by bisection on its logarithm, so that the declared share
//! of the early endings falls at or before session `by`.

use super::format::ScenarioFile;
use super::{ALLIANCE_NODES, ALLIANCE_SPAN};
use crate::stats::normal_grid;

/// Who stops when: see the module notes.
#[derive(Debug, Clone, PartialEq)]
pub struct DropoutModel {
    /// The first session after which a client may stop (c) and the number of such sessions.
    first: usize,
    chances: usize,
    sessions: usize,
    /// h₀ and γ.
    base: f64,
    link: f64,
    /// The last session of the front-loaded hazard, and m.
    early_until: usize,
    boost: f64,
}

/// Front-loaded dropout as [`DropoutModel::new`] takes it: clients may stop after session `from` on,
/// and `share` of the early endings come at or before session `by`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FrontLoading {
    pub from: usize,
    pub by: usize,
    pub share: f64,
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
            dropout
                .and_then(|d| d.early.as_ref())
                .map(|e| FrontLoading {
                    from: e.from as usize,
                    by: e.by as usize,
                    share: e.share.value,
                }),
        )
    }

    /// The model for `sessions` sessions, the last checkpoint at `last_checkpoint`, a dropout `rate`,
    /// an alliance `link` γ (0 for none) and, optionally, front-loading (clients then may stop from
    /// its `from` on rather than after the last checkpoint).
    pub fn new(
        sessions: usize,
        last_checkpoint: usize,
        rate: f64,
        link: f64,
        early: Option<FrontLoading>,
    ) -> Self {
        let first = early.map_or(last_checkpoint + 1, |e| e.from.max(1));
        let chances = sessions.saturating_sub(first);
        let mut model = DropoutModel {
            first,
            chances,
            sessions,
            base: 0.0,
            link: link.max(0.0),
            early_until: 0,
            boost: 1.0,
        };
        if rate <= 0.0 || chances == 0 {
            return model;
        }
        let Some(early) = early.filter(|e| e.by >= first && e.by + 1 < sessions) else {
            model.solve_base(rate);
            return model;
        };
        model.early_until = early.by;
        // The share by `by` rises with m; m is searched between e^−12 and e^12.
        let (mut low, mut high) = (-12.0_f64, 12.0_f64);
        for _ in 0..60 {
            let mid = 0.5 * (low + high);
            model.boost = mid.exp();
            model.solve_base(rate);
            if model.share_by(early.by) < early.share {
                low = mid;
            } else {
                high = mid;
            }
        }
        model.boost = (0.5 * (low + high)).exp();
        model.solve_base(rate);
        model
    }

    /// Sets h₀ so that `rate` of the clients stop early (the rate rises with h₀, from 0 to 1 once
    /// every hazard on the grid is 1).
    fn solve_base(&mut self, rate: f64) {
        if self.link == 0.0 && self.boost == 1.0 {
            // Geometric ends: (1 − h)^chances = 1 − rate.
            self.base = 1.0 - (1.0 - rate).powf(1.0 / self.chances as f64);
            return;
        }
        let (mut low, mut high) = (0.0, (self.link * ALLIANCE_SPAN).exp() / self.boost.min(1.0));
        for _ in 0..100 {
            self.base = 0.5 * (low + high);
            if self.rate() < rate {
                low = self.base;
            } else {
                high = self.base;
            }
        }
        self.base = 0.5 * (low + high);
    }

    /// The share of the early endings that come at or before session `by`.
    fn share_by(&self, by: usize) -> f64 {
        let ends = self.marginal();
        let early: f64 = ends.iter().take(self.sessions).sum();
        if early <= 0.0 {
            return 0.0;
        }
        ends.iter().take(by + 1).sum::<f64>() / early
    }

    /// The first session after which a client may stop: a case may end before a checkpoint after
    /// this one.
    pub fn first(&self) -> usize {
        self.first
    }

    /// Whether anyone may stop before the last session.
    pub fn any(&self) -> bool {
        self.base > 0.0
    }

    /// Whether when a client stops depends on their alliance level.
    pub fn linked(&self) -> bool {
        self.any() && self.link > 0.0
    }

    /// hₜ(z), the chance of stopping after session t for a client at level z (in SDs).
    pub fn hazard(&self, t: usize, z: f64) -> f64 {
        let boost = if t <= self.early_until {
            self.boost
        } else {
            1.0
        };
        (self.base * boost * (-self.link * z).exp()).min(1.0)
    }

    /// P(L = t | z) for t = 0..=sessions into `out` (resized).
    pub fn ends_into(&self, z: f64, out: &mut Vec<f64>) {
        out.clear();
        out.resize(self.sessions + 1, 0.0);
        let mut reach = 1.0;
        for t in self.first..self.first + self.chances {
            let h = if self.any() { self.hazard(t, z) } else { 0.0 };
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
        if self.link == 0.0 {
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
        let p = DropoutModel::new(16, 6, 0.197, 0.0, None).marginal();
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
            DropoutModel::new(16, 6, 0.0, 0.0, None),
            DropoutModel::new(8, 7, 0.2, 0.5, None),
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
        let model = DropoutModel::new(16, 6, 0.197, 0.5, None);
        assert!(model.linked());
        let p = model.marginal();
        assert!((p[16] - 0.803).abs() < 1e-9, "{}", p[16]);
        assert!((p.iter().sum::<f64>() - 1.0).abs() < 1e-12);
        let ratio = model.hazard(9, -1.0) / model.hazard(9, 0.0);
        assert!((ratio - 0.5_f64.exp()).abs() < 1e-12);
        assert!(model.ends(-1.0)[16] < 0.803 && model.ends(1.0)[16] > 0.803);
        // Per level, the ends are geometric from session 7 and sum to 1.
        let q = model.ends(-2.0);
        assert!((q.iter().sum::<f64>() - 1.0).abs() < 1e-12);
        assert!(q[..=6].iter().all(|&x| x == 0.0));
    }

    #[test]
    fn front_loaded_dropout_ends_before_the_checkpoints() {
        // 16 sessions, clients may stop after session 1 on, 40 % of the early endings by session 3,
        // 19.7 % in all. Without a link the hazard is h·m after sessions 1 to 3 and h after 4 to 15:
        // with q = 1 − h·m and u = 1 − h, 1 − q³·u¹² = 0.197 and (1 − q³) / 0.197 = 0.4, so
        // q³ = 1 − 0.0788 = 0.9212, u¹² = 0.803 / 0.9212 = 0.871 688, h = 1 − u.
        let early = FrontLoading {
            from: 1,
            by: 3,
            share: 0.4,
        };
        let model = DropoutModel::new(16, 6, 0.197, 0.0, Some(early));
        let p = model.marginal();
        assert_eq!(p[0], 0.0, "everyone comes to the first session");
        assert!((p[16] - 0.803).abs() < 1e-9, "{}", p[16]);
        assert!((p.iter().sum::<f64>() - 1.0).abs() < 1e-12);
        let by_three: f64 = p[1..=3].iter().sum();
        assert!((by_three / 0.197 - 0.4).abs() < 1e-9, "{by_three}");
        let q = 0.9212_f64.powf(1.0 / 3.0);
        let u = (0.803_f64 / 0.9212).powf(1.0 / 12.0);
        assert!(
            (p[1] - (1.0 - q)).abs() < 1e-9,
            "{} against {}",
            p[1],
            1.0 - q
        );
        assert!((p[4] - q.powi(3) * (1.0 - u)).abs() < 1e-9);
        assert!((model.hazard(2, 0.0) / model.hazard(5, 0.0) - (1.0 - q) / (1.0 - u)).abs() < 1e-6);
        // With an alliance link the rate and the share hold over the population as well.
        let linked = DropoutModel::new(16, 6, 0.197, 0.55, Some(early));
        let p = linked.marginal();
        assert!((p[16] - 0.803).abs() < 1e-9, "{}", p[16]);
        assert!((p[1..=3].iter().sum::<f64>() / 0.197 - 0.4).abs() < 1e-9);
        assert!(linked.ends(-1.0)[1] > linked.ends(1.0)[1]);
    }
}
