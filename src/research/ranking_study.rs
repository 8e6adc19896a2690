//! Which score can rank a class, and with how many cases: a simulated class whose judgement differs
//! by a known amount, scored by the Brier score and by the judgement cost.
//!
//! Each persona forecasts the best possible probability p* moved by a fixed bias and a random
//! scatter on the log-odds scale, logit f = logit p* + bias + noise·z with z standard normal, in
//! whole percent from 1 to 99 as a trainee answers. A persona with a smaller bias of the same sign
//! and no more noise, or less noise and no larger bias, has the better judgement by construction, so
//! for such a pair we know which one a score should put first. Every persona of a course forecasts
//! the same clients, as a class with one course code does.
//!
//! The figures: for each number of cases, how often each score orders such a pair correctly, and
//! the test–retest correlation of each score between two course codes (the same personas, other
//! clients), averaged over several pairs of codes.

use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use rand_distr::{Distribution, StandardNormal};
use serde::Serialize;

use crate::forecast::{Benchmark, Benchmarks};
use crate::model::{Outcome, generate};
use crate::scenario::Scenario;
use crate::stats::pearson;

/// A simulated trainee's judgement, on the log-odds scale.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Persona {
    /// Added to the log-odds of the best forecast (positive: too high).
    pub bias: f64,
    /// SD of the random scatter added to the log-odds.
    pub noise: f64,
}

impl Persona {
    /// Whether this persona's judgement is better than `other`'s by construction: no larger bias on
    /// the same side (or none), no more noise, and not the same.
    pub fn better_than(&self, other: &Persona) -> bool {
        let same_side = self.bias == 0.0 || self.bias.signum() == other.bias.signum();
        same_side
            && self.bias.abs() <= other.bias.abs()
            && self.noise <= other.noise
            && self != other
    }

    /// The persona's forecast for best forecast `best`, with `z` a standard normal draw.
    fn forecast(&self, best: f64, z: f64) -> f64 {
        let p = best.clamp(1e-6, 1.0 - 1e-6);
        let logit = (p / (1.0 - p)).ln() + self.bias + self.noise * z;
        whole_percent(1.0 / (1.0 + (-logit).exp()))
    }
}

/// A probability in whole percent from 1 to 99, as a trainee answers.
fn whole_percent(p: f64) -> f64 {
    (p * 100.0).round().clamp(1.0, 99.0) / 100.0
}

/// The class of the study: biases −1, −0.5, 0, 0.5 and 1 log-odds, each with scatter SD 0.2 to 1.2
/// (30 personas). A bias of 1 log-odds turns a best forecast of 10 % into 23 %; a scatter of 1.2
/// puts a third of the forecasts of a 10 % client outside 3–29 %: the range of therapists who
/// know the base rates and of those who do not, a modelling choice.
pub fn study_class() -> Vec<Persona> {
    let mut class = Vec::new();
    for bias in [-1.0, -0.5, 0.0, 0.5, 1.0] {
        for noise in [0.2, 0.4, 0.6, 0.8, 1.0, 1.2] {
            class.push(Persona { bias, noise });
        }
    }
    class
}

/// What the study found for one number of cases per trainee.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StudyRow {
    pub cases: usize,
    /// Share of pairs (one better by construction) that the Brier score puts in the right order.
    pub brier_orders: f64,
    /// The same for the judgement cost.
    pub judgement_orders: f64,
    /// Mean test–retest correlation of the Brier score between two course codes.
    pub brier_retest: f64,
    /// The same for the judgement cost.
    pub judgement_retest: f64,
}

/// One case–checkpoint of a course: the best forecast and the outcome.
struct Point {
    best: f64,
    deteriorated: bool,
}

/// Each case of course `seed` as its points (one per checkpoint), for the first `cases` cases.
fn course(s: &Scenario, bench: &Benchmarks, seed: u64, cases: usize) -> Vec<Vec<Point>> {
    generate(s, seed, cases)
        .iter()
        .map(|case| {
            s.file
                .checkpoints
                .iter()
                .map(|&cp| Point {
                    best: whole_percent(bench.forecast(Benchmark::Ideal, &case.visible(cp))),
                    deteriorated: case.outcome == Outcome::Deteriorated,
                })
                .collect()
        })
        .collect()
}

/// Each persona's (Brier score, judgement cost) on the first `cases` cases of a course.
fn scores(course: &[Vec<Point>], class: &[Persona], cases: usize, seed: u64) -> Vec<(f64, f64)> {
    class
        .iter()
        .enumerate()
        .map(|(i, persona)| {
            // The persona's scatter on this course: a stream of its own, the same for every
            // number of cases (the first 12 cases are the first 12 of 36).
            let mut rng = ChaCha8Rng::seed_from_u64(seed ^ (i as u64).wrapping_mul(0x9e37_79b9));
            let (mut brier, mut cost, mut n) = (0.0, 0.0, 0.0);
            for point in course.iter().take(cases).flatten() {
                let z: f64 = StandardNormal.sample(&mut rng);
                let f = persona.forecast(point.best, z);
                let o = if point.deteriorated { 1.0 } else { 0.0 };
                brier += (f - o) * (f - o);
                cost += (f - point.best) * (f - point.best);
                n += 1.0;
            }
            (brier / n, cost / n)
        })
        .collect()
}

