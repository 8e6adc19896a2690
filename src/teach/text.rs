//! What the lessons say, in words and tables, for the command line (`report`, `case --explain`) and
//! the app.

use std::fmt::Write as _;

use super::RunLessons;
use super::blind::{BlindSpot, CaseKind};
use super::cues::Cue;
use super::explain::{explain, percent, sentence};
use super::lens::{Lens, Verdict};
use super::waterfall::{Waterfall, probability};
use crate::debrief::show::number;
use crate::forecast::{Actuarial, Ideal};
use crate::i18n::{t, tf};
use crate::model::Case;
use crate::scenario::{Lang, Scenario};
use crate::text_table::{self, Align};

/// Consistency below this is worth a sentence: the trainee's own weights describe their forecasts
/// poorly.
const LOW_CONSISTENCY: f64 = 0.7;

/// The name of a cue in a sentence.
pub fn cue_name(cue: Cue, lang: Lang) -> String {
    t(lang, &format!("cue-{}", cue.slug()))
}

/// The name of a kind of case.
pub fn kind_name(kind: CaseKind, lang: Lang) -> String {
    t(lang, &format!("kind-{}", kind.slug()))
}

/// "a, b and c" in `lang`.
fn join(items: &[String], lang: Lang) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} {} {last}", rest.join(", "), t(lang, "lens-and")),
    }
}

/// The clause for a cue given `ratio` of the weight it deserves.
fn ratio_clause(cue: Cue, verdict: Verdict, lang: Lang) -> Option<String> {
    let name = cue_name(cue, lang);
    let (key, times) = match verdict {
        Verdict::Over(r) if r < 2.5 => ("lens-twice", None),
        Verdict::Over(r) => ("lens-times", Some(r.round())),
        Verdict::Under(r) if r < 0.2 => ("lens-almost-none", None),
        Verdict::Under(r) if r < 0.42 => ("lens-third", None),
        Verdict::Under(_) => ("lens-half", None),
        Verdict::Right | Verdict::Reversed | Verdict::Spurious | Verdict::Unclear => return None,
    };
    let times = times.map_or(String::new(), |x| number(x, 0, lang));
    Some(tf(
        lang,
        key,
        &[("cue", name.into()), ("times", times.into())],
    ))
}

/// The cue weights in plain sentences: which cues got too much or too little weight, which were
/// read the wrong way round or given weight they do not deserve, and whether the forecasts followed
/// the trainee's own weights consistently.
pub fn lens_sentences(lens: &Lens, lang: Lang) -> Vec<String> {
    let mut out = Vec::new();
    let verdicts: Vec<(Cue, Verdict)> = Cue::ALL
        .into_iter()
        .filter_map(|c| lens.verdict(c).map(|v| (c, v)))
        .collect();
    // Over-weighted cues first, then under-weighted ones.
    let mut clauses: Vec<String> = verdicts
        .iter()
        .filter(|(_, v)| matches!(v, Verdict::Over(_)))
        .filter_map(|&(c, v)| ratio_clause(c, v, lang))
        .collect();
    clauses.extend(
        verdicts
            .iter()
            .filter(|(_, v)| matches!(v, Verdict::Under(_)))
            .filter_map(|&(c, v)| ratio_clause(c, v, lang)),
    );
    if !clauses.is_empty() {
        out.push(tf(
            lang,
            "lens-gave",
            &[("clauses", join(&clauses, lang).into())],
        ));
    }
    for (cue, verdict) in &verdicts {
        let key = match verdict {
            Verdict::Reversed => "lens-reversed",
            Verdict::Spurious => "lens-spurious",
            _ => continue,
        };
        out.push(tf(lang, key, &[("cue", cue_name(*cue, lang).into())]));
    }
    let unclear: Vec<String> = verdicts
        .iter()
        .filter(|(_, v)| *v == Verdict::Unclear)
        .map(|(c, _)| cue_name(*c, lang))
        .collect();
    if !unclear.is_empty() {
        out.push(tf(
            lang,
            "lens-unclear",
            &[("cues", join(&unclear, lang).into())],
        ));
    } else if out.is_empty() {
        out.push(t(lang, "lens-all-right"));
    }
    if lens.consistency < LOW_CONSISTENCY {
        out.push(tf(
            lang,
            "lens-inconsistent",
            &[("r", number(lens.consistency, 2, lang).into())],
        ));
    }
    out
}

