//! The scores of one case under one hypothesis (course, hello-goodbye) as a Bayesian linear
//! regression with AR(1) noise: the exact marginal likelihood of the scores seen and the exact
//! predictive distribution of the last score.
//!
//! Model: y_t − o_t = x_t·θ + e_t for t = 0..=n, with known offsets o_t, the regressors
//! x_t = (1, g(t), [t ≥ s₁], …, [t ≥ s_m]) (true intake, true change along the course's shape, and
//! the lasting shift of each event seen, from its session s_j on), a Gaussian prior θ ~ N(m, P₀), and
//! stationary AR(1) noise e_t = φ·e_{t−1} + √(1 − φ²)·σ·z_t, e_0 ~ N(0, σ²).
//!
//! Prewhitening (Prais–Winsten) makes the noise independent: ỹ_0 = y_0 − o_0, x̃_0 = x_0 and, for t ≥ 1,
//! ỹ_t = ((y_t − o_t) − φ(y_{t−1} − o_{t−1}))/c, x̃_t = (x_t − φx_{t−1})/c with c = √(1 − φ²); then
//! ỹ ~ N(X̃θ, σ²I). The transform's Jacobian is the same under every hypothesis, so it drops out of the
//! posterior weights. With r = ỹ − X̃m, u = X̃ᵀr, S = X̃ᵀX̃ and N = I + P₀S/σ² (invertible also when
//! P₀ is singular):
//!
//! - log p(y) = −½·(ln det N + rᵀr/σ² − uᵀPu/σ⁴) + const, by Sylvester's determinant identity and the
//!   push-through form of Woodbury's identity;
//! - the posterior is θ | y ~ N(m + Pu/σ², P) with P = N⁻¹P₀.
//!
//! The last score, d = T − n sessions later: e_T | e_n ~ N(φᵈe_n, σ²(1 − φ²ᵈ)) and e_n = y_n − o_n − x_n·θ,
//! so y_T − o_T = (x_T − φᵈx_n)·θ + φᵈ(y_n − o_n) + noise: Normal with mean a·θ̂ + φᵈ(y_n − o_n) and
//! variance aᵀPa + σ²(1 − φ²ᵈ), a = x_T − φᵈx_n.

/// The regressors of one hypothesis: the course's shape and the sessions of the shifting events seen.
pub(crate) struct Design<'a> {
    /// g(t) for t = 0..=T.
    pub dose: &'a [f64],
    /// Session of each event seen that moves the scores.
    pub event_sessions: &'a [usize],
}

impl Design<'_> {
    /// Number of parameters: intake, change, one shift per event.
    pub fn parameters(&self) -> usize {
        2 + self.event_sessions.len()
    }

    /// x_t into `out`.
    /// Element `i` of the design row of session `t` (what [`Design::row`] writes at `i`).
    fn value(&self, t: usize, i: usize) -> f64 {
        match i {
            0 => 1.0,
            1 => self.dose.get(t).copied().unwrap_or(1.0),
            _ => match self.event_sessions.get(i - 2) {
                Some(&s) if t >= s => 1.0,
                _ => 0.0,
            },
        }
    }

    fn row(&self, t: usize, out: &mut [f64]) {
        if let [intake, change, shifts @ ..] = out {
            *intake = 1.0;
            *change = self.dose.get(t).copied().unwrap_or(1.0);
            for (x, &s) in shifts.iter_mut().zip(self.event_sessions) {
                *x = if t >= s { 1.0 } else { 0.0 };
            }
        }
    }
}

/// The noise: SD σ and AR(1) correlation φ.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Noise {
    pub sigma: f64,
    pub phi: f64,
}

/// The fits of several score vectors under one design and prior: for each, the posterior mean of θ
/// and the log marginal likelihood of the scores, up to a constant shared by all hypotheses with the
/// same scores. The posterior covariance P = N⁻¹P₀ depends on the design and the prior only, so it is
/// solved once and shared: the hello-goodbye hypotheses differ only in the offsets of their scores.
///
/// The ideal forecaster fits every hypothesis of every forecast, so one `Fits` is refitted again and
/// again ([`Fits::refit`]) and keeps its buffers: no allocation after the first fit.
#[derive(Debug, Default)]
pub(crate) struct Fits {
    p: usize,
    /// Row-major p × p.
    pub cov: Vec<f64>,
    /// The posterior means, p values per score vector.
    means: Vec<f64>,
    log_likelihoods: Vec<f64>,
    /// The whitened design rows x̃_t, p values each.
    white: Vec<f64>,
    /// S = X̃ᵀX̃, then N = I + P₀S/σ² (p × p each), u = X̃ᵀr and Pu (p each).
    work: Vec<f64>,
}

