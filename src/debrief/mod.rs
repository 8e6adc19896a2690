//! One run's results: its scores and the benchmark forecasters' on the same cases, the forecasts per
//! case, and the same for people to read (the text report and the way a metric is written). The
//! command line, the app's debrief and the cohort all read a run through here.

pub mod report;
pub mod show;

use std::collections::BTreeMap;
use std::path::Path;

use jiff::Timestamp;
use serde::Serialize;

use crate::forecast::{Benchmark, Benchmarks, Forecaster};
use crate::model::Outcome;
use crate::run::machine::stopped_after;
use crate::run::{self, OpenError, OpenedRun, Phase, Run, RunFile};
use crate::score::{
    AgainstBest, ClassificationScores, DetectionScores, DriftCase, Flag, JudgementScores,
    ProbabilityScores, Reference, classification_scores, content_seed, detection_scores,
    judgement_scores, judgement_seed, probability_scores, probability_scores_without_intervals,
};

/// A scored run with the file it came from.
#[derive(Debug, Clone, Serialize)]
pub struct RunScores {
    pub file: String,
    pub trainee: String,
    pub scenario_id: String,
    pub scenario_hash: String,
    pub seed: u64,
    pub course_code: String,
    pub started: Timestamp,
    pub finished: bool,
    /// The run is the trainer station's own copy from a live class, received answer by answer as it
    /// was played (see `live::class`): the record that counts when a handed-in file differs.
    pub received_live: bool,
    #[serde(flatten)]
    pub scores: Scores,
}

/// Scores a verified run: every revealed case with every forecast given on it. A case whose client
/// stopped coming before a checkpoint has no forecast there (none was asked): it is absent from
/// every score, for the trainee and the benchmarks alike, never counted as zero, and the count of
/// such forecasts is kept beside the scores.
pub fn score_run(run: &Run, bench: &Benchmarks) -> Scores {
    let revealed: Vec<usize> = (0..run.len())
        .filter(|&i| run.revealed(i).is_some())
        .collect();
    let last_checkpoint = run.last_read();
    let mut trainee = Vec::new();
    let mut outcomes = Vec::new();
    let mut bench_forecasts: BTreeMap<Benchmark, Vec<f64>> = BTreeMap::new();
    let mut drift_cases = Vec::new();
    let mut pairs = Vec::new();
    let mut case_forecasts = Vec::new();
    let (mut deteriorated, mut foreseen, mut predicted) = (0, 0, 0);
    let (mut stopped_early, mut absent_forecasts) = (0, 0);
    let s = run.scenario();
    for &i in &revealed {
        let (Some(case), Some(answers)) = (run.revealed(i), run.answers(i)) else {
            continue;
        };
        let det = case.outcome == Outcome::Deteriorated;
        deteriorated += usize::from(det);
        let stopped = stopped_after(s, case);
        let absent: Vec<u32> = s
            .file
            .checkpoints
            .iter()
            .copied()
            .filter(|cp| stopped.is_some_and(|last| *cp > last))
            .collect();
        stopped_early += usize::from(stopped.is_some());
        absent_forecasts += absent.len();
        // At the last checkpoint the case reached: the last one, or the last before the client
        // stopped coming.
        let last_reached = stopped.map_or(last_checkpoint, |last| {
            s.file
                .checkpoints
                .iter()
                .copied()
                .filter(|cp| *cp <= last)
                .max()
                .unwrap_or(0)
        });
        let last = answers
            .forecasts
            .iter()
            .find(|(cp, _)| *cp == last_reached)
            .is_some_and(|(_, p)| *p >= 50);
        predicted += usize::from(last);
        foreseen += usize::from(last && det);
        let mut checkpoints = Vec::new();
        for &(checkpoint, percent) in &answers.forecasts {
            trainee.push(f64::from(percent) / 100.0);
            outcomes.push(det);
            let v = case.visible(checkpoint);
            let mut row = CheckpointForecast {
                checkpoint,
                trainee: f64::from(percent) / 100.0,
                ideal: f64::NAN,
                actuarial: f64::NAN,
                base_rate: f64::NAN,
            };
            for b in Benchmark::ALL {
                // In whole percent, as a trainee answers, so the decomposition compares like with like.
                let p = (bench.forecast(b, &v) * 100.0).round().clamp(1.0, 99.0) / 100.0;
                bench_forecasts.entry(b).or_default().push(p);
                *row.of_mut(Forecaster::Benchmark(b)) = p;
            }
            checkpoints.push(row);
        }
        case_forecasts.push(CaseForecasts {
            case: i,
            deteriorated: det,
            stopped_after: stopped,
            forecasts: checkpoints,
            absent,
        });
        drift_cases.push(DriftCase {
            drift: case.hidden.drift,
            // The sessions that took place and were seen.
            last_seen: stopped.unwrap_or(last_checkpoint),
            flags: answers
                .flags
                .iter()
                .map(|(session, kind)| Flag {
                    session: *session,
                    kind: kind
                        .as_ref()
                        .and_then(|k| s.file.drift.kinds.iter().position(|d| &d.key == k)),
                })
                .collect(),
        });
        for &(event, answer) in &answers.classifications {
            if let Some(truth) = case
                .events
                .get(event)
                .and_then(|e| s.file.events.get(e.kind))
            {
                pairs.push((truth.linden, answer));
            }
        }
    }
    let base = bench_forecasts
        .get(&Benchmark::BaseRate)
        .cloned()
        .unwrap_or_default();
    let benchmarks = bench_forecasts
        .iter()
        .map(|(&b, p)| {
            (
                b,
                probability_scores_without_intervals(p, &outcomes, Reference::Forecasts(&base)),
            )
        })
        .collect();
    Scores {
        cases: revealed.len(),
        deteriorated,
        foreseen,
        predicted,
        stopped_early,
        absent_forecasts,
        forecasts: probability_scores(
            &trainee,
            &outcomes,
            Reference::Forecasts(&base),
            content_seed(&trainee, &outcomes),
        ),
        benchmarks,
        drift: detection_scores(&drift_cases),
        events: classification_scores(pairs),
        judgement: judgement_of(&case_forecasts, Forecaster::Trainee),
        case_forecasts,
    }
}

