//! The trainer station: a results folder loaded as a cohort (off the UI thread, with progress), and
//! what the trainer looks at in it. Everything shown is computed by the core's cohort module; this
//! holds the choices (folder, sort order, selection, tab) and the loaded cohort, and carries out
//! what the trainer asks for (see [`Request`]). The screen is drawn tab by tab, a module each.

mod board;
mod cases;
mod diagrams;
mod drill;
mod folder;
mod handout;
mod live;
mod progress;
mod requests;
mod runs;
mod screen;

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

pub use live::{LiveStation, checkpoints_ui};
pub use requests::Request;
pub use screen::trainer_ui;

use super::background::{Background, finished};
use crate::cohort::views::{
    CaseDifficulty, ProgressPoint, SortKey, case_difficulty, pooled_scores, progress,
};
use crate::cohort::{Cohort, load_dir};
use crate::debrief::RunScores;
use crate::forecast::Actuarial;
use crate::forecast::Forecaster;
use crate::run::{self, OpenedRun, Run};
use crate::score::ProbabilityScores;

/// The views of the trainer station.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tab {
    Runs,
    Progress,
    Cases,
    HandOut,
    Live,
}

/// Files read so far, and how many there are.
#[derive(Debug, Default)]
pub struct Progress {
    pub done: AtomicUsize,
    pub total: AtomicUsize,
}

/// A run opened for the drill-down, replayed from its file.
pub struct Drill {
    /// Index of the run in the cohort.
    pub run: usize,
    pub replayed: Run,
    /// The case shown.
    pub case: usize,
    /// The scenario's early-warning rule, for the expected-response band (normed on another
    /// thread when the run is opened; `None` until then).
    pub actuarial: Option<Arc<Actuarial>>,
    norming: Option<Background<Actuarial>>,
}

impl Drill {
    /// Takes the normed rule when it is ready.
    fn poll(&mut self) {
        if let Some(rule) = finished(&mut self.norming) {
            self.actuarial = rule.map(Arc::new);
        }
    }
}

/// What the views show of the whole cohort, computed once when it loads (the pooled scores carry
/// bootstrap intervals: too slow to compute every frame).
pub struct Summary {
    /// The class and the benchmark forecasters, every run pooled.
    pub pinned: Vec<(Forecaster, ProbabilityScores)>,
    /// The judgement cost of the class and of each benchmark forecaster, every run pooled.
    pub judgement: Vec<(Forecaster, crate::score::JudgementScores)>,
    pub cases: Vec<CaseDifficulty>,
}

/// Whether a run is a drill (a trainee's practice where they are weak): listed in the table, but
/// kept out of the class's pooled rows, its headline, the cases that fooled the class and the
/// progress per course day, which are about the course.
pub fn is_drill(r: &RunScores) -> bool {
    crate::teach::drill::drill_kind_of_id(&r.scenario_id).is_some()
}

/// The course runs of a cohort (every run but the drills).
pub fn course_runs(cohort: &Cohort) -> impl Iterator<Item = &RunScores> {
    cohort.runs.iter().filter(|r| !is_drill(r))
}

impl Summary {
    fn of(cohort: &Cohort) -> Self {
        let runs: Vec<&RunScores> = course_runs(cohort).collect();
        let cases: Vec<_> = runs
            .iter()
            .flat_map(|r| r.scores.case_forecasts.iter().cloned())
            .collect();
        Summary {
            pinned: Forecaster::ALL
                .into_iter()
                .map(|who| (who, pooled_scores(&runs, who)))
                .collect(),
            judgement: Forecaster::ALL
                .into_iter()
                .map(|who| (who, crate::debrief::judgement_of(&cases, who)))
                .collect(),
            cases: case_difficulty(&runs),
        }
    }
}

/// The cohort's trainees, each once, in order of name.
fn trainee_names(cohort: &Cohort) -> Vec<&str> {
    let mut names: Vec<&str> = cohort.runs.iter().map(|r| r.trainee.as_str()).collect();
    names.sort_unstable();
    names.dedup();
    names
}

/// A loaded folder: the cohort, its summary, and the seconds the work took.
type Loaded = (Cohort, Summary, f64);

