//! The run state machine: what the trainee may see at each step, which answer is due, and what each
//! answer does. The app, the bots and the cohort loader all drive this one machine, so the order of a
//! run lives here and nowhere else.
//!
//! A case is read session by session up to its last checkpoint. At each checkpoint a forecast is due
//! before anything else; every unwanted event seen must be classified before the case is revealed;
//! drift may be flagged on any session seen. After the reveal the whole case (outcome, drift, the true
//! Linden classes) may be seen, and the trainee moves on. Nothing of a later case is visible before it
//! starts, and no answer about a case is accepted after its reveal.
//!
//! A client may stop coming before the last checkpoint (front-loaded dropout, see
//! `scenario::dropout`). Their case is read up to the session after their last one, the session they
//! did not come to: only then does the trainee know that the last session was the last, as in a
//! practice. The checkpoints after their last session were never reached: no forecast is asked
//! there, so those forecasts are absent from the run (not zero), and every score is taken over the
//! forecasts that were asked. Drift may be flagged on the sessions that took place.

use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::model::{Case, Visible, generate};
use crate::scenario::Scenario;
use crate::scenario::format::LindenClass;

/// One answer or step of the trainee.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Action {
    /// Show the next session of the case being read.
    NextSession,
    /// Commit the forecast of deterioration, in whole percent (1–99), at the current checkpoint.
    Forecast { percent: u8 },
    /// Flag drift from the protocol at a session already seen, naming its kind (a drift-kind key) or not.
    FlagDrift { session: u32, kind: Option<String> },
    /// Classify an unwanted event already seen (index into the case's events).
    ClassifyEvent { event: usize, class: LindenClass },
    /// End the reading of the case: its outcome is revealed.
    Reveal,
    /// Go on to the next case after a reveal.
    NextCase,
}

/// Where the run stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Phase {
    /// Reading case `case`, sessions up to `seen`.
    Reading { case: usize, seen: u32 },
    /// Case `case` has been revealed.
    Revealed { case: usize },
    /// Every case is done.
    Finished,
}

/// What the trainee has to do next.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum Due {
    /// A forecast at this checkpoint, before anything else.
    Forecast { checkpoint: u32 },
    /// Classify this event (index into the case's events) before the reveal.
    Classify { event: usize },
    /// Read on: the next session may be shown.
    NextSession,
    /// All answers of the case are in: it may be revealed.
    Reveal,
    /// The case is revealed: go on to the next.
    NextCase,
    /// The run is over.
    Finished,
}

/// Why an action is not allowed now.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RunError {
    #[error("a forecast is due at session {0} first")]
    ForecastDue(u32),
    #[error("event {0} must be classified before the case is revealed")]
    ClassificationDue(usize),
    #[error("no forecast is asked at session {0}")]
    NotACheckpoint(u32),
    #[error(
        "the client stopped coming after session {last}: no forecast is asked at session {checkpoint}"
    )]
    NotReached { checkpoint: u32, last: u32 },
    #[error("the client stopped coming after session {last}: there was no session {session}")]
    NoSuchSession { session: u32, last: u32 },
    #[error("the forecast at session {0} was already given and cannot be changed")]
    AlreadyForecast(u32),
    #[error("a forecast is a whole percentage from 1 to 99, not {0}")]
    PercentOutOfRange(u8),
    #[error("session {0} has not been seen")]
    SessionNotSeen(u32),
    #[error("session {0} is already flagged")]
    AlreadyFlagged(u32),
    #[error("there is no drift kind \"{0}\" in this scenario")]
    UnknownDriftKind(String),
    #[error("there is no event {0} in the sessions seen")]
    EventNotSeen(usize),
    #[error("event {0} is already classified")]
    AlreadyClassified(usize),
    #[error("the last session to read before the reveal has been reached")]
    EndOfReading,
    #[error("{0} is only possible while reading a case")]
    NotReading(&'static str),
    #[error("the case is not revealed yet")]
    NotRevealed,
    #[error("the run is over")]
    Finished,
}

