//! Scores of probability forecasts of a yes/no outcome: Brier score and skill, log score,
//! calibration-in-the-large and ROC AUC (definitions in `scoring.md`).
//!
//! Every function checks its input the same way ([`check_inputs`]): no cases, slices of different
//! length, or a forecast that is not a probability give [`Undefined`], never NaN. Forecasts of exactly
//! 0 and 1 are allowed (the log score clips them).

use super::metric::{Metric, Undefined};

/// Lower clip of forecasts in the log score: a trainee's "0 %" costs −ln(0.99)… −ln(0.01), not infinity.
pub const LOG_SCORE_CLIP_LOW: f64 = 0.01;
/// Upper clip of forecasts in the log score.
pub const LOG_SCORE_CLIP_HIGH: f64 = 0.99;

/// Checks that forecasts and outcomes pair up, are not empty, and that each forecast is in [0, 1].
///
/// Shared by every score so the reasons are the same everywhere.
pub fn check_inputs(forecasts: &[f64], outcomes: &[bool]) -> Result<(), Undefined> {
    if forecasts.len() != outcomes.len() {
        return Err(Undefined::LengthMismatch);
    }
    if forecasts.is_empty() {
        return Err(Undefined::NoCases);
    }
    if !forecasts.iter().all(|p| (0.0..=1.0).contains(p)) {
        return Err(Undefined::NotAProbability);
    }
    Ok(())
}

fn as_f64(o: bool) -> f64 {
    f64::from(u8::from(o))
}

/// The Brier score: mean squared difference between forecast and outcome (0 perfect; always 50 %
/// scores 0.25). The headline score, because it rewards calibration and discrimination at once.
pub fn brier(forecasts: &[f64], outcomes: &[bool]) -> Metric {
    brier_result(forecasts, outcomes).into()
}

fn brier_result(forecasts: &[f64], outcomes: &[bool]) -> Result<f64, Undefined> {
    check_inputs(forecasts, outcomes)?;
    let sum: f64 = forecasts
        .iter()
        .zip(outcomes)
        .map(|(p, &o)| (p - as_f64(o)).powi(2))
        .sum();
    Metric::finite(sum / forecasts.len() as f64).into_result()
}

/// What a Brier skill score is measured against.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Reference<'a> {
    /// The same probability for every case: the scenario's base rate, the floor a trainee must beat.
    BaseRate(f64),
    /// Another forecaster's forecasts on the same cases (e.g. the actuarial benchmark).
    Forecasts(&'a [f64]),
}

/// The Brier score of a reference forecaster on these outcomes.
pub fn reference_brier(reference: Reference<'_>, outcomes: &[bool]) -> Metric {
    reference_brier_result(reference, outcomes).into()
}

fn reference_brier_result(reference: Reference<'_>, outcomes: &[bool]) -> Result<f64, Undefined> {
    match reference {
        Reference::Forecasts(p) => brier_result(p, outcomes),
        Reference::BaseRate(rate) => {
            if outcomes.is_empty() {
                return Err(Undefined::NoCases);
            }
            if !(0.0..=1.0).contains(&rate) {
                return Err(Undefined::NotAProbability);
            }
            let sum: f64 = outcomes.iter().map(|&o| (rate - as_f64(o)).powi(2)).sum();
            Metric::finite(sum / outcomes.len() as f64).into_result()
        }
    }
}

/// Brier skill score 1 − BS / BS_reference: the share of the reference's error the trainee removed
/// (1 perfect, 0 no better than the reference, negative worse). Not defined when the reference is
/// perfect (BS_reference = 0).
pub fn brier_skill(forecasts: &[f64], outcomes: &[bool], reference: Reference<'_>) -> Metric {
    let skill = || -> Result<f64, Undefined> {
        let bs = brier_result(forecasts, outcomes)?;
        let bs_ref = reference_brier_result(reference, outcomes)?;
        if bs_ref <= 0.0 {
            return Err(Undefined::PerfectReference);
        }
        Metric::finite(1.0 - bs / bs_ref).into_result()
    };
    skill().into()
}

