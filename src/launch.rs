//! How the app is opened: for a trainee, as the demo for a projector, or on the trainer station.
//! Everything here is checked before a window exists, so bad options are refused with a message on
//! the command line, in builds with and without the app alike.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::run::store::results_dir;
use crate::scenario::{Lang, Scenario, ScenarioError, bundled_ids, resolve};

/// The trainer station's views that can be opened from the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum TrainerView {
    #[default]
    Runs,
    Progress,
    Cases,
    Handout,
}

/// The parts of the debrief below its headline, each of which can be jumped to: from the contents
/// row at its top, and at the start with `demo --section` (pictures of a part below the fold).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum DebriefSection {
    /// Your judgement: the judgement cost and the forecasts against the best possible ones.
    Judgement,
    /// Drift from the protocol and unwanted events.
    Drift,
    /// Lessons: how you weighed the cues, and your blind spots.
    Lessons,
    /// Your earlier runs of the scenario.
    Progress,
}

/// What the window opens on, as the user asked for it.
#[derive(Debug, Clone)]
pub enum Launch {
    Trainee,
    /// The ideal bot plays `scenario`, a step every `pace` seconds, after `skip` steps at once, on
    /// the cases of `seed` (a new seed each time when none is given).
    Demo {
        scenario: String,
        pace: f32,
        skip: u32,
        seed: Option<u64>,
        /// The part of the debrief to show when the run is over.
        section: Option<DebriefSection>,
    },
    /// The trainer station on a folder of run files (default: the results folder); `select` and
    /// `open` count rows from 1, in the table's order.
    Trainer {
        dir: Option<PathBuf>,
        view: TrainerView,
        select: Option<usize>,
        open: Option<usize>,
        /// A live class of this course code to start at once (its view opens).
        live: Option<String>,
    },
}

/// Opening on the trainer station: the folder, the view, and a row to select or open (0-based, in
/// the table's order).
#[derive(Debug, Clone)]
pub struct TrainerOptions {
    pub folder: PathBuf,
    pub view: TrainerView,
    pub select: Option<usize>,
    pub open: Option<usize>,
    /// A live class of this course code to start at once, on the usual port.
    pub live: Option<String>,
}

/// The look at the start: text size factor, and high-contrast or dark colours.
#[derive(Debug, Clone, Copy)]
pub struct Look {
    pub text_size: f32,
    pub high_contrast: bool,
    pub dark: bool,
}

/// A picture of the window for CI and documentation.
#[derive(Debug, Clone, Default)]
pub struct Capture {
    /// Save the window to this file and quit (after `exit_after_frames` frames).
    pub screenshot: Option<PathBuf>,
    /// Quit after this many frames (with `screenshot`: take it then).
    pub exit_after_frames: Option<u32>,
    /// Open the window at this size instead of fitting it to the screen.
    pub window: Option<WindowSize>,
}

/// A window size in pixels, written `1280x800`: pictures of the app at the sizes it must work at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WindowSize {
    pub width: u32,
    pub height: u32,
}

impl WindowSize {
    /// The smallest window the app is made for; a smaller one would cut off its screens.
    pub const SMALLEST: WindowSize = WindowSize {
        width: 1024,
        height: 640,
    };
    /// The largest window size accepted (8K).
    pub const LARGEST: WindowSize = WindowSize {
        width: 7680,
        height: 4320,
    };
}

impl std::str::FromStr for WindowSize {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let (low, high) = (Self::SMALLEST, Self::LARGEST);
        let wrong = || {
            format!(
                "{text}: give the width and height in pixels as WIDTHxHEIGHT, from {}x{} to {}x{}, such as 1920x1080",
                low.width, low.height, high.width, high.height
            )
        };
        let (w, h) = text.trim().split_once(['x', 'X', '×']).ok_or_else(wrong)?;
        let (Ok(width), Ok(height)) = (w.trim().parse::<u32>(), h.trim().parse::<u32>()) else {
            return Err(wrong());
        };
        if !(low.width..=high.width).contains(&width)
            || !(low.height..=high.height).contains(&height)
        {
            return Err(wrong());
        }
        Ok(WindowSize { width, height })
    }
}