/// The judgement cost of `who`'s forecasts on these cases: each against the best possible one on the
/// same evidence (the ideal forecaster in whole percent, as a trainee can answer), case by case.
pub fn judgement_of(cases: &[CaseForecasts], who: Forecaster) -> JudgementScores {
    let cases: Vec<Vec<AgainstBest>> = cases
        .iter()
        .map(|c| {
            c.forecasts
                .iter()
                .map(|f| AgainstBest {
                    forecast: f.of(who),
                    best: f.ideal,
                })
                .collect()
        })
        .collect();
    judgement_scores(&cases, judgement_seed(&cases))
}

/// The forecasts given on one case of a run, beside the benchmarks', and what happened: for the
/// trainer's drill-down and for finding the cases that fooled a class.
///
/// In JSON every checkpoint of the course has a row in `forecasts`: at a checkpoint the case never
/// reached (the client had stopped coming) every forecast is `null`, absent rather than zero, and
/// `stopped_after` names the client's last session.
#[derive(Debug, Clone, PartialEq)]
pub struct CaseForecasts {
    /// Index of the case in the run (0 is the first); in JSON numbered from 1, as people read it
    /// everywhere else (`ontrack case --case 1`, the drill-down's "Case 1").
    pub case: usize,
    pub deteriorated: bool,
    /// The session after which the client stopped coming, when that was before the last checkpoint.
    pub stopped_after: Option<u32>,
    /// The forecasts given, in checkpoint order: only these are scored.
    pub forecasts: Vec<CheckpointForecast>,
    /// The checkpoints the case never reached, where no forecast was asked, in order.
    pub absent: Vec<u32>,
}

