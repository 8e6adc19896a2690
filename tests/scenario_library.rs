//! Every bundled scenario loads, has its own course code, reproduces its declared rates on a small
//! simulation, and keeps the ideal forecaster calibrated and ahead of the others where the cases
//! say something. Its qualification targets all get a realised value and a line in the table, and
//! every scenario meets its whole guide (scenarios/README.md has the table at 100 000 cases).
//! (`ontrack check --cases 100000` is the full check; see scenarios/README.md.)

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may fail loudly

use std::collections::BTreeSet;

use ontrack::research::check::{check, check_text};
use ontrack::scenario::{Lang, bundled_ids, resolve};

#[test]
fn every_bundled_scenario_loads_with_its_own_course_code() {
    let ids = bundled_ids();
    assert!(ids.len() >= 8, "{ids:?}");
    let mut prefixes = BTreeSet::new();
    for id in ids {
        let s = resolve(id).unwrap_or_else(|e| panic!("{id}: {e}"));
        assert_eq!(s.file.id, id, "file name and id agree");
        assert!(
            prefixes.insert(s.course_prefix()),
            "{id}: course code {} is taken",
            s.course_prefix()
        );
        assert!(
            s.file.course_code.len() == 4,
            "{id}: declares its course code"
        );
    }
}

fn small_check(id: &str) {
    let s = resolve(id).unwrap();
    let report = check(&s, 4000, 1, &mut |_| {}).unwrap();
    for line in &report.rates {
        assert!(
            line.pass,
            "{id}: {} realised {} outside {}–{}",
            line.name, line.realised, line.ci_low, line.ci_high
        );
    }
    for line in &report.ideal {
        assert!(
            line.calibrated,
            "{id}: ideal not calibrated after session {}",
            line.checkpoint
        );
    }
    // After the last checkpoint the sessions seen say a great deal: the ideal forecaster is best.
    let last = report.ideal.last().unwrap();
    assert!(
        last.best,
        "{id}: ideal not best after session {}",
        last.checkpoint
    );
    targets_are_reported(id, &report);
    for line in &report.targets {
        assert!(line.pass, "{id}: {} fails: {:?}", line.name, line.realised);
    }
}

/// Every scenario declares the targets every population has (alliance–outcome, test–retest,
/// dropout), each target gets a realised value with an interval around it, and the text shows one
/// line per target with its source and verdict, in both languages.
fn targets_are_reported(id: &str, report: &ontrack::research::check::CheckReport) {
    let names: Vec<&str> = report.targets.iter().map(|t| t.name.as_str()).collect();
    for expected in ["alliance_outcome_sessions_1_3", "test_retest", "dropout"] {
        assert!(
            names.contains(&expected),
            "{id}: no {expected} in {names:?}"
        );
    }
    for line in &report.targets {
        let e = line
            .realised
            .unwrap_or_else(|| panic!("{id}: {} has no realised value", line.name));
        assert!(
            e.low <= e.value && e.value <= e.high && e.cases > 0,
            "{id}: {} {e:?}",
            line.name
        );
        assert!(line.band_low <= line.target.value && line.target.value <= line.band_high);
    }
    for (lang, title, verdicts) in [
        (Lang::En, "Qualification targets", ["PASS", "FAIL"]),
        (Lang::Nl, "Kwalificatiedoelen", ["GOED", "FOUT"]),
    ] {
        let text = check_text(report, lang);
        let table: Vec<&str> = text
            .lines()
            .skip_while(|l| !l.starts_with(title))
            .skip(2)
            .take(report.targets.len())
            .collect();
        assert_eq!(table.len(), report.targets.len(), "{id}: {text}");
        for (row, line) in table.iter().zip(&report.targets) {
            let verdict = if line.pass { verdicts[0] } else { verdicts[1] };
            assert!(
                row.contains(&format!("{} (", line.target.source)) && row.ends_with(verdict),
                "{id}: {row:?} for {}",
                line.name
            );
        }
    }
}

macro_rules! small_checks {
    ($($name:ident => $id:literal,)*) => {
        $(
            #[test]
            fn $name() {
                small_check($id);
            }
        )*
    };
}

