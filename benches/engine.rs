//! Benchmarks of the simulation engine on the bundled reference scenario `depression-cbt-oq45`.
//!
//! Run with `cargo bench --bench engine` (divan; the figures are printed per benchmark as
//! fastest / slowest / median / mean time of one iteration, and below each its throughput in
//! items per second).
//!
//! What is measured, and the targets:
//! - `generate_100k`: drawing 100 000 cases with `ontrack::model::generate` (one iteration = the
//!   whole batch; one item = one case). Target: one iteration under 1 s, i.e. ≥ 100 000 cases/s.
//!   Freeing the returned cases is not timed (divan drops outputs after each sample).
//! - `ideal_forecast`: the ideal (exact Bayes) forecaster `ontrack::forecast::Ideal::forecast` at
//!   every checkpoint of the scenario (`checkpoints` in the scenario file: after sessions 0, 3 and 6)
//!   of 2 000 pre-generated cases. The cases and the forecaster's tables are prepared outside the
//!   timed section. One item = one case-checkpoint. Target: ≥ 100 000 case-checkpoints/s. The
//!   forecaster keeps its forecast from the intake score alone per score (`Ideal::forecast`), so
//!   after the first sample the checkpoint after session 0 is a lookup, as it is in `ontrack check`
//!   and a training run; the checkpoints after sessions 3 and 6 carry the cost.
//! - `ideal_forecast_every_session`: the same, but at every session 0..=sessions (16 for the
//!   reference scenario), which includes the later and costlier checkpoints. For information: the
//!   forecaster's cost grows with the number of sessions seen. No target.
//!
//! On a shared virtual machine the whole run can be slowed for minutes (the same binary's medians
//! differ by 1.6× between runs on the development VM): `generate_100k`, which is measured in the
//! same run, shows how fast the machine was. Compare two versions back to back, or by instruction
//! counts (`valgrind --tool=callgrind`), rather than across runs.

use std::sync::LazyLock;

use divan::counter::ItemsCount;
use divan::{Bencher, black_box};
use ontrack::forecast::Ideal;
use ontrack::model::{Case, generate};
use ontrack::scenario::{Scenario, resolve};

/// The bundled reference scenario.
const SCENARIO: &str = "depression-cbt-oq45";
/// Seed of every generated batch.
const SEED: u64 = 20_240_601;
/// Cases drawn per iteration of the generation benchmark.
const GENERATE_CASES: usize = 100_000;
/// Cases the forecasting benchmarks run over.
const FORECAST_CASES: usize = 2_000;

static REFERENCE: LazyLock<Scenario> = LazyLock::new(|| {
    resolve(SCENARIO).unwrap_or_else(|e| panic!("the bundled scenario {SCENARIO} loads: {e}"))
});

fn main() {
    divan::main();
}

/// Drawing 100 000 cases (target: < 1 s per iteration).
#[divan::bench(sample_count = 10, sample_size = 1)]
fn generate_100k(bencher: Bencher) {
    let scenario = &*REFERENCE;
    bencher
        .counter(ItemsCount::new(GENERATE_CASES))
        .bench(|| generate(black_box(scenario), black_box(SEED), GENERATE_CASES));
}

/// The ideal forecaster at each of the scenario's checkpoints of 2 000 cases
/// (target: ≥ 100 000 case-checkpoints/s).
#[divan::bench(sample_count = 100, sample_size = 1)]
fn ideal_forecast(bencher: Bencher) {
    let checkpoints = REFERENCE.file.checkpoints.clone();
    forecast_all(bencher, &checkpoints);
}

/// The ideal forecaster at every session 0..=sessions of 2 000 cases (for information).
#[divan::bench(sample_count = 10, sample_size = 1)]
fn ideal_forecast_every_session(bencher: Bencher) {
    let last = u32::try_from(REFERENCE.sessions()).unwrap_or(u32::MAX);
    let checkpoints: Vec<u32> = (0..=last).collect();
    forecast_all(bencher, &checkpoints);
}

/// Times one forecast of the ideal forecaster per (case, checkpoint) over `FORECAST_CASES`
/// pre-generated cases; the cases and the forecaster are prepared outside the timed section.
fn forecast_all(bencher: Bencher, checkpoints: &[u32]) {
    let scenario = &*REFERENCE;
    let cases: Vec<Case> = generate(scenario, SEED, FORECAST_CASES);
    let ideal = Ideal::new(scenario);
    bencher
        .counter(ItemsCount::new(cases.len() * checkpoints.len()))
        .bench(|| {
            let mut sum = 0.0;
            for case in black_box(&cases) {
                for &cp in checkpoints {
                    sum += ideal.forecast(scenario, &case.visible(black_box(cp)));
                }
            }
            sum
        });
}
