//! Drift spotting scored as signal detection: hits, misses, false alarms and correct rejections per
//! case, then d′ and criterion c with the log-linear correction, the latency and the kind named.
//!
//! # Counting rule
//!
//! Only flags on sessions the trainee saw (1 ≤ session ≤ last seen) count; others cannot come from the
//! run and are ignored. A case *drifted* if its onset is at or before the last session seen; a case
//! whose onset comes later is, for the trainee, a case without drift.
//!
//! Each case has up to two stretches, and each stretch is one trial:
//! - the **signal stretch**, sessions onset ..= last seen of a drifted case: a *hit* if the trainee
//!   flagged any session in it, else a *miss*;
//! - the **noise stretch**, sessions before the onset (the whole seen case if it did not drift): a
//!   *false alarm* if the trainee flagged any session in it, else a *correct rejection*. A drifted case
//!   with onset 1 has no noise stretch; a case with no session seen has neither.
//!
//! So a drift case flagged both before and after the onset is a hit **and** a false alarm, as
//! `scoring.md` asks ("flags before the onset in a drift case count as a false alarm too"), and a drift
//! case with an onset after session 1 and no early flag adds a correct rejection. Counting noise
//! stretches rather than no-drift cases keeps F = (false alarms + 0.5) / (noise trials + 1) below 1
//! whatever the mix, and a trainee who flags every session in every case gets F near 1, not a
//! clean record.

use serde::Serialize;
use serde::ser::{SerializeMap, Serializer};

use super::metric::{Metric, Undefined, serialize_entry};
use crate::model::DriftState;
use crate::stats::normal_quantile;

/// A session the trainee flagged as drifting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Flag {
    /// The flagged session (1-based).
    pub session: u32,
    /// The drift kind the trainee named (index into the scenario's kinds), if they named one.
    pub kind: Option<usize>,
}

/// What the drift scores need to know about one case.
#[derive(Debug, Clone, PartialEq)]
pub struct DriftCase {
    /// The therapist's drift, if any (true kind and onset session), from the case's hidden state.
    pub drift: Option<DriftState>,
    /// The last session the trainee saw (1-based); 0 if none.
    pub last_seen: u32,
    /// The trainee's flags, in any order.
    pub flags: Vec<Flag>,
}

/// The signal stretch of a case.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SignalResult {
    /// Flagged at or after the onset.
    Hit {
        /// Sessions from the onset to the first flag at or after it (0 = flagged at the onset).
        latency_sessions: u32,
        /// Whether the earliest flag at or after the onset that named a kind named the true one;
        /// `None` if no such flag named a kind. The earliest, so naming every kind in turn earns
        /// nothing.
        kind_correct: Option<bool>,
    },
    /// Drifted, not flagged at or after the onset.
    Miss,
}

/// The noise stretch of a case.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum NoiseResult {
    /// Flagged before the onset (or in a case without drift).
    FalseAlarm,
    /// Not flagged before the onset.
    CorrectRejection,
}

/// How one case scores, for per-case feedback and for the totals.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct CaseDetection {
    /// Hit or miss; `None` if the case did not drift by the last session seen.
    pub signal: Option<SignalResult>,
    /// False alarm or correct rejection; `None` if the case has no seen session before the onset.
    pub noise: Option<NoiseResult>,
}

/// Scores one case by the rule in the module documentation.
pub fn classify(case: &DriftCase) -> CaseDetection {
    let seen = |f: &&Flag| f.session >= 1 && f.session <= case.last_seen;
    let onset = case
        .drift
        .filter(|d| d.onset <= case.last_seen)
        .map(|d| d.onset);
    let Some(onset) = onset else {
        // No drift the trainee could see: the whole seen case is the noise stretch.
        let noise = (case.last_seen >= 1).then(|| {
            if case.flags.iter().any(|f| seen(&f)) {
                NoiseResult::FalseAlarm
            } else {
                NoiseResult::CorrectRejection
            }
        });
        return CaseDetection {
            signal: None,
            noise,
        };
    };
    let noise = (onset >= 2).then(|| {
        if case.flags.iter().filter(seen).any(|f| f.session < onset) {
            NoiseResult::FalseAlarm
        } else {
            NoiseResult::CorrectRejection
        }
    });
    let mut after: Vec<Flag> = case
        .flags
        .iter()
        .filter(seen)
        .filter(|f| f.session >= onset)
        .copied()
        .collect();
    after.sort_by_key(|f| f.session);
    let true_kind = case.drift.map(|d| d.kind);
    let signal = match after.first() {
        None => SignalResult::Miss,
        Some(first) => SignalResult::Hit {
            latency_sessions: first.session.saturating_sub(onset),
            kind_correct: after
                .iter()
                .find_map(|f| f.kind)
                .map(|named| Some(named) == true_kind),
        },
    };
    CaseDetection {
        signal: Some(signal),
        noise,
    }
}

