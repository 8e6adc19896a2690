//! Calibration of probability forecasts: the Murphy decomposition of the Brier score and the
//! reliability diagram a trainee sees.
//!
//! The decomposition groups forecasts by their distinct values (the UI gives whole percent), which makes
//! BS = REL − RES + UNC an identity; the diagram and [`binned_reliability`] use ten fixed bins of width
//! 0.1, which is what a picture with few cases can show.

use serde::Serialize;

use super::metric::{Metric, Undefined};
use super::probability::{ForecastGroups, check_inputs};
use crate::stats::wilson_interval;

/// Number of bins of the reliability diagram.
pub const BINS: usize = 10;

/// Index of the reliability-diagram bin (width 0.1) of a forecast; bin b holds [b/10, (b+1)/10), and
/// 1.0 falls in the last bin.
///
/// A forecast a hair below a bin edge through floating-point noise (70 × 0.01 = 0.70000…01 is fine, but
/// 0.7 computed another way may be 0.69999…) is put on the edge's upper side, so whole-percent forecasts
/// land in the bin their percent says, however they were computed.
pub fn bin_of(p: f64) -> usize {
    // `as` truncates towards zero and saturates (NaN and negatives give 0): the floor for a
    // non-negative argument, and bin 0 for the others, as flooring and clamping at 0 gave, without a
    // call to `floor` for each of 10⁶ forecasts.
    ((p * 10.0 + 1e-9) as usize).min(BINS - 1)
}

/// The three terms of the Murphy decomposition BS = REL − RES + UNC.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Decomposition {
    /// (1/N) Σ_k n_k (p_k − ō_k)²: miscalibration, lower is better.
    pub reliability: f64,
    /// (1/N) Σ_k n_k (ō_k − ō)²: how well the forecasts tell cases apart, higher is better.
    pub resolution: f64,
    /// ō (1 − ō): the difficulty of the cases themselves, out of the trainee's hands.
    pub uncertainty: f64,
}

/// The Murphy (1973) decomposition over the distinct forecast values k, so that a trainee sees whether
/// a poor Brier score comes from miscalibration or from failing to tell cases apart.
pub fn murphy_decomposition(forecasts: &[f64], outcomes: &[bool]) -> Metric<Decomposition> {
    ForecastGroups::new(forecasts, outcomes)
        .and_then(|g| decomposition_of(&g))
        .into()
}

pub(crate) fn decomposition_of(g: &ForecastGroups) -> Result<Decomposition, Undefined> {
    let (n, positives) = g.totals();
    if n == 0 {
        return Err(Undefined::NoCases);
    }
    let n = n as f64;
    let base = positives as f64 / n;
    let mut reliability = 0.0;
    let mut resolution = 0.0;
    for ((&p, &n_k), &pos_k) in g.values.iter().zip(&g.cases).zip(&g.positives) {
        let n_k = n_k as f64;
        let observed = pos_k as f64 / n_k;
        reliability += n_k * (p - observed).powi(2);
        resolution += n_k * (observed - base).powi(2);
    }
    let d = Decomposition {
        reliability: reliability / n,
        resolution: resolution / n,
        uncertainty: base * (1.0 - base),
    };
    if [d.reliability, d.resolution, d.uncertainty]
        .iter()
        .all(|x| x.is_finite())
    {
        Ok(d)
    } else {
        Err(Undefined::NotFinite)
    }
}

/// One bin of the reliability diagram.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct ReliabilityBin {
    /// Lower edge of the bin (included).
    pub lower: f64,
    /// Upper edge of the bin (excluded, except 1.0 in the last bin).
    pub upper: f64,
    /// Number of forecasts in the bin.
    pub n: u64,
    /// Mean forecast in the bin; undefined for an empty bin.
    pub mean_forecast: Metric,
    /// Share of the bin's cases whose outcome happened; undefined for an empty bin.
    pub observed_frequency: Metric,
    /// Lower end of the 95 % Wilson interval of the observed frequency; undefined for an empty bin.
    pub wilson_low: Metric,
    /// Upper end of the 95 % Wilson interval; undefined for an empty bin.
    pub wilson_high: Metric,
}

/// Per-bin sums, shared by the diagram and [`binned_reliability`].
#[derive(Default, Clone, Copy)]
struct BinSums {
    n: u64,
    sum_p: f64,
    positives: u64,
}

fn bin_sums(forecasts: &[f64], outcomes: &[bool]) -> Result<[BinSums; BINS], Undefined> {
    check_inputs(forecasts, outcomes)?;
    let mut sums = [BinSums::default(); BINS];
    for (&p, &o) in forecasts.iter().zip(outcomes) {
        if let Some(s) = sums.get_mut(bin_of(p)) {
            s.n += 1;
            s.sum_p += p;
            s.positives += u64::from(o);
        }
    }
    Ok(sums)
}