impl Fits {
    /// The posterior mean of θ for score vector `i`.
    pub fn mean(&self, i: usize) -> &[f64] {
        self.means
            .get(i * self.p..(i + 1) * self.p)
            .unwrap_or_default()
    }

    /// log p(scores) for score vector `i`, up to the shared constant.
    pub fn log_likelihood(&self, i: usize) -> f64 {
        self.log_likelihoods
            .get(i)
            .copied()
            .unwrap_or(f64::NEG_INFINITY)
    }

    /// Fits each of `ys` (the scores minus their offsets, t = 0..=n, all of one length) under the
    /// prior N(`prior_mean`, `prior_cov`), in place of what was fitted before.
    pub fn refit(
        &mut self,
        design: &Design,
        prior_mean: &[f64],
        prior_cov: &[f64],
        ys: &[&[f64]],
        noise: Noise,
    ) {
        if design.parameters() == 2 {
            self.refit_two(design.dose, prior_mean, prior_cov, ys, noise);
        } else {
            self.refit_general(design, prior_mean, prior_cov, ys, noise);
        }
    }

    /// [`Fits::refit`] for any number of parameters.
    fn refit_general(
        &mut self,
        design: &Design,
        prior_mean: &[f64],
        prior_cov: &[f64],
        ys: &[&[f64]],
        noise: Noise,
    ) {
        let p = design.parameters();
        self.p = p;
        let sigma2 = noise.sigma * noise.sigma;
        let inverse_c = 1.0 / (1.0 - noise.phi * noise.phi).sqrt();
        let rows = ys.first().map_or(0, |y| y.len());
        // The whitened rows: x̃_0 = x_0, x̃_t = (x_t − φx_{t−1})/c.
        self.white.clear();
        self.white.resize(rows * p, 0.0);
        for (t, xt) in self.white.chunks_exact_mut(p).enumerate() {
            design.row(t, xt);
        }
        for t in (1..rows).rev() {
            let (before, now) = self.white.split_at_mut(t * p);
            let previous = before.get((t - 1) * p..).unwrap_or_default();
            for (w, &x) in now.iter_mut().zip(previous) {
                *w = (*w - noise.phi * x) * inverse_c;
            }
        }
        self.work.clear();
        self.work.resize(2 * p * p + 2 * p, 0.0);
        let (s, rest) = self.work.split_at_mut(p * p);
        let (n, rest) = rest.split_at_mut(p * p);
        let (u, pu) = rest.split_at_mut(p);
        for xt in self.white.chunks_exact(p) {
            for (row, &xi) in s.chunks_exact_mut(p).zip(xt) {
                for (cell, &xj) in row.iter_mut().zip(xt) {
                    *cell += xi * xj;
                }
            }
        }
        // N = I + P₀S/σ²; P = N⁻¹P₀.
        for (i, (n_row, prior_row)) in n
            .chunks_exact_mut(p)
            .zip(prior_cov.chunks_exact(p))
            .enumerate()
        {
            for (j, cell) in n_row.iter_mut().enumerate() {
                let ps: f64 = prior_row
                    .iter()
                    .zip(s.chunks_exact(p))
                    .map(|(a, s_row)| a * s_row.get(j).copied().unwrap_or(0.0))
                    .sum();
                *cell = f64::from(u8::from(i == j)) + ps / sigma2;
            }
        }
        self.cov.clear();
        self.cov.extend_from_slice(prior_cov);
        let log_det_n = solve_in_place(n, &mut self.cov, p);
        self.means.clear();
        self.log_likelihoods.clear();
        for y in ys {
            u.fill(0.0);
            let mut rr = 0.0;
            let mut previous = 0.0;
            for (t, (xt, &yt)) in self.white.chunks_exact(p).zip(y.iter()).enumerate() {
                let yt_white = if t == 0 {
                    yt
                } else {
                    (yt - noise.phi * previous) * inverse_c
                };
                previous = yt;
                let r = yt_white - dot(xt, prior_mean);
                rr += r * r;
                for (ui, xi) in u.iter_mut().zip(xt) {
                    *ui += xi * r;
                }
            }
            for (out, row) in pu.iter_mut().zip(self.cov.chunks_exact(p)) {
                *out = dot(row, u);
            }
            let quad = rr / sigma2 - dot(u, pu) / (sigma2 * sigma2);
            self.log_likelihoods.push(-0.5 * (log_det_n + quad));
            self.means.extend(
                prior_mean
                    .iter()
                    .zip(pu.iter())
                    .map(|(m, d)| m + d / sigma2),
            );
        }
    }

