//! Fuzzes scenario loading end to end: locating fields in arbitrary text, parsing + validating +
//! calibrating it, and, for every text that loads, generating cases and running the ideal forecaster
//! at each checkpoint. Nothing here may panic, and every forecast must be a probability.
//!
//! A scenario with a selection (clients shown only when the early-warning rule flagged them) norms
//! that rule on 100 000 simulated clients the first time a case is drawn; in this instrumented
//! build that took most of a second per input, so the selection is normed here on
//! `FUZZ_SELECTION_CASES` clients (`model::norm_selection_with`: the same code on a smaller sample).

#![no_main]

use libfuzzer_sys::fuzz_target;
use ontrack::forecast::Ideal;
use ontrack::model::{generate, norm_selection_with};
use ontrack::scenario::locate::{Locations, Pos};
use ontrack::scenario::parse;

/// Simulated clients a selection is normed on here (the app: 100 000).
const FUZZ_SELECTION_CASES: usize = 1_000;
/// The seed of that simulation (any fixed one).
const FUZZ_SELECTION_SEED: u64 = 0x5345_4c45_4354;

/// Field paths of the format (and a few that do not exist) to look up in every text.
const PATHS: &[&str] = &[
    "",
    "format",
    "id",
    "title.nl",
    "measure",
    "measure.clinical_cutoff.value",
    "measure.step",
    "checkpoints[1]",
    "deterioration_rate.value",
    "courses[0].prior",
    "courses[3].sd_change",
    "alliance.step",
    "protocol.elements[2].omitted.en",
    "drift.onset",
    "drift.kinds[1].omission_after_onset[0].key",
    "events[4].neq.item",
    "patients.complaints[5]",
    "nothing.here[7].at.all",
    "[",
    ".",
    "a..b[[",
];

fuzz_target!(|data: &[u8]| {
    match std::str::from_utf8(data) {
        Ok(text) => check(text, data),
        Err(_) => check(&String::from_utf8_lossy(data), data),
    }
});

fn check(text: &str, data: &[u8]) {
    let locations = Locations::of(text);
    for path in PATHS {
        let pos = locations.position(path);
        assert!(
            pos.line >= 1 && pos.col >= 1,
            "position({path:?}) = {pos:?}"
        );
        let _ = locations.path_at(pos);
    }
    // A path taken from the input itself (arbitrary characters, cut at a char boundary).
    let own: String = text.chars().take(48).collect();
    let _ = locations.position(&own);
    // Positions taken from the input bytes, plus the corners.
    let byte = |i: usize| data.get(i).copied().unwrap_or(0) as usize;
    for pos in [
        Pos { line: 0, col: 0 },
        Pos { line: 1, col: 1 },
        Pos {
            line: byte(0),
            col: byte(1),
        },
        Pos {
            line: byte(2) % 8 + 1,
            col: byte(3) % 64 + 1,
        },
        Pos {
            line: usize::MAX,
            col: usize::MAX,
        },
    ] {
        let _ = locations.path_at(pos);
    }

    let scenario = match parse("fuzz.ron", text) {
        Ok(scenario) => scenario,
        Err(err) => {
            // Formatting every problem must not panic either.
            let _ = err.to_string();
            for p in err.problems() {
                let _ = locations.position(&p.path);
            }
            return;
        }
    };
    norm_selection_with(&scenario, FUZZ_SELECTION_CASES, FUZZ_SELECTION_SEED);
    let ideal = Ideal::new(&scenario);
    for case in generate(&scenario, 1, 3) {
        for &cp in &scenario.file.checkpoints {
            let p = ideal.forecast(&scenario, &case.visible(cp));
            assert!(
                p.is_finite() && (0.0..=1.0).contains(&p),
                "forecast {p} at checkpoint {cp} of case {}",
                case.index
            );
        }
    }
}
