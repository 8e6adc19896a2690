//! Draws cases from a scenario: a pure function of the scenario, the seed and the case's index.
//!
//! Each case has its own ChaCha8 stream (key from the scenario's id and `seed`, stream = index), so
//! case 7 is the same whether 10 or 100 000 cases are drawn, and the same on every machine (ChaCha is
//! specified bit for bit, SHA-256 too, and the normal sampler of `rand_distr` runs on `libm`, not the
//! platform's maths library). The scenario's id is in the key so that the same seed in two scenarios
//! gives unrelated clients: trainers run scenarios side by side with one course code's seed, and
//! with the seed alone two scenarios of the same measure drew the same intakes and the same changes.

use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rand_distr::StandardNormal;
use sha2::{Digest, Sha256};

use super::case::{Case, DriftState, Event, Hidden, Patient};
use crate::scenario::measure::Outcome;
use crate::scenario::warning::{
    SELECTION_NORMING_CASES, SELECTION_NORMING_SEED, SelectionNorm, WarningNorm,
};
use crate::scenario::{EventCondition, Scenario};

/// `n` cases of `scenario` drawn with `seed`.
pub fn generate(scenario: &Scenario, seed: u64, n: usize) -> Vec<Case> {
    (0..n as u64)
        .map(|i| generate_case(scenario, seed, i))
        .collect()
}

/// Draws before a selection gives up and shows an unselected client: far beyond what any selection
/// that keeps 1 % of the population needs (the chance of reaching it is then 0.99¹⁰⁰⁰⁰ ≈ 10⁻⁴⁴), and
/// a bound on the work when a scenario's selection keeps (almost) nobody; `ontrack check` shows the
/// share kept.
const MAX_SELECTION_DRAWS: usize = 10_000;

/// Case number `index` of the sequence drawn with `seed`. In a scenario with a selection, clients are
/// drawn from the case's stream one after another until one was flagged not on track by the
/// selection's session: the cases are the population's, conditioned on the flag.
pub fn generate_case(s: &Scenario, seed: u64, index: u64) -> Case {
    let mut rng = case_stream(s, seed, index);
    let Some(by) = s.selected_by else {
        return draw_case(s, &mut rng, index);
    };
    let norm = selection_norm(s);
    let mut case = draw_case(s, &mut rng, index);
    for _ in 1..MAX_SELECTION_DRAWS {
        if norm.warning.flagged_by(&s.rules, &case.scores, by) {
            break;
        }
        case = draw_case(s, &mut rng, index);
    }
    case
}

/// Case number `index` of the whole population, before any selection (what a selection is normed on,
/// and what the declared rates describe).
pub fn generate_population_case(s: &Scenario, seed: u64, index: u64) -> Case {
    draw_case(s, &mut case_stream(s, seed, index), index)
}

/// The warning rule normed on the whole population of a scenario with a selection, with the share it
/// keeps and their deterioration rate; simulated once per scenario, on first use.
pub fn selection_norm(s: &Scenario) -> &SelectionNorm {
    norm_selection_with(s, SELECTION_NORMING_CASES, SELECTION_NORMING_SEED)
}

/// The selection norm of `s`, simulated on `cases` clients drawn with `seed` unless it was normed
/// before. The fuzz targets load thousands of scenarios and need the code path rather than the
/// precision of the 10⁵ clients [`selection_norm`] simulates (as `Actuarial::norm_with` does
/// for the early-warning benchmark).
pub fn norm_selection_with(s: &Scenario, cases: usize, seed: u64) -> &SelectionNorm {
    s.selection_norm.get_or_init(|| {
        let indices: Vec<u64> = (0..cases as u64).collect();
        let sample: Vec<(Vec<f64>, bool)> = crate::parallel::map(&indices, |&i| {
            let c = generate_population_case(s, seed, i);
            (c.scores, c.outcome == Outcome::Deteriorated)
        });
        let warning = WarningNorm::fit(sample.iter().map(|(y, _)| y.as_slice()), s.sessions());
        let by = s.selected_by.unwrap_or(0);
        let (kept, deteriorated) = sample
            .iter()
            .filter(|(y, _)| warning.flagged_by(&s.rules, y, by))
            .fold((0u64, 0u64), |(k, d), (_, det)| {
                (k + 1, d + u64::from(*det))
            });
        SelectionNorm {
            warning,
            kept: kept as f64 / sample.len().max(1) as f64,
            base_rate: if kept > 0 {
                deteriorated as f64 / kept as f64
            } else {
                s.file.deterioration_rate.value
            },
        }
    })
}