/// Everything the trainer station shows and changes.
pub struct TrainerState {
    /// The results folder, as typed or chosen.
    pub folder: String,
    loading: Option<Background<Result<Loaded, String>>>,
    /// When the loading started, to tell the trainer (and the log) how long it took.
    load_started: Option<std::time::Instant>,
    /// Seconds the last load took.
    pub load_seconds: Option<f64>,
    pub progress: Arc<Progress>,
    pub cohort: Option<Cohort>,
    pub summary: Option<Summary>,
    /// The selected trainee's runs pooled (kept while the same trainee stays selected).
    trainee_scores: Option<(String, ProbabilityScores)>,
    /// The progress shown (kept while the same trainee, or the class, stays chosen).
    progress_points: Option<(Option<String>, Vec<ProgressPoint>)>,
    pub error: Option<String>,
    pub tab: Tab,
    pub sort: SortKey,
    pub descending: bool,
    /// The selected run (index into the cohort's runs): its trainee's diagram is drawn.
    pub selected: Option<usize>,
    pub drill: Option<Drill>,
    /// The trainee whose progress is shown (`None`: the whole class).
    pub progress_of: Option<String>,
    /// The course to hand out: scenario index and seed as typed.
    pub handout_scenario: usize,
    pub handout_seed: String,
    /// A message about the last export or saved sheet.
    pub message: Option<String>,
    /// The CSV file found in the way at the last export: exporting again replaces it.
    csv_replace: Option<PathBuf>,
    /// A plot to save as PNG: the file, and where the plot is on the screen in pixels (the window
    /// layer crops a screenshot to it).
    pub plot_export: Option<(PathBuf, bevy_egui::egui::Rect)>,
    /// The live class, while one runs.
    pub live: LiveStation,
}

impl TrainerState {
    pub fn new(folder: &Path) -> Self {
        TrainerState {
            folder: folder.display().to_string(),
            loading: None,
            load_started: None,
            load_seconds: None,
            progress: Arc::new(Progress::default()),
            cohort: None,
            summary: None,
            trainee_scores: None,
            progress_points: None,
            error: None,
            tab: Tab::Runs,
            sort: SortKey::Brier,
            descending: false,
            selected: None,
            drill: None,
            progress_of: None,
            handout_scenario: 0,
            handout_seed: String::new(),
            message: None,
            csv_replace: None,
            plot_export: None,
            live: LiveStation::default(),
        }
    }

    /// Starts loading the folder on another thread.
    pub fn load(&mut self) {
        let dir = PathBuf::from(self.folder.trim());
        let progress = Arc::new(Progress::default());
        self.progress = Arc::clone(&progress);
        self.error = None;
        self.load_started = Some(std::time::Instant::now());
        self.loading = Some(Background::spawn(move || {
            let started = std::time::Instant::now();
            let cohort = load_dir(&dir, &mut |done, total| {
                progress.done.store(done, Ordering::Relaxed);
                progress.total.store(total, Ordering::Relaxed);
            })
            .map_err(|e| e.to_string())?;
            let summary = Summary::of(&cohort);
            Ok((cohort, summary, started.elapsed().as_secs_f64()))
        }));
    }

    /// True while a folder loads.
    pub fn is_loading(&self) -> bool {
        self.loading.is_some()
    }

    /// True while a folder loads or an opened run's early-warning rule is normed. A live class
    /// is not: its server wakes the window when a request arrives ([`LiveStation::waker`]).
    pub fn is_busy(&self) -> bool {
        self.is_loading() || self.drill.as_ref().is_some_and(|d| d.norming.is_some())
    }

    /// Takes the loaded cohort (or an opened run's rule) when it is ready.
    pub fn poll(&mut self) {
        if let Some(drill) = &mut self.drill {
            drill.poll();
        }
        if let Some(result) = finished(&mut self.loading) {
            self.take(
                result
                    .unwrap_or_else(|| Err("loading stopped unexpectedly; try again".to_string())),
            );
        }
    }