/// The cue weights as a table: each cue's weight in the trainee's forecasts and in the best
/// possible ones (log-odds per unit of the cue), then the lens model's numbers in words.
pub fn lens_table(lens: &Lens, lang: Lang) -> String {
    let mut out = String::new();
    let weight = |w: Option<f64>| w.map_or_else(|| "—".to_string(), |w| number(w, 2, lang));
    let rows: Vec<[String; 3]> = Cue::ALL
        .into_iter()
        .map(|c| {
            let j = c as usize;
            [
                cue_name(c, lang),
                weight(lens.trainee.weights.get(j).copied().flatten()),
                weight(lens.task.weights.get(j).copied().flatten()),
            ]
        })
        .collect();
    let head = [
        String::new(),
        t(lang, "lens-col-you"),
        t(lang, "lens-col-task"),
    ];
    let w0 = rows
        .iter()
        .chain([&head])
        .map(|r| r[0].chars().count())
        .max()
        .unwrap_or(0);
    let w = rows
        .iter()
        .chain([&head])
        .flat_map(|r| r[1..].iter().map(|c| c.chars().count()))
        .max()
        .unwrap_or(0);
    for r in [&head].into_iter().chain(&rows) {
        let _ = writeln!(out, "  {:<w0$} {:>w$} {:>w$}", r[0], r[1], r[2]);
    }
    let _ = writeln!(
        out,
        "{}",
        tf(
            lang,
            "lens-numbers",
            &[
                ("n", lens.n.into()),
                ("achievement", number(lens.achievement, 2, lang).into()),
                ("consistency", number(lens.consistency, 2, lang).into()),
                ("matching", number(lens.matching, 2, lang).into()),
            ]
        )
    );
    out
}

/// One blind spot in a sentence: the case, what the trainee and the best possible forecast said,
/// the kinds of case it is, and why the best possible forecast said so.
pub fn blind_spot_text(
    s: &Scenario,
    ideal: &Ideal,
    expected: Option<&Actuarial>,
    case: &Case,
    spot: &BlindSpot,
    lang: Lang,
) -> String {
    let kinds: Vec<String> = spot.kinds.iter().map(|k| kind_name(*k, lang)).collect();
    let kinds = if kinds.is_empty() {
        String::new()
    } else {
        format!(" ({})", kinds.join(", "))
    };
    let head = tf(
        lang,
        "blind-spot",
        &[
            ("case", (spot.case + 1).into()),
            ("checkpoint", spot.checkpoint.into()),
            ("you", percent(spot.trainee).into()),
            ("ideal", percent(spot.ideal).into()),
            ("kinds", kinds.into()),
        ],
    );
    // The move into the blind spot's checkpoint from the checkpoint before it.
    let checkpoints: Vec<u32> = s
        .file
        .checkpoints
        .iter()
        .copied()
        .filter(|&c| c < spot.checkpoint)
        .chain([spot.checkpoint])
        .collect();
    let why = case_sentences(s, ideal, expected, case, &checkpoints, lang);
    format!("{head} {}", why.last().map_or("", String::as_str))
}

/// The sentences of a case at `checkpoints` (ascending): each explains the move since the one
/// before it, the first the move from the base rate.
pub fn case_sentences(
    s: &Scenario,
    ideal: &Ideal,
    expected: Option<&Actuarial>,
    case: &Case,
    checkpoints: &[u32],
    lang: Lang,
) -> Vec<String> {
    let Some(&last) = checkpoints.last() else {
        return Vec::new();
    };
    let w = Waterfall::of(s, ideal, case, last);
    explain(&w, checkpoints)
        .iter()
        .map(|why| sentence(s, case, why, expected, lang))
        .collect()
}

/// The blind-spot section: each blind spot with its sentence, and the kind they share.
pub fn blind_spots_text(
    s: &Scenario,
    ideal: &Ideal,
    expected: Option<&Actuarial>,
    lessons: &RunLessons,
    case_of: impl Fn(usize) -> Option<Case>,
    lang: Lang,
) -> String {
    let mut out = String::new();
    if lessons.blind_spots.is_empty() {
        let _ = writeln!(out, "{}", t(lang, "blind-none"));
        return out;
    }
    for spot in &lessons.blind_spots {
        if let Some(case) = case_of(spot.case) {
            let _ = writeln!(
                out,
                "- {}",
                blind_spot_text(s, ideal, expected, &case, spot, lang)
            );
        }
    }
    if let Some(sentence) = pattern_sentence(lessons, lang) {
        let _ = writeln!(out, "{sentence}");
    }
    out
}

/// The kind of case the blind spots share, and how many of them are of it, as one sentence (the
/// debrief and `report` both say it).
pub fn pattern_sentence(lessons: &RunLessons, lang: Lang) -> Option<String> {
    let kind = lessons.pattern?;
    let n = lessons
        .blind_spots
        .iter()
        .filter(|b| b.kinds.contains(&kind))
        .count();
    Some(tf(
        lang,
        "blind-pattern",
        &[
            ("n", n.into()),
            ("of", lessons.blind_spots.len().into()),
            ("kind", kind_name(kind, lang).into()),
        ],
    ))
}

