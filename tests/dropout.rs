//! Dropout as it happens (issue 26): in every bundled scenario of ten or more sessions many clients
//! who stop early stop after the first few sessions, and those who stop had the weaker early
//! alliance. Counted here from the generated cases themselves, not through `check`.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may fail loudly

use ontrack::model::generate_case;
use ontrack::scenario::{bundled_ids, resolve};

/// Cases per scenario: about 4 000 dropouts, so a share of them is known to about ±0.01 and the
/// alliance gap to about ±0.035 SD.
const CASES: u64 = 20_000;

#[test]
fn dropout_is_front_loaded_and_follows_a_weak_alliance() {
    let mut checked = 0;
    for id in bundled_ids() {
        let s = resolve(id).unwrap();
        let sessions = s.sessions();
        if sessions < 10 {
            continue;
        }
        checked += 1;
        // Clients chosen by their scores up to session 3 are judged over the three sessions after
        // it; the others over the first three.
        let by = if s.selected_by.is_some() { 5 } else { 3 };
        let first_checkpoint_after_intake = s
            .file
            .checkpoints
            .iter()
            .map(|&c| c as usize)
            .find(|&c| c > 0)
            .unwrap();
        let (mut dropouts, mut early, mut before_checkpoint) = (0_u32, 0_u32, 0_u32);
        // Mean early alliance (ratings of sessions 1 to min(3, L)) of completers and of dropouts.
        let mut groups = [Vec::new(), Vec::new()];
        for i in 0..CASES {
            let case = generate_case(&s, 7, i);
            let last = case.scores.len() - 1;
            let dropped = last < sessions;
            if dropped {
                dropouts += 1;
                early += u32::from(last <= by);
                before_checkpoint += u32::from(last < first_checkpoint_after_intake);
            }
            let k = last.min(3);
            let mean = case.alliance[..k].iter().sum::<f64>() / k as f64;
            groups[usize::from(dropped)].push(mean);
        }
        let share = f64::from(early) / f64::from(dropouts);
        assert!(
            share >= 1.0 / 3.0,
            "{id}: {share:.3} of the dropouts left by session {by}"
        );
        if s.selected_by.is_none() {
            assert!(
                before_checkpoint > 0,
                "{id}: no case ended before the checkpoint at session {first_checkpoint_after_intake}"
            );
        }
        let [completers, dropped] = &groups;
        let (m1, v1) = mean_var(completers);
        let (m0, v0) = mean_var(dropped);
        let (n1, n0) = (completers.len() as f64, dropped.len() as f64);
        let pooled = (((n1 - 1.0) * v1 + (n0 - 1.0) * v0) / (n1 + n0 - 2.0)).sqrt();
        let d = (m1 - m0) / pooled;
        assert!(
            d > 0.3,
            "{id}: dropouts' early alliance lies only {d:.3} SD below the completers'"
        );
    }
    assert!(checked >= 9, "only {checked} scenarios of 10+ sessions");
}

fn mean_var(x: &[f64]) -> (f64, f64) {
    let n = x.len() as f64;
    let mean = x.iter().sum::<f64>() / n;
    (
        mean,
        x.iter().map(|v| (v - mean).powi(2)).sum::<f64>() / (n - 1.0),
    )
}