/// The answers given on one case.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct CaseAnswers {
    /// (checkpoint, percent), in checkpoint order.
    pub forecasts: Vec<(u32, u8)>,
    /// (session, named kind), in the order given.
    pub flags: Vec<(u32, Option<String>)>,
    /// (event index, class), in the order given.
    pub classifications: Vec<(usize, LindenClass)>,
}

/// A run in progress: the cases of the run and every answer so far.
#[derive(Debug, Clone)]
pub struct Run {
    scenario: Arc<Scenario>,
    cases: Vec<Case>,
    answers: Vec<CaseAnswers>,
    phase: Phase,
}

impl Run {
    /// A new run of `scenario` with `seed`: `cases_per_run` cases, at the intake of the first.
    pub fn new(scenario: Arc<Scenario>, seed: u64) -> Self {
        let cases = generate(&scenario, seed, scenario.file.cases_per_run as usize);
        let answers = vec![CaseAnswers::default(); cases.len()];
        let phase = if cases.is_empty() {
            Phase::Finished
        } else {
            Phase::Reading { case: 0, seen: 0 }
        };
        Run {
            scenario,
            cases,
            answers,
            phase,
        }
    }

    pub fn scenario(&self) -> &Scenario {
        &self.scenario
    }

    /// The scenario, shared.
    pub fn scenario_arc(&self) -> Arc<Scenario> {
        Arc::clone(&self.scenario)
    }

    pub fn phase(&self) -> Phase {
        self.phase
    }

    /// Number of cases in the run.
    pub fn len(&self) -> usize {
        self.cases.len()
    }

    /// True for a run without cases.
    pub fn is_empty(&self) -> bool {
        self.cases.is_empty()
    }

    /// The last session read before a reveal: the last checkpoint.
    pub fn last_read(&self) -> u32 {
        self.scenario.file.checkpoints.last().copied().unwrap_or(0)
    }

    /// The last session read of case `case` before its reveal: the last checkpoint, or, when the
    /// client stopped coming before it, the session after their last one (the one they did not come
    /// to, which shows that they stopped).
    pub fn read_until(&self, case: usize) -> u32 {
        self.stopped_after(case)
            .map_or(self.last_read(), |last| last + 1)
    }

    /// The session after which the client of case `case` stopped coming, when that was before the
    /// last checkpoint (see [`stopped_after`]).
    pub fn stopped_after(&self, case: usize) -> Option<u32> {
        self.cases
            .get(case)
            .and_then(|c| stopped_after(&self.scenario, c))
    }

    /// What the trainee may see of the case being read, or `None` outside reading.
    pub fn visible(&self) -> Option<(usize, Visible<'_>)> {
        match self.phase {
            Phase::Reading { case, seen } => self.cases.get(case).map(|c| (case, c.visible(seen))),
            _ => None,
        }
    }

    /// A case whose outcome has been revealed (the current one after its reveal, or any earlier one).
    pub fn revealed(&self, case: usize) -> Option<&Case> {
        let done = match self.phase {
            Phase::Reading { case: current, .. } => case < current,
            Phase::Revealed { case: current } => case <= current,
            Phase::Finished => true,
        };
        if done { self.cases.get(case) } else { None }
    }

    /// Every case, once the run is over (for the debrief and scoring).
    pub fn all_cases(&self) -> Option<&[Case]> {
        (self.phase == Phase::Finished).then_some(self.cases.as_slice())
    }

    /// Every case, for checking a run file's records; never shown to a trainee.
    pub(crate) fn cases_for_verification(&self) -> &[Case] {
        &self.cases
    }

    /// The answers given on a case.
    pub fn answers(&self, case: usize) -> Option<&CaseAnswers> {
        self.answers.get(case)
    }

