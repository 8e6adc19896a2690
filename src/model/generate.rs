//! Draws cases from a scenario: a pure function of the scenario, the seed and the case's index.
//!
//! Each case has its own ChaCha8 stream (`seed`, stream = index), so case 7 is the same whether 10 or
//! 100 000 cases are drawn, and the same on every machine (ChaCha is specified bit for bit, and the
//! normal sampler of `rand_distr` runs on `libm`, not the platform's maths library).

use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rand_distr::StandardNormal;

use super::case::{Case, DriftState, Event, Hidden, Patient, SessionNote};
use crate::scenario::{EventCondition, Scenario};

/// The share of the total change reached after session `t` of `sessions`: ln(1 + t) / ln(1 + T),
/// the log-linear dose–response of expected-recovery curves (most change comes early).
pub fn log_dose(t: usize, sessions: usize) -> f64 {
    ((1 + t) as f64).ln() / ((1 + sessions) as f64).ln()
}

/// `n` cases of `scenario` drawn with `seed`.
pub fn generate(scenario: &Scenario, seed: u64, n: usize) -> Vec<Case> {
    (0..n as u64)
        .map(|i| generate_case(scenario, seed, i))
        .collect()
}

/// Case number `index` of the sequence drawn with `seed`.
pub fn generate_case(s: &Scenario, seed: u64, index: u64) -> Case {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    rng.set_stream(index);
    let f = &s.file;
    let sessions = s.sessions();

    let drift = if rng.random::<f64>() < f.drift.rate.value {
        let kind = pick(&mut rng, s.kinds.iter().map(|k| k.probability));
        let onset = pick(&mut rng, s.onset.iter().copied()) as u32 + 1;
        Some(DriftState { kind, onset })
    } else {
        None
    };
    let priors = if drift.is_some() {
        &s.priors_drift
    } else {
        &s.priors_no_drift
    };
    let course_index = pick(&mut rng, priors.iter().copied());
    let hello_goodbye = rng.random::<f64>() < f.hello_goodbye.rate.value;
    let m = &f.measure;
    let true_intake = m.intake_mean.value + m.intake_sd.value * normal(&mut rng);
    let course = f.courses.get(course_index);
    let (mean_change, sd_change, alliance_mean) = course.map_or((0.0, 0.0, 0.0), |c| {
        (c.mean_change, c.sd_change, c.alliance_mean)
    });
    let true_change = mean_change + sd_change * normal(&mut rng);

    let sigma = m.session_noise_sd.value;
    let shift = s.rules.worse * f.hello_goodbye.size.value;
    let scores = (0..=sessions)
        .map(|t| {
            let mut y =
                true_intake + true_change * log_dose(t, sessions) + sigma * normal(&mut rng);
            if hello_goodbye && t == 0 {
                y += shift;
            }
            if hello_goodbye && t == sessions {
                y -= shift;
            }
            s.rules.shown(y)
        })
        .collect::<Vec<_>>();

    let a = &f.alliance;
    let mut alliance = Vec::with_capacity(sessions);
    let mut notes = Vec::with_capacity(sessions);
    let mut events = Vec::new();
    for t in 1..=sessions as u32 {
        let raw = alliance_mean + a.sd * normal(&mut rng);
        let shown = (a.min + a.step * ((raw - a.min) / a.step).round()).clamp(a.min, a.max);
        alliance.push(shown);

        let drifting = drift.filter(|d| t >= d.onset);
        let kind = drifting.and_then(|d| s.kinds.get(d.kind));
        let omission = kind.map_or(&s.omission_before, |k| &k.omission);
        let off_rates = kind.map_or(&s.off_protocol_before, |k| &k.off_protocol);
        let delivered: Vec<bool> = omission.iter().map(|&q| rng.random::<f64>() >= q).collect();
        let off_protocol: Vec<bool> = off_rates.iter().map(|&r| rng.random::<f64>() < r).collect();
        for (k, (event, cond)) in f.events.iter().zip(&s.event_conditions).enumerate() {
            let eligible = match cond {
                EventCondition::Always => true,
                EventCondition::Element(e) => delivered.get(*e).copied().unwrap_or(false),
                EventCondition::Drift => drifting.is_some(),
            };
            if eligible && rng.random::<f64>() < event.rate.value {
                events.push(Event {
                    session: t,
                    kind: k,
                });
            }
        }
        notes.push(SessionNote {
            delivered,
            off_protocol,
        });
    }

    let p = &f.patients;
    let patient = Patient {
        age: rng.random_range(p.age_min..=p.age_max),
        female: rng.random::<f64>() < p.female_share,
        complaint: rng.random_range(0..p.complaints.len().max(1)),
    };
    let intake = scores.first().copied().unwrap_or(0.0);
    let last = scores.last().copied().unwrap_or(0.0);
    Case {
        index,
        outcome: s.rules.outcome(intake, last),
        hidden: Hidden {
            course: course_index,
            true_intake,
            true_change,
            drift,
            hello_goodbye,
        },
        patient,
        scores,
        alliance,
        notes,
        events,
    }
}

fn normal(rng: &mut ChaCha8Rng) -> f64 {
    rng.sample(StandardNormal)
}

/// Draws an index with the given probabilities (which sum to 1; the last index takes any rounding rest).
fn pick(rng: &mut ChaCha8Rng, probabilities: impl Iterator<Item = f64>) -> usize {
    let u = rng.random::<f64>();
    let mut cumulative = 0.0;
    let mut last = 0;
    for (i, p) in probabilities.enumerate() {
        cumulative += p;
        last = i;
        if u < cumulative {
            return i;
        }
    }
    last
}
