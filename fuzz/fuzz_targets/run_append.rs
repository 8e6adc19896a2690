//! Fuzzes the way a run file is written and read back since schema 3: the header written whole,
//! then one line per answer appended (what `Session` writes, save by save), and the file read
//! back whole and cut at any byte (what a crash mid-append leaves, as `load_run` reads it).
//!
//! Each input is taken as a run file's bytes, decoded as `load_run` decodes them
//! (`run::file::run_text`) and parsed; a file that parses is written out again the way a session
//! writes it, with its answers re-sealed as a session seals them, and:
//!
//! 1. every answer's line is one line (ends in its only newline), whatever the answer holds;
//! 2. the whole text reads back to the same run (the same text when written again, the same
//!    answers);
//! 3. cut at bytes chosen from the input (and just before and after the header's end, before a
//!    line's newline and inside a character that is not ASCII), it reads as the answers whose lines are whole before the cut (a cut
//!    line was never saved), or, cut inside the header, fails without a panic;
//! 4. resumed (read back, written whole again as `Session::resume` does, and an answer appended),
//!    it reads back with that answer last.
//!
//! Parsing alone is `run_parse`'s; this target checks the writing and the reading together.

#![no_main]

use libfuzzer_sys::fuzz_target;
use ontrack::run::RunFile;
use ontrack::run::file::{entry_line, run_text};
use ontrack::run::parse_run;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = run_text(data.to_vec()) else {
        return;
    };
    let Ok(file) = parse_run("fuzz.ron", &text) else {
        return;
    };
    check(&file, data);
});

/// Reads bytes as `load_run` does (decoded, then parsed).
fn read(bytes: &[u8]) -> Option<RunFile> {
    let text = run_text(bytes.to_vec()).ok()?;
    parse_run("written.ron", &text).ok()
}

fn check(file: &RunFile, data: &[u8]) {
    // The run as a session holds it while answering: unfinished, each answer sealed in turn.
    let mut run = RunFile {
        log: Vec::with_capacity(file.log.len()),
        finished: None,
        ..file.clone()
    };
    let mut bytes = run.to_ron().into_bytes();
    let header_len = bytes.len();
    // Where each answer's line ends in the file.
    let mut ends = Vec::with_capacity(file.log.len());
    for entry in &file.log {
        run.log_action(entry.at, entry.action.clone());
        let Some(sealed) = run.log.last() else {
            unreachable!("an answer was just logged");
        };
        let line = entry_line(sealed);
        assert!(
            line.ends_with('\n') && line.matches('\n').count() == 1,
            "an answer's line is not one line: {line:?}"
        );
        bytes.extend_from_slice(line.as_bytes());
        ends.push(bytes.len());
    }

    // 2. Read back whole.
    let whole = read(&bytes).unwrap_or_else(|| {
        panic!(
            "a run as written does not read back: {:?}",
            String::from_utf8_lossy(&bytes)
        )
    });
    assert_eq!(whole.log, run.log, "the answers read back differ");
    assert_eq!(whole.to_ron(), run.to_ron(), "the run read back differs");

    // 3. Cut at bytes: the answers whose lines are whole before the cut.
    for cut in cuts(data, header_len, &ends, &bytes) {
        let read_cut = read(&bytes[..cut]);
        if cut < header_len {
            continue;
        }
        let whole_lines = ends.iter().filter(|&&end| end <= cut).count();
        let Some(read_cut) = read_cut else {
            panic!("the run cut at byte {cut} of {} does not read", bytes.len());
        };
        assert_eq!(
            read_cut.log,
            run.log[..whole_lines],
            "cut at byte {cut} of {}",
            bytes.len()
        );
    }

    // 4. Resumed: written whole again, then an answer appended.
    if let Some(last) = file.log.last() {
        let mut resumed = whole;
        let mut text = resumed.to_ron();
        resumed.log_action(last.at, last.action.clone());
        let Some(appended) = resumed.log.last() else {
            unreachable!("an answer was just logged");
        };
        text.push_str(&entry_line(appended));
        let again = read(text.as_bytes())
            .unwrap_or_else(|| panic!("a resumed run does not read back: {text:?}"));
        assert_eq!(again.log, resumed.log, "the resumed run's answers differ");
    }
}

/// Where to cut the written bytes: around the header's end, before a newline, inside a character,
/// and at offsets taken from the input (FNV-1a of it, so every input cuts elsewhere).
fn cuts(data: &[u8], header_len: usize, ends: &[usize], bytes: &[u8]) -> Vec<usize> {
    let len = bytes.len();
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in data {
        h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
    }
    let mut cuts = vec![header_len.saturating_sub(1), header_len, len];
    for _ in 0..4 {
        h = h.rotate_left(17).wrapping_mul(0x9e37_79b9_7f4a_7c15) ^ 0x5851_f42d;
        let span = len - header_len + 1;
        cuts.push(header_len + (h % span as u64) as usize);
    }
    // Just before a line's newline, and inside the first character of the answers that is not
    // ASCII (a drift kind's key may be any text), where a cut leaves bytes that are not UTF-8.
    if let Some(&end) = ends.get((h % (ends.len().max(1) as u64)) as usize) {
        cuts.push(end - 1);
    }
    if let Some(i) = bytes[header_len..].iter().position(|&b| b >= 0x80) {
        cuts.push(header_len + i + 1);
    }
    cuts.retain(|&c| c <= len);
    cuts
}