    /// The answers of every case, in case order.
    pub fn all_answers(&self) -> &[CaseAnswers] {
        &self.answers
    }

    /// The answer that is due now.
    pub fn due(&self) -> Due {
        match self.phase {
            Phase::Finished => Due::Finished,
            Phase::Revealed { .. } => Due::NextCase,
            Phase::Reading { case, seen } => {
                let answers = self.answers.get(case);
                let is_checkpoint = self.scenario.file.checkpoints.contains(&seen);
                let reached = self.stopped_after(case).is_none_or(|last| seen <= last);
                let forecast_given =
                    answers.is_some_and(|a| a.forecasts.iter().any(|(c, _)| *c == seen));
                if is_checkpoint && reached && !forecast_given {
                    return Due::Forecast { checkpoint: seen };
                }
                if seen < self.read_until(case) {
                    return Due::NextSession;
                }
                if let Some(event) = self.unclassified(case, seen) {
                    return Due::Classify { event };
                }
                Due::Reveal
            }
        }
    }

    fn unclassified(&self, case: usize, seen: u32) -> Option<usize> {
        let c = self.cases.get(case)?;
        let answers = self.answers.get(case)?;
        c.events
            .iter()
            .enumerate()
            .filter(|(_, e)| e.session <= seen)
            .map(|(i, _)| i)
            .find(|i| !answers.classifications.iter().any(|(j, _)| j == i))
    }

    /// Applies an action, or says why it is not allowed (and changes nothing).
    pub fn apply(&mut self, action: &Action) -> Result<(), RunError> {
        match (action, self.phase) {
            (_, Phase::Finished) => Err(RunError::Finished),
            (Action::NextCase, Phase::Revealed { case }) => {
                self.phase = if case + 1 < self.cases.len() {
                    Phase::Reading {
                        case: case + 1,
                        seen: 0,
                    }
                } else {
                    Phase::Finished
                };
                Ok(())
            }
            (Action::NextCase, Phase::Reading { .. }) => Err(RunError::NotRevealed),
            (_, Phase::Revealed { .. }) => Err(RunError::NotReading("this answer")),
            (action, Phase::Reading { case, seen }) => self.apply_reading(action, case, seen),
        }
    }

    fn apply_reading(&mut self, action: &Action, case: usize, seen: u32) -> Result<(), RunError> {
        let due = self.due();
        let stopped = self.stopped_after(case);
        let checkpoints = &self.scenario.file.checkpoints;
        let Some(c) = self.cases.get(case) else {
            return Err(RunError::Finished);
        };
        let Some(answers) = self.answers.get_mut(case) else {
            return Err(RunError::Finished);
        };
        match action {
            Action::NextSession => match due {
                Due::Forecast { checkpoint } => Err(RunError::ForecastDue(checkpoint)),
                Due::NextSession => {
                    self.phase = Phase::Reading {
                        case,
                        seen: seen + 1,
                    };
                    Ok(())
                }
                _ => Err(RunError::EndOfReading),
            },
            Action::Forecast { percent } => {
                if !checkpoints.contains(&seen) {
                    return Err(RunError::NotACheckpoint(seen));
                }
                if let Some(last) = stopped.filter(|last| seen > *last) {
                    return Err(RunError::NotReached {
                        checkpoint: seen,
                        last,
                    });
                }
                if answers.forecasts.iter().any(|(cp, _)| *cp == seen) {
                    return Err(RunError::AlreadyForecast(seen));
                }
                if !(1..=99).contains(percent) {
                    return Err(RunError::PercentOutOfRange(*percent));
                }
                answers.forecasts.push((seen, *percent));
                Ok(())
            }
            Action::FlagDrift { session, kind } => {
                if *session == 0 || *session > seen {
                    return Err(RunError::SessionNotSeen(*session));
                }
                if let Some(last) = stopped.filter(|last| session > last) {
                    return Err(RunError::NoSuchSession {
                        session: *session,
                        last,
                    });
                }
                if answers.flags.iter().any(|(s, _)| s == session) {
                    return Err(RunError::AlreadyFlagged(*session));
                }
                if let Some(k) = kind
                    && !self.scenario.file.drift.kinds.iter().any(|d| &d.key == k)
                {
                    return Err(RunError::UnknownDriftKind(k.clone()));
                }
                answers.flags.push((*session, kind.clone()));
                Ok(())
            }
            Action::ClassifyEvent { event, class } => {
                if c.events.get(*event).is_none_or(|e| e.session > seen) {
                    return Err(RunError::EventNotSeen(*event));
                }
                if answers.classifications.iter().any(|(e, _)| e == event) {
                    return Err(RunError::AlreadyClassified(*event));
                }
                answers.classifications.push((*event, *class));
                Ok(())
            }
            Action::Reveal => match due {
                Due::Forecast { checkpoint } => Err(RunError::ForecastDue(checkpoint)),
                Due::Classify { event } => Err(RunError::ClassificationDue(event)),
                Due::NextSession => Err(RunError::NotReading(
                    "the reveal before the last checkpoint",
                )),
                _ => {
                    self.phase = Phase::Revealed { case };
                    Ok(())
                }
            },
            Action::NextCase => Err(RunError::NotRevealed),
        }
    }
}

