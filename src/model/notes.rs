//! Renders the structured channels of a case into the text a clinician would read.

use super::case::{Event, SessionNote};
use crate::scenario::{Lang, Scenario};

/// The session note as text: each protocol element delivered or omitted, then anything off protocol.
pub fn render_note(s: &Scenario, note: &SessionNote, lang: Lang) -> String {
    let elements = &s.file.protocol.elements;
    let off = &s.file.protocol.off_protocol;
    let mut sentences: Vec<&str> = elements
        .iter()
        .zip(&note.delivered)
        .map(|(e, &d)| {
            if d {
                e.delivered.get(lang)
            } else {
                e.omitted.get(lang)
            }
        })
        .collect();
    sentences.extend(
        off.iter()
            .zip(&note.off_protocol)
            .filter(|(_, happened)| **happened)
            .map(|(o, _)| o.text.get(lang)),
    );
    sentences.join(" ")
}

/// The text of an unwanted event, as the patient or therapist reported it.
pub fn render_event(s: &Scenario, event: &Event, lang: Lang) -> String {
    s.file
        .events
        .get(event.kind)
        .map(|e| e.text.get(lang).to_string())
        .unwrap_or_default()
}