    fn take(&mut self, result: Result<Loaded, String>) {
        if let Some(started) = self.load_started.take()
            && let Ok((cohort, _, seconds)) = &result
        {
            self.load_seconds = Some(*seconds);
            bevy::log::info!(
                "cohort of {} runs ({} files not used) loaded and summarised in {seconds:.2} s \
                 (on the screen after {:.2} s)",
                cohort.runs.len(),
                cohort.rejected.len(),
                started.elapsed().as_secs_f64()
            );
        }
        match result {
            Ok((cohort, summary, _)) => {
                self.cohort = Some(cohort);
                self.summary = Some(summary);
                self.selected = None;
                self.drill = None;
                self.progress_of = None;
                self.trainee_scores = None;
                self.progress_points = None;
            }
            Err(e) => self.error = Some(e),
        }
    }

    /// The selected trainee's name and all their runs pooled.
    pub fn trainee_scores(&mut self) -> Option<&(String, ProbabilityScores)> {
        let cohort = self.cohort.as_ref()?;
        let name = &cohort.runs.get(self.selected?)?.trainee;
        if self.trainee_scores.as_ref().is_none_or(|(n, _)| n != name) {
            let own: Vec<&RunScores> = course_runs(cohort).filter(|r| &r.trainee == name).collect();
            self.trainee_scores = Some((name.clone(), pooled_scores(&own, Forecaster::Trainee)));
        }
        self.trainee_scores.as_ref()
    }

    /// Brier score and miscalibration per course day of the chosen trainee, or of the class.
    pub fn progress_points(&mut self) -> &[ProgressPoint] {
        let Some(cohort) = self.cohort.as_ref() else {
            return &[];
        };
        if self
            .progress_points
            .as_ref()
            .is_none_or(|(who, _)| who != &self.progress_of)
        {
            let runs: Vec<&RunScores> = course_runs(cohort)
                .filter(|r| self.progress_of.as_ref().is_none_or(|n| &r.trainee == n))
                .collect();
            let points = progress(&runs, &jiff::tz::TimeZone::system());
            self.progress_points = Some((self.progress_of.clone(), points));
        }
        self.progress_points.as_ref().map_or(&[], |(_, p)| p)
    }

    /// Waits for the folder to load and an opened run's rule to be normed (tests, screenshots).
    pub fn wait(&mut self) {
        if let Some(drill) = &mut self.drill
            && let Some(norming) = drill.norming.take()
        {
            drill.actuarial = norming.wait().map(Arc::new);
        }
        if let Some(loading) = self.loading.take() {
            match loading.wait() {
                Some(result) => self.take(result),
                None => self.error = Some("loading stopped unexpectedly".to_string()),
            }
        }
    }

    /// The runs in the table's order.
    pub fn sorted_runs(&self) -> Vec<(usize, &RunScores)> {
        let Some(cohort) = &self.cohort else {
            return Vec::new();
        };
        let mut runs: Vec<(usize, &RunScores)> = cohort.runs.iter().enumerate().collect();
        runs.sort_by(|(_, a), (_, b)| {
            crate::cohort::views::compare(a, b, self.sort, self.descending)
        });
        runs
    }

    /// Sorts by `key`; choosing the same column again turns the order around.
    pub fn sort_by(&mut self, key: SortKey) {
        if self.sort == key {
            self.descending = !self.descending;
        } else {
            self.sort = key;
            self.descending = false;
        }
    }

    /// Opens a run for the drill-down (replayed from its file, which was verified when loaded).
    pub fn open(&mut self, run: usize) {
        let Some(r) = self.cohort.as_ref().and_then(|c| c.runs.get(run)) else {
            return;
        };
        match run::open(Path::new(&r.file)) {
            Ok(OpenedRun { run: replayed, .. }) => {
                let case = r.scores.case_forecasts.first().map_or(0, |c| c.case);
                let scenario = replayed.scenario_arc();
                self.drill = Some(Drill {
                    run,
                    replayed,
                    case,
                    actuarial: None,
                    norming: Some(Background::spawn(move || Actuarial::norm(&scenario))),
                });
            }
            Err(e) => self.message = Some(e.to_string()),
        }
    }
}
