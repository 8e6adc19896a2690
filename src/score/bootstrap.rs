//! Percentile-bootstrap 95 % intervals of the Brier score and the AUC, so a trainer does not over-read
//! a 20-case score.
//!
//! Resampling is over cases, [`RESAMPLES`] times, from a `ChaCha8Rng` seeded by the caller: the same
//! seed gives the same interval on every machine. The Brier score resamples all cases; the AUC resamples
//! deteriorating and other cases separately (stratified, as pROC does), so every resample has both
//! outcomes, the AUC is always defined and no resample has to be dropped. Resamples are drawn as
//! multinomial counts over cells of equal forecast and outcome (the same distribution as drawing cases
//! one by one), so a resample costs O(distinct forecasts), not O(cases).

use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde::Serialize;

use super::binomial_draw::binomial;
use super::metric::{Metric, Undefined};
use super::probability::{ForecastGroups, auc_from_counts, key_counts, pair_keys};

/// Number of bootstrap resamples: enough for stable 2.5 % and 97.5 % percentiles.
pub const RESAMPLES: usize = 2000;

/// Coverage of the intervals.
pub const LEVEL: f64 = 0.95;

/// ChaCha stream of the AUC resamples, so they are independent of the Brier ones for the same seed.
const AUC_STREAM: u64 = 1;

/// A bootstrap seed made from the forecasts and outcomes themselves, so the same forecasts get the
/// same interval wherever they are scored — a trainee's run, a benchmark row, a pooled class — and in
/// whatever order the cases come. (Resamples are drawn over cells of equal forecast and outcome, so
/// with the same seed the order does not matter either.)
///
/// It is FNV-1a over each distinct (forecast, outcome) pair and its count, in ascending order: the
/// pairs are counted as [`ForecastGroups`] counts them (−0.0 as 0.0), not sorted one by one, which
/// kept a sort of every case on the path of `score --forecasts`.
pub fn content_seed(forecasts: &[f64], outcomes: &[bool]) -> u64 {
    seed_of_words(
        key_counts(pair_keys(forecasts, outcomes))
            .into_iter()
            .flat_map(|(key, count)| [key, count]),
    )
}

/// FNV-1a over the bytes of `words`: a seed that depends on every one of them and on their order.
pub fn seed_of_words(words: impl IntoIterator<Item = u64>) -> u64 {
    const OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
    const PRIME: u64 = 0x0000_0100_0000_01b3;
    words
        .into_iter()
        .flat_map(u64::to_le_bytes)
        .fold(OFFSET, |hash, byte| {
            (hash ^ u64::from(byte)).wrapping_mul(PRIME)
        })
}

/// A two-sided interval.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Interval {
    /// Lower end (the 2.5th percentile of the resampled scores).
    pub low: f64,
    /// Upper end (the 97.5th percentile).
    pub high: f64,
}

/// The 95 % percentile-bootstrap interval of the Brier score; not defined for fewer than two cases.
pub fn brier_interval(forecasts: &[f64], outcomes: &[bool], seed: u64) -> Metric<Interval> {
    ForecastGroups::new(forecasts, outcomes)
        .and_then(|g| brier_interval_of(&g, seed))
        .into()
}

/// [`brier_interval`] of grouped cases.
pub(crate) fn brier_interval_of(g: &ForecastGroups, seed: u64) -> Result<Interval, Undefined> {
    let (n, _) = g.totals();
    if n < 2 {
        return Err(Undefined::TooFewCases);
    }
    // Cases with the same forecast and outcome have the same error: resample the counts of these
    // cells (a multinomial draw, exactly as drawing cases one by one) instead of the cases, so a
    // resample costs O(cells) — 200 cells for whole-percent forecasts, however many cases. The cells
    // are in the order of (forecast bit pattern, outcome), the order that fixes the draws: ascending
    // forecasts, and −0.0 (whose sign bit is set) last.
    let mut cells: Vec<(f64, u64)> = Vec::with_capacity(2 * g.values.len() + 2);
    let mut push = |p: f64, non_events: u64, events: u64| {
        for (o, count) in [(0.0, non_events), (1.0, events)] {
            if count > 0 {
                cells.push(((p - o).powi(2), count));
            }
        }
    };
    let (zero_cases, zero_positives) = g.negative_zero;
    for ((&p, &cases), &positives) in g.values.iter().zip(&g.cases).zip(&g.positives) {
        let (p, cases, positives) = if p == 0.0 {
            (
                0.0,
                cases.saturating_sub(zero_cases),
                positives.saturating_sub(zero_positives),
            )
        } else {
            (p, cases, positives)
        };
        push(p, cases.saturating_sub(positives), positives);
    }
    push(
        -0.0,
        zero_cases.saturating_sub(zero_positives),
        zero_positives,
    );
    let counts: Vec<u64> = cells.iter().map(|(_, c)| *c).collect();
    let mut drawn = vec![0_u64; counts.len()];
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut scores = Vec::with_capacity(RESAMPLES);
    let cases = Multinomial::new(&counts);
    for _ in 0..RESAMPLES {
        cases.draw(&mut rng, &mut drawn);
        let sum: f64 = cells
            .iter()
            .zip(&drawn)
            .map(|((e, _), &k)| e * k as f64)
            .sum();
        scores.push(sum / n as f64);
    }
    percentile_interval(&mut scores)
}

