//! "Not defined" as a value: a score is a number or the reason it has none, never NaN and never a panic.
//!
//! A trainee's run can be one case long, have only one kind of outcome, or contain no drift case at
//! all. Those runs must still be scored and shown, so every metric returns a [`Metric`]: in JSON a
//! number, or `null` next to a `<name>_undefined` field that gives the reason (see [`serialize_entry`]).

use std::fmt;

use serde::ser::{Serialize, SerializeMap, Serializer};

/// Why a metric has no value on the given cases.
///
/// An enum rather than free text, so callers can react to a reason (e.g. hide the AUC column when all
/// outcomes are equal) and the wording stays the same everywhere.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Undefined {
    /// There are no cases to score.
    NoCases,
    /// Two inputs that pair up case by case have different lengths.
    LengthMismatch,
    /// A forecast (or a reference forecast) is NaN or outside [0, 1].
    NotAProbability,
    /// All outcomes are equal, so no pair of cases can be ordered (AUC).
    OneOutcome,
    /// The reference forecaster scored a perfect Brier score of 0, so the skill ratio has no denominator.
    PerfectReference,
    /// Fewer than two cases: a bootstrap can only resample the one case and would feign certainty.
    TooFewCases,
    /// A reliability-diagram bin holds no forecast.
    EmptyBin,
    /// No case drifted by the last session the trainee saw, so there was nothing to spot.
    NoSignal,
    /// No case (or stretch of a case before the onset) was free of drift, so no false alarm was possible.
    NoNoise,
    /// No drift case was spotted, so there is no latency or named kind to average.
    NoHits,
    /// No spotted drift case had its kind named.
    NoKindNamed,
    /// A rate of exactly 0 or 1 has an infinite z-score (use the log-linear correction first).
    ExtremeRate,
    /// Both raters used one and the same class only, so the agreement expected by chance is 1 (κ).
    ChanceAgreementOne,
    /// The arithmetic did not give a finite number (a guard; valid input never gets here).
    NotFinite,
    /// Left out to save time: a benchmark's interval within one run, which nobody reads (the
    /// cohort's pooled benchmark rows carry theirs).
    NotComputed,
}

impl Undefined {
    /// The reason in words, as shown to trainers and written to JSON.
    pub fn reason(self) -> &'static str {
        match self {
            Undefined::NoCases => "no cases",
            Undefined::LengthMismatch => "the inputs differ in length",
            Undefined::NotAProbability => "a forecast is not a probability in [0, 1]",
            Undefined::OneOutcome => "all outcomes are equal",
            Undefined::PerfectReference => "the reference forecast has a Brier score of 0",
            Undefined::TooFewCases => "fewer than two cases to resample",
            Undefined::EmptyBin => "no forecast in this bin",
            Undefined::NoSignal => "no case drifted by the last session seen",
            Undefined::NoNoise => "no case or stretch of a case without drift",
            Undefined::NoHits => "no drift was spotted",
            Undefined::NoKindNamed => "no spotted drift had its kind named",
            Undefined::ExtremeRate => "a rate of 0 or 1 has no finite z-score",
            Undefined::ChanceAgreementOne => "the agreement expected by chance is 1",
            Undefined::NotFinite => "the result is not a finite number",
            Undefined::NotComputed => "not computed for a benchmark within one run",
        }
    }
}

impl fmt::Display for Undefined {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.reason())
    }
}

impl std::error::Error for Undefined {}

/// Serialised as its [`reason`](Undefined::reason), so a JSON reader sees words, not a code.
impl Serialize for Undefined {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.reason())
    }
}

/// A score, or the reason it is not defined on these cases.
///
/// Serialises as the value, or as `null` when undefined; a struct that holds metrics writes the reason
/// beside it with [`serialize_entry`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Metric<T = f64> {
    /// The metric's value.
    Value(T),
    /// The metric is not defined, for this reason.
    Undefined(Undefined),
}