    /// [`Fits::refit`] written out for the two parameters (intake, change) of a case whose seen
    /// events move no scores, the common case: the same algebra with 2 × 2 matrices in closed form
    /// (a test holds it to the general path).
    fn refit_two(
        &mut self,
        dose: &[f64],
        prior_mean: &[f64],
        prior_cov: &[f64],
        ys: &[&[f64]],
        noise: Noise,
    ) {
        let (&[m0, m1], &[a, b, _, c]) = (prior_mean, prior_cov) else {
            return;
        };
        self.p = 2;
        let sigma2 = noise.sigma * noise.sigma;
        let phi = noise.phi;
        let inverse_c = 1.0 / (1.0 - phi * phi).sqrt();
        let rows = ys.first().map_or(0, |y| y.len());
        let g = |t: usize| dose.get(t).copied().unwrap_or(1.0);
        // Whitened rows (w0, w1): (1, g(0)), then ((1 − φ)/c, (g(t) − φg(t − 1))/c).
        let w0_later = (1.0 - phi) * inverse_c;
        let white = |t: usize| {
            if t == 0 {
                (1.0, g(0))
            } else {
                (w0_later, (g(t) - phi * g(t - 1)) * inverse_c)
            }
        };
        let (mut s00, mut s01, mut s11) = (0.0, 0.0, 0.0);
        for t in 0..rows {
            let (w0, w1) = white(t);
            s00 += w0 * w0;
            s01 += w0 * w1;
            s11 += w1 * w1;
        }
        // N = I + P₀S/σ², P = N⁻¹P₀.
        let n00 = 1.0 + (a * s00 + b * s01) / sigma2;
        let n01 = (a * s01 + b * s11) / sigma2;
        let n10 = (b * s00 + c * s01) / sigma2;
        let n11 = 1.0 + (b * s01 + c * s11) / sigma2;
        let det = n00 * n11 - n01 * n10;
        let p00 = (n11 * a - n01 * b) / det;
        let p01 = (n11 * b - n01 * c) / det;
        let p10 = (n00 * b - n10 * a) / det;
        let p11 = (n00 * c - n10 * b) / det;
        self.cov.clear();
        self.cov.extend_from_slice(&[p00, p01, p10, p11]);
        let log_det_n = det.abs().ln();
        self.means.clear();
        self.log_likelihoods.clear();
        for y in ys {
            let (mut u0, mut u1, mut rr) = (0.0, 0.0, 0.0);
            let mut previous = 0.0;
            for (t, &yt) in y.iter().enumerate() {
                let (w0, w1) = white(t);
                let yt_white = if t == 0 {
                    yt
                } else {
                    (yt - phi * previous) * inverse_c
                };
                previous = yt;
                let r = yt_white - w0 * m0 - w1 * m1;
                rr += r * r;
                u0 += w0 * r;
                u1 += w1 * r;
            }
            let pu0 = p00 * u0 + p01 * u1;
            let pu1 = p10 * u0 + p11 * u1;
            let quad = rr / sigma2 - (u0 * pu0 + u1 * pu1) / (sigma2 * sigma2);
            self.log_likelihoods.push(-0.5 * (log_det_n + quad));
            self.means
                .extend_from_slice(&[m0 + pu0 / sigma2, m1 + pu1 / sigma2]);
        }
    }
}

