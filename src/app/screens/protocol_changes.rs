//! What a session did differently from the protocol: the elements left out and the off-protocol
//! activities, each marked new when the session before did not have it. A session as the protocol
//! asks has none, so drift shows as a change, not as the same sentence read again.

use crate::model::SessionNote;
use crate::model::notes::{element_text, off_text};
use crate::scenario::{Lang, Scenario};

/// How a session departed from the protocol.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Departure {
    /// A protocol element was left out.
    Omitted,
    /// Something outside the protocol happened.
    OffProtocol,
}

/// One thing a session did differently from the protocol, in the note's words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Difference {
    pub departure: Departure,
    /// The note's sentence for it.
    pub text: String,
    /// The session before did not have it: it is what changed.
    pub new: bool,
}

impl Difference {
    /// The sign shown before it: minus for an element left out, plus for an addition.
    pub fn symbol(&self) -> &'static str {
        match self.departure {
            Departure::Omitted => "−",
            Departure::OffProtocol => "+",
        }
    }
}

/// The differences from the protocol of `note`, compared with the session before (`previous`,
/// `None` for the first session, where everything that differs is new).
pub fn differences(
    s: &Scenario,
    note: &SessionNote,
    previous: Option<&SessionNote>,
    lang: Lang,
) -> Vec<Difference> {
    let protocol = &s.file.protocol;
    let omitted = (0..protocol.elements.len())
        .filter(|&i| note.lacks(i))
        .map(|i| Difference {
            departure: Departure::Omitted,
            text: element_text(s, note, i, lang)
                .unwrap_or_default()
                .to_string(),
            new: previous.is_none_or(|p| !p.lacks(i)),
        });
    let added = (0..protocol.off_protocol.len())
        .filter(|&i| note.off_protocol.get(i) == Some(&true))
        .map(|i| Difference {
            departure: Departure::OffProtocol,
            text: off_text(s, note, i, lang).to_string(),
            new: previous.is_none_or(|p| p.off_protocol.get(i) != Some(&true)),
        });
    omitted.chain(added).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::resolve;

    #[test]
    fn only_what_differs_from_the_protocol_is_listed_and_what_changed_is_new() {
        let s = resolve("depression-cbt-oq45").expect("bundled");
        let elements = s.file.protocol.elements.len();
        let extras = s.file.protocol.off_protocol.len();
        assert!(elements >= 2 && extras >= 1, "the scenario has a protocol");
        let as_asked = SessionNote {
            delivered: vec![true; elements],
            off_protocol: vec![false; extras],
            ..Default::default()
        };
        assert!(differences(&s, &as_asked, None, Lang::En).is_empty());
        let mut drifting = as_asked.clone();
        drifting.delivered[1] = false;
        drifting.off_protocol[0] = true;
        let first = differences(&s, &drifting, Some(&as_asked), Lang::En);
        assert_eq!(first.len(), 2);
        assert_eq!(first[0].departure, Departure::Omitted);
        assert_eq!(
            Some(first[0].text.as_str()),
            element_text(&s, &drifting, 1, Lang::En)
        );
        assert_eq!(first[1].departure, Departure::OffProtocol);
        assert!(
            first.iter().all(|d| d.new),
            "both changed since the session before"
        );
        let again = differences(&s, &drifting, Some(&drifting), Lang::En);
        assert!(
            again.iter().all(|d| !d.new),
            "the same as the session before"
        );
    }
}