/// The log-linear corrected rate (count + 0.5) / (trials + 1) (Hautus, 1995): never 0 or 1, so its
/// z-score is finite, and less biased than replacing 0 and 1 by 1/(2N). Not defined without trials.
pub fn log_linear_rate(count: u64, trials: u64, none: Undefined) -> Metric {
    if trials == 0 {
        return Metric::Undefined(none);
    }
    Metric::finite((count as f64 + 0.5) / (trials as f64 + 1.0))
}

fn z_pair(hit_rate: f64, false_alarm_rate: f64) -> Result<(f64, f64), Undefined> {
    let inside = |r: f64| r > 0.0 && r < 1.0;
    if !(inside(hit_rate) && inside(false_alarm_rate)) {
        return Err(Undefined::ExtremeRate);
    }
    Ok((normal_quantile(hit_rate), normal_quantile(false_alarm_rate)))
}

/// Sensitivity d′ = z(H) − z(F): how well the trainee tells drift from no drift, independent of how
/// readily they flag. Not defined for a rate of 0 or 1 (correct the rates first).
pub fn d_prime(hit_rate: f64, false_alarm_rate: f64) -> Metric {
    z_pair(hit_rate, false_alarm_rate)
        .and_then(|(zh, zf)| Metric::finite(zh - zf).into_result())
        .into()
}

/// Criterion c = −(z(H) + z(F)) / 2: how readily the trainee flags, positive = conservative (flags
/// rarely), negative = liberal. Not defined for a rate of 0 or 1.
pub fn criterion(hit_rate: f64, false_alarm_rate: f64) -> Metric {
    z_pair(hit_rate, false_alarm_rate)
        .and_then(|(zh, zf)| Metric::finite(-(zh + zf) / 2.0).into_result())
        .into()
}

/// The drift-spotting scores of a set of cases.
#[derive(Debug, Clone, PartialEq)]
pub struct DetectionScores {
    /// Cases that drifted by the last session seen (signal trials).
    pub signal_cases: u64,
    /// Noise stretches: cases without drift plus drift cases with a seen session before the onset.
    pub noise_trials: u64,
    /// Drift cases flagged at or after the onset.
    pub hits: u64,
    /// Drift cases not flagged at or after the onset.
    pub misses: u64,
    /// Noise stretches with a flag.
    pub false_alarms: u64,
    /// Of the false alarms, those before the onset in a drift case.
    pub early_false_alarms: u64,
    /// Noise stretches without a flag.
    pub correct_rejections: u64,
    /// H = (hits + 0.5) / (signal cases + 1); not defined without a drift case.
    pub hit_rate: Metric,
    /// F = (false alarms + 0.5) / (noise trials + 1); not defined without a noise trial.
    pub false_alarm_rate: Metric,
    /// d′ = z(H) − z(F).
    pub d_prime: Metric,
    /// c = −(z(H) + z(F)) / 2, positive = conservative.
    pub criterion: Metric,
    /// Mean sessions from onset to the first flag at or after it, over hits.
    pub latency_sessions: Metric,
    /// Hits in which the trainee named a kind.
    pub kinds_named: u64,
    /// Share of those that named the true kind.
    pub kind_correct: Metric,
}

