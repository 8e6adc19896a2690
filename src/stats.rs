//! Small statistical functions the model and the scores share: the normal distribution and binomial intervals.

use statrs::function::erf::erfc;

/// Standard normal cumulative distribution Φ(x).
pub fn normal_cdf(x: f64) -> f64 {
    0.5 * erfc(-x / std::f64::consts::SQRT_2)
}

/// Grid points per unit of the table behind [`FastNormalCdf`].
const CDF_STEPS_PER_UNIT: f64 = 32.0;
/// The table covers [−CDF_RANGE, CDF_RANGE]; beyond it Φ is 0 or 1 to within Φ(−8) = 6·10⁻¹⁶.
const CDF_RANGE: f64 = 8.0;

/// 2⁵² + 2⁵¹: adding it to a number between −2⁵¹ and 2⁵¹ rounds that number to the nearest
/// integer, which then sits in the low bits of the sum (whose last bit is worth 1).
const ROUNDING_SHIFT: f64 = 6_755_399_441_055_744.0;

/// Intervals of the table behind [`FastNormalCdf`].
const CDF_INTERVALS: usize = (2.0 * CDF_RANGE * CDF_STEPS_PER_UNIT) as usize;

/// For each interval [x₀, x₀ + h] of −8, −8 + 1/32, …, 8: the coefficients c₀…c₃ of the cubic
/// Hermite interpolant of Φ in t = (x − x₀)/h, which matches Φ and φ at both ends:
/// c₀ = Φ(x₀), c₁ = hφ(x₀), c₂ = 3(Φ(x₁) − Φ(x₀)) − 2hφ(x₀) − hφ(x₁), c₃ = 2(Φ(x₀) − Φ(x₁)) + hφ(x₀) + hφ(x₁).
static CDF_TABLE: std::sync::LazyLock<Vec<[f64; 4]>> = std::sync::LazyLock::new(|| {
    let h = 1.0 / CDF_STEPS_PER_UNIT;
    (0..CDF_INTERVALS)
        .map(|i| {
            let x0 = -CDF_RANGE + i as f64 * h;
            let x1 = x0 + h;
            let (f0, d0) = (normal_cdf(x0), h * normal_pdf(x0));
            let (f1, d1) = (normal_cdf(x1), h * normal_pdf(x1));
            [
                f0,
                d0,
                3.0 * (f1 - f0) - 2.0 * d0 - d1,
                2.0 * (f0 - f1) + d0 + d1,
            ]
        })
        .collect()
});

/// Φ(x) by cubic Hermite interpolation of Φ and its derivative φ on a grid of step h = 1/32: the
/// error is at most h⁴/384 · max|Φ⁽⁴⁾| = h⁴/384 · max|(3x − x³)φ(x)| ≈ 1.4·10⁻⁹ (a test checks
/// 2·10⁻⁹ on a fine grid), and it costs three multiply-adds on a tabled polynomial where erfc costs
/// an exponential and a rational function. For the ideal forecaster's predictive, evaluated for
/// every hypothesis, end of treatment and mixture component: it keeps a `FastNormalCdf`, so the
/// table is looked up without going through its lazy initialisation on every call.
#[derive(Debug, Clone, Copy)]
pub struct FastNormalCdf {
    table: &'static [[f64; 4]],
}

impl Default for FastNormalCdf {
    fn default() -> Self {
        FastNormalCdf {
            table: CDF_TABLE.as_slice(),
        }
    }
}

impl FastNormalCdf {
    /// Φ(x), within 2·10⁻⁹.
    pub fn at(&self, x: f64) -> f64 {
        let position = (x + CDF_RANGE) * CDF_STEPS_PER_UNIT;
        if position <= 0.0 {
            return 0.0;
        }
        if position >= CDF_INTERVALS as f64 {
            return 1.0;
        }
        // 0 < position < CDF_INTERVALS here (or NaN, which stays NaN through t). Its floor is
        // position − ½ rounded to the nearest integer (at a tie either neighbouring cubic gives the
        // knot's value), and adding ROUNDING_SHIFT rounds so and leaves that integer in the low bits
        // of the sum: no float-to-integer conversion, with its checks, on the way to the table.
        let shifted = (position - 0.5) + ROUNDING_SHIFT;
        let i = shifted.to_bits() as u32 as usize;
        let Some(&[c0, c1, c2, c3]) = self.table.get(i) else {
            return normal_cdf(x);
        };
        let t = position - (shifted - ROUNDING_SHIFT);
        ((c3 * t + c2) * t + c1) * t + c0
    }
}

/// A grid for integrating over a standard normal: `nodes` points evenly over ±`span` with the
/// trapezoid rule's weights for the N(0, 1) density, normalised to sum to 1 (one point 0 with weight 1
/// when `nodes` < 2). Smooth integrands need few points per SD: the alliance grid's test halves the
/// spacing and finds the same integral to 10⁻⁹.
pub fn normal_grid(nodes: usize, span: f64) -> (Vec<f64>, Vec<f64>) {
    if nodes < 2 {
        return (vec![0.0], vec![1.0]);
    }
    let step = 2.0 * span / (nodes - 1) as f64;
    let z: Vec<f64> = (0..nodes).map(|i| -span + step * i as f64).collect();
    let weights: Vec<f64> = z
        .iter()
        .enumerate()
        .map(|(i, z)| {
            let end = if i == 0 || i + 1 == nodes { 0.5 } else { 1.0 };
            end * (-0.5 * z * z).exp()
        })
        .collect();
    let total: f64 = weights.iter().sum();
    (z, weights.iter().map(|w| w / total).collect())
}

