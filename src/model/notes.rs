//! Renders the structured channels of a case into the text a clinician would read.

use super::case::{Event, SessionNote};
use crate::i18n::{t, tf};
use crate::scenario::format::Text;
use crate::scenario::{Lang, Scenario};

/// One of `n` wordings for slot `slot` of a note with wording seed `wording` (SplitMix64 of the
/// two): a function of the seed alone, which the generator draws independently of everything else.
fn pick(wording: u64, slot: u64, n: usize) -> usize {
    let mut z = wording ^ slot.wrapping_mul(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^= z >> 31;
    (z % n.max(1) as u64) as usize
}

/// The wording picked for slot `slot` from a first text and its alternatives.
fn choose<'a>(
    note: &SessionNote,
    slot: u64,
    first: Option<&'a Text>,
    also: &'a [Text],
    lang: Lang,
) -> Option<&'a str> {
    let all: Vec<&Text> = first.into_iter().chain(also).collect();
    all.get(pick(note.wording, slot, all.len()))
        .map(|t| t.get(lang))
}

/// Slots of the wording picks: one per element and what is said of it, one per activity.
const SLOTS_PER_ELEMENT: u64 = 8;
const OFF_PROTOCOL_SLOTS: u64 = 1 << 20;

/// What the note says of protocol element `i`, if the protocol called for it: delivered, left out
/// for a stated reason, or left out.
pub fn element_text<'a>(
    s: &'a Scenario,
    note: &SessionNote,
    i: usize,
    lang: Lang,
) -> Option<&'a str> {
    let e = s.file.protocol.elements.get(i)?;
    if !note.is_due(i) {
        return None;
    }
    let slot = i as u64 * SLOTS_PER_ELEMENT;
    if note.delivered.get(i).copied().unwrap_or(false) {
        choose(note, slot, Some(&e.delivered), &e.delivered_also, lang)
    } else if note.is_excused(i) {
        let reasons = e.excused.as_ref().map_or(&[][..], |x| x.reasons.as_slice());
        choose(note, slot + 1, None, reasons, lang)
            .or_else(|| choose(note, slot + 2, Some(&e.omitted), &e.omitted_also, lang))
    } else {
        choose(note, slot + 2, Some(&e.omitted), &e.omitted_also, lang)
    }
}

/// What the note says of the client's side of element `i` (had the homework been done?), when
/// it was delivered and the scenario says.
pub fn client_text<'a>(
    s: &'a Scenario,
    note: &SessionNote,
    i: usize,
    lang: Lang,
) -> Option<&'a str> {
    let side = s.file.protocol.elements.get(i)?.client.as_ref()?;
    let done = (*note.done.get(i)?)?;
    let slot = i as u64 * SLOTS_PER_ELEMENT + 3;
    if done {
        choose(note, slot, None, &side.done, lang)
    } else {
        choose(note, slot + 1, None, &side.not_done, lang)
    }
}

/// What the note of session `session` says of an element that follows another which was not
/// delivered the session before ("no homework had been set"), if the scenario words it.
fn nothing_to_follow_text<'a>(
    s: &'a Scenario,
    note: &SessionNote,
    session: usize,
    i: usize,
    lang: Lang,
) -> Option<&'a str> {
    let e = s.file.protocol.elements.get(i)?;
    let model = s.elements.get(i)?;
    let in_phase = model.window.is_none_or(|w| w.holds(session as u32));
    if note.is_due(i) || model.follows.is_none() || session < 2 || !in_phase {
        return None;
    }
    let slot = i as u64 * SLOTS_PER_ELEMENT + 5;
    choose(note, slot, None, &e.nothing_to_follow, lang)
}

/// The note's sentence for off-protocol activity `j`.
pub fn off_text<'a>(s: &'a Scenario, note: &SessionNote, j: usize, lang: Lang) -> &'a str {
    s.file
        .protocol
        .off_protocol
        .get(j)
        .and_then(|o| {
            choose(
                note,
                OFF_PROTOCOL_SLOTS + j as u64,
                Some(&o.text),
                &o.text_also,
                lang,
            )
        })
        .unwrap_or_default()
}

