//! Blind spots: the cases a trainee was most confidently wrong about, measured against the best
//! possible forecast where that forecast was sure, and the kind of case they share if they share one.

use serde::Serialize;

use crate::debrief::CaseForecasts;
use crate::model::{Case, Outcome};
use crate::scenario::Scenario;
use crate::scenario::format::LindenClass;

/// The best possible forecast is "sure" at or below this, or at or above 1 − this.
pub const SURE: f64 = 0.1;
/// A gap to the best possible forecast smaller than this is no blind spot.
pub const MIN_GAP: f64 = 0.3;
/// At most this many blind spots are shown.
pub const SHOWN: usize = 3;

/// Kinds of case that research names as easy to misjudge.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub enum CaseKind {
    /// Deteriorated, but at mid-treatment (session ⌊T/2⌋) the scores were not yet reliably worse
    /// than at intake.
    LateDeteriorator,
    /// The client exaggerated at intake and minimised at the end.
    HelloGoodbye,
    /// The therapist drifted from the protocol.
    Drift,
    /// An unwanted event of wrong treatment or a violation of a norm happened.
    SeriousEvent,
}

impl CaseKind {
    pub const ALL: [CaseKind; 4] = [
        CaseKind::LateDeteriorator,
        CaseKind::HelloGoodbye,
        CaseKind::Drift,
        CaseKind::SeriousEvent,
    ];

    /// The name used in JSON and in the keys of the texts.
    pub fn slug(self) -> &'static str {
        match self {
            CaseKind::LateDeteriorator => "late-deteriorator",
            CaseKind::HelloGoodbye => "hello-goodbye",
            CaseKind::Drift => "drift",
            CaseKind::SeriousEvent => "serious-event",
        }
    }

    /// Whether a (revealed) case is of this kind.
    pub fn of(self, s: &Scenario, case: &Case) -> bool {
        match self {
            CaseKind::LateDeteriorator => {
                let mid = s.sessions() / 2;
                let rules = &s.rules;
                let worse_by_mid = case.scores.get(mid).is_some_and(|&y| {
                    rules.worse * (y - case.intake()) >= rules.reliable_change - 1e-9 * rules.step
                });
                case.outcome == Outcome::Deteriorated && !worse_by_mid
            }
            CaseKind::HelloGoodbye => case.hidden.hello_goodbye,
            CaseKind::Drift => case.hidden.drift.is_some(),
            CaseKind::SeriousEvent => case.events.iter().any(|e| {
                s.file.events.get(e.kind).is_some_and(|k| {
                    matches!(k.linden, LindenClass::Malpractice | LindenClass::Violation)
                })
            }),
        }
    }

    /// The kinds a case is of.
    pub fn all_of(s: &Scenario, case: &Case) -> Vec<CaseKind> {
        CaseKind::ALL
            .into_iter()
            .filter(|k| k.of(s, case))
            .collect()
    }
}

/// A case the trainee was confidently wrong about.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BlindSpot {
    /// Index of the case in the run (0 is the first).
    pub case: usize,
    /// The checkpoint of the largest gap where the best possible forecast was sure.
    pub checkpoint: u32,
    pub trainee: f64,
    pub ideal: f64,
    pub kinds: Vec<CaseKind>,
}

impl BlindSpot {
    /// |trainee − ideal|.
    pub fn gap(&self) -> f64 {
        (self.trainee - self.ideal).abs()
    }
}

/// The blind spots of a run: per case the checkpoint with the largest gap |trainee − ideal| among
/// those where the ideal was sure (≤ 10 % or ≥ 90 %), the cases with a gap of at least 30 points,
/// largest first, at most three. `case_of` gives the revealed case of an index.
pub fn blind_spots<'c>(
    s: &Scenario,
    forecasts: &[CaseForecasts],
    case_of: impl Fn(usize) -> Option<&'c Case>,
) -> Vec<BlindSpot> {
    let mut spots: Vec<BlindSpot> = forecasts
        .iter()
        .filter_map(|cf| {
            let worst = cf
                .forecasts
                .iter()
                .filter(|f| f.ideal <= SURE || f.ideal >= 1.0 - SURE)
                .max_by(|a, b| {
                    (a.trainee - a.ideal)
                        .abs()
                        .total_cmp(&(b.trainee - b.ideal).abs())
                })?;
            let case = case_of(cf.case)?;
            Some(BlindSpot {
                case: cf.case,
                checkpoint: worst.checkpoint,
                trainee: worst.trainee,
                ideal: worst.ideal,
                kinds: CaseKind::all_of(s, case),
            })
        })
        .filter(|b| b.gap() >= MIN_GAP - 1e-12)
        .collect();
    spots.sort_by(|a, b| b.gap().total_cmp(&a.gap()).then(a.case.cmp(&b.case)));
    spots.truncate(SHOWN);
    spots
}

