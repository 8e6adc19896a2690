//! Session notes as a clinician reads them: each element in its phase, homework reviewed only after
//! it was set, ordinary omissions with their reason, off-protocol work only where the hidden truth
//! has it, no sentence that contradicts another, several wordings that say nothing of drift, and a
//! surface reading of the notes well short of the ideal drift observer.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may fail loudly

use ontrack::forecast::Ideal;
use ontrack::model::notes::render_note;
use ontrack::model::{Case, generate_case};
use ontrack::research::drift_spotting::{DriftSpotting, SCANNER_SHARE_MAX};
use ontrack::scenario::{Lang, Scenario, bundled_ids, resolve};

fn cases(s: &Scenario, n: u64) -> Vec<Case> {
    (0..n).map(|i| generate_case(s, 3, i)).collect()
}

/// The texts a scenario has for an element, in both languages.
fn element_texts(s: &Scenario, i: usize) -> Vec<String> {
    let e = &s.file.protocol.elements[i];
    let mut all = vec![&e.delivered, &e.omitted];
    all.extend(&e.delivered_also);
    all.extend(&e.omitted_also);
    all.extend(e.excused.iter().flat_map(|x| &x.reasons));
    all.iter()
        .flat_map(|t| [t.nl.clone(), t.en.clone()])
        .collect()
}

#[test]
fn phases_and_follow_up_hold_in_every_bundled_scenario() {
    for id in bundled_ids() {
        let s = resolve(id).unwrap();
        let elements = &s.elements;
        for case in cases(&s, 300) {
            for (t0, note) in case.notes.iter().enumerate() {
                let t = t0 as u32 + 1;
                let previous = t0.checked_sub(1).and_then(|i| case.notes.get(i));
                for (i, e) in elements.iter().enumerate() {
                    let in_phase = e.window.is_none_or(|w| w.holds(t));
                    let followed = e
                        .follows
                        .is_none_or(|p| previous.is_some_and(|n| n.delivered[p]));
                    assert_eq!(
                        note.is_due(i),
                        in_phase && followed,
                        "{id} case {} session {t} element {i}",
                        case.index
                    );
                    assert!(
                        !note.delivered[i] || note.is_due(i),
                        "{id}: delivered while not called for"
                    );
                    assert!(
                        !note.is_excused(i) || (note.is_due(i) && !note.delivered[i]),
                        "{id}: excused and delivered"
                    );
                    assert_eq!(
                        note.done.get(i).copied().flatten().is_some(),
                        note.delivered[i] && e.done.is_some(),
                        "{id}: homework done only where reviewed"
                    );
                    // Nothing the note says of an element it did not call for, and homework is
                    // never reviewed in the first session.
                    if !note.is_due(i) {
                        let text = render_note(&s, note, t as usize, &case.scores, Lang::En);
                        let nl = render_note(&s, note, t as usize, &case.scores, Lang::Nl);
                        for sentence in element_texts(&s, i) {
                            assert!(
                                !text.contains(&sentence) && !nl.contains(&sentence),
                                "{id} session {t}: {sentence:?} in {text:?}"
                            );
                        }
                    }
                }
            }
            if let Some(first) = case.notes.first() {
                for (i, e) in elements.iter().enumerate() {
                    if e.follows.is_some() {
                        assert!(
                            !first.is_due(i),
                            "{id}: something to follow up in session 1"
                        );
                    }
                }
            }
        }
    }
}

#[test]
fn homework_set_is_reviewed_next_time_and_none_set_is_none_to_review() {
    let s = resolve("depression-cbt-oq45").unwrap();
    let key = |k: &str| {
        s.file
            .protocol
            .elements
            .iter()
            .position(|e| e.key == k)
            .unwrap()
    };
    let (set, review) = (key("homework-set"), key("homework-review"));
    let nothing = &s.file.protocol.elements[review].nothing_to_follow[0].en;
    let (mut after_none, mut after_set) = (0, 0);
    for case in cases(&s, 400) {
        for t in 1..case.notes.len() {
            let text = render_note(&s, &case.notes[t], t + 1, &case.scores, Lang::En);
            if case.notes[t - 1].delivered[set] {
                after_set += 1;
                assert!(!text.contains(nothing.as_str()), "{text}");
            } else {
                after_none += 1;
                assert!(
                    text.contains(nothing.as_str()),
                    "no homework was set, yet: {text}"
                );
                assert!(!case.notes[t].delivered[review]);
            }
        }
    }
    assert!(
        after_none > 50 && after_set > 1000,
        "{after_none} {after_set}"
    );
}