impl CaseForecasts {
    /// Every checkpoint of the case in order, with its forecasts, or `None` where the case never
    /// reached it.
    pub fn rows(&self) -> Vec<(u32, Option<&CheckpointForecast>)> {
        let mut rows: Vec<(u32, Option<&CheckpointForecast>)> = self
            .forecasts
            .iter()
            .map(|f| (f.checkpoint, Some(f)))
            .chain(self.absent.iter().map(|&cp| (cp, None)))
            .collect();
        rows.sort_by_key(|(cp, _)| *cp);
        rows
    }
}

impl Serialize for CaseForecasts {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        /// A checkpoint's row: the forecasts, each `null` where the case never reached it.
        #[derive(Serialize)]
        struct Row {
            checkpoint: u32,
            trainee: Option<f64>,
            ideal: Option<f64>,
            actuarial: Option<f64>,
            base_rate: Option<f64>,
        }
        let rows: Vec<Row> = self
            .rows()
            .into_iter()
            .map(|(checkpoint, f)| Row {
                checkpoint,
                trainee: f.map(|f| f.trainee),
                ideal: f.map(|f| f.ideal),
                actuarial: f.map(|f| f.actuarial),
                base_rate: f.map(|f| f.base_rate),
            })
            .collect();
        let mut out = serializer.serialize_struct("CaseForecasts", 4)?;
        out.serialize_field("case", &(self.case as u64 + 1))?;
        out.serialize_field("deteriorated", &self.deteriorated)?;
        out.serialize_field("stopped_after", &self.stopped_after)?;
        out.serialize_field("forecasts", &rows)?;
        out.end()
    }
}

/// One checkpoint's forecasts as probabilities (benchmarks in whole percent, as a trainee answers).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct CheckpointForecast {
    pub checkpoint: u32,
    pub trainee: f64,
    pub ideal: f64,
    pub actuarial: f64,
    pub base_rate: f64,
}

impl CheckpointForecast {
    /// The forecast of `who` at this checkpoint.
    pub fn of(&self, who: Forecaster) -> f64 {
        match who {
            Forecaster::Trainee => self.trainee,
            Forecaster::Benchmark(Benchmark::Ideal) => self.ideal,
            Forecaster::Benchmark(Benchmark::Actuarial) => self.actuarial,
            Forecaster::Benchmark(Benchmark::BaseRate) => self.base_rate,
        }
    }

    fn of_mut(&mut self, who: Forecaster) -> &mut f64 {
        match who {
            Forecaster::Trainee => &mut self.trainee,
            Forecaster::Benchmark(Benchmark::Ideal) => &mut self.ideal,
            Forecaster::Benchmark(Benchmark::Actuarial) => &mut self.actuarial,
            Forecaster::Benchmark(Benchmark::BaseRate) => &mut self.base_rate,
        }
    }
}

/// The scores of one run, and of the benchmark forecasters on the same cases and checkpoints.
#[derive(Debug, Clone, Serialize)]
pub struct Scores {
    /// Cases whose outcome has been revealed (the ones scored).
    pub cases: usize,
    /// Of those, how many deteriorated.
    pub deteriorated: usize,
    /// Deteriorated cases the trainee gave 50 % or more at the last checkpoint the case reached
    /// (foresaw).
    pub foreseen: usize,
    /// Cases the trainee gave 50 % or more at the last checkpoint (the last one the case reached).
    pub predicted: usize,
    /// Of the cases scored, how many clients stopped coming before the last checkpoint.
    pub stopped_early: usize,
    /// Forecasts never asked, because the case ended before their checkpoint: absent from every
    /// score (not zero).
    pub absent_forecasts: usize,
    /// The trainee's forecasts at every checkpoint, pooled.
    pub forecasts: ProbabilityScores,
    /// The benchmark forecasters on the same case–checkpoint pairs (in JSON under their names).
    #[serde(serialize_with = "by_name")]
    pub benchmarks: BTreeMap<Benchmark, ProbabilityScores>,
    pub drift: DetectionScores,
    pub events: ClassificationScores,
    /// How far the forecasts lay from the best possible ones, with no outcome in it (the part of the
    /// Brier score that is judgement, not luck).
    pub judgement: JudgementScores,
    /// Every revealed case with its forecasts.
    pub case_forecasts: Vec<CaseForecasts>,
}

