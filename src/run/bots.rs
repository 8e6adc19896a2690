//! Bots: simulated trainees that play whole runs through the same state machine as a person, for
//! realistic cohorts in tests and demos, and as reference points in class.

use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;

use super::machine::{Action, Due, Run};
use rand_distr::StandardNormal;

use crate::forecast::{Benchmark, Benchmarks};
use crate::model::Visible;
use crate::scenario::Scenario;
use crate::scenario::format::LindenClass;
use crate::teach::cues::{Cue, cues};

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
    /// Like the therapists of Hannan et al. (2005): it judges from the few cues a busy clinician
    /// uses (see [`ClinicianPolicy`]), anchored on optimism, so it forecasts low risk for nearly
    /// everyone and predicts deterioration (50 % or more) for very few clients; it rarely notices
    /// drift, and reads reactions to its own errors as side effects of treatment. Each pseudonym
    /// weighs the cues a little differently, so a class of typical bots shows a spread of scores.
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
    policy: ClinicianPolicy,
}

/// How a busy clinician turns what they see into a risk of deterioration: a linear model on the
/// log-odds of a few cues, the frame of Brunswik's lens model, with an optimistic intercept and some
/// inconsistency from forecast to forecast. It does not look at the ideal forecast at all.
///
/// The cues are the lens model's ([`Cue`], each signed so that positive means worse): the change
/// since intake in units of the reliable change; the share of sessions seen with an alliance rating
/// below the scale's concern line; the share of sessions whose note shows drift; whether any unwanted
/// event has been seen; and the intake's distance from the clinical cutoff in intake SDs. The typical
/// values are modelling choices, set so that on the bundled scenarios almost nobody gets 50 % or
/// more, as Hannan et al. (2005) found (3 of 550 clients predicted to deteriorate, 40 deteriorated);
/// `tests/bots.rs` checks the counts. The typical clinician does not read the notes for drift.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ClinicianPolicy {
    /// Log-odds with no cue: about 3 %, "most of my clients get better".
    pub intercept: f64,
    pub change: f64,
    pub alliance: f64,
    pub drift: f64,
    pub event: f64,
    pub intake: f64,
    /// SD of the log-odds from one forecast to the next on the same evidence (inconsistency).
    pub noise: f64,
}

impl ClinicianPolicy {
    /// A clinician's own weights: the typical ones, each scaled by a factor from 0.5 to 1.5, and the
    /// intercept moved by up to ±0.5, drawn from `rng` (so the pseudonym's seed picks the person).
    fn draw(rng: &mut ChaCha8Rng) -> Self {
        let mut scale = || rng.random_range(0.5..1.5);
        let (change, alliance, event, intake) = (scale(), scale(), scale(), scale());
        ClinicianPolicy {
            intercept: (0.03_f64 / 0.97).ln() + rng.random_range(-0.5..0.5),
            change: 0.7 * change,
            alliance: 1.0 * alliance,
            drift: 0.0,
            event: 0.6 * event,
            intake: 0.3 * intake,
            noise: 0.35,
        }
    }

    /// The weight of `cue`.
    fn weight(&self, cue: Cue) -> f64 {
        match cue {
            Cue::Change => self.change,
            Cue::LowAlliance => self.alliance,
            Cue::Drift => self.drift,
            Cue::Events => self.event,
            Cue::Severity => self.intake,
        }
    }

    /// The forecast for what is visible, with `wobble` a standard normal draw.
    fn forecast(&self, s: &Scenario, v: &Visible, wobble: f64) -> f64 {
        let x = cues(s, v);
        let logit = self.intercept
            + Cue::ALL
                .iter()
                .zip(x)
                .map(|(&c, value)| self.weight(c) * value)
                .sum::<f64>()
            + self.noise * wobble;
        let p = 1.0 / (1.0 + (-logit).exp());
        if p.is_finite() { p } else { 0.04 }
    }
}

impl<'b> BotPlayer<'b> {
    /// `seed` drives the bot's own randomness (random answers), independent of the cases, and picks
    /// the typical bot's person.
    pub fn new(bot: Bot, bench: &'b Benchmarks<'b>, seed: u64) -> Self {
        BotPlayer::seeded(bot, bench, seed, seed)
    }

    /// A bot that is one `person` whatever the course: the typical bot's weights come from `person`
    /// alone (a trainee judges the same way on every course code), its inconsistency and random
    /// answers from `seed` and `person`.
    pub fn person(bot: Bot, bench: &'b Benchmarks<'b>, seed: u64, person: u64) -> Self {
        BotPlayer::seeded(bot, bench, person, seed ^ person)
    }

    /// A bot whose weights come from `weights` and whose random draws come from `draws`.
    fn seeded(bot: Bot, bench: &'b Benchmarks<'b>, weights: u64, draws: u64) -> Self {
        // The person's weights come from a stream of their own, so the other bots' answers do not
        // depend on them.
        let policy = ClinicianPolicy::draw(&mut ChaCha8Rng::seed_from_u64(weights ^ 0x706f_6c69));
        BotPlayer {
            bot,
            bench,
            rng: ChaCha8Rng::seed_from_u64(draws ^ 0x626f_7473),
            policy,
        }
    }

    /// A typical bot with the weights of `policy` instead of drawn ones (a trainee with a known way of
    /// judging, for testing what the debrief tells them).
    pub fn clinician(bench: &'b Benchmarks<'b>, seed: u64, policy: ClinicianPolicy) -> Self {
        BotPlayer {
            policy,
            ..BotPlayer::new(Bot::Typical, bench, seed)
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
                let wobble: f64 = self.rng.sample(StandardNormal);
                self.policy.forecast(self.bench.scenario, &v, wobble)
            }
        };
        (p * 100.0).round().clamp(1.0, 99.0) as u8
    }

    fn flag(&mut self, run: &Run) -> Option<Action> {
        let (case, v) = run.visible()?;
        // The last session that took place: once a client has stopped coming, the session seen
        // after it is one they did not come to, and there is nothing to flag there.
        let held = u32::try_from(v.scores().len().saturating_sub(1)).unwrap_or(0);
        let seen = v.seen().min(held);
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
    play_each(session, bench, bot, seed, &mut |s| {
        on_saved(s.file().log.len())
    })
}

/// [`play`], with `on_saved` shown the session after each action is on disk (a live class sends
/// the answer just logged).
pub fn play_each(
    session: &mut super::Session,
    bench: &Benchmarks,
    bot: Bot,
    seed: u64,
    on_saved: &mut dyn FnMut(&super::Session),
) -> Result<(), super::SessionError> {
    // Each pseudonym is one person (FNV-1a of the name), who judges the same way on every course
    // and draws their own random answers.
    let person = session
        .file()
        .trainee
        .bytes()
        .fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
            (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
        });
    let mut player = BotPlayer::person(bot, bench, seed, person);
    while let Some(action) = player.next_action(session.run()) {
        session.apply(action)?;
        on_saved(session);
    }
    Ok(())
}