#[test]
fn no_suggestive_memory_work_without_drift() {
    let s = resolve("trauma-recovered-memories").unwrap();
    let suggestive: Vec<usize> = [
        "probing",
        "guided-imagery",
        "body-memories",
        "symptoms-as-proof",
        "confrontation",
    ]
    .iter()
    .map(|k| {
        s.file
            .protocol
            .off_protocol
            .iter()
            .position(|o| o.key == *k)
            .unwrap()
    })
    .collect();
    let mut drift_sessions_with_it = 0;
    for case in cases(&s, 3000) {
        for (t0, note) in case.notes.iter().enumerate() {
            let drifting = case.hidden.drift.is_some_and(|d| t0 as u32 + 1 >= d.onset);
            let named = suggestive.iter().any(|&j| note.off_protocol[j]);
            assert!(
                drifting || !named,
                "case {} session {}: suggestive work under no drift",
                case.index,
                t0 + 1
            );
            if !drifting {
                let text = render_note(&s, note, t0 + 1, &case.scores, Lang::En);
                assert!(!text.contains("repressed"), "{text}");
            }
            drift_sessions_with_it += usize::from(named);
        }
    }
    assert!(
        drift_sessions_with_it > 100,
        "drift still shows it: {drift_sessions_with_it}"
    );
}

#[test]
fn no_note_says_an_element_was_done_beside_what_left_no_room_for_it() {
    for (id, activity, element) in [
        (
            "feedback-not-on-track-cst",
            "more-of-the-same",
            "support-tools",
        ),
        ("anxiety-exposure-cbt", "reassurance", "exposure"),
    ] {
        let s = resolve(id).unwrap();
        let a = s
            .file
            .protocol
            .off_protocol
            .iter()
            .position(|o| o.key == activity)
            .unwrap();
        let e = s
            .file
            .protocol
            .elements
            .iter()
            .position(|x| x.key == element)
            .unwrap();
        let mut seen = 0;
        for case in cases(&s, 2000) {
            for note in &case.notes {
                if note.off_protocol[a] {
                    seen += 1;
                    assert!(!note.delivered[e], "{id}: {activity} beside {element}");
                }
            }
        }
        assert!(seen > 20, "{id}: {activity} happens ({seen})");
    }
}

#[test]
fn no_menu_text_in_any_note() {
    for id in bundled_ids() {
        let s = resolve(id).unwrap();
        for case in cases(&s, 100) {
            for (t0, note) in case.notes.iter().enumerate() {
                for lang in [Lang::En, Lang::Nl] {
                    let text = render_note(&s, note, t0 + 1, &case.scores, lang);
                    assert!(
                        !text.contains(" or activity schedule")
                            && !text.contains(" of activiteitenplanning"),
                        "{id}: {text}"
                    );
                }
            }
        }
    }
}

/// Which of an element's delivered wordings a note used (the longest that occurs, since one
/// wording may begin another).
fn wording_used(s: &Scenario, note_text: &str, element: usize) -> Option<usize> {
    let e = &s.file.protocol.elements[element];
    std::iter::once(&e.delivered)
        .chain(&e.delivered_also)
        .enumerate()
        .filter(|(_, t)| note_text.contains(t.en.as_str()))
        .max_by_key(|(_, t)| t.en.len())
        .map(|(i, _)| i)
}

