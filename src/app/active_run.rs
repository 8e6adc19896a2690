//! The run being played and what the screens need beside it: the answer being set, the benchmark
//! forecasters (the early-warning rule normed on another thread), the reveal animation, and the
//! scores and earlier runs for the debrief.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::cohort::load_dir;
use crate::debrief::{RunScores, Scores};
use crate::forecast::{Actuarial, Ideal};
use crate::launch::DebriefSection;
use crate::run::{Action, Session};

use super::background::{Background, finished};

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

/// The forecast being set at a checkpoint. It starts unset, so that no number is committed that the
/// trainee did not choose (a habitual Enter once committed the previous case's answer).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ForecastInput {
    /// The percent chosen with the slider, the arrow keys or a quick value; `None` until then.
    pub value: Option<u8>,
    /// The trainee tried to commit while it was unset: the panel says why nothing happened.
    pub refused: bool,
}

impl ForecastInput {
    /// The trainee chose `percent`.
    pub fn set(&mut self, percent: u8) {
        self.value = Some(percent.clamp(1, 99));
        self.refused = false;
    }
}

/// The active run, kept together so that starting or leaving a run resets all of it at once.
#[derive(Default)]
pub struct ActiveRun {
    pub session: Option<Session>,
    /// The forecast being set: unset at every checkpoint until the trainee picks a number.
    pub forecast: ForecastInput,
    /// The last answer saved in the run file, confirmed in words on the forecast panel ("Saved:
    /// side effect") until the trainee moves on.
    pub acknowledged: Option<Action>,
    /// The drift kind chosen for the next flag (None = not sure).
    pub flag_kind: Option<usize>,
    /// The ideal forecaster of the running scenario, for the reveal.
    pub ideal: Option<Ideal>,
    /// The scores of the finished run, for the debrief.
    pub scores: Option<Scores>,
    /// The early-warning rule of the running scenario, once normed (for the reveal, the expected
    /// course on the plot and the debrief).
    pub actuarial: Option<Arc<Actuarial>>,
    norming: Option<Background<Actuarial>>,
    /// The trainee's finished runs of this scenario in the results folder, scored, oldest first.
    pub earlier: Vec<RunScores>,
    history: Option<Background<Vec<RunScores>>>,
    /// The reveal being animated, if any.
    pub reveal: Option<Reveal>,
    /// The session picked on the case screen's timeline (`None`: the latest one shown).
    pub picked: Option<u32>,
    /// A case of the finished run opened again from the debrief (a blind spot), shown revealed on
    /// the case screen.
    pub review: Option<usize>,
    /// The part of the debrief to scroll to when it is next drawn (its contents row, or the demo's
    /// `--section`).
    pub jump: Option<Jump>,
}

/// A part of the debrief to bring to the top of the window. It is scrolled to until it is there,
/// for a few frames at most: the layout can still change in the first frames after it is asked
/// for (a new text size takes effect a frame later, and the window may still be resizing), and a
/// part near the end may never reach the top.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Jump {
    pub to: DebriefSection,
    frames_left: u8,
}

impl Jump {
    /// Frames a jump may take before it gives up.
    const FRAMES: u8 = 10;

    pub fn to(section: DebriefSection) -> Self {
        Jump {
            to: section,
            frames_left: Self::FRAMES,
        }
    }

    /// After a frame where the part was `off` points from the top: the jump still to make, if any.
    pub fn after_frame(self, off: f32) -> Option<Jump> {
        (off.abs() > 1.0 && self.frames_left > 1).then_some(Jump {
            to: self.to,
            frames_left: self.frames_left - 1,
        })
    }
}

impl ActiveRun {
    /// Takes up `session`: the benchmarks of its scenario (the early-warning rule normed on another
    /// thread while the trainee reads: seconds of simulation), and nothing left of the run before.
    pub fn begin(&mut self, session: Session) {
        let scenario = session.run().scenario_arc();
        self.ideal = Some(Ideal::new(&scenario));
        self.actuarial = None;
        self.norming = Some(Background::spawn(move || Actuarial::norm(&scenario)));
        self.session = Some(session);
        self.forecast = ForecastInput::default();
        self.acknowledged = None;
        self.scores = None;
        self.reveal = None;
        self.picked = None;
        self.review = None;
        self.earlier = Vec::new();
    }

    /// Leaves the run, for a new one.
    pub fn end(&mut self) {
        self.session = None;
        self.scores = None;
        self.ideal = None;
        self.reveal = None;
        self.review = None;
        self.jump = None;
        self.earlier = Vec::new();
    }

    /// Opens case `case` of the finished run again, revealed, from the debrief.
    pub fn open_review(&mut self, case: usize) {
        self.review = Some(case);
        self.picked = None;
    }

    /// Loads the trainee's earlier runs of this scenario from the results folder `dir` on another
    /// thread, for the debrief's progress plot.
    pub fn load_earlier(&mut self, dir: PathBuf) {
        let Some(session) = &self.session else {
            return;
        };
        let trainee = session.file().trainee.clone();
        let scenario_id = session.run().scenario().file.id.clone();
        self.history = Some(Background::spawn(move || {
            earlier_runs(&dir, &trainee, &scenario_id)
        }));
    }

    /// True while the rule is normed or the earlier runs load.
    pub fn is_working(&self) -> bool {
        self.norming.is_some() || self.history.is_some()
    }

    /// Takes the normed rule and the earlier runs when they are ready.
    pub fn poll(&mut self) {
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
    }

    /// Blocks until the rule is normed and the earlier runs are loaded.
    pub fn wait(&mut self) {
        if let Some(norming) = self.norming.take()
            && let Some(rule) = norming.wait()
        {
            self.actuarial = Some(Arc::new(rule));
        }
        if let Some(history) = self.history.take() {
            self.earlier = history.wait().unwrap_or_default();
        }
    }

    /// Advances the reveal animation by `dt` seconds; it ends when the whole course is drawn.
    pub fn animate_reveal(&mut self, dt: f32) {
        let Some(reveal) = &mut self.reveal else {
            return;
        };
        reveal.elapsed += dt;
        let total = self
            .session
            .as_ref()
            .map_or(0, |s| s.run().scenario().file.sessions);
        if reveal.drawn(total) >= total {
            self.reveal = None;
        }
    }
}

/// The finished runs of `trainee` on `scenario_id` in `dir`, verified and scored, oldest first.
fn earlier_runs(dir: &Path, trainee: &str, scenario_id: &str) -> Vec<RunScores> {
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
