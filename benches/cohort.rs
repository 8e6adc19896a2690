//! Benchmarks of scoring: a whole cohort folder, and the probability scores of a million forecasts
//! (given as slices, and read from the text of a CSV file).
//!
//! Run with `cargo bench --bench cohort` (divan; the figures are printed per benchmark as
//! fastest / slowest / median / mean time of one iteration, and below each its throughput in
//! items per second).
//!
//! What is measured, and the targets:
//! - `cohort_1000_runs`: `ontrack::cohort::load_dir` on a folder of 1 000 finished run files of 30
//!   cases each: every file read, parsed, verified (seals, embedded scenario and hash, regenerated
//!   cases, every answer replayed) and scored, with the benchmark forecasters (including the
//!   actuarial rule's norming simulation of 100 000 cases, once for the folder). One iteration = the
//!   whole folder; one item = one run. Target: one iteration under 5 s.
//!   The folder is prepared once, outside the timing: the reference scenario `depression-cbt-oq45`
//!   copied with `cases_per_run: 30`, and 1 000 runs played on it through `Session::start` and
//!   `ontrack::run::bots::play` (so the files are exactly what the app writes), with seeds 0–999 and
//!   the six bots in turn. The folder is made under `/dev/shm` when there is one (a file is saved
//!   after every answer, and an fsync on tmpfs costs nothing), else in the system's temporary folder,
//!   and removed at the end. Preparing it takes about 2.5 minutes (each save writes the whole,
//!   growing file) and is reported on stderr.
//! - `probability_scores_1m`: `ontrack::score::probability_scores` (Brier score, Murphy
//!   decomposition, skill against the base rate, log score, calibration in the large, AUC, both 95 %
//!   bootstrap intervals and the reliability diagram) on 10⁶ whole-percent forecasts (1–99 %) with
//!   outcomes drawn from them. Inputs are prepared outside the timing. One item = one forecast.
//!   Target: one iteration under 1 s.
//! - `score_forecasts_csv_1m`: what `ontrack score --forecasts FILE` does once the file is read:
//!   `ontrack::forecasts_csv::parse_forecasts` on the text of a 10⁶-row `forecast,outcome` CSV
//!   (whole-percent forecasts 0–100 %, outcomes drawn from them), then `probability_scores` against
//!   the base rate, with both bootstrap intervals. The text is made outside the timing. One item =
//!   one row. Target: one iteration under 100 ms (the whole process is compared with pandas and
//!   scikit-learn by `benches/compare_pandas.py`).

use std::fmt::Write as _;
use std::path::Path;
use std::sync::{Arc, OnceLock};

use divan::counter::ItemsCount;
use divan::{Bencher, black_box};
use ontrack::cohort::load_dir;
use ontrack::forecast::Benchmarks;
use ontrack::research::forecasts_csv::parse_forecasts;
use ontrack::run::Session;
use ontrack::run::bots::{Bot, play};
use ontrack::scenario::{Scenario, parse};
use ontrack::score::{Reference, probability_scores};
use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;

/// Runs in the cohort folder.
const RUNS: usize = 1_000;
/// Cases per run.
const CASES_PER_RUN: u32 = 30;
/// Forecasts scored by `probability_scores_1m`.
const FORECASTS: usize = 1_000_000;
/// Rows of the CSV read by `score_forecasts_csv_1m`.
const CSV_ROWS: usize = 1_000_000;

/// The folder of 1 000 played runs, made once for the whole process (a static is never dropped, so
/// `main` removes it at the end).
static COHORT: OnceLock<tempfile::TempDir> = OnceLock::new();

fn main() {
    divan::main();
    if let Some(dir) = COHORT.get()
        && let Err(e) = std::fs::remove_dir_all(dir.path())
    {
        eprintln!("cannot remove {}: {e}", dir.path().display());
    }
}

/// Loading, verifying and scoring 1 000 runs of 30 cases (target: < 5 s per iteration).
#[divan::bench(sample_count = 5, sample_size = 1)]
fn cohort_1000_runs(bencher: Bencher) {
    let dir = COHORT.get_or_init(prepare_cohort).path();
    bencher.counter(ItemsCount::new(RUNS)).bench(|| {
        let cohort = load_dir(black_box(dir), &mut |_, _| {})
            .unwrap_or_else(|e| panic!("the cohort folder loads: {e}"));
        assert!(
            cohort.runs.len() == RUNS && cohort.rejected.is_empty(),
            "{} runs scored, rejected: {:?}",
            cohort.runs.len(),
            cohort.rejected.first()
        );
        cohort
    });
}

