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
pub(crate) struct Fits {
    p: usize,
    /// Row-major p × p.
    pub cov: Vec<f64>,
    /// The posterior means, p values per score vector.
    means: Vec<f64>,
    log_likelihoods: Vec<f64>,
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
}

/// Fits each of `ys` (the scores minus their offsets, t = 0..=n, all of one length) under the prior
/// N(`prior_mean`, `prior_cov`). One scratch buffer holds the intermediate results: the ideal
/// forecaster fits every hypothesis of every forecast.
pub(crate) fn fit_each(
    design: &Design,
    prior_mean: &[f64],
    prior_cov: &[f64],
    ys: &[&[f64]],
    noise: Noise,
) -> Fits {
    let p = design.parameters();
    let sigma2 = noise.sigma * noise.sigma;
    let c = (1.0 - noise.phi * noise.phi).sqrt();
    let rows = ys.first().map_or(0, |y| y.len());
    let mut scratch = vec![0.0; rows * p + 4 * p + 2 * p * p];
    let (white, rest) = scratch.split_at_mut(rows * p);
    let (x, rest) = rest.split_at_mut(p);
    let (previous, rest) = rest.split_at_mut(p);
    let (u, rest) = rest.split_at_mut(p);
    let (pu, rest) = rest.split_at_mut(p);
    let (s, n) = rest.split_at_mut(p * p);
    // The whitened design rows x̃_t, one after another, and S = X̃ᵀX̃.
    for (t, xt) in white.chunks_exact_mut(p).enumerate() {
        design.row(t, x);
        if t == 0 {
            xt.copy_from_slice(x);
        } else {
            for ((w, &now), &before) in xt.iter_mut().zip(x.iter()).zip(previous.iter()) {
                *w = (now - noise.phi * before) / c;
            }
        }
        previous.copy_from_slice(x);
        for i in 0..p {
            for j in 0..p {
                s[i * p + j] += xt[i] * xt[j];
            }
        }
    }
    // N = I + P₀S/σ²; P = N⁻¹P₀.
    for i in 0..p {
        for j in 0..p {
            let ps: f64 = (0..p).map(|k| prior_cov[i * p + k] * s[k * p + j]).sum();
            n[i * p + j] = f64::from(u8::from(i == j)) + ps / sigma2;
        }
    }
    let mut cov = prior_cov.to_vec();
    let log_det_n = solve_in_place(n, &mut cov, p);
    let mut means = Vec::with_capacity(ys.len() * p);
    let mut log_likelihoods = Vec::with_capacity(ys.len());
    for y in ys {
        u.fill(0.0);
        let mut rr = 0.0;
        for (t, (xt, &yt)) in white.chunks_exact(p).zip(y.iter()).enumerate() {
            let yt_white = if t == 0 {
                yt
            } else {
                (yt - noise.phi * y.get(t - 1).copied().unwrap_or(0.0)) / c
            };
            let r = yt_white - dot(xt, prior_mean);
            rr += r * r;
            for (ui, xi) in u.iter_mut().zip(xt) {
                *ui += xi * r;
            }
        }
        for (i, out) in pu.iter_mut().enumerate() {
            *out = dot(cov.get(i * p..(i + 1) * p).unwrap_or_default(), u);
        }
        let quad = rr / sigma2 - dot(u, pu) / (sigma2 * sigma2);
        log_likelihoods.push(-0.5 * (log_det_n + quad));
        means.extend(
            prior_mean
                .iter()
                .zip(pu.iter())
                .map(|(m, d)| m + d / sigma2),
        );
    }
    Fits {
        p,
        cov,
        means,
        log_likelihoods,
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

/// One fit's predictive of the last score, reduced to five numbers so that each end costs O(1).
///
/// When every event seen lies at or before session n (the last score seen), x_T and x_n agree in
/// every column but the change: a = x_T − φᵈx_n = α·v + β·e₁ with α = 1 − φᵈ, β = g(T) − φᵈg(n) and
/// v = (1, 0, 1, …, 1). So the mean is φᵈ(y_n − o_n) + α·v·θ̂ + β·θ̂₁ and the variance
/// α²·vᵀPv + 2αβ·(Pv)₁ + β²·P₁₁ + σ²(1 − φ²ᵈ), whatever the number of parameters.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Ahead {
    level: f64,
    change: f64,
    vv: f64,
    v1: f64,
    cc: f64,
}

impl Ahead {
    /// `None` when an event seen lies after session `seen` (then use [`predict_last`]).
    pub fn new(mean: &[f64], cov: &[f64], design: &Design, seen: usize) -> Option<Ahead> {
        if design.event_sessions.iter().any(|&s| s > seen) {
            return None;
        }
        let p = design.parameters();
        let v = |i: usize| if i == 1 { 0.0 } else { 1.0 };
        let at = |i: usize, j: usize| cov.get(i * p + j).copied().unwrap_or(0.0);
        let mut vv = 0.0;
        let mut v1 = 0.0;
        let mut level = 0.0;
        for i in 0..p {
            level += v(i) * mean.get(i).copied().unwrap_or(0.0);
            v1 += v(i) * at(1, i);
            for j in 0..p {
                vv += v(i) * at(i, j) * v(j);
            }
        }
        Some(Ahead {
            level,
            change: mean.get(1).copied().unwrap_or(0.0),
            vv,
            v1,
            cc: at(1, 1),
        })
    }

    /// Mean and variance of y_T − o_T at the `horizon` T − n after the last score seen, where the
    /// course has reached `g_end` at T and `g_seen` at n; y_seen is y_n − o_n.
    pub fn predict(&self, horizon: Horizon, g_end: f64, g_seen: f64, y_seen: f64) -> (f64, f64) {
        let alpha = 1.0 - horizon.decay;
        let beta = g_end - horizon.decay * g_seen;
        let mean = horizon.decay * y_seen + alpha * self.level + beta * self.change;
        let var = alpha * alpha * self.vv
            + 2.0 * alpha * beta * self.v1
            + beta * beta * self.cc
            + horizon.fresh;
        (mean, var.max(0.0))
    }
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
    let mut log_det = 0.0;
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
        log_det += diag.abs().ln();
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
    log_det
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
        let fits = fit_each(&design, &prior_mean, &prior_cov, &[&ys[0], &ys[1]], noise);
        for (i, y) in ys.iter().enumerate() {
            let (mean_i, log_likelihood) = (fits.mean(i), fits.log_likelihood(i));
            // Marginal likelihood of (y_0, y_1, y_2), against the density of the direct covariance.
            let direct = log_normal(y, &mean[..3], &cov3);
            // The constant `fit_each` leaves out: −(n/2)·ln(2πσ²) and the Jacobian ln(1/c) per
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
            let ahead = Ahead::new(mean_i, &fits.cov, &design, 2).expect("event seen");
            let (fast_mean, fast_var) =
                ahead.predict(Horizon::new(2, noise), dose[4], dose[2], y[2]);
            assert!((fast_mean - want_mean).abs() < 1e-9, "{fast_mean}");
            assert!((fast_var - want_var).abs() < 1e-9, "{fast_var}");
        }
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
            let fits = fit_each(&design, &prior_mean, &prior_cov, &[&y[..=seen]], noise);
            let ahead = Ahead::new(fits.mean(0), &fits.cov, &design, seen).expect("event seen");
            for end in seen..dose.len() {
                let full =
                    predict_last(fits.mean(0), &fits.cov, &design, end, seen, y[seen], noise);
                let quick = ahead.predict(
                    Horizon::new(end - seen, noise),
                    dose[end],
                    dose[seen],
                    y[seen],
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
        let fits = fit_each(&design, &prior_mean, &prior_cov, &[&y[..=1]], noise);
        assert!(Ahead::new(fits.mean(0), &fits.cov, &design, 1).is_none());
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
