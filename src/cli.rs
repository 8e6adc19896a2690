//! The `ontrack` command's arguments: every subcommand and flag, apart from what the commands do
//! (`main.rs` dispatches), as ripgrep keeps its flags apart from its main.

use std::path::PathBuf;

use clap::{Parser, Subcommand};

use ontrack::launch::{self, TrainerView};
use ontrack::run::bots::Bot;
use ontrack::scenario::Lang;
use ontrack::teach::blind::CaseKind;

#[derive(Parser)]
#[command(
    name = "ontrack",
    version,
    about = "OnTrack: a calibration simulator for psychotherapists",
    long_about = "OnTrack: a calibration simulator for psychotherapists.\n\n\
Trainees forecast, case by case, how likely a simulated client is to deteriorate, and are scored for \
calibration against benchmark forecasters. Cases are drawn from scenario files whose numbers are \
published base rates, each with its source.\n\n\
SCENARIO is a path to a .ron file or the id of a scenario bundled in the program (see `ontrack scenarios`).",
    after_help = "Examples:\n  \
ontrack scenarios\n  \
ontrack validate scenarios/depression-cbt-oq45.ron\n  \
ontrack check depression-cbt-oq45 --cases 100000\n  \
ontrack compare depression-cbt-oq45 real.csv --rci 9\n  \
ontrack generate depression-cbt-oq45 --seed 7 --cases 500 --out cases/\n\n\
Exit status: 0 when all is well, 1 when `check` finds a failing line, 2 for bad input (a scenario \
with errors, a folder that is not empty, …)."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    /// Results folder for the app and `play` (default: $ONTRACK_RESULTS, else the platform's data folder).
    #[arg(long, global = true)]
    pub results: Option<PathBuf>,
    /// (the app) A scenario file to offer beside the bundled ones; may be given more than once.
    #[arg(long = "scenario-file", global = true)]
    pub scenario_files: Vec<PathBuf>,
    /// Language of the app at the start (where it can be switched) and of every command's text output
    /// (JSON stays English): nl or en.
    #[arg(long, global = true, value_enum, default_value_t = Lang::Nl)]
    pub lang: Lang,
    /// (the app) Text size as a factor, 0.8 to 2 (for a projector, say 1.4); A−/A+ change it later.
    #[arg(long, global = true, default_value_t = 1.0)]
    pub text_size: f32,
    /// (the app) Start with high-contrast colours.
    #[arg(long, global = true)]
    pub high_contrast: bool,
    /// (the app) Start with dark colours (for a dim room).
    #[arg(long, global = true, conflicts_with = "high_contrast")]
    pub dark: bool,
}

/// Pictures of the window for CI and documentation.
#[derive(clap::Args, Clone, Default)]
pub struct CaptureArgs {
    /// Save a picture of the window to this PNG file and quit (for CI and documentation).
    #[arg(long)]
    pub screenshot: Option<PathBuf>,
    /// Quit after this many frames (with --screenshot, the picture is taken then; default 60).
    #[arg(long)]
    pub exit_after_frames: Option<u32>,
    /// Open the window at this size in pixels, WIDTHxHEIGHT (1024x640 to 7680x4320), instead of
    /// fitting it to the screen: pictures at the sizes the app must work at.
    #[arg(long)]
    pub window_size: Option<launch::WindowSize>,
}