/// The kind most blind spots share: one shared by at least two of them and by more than half, and
/// more common among them than among all the run's cases (`kinds_in_run`: the kinds of every
/// revealed case). The most shared first; `None` when there is no such kind.
pub fn shared_kind(spots: &[BlindSpot], kinds_in_run: &[Vec<CaseKind>]) -> Option<CaseKind> {
    let share = |k: CaseKind, of: &mut dyn Iterator<Item = &Vec<CaseKind>>| {
        let (mut hits, mut n) = (0usize, 0usize);
        for kinds in of {
            n += 1;
            hits += usize::from(kinds.contains(&k));
        }
        (hits, n)
    };
    CaseKind::ALL
        .into_iter()
        .filter_map(|k| {
            let (hits, n) = share(k, &mut spots.iter().map(|b| &b.kinds));
            let (run_hits, run_n) = share(k, &mut kinds_in_run.iter());
            let here = hits as f64 / n.max(1) as f64;
            let there = run_hits as f64 / run_n.max(1) as f64;
            (hits >= 2 && 2 * hits > n && here > there).then_some((hits, k))
        })
        .max_by_key(|(hits, k)| (*hits, std::cmp::Reverse(*k)))
        .map(|(_, k)| k)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::debrief::CheckpointForecast;

    fn cf(case: usize, pairs: &[(u32, f64, f64)]) -> CaseForecasts {
        CaseForecasts {
            case,
            deteriorated: false,
            stopped_after: None,
            absent: Vec::new(),
            forecasts: pairs
                .iter()
                .map(|&(checkpoint, trainee, ideal)| CheckpointForecast {
                    checkpoint,
                    trainee,
                    ideal,
                    actuarial: 0.1,
                    base_rate: 0.1,
                })
                .collect(),
        }
    }

    #[test]
    fn the_largest_sure_gaps_come_first_and_unsure_ones_do_not_count() {
        let s = crate::scenario::resolve("first-lesson").expect("bundled");
        let case = crate::model::generate_case(&s, 1, 0);
        let forecasts = vec![
            // Gap 0.5 where the ideal said 95 %: a blind spot.
            cf(0, &[(0, 0.1, 0.08), (3, 0.45, 0.95)]),
            // Gap 0.7, but the ideal said 60 %: not sure, so not counted.
            cf(1, &[(3, 0.9, 0.2), (6, 0.2, 0.6)]),
            // Gap 0.65 where the ideal said 3 %.
            cf(2, &[(3, 0.68, 0.03)]),
            // Gap 0.2: too small.
            cf(3, &[(3, 0.25, 0.05)]),
        ];
        let spots = blind_spots(&s, &forecasts, |_| Some(&case));
        let order: Vec<(usize, u32)> = spots.iter().map(|b| (b.case, b.checkpoint)).collect();
        assert_eq!(order, vec![(2, 3), (0, 3)]);
        assert!((spots[0].gap() - 0.65).abs() < 1e-12);
    }

    #[test]
    fn a_shared_kind_must_be_shared_by_most_and_rarer_in_the_run() {
        let spot = |kinds: Vec<CaseKind>| BlindSpot {
            case: 0,
            checkpoint: 1,
            trainee: 0.1,
            ideal: 0.9,
            kinds,
        };
        let late = CaseKind::LateDeteriorator;
        let spots = vec![
            spot(vec![late]),
            spot(vec![late, CaseKind::Drift]),
            spot(vec![]),
        ];
        let run: Vec<Vec<CaseKind>> = (0..10)
            .map(|i| if i < 2 { vec![late] } else { vec![] })
            .collect();
        assert_eq!(shared_kind(&spots, &run), Some(late));
        // When every case of the run is of that kind, sharing it says nothing.
        let all_late = vec![vec![late]; 10];
        assert_eq!(shared_kind(&spots, &all_late), None);
        // One of three is no pattern.
        assert_eq!(shared_kind(&spots[1..], &run), None);
    }
}
