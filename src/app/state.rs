//! The app's state: plain data that the screens draw and change, and that tests drive without a
//! window. All rules of a run live in the core's state machine (`run::Session`); this only holds it.

use std::path::PathBuf;
use std::sync::Arc;

use crate::cohort::load_dir;
use crate::debrief::{RunScores, Scores, score_run, show};
use crate::forecast::Benchmark;
use crate::forecast::{Actuarial, Benchmarks, Ideal};
use crate::run::{Action, Phase, Session, SessionError, unfinished};
use crate::scenario::{Lang, Scenario};

use super::background::{Background, finished};
use super::demo::Demo;
use crate::i18n::Texts;
use super::trainer::TrainerState;

/// Seconds the reveal takes per session it draws.
pub const REVEAL_SECONDS_PER_SESSION: f32 = 0.25;

/// The reveal animation of one case: the rest of the course drawn session by session.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Reveal {
    pub case: usize,
    /// Sessions the trainee had seen before the reveal.
    pub from: u32,
    pub elapsed: f32,
}

impl Reveal {
    /// Sessions drawn so far (of `total`).
    pub fn drawn(&self, total: u32) -> u32 {
        let more = (self.elapsed / REVEAL_SECONDS_PER_SESSION) as u32;
        self.from.saturating_add(more).min(total)
    }
}

/// The screens of a run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Screen {
    Start,
    Briefing,
    Case,
    Debrief,
    Trainer,
}

/// The texts in one language, borrowed apart from the rest of the state so a screen can show texts
/// while it changes other fields.
pub struct Tr<'a> {
    pub texts: &'a Texts,
    pub lang: Lang,
}

impl Tr<'_> {
    pub fn t(&self, key: &str) -> String {
        self.texts.get(self.lang, key)
    }

    pub fn fmt(&self, key: &str, args: &[(&str, fluent_bundle::FluentValue)]) -> String {
        self.texts.fmt(self.lang, key, args)
    }

    /// A measure with `decimals` decimals, or "—" when it is not defined.
    pub fn metric(&self, m: &crate::score::Metric, decimals: usize) -> String {
        show::metric(m, decimals, self.lang, "—")
    }

    /// A number with `decimals` decimals, with a decimal comma in Dutch.
    pub fn number(&self, value: f64, decimals: usize) -> String {
        show::number(value, decimals, self.lang)
    }

    /// The name of a benchmark forecaster, as the screens call it.
    pub fn benchmark(&self, b: Benchmark) -> String {
        self.t(match b {
            Benchmark::Ideal => "ideal-forecast",
            Benchmark::Actuarial => "actuarial-forecast",
            Benchmark::BaseRate => "base-rate-forecast",
        })
    }
}

/// Everything the screens show and change.
pub struct AppState {
    pub texts: Texts,
    pub lang: Lang,
    pub screen: Screen,
    pub pseudonym: String,
    /// The scenarios to choose from (bundled, and any the user named).
    pub scenarios: Vec<Arc<Scenario>>,
    pub selected: usize,
    pub course_code: String,
    pub results_dir: PathBuf,
    /// Unfinished runs in the results folder that can be resumed, newest first.
    pub resumable: Vec<PathBuf>,
    pub session: Option<Session>,
    /// The forecast being set with the slider, in percent.
    pub forecast: u8,
    /// The drift kind chosen for the next flag (None = not sure).
    pub flag_kind: Option<usize>,
    /// The ideal forecaster of the running scenario, for the reveal.
    pub ideal: Option<Ideal>,
    /// The scores of the finished run, for the debrief.
    pub scores: Option<Scores>,
    /// A message for the user (an error, or where the run was saved).
    pub message: Option<String>,
    /// The early-warning rule of the running scenario, once normed (for the reveal, the expected
    /// course on the plot and the debrief).
    pub actuarial: Option<Arc<Actuarial>>,
    norming: Option<Background<Actuarial>>,
    /// The trainee's finished runs of this scenario in the results folder, scored, oldest first.
    pub earlier: Vec<RunScores>,
    history: Option<Background<Vec<RunScores>>>,
    /// The reveal being animated, if any.
    pub reveal: Option<Reveal>,
    /// The demo bot playing (`ontrack demo`).
    pub demo: Option<Demo>,
    /// Text size as a factor of the normal size.
    pub text_scale: f32,
    /// High-contrast colours (black on white, heavier lines).
    pub high_contrast: bool,
    /// The user asked for a screenshot (F12 or the button); the window layer takes it.
    pub screenshot_requested: bool,
    /// The trainer station.
    pub trainer: TrainerState,
}

