//! The `ontrack` command: the trainee app (feature `gui`) and the tools for trainers and researchers.

use std::io::Write;
use std::net::SocketAddr;
use std::path::Path;
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::RecvTimeoutError;
use std::time::Duration;

use anyhow::Context;
use clap::Parser;
use indicatif::{ProgressBar, ProgressStyle};

mod cli;

use cli::{CaptureArgs, Cli, Command};
use ontrack::cohort::csv_export::{check_target, write_csv, write_forecasts_csv};
use ontrack::cohort::load_dir;
use ontrack::cohort::table::table;
use ontrack::debrief::report::{judgement_text, report, scores_text};
use ontrack::debrief::{run_scores, score_file};
use ontrack::files::text::terminal_lines;
use ontrack::forecast::{Benchmarks, Ideal};
use ontrack::i18n::{t, tf};
use ontrack::launch::{self, Launch, Look};
use ontrack::live::class::Class;
use ontrack::live::discovery::{Discovery, Mdns};
use ontrack::live::link::{LiveLink, Station};
use ontrack::live::server::{LiveServer, lock};
use ontrack::live::{class_pin, shown_address};
use ontrack::model::generate_case;
use ontrack::model::notes::{render_case, render_hidden};
use ontrack::research::check::{check, check_text};
use ontrack::research::compare::{CompareRequest, MeasureUsed, compare, compare_text};
use ontrack::research::export::{ExportError, Target, write_cases};
use ontrack::research::forecasts_csv::read_forecasts;
use ontrack::research::trajectory_csv::read_trajectories;
use ontrack::run::bots::play_each;
use ontrack::run::code::{encode, find_course};
use ontrack::run::store::results_dir;
use ontrack::run::{OpenedRun, Session, open as open_run};
use ontrack::scenario::summary::{error_json, listing_line, summary_json, summary_text};
use ontrack::scenario::{Lang, Scenario, bundled_ids, resolve};
use ontrack::score::{Reference, content_seed, probability_scores};
use ontrack::teach::blind::CaseKind;
use ontrack::teach::drill::{drill, mix_sentence, weakest_kind, write_drill};
use ontrack::teach::text::{lessons_text, waterfall_table};
use ontrack::teach::waterfall::Waterfall;

/// Set by Ctrl-C while `generate` writes: it stops and removes its partial files.
static INTERRUPTED: AtomicBool = AtomicBool::new(false);

/// When the program started (the app logs the time to its first frame).
static STARTED: std::sync::OnceLock<std::time::Instant> = std::sync::OnceLock::new();

