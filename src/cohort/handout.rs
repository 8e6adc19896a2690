//! The instruction sheet a trainer prints for a course: the course code in large type and the steps
//! a trainee follows, in Dutch or English, as a self-contained HTML page (any browser prints it).

use crate::i18n::{t, tf};
use crate::model::{Outcome, generate};
use crate::run::code::MAX_SEED;
use crate::scenario::{Lang, Scenario};

/// How many clients of a course (a scenario and seed) deteriorate. With a 7 % rate and 12 cases
/// about 40 % of courses have none, and then forecasting 1 % beats even the ideal forecaster: such a
/// course cannot teach what the exercise is about.
pub fn deteriorating(scenario: &Scenario, seed: u64) -> usize {
    generate(scenario, seed, scenario.file.cases_per_run as usize)
        .iter()
        .filter(|c| c.outcome == Outcome::Deteriorated)
        .count()
}

/// The cases of a course (0 is the first) whose client stops coming before the last checkpoint:
/// they have fewer forecasts, none asked after the client's last session.
pub fn stopped_early(scenario: &Scenario, seed: u64) -> Vec<usize> {
    generate(scenario, seed, scenario.file.cases_per_run as usize)
        .iter()
        .enumerate()
        .filter(|(_, c)| crate::run::machine::stopped_after(scenario, c).is_some())
        .map(|(i, _)| i)
        .collect()
}

/// Seeds tried by [`teaching_seed`] before giving up (with a 7 % rate and 12 cases, 200 courses in a
/// row without a deteriorating client happen with probability 0.4²⁰⁰).
const TRIES: u64 = 200;

/// The first seed from `start` on (wrapping at the largest seed a course code carries) whose cases
/// include a client who deteriorates; `None` when a scenario hardly ever has one.
pub fn teaching_seed(scenario: &Scenario, start: u64) -> Option<u64> {
    (0..TRIES)
        .map(|k| (start + k) % (MAX_SEED + 1))
        .find(|&seed| deteriorating(scenario, seed) > 0)
}