/// The study on scenario `s`: for each number of `cases`, `codes` course codes (seeds from
/// `first_seed` on; an even number, taken in pairs for the test–retest), every persona of `class`.
pub fn ranking_study(
    s: &Scenario,
    class: &[Persona],
    cases: &[usize],
    codes: u64,
    first_seed: u64,
) -> Vec<StudyRow> {
    let bench = Benchmarks::new(s);
    let most = cases.iter().copied().max().unwrap_or(0);
    let courses: Vec<Vec<Vec<Point>>> = (0..codes)
        .map(|k| course(s, &bench, first_seed + k, most))
        .collect();
    let pairs: Vec<(usize, usize)> = (0..class.len())
        .flat_map(|a| (0..class.len()).map(move |b| (a, b)))
        .filter(|&(a, b)| class[a].better_than(&class[b]))
        .collect();
    cases
        .iter()
        .map(|&n| {
            let per_code: Vec<Vec<(f64, f64)>> = courses
                .iter()
                .zip(first_seed..)
                .map(|(c, seed)| scores(c, class, n, seed))
                .collect();
            let (mut brier_right, mut judgement_right, mut total) = (0.0, 0.0, 0.0_f64);
            for code in &per_code {
                for &(better, worse) in &pairs {
                    brier_right += f64::from(u8::from(code[better].0 < code[worse].0));
                    judgement_right += f64::from(u8::from(code[better].1 < code[worse].1));
                    total += 1.0;
                }
            }
            let (mut brier_retest, mut judgement_retest, mut retests) = (0.0, 0.0, 0.0_f64);
            for pair in per_code.chunks_exact(2) {
                let [a, b] = pair else { continue };
                let first = |v: &[(f64, f64)]| v.iter().map(|x| x.0).collect::<Vec<_>>();
                let second = |v: &[(f64, f64)]| v.iter().map(|x| x.1).collect::<Vec<_>>();
                brier_retest += pearson(&first(a), &first(b));
                judgement_retest += pearson(&second(a), &second(b));
                retests += 1.0;
            }
            StudyRow {
                cases: n,
                brier_orders: brier_right / total.max(1.0),
                judgement_orders: judgement_right / total.max(1.0),
                brier_retest: brier_retest / retests.max(1.0),
                judgement_retest: judgement_retest / retests.max(1.0),
            }
        })
        .collect()
}

/// How many clients per trainee a course of this scenario needs before a class is ranked reliably
/// by each score, from the study: the shortest of the lengths tried at which the score's test–retest
/// correlation reaches [`crate::score::ranking::RANKABLE`], and the study at the course's own length.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CasesNeeded {
    /// The study at the scenario's own number of cases per run.
    pub at_course: StudyRow,
    /// Clients needed for a reliable ranking by the Brier score (`None`: more than the most tried).
    pub brier: Option<usize>,
    /// The same for the judgement cost.
    pub judgement: Option<usize>,
}

/// The lengths tried by [`cases_needed`] besides the course's own.
const LENGTHS: [usize; 6] = [12, 24, 36, 60, 120, 240];

/// [`CasesNeeded`] for scenario `s`, on the study's class and twenty course codes (ten pairs).
pub fn cases_needed(s: &Scenario) -> CasesNeeded {
    let own = s.file.cases_per_run as usize;
    let mut lengths: Vec<usize> = LENGTHS.iter().copied().chain([own]).collect();
    lengths.sort_unstable();
    lengths.dedup();
    let rows = ranking_study(s, &study_class(), &lengths, 20, 1);
    let needed = |r: fn(&StudyRow) -> f64| {
        rows.iter()
            .find(|row| r(row) >= crate::score::ranking::RANKABLE)
            .map(|row| row.cases)
    };
    CasesNeeded {
        at_course: rows
            .iter()
            .find(|row| row.cases == own)
            .cloned()
            .unwrap_or(StudyRow {
                cases: own,
                brier_orders: f64::NAN,
                judgement_orders: f64::NAN,
                brier_retest: f64::NAN,
                judgement_retest: f64::NAN,
            }),
        brier: needed(|row| row.brier_retest),
        judgement: needed(|row| row.judgement_retest),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn better_by_construction() {
        let p = |bias, noise| Persona { bias, noise };
        assert!(p(0.0, 0.2).better_than(&p(0.5, 0.2)));
        assert!(p(0.5, 0.2).better_than(&p(1.0, 0.4)));
        assert!(p(-0.5, 0.2).better_than(&p(-0.5, 0.4)));
        // Opposite sides are not comparable by construction, nor is a persona with itself.
        assert!(!p(-0.5, 0.2).better_than(&p(1.0, 0.4)));
        assert!(!p(0.5, 0.2).better_than(&p(0.5, 0.2)));
        // Less bias but more noise: not comparable either.
        assert!(!p(0.0, 0.8).better_than(&p(0.5, 0.2)));
        assert_eq!(study_class().len(), 30);
    }

    #[test]
    fn a_persona_without_bias_or_noise_gives_the_best_forecast() {
        let p = Persona {
            bias: 0.0,
            noise: 0.0,
        };
        assert_eq!(p.forecast(0.07, 1.3), 0.07);
        // A bias of ln 3 triples the odds: 25 % becomes 50 %.
        let q = Persona {
            bias: 3.0_f64.ln(),
            noise: 0.0,
        };
        assert_eq!(q.forecast(0.25, 0.0), 0.5);
    }
}
