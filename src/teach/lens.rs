//! Cognitive feedback after Brunswik's lens model: how strongly a trainee's forecasts follow each
//! cue, beside how strongly the best possible forecast follows it (the task's weights).
//!
//! Over the forecasts of a run (or of many), the log-odds of the trainee's forecasts are regressed
//! on the cues by ordinary least squares, ŷ_s = a_s,c + Σ_j w_sj x_j (an intercept per checkpoint c,
//! which is not a cue but the forecasts' drift with time), and so are the log-odds of the
//! best possible forecast on the same case–checkpoint pairs, ŷ_e = a_e + Σ_j w_ej x_j. Both in whole
//! percent (1–99 %), as forecasts are given, so the trainee could have matched the task exactly. A
//! weight is in log-odds per unit of its cue; the ratio w_sj / w_ej says how much of the weight the
//! cue deserves the trainee gave it. The lens model's numbers (Tucker, 1964):
//! - achievement r_a = corr(y_s, y_e): how closely the forecasts follow the best possible ones;
//! - consistency R_s = corr(y_s, ŷ_s): how well the trainee's own linear policy describes them;
//! - task predictability R_e = corr(y_e, ŷ_e);
//! - matching G = corr(ŷ_s, ŷ_e): how alike the two policies are;
//! - C = corr of the residuals; and r_a = G·R_e·R_s + C·√(1 − R_e²)·√(1 − R_s²) exactly.

use serde::Serialize;

use super::cues::{Cue, CueValues};
use super::waterfall::log_odds;

/// Fewer forecasts than this do not pin down six coefficients.
pub const MIN_FORECASTS: usize = 20;

/// A cue whose values vary less than this (SD) in the forecasts is left out: it says nothing here.
const NO_SPREAD: f64 = 1e-9;

/// One forecast with its cues and the best possible forecast on the same evidence.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct LensPoint {
    /// The checkpoint of the forecast (sessions seen).
    pub checkpoint: u32,
    pub cues: CueValues,
    /// The trainee's forecast (probability).
    pub trainee: f64,
    /// The best possible forecast (probability).
    pub ideal: f64,
}

/// Why the cue weights cannot be estimated.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error, Serialize)]
pub enum LensError {
    #[error("{n} forecasts; the cue weights need at least {MIN_FORECASTS}")]
    TooFew { n: usize },
    #[error("the forecasts do not vary, so they follow no cue")]
    NoSpread,
    #[error("the cues move together in these cases, so their weights cannot be told apart")]
    Collinear,
}

/// A linear policy: a weight per cue (`None` for a cue that did not vary), each with its standard
/// error; the intercept is that of the first checkpoint (each later one has its own).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Policy {
    pub intercept: f64,
    pub weights: [Option<f64>; Cue::ALL.len()],
    pub se: [Option<f64>; Cue::ALL.len()],
}

/// The lens model of a set of forecasts.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Lens {
    pub n: usize,
    /// SD of each cue over the forecasts (for comparing effects across cues).
    pub cue_sd: CueValues,
    pub trainee: Policy,
    pub task: Policy,
    /// Standard error of each difference w_sj − w_ej: the slope's SE in the regression of
    /// y_s − y_e on the cues (whose slopes are exactly the differences).
    pub difference_se: [Option<f64>; Cue::ALL.len()],
    pub achievement: f64,
    pub consistency: f64,
    pub predictability: f64,
    pub matching: f64,
    /// Correlation of the two policies' residuals.
    pub unmodelled: f64,
}

/// How a trainee weighed one cue compared with the task.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub enum Verdict {
    /// About right (within a factor 1.5), or too small to matter for both.
    Right,
    /// Ratio w_s / w_e of 1.5 or more.
    Over(f64),
    /// Ratio of 2/3 or less (but not the wrong way round).
    Under(f64),
    /// The trainee read it the wrong way round.
    Reversed,
    /// The trainee gave weight to a cue that says little here.
    Spurious,
    /// The cue matters, but these forecasts do not show clearly how much weight the trainee gives it.
    Unclear,
}

/// One SD of a cue moving the task's log-odds less than this "says little".
const SMALL_EFFECT: f64 = 0.15;