/// The session note of session `session` (1-based) as text: what the session did of each protocol
/// element it called for (with the client's side where the scenario has one), then anything off
/// protocol. Each sentence's wording is picked by the note's wording seed.
pub fn render_note(s: &Scenario, note: &SessionNote, session: usize, lang: Lang) -> String {
    let elements = s.file.protocol.elements.len();
    let mut sentences: Vec<&str> = Vec::new();
    for i in 0..elements.min(note.delivered.len()) {
        if let Some(text) = element_text(s, note, i, lang) {
            sentences.push(text);
            sentences.extend(client_text(s, note, i, lang));
        } else {
            sentences.extend(nothing_to_follow_text(s, note, session, i, lang));
        }
    }
    sentences.extend(
        note.off_protocol
            .iter()
            .enumerate()
            .filter(|(_, happened)| **happened)
            .map(|(j, _)| off_text(s, note, j, lang)),
    );
    sentences.join(" ")
}

/// The text of an unwanted event, as the patient or therapist reported it, in the wording the
/// case drew for it.
pub fn render_event(s: &Scenario, event: &Event, lang: Lang) -> String {
    s.file
        .events
        .get(event.kind)
        .map(|e| {
            let all: Vec<&Text> = std::iter::once(&e.text).chain(&e.text_also).collect();
            all.get(event.wording % all.len())
                .map_or("", |t| t.get(lang))
                .to_string()
        })
        .unwrap_or_default()
}

/// Slots of the events' wording picks, above those of the notes' elements and activities.
const EVENT_SLOTS: u64 = 1 << 40;

/// The wording of the `nth` occurrence (0-based) in a case of event kind `kind`, which has
/// `wordings` wordings, first reported in a session whose note has the wording seed `seed`: the
/// first occurrence picks one, each later one takes the next, so that an event that comes back
/// reads differently until its wordings run out. A function of the notes' wording seed alone.
pub fn event_wording(seed: u64, kind: usize, nth: usize, wordings: usize) -> usize {
    let n = wordings.max(1);
    (pick(seed, EVENT_SLOTS + kind as u64, n) + nth) % n
}

/// A score as shown: with as many decimals as the scale's step has (17.3, not 17.300000000000001).
pub fn shown_number(x: f64, step: f64) -> String {
    let decimals = (0..6)
        .find(|&d| {
            let scaled = step * 10f64.powi(d);
            (scaled - scaled.round()).abs() < 1e-9
        })
        .unwrap_or(6) as usize;
    format!("{x:.decimals$}")
}

/// The patient's report on a negative-effects item that comes with an event, such as
/// "I felt more stressed (2 of 4)", if the event carries one.
pub fn render_neq(s: &Scenario, event: &Event, lang: Lang) -> Option<String> {
    let neq = s.file.events.get(event.kind)?.neq.as_ref()?;
    let item = s.file.neq_items.iter().find(|i| i.key == neq.item)?;
    Some(tf(
        lang,
        "case-neq",
        &[
            ("item", item.text.get(lang).into()),
            ("severity", neq.severity.into()),
        ],
    ))
}