fn main() -> ExitCode {
    STARTED.get_or_init(std::time::Instant::now);
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(err) => {
            // What a file holds may be in the message: shown, never obeyed by the terminal.
            eprintln!("error: {}", terminal_lines(&format!("{err:#}")));
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
                // Up to the last checkpoint, or to the last session of a client who stopped before it.
                let last_seen = u32::try_from(c.scores.len().saturating_sub(1)).unwrap_or(0);
                let upto = s
                    .file
                    .checkpoints
                    .last()
                    .copied()
                    .unwrap_or(0)
                    .min(last_seen);
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
            live,
            pin,
        } => {
            ontrack::run::lock::set_program("`ontrack play`");
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
            let link = match (live, pin) {
                (Some(address), Some(pin)) => Some(
                    LiveLink::start(Station { address, pin }, session.file())
                        .context("cannot start sending to the station")?,
                ),
                _ => None,
            };
            let stdout = std::io::stdout();
            let seed = session.file().seed;
            play_each(&mut session, &bench, bot, seed, &mut |played| {
                if let (Some(link), Some(entry)) = (&link, played.file().log.last()) {
                    link.push(entry.clone());
                }
                if ack {
                    let mut out = stdout.lock();
                    let n = played.file().log.len();
                    let _ = writeln!(out, "{}", tf(lang, "cli-saved", &[("n", n.into())]));
                    let _ = out.flush();
                }
                if pace_ms > 0 {
                    std::thread::sleep(std::time::Duration::from_millis(pace_ms));
                }
            })?;
            print_stdout(&format!("{}\n", session.path().display()));
            if let Some(link) = link {
                return Ok(live_delivered(&link, lang));
            }
        }
        Command::Station {
            dir,
            code,
            port,
            bind,
        } => {
            let mut candidates = bundled()?;
            for path in &cli.scenario_files {
                candidates.push(load(&path.display().to_string())?);
            }
            return station(&dir, &code, candidates, SocketAddr::new(bind, port), lang);
        }
        Command::Cohort {
            dir,
            json,
            csv,
            forecasts_csv,
            force,
        } => {
            // Checked before the work, so a wrong name costs nothing.
            for path in csv.iter().chain(&forecasts_csv) {
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
            if let Some(path) = forecasts_csv.as_ref().filter(|_| !cohort.runs.is_empty()) {
                write_forecasts_csv(&cohort, path)
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
                    } else {
                        let f = &scored.scores.forecasts;
                        let judgement = judgement_text(&scored.scores.judgement, &f.brier, lang);
                        print_stdout(&format!("{}\n{judgement}", scores_text(f, lang)));
                        let s = &scored.scores;
                        if s.stopped_early > 0 {
                            let stopped = tf(
                                lang,
                                "report-stopped-early",
                                &[
                                    ("stopped", s.stopped_early.into()),
                                    ("cases", s.cases.into()),
                                    ("absent", s.absent_forecasts.into()),
                                ],
                            );
                            print_stdout(&format!("{stopped}\n"));
                        }
                    }
                    return Ok(ExitCode::SUCCESS);
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
            force,
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
            write_drill(&drilled, &out, &dir, force)?;
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
        Command::Compare {
            scenario,
            real,
            json,
            seed,
            cases,
            rci,
            direction,
            min,
            max,
        } => {
            let s = load(&scenario)?;
            let clients = read_trajectories(&real)?;
            let own = MeasureUsed::of(&s);
            if let Some(rci) = rci.filter(|r| !(r.is_finite() && *r > 0.0)) {
                anyhow::bail!(
                    "--rci {rci}: the reliable change must be a number above 0 (the BDI's is 9)"
                );
            }
            let real_measure = MeasureUsed::new(
                rci.unwrap_or(own.rci),
                direction.map_or(own.higher_is_worse, |d| d == cli::Direction::HigherIsWorse),
                min.unwrap_or(own.min),
                max.unwrap_or(own.max),
            );
            let series: Vec<_> = clients.into_iter().map(|(_, s)| s).collect();
            let report = compare(&CompareRequest {
                scenario: &s,
                real: &series,
                real_file: &real.display().to_string(),
                real_measure,
                cases,
                seed,
            });
            if json {
                print_stdout(&format!("{}\n", serde_json::to_string_pretty(&report)?));
            } else {
                print_stdout(&compare_text(&report, lang));
            }
        }
        Command::Demo {
            scenario,
            pace,
            skip,
            seed,
            section,
            capture,
        } => {
            let launch = Launch::Demo {
                scenario,
                pace,
                skip,
                seed,
                section,
            };
            return open_app(&cli, launch, capture);
        }
        Command::Trainer {
            dir,
            view,
            select,
            open,
            live,
            capture,
        } => {
            let launch = Launch::Trainer {
                dir,
                view,
                select,
                open,
                live,
            };
            return open_app(&cli, launch, capture);
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// How long `play --live` waits, after its last answer, for the station to have them all.
const LIVE_DELIVERY_WAIT: Duration = Duration::from_secs(60);

/// Waits for a live bot's answers to reach the station and says how it went: exit status 0 when
/// the station has them all, 1 when some could not be delivered, 2 when the station refused the run.
fn live_delivered(link: &LiveLink, lang: Lang) -> ExitCode {
    let state = link.wait_delivered(LIVE_DELIVERY_WAIT);
    if let Some(reason) = &state.refused {
        eprintln!(
            "{}",
            tf(
                lang,
                "play-live-refused",
                &[("reason", reason.reason.as_str().into())]
            )
        );
        return ExitCode::from(2);
    }
    let counts = [
        ("delivered", state.delivered.into()),
        ("total", state.total.into()),
    ];
    if state.all_delivered() {
        eprintln!("{}", tf(lang, "play-live-delivered", &counts));
        ExitCode::SUCCESS
    } else {
        let problem = state.problem.clone().unwrap_or_default();
        let mut args = counts.to_vec();
        args.push(("problem", problem.into()));
        eprintln!("{}", tf(lang, "play-live-undelivered", &args));
        ExitCode::from(1)
    }
}

/// `ontrack station`: runs the live class of `code` on `addr` until Ctrl-C or SIGTERM, then
/// stops the server (which waits for the answers being stored) and says what the record holds.
fn station(
    dir: &Path,
    code: &str,
    candidates: Vec<Scenario>,
    addr: SocketAddr,
    lang: Lang,
) -> anyhow::Result<ExitCode> {
    let (scenario, seed, code) = find_course(code, candidates)?;
    ontrack::run::lock::set_program("`ontrack station`");
    std::fs::create_dir_all(dir)
        .with_context(|| format!("{}: cannot create the folder", dir.display()))?;
    let pin = class_pin(dir, &code)?;
    let mut class = Class::open(&code, Arc::new(scenario), seed, &pin, dir)
        .with_context(|| format!("{}: cannot open the class's record", dir.display()))?;
    for problem in std::mem::take(&mut class.problems) {
        eprintln!("{problem}");
    }
    let (ended, end) = std::sync::mpsc::channel();
    ctrlc::set_handler(move || {
        let _ = ended.send(());
    })
    .context("cannot watch for Ctrl-C")?;
    let server =
        LiveServer::start(class, addr).with_context(|| format!("cannot listen on {addr}"))?;
    let listening = server.addr();
    // Announced on the room's network only when it listens there.
    let announced =
        (!listening.ip().is_loopback()).then(|| Mdns::room().announce(&code, listening.port()));
    let address = shown_address(listening);
    let mut out = String::new();
    out.push_str(&tf(
        lang,
        "station-running",
        &[
            ("code", code.as_str().into()),
            ("dir", dir.display().to_string().into()),
        ],
    ));
    out.push('\n');
    out.push_str(&tf(lang, "station-address", &[("address", address.into())]));
    out.push('\n');
    out.push_str(&tf(lang, "station-pin", &[("pin", pin.into())]));
    out.push('\n');
    match &announced {
        Some(Ok(_)) => out.push_str(&t(lang, "station-announced")),
        Some(Err(e)) => out.push_str(&tf(
            lang,
            "station-not-announced",
            &[("error", e.to_string().into())],
        )),
        None => out.push_str(&t(lang, "station-loopback")),
    }
    out.push('\n');
    out.push_str(&t(lang, "station-stop-hint"));
    out.push('\n');
    print_stdout(&out);
    let _ = std::io::stdout().flush();
    let mut told = std::collections::BTreeSet::new();
    // Until Ctrl-C or SIGTERM (or the handler is gone).
    while let Err(RecvTimeoutError::Timeout) = end.recv_timeout(Duration::from_secs(1)) {
        // The trainer is told once of each host refused for holding too many connections.
        for refused in server.refused_hosts() {
            if told.insert(refused.host) {
                let host = refused.host.to_string();
                eprintln!(
                    "{}",
                    tf(lang, "station-refused-host", &[("host", host.into())])
                );
            }
        }
    }
    drop(announced);
    let class = Arc::clone(server.class());
    server.stop();
    let (runs, answers) = lock(&class).record();
    print_stdout(&format!(
        "{}\n",
        tf(
            lang,
            "station-ended",
            &[
                ("runs", runs.into()),
                ("answers", answers.into()),
                ("dir", dir.display().to_string().into()),
            ]
        )
    ));
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
                    eprintln!("{}", terminal_lines(&err.to_string()));
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
