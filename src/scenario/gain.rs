//! Sudden gains (Tang & DeRubeis, 1999) as the model draws and the forecasters weigh them: with
//! probability p a client of a course makes the share s of their true change in one step, between
//! sessions j − 1 and j, j evenly among `first..=last`. The share of the change reached after session
//! t becomes
//!
//!   g_j(t) = (1 − s)·g(t) + s·[t ≥ j],
//!
//! so the final score's expectation is unchanged (g_j(T) = 1) and only the path differs. A gain that
//! has not happened by the last session seen is one hypothesis for the scores seen (all such j give
//! g_j(t) = (1 − s)·g(t) up to there); it splits only where the treatment may end.

use super::format::SuddenGain;

/// One course's sudden gain, with sessions as indices.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct GainModel {
    /// P(the client makes a sudden gain).
    pub probability: f64,
    /// s, the share of the true change made in the gain.
    pub share: f64,
    /// The first and last session at which the gain may show.
    pub first: usize,
    pub last: usize,
}

impl GainModel {
    pub fn of(gain: &SuddenGain) -> Self {
        GainModel {
            probability: gain.probability,
            share: gain.share,
            first: gain.first as usize,
            last: (gain.last as usize).max(gain.first as usize),
        }
    }

    /// The number of sessions at which the gain may show.
    pub fn span(&self) -> usize {
        self.last + 1 - self.first
    }

    /// P(the gain shows at one given session of `first..=last`).
    pub fn per_session(&self) -> f64 {
        self.probability / self.span() as f64
    }

    /// g_j(t) for t = 0..=T from the course's g(t), with the step at session `step` (`None`: the
    /// step comes after every session listed, as for a gain still to come).
    pub fn dose(&self, base: &[f64], step: Option<usize>) -> Vec<f64> {
        base.iter()
            .enumerate()
            .map(|(t, g)| {
                let stepped = step.is_some_and(|j| t >= j);
                (1.0 - self.share) * g + if stepped { self.share } else { 0.0 }
            })
            .collect()
    }

    /// Of the gains still to come after session `seen`, the share that shows by session `end`.
    pub fn shown_by(&self, seen: usize, end: usize) -> f64 {
        let from = self.first.max(seen + 1);
        if from > self.last {
            return 0.0;
        }
        let to = self.last.min(end);
        let shown = (to + 1).saturating_sub(from);
        shown as f64 / (self.last + 1 - from) as f64
    }
}

#[cfg(test)]
mod tests {
    use super::GainModel;

    fn gain() -> GainModel {
        GainModel {
            probability: 0.6,
            share: 0.5,
            first: 3,
            last: 6,
        }
    }

    #[test]
    fn a_gain_moves_the_path_but_not_the_end() {
        let base = [0.0, 0.25, 0.5, 0.75, 1.0];
        let g = GainModel {
            first: 2,
            last: 3,
            ..gain()
        };
        // (1 − 0.5)·g(t) + 0.5·[t ≥ 2].
        assert_eq!(g.dose(&base, Some(2)), vec![0.0, 0.125, 0.75, 0.875, 1.0]);
        assert_eq!(g.dose(&base, None), vec![0.0, 0.125, 0.25, 0.375, 0.5]);
    }

    #[test]
    fn gains_still_to_come_are_shared_out_evenly() {
        let g = gain();
        assert_eq!(g.span(), 4);
        assert!((g.per_session() - 0.15).abs() < 1e-12);
        // After session 4 the gain can still show at 5 or 6.
        assert_eq!(g.shown_by(4, 4), 0.0);
        assert_eq!(g.shown_by(4, 5), 0.5);
        assert_eq!(g.shown_by(4, 9), 1.0);
        // Nothing seen yet: 3, 4, 5, 6 equally likely.
        assert_eq!(g.shown_by(0, 4), 0.5);
        // Past the last session at which it can show.
        assert_eq!(g.shown_by(6, 10), 0.0);
    }
}
