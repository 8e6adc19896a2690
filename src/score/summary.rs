//! All probability-forecast scores of one trainee's run in one struct, as `ontrack score` prints them.
//!
//! The cases are grouped by forecast value once, and that grouping serves the decomposition, the AUC and
//! both bootstraps; scoring 10⁶ forecasts without the bootstrap takes well under a second.

use serde::Serialize;
use serde::ser::{SerializeMap, Serializer};

use super::bootstrap::{Interval, auc_interval_of, brier_interval_of};
use super::calibration::{ReliabilityBin, decomposition_of, reliability_diagram};
use super::metric::{Metric, Undefined, serialize_entry};
use super::probability::{
    ForecastGroups, Reference, brier, brier_skill, calibration_in_the_large, log_score,
};

/// Every probability score of `scoring.md` for one set of forecasts, each a number or the reason it is
/// not defined.
#[derive(Debug, Clone, PartialEq)]
pub struct ProbabilityScores {
    /// Number of forecast–outcome pairs (the shorter input, if their lengths differ).
    pub n: u64,
    /// Brier score.
    pub brier: Metric,
    /// REL of the Murphy decomposition over distinct forecast values (lower is better).
    pub reliability: Metric,
    /// RES of the Murphy decomposition (higher is better).
    pub resolution: Metric,
    /// UNC = ō(1 − ō).
    pub uncertainty: Metric,
    /// 1 − BS / BS_reference against the given reference (the base-rate forecaster).
    pub brier_skill: Metric,
    /// Mean ignorance in nats, forecasts clipped to [0.01, 0.99].
    pub log_score: Metric,
    /// Mean forecast − observed frequency (negative = under-forecasting).
    pub calibration_in_the_large: Metric,
    /// ROC AUC (Mann–Whitney, ties ½); not defined when all outcomes are equal.
    pub auc: Metric,
    /// 95 % percentile-bootstrap interval of the Brier score.
    pub brier_ci: Metric<Interval>,
    /// 95 % stratified percentile-bootstrap interval of the AUC.
    pub auc_ci: Metric<Interval>,
    /// Ten bins of width 0.1.
    pub reliability_diagram: Metric<Vec<ReliabilityBin>>,
}

/// Scores forecasts against outcomes; `reference` is the forecaster the skill score is measured
/// against, `seed` seeds both bootstraps (so the same run always shows the same intervals).
pub fn probability_scores(
    forecasts: &[f64],
    outcomes: &[bool],
    reference: Reference<'_>,
    seed: u64,
) -> ProbabilityScores {
    scores(forecasts, outcomes, reference, Some(seed))
}

/// The same scores without the two bootstrap intervals (they are `NotComputed`): most of the cost
/// of scoring a short run, and not needed for the benchmark rows of every run in a cohort.
pub fn probability_scores_without_intervals(
    forecasts: &[f64],
    outcomes: &[bool],
    reference: Reference<'_>,
) -> ProbabilityScores {
    scores(forecasts, outcomes, reference, None)
}

/// From this many cases on, the Brier bootstrap (with two passes over the cases) runs on a thread of
/// its own beside the AUC bootstrap: for 10⁶ whole-percent forecasts each takes tens of
/// milliseconds. Below it a thread would cost about what it saves, and a cohort already scores its
/// runs on every core.
const BOOTSTRAP_THREAD_FROM: usize = 1_000;