/// The wording of a sentence is drawn independently of the hidden state, so it tells nothing of
/// drift beyond the structured note: among sessions that delivered an element, each wording is as
/// common in drift sessions as in the others (χ² test of homogeneity, 2 degrees of freedom for three
/// wordings; 13.8 is its 0.1 % point). The ideal drift observer, which weighs the structured note
/// only, then stays exact.
#[test]
fn wording_is_independent_of_drift_given_the_note() {
    let s = resolve("depression-cbt-oq45").unwrap();
    let set = s
        .file
        .protocol
        .elements
        .iter()
        .position(|e| e.key == "homework-set")
        .unwrap();
    let wordings = 1 + s.file.protocol.elements[set].delivered_also.len();
    assert_eq!(wordings, 3);
    let mut counts = vec![[0.0_f64; 2]; wordings];
    for case in cases(&s, 4000) {
        for (t0, note) in case.notes.iter().enumerate() {
            if !note.delivered[set] {
                continue;
            }
            let drifting = case.hidden.drift.is_some_and(|d| t0 as u32 + 1 >= d.onset);
            let text = render_note(&s, note, t0 + 1, &case.scores, Lang::En);
            let w =
                wording_used(&s, &text, set).expect("a delivered setting of homework is worded");
            counts[w][usize::from(drifting)] += 1.0;
        }
    }
    let column: Vec<f64> = (0..2).map(|c| counts.iter().map(|r| r[c]).sum()).collect();
    let total: f64 = column.iter().sum();
    let mut chi2 = 0.0;
    for row in &counts {
        let row_total: f64 = row.iter().sum();
        assert!(
            row_total > 0.2 * total / wordings as f64,
            "every wording is used: {counts:?}"
        );
        for (c, &observed) in row.iter().enumerate() {
            let expected = row_total * column[c] / total;
            chi2 += (observed - expected).powi(2) / expected;
        }
    }
    assert!(column[1] > 1000.0, "enough drift sessions: {column:?}");
    assert!(
        chi2 < 13.8,
        "wording depends on drift: χ² = {chi2}, {counts:?}"
    );
}

/// A trainee who flags every note that lacks an element or names an off-protocol activity reaches
/// at most 60 % of the ideal drift observer's d′, and the ideal observer's d′ at the first drift
/// session lies in the band the scenario declares (a quick run on one scenario; the ignored test of
/// `scenario_library` holds it for every bundled one at full size).
#[test]
fn a_surface_reading_of_the_notes_stays_well_short_of_the_ideal_observer() {
    let s = resolve("depression-cbt-oq45").unwrap();
    let ideal = Ideal::new(&s);
    let mut spotting = DriftSpotting::default();
    for case in cases(&s, 2000) {
        spotting.add(&s, &ideal, &case);
    }
    let line = spotting.line(&s).expect("drift and no drift");
    assert!(
        line.scanner_d_prime <= SCANNER_SHARE_MAX * line.ideal_d_prime,
        "{line:?}"
    );
    let (lo, hi) = line.band.expect("declared");
    assert!(
        lo <= line.ideal_at_onset && line.ideal_at_onset <= hi,
        "{line:?}"
    );
    assert!(line.pass);
}

