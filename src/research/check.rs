//! `ontrack check`: does a scenario's simulation reproduce what it declares, and are the forecasters
//! what they claim to be?
//!
//! Declared rates are compared with realised ones through Wilson intervals with a family-wise level
//! of [`FAMILY_ERROR`] (Bonferroni over the rate lines, however many event classes a scenario has);
//! the scenario's qualification targets (see [`super::qualify`]) are judged the same way, as a
//! family of their own; the ideal forecaster
//! must have the lowest Brier score at every checkpoint and pass a Hosmer–Lemeshow test of calibration
//! over ten bins (at the 0.1 % level, so that a correct model fails by chance once in a thousand runs).

use std::fmt::Write as _;

use serde::Serialize;
use statrs::distribution::{ChiSquared, ContinuousCDF};

use crate::debrief::show::number;
use crate::forecast::{Benchmark, Benchmarks};
use crate::i18n::{t, tf};
use crate::model::{Case, Outcome, generate_case, generate_population_case, selection_norm};
use crate::research::drift_spotting::{DriftSpotting, SCANNER_SHARE_MAX, SpottingLine};
use crate::research::event_outcomes::{EventOutcomeLine, EventOutcomes, HarmLine};
use crate::research::qualify::{Qualifier, TargetLine, flagged};
use crate::run::machine::reached;
use crate::scenario::format::{By, Evidence, LindenClass, Statistic};
use crate::scenario::{EventCondition, Lang, Scenario};
use crate::score::{auc, bin_of, binned_reliability, brier};
use crate::stats::{normal_quantile, wilson_interval_z};
use crate::text_table::{self, Align};

/// What a realised rate is compared with.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Declared {
    /// A published or declared rate: its value must lie inside the realised rate's interval.
    Rate(f64),
    /// A published range: it must overlap the realised rate's interval.
    Range(f64, f64),
    /// A rate the model implies (computed in closed form): it must lie inside the interval.
    Implied(f64),
}

/// One line of the rate table; the interval is the family-wise Wilson interval (see [`FAMILY_ERROR`]).
#[derive(Debug, Clone, Serialize)]
pub struct RateLine {
    pub name: String,
    pub declared: Declared,
    pub count: u64,
    pub cases: u64,
    pub realised: f64,
    pub ci_low: f64,
    pub ci_high: f64,
    pub pass: bool,
}

/// Scores of one forecaster at one checkpoint.
#[derive(Debug, Clone, Serialize)]
pub struct ForecasterLine {
    pub checkpoint: u32,
    pub forecaster: Benchmark,
    /// The cases that reached the checkpoint: the only ones with a forecast there.
    pub cases: usize,
    pub brier: f64,
    pub reliability: f64,
    pub auc: Option<f64>,
    pub mean_forecast: f64,
}

/// The verdict on the ideal forecaster at one checkpoint.
#[derive(Debug, Clone, Serialize)]
pub struct IdealLine {
    pub checkpoint: u32,
    /// Lower Brier score than every other forecaster.
    pub best: bool,
    pub hosmer_lemeshow: f64,
    pub hosmer_lemeshow_p: f64,
    pub calibrated: bool,
}

/// Share of deteriorating cases the early-warning rule has flagged not on track (yellow or red) by a
/// checkpoint, and the share of all cases it flagged.
#[derive(Debug, Clone, Serialize)]
pub struct SignalLine {
    pub checkpoint: u32,
    pub sensitivity: f64,
    pub flagged: f64,
}

/// The whole report of `ontrack check`.
#[derive(Debug, Clone, Serialize)]
pub struct CheckReport {
    pub id: String,
    pub cases: u64,
    pub seed: u64,
    pub rates: Vec<RateLine>,
    pub forecasters: Vec<ForecasterLine>,
    pub ideal: Vec<IdealLine>,
    pub signals: Vec<SignalLine>,
    /// The scenario's qualification targets, with their own family-wise intervals.
    pub targets: Vec<TargetLine>,
    /// In a scenario that shows only flagged clients: what the selection does.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub selection: Option<SelectionLine>,
    /// Drift spotting per session: the ideal drift observer against the surface scanner (`None`
    /// without drift).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub drift_spotting: Option<SpottingLine>,
    /// How the clients shown with each unwanted event fared.
    pub event_outcomes: Vec<EventOutcomeLine>,
    /// The clients shown with a reaction to incorrect treatment or a violation against the others
    /// (`None` when the catalogue has neither).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub harm: Option<HarmLine>,
    pub pass: bool,
}

/// What the selection of a scenario does to its population (from the selection's norming sample).
#[derive(Debug, Clone, Serialize)]
pub struct SelectionLine {
    /// Clients were flagged not on track at some session up to this one.
    pub flagged_by: usize,
    /// Share of the population kept.
    pub kept: f64,
    /// Deterioration rate of the kept clients: the base rate of a run.
    pub base_rate: f64,
}

/// The chance that a correct scenario fails one family of lines (its rate lines, or its
/// qualification targets) by chance at one seed.
///
/// The library is qualified as a whole: every bundled scenario at the default seed, each with two
/// families. At 5 % per family its twenty families failed somewhere by chance in about two seeds of
/// three (1 − 0.95²⁰ = 0.64), and since a seed gives the same cases every time, such a failure
/// repeated in every run (`feedback-not-on-track-cst` at seed 1: "events: unrelated" at 2.9 standard
/// errors before the case streams were keyed by the scenario's id, "events: violation" at 2.7
/// after; scenarios/README.md). At 0.25 % per family the ten scenarios' twenty families fail by
/// chance in at most one seed in twenty (Bonferroni over the library). The price is a wider interval
/// (for seven lines 3.57 standard errors where it was 2.69): a smaller bias needs more `--cases`.
pub const FAMILY_ERROR: f64 = 0.0025;

