//! One plain sentence per checkpoint on why the best possible forecast moved since the last one,
//! from the largest contributions of its [`Waterfall`].

use serde::Serialize;

use super::waterfall::{Waterfall, probability};
use crate::forecast::Actuarial;
use crate::i18n::{t, tf};
use crate::model::{Case, Channel};
use crate::scenario::{Lang, Scenario};

/// A contribution smaller than this (in log-odds) is not worth a clause of its own: it moves a 50 %
/// forecast by less than 2.5 percentage points.
pub const NOTABLE: f64 = 0.1;

/// What a contribution is credited to in a sentence: the intake score, or one channel over the
/// sessions since the last checkpoint.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Evidence {
    Intake,
    Channel(Channel),
}

/// The summed contribution of one kind of evidence between two checkpoints.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Move {
    pub evidence: Evidence,
    /// Log-odds it added (positive = towards deterioration).
    pub contribution: f64,
}

/// Why the best possible forecast moved from the previous checkpoint (or the base rate) to this one.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CheckpointWhy {
    pub checkpoint: u32,
    /// The previous checkpoint, `None` for the first (then `from` is the base rate).
    pub since: Option<u32>,
    /// The forecast before and after, as probabilities.
    pub from: f64,
    pub to: f64,
    /// Every kind of evidence seen in between, the largest (in absolute log-odds) first; they add up
    /// to log-odds(to) − log-odds(from) exactly.
    pub moves: Vec<Move>,
}

/// The explanation of one case at each of `checkpoints` (ascending), from its waterfall up to the
/// last of them.
pub fn explain(w: &Waterfall, checkpoints: &[u32]) -> Vec<CheckpointWhy> {
    let mut out = Vec::with_capacity(checkpoints.len());
    let mut since: Option<u32> = None;
    for &cp in checkpoints {
        let from = since.map_or(w.start, |s| w.log_odds_at(s));
        let to = w.log_odds_at(cp);
        let first = since.map_or(0, |s| s + 1);
        let mut moves = Vec::new();
        if since.is_none() {
            moves.push(Move {
                evidence: Evidence::Intake,
                contribution: w.channel_sum(Channel::Scores, 0, 0),
            });
        }
        if cp >= first.max(1) {
            for channel in Channel::ALL {
                moves.push(Move {
                    evidence: Evidence::Channel(channel),
                    contribution: w.channel_sum(channel, first.max(1), cp),
                });
            }
        }
        moves.sort_by(|a, b| b.contribution.abs().total_cmp(&a.contribution.abs()));
        out.push(CheckpointWhy {
            checkpoint: cp,
            since,
            from: probability(from),
            to: probability(to),
            moves,
        });
        since = Some(cp);
    }
    out
}

/// A forecast as people read it: whole percent, 1 to 99 (as forecasts are given).
pub fn percent(p: f64) -> String {
    format!("{} %", (p * 100.0).round().clamp(1.0, 99.0))
}

/// The sentence for one checkpoint of `case`, in `lang`: how far the forecast moved, the evidence
/// that moved it most in that direction, and the largest push the other way if it is notable. With
/// the normed early-warning rule, the scores are set beside where clients with the same intake
/// score usually are by then (its expected course), which is what makes a change mean something.
pub fn sentence(
    s: &Scenario,
    case: &Case,
    why: &CheckpointWhy,
    expected: Option<&Actuarial>,
    lang: Lang,
) -> String {
    let (from, to) = (percent(why.from), percent(why.to));
    let total: f64 = why.moves.iter().map(|m| m.contribution).sum();
    let moved = from != to;
    let lead = match (why.checkpoint == 0, moved) {
        (true, _) => tf(
            lang,
            "explain-intake",
            &[("to", to.into()), ("from", from.into())],
        ),
        (false, true) => tf(
            lang,
            "explain-moved",
            &[
                ("session", why.checkpoint.into()),
                ("direction", if total > 0.0 { "up" } else { "down" }.into()),
                ("from", from.into()),
                ("to", to.into()),
            ],
        ),
        (false, false) => tf(
            lang,
            "explain-same",
            &[("session", why.checkpoint.into()), ("to", to.into())],
        ),
    };
    let phrase = |m: &Move| evidence_phrase(s, case, m.evidence, why.checkpoint, expected, lang);
    // The largest move in the direction of the change, and the largest against it.
    let with = why
        .moves
        .iter()
        .find(|m| m.contribution.abs() >= NOTABLE && (m.contribution > 0.0) == (total > 0.0));
    let against = why
        .moves
        .iter()
        .find(|m| m.contribution.abs() >= NOTABLE && (m.contribution > 0.0) != (total > 0.0));
    let mut text = lead;
    if let Some(m) = with.filter(|_| moved) {
        text.push_str(&tf(
            lang,
            "explain-because",
            &[("evidence", phrase(m).into())],
        ));
    }
    for m in [with.filter(|_| !moved), against].into_iter().flatten() {
        let little =
            with.is_some_and(|w| moved && m.contribution.abs() < 0.5 * w.contribution.abs());
        let key = match (m.contribution > 0.0, little) {
            (true, true) => "explain-up-little",
            (true, false) => "explain-up",
            (false, true) => "explain-down-little",
            (false, false) => "explain-down",
        };
        text.push_str(&tf(lang, key, &[("evidence", phrase(m).into())]));
    }
    text.push_str(&t(lang, "explain-end"));
    text
}