#[derive(Subcommand)]
pub enum Command {
    /// List the scenarios bundled in the program.
    Scenarios,
    /// Check scenario files and report every problem as FILE:LINE:COL: field: what is wrong — how to fix it.
    ///
    /// A valid scenario prints "ok" and a summary with the solved latent priors: the share of the
    /// deteriorating course that makes the observed deterioration rate equal the declared one.
    Validate {
        /// Scenario files or bundled ids.
        #[arg(required = true)]
        scenarios: Vec<String>,
        /// Print one JSON object per scenario (one per line) instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Write simulated cases as tidy CSV files (cases, sessions, forecasts, events, notes).
    ///
    /// The same scenario and seed give the same cases on every machine.
    Generate {
        scenario: String,
        /// Seed of the random number generator.
        #[arg(long)]
        seed: u64,
        /// Number of cases (about 4 kB of CSV each; more than 10 000 000 needs --large).
        #[arg(long)]
        cases: u64,
        /// Folder to write into; it must be empty or new.
        #[arg(long)]
        out: PathBuf,
        /// Overwrite the CSV files in a folder that is not empty.
        #[arg(long)]
        force: bool,
        /// Allow more than 10 000 000 cases (tens of gigabytes).
        #[arg(long)]
        large: bool,
    },
    /// Print one simulated case as a clinician reads it: patient card, scores, alliance, notes, events.
    ///
    /// Shows the hidden truth (course, drift, outcome) after the case, so a scenario author can read
    /// what the generator makes of the scenario in both languages.
    Case {
        scenario: String,
        /// Seed of the random number generator.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Which case of the sequence (1 is the first).
        #[arg(long, default_value_t = 1)]
        case: u64,
        /// Also print why the best possible forecast moved: its log-odds split over the evidence,
        /// up to the scenario's last checkpoint, as a table whose contributions add up to it.
        #[arg(long)]
        explain: bool,
    },
    /// Play a whole run with a bot and save it, as a trainee's run would be saved.
    ///
    /// Bots: base-rate, actuarial, ideal, random, overconfident, typical (forecasts like the
    /// therapists of Hannan et al., 2005). The run file goes to the results folder, where `cohort`
    /// and the trainer view find it.
    Play {
        /// Scenario file or bundled id (not needed with --code or --resume).
        #[arg(required_unless_present_any = ["code", "resume"])]
        scenario: Option<String>,
        /// The bot that plays.
        #[arg(long, value_enum)]
        bot: Bot,
        /// Seed of the cases (the same seed gives the same cases).
        #[arg(long, default_value_t = 1, conflicts_with = "code")]
        seed: u64,
        /// A course code from the trainer, such as DCBT-0Z89: gives scenario and seed.
        #[arg(long)]
        code: Option<String>,
        /// The pseudonym the run is saved under.
        #[arg(long, default_value = "bot")]
        trainee: String,
        /// Continue the unfinished run in this file instead of starting one.
        #[arg(long, conflicts_with_all = ["scenario", "code"])]
        resume: Option<PathBuf>,
        /// Print "saved N" after each answer is on disk.
        #[arg(long)]
        ack: bool,
        /// Wait this many milliseconds between answers, 0 to 60000 (for demonstrations and crash tests).
        #[arg(long, default_value_t = 0, value_parser = clap::value_parser!(u64).range(0..=60_000))]
        pace_ms: u64,
        /// Play in the live class at this station (HOST:PORT, as `ontrack station` or the trainer's
        /// screen shows it), sending every answer as it is given, as a trainee's app does. At the
        /// end it waits up to a minute for the station to hold every answer: exit status 1 if it
        /// does not, 2 if the station refuses the run.
        #[arg(long, requires = "pin")]
        live: Option<String>,
        /// The class PIN of the live class.
        #[arg(long, requires = "live")]
        pin: Option<String>,
    },
    /// Run a live class without a window: listen on the room's network, keep the station's record
    /// of every run in DIR as answers arrive, until Ctrl-C (or SIGTERM) ends the class.
    ///
    /// Prints the address trainees type and a line `PIN: 123456`. The record is the same as the
    /// trainer view's live class keeps (`ontrack cohort DIR` scores it); started again on the same
    /// folder and code, the class carries on with the same PIN.
    Station {
        /// Folder of the class's record (created if missing).
        dir: PathBuf,
        /// The course code the trainees play, such as DCBT-0Z89.
        #[arg(long)]
        code: String,
        /// The port to listen on (0: any free one, printed).
        #[arg(long, default_value_t = ontrack::live::protocol::DEFAULT_PORT)]
        port: u16,
        /// The address to listen on: 0.0.0.0 for every network of the computer, 127.0.0.1 for
        /// this computer alone (then the class is not announced on the network).
        #[arg(long, default_value = "0.0.0.0")]
        bind: std::net::IpAddr,
    },
    /// Open the app and let the best possible forecaster (the ideal bot) play a run at reading speed,
    /// for a projector in class. The run is saved like any other (pseudonym "demo").
    Demo {
        /// Scenario id or file (default: first-lesson).
        #[arg(long, default_value = "first-lesson")]
        scenario: String,
        /// Seconds between the bot's steps, 0 to 60.
        #[arg(long, default_value_t = 1.5)]
        pace: f32,
        /// Take this many steps at once before the window opens (to show a later moment); at most
        /// the steps a run of the scenario can take.
        #[arg(long, default_value_t = 0)]
        skip: u32,
        /// Play the cases of this seed (the same run every time, as for the README's pictures);
        /// without it, new cases each time.
        #[arg(long)]
        seed: Option<u64>,
        /// When the run is over, show this part of the debrief (as its contents row does), for
        /// pictures of a part below the fold.
        #[arg(long, value_enum)]
        section: Option<launch::DebriefSection>,
        #[command(flatten)]
        capture: CaptureArgs,
    },
    /// Open the app's trainer station on a folder of run files: a sortable table of every run with
    /// the benchmarks pinned, reliability diagrams, a run's cases, progress per course day, the cases
    /// that fooled the class, CSV and PNG export, and course codes with a printable sheet.
    Trainer {
        /// Folder of run files (default: the results folder).
        dir: Option<PathBuf>,
        /// The view to open.
        #[arg(long, value_enum, default_value_t = TrainerView::Runs)]
        view: TrainerView,
        /// Select the N-th row of the table (1 is the first, in the order sorted by Brier score).
        #[arg(long)]
        select: Option<usize>,
        /// Open the N-th row's run to see its cases.
        #[arg(long)]
        open: Option<usize>,
        /// Start a live class of this course code at once (on the usual port, its record kept in
        /// the folder) and open its view: for a projector, and to measure an idle class.
        #[arg(long, value_name = "COURSE_CODE")]
        live: Option<String>,
        #[command(flatten)]
        capture: CaptureArgs,
    },
    /// Review a folder of run files: verify each against its regenerated cases, re-score it from its
    /// answers, and print a table per trainee and run with the benchmark forecasters beside it.
    ///
    /// Files that cannot be read or do not verify are listed with the reason; the rest still load.
    #[command(group(clap::ArgGroup::new("some_csv").args(["csv", "forecasts_csv"]).multiple(true)))]
    Cohort {
        /// Folder of run files (*.ron).
        dir: PathBuf,
        /// Print the whole cohort as JSON.
        #[arg(long)]
        json: bool,
        /// Also write the tidy CSV (one row per run) to this file (outside DIR).
        #[arg(long)]
        csv: Option<PathBuf>,
        /// Also write every forecast in long form (one row per run, case and checkpoint; empty
        /// forecast cells where the case ended before the checkpoint) to this file (outside DIR).
        #[arg(long, value_name = "CSV")]
        forecasts_csv: Option<PathBuf>,
        /// Replace the CSV files if they exist.
        #[arg(long, requires = "some_csv")]
        force: bool,
    },
    /// Score forecasts: a saved run, or a CSV of `forecast,outcome` rows (probabilities and 0/1).
    Score {
        /// A run file to score.
        #[arg(required_unless_present = "forecasts", conflicts_with = "forecasts")]
        runfile: Option<PathBuf>,
        /// A CSV file with a header `forecast,outcome`.
        #[arg(long)]
        forecasts: Option<PathBuf>,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// The debrief of one run as text: the numbers the app's debrief shows, then the cue weights
    /// beside the deserved ones, the blind spots, and why the best possible forecast moved in each case.
    Report {
        /// A run file.
        runfile: PathBuf,
    },
    /// Make a drill: the scenario with more of the kind of case this trainee misjudges most (from the
    /// blind spots of their runs of it in the results folder), written as a scenario file of its own.
    ///
    /// The drill is scored against the best possible forecast for its own mix and, having its own
    /// scenario id, stays apart from course runs in the cohort and the progress plot.
    Drill {
        scenario: String,
        /// The pseudonym whose runs are read.
        #[arg(long)]
        trainee: String,
        /// Drill this kind instead of the one the runs show.
        #[arg(long, value_enum)]
        kind: Option<DrillKind>,
        /// Where to write the drill's scenario file (.ron; not inside the results folder).
        #[arg(long)]
        out: PathBuf,
        /// Replace the file named by --out if it exists.
        #[arg(long)]
        force: bool,
    },
    /// Simulate many cases and compare realised rates with declared ones, and score the forecasters.
    ///
    /// Each declared rate must lie inside the 95 % interval of the realised rate; each of the
    /// scenario's qualification targets must have its realised interval reach its band; the ideal
    /// forecaster must have the lowest Brier score at every checkpoint and pass a calibration test.
    /// Exit status 1 on any FAIL.
    Check {
        scenario: String,
        /// Number of simulated cases: at least what the scenario's tests need (a few hundred; the
        /// message says), at most 10 000 000.
        #[arg(long, default_value_t = 100_000)]
        cases: u64,
        /// Seed of the random number generator.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Print the report as one JSON object.
        #[arg(long)]
        json: bool,
    },
    /// Hold real session data against a scenario: trajectory statistics of both, side by side, with
    /// client-level bootstrap 95 % intervals.
    ///
    /// REAL is a CSV with the header `client,session,score` (session 0 = intake; an optional
    /// `alliance` column). Statistics: residual lag-1 autocorrelation around each client's own line,
    /// SD of weekly change / SD of intake, big weeks (1.5 and 2.1 × RCI), sudden gains (Tang &
    /// DeRubeis), the AUC of early change for final reliable improvement, and the qualification
    /// statistics the data allow. The RCI and direction are the scenario's unless given for the real
    /// measure.
    Compare {
        scenario: String,
        /// The real session data (CSV).
        real: PathBuf,
        /// Print the report as one JSON object.
        #[arg(long)]
        json: bool,
        /// Seed of the simulated cases and of the bootstrap.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Number of simulated cases, 100 to 100 000 (each side is resampled 1 000 times: 100 000
        /// cases take a few seconds).
        #[arg(long, default_value_t = 10_000, value_parser = clap::value_parser!(u64).range(100..=100_000))]
        cases: u64,
        /// The real measure's reliable change, when it is not the scenario's (the BDI's: 9).
        #[arg(long)]
        rci: Option<f64>,
        /// The real measure's direction, when it is not the scenario's.
        #[arg(long, value_enum)]
        direction: Option<Direction>,
        /// The real measure's lowest possible score, when it is not the scenario's.
        #[arg(long)]
        min: Option<f64>,
        /// The real measure's highest possible score, when it is not the scenario's.
        #[arg(long)]
        max: Option<f64>,
    },
}

/// Which way a measure gets worse.
#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Direction {
    HigherIsWorse,
    LowerIsWorse,
}

/// The kinds of case a drill can have more of.
#[derive(Clone, Copy, clap::ValueEnum)]
pub enum DrillKind {
    LateDeteriorator,
    HelloGoodbye,
    Drift,
    SeriousEvent,
}

impl From<DrillKind> for CaseKind {
    fn from(k: DrillKind) -> Self {
        match k {
            DrillKind::LateDeteriorator => CaseKind::LateDeteriorator,
            DrillKind::HelloGoodbye => CaseKind::HelloGoodbye,
            DrillKind::Drift => CaseKind::Drift,
            DrillKind::SeriousEvent => CaseKind::SeriousEvent,
        }
    }
}