/// The random stream of case `index`: ChaCha8 keyed by SHA-256 of the scenario's id and the seed
/// (little-endian), stream = index. A hash rather than the seed alone keeps two scenarios' cases at one
/// seed independent (their keys share no structure), and keeps one scenario's seeds apart as before.
fn case_stream(s: &Scenario, seed: u64, index: u64) -> ChaCha8Rng {
    let key: [u8; 32] = Sha256::new()
        .chain_update(s.file.id.as_bytes())
        .chain_update([0u8])
        .chain_update(seed.to_le_bytes())
        .finalize()
        .into();
    let mut rng = ChaCha8Rng::from_seed(key);
    rng.set_stream(index);
    rng
}

/// One client of the population, drawn from `rng`.
fn draw_case(s: &Scenario, rng: &mut ChaCha8Rng, index: u64) -> Case {
    let f = &s.file;
    let sessions = s.sessions();

    let drift = if rng.random::<f64>() < f.drift.rate.value {
        let kind = pick(rng, s.kinds.iter().map(|k| k.probability));
        let onset = pick(rng, s.onset.iter().copied()) as u32 + 1;
        Some(DriftState { kind, onset })
    } else {
        None
    };
    let priors = if drift.is_some() {
        &s.priors_drift
    } else {
        &s.priors_no_drift
    };
    let course_index = pick(rng, priors.iter().copied());
    let hello_goodbye = rng.random::<f64>() < f.hello_goodbye.rate.value;
    let m = &f.measure;
    let dynamics = s.dynamics;
    let true_intake = m.intake_mean.value + m.intake_sd.value * normal(rng);
    let course = f.courses.get(course_index);
    let (mean_change, sd_change, alliance_mean) = course.map_or((0.0, 0.0, 0.0), |c| {
        (c.mean_change, c.sd_change, c.alliance_mean)
    });
    // More severe clients change more (β < 0): regression to the mean in the true change itself.
    let true_change = mean_change
        + dynamics.change_slope * (true_intake - m.intake_mean.value)
        + sd_change * normal(rng);
    // A sudden gain: drawn only in courses that have one, so other scenarios' streams stay as they were.
    let gain = s.gains.get(course_index).copied().flatten();
    let sudden_gain = gain.and_then(|g| {
        (rng.random::<f64>() < g.probability).then(|| rng.random_range(g.first..=g.last))
    });

    // Sessions: alliance, notes and events, drawn before the scores because events move them.
    let a = &f.alliance;
    let client_alliance = dynamics.alliance_client_sd * normal(rng);
    let mut alliance = Vec::with_capacity(sessions);
    let mut notes = Vec::with_capacity(sessions);
    let mut events = Vec::new();
    let mut score_shifts = Vec::new();
    let mut happened = vec![false; f.events.len()];
    // Per event kind: how often it happened so far, and the wording of its first occurrence's
    // note (the seed its wordings start from).
    let mut occurrences = vec![(0usize, 0u64); f.events.len()];
    // Which elements each session's off-protocol activities crowd out (one buffer for all sessions).
    let mut crowded = Vec::new();
    // What only the notes show comes from a stream of its own (`session_note`).
    let mut notes_rng = super::session_note::note_stream(rng);
    // The lasting drop of the alliance ratings of the events so far, in steps of the rating scale.
    let mut alliance_drop = 0usize;
    for t in 1..=sessions as u32 {
        let mut raw = alliance_mean + client_alliance + a.sd * normal(rng);
        // A rupture, drawn only where the scenario declares ruptures (other streams stay as they were).
        if let Some(r) = &a.ruptures
            && rng.random::<f64>() < s.rupture_rates.get(course_index).copied().unwrap_or(0.0)
        {
            raw -= r.depth;
        }

        let drifting = drift.filter(|d| t >= d.onset);
        let note = super::session_note::draw(
            s,
            t,
            drifting.map(|d| (d.kind, t - d.onset + 1)),
            notes.last(),
            rng,
            &mut notes_rng,
            &mut crowded,
        );
        let delivered = &note.delivered;
        for (k, (event, cond)) in f.events.iter().zip(&s.event_conditions).enumerate() {
            let eligible = match cond {
                EventCondition::Always => true,
                EventCondition::Element(e) => delivered.get(*e).copied().unwrap_or(false),
                EventCondition::Drift => drifting.is_some(),
            };
            let done = event.once && happened.get(k).copied().unwrap_or(false);
            // The draw is made even when the event cannot happen, so one event's history does
            // not shift the random stream of everything after it.
            // The course's own rate (the same in every course unless the event declares
            // `course_rates`).
            let rate = s
                .event_rates
                .get(k)
                .and_then(|rates| rates.get(course_index))
                .copied()
                .unwrap_or(event.rate.value);
            let occurs = rng.random::<f64>() < rate;
            if eligible && !done && occurs {
                let (nth, seed) = occurrences.get(k).copied().unwrap_or_default();
                let seed = if nth == 0 { note.wording } else { seed };
                if let Some(slot) = occurrences.get_mut(k) {
                    *slot = (nth + 1, seed);
                }
                events.push(Event {
                    session: t,
                    kind: k,
                    wording: super::notes::event_wording(seed, k, nth, 1 + event.text_also.len()),
                });
                if let Some(h) = happened.get_mut(k) {
                    *h = true;
                }
                if let Some(shift) = &event.score_shift {
                    score_shifts.push((t, shift.mean + shift.sd * normal(rng)));
                }
                alliance_drop += s.alliance_drops.get(k).copied().unwrap_or(0);
            }
        }
        // The rating comes at the end of the session: an event of this session lowers it already
        // (a whole number of steps, so the rounding is the same as without the drop).
        raw -= a.step * alliance_drop as f64;
        let shown = (a.min + a.step * ((raw - a.min) / a.step).round()).clamp(a.min, a.max);
        alliance.push(shown);
        notes.push(note);
    }

    // The last session the client comes to. Drawn only where the scenario declares dropout, so the
    // random streams of the other scenarios stay as they were; a client who stops early misses the
    // sessions after it, and with them their notes, ratings and events.
    let last = if f.dropout.is_none() {
        sessions
    } else if s.dropout.linked() && dynamics.alliance_client_sd > 0.0 {
        // A weaker alliance of the client's own makes an early end likelier.
        let z = client_alliance / dynamics.alliance_client_sd;
        pick(rng, s.dropout.ends(z).into_iter())
    } else {
        pick(rng, s.last_session.iter().copied())
    };
    alliance.truncate(last);
    notes.truncate(last);
    events.retain(|e| e.session as usize <= last);
    score_shifts.retain(|(session, _)| *session as usize <= last);

    // Scores: the course, AR(1) fluctuation around it (stationary from intake on), the lasting
    // shifts of events from their session on, and the hello-goodbye exaggeration at intake and at
    // the planned end (a client who stops early fills in no closing questionnaire): a latent score,
    // reported as the total a respondent gives (compressed near the scale's ends, then rounded).
    let sigma = m.session_noise_sd.value;
    let phi = dynamics.phi;
    let innovation = sigma * (1.0 - phi * phi).sqrt();
    let shift = s.rules.worse * f.hello_goodbye.size.value;
    let base = s.dose.get(course_index).map_or(&[][..], Vec::as_slice);
    let stepped;
    let dose = match (gain, sudden_gain) {
        (Some(g), Some(j)) => {
            stepped = g.dose(base, Some(j));
            &stepped[..]
        }
        _ => base,
    };
    let mut noise = sigma * normal(rng);
    let scores = (0..=last)
        .map(|t| {
            if t > 0 {
                noise = phi * noise + innovation * normal(rng);
            }
            let g = dose.get(t).copied().unwrap_or(1.0);
            let events_so_far: f64 = score_shifts
                .iter()
                .filter(|(session, _)| *session as usize <= t)
                .map(|(_, size)| size)
                .sum();
            let mut y = true_intake + true_change * g + events_so_far + noise;
            if hello_goodbye && t == 0 {
                y += shift;
            }
            if hello_goodbye && t == sessions {
                y -= shift;
            }
            s.rules.reported(y)
        })
        .collect::<Vec<_>>();

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
            client_alliance,
            score_shifts,
            sudden_gain: sudden_gain.map(|j| j as u32),
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