impl Lens {
    /// The lens model of `points`.
    pub fn fit(points: &[LensPoint]) -> Result<Lens, LensError> {
        let n = points.len();
        if n < MIN_FORECASTS {
            return Err(LensError::TooFew { n });
        }
        let ys: Vec<f64> = points.iter().map(|p| log_odds(p.trainee)).collect();
        let ye: Vec<f64> = points.iter().map(|p| log_odds(p.ideal)).collect();
        let cue_sd = Cue::ALL.map(|c| {
            sd(&points
                .iter()
                .map(|p| p.cues[c as usize])
                .collect::<Vec<_>>())
        });
        let used: Vec<usize> = (0..Cue::ALL.len())
            .filter(|&j| cue_sd[j] > NO_SPREAD)
            .collect();
        // One intercept per checkpoint (an indicator for each but the first): forecasts fall or rise
        // with the sessions seen whatever the cues, and a cue that is 0 at intake (the alliance, the
        // notes) would otherwise stand in for "after intake".
        let mut checkpoints: Vec<u32> = points.iter().map(|p| p.checkpoint).collect();
        checkpoints.sort_unstable();
        checkpoints.dedup();
        let mut columns: Vec<Vec<f64>> = used
            .iter()
            .map(|&j| points.iter().map(|p| p.cues[j]).collect())
            .collect();
        columns.extend(checkpoints.iter().skip(1).map(|&cp| {
            points
                .iter()
                .map(|p| f64::from(u8::from(p.checkpoint == cp)))
                .collect()
        }));
        if sd(&ys) <= NO_SPREAD || sd(&ye) <= NO_SPREAD {
            return Err(LensError::NoSpread);
        }
        let fit_s = ols(&columns, &ys)?;
        let fit_e = ols(&columns, &ye)?;
        let diff: Vec<f64> = ys.iter().zip(&ye).map(|(a, b)| a - b).collect();
        let fit_d = ols(&columns, &diff)?;
        let per_cue = |values: &[f64]| {
            let mut out = [None; Cue::ALL.len()];
            for (&j, &w) in used.iter().zip(values) {
                if let Some(slot) = out.get_mut(j) {
                    *slot = Some(w);
                }
            }
            out
        };
        let policy = |f: &Ols| Policy {
            intercept: f.intercept,
            weights: per_cue(&f.slopes),
            se: per_cue(&f.se),
        };
        let res_s: Vec<f64> = ys.iter().zip(&fit_s.fitted).map(|(y, f)| y - f).collect();
        let res_e: Vec<f64> = ye.iter().zip(&fit_e.fitted).map(|(y, f)| y - f).collect();
        Ok(Lens {
            n,
            cue_sd,
            trainee: policy(&fit_s),
            task: policy(&fit_e),
            difference_se: per_cue(&fit_d.se),
            achievement: corr(&ys, &ye),
            consistency: corr(&ys, &fit_s.fitted),
            predictability: corr(&ye, &fit_e.fitted),
            matching: corr(&fit_s.fitted, &fit_e.fitted),
            unmodelled: corr(&res_s, &res_e),
        })
    }

    /// How the trainee weighed `cue` against the task. Only what these forecasts show beyond their
    /// noise is said: a weight counts as clear when it is at least two standard errors from zero, a
    /// difference between the trainee's and the task's weight when it is at least two standard
    /// errors of the difference. Then, with r = w_s / w_e:
    /// - the task's weight not clear: `Spurious` if the trainee's is clear and one SD of the cue
    ///   moves their log-odds by 0.3 or more, else nothing to say (`Right`);
    /// - the difference not clear: `Right` if the trainee's weight is clear, else `Unclear`;
    /// - r < 0 with a clear trainee weight: `Reversed`;
    /// - r ≥ 1.5: `Over(r)`; r ≤ 2/3: `Under(r)`; else `Right`.
    pub fn verdict(&self, cue: Cue) -> Option<Verdict> {
        let j = cue as usize;
        let get = |a: &[Option<f64>; Cue::ALL.len()]| a.get(j).copied().flatten();
        let (ws, we) = (get(&self.trainee.weights)?, get(&self.task.weights)?);
        let (ses, see, sed) = (
            get(&self.trainee.se)?,
            get(&self.task.se)?,
            get(&self.difference_se)?,
        );
        let sd = self.cue_sd.get(j).copied()?;
        let clear = |w: f64, se: f64| w.abs() >= CLEAR * se;
        if !clear(we, see) || we.abs() * sd < SMALL_EFFECT {
            let used = clear(ws, ses) && ws.abs() * sd >= 2.0 * SMALL_EFFECT;
            return Some(if used {
                Verdict::Spurious
            } else {
                Verdict::Right
            });
        }
        if !clear(ws - we, sed) {
            return Some(if clear(ws, ses) {
                Verdict::Right
            } else {
                Verdict::Unclear
            });
        }
        let ratio = ws / we;
        Some(if ratio < 0.0 && clear(ws, ses) {
            Verdict::Reversed
        } else if ratio >= 1.5 {
            Verdict::Over(ratio)
        } else if ratio <= 2.0 / 3.0 {
            Verdict::Under(ratio.max(0.0))
        } else {
            Verdict::Right
        })
    }
}

