//! The cohort as a text table: for each scenario version and seed, the benchmark forecasters on those
//! cases, then one row per trainee run; files that could not be used are listed at the end with their
//! reason.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use jiff::Timestamp;

use super::Cohort;
use super::views::pooled_scores;
use crate::debrief::{RunScores, show};
use crate::forecast::{Benchmark, Forecaster};
use crate::scenario::Lang;
use crate::score::{Interval, Metric};

/// A metric in a cell of the table.
fn num(m: &Metric, decimals: usize) -> String {
    show::metric(m, decimals, Lang::En, "—")
}

fn interval(m: &Metric<Interval>) -> String {
    if m.is_defined() {
        format!("[{}]", show::interval(m, 3, Lang::En, ""))
    } else {
        String::new()
    }
}

/// Every sentence the table shows people, in one place (to be translated with the others).
mod text {
    pub const TRAINEE: &str = "trainee";
    pub const STARTED: &str = "started (UTC)";
    pub const UNFINISHED: &str = "(unfinished)";
    pub const NO_RUNS: &str = "no run files could be scored";
    pub const NO_DETERIORATION: &str = "  No client deteriorated in these cases: always forecasting 1 % beats even the best possible forecaster here, so Brier, skill and AUC say little about forecasting deterioration. Hand out a course code whose cases include a deteriorating client.";
    pub const UNFINISHED_NOTE: &str = "(unfinished): the run stopped before the last case; the ↳ rows under it are the benchmarks on the cases it reached — compare it with those, not with the rows at the top of its group.";
    pub const LEGEND: &str = "Brier: lower is better (0.25 = always 50 %); skill: against the base rate (0 = no better, 1 = perfect); REL: miscalibration; RES: telling cases apart; CITL: mean forecast minus observed rate (negative = under-forecasting); d′, c, lat: spotting drift (sensitivity, criterion, sessions late); κ: classifying unwanted events. — = not defined for this run.";

    /// The heading of a group of runs: one scenario version and seed.
    pub fn heading(
        id: &str,
        version: Option<(usize, usize, &str)>,
        seed: u64,
        code: &str,
    ) -> String {
        let version = version.map_or(String::new(), |(n, of, hash)| {
            format!(" (version {n} of {of}, hash {hash})")
        });
        format!("{id}{version} — seed {seed} — course code {code}")
    }

    /// The heading of the list of files not used.
    pub fn files_not_used(n: usize) -> String {
        format!("files not used ({n}):")
    }
}

/// Width of the name column.
const NAME: usize = 22;
/// Width of the start-time column (`2026-11-28 23:40:12`).
const STARTED: usize = 19;

/// The versions of each scenario id in the cohort (distinct hashes), oldest first: ordered by the
/// first run started on each, so "version 2" is the one that came into use later.
fn versions(cohort: &Cohort) -> BTreeMap<&str, Vec<&str>> {
    let mut first_use: BTreeMap<(&str, &str), Timestamp> = BTreeMap::new();
    for r in &cohort.runs {
        let at = first_use
            .entry((r.scenario_id.as_str(), r.scenario_hash.as_str()))
            .or_insert(r.started);
        *at = (*at).min(r.started);
    }
    let mut by_id: BTreeMap<&str, Vec<(Timestamp, &str)>> = BTreeMap::new();
    for ((id, hash), at) in first_use {
        by_id.entry(id).or_default().push((at, hash));
    }
    by_id
        .into_iter()
        .map(|(id, mut hashes)| {
            hashes.sort();
            (id, hashes.into_iter().map(|(_, h)| h).collect())
        })
        .collect()
}

/// One benchmark row: `label`, and the benchmark's scores on the cases of `run` (its interval
/// computed here: benchmarks within a run are scored without, to load cohorts fast).
fn benchmark_row(out: &mut String, label: &str, run: &RunScores, benchmark: Benchmark) {
    let Some(b) = run.scores.benchmarks.get(&benchmark) else {
        return;
    };
    let brier_ci = pooled_scores(&[run], Forecaster::Benchmark(benchmark)).brier_ci;
    let _ = writeln!(
        out,
        "{:<NAME$} {:<STARTED$} {:>5} {:>6} {:<21} {:>6} {:>6} {:>6} {:>6} {:>6}",
        label,
        "",
        run.scores.cases,
        num(&b.brier, 3),
        interval(&brier_ci),
        num(&b.brier_skill, 2),
        num(&b.reliability, 3),
        num(&b.resolution, 3),
        num(&b.auc, 2),
        num(&b.calibration_in_the_large, 2),
    );
}

