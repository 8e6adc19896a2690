//! Brier score, binned reliability and ROC AUC of probability forecasts of a yes/no outcome.

/// Mean squared difference between forecast and outcome; `None` for no forecasts.
pub fn brier(forecasts: &[f64], outcomes: &[bool]) -> Option<f64> {
    if forecasts.is_empty() || forecasts.len() != outcomes.len() {
        return None;
    }
    let sum: f64 = forecasts
        .iter()
        .zip(outcomes)
        .map(|(p, &o)| (p - f64::from(u8::from(o))).powi(2))
        .sum();
    Some(sum / forecasts.len() as f64)
}

/// Index of the reliability-diagram bin (width 0.1) of a forecast; 1.0 falls in the last bin.
pub fn bin_of(p: f64) -> usize {
    ((p * 10.0).floor().max(0.0) as usize).min(9)
}

/// The reliability (miscalibration) term of the Brier score over 10 bins of width 0.1:
/// (1/N) Σ_b n_b (mean forecast_b − observed frequency_b)².
pub fn binned_reliability(forecasts: &[f64], outcomes: &[bool]) -> Option<f64> {
    if forecasts.is_empty() || forecasts.len() != outcomes.len() {
        return None;
    }
    let mut n = [0.0_f64; 10];
    let mut sum_p = [0.0_f64; 10];
    let mut sum_o = [0.0_f64; 10];
    for (&p, &o) in forecasts.iter().zip(outcomes) {
        let b = bin_of(p);
        n[b] += 1.0;
        sum_p[b] += p;
        sum_o[b] += f64::from(u8::from(o));
    }
    let total: f64 = n
        .iter()
        .zip(sum_p.iter().zip(&sum_o))
        .filter(|(n, _)| **n > 0.0)
        .map(|(n, (sp, so))| n * (sp / n - so / n).powi(2))
        .sum();
    Some(total / forecasts.len() as f64)
}

/// ROC area by the Mann–Whitney statistic (ties count ½); `None` when all outcomes are equal.
pub fn auc(forecasts: &[f64], outcomes: &[bool]) -> Option<f64> {
    if forecasts.len() != outcomes.len() {
        return None;
    }
    let mut pairs: Vec<(f64, bool)> = forecasts
        .iter()
        .copied()
        .zip(outcomes.iter().copied())
        .collect();
    pairs.sort_by(|a, b| a.0.total_cmp(&b.0));
    let positives = pairs.iter().filter(|(_, o)| *o).count() as f64;
    let negatives = pairs.len() as f64 - positives;
    if positives == 0.0 || negatives == 0.0 {
        return None;
    }
    // Sum of mid-ranks of the positives.
    let mut rank_sum = 0.0;
    let mut i = 0;
    while i < pairs.len() {
        let mut j = i;
        while j + 1 < pairs.len() && pairs.get(j + 1).map(|x| x.0) == pairs.get(i).map(|x| x.0) {
            j += 1;
        }
        let mid_rank = (i + j) as f64 / 2.0 + 1.0;
        let tied_positives = pairs
            .get(i..=j)
            .map_or(0, |s| s.iter().filter(|(_, o)| *o).count());
        rank_sum += mid_rank * tied_positives as f64;
        i = j + 1;
    }
    Some((rank_sum - positives * (positives + 1.0) / 2.0) / (positives * negatives))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn brier_reference_from_scoring_note() {
        // p = [0.2, 0.2, 0.8, 0.8], o = [0, 1, 1, 1]: (0.04 + 0.64 + 0.04 + 0.04) / 4 = 0.19.
        let b = brier(&[0.2, 0.2, 0.8, 0.8], &[false, true, true, true]).unwrap();
        assert!((b - 0.19).abs() < 1e-12);
        assert_eq!(brier(&[], &[]), None);
    }

    #[test]
    fn reliability_reference_from_scoring_note() {
        // REL = (2·(0.2 − 0.5)² + 2·(0.8 − 1)²) / 4 = 0.065.
        let r = binned_reliability(&[0.2, 0.2, 0.8, 0.8], &[false, true, true, true]).unwrap();
        assert!((r - 0.065).abs() < 1e-12);
    }

    #[test]
    fn auc_reference_from_scoring_note() {
        // p = [0.1, 0.4, 0.35, 0.8], o = [0, 0, 1, 1]: 3 of 4 pairs ordered right.
        let a = auc(&[0.1, 0.4, 0.35, 0.8], &[false, false, true, true]).unwrap();
        assert!((a - 0.75).abs() < 1e-12);
        // Ties count a half: one pair, tied.
        assert_eq!(auc(&[0.3, 0.3], &[false, true]), Some(0.5));
        assert_eq!(auc(&[0.3, 0.4], &[true, true]), None);
    }
}