/// Standard normal density φ(x).
pub fn normal_pdf(x: f64) -> f64 {
    (-0.5 * x * x).exp() / (2.0 * std::f64::consts::PI).sqrt()
}

/// Standard normal quantile Φ⁻¹(p), for p in (0, 1).
pub fn normal_quantile(p: f64) -> f64 {
    -std::f64::consts::SQRT_2 * statrs::function::erf::erfc_inv(2.0 * p)
}

/// P(X ≥ c + U) for X ~ Normal(mean, sd²) and U uniform on [−half, half]:
/// the chance of crossing a threshold that is itself blurred by rounding.
///
/// With G(x) = xΦ(x) + φ(x), the antiderivative of Φ, the average of Φ over the interval is
/// (sd / 2·half) · [G(b) − G(a)].
pub fn upper_tail_blurred(mean: f64, sd: f64, c: f64, half: f64) -> f64 {
    let g = |x: f64| x * normal_cdf(x) + normal_pdf(x);
    if half <= 1e-12 * sd {
        return 1.0 - normal_cdf((c - mean) / sd);
    }
    let a = (c - half - mean) / sd;
    let b = (c + half - mean) / sd;
    1.0 - sd / (2.0 * half) * (g(b) - g(a))
}

/// The 95 % Wilson score interval of `k` successes in `n` trials (Wilson, 1927).
pub fn wilson_interval(k: u64, n: u64) -> (f64, f64) {
    wilson_interval_z(k, n, 1.959_963_984_540_054)
}

/// The Wilson score interval of `k` successes in `n` trials with normal quantile `z`
/// (1.96 for 95 %; larger for intervals adjusted for many comparisons).
pub fn wilson_interval_z(k: u64, n: u64, z: f64) -> (f64, f64) {
    if n == 0 {
        return (0.0, 1.0);
    }
    let n_f = n as f64;
    let p = k as f64 / n_f;
    let z2 = z * z;
    let centre = (p + z2 / (2.0 * n_f)) / (1.0 + z2 / n_f);
    let half = z * (p * (1.0 - p) / n_f + z2 / (4.0 * n_f * n_f)).sqrt() / (1.0 + z2 / n_f);
    ((centre - half).max(0.0), (centre + half).min(1.0))
}

/// Pearson's correlation; 0 when either side does not vary.
pub fn pearson(x: &[f64], y: &[f64]) -> f64 {
    let n = x.len().min(y.len()) as f64;
    let (mx, my) = (x.iter().sum::<f64>() / n, y.iter().sum::<f64>() / n);
    let (mut sxy, mut sxx, mut syy) = (0.0, 0.0, 0.0);
    for (a, b) in x.iter().zip(y) {
        sxy += (a - mx) * (b - my);
        sxx += (a - mx) * (a - mx);
        syy += (b - my) * (b - my);
    }
    if sxx <= 0.0 || syy <= 0.0 {
        0.0
    } else {
        sxy / (sxx * syy).sqrt()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_interpolated_normal_cdf_is_within_its_bound() {
        let fast = FastNormalCdf::default();
        let mut worst = 0.0_f64;
        for i in 0..=1_800_000 {
            let x = -9.0 + i as f64 * 1e-5;
            worst = worst.max((fast.at(x) - normal_cdf(x)).abs());
        }
        assert!(worst < 2e-9, "{worst}");
        assert_eq!(fast.at(0.0), 0.5);
        assert!(fast.at(f64::NAN).is_nan());
    }

    #[test]
    fn normal_values_from_tables() {
        assert!((normal_cdf(0.0) - 0.5).abs() < 1e-15);
        // statrs's erfc is accurate to about 1e-11.
        assert!((normal_cdf(1.959_963_984_540_054) - 0.975).abs() < 1e-10);
        assert!((normal_cdf(-1.0) - 0.158_655_253_931_457).abs() < 1e-10);
        assert!((normal_quantile(0.975) - 1.959_963_984_540_054).abs() < 1e-9);
        assert!((normal_quantile(0.841_344_746_068_543) - 1.0).abs() < 1e-9);
        assert!((normal_pdf(0.0) - 0.398_942_280_401_433).abs() < 1e-12);
    }

    #[test]
    fn blurred_tail_matches_numeric_average() {
        // Average of the plain tail over the uniform blur, by the midpoint rule with 20 000 points.
        let (m, s, c, h) = (3.0, 12.0, 13.5, 0.5);
        let n = 20_000;
        let mut sum = 0.0;
        for i in 0..n {
            let u = -h + (i as f64 + 0.5) * (2.0 * h) / n as f64;
            sum += 1.0 - normal_cdf((c + u - m) / s);
        }
        let numeric = sum / n as f64;
        assert!((upper_tail_blurred(m, s, c, h) - numeric).abs() < 1e-10);
        assert!((upper_tail_blurred(m, s, c, 0.0) - (1.0 - normal_cdf((c - m) / s))).abs() < 1e-15);
    }

    #[test]
    fn wilson_interval_reference() {
        // 8 of 10 by the Wilson formula, worked by hand: centre 0.7167, half-width 0.2266.
        let (lo, hi) = wilson_interval(8, 10);
        assert!((lo - 0.4902).abs() < 1e-4, "{lo}");
        assert!((hi - 0.9433).abs() < 1e-4, "{hi}");
        assert_eq!(wilson_interval(0, 0), (0.0, 1.0));
    }

    #[test]
    fn correlation_by_hand() {
        assert!(
            (pearson(&[1.0, 2.0, 3.0], &[2.0, 4.0, 7.0]) - 0.993_399_267_798_783).abs() < 1e-12
        );
        assert_eq!(pearson(&[1.0, 1.0], &[2.0, 3.0]), 0.0);
    }
}
