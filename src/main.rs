//! The `ontrack` command: the trainee app (feature `gui`) and the tools for trainers and researchers.

use std::fmt::Write as _;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use clap::{Parser, Subcommand};
use indicatif::{ProgressBar, ProgressStyle};

use ontrack::check::{CheckReport, Declared, check};
use ontrack::export::write_cases;
use std::sync::Arc;

use ontrack::cohort::csv_export::write_csv;
use ontrack::cohort::report::report;
use ontrack::cohort::table::table;
use ontrack::cohort::{load_dir, score_file};
use ontrack::forecast::Benchmarks;
use ontrack::forecasts_csv::read_forecasts;
use ontrack::model::generate_case;
use ontrack::model::notes::render_case;
use ontrack::run::Session;
use ontrack::run::bots::{Bot, play};
use ontrack::run::code::{decode, encode};
use ontrack::run::store::results_dir;
use ontrack::scenario::{Lang, Scenario, ScenarioError, bundled_ids, resolve};
use ontrack::score::{Interval, Metric, ProbabilityScores, Reference, probability_scores};

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
    /// (the app) Language of the interface at the start: nl or en (it can be switched in the app).
    #[arg(long, global = true, default_value = "nl", value_parser = ["nl", "en"])]
    lang: String,
    /// (the app) Text size as a factor, 0.8 to 2 (for a projector, say 1.4); A−/A+ change it later.
    #[arg(long, global = true, default_value_t = 1.0)]
    text_size: f32,
    /// (the app) Start with high-contrast colours.
    #[arg(long, global = true)]
    high_contrast: bool,
}

/// When the program started (the app logs the time to its first frame).
static STARTED: std::sync::OnceLock<std::time::Instant> = std::sync::OnceLock::new();

