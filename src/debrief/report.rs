//! The debrief of one run as text, with the numbers the app's debrief screen shows, and a set of
//! probability scores as text (`ontrack score`).

use std::fmt::Write as _;

use super::RunScores;
use super::show::{self, why};
use crate::scenario::Lang;
use crate::score::{Interval, Metric, ProbabilityScores};

/// A metric in a sentence of the report.
fn num(m: &Metric, decimals: usize) -> String {
    show::metric(m, decimals, Lang::En, "not defined")
}

/// The debrief of a scored run.
pub fn report(r: &RunScores) -> String {
    let s = &r.scores;
    let f = &s.forecasts;
    let mut out = String::new();
    let _ = writeln!(
        out,
        "Debrief — {} — {} (seed {}{}){}",
        r.trainee,
        r.scenario_id,
        r.seed,
        if r.course_code.is_empty() {
            String::new()
        } else {
            format!(", course code {}", r.course_code)
        },
        if r.finished {
            ""
        } else {
            " — unfinished run"
        }
    );
    let _ = writeln!(
        out,
        "\n{} cases, {} forecasts. {} of the {} clients deteriorated. At the last checkpoint you gave 50 % or more to {} {}, {} of whom deteriorated.",
        s.cases,
        f.n,
        s.deteriorated,
        s.cases,
        s.predicted,
        if s.predicted == 1 {
            "client"
        } else {
            "clients"
        },
        s.foreseen
    );
    let _ = writeln!(
        out,
        "For comparison: in Hannan et al. (2005) 40 of 550 clients deteriorated and their therapists foresaw 3 deteriorations (one of them correctly)."
    );
    let ci = f
        .brier_ci
        .as_ref()
        .value()
        .map_or(String::new(), |i: &Interval| {
            format!(" (95 % interval {:.3}–{:.3})", i.low, i.high)
        });
    let _ = writeln!(
        out,
        "\nBrier score {}{ci}{}: 0 is perfect, always saying 50 % scores 0.250.",
        num(&f.brier, 3),
        why(&f.brier)
    );
    let _ = writeln!(
        out,
        "  = miscalibration {} − resolution {} + uncertainty {}: miscalibration is how far your percentages were from what happened; resolution how well you told clients apart; uncertainty how hard these cases were.",
        num(&f.reliability, 4),
        num(&f.resolution, 4),
        num(&f.uncertainty, 4)
    );
    let _ = writeln!(
        out,
        "Skill against the base rate: {}{} (0 = no better than always forecasting the base rate, 1 = perfect).",
        num(&f.brier_skill, 2),
        why(&f.brier_skill)
    );
    let _ = writeln!(
        out,
        "AUC {}{}: the chance that you gave a deteriorating client a higher forecast than one who did not.",
        num(&f.auc, 2),
        why(&f.auc)
    );
    if let Some(&citl) = f.calibration_in_the_large.as_ref().value() {
        let points = (citl * 100.0).round().abs();
        let sentence = if citl < -0.005 {
            format!("you under-forecast deterioration by {points} percentage points")
        } else if citl > 0.005 {
            format!("you over-forecast deterioration by {points} percentage points")
        } else {
            "on average your forecasts matched how often clients deteriorated".to_string()
        };
        let _ = writeln!(out, "Calibration in the large: {sentence}.");
    }
    let _ = writeln!(
        out,
        "Log score {} (forecasts clipped to 1–99 %).",
        num(&f.log_score, 3)
    );
    let _ = writeln!(out, "\nOn the same cases and checkpoints:");
    let _ = writeln!(
        out,
        "  {:<10} {:>6} {:>6} {:>6}",
        "", "Brier", "skill", "AUC"
    );
    let _ = writeln!(
        out,
        "  {:<10} {:>6} {:>6} {:>6}",
        "you",
        num(&f.brier, 3),
        num(&f.brier_skill, 2),
        num(&f.auc, 2)
    );
    for (b, scores) in &s.benchmarks {
        let _ = writeln!(
            out,
            "  {:<10} {:>6} {:>6} {:>6}",
            b.slug(),
            num(&scores.brier, 3),
            num(&scores.brier_skill, 2),
            num(&scores.auc, 2)
        );
    }
    let d = &s.drift;
    let _ = writeln!(
        out,
        "\nDrift from the protocol: {} drift cases, {} spotted, {} missed; {} false alarms in {} stretches without drift.",
        d.signal_cases, d.hits, d.misses, d.false_alarms, d.noise_trials
    );
    let _ = writeln!(
        out,
        "  d′ {}{} (sensitivity), c {}{} (positive = cautious), latency {} sessions{}, kind named correctly {}{}.",
        num(&d.d_prime, 2),
        why(&d.d_prime),
        num(&d.criterion, 2),
        why(&d.criterion),
        num(&d.latency_sessions, 1),
        why(&d.latency_sessions),
        num(&d.kind_correct, 2),
        why(&d.kind_correct)
    );
    let e = &s.events;
    let _ = writeln!(
        out,
        "\nUnwanted events: {} classified, accuracy {}, Cohen's κ {}{}.",
        e.n,
        num(&e.accuracy, 2),
        num(&e.kappa, 2),
        why(&e.kappa)
    );
    let classes = ["unrelated", "side effect", "malpractice", "violation"];
    let _ = writeln!(
        out,
        "  {:<14} {:>10} {:>12} {:>12} {:>10}   (rows: true class, columns: your answer)",
        "", classes[0], classes[1], classes[2], classes[3]
    );
    for (truth, row) in classes.iter().zip(e.confusion.counts()) {
        let _ = writeln!(
            out,
            "  {:<14} {:>10} {:>12} {:>12} {:>10}",
            truth, row[0], row[1], row[2], row[3]
        );
    }
    out
}

/// Probability scores as a short text: every metric with four decimals, or why it is not defined.
pub fn scores_text(s: &ProbabilityScores) -> String {
    let show = |m: &Metric| format!("{}{}", num(m, 4), why(m));
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
