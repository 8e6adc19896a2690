//! Judgement cost: how far a trainee's forecasts lie from the best possible ones, with no outcome in it.
//!
//! A field study can only score forecasts against what happened, so a 12-client run's Brier score is
//! mostly luck: whether the one or two clients who deteriorated were the ones the trainee worried
//! about. A simulator knows more. For every forecast f it knows the best possible probability p* given
//! what the trainee saw (the ideal forecaster), and over all the ways the case could have ended,
//!
//! E[(f − o)²] = (f − p*)² + p*(1 − p*).
//!
//! The first term is the trainee's judgement; the second is uncertainty nobody could have removed.
//! The **judgement cost** is the mean of the first term over a run's forecasts. It splits exactly into
//! a systematic part, the square of the mean signed distance (forecasts too high or too low against
//! the best ones: calibration in the large against the ideal), and the scatter around it (the
//! variance of the distances). Its square root, in percentage points, reads as "on average your
//! forecasts were 9 points from the best possible".
//!
//! p* is the best forecast *a trainee can give*: the ideal forecast in whole percent from 1 to 99, as
//! the ideal bot answers and as the benchmarks are scored, so the ideal bot's judgement cost is 0.
//!
//! The interval is a percentile bootstrap over cases (a case's forecasts stay together, since they
//! share one client), from a seed made of the forecasts themselves, so a run always shows the same
//! interval. The bootstrap's standard error is kept too: it is the error variance that tells a
//! trainer how reliably a class can be ranked (see [`super::ranking`]).

use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde::Serialize;
use serde::ser::{SerializeMap, Serializer};

use super::bootstrap::{Interval, RESAMPLES, percentile_interval, seed_of_words};
use super::metric::{Metric, Undefined, serialize_entry};

/// One forecast beside the best possible one on the same evidence.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct AgainstBest {
    /// The trainee's forecast, a probability.
    pub forecast: f64,
    /// The best possible forecast (p*), a probability.
    pub best: f64,
}

impl AgainstBest {
    /// f − p*: positive when the forecast was higher than the best one.
    fn distance(self) -> f64 {
        self.forecast - self.best
    }
}

/// The judgement scores of a set of forecasts, each a number or the reason it is not defined.
#[derive(Debug, Clone, PartialEq)]
pub struct JudgementScores {
    /// Number of forecasts.
    pub n: u64,
    /// Number of cases they were given on (the bootstrap's units).
    pub cases: u64,
    /// Mean (f − p*)²: the part of the expected Brier score that is the trainee's doing.
    pub cost: Metric,
    /// 100·√cost: the root-mean-square distance from the best forecasts in percentage points.
    pub points: Metric,
    /// Mean f − p* (negative: forecasts lower than the best ones).
    pub bias: Metric,
    /// bias²: the part of the cost that one shift of every forecast would remove.
    pub systematic: Metric,
    /// cost − bias²: the scatter of the forecasts around the best ones after that shift.
    pub scatter: Metric,
    /// Mean p*(1 − p*): the Brier score the best forecasts are expected to get, the part of anyone's
    /// Brier score that no judgement removes.
    pub unavoidable: Metric,
    /// 95 % percentile-bootstrap interval of the cost, resampling cases.
    pub cost_ci: Metric<Interval>,
    /// The same interval in percentage points (the square root is monotone).
    pub points_ci: Metric<Interval>,
    /// Standard deviation of the cost over the bootstrap resamples (its standard error).
    pub cost_se: Metric,
}

