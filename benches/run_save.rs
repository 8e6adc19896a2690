//! The cost of saving an answer: `Session::apply` (the answer appended to the run file and synced)
//! on a run of 1 000 cases and on a run whose scenario has a 50 MB briefing, each timed over 2 000
//! answers. Saving an answer writes its line, not the file, so both should save at least 200
//! answers per second, synced, whatever the file's size.
//!
//! Run with `cargo bench --bench run_save`; it prints, for each run, the answers per second, the
//! median and slowest save, and the file's size. The run files are written in the system's
//! temporary folder (or `$ONTRACK_BENCH_DIR`) — a real disk, so each save's fsync counts: say which
//! disk when you quote the figures. `tests/scenarios/minimal.ron` is the base scenario.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a benchmark fails loudly

use std::sync::Arc;
use std::time::{Duration, Instant};

use ontrack::forecast::Benchmarks;
use ontrack::run::Session;
use ontrack::run::bots::{Bot, BotPlayer};
use ontrack::scenario::{from_file, resolve};

/// Answers timed per run.
const ANSWERS: usize = 2_000;

fn main() {
    let base = resolve("tests/scenarios/minimal.ron").expect("the minimal scenario loads");
    let mut many = base.file.clone();
    many.id = "bench-1000-cases".into();
    many.cases_per_run = 1000;
    let mut briefed = many.clone();
    briefed.id = "bench-50mb-briefing".into();
    briefed.briefing.en = "A long briefing. ".repeat(50_000_000 / 17);
    for (label, file) in [
        ("1 000 cases", many),
        ("50 MB briefing, 1 000 cases", briefed),
    ] {
        let scenario = Arc::new(from_file(label, file).expect("the scenario is valid"));
        measure(label, &scenario);
    }
}

fn measure(label: &str, scenario: &Arc<ontrack::scenario::Scenario>) {
    let dir = match std::env::var_os("ONTRACK_BENCH_DIR") {
        Some(d) => tempfile::tempdir_in(d),
        None => tempfile::tempdir(),
    }
    .expect("a temporary folder");
    let bench = Benchmarks::new(scenario);
    let started = Instant::now();
    let mut session = Session::start(dir.path(), Arc::clone(scenario), 1, "bench", "").unwrap();
    let start_cost = started.elapsed();
    let mut player = BotPlayer::new(Bot::Typical, &bench, 1);
    let mut saves = Vec::with_capacity(ANSWERS);
    let all = Instant::now();
    while saves.len() < ANSWERS {
        let Some(action) = player.next_action(session.run()) else {
            break;
        };
        let t = Instant::now();
        session.apply(action).expect("saved");
        saves.push(t.elapsed());
    }
    let total = all.elapsed();
    saves.sort();
    let median = saves.get(saves.len() / 2).copied().unwrap_or_default();
    let slowest = saves.last().copied().unwrap_or(Duration::ZERO);
    let size = std::fs::metadata(session.path()).map_or(0, |m| m.len());
    let saving: Duration = saves.iter().sum();
    println!(
        "{label}: {} answers in {:.2} s ({:.0} answers/s with the bot's thinking, {:.0} answers/s saving alone); save median {:.2} ms, slowest {:.2} ms; file {:.1} MB; starting the run (whole file written) {:.2} s",
        saves.len(),
        total.as_secs_f64(),
        saves.len() as f64 / total.as_secs_f64(),
        saves.len() as f64 / saving.as_secs_f64(),
        median.as_secs_f64() * 1e3,
        slowest.as_secs_f64() * 1e3,
        size as f64 / 1e6,
        start_cost.as_secs_f64(),
    );
}