/// `probability_scores` on 10⁶ whole-percent forecasts (target: < 1 s per iteration).
#[divan::bench(sample_count = 10, sample_size = 1)]
fn probability_scores_1m(bencher: Bencher) {
    let mut rng = ChaCha8Rng::seed_from_u64(20_240_601);
    let forecasts: Vec<f64> = (0..FORECASTS)
        .map(|_| f64::from(rng.random_range(1..=99_u32)) / 100.0)
        .collect();
    let outcomes: Vec<bool> = forecasts.iter().map(|&p| rng.random::<f64>() < p).collect();
    let base_rate = outcomes.iter().filter(|&&o| o).count() as f64 / FORECASTS as f64;
    bencher.counter(ItemsCount::new(FORECASTS)).bench(|| {
        probability_scores(
            black_box(&forecasts),
            black_box(&outcomes),
            Reference::BaseRate(base_rate),
            black_box(7),
        )
    });
}

/// Parsing a 10⁶-row forecasts CSV and scoring it, as `ontrack score --forecasts` does (target:
/// < 100 ms per iteration).
#[divan::bench(sample_count = 10, sample_size = 1)]
fn score_forecasts_csv_1m(bencher: Bencher) {
    let mut rng = ChaCha8Rng::seed_from_u64(20_240_602);
    let mut text = String::from("forecast,outcome\n");
    for _ in 0..CSV_ROWS {
        let p = f64::from(rng.random_range(0..=100_u32)) / 100.0;
        let o = u8::from(rng.random::<f64>() < p);
        let _ = writeln!(text, "{p},{o}");
    }
    bencher.counter(ItemsCount::new(CSV_ROWS)).bench(|| {
        let (forecasts, outcomes) = parse_forecasts("bench.csv", black_box(text.as_bytes()))
            .unwrap_or_else(|e| panic!("the bench CSV parses: {e}"));
        let base_rate = outcomes.iter().filter(|&&o| o).count() as f64 / outcomes.len() as f64;
        probability_scores(&forecasts, &outcomes, Reference::BaseRate(base_rate), 1)
    });
}

/// The reference scenario with 30 cases per run.
fn scenario() -> Scenario {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios/depression-cbt-oq45.ron");
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{}: cannot read the scenario: {e}", path.display()));
    let text = with_cases_per_run(&text);
    parse("depression-cbt-oq45-30.ron", &text)
        .unwrap_or_else(|e| panic!("the 30-case copy of the reference scenario loads: {e}"))
}

/// The scenario text with `cases_per_run: <n>` set to 30.
fn with_cases_per_run(text: &str) -> String {
    let key = "cases_per_run:";
    let Some(start) = text.find(key) else {
        panic!("the reference scenario has no `cases_per_run`");
    };
    let value_start = start + key.len();
    let value_end = text[value_start..]
        .find(',')
        .map_or(text.len(), |i| value_start + i);
    format!(
        "{}{key} {CASES_PER_RUN}{}",
        &text[..start],
        &text[value_end..]
    )
}

/// Plays `RUNS` runs into a new temporary folder, as the app would save them.
fn prepare_cohort() -> tempfile::TempDir {
    let shm = Path::new("/dev/shm");
    let dir = if shm.is_dir() {
        tempfile::Builder::new()
            .prefix("ontrack-bench-cohort-")
            .tempdir_in(shm)
    } else {
        tempfile::Builder::new()
            .prefix("ontrack-bench-cohort-")
            .tempdir()
    }
    .unwrap_or_else(|e| panic!("cannot make a temporary folder: {e}"));
    let scenario = Arc::new(scenario());
    assert_eq!(scenario.file.cases_per_run, CASES_PER_RUN);
    let bench = Benchmarks::new(&scenario);
    let started = std::time::Instant::now();
    for i in 0..RUNS {
        let seed = i as u64;
        let bot = Bot::ALL[i % Bot::ALL.len()];
        let trainee = format!("{}-{i:04}", bot.name());
        let mut session = Session::start(dir.path(), Arc::clone(&scenario), seed, &trainee, "")
            .unwrap_or_else(|e| panic!("run {i} starts: {e}"));
        play(&mut session, &bench, bot, seed, &mut |_| {})
            .unwrap_or_else(|e| panic!("run {i} plays: {e}"));
    }
    eprintln!(
        "prepared {RUNS} runs of {CASES_PER_RUN} cases in {} in {:.1} s",
        dir.path().display(),
        started.elapsed().as_secs_f64()
    );
    dir
}