/// The session after which the client of `case` stopped coming, when that was before the last
/// checkpoint of `scenario`: the checkpoints after it were never reached, and no forecast is asked
/// there. `None` when the case reaches every checkpoint (the client came to the last one, whether or
/// not they stopped later).
pub fn stopped_after(scenario: &Scenario, case: &Case) -> Option<u32> {
    let last_checkpoint = scenario.file.checkpoints.last().copied().unwrap_or(0);
    case.ended_early(scenario.sessions())
        .and_then(|last| u32::try_from(last).ok())
        .filter(|last| *last < last_checkpoint)
}

/// Whether `case` reached `checkpoint`: the client came to that session (the intake always counts).
pub fn reached(scenario: &Scenario, case: &Case, checkpoint: u32) -> bool {
    stopped_after(scenario, case).is_none_or(|last| checkpoint <= last)
}

/// The answer to what is due: `percent` for a forecast, "unrelated" for an event, moving on
/// otherwise; none once the run is over. For tests of the run and of its scores.
#[cfg(test)]
pub(crate) fn answer_to(due: Due, percent: u8) -> Option<Action> {
    Some(match due {
        Due::Forecast { .. } => Action::Forecast { percent },
        Due::Classify { event } => Action::ClassifyEvent {
            event,
            class: LindenClass::Unrelated,
        },
        Due::NextSession => Action::NextSession,
        Due::Reveal => Action::Reveal,
        Due::NextCase => Action::NextCase,
        Due::Finished => return None,
    })
}