/// The two-sided normal quantile of each of `lines` lines of one family (Bonferroni).
pub fn family_z(lines: usize) -> f64 {
    normal_quantile(1.0 - FAMILY_ERROR / 2.0 / lines.max(1) as f64)
}

/// The most cases `check` takes: it keeps every forecast in memory (see [`bytes_per_case`]), and ten
/// million cases are already several hundred megabytes and some minutes; more is refused rather than
/// left to fail on allocation.
pub const MAX_CASES: u64 = 10_000_000;

/// Cases each rate line must expect on either side (in it and not in it) at the declared rate. Below
/// ten, the binomial count is so coarse that its Wilson interval at the Bonferroni level spans most of
/// the possible rates, so a wrong rate passes as easily as a right one.
const PER_RATE_LINE: f64 = 10.0;

/// Deteriorations (and non-deteriorations) expected over the Hosmer–Lemeshow test's ten bins: five
/// per bin on average, the usual minimum of expected counts for a χ² statistic. With fewer the test
/// judges noise and fails a correct forecaster.
const PER_CALIBRATION_TEST: f64 = 50.0;

/// Why `check` refuses a number of cases.
#[derive(Debug, thiserror::Error)]
pub enum CheckError {
    #[error(
        "--cases {cases}: too few for this check — {id} needs at least {minimum} cases, because {reason}; give --cases {minimum} or more (the default is 100000)"
    )]
    TooFew {
        cases: u64,
        id: String,
        minimum: u64,
        reason: String,
    },
    #[error(
        "--cases {cases}: too many — the check keeps every forecast in memory (about {bytes} bytes a case), so it takes at most {max} cases; give --cases {max} or fewer",
        max = MAX_CASES
    )]
    TooMany { cases: u64, bytes: u64 },
}

/// Bytes the check keeps per case: a forecast of each benchmark and an early-warning flag per
/// checkpoint, and the outcome.
pub fn bytes_per_case(s: &Scenario) -> u64 {
    let per_checkpoint = Benchmark::ALL.len() * std::mem::size_of::<f64>() + 1;
    (s.file.checkpoints.len() * per_checkpoint + 1) as u64
}

/// The fewest cases the family-wise test can judge for `s`, and the reason in words: every rate line
/// must expect [`PER_RATE_LINE`] cases in it and out of it at its declared rate (for a range, its
/// middle), and the deterioration rate must give the calibration test [`PER_CALIBRATION_TEST`]
/// deteriorations and as many without. The rarest rate decides.
pub fn minimum_cases(s: &Scenario) -> (u64, String) {
    let f = &s.file;
    let mut needs = vec![(
        needed(f.deterioration_rate.value, PER_CALIBRATION_TEST),
        format!(
            "the calibration test of the ideal forecaster (Hosmer–Lemeshow, ten bins) needs about {PER_CALIBRATION_TEST} deteriorations and as many without, at the declared deterioration rate {:.4}",
            f.deterioration_rate.value
        ),
    )];
    for line in Counts::default().lines(s, 0) {
        let rate = match line.declared {
            Declared::Rate(r) | Declared::Implied(r) => r,
            Declared::Range(a, b) => (a + b) / 2.0,
        };
        needs.push((
            needed(rate, PER_RATE_LINE),
            format!(
                "the rate line \"{}\" (declared {rate:.4}) must expect {PER_RATE_LINE} cases in it and {PER_RATE_LINE} out of it for its family-wise Wilson interval to tell a wrong rate from the right one",
                line.name
            ),
        ));
    }
    needs
        .into_iter()
        .max_by_key(|(n, _)| *n)
        .unwrap_or((1, String::new()))
}

/// Cases needed to expect `count` on the rarer side of `rate`; a rate of 0 or 1 needs none (any case
/// that contradicts it shows at once).
fn needed(rate: f64, count: f64) -> u64 {
    let rarer = rate.min(1.0 - rate);
    if rarer.is_finite() && rarer > 0.0 {
        (count / rarer).ceil() as u64
    } else {
        1
    }
}