/// Scores drift spotting over cases, by the counting rule in the module documentation.
pub fn detection_scores(cases: &[DriftCase]) -> DetectionScores {
    let mut s = Counts::default();
    for case in cases {
        s.add(classify(case));
    }
    let hit_rate = log_linear_rate(s.hits, s.hits + s.misses, Undefined::NoSignal);
    let false_alarm_rate = log_linear_rate(
        s.false_alarms,
        s.false_alarms + s.correct_rejections,
        Undefined::NoNoise,
    );
    let rates = || -> Result<(f64, f64), Undefined> {
        Ok((hit_rate.into_result()?, false_alarm_rate.into_result()?))
    };
    let (d, c) = match rates() {
        Ok((h, f)) => (d_prime(h, f), criterion(h, f)),
        Err(why) => (Metric::Undefined(why), Metric::Undefined(why)),
    };
    let latency_sessions = if s.hits == 0 {
        Metric::Undefined(Undefined::NoHits)
    } else {
        Metric::finite(s.latency_total as f64 / s.hits as f64)
    };
    let kind_correct = if s.hits == 0 {
        Metric::Undefined(Undefined::NoHits)
    } else if s.kinds_named == 0 {
        Metric::Undefined(Undefined::NoKindNamed)
    } else {
        Metric::finite(s.kinds_correct as f64 / s.kinds_named as f64)
    };
    DetectionScores {
        signal_cases: s.hits + s.misses,
        noise_trials: s.false_alarms + s.correct_rejections,
        hits: s.hits,
        misses: s.misses,
        false_alarms: s.false_alarms,
        early_false_alarms: s.early_false_alarms,
        correct_rejections: s.correct_rejections,
        hit_rate,
        false_alarm_rate,
        d_prime: d,
        criterion: c,
        latency_sessions,
        kinds_named: s.kinds_named,
        kind_correct,
    }
}

#[derive(Default)]
struct Counts {
    hits: u64,
    misses: u64,
    false_alarms: u64,
    early_false_alarms: u64,
    correct_rejections: u64,
    latency_total: u64,
    kinds_named: u64,
    kinds_correct: u64,
}

impl Counts {
    fn add(&mut self, d: CaseDetection) {
        match d.signal {
            Some(SignalResult::Hit {
                latency_sessions,
                kind_correct,
            }) => {
                self.hits += 1;
                self.latency_total += u64::from(latency_sessions);
                if let Some(right) = kind_correct {
                    self.kinds_named += 1;
                    self.kinds_correct += u64::from(right);
                }
            }
            Some(SignalResult::Miss) => self.misses += 1,
            None => {}
        }
        match d.noise {
            Some(NoiseResult::FalseAlarm) => {
                self.false_alarms += 1;
                self.early_false_alarms += u64::from(d.signal.is_some());
            }
            Some(NoiseResult::CorrectRejection) => self.correct_rejections += 1,
            None => {}
        }
    }
}

/// JSON: the counts, then each metric as a number or `null` with a `<name>_undefined` reason.
impl Serialize for DetectionScores {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("signal_cases", &self.signal_cases)?;
        map.serialize_entry("noise_trials", &self.noise_trials)?;
        map.serialize_entry("hits", &self.hits)?;
        map.serialize_entry("misses", &self.misses)?;
        map.serialize_entry("false_alarms", &self.false_alarms)?;
        map.serialize_entry("early_false_alarms", &self.early_false_alarms)?;
        map.serialize_entry("correct_rejections", &self.correct_rejections)?;
        serialize_entry(&mut map, "hit_rate", &self.hit_rate)?;
        serialize_entry(&mut map, "false_alarm_rate", &self.false_alarm_rate)?;
        serialize_entry(&mut map, "d_prime", &self.d_prime)?;
        serialize_entry(&mut map, "criterion", &self.criterion)?;
        serialize_entry(&mut map, "latency_sessions", &self.latency_sessions)?;
        map.serialize_entry("kinds_named", &self.kinds_named)?;
        serialize_entry(&mut map, "kind_correct", &self.kind_correct)?;
        map.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::score::metric::close;

    fn flag(session: u32, kind: Option<usize>) -> Flag {
        Flag { session, kind }
    }

    fn case(drift: Option<(usize, u32)>, last_seen: u32, flags: &[Flag]) -> DriftCase {
        DriftCase {
            drift: drift.map(|(kind, onset)| DriftState { kind, onset }),
            last_seen,
            flags: flags.to_vec(),
        }
    }