/// The scores of a verified run, with what identifies it.
pub fn run_scores(name: &str, file: &RunFile, run: &Run, bench: &Benchmarks) -> RunScores {
    RunScores {
        file: name.to_string(),
        trainee: file.trainee.clone(),
        scenario_id: file.scenario.id.clone(),
        scenario_hash: file.scenario_hash.clone(),
        seed: file.seed,
        course_code: file.course_code.clone(),
        started: file.started,
        finished: run.phase() == Phase::Finished,
        received_live: false,
        scores: score_run(run, bench),
    }
}

/// Opens, verifies and scores one run file; the error says why it cannot be scored.
pub fn score_file(path: &Path) -> Result<RunScores, OpenError> {
    let OpenedRun { file, run } = run::open(path)?;
    let scenario = run.scenario_arc();
    let bench = Benchmarks::new(&scenario);
    Ok(run_scores(&path.display().to_string(), &file, &run, &bench))
}

/// Serialises a case index numbered from 1.
pub(crate) fn one_based<S: serde::Serializer>(
    index: &usize,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    serializer.serialize_u64(*index as u64 + 1)
}

/// Serialises the benchmarks' scores under the benchmarks' names (`ideal`, `base_rate`, …).
fn by_name<S: serde::Serializer>(
    scores: &BTreeMap<Benchmark, ProbabilityScores>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    serializer.collect_map(scores.iter().map(|(b, s)| (b.slug(), s)))
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::scenario::resolve;

    /// A whole run of first-lesson answered with `percent` at every checkpoint.
    fn play_constant(percent: u8) -> Run {
        let scenario = Arc::new(resolve("first-lesson").expect("bundled"));
        let mut run = Run::new(scenario, 7);
        crate::run::machine::answer_everything(&mut run, percent);
        run
    }

    #[test]
    fn a_constant_forecast_scores_in_closed_form() {
        let run = play_constant(30);
        let bench = Benchmarks::new(run.scenario());
        let s = score_run(&run, &bench);
        let checkpoints = run.scenario().file.checkpoints.len() as u64;
        let n = run.len();
        let d = (0..n)
            .filter(|&i| {
                run.revealed(i)
                    .is_some_and(|c| c.outcome == Outcome::Deteriorated)
            })
            .count();
        assert_eq!(s.cases, n);
        assert_eq!(s.deteriorated, d);
        assert_eq!(s.forecasts.n, n as u64 * checkpoints);
        // Every forecast is 0.3: Brier = (d·0.7² + (n − d)·0.3²) / n, whatever the checkpoints.
        let expected = (d as f64 * 0.49 + (n - d) as f64 * 0.09) / n as f64;
        let brier = *s.forecasts.brier.as_ref().value().expect("defined");
        assert!((brier - expected).abs() < 1e-12, "{brier} vs {expected}");
        // Below 50 % everywhere: nobody was predicted to deteriorate, so none was foreseen.
        assert_eq!((s.predicted, s.foreseen), (0, 0));
        // The benchmarks are scored on the same pairs, in whole percent.
        for b in Benchmark::ALL {
            assert_eq!(s.benchmarks[&b].n, n as u64 * checkpoints, "{b:?}");
        }
        let base = run.scenario().file.deterioration_rate.value;
        for case in &s.case_forecasts {
            for f in &case.forecasts {
                assert_eq!(f.of(Forecaster::Trainee), 0.3);
                assert_eq!(f.base_rate, (base * 100.0).round() / 100.0);
                assert!((0.01..=0.99).contains(&f.ideal));
            }
        }
        // No drift was flagged; every event was called unrelated.
        assert_eq!(s.drift.hits + s.drift.false_alarms, 0);
    }

    #[test]
    fn forecasts_of_half_or_more_count_as_predicted() {
        let run = play_constant(50);
        let s = score_run(&run, &Benchmarks::new(run.scenario()));
        assert_eq!(s.predicted, s.cases);
        assert_eq!(s.foreseen, s.deteriorated);
    }

    #[test]
    fn a_case_that_ended_before_a_checkpoint_is_scored_on_the_forecasts_asked() {
        // Checkpoints 0, 2 and 4; at seed 3 the clients of cases 7 and 9 came to session 1 only:
        // 8 × 3 + 2 × 1 = 26 forecasts, each 0.5, so the Brier score is 0.25 whatever happened,
        // and every case was given 50 % at the last checkpoint it reached.
        let scenario = Arc::new(resolve("tests/scenarios/early-ending.ron").expect("loads"));
        let mut run = Run::new(scenario, 3);
        crate::run::machine::answer_everything(&mut run, 50);
        let s = score_run(&run, &Benchmarks::new(run.scenario()));
        assert_eq!(
            (s.forecasts.n, s.stopped_early, s.absent_forecasts),
            (26, 2, 4)
        );
        assert_eq!(s.forecasts.brier.as_ref().value(), Some(&0.25));
        for b in Benchmark::ALL {
            assert_eq!(s.benchmarks[&b].n, 26, "{b:?}");
        }
        assert_eq!(s.judgement.n, 26);
        assert_eq!(
            s.predicted, 10,
            "cases 7 and 9 at session 0, the rest at session 4"
        );
        let case7 = &s.case_forecasts[6];
        assert_eq!(
            (case7.stopped_after, case7.absent.clone()),
            (Some(1), vec![2, 4])
        );
        let rows: Vec<(u32, bool)> = case7
            .rows()
            .iter()
            .map(|(cp, f)| (*cp, f.is_some()))
            .collect();
        assert_eq!(rows, [(0, true), (2, false), (4, false)]);
        let json = serde_json::to_value(case7).expect("serialises");
        assert_eq!(json["case"], 7);
        assert_eq!(json["stopped_after"], 1);
        assert!(
            json["forecasts"][1]["trainee"].is_null() && json["forecasts"][2]["ideal"].is_null()
        );
        assert_eq!(json["forecasts"][0]["trainee"], 0.5);
    }

    #[test]
    fn drift_after_the_client_stopped_coming_is_no_drift_to_spot() {
        // A therapist's drift that would have begun after the client's last session was never seen:
        // the case counts as a case without drift (a noise trial), not as a miss. Found by search: a
        // seed with such a case (drift onset after the last session, at or before the last
        // checkpoint, 4).
        let scenario = Arc::new(resolve("tests/scenarios/early-ending.ron").expect("loads"));
        let seed = (0..300)
            .find(|&seed| {
                Run::new(Arc::clone(&scenario), seed)
                    .cases_for_verification()
                    .iter()
                    .any(|c| {
                        let last = c.scores.len() as u32 - 1;
                        c.hidden
                            .drift
                            .is_some_and(|d| d.onset > last && d.onset <= 4)
                    })
            })
            .expect("some seed has drift after an early end");
        let mut run = Run::new(Arc::clone(&scenario), seed);
        crate::run::machine::answer_everything(&mut run, 50);
        let s = score_run(&run, &Benchmarks::new(run.scenario()));
        // Counted by hand from the cases: drifted by the last session seen (the client's last, or
        // session 4), with no flag given, every such case is a miss.
        let drifted = run
            .cases_for_verification()
            .iter()
            .filter(|c| {
                let seen = (c.scores.len() as u32 - 1).min(4);
                c.hidden.drift.is_some_and(|d| d.onset <= seen)
            })
            .count() as u64;
        assert_eq!((s.drift.signal_cases, s.drift.misses), (drifted, drifted));
        assert_eq!(
            s.drift.noise_trials,
            10 - drifted + {
                // Drifted cases with a session seen before the onset add a noise stretch each.
                run.cases_for_verification()
                    .iter()
                    .filter(|c| {
                        let seen = (c.scores.len() as u32 - 1).min(4);
                        c.hidden
                            .drift
                            .is_some_and(|d| d.onset <= seen && d.onset > 1)
                    })
                    .count() as u64
            }
        );
    }
}
