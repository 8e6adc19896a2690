//! What a run teaches: a trainee with a known bias in how they weigh the cues is told that bias,
//! and only that one.

use std::sync::Arc;

use ontrack::forecast::Benchmarks;
use ontrack::run::Run;
use ontrack::run::bots::{Bot, BotPlayer, ClinicianPolicy};
use ontrack::scenario::{Lang, Scenario, resolve};
use ontrack::teach::cues::Cue;
use ontrack::teach::lens::{Lens, LensPoint, Verdict};
use ontrack::teach::lens_points;
use ontrack::teach::text::lens_sentences;

fn play(scenario: &Arc<Scenario>, seed: u64, mut player: BotPlayer) -> Run {
    let mut run = Run::new(Arc::clone(scenario), seed);
    while let Some(action) = player.next_action(&run) {
        if let Err(e) = run.apply(&action) {
            panic!("bots answer what is due: {e}");
        }
    }
    run
}

/// The forecasts of `runs` runs played by `player(seed)`, pooled as over a trainee's saved runs.
fn pooled<'b>(
    scenario: &Arc<Scenario>,
    bench: &'b Benchmarks<'b>,
    runs: u64,
    player: impl Fn(u64) -> BotPlayer<'b>,
) -> Vec<LensPoint> {
    (0..runs)
        .flat_map(|seed| lens_points(&play(scenario, 500 + seed, player(seed)), bench))
        .collect()
}

#[test]
fn a_clinician_who_doubles_the_alliance_is_told_so() {
    let scenario = Arc::new(resolve("depression-cbt-oq45").expect("bundled"));
    let bench = Benchmarks::new(&scenario);
    // The task's policy: the best possible forecasts regressed on the cues.
    let ideal = pooled(&scenario, &bench, 12, |seed| {
        BotPlayer::new(Bot::Ideal, &bench, seed)
    });
    let task = Lens::fit(&ideal)
        .expect("the ideal bot's forecasts vary")
        .task;
    let w = |c: Cue| task.weights[c as usize].unwrap_or(0.0);
    let faithful = ClinicianPolicy {
        intercept: task.intercept,
        change: w(Cue::Change),
        alliance: w(Cue::LowAlliance),
        drift: w(Cue::Drift),
        event: w(Cue::Events),
        intake: w(Cue::Severity),
        noise: 0.1,
    };
    let doubled = ClinicianPolicy {
        alliance: 2.0 * faithful.alliance,
        ..faithful
    };
    eprintln!("task policy {task:?}");
    let biased = Lens::fit(&pooled(&scenario, &bench, 12, |seed| {
        BotPlayer::clinician(&bench, seed, doubled)
    }))
    .expect("fits");
    eprintln!("biased trainee {:?}", biased.trainee);
    assert!(
        matches!(biased.verdict(Cue::LowAlliance), Some(Verdict::Over(r)) if (1.6..2.5).contains(&r)),
        "{:?}",
        biased.verdict(Cue::LowAlliance)
    );
    let en = lens_sentences(&biased, Lang::En).join(" ");
    assert!(
        en.contains("You gave a low alliance about twice the weight it deserves"),
        "{en}"
    );
    let nl = lens_sentences(&biased, Lang::Nl).join(" ");
    assert!(
        nl.contains("een zwakke werkrelatie ongeveer twee keer zoveel gewicht"),
        "{nl}"
    );
    // The faithful clinician is not told about the alliance.
    let fair = Lens::fit(&pooled(&scenario, &bench, 12, |seed| {
        BotPlayer::clinician(&bench, seed, faithful)
    }))
    .expect("fits");
    let en = lens_sentences(&fair, Lang::En).join(" ");
    assert!(!en.contains("alliance"), "{en}");
}
