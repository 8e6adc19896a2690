//! The demo: the ideal bot plays a run in the app at reading speed, for a projector in class. It
//! answers through the same state machine as a person, so the screens show exactly what a trainee
//! would see.

use crate::forecast::Benchmarks;
use crate::run::Action;
use crate::run::bots::{Bot, BotPlayer};

use super::active_run::REVEAL_SECONDS_PER_SESSION;
use super::state::{AppState, Screen};

/// The pace of the demo.
#[derive(Debug, Clone, PartialEq)]
pub struct Demo {
    /// Seconds between two steps.
    pub pace: f32,
    /// Seconds until the next step.
    wait: f32,
    /// The run is over and the debrief shown.
    pub done: bool,
}

impl Demo {
    pub fn new(pace: f32) -> Self {
        Demo {
            pace,
            wait: pace,
            done: false,
        }
    }
}

impl AppState {
    /// Lets the demo bot take its steps that are due after `dt` seconds.
    pub(super) fn demo_tick(&mut self, dt: f32) {
        let Some(demo) = &mut self.demo else {
            return;
        };
        demo.wait -= dt;
        if demo.done || demo.wait > 0.0 {
            return;
        }
        self.demo_step();
    }

    /// Makes the demo play the cases of `seed` (the same run every time): its run starts from the
    /// course code of the chosen scenario and the seed.
    pub fn demo_seed(&mut self, seed: u64) {
        let code = self
            .chosen()
            .and_then(|s| crate::run::code::encode(&s.course_prefix(), seed).ok());
        if let Some(code) = code {
            self.start.course_code = code;
        }
    }

    /// The demo's next step, at once: start, leave the briefing, or the ideal bot's next answer.
    pub fn demo_step(&mut self) {
        let Some(pace) = self.demo.as_ref().map(|d| d.pace) else {
            return;
        };
        let mut wait = pace;
        match self.screen {
            Screen::Start => {
                if self.start.pseudonym.trim().is_empty() {
                    self.start.pseudonym = "demo".to_string();
                }
                self.start_run();
            }
            Screen::Briefing => self.screen = Screen::Case,
            Screen::Case => {
                let action = self.run.session.as_ref().and_then(|session| {
                    let scenario = session.run().scenario_arc();
                    let bench = Benchmarks::new(&scenario);
                    BotPlayer::new(Bot::Ideal, &bench, 0).next_action(session.run())
                });
                match action {
                    Some(action) => {
                        if let Action::Forecast { percent } = action {
                            self.run.forecast.set(percent);
                        }
                        if action == Action::Reveal {
                            let sessions = self
                                .run
                                .session
                                .as_ref()
                                .map_or(0, |s| s.run().scenario().file.sessions);
                            wait += sessions as f32 * REVEAL_SECONDS_PER_SESSION + 2.0 * pace;
                        }
                        self.act(action);
                    }
                    None => self.screen = Screen::Debrief,
                }
            }
            Screen::Debrief | Screen::Trainer => {}
        }
        if let Some(demo) = &mut self.demo {
            demo.wait = wait;
            demo.done = self.screen == Screen::Debrief;
        }
    }
}