    #[test]
    fn d_prime_reference_from_scoring_note() {
        // H = F = 0.5: z = 0 for both, d′ = 0, c = 0.
        close(d_prime(0.5, 0.5), 0.0, 1e-12);
        close(criterion(0.5, 0.5), 0.0, 1e-12);
        // Φ(1) = 0.8413, Φ(−1) = 0.1587: d′ = 1 − (−1) = 2, c = 0.
        close(d_prime(0.8413, 0.1587), 2.0, 1e-3);
        close(criterion(0.8413, 0.1587), 0.0, 1e-3);
    }

    #[test]
    fn criterion_sign_by_hand() {
        // H = 0.6, F = 0.1: z(0.6) = 0.253347, z(0.1) = −1.281552 (normal table);
        // d′ = 1.534899, c = −(0.253347 − 1.281552)/2 = 0.514102 > 0: conservative.
        close(d_prime(0.6, 0.1), 1.534_899, 1e-5);
        close(criterion(0.6, 0.1), 0.514_102, 1e-5);
        assert_eq!(d_prime(1.0, 0.2), Metric::Undefined(Undefined::ExtremeRate));
        assert_eq!(
            criterion(0.5, 0.0),
            Metric::Undefined(Undefined::ExtremeRate)
        );
    }

    #[test]
    fn classify_by_the_rule() {
        use NoiseResult::*;
        use SignalResult::*;
        // Drift kind 1 from session 4, seen to 8, flagged at 6 naming kind 1: hit, latency 2, kind
        // right; sessions 1–3 unflagged: correct rejection.
        let d = classify(&case(Some((1, 4)), 8, &[flag(6, Some(1))]));
        assert_eq!(
            d.signal,
            Some(Hit {
                latency_sessions: 2,
                kind_correct: Some(true)
            })
        );
        assert_eq!(d.noise, Some(CorrectRejection));
        // Flagged at 2 (before onset 4) and at 4: a hit with latency 0 and a false alarm.
        let d = classify(&case(Some((0, 4)), 8, &[flag(4, None), flag(2, Some(0))]));
        assert_eq!(
            d.signal,
            Some(Hit {
                latency_sessions: 0,
                kind_correct: None
            })
        );
        assert_eq!(d.noise, Some(FalseAlarm));
        // Flagged only before the onset: a miss and a false alarm.
        let d = classify(&case(Some((0, 5)), 8, &[flag(3, None)]));
        assert_eq!(d.signal, Some(Miss));
        assert_eq!(d.noise, Some(FalseAlarm));
        // Onset at session 1: no stretch before it, so no noise trial.
        let d = classify(&case(Some((0, 1)), 8, &[]));
        assert_eq!(d.signal, Some(Miss));
        assert_eq!(d.noise, None);
        // Onset after the last session seen: a case without drift for the trainee.
        let d = classify(&case(Some((0, 9)), 8, &[flag(7, None)]));
        assert_eq!(d.signal, None);
        assert_eq!(d.noise, Some(FalseAlarm));
        let d = classify(&case(None, 8, &[]));
        assert_eq!(d.signal, None);
        assert_eq!(d.noise, Some(CorrectRejection));
        // Flags on sessions not seen (0, or after the last seen) are ignored.
        let d = classify(&case(None, 8, &[flag(0, None), flag(9, None)]));
        assert_eq!(d.noise, Some(CorrectRejection));
        let d = classify(&case(Some((0, 3)), 5, &[flag(7, None)]));
        assert_eq!(d.signal, Some(Miss));
        // Kind: the earliest flag after the onset that names one counts (kind 2, wrong), not a later
        // one that names the true kind 0; an earlier flag naming nothing is skipped.
        let d = classify(&case(
            Some((0, 2)),
            8,
            &[flag(7, Some(0)), flag(3, None), flag(5, Some(2))],
        ));
        assert_eq!(
            d.signal,
            Some(Hit {
                latency_sessions: 1,
                kind_correct: Some(false)
            })
        );
        // Nothing seen: neither trial.
        let d = classify(&case(None, 0, &[]));
        assert_eq!((d.signal, d.noise), (None, None));
    }

