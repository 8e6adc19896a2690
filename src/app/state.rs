//! The app's state: plain data that the screens draw and change, and that tests drive without a
//! window. All rules of a run live in the core's state machine (`run::Session`); this only holds it.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::cohort::reasons::OsError;
use crate::debrief::score_run;
use crate::forecast::{Actuarial, Benchmarks};
use crate::run::words::{code_error_text, session_error_text};
use crate::run::{Action, Phase, Session, SessionError, unfinished};
use crate::scenario::format::Text;
use crate::scenario::{Lang, Scenario};

use super::active_run::{ActiveRun, Reveal};
use super::demo::Demo;
use super::live::LiveJoin;
use super::practice::Practice;
use super::settings::Settings;
use super::trainer::TrainerState;

/// The screens of a run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Screen {
    Start,
    Briefing,
    Case,
    Debrief,
    Trainer,
}

/// Everything the screens show and change, by concern: what the user set, the start form, the run
/// being played, and what the window layer is asked to do.
pub struct AppState {
    pub settings: Settings,
    pub screen: Screen,
    /// The scenarios to choose from (bundled, and any the user named).
    pub scenarios: Vec<Arc<Scenario>>,
    pub results_dir: PathBuf,
    pub start: StartForm,
    pub run: ActiveRun,
    /// A message for the user (an error, or where the run was saved).
    pub message: Option<String>,
    /// The demo bot playing (`ontrack demo`).
    pub demo: Option<Demo>,
    pub window: WindowRequests,
    /// The trainer station.
    pub trainer: TrainerState,
    /// Joining a live class, and the link of a run in one.
    pub live: LiveJoin,
    /// A drill where the trainee is weak, offered on the start screen and in the debrief.
    pub practice: Practice,
}

/// What the trainee fills in on the start screen, kept between runs so a second run starts quickly.
pub struct StartForm {
    pub pseudonym: String,
    /// Index of the scenario chosen in the list.
    pub selected: usize,
    /// A trainer's course code as typed: it picks scenario and seed, whatever is selected.
    pub course_code: String,
    /// Unfinished runs in the results folder that can be resumed, newest first.
    pub resumable: Vec<Resumable>,
    /// The finished runs in the results folder, as (trainee, scenario id): practice where one is
    /// weak is offered only to a trainee with runs to make it from.
    pub finished: Vec<(String, String)>,
}

/// An unfinished run, as the start screen offers it: what a trainee knows it by (the scenario's
/// title, how far they got, when they started), not its file name.
#[derive(Debug, Clone)]
pub struct Resumable {
    pub path: PathBuf,
    pub title: Text,
    pub trainee: String,
    pub started: jiff::Timestamp,
    /// The case being read or last revealed, counted from 1, and how many the run has.
    pub case: usize,
    pub cases: usize,
}

/// The finished runs in `dir`, as (trainee, scenario id); told apart by their header alone.
pub fn finished_runs(dir: &Path) -> Vec<(String, String)> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "ron"))
        .filter_map(|p| crate::run::load_run(&p).ok())
        .filter(|file| file.finished.is_some())
        .map(|file| (file.trainee, file.scenario.id))
        .collect()
}

/// The unfinished runs in `dir` that can be resumed, newest first.
pub fn resumable(dir: &Path) -> Vec<Resumable> {
    unfinished(dir)
        .into_iter()
        .filter_map(|path| {
            let opened = crate::run::open(&path).ok()?;
            let run = &opened.run;
            let case = match run.phase() {
                Phase::Reading { case, .. } | Phase::Revealed { case } => case + 1,
                Phase::Finished => run.len(),
            };
            Some(Resumable {
                title: opened.file.scenario.title.clone(),
                trainee: opened.file.trainee.clone(),
                started: opened.file.started,
                case,
                cases: run.len(),
                path,
            })
        })
        .collect()
}

/// What the screens ask of the window layer, which alone can do it (the screens draw without a
/// window in tests).
#[derive(Debug, Default)]
pub struct WindowRequests {
    /// The user asked for a screenshot (F12 or the button); the window layer takes it.
    pub screenshot_requested: bool,
}

impl AppState {
    pub fn new(scenarios: Vec<Arc<Scenario>>, results_dir: PathBuf, lang: Lang) -> Self {
        let resumable = resumable(&results_dir);
        let finished = finished_runs(&results_dir);
        let trainer = TrainerState::new(&results_dir);
        AppState {
            settings: Settings::new(lang),
            screen: Screen::Start,
            scenarios,
            results_dir,
            start: StartForm {
                pseudonym: String::new(),
                selected: 0,
                course_code: String::new(),
                resumable,
                finished,
            },
            run: ActiveRun::default(),
            message: None,
            demo: None,
            window: WindowRequests::default(),
            trainer,
            live: LiveJoin::default(),
            practice: Practice::default(),
        }
    }

    /// True while work runs in the background or an animation plays: the window keeps updating.
    pub fn busy(&self) -> bool {
        self.run.is_working()
            || self.trainer.is_busy()
            || self.animating()
            || self.live.is_active()
            || self.live.is_browsing()
            || self.practice.is_working()
    }

    /// True while something moves on the screen (the reveal, the demo): it needs every frame.
    /// Background work alone needs only a look now and then.
    pub fn animating(&self) -> bool {
        self.run.reveal.is_some() || self.demo.as_ref().is_some_and(|d| !d.done)
    }

    /// Advances time by `dt` seconds: the reveal animation, the demo bot, and results arriving from
    /// background work.
    pub fn tick(&mut self, dt: f32) {
        self.trainer.poll();
        self.live.poll();
        self.practice.poll();
        self.run.poll();
        self.score_when_finished();
        self.run.animate_reveal(dt);
        self.demo_tick(dt);
    }

