//! The debrief of one run as text, with the numbers the app's debrief screen shows, and a set of
//! probability scores as text (`ontrack score`).

use std::fmt::Write as _;

use super::RunScores;
use super::show::{self, why};
use crate::i18n::{t, tf};
use crate::scenario::Lang;
use crate::score::{Interval, JudgementScores, Metric, ProbabilityScores};

/// A metric in a sentence of the report.
fn num(m: &Metric, decimals: usize, lang: Lang) -> String {
    show::metric(m, decimals, lang, &t(lang, "not-defined"))
}

/// The width of a column in characters: its longest cell, at least `least`.
fn width<'a>(cells: impl IntoIterator<Item = &'a String>, least: usize) -> usize {
    cells
        .into_iter()
        .map(|c| c.chars().count())
        .fold(least, usize::max)
}

/// The debrief of a scored run, in `lang`.
pub fn report(r: &RunScores, lang: Lang) -> String {
    let num = |m: &Metric, decimals: usize| num(m, decimals, lang);
    let why = |m: &Metric| why(m, lang);
    let s = &r.scores;
    let f = &s.forecasts;
    let mut out = String::new();
    let title = if r.course_code.is_empty() {
        "report-title"
    } else {
        "report-title-code"
    };
    let mut title = tf(
        lang,
        title,
        &[
            ("trainee", r.trainee.as_str().into()),
            ("scenario", r.scenario_id.as_str().into()),
            ("seed", r.seed.to_string().into()),
            ("code", r.course_code.as_str().into()),
        ],
    );
    if !r.finished {
        title = format!("{title} {}", t(lang, "report-unfinished"));
    }
    let _ = writeln!(out, "{title}");
    let _ = writeln!(
        out,
        "\n{}",
        tf(
            lang,
            "report-cases",
            &[
                ("cases", s.cases.into()),
                ("forecasts", f.n.into()),
                ("deteriorated", s.deteriorated.into()),
                ("predicted", s.predicted.into()),
                ("foreseen", s.foreseen.into()),
            ]
        )
    );
    if s.stopped_early > 0 {
        let _ = writeln!(
            out,
            "{}",
            tf(
                lang,
                "report-stopped-early",
                &[
                    ("stopped", s.stopped_early.into()),
                    ("cases", s.cases.into()),
                    ("absent", s.absent_forecasts.into()),
                ]
            )
        );
    }
    let _ = writeln!(out, "{}", t(lang, "report-hannan"));
    if s.cases > 0 && s.deteriorated == 0 {
        // The same sentence as the app's debrief.
        let _ = writeln!(out, "{}", t(lang, "debrief-no-deterioration"));
    }
    let interval = f
        .brier_ci
        .as_ref()
        .value()
        .map_or(String::new(), |i: &Interval| {
            let low = show::number(i.low, 3, lang);
            let high = show::number(i.high, 3, lang);
            let text = tf(
                lang,
                "report-interval",
                &[("low", low.into()), ("high", high.into())],
            );
            format!(" {text}")
        });
    let _ = writeln!(
        out,
        "\n{}",
        tf(
            lang,
            "report-brier",
            &[
                ("brier", num(&f.brier, 3).into()),
                ("interval", interval.into()),
                ("why", why(&f.brier).into()),
            ]
        )
    );
    let _ = writeln!(
        out,
        "  {}",
        tf(
            lang,
            "report-decomposition",
            &[
                ("reliability", num(&f.reliability, 4).into()),
                ("resolution", num(&f.resolution, 4).into()),
                ("uncertainty", num(&f.uncertainty, 4).into()),
            ]
        )
    );
    let _ = writeln!(
        out,
        "{}",
        tf(
            lang,
            "report-skill",
            &[
                ("skill", num(&f.brier_skill, 2).into()),
                ("why", why(&f.brier_skill).into()),
            ]
        )
    );
    let _ = writeln!(
        out,
        "{}",
        tf(
            lang,
            "report-auc",
            &[("auc", num(&f.auc, 2).into()), ("why", why(&f.auc).into())]
        )
    );
    if let Some(&citl) = f.calibration_in_the_large.as_ref().value() {
        let points = (citl * 100.0).round().abs().to_string();
        let key = if citl < -0.005 {
            "report-citl-under"
        } else if citl > 0.005 {
            "report-citl-over"
        } else {
            "report-citl-even"
        };
        let _ = writeln!(out, "{}", tf(lang, key, &[("points", points.into())]));
    }
    let _ = writeln!(
        out,
        "{}",
        tf(lang, "report-log", &[("log", num(&f.log_score, 3).into())])
    );
    let _ = write!(out, "\n{}", judgement_text(&s.judgement, &f.brier, lang));
    let _ = writeln!(out, "\n{}", t(lang, "report-same-cases"));
    let mut rows = vec![
        [
            String::new(),
            t(lang, "col-brier"),
            t(lang, "col-skill"),
            t(lang, "col-auc"),
        ],
        [
            t(lang, "report-you"),
            num(&f.brier, 3),
            num(&f.brier_skill, 2),
            num(&f.auc, 2),
        ],
    ];
    for (b, scores) in &s.benchmarks {
        rows.push([
            t(lang, &format!("bench-{}", b.slug())),
            num(&scores.brier, 3),
            num(&scores.brier_skill, 2),
            num(&scores.auc, 2),
        ]);
    }
    let w0 = width(rows.iter().map(|r| &r[0]), 10);
    let w = width(rows.iter().flat_map(|r| &r[1..]), 6);
    for row in &rows {
        let _ = writeln!(
            out,
            "  {:<w0$} {:>w$} {:>w$} {:>w$}",
            row[0], row[1], row[2], row[3]
        );
    }
    let d = &s.drift;
    let _ = writeln!(
        out,
        "\n{}",
        tf(
            lang,
            "report-drift",
            &[
                ("cases", d.signal_cases.into()),
                ("hits", d.hits.into()),
                ("misses", d.misses.into()),
                ("false", d.false_alarms.into()),
                ("stretches", d.noise_trials.into()),
            ]
        )
    );
    let _ = writeln!(
        out,
        "  {}",
        tf(
            lang,
            "report-drift-measures",
            &[
                (
                    "dprime",
                    format!("{}{}", num(&d.d_prime, 2), why(&d.d_prime)).into()
                ),
                (
                    "c",
                    format!("{}{}", num(&d.criterion, 2), why(&d.criterion)).into()
                ),
                ("latency", num(&d.latency_sessions, 1).into()),
                ("latency_why", why(&d.latency_sessions).into()),
                (
                    "kind",
                    format!("{}{}", num(&d.kind_correct, 2), why(&d.kind_correct)).into()
                ),
            ]
        )
    );
    let e = &s.events;
    let _ = writeln!(
        out,
        "\n{}",
        tf(
            lang,
            "report-events",
            &[
                ("n", e.n.into()),
                ("accuracy", num(&e.accuracy, 2).into()),
                (
                    "kappa",
                    format!("{}{}", num(&e.kappa, 2), why(&e.kappa)).into()
                ),
            ]
        )
    );
    let classes: Vec<String> = ["unrelated", "side_effect", "malpractice", "violation"]
        .iter()
        .map(|c| t(lang, &format!("short-{c}")))
        .collect();
    let w0 = width(&classes, 14);
    let w = width(&classes, 12);
    let _ = writeln!(
        out,
        "  {:<w0$} {:>w$} {:>w$} {:>w$} {:>w$}   {}",
        "",
        classes[0],
        classes[1],
        classes[2],
        classes[3],
        t(lang, "report-confusion")
    );
    for (truth, row) in classes.iter().zip(e.confusion.counts()) {
        let _ = writeln!(
            out,
            "  {:<w0$} {:>w$} {:>w$} {:>w$} {:>w$}",
            truth, row[0], row[1], row[2], row[3]
        );
    }
    out
}