fn scores(
    forecasts: &[f64],
    outcomes: &[bool],
    reference: Reference<'_>,
    seed: Option<u64>,
) -> ProbabilityScores {
    let not_computed = || Metric::Undefined(Undefined::NotComputed);
    let groups = ForecastGroups::new(forecasts, outcomes);
    // About half the work, to run beside the other half: the Brier bootstrap, and the two passes
    // over the cases that cost most (a logarithm, a bin for each case).
    let second_share = || {
        let brier_ci = seed.map_or_else(not_computed, |seed| {
            with_groups(&groups, |g| brier_interval_of(g, seed))
        });
        (
            brier_ci,
            log_score(forecasts, outcomes),
            reliability_diagram(forecasts, outcomes),
        )
    };
    std::thread::scope(|scope| {
        // Each bootstrap has its own random stream, so running them side by side changes no draw.
        // If no thread can be had, the share is computed here afterwards.
        let second_thread = (seed.is_some() && forecasts.len() >= BOOTSTRAP_THREAD_FROM)
            .then(|| {
                std::thread::Builder::new()
                    .spawn_scoped(scope, second_share)
                    .ok()
            })
            .flatten();
        let decomposition = with_groups(&groups, decomposition_of);
        let brier = brier(forecasts, outcomes);
        let brier_skill = brier_skill(forecasts, outcomes, reference);
        let calibration_in_the_large = calibration_in_the_large(forecasts, outcomes);
        let auc = with_groups(&groups, ForecastGroups::auc);
        let auc_ci = seed.map_or_else(not_computed, |seed| {
            with_groups(&groups, |g| auc_interval_of(g, seed))
        });
        let (brier_ci, log_score, reliability_diagram) = match second_thread {
            // A panic there is a bug: raise it here rather than show no interval.
            Some(thread) => thread
                .join()
                .unwrap_or_else(|e| std::panic::resume_unwind(e)),
            None => second_share(),
        };
        ProbabilityScores {
            n: forecasts.len().min(outcomes.len()) as u64,
            brier,
            reliability: decomposition.map(|d| d.reliability),
            resolution: decomposition.map(|d| d.resolution),
            uncertainty: decomposition.map(|d| d.uncertainty),
            brier_skill,
            log_score,
            calibration_in_the_large,
            auc,
            brier_ci,
            auc_ci,
            reliability_diagram,
        }
    })
}

/// Applies a score to the grouped cases, or passes on why they could not be grouped.
fn with_groups<T>(
    groups: &Result<ForecastGroups, Undefined>,
    score: impl FnOnce(&ForecastGroups) -> Result<T, Undefined>,
) -> Metric<T> {
    match groups {
        Ok(g) => score(g).into(),
        Err(why) => Metric::Undefined(*why),
    }
}

/// JSON with exactly the field names above, in that order; an undefined metric is `null` followed by
/// `<name>_undefined` with the reason (e.g. `"auc": null, "auc_undefined": "all outcomes are equal"`).
impl Serialize for ProbabilityScores {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("n", &self.n)?;
        serialize_entry(&mut map, "brier", &self.brier)?;
        serialize_entry(&mut map, "reliability", &self.reliability)?;
        serialize_entry(&mut map, "resolution", &self.resolution)?;
        serialize_entry(&mut map, "uncertainty", &self.uncertainty)?;
        serialize_entry(&mut map, "brier_skill", &self.brier_skill)?;
        serialize_entry(&mut map, "log_score", &self.log_score)?;
        serialize_entry(
            &mut map,
            "calibration_in_the_large",
            &self.calibration_in_the_large,
        )?;
        serialize_entry(&mut map, "auc", &self.auc)?;
        serialize_entry(&mut map, "brier_ci", &self.brier_ci)?;
        serialize_entry(&mut map, "auc_ci", &self.auc_ci)?;
        serialize_entry(&mut map, "reliability_diagram", &self.reliability_diagram)?;
        map.end()
    }
}

#[cfg(test)]
mod tests {
    use serde_json::Value;

    use super::*;
    use crate::score::metric::close;

    const P: [f64; 4] = [0.2, 0.2, 0.8, 0.8];
    const O: [bool; 4] = [false, true, true, true];

    #[test]
    fn reference_values_from_scoring_note() {
        let s = probability_scores(&P, &O, Reference::BaseRate(0.75), 1);
        assert_eq!(s.n, 4);
        close(s.brier, 0.19, 1e-12);
        close(s.reliability, 0.065, 1e-12);
        close(s.resolution, 0.0625, 1e-12);
        close(s.uncertainty, 0.1875, 1e-12);
        // BS_base = 0.1875 (see probability.rs): 1 − 0.19/0.1875.
        close(s.brier_skill, 1.0 - 0.19 / 0.1875, 1e-12);
        // (−ln 0.8 − ln 0.2 − 2 ln 0.8)/4 = (3·0.2231436 + 1.6094379)/4 = 0.5697172.
        close(s.log_score, 0.569_717_2, 1e-7);
        close(s.calibration_in_the_large, -0.25, 1e-12);
        // Positive 0.2 vs negative 0.2: ½; positives 0.8, 0.8 above it: 1 each → 2.5/3.
        close(s.auc, 2.5 / 3.0, 1e-12);
        assert!(s.brier_ci.is_defined() && s.auc_ci.is_defined());
        assert_eq!(s.reliability_diagram.value().map(|d| d.len()), Some(10));
    }