/// Runs the check on `n` cases drawn with `seed`; `progress` is told how many cases are done. Too few
/// cases for the tests to judge, or more than fit in memory, are refused before any is drawn.
pub fn check(
    s: &Scenario,
    n: u64,
    seed: u64,
    progress: &mut dyn FnMut(u64),
) -> Result<CheckReport, CheckError> {
    if n > MAX_CASES {
        return Err(CheckError::TooMany {
            cases: n,
            bytes: bytes_per_case(s),
        });
    }
    let (minimum, reason) = minimum_cases(s);
    if n < minimum {
        return Err(CheckError::TooFew {
            cases: n,
            id: s.file.id.clone(),
            minimum,
            reason,
        });
    }
    let bench = Benchmarks::new(s);
    let checkpoints = s.file.checkpoints.clone();
    // Each checkpoint's forecasts and outcomes, of the cases that reached it: a client who stopped
    // before a checkpoint is asked nothing there, in a run as here.
    let mut forecasts = vec![[Vec::new(), Vec::new(), Vec::new()]; checkpoints.len()];
    let mut outcomes_at = vec![Vec::new(); checkpoints.len()];
    let mut flagged_ever = vec![Vec::new(); checkpoints.len()];
    let mut outcomes = Vec::with_capacity(n as usize);
    let mut counts = Counts::default();
    let mut qualifier = Qualifier::new(s);
    let mut spotting = DriftSpotting::default();
    let mut event_outcomes = EventOutcomes::default();
    for i in 0..n {
        let case = generate_case(s, seed, i);
        spotting.add(s, &bench.ideal, &case);
        event_outcomes.add(s, &case);
        // The declared rates describe the whole population: a selection is checked before it acts.
        let population = s.selected_by.map(|_| generate_population_case(s, seed, i));
        let population = population.as_ref().unwrap_or(&case);
        counts.add(s, population);
        // Whether the early-warning signal is yellow or red after each session with a score.
        let warnings: Vec<bool> = (1..case.scores.len() as u32)
            .map(|t| bench.actuarial().signal(s, &case.visible(t)).not_on_track())
            .collect();
        // The targets judge the clinic's rule: in a selected group, the one that selected it.
        let clinic_warnings: Vec<bool> = match s.selected_by {
            Some(_) => {
                let norm = &selection_norm(s).warning;
                (1..case.scores.len())
                    .map(|t| {
                        case.scores
                            .get(..=t)
                            .is_some_and(|y| norm.signal(&s.rules, y).not_on_track())
                    })
                    .collect()
            }
            None => warnings.clone(),
        };
        qualifier.add_drawn(s, &case, population, &clinic_warnings);
        let deteriorated = case.outcome == Outcome::Deteriorated;
        for (ci, &cp) in checkpoints.iter().enumerate() {
            if reached(s, &case, cp) {
                let v = case.visible(cp);
                for (fi, f) in Benchmark::ALL.iter().enumerate() {
                    if let Some(list) = forecasts.get_mut(ci).and_then(|row| row.get_mut(fi)) {
                        list.push(bench.forecast(*f, &v));
                    }
                }
                if let Some(list) = outcomes_at.get_mut(ci) {
                    list.push(deteriorated);
                }
            }
            // A warning counts before the last score only (a case that ended before the
            // checkpoint was warned, if at all, before its last session), as in the targets.
            if let Some(list) = flagged_ever.get_mut(ci) {
                list.push(flagged(&warnings, By::Session(cp)));
            }
        }
        outcomes.push(deteriorated);
        if (i + 1) % 1000 == 0 || i + 1 == n {
            progress(i + 1);
        }
    }

    let rates = counts.lines(s, n);
    let mut lines = Vec::new();
    let mut ideal = Vec::new();
    let mut signals = Vec::new();
    for (ci, &cp) in checkpoints.iter().enumerate() {
        let (Some(row), Some(reached_outcomes)) = (forecasts.get(ci), outcomes_at.get(ci)) else {
            continue;
        };
        let mut briers = Vec::new();
        for (fi, f) in Benchmark::ALL.iter().enumerate() {
            let Some(p) = row.get(fi) else { continue };
            let b = brier(p, reached_outcomes).value().unwrap_or(f64::NAN);
            briers.push((*f, b));
            lines.push(ForecasterLine {
                checkpoint: cp,
                forecaster: *f,
                cases: p.len(),
                brier: b,
                reliability: binned_reliability(p, reached_outcomes)
                    .value()
                    .unwrap_or(f64::NAN),
                auc: auc(p, reached_outcomes).value(),
                mean_forecast: p.iter().sum::<f64>() / p.len().max(1) as f64,
            });
        }
        let ideal_brier = briers
            .iter()
            .find(|(f, _)| *f == Benchmark::Ideal)
            .map_or(f64::NAN, |(_, b)| *b);
        let best = briers
            .iter()
            .filter(|(f, _)| *f != Benchmark::Ideal)
            .all(|(_, b)| ideal_brier < *b);
        let (hl, hl_p) = row
            .get(2)
            .map_or((f64::NAN, 0.0), |p| hosmer_lemeshow(p, reached_outcomes));
        ideal.push(IdealLine {
            checkpoint: cp,
            best,
            hosmer_lemeshow: hl,
            hosmer_lemeshow_p: hl_p,
            calibrated: hl_p > 0.001,
        });
        if let Some(flags) = flagged_ever.get(ci) {
            let det = outcomes.iter().filter(|o| **o).count().max(1) as f64;
            let hits = flags
                .iter()
                .zip(&outcomes)
                .filter(|(f, o)| **f && **o)
                .count() as f64;
            let all = flags.iter().filter(|f| **f).count() as f64;
            signals.push(SignalLine {
                checkpoint: cp,
                sensitivity: hits / det,
                flagged: all / n.max(1) as f64,
            });
        }
    }
    // Bonferroni over the target lines, as over the rate lines.
    let z = family_z(s.file.targets.len());
    let targets = qualifier.lines(s.rules.worse, z);
    let drift_spotting = spotting.line(s);
    let pass = rates.iter().all(|r| r.pass)
        && ideal.iter().all(|l| l.best && l.calibrated)
        && targets.iter().all(|t| t.pass)
        && drift_spotting.as_ref().is_none_or(|d| d.pass);
    Ok(CheckReport {
        id: s.file.id.clone(),
        cases: n,
        seed,
        rates,
        forecasters: lines,
        ideal,
        signals,
        targets,
        selection: s.selected_by.map(|flagged_by| {
            let norm = selection_norm(s);
            SelectionLine {
                flagged_by,
                kept: norm.kept,
                base_rate: norm.base_rate,
            }
        }),
        drift_spotting,
        event_outcomes: event_outcomes.lines(s),
        harm: event_outcomes.harm(s),
        pass,
    })
}