/// Standard errors from zero (or between two weights) that make a weight or a difference clear.
const CLEAR: f64 = 2.0;

/// Mean of `x` (0 for none).
fn mean(x: &[f64]) -> f64 {
    x.iter().sum::<f64>() / x.len().max(1) as f64
}

/// Population SD of `x`.
fn sd(x: &[f64]) -> f64 {
    let m = mean(x);
    (x.iter().map(|v| (v - m).powi(2)).sum::<f64>() / x.len().max(1) as f64).sqrt()
}

/// Pearson correlation; 0 when either side does not vary.
fn corr(x: &[f64], y: &[f64]) -> f64 {
    let (mx, my) = (mean(x), mean(y));
    let (mut sxy, mut sxx, mut syy) = (0.0, 0.0, 0.0);
    for (a, b) in x.iter().zip(y) {
        sxy += (a - mx) * (b - my);
        sxx += (a - mx).powi(2);
        syy += (b - my).powi(2);
    }
    let d = (sxx * syy).sqrt();
    if d > 0.0 {
        (sxy / d).clamp(-1.0, 1.0)
    } else {
        0.0
    }
}

/// An ordinary least-squares fit with intercept.
struct Ols {
    intercept: f64,
    slopes: Vec<f64>,
    /// Standard error of each slope: √(s² · [(XᵀX)⁻¹]_jj), s² = RSS / (n − k − 1).
    se: Vec<f64>,
    fitted: Vec<f64>,
}

/// Least squares of `y` on the `columns` and an intercept: the normal equations of the centred
/// columns, (XᵀX) b = Xᵀy, solved together with (XᵀX)⁻¹ by Gauss–Jordan elimination with partial
/// pivoting; a = ȳ − Σ b_j x̄_j.
fn ols(columns: &[Vec<f64>], y: &[f64]) -> Result<Ols, LensError> {
    let k = columns.len();
    let n = y.len();
    let means: Vec<f64> = columns.iter().map(|c| mean(c)).collect();
    let my = mean(y);
    let centred: Vec<Vec<f64>> = columns
        .iter()
        .zip(&means)
        .map(|(c, m)| c.iter().map(|v| v - m).collect())
        .collect();
    // Augmented matrix [XᵀX | I | Xᵀy].
    let mut a: Vec<Vec<f64>> = (0..k)
        .map(|i| {
            let mut row: Vec<f64> = (0..k).map(|j| dot(&centred[i], &centred[j])).collect();
            row.extend((0..k).map(|j| f64::from(u8::from(i == j))));
            row.push(centred[i].iter().zip(y).map(|(x, v)| x * (v - my)).sum());
            row
        })
        .collect();
    let scale = (0..k).map(|i| a[i][i]).fold(0.0, f64::max);
    for col in 0..k {
        let pivot = (col..k)
            .max_by(|&p, &q| a[p][col].abs().total_cmp(&a[q][col].abs()))
            .ok_or(LensError::Collinear)?;
        if a[pivot][col].abs() <= 1e-10 * scale {
            return Err(LensError::Collinear);
        }
        a.swap(col, pivot);
        let d = a[col][col];
        let pivot_row: Vec<f64> = a[col].iter().map(|v| v / d).collect();
        for (r, row) in a.iter_mut().enumerate() {
            if r == col {
                row.clone_from(&pivot_row);
            } else {
                let f = row[col];
                for (x, p) in row.iter_mut().zip(&pivot_row) {
                    *x -= f * p;
                }
            }
        }
    }
    let slopes: Vec<f64> = (0..k).map(|i| a[i][2 * k]).collect();
    let intercept = my - slopes.iter().zip(&means).map(|(b, m)| b * m).sum::<f64>();
    let fitted: Vec<f64> = (0..n)
        .map(|r| {
            intercept
                + columns
                    .iter()
                    .zip(&slopes)
                    .map(|(c, b)| b * c[r])
                    .sum::<f64>()
        })
        .collect();
    let rss: f64 = y.iter().zip(&fitted).map(|(v, f)| (v - f).powi(2)).sum();
    let s2 = rss / (n.saturating_sub(k + 1)).max(1) as f64;
    let se = (0..k).map(|i| (s2 * a[i][k + i]).max(0.0).sqrt()).collect();
    Ok(Ols {
        intercept,
        slopes,
        se,
        fitted,
    })
}