/// Answers whatever is due (`percent` at every checkpoint, every event as unrelated, no flags)
/// until the run is over; returns the number of actions. For tests of the run and of its scores.
#[cfg(test)]
pub(crate) fn answer_everything(run: &mut Run, percent: u8) -> usize {
    let mut steps = 0;
    loop {
        let Some(action) = answer_to(run.due(), percent) else {
            return steps;
        };
        if let Err(e) = run.apply(&action) {
            panic!("what is due is allowed: {e}");
        }
        steps += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scenario() -> Arc<Scenario> {
        // Minimal: 6 sessions, checkpoints after intake and session 2, 10 cases.
        Arc::new(crate::scenario::resolve("tests/scenarios/minimal.ron").expect("minimal loads"))
    }

    #[test]
    fn a_run_walks_every_case_to_the_end() {
        let s = scenario();
        let mut run = Run::new(Arc::clone(&s), 1);
        assert_eq!(run.len(), 10);
        assert_eq!(run.due(), Due::Forecast { checkpoint: 0 });
        answer_everything(&mut run, 50);
        assert_eq!(run.phase(), Phase::Finished);
        for a in run.all_answers() {
            assert_eq!(a.forecasts, vec![(0, 50), (2, 50)]);
        }
        assert!(run.all_cases().is_some());
    }

    #[test]
    fn a_forecast_is_due_before_reading_on() {
        let s = scenario();
        let mut run = Run::new(Arc::clone(&s), 1);
        assert_eq!(
            run.apply(&Action::NextSession),
            Err(RunError::ForecastDue(0))
        );
        assert_eq!(run.apply(&Action::Reveal), Err(RunError::ForecastDue(0)));
        run.apply(&Action::Forecast { percent: 10 }).expect("due");
        assert_eq!(
            run.apply(&Action::Forecast { percent: 90 }),
            Err(RunError::AlreadyForecast(0)),
            "a committed forecast cannot be changed"
        );
        run.apply(&Action::NextSession).expect("allowed");
        assert_eq!(
            run.apply(&Action::Forecast { percent: 10 }),
            Err(RunError::NotACheckpoint(1))
        );
        assert_eq!(
            run.apply(&Action::Forecast { percent: 0 }),
            Err(RunError::NotACheckpoint(1))
        );
    }

    #[test]
    fn nothing_of_the_future_is_visible() {
        let s = scenario();
        let mut run = Run::new(Arc::clone(&s), 1);
        let (case, v) = run.visible().expect("reading");
        assert_eq!((case, v.seen(), v.scores().len()), (0, 0, 1));
        assert!(run.revealed(0).is_none(), "no outcome before the reveal");
        assert!(run.all_cases().is_none());
        run.apply(&Action::Forecast { percent: 10 }).expect("due");
        assert_eq!(
            run.apply(&Action::FlagDrift {
                session: 1,
                kind: None
            }),
            Err(RunError::SessionNotSeen(1))
        );
        run.apply(&Action::NextSession).expect("allowed");
        run.apply(&Action::NextSession).expect("allowed");
        assert_eq!(
            run.apply(&Action::NextSession),
            Err(RunError::ForecastDue(2))
        );
        run.apply(&Action::Forecast { percent: 10 }).expect("due");
        assert_eq!(
            run.apply(&Action::NextSession),
            Err(RunError::EndOfReading),
            "reading stops at the last checkpoint"
        );
    }

    #[test]
    fn flags_and_classifications_are_checked() {
        let s = scenario();
        // Find a seed whose first case has an event by session 2.
        let seed = (0..500)
            .find(|&seed| {
                Run::new(Arc::clone(&s), seed)
                    .cases
                    .first()
                    .is_some_and(|c| c.events.iter().any(|e| e.session <= 2))
            })
            .expect("some seed has an early event");
        let mut run = Run::new(Arc::clone(&s), seed);
        run.apply(&Action::Forecast { percent: 10 }).expect("due");
        run.apply(&Action::NextSession).expect("allowed");
        run.apply(&Action::NextSession).expect("allowed");
        run.apply(&Action::Forecast { percent: 20 }).expect("due");
        run.apply(&Action::FlagDrift {
            session: 2,
            kind: Some("talk".into()),
        })
        .expect("seen session");
        assert_eq!(
            run.apply(&Action::FlagDrift {
                session: 2,
                kind: None
            }),
            Err(RunError::AlreadyFlagged(2))
        );
        assert_eq!(
            run.apply(&Action::FlagDrift {
                session: 1,
                kind: Some("nope".into())
            }),
            Err(RunError::UnknownDriftKind("nope".into()))
        );
        let Due::Classify { event } = run.due() else {
            panic!("an event is due: {:?}", run.due());
        };
        assert!(matches!(
            run.apply(&Action::Reveal),
            Err(RunError::ClassificationDue(_))
        ));
        assert_eq!(
            run.apply(&Action::ClassifyEvent {
                event: 99,
                class: LindenClass::Violation
            }),
            Err(RunError::EventNotSeen(99))
        );
        run.apply(&Action::ClassifyEvent {
            event,
            class: LindenClass::SideEffect,
        })
        .expect("seen event");
        assert_eq!(
            run.apply(&Action::ClassifyEvent {
                event,
                class: LindenClass::Violation
            }),
            Err(RunError::AlreadyClassified(event))
        );
        while let Due::Classify { event } = run.due() {
            run.apply(&Action::ClassifyEvent {
                event,
                class: LindenClass::Unrelated,
            })
            .expect("seen event");
        }
        run.apply(&Action::Reveal).expect("all answered");
        assert!(run.revealed(0).is_some());
        assert!(run.revealed(1).is_none());
        assert_eq!(
            run.apply(&Action::FlagDrift {
                session: 1,
                kind: None
            }),
            Err(RunError::NotReading("this answer")),
            "no answers after the reveal"
        );
        run.apply(&Action::NextCase).expect("allowed");
        assert_eq!(run.phase(), Phase::Reading { case: 1, seen: 0 });
    }

    #[test]
    fn a_case_that_ended_before_a_checkpoint_asks_no_forecast_there() {
        // Checkpoints 0, 2 and 4 of 6 sessions; at seed 3 the clients of cases 7 and 9 came to
        // session 1 only (two scores: intake and session 1), and none of the others stopped before
        // session 4 (`ontrack case tests/scenarios/early-ending.ron --seed 3`).
        let s =
            Arc::new(crate::scenario::resolve("tests/scenarios/early-ending.ron").expect("loads"));
        let mut run = Run::new(Arc::clone(&s), 3);
        let lengths: Vec<usize> = run.cases.iter().map(|c| c.scores.len()).collect();
        assert_eq!((lengths[6], lengths[8]), (2, 2), "{lengths:?}");
        assert_eq!(run.stopped_after(6), Some(1));
        assert_eq!(
            run.read_until(6),
            2,
            "read to the session that did not come"
        );
        assert_eq!(run.read_until(0), 4);
        while run.phase() != (Phase::Reading { case: 6, seen: 0 }) {
            let action = answer_to(run.due(), 20).expect("case 7 comes before the end");
            run.apply(&action).expect("due");
        }
        assert_eq!(run.due(), Due::Forecast { checkpoint: 0 });
        run.apply(&Action::Forecast { percent: 30 }).expect("due");
        run.apply(&Action::NextSession).expect("session 1");
        run.apply(&Action::NextSession).expect("session 2 was due");
        let (_, v) = run.visible().expect("reading");
        assert!(
            v.ended(s.sessions()),
            "the trainee sees that the client stopped"
        );
        assert!(
            !matches!(run.due(), Due::Forecast { .. } | Due::NextSession),
            "{:?}",
            run.due()
        );
        assert_eq!(
            run.apply(&Action::Forecast { percent: 50 }),
            Err(RunError::NotReached {
                checkpoint: 2,
                last: 1
            })
        );
        assert_eq!(run.apply(&Action::NextSession), Err(RunError::EndOfReading));
        assert_eq!(
            run.apply(&Action::FlagDrift {
                session: 2,
                kind: None
            }),
            Err(RunError::NoSuchSession {
                session: 2,
                last: 1
            })
        );
        run.apply(&Action::FlagDrift {
            session: 1,
            kind: None,
        })
        .expect("session 1 took place");
        answer_everything(&mut run, 40);
        let forecasts = |case: usize| run.answers(case).map(|a| a.forecasts.clone());
        assert_eq!(forecasts(6), Some(vec![(0, 30)]));
        assert_eq!(forecasts(8), Some(vec![(0, 40)]));
        assert_eq!(forecasts(7), Some(vec![(0, 40), (2, 40), (4, 40)]));
    }
}
