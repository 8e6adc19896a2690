//! Bots: simulated trainees that play whole runs through the same state machine as a person, for
//! realistic cohorts in tests and demos, and as reference points in class.

use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;

use super::machine::{Action, Due, Run};
use crate::forecast::{Benchmark, Benchmarks, Signal};
use crate::scenario::format::LindenClass;

/// The bots. On the command line they are named in kebab case (`base-rate`, `typical`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, clap::ValueEnum)]
pub enum Bot {
    /// Forecasts the base rate; never flags drift; calls every event unrelated.
    BaseRate,
    /// Forecasts with the early-warning rule; never flags drift; calls every event unrelated.
    Actuarial,
    /// The Bayes-optimal trainee: ideal forecasts, flags drift when it has more likely than not
    /// started (naming the most probable kind), and knows the true class of every event.
    Ideal,
    /// Uniform random forecasts, flags and classes.
    Random,
    /// Ideal judgement pushed to the extremes (log-odds tripled): right on average, far too sure.
    Overconfident,
    /// Like the therapists of Hannan et al. (2005): anchored on optimism, it forecasts low risk for
    /// nearly everyone, predicts deterioration (50 % or more) for about 3 clients in 550, rarely
    /// notices drift, and reads reactions to its own errors as side effects of treatment.
    Typical,
}

impl Bot {
    pub const ALL: [Bot; 6] = [
        Bot::BaseRate,
        Bot::Actuarial,
        Bot::Ideal,
        Bot::Random,
        Bot::Overconfident,
        Bot::Typical,
    ];

    /// The name used on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Bot::BaseRate => "base-rate",
            Bot::Actuarial => "actuarial",
            Bot::Ideal => "ideal",
            Bot::Random => "random",
            Bot::Overconfident => "overconfident",
            Bot::Typical => "typical",
        }
    }
}

/// A bot playing one run: it picks the next action from what the run shows.
pub struct BotPlayer<'b> {
    bot: Bot,
    bench: &'b Benchmarks<'b>,
    rng: ChaCha8Rng,
}

impl<'b> BotPlayer<'b> {
    /// `seed` drives the bot's own randomness (random answers), independent of the cases.
    pub fn new(bot: Bot, bench: &'b Benchmarks<'b>, seed: u64) -> Self {
        BotPlayer {
            bot,
            bench,
            rng: ChaCha8Rng::seed_from_u64(seed ^ 0x626f_7473),
        }
    }

    /// The bot's next action, or `None` when the run is over.
    pub fn next_action(&mut self, run: &Run) -> Option<Action> {
        let due = run.due();
        if due == Due::Finished {
            return None;
        }
        if matches!(due, Due::NextSession | Due::Reveal)
            && let Some(flag) = self.flag(run)
        {
            return Some(flag);
        }
        Some(match due {
            Due::Forecast { .. } => Action::Forecast {
                percent: self.percent(run),
            },
            Due::Classify { event } => Action::ClassifyEvent {
                event,
                class: self.classify(run, event),
            },
            Due::NextSession => Action::NextSession,
            Due::Reveal => Action::Reveal,
            Due::NextCase | Due::Finished => Action::NextCase,
        })
    }

    fn percent(&mut self, run: &Run) -> u8 {
        let Some((_, v)) = run.visible() else {
            return 50;
        };
        let ideal = || self.bench.forecast(Benchmark::Ideal, &v);
        let p = match self.bot {
            Bot::BaseRate => self.bench.forecast(Benchmark::BaseRate, &v),
            Bot::Actuarial => self.bench.forecast(Benchmark::Actuarial, &v),
            Bot::Ideal => ideal(),
            Bot::Random => self.rng.random_range(1..=99) as f64 / 100.0,
            Bot::Overconfident => {
                let p = ideal().clamp(1e-6, 1.0 - 1e-6);
                let logit = (p / (1.0 - p)).ln() * 3.0;
                1.0 / (1.0 + (-logit).exp())
            }
            Bot::Typical => {
                // Optimism: a low anchor that moves a little with a red signal, and deterioration
                // predicted only when the evidence is overwhelming.
                let red = self.bench.actuarial().signal(self.bench.scenario, &v) == Signal::Red;
                let p = ideal();
                if p > 0.97 && red {
                    0.6
                } else if red {
                    0.12
                } else {
                    0.03 + 0.05 * p
                }
            }
        };
        (p * 100.0).round().clamp(1.0, 99.0) as u8
    }

    fn flag(&mut self, run: &Run) -> Option<Action> {
        let (case, v) = run.visible()?;
        let seen = v.seen();
        if seen == 0 {
            return None;
        }
        let answers = run.answers(case)?;
        let already = !answers.flags.is_empty();
        let s = self.bench.scenario;
        let kind_key = |k: Option<usize>| {
            k.and_then(|k| s.file.drift.kinds.get(k))
                .map(|d| d.key.clone())
        };
        match self.bot {
            Bot::Ideal | Bot::Overconfident | Bot::Typical => {
                let (p, kind) = self.bench.ideal.drift_started(s, &v);
                let threshold = match self.bot {
                    Bot::Ideal => 0.5,
                    Bot::Overconfident => 0.2,
                    _ => 0.95,
                };
                // The typical therapist seldom sees their own drift: only when it cannot be missed,
                // and then only now and then.
                let notices = self.bot != Bot::Typical || self.rng.random_bool(0.1);
                (!already && p > threshold && notices).then(|| Action::FlagDrift {
                    session: seen,
                    kind: kind_key(kind),
                })
            }
            Bot::Random => {
                let flagged = answers.flags.iter().any(|(t, _)| *t == seen);
                (!flagged && self.rng.random_bool(0.05)).then(|| {
                    let k = self.rng.random_range(0..s.kinds.len().max(1));
                    Action::FlagDrift {
                        session: seen,
                        kind: kind_key(Some(k)),
                    }
                })
            }
            Bot::BaseRate | Bot::Actuarial => None,
        }
    }

    fn classify(&mut self, run: &Run, event: usize) -> LindenClass {
        let truth = run
            .visible()
            .and_then(|(_, v)| v.events().nth(event).copied())
            .and_then(|e| self.bench.scenario.file.events.get(e.kind))
            .map_or(LindenClass::Unrelated, |k| k.linden);
        match self.bot {
            Bot::Ideal | Bot::Overconfident => truth,
            Bot::Typical => match truth {
                LindenClass::Malpractice => LindenClass::SideEffect,
                LindenClass::Violation => LindenClass::Unrelated,
                other => other,
            },
            Bot::Random => {
                let i = self.rng.random_range(0..LindenClass::ALL.len());
                LindenClass::ALL
                    .get(i)
                    .copied()
                    .unwrap_or(LindenClass::Unrelated)
            }
            Bot::BaseRate | Bot::Actuarial => LindenClass::Unrelated,
        }
    }
}

/// Plays the rest of a session's run with a bot, saving after every action; `on_saved` is told the
/// number of actions in the file each time one is on disk.
pub fn play(
    session: &mut super::Session,
    bench: &Benchmarks,
    bot: Bot,
    seed: u64,
    on_saved: &mut dyn FnMut(usize),
) -> Result<(), super::SessionError> {
    // Each trainee's bot draws its own random answers: mix the pseudonym into the seed (FNV-1a).
    let name_hash = session
        .file()
        .trainee
        .bytes()
        .fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
            (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
        });
    let mut player = BotPlayer::new(bot, bench, seed ^ name_hash);
    while let Some(action) = player.next_action(session.run()) {
        session.apply(action)?;
        on_saved(session.file().log.len());
    }
    Ok(())
}
