//! The `ontrack` command: the trainee app (feature `gui`) and the tools for trainers and researchers.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use anyhow::Context;
use clap::{Parser, Subcommand};
use indicatif::{ProgressBar, ProgressStyle};

use ontrack::cohort::csv_export::{check_target, write_csv};
use ontrack::cohort::load_dir;
use ontrack::cohort::table::table;
use ontrack::debrief::report::{report, scores_text};
use ontrack::debrief::{run_scores, score_file};
use ontrack::forecast::{Benchmarks, Ideal};
use ontrack::i18n::{t, tf};
use ontrack::launch::{self, Launch, Look, TrainerView};
use ontrack::model::generate_case;
use ontrack::model::notes::{render_case, render_hidden};
use ontrack::research::check::{check, check_text};
use ontrack::research::export::{ExportError, Target, write_cases};
use ontrack::research::forecasts_csv::read_forecasts;
use ontrack::run::bots::{Bot, play};
use ontrack::run::code::{encode, find_course};
use ontrack::run::store::results_dir;
use ontrack::run::{OpenedRun, Session, open as open_run};
use ontrack::scenario::summary::{error_json, listing_line, summary_json, summary_text};
use ontrack::scenario::{Lang, Scenario, bundled_ids, resolve};
use ontrack::score::{Reference, content_seed, probability_scores};
use ontrack::teach::blind::CaseKind;
use ontrack::teach::drill::{drill, mix_sentence, weakest_kind};
use ontrack::teach::text::{lessons_text, waterfall_table};
use ontrack::teach::waterfall::Waterfall;

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
ontrack generate depression-cbt-oq45 --seed 7 --cases 500 --out cases/\n\n\
Exit status: 0 when all is well, 1 when `check` finds a failing line, 2 for bad input (a scenario \
with errors, a folder that is not empty, …)."
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    /// Results folder for the app and `play` (default: $ONTRACK_RESULTS, else the platform's data folder).
    #[arg(long, global = true)]
    results: Option<PathBuf>,
    /// (the app) A scenario file to offer beside the bundled ones; may be given more than once.
    #[arg(long = "scenario-file", global = true)]
    scenario_files: Vec<PathBuf>,
    /// Language of the app at the start (where it can be switched) and of every command's text output
    /// (JSON stays English): nl or en.
    #[arg(long, global = true, value_enum, default_value_t = Lang::Nl)]
    lang: Lang,
    /// (the app) Text size as a factor, 0.8 to 2 (for a projector, say 1.4); A−/A+ change it later.
    #[arg(long, global = true, default_value_t = 1.0)]
    text_size: f32,
    /// (the app) Start with high-contrast colours.
    #[arg(long, global = true)]
    high_contrast: bool,
    /// (the app) Start with dark colours (for a dim room).
    #[arg(long, global = true, conflicts_with = "high_contrast")]
    dark: bool,
}

/// Set by Ctrl-C while `generate` writes: it stops and removes its partial files.
static INTERRUPTED: AtomicBool = AtomicBool::new(false);

/// When the program started (the app logs the time to its first frame).
static STARTED: std::sync::OnceLock<std::time::Instant> = std::sync::OnceLock::new();

/// Pictures of the window for CI and documentation.
#[derive(clap::Args, Clone, Default)]
struct CaptureArgs {
    /// Save a picture of the window to this PNG file and quit (for CI and documentation).
    #[arg(long)]
    screenshot: Option<PathBuf>,
    /// Quit after this many frames (with --screenshot, the picture is taken then; default 60).
    #[arg(long)]
    exit_after_frames: Option<u32>,
    /// Open the window at this size in pixels, WIDTHxHEIGHT (1024x640 to 7680x4320), instead of
    /// fitting it to the screen: pictures at the sizes the app must work at.
    #[arg(long)]
    window_size: Option<launch::WindowSize>,
}