/// The ideal drift observer is exact: cases of a tiny scenario with stated reasons, homework done
/// and a ramp of two sessions, grouped by what is seen after session 1 (the structured note and the
/// events), have drifted by then as often as the observer says (χ² over the frequent groups, each
/// within its binomial spread; the 0.1 % point of χ² with that many degrees of freedom bounds it).
#[test]
fn the_ideal_drift_observer_matches_the_share_of_cases_that_drifted() {
    use std::collections::HashMap;
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/scenarios/tiny.ron");
    let mut text = std::fs::read_to_string(path).unwrap();
    for (a, b) in [
        (
            "omitted: (nl: \"Geen huiswerk.\", en: \"No homework.\")),",
            "omitted: (nl: \"Geen huiswerk.\", en: \"No homework.\"),\n             excused: Some((probability: 0.15, reasons: [(nl: \"Ziek.\", en: \"Ill.\")], source: \"choice\")),\n             client: Some((done_before_drift: 0.8, done_after_onset: 0.2, done: [(nl: \"Gedaan.\", en: \"Done.\")], not_done: [(nl: \"Niet gedaan.\", en: \"Not done.\")], source: \"choice\"))),",
        ),
        (
            "onset: Uniform(first: 1, last: 2),",
            "onset: Uniform(first: 1, last: 2), ramp: Some(2),",
        ),
    ] {
        assert_eq!(text.matches(a).count(), 1, "{a}");
        text = text.replace(a, b);
    }
    let s = ontrack::scenario::parse("tiny-notes", &text).unwrap();
    let ideal = Ideal::new(&s);
    let mut groups: HashMap<String, (f64, f64, f64)> = HashMap::new();
    for i in 0..300_000 {
        let c = generate_case(&s, 77, i);
        let v = c.visible(1);
        let n = &v.notes()[0];
        let key = format!(
            "{:?}{:?}{:?}{:?}{:?}",
            n.delivered,
            n.off_protocol,
            n.excused,
            n.done,
            v.events().map(|e| e.kind).collect::<Vec<_>>()
        );
        let started = c.hidden.drift.is_some_and(|d| d.onset <= 1);
        let g = groups
            .entry(key)
            .or_insert_with(|| (0.0, 0.0, ideal.drift_started(&s, &v).0));
        g.0 += 1.0;
        g.1 += f64::from(u8::from(started));
    }
    let mut chi2 = 0.0;
    let mut df = 0;
    for (n, k, p) in groups.values().filter(|(n, _, _)| *n >= 500.0) {
        let variance = n * p * (1.0 - p);
        if variance > 1.0 {
            chi2 += (k - n * p).powi(2) / variance;
            df += 1;
        }
    }
    assert!(df >= 8, "{df} groups");
    // χ² 0.1 % points: 26.1 for 8, 29.6 for 10, 32.9 for 12, 36.1 for 14, 39.3 for 16 degrees.
    let bound = 26.1 + 1.65 * (df as f64 - 8.0);
    assert!(chi2 < bound, "χ² {chi2} over {df} groups");
}

/// A sentence of a list as it reads in a note: the text up to its first placeholder (the scores a
/// worsening note fills in).
fn stem(text: &str) -> &str {
    text.split('{').next().unwrap_or(text)
}

/// Whether `note` holds any of `texts` in `lang`.
fn says(note: &str, texts: &[&ontrack::scenario::format::Text], lang: Lang) -> bool {
    texts.iter().any(|t| note.contains(stem(t.get(lang))))
}

