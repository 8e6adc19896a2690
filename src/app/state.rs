//! The app's state: plain data that the screens draw and change, and that tests drive without a
//! window. All rules of a run live in the core's state machine (`run::Session`); this only holds it.

use std::path::PathBuf;
use std::sync::Arc;

use crate::cohort::{Scores, score_run};
use crate::forecast::{Benchmarks, Ideal};
use crate::run::{Action, Session, SessionError, unfinished};
use crate::scenario::{Lang, Scenario};

use super::i18n::Texts;

/// The screens of a run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Screen {
    Start,
    Briefing,
    Case,
    Debrief,
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
}

impl AppState {
    pub fn new(scenarios: Vec<Arc<Scenario>>, results_dir: PathBuf, lang: Lang) -> Self {
        let resumable = unfinished(&results_dir);
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
        }
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
                let seed = u64::from(jiff::Timestamp::now().subsec_nanosecond().unsigned_abs())
                    % (crate::run::code::MAX_SEED + 1);
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
        let (prefix, seed) = crate::run::code::decode(code).map_err(|e| e.to_string())?;
        let s = self
            .scenarios
            .iter()
            .find(|s| s.course_prefix() == prefix)
            .cloned()
            .ok_or_else(|| format!("{code}: no scenario here has the code {prefix}"))?;
        Ok(Some((s, seed, code.to_ascii_uppercase())))
    }

    /// Resumes an unfinished run.
    pub fn resume(&mut self, path: &std::path::Path) {
        match Session::resume(path) {
            Ok(session) => self.enter(session, Screen::Case),
            Err(e) => self.message = Some(e.to_string()),
        }
    }

    fn enter(&mut self, session: Session, screen: Screen) {
        self.ideal = Some(Ideal::new(session.run().scenario()));
        self.session = Some(session);
        self.screen = screen;
        self.message = None;
        self.scores = None;
    }

    /// Applies an answer through the run's state machine (which saves it); a refusal is shown.
    pub fn act(&mut self, action: Action) {
        let Some(session) = self.session.as_mut() else {
            return;
        };
        match session.apply(action) {
            Ok(()) => self.message = None,
            Err(SessionError::Answer(e)) => self.message = Some(e.to_string()),
            Err(e) => {
                self.message = Some(self.texts.fmt(
                    self.lang,
                    "error",
                    &[("message", e.to_string().into())],
                ))
            }
        }
        if session.run().phase() == crate::run::Phase::Finished && self.scores.is_none() {
            let scenario = session.run().scenario_arc();
            let bench = Benchmarks::new(&scenario);
            self.scores = Some(score_run(session.run(), &bench));
            self.screen = Screen::Debrief;
        }
    }

    /// Back to the start screen for a new run.
    pub fn new_run(&mut self) {
        self.session = None;
        self.scores = None;
        self.ideal = None;
        self.screen = Screen::Start;
        self.resumable = unfinished(&self.results_dir);
    }
}