/// Hosmer–Lemeshow statistic over the ten forecast bins and its p-value: χ² with as many degrees
/// of freedom as bins with forecasts. The forecasts are not fitted to these cases (they come from
/// the scenario's model before any outcome is drawn), so each bin's (O − E)²/V is the square of an
/// independent standardised sum, χ²(1) for a correct forecaster, and their sum χ²(bins); the
/// bins − 2 of the development sample is for a model fitted to the same data. With bins − 2 a correct
/// forecaster whose forecasts fill three bins (the intake-only forecasts of `first-lesson`) was
/// judged against χ²(1) while its statistic has mean 3, and failed at the 0.1 % level in some seeds
/// (seed 1: 11.0).
fn hosmer_lemeshow(p: &[f64], outcomes: &[bool]) -> (f64, f64) {
    let mut expected = [0.0_f64; 10];
    let mut variance = [0.0_f64; 10];
    let mut observed = [0.0_f64; 10];
    for (&pi, &o) in p.iter().zip(outcomes) {
        let b = bin_of(pi);
        if let (Some(e), Some(v), Some(ob)) = (
            expected.get_mut(b),
            variance.get_mut(b),
            observed.get_mut(b),
        ) {
            *e += pi;
            *v += pi * (1.0 - pi);
            *ob += f64::from(u8::from(o));
        }
    }
    let mut stat = 0.0;
    let mut bins = 0;
    for ((e, v), o) in expected.iter().zip(&variance).zip(&observed) {
        if *v > 1e-9 {
            stat += (o - e).powi(2) / v;
            bins += 1;
        }
    }
    let df = f64::from(bins).max(1.0);
    let p_value = ChiSquared::new(df).map_or(0.0, |chi| 1.0 - chi.cdf(stat));
    (stat, p_value)
}

#[derive(Default)]
struct Counts {
    deteriorated: u64,
    recovered: u64,
    drift: u64,
    /// Cases with at least one event of each Linden class.
    class_cases: [u64; 4],
}

impl Counts {
    fn add(&mut self, s: &Scenario, case: &Case) {
        self.deteriorated += u64::from(case.outcome == Outcome::Deteriorated);
        self.recovered += u64::from(case.outcome == Outcome::Recovered);
        self.drift += u64::from(case.hidden.drift.is_some());
        for (i, class) in LindenClass::ALL.iter().enumerate() {
            let any = case.events.iter().any(|e| {
                s.file
                    .events
                    .get(e.kind)
                    .is_some_and(|k| k.linden == *class)
            });
            if let Some(c) = self.class_cases.get_mut(i) {
                *c += u64::from(any);
            }
        }
    }

    fn lines(&self, s: &Scenario, n: u64) -> Vec<RateLine> {
        let f = &s.file;
        let mut lines = vec![
            (
                "deterioration".to_string(),
                Declared::Rate(f.deterioration_rate.value),
                self.deteriorated,
            ),
            (
                "recovery".to_string(),
                Declared::Range(f.recovery_rate.low, f.recovery_rate.high),
                self.recovered,
            ),
            (
                "drift".to_string(),
                Declared::Rate(f.drift.rate.value),
                self.drift,
            ),
        ];
        for (i, class) in LindenClass::ALL.iter().enumerate() {
            if !f.events.iter().any(|e| e.linden == *class) {
                continue;
            }
            let implied = event_class_share(s, *class);
            let count = self.class_cases.get(i).copied().unwrap_or(0);
            lines.push((
                format!("events: {}", class.slug()),
                Declared::Implied(implied),
                count,
            ));
        }
        // Bonferroni: each line at level 1 − FAMILY_ERROR / lines, two-sided.
        let z = family_z(lines.len());
        lines
            .into_iter()
            .map(|(name, declared, count)| rate_line(name, declared, count, n, z))
            .collect()
    }
}

fn rate_line(name: String, declared: Declared, count: u64, cases: u64, z: f64) -> RateLine {
    let (lo, hi) = wilson_interval_z(count, cases, z);
    let pass = match declared {
        Declared::Rate(r) | Declared::Implied(r) => lo <= r && r <= hi,
        Declared::Range(a, b) => lo <= b && a <= hi,
    };
    RateLine {
        name,
        declared,
        count,
        cases,
        realised: count as f64 / cases.max(1) as f64,
        ci_low: lo,
        ci_high: hi,
        pass,
    }
}

/// The share of cases with at least one event of `class`, in closed form: per drift state
/// (none, or kind and onset) a session depends on the one before only through whether the elements
/// that others follow were delivered (homework set, then reviewed), so the sessions are a Markov
/// chain over those elements' states, run forward. Within a session each protocol element that is
/// called for and not crowded out by an off-protocol activity is delivered independently (unless
/// left out for a stated reason) and gates the events that follow it.
///
/// Where an event's rate depends on the course (`course_rates`), the chain is run per course and
/// weighed by the course's prior without and with drift (the course is drawn given drift, and the
/// end of treatment does not depend on it).
pub fn event_class_share(s: &Scenario, class: LindenClass) -> f64 {
    let dependent = s
        .file
        .events
        .iter()
        .zip(&s.course_dependent)
        .any(|(e, d)| e.linden == class && *d);
    if !dependent {
        return 1.0 - no_event_of_class(s, class, 0, 1.0, 1.0);
    }
    let none: f64 = s
        .priors_no_drift
        .iter()
        .zip(&s.priors_drift)
        .enumerate()
        .map(|(k, (&w0, &w1))| no_event_of_class(s, class, k, w0, w1))
        .sum();
    1.0 - none
}