/// No note says two things that cannot both be true, nor contradicts the note before or the scores
/// beside it, in any bundled scenario, in either language: a review of homework that describes
/// what the exercises brought beside homework not done (trauma, seed 7 case 3, session 4, before the
/// fix), done beside not done, an element delivered and omitted, a follow-up after nothing was set
/// or "nothing to follow up" after something was, an element delivered beside the activity that
/// leaves no room for it, an ending about what helped for a client not reliably better than at
/// intake (or about what was not reached for one who is), and a note that names a worsening the
/// scores do not show or leaves out one they show since last week.
#[test]
fn no_note_contradicts_itself_the_note_before_or_the_scores() {
    let mut checked = 0;
    for id in bundled_ids() {
        let s = resolve(id).unwrap();
        let pr = &s.file.protocol;
        for case in cases(&s, 300) {
            for (t0, note) in case.notes.iter().enumerate() {
                let t = t0 + 1;
                let previous = t0.checked_sub(1).and_then(|i| case.notes.get(i));
                let y = &case.scores;
                for lang in [Lang::En, Lang::Nl] {
                    let text = render_note(&s, note, t, y, lang);
                    let at = format!("{id} case {} session {t} ({lang:?}): {text}", case.index);
                    for (i, e) in pr.elements.iter().enumerate() {
                        let delivered: Vec<_> = std::iter::once(&e.delivered)
                            .chain(&e.delivered_also)
                            .collect();
                        let omitted: Vec<_> = std::iter::once(&e.omitted)
                            .chain(&e.omitted_also)
                            .chain(e.excused.iter().flat_map(|x| &x.reasons))
                            .collect();
                        let done: Vec<_> = e.client.iter().flat_map(|c| &c.done).collect();
                        let not_done: Vec<_> = e.client.iter().flat_map(|c| &c.not_done).collect();
                        let failed: Vec<_> = e.not_improved.iter().collect();
                        let nothing: Vec<_> = e.nothing_to_follow.iter().collect();
                        let any_of_it = says(&text, &delivered, lang)
                            || says(&text, &omitted, lang)
                            || says(&text, &done, lang)
                            || says(&text, &not_done, lang)
                            || says(&text, &failed, lang);
                        assert!(
                            !(says(&text, &delivered, lang) && says(&text, &omitted, lang)),
                            "element {} delivered and omitted: {at}",
                            e.key
                        );
                        if e.silent_when_delivered {
                            assert!(!says(&text, &delivered, lang), "{at}");
                            assert_eq!(says(&text, &omitted, lang), note.lacks(i), "{at}");
                        }
                        match note.done.get(i).copied().flatten() {
                            Some(false) => {
                                assert!(says(&text, &not_done, lang), "{at}");
                                assert!(
                                    !says(&text, &delivered, lang) && !says(&text, &done, lang),
                                    "homework not done beside a review that says what it brought: {at}"
                                );
                            }
                            Some(true) => assert!(!says(&text, &not_done, lang), "{at}"),
                            None => assert!(
                                !says(&text, &done, lang) && !says(&text, &not_done, lang),
                                "the client's side without a review: {at}"
                            ),
                        }
                        if let Some(p) = s.elements[i].follows {
                            let in_phase = s.elements[i].window.is_none_or(|w| w.holds(t as u32));
                            let set = previous.is_some_and(|n| n.delivered[p]);
                            if set {
                                assert!(!says(&text, &nothing, lang), "set, yet nothing: {at}");
                            } else if in_phase {
                                assert!(!any_of_it, "{} with nothing set: {at}", e.key);
                            }
                        }
                        for (j, o) in pr.off_protocol.iter().enumerate() {
                            if note.off_protocol[j] && o.crowds_out.contains(&e.key) {
                                assert!(
                                    !says(&text, &delivered, lang),
                                    "{} beside {}: {at}",
                                    e.key,
                                    o.key
                                );
                            }
                        }
                        if !failed.is_empty() && note.delivered[i] {
                            let better = s.rules.reliably_better(y[0], y[t]);
                            assert_eq!(says(&text, &failed, lang), !better, "{at}");
                            assert_eq!(says(&text, &delivered, lang), better, "{at}");
                        }
                    }
                    if let Some(w) = &pr.worsening {
                        let since_last: Vec<_> = w.since_last.iter().collect();
                        let named: Vec<_> = w
                            .since_last
                            .iter()
                            .chain(&w.since_intake)
                            .chain(&w.still)
                            .chain(&w.since_best)
                            .chain(&w.risk)
                            .collect();
                        let best = y[..t]
                            .iter()
                            .copied()
                            .min_by(|a, b| (s.rules.worse * a).total_cmp(&(s.rules.worse * b)))
                            .unwrap();
                        let worse = s.rules.reliably_worse(y[t - 1], y[t])
                            || s.rules.reliably_worse(y[0], y[t])
                            || s.rules.reliably_worse(best, y[t]);
                        let answered = pr
                            .off_protocol
                            .iter()
                            .zip(&note.off_protocol)
                            .any(|(o, &happened)| happened && o.answers_worsening);
                        // A session that left out the element in which the scores are looked at
                        // (the progress report, the ORS) has not seen them.
                        let unseen = w.seen_in.as_ref().is_some_and(|key| {
                            pr.elements
                                .iter()
                                .position(|e| &e.key == key)
                                .is_some_and(|i| !note.delivered[i])
                        });
                        if !worse || answered || unseen {
                            assert!(
                                !says(&text, &named, lang),
                                "no worsening shown, explained away, or the scores not looked at: {at}"
                            );
                        }
                        assert_eq!(
                            says(&text, &since_last, lang),
                            s.rules.reliably_worse(y[t - 1], y[t]) && !answered && !unseen,
                            "{at}"
                        );
                    }
                    checked += 1;
                }
            }
        }
    }
    assert!(checked > 20_000, "{checked} notes");
}