/// The reliability diagram: ten bins of width 0.1, always all ten in order (empty ones with n = 0), each
/// with mean forecast, observed frequency and its 95 % Wilson interval, so a trainee sees where they are
/// over- or under-confident and how sure that picture is.
pub fn reliability_diagram(forecasts: &[f64], outcomes: &[bool]) -> Metric<Vec<ReliabilityBin>> {
    let diagram = || -> Result<Vec<ReliabilityBin>, Undefined> {
        let sums = bin_sums(forecasts, outcomes)?;
        Ok(sums
            .iter()
            .enumerate()
            .map(|(b, s)| {
                let empty = Metric::Undefined(Undefined::EmptyBin);
                let (mean_forecast, observed_frequency, wilson_low, wilson_high) = if s.n == 0 {
                    (empty, empty, empty, empty)
                } else {
                    let n = s.n as f64;
                    let (lo, hi) = wilson_interval(s.positives, s.n);
                    (
                        Metric::finite(s.sum_p / n),
                        Metric::finite(s.positives as f64 / n),
                        Metric::finite(lo),
                        Metric::finite(hi),
                    )
                };
                ReliabilityBin {
                    lower: b as f64 / BINS as f64,
                    upper: (b + 1) as f64 / BINS as f64,
                    n: s.n,
                    mean_forecast,
                    observed_frequency,
                    wilson_low,
                    wilson_high,
                }
            })
            .collect())
    };
    diagram().into()
}

/// The reliability term over the ten diagram bins, (1/N) Σ_b n_b (mean forecast_b − observed_b)²: the
/// miscalibration the diagram shows. Unlike [`murphy_decomposition`] it also suits forecasts with many
/// distinct values (such as a model's), where grouping by value would make every group one case.
pub fn binned_reliability(forecasts: &[f64], outcomes: &[bool]) -> Metric {
    let rel = || -> Result<f64, Undefined> {
        let sums = bin_sums(forecasts, outcomes)?;
        let total: f64 = sums
            .iter()
            .filter(|s| s.n > 0)
            .map(|s| {
                let n = s.n as f64;
                n * (s.sum_p / n - s.positives as f64 / n).powi(2)
            })
            .sum();
        Metric::finite(total / forecasts.len() as f64).into_result()
    };
    rel().into()
}

#[cfg(test)]
mod tests {
    use rand::{RngExt, SeedableRng};
    use rand_chacha::ChaCha8Rng;

    use super::*;
    use crate::score::probability::brier;

    const P: [f64; 4] = [0.2, 0.2, 0.8, 0.8];
    const O: [bool; 4] = [false, true, true, true];

    fn close(v: f64, expected: f64, tol: f64) {
        assert!((v - expected).abs() < tol, "{v} vs {expected}");
    }

    #[test]
    fn murphy_reference_from_scoring_note() {
        // ō = 0.75; REL = (2·(0.2−0.5)² + 2·(0.8−1)²)/4 = 0.065;
        // RES = (2·(0.5−0.75)² + 2·(1−0.75)²)/4 = 0.0625; UNC = 0.75·0.25 = 0.1875.
        let d = murphy_decomposition(&P, &O).value().unwrap();
        close(d.reliability, 0.065, 1e-12);
        close(d.resolution, 0.0625, 1e-12);
        close(d.uncertainty, 0.1875, 1e-12);
        close(d.reliability - d.resolution + d.uncertainty, 0.19, 1e-12);
    }

    #[test]
    fn murphy_identity_on_random_whole_percent_forecasts() {
        for seed in [1_u64, 2, 3, 20_260_101] {
            let mut rng = ChaCha8Rng::seed_from_u64(seed);
            let mut p = Vec::new();
            let mut o = Vec::new();
            for _ in 0..1000 {
                let percent: u32 = rng.random_range(0..=100);
                let truth: f64 = rng.random();
                let forecast = f64::from(percent) / 100.0;
                p.push(forecast);
                // Outcomes drawn from a different probability, so REL is not ~0.
                o.push(truth < 0.3 + 0.4 * forecast);
            }
            let bs = brier(&p, &o).value().unwrap();
            let d = murphy_decomposition(&p, &o).value().unwrap();
            let identity = d.reliability - d.resolution + d.uncertainty;
            assert!(
                (bs - identity).abs() < 1e-12,
                "seed {seed}: {bs} vs {identity}"
            );
            assert!(d.reliability > 0.0 && d.resolution > 0.0);
        }
    }

    #[test]
    fn murphy_degenerate_input() {
        // All outcomes equal: UNC = 0, every group's ō_k = ō so RES = 0, and REL is the whole BS:
        // (0.1² + 0.3²) / 2 → with o = 0: (0.01 + 0.09) / 2 = 0.05.
        let d = murphy_decomposition(&[0.1, 0.3], &[false, false])
            .value()
            .unwrap();
        close(d.uncertainty, 0.0, 1e-15);
        close(d.resolution, 0.0, 1e-15);
        close(d.reliability, 0.05, 1e-15);
        // All forecasts equal (0.4), ō = 2/3: RES = 0, REL = (0.4 − 2/3)², UNC = 2/9.
        let d = murphy_decomposition(&[0.4; 3], &[true, true, false])
            .value()
            .unwrap();
        close(d.resolution, 0.0, 1e-15);
        close(d.reliability, (0.4_f64 - 2.0 / 3.0).powi(2), 1e-15);
        close(d.uncertainty, 2.0 / 9.0, 1e-15);
        // One case: one group, REL = BS = (0.3 − 1)², RES = UNC = 0.
        let d = murphy_decomposition(&[0.3], &[true]).value().unwrap();
        close(d.reliability, 0.49, 1e-15);
        assert_eq!(
            murphy_decomposition(&[], &[]),
            Metric::Undefined(Undefined::NoCases)
        );
    }