small_checks! {
    first_lesson => "first-lesson",
    depression_cbt_oq45 => "depression-cbt-oq45",
    depression_psychodynamic => "depression-psychodynamic",
    anxiety_exposure_cbt => "anxiety-exposure-cbt",
    trauma_recovered_memories => "trauma-recovered-memories",
    feedback_not_on_track => "feedback-not-on-track",
    feedback_not_on_track_feedback => "feedback-not-on-track-feedback",
    feedback_not_on_track_cst => "feedback-not-on-track-cst",
    pcoms_ors_srs => "pcoms-ors-srs",
    hello_goodbye_neq => "hello-goodbye-neq",
}

/// The not-on-track scenarios show only clients whom the centre's warning rule, normed on all its
/// clients, flagged yellow or red by session 3; their base rate is that group's, not the population's.
#[test]
fn not_on_track_scenarios_show_only_flagged_clients() {
    use ontrack::forecast::base_rate;
    use ontrack::model::{generate_case, generate_population_case, selection_norm};
    for id in [
        "feedback-not-on-track",
        "feedback-not-on-track-feedback",
        "feedback-not-on-track-cst",
    ] {
        let s = resolve(id).unwrap();
        assert_eq!(s.selected_by, Some(3), "{id}");
        let norm = selection_norm(&s);
        assert!(
            (0.1..0.4).contains(&norm.kept),
            "{id}: keeps {} of the population",
            norm.kept
        );
        let flagged = |scores: &[f64]| norm.warning.flagged_by(&s.rules, scores, 3);
        let population: Vec<bool> = (0..300)
            .map(|i| flagged(&generate_population_case(&s, 9, i).scores))
            .collect();
        assert!(
            population.iter().any(|f| !f),
            "{id}: some clients of the population are on track"
        );
        for i in 0..300 {
            let case = generate_case(&s, 9, i);
            assert!(flagged(&case.scores), "{id}: case {i} was not flagged");
            // A flagged draw of the population is the case itself: the stream starts with it.
            if population[i as usize] {
                assert_eq!(case, generate_population_case(&s, 9, i), "{id}: case {i}");
            }
        }
        // The group deteriorates about three times as often as the whole centre.
        let declared = s.file.deterioration_rate.value;
        assert!(
            base_rate(&s) > 2.0 * declared,
            "{id}: base rate {} against the population's {declared}",
            base_rate(&s)
        );
    }
}

/// The qualification at full size, as `ontrack check ID --cases 100000` runs it: every target of
/// every bundled scenario passes, and so does its drift spotting line (CI runs it with `--ignored`;
/// it takes minutes). The rate lines are left to the small checks above: each is a family-wise test
/// per scenario at 0.25 % (`check::FAMILY_ERROR`), so that across ten scenarios the rate lines and
/// targets together fail by chance in at most one seed in twenty (scenarios/README.md).
#[test]
#[ignore = "full size: minutes; CI runs it"]
fn every_target_passes_at_full_size() {
    let mut failed = Vec::new();
    for id in bundled_ids() {
        let s = resolve(id).unwrap();
        let report = check(&s, 100_000, 1, &mut |_| {}).unwrap();
        for line in report.targets.iter().filter(|l| !l.pass) {
            failed.push(format!("{id}: {} {:?}", line.name, line.realised));
        }
        // The surface scanner at most 60 % of the ideal drift observer's d′, and the ideal
        // observer's d′ at the first drift session inside the scenario's declared band.
        match &report.drift_spotting {
            Some(d) if d.band.is_some() && d.pass => {}
            other => failed.push(format!("{id}: drift spotting {other:?}")),
        }
    }
    assert!(failed.is_empty(), "{failed:#?}");
}

/// Every bundled event says what it does: a score shift, an alliance drop, rates that differ by
/// course, or a source for having no lasting effect (issue 26: harm signs that change nothing teach
/// a trainee to shrug at them).
#[test]
fn every_bundled_event_declares_its_consequence() {
    for id in bundled_ids() {
        let s = resolve(id).unwrap();
        for e in &s.file.events {
            let declared = e.score_shift.is_some()
                || e.alliance_drop.is_some()
                || e.course_rates.is_some()
                || e.no_lasting_effect.is_some();
            assert!(declared, "{id}: event {} declares no consequence", e.key);
            // Harm done by the treatment is never without consequence.
            if ontrack::research::event_outcomes::is_harm(e.linden) {
                assert!(
                    e.no_lasting_effect.is_none(),
                    "{id}: harm event {} has no effect",
                    e.key
                );
            }
        }
    }
}