/// P(no event of `class` in the case, and course `course`), the course's prior being `w0` without
/// drift and `w1` with it (1 and 1 where no rate depends on the course).
fn no_event_of_class(s: &Scenario, class: LindenClass, course: usize, w0: f64, w1: f64) -> f64 {
    let sessions = s.sessions();
    let f = &s.file;
    let in_class: Vec<(usize, f64, EventCondition)> = f
        .events
        .iter()
        .zip(&s.event_conditions)
        .enumerate()
        .filter(|(_, (e, _))| e.linden == class)
        .map(|(i, (e, c))| {
            let rate = s
                .event_rates
                .get(i)
                .and_then(|r| r.get(course))
                .copied()
                .unwrap_or(e.rate.value);
            (i, rate, *c)
        })
        .collect();
    // The elements that another element follows: their delivery carries over to the next session.
    let mut parents: Vec<usize> = s.elements.iter().filter_map(|e| e.follows).collect();
    parents.sort_unstable();
    parents.dedup();
    let states = 1_usize << parents.len();
    // P(no event of the class in session t, and the parents' state after it | their state before),
    // a row per state before, given omission and off-protocol probabilities and whether drift is
    // on: summed over which off-protocol activities happen, since they crowd out elements (an
    // element crowded out is not delivered, so it gates nothing).
    let step = |t: usize, omission: &[f64], off_rates: &[f64], drifting: bool| -> Vec<f64> {
        let mut always = 1.0;
        for (_, rate, cond) in &in_class {
            match cond {
                EventCondition::Always => always *= 1.0 - rate,
                EventCondition::Drift if drifting => always *= 1.0 - rate,
                _ => {}
            }
        }
        let mut matrix = vec![0.0; states * states];
        let mut due = Vec::new();
        let mut previous = vec![false; omission.len()];
        for from in 0..states {
            for (b, &p) in parents.iter().enumerate() {
                if let Some(x) = previous.get_mut(p) {
                    *x = from >> b & 1 == 1;
                }
            }
            s.due_into(t as u32, (t > 1).then_some(previous.as_slice()), &mut due);
            for pattern in 0..1_usize << off_rates.len() {
                let happened: Vec<bool> = (0..off_rates.len())
                    .map(|j| pattern >> j & 1 == 1)
                    .collect();
                let p_pattern: f64 = off_rates
                    .iter()
                    .zip(&happened)
                    .map(|(r, &h)| if h { *r } else { 1.0 - r })
                    .product();
                let crowded = s.crowded(&happened);
                let mut to = vec![0.0; states];
                if let Some(x) = to.first_mut() {
                    *x = p_pattern;
                }
                for (el, q) in omission.iter().enumerate() {
                    let open = due.get(el).copied().unwrap_or(true)
                        && !crowded.get(el).copied().unwrap_or(false);
                    let rho = s.elements.get(el).map_or(0.0, |e| e.excused);
                    let d = if open { (1.0 - rho) * (1.0 - q) } else { 0.0 };
                    let gated: f64 = in_class
                        .iter()
                        .filter(|(_, _, cond)| *cond == EventCondition::Element(el))
                        .map(|(_, rate, _)| 1.0 - rate)
                        .product();
                    match parents.iter().position(|&p| p == el) {
                        Some(b) => {
                            let mut next = vec![0.0; states];
                            for (state, w) in to.iter().enumerate() {
                                if let Some(x) = next.get_mut(state | 1 << b) {
                                    *x += w * d * gated;
                                }
                                if let Some(x) = next.get_mut(state) {
                                    *x += w * (1.0 - d);
                                }
                            }
                            to = next;
                        }
                        None => to.iter_mut().for_each(|w| *w *= 1.0 - d + d * gated),
                    }
                }
                for (j, w) in to.iter().enumerate() {
                    if let Some(x) = matrix.get_mut(from * states + j) {
                        *x += always * w;
                    }
                }
            }
        }
        matrix
    };
    // The step of every session before drift and after the onset of each kind.
    let before: Vec<Vec<f64>> = (1..=sessions)
        .map(|t| step(t, &s.omission_before, &s.off_protocol_before, false))
        .collect();
    // Per kind, per stage of its ramp, per session.
    let afters: Vec<Vec<Vec<Vec<f64>>>> = s
        .kinds
        .iter()
        .map(|kind| {
            kind.stages
                .iter()
                .map(|st| {
                    (1..=sessions)
                        .map(|t| step(t, &st.omission, &st.off_protocol, true))
                        .collect()
                })
                .collect()
        })
        .collect();
    // P(no event in sessions 1..=last), with the steps of sessions from `onset` on taken from
    // `after`, each at its stage of the ramp (an onset after `last` never comes).
    let run = |last: usize, after: Option<(&Vec<Vec<Vec<f64>>>, usize)>| -> f64 {
        let mut v = vec![0.0; states];
        if let Some(x) = v.first_mut() {
            *x = 1.0;
        }
        for t in 1..=last {
            let m = match after {
                Some((stages, onset)) if t >= onset => {
                    let k = (t - onset + 1).min(stages.len()).max(1);
                    stages.get(k - 1).and_then(|steps| steps.get(t - 1))
                }
                _ => before.get(t - 1),
            };
            let Some(m) = m else { continue };
            let mut next = vec![0.0; states];
            for (i, w) in v.iter().enumerate() {
                for (j, x) in next.iter_mut().enumerate() {
                    *x += w * m.get(i * states + j).copied().unwrap_or(0.0);
                }
            }
            v = next;
        }
        v.iter().sum()
    };
    let p_drift = f.drift.rate.value;
    // No event in sessions 1..=last, over the sessions at which the treatment may end.
    let none_until = |last: usize| -> f64 {
        let mut none = (1.0 - p_drift) * w0 * run(last, None);
        for (kind, after) in s.kinds.iter().zip(&afters) {
            for (t0, p_o) in s.onset.iter().enumerate() {
                if *p_o > 0.0 {
                    none +=
                        p_drift * w1 * kind.probability * p_o * run(last, Some((after, t0 + 1)));
                }
            }
        }
        none
    };
    s.last_session
        .iter()
        .enumerate()
        .take(sessions + 1)
        .filter(|(_, p)| **p > 0.0)
        .map(|(last, p)| p * none_until(last))
        .sum()
}
/// The check report as the table a person reads, in `lang`. Columns are as wide as their longest
/// header or cell (counted in characters), so they line up in both languages.
pub fn check_text(r: &CheckReport, lang: Lang) -> String {
    let num = |x: f64, decimals: usize| number(x, decimals, lang);
    let verdict = |pass: bool| t(lang, if pass { "check-pass" } else { "check-fail" });
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{}",
        tf(
            lang,
            "check-title",
            &[
                ("id", r.id.as_str().into()),
                ("cases", r.cases.to_string().into()),
                ("seed", r.seed.to_string().into()),
            ]
        )
    );
    let _ = writeln!(out);
    if let Some(sel) = &r.selection {
        let _ = writeln!(
            out,
            "{}",
            tf(
                lang,
                "check-selection",
                &[
                    ("session", sel.flagged_by.to_string().into()),
                    ("kept", num(100.0 * sel.kept, 1).into()),
                    ("rate", num(sel.base_rate, 4).into()),
                ]
            )
        );
        let _ = writeln!(out);
    }
    let rates: Vec<[String; 4]> = r
        .rates
        .iter()
        .map(|l| {
            let declared = match l.declared {
                Declared::Rate(x) => num(x, 4),
                Declared::Range(a, b) => format!("{}–{}", num(a, 2), num(b, 2)),
                Declared::Implied(x) => tf(lang, "check-model", &[("rate", num(x, 4).into())]),
            };
            let interval = format!("{:>9}–{:<9}", num(l.ci_low, 4), num(l.ci_high, 4));
            [
                rate_name(&l.name, lang),
                declared,
                num(l.realised, 4),
                interval,
            ]
        })
        .collect();
    let header = [
        t(lang, "check-col-rate"),
        t(lang, "check-col-declared"),
        t(lang, "check-col-realised"),
        t(lang, "check-col-interval"),
    ];
    let w = widths(&header, &rates, [26, 18, 9, 19]);
    let _ = writeln!(
        out,
        "{:<w0$} {:>w1$} {:>w2$} {:>w3$}  {}",
        header[0],
        header[1],
        header[2],
        header[3],
        t(lang, "check-col-result"),
        w0 = w[0],
        w1 = w[1],
        w2 = w[2],
        w3 = w[3],
    );
    for (cells, l) in rates.iter().zip(&r.rates) {
        let _ = writeln!(
            out,
            "{:<w0$} {:>w1$} {:>w2$} {:>w3$}  {}",
            cells[0],
            cells[1],
            cells[2],
            cells[3],
            verdict(l.pass),
            w0 = w[0],
            w1 = w[1],
            w2 = w[2],
            w3 = w[3],
        );
    }
    let _ = writeln!(
        out,
        "{}",
        tf(lang, "check-footnote", &[("lines", r.rates.len().into())])
    );
    let _ = writeln!(out);
    out.push_str(&target_table(&r.targets, lang));
    let _ = writeln!(out);
    let forecasters: Vec<[String; 7]> = r
        .forecasters
        .iter()
        .map(|l| {
            [
                l.checkpoint.to_string(),
                t(lang, &format!("bench-{}", l.forecaster.slug())),
                num(l.cases as f64, 0),
                num(l.brier, 5),
                num(l.reliability, 5),
                l.auc.map_or_else(|| t(lang, "check-na"), |a| num(a, 3)),
                num(l.mean_forecast, 4),
            ]
        })
        .collect();
    let header = [
        t(lang, "check-col-checkpoint"),
        t(lang, "check-col-forecaster"),
        t(lang, "check-col-cases"),
        t(lang, "col-brier"),
        t(lang, "check-col-reliability"),
        t(lang, "col-auc"),
        t(lang, "check-col-mean"),
    ];
    let w = widths(&header, &forecasters, [10, 10, 8, 8, 12, 7, 9]);
    for cells in std::iter::once(&header).chain(&forecasters) {
        let _ = writeln!(
            out,
            "{:<w0$} {:<w1$} {:>w2$} {:>w3$} {:>w4$} {:>w5$} {:>w6$}",
            cells[0],
            cells[1],
            cells[2],
            cells[3],
            cells[4],
            cells[5],
            cells[6],
            w0 = w[0],
            w1 = w[1],
            w2 = w[2],
            w3 = w[3],
            w4 = w[4],
            w5 = w[5],
            w6 = w[6],
        );
    }
    let _ = writeln!(out);
    for l in &r.ideal {
        let _ = writeln!(
            out,
            "{}",
            tf(
                lang,
                "check-ideal",
                &[
                    ("checkpoint", format!("{:<3}", l.checkpoint).into()),
                    ("best", verdict(l.best).into()),
                    ("hl", num(l.hosmer_lemeshow, 1).into()),
                    ("p", num(l.hosmer_lemeshow_p, 3).into()),
                    ("calibrated", verdict(l.calibrated).into()),
                ]
            )
        );
    }
    let _ = writeln!(out);
    for l in &r.signals {
        let _ = writeln!(
            out,
            "{}",
            tf(
                lang,
                "check-signal",
                &[
                    ("checkpoint", format!("{:<3}", l.checkpoint).into()),
                    ("sensitivity", num(100.0 * l.sensitivity, 0).into()),
                    ("flagged", num(100.0 * l.flagged, 0).into()),
                ]
            )
        );
    }
    let _ = writeln!(out);
    if let Some(d) = &r.drift_spotting {
        let band = d.band.map_or_else(
            || t(lang, "check-spotting-no-band"),
            |(lo, hi)| {
                tf(
                    lang,
                    "check-spotting-band",
                    &[("low", num(lo, 2).into()), ("high", num(hi, 2).into())],
                )
            },
        );
        let share = if d.ideal_d_prime > 0.0 {
            100.0 * d.scanner_d_prime / d.ideal_d_prime
        } else {
            f64::NAN
        };
        let _ = writeln!(
            out,
            "{}",
            tf(
                lang,
                "check-spotting",
                &[
                    ("ideal", num(d.ideal_d_prime, 2).into()),
                    ("ideal_onset", num(d.ideal_at_onset, 2).into()),
                    ("band", band.into()),
                    ("scanner", num(d.scanner_d_prime, 2).into()),
                    ("scanner_onset", num(d.scanner_at_onset, 2).into()),
                    ("share", num(share, 0).into()),
                    ("max", num(100.0 * SCANNER_SHARE_MAX, 0).into()),
                    ("verdict", verdict(d.pass).into()),
                ]
            )
        );
        let _ = writeln!(out);
    }
    event_outcome_text(&mut out, r, lang);
    let _ = writeln!(
        out,
        "{}",
        t(
            lang,
            if r.pass {
                "check-pass-all"
            } else {
                "check-fail-all"
            }
        )
    );
    out
}