/// Scores forecasts against the best possible ones, `cases` holding each case's forecasts;
/// `seed` seeds the bootstrap.
pub fn judgement_scores(cases: &[Vec<AgainstBest>], seed: u64) -> JudgementScores {
    let all = || cases.iter().flatten().copied();
    let n = all().count();
    let no_cases = || Metric::Undefined(Undefined::NoCases);
    if n == 0 {
        return JudgementScores {
            n: 0,
            cases: 0,
            cost: no_cases(),
            points: no_cases(),
            bias: no_cases(),
            systematic: no_cases(),
            scatter: no_cases(),
            unavoidable: no_cases(),
            cost_ci: Metric::Undefined(Undefined::NoCases),
            points_ci: Metric::Undefined(Undefined::NoCases),
            cost_se: no_cases(),
        };
    }
    let valid = all().all(|a| (0.0..=1.0).contains(&a.forecast) && (0.0..=1.0).contains(&a.best));
    if !valid {
        let bad = || Metric::Undefined(Undefined::NotAProbability);
        return JudgementScores {
            n: n as u64,
            cases: cases.len() as u64,
            cost: bad(),
            points: bad(),
            bias: bad(),
            systematic: bad(),
            scatter: bad(),
            unavoidable: bad(),
            cost_ci: Metric::Undefined(Undefined::NotAProbability),
            points_ci: Metric::Undefined(Undefined::NotAProbability),
            cost_se: bad(),
        };
    }
    let count = n as f64;
    let cost = all().map(|a| a.distance().powi(2)).sum::<f64>() / count;
    let bias = all().map(AgainstBest::distance).sum::<f64>() / count;
    let unavoidable = all().map(|a| a.best * (1.0 - a.best)).sum::<f64>() / count;
    let systematic = bias * bias;
    // cost − bias² is the (population) variance of the distances; never below 0 but by rounding.
    let scatter = (cost - systematic).max(0.0);
    let resampled = bootstrap_costs(cases, seed);
    let cost_ci: Metric<Interval> = resampled
        .clone()
        .and_then(|mut costs| percentile_interval(&mut costs))
        .into();
    let cost_se: Metric = resampled
        .and_then(|costs| standard_deviation(&costs))
        .into();
    JudgementScores {
        n: n as u64,
        cases: cases.len() as u64,
        cost: Metric::finite(cost),
        points: Metric::finite(100.0 * cost.sqrt()),
        bias: Metric::finite(bias),
        systematic: Metric::finite(systematic),
        scatter: Metric::finite(scatter),
        unavoidable: Metric::finite(unavoidable),
        points_ci: cost_ci.map(|i| Interval {
            low: 100.0 * i.low.sqrt(),
            high: 100.0 * i.high.sqrt(),
        }),
        cost_ci,
        cost_se,
    }
}

/// A bootstrap seed made of the forecasts and best forecasts themselves, case by case, so the same
/// run always shows the same interval.
pub fn judgement_seed(cases: &[Vec<AgainstBest>]) -> u64 {
    seed_of_words(cases.iter().enumerate().flat_map(|(i, case)| {
        case.iter()
            .flat_map(|a| [a.forecast.to_bits(), a.best.to_bits()])
            .chain([i as u64])
    }))
}

/// The cost of each of [`RESAMPLES`] resamples of the cases (drawn with replacement, each case with
/// all its forecasts); not defined for fewer than two cases.
fn bootstrap_costs(cases: &[Vec<AgainstBest>], seed: u64) -> Result<Vec<f64>, Undefined> {
    let sums: Vec<(f64, f64)> = cases
        .iter()
        .map(|c| {
            (
                c.iter().map(|a| a.distance().powi(2)).sum::<f64>(),
                c.len() as f64,
            )
        })
        .collect();
    resampled_means(&sums, seed, RESAMPLES)
}

/// The mean per forecast in each of `resamples` resamples of cases, each case given as (the sum of
/// its forecasts' values, its number of forecasts) and drawn whole with replacement: the bootstrap of
/// a score that is a mean over forecasts, clustered by case. Cases without forecasts are left out;
/// not defined for fewer than two cases.
pub(crate) fn resampled_means(
    cases: &[(f64, f64)],
    seed: u64,
    resamples: usize,
) -> Result<Vec<f64>, Undefined> {
    let sums: Vec<(f64, f64)> = cases.iter().copied().filter(|&(_, k)| k > 0.0).collect();
    if sums.len() < 2 {
        return Err(Undefined::TooFewCases);
    }
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut means = Vec::with_capacity(resamples);
    for _ in 0..resamples {
        let (mut total, mut forecasts) = (0.0, 0.0);
        for _ in 0..sums.len() {
            let (s, k) = sums[rng.random_range(0..sums.len())];
            total += s;
            forecasts += k;
        }
        means.push(total / forecasts);
    }
    Ok(means)
}

/// Sample standard deviation (n − 1).
pub(crate) fn standard_deviation(xs: &[f64]) -> Result<f64, Undefined> {
    if xs.len() < 2 {
        return Err(Undefined::TooFewCases);
    }
    let n = xs.len() as f64;
    let mean = xs.iter().sum::<f64>() / n;
    let var = xs.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / (n - 1.0);
    Ok(var.sqrt())
}

