//! Fuzzes run files end to end: parsing, verification (seals, embedded scenario and its hash, case
//! records), replay through the state machine, and scoring. Nothing here may panic, every error must
//! format, and every score must be a number or say why it is not defined.
//!
//! The seals make almost every mutation fail verification at the first entry, which is the point of
//! them, but would leave the state machine and the scoring nearly unfuzzed. So an input goes down as
//! many of these paths as it needs:
//!
//! 1. as written: `parse_run` → `replay` → `score_run`;
//! 2. re-sealed: when (1) stops at a broken seal, the log is rebuilt on a copy with an empty log by
//!    `RunFile::log_action` (same times and actions, fresh seals) and replayed and scored;
//! 3. re-derived: when (2) stops at the scenario hash or the case records (the fuzzer edited the
//!    embedded scenario, the seed or a record), the hash is taken from the loaded embedded scenario and
//!    the records are regenerated from it, the log is re-sealed, and the result is replayed and scored;
//!    this runs the state machine on scenarios other than the seeds' (other checkpoints, drift kinds,
//!    events, numbers of cases).
//!
//! Every file that verifies must also survive a save: `to_ron`, parsed again, must verify again.
//!
//! Scoring: `score_run(&run, &Benchmarks::with_actuarial(&scenario, rule))` with `scenario =
//! run.scenario_arc()`. The app norms the actuarial benchmark on 100 000 simulated cases (about
//! 0.1 s for the 6-session seed scenario, and several times that in this instrumented build); a
//! path-3 input brings a new scenario with nearly every file it verifies, so norming it in full
//! made this target run at a few hundred inputs a second. The rule is normed here on
//! `FUZZ_NORMING_CASES` cases instead (`Actuarial::norm_with`, the same code on a smaller sample,
//! which reaches sparse colour counts more often), once per scenario (by hash) for the first
//! `MAX_NORMED` scenarios and per input after that, so every run that verifies is scored in full.
//!
//! With `RUN_PARSE_STATS=1` in the environment the target prints, at every power of two inputs, how
//! many parsed, went down each path, verified and were scored.

#![no_main]

use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use libfuzzer_sys::fuzz_target;
use ontrack::debrief::{Scores, score_run};
use ontrack::forecast::Benchmarks;
use ontrack::forecast::actuarial::{Actuarial, NORMING_SEED};
use ontrack::model::generate;
use ontrack::run::{CaseRecord, Phase, Run, RunFile, VerifyError, parse_run, replay};
use ontrack::scenario::{Scenario, from_file};
use serde_json::Value;

/// Scenarios normed (and kept) per process.
const MAX_NORMED: usize = 256;
/// Simulated cases the actuarial rule is normed on here (the app: `NORMING_CASES`, 100 000).
const FUZZ_NORMING_CASES: usize = 1_000;

thread_local! {
    /// The benchmarks of each scenario seen, by hash; leaked on purpose, as they live for the process.
    static BENCHMARKS: RefCell<HashMap<String, &'static Benchmarks<'static>>> =
        RefCell::new(HashMap::new());
}

/// Counters for `RUN_PARSE_STATS`: inputs, parsed, re-sealed, re-derived, verified, scored.
static STATS: [AtomicU64; 6] = [const { AtomicU64::new(0) }; 6];
const INPUTS: usize = 0;
const PARSED: usize = 1;
const RESEALED: usize = 2;
const REDERIVED: usize = 3;
const VERIFIED: usize = 4;
const SCORED: usize = 5;

fn count(which: usize) {
    if let Some(c) = STATS.get(which) {
        c.fetch_add(1, Ordering::Relaxed);
    }
}

fuzz_target!(|data: &[u8]| {
    count(INPUTS);
    match std::str::from_utf8(data) {
        Ok(text) => check(text),
        Err(_) => check(&String::from_utf8_lossy(data)),
    }
    let n = STATS[INPUTS].load(Ordering::Relaxed);
    if n.is_power_of_two() && std::env::var_os("RUN_PARSE_STATS").is_some() {
        let s: Vec<u64> = STATS.iter().map(|c| c.load(Ordering::Relaxed)).collect();
        eprintln!(
            "run_parse stats: inputs {} parsed {} resealed {} rederived {} verified {} scored {}",
            s[0], s[1], s[2], s[3], s[4], s[5]
        );
    }
});

fn check(text: &str) {
    let file = match parse_run("fuzz.ron", text) {
        Ok(file) => {
            count(PARSED);
            file
        }
        Err(err) => {
            let _ = err.to_string();
            let _ = format!("{err:?}");
            return;
        }
    };
    // 1. As written.
    let error = match verify_and_score(&file) {
        Ok(()) => return,
        Err(error) => error,
    };
    if !matches!(error, VerifyError::BrokenSeal(_)) {
        return rederive(&file, &error);
    }
    // 2. Re-sealed.
    count(RESEALED);
    let resealed = reseal(&file);
    assert_eq!(resealed.broken_seal(), None, "a re-sealed log verifies");
    if let Err(error) = verify_and_score(&resealed) {
        rederive(&resealed, &error);
    }
}