/// Harm signs go with harm, on 100 000 clients of every bundled scenario (issue 26, item 1): of the
/// clients with a suicidal crisis at most 10 % end recovered, and clients with a reaction to
/// incorrect treatment or a violation recover at most 0.6 times as often as the others and
/// deteriorate at least twice as often. The measured figures are in scenarios/README.md.
#[test]
#[ignore = "full size: 100 000 clients per scenario"]
fn harm_signs_go_with_harm_at_full_size() {
    use ontrack::model::generate_case;
    use ontrack::research::event_outcomes::EventOutcomes;
    let mut failed = Vec::new();
    for id in bundled_ids() {
        let s = resolve(id).unwrap();
        let mut tally = EventOutcomes::default();
        for i in 0..100_000 {
            tally.add(&s, &generate_case(&s, 1, i));
        }
        for line in tally.lines(&s) {
            if line.key.contains("suicid") {
                assert!(line.with.clients >= 500, "{id}: {line:?}");
                if line.with.recovered > 0.10 {
                    failed.push(format!("{id}: {line:?}"));
                }
            }
        }
        let Some(h) = tally.harm(&s) else { continue };
        if !(h.recovery_ratio <= 0.6 && h.deterioration_ratio >= 2.0) {
            failed.push(format!("{id}: {h:?}"));
        }
    }
    assert!(failed.is_empty(), "{failed:#?}");
}

/// An event that comes back in a case reads differently (issue 26: 6–10 % of cases repeated an event
/// word for word): each bundled event that can recur has a second wording, and a later occurrence
/// takes the next one. At most one case in a hundred shows the same event text twice: an event that
/// happens more often than it has wordings (two, three for the events that recur most, ten for
/// `first-lesson`'s "nothing changes at home"; before, 10 % of the cases of `depression-cbt-oq45`).
#[test]
fn events_that_recur_are_not_repeated_word_for_word() {
    use ontrack::model::generate_case;
    use ontrack::model::notes::render_event;
    for id in bundled_ids() {
        let s = resolve(id).unwrap();
        for e in s.file.events.iter().filter(|e| !e.once) {
            assert!(!e.text_also.is_empty(), "{id}: {} has one wording", e.key);
        }
        let n = 4000;
        let repeated = (0..n)
            .filter(|&i| {
                let case = generate_case(&s, 1, i);
                let texts: Vec<String> = case
                    .events
                    .iter()
                    .map(|e| render_event(&s, e, Lang::En))
                    .collect();
                let unique: BTreeSet<&String> = texts.iter().collect();
                unique.len() < texts.len()
            })
            .count();
        assert!(
            repeated as f64 / n as f64 <= 0.01,
            "{id}: {repeated} of {n} cases repeat an event text"
        );
    }
}

/// Scores a real respondent gives (issue 26, item 2), on 20 000 clients of every bundled scenario:
/// no OQ-45 total below 5 and at most 1 score in 1 000 at or below 10 (1 in 93 when the scale was
/// clamped); ORS totals of 40 in at most 1 % of the clients (3.1 % when clamped).
#[test]
fn totals_stay_where_real_respondents_put_them() {
    use ontrack::model::generate;
    for id in bundled_ids() {
        let s = resolve(id).unwrap();
        let m = &s.file.measure;
        let cases = generate(&s, 1, 20_000);
        let scores: Vec<f64> = cases
            .iter()
            .flat_map(|c| c.scores.iter().copied())
            .collect();
        match m.name.as_str() {
            "OQ-45.2" => {
                let lowest = scores.iter().copied().fold(f64::INFINITY, f64::min);
                assert!(lowest >= 5.0, "{id}: a total of {lowest}");
                let low = scores.iter().filter(|&&y| y <= 10.0).count();
                assert!(
                    low * 1000 <= scores.len(),
                    "{id}: {low} of {} totals at or below 10",
                    scores.len()
                );
            }
            "ORS" => {
                let at_ceiling = cases
                    .iter()
                    .filter(|c| c.scores.iter().any(|&y| y >= 40.0))
                    .count();
                assert!(
                    at_ceiling * 100 <= cases.len(),
                    "{id}: {at_ceiling} of {} clients reach 40",
                    cases.len()
                );
            }
            other => panic!("{id}: no bound declared for the measure {other}"),
        }
    }
}