/// Pictures of the window for CI and documentation.
#[derive(clap::Args, Clone, Default)]
struct Capture {
    /// Save a picture of the window to this PNG file and quit (for CI and documentation).
    #[arg(long)]
    screenshot: Option<PathBuf>,
    /// Quit after this many frames (with --screenshot, the picture is taken then; default 60).
    #[arg(long)]
    exit_after_frames: Option<u32>,
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
        /// Number of cases.
        #[arg(long)]
        cases: u64,
        /// Folder to write into; it must be empty or new.
        #[arg(long)]
        out: PathBuf,
        /// Overwrite the CSV files in a folder that is not empty.
        #[arg(long)]
        force: bool,
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
        /// Language: nl or en.
        #[arg(long, default_value = "nl", value_parser = ["nl", "en"])]
        lang: String,
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
        #[arg(long, value_parser = ["base-rate", "actuarial", "ideal", "random", "overconfident", "typical"])]
        bot: String,
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
        /// Wait this many milliseconds between answers (for demonstrations and crash tests).
        #[arg(long, default_value_t = 0)]
        pace_ms: u64,
    },
    /// Open the app and let the best possible forecaster (the ideal bot) play a run at reading speed,
    /// for a projector in class. The run is saved like any other (pseudonym "demo").
    Demo {
        /// Scenario id or file (default: first-lesson).
        #[arg(long, default_value = "first-lesson")]
        scenario: String,
        /// Seconds between the bot's steps.
        #[arg(long, default_value_t = 1.5)]
        pace: f32,
        /// Take this many steps at once before the window opens (to show a later moment).
        #[arg(long, default_value_t = 0)]
        skip: u32,
        #[command(flatten)]
        capture: Capture,
    },
    /// Open the app's trainer station on a folder of run files: a sortable table of every run with
    /// the benchmarks pinned, reliability diagrams, a run's cases, progress per course day, the cases
    /// that fooled the class, CSV and PNG export, and course codes with a printable sheet.
    Trainer {
        /// Folder of run files (default: the results folder).
        dir: Option<PathBuf>,
        /// The view to open.
        #[arg(long, default_value = "runs", value_parser = ["runs", "progress", "cases", "handout"])]
        view: String,
        /// Select the N-th row of the table (1 is the first, in the order sorted by Brier score).
        #[arg(long)]
        select: Option<usize>,
        /// Open the N-th row's run to see its cases.
        #[arg(long)]
        open: Option<usize>,
        #[command(flatten)]
        capture: Capture,
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
        /// Also write the tidy CSV (one row per run) to this file.
        #[arg(long)]
        csv: Option<PathBuf>,
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
    /// The debrief of one run as text: the numbers the app's debrief shows.
    Report {
        /// A run file.
        runfile: PathBuf,
    },
    /// Simulate many cases and compare realised rates with declared ones, and score the forecasters.
    ///
    /// Each declared rate must lie inside the 95 % interval of the realised rate; the ideal forecaster
    /// must have the lowest Brier score at every checkpoint and pass a calibration test. Exit status 1
    /// on any FAIL.
    Check {
        scenario: String,
        /// Number of simulated cases.
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

fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    let lang = if cli.lang == "en" { Lang::En } else { Lang::Nl };
    let look = (cli.text_size, cli.high_contrast);
    let Some(command) = cli.command else {
        return app(
            &cli.scenario_files,
            cli.results.as_deref(),
            lang,
            look,
            Launch::Trainee,
        );
    };
    match command {
        Command::Scenarios => {
            let mut out = String::new();
            for id in bundled_ids() {
                let s = resolve(id)?;
                let _ = writeln!(
                    out,
                    "{id}\t{}\t{} cases, {} sessions, about {} min",
                    s.file.title.en, s.file.cases_per_run, s.file.sessions, s.file.minutes
                );
            }
            print_stdout(&out);
            Ok(ExitCode::SUCCESS)
        }
        Command::Validate { scenarios, json } => Ok(validate(&scenarios, json)),
        Command::Generate {
            scenario,
            seed,
            cases,
            out,
            force,
        } => {
            let s = load(&scenario)?;
            let bar = progress_bar(cases, "cases");
            write_cases(&s, seed, cases, &out, force, &mut |done| {
                bar.set_position(done)
            })?;
            bar.finish_and_clear();
            print_stdout(&format!(
                "wrote {cases} cases of {} (seed {seed}) to {}\n",
                s.file.id,
                out.display()
            ));
            Ok(ExitCode::SUCCESS)
        }
        Command::Case {
            scenario,
            seed,
            case,
            lang,
        } => {
            let s = load(&scenario)?;
            let lang = if lang == "en" { Lang::En } else { Lang::Nl };
            let index = case.checked_sub(1).context("cases are numbered from 1")?;
            let c = generate_case(&s, seed, index);
            let mut text = render_case(&s, &c, s.file.sessions, lang);
            let course = s
                .file
                .courses
                .get(c.hidden.course)
                .map_or("", |k| k.label.get(lang));
            let (hidden, from, none) = match lang {
                Lang::Nl => ("Verborgen: beloop", "vanaf sessie", "geen"),
                Lang::En => ("Hidden: course", "from session", "none"),
            };
            let drift = c.hidden.drift.map_or(none.to_string(), |d| {
                let kind = s
                    .file
                    .drift
                    .kinds
                    .get(d.kind)
                    .map_or("", |k| k.label.get(lang));
                format!("{kind} ({from} {})", d.onset)
            });
            let _ = writeln!(
                text,
                "\n{hidden} {course}; drift: {drift}; hello-goodbye: {}; outcome: {}",
                c.hidden.hello_goodbye,
                c.outcome.slug()
            );
            for e in &c.events {
                if let Some(k) = s.file.events.get(e.kind) {
                    let _ = writeln!(
                        text,
                        "  session {}: {} = {}",
                        e.session,
                        k.key,
                        k.linden.slug()
                    );
                }
            }
            print_stdout(&text);
            Ok(ExitCode::SUCCESS)
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
            let bot = Bot::from_name(&bot).context("unknown bot")?;
            let mut session = match (resume, code) {
                (Some(path), _) => Session::resume(&path)?,
                (None, code) => {
                    let (s, seed, code) = match code {
                        Some(code) => {
                            let (s, seed) = scenario_of_code(&code, scenario.as_deref())?;
                            (s, seed, code.to_ascii_uppercase())
                        }
                        None => {
                            let name = scenario.context("name a scenario, a --code or --resume")?;
                            let s = load(&name)?;
                            let code = encode(&s.course_prefix(), seed).unwrap_or_default();
                            (s, seed, code)
                        }
                    };
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
                    let _ = writeln!(out, "saved {n}");
                    let _ = out.flush();
                }
                if pace_ms > 0 {
                    std::thread::sleep(std::time::Duration::from_millis(pace_ms));
                }
            })?;
            print_stdout(&format!("{}\n", session.path().display()));
            Ok(ExitCode::SUCCESS)
        }
        Command::Cohort { dir, json, csv } => {
            let bar = progress_bar(0, "files");
            let cohort = load_dir(&dir, &mut |done, total| {
                bar.set_length(total as u64);
                bar.set_position(done as u64);
            })?;
            bar.finish_and_clear();
            if let Some(path) = csv {
                write_csv(&cohort, &path)
                    .with_context(|| format!("{}: cannot write the CSV", path.display()))?;
            }
            if json {
                print_stdout(&format!("{}\n", serde_json::to_string_pretty(&cohort)?));
            } else {
                print_stdout(&table(&cohort));
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Score {
            runfile,
            forecasts,
            json,
        } => {
            if let Some(path) = forecasts {
                let (p, o) = read_forecasts(&path)?;
                let base = o.iter().filter(|x| **x).count() as f64 / o.len().max(1) as f64;
                let scores = probability_scores(&p, &o, Reference::BaseRate(base), 1);
                if json {
                    print_stdout(&format!("{}\n", serde_json::to_string_pretty(&scores)?));
                } else {
                    print_stdout(&format_scores(&scores));
                }
                return Ok(ExitCode::SUCCESS);
            }
            let path = runfile.context("name a run file or --forecasts")?;
            let scored = score_file(&path).map_err(anyhow::Error::msg)?;
            if json {
                print_stdout(&format!("{}\n", serde_json::to_string_pretty(&scored)?));
            } else {
                print_stdout(&format_scores(&scored.scores.forecasts));
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Demo {
            scenario,
            pace,
            skip,
            capture,
        } => app(
            &cli.scenario_files,
            cli.results.as_deref(),
            lang,
            look,
            Launch::Demo {
                scenario,
                pace,
                skip,
                capture,
            },
        ),
        Command::Trainer {
            dir,
            view,
            select,
            open,
            capture,
        } => app(
            &cli.scenario_files,
            cli.results.as_deref(),
            lang,
            look,
            Launch::Trainer {
                dir,
                view,
                select,
                open,
                capture,
            },
        ),
        Command::Report { runfile } => {
            let scored = score_file(&runfile).map_err(anyhow::Error::msg)?;
            print_stdout(&report(&scored));
            Ok(ExitCode::SUCCESS)
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
            if json {
                print_stdout(&format!("{}\n", serde_json::to_string_pretty(&report)?));
            } else {
                print_stdout(&format_check(&report));
            }
            Ok(if report.pass {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(1)
            })
        }
    }
}

/// The scenario and seed of a course code: the bundled scenario with its prefix, or the named one.
fn scenario_of_code(code: &str, named: Option<&str>) -> anyhow::Result<(Scenario, u64)> {
    let (prefix, seed) = decode(code)?;
    let candidates: Vec<Scenario> = match named {
        Some(name) => vec![load(name)?],
        None => bundled_ids()
            .into_iter()
            .filter_map(|id| resolve(id).ok())
            .collect(),
    };
    let s = candidates
        .into_iter()
        .find(|s| s.course_prefix() == prefix)
        .with_context(|| {
            format!("no scenario has the course code prefix {prefix}: check the code, or name the scenario file the trainer gave you")
        })?;
    Ok((s, seed))
}

/// How the app opens: for a trainee, as the demo, or on the trainer station (a build without the
/// app only explains that it has none).
#[cfg_attr(not(feature = "gui"), allow(dead_code))]
enum Launch {
    Trainee,
    Demo {
        scenario: String,
        pace: f32,
        skip: u32,
        capture: Capture,
    },
    Trainer {
        dir: Option<PathBuf>,
        view: String,
        select: Option<usize>,
        open: Option<usize>,
        capture: Capture,
    },
}

/// Opens the trainee app with the bundled scenarios and any named ones.
#[cfg(feature = "gui")]
fn app(
    files: &[PathBuf],
    results: Option<&std::path::Path>,
    lang: Lang,
    look: (f32, bool),
    launch: Launch,
) -> anyhow::Result<ExitCode> {
    use ontrack::app::{Options, TrainerOptions};
    anyhow::ensure!(
        (0.8..=2.0).contains(&look.0),
        "--text-size {}: give a factor from 0.8 to 2, such as 1.4",
        look.0
    );
    let mut scenarios = Vec::new();
    for id in bundled_ids() {
        scenarios.push(Arc::new(resolve(id)?));
    }
    for f in files {
        scenarios.push(Arc::new(load(&f.display().to_string())?));
    }
    let mut options = Options {
        lang,
        demo: None,
        trainer: None,
        screenshot: None,
        exit_after_frames: None,
        selected: 0,
        started: STARTED
            .get()
            .copied()
            .unwrap_or_else(std::time::Instant::now),
        text_size: look.0,
        high_contrast: look.1,
    };
    match launch {
        Launch::Trainee => {}
        Launch::Demo {
            scenario,
            pace,
            skip,
            capture,
        } => {
            let chosen = load(&scenario)?;
            options.selected = match scenarios.iter().position(|s| s.hash == chosen.hash) {
                Some(i) => i,
                None => {
                    scenarios.push(Arc::new(chosen));
                    scenarios.len() - 1
                }
            };
            anyhow::ensure!(
                pace.is_finite() && pace >= 0.0,
                "--pace {pace}: give the seconds between steps as a number of 0 or more, such as 1.5"
            );
            options.demo = Some((pace, skip));
            options.screenshot = capture.screenshot;
            options.exit_after_frames = capture.exit_after_frames;
        }
        Launch::Trainer {
            dir,
            view,
            select,
            open,
            capture,
        } => {
            let folder = dir.unwrap_or_else(|| results_dir(results));
            anyhow::ensure!(
                folder.is_dir(),
                "{}: no such folder — name the folder with the run files",
                folder.display()
            );
            options.trainer = Some(TrainerOptions {
                folder,
                view,
                select: select.map(|n| n.saturating_sub(1)),
                open: open.map(|n| n.saturating_sub(1)),
            });
            options.screenshot = capture.screenshot;
            options.exit_after_frames = capture.exit_after_frames;
        }
    }
    ontrack::app::run(scenarios, results_dir(results), options);
    Ok(ExitCode::SUCCESS)
}

/// Without the `gui` feature there is no window: explain, and show the commands.
#[cfg(not(feature = "gui"))]
fn app(
    _files: &[PathBuf],
    _results: Option<&std::path::Path>,
    _lang: Lang,
    _look: (f32, bool),
    _launch: Launch,
) -> anyhow::Result<ExitCode> {
    use clap::CommandFactory;
    eprintln!(
        "This ontrack was built without the app (feature `gui`); the command-line tools are below.\n"
    );
    let _ = Cli::command().print_help();
    Ok(ExitCode::from(2))
}

/// Probability scores as a short text.
fn format_scores(s: &ProbabilityScores) -> String {
    let show = |m: &Metric| {
        m.as_ref().value().map_or_else(
            || format!("not defined ({})", m.undefined().map_or("", |u| u.reason())),
            |v| format!("{v:.4}"),
        )
    };
    let interval = |m: &Metric<Interval>| {
        m.as_ref().value().map_or(String::new(), |i| {
            format!(" (95 % bootstrap interval {:.4}–{:.4})", i.low, i.high)
        })
    };
    let mut out = String::new();
    let _ = writeln!(out, "n                         {}", s.n);
    let _ = writeln!(
        out,
        "Brier                     {}{}",
        show(&s.brier),
        interval(&s.brier_ci)
    );
    let _ = writeln!(out, "  reliability (REL)       {}", show(&s.reliability));
    let _ = writeln!(out, "  resolution (RES)        {}", show(&s.resolution));
    let _ = writeln!(out, "  uncertainty (UNC)       {}", show(&s.uncertainty));
    let _ = writeln!(out, "Brier skill (base rate)   {}", show(&s.brier_skill));
    let _ = writeln!(out, "log score (clipped 1–99%) {}", show(&s.log_score));
    let _ = writeln!(
        out,
        "calibration-in-the-large  {}",
        show(&s.calibration_in_the_large)
    );
    let _ = writeln!(
        out,
        "AUC                       {}{}",
        show(&s.auc),
        interval(&s.auc_ci)
    );
    out
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

fn validate(names: &[String], json: bool) -> ExitCode {
    let mut failed = false;
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    for name in names {
        match resolve(name) {
            Ok(s) => {
                if json {
                    let _ = writeln!(out, "{}", summary_json(name, &s));
                } else {
                    let _ = writeln!(out, "{name}: ok");
                    let _ = writeln!(out, "{}", summary_text(&s));
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

fn summary_text(s: &Scenario) -> String {
    let f = &s.file;
    let m = &f.measure;
    let direction = if m.higher_is_worse {
        "higher is worse"
    } else {
        "higher is better"
    };
    let mut lines = vec![
        format!("  id: {} — {}", f.id, f.title.en),
        format!(
            "  measure: {} {}–{} ({direction}), clinical cutoff {}, reliable change {}",
            m.name, m.min, m.max, m.clinical_cutoff.value, s.rules.reliable_change
        ),
        format!(
            "  sessions: {}, checkpoints after sessions {:?}, {} cases per run",
            f.sessions, f.checkpoints, f.cases_per_run
        ),
        format!(
            "  declared deterioration rate: {} ({})",
            f.deterioration_rate.value, f.deterioration_rate.source
        ),
        "  solved latent priors (no drift / drift):".to_string(),
    ];
    for ((c, a), b) in f
        .courses
        .iter()
        .zip(&s.priors_no_drift)
        .zip(&s.priors_drift)
    {
        lines.push(format!("    {:<16} {a:.4} / {b:.4}", c.key));
    }
    lines.join("\n")
}

fn summary_json(name: &str, s: &Scenario) -> serde_json::Value {
    let f = &s.file;
    let m = &f.measure;
    let priors: serde_json::Map<String, serde_json::Value> = f
        .courses
        .iter()
        .zip(s.marginal_priors())
        .map(|(c, p)| (c.key.clone(), serde_json::json!(p)))
        .collect();
    serde_json::json!({
        "file": name,
        "ok": true,
        "id": f.id,
        "hash": s.hash,
        "sessions": f.sessions,
        "checkpoints": f.checkpoints,
        "cases_per_run": f.cases_per_run,
        "measure": {
            "name": m.name,
            "min": m.min,
            "max": m.max,
            "higher_is_worse": m.higher_is_worse,
            "clinical_cutoff": m.clinical_cutoff.value,
            "reliable_change": m.reliable_change.value,
        },
        "deterioration_rate": f.deterioration_rate.value,
        "latent_priors": priors,
        "latent_priors_no_drift": f.courses.iter().zip(&s.priors_no_drift)
            .map(|(c, p)| (c.key.clone(), serde_json::json!(p))).collect::<serde_json::Map<_, _>>(),
        "latent_priors_drift": f.courses.iter().zip(&s.priors_drift)
            .map(|(c, p)| (c.key.clone(), serde_json::json!(p))).collect::<serde_json::Map<_, _>>(),
    })
}

fn error_json(name: &str, err: &ScenarioError) -> serde_json::Value {
    serde_json::json!({
        "file": name,
        "ok": false,
        "error": err.to_string(),
        "problems": err.problems(),
    })
}

/// The check report as the table a person reads.
fn format_check(r: &CheckReport) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "ontrack check {} — {} cases, seed {}",
        r.id, r.cases, r.seed
    );
    let _ = writeln!(out);
    let _ = writeln!(
        out,
        "{:<26} {:>18} {:>9} {:>19}  result",
        "rate", "declared", "realised", "interval*"
    );
    for l in &r.rates {
        let declared = match l.declared {
            Declared::Rate(x) => format!("{x:.4}"),
            Declared::Range(a, b) => format!("{a:.2}–{b:.2}"),
            Declared::Implied(x) => format!("{x:.4} (model)"),
        };
        let _ = writeln!(
            out,
            "{:<26} {:>18} {:>9.4} {:>9.4}–{:<9.4}  {}",
            l.name,
            declared,
            l.realised,
            l.ci_low,
            l.ci_high,
            verdict(l.pass)
        );
    }
    let _ = writeln!(
        out,
        "* 95 % Wilson interval, family-wise over the {} lines (Bonferroni): a correct scenario fails a line by chance in at most 1 run in 20",
        r.rates.len()
    );
    let _ = writeln!(out);
    let _ = writeln!(
        out,
        "{:<10} {:<10} {:>8} {:>12} {:>7} {:>9}",
        "checkpoint", "forecaster", "Brier", "reliability", "AUC", "mean p"
    );
    for l in &r.forecasters {
        let auc = l.auc.map_or("n/a".to_string(), |a| format!("{a:.3}"));
        let _ = writeln!(
            out,
            "{:<10} {:<10} {:>8.5} {:>12.5} {:>7} {:>9.4}",
            l.checkpoint,
            l.forecaster.slug(),
            l.brier,
            l.reliability,
            auc,
            l.mean_forecast
        );
    }
    let _ = writeln!(out);
    for l in &r.ideal {
        let _ = writeln!(
            out,
            "ideal forecaster after session {:<3} lowest Brier: {}   calibrated (Hosmer–Lemeshow {:.1}, p = {:.3}): {}",
            l.checkpoint,
            verdict(l.best),
            l.hosmer_lemeshow,
            l.hosmer_lemeshow_p,
            verdict(l.calibrated)
        );
    }
    let _ = writeln!(out);
    for l in &r.signals {
        let _ = writeln!(
            out,
            "early-warning signal by session {:<3} flags {:.0} % of the deteriorating cases as not on track (yellow/red), {:.0} % of all cases",
            l.checkpoint,
            100.0 * l.sensitivity,
            100.0 * l.flagged
        );
    }
    let _ = writeln!(out);
    let _ = writeln!(
        out,
        "{}",
        if r.pass {
            "PASS: every line holds"
        } else {
            "FAIL: see the lines marked FAIL"
        }
    );
    out
}

/// Writes to stdout; a closed pipe (`ontrack check … | head`) is not an error.
fn print_stdout(text: &str) {
    let _ = std::io::stdout().lock().write_all(text.as_bytes());
}

fn verdict(pass: bool) -> &'static str {
    if pass { "PASS" } else { "FAIL" }
}
