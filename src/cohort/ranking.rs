//! How reliably each class of a cohort is ranked by the Brier score and by the judgement cost, and the
//! ranks worth showing.
//!
//! A class is the runs of one course: one scenario version and seed, so everyone saw the same clients
//! (the groups of the cohort table). A run's error variance comes from the bootstrap over its own
//! cases (see [`crate::score::ranking`]); a class whose differences are mostly that error is not
//! ranked, whatever its table's order.

use serde::Serialize;

use super::Cohort;
use crate::debrief::RunScores;
use crate::score::bootstrap::seed_of_words;
use crate::score::{Measured, RankingReliability, measured, ranking_reliability, tiers};

/// The two scores a class can be ranked by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RankedScore {
    /// Against what happened: judgement and luck.
    Brier,
    /// Against the best possible forecasts: judgement alone.
    JudgementCost,
}

impl RankedScore {
    pub const ALL: [RankedScore; 2] = [RankedScore::Brier, RankedScore::JudgementCost];

    /// Each case of a run as (the sum of this score over its forecasts, its number of forecasts).
    fn case_sums(self, r: &RunScores) -> Vec<(f64, f64)> {
        r.scores
            .case_forecasts
            .iter()
            .map(|c| {
                let o = if c.deteriorated { 1.0 } else { 0.0 };
                let sum = c
                    .forecasts
                    .iter()
                    .map(|f| match self {
                        RankedScore::Brier => (f.trainee - o).powi(2),
                        RankedScore::JudgementCost => (f.trainee - f.ideal).powi(2),
                    })
                    .sum::<f64>();
                (sum, c.forecasts.len() as f64)
            })
            .collect()
    }

    /// The bootstrap stream of this score, so the two scores' resamples are independent.
    fn stream(self) -> u64 {
        match self {
            RankedScore::Brier => 0x6272_6965_7200,
            RankedScore::JudgementCost => 0x6a75_6467_6500,
        }
    }
}

/// One class ranked by one score.
#[derive(Debug, Clone, Serialize)]
pub struct ScoreRanking {
    pub score: RankedScore,
    #[serde(flatten)]
    pub reliability: RankingReliability,
    /// Each run's rank (1 is best), in the order of [`ClassRanking::runs`]; all `None` when the
    /// class is not rankable by this score, and `None` for a run without forecasts.
    pub ranks: Vec<Option<usize>>,
}

/// The reliability of one class's ranking.
#[derive(Debug, Clone, Serialize)]
pub struct ClassRanking {
    pub scenario_id: String,
    pub scenario_hash: String,
    pub seed: u64,
    /// Indices into the cohort's runs.
    #[serde(skip)]
    pub runs: Vec<usize>,
    /// The runs' files, in the same order (for JSON readers).
    pub files: Vec<String>,
    pub by: Vec<ScoreRanking>,
}

impl ClassRanking {
    /// The ranking by `score`.
    pub fn by(&self, score: RankedScore) -> Option<&ScoreRanking> {
        self.by.iter().find(|r| r.score == score)
    }

    /// The rank of the cohort's run `index` by `score`, where one is worth showing.
    pub fn rank_of(&self, index: usize, score: RankedScore) -> Option<usize> {
        let place = self.runs.iter().position(|&i| i == index)?;
        self.by(score)?.ranks.get(place).copied().flatten()
    }
}

/// Every class of the cohort with its rankings, in the cohort's order.
pub fn class_rankings(cohort: &Cohort) -> Vec<ClassRanking> {
    let mut classes: Vec<ClassRanking> = Vec::new();
    for (i, r) in cohort.runs.iter().enumerate() {
        match classes
            .iter_mut()
            .find(|c| c.scenario_hash == r.scenario_hash && c.seed == r.seed)
        {
            Some(c) => {
                c.runs.push(i);
                c.files.push(r.file.clone());
            }
            None => classes.push(ClassRanking {
                scenario_id: r.scenario_id.clone(),
                scenario_hash: r.scenario_hash.clone(),
                seed: r.seed,
                runs: vec![i],
                files: vec![r.file.clone()],
                by: Vec::new(),
            }),
        }
    }
    for class in &mut classes {
        let runs: Vec<&RunScores> = class
            .runs
            .iter()
            .filter_map(|&i| cohort.runs.get(i))
            .collect();
        class.by = RankedScore::ALL
            .iter()
            .map(|&score| rank(&runs, score))
            .collect();
    }
    classes
}

/// The ranking of `runs` by `score`.
fn rank(runs: &[&RunScores], score: RankedScore) -> ScoreRanking {
    let each: Vec<Option<Measured>> = runs
        .iter()
        .map(|r| {
            let sums = score.case_sums(r);
            let words = sums.iter().flat_map(|(s, k)| [s.to_bits(), k.to_bits()]);
            measured(&sums, score.stream() ^ seed_of_words(words))
        })
        .collect();
    let scored: Vec<Measured> = each.iter().flatten().copied().collect();
    let reliability = ranking_reliability(&scored);
    let mut scored_ranks = tiers(&scored, &reliability).into_iter();
    let ranks = each
        .iter()
        .map(|m| m.and_then(|_| scored_ranks.next().flatten()))
        .collect();
    ScoreRanking {
        score,
        reliability,
        ranks,
    }
}
