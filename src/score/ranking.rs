//! How reliably a class is ranked by a score, from the runs themselves.
//!
//! Each run's score is its true value plus measurement error, and the error's size is known: the
//! bootstrap over the run's cases gives its variance. Over a class, the observed variance of the
//! scores S² is the variance of the true values plus the mean error variance E, so the share of the
//! differences that is real is
//!
//! reliability = (S² − E) / S²   (clamped to [0, 1]),
//!
//! the classical test theory ratio (true-score variance over observed variance), estimated as
//! generalizability studies do from the error variance rather than from a split. Two runs whose
//! scores differ by less than 1.96·√(2E) are not told apart at the 95 % level: that is the *chance
//! band*. A class is ranked only when the reliability reaches [`RANKABLE`]; even then, runs whose
//! scores lie within the chance band of their difference from the first run of their tier share its rank.

use serde::Serialize;
use serde::ser::{SerializeMap, Serializer};

use super::judgement::{resampled_means, standard_deviation};
use super::metric::{Metric, Undefined, serialize_entry};

/// The reliability from which a ranking is shown: 0.7, the floor Nunnally (1978) gives for early
/// research use — a course's ranking is feedback, not a decision about a person (for which he asks
/// 0.9).
pub const RANKABLE: f64 = 0.7;

/// One run's score and its standard error.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Measured {
    pub value: f64,
    pub se: f64,
}

/// Resamples for a standard error: 500 put it within about 3 % of its value (an interval's ends need
/// the 2 000 of [`super::bootstrap::RESAMPLES`]), and a cohort computes two per run.
const SE_RESAMPLES: usize = 500;

/// A run's score with its bootstrap standard error, from its cases: each case as (the sum of its
/// forecasts' values of the score, its number of forecasts). `None` when there are no forecasts.
pub fn measured(cases: &[(f64, f64)], seed: u64) -> Option<Measured> {
    let (total, count) = cases
        .iter()
        .fold((0.0, 0.0), |(s, n), &(a, k)| (s + a, n + k));
    if count <= 0.0 {
        return None;
    }
    // With one case the error cannot be estimated: say so by an infinite error, so it never counts
    // as a reliable difference.
    let se = resampled_means(cases, seed, SE_RESAMPLES)
        .and_then(|m| standard_deviation(&m))
        .unwrap_or(f64::INFINITY);
    Some(Measured {
        value: total / count,
        se,
    })
}

/// What a class's ranking by one score is worth.
#[derive(Debug, Clone, PartialEq)]
pub struct RankingReliability {
    /// Runs with a score.
    pub runs: usize,
    /// Share of the variance between runs that is not measurement error.
    pub reliability: Metric,
    /// Differences between two runs smaller than this are chance (95 %).
    pub chance_band: Metric,
    /// Whether the class may be ranked by this score.
    pub ranked: bool,
}

/// The reliability of ranking these runs by their scores.
pub fn ranking_reliability(scores: &[Measured]) -> RankingReliability {
    let runs = scores.len();
    if runs < 2 {
        return RankingReliability {
            runs,
            reliability: Metric::Undefined(Undefined::TooFewCases),
            chance_band: Metric::Undefined(Undefined::TooFewCases),
            ranked: false,
        };
    }
    let n = runs as f64;
    let mean = scores.iter().map(|m| m.value).sum::<f64>() / n;
    let observed = scores.iter().map(|m| (m.value - mean).powi(2)).sum::<f64>() / (n - 1.0);
    let error = scores.iter().map(|m| m.se * m.se).sum::<f64>() / n;
    let chance_band = Metric::finite(1.96 * (2.0 * error).sqrt());
    let reliability = if !error.is_finite() {
        Metric::Undefined(Undefined::TooFewCases)
    } else if observed <= 0.0 {
        // Every run scored the same: nothing to rank.
        Metric::Value(0.0)
    } else {
        Metric::finite(((observed - error) / observed).clamp(0.0, 1.0))
    };
    let ranked = reliability.value().is_some_and(|r| r >= RANKABLE);
    RankingReliability {
        runs,
        reliability,
        chance_band,
        ranked,
    }
}