/// The table as text: a group per scenario version and seed, the benchmarks on all its cases at
/// the top, then one row per run; an unfinished run is marked and followed by the benchmarks on the
/// cases it reached, which are the ones to compare it with.
pub fn table(cohort: &Cohort) -> String {
    let mut out = String::new();
    let header = format!(
        "{:<NAME$} {:<STARTED$} {:>5} {:>6} {:<21} {:>6} {:>6} {:>6} {:>6} {:>6} {:>6} {:>6} {:>4} {:>5}",
        text::TRAINEE,
        text::STARTED,
        "cases",
        "Brier",
        "95 % interval",
        "skill",
        "REL",
        "RES",
        "AUC",
        "CITL",
        "d′",
        "c",
        "lat",
        "κ"
    );
    let versions = versions(cohort);
    // Groups in order of scenario id, version and seed; runs in the cohort's order within each.
    let mut groups: BTreeMap<(&str, usize, u64), Vec<&RunScores>> = BTreeMap::new();
    for r in &cohort.runs {
        let version = versions
            .get(r.scenario_id.as_str())
            .and_then(|v| v.iter().position(|h| *h == r.scenario_hash))
            .unwrap_or(0);
        groups
            .entry((r.scenario_id.as_str(), version, r.seed))
            .or_default()
            .push(r);
    }
    let mut any_unfinished = false;
    for ((id, version, seed), runs) in &groups {
        // The benchmarks on the cases of the run that went furthest in this group.
        let Some(fullest) = runs.iter().copied().max_by_key(|x| x.scores.cases) else {
            continue;
        };
        let of = versions.get(id).map_or(1, Vec::len);
        let hash: String = fullest.scenario_hash.chars().take(8).collect();
        let _ = writeln!(
            out,
            "\n{}",
            text::heading(
                id,
                (of > 1).then_some((version + 1, of, hash.as_str())),
                *seed,
                &fullest.course_code
            )
        );
        if fullest.scores.cases > 0 && fullest.scores.deteriorated == 0 {
            let _ = writeln!(out, "{}", text::NO_DETERIORATION);
        }
        let _ = writeln!(out, "{header}");
        for &benchmark in fullest.scores.benchmarks.keys() {
            benchmark_row(
                &mut out,
                &format!("[{}]", benchmark.slug()),
                fullest,
                benchmark,
            );
        }
        for r in runs {
            let f = &r.scores.forecasts;
            let d = &r.scores.drift;
            let name = if r.finished {
                r.trainee.clone()
            } else {
                format!("{} {}", r.trainee, text::UNFINISHED)
            };
            let _ = writeln!(
                out,
                "{:<NAME$} {:<STARTED$} {:>5} {:>6} {:<21} {:>6} {:>6} {:>6} {:>6} {:>6} {:>6} {:>6} {:>4} {:>5}",
                name,
                r.started.strftime("%Y-%m-%d %H:%M:%S").to_string(),
                r.scores.cases,
                num(&f.brier, 3),
                interval(&f.brier_ci),
                num(&f.brier_skill, 2),
                num(&f.reliability, 3),
                num(&f.resolution, 3),
                num(&f.auc, 2),
                num(&f.calibration_in_the_large, 2),
                num(&d.d_prime, 2),
                num(&d.criterion, 2),
                num(&d.latency_sessions, 1),
                num(&r.scores.events.kappa, 2),
            );
            if !r.finished {
                any_unfinished = true;
                for &benchmark in r.scores.benchmarks.keys() {
                    benchmark_row(
                        &mut out,
                        &format!("  ↳ [{}]", benchmark.slug()),
                        r,
                        benchmark,
                    );
                }
            }
        }
    }
    if cohort.runs.is_empty() {
        let _ = writeln!(out, "{}", text::NO_RUNS);
    }
    if !cohort.rejected.is_empty() {
        let _ = writeln!(out, "\n{}", text::files_not_used(cohort.rejected.len()));
        for r in &cohort.rejected {
            let _ = writeln!(out, "  {}", r.reason);
        }
    }
    if any_unfinished {
        let _ = writeln!(out, "\n{}", text::UNFINISHED_NOTE);
    }
    let _ = writeln!(out, "\n{}", text::LEGEND);
    out
}