/// Everything the window needs to open, checked.
#[derive(Debug, Clone)]
pub struct Options {
    /// The bundled scenarios, then the ones named on the command line.
    pub scenarios: Vec<Arc<Scenario>>,
    pub results_dir: PathBuf,
    pub lang: Lang,
    /// The ideal bot plays a run: seconds per step, and steps taken at once before the window opens.
    pub demo: Option<(f32, u32)>,
    /// The seed of the demo's cases (a new one each time when none is given).
    pub demo_seed: Option<u64>,
    /// The part of the debrief the demo scrolls to when its run is over.
    pub demo_section: Option<DebriefSection>,
    /// Open on the trainer station.
    pub trainer: Option<TrainerOptions>,
    pub capture: Capture,
    /// Index of the scenario to select at the start.
    pub selected: usize,
    /// When the program started, to log the time to the first frame.
    pub started: std::time::Instant,
    pub look: Look,
}

/// Why the app cannot open as asked.
#[derive(Debug, thiserror::Error)]
pub enum LaunchError {
    #[error("--text-size {0}: give a factor from 0.8 to 2, such as 1.4")]
    TextSize(f32),
    #[error("--pace {0}: give the seconds between steps, from 0 to {MAX_PACE}, such as 1.5")]
    Pace(f32),
    #[error(
        "--skip {skip}: a demo run of {scenario} takes at most {max} steps — give a number from 0 to {max}"
    )]
    Skip {
        skip: u32,
        scenario: String,
        max: u64,
    },
    #[error("{option} 0: rows are numbered from 1 — give 1 for the first row")]
    RowZero { option: &'static str },
    #[error("{}: no such folder — name the folder with the run files", .0.display())]
    NoFolder(PathBuf),
    #[error("the scenario {name} cannot be used")]
    Scenario {
        name: String,
        #[source]
        source: ScenarioError,
    },
}

/// The longest pause between two steps of the demo, in seconds: a slower demo looks frozen.
pub const MAX_PACE: f32 = 60.0;

/// The most steps a demo run of `s` can take, counted as the demo takes them: start, leave the
/// briefing, and per case every session shown, a forecast per checkpoint, one drift flag (the ideal
/// bot flags once), every unwanted event classified (each kind occurs at most once a session), the
/// reveal and the next case; then the debrief. A `--skip` beyond it would only spin in place.
pub fn demo_steps_at_most(s: &Scenario) -> u64 {
    let f = &s.file;
    let sessions = u64::from(f.sessions);
    let per_case = sessions + f.checkpoints.len() as u64 + 1 + sessions * f.events.len() as u64 + 2;
    3 + u64::from(f.cases_per_run) * per_case
}

/// Refuses row 0 for `option`: rows are counted from 1 on the command line.
fn row(option: &'static str, n: Option<usize>) -> Result<Option<usize>, LaunchError> {
    match n {
        Some(0) => Err(LaunchError::RowZero { option }),
        n => Ok(n.map(|n| n - 1)),
    }
}

/// Loads a scenario by id or path, saying which one failed.
fn load(name: &str) -> Result<Scenario, LaunchError> {
    resolve(name).map_err(|source| LaunchError::Scenario {
        name: name.to_string(),
        source,
    })
}