    #[test]
    fn bin_edges() {
        assert_eq!(bin_of(0.0), 0);
        assert_eq!(bin_of(0.099), 0);
        assert_eq!(bin_of(0.1), 1);
        assert_eq!(bin_of(0.3), 3);
        assert_eq!(bin_of(0.7), 7);
        assert_eq!(bin_of(0.95), 9);
        assert_eq!(bin_of(1.0), 9);
        for percent in 0..=100_u32 {
            let want = (percent as usize / 10).min(9);
            assert_eq!(bin_of(f64::from(percent) / 100.0), want, "{percent}/100");
            assert_eq!(bin_of(f64::from(percent) * 0.01), want, "{percent}·0.01");
        }
        // Whatever the input, the bin of flooring and clamping.
        let floor_and_clamp = |p: f64| ((p * 10.0 + 1e-9).floor().max(0.0) as usize).min(BINS - 1);
        let mut rng = ChaCha8Rng::seed_from_u64(4);
        let odd = [
            -0.0,
            -0.5,
            -1e-300,
            f64::NAN,
            f64::INFINITY,
            f64::NEG_INFINITY,
            0.1 - 1e-10,
        ];
        let random = (0..100_000).map(|_| rng.random::<f64>() * 1.2 - 0.1);
        for p in odd.into_iter().chain(random) {
            assert_eq!(bin_of(p), floor_and_clamp(p), "{p}");
        }
    }

    #[test]
    fn reliability_diagram_by_hand() {
        // Bin 0: 0.05 (o=0). Bin 1: 0.15 (o=1), 0.12 (o=0). Bin 9: 0.95, 1.0 (both o=1).
        let p = [0.05, 0.15, 0.12, 0.95, 1.0];
        let o = [false, true, false, true, true];
        let d = reliability_diagram(&p, &o).value().unwrap();
        assert_eq!(d.len(), 10);
        assert_eq!(d.iter().map(|b| b.n).sum::<u64>(), 5);
        let b1 = d[1];
        close(b1.lower, 0.1, 1e-15);
        close(b1.upper, 0.2, 1e-15);
        assert_eq!(b1.n, 2);
        close(b1.mean_forecast.value().unwrap(), 0.135, 1e-15);
        close(b1.observed_frequency.value().unwrap(), 0.5, 1e-15);
        // Wilson 1 of 2, z = 1.96: centre (0.5 + z²/4)/(1 + z²/2) = 0.5,
        // half z·√(0.25/2 + z²/16)/(1 + z²/2) = 1.96·0.60423/2.92073 = 0.40548.
        close(b1.wilson_low.value().unwrap(), 0.5 - 0.40548, 1e-4);
        close(b1.wilson_high.value().unwrap(), 0.5 + 0.40548, 1e-4);
        // 2 of 2: centre (1 + z²/4)/(1 + z²/2) = 1.96037/2.92073 = 0.67119,
        // half 1.96·√(z²/16)/2.92073 = 1.96·0.48999/2.92073 = 0.32881 → (0.34238, 1).
        let b9 = d[9];
        close(b9.mean_forecast.value().unwrap(), 0.975, 1e-15);
        close(b9.wilson_low.value().unwrap(), 0.34238, 1e-4);
        close(b9.wilson_high.value().unwrap(), 1.0, 1e-9);
        close(d[0].observed_frequency.value().unwrap(), 0.0, 1e-15);
        let empty = d[5];
        assert_eq!(empty.n, 0);
        assert_eq!(empty.mean_forecast, Metric::Undefined(Undefined::EmptyBin));
        assert_eq!(empty.wilson_low.undefined(), Some(Undefined::EmptyBin));
        assert_eq!(
            reliability_diagram(&[], &[]).undefined(),
            Some(Undefined::NoCases)
        );
    }

    #[test]
    fn binned_reliability_reference_from_scoring_note() {
        // Each value has its own bin here, so this equals REL = 0.065.
        close(binned_reliability(&P, &O).value().unwrap(), 0.065, 1e-12);
        // 0.12 and 0.18 share bin 1: mean 0.15, observed ½ → 2·(0.15 − 0.5)² / 2 = 0.1225.
        close(
            binned_reliability(&[0.12, 0.18], &[true, false])
                .value()
                .unwrap(),
            0.1225,
            1e-12,
        );
    }
}