impl AppState {
    pub fn new(scenarios: Vec<Arc<Scenario>>, results_dir: PathBuf, lang: Lang) -> Self {
        let resumable = unfinished(&results_dir);
        let trainer = TrainerState::new(&results_dir);
        AppState {
            texts: Texts::default(),
            lang,
            screen: Screen::Start,
            pseudonym: String::new(),
            scenarios,
            selected: 0,
            course_code: String::new(),
            results_dir,
            resumable,
            session: None,
            forecast: 10,
            flag_kind: None,
            ideal: None,
            scores: None,
            message: None,
            actuarial: None,
            norming: None,
            earlier: Vec::new(),
            history: None,
            reveal: None,
            demo: None,
            text_scale: 1.0,
            high_contrast: false,
            screenshot_requested: false,
            trainer,
        }
    }

    /// True while work runs in the background or an animation plays: the window keeps updating.
    pub fn busy(&self) -> bool {
        self.norming.is_some()
            || self.history.is_some()
            || self.trainer.is_busy()
            || self.animating()
    }

    /// True while something moves on the screen (the reveal, the demo): it needs every frame.
    /// Background work alone needs only a look now and then.
    pub fn animating(&self) -> bool {
        self.reveal.is_some() || self.demo.as_ref().is_some_and(|d| !d.done)
    }

    /// Advances time by `dt` seconds: the reveal animation, the demo bot, and results arriving from
    /// background work.
    pub fn tick(&mut self, dt: f32) {
        self.trainer.poll();
        match finished(&mut self.norming) {
            Some(Some(rule)) => self.actuarial = Some(Arc::new(rule)),
            // The thread died (it should not): norm here instead, so the debrief comes.
            Some(None) => {
                if let Some(session) = &self.session {
                    let scenario = session.run().scenario_arc();
                    self.actuarial = Some(Arc::new(Actuarial::norm(&scenario)));
                }
            }
            None => {}
        }
        if let Some(runs) = finished(&mut self.history) {
            self.earlier = runs.unwrap_or_default();
        }
        self.score_when_finished();
        if let Some(reveal) = &mut self.reveal {
            reveal.elapsed += dt;
            let total = self
                .session
                .as_ref()
                .map_or(0, |s| s.run().scenario().file.sessions);
            if reveal.drawn(total) >= total {
                self.reveal = None;
            }
        }
        self.demo_tick(dt);
    }

    /// Blocks until the background work is done (tests, and the demo's screenshot mode).
    pub fn wait_for_background(&mut self) {
        if let Some(norming) = self.norming.take()
            && let Some(rule) = norming.wait()
        {
            self.actuarial = Some(Arc::new(rule));
        }
        if let Some(history) = self.history.take() {
            self.earlier = history.wait().unwrap_or_default();
        }
        self.trainer.wait();
        self.score_when_finished();
    }

    /// A text of the interface in the current language.
    pub fn t(&self, key: &str) -> String {
        self.texts.get(self.lang, key)
    }

    /// The scenario chosen on the start screen.
    pub fn chosen(&self) -> Option<&Arc<Scenario>> {
        self.scenarios.get(self.selected)
    }

    /// Starts a run of the chosen scenario (or the course code's) and goes to the briefing.
    pub fn start_run(&mut self) {
        if self.pseudonym.trim().is_empty() {
            self.message = Some(self.t("need-pseudonym"));
            return;
        }
        let (scenario, seed, code) = match self.course_code_choice() {
            Ok(Some(found)) => found,
            Ok(None) => {
                let Some(s) = self.chosen().cloned() else {
                    return;
                };
                let seed = crate::run::code::clock_seed();
                let code = crate::run::code::encode(&s.course_prefix(), seed).unwrap_or_default();
                (s, seed, code)
            }
            Err(message) => {
                self.message = Some(message);
                return;
            }
        };
        match Session::start(&self.results_dir, scenario, seed, &self.pseudonym, &code) {
            Ok(session) => self.enter(session, Screen::Briefing),
            Err(e) => self.message = Some(e.to_string()),
        }
    }