/// "12 points" in `lang` (a difference of scores, to one decimal).
fn points(x: f64, lang: Lang) -> String {
    let x = (x.abs() * 10.0).round() / 10.0;
    let key = if x == 1.0 {
        "explain-point"
    } else {
        "explain-points"
    };
    tf(
        lang,
        key,
        &[("n", crate::debrief::show::decimal(x, lang).into())],
    )
}

/// The evidence in words, with what was seen of it by session `upto`.
fn evidence_phrase(
    s: &Scenario,
    case: &Case,
    evidence: Evidence,
    upto: u32,
    expected: Option<&Actuarial>,
    lang: Lang,
) -> String {
    let v = case.visible(upto);
    let number = |x: f64| crate::debrief::show::decimal((x * 10.0).round() / 10.0, lang);
    // Higher, lower or the same, by at least half a step of the measure.
    let direction = |change: f64| {
        if change.abs() < 0.5 * s.rules.step {
            "same"
        } else if change > 0.0 {
            "higher"
        } else {
            "lower"
        }
    };
    match evidence {
        Evidence::Intake => tf(
            lang,
            "explain-ev-intake",
            &[("score", number(case.intake()).into())],
        ),
        Evidence::Channel(Channel::Scores) => {
            let scores = v.scores();
            let intake = scores.first().copied().unwrap_or(f64::NAN);
            let now = scores.last().copied().unwrap_or(intake);
            let change = now - intake;
            let usual = expected
                .and_then(|a| a.expected_band(intake, scores.len().saturating_sub(1)))
                .map_or(String::new(), |(mid, _, _)| {
                    let usual = mid - intake;
                    tf(
                        lang,
                        &format!("explain-usually-{}", direction(usual)),
                        &[("points", points(usual, lang).into())],
                    )
                });
            tf(
                lang,
                &format!("explain-ev-scores-{}", direction(change)),
                &[
                    ("points", points(change, lang).into()),
                    ("now", number(now).into()),
                    ("usually", usual.into()),
                ],
            )
        }
        Evidence::Channel(Channel::Alliance) => {
            let a = v.alliance();
            let mean = a.iter().sum::<f64>() / a.len().max(1) as f64;
            tf(
                lang,
                "explain-ev-alliance",
                &[
                    ("mean", number(mean).into()),
                    ("max", number(s.file.alliance.max).into()),
                ],
            )
        }
        Evidence::Channel(Channel::Notes) => {
            let notes = v.notes();
            let off = notes
                .iter()
                .filter(|n| super::cues::off_protocol(n))
                .count();
            tf(
                lang,
                "explain-ev-notes",
                &[("n", off.into()), ("total", notes.len().into())],
            )
        }
        Evidence::Channel(Channel::Events) => tf(
            lang,
            "explain-ev-events",
            &[("n", v.events().count().into())],
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::forecast::Ideal;
    use crate::model::generate_case;
    use crate::scenario::resolve;
    use crate::teach::waterfall::{EPSILON, log_odds};

    #[test]
    fn the_moves_between_checkpoints_add_up_to_the_change() {
        let s = resolve("depression-cbt-oq45").expect("bundled");
        let ideal = Ideal::new(&s);
        let cps = s.file.checkpoints.clone();
        for index in 0..5 {
            let case = generate_case(&s, 5, index);
            let last = *cps.last().expect("checkpoints");
            let w = Waterfall::of(&s, &ideal, &case, last);
            for why in explain(&w, &cps) {
                let sum: f64 = why.moves.iter().map(|m| m.contribution).sum();
                let change = log_odds(why.to) - log_odds(why.from);
                assert!(
                    (sum - change).abs() < 1e-9,
                    "case {index} at {}",
                    why.checkpoint
                );
                let shown = ideal.forecast(&s, &case.visible(why.checkpoint));
                // The waterfall clamps forecasts to [ε, 1 − ε] (its module notes): a case whose
                // best forecast is below 10⁻⁶ (seed 5, case 1 at session 3: 9.8·10⁻⁸) ends at ε.
                let shown = shown.clamp(EPSILON, 1.0 - EPSILON);
                assert!((why.to - shown).abs() < 1e-9);
            }
        }
    }

    /// A hand-made move: the scores pushed the forecast from 7 % to 58 %, the alliance pulled it a
    /// little down, the sentence says so in both languages.
    #[test]
    fn the_sentence_names_the_largest_push_and_the_pull_against_it() {
        let s = resolve("depression-cbt-oq45").expect("bundled");
        let mut case = generate_case(&s, 5, 0);
        case.scores[0] = 80.0;
        case.scores[3] = 92.0;
        let why = CheckpointWhy {
            checkpoint: 3,
            since: Some(1),
            from: 0.07,
            to: 0.58,
            moves: vec![
                Move {
                    evidence: Evidence::Channel(Channel::Scores),
                    contribution: 3.0,
                },
                Move {
                    evidence: Evidence::Channel(Channel::Alliance),
                    contribution: -0.4,
                },
                Move {
                    evidence: Evidence::Channel(Channel::Notes),
                    contribution: 0.02,
                },
            ],
        };
        let en = sentence(&s, &case, &why, None, Lang::En);
        assert!(
            en.starts_with("By session 3 the best possible forecast rose from 7 % to 58 %, mostly because of the scores (12 points higher than at intake"),
            "{en}"
        );
        assert!(en.contains("pulled it down a little"), "{en}");
        assert!(
            !en.contains("notes"),
            "a negligible move is not named: {en}"
        );
        let nl = sentence(&s, &case, &why, None, Lang::Nl);
        assert!(
            nl.starts_with("Na sessie 3 steeg de best mogelijke voorspelling van 7 % naar 58 %"),
            "{nl}"
        );
    }
}