/// The waterfall of a case as a table: each piece of evidence, the log-odds it added, and the
/// forecast after it; the first row is the base rate, the last the forecast at `upto`.
pub fn waterfall_table(w: &Waterfall, lang: Lang) -> String {
    let signed = |x: f64| {
        if x.abs() < 0.005 {
            return number(0.0, 2, lang);
        }
        let text = number(x, 2, lang);
        if x > 0.0 { format!("+{text}") } else { text }
    };
    let mut rows: Vec<[String; 5]> = vec![
        [
            t(lang, "waterfall-col-session"),
            t(lang, "waterfall-col-evidence"),
            t(lang, "waterfall-col-contribution"),
            t(lang, "waterfall-col-log-odds"),
            t(lang, "waterfall-col-forecast"),
        ],
        [
            "—".into(),
            t(lang, "waterfall-base-rate"),
            String::new(),
            number(w.start, 2, lang),
            forecast_text(probability(w.start), lang),
        ],
    ];
    for step in &w.steps {
        let evidence = if step.session == 0 {
            t(lang, "waterfall-intake")
        } else {
            t(lang, &format!("waterfall-{}", step.channel.slug()))
        };
        rows.push([
            step.session.to_string(),
            evidence,
            signed(step.contribution),
            number(step.log_odds, 2, lang),
            forecast_text(probability(step.log_odds), lang),
        ]);
    }
    let width = |i: usize| rows.iter().map(|r| r[i].chars().count()).max().unwrap_or(0);
    let ws = [width(0), width(1), width(2), width(3), width(4)];
    let mut out = String::new();
    let align = [
        Align::Right,
        Align::Left,
        Align::Right,
        Align::Right,
        Align::Right,
    ];
    for r in &rows {
        let _ = writeln!(out, "  {}", text_table::row(r, &ws, &align, "  "));
    }
    let _ = writeln!(
        out,
        "{}",
        tf(
            lang,
            "waterfall-sum",
            &[
                ("start", number(w.start, 2, lang).into()),
                ("sum", signed(w.total() - w.start).into()),
                ("total", number(w.total(), 2, lang).into()),
                (
                    "forecast",
                    forecast_text(probability(w.total()), lang).into()
                ),
            ]
        )
    );
    out
}

/// A probability with one decimal in percent (the table shows small moves that whole percent hides).
fn forecast_text(p: f64, lang: Lang) -> String {
    if p < 0.0005 {
        format!("< {} %", number(0.1, 1, lang))
    } else if p > 0.9995 {
        format!("> {} %", number(99.9, 1, lang))
    } else {
        format!("{} %", number(p * 100.0, 1, lang))
    }
}

/// The lessons of a scored run as text, after the report's numbers: the cue weights beside the
/// deserved ones (also over all of `trainee`'s runs in `folder`, when there are two or more), the
/// blind spots, and why the best possible forecast moved in each case.
pub fn lessons_text(
    run: &crate::run::Run,
    bench: &crate::forecast::Benchmarks,
    scores: &crate::debrief::Scores,
    (folder, trainee): (Option<&std::path::Path>, &str),
    lang: Lang,
) -> String {
    let s = run.scenario();
    let ideal = &bench.ideal;
    let lessons = super::lessons(run, bench, scores);
    let mut out = String::new();
    let _ = writeln!(out, "\n{}", t(lang, "report-lens-heading"));
    match &lessons.lens {
        Ok(lens) => {
            out.push_str(&lens_table(lens, lang));
            for line in lens_sentences(lens, lang) {
                let _ = writeln!(out, "{line}");
            }
        }
        Err(e) => {
            let _ = writeln!(
                out,
                "{}",
                tf(lang, "lens-unavailable", &[("why", e.to_string().into())])
            );
        }
    }
    if let Some(folder) = folder {
        let (runs, points) = super::trainee_points(folder, trainee);
        if runs >= 2 {
            let _ = writeln!(
                out,
                "\n{}",
                tf(lang, "report-lens-all-runs", &[("runs", runs.into())])
            );
            match Lens::fit(&points) {
                Ok(lens) => {
                    for line in lens_sentences(&lens, lang) {
                        let _ = writeln!(out, "{line}");
                    }
                }
                Err(e) => {
                    let _ = writeln!(
                        out,
                        "{}",
                        tf(lang, "lens-unavailable", &[("why", e.to_string().into())])
                    );
                }
            }
        }
    }
    let _ = writeln!(out, "\n{}", t(lang, "report-blind-heading"));
    let expected = Some(bench.actuarial());
    out.push_str(&blind_spots_text(
        s,
        ideal,
        expected,
        &lessons,
        |i| run.revealed(i).cloned(),
        lang,
    ));
    let _ = writeln!(out, "\n{}", t(lang, "report-why-heading"));
    for i in 0..run.len() {
        let (Some(case), Some(answers)) = (run.revealed(i), run.answers(i)) else {
            continue;
        };
        let checkpoints: Vec<u32> = answers.forecasts.iter().map(|(cp, _)| *cp).collect();
        let outcome = t(lang, &format!("outcome-{}", case.outcome.slug()));
        let _ = writeln!(
            out,
            "{}",
            tf(
                lang,
                "report-why-case",
                &[("case", (i + 1).into()), ("outcome", outcome.into())]
            )
        );
        for line in case_sentences(s, ideal, expected, case, &checkpoints, lang) {
            let _ = writeln!(out, "  {line}");
        }
    }
    out
}