#[derive(Subcommand)]
enum Command {
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
        #[command(flatten)]
        capture: CaptureArgs,
    },
    /// Review a folder of run files: verify each against its regenerated cases, re-score it from its
    /// answers, and print a table per trainee and run with the benchmark forecasters beside it.
    ///
    /// Files that cannot be read or do not verify are listed with the reason; the rest still load.
    Cohort {
        /// Folder of run files (*.ron).
        dir: PathBuf,
        /// Print the whole cohort as JSON.
        #[arg(long)]
        json: bool,
        /// Also write the tidy CSV (one row per run) to this file (outside DIR).
        #[arg(long)]
        csv: Option<PathBuf>,
        /// Replace the CSV file if it exists.
        #[arg(long, requires = "csv")]
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
}

/// The kinds of case a drill can have more of.
#[derive(Clone, Copy, clap::ValueEnum)]
enum DrillKind {
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

fn main() -> ExitCode {
    STARTED.get_or_init(std::time::Instant::now);
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(err) => {
            eprintln!("error: {err:#}");
            ExitCode::from(2)
        }
    }
}

fn run(mut cli: Cli) -> anyhow::Result<ExitCode> {
    let lang = cli.lang;
    let Some(command) = cli.command.take() else {
        return open_app(&cli, Launch::Trainee, CaptureArgs::default());
    };
    match command {
        Command::Scenarios => {
            let mut out = String::new();
            for id in bundled_ids() {
                out.push_str(&listing_line(id, &resolve(id)?, lang));
                out.push('\n');
            }
            print_stdout(&out);
        }
        Command::Validate { scenarios, json } => return Ok(validate(&scenarios, json, lang)),
        Command::Generate {
            scenario,
            seed,
            cases,
            out,
            force,
            large,
        } => {
            let s = load(&scenario)?;
            ctrlc::set_handler(|| INTERRUPTED.store(true, Ordering::Relaxed))
                .context("cannot watch for Ctrl-C")?;
            let bar = progress_bar(cases, "cases");
            let target = Target {
                dir: &out,
                force,
                large,
            };
            let written = write_cases(&s, seed, cases, target, &INTERRUPTED, &mut |done| {
                bar.set_position(done)
            });
            bar.finish_and_clear();
            match written {
                Err(err @ ExportError::Interrupted(_)) => {
                    eprintln!("{err}");
                    return Ok(ExitCode::from(130));
                }
                other => other?,
            }
            let wrote = tf(
                lang,
                "cli-wrote",
                &[
                    ("cases", cases.to_string().into()),
                    ("id", s.file.id.as_str().into()),
                    ("seed", seed.to_string().into()),
                    ("dir", out.display().to_string().into()),
                ],
            );
            print_stdout(&format!("{wrote}\n"));
        }
        Command::Case {
            scenario,
            seed,
            case,
            explain,
        } => {
            let s = load(&scenario)?;
            let index = case.checked_sub(1).context("cases are numbered from 1")?;
            let c = generate_case(&s, seed, index);
            let text = render_case(&s, &c, s.file.sessions, lang);
            print_stdout(&format!("{text}\n{}", render_hidden(&s, &c, lang)));
            if explain {
                let upto = s.file.checkpoints.last().copied().unwrap_or(0);
                let w = Waterfall::of(&s, &Ideal::new(&s), &c, upto);
                print_stdout(&format!("\n{}", waterfall_table(&w, lang)));
            }
        }
        Command::Play {
            scenario,
            bot,
            seed,
            code,
            trainee,
            resume,
            ack,
            pace_ms,
        } => {
            let mut session = match (resume, code) {
                (Some(path), _) => Session::resume(&path)?,
                (None, Some(code)) => {
                    let candidates = match scenario {
                        Some(name) => vec![load(&name)?],
                        None => bundled()?,
                    };
                    let (s, seed, code) = find_course(&code, candidates)?;
                    let dir = results_dir(cli.results.as_deref());
                    Session::start(&dir, Arc::new(s), seed, &trainee, &code)?
                }
                (None, None) => {
                    let name = scenario
                        .as_deref()
                        .context("name a scenario, a --code or --resume")?;
                    let s = load(name)?;
                    let code = encode(&s.course_prefix(), seed).unwrap_or_default();
                    let dir = results_dir(cli.results.as_deref());
                    Session::start(&dir, Arc::new(s), seed, &trainee, &code)?
                }
            };
            let scenario = session.run().scenario_arc();
            let bench = Benchmarks::new(&scenario);
            let stdout = std::io::stdout();
            let seed = session.file().seed;
            play(&mut session, &bench, bot, seed, &mut |n| {
                if ack {
                    let mut out = stdout.lock();
                    let _ = writeln!(out, "{}", tf(lang, "cli-saved", &[("n", n.into())]));
                    let _ = out.flush();
                }
                if pace_ms > 0 {
                    std::thread::sleep(std::time::Duration::from_millis(pace_ms));
                }
            })?;
            print_stdout(&format!("{}\n", session.path().display()));
        }
        Command::Cohort {
            dir,
            json,
            csv,
            force,
        } => {
            // Checked before the work, so a wrong name costs nothing.
            if let Some(path) = &csv {
                check_target(&dir, path, force)?;
            }
            let bar = progress_bar(0, "files");
            let cohort = load_dir(&dir, &mut |done, total| {
                bar.set_length(total as u64);
                bar.set_position(done as u64);
            })?;
            bar.finish_and_clear();
            if let Some(path) = csv.as_ref().filter(|_| !cohort.runs.is_empty()) {
                write_csv(&cohort, path)
                    .with_context(|| format!("{}: cannot write the CSV", path.display()))?;
            }
            if json {
                print_stdout(&format!("{}\n", serde_json::to_string_pretty(&cohort)?));
            } else {
                print_stdout(&table(&cohort, lang));
            }
            // After the output, which lists the files not used and why.
            cohort.require_runs(&dir)?;
        }
        Command::Score {
            runfile,
            forecasts,
            json,
        } => {
            let scores = match (forecasts, runfile) {
                (Some(path), _) => {
                    let (p, o) = read_forecasts(&path)?;
                    let base = o.iter().filter(|x| **x).count() as f64 / o.len().max(1) as f64;
                    probability_scores(&p, &o, Reference::BaseRate(base), content_seed(&p, &o))
                }
                (None, Some(path)) => {
                    let scored = score_file(&path)?;
                    if json {
                        print_stdout(&format!("{}\n", serde_json::to_string_pretty(&scored)?));
                        return Ok(ExitCode::SUCCESS);
                    }
                    scored.scores.forecasts
                }
                (None, None) => anyhow::bail!("name a run file or --forecasts"),
            };
            if json {
                print_stdout(&format!("{}\n", serde_json::to_string_pretty(&scores)?));
            } else {
                print_stdout(&scores_text(&scores, lang));
            }
        }
        Command::Report { runfile } => {
            let OpenedRun { file, run } = open_run(&runfile)?;
            let scenario = run.scenario_arc();
            let bench = Benchmarks::new(&scenario);
            let scored = run_scores(&runfile.display().to_string(), &file, &run, &bench);
            let folder = runfile.parent().filter(|p| !p.as_os_str().is_empty());
            let folder = folder.unwrap_or(std::path::Path::new("."));
            let mine = (Some(folder), file.trainee.as_str());
            let lessons = lessons_text(&run, &bench, &scored.scores, mine, lang);
            print_stdout(&format!("{}{lessons}", report(&scored, lang)));
        }
        Command::Drill {
            scenario,
            trainee,
            kind,
            out,
        } => {
            let base = load(&scenario)?;
            let dir = results_dir(cli.results.as_deref());
            let kind = kind
                .map(CaseKind::from)
                .or_else(|| weakest_kind(&dir, &trainee, &base.file.id));
            let Some(kind) = kind else {
                print_stdout(&format!("{}\n", t(lang, "drill-none")));
                return Ok(ExitCode::SUCCESS);
            };
            let drilled = drill(&base, kind)?;
            let text =
                ron::ser::to_string_pretty(&drilled.file, ron::ser::PrettyConfig::default())?;
            std::fs::write(&out, text)
                .with_context(|| format!("{}: cannot write the drill", out.display()))?;
            print_stdout(&format!(
                "{}\n{}\n",
                mix_sentence(&base, &drilled, kind, lang),
                tf(
                    lang,
                    "drill-wrote",
                    &[
                        ("path", out.display().to_string().into()),
                        ("id", drilled.file.id.as_str().into()),
                    ]
                )
            ));
        }
        Command::Check {
            scenario,
            cases,
            seed,
            json,
        } => {
            let s = load(&scenario)?;
            let bar = progress_bar(cases, "cases");
            let report = check(&s, cases, seed, &mut |done| bar.set_position(done));
            bar.finish_and_clear();
            let report = report?;
            if json {
                print_stdout(&format!("{}\n", serde_json::to_string_pretty(&report)?));
            } else {
                print_stdout(&check_text(&report, lang));
            }
            if !report.pass {
                return Ok(ExitCode::from(1));
            }
        }
        Command::Demo {
            scenario,
            pace,
            skip,
            seed,
            capture,
        } => {
            let launch = Launch::Demo {
                scenario,
                pace,
                skip,
                seed,
            };
            return open_app(&cli, launch, capture);
        }
        Command::Trainer {
            dir,
            view,
            select,
            open,
            capture,
        } => {
            let launch = Launch::Trainer {
                dir,
                view,
                select,
                open,
            };
            return open_app(&cli, launch, capture);
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Opens the app as `launch` asks, after checking the options (a build without the app explains
/// that it has none and shows the commands).
fn open_app(cli: &Cli, launch: Launch, capture: CaptureArgs) -> anyhow::Result<ExitCode> {
    let options = launch::Options::new(
        launch,
        &cli.scenario_files,
        cli.results.as_deref(),
        cli.lang,
        Look {
            text_size: cli.text_size,
            high_contrast: cli.high_contrast,
            dark: cli.dark,
        },
        launch::Capture {
            screenshot: capture.screenshot,
            exit_after_frames: capture.exit_after_frames,
            window: capture.window_size,
        },
        STARTED
            .get()
            .copied()
            .unwrap_or_else(std::time::Instant::now),
    )?;
    #[cfg(feature = "gui")]
    {
        ontrack::app::run(options);
        Ok(ExitCode::SUCCESS)
    }
    #[cfg(not(feature = "gui"))]
    {
        use clap::CommandFactory;
        let _ = options;
        eprintln!(
            "This ontrack was built without the app (feature `gui`); the command-line tools are below.\n"
        );
        let _ = Cli::command().print_help();
        Ok(ExitCode::from(2))
    }
}

/// The bundled scenarios.
fn bundled() -> anyhow::Result<Vec<Scenario>> {
    Ok(bundled_ids()
        .into_iter()
        .map(resolve)
        .collect::<Result<_, _>>()?)
}

fn load(name: &str) -> anyhow::Result<Scenario> {
    resolve(name).with_context(|| format!("the scenario {name} cannot be used"))
}

fn progress_bar(total: u64, unit: &str) -> ProgressBar {
    let bar = ProgressBar::new(total);
    let template = format!("{{bar:40}} {{pos}}/{{len}} {unit} ({{eta}} left)");
    if let Ok(style) = ProgressStyle::with_template(&template) {
        bar.set_style(style);
    }
    bar
}

fn validate(names: &[String], json: bool, lang: Lang) -> ExitCode {
    let mut failed = false;
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    for name in names {
        match resolve(name) {
            Ok(s) => {
                if json {
                    let _ = writeln!(out, "{}", summary_json(name, &s));
                } else {
                    let _ = writeln!(out, "{}", tf(lang, "cli-valid", &[("name", name.into())]));
                    let _ = writeln!(out, "{}", summary_text(&s, lang));
                }
            }
            Err(err) => {
                failed = true;
                if json {
                    let _ = writeln!(out, "{}", error_json(name, &err));
                } else {
                    eprintln!("{err}");
                }
            }
        }
    }
    if failed {
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
    }
}

/// Writes to stdout; a closed pipe (`ontrack check … | head`) is not an error.
fn print_stdout(text: &str) {
    let _ = std::io::stdout().lock().write_all(text.as_bytes());
}