/// Escapes text for HTML.
fn esc(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The sheet for `code` (a course code of `scenario`), in `lang`.
pub fn handout_html(scenario: &Scenario, code: &str, lang: Lang) -> String {
    let f = &scenario.file;
    let title = esc(f.title.get(lang));
    let code_html = esc(code);
    let heading = t(lang, "sheet-heading");
    let steps = [
        t(lang, "sheet-step-1"),
        t(lang, "sheet-step-2"),
        tf(lang, "sheet-step-3", &[("code", code_html.clone().into())]),
        t(lang, "sheet-step-4"),
        t(lang, "sheet-step-5"),
    ];
    let about = tf(
        lang,
        "sheet-about",
        &[
            ("cases", f.cases_per_run.into()),
            ("sessions", f.sessions.into()),
            ("measure", esc(&f.measure.name).into()),
            ("minutes", f.minutes.into()),
        ],
    );
    let mix = t(lang, "sheet-mix");
    let needed = crate::research::ranking_study::cases_needed(scenario);
    let at_most = |n: Option<usize>| {
        n.map_or_else(
            || t(lang, "sheet-trainer-more"),
            |n| tf(lang, "sheet-trainer-cases", &[("n", n.into())]),
        )
    };
    let trainer = tf(
        lang,
        "sheet-trainer",
        &[
            ("cases", f.cases_per_run.into()),
            (
                "judgement_r",
                crate::debrief::show::number(needed.at_course.judgement_retest, 2, lang).into(),
            ),
            (
                "brier_r",
                crate::debrief::show::number(needed.at_course.brier_retest, 2, lang).into(),
            ),
            ("judgement_cases", at_most(needed.judgement).into()),
            ("brier_cases", at_most(needed.brier).into()),
        ],
    );
    let items: String = steps.iter().map(|s| format!("<li>{s}</li>\n")).collect();
    let lang_tag = match lang {
        Lang::Nl => "nl",
        Lang::En => "en",
    };
    format!(
        r#"<!DOCTYPE html>
<html lang="{lang_tag}">
<head><meta charset="utf-8"><title>OnTrack — {code}</title>
<style>
body {{ font-family: sans-serif; max-width: 42em; margin: 2em auto; line-height: 1.5; }}
.code {{ font-size: 4em; font-weight: bold; letter-spacing: 0.1em; text-align: center; border: 3px solid black; padding: 0.3em; margin: 0.5em 0; }}
li {{ margin-bottom: 0.6em; }}
</style></head>
<body>
<h1>{heading}</h1>
<h2>{title}</h2>
<div class="code">{code}</div>
<p>{about}</p>
<p>{mix}</p>
<ol>
{items}</ol>
<p><small>{trainer}</small></p>
</body></html>
"#,
        code = code_html,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::resolve;

    #[test]
    fn the_sheet_carries_the_code_and_the_steps_in_both_languages() {
        let s = resolve("depression-cbt-oq45").expect("bundled");
        let nl = handout_html(&s, "DCBT-0Z89", Lang::Nl);
        assert!(nl.contains(r#"<div class="code">DCBT-0Z89</div>"#));
        assert!(nl.contains("cursuscode <b>DCBT-0Z89</b>"));
        assert!(nl.contains("12 cliënten, 16 sessies"));
        let en = handout_html(&s, "DCBT-0Z89", Lang::En);
        assert!(en.contains("course code <b>DCBT-0Z89</b>"));
        assert!(en.starts_with("<!DOCTYPE html>\n<html lang=\"en\">"));
    }

    #[test]
    fn about_forty_percent_of_courses_have_no_deteriorating_client_and_pick_one_avoids_them() {
        let s = resolve("first-lesson").expect("bundled");
        // A course without one (the issue's was seed 3; since the scenario's id keys the case
        // streams, seed 3 of this scenario draws other clients): the first such seed.
        let empty = (1..100)
            .find(|&seed| deteriorating(&s, seed) == 0)
            .expect("about 40 % of courses have none");
        let picked = teaching_seed(&s, empty).expect("a seed");
        assert!(picked > empty && deteriorating(&s, picked) > 0);
        // Cases are independent: with 12 cases at 7.3 % (the reference scenario), (1 − 0.073)¹² =
        // 0.402 of courses have none; over 1 000 seeds the share lies within 3 standard errors
        // (0.016 each) of that.
        let reference = resolve("depression-cbt-oq45").expect("bundled");
        assert_eq!(reference.file.cases_per_run, 12);
        let none = (0..1000)
            .filter(|&seed| deteriorating(&reference, seed) == 0)
            .count();
        let share = none as f64 / 1000.0;
        let expected = (1.0 - 0.073_f64).powi(12);
        assert!((expected - 0.402).abs() < 0.001);
        assert!((share - expected).abs() < 0.048, "{share} vs {expected}");
        // Wrapping at the largest seed.
        assert!(teaching_seed(&s, MAX_SEED).is_some_and(|seed| seed <= MAX_SEED));
    }

    #[test]
    fn the_sheet_says_nothing_about_the_mix_is_guaranteed() {
        let s = resolve("first-lesson").expect("bundled");
        assert!(
            handout_html(&s, "FRST-0034", Lang::En).contains("nothing about the mix is guaranteed")
        );
        assert!(
            handout_html(&s, "FRST-0034", Lang::Nl).contains("niets aan die mix is gegarandeerd")
        );
    }

    #[test]
    fn the_sheet_says_how_many_clients_a_reliable_ranking_needs() {
        let s = resolve("depression-cbt-oq45").expect("bundled");
        let en = handout_html(&s, "DCBT-0001", Lang::En);
        assert!(en.contains("A reliable ranking (r ≥ 0.70) needs"), "{en}");
        let needed = crate::research::ranking_study::cases_needed(&s);
        // The judgement cost needs fewer clients than the Brier score, and the course's 12 are
        // enough for it (the study's figures are in the README).
        assert_eq!(needed.judgement, Some(12), "{needed:?}");
        assert!(needed.brier.is_none_or(|n| n > 12), "{needed:?}");
        let nl = handout_html(&s, "DCBT-0001", Lang::Nl);
        assert!(
            nl.contains("Een betrouwbare rangorde (r ≥ 0,70) vraagt 12 cliënten per deelnemer"),
            "{nl}"
        );
    }

    #[test]
    fn text_is_escaped() {
        assert_eq!(esc("<a & \"b\">"), "&lt;a &amp; &quot;b&quot;&gt;");
    }
}