/// The 95 % percentile-bootstrap interval of the AUC, resampling deteriorating and other cases
/// separately; not defined when all outcomes are equal.
pub fn auc_interval(forecasts: &[f64], outcomes: &[bool], seed: u64) -> Metric<Interval> {
    ForecastGroups::new(forecasts, outcomes)
        .and_then(|g| auc_interval_of(&g, seed))
        .into()
}

/// [`auc_interval`] of grouped cases.
pub(crate) fn auc_interval_of(g: &ForecastGroups, seed: u64) -> Result<Interval, Undefined> {
    // Cases per forecast group among the deteriorating and the other cases.
    let groups = g.values.len();
    let positive_counts = &g.positives;
    let negative_counts: Vec<u64> = g
        .cases
        .iter()
        .zip(&g.positives)
        .map(|(n, k)| n.saturating_sub(*k))
        .collect();
    let (n_pos, n_neg): (u64, u64) = (positive_counts.iter().sum(), negative_counts.iter().sum());
    if n_pos == 0 && n_neg == 0 {
        return Err(Undefined::NoCases);
    }
    if n_pos == 0 || n_neg == 0 {
        return Err(Undefined::OneOutcome);
    }
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    rng.set_stream(AUC_STREAM);
    let mut positives = vec![0_u64; groups];
    let mut negatives = vec![0_u64; groups];
    let mut scores = Vec::with_capacity(RESAMPLES);
    let (positive_cases, negative_cases) = (
        Multinomial::new(positive_counts),
        Multinomial::new(&negative_counts),
    );
    for _ in 0..RESAMPLES {
        positive_cases.draw(&mut rng, &mut positives);
        negative_cases.draw(&mut rng, &mut negatives);
        scores.push(auc_from_counts(&positives, &negatives)?);
    }
    percentile_interval(&mut scores)
}

/// Resamples `counts.iter().sum()` cases with replacement from cells holding `counts` cases each:
/// a multinomial draw. Prepared once per interval, drawn [`RESAMPLES`] times.
struct Multinomial<'a> {
    counts: &'a [u64],
    total: u64,
    /// The cell of each case, when there are few cases per cell (then drawing the cases one by one
    /// is cheaper than a binomial per cell: a trainee's run has about 30 forecasts in 10 cells).
    /// Same distribution either way.
    cell_of_case: Option<Vec<usize>>,
}

impl<'a> Multinomial<'a> {
    fn new(counts: &'a [u64]) -> Self {
        let total: u64 = counts.iter().sum();
        let cell_of_case = (total <= 8 * counts.len() as u64).then(|| {
            counts
                .iter()
                .enumerate()
                .flat_map(|(cell, &c)| std::iter::repeat_n(cell, c as usize))
                .collect()
        });
        Multinomial {
            counts,
            total,
            cell_of_case,
        }
    }

    /// Writes how many cases were drawn from each cell into `out`.
    fn draw(&self, rng: &mut ChaCha8Rng, out: &mut [u64]) {
        let total = self.total;
        if let Some(cell_of_case) = &self.cell_of_case {
            out.iter_mut().for_each(|o| *o = 0);
            for _ in 0..total {
                if let Some(o) = cell_of_case
                    .get(rng.random_range(0..total) as usize)
                    .and_then(|&cell| out.get_mut(cell))
                {
                    *o += 1;
                }
            }
            return;
        }
        // A chain of binomials, each cell given what the earlier cells took.
        let mut left_cases = total;
        let mut left_weight = total;
        for (c, o) in self.counts.iter().zip(out.iter_mut()) {
            let k = if left_cases == 0 || left_weight == 0 {
                0
            } else if *c >= left_weight {
                left_cases
            } else {
                binomial(rng, left_cases, *c as f64 / left_weight as f64)
            };
            *o = k;
            left_cases -= k;
            left_weight -= c;
        }
    }
}