/// The log score (ignorance) in nats: mean of −ln p if the outcome happened, −ln(1 − p) if not, with p
/// clipped to [0.01, 0.99] (say so wherever it is shown) so one confident miss costs at most ln 100 ≈
/// 4.6 and the mean stays finite. Lower is better.
pub fn log_score(forecasts: &[f64], outcomes: &[bool]) -> Metric {
    let score = || -> Result<f64, Undefined> {
        check_inputs(forecasts, outcomes)?;
        // Trainees' forecasts repeat (whole percent), so each value's two terms are kept in a small
        // table rather than a logarithm taken for each of 10⁶ cases: the same terms, the same sum.
        // A slot holds a clipped forecast's bits and its terms, NaN until computed.
        let mut known = [(u64::MAX, f64::NAN, f64::NAN); 256];
        let sum: f64 = forecasts
            .iter()
            .zip(outcomes)
            .map(|(&p, &o)| {
                let p = p.clamp(LOG_SCORE_CLIP_LOW, LOG_SCORE_CLIP_HIGH);
                let bits = p.to_bits();
                // Fibonacci hashing: the top byte of the product picks the slot.
                let slot = &mut known[(bits.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 56) as usize];
                if slot.0 != bits {
                    *slot = (bits, f64::NAN, f64::NAN);
                }
                let term = if o { &mut slot.1 } else { &mut slot.2 };
                if term.is_nan() {
                    *term = if o { -p.ln() } else { -(1.0 - p).ln() };
                }
                *term
            })
            .sum();
        Metric::finite(sum / forecasts.len() as f64).into_result()
    };
    score().into()
}

/// Calibration-in-the-large, mean forecast − observed frequency: negative means the trainee
/// under-forecasts deterioration, the bias therapists are known to show.
pub fn calibration_in_the_large(forecasts: &[f64], outcomes: &[bool]) -> Metric {
    let bias = || -> Result<f64, Undefined> {
        check_inputs(forecasts, outcomes)?;
        let n = forecasts.len() as f64;
        let mean_p = forecasts.iter().sum::<f64>() / n;
        let mean_o = outcomes.iter().filter(|&&o| o).count() as f64 / n;
        Metric::finite(mean_p - mean_o).into_result()
    };
    bias().into()
}

/// ROC area by the Mann–Whitney statistic: the chance that a random deteriorating case got a higher
/// forecast than a random other one, ties counting ½. It measures discrimination alone, so it is not
/// defined when all outcomes are equal. O(n log n).
pub fn auc(forecasts: &[f64], outcomes: &[bool]) -> Metric {
    ForecastGroups::new(forecasts, outcomes)
        .and_then(|g| g.auc())
        .into()
}

/// Cases grouped by distinct forecast value, in ascending order of the value.
///
/// One sort serves the Murphy decomposition (which groups by distinct values), the AUC (which needs the
/// order) and both bootstraps (which resample the groups' counts), so 10⁶ forecasts score in well under
/// a second.
#[derive(Debug, Clone)]
pub(crate) struct ForecastGroups {
    /// The distinct forecast values, ascending.
    pub values: Vec<f64>,
    /// Number of cases with each value.
    pub cases: Vec<u64>,
    /// Number of those cases whose outcome happened.
    pub positives: Vec<u64>,
    /// Cases forecast as −0.0, and how many of them happened. They are in the group of 0 here (`==`
    /// equality), but the Brier bootstrap keeps them in cells of their own after every other forecast,
    /// as its cells have always been ordered by bit pattern: the order fixes its random draws.
    pub negative_zero: (u64, u64),
}

impl ForecastGroups {
    /// Groups checked input; the errors are those of [`check_inputs`].
    pub fn new(forecasts: &[f64], outcomes: &[bool]) -> Result<ForecastGroups, Undefined> {
        check_inputs(forecasts, outcomes)?;
        // −0.0 is keyed as 0.0 and counted apart.
        let keys = pair_keys(forecasts, outcomes);
        let mut negative_zero = (0_u64, 0_u64);
        for (&p, &o) in forecasts.iter().zip(outcomes) {
            if p.to_bits() == (-0.0_f64).to_bits() {
                negative_zero.0 += 1;
                negative_zero.1 += u64::from(o);
            }
        }
        let mut groups = ForecastGroups {
            values: Vec::new(),
            cases: Vec::new(),
            positives: Vec::new(),
            negative_zero,
        };
        for run in key_counts(keys).chunk_by(|a, b| a.0 >> 1 == b.0 >> 1) {
            let bits = run.first().map_or(0, |(key, _)| key >> 1);
            // The group of 0 is shown as −0.0 when it holds one, as the first of a sorted group was.
            let value = if bits == 0 && negative_zero.0 > 0 {
                -0.0
            } else {
                f64::from_bits(bits)
            };
            groups.values.push(value);
            groups.cases.push(run.iter().map(|(_, n)| n).sum());
            groups.positives.push(
                run.iter()
                    .filter(|(key, _)| key & 1 == 1)
                    .map(|(_, n)| n)
                    .sum(),
            );
        }
        Ok(groups)
    }