impl Options {
    /// Checks the options and loads the scenarios: the bundled ones and `files`.
    pub fn new(
        launch: Launch,
        files: &[PathBuf],
        results: Option<&Path>,
        lang: Lang,
        look: Look,
        capture: Capture,
        started: std::time::Instant,
    ) -> Result<Options, LaunchError> {
        if !(0.8..=2.0).contains(&look.text_size) {
            return Err(LaunchError::TextSize(look.text_size));
        }
        let mut scenarios = Vec::new();
        for id in bundled_ids() {
            scenarios.push(Arc::new(load(id)?));
        }
        for f in files {
            scenarios.push(Arc::new(load(&f.display().to_string())?));
        }
        let mut options = Options {
            scenarios,
            results_dir: results_dir(results),
            lang,
            demo: None,
            demo_seed: None,
            demo_section: None,
            trainer: None,
            capture,
            selected: 0,
            started,
            look,
        };
        match launch {
            Launch::Trainee => {}
            Launch::Demo {
                scenario,
                pace,
                skip,
                seed,
                section,
            } => {
                if !(0.0..=MAX_PACE).contains(&pace) {
                    return Err(LaunchError::Pace(pace));
                }
                let chosen = load(&scenario)?;
                let max = demo_steps_at_most(&chosen);
                if u64::from(skip) > max {
                    return Err(LaunchError::Skip {
                        skip,
                        scenario,
                        max,
                    });
                }
                options.selected =
                    match options.scenarios.iter().position(|s| s.hash == chosen.hash) {
                        Some(i) => i,
                        None => {
                            options.scenarios.push(Arc::new(chosen));
                            options.scenarios.len() - 1
                        }
                    };
                options.demo = Some((pace, skip));
                options.demo_seed = seed;
                options.demo_section = section;
            }
            Launch::Trainer {
                dir,
                view,
                select,
                open,
                live,
            } => {
                let select = row("--select", select)?;
                let open = row("--open", open)?;
                let folder = dir.unwrap_or_else(|| options.results_dir.clone());
                if !folder.is_dir() {
                    return Err(LaunchError::NoFolder(folder));
                }
                options.trainer = Some(TrainerOptions {
                    folder,
                    view,
                    select,
                    open,
                    live,
                });
            }
        }
        Ok(options)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn open(launch: Launch, look: Look) -> Result<Options, LaunchError> {
        Options::new(
            launch,
            &[],
            Some(Path::new("/nonexistent-results")),
            Lang::En,
            look,
            Capture::default(),
            std::time::Instant::now(),
        )
    }

    const PLAIN: Look = Look {
        text_size: 1.0,
        high_contrast: false,
        dark: false,
    };

    #[test]
    fn the_demo_selects_its_scenario() {
        let o = open(
            Launch::Demo {
                scenario: "depression-cbt-oq45".into(),
                pace: 1.0,
                skip: 0,
                seed: None,
                section: None,
            },
            PLAIN,
        )
        .expect("opens");
        assert_eq!(o.scenarios[o.selected].file.id, "depression-cbt-oq45");
        assert_eq!(o.demo, Some((1.0, 0)));
    }

    #[test]
    fn a_window_size_is_read_as_width_by_height_within_limits() {
        let full_hd: WindowSize = "1920x1080".parse().expect("valid");
        assert_eq!((full_hd.width, full_hd.height), (1920, 1080));
        assert_eq!("1024×640".parse::<WindowSize>(), Ok(WindowSize::SMALLEST));
        for bad in ["1920", "800x600", "axb", "1920x99999", ""] {
            let refused = bad.parse::<WindowSize>().expect_err(bad);
            assert!(refused.contains("WIDTHxHEIGHT"), "{refused}");
        }
    }

    #[test]
    fn bad_options_are_refused_before_a_window_opens() {
        let big = Look {
            text_size: 3.0,
            high_contrast: false,
            dark: false,
        };
        assert!(matches!(
            open(Launch::Trainee, big),
            Err(LaunchError::TextSize(_))
        ));
        let demo = Launch::Demo {
            scenario: "first-lesson".into(),
            pace: -1.0,
            skip: 0,
            seed: None,
            section: None,
        };
        assert!(matches!(open(demo, PLAIN), Err(LaunchError::Pace(_))));
        let trainer = Launch::Trainer {
            dir: None,
            view: TrainerView::Runs,
            select: None,
            open: None,
            live: None,
        };
        assert!(matches!(
            open(trainer, PLAIN),
            Err(LaunchError::NoFolder(_))
        ));
    }
}