/// Mean and variance of y_T − o_T given a fit (`mean`, `cov`) of the scores up to `seen` and
/// y_seen − o_seen. [`Ahead`] gives the same in O(1) per end where it applies.
pub(crate) fn predict_last(
    mean: &[f64],
    cov: &[f64],
    design: &Design,
    last: usize,
    seen: usize,
    y_seen: f64,
    noise: Noise,
) -> (f64, f64) {
    let p = design.parameters();
    let d = last.saturating_sub(seen) as i32;
    let decay = noise.phi.powi(d);
    // a = x_last − φ^d·x_seen, element by element.
    let a = |i: usize| design.value(last, i) - decay * design.value(seen, i);
    let mut predicted = decay * y_seen;
    let mut var = 0.0;
    for i in 0..p {
        let ai = a(i);
        predicted += ai * mean.get(i).copied().unwrap_or(0.0);
        let row = cov.get(i * p..(i + 1) * p).unwrap_or_default();
        var += ai * row.iter().enumerate().map(|(j, c)| c * a(j)).sum::<f64>();
    }
    (predicted, (var + fresh_variance(d, noise)).max(0.0))
}

/// σ²(1 − φ²ᵈ): the noise of the last score that the scores seen do not carry.
fn fresh_variance(d: i32, noise: Noise) -> f64 {
    if d == 0 {
        0.0
    } else {
        noise.sigma * noise.sigma * (1.0 - noise.phi.powi(2 * d))
    }
}

/// The predictive of the last score from fits that share one posterior covariance P, in O(1) per
/// end and fit.
///
/// When every event seen lies at or before session n (the last score seen), x_T and x_n agree in
/// every column but the change: a = x_T − φᵈx_n = α·v + β·e₁ with α = 1 − φᵈ, β = g(T) − φᵈg(n) and
/// v = (1, 0, 1, …, 1). So the mean is φᵈ(y_n − o_n) + α·v·θ̂ + β·θ̂₁ and the variance
/// α²·vᵀPv + 2αβ·(Pv)₁ + β²·P₁₁ + σ²(1 − φ²ᵈ), whatever the number of parameters; the variance is
/// the same for every fit that shares P.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Ahead {
    vv: f64,
    v1: f64,
    cc: f64,
}

impl Ahead {
    /// `None` when an event seen lies after session `seen` (then use [`predict_last`]).
    pub fn new(cov: &[f64], design: &Design, seen: usize) -> Option<Ahead> {
        if design.event_sessions.iter().any(|&s| s > seen) {
            return None;
        }
        let p = design.parameters();
        let v = |i: usize| if i == 1 { 0.0 } else { 1.0 };
        let at = |i: usize, j: usize| cov.get(i * p + j).copied().unwrap_or(0.0);
        let mut vv = 0.0;
        let mut v1 = 0.0;
        for i in 0..p {
            v1 += v(i) * at(1, i);
            for j in 0..p {
                vv += v(i) * at(i, j) * v(j);
            }
        }
        Some(Ahead {
            vv,
            v1,
            cc: at(1, 1),
        })
    }

    /// The last score at the `horizon` T − n after the last score seen, where the course has
    /// reached `g_end` at T and `g_seen` at n.
    pub fn step(&self, horizon: Horizon, g_end: f64, g_seen: f64) -> Step {
        let alpha = 1.0 - horizon.decay;
        let beta = g_end - horizon.decay * g_seen;
        let variance = alpha * alpha * self.vv
            + 2.0 * alpha * beta * self.v1
            + beta * beta * self.cc
            + horizon.fresh;
        Step {
            decay: horizon.decay,
            alpha,
            beta,
            variance: variance.max(0.0),
        }
    }
}

/// The predictive of the last score at one end: its variance, shared by the fits, and the weights
/// of its mean (see [`Ahead`]).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Step {
    decay: f64,
    alpha: f64,
    beta: f64,
    pub variance: f64,
}

impl Step {
    /// The mean of y_T − o_T for the fit summed up by `level_and_change` (v·θ̂, θ̂₁), where y_seen
    /// is y_n − o_n.
    pub fn mean(&self, (level, change): (f64, f64), y_seen: f64) -> f64 {
        self.decay * y_seen + self.alpha * level + self.beta * change
    }
}

/// (v·θ̂, θ̂₁) of a posterior mean θ̂: what [`Step::mean`] weighs.
pub(crate) fn level_and_change(theta: &[f64]) -> (f64, f64) {
    let change = theta.get(1).copied().unwrap_or(0.0);
    (theta.iter().sum::<f64>() - change, change)
}