    /// Total number of cases and of positive outcomes.
    pub fn totals(&self) -> (u64, u64) {
        (self.cases.iter().sum(), self.positives.iter().sum())
    }

    /// Mann–Whitney AUC from the per-group counts: Σ_g pos_g · (neg below g + ½ neg_g) / (P · N).
    pub fn auc(&self) -> Result<f64, Undefined> {
        let negatives: Vec<u64> = self
            .cases
            .iter()
            .zip(&self.positives)
            .map(|(n, k)| n.saturating_sub(*k))
            .collect();
        auc_from_counts(&self.positives, &negatives)
    }
}

/// Each case as one key: a forecast in [0, 1] orders as its bit pattern does (−0.0 is keyed as
/// 0.0), and with the outcome in the lowest bit each forecast's non-events come before its events.
pub(crate) fn pair_keys<'a>(
    forecasts: &'a [f64],
    outcomes: &'a [bool],
) -> impl Iterator<Item = u64> + Clone + 'a {
    forecasts.iter().zip(outcomes).map(|(&p, &o)| {
        let bits = if p == 0.0 { 0 } else { p.to_bits() };
        (bits << 1) | u64::from(o)
    })
}

/// Each distinct key with its number of occurrences, in ascending order of the key.
///
/// Trainees' forecasts take few values (whole percent: at most 101, so at most 202 keys with the
/// outcome), so the keys are counted in a small hash table, a few nanoseconds a case, and only the
/// distinct ones are sorted. Past [`FEW_KEYS`] distinct keys (a model's forecasts) all keys are
/// sorted instead.
pub(crate) fn key_counts(keys: impl Iterator<Item = u64> + Clone) -> Vec<(u64, u64)> {
    // Four slots per key at most: short probe sequences.
    const SLOTS: usize = 4 * FEW_KEYS;
    // No key is this: a forecast of at most 1.0 has its top bits clear.
    const EMPTY: u64 = u64::MAX;
    let mut table = vec![(EMPTY, 0_u64); SLOTS];
    let mut distinct = 0;
    'few: {
        for key in keys.clone() {
            // Fibonacci hashing: the top bits of the product index the table.
            let mut slot =
                (key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - SLOTS.ilog2())) as usize;
            loop {
                let entry = &mut table[slot & (SLOTS - 1)];
                if entry.0 == key {
                    entry.1 += 1;
                    break;
                }
                if entry.0 == EMPTY {
                    if distinct == FEW_KEYS {
                        break 'few;
                    }
                    *entry = (key, 1);
                    distinct += 1;
                    break;
                }
                slot += 1;
            }
        }
        table.retain(|entry| entry.0 != EMPTY);
        table.sort_unstable();
        return table;
    }
    let mut all: Vec<u64> = keys.collect();
    all.sort_unstable();
    all.chunk_by(|a, b| a == b)
        .map(|run| (run.first().copied().unwrap_or_default(), run.len() as u64))
        .collect()
}

/// How many distinct keys [`key_counts`] counts in its hash table before it sorts instead.
const FEW_KEYS: usize = 1024;