/// The judgement cost as text, its first sentence a paragraph and the rest indented under it
/// ([`judgement_sentences`]).
pub fn judgement_text(j: &JudgementScores, brier: &Metric, lang: Lang) -> String {
    let mut out = String::new();
    for (i, line) in judgement_sentences(j, brier, lang).iter().enumerate() {
        let indent = if i == 0 { "" } else { "  " };
        let _ = writeln!(out, "{indent}{line}");
    }
    out
}

/// The judgement cost in words, a sentence each (the report and the app's debrief say the same):
/// how far the forecasts lay from the best possible ones, its systematic part and scatter, how the
/// Brier score splits into judgement, the unavoidable and luck, and which of the two scores to read
/// for what. None when there were no forecasts.
pub fn judgement_sentences(j: &JudgementScores, brier: &Metric, lang: Lang) -> Vec<String> {
    let (Some(&cost), Some(&points), Some(&bias)) = (
        j.cost.as_ref().value(),
        j.points.as_ref().value(),
        j.bias.as_ref().value(),
    ) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let interval = j
        .points_ci
        .as_ref()
        .value()
        .map_or(String::new(), |i: &Interval| {
            let text = tf(
                lang,
                "report-interval",
                &[
                    ("low", show::number(i.low, 0, lang).into()),
                    ("high", show::number(i.high, 0, lang).into()),
                ],
            );
            format!(" {text}")
        });
    out.push(tf(
        lang,
        "report-judgement",
        &[
            ("points", show::number(points, 0, lang).into()),
            ("interval", interval.into()),
            ("cost", show::number(cost, 4, lang).into()),
        ],
    ));
    let systematic = j.systematic.as_ref().value().copied().unwrap_or(0.0);
    let scatter = j.scatter.as_ref().value().copied().unwrap_or(0.0);
    let bias_points = (bias * 100.0).round();
    let key = if cost == 0.0 {
        "report-judgement-best"
    } else if bias_points > 0.0 {
        "report-judgement-higher"
    } else if bias_points < 0.0 {
        "report-judgement-lower"
    } else {
        "report-judgement-even"
    };
    out.push(tf(
        lang,
        key,
        &[
            ("bias", show::number(bias_points.abs(), 0, lang).into()),
            ("systematic", show::number(systematic, 4, lang).into()),
            ("scatter", show::number(scatter, 4, lang).into()),
            (
                "share",
                show::number(
                    if cost > 0.0 {
                        100.0 * systematic / cost
                    } else {
                        0.0
                    },
                    0,
                    lang,
                )
                .into(),
            ),
        ],
    ));
    if let (Some(&brier), Some(&unavoidable)) =
        (brier.as_ref().value(), j.unavoidable.as_ref().value())
    {
        let luck = brier - cost - unavoidable;
        let key = if luck > 0.0 {
            "report-judgement-split-bad-luck"
        } else {
            "report-judgement-split-good-luck"
        };
        out.push(tf(
            lang,
            key,
            &[
                ("brier", show::number(brier, 3, lang).into()),
                ("cost", show::number(cost, 3, lang).into()),
                ("unavoidable", show::number(unavoidable, 3, lang).into()),
                ("luck", show::number(luck.abs(), 3, lang).into()),
            ],
        ));
    }
    out.push(t(lang, "report-judgement-read"));
    out
}