/// A whole case as a clinician would read it in a file, up to and including session `seen`:
/// the patient card, then per session the score, alliance, note and events.
pub fn render_case(s: &Scenario, case: &super::Case, seen: u32, lang: Lang) -> String {
    let f = &s.file;
    let word = |key| t(lang, key);
    let (score_word, alliance_word, session_word, event_word) = (
        word("case-score"),
        word("case-alliance"),
        word("case-session"),
        word("case-event"),
    );
    let v = case.visible(seen);
    let p = v.patient();
    let complaint = f
        .patients
        .complaints
        .get(p.complaint)
        .map_or("", |c| c.get(lang));
    let mut out = format!(
        "{} {}, {} — {complaint}\nIntake: {} {} {}\n",
        p.age,
        word("case-years"),
        word(if p.female { "case-woman" } else { "case-man" }),
        f.measure.name,
        score_word,
        shown_number(
            v.scores().first().copied().unwrap_or(f64::NAN),
            f.measure.step
        )
    );
    for (t0, note) in v.notes().iter().enumerate() {
        let t = t0 + 1;
        let score = v.scores().get(t).copied().unwrap_or(f64::NAN);
        let alliance = v.alliance().get(t0).copied().unwrap_or(f64::NAN);
        out.push_str(&format!(
            "{session_word} {t}: {} {score_word} {}, {} {alliance_word} {}. {}\n",
            f.measure.name,
            shown_number(score, f.measure.step),
            f.alliance.name,
            shown_number(alliance, f.alliance.step),
            render_note(s, note, t, lang)
        ));
        for e in v.events().filter(|e| e.session as usize == t) {
            out.push_str(&format!("  {event_word}: {}\n", render_event(s, e, lang)));
            if let Some(neq) = render_neq(s, e, lang) {
                out.push_str(&format!("    NEQ: {neq}\n"));
            }
        }
    }
    out
}

/// What the trainee never sees of a case, for a scenario author reading it with `ontrack case`: the
/// course, drift, hello-goodbye, the outcome and the Linden class of each event.
/// The reveal's line on a client's sudden gain, as a text key and its arguments: the step is the
/// gain's share of the client's true change, so where the true change went the worse way (a client of
/// an improving course who got worse after all) it was a sudden step for the worse
/// (`case-sudden-loss`), else a sudden gain (`case-sudden-gain`). `None` without a sudden gain.
pub fn sudden_step(
    s: &Scenario,
    case: &super::Case,
) -> Option<(
    &'static str,
    Vec<(&'static str, fluent_bundle::FluentValue<'static>)>,
)> {
    let session = case.hidden.sudden_gain?;
    let share = s
        .gains
        .get(case.hidden.course)
        .copied()
        .flatten()
        .map_or(0.0, |g| g.share);
    let step = share * case.hidden.true_change;
    let key = if s.rules.worse * step > 0.0 {
        "case-sudden-loss"
    } else {
        "case-sudden-gain"
    };
    let points = step.abs().round();
    Some((
        key,
        vec![
            ("before", session.saturating_sub(1).into()),
            ("session", session.into()),
            ("points", points.into()),
        ],
    ))
}