/// The rank of each score (1 is the best; lower scores are better), where a ranking is worth
/// showing: a score shares the rank of the first score of its tier unless it lies beyond the 95 %
/// chance band of their difference, 1.96·√(se₁² + se₂²) (so one noisy run widens only its own
/// comparisons). `None` for every run when the class is not rankable.
pub fn tiers(scores: &[Measured], r: &RankingReliability) -> Vec<Option<usize>> {
    if !r.ranked {
        return vec![None; scores.len()];
    }
    let mut order: Vec<usize> = (0..scores.len()).collect();
    order.sort_by(|&a, &b| scores[a].value.total_cmp(&scores[b].value));
    let mut ranks = vec![None; scores.len()];
    let mut rank = 0;
    let mut leader: Option<Measured> = None;
    for (place, &i) in order.iter().enumerate() {
        let m = scores[i];
        let apart =
            leader.is_none_or(|l| m.value - l.value > 1.96 * (l.se * l.se + m.se * m.se).sqrt());
        if apart {
            rank = place + 1;
            leader = Some(m);
        }
        ranks[i] = Some(rank);
    }
    ranks
}

impl Serialize for RankingReliability {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("runs", &self.runs)?;
        serialize_entry(&mut map, "reliability", &self.reliability)?;
        serialize_entry(&mut map, "chance_band", &self.chance_band)?;
        map.serialize_entry("ranked", &self.ranked)?;
        map.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::score::metric::close;

    fn m(value: f64, se: f64) -> Measured {
        Measured { value, se }
    }

    #[test]
    fn reliability_is_true_over_observed_variance() {
        // Scores 0.1, 0.2, 0.3: sample variance 0.01; every error variance 0.0025: reliability 0.75.
        let r = ranking_reliability(&[m(0.1, 0.05), m(0.2, 0.05), m(0.3, 0.05)]);
        close(r.reliability, 0.75, 1e-12);
        close(r.chance_band, 1.96 * (0.005_f64).sqrt(), 1e-12);
        assert!(r.ranked);
        // With errors as large as the spread, none of it is real.
        let r = ranking_reliability(&[m(0.1, 0.2), m(0.2, 0.2), m(0.3, 0.2)]);
        close(r.reliability, 0.0, 1e-12);
        assert!(!r.ranked);
    }

    #[test]
    fn equal_scores_and_lone_runs_are_not_ranked() {
        let r = ranking_reliability(&[m(0.2, 0.0), m(0.2, 0.0)]);
        close(r.reliability, 0.0, 1e-12);
        assert!(!r.ranked);
        assert!(!ranking_reliability(&[m(0.2, 0.01)]).ranked);
        // An unknown error (a one-case run) makes the reliability unknown, not high.
        let r = ranking_reliability(&[m(0.1, f64::INFINITY), m(0.5, 0.01)]);
        assert!(!r.reliability.is_defined() && !r.ranked);
    }

    #[test]
    fn scores_within_a_band_share_a_rank() {
        let r = RankingReliability {
            runs: 5,
            reliability: Metric::Value(0.9),
            chance_band: Metric::Value(0.05),
            ranked: true,
        };
        // Every error 0.01: pairs closer than 1.96·√0.0002 = 0.0277 are not told apart.
        let scores = [0.30, 0.10, 0.12, 0.20, 0.125].map(|v| m(v, 0.01));
        let ranks = tiers(&scores, &r);
        // 0.10, 0.12 and 0.125 share rank 1; 0.20 is 4th and 0.30 5th.
        assert_eq!(ranks, [Some(5), Some(1), Some(1), Some(4), Some(1)]);
        // A noisy run is not told apart from its neighbours, the others still are.
        let scores = [m(0.10, 0.01), m(0.16, 0.10), m(0.20, 0.01)];
        assert_eq!(tiers(&scores, &r), [Some(1), Some(1), Some(3)]);
        let not = RankingReliability { ranked: false, ..r };
        assert_eq!(tiers(&[m(0.3, 0.0), m(0.1, 0.0)], &not), [None, None]);
    }

    #[test]
    fn a_measured_score_is_the_mean_per_forecast() {
        // Case sums 0.2 over 2 forecasts and 0.4 over 1: mean 0.6 / 3.
        let s = measured(&[(0.2, 2.0), (0.4, 1.0)], 1).map_or(f64::NAN, |m| m.value);
        assert!((s - 0.2).abs() < 1e-12);
        assert!(measured(&[], 1).is_none());
        let lone = measured(&[(0.2, 2.0)], 1).map_or(0.0, |m| m.se);
        assert!(lone.is_infinite());
    }
}