/// Probability scores as a short text in `lang`: every metric with four decimals, or why it is not
/// defined. The labels' column is as wide as the longest label, so the values line up.
pub fn scores_text(s: &ProbabilityScores, lang: Lang) -> String {
    let show = |m: &Metric| format!("{}{}", num(m, 4, lang), why(m, lang));
    let interval = |m: &Metric<Interval>| {
        m.as_ref().value().map_or(String::new(), |i| {
            let low = show::number(i.low, 4, lang);
            let high = show::number(i.high, 4, lang);
            let text = tf(
                lang,
                "score-interval",
                &[("low", low.into()), ("high", high.into())],
            );
            format!(" {text}")
        })
    };
    // (label key, indented as a part of the Brier score, value)
    let rows = [
        ("score-n", false, s.n.to_string()),
        (
            "score-brier",
            false,
            format!("{}{}", show(&s.brier), interval(&s.brier_ci)),
        ),
        ("score-reliability", true, show(&s.reliability)),
        ("score-resolution", true, show(&s.resolution)),
        ("score-uncertainty", true, show(&s.uncertainty)),
        ("score-skill", false, show(&s.brier_skill)),
        ("score-log", false, show(&s.log_score)),
        ("score-citl", false, show(&s.calibration_in_the_large)),
        (
            "score-auc",
            false,
            format!("{}{}", show(&s.auc), interval(&s.auc_ci)),
        ),
    ];
    let labels: Vec<String> = rows
        .iter()
        .map(|(key, part, _)| {
            let indent = if *part { "  " } else { "" };
            format!("{indent}{}", t(lang, key))
        })
        .collect();
    let w = width(&labels, 0) + 1;
    let mut out = String::new();
    for (label, (_, _, value)) in labels.iter().zip(&rows) {
        let _ = writeln!(out, "{label:<w$}{value}");
    }
    out
}