pub fn render_hidden(s: &Scenario, case: &super::Case, lang: Lang) -> String {
    let f = &s.file;
    let course = f
        .courses
        .get(case.hidden.course)
        .map_or("", |k| k.label.get(lang));
    let drift = case.hidden.drift.map_or_else(
        || t(lang, "case-drift-none"),
        |d| {
            let kind = f.drift.kinds.get(d.kind).map_or("", |k| k.label.get(lang));
            tf(
                lang,
                "case-drift-from",
                &[("kind", kind.into()), ("onset", d.onset.into())],
            )
        },
    );
    let mut out = tf(
        lang,
        "case-hidden",
        &[
            ("course", course.into()),
            ("drift", drift.into()),
            (
                "hello",
                t(
                    lang,
                    if case.hidden.hello_goodbye {
                        "yes"
                    } else {
                        "no"
                    },
                )
                .into(),
            ),
            (
                "outcome",
                t(lang, &format!("outcome-{}", case.outcome.slug())).into(),
            ),
        ],
    );
    out.push('\n');
    if let Some((key, args)) = sudden_step(s, case) {
        let line = tf(lang, key, &args);
        out.push_str(&format!("  {line}\n"));
    }
    if let Some(last) = case.ended_early(s.sessions()) {
        let line = tf(
            lang,
            "case-dropped-out",
            &[("last", last.into()), ("sessions", f.sessions.into())],
        );
        out.push_str(&format!("  {line}\n"));
    }
    for e in &case.events {
        if let Some(k) = f.events.get(e.kind) {
            let line = tf(
                lang,
                "case-hidden-event",
                &[
                    ("session", e.session.into()),
                    ("event", k.text.get(lang).into()),
                    (
                        "class",
                        t(lang, &format!("short-{}", k.linden.slug())).into(),
                    ),
                ],
            );
            out.push_str(&format!("  {line}\n"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_recurring_event_takes_the_next_wording() {
        // With two wordings, the second occurrence reads the other one whatever the first picked,
        // and the third the first's again; with one wording every occurrence reads it.
        for seed in [0_u64, 1, 42, u64::MAX] {
            let first = event_wording(seed, 3, 0, 2);
            assert!(first < 2);
            assert_eq!(event_wording(seed, 3, 1, 2), 1 - first);
            assert_eq!(event_wording(seed, 3, 2, 2), first);
            assert_eq!(event_wording(seed, 3, 5, 1), 0);
        }
        // The first pick is spread over the wordings (a function of the notes' wording seed).
        let ones = (0..1000_u64)
            .filter(|&seed| event_wording(seed.wrapping_mul(0x2545_F491_4F6C_DD1D), 0, 0, 2) == 1)
            .count();
        assert!((400..=600).contains(&ones), "{ones}");
    }
    use crate::model::SessionNote;

    #[test]
    fn numbers_show_the_decimals_of_the_step() {
        assert_eq!(shown_number(12.700000000000001, 0.1), "12.7");
        assert_eq!(shown_number(64.0, 1.0), "64");
        assert_eq!(shown_number(3.25, 0.25), "3.25");
    }

    #[test]
    fn notes_read_in_both_languages() {
        let s = crate::scenario::resolve("tests/scenarios/minimal.ron").expect("minimal loads");
        let note = SessionNote {
            delivered: vec![false],
            off_protocol: vec![true],
            ..Default::default()
        };
        assert_eq!(
            render_note(&s, &note, 1, Lang::Nl),
            "Geen huiswerk. Vooral gepraat."
        );
        assert_eq!(
            render_note(&s, &note, 1, Lang::En),
            "No homework. Mostly chat."
        );
        let delivered = SessionNote {
            delivered: vec![true],
            off_protocol: vec![false],
            ..Default::default()
        };
        assert_eq!(
            render_note(&s, &delivered, 1, Lang::En),
            "Homework reviewed."
        );
    }

    #[test]
    fn the_hidden_truth_names_each_event_in_the_language_asked_for() {
        let s = crate::scenario::resolve("anxiety-exposure-cbt").expect("bundled scenario loads");
        let case = (0..200)
            .map(|i| crate::model::generate_case(&s, 12, i))
            .find(|c| !c.events.is_empty())
            .expect("a case with an unwanted event among 200");
        let event = case.events.first().expect("an event");
        let kind = &s.file.events[event.kind];
        for lang in [Lang::Nl, Lang::En] {
            let hidden = render_hidden(&s, &case, lang);
            let line = hidden
                .lines()
                .find(|l| l.contains(&format!(" {}: ", event.session)))
                .unwrap_or_else(|| panic!("no line for the event's session: {hidden}"));
            assert!(line.contains(kind.text.get(lang)), "{line}");
            assert!(
                !line.contains(&kind.key),
                "the scenario's key, not a sentence: {line}"
            );
        }
    }

    #[test]
    fn a_rendered_case_shows_only_the_sessions_seen() {
        let s = crate::scenario::resolve("tests/scenarios/minimal.ron").expect("minimal loads");
        let case = crate::model::generate_case(&s, 1, 0);
        let text = render_case(&s, &case, 2, Lang::Nl);
        assert!(text.contains("Sessie 2:"));
        assert!(!text.contains("Sessie 3:"));
        assert!(text.contains("Intake: Scale score"));
    }
}