/// The outcomes of the clients with each event, and of the harmed clients against the others.
fn event_outcome_text(out: &mut String, r: &CheckReport, lang: Lang) {
    let num = |x: f64, decimals: usize| number(x, decimals, lang);
    if r.event_outcomes.is_empty() {
        return;
    }
    let _ = writeln!(out, "{}", t(lang, "check-events-title"));
    for line in &r.event_outcomes {
        let _ = writeln!(
            out,
            "  {}",
            tf(
                lang,
                "check-event-outcome",
                &[
                    ("key", line.key.as_str().into()),
                    (
                        "class",
                        t(lang, &format!("class-{}", line.linden.slug())).into()
                    ),
                    ("clients", line.with.clients.to_string().into()),
                    ("recovered", num(100.0 * line.with.recovered, 1).into()),
                    (
                        "deteriorated",
                        num(100.0 * line.with.deteriorated, 1).into()
                    ),
                ]
            )
        );
    }
    if let Some(h) = &r.harm {
        let _ = writeln!(
            out,
            "{}",
            tf(
                lang,
                "check-harm",
                &[
                    ("clients", h.harmed.clients.to_string().into()),
                    ("recovered", num(100.0 * h.harmed.recovered, 1).into()),
                    ("deteriorated", num(100.0 * h.harmed.deteriorated, 1).into()),
                    ("recovered_other", num(100.0 * h.others.recovered, 1).into()),
                    (
                        "deteriorated_other",
                        num(100.0 * h.others.deteriorated, 1).into()
                    ),
                    ("recovery_ratio", num(h.recovery_ratio, 2).into()),
                    ("deterioration_ratio", num(h.deterioration_ratio, 2).into()),
                ]
            )
        );
    }
    let _ = writeln!(out);
}