    #[test]
    fn totals_by_hand() {
        // Four drift cases with onset 1 (no noise stretch): three hits (latencies 0, 2, 4; kinds named:
        // right, wrong, none) and one miss. Six cases without drift, one flagged.
        // H = (3 + 0.5)/(4 + 1) = 0.7; F = (1 + 0.5)/(6 + 1) = 0.2142857.
        // z(0.7) = 0.5244005, z(0.2142857) = −0.7916386 (normal quantiles);
        // d′ = 1.3160391, c = −(0.5244005 − 0.7916386)/2 = 0.1336191.
        // Latency (0 + 2 + 4)/3 = 2; kind right 1 of 2 named = 0.5.
        let mut cases = vec![
            case(Some((0, 1)), 6, &[flag(1, Some(0))]),
            case(Some((0, 1)), 6, &[flag(3, Some(1))]),
            case(Some((1, 1)), 6, &[flag(5, None)]),
            case(Some((1, 1)), 6, &[]),
            case(None, 6, &[flag(2, None)]),
        ];
        for _ in 0..5 {
            cases.push(case(None, 6, &[]));
        }
        let s = detection_scores(&cases);
        assert_eq!(
            (s.hits, s.misses, s.false_alarms, s.correct_rejections),
            (3, 1, 1, 5)
        );
        assert_eq!(
            (s.signal_cases, s.noise_trials, s.early_false_alarms),
            (4, 6, 0)
        );
        close(s.hit_rate, 0.7, 1e-12);
        close(s.false_alarm_rate, 1.5 / 7.0, 1e-12);
        close(s.d_prime, 1.316_039_1, 1e-6);
        close(s.criterion, 0.133_619_1, 1e-6);
        close(s.latency_sessions, 2.0, 1e-12);
        assert_eq!(s.kinds_named, 2);
        close(s.kind_correct, 0.5, 1e-12);
    }

    #[test]
    fn early_flag_in_drift_case_counts_once_as_false_alarm() {
        // One drift case (onset 3) flagged at 1, 2 and 4, and one clean case without drift.
        // Signal: 1 hit of 1. Noise: the drift case's sessions 1–2 (false alarm, counted once although
        // flagged twice) and the clean case (correct rejection): F = (1 + 0.5)/(2 + 1) = 0.5.
        let cases = [
            case(
                Some((0, 3)),
                5,
                &[flag(1, None), flag(2, None), flag(4, None)],
            ),
            case(None, 5, &[]),
        ];
        let s = detection_scores(&cases);
        assert_eq!((s.hits, s.false_alarms, s.early_false_alarms), (1, 1, 1));
        assert_eq!((s.signal_cases, s.noise_trials), (1, 2));
        close(s.hit_rate, 1.5 / 2.0, 1e-12);
        close(s.false_alarm_rate, 0.5, 1e-12);
    }

    #[test]
    fn degenerate_input() {
        let s = detection_scores(&[]);
        assert_eq!(s.hit_rate, Metric::Undefined(Undefined::NoSignal));
        assert_eq!(s.false_alarm_rate, Metric::Undefined(Undefined::NoNoise));
        assert_eq!(s.d_prime, Metric::Undefined(Undefined::NoSignal));
        assert_eq!(s.latency_sessions, Metric::Undefined(Undefined::NoHits));
        assert_eq!(s.kind_correct, Metric::Undefined(Undefined::NoHits));
        // Only cases without drift: F defined, H and d′ not.
        let s = detection_scores(&[case(None, 4, &[flag(2, None)])]);
        close(s.false_alarm_rate, 0.75, 1e-12);
        assert_eq!(s.criterion, Metric::Undefined(Undefined::NoSignal));
        // Only drift cases from session 1: H defined, F not.
        let s = detection_scores(&[case(Some((0, 1)), 4, &[flag(2, None)])]);
        close(s.hit_rate, 0.75, 1e-12);
        assert_eq!(s.d_prime, Metric::Undefined(Undefined::NoNoise));
        assert_eq!(s.kind_correct, Metric::Undefined(Undefined::NoKindNamed));
        close(s.latency_sessions, 1.0, 1e-12);
    }

    #[test]
    fn serialises_with_reasons() {
        let s = detection_scores(&[case(None, 4, &[])]);
        let v = serde_json::to_value(&s).unwrap();
        assert_eq!(v["d_prime"], serde_json::Value::Null);
        assert_eq!(
            v["d_prime_undefined"],
            "no case drifted by the last session seen"
        );
        assert_eq!(v["false_alarm_rate"], 0.25);
        assert!(v.get("false_alarm_rate_undefined").is_none());
        assert_eq!(v["correct_rejections"], 1);
    }
}