impl Serialize for JudgementScores {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("n", &self.n)?;
        map.serialize_entry("cases", &self.cases)?;
        serialize_entry(&mut map, "cost", &self.cost)?;
        serialize_entry(&mut map, "cost_ci", &self.cost_ci)?;
        serialize_entry(&mut map, "points", &self.points)?;
        serialize_entry(&mut map, "points_ci", &self.points_ci)?;
        serialize_entry(&mut map, "bias", &self.bias)?;
        serialize_entry(&mut map, "systematic", &self.systematic)?;
        serialize_entry(&mut map, "scatter", &self.scatter)?;
        serialize_entry(&mut map, "unavoidable", &self.unavoidable)?;
        serialize_entry(&mut map, "cost_se", &self.cost_se)?;
        map.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::score::metric::close;

    fn case(pairs: &[(f64, f64)]) -> Vec<AgainstBest> {
        pairs
            .iter()
            .map(|&(forecast, best)| AgainstBest { forecast, best })
            .collect()
    }

    #[test]
    fn the_cost_and_its_parts_by_hand() {
        // Distances 0.1, −0.2 (case 1) and 0.3 (case 2): squares 0.01, 0.04, 0.09.
        let cases = [case(&[(0.3, 0.2), (0.1, 0.3)]), case(&[(0.8, 0.5)])];
        let s = judgement_scores(&cases, 1);
        assert_eq!((s.n, s.cases), (3, 2));
        close(s.cost, 0.14 / 3.0, 1e-12);
        close(s.points, 100.0 * (0.14_f64 / 3.0).sqrt(), 1e-9);
        // Mean distance 0.2 / 3; systematic its square, scatter the rest.
        close(s.bias, 0.2 / 3.0, 1e-12);
        close(s.systematic, 0.04 / 9.0, 1e-12);
        close(s.scatter, 0.14 / 3.0 - 0.04 / 9.0, 1e-12);
        // p*(1 − p*): 0.16, 0.21, 0.25.
        close(s.unavoidable, 0.62 / 3.0, 1e-12);
    }

    #[test]
    fn the_best_forecasts_cost_nothing() {
        let cases = [case(&[(0.07, 0.07), (0.4, 0.4)]), case(&[(0.91, 0.91)])];
        let s = judgement_scores(&cases, 3);
        close(s.cost, 0.0, 1e-15);
        close(s.points, 0.0, 1e-12);
        let ci = s.cost_ci.value().unwrap_or(Interval {
            low: f64::NAN,
            high: f64::NAN,
        });
        assert_eq!((ci.low, ci.high), (0.0, 0.0));
    }

    #[test]
    fn the_interval_resamples_whole_cases() {
        // Two cases: one with cost 0 in each of its 3 forecasts, one with squared distance 0.04 in its
        // 1 forecast. A resample holds the first case 0, 1 or 2 times, with cost 0.04, 0.01 or 0, so
        // every resampled cost is one of these three values.
        let cases = [
            case(&[(0.2, 0.2), (0.3, 0.3), (0.4, 0.4)]),
            case(&[(0.5, 0.3)]),
        ];
        let costs = bootstrap_costs(&cases, 9).unwrap_or_default();
        assert_eq!(costs.len(), RESAMPLES);
        for c in &costs {
            assert!(
                [0.0, 0.01, 0.04].iter().any(|v| (c - v).abs() < 1e-12),
                "{c}"
            );
        }
        // And each with probability ¼, ½, ¼.
        let middle = costs.iter().filter(|c| (*c - 0.01).abs() < 1e-12).count();
        assert!((900..1100).contains(&middle), "{middle}");
    }

    #[test]
    fn one_case_has_no_interval_and_no_forecast_no_cost() {
        let s = judgement_scores(&[case(&[(0.2, 0.1)])], 1);
        assert_eq!(s.cost_ci.undefined(), Some(Undefined::TooFewCases));
        close(s.cost, 0.01, 1e-12);
        let none = judgement_scores(&[], 1);
        assert_eq!(none.cost.undefined(), Some(Undefined::NoCases));
        let bad = judgement_scores(&[case(&[(1.2, 0.1)]), case(&[(0.2, 0.1)])], 1);
        assert_eq!(bad.cost.undefined(), Some(Undefined::NotAProbability));
    }

    #[test]
    fn the_standard_error_of_a_mean_by_hand() {
        close(
            Metric::from(standard_deviation(&[1.0, 2.0, 3.0, 4.0])),
            (5.0_f64 / 3.0).sqrt(),
            1e-12,
        );
    }
}