/// Where the therapist never sees the scores (the control arm of the feedback studies), no note
/// names a worsening; where the scores are looked at in one element, the scenario says which.
#[test]
fn a_therapist_who_does_not_see_the_scores_writes_nothing_of_them() {
    let blind = resolve("feedback-not-on-track").unwrap();
    assert!(blind.file.protocol.worsening.is_none());
    for id in [
        "feedback-not-on-track-feedback",
        "feedback-not-on-track-cst",
    ] {
        let s = resolve(id).unwrap();
        let w = s.file.protocol.worsening.as_ref().unwrap();
        assert_eq!(w.seen_in.as_deref(), Some("feedback"), "{id}");
    }
    let pcoms = resolve("pcoms-ors-srs").unwrap();
    let w = pcoms.file.protocol.worsening.as_ref().unwrap();
    assert_eq!(w.seen_in.as_deref(), Some("ors-discussed"));
}

/// The text of a note tells exactly what its structured note holds, no more and no less: read back
/// sentence by sentence (an element silent when delivered counts as delivered when nothing is said
/// of it), it gives back which elements were delivered, left out for a stated reason or left out,
/// whether the homework was done, and which off-protocol activities happened, in every bundled
/// scenario and both languages. The ideal drift observer and forecaster weigh the structured note,
/// so they weigh exactly what the trainee reads; the sentences that follow the scores add only
/// what the scores beside them show.
#[test]
fn a_note_read_back_gives_its_structured_note() {
    let mut read = 0;
    for id in bundled_ids() {
        let s = resolve(id).unwrap();
        let pr = &s.file.protocol;
        for case in cases(&s, 200) {
            for (t0, note) in case.notes.iter().enumerate() {
                let t = t0 + 1;
                for lang in [Lang::En, Lang::Nl] {
                    let text = render_note(&s, note, t, &case.scores, lang);
                    let at = format!("{id} case {} session {t} ({lang:?}): {text}", case.index);
                    for (i, e) in pr.elements.iter().enumerate() {
                        let reasons: Vec<_> = e.excused.iter().flat_map(|x| &x.reasons).collect();
                        let omitted: Vec<_> =
                            std::iter::once(&e.omitted).chain(&e.omitted_also).collect();
                        let done: Vec<_> = e.client.iter().flat_map(|c| &c.done).collect();
                        let not_done: Vec<_> = e.client.iter().flat_map(|c| &c.not_done).collect();
                        let named: Vec<_> = std::iter::once(&e.delivered)
                            .chain(&e.delivered_also)
                            .chain(&e.not_improved)
                            .chain(done.iter().copied())
                            .chain(not_done.iter().copied())
                            .collect();
                        let excused = says(&text, &reasons, lang);
                        let left_out = excused || says(&text, &omitted, lang);
                        let delivered =
                            says(&text, &named, lang) || (e.silent_when_delivered && !left_out);
                        assert_eq!(delivered, note.delivered[i], "{} delivered: {at}", e.key);
                        assert_eq!(left_out, note.lacks(i), "{} left out: {at}", e.key);
                        assert_eq!(excused, note.is_excused(i), "{} reason: {at}", e.key);
                        let client = if says(&text, &done, lang) {
                            Some(true)
                        } else if says(&text, &not_done, lang) {
                            Some(false)
                        } else {
                            None
                        };
                        assert_eq!(client, note.done[i], "{} done: {at}", e.key);
                    }
                    for (j, o) in pr.off_protocol.iter().enumerate() {
                        let texts: Vec<_> = std::iter::once(&o.text).chain(&o.text_also).collect();
                        assert_eq!(
                            says(&text, &texts, lang),
                            note.off_protocol[j],
                            "{}: {at}",
                            o.key
                        );
                    }
                    read += 1;
                }
            }
        }
    }
    assert!(read > 10_000, "{read} notes");
}