impl<T> Metric<T> {
    /// The value, if defined.
    pub fn value(self) -> Option<T> {
        match self {
            Metric::Value(v) => Some(v),
            Metric::Undefined(_) => None,
        }
    }

    /// The reason, if not defined.
    pub fn undefined(&self) -> Option<Undefined> {
        match self {
            Metric::Value(_) => None,
            Metric::Undefined(why) => Some(*why),
        }
    }

    /// Whether the metric has a value.
    pub fn is_defined(&self) -> bool {
        matches!(self, Metric::Value(_))
    }

    /// Borrows the value, to read a non-`Copy` metric without moving it.
    pub fn as_ref(&self) -> Metric<&T> {
        match self {
            Metric::Value(v) => Metric::Value(v),
            Metric::Undefined(why) => Metric::Undefined(*why),
        }
    }

    /// Transforms the value and keeps the reason.
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> Metric<U> {
        match self {
            Metric::Value(v) => Metric::Value(f(v)),
            Metric::Undefined(why) => Metric::Undefined(why),
        }
    }

    /// As a `Result`, to chain with `?`.
    pub fn into_result(self) -> Result<T, Undefined> {
        match self {
            Metric::Value(v) => Ok(v),
            Metric::Undefined(why) => Err(why),
        }
    }
}

impl Metric<f64> {
    /// The value if it is finite, otherwise [`Undefined::NotFinite`]: the last guard against NaN.
    pub fn finite(x: f64) -> Metric<f64> {
        if x.is_finite() {
            Metric::Value(x)
        } else {
            Metric::Undefined(Undefined::NotFinite)
        }
    }
}

impl<T> From<Result<T, Undefined>> for Metric<T> {
    fn from(r: Result<T, Undefined>) -> Self {
        match r {
            Ok(v) => Metric::Value(v),
            Err(why) => Metric::Undefined(why),
        }
    }
}

impl<T: Serialize> Serialize for Metric<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Metric::Value(v) => v.serialize(serializer),
            Metric::Undefined(_) => serializer.serialize_none(),
        }
    }
}

/// Writes `name: value` into a map, or `name: null` and `name_undefined: reason`.
///
/// This is how every score struct puts a metric into JSON, so a table or a script can tell "0" from
/// "not defined" and say why.
pub fn serialize_entry<M: SerializeMap, T: Serialize>(
    map: &mut M,
    name: &str,
    metric: &Metric<T>,
) -> Result<(), M::Error> {
    map.serialize_entry(name, metric)?;
    if let Metric::Undefined(why) = metric {
        map.serialize_entry(&format!("{name}_undefined"), why)?;
    }
    Ok(())
}

/// Test helper: asserts that a metric has a value within `tol` of `expected`.
#[cfg(test)]
pub(crate) fn close(m: Metric, expected: f64, tol: f64) {
    let v = m.value().unwrap_or(f64::NAN);
    assert!((v - expected).abs() < tol, "{v} vs {expected}");
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Two {
        a: Metric,
        b: Metric,
    }

    impl Serialize for Two {
        fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            let mut map = serializer.serialize_map(None)?;
            serialize_entry(&mut map, "a", &self.a)?;
            serialize_entry(&mut map, "b", &self.b)?;
            map.end()
        }
    }

    #[test]
    fn serialises_as_number_or_null_with_reason() {
        let two = Two {
            a: Metric::Value(0.5),
            b: Metric::Undefined(Undefined::OneOutcome),
        };
        let json = serde_json::to_string(&two).unwrap();
        assert_eq!(
            json,
            r#"{"a":0.5,"b":null,"b_undefined":"all outcomes are equal"}"#
        );
    }

    #[test]
    fn finite_guards_against_nan() {
        assert_eq!(
            Metric::finite(f64::NAN),
            Metric::Undefined(Undefined::NotFinite)
        );
        assert_eq!(
            Metric::finite(f64::INFINITY).undefined(),
            Some(Undefined::NotFinite)
        );
        assert_eq!(Metric::finite(0.25).value(), Some(0.25));
    }
}
