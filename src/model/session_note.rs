//! Draws the structured note of one session: which protocol elements the session called for and
//! which it delivered, what happened off protocol, the reasons stated for ordinary omissions, the
//! client's side of the homework, and the seed of the note's wording.
//!
//! Two random streams: the case's own stream draws what it always drew (off-protocol activities,
//! then per element delivered or not), so the rest of the case (events, scores) is drawn as before;
//! what only the note shows (stated reasons, homework done, wording) comes from a stream of its own,
//! keyed by the case's stream and position, so it adds no draws to the case's stream.

use rand::{Rng, RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;
use sha2::{Digest, Sha256};

use super::case::SessionNote;
use crate::scenario::Scenario;

/// The note stream of a case, from the case stream's key, stream and position (which differ
/// between the redraws of a selection), without drawing from it.
pub(super) fn note_stream(case_rng: &ChaCha8Rng) -> ChaCha8Rng {
    let key: [u8; 32] = Sha256::new()
        .chain_update(b"notes\0")
        .chain_update(case_rng.get_seed())
        .chain_update(case_rng.get_stream().to_le_bytes())
        .chain_update(case_rng.get_word_pos().to_le_bytes())
        .finalize()
        .into();
    ChaCha8Rng::from_seed(key)
}

/// The note of session `t`, in a case whose therapist is in the `age`-th session of drift of kind
/// `kind` (`drifting`: (kind, age); `None`: by the protocol), after the note `previous` of the
/// session before. `crowded` is a buffer.
pub(super) fn draw(
    s: &Scenario,
    t: u32,
    drifting: Option<(usize, u32)>,
    previous: Option<&SessionNote>,
    rng: &mut ChaCha8Rng,
    notes_rng: &mut ChaCha8Rng,
    crowded: &mut Vec<bool>,
) -> SessionNote {
    let stage = drifting.and_then(|(k, age)| s.kinds.get(k)?.stage(age));
    let omission = stage.map_or(&s.omission_before, |k| &k.omission);
    let off_rates = stage.map_or(&s.off_protocol_before, |k| &k.off_protocol);
    let off_protocol: Vec<bool> = off_rates.iter().map(|&r| rng.random::<f64>() < r).collect();
    s.crowded_into(&off_protocol, crowded);
    let mut due = Vec::new();
    s.due_into(t, previous.map(|p| p.delivered.as_slice()), &mut due);
    let mut delivered = Vec::with_capacity(omission.len());
    let mut excused = Vec::with_capacity(omission.len());
    for (i, (&q, &crowded)) in omission.iter().zip(crowded.iter()).enumerate() {
        // Both draws are made for every element, so one element's state never shifts the draws of
        // the others.
        let kept = rng.random::<f64>() >= q;
        let reason = notes_rng.random::<f64>() < s.elements.get(i).map_or(0.0, |e| e.excused);
        let open = due.get(i).copied().unwrap_or(true) && !crowded;
        excused.push(open && reason);
        delivered.push(open && !reason && kept);
    }
    let done = s
        .elements
        .iter()
        .zip(&delivered)
        .map(|(e, &d)| {
            let (before, after) = e.done?;
            let p = before + stage.map_or(0.0, |st| st.strength) * (after - before);
            let u = notes_rng.random::<f64>();
            d.then_some(u < p)
        })
        .collect();
    SessionNote {
        delivered,
        off_protocol,
        due,
        excused,
        done,
        wording: notes_rng.next_u64(),
    }
}