/// What d sessions ahead means for the AR(1) noise: φᵈ, and the variance σ²(1 − φ²ᵈ) that the scores
/// seen do not carry. The same for every hypothesis, so computed once per end.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Horizon {
    decay: f64,
    fresh: f64,
}

impl Horizon {
    pub fn new(d: usize, noise: Noise) -> Self {
        let d = i32::try_from(d).unwrap_or(i32::MAX);
        Horizon {
            decay: noise.phi.powi(d),
            fresh: fresh_variance(d, noise),
        }
    }
}

fn dot(a: &[f64], b: &[f64]) -> f64 {
    a.iter().zip(b).map(|(x, y)| x * y).sum()
}

/// Solves A·X = B in place (A is p × p, B is p × p, both row-major; X replaces B) by Gaussian
/// elimination with partial pivoting, and returns ln |det A|. A here is I + P₀S/σ², whose eigenvalues
/// are at least 1, so it is never singular.
fn solve_in_place(a: &mut [f64], b: &mut [f64], p: usize) -> f64 {
    // |det A| as a product (one logarithm at the end): A's eigenvalues are at least 1 and p is
    // small, so the product neither overflows nor underflows.
    let mut det = 1.0;
    for col in 0..p {
        let pivot = (col..p)
            .max_by(|&i, &j| a[i * p + col].abs().total_cmp(&a[j * p + col].abs()))
            .unwrap_or(col);
        if pivot != col {
            for k in 0..p {
                a.swap(col * p + k, pivot * p + k);
                b.swap(col * p + k, pivot * p + k);
            }
        }
        let diag = a[col * p + col];
        det *= diag.abs();
        for row in 0..p {
            if row == col {
                continue;
            }
            let factor = a[row * p + col] / diag;
            if factor == 0.0 {
                continue;
            }
            for k in 0..p {
                a[row * p + k] -= factor * a[col * p + k];
                b[row * p + k] -= factor * b[col * p + k];
            }
        }
    }
    for row in 0..p {
        let diag = a[row * p + row];
        for k in 0..p {
            b[row * p + k] /= diag;
        }
    }
    det.ln()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The log density of N(mean, cov) at `y`, by a Cholesky factor: the covariance form that `fit`
    /// avoids, to check it against.
    fn log_normal(y: &[f64], mean: &[f64], cov: &[Vec<f64>]) -> f64 {
        let n = y.len();
        let mut l = vec![vec![0.0; n]; n];
        for i in 0..n {
            for j in 0..=i {
                let s: f64 = (0..j).map(|k| l[i][k] * l[j][k]).sum();
                l[i][j] = if i == j {
                    (cov[i][i] - s).sqrt()
                } else {
                    (cov[i][j] - s) / l[j][j]
                };
            }
        }
        let mut z = vec![0.0; n];
        for i in 0..n {
            let s: f64 = (0..i).map(|k| l[i][k] * z[k]).sum();
            z[i] = (y[i] - mean[i] - s) / l[i][i];
        }
        let log_det: f64 = (0..n).map(|i| 2.0 * l[i][i].ln()).sum();
        -0.5 * (log_det
            + z.iter().map(|v| v * v).sum::<f64>()
            + n as f64 * (2.0 * std::f64::consts::PI).ln())
    }

    /// Intake N(50, 10²), change N(−10, 4²) with slope −0.3 on intake, an event at session 2 with a
    /// shift N(6, 3²), AR(1) noise σ = 5, φ = 0.5, over four sessions with g(t) = t/4.
    fn example() -> (Vec<f64>, Vec<f64>, Vec<f64>, Vec<usize>, Noise) {
        let dose = vec![0.0, 0.25, 0.5, 0.75, 1.0];
        let (s0, slope, sd) = (10.0_f64, -0.3, 4.0_f64);
        let prior_mean = vec![50.0, -10.0, 6.0];
        let prior_cov = vec![
            s0 * s0,
            slope * s0 * s0,
            0.0,
            slope * s0 * s0,
            slope * slope * s0 * s0 + sd * sd,
            0.0,
            0.0,
            0.0,
            9.0,
        ];
        (
            dose,
            prior_mean,
            prior_cov,
            vec![2],
            Noise {
                sigma: 5.0,
                phi: 0.5,
            },
        )
    }

    /// The joint covariance of (y_0 … y_4) under the example, written out directly.
    fn joint(
        dose: &[f64],
        prior_mean: &[f64],
        prior_cov: &[f64],
        events: &[usize],
        noise: Noise,
    ) -> (Vec<f64>, Vec<Vec<f64>>) {
        let rows: Vec<Vec<f64>> = (0..dose.len())
            .map(|t| {
                let mut r = vec![1.0, dose[t]];
                r.extend(events.iter().map(|&s| if t >= s { 1.0 } else { 0.0 }));
                r
            })
            .collect();
        let p = prior_mean.len();
        let mean = rows.iter().map(|r| dot(r, prior_mean)).collect();
        let cov = (0..rows.len())
            .map(|i| {
                (0..rows.len())
                    .map(|j| {
                        let mut c = 0.0;
                        for a in 0..p {
                            for b in 0..p {
                                c += rows[i][a] * prior_cov[a * p + b] * rows[j][b];
                            }
                        }
                        c + noise.sigma * noise.sigma * noise.phi.powi((i as i32 - j as i32).abs())
                    })
                    .collect()
            })
            .collect();
        (mean, cov)
    }

    #[test]
    fn likelihood_and_prediction_match_the_covariance_form() {
        let (dose, prior_mean, prior_cov, events, noise) = example();
        let design = Design {
            dose: &dose,
            event_sessions: &events,
        };
        let (mean, cov) = joint(&dose, &prior_mean, &prior_cov, &events, noise);
        let cov3: Vec<Vec<f64>> = cov[..3].iter().map(|r| r[..3].to_vec()).collect();
        // Two score vectors fitted at once (they share the posterior covariance), each checked
        // against the direct covariance form on its own.
        let ys = [[55.0, 49.0, 52.0], [48.0, 49.0, 41.0]];
        let mut fits = Fits::default();
        fits.refit(&design, &prior_mean, &prior_cov, &[&ys[0], &ys[1]], noise);
        for (i, y) in ys.iter().enumerate() {
            let (mean_i, log_likelihood) = (fits.mean(i), fits.log_likelihood(i));
            // Marginal likelihood of (y_0, y_1, y_2), against the density of the direct covariance.
            let direct = log_normal(y, &mean[..3], &cov3);
            // The constant `refit` leaves out: −(n/2)·ln(2πσ²) and the Jacobian ln(1/c) per
            // whitened row.
            let c = (1.0 - noise.phi * noise.phi).sqrt();
            let constant = -1.5 * (2.0 * std::f64::consts::PI * 25.0).ln() - 2.0 * c.ln();
            assert!(
                (log_likelihood + constant - direct).abs() < 1e-10,
                "{} {direct}",
                log_likelihood + constant
            );
            // y_4 | y_0..y_2 by Gaussian conditioning on the direct covariance.
            let k: Vec<f64> = (0..3).map(|i| cov[4][i]).collect();
            let inv = invert3(&cov3);
            let w: Vec<f64> = (0..3)
                .map(|j| (0..3).map(|i| k[i] * inv[i][j]).sum())
                .collect();
            let want_mean = mean[4] + (0..3).map(|i| w[i] * (y[i] - mean[i])).sum::<f64>();
            let want_var = cov[4][4] - (0..3).map(|i| w[i] * k[i]).sum::<f64>();
            let (got_mean, got_var) = predict_last(mean_i, &fits.cov, &design, 4, 2, y[2], noise);
            assert!(
                (got_mean - want_mean).abs() < 1e-9,
                "{got_mean} {want_mean}"
            );
            assert!((got_var - want_var).abs() < 1e-9, "{got_var} {want_var}");
            // The O(1) form agrees: the event (session 2) lies within the scores seen.
            let ahead = Ahead::new(&fits.cov, &design, 2).expect("event seen");
            let step = ahead.step(Horizon::new(2, noise), dose[4], dose[2]);
            let (fast_mean, fast_var) = (step.mean(level_and_change(mean_i), y[2]), step.variance);
            assert!((fast_mean - want_mean).abs() < 1e-9, "{fast_mean}");
            assert!((fast_var - want_var).abs() < 1e-9, "{fast_var}");
        }
    }

    #[test]
    fn the_two_parameter_fit_is_the_general_one() {
        // The example without its event: intake and change only, with AR(1) noise and a curved
        // dose, two score vectors of five sessions.
        let (_, prior_mean, prior_cov, _, noise) = example();
        let dose = [0.0, 0.4, 0.65, 0.85, 1.0];
        let design = Design {
            dose: &dose,
            event_sessions: &[],
        };
        let mean2 = &prior_mean[..2];
        let cov2 = [prior_cov[0], prior_cov[1], prior_cov[3], prior_cov[4]];
        let ys = [
            [55.0, 49.0, 52.0, 47.0, 40.0],
            [70.0, 71.0, 66.0, 69.0, 75.0],
        ];
        let refs = [&ys[0][..], &ys[1][..]];
        let (mut quick, mut general) = (Fits::default(), Fits::default());
        quick.refit(&design, mean2, &cov2, &refs, noise);
        general.refit_general(&design, mean2, &cov2, &refs, noise);
        for (a, b) in quick.cov.iter().zip(&general.cov) {
            assert!((a - b).abs() < 1e-9 * b.abs().max(1.0), "{a} {b}");
        }
        for i in 0..2 {
            let (a, b) = (quick.log_likelihood(i), general.log_likelihood(i));
            assert!((a - b).abs() < 1e-9, "{a} {b}");
            for (a, b) in quick.mean(i).iter().zip(general.mean(i)) {
                assert!((a - b).abs() < 1e-9, "{a} {b}");
            }
        }
        assert_eq!(quick.mean(1).len(), 2);
    }

    #[test]
    fn the_quick_prediction_agrees_with_the_full_one_at_every_end() {
        // After sessions 2 and 3 of the example (event at 2), at every end from the last seen on;
        // after session 1 the event lies ahead of the scores and the quick form declines.
        let (dose, prior_mean, prior_cov, events, noise) = example();
        let design = Design {
            dose: &dose,
            event_sessions: &events,
        };
        let y = [55.0, 49.0, 52.0, 58.0];
        for seen in [2, 3] {
            let mut fits = Fits::default();
            fits.refit(&design, &prior_mean, &prior_cov, &[&y[..=seen]], noise);
            let ahead = Ahead::new(&fits.cov, &design, seen).expect("event seen");
            for end in seen..dose.len() {
                let full =
                    predict_last(fits.mean(0), &fits.cov, &design, end, seen, y[seen], noise);
                let step = ahead.step(Horizon::new(end - seen, noise), dose[end], dose[seen]);
                let quick = (
                    step.mean(level_and_change(fits.mean(0)), y[seen]),
                    step.variance,
                );
                assert!(
                    (full.0 - quick.0).abs() < 1e-12,
                    "{seen} {end}: {full:?} {quick:?}"
                );
                assert!(
                    (full.1 - quick.1).abs() < 1e-12,
                    "{seen} {end}: {full:?} {quick:?}"
                );
            }
        }
        let mut fits = Fits::default();
        fits.refit(&design, &prior_mean, &prior_cov, &[&y[..=1]], noise);
        assert!(Ahead::new(&fits.cov, &design, 1).is_none());
    }

    fn invert3(m: &[Vec<f64>]) -> Vec<Vec<f64>> {
        let mut a: Vec<f64> = m.iter().flatten().copied().collect();
        let mut b = vec![1.0, 0.0, 0.0, 0.0, 1.0, 0.0, 0.0, 0.0, 1.0];
        solve_in_place(&mut a, &mut b, 3);
        b.chunks(3).map(<[f64]>::to_vec).collect()
    }

    #[test]
    fn a_known_determinant_and_solution() {
        // A = [[2, 1], [4, 5]]: det 6, A⁻¹ = [[5, −1], [−4, 2]] / 6 (a pivot swap on the way).
        let mut a = vec![2.0, 1.0, 4.0, 5.0];
        let mut b = vec![1.0, 0.0, 0.0, 1.0];
        let log_det = solve_in_place(&mut a, &mut b, 2);
        assert!((log_det - 6.0_f64.ln()).abs() < 1e-14);
        for (got, want) in b.iter().zip([5.0 / 6.0, -1.0 / 6.0, -4.0 / 6.0, 2.0 / 6.0]) {
            assert!((got - want).abs() < 1e-14, "{b:?}");
        }
    }
}