    #[test]
    fn json_has_the_documented_shape() {
        let s = probability_scores(&P, &O, Reference::BaseRate(0.75), 1);
        let v = serde_json::to_value(&s).unwrap();
        let keys: Vec<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
        let mut want = vec![
            "n",
            "brier",
            "reliability",
            "resolution",
            "uncertainty",
            "brier_skill",
            "log_score",
            "calibration_in_the_large",
            "auc",
            "brier_ci",
            "auc_ci",
            "reliability_diagram",
        ];
        let mut got = keys.clone();
        got.sort_unstable();
        want.sort_unstable();
        assert_eq!(got, want);
        assert!(v["brier_ci"]["low"].is_f64() && v["brier_ci"]["high"].is_f64());
        let bin = &v["reliability_diagram"][2];
        let mut bin_keys: Vec<&str> = bin
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        bin_keys.sort_unstable();
        assert_eq!(
            bin_keys,
            [
                "lower",
                "mean_forecast",
                "n",
                "observed_frequency",
                "upper",
                "wilson_high",
                "wilson_low"
            ]
        );
        assert_eq!(bin["n"], 2);
        assert_eq!(bin["mean_forecast"], 0.2);
        assert_eq!(v["reliability_diagram"][0]["mean_forecast"], Value::Null);
    }

    #[test]
    fn all_outcomes_equal_gives_null_auc_with_reason() {
        let s = probability_scores(&[0.3, 0.6, 0.9], &[true; 3], Reference::BaseRate(0.5), 2);
        assert_eq!(s.auc, Metric::Undefined(Undefined::OneOutcome));
        let v = serde_json::to_value(&s).unwrap();
        assert_eq!(v["auc"], Value::Null);
        assert_eq!(v["auc_undefined"], "all outcomes are equal");
        assert_eq!(v["auc_ci"], Value::Null);
        assert_eq!(v["auc_ci_undefined"], "all outcomes are equal");
        // The rest is defined: UNC = 0, BS = (0.49 + 0.16 + 0.01)/3 = 0.22.
        close(s.brier, 0.22, 1e-12);
        close(s.uncertainty, 0.0, 1e-15);
    }

    /// Every number in the JSON is finite.
    fn assert_finite(v: &Value) {
        match v {
            Value::Number(n) => assert!(n.as_f64().is_some_and(f64::is_finite)),
            Value::Array(a) => a.iter().for_each(assert_finite),
            Value::Object(o) => o.values().for_each(assert_finite),
            _ => {}
        }
    }

    /// Every null field at the top level has its reason beside it.
    fn assert_reasons(v: &Value) {
        let o = v.as_object().unwrap();
        for (k, x) in o {
            if x.is_null() {
                assert!(
                    o[&format!("{k}_undefined")].is_string(),
                    "{k} has no reason"
                );
            }
        }
    }

    #[test]
    fn degenerate_runs_never_give_nan_or_panic() {
        let cases: [(&[f64], &[bool]); 6] = [
            (&[], &[]),
            (&[0.4], &[true]),
            (&[0.4, 0.4, 0.4], &[true, false, true]),
            (&[0.0, 1.0], &[false, false]),
            (&[0.5, 0.5], &[true]),
            (&[f64::NAN, 0.2], &[true, false]),
        ];
        for (p, o) in cases {
            for reference in [Reference::BaseRate(0.0), Reference::Forecasts(p)] {
                let s = probability_scores(p, o, reference, 9);
                let v = serde_json::to_value(&s).unwrap();
                assert_finite(&v);
                assert_reasons(&v);
            }
        }
        let s = probability_scores(&[], &[], Reference::BaseRate(0.2), 0);
        assert_eq!(s.n, 0);
        assert_eq!(s.brier.undefined(), Some(Undefined::NoCases));
        let one = probability_scores(&[0.4], &[true], Reference::BaseRate(0.2), 0);
        assert_eq!(one.brier_ci.undefined(), Some(Undefined::TooFewCases));
        assert_eq!(one.auc.undefined(), Some(Undefined::OneOutcome));
        let same = probability_scores(&[0.4; 3], &[true, false, true], Reference::BaseRate(0.2), 0);
        close(same.auc, 0.5, 1e-15);
        close(same.resolution, 0.0, 1e-15);
        // Forecasting 0 for outcomes that never happen is perfect, and so is a base rate of 0:
        // the skill score has no denominator.
        let perfect = probability_scores(&[0.0, 0.0], &[false, false], Reference::BaseRate(0.0), 0);
        assert_eq!(
            perfect.brier_skill.undefined(),
            Some(Undefined::PerfectReference)
        );
    }
}