    /// Blocks until the background work is done (tests, and the demo's screenshot mode).
    pub fn wait_for_background(&mut self) {
        self.run.wait();
        self.trainer.wait();
        self.practice.wait();
        self.score_when_finished();
    }

    /// A text of the interface in the current language.
    pub fn t(&self, key: &str) -> String {
        self.settings.tr().t(key)
    }

    /// The scenario chosen on the start screen.
    pub fn chosen(&self) -> Option<&Arc<Scenario>> {
        self.scenarios.get(self.start.selected)
    }

    /// Starts a run of the chosen scenario (or the course code's) and goes to the briefing.
    pub fn start_run(&mut self) {
        if self.start.pseudonym.trim().is_empty() {
            self.message = Some(self.t("need-pseudonym"));
            return;
        }
        if self.live.wanted() && self.start.course_code.trim().is_empty() {
            self.message = Some(self.t("live-join-needs-code"));
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
        let pseudonym = &self.start.pseudonym;
        match Session::start(&self.results_dir, scenario, seed, pseudonym, &code) {
            Ok(session) => self.enter(session, Screen::Briefing),
            Err(e) => self.message = Some(session_error_text(&e, self.settings.lang)),
        }
    }

    /// The scenario and seed of the course code typed, if any.
    fn course_code_choice(&self) -> Result<Option<(Arc<Scenario>, u64, String)>, String> {
        let code = self.start.course_code.trim();
        if code.is_empty() {
            return Ok(None);
        }
        crate::run::code::find_course(code, self.scenarios.iter().cloned())
            .map(Some)
            .map_err(|e| code_error_text(&e, self.settings.lang))
    }

    /// Resumes an unfinished run.
    pub fn resume(&mut self, path: &std::path::Path) {
        match Session::resume(path) {
            Ok(session) => self.enter(session, Screen::Case),
            Err(e) => self.message = Some(session_error_text(&e, self.settings.lang)),
        }
    }

    fn enter(&mut self, session: Session, screen: Screen) {
        let linked = self.live.begin(&session);
        self.run.begin(session);
        self.screen = screen;
        self.message = linked
            .err()
            .map(|e| OsError::from(&e).text(self.settings.lang));
        self.score_when_finished();
    }

    /// Applies an answer through the run's state machine (which saves it); a refusal is shown.
    pub fn act(&mut self, action: Action) {
        // The panel offers no reveal while the trainer holds it, and says why; it stays shut to
        // anything else that asks.
        if action == Action::Reveal && self.reveal_held() {
            return;
        }
        let Some(session) = self.run.session.as_mut() else {
            return;
        };
        let before = session.run().visible().map(|(case, v)| (case, v.seen()));
        match session.apply(action.clone()) {
            Ok(()) => {
                self.live.saved(session);
                self.message = None;
                // An answer is confirmed in words where it was given; moving on shows itself.
                self.run.acknowledged = match action {
                    Action::NextSession | Action::Reveal | Action::NextCase => None,
                    _ => Some(action.clone()),
                };
                if matches!(action, Action::Forecast { .. }) {
                    // The next checkpoint starts unset again.
                    self.run.forecast = Default::default();
                }
                if action == Action::Reveal
                    && let Some((case, from)) = before
                {
                    self.run.reveal = Some(Reveal {
                        case,
                        from,
                        elapsed: 0.0,
                    });
                }
            }
            Err(SessionError::Answer(e)) => {
                self.message = Some(crate::run::words::run_error_text(&e, self.settings.lang))
            }
            Err(e) => {
                let message = session_error_text(&e, self.settings.lang).into();
                self.message = Some(self.settings.tr().fmt("error", &[("message", message)]))
            }
        }
        if action == Action::NextCase {
            self.run.reveal = None;
            self.run.picked = None;
        }
        self.score_when_finished();
    }

    /// At the end of a run: the debrief, scored as soon as the early-warning rule is normed, and
    /// the trainee's earlier runs of the scenario loaded for the progress plot.
    fn score_when_finished(&mut self) {
        let finished = self
            .run
            .session
            .as_ref()
            .is_some_and(|session| session.run().phase() == Phase::Finished);
        if !finished {
            return;
        }
        // A case opened again from the debrief (a blind spot) stays open until the trainee goes back.
        if self.screen != Screen::Debrief && self.run.review.is_none() {
            self.screen = Screen::Debrief;
            self.run.load_earlier(self.results_dir.clone());
        }
        let (Some(session), None, Some(rule)) =
            (&self.run.session, &self.run.scores, &self.run.actuarial)
        else {
            return;
        };
        let scenario = session.run().scenario_arc();
        let bench = Benchmarks::with_actuarial(&scenario, Actuarial::clone(rule));
        let scores = score_run(session.run(), &bench);
        self.run.scores = Some(scores);
    }

    /// Back to the start screen for a new run.
    pub fn new_run(&mut self) {
        self.run.end();
        self.live.end();
        self.screen = Screen::Start;
        self.start.resumable = resumable(&self.results_dir);
        self.start.finished = finished_runs(&self.results_dir);
    }

    /// Back from the briefing to the start screen. The run just started there has no answer yet:
    /// its file goes, so it is not offered as an unfinished run.
    pub fn leave_briefing(&mut self) {
        let empty = self
            .run
            .session
            .as_ref()
            .filter(|s| s.file().log.is_empty())
            .map(|s| s.path().to_path_buf());
        if let Some(path) = empty
            && let Err(e) = std::fs::remove_file(&path)
        {
            let why = OsError::from(&e).text(self.settings.lang);
            let message = format!("{}: {why}", path.display()).into();
            self.message = Some(self.settings.tr().fmt("error", &[("message", message)]));
        }
        self.new_run();
    }
}