/// Mann–Whitney AUC from counts of positives and negatives per forecast value (ascending values).
pub(crate) fn auc_from_counts(positives: &[u64], negatives: &[u64]) -> Result<f64, Undefined> {
    let total_pos: u64 = positives.iter().sum();
    let total_neg: u64 = negatives.iter().sum();
    if total_pos + total_neg == 0 {
        return Err(Undefined::NoCases);
    }
    if total_pos == 0 || total_neg == 0 {
        return Err(Undefined::OneOutcome);
    }
    let mut below = 0_u64;
    let mut numerator = 0.0_f64;
    for (&pos, &neg) in positives.iter().zip(negatives) {
        numerator += pos as f64 * (below as f64 + 0.5 * neg as f64);
        below += neg;
    }
    Metric::finite(numerator / (total_pos as f64 * total_neg as f64)).into_result()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::score::metric::close;

    const P: [f64; 4] = [0.2, 0.2, 0.8, 0.8];
    const O: [bool; 4] = [false, true, true, true];

    #[test]
    fn brier_reference_from_scoring_note() {
        // p = [0.2, 0.2, 0.8, 0.8], o = [0, 1, 1, 1]: (0.04 + 0.64 + 0.04 + 0.04) / 4 = 0.19.
        close(brier(&P, &O), 0.19, 1e-12);
        // Always 50 %: every squared error is 0.25.
        close(brier(&[0.5; 3], &[true, false, true]), 0.25, 1e-15);
        // One case is a score: (0.3 − 1)² = 0.49.
        close(brier(&[0.3], &[true]), 0.49, 1e-15);
    }

    #[test]
    fn brier_degenerate_input_is_undefined() {
        assert_eq!(brier(&[], &[]), Metric::Undefined(Undefined::NoCases));
        assert_eq!(
            brier(&[0.2], &[true, false]),
            Metric::Undefined(Undefined::LengthMismatch)
        );
        assert_eq!(
            brier(&[1.2], &[true]),
            Metric::Undefined(Undefined::NotAProbability)
        );
        assert_eq!(
            brier(&[f64::NAN], &[true]),
            Metric::Undefined(Undefined::NotAProbability)
        );
    }

    #[test]
    fn auc_reference_from_scoring_note() {
        // p = [0.1, 0.4, 0.35, 0.8], o = [0, 0, 1, 1]: 3 of 4 pairs ordered right.
        close(
            auc(&[0.1, 0.4, 0.35, 0.8], &[false, false, true, true]),
            0.75,
            1e-12,
        );
        // Ties count a half: one pair, tied.
        assert_eq!(auc(&[0.3, 0.3], &[false, true]), Metric::Value(0.5));
        assert_eq!(
            auc(&[0.3, 0.4], &[true, true]),
            Metric::Undefined(Undefined::OneOutcome)
        );
        assert_eq!(auc(&[], &[]), Metric::Undefined(Undefined::NoCases));
    }

    #[test]
    fn auc_with_ties_by_hand() {
        // Positives 0.5, 0.9, 0.5; negatives 0.2, 0.5. Pairs (pos, neg):
        // (0.5, 0.2) 1, (0.5, 0.5) ½, (0.9, 0.2) 1, (0.9, 0.5) 1, (0.5, 0.2) 1, (0.5, 0.5) ½ → 5 / 6.
        let p = [0.2, 0.5, 0.5, 0.9, 0.5];
        let o = [false, false, true, true, true];
        close(auc(&p, &o), 5.0 / 6.0, 1e-12);
        // All forecasts equal: every pair tied, AUC ½.
        close(auc(&[0.4; 5], &o), 0.5, 1e-15);
        // Reversed ordering: 0.
        close(auc(&[0.9, 0.1], &[false, true]), 0.0, 1e-15);
    }

    #[test]
    fn log_score_by_hand() {
        // (−ln 0.9 − ln 0.8) / 2 = (0.1053605 + 0.2231436) / 2 = 0.1642520.
        close(log_score(&[0.9, 0.2], &[true, false]), 0.164_252_0, 1e-7);
        // Certain and wrong is clipped: −ln 0.01 = 4.6051702 for each case.
        close(log_score(&[1.0, 0.0], &[false, true]), 4.605_170_2, 1e-7);
        // Certain and right still costs −ln 0.99 = 0.0100503.
        close(log_score(&[1.0], &[true]), 0.010_050_3, 1e-7);
        assert_eq!(log_score(&[], &[]), Metric::Undefined(Undefined::NoCases));
    }

    #[test]
    fn log_score_is_the_plain_sum_to_the_bit() {
        use rand::{RngExt, SeedableRng};
        use rand_chacha::ChaCha8Rng;

        let mut rng = ChaCha8Rng::seed_from_u64(8);
        // Whole percent (the table's every slot reused) and arbitrary values (slots overwritten).
        let whole: Vec<f64> = (0..50_000)
            .map(|_| f64::from(rng.random_range(0..=100_u32)) / 100.0)
            .collect();
        let arbitrary: Vec<f64> = (0..50_000).map(|_| rng.random()).collect();
        for p in [whole, arbitrary] {
            let o: Vec<bool> = p.iter().map(|&x| rng.random::<f64>() < x).collect();
            let plain: f64 = p
                .iter()
                .zip(&o)
                .map(|(&p, &o)| {
                    let p = p.clamp(LOG_SCORE_CLIP_LOW, LOG_SCORE_CLIP_HIGH);
                    if o { -p.ln() } else { -(1.0 - p).ln() }
                })
                .sum();
            let want = plain / p.len() as f64;
            assert_eq!(
                log_score(&p, &o).value().map(f64::to_bits),
                Some(want.to_bits())
            );
        }
    }

    #[test]
    fn calibration_in_the_large_by_hand() {
        // Mean forecast 0.5, observed 0.75: −0.25 (under-forecasting).
        close(calibration_in_the_large(&P, &O), -0.25, 1e-15);
        close(calibration_in_the_large(&[0.3], &[false]), 0.3, 1e-15);
    }

    #[test]
    fn brier_skill_by_hand() {
        // Base rate 0.75 on o = [0, 1, 1, 1]: (0.75² + 3·0.25²) / 4 = (0.5625 + 0.1875) / 4 = 0.1875,
        // so BSS = 1 − 0.19 / 0.1875 = −0.0133333 (worse than the base rate).
        close(
            reference_brier(Reference::BaseRate(0.75), &O),
            0.1875,
            1e-15,
        );
        close(
            brier_skill(&P, &O, Reference::BaseRate(0.75)),
            1.0 - 0.19 / 0.1875,
            1e-12,
        );
        // Against always-50 % forecasts (BS 0.25): 1 − 0.19 / 0.25 = 0.24.
        close(
            brier_skill(&P, &O, Reference::Forecasts(&[0.5; 4])),
            0.24,
            1e-12,
        );
        // A perfect reference leaves no room for skill.
        assert_eq!(
            brier_skill(&[0.9, 0.9], &[true, true], Reference::BaseRate(1.0)),
            Metric::Undefined(Undefined::PerfectReference)
        );
        assert_eq!(
            brier_skill(&P, &O, Reference::Forecasts(&[0.5; 3])),
            Metric::Undefined(Undefined::LengthMismatch)
        );
        assert_eq!(
            brier_skill(&P, &O, Reference::BaseRate(-0.1)),
            Metric::Undefined(Undefined::NotAProbability)
        );
    }

    #[test]
    fn key_counts_agree_with_sorting() {
        use rand::{RngExt, SeedableRng};
        use rand_chacha::ChaCha8Rng;

        let mut rng = ChaCha8Rng::seed_from_u64(3);
        let few = FEW_KEYS as u64;
        // Both ways of counting: the hash table, at its limit, and the sort past it.
        for distinct in [1, 5, 202, few, few + 1, 50_000] {
            let keys: Vec<u64> = (0..20_000)
                .map(|_| rng.random_range(0..distinct) * 7919)
                .collect();
            let mut sorted = keys.clone();
            sorted.sort_unstable();
            let want: Vec<(u64, u64)> = sorted
                .chunk_by(|a, b| a == b)
                .map(|run| (run[0], run.len() as u64))
                .collect();
            assert_eq!(key_counts(keys.iter().copied()), want, "{distinct}");
        }
    }

    #[test]
    fn groups_collect_distinct_values() {
        let g = ForecastGroups::new(
            &[0.3, 0.1, 0.3, -0.0, 0.0],
            &[true, false, false, true, false],
        )
        .unwrap();
        assert_eq!(g.values.len(), 3);
        assert_eq!(g.cases, vec![2, 1, 2]);
        assert_eq!(g.positives, vec![1, 0, 1]);
        assert_eq!(g.values[0].to_bits(), (-0.0_f64).to_bits());
        assert_eq!(g.negative_zero, (1, 1));
        assert_eq!(g.totals(), (5, 2));
    }
}