/// 3. Re-derived, when the scenario hash or the case records do not match.
fn rederive(file: &RunFile, error: &VerifyError) {
    if !matches!(
        error,
        VerifyError::ScenarioHash
            | VerifyError::CaseCount { .. }
            | VerifyError::CaseMismatch { .. }
    ) {
        return;
    }
    count(REDERIVED);
    let Ok(scenario) = from_file("(embedded scenario)", file.scenario.clone()) else {
        unreachable!("replay got past loading the embedded scenario");
    };
    let mut derived = file.clone();
    derived.scenario_hash = scenario.hash.clone();
    derived.cases = generate(&scenario, file.seed, scenario.file.cases_per_run as usize)
        .iter()
        .map(CaseRecord::of)
        .collect();
    let derived = reseal(&derived);
    if let Err(error) = verify_and_score(&derived) {
        // Only the answers (order, times, content) can be wrong now, or too few of them for a
        // file that says it finished (an edited embedded scenario with more cases per run).
        assert!(
            matches!(
                error,
                VerifyError::Rejected { .. }
                    | VerifyError::OutOfOrder(_)
                    | VerifyError::CutShort { .. }
            ),
            "a re-derived file fails with {error:?}"
        );
    }
}

/// The file with every seal recomputed, keeping each entry's time and action.
fn reseal(file: &RunFile) -> RunFile {
    let mut resealed = RunFile {
        log: Vec::with_capacity(file.log.len()),
        ..file.clone()
    };
    for entry in &file.log {
        resealed.log_action(entry.at, entry.action.clone());
    }
    resealed
}

/// Replays and, when the file verifies, scores it and checks that it survives a save.
fn verify_and_score(file: &RunFile) -> Result<(), VerifyError> {
    let run = match replay(file) {
        Ok(run) => run,
        Err(error) => {
            let _ = error.to_string();
            let _ = format!("{error:?}");
            return Err(error);
        }
    };
    count(VERIFIED);
    let _ = run.due();
    let _ = run.visible();
    let _ = run.all_cases();
    let scores = score(&run);
    count(SCORED);
    check_scores(&run, &scores);
    // What a session would write must read back and verify to the same point.
    let text = file.to_ron();
    let again = parse_run("saved.ron", &text)
        .unwrap_or_else(|e| panic!("a verified file does not parse after to_ron: {e}"));
    let rerun = replay(&again)
        .unwrap_or_else(|e| panic!("a verified file does not verify after to_ron: {e}"));
    assert_eq!(rerun.phase(), run.phase());
    assert_eq!(rerun.all_answers(), run.all_answers());
    Ok(())
}

/// The scores of a verified run, with the benchmarks of its scenario (see the module comment).
fn score(run: &Run) -> Scores {
    let scenario: Arc<Scenario> = run.scenario_arc();
    let normed = |s: &Scenario| Actuarial::norm_with(s, FUZZ_NORMING_CASES, NORMING_SEED);
    BENCHMARKS.with(|cache| {
        let mut cache = cache.borrow_mut();
        if let Some(bench) = cache.get(&scenario.hash) {
            return score_run(run, bench);
        }
        if cache.len() < MAX_NORMED {
            let leaked: &'static Scenario = Box::leak(Box::new(Scenario::clone(&scenario)));
            let bench: &'static Benchmarks<'static> =
                Box::leak(Box::new(Benchmarks::with_actuarial(leaked, normed(leaked))));
            cache.insert(scenario.hash.clone(), bench);
            return score_run(run, bench);
        }
        score_run(
            run,
            &Benchmarks::with_actuarial(&scenario, normed(&scenario)),
        )
    })
}

fn check_scores(run: &Run, s: &Scores) {
    assert!(
        s.cases <= run.len(),
        "{} scored cases of {}",
        s.cases,
        run.len()
    );
    assert!(s.deteriorated <= s.cases && s.predicted <= s.cases);
    assert!(s.foreseen <= s.deteriorated && s.foreseen <= s.predicted);
    if run.phase() == Phase::Finished {
        assert_eq!(s.cases, run.len(), "a finished run scores every case");
    }
    let forecasts: usize = run
        .all_answers()
        .iter()
        .take(s.cases)
        .map(|a| a.forecasts.len())
        .sum();
    assert_eq!(
        s.forecasts.n as usize, forecasts,
        "every forecast of a revealed case is scored"
    );
    for b in s.benchmarks.values() {
        assert_eq!(b.n, s.forecasts.n);
    }
    let json = serde_json::to_value(s).unwrap_or_else(|e| panic!("scores do not serialise: {e}"));
    let Value::Object(top) = &json else {
        panic!("scores are not an object: {json}");
    };
    // Each group of metrics: a null has its reason beside it (a NaN would be a bare null).
    let mut groups = vec![&top["forecasts"], &top["drift"], &top["events"]];
    if let Some(Value::Object(benchmarks)) = top.get("benchmarks") {
        groups.extend(benchmarks.values());
    }
    for group in groups {
        let Value::Object(o) = group else {
            panic!("not an object: {group}");
        };
        for (k, v) in o {
            if v.is_null() {
                assert!(
                    o.get(&format!("{k}_undefined"))
                        .is_some_and(Value::is_string),
                    "{k} is null without a reason in {group}"
                );
            }
        }
    }
    assert_finite(&json);
}

/// Every number in the JSON is finite.
fn assert_finite(v: &Value) {
    match v {
        Value::Number(n) => assert!(n.as_f64().is_some_and(f64::is_finite), "{n}"),
        Value::Array(a) => a.iter().for_each(assert_finite),
        Value::Object(o) => o.values().for_each(assert_finite),
        _ => {}
    }
}
