//! The cohort as a text table: for each scenario and seed, the benchmark forecasters on those cases,
//! then one row per trainee run; files that could not be used are listed at the end with their reason.

use std::fmt::Write as _;

use super::Cohort;
use super::views::pooled_scores;
use crate::debrief::show;
use crate::forecast::Forecaster;
use crate::i18n::{t, tf};
use crate::scenario::Lang;
use crate::score::{Interval, Metric};

/// The table as text, in `lang`. Each column is as wide as the longer of its usual width and its
/// header in `lang` (counted in characters), so the columns line up in both languages.
pub fn table(cohort: &Cohort, lang: Lang) -> String {
    let num = |m: &Metric, decimals: usize| show::metric(m, decimals, lang, "—");
    let interval = |m: &Metric<Interval>| {
        if m.is_defined() {
            format!("[{}]", show::interval(m, 3, lang, ""))
        } else {
            String::new()
        }
    };
    let mut out = String::new();
    let names = [
        t(lang, "col-trainee"),
        t(lang, "col-cases"),
        t(lang, "col-brier"),
        t(lang, "cohort-col-interval"),
        t(lang, "col-skill"),
    ];
    let width = |least: usize, name: &String| least.max(name.chars().count());
    let (w0, w1, w2) = (
        width(22, &names[0]),
        width(5, &names[1]),
        width(6, &names[2]),
    );
    let (w3, w4) = (width(21, &names[3]), width(6, &names[4]));
    let header = format!(
        "{:<w0$} {:>w1$} {:>w2$} {:<w3$} {:>w4$} {:>6} {:>6} {:>6} {:>6} {:>6} {:>6} {:>4} {:>5}",
        names[0],
        names[1],
        names[2],
        names[3],
        names[4],
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
                "\n{}",
                tf(
                    lang,
                    "cohort-group",
                    &[
                        ("scenario", r.scenario_id.as_str().into()),
                        ("seed", r.seed.to_string().into()),
                        ("code", r.course_code.as_str().into()),
                    ]
                )
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
                        "{:<w0$} {:>w1$} {:>w2$} {:<w3$} {:>w4$} {:>6} {:>6} {:>6} {:>6}",
                        format!("[{}]", t(lang, &format!("bench-{}", benchmark.slug()))),
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
            "{:<w0$} {:>w1$} {:>w2$} {:<w3$} {:>w4$} {:>6} {:>6} {:>6} {:>6} {:>6} {:>6} {:>4} {:>5}",
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
        let _ = writeln!(out, "{}", t(lang, "cohort-none"));
    }
    if !cohort.rejected.is_empty() {
        let _ = writeln!(
            out,
            "\n{}",
            tf(
                lang,
                "cohort-rejected",
                &[("n", cohort.rejected.len().into())]
            )
        );
        for r in &cohort.rejected {
            let _ = writeln!(out, "  {}", r.reason);
        }
    }
    let _ = writeln!(out, "\n{}", t(lang, "cohort-legend"));
    out
}