/// The target table: each target with its source, value and band, the realised value with its
/// family-wise interval, and the verdict.
fn target_table(lines: &[TargetLine], lang: Lang) -> String {
    let num = |x: f64| number(x, 3, lang);
    let mut out = String::new();
    let _ = writeln!(out, "{}", t(lang, "check-targets-title"));
    if lines.is_empty() {
        let _ = writeln!(out, "{}", t(lang, "check-targets-none"));
        return out;
    }
    let rows: Vec<[String; 5]> = lines
        .iter()
        .map(|l| {
            let evidence = match l.target.evidence {
                Evidence::Verified => "evidence-verified",
                Evidence::Unverified => "evidence-unverified",
                Evidence::ModellingChoice => "evidence-modelling-choice",
            };
            let source = tf(
                lang,
                "check-target-source",
                &[
                    ("key", l.target.source.as_str().into()),
                    ("evidence", t(lang, evidence).into()),
                ],
            );
            let band = format!(
                "{} ({}–{})",
                num(l.target.value),
                num(l.band_low),
                num(l.band_high)
            );
            let (realised, interval) = l.realised.map_or_else(
                || (t(lang, "check-na"), String::new()),
                |e| (num(e.value), format!("{}–{}", num(e.low), num(e.high))),
            );
            [
                target_name(&l.target.statistic, lang),
                source,
                band,
                realised,
                interval,
            ]
        })
        .collect();
    let header = [
        t(lang, "check-col-target"),
        t(lang, "check-col-source"),
        t(lang, "check-col-band"),
        t(lang, "check-col-realised"),
        t(lang, "check-col-interval"),
    ];
    let w = widths(&header, &rows, [30, 20, 20, 9, 13]);
    let align = [
        Align::Left,
        Align::Left,
        Align::Right,
        Align::Right,
        Align::Right,
    ];
    let _ = writeln!(
        out,
        "{}  {}",
        text_table::row(&header, &w, &align, " "),
        t(lang, "check-col-result")
    );
    for (cells, l) in rows.iter().zip(lines) {
        let verdict = t(lang, if l.pass { "check-pass" } else { "check-fail" });
        let _ = writeln!(
            out,
            "{}  {verdict}",
            text_table::row(cells, &w, &align, " ")
        );
    }
    let _ = writeln!(
        out,
        "{}",
        tf(
            lang,
            "check-targets-footnote",
            &[("lines", lines.len().into())]
        )
    );
    out
}