    /// The scenario and seed of the course code typed, if any.
    fn course_code_choice(&self) -> Result<Option<(Arc<Scenario>, u64, String)>, String> {
        let code = self.course_code.trim();
        if code.is_empty() {
            return Ok(None);
        }
        crate::run::code::find_course(code, self.scenarios.iter().cloned())
            .map(Some)
            .map_err(|e| e.to_string())
    }

    /// Resumes an unfinished run.
    pub fn resume(&mut self, path: &std::path::Path) {
        match Session::resume(path) {
            Ok(session) => self.enter(session, Screen::Case),
            Err(e) => self.message = Some(e.to_string()),
        }
    }

    fn enter(&mut self, session: Session, screen: Screen) {
        let scenario = session.run().scenario_arc();
        self.ideal = Some(Ideal::new(&scenario));
        // Norm the early-warning rule while the trainee reads (seconds of simulation).
        self.actuarial = None;
        self.norming = Some(Background::spawn(move || Actuarial::norm(&scenario)));
        self.session = Some(session);
        self.screen = screen;
        self.message = None;
        self.scores = None;
        self.reveal = None;
        self.earlier = Vec::new();
        self.score_when_finished();
    }

    /// Applies an answer through the run's state machine (which saves it); a refusal is shown.
    pub fn act(&mut self, action: Action) {
        let Some(session) = self.session.as_mut() else {
            return;
        };
        let before = session.run().visible().map(|(case, v)| (case, v.seen()));
        match session.apply(action.clone()) {
            Ok(()) => {
                self.message = None;
                if action == Action::Reveal
                    && let Some((case, from)) = before
                {
                    self.reveal = Some(Reveal {
                        case,
                        from,
                        elapsed: 0.0,
                    });
                }
            }
            Err(SessionError::Answer(e)) => self.message = Some(e.to_string()),
            Err(e) => {
                self.message = Some(self.texts.fmt(
                    self.lang,
                    "error",
                    &[("message", e.to_string().into())],
                ))
            }
        }
        if action == Action::NextCase {
            self.reveal = None;
        }
        self.score_when_finished();
    }

    /// At the end of a run: the debrief, scored as soon as the early-warning rule is normed, and
    /// the trainee's earlier runs of the scenario loaded for the progress plot.
    fn score_when_finished(&mut self) {
        let Some(session) = self.session.as_ref() else {
            return;
        };
        if session.run().phase() != Phase::Finished {
            return;
        }
        if self.screen != Screen::Debrief {
            self.screen = Screen::Debrief;
            let dir = self.results_dir.clone();
            let trainee = session.file().trainee.clone();
            let scenario_id = session.run().scenario().file.id.clone();
            self.history = Some(Background::spawn(move || {
                earlier_runs(&dir, &trainee, &scenario_id)
            }));
        }
        if self.scores.is_some() {
            return;
        }
        if let Some(rule) = &self.actuarial {
            let scenario = session.run().scenario_arc();
            let bench = Benchmarks::with_actuarial(&scenario, Actuarial::clone(rule));
            self.scores = Some(score_run(session.run(), &bench));
        }
    }

    /// Back to the start screen for a new run.
    pub fn new_run(&mut self) {
        self.session = None;
        self.scores = None;
        self.ideal = None;
        self.reveal = None;
        self.earlier = Vec::new();
        self.screen = Screen::Start;
        self.resumable = unfinished(&self.results_dir);
    }
}

/// The finished runs of `trainee` on `scenario_id` in `dir`, verified and scored, oldest first.
fn earlier_runs(dir: &std::path::Path, trainee: &str, scenario_id: &str) -> Vec<RunScores> {
    let Ok(cohort) = load_dir(dir, &mut |_, _| {}) else {
        return Vec::new();
    };
    let mut runs: Vec<RunScores> = cohort
        .runs
        .into_iter()
        .filter(|r| r.finished && r.trainee == trainee && r.scenario_id == scenario_id)
        .collect();
    runs.sort_by_key(|r| r.started);
    runs
}