/// The (1 − LEVEL)/2 and (1 + LEVEL)/2 quantiles of the resampled scores, by linear interpolation
/// between order statistics (Hyndman & Fan type 7, the default of R and NumPy).
pub(crate) fn percentile_interval(scores: &mut [f64]) -> Result<Interval, Undefined> {
    if scores.is_empty() {
        return Err(Undefined::NoCases);
    }
    if !scores.iter().all(|s| s.is_finite()) {
        return Err(Undefined::NotFinite);
    }
    scores.sort_unstable_by(f64::total_cmp);
    let tail = (1.0 - LEVEL) / 2.0;
    let low = quantile(scores, tail).ok_or(Undefined::NoCases)?;
    let high = quantile(scores, 1.0 - tail).ok_or(Undefined::NoCases)?;
    Ok(Interval { low, high })
}

/// Type-7 quantile of sorted data.
fn quantile(sorted: &[f64], q: f64) -> Option<f64> {
    let h = (sorted.len().checked_sub(1)? as f64) * q;
    let below = h.floor();
    let lower = *sorted.get(below as usize)?;
    let upper = sorted.get(below as usize + 1).copied().unwrap_or(lower);
    Some(lower + (h - below) * (upper - lower))
}

#[cfg(test)]
mod tests {

    #[test]
    fn the_content_seed_depends_on_the_pairs_not_their_order() {
        // FNV-1a 64: the offset basis for nothing, and the published value for the byte 'a' (0x61).
        assert_eq!(content_seed(&[], &[]), 0xcbf2_9ce4_8422_2325);
        let mut hash = 0xcbf2_9ce4_8422_2325_u64;
        hash = (hash ^ 0x61).wrapping_mul(0x0000_0100_0000_01b3);
        assert_eq!(hash, 0xaf63_dc4c_8601_ec8c);
        let a = content_seed(&[0.1, 0.7, 0.3], &[false, true, false]);
        assert_eq!(a, content_seed(&[0.7, 0.3, 0.1], &[true, false, false]));
        assert_ne!(a, content_seed(&[0.1, 0.7, 0.3], &[false, false, true]));
        assert_ne!(a, content_seed(&[0.1, 0.71, 0.3], &[false, true, false]));
    }

    use super::*;
    use crate::score::probability::{auc, brier};

    /// 200 cases with whole-percent forecasts and outcomes that follow them loosely.
    fn sample() -> (Vec<f64>, Vec<bool>) {
        let mut rng = ChaCha8Rng::seed_from_u64(7);
        let mut p = Vec::new();
        let mut o = Vec::new();
        for _ in 0..200 {
            let percent: u32 = rng.random_range(0..=100);
            let u: f64 = rng.random();
            let f = f64::from(percent) / 100.0;
            p.push(f);
            o.push(u < 0.2 + 0.6 * f);
        }
        (p, o)
    }

    #[test]
    fn same_seed_same_interval() {
        let (p, o) = sample();
        assert_eq!(brier_interval(&p, &o, 42), brier_interval(&p, &o, 42));
        assert_eq!(auc_interval(&p, &o, 42), auc_interval(&p, &o, 42));
        assert_ne!(brier_interval(&p, &o, 42), brier_interval(&p, &o, 43));
        assert_ne!(auc_interval(&p, &o, 42), auc_interval(&p, &o, 43));
    }

    #[test]
    fn interval_contains_point_estimate() {
        let (p, o) = sample();
        let b = brier(&p, &o).value().unwrap();
        let bi = brier_interval(&p, &o, 1).value().unwrap();
        assert!(bi.low < b && b < bi.high, "{bi:?} {b}");
        let a = auc(&p, &o).value().unwrap();
        let ai = auc_interval(&p, &o, 1).value().unwrap();
        assert!(ai.low < a && a < ai.high, "{ai:?} {a}");
    }