/// A target's statistic in words of `lang`.
fn target_name(statistic: &Statistic, lang: Lang) -> String {
    let by = |b: By, key: &str| match b {
        By::Session(session) => tf(lang, &format!("{key}-by"), &[("session", session.into())]),
        By::End => t(lang, &format!("{key}-end")),
    };
    match *statistic {
        Statistic::Deterioration => t(lang, "target-deterioration"),
        Statistic::Recovery => t(lang, "target-recovery"),
        Statistic::ReliableImprovementBy(session) => tf(
            lang,
            "target-reliable-improvement-by",
            &[("session", session.into())],
        ),
        Statistic::ReliablyImprovedAt(session) => tf(
            lang,
            "target-reliably-improved-at",
            &[("session", session.into())],
        ),
        Statistic::RecoveryBy(session) => {
            tf(lang, "target-recovery-by", &[("session", session.into())])
        }
        Statistic::SuddenGain {
            min_points,
            min_share,
        } => tf(
            lang,
            "target-sudden-gain",
            &[
                ("points", number(min_points, 0, lang).into()),
                ("share", number(100.0 * min_share, 0, lang).into()),
            ],
        ),
        Statistic::AllianceOutcome { sessions } => tf(
            lang,
            "target-alliance-outcome",
            &[("sessions", sessions.into())],
        ),
        Statistic::AllianceDropout { sessions } => tf(
            lang,
            "target-alliance-dropout",
            &[("sessions", sessions.into())],
        ),
        Statistic::TestRetest => t(lang, "target-test-retest"),
        Statistic::Dropout => t(lang, "target-dropout"),
        Statistic::DropoutBy(session) => {
            tf(lang, "target-dropout-by", &[("session", session.into())])
        }
        Statistic::WarningSensitivity(b) => by(b, "target-warning-sensitivity"),
        Statistic::WarningFlagged(b) => by(b, "target-warning-flagged"),
        Statistic::Events(class) => tf(
            lang,
            "target-events",
            &[("class", t(lang, &format!("short-{}", class.slug())).into())],
        ),
    }
}

/// A rate line's name for people: the names in the JSON (`deterioration`, `events: side_effect`)
/// in words of `lang`.
fn rate_name(name: &str, lang: Lang) -> String {
    if let Some(class) = name.strip_prefix("events: ") {
        let class = t(lang, &format!("short-{class}"));
        return tf(lang, "check-rate-events", &[("class", class.into())]);
    }
    let key = format!("check-rate-{name}");
    let text = t(lang, &key);
    if text == key { name.to_string() } else { text }
}

/// The width of each column in characters: its longest cell or header, at least `least`.
fn widths<const N: usize>(
    header: &[String; N],
    rows: &[[String; N]],
    least: [usize; N],
) -> [usize; N] {
    let mut w = least;
    for cells in std::iter::once(header).chain(rows) {
        for (width, cell) in w.iter_mut().zip(cells) {
            *width = (*width).max(cell.chars().count());
        }
    }
    w
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hosmer_lemeshow_counts_a_degree_of_freedom_per_bin() {
        // Three bins of 1 000 forecasts at 0.05, 0.15 and 0.25; the first has 60 outcomes where 50
        // are expected, the others exactly as many as expected: the statistic is 10² / 47.5 = 2.1053,
        // and χ²(3) exceeds it with probability erfc(√(x/2)) + √(2x/π)·e^(−x/2) = 0.55085 (by hand;
        // against χ²(1) it would be 0.14679).
        let mut p = Vec::new();
        let mut outcomes = Vec::new();
        for (forecast, hits) in [(0.05, 60), (0.15, 150), (0.25, 250)] {
            for i in 0..1000 {
                p.push(forecast);
                outcomes.push(i < hits);
            }
        }
        let (stat, p_value) = hosmer_lemeshow(&p, &outcomes);
        assert!((stat - 2.105_263).abs() < 1e-5, "{stat}");
        assert!((p_value - 0.550_849).abs() < 1e-5, "{p_value}");
    }

    #[test]
    fn each_family_is_judged_at_the_library_level() {
        // Seven lines at 0.25 % in all: each two-sided at 0.0025 / 7, z = Φ⁻¹(1 − 1.7857·10⁻⁴) =
        // 3.56988 (Python's statistics.NormalDist).
        assert!((family_z(7) - 3.569_88).abs() < 1e-4, "{}", family_z(7));
    }
}
