//! The cohort as a text table: for each scenario and seed, the benchmark forecasters on those cases,
//! then one row per trainee run; files that could not be used are listed at the end with their reason.

use std::fmt::Write as _;

use super::Cohort;
use super::views::pooled_scores;
use crate::debrief::show;
use crate::forecast::Forecaster;
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

/// The table as text.
pub fn table(cohort: &Cohort) -> String {
    let mut out = String::new();
    let header = format!(
        "{:<22} {:>5} {:>6} {:<21} {:>6} {:>6} {:>6} {:>6} {:>6} {:>6} {:>6} {:>4} {:>5}",
        "trainee",
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
    let mut group: Option<(&str, u64)> = None;
    for r in &cohort.runs {
        let key = (r.scenario_id.as_str(), r.seed);
        if group != Some(key) {
            group = Some(key);
            let _ = writeln!(
                out,
                "\n{} — seed {} — course code {}",
                r.scenario_id, r.seed, r.course_code
            );
            let _ = writeln!(out, "{header}");
            // The benchmarks on the cases of the run with the most cases in this group.
            let fullest = cohort
                .runs
                .iter()
                .filter(|x| (x.scenario_id.as_str(), x.seed) == key)
                .max_by_key(|x| x.scores.cases);
            if let Some(best) = fullest {
                for (&benchmark, b) in &best.scores.benchmarks {
                    // Benchmarks within a run are scored without intervals (to load cohorts
                    // fast); this one row gets its interval here.
                    let brier_ci =
                        pooled_scores(&[best], Forecaster::Benchmark(benchmark)).brier_ci;
                    let _ = writeln!(
                        out,
                        "{:<22} {:>5} {:>6} {:<21} {:>6} {:>6} {:>6} {:>6} {:>6}",
                        format!("[{}]", benchmark.slug()),
                        best.scores.cases,
                        num(&b.brier, 3),
                        interval(&brier_ci),
                        num(&b.brier_skill, 2),
                        num(&b.reliability, 3),
                        num(&b.resolution, 3),
                        num(&b.auc, 2),
                        num(&b.calibration_in_the_large, 2),
                    );
                }
            }
        }
        let f = &r.scores.forecasts;
        let d = &r.scores.drift;
        let unfinished = if r.finished { "" } else { " (unfinished)" };
        let _ = writeln!(
            out,
            "{:<22} {:>5} {:>6} {:<21} {:>6} {:>6} {:>6} {:>6} {:>6} {:>6} {:>6} {:>4} {:>5}",
            format!("{}{unfinished}", r.trainee),
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
    }
    if cohort.runs.is_empty() {
        let _ = writeln!(out, "no run files could be scored");
    }
    if !cohort.rejected.is_empty() {
        let _ = writeln!(out, "\nfiles not used ({}):", cohort.rejected.len());
        for r in &cohort.rejected {
            let _ = writeln!(out, "  {}", r.reason);
        }
    }
    let _ = writeln!(
        out,
        "\nBrier: lower is better (0.25 = always 50 %); skill: against the base rate (0 = no better, 1 = perfect); REL: miscalibration; RES: telling cases apart; CITL: mean forecast minus observed rate (negative = under-forecasting); d′, c, lat: spotting drift (sensitivity, criterion, sessions late); κ: classifying unwanted events. — = not defined for this run."
    );
    out
}
