//! How the clients with each unwanted event fare: the share of them who end recovered and who end
//! deteriorated, per event of the catalogue, and the clients with a reaction to incorrect treatment
//! or a violation against all the others. Harm signs must go with harm: a trainee who sees clients
//! with a suicidal crisis recover as often as anyone learns to shrug at one.

use serde::Serialize;

use crate::model::{Case, Outcome};
use crate::scenario::Scenario;
use crate::scenario::format::LindenClass;

/// The outcomes of a group of clients.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct OutcomeShares {
    pub clients: u64,
    pub recovered: f64,
    pub deteriorated: f64,
}

/// The outcomes of the clients with one event of the catalogue.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EventOutcomeLine {
    pub key: String,
    pub linden: LindenClass,
    pub with: OutcomeShares,
}

/// Clients with at least one reaction to incorrect treatment or violation against the others, and
/// the ratios of their recovery and deterioration rates.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct HarmLine {
    pub harmed: OutcomeShares,
    pub others: OutcomeShares,
    /// Recovery of the harmed clients as a multiple of the others'.
    pub recovery_ratio: f64,
    /// Deterioration of the harmed clients as a multiple of the others'.
    pub deterioration_ratio: f64,
}

/// Whether an event of this class is a harm done by the treatment itself.
pub fn is_harm(class: LindenClass) -> bool {
    matches!(class, LindenClass::Malpractice | LindenClass::Violation)
}

#[derive(Debug, Clone, Copy, Default)]
struct Tally {
    clients: u64,
    recovered: u64,
    deteriorated: u64,
}

impl Tally {
    fn add(&mut self, outcome: Outcome) {
        self.clients += 1;
        self.recovered += u64::from(outcome == Outcome::Recovered);
        self.deteriorated += u64::from(outcome == Outcome::Deteriorated);
    }

    fn shares(&self) -> OutcomeShares {
        let n = self.clients.max(1) as f64;
        OutcomeShares {
            clients: self.clients,
            recovered: self.recovered as f64 / n,
            deteriorated: self.deteriorated as f64 / n,
        }
    }
}

/// Counts the outcomes of the cases it is given.
#[derive(Debug, Clone, Default)]
pub struct EventOutcomes {
    per_event: Vec<Tally>,
    harmed: Tally,
    others: Tally,
}

impl EventOutcomes {
    /// Counts one case: once per event kind it had, however often.
    pub fn add(&mut self, s: &Scenario, case: &Case) {
        let kinds = s.file.events.len();
        self.per_event.resize(kinds, Tally::default());
        let mut had = vec![false; kinds];
        for e in &case.events {
            if let Some(h) = had.get_mut(e.kind) {
                *h = true;
            }
        }
        for (tally, _) in self.per_event.iter_mut().zip(&had).filter(|(_, h)| **h) {
            tally.add(case.outcome);
        }
        let harmed = s
            .file
            .events
            .iter()
            .zip(&had)
            .any(|(e, h)| *h && is_harm(e.linden));
        if harmed {
            self.harmed.add(case.outcome);
        } else {
            self.others.add(case.outcome);
        }
    }

    /// One line per event of the catalogue, in its order.
    pub fn lines(&self, s: &Scenario) -> Vec<EventOutcomeLine> {
        s.file
            .events
            .iter()
            .enumerate()
            .map(|(k, e)| EventOutcomeLine {
                key: e.key.clone(),
                linden: e.linden,
                with: self.per_event.get(k).copied().unwrap_or_default().shares(),
            })
            .collect()
    }

    /// The harmed clients against the others; `None` when the catalogue has no harm events.
    pub fn harm(&self, s: &Scenario) -> Option<HarmLine> {
        if !s.file.events.iter().any(|e| is_harm(e.linden)) {
            return None;
        }
        let (harmed, others) = (self.harmed.shares(), self.others.shares());
        let ratio = |a: f64, b: f64| if b > 0.0 { a / b } else { f64::NAN };
        Some(HarmLine {
            harmed,
            others,
            recovery_ratio: ratio(harmed.recovered, others.recovered),
            deterioration_ratio: ratio(harmed.deteriorated, others.deteriorated),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Event;

    #[test]
    fn counts_each_client_once_per_event_and_splits_the_harmed() {
        // The minimal scenario: "job" (unrelated), "tired" (side effect), "stuck" (malpractice).
        let s = crate::scenario::resolve("tests/scenarios/minimal.ron").expect("minimal loads");
        let mut tally = EventOutcomes::default();
        let mut client = |outcome: Outcome, kinds: &[usize]| {
            let mut c = Case::observed(vec![50.0; 7], vec![5.0; 6], Vec::new());
            c.outcome = outcome;
            c.events = kinds
                .iter()
                .enumerate()
                .map(|(i, &kind)| Event {
                    session: i as u32 + 1,
                    kind,
                    wording: 0,
                })
                .collect();
            tally.add(&s, &c);
        };
        client(Outcome::Deteriorated, &[2, 2, 0]);
        client(Outcome::Recovered, &[2]);
        client(Outcome::Recovered, &[0]);
        client(Outcome::Unchanged, &[]);
        client(Outcome::Deteriorated, &[]);
        let lines = tally.lines(&s);
        // "stuck": two clients (one counted once for two events), one recovered, one deteriorated.
        assert_eq!(lines[2].with.clients, 2);
        assert_eq!(
            (lines[2].with.recovered, lines[2].with.deteriorated),
            (0.5, 0.5)
        );
        assert_eq!(lines[0].with.clients, 2);
        assert_eq!(lines[1].with.clients, 0);
        let harm = tally
            .harm(&s)
            .expect("the catalogue has a malpractice event");
        // Others: recovered 1 of 3, deteriorated 1 of 3; harmed: 1 of 2 each. Ratios 1.5 and 1.5.
        assert_eq!(harm.others.clients, 3);
        assert!((harm.recovery_ratio - 1.5).abs() < 1e-12);
        assert!((harm.deterioration_ratio - 1.5).abs() < 1e-12);
    }
}