fn dot(x: &[f64], y: &[f64]) -> f64 {
    x.iter().zip(y).map(|(a, b)| a * b).sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn least_squares_by_hand() {
        // x = 0, 1, 2, 3; y = 1, 3, 2, 5: slope Σ(x − 1.5)(y − 2.75) / Σ(x − 1.5)² = 5.5 / 5 = 1.1,
        // intercept 2.75 − 1.1 · 1.5 = 1.1; fitted 1.1, 2.2, 3.3, 4.4; R² = 1 − 2.7 / 8.75.
        let f = ols(&[vec![0.0, 1.0, 2.0, 3.0]], &[1.0, 3.0, 2.0, 5.0]).expect("fits");
        assert!((f.slopes[0] - 1.1).abs() < 1e-12);
        assert!((f.intercept - 1.1).abs() < 1e-12);
        let r = corr(&[1.0, 3.0, 2.0, 5.0], &f.fitted);
        assert!((r * r - (1.0 - 2.7 / 8.75)).abs() < 1e-12);
        // SE of the slope: √((RSS / (n − 2)) / Σ(x − x̄)²) = √(1.35 / 5) = 0.5196152.
        assert!((f.se[0] - 0.519_615_242).abs() < 1e-9);
        // Two exact cues: y = 2 + 3·x1 − x2 is recovered.
        let x1 = vec![0.0, 1.0, 0.0, 2.0, 3.0];
        let x2 = vec![1.0, 0.0, 4.0, 1.0, 2.0];
        let y: Vec<f64> = x1.iter().zip(&x2).map(|(a, b)| 2.0 + 3.0 * a - b).collect();
        let f = ols(&[x1.clone(), x2], &y).expect("fits");
        assert!((f.intercept - 2.0).abs() < 1e-12 && (f.slopes[0] - 3.0).abs() < 1e-12);
        assert!((f.slopes[1] + 1.0).abs() < 1e-12);
        // A column twice over cannot be told apart.
        assert!(matches!(
            ols(&[x1.clone(), x1], &y),
            Err(LensError::Collinear)
        ));
    }

    /// Points from a deterministic, varied grid of cues.
    fn points(
        trainee: impl Fn(&CueValues, usize) -> f64,
        task: impl Fn(&CueValues) -> f64,
    ) -> Vec<LensPoint> {
        (0..60)
            .map(|i| {
                let f = i as f64;
                let cues = [
                    (f * 0.37).sin(),
                    (i % 5) as f64 / 4.0,
                    (i % 3) as f64 / 2.0,
                    f64::from(u8::from(i % 7 == 0)),
                    (f * 0.11).cos(),
                ];
                let p = |l: f64| 1.0 / (1.0 + (-l).exp());
                LensPoint {
                    checkpoint: 3,
                    cues,
                    trainee: p(trainee(&cues, i)),
                    ideal: p(task(&cues)),
                }
            })
            .collect()
    }

    #[test]
    fn the_lens_model_equation_holds_and_a_doubled_weight_is_named() {
        let task =
            |c: &CueValues| -2.0 + 1.5 * c[0] + 0.8 * c[1] + 0.5 * c[2] + 0.6 * c[3] + 0.3 * c[4];
        // The trainee: the task's policy with the alliance doubled and the change halved, plus an
        // inconsistency that the cues do not explain.
        let trainee = |c: &CueValues, i: usize| {
            -2.0 + 0.75 * c[0]
                + 1.6 * c[1]
                + 0.5 * c[2]
                + 0.6 * c[3]
                + 0.3 * c[4]
                + 0.3 * ((i * 7919 % 13) as f64 / 6.0 - 1.0)
        };
        let lens = Lens::fit(&points(trainee, task)).expect("fits");
        let (g, re, rs, c) = (
            lens.matching,
            lens.predictability,
            lens.consistency,
            lens.unmodelled,
        );
        let equation = g * re * rs + c * (1.0 - re * re).sqrt() * (1.0 - rs * rs).sqrt();
        assert!((lens.achievement - equation).abs() < 1e-9, "{lens:?}");
        // The task's weights come back exactly (its log-odds are linear in the cues).
        let we = lens.task.weights[Cue::LowAlliance as usize].expect("varies");
        assert!((we - 0.8).abs() < 1e-9 && (lens.predictability - 1.0).abs() < 1e-9);
        assert!(
            matches!(lens.verdict(Cue::LowAlliance), Some(Verdict::Over(r)) if (r - 2.0).abs() < 0.2)
        );
        assert!(
            matches!(lens.verdict(Cue::Change), Some(Verdict::Under(r)) if (r - 0.5).abs() < 0.1)
        );
        assert_eq!(lens.verdict(Cue::Drift), Some(Verdict::Right));
    }

    #[test]
    fn too_few_or_constant_forecasts_are_refused() {
        let few = points(|_, _| 0.0, |c| c[0]);
        assert_eq!(Lens::fit(&few[..5]), Err(LensError::TooFew { n: 5 }));
        assert_eq!(Lens::fit(&few), Err(LensError::NoSpread));
    }
}