    #[test]
    fn brier_width_on_a_known_case() {
        // Forecast 0 for 100 cases, 50 of which deteriorate: each squared error is 0 or 1, BS = 0.5,
        // and the bootstrap standard error is √(0.5·0.5/100) = 0.05, so the 95 % interval is about
        // 0.5 ± 1.96·0.05 = [0.402, 0.598], width 0.196.
        let p = vec![0.0; 100];
        let o: Vec<bool> = (0..100).map(|i| i % 2 == 0).collect();
        let i = brier_interval(&p, &o, 3).value().unwrap();
        let width = i.high - i.low;
        assert!((0.17..0.22).contains(&width), "{i:?}");
        assert!(
            (i.low - 0.402).abs() < 0.02 && (i.high - 0.598).abs() < 0.02,
            "{i:?}"
        );
    }

    #[test]
    fn auc_width_matches_delong_standard_error() {
        // DeLong's variance, computed here from the placements independently of the bootstrap code:
        // V10_i = share of negatives below positive i (ties ½), V01_j = share of positives above
        // negative j; Var(AUC) = s²(V10)/P + s²(V01)/N. The stratified bootstrap estimates the same
        // variance, so its 95 % width should be near 2·1.96·SE.
        let (p, o) = sample();
        let pos: Vec<f64> = p.iter().zip(&o).filter(|t| *t.1).map(|t| *t.0).collect();
        let neg: Vec<f64> = p.iter().zip(&o).filter(|t| !*t.1).map(|t| *t.0).collect();
        let psi = |x: f64, y: f64| {
            if x > y {
                1.0
            } else if x == y {
                0.5
            } else {
                0.0
            }
        };
        let v10: Vec<f64> = pos
            .iter()
            .map(|&x| neg.iter().map(|&y| psi(x, y)).sum::<f64>() / neg.len() as f64)
            .collect();
        let v01: Vec<f64> = neg
            .iter()
            .map(|&y| pos.iter().map(|&x| psi(x, y)).sum::<f64>() / pos.len() as f64)
            .collect();
        let var = |v: &[f64]| {
            let m = v.iter().sum::<f64>() / v.len() as f64;
            v.iter().map(|x| (x - m).powi(2)).sum::<f64>() / (v.len() as f64 - 1.0)
        };
        let se = (var(&v10) / pos.len() as f64 + var(&v01) / neg.len() as f64).sqrt();
        let i = auc_interval(&p, &o, 11).value().unwrap();
        let width = i.high - i.low;
        let expected = 2.0 * 1.96 * se;
        assert!(
            (width / expected - 1.0).abs() < 0.15,
            "width {width}, DeLong {expected}"
        );
    }

    #[test]
    fn perfectly_separated_auc_has_no_spread() {
        // Every resample keeps all positives above all negatives: AUC 1 each time.
        let p = [0.1, 0.2, 0.3, 0.7, 0.8, 0.9];
        let o = [false, false, false, true, true, true];
        assert_eq!(
            auc_interval(&p, &o, 5),
            Metric::Value(Interval {
                low: 1.0,
                high: 1.0
            })
        );
    }

    #[test]
    fn degenerate_input() {
        assert_eq!(
            brier_interval(&[0.3], &[true], 1),
            Metric::Undefined(Undefined::TooFewCases)
        );
        assert_eq!(
            brier_interval(&[], &[], 1),
            Metric::Undefined(Undefined::NoCases)
        );
        assert_eq!(
            auc_interval(&[0.3, 0.5], &[true, true], 1),
            Metric::Undefined(Undefined::OneOutcome)
        );
        assert_eq!(
            auc_interval(&[0.3], &[true, false], 1),
            Metric::Undefined(Undefined::LengthMismatch)
        );
        // All forecasts equal: every resample is all ties, AUC ½.
        assert_eq!(
            auc_interval(&[0.4; 4], &[true, false, true, false], 1),
            Metric::Value(Interval {
                low: 0.5,
                high: 0.5
            })
        );
    }

    #[test]
    fn quantile_type_7() {
        // Sorted 1..=5, q = 0.25: h = 4·0.25 = 1 → 2; q = 0.1: h = 0.4 → 1 + 0.4·1 = 1.4.
        let s = [1.0, 2.0, 3.0, 4.0, 5.0];
        assert_eq!(quantile(&s, 0.25), Some(2.0));
        assert!((quantile(&s, 0.1).unwrap() - 1.4).abs() < 1e-12);
        assert_eq!(quantile(&s, 1.0), Some(5.0));
        assert_eq!(quantile(&[], 0.5), None);
    }
}
