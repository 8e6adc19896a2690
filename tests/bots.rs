//! The bots as reference trainees: the typical bot must judge like the therapists of Hannan et al.
//! (2005) — 48 therapists predicted deterioration for 3 of 550 clients, while 40 deteriorated — and a
//! class of typical bots must not be one person copied.

use std::sync::Arc;

use ontrack::debrief::score_run;
use ontrack::forecast::Benchmarks;
use ontrack::run::Run;
use ontrack::run::bots::{Bot, BotPlayer};
use ontrack::scenario::resolve;

/// Plays one run of `scenario` with seed `seed` by `bot` seeded `who`.
fn play(
    bench: &Benchmarks,
    scenario: &Arc<ontrack::scenario::Scenario>,
    seed: u64,
    bot: Bot,
    who: u64,
) -> Run {
    let mut run = Run::new(Arc::clone(scenario), seed);
    let mut player = BotPlayer::new(bot, bench, who);
    while let Some(action) = player.next_action(&run) {
        if let Err(e) = run.apply(&action) {
            panic!("bots answer what is due: {e}");
        }
    }
    run
}

#[test]
fn the_typical_bot_foresees_as_few_deteriorations_as_hannans_therapists() {
    let scenario = Arc::new(resolve("depression-cbt-oq45").expect("bundled"));
    let bench = Benchmarks::new(&scenario);
    let per_run = scenario.file.cases_per_run as usize;
    let runs = 550usize.div_ceil(per_run);
    let (mut clients, mut deteriorated, mut predicted, mut foreseen) = (0, 0, 0, 0);
    for seed in 0..runs as u64 {
        // A different therapist for every run, as in a clinic.
        let run = play(&bench, &scenario, 1000 + seed, Bot::Typical, seed);
        let scores = score_run(&run, &bench);
        clients += scores.cases;
        deteriorated += scores.deteriorated;
        predicted += scores.predicted;
        foreseen += scores.foreseen;
    }
    eprintln!(
        "{clients} clients, {deteriorated} deteriorated, {predicted} predicted, {foreseen} foreseen"
    );
    assert!(clients >= 550);
    assert!(
        deteriorated >= 20,
        "the scenario's base rate gives deteriorations to miss"
    );
    assert!(
        predicted <= 12,
        "{predicted} of {clients} predicted to deteriorate (Hannan: 3 of 550)"
    );
    assert!(
        foreseen * 4 <= deteriorated,
        "{foreseen} of {deteriorated} deteriorations foreseen: far too many for a typical therapist"
    );
}

#[test]
fn a_class_of_typical_bots_on_one_course_code_shows_a_spread() {
    let scenario = Arc::new(resolve("depression-cbt-oq45").expect("bundled"));
    let bench = Benchmarks::new(&scenario);
    let briers: Vec<f64> = (0..6)
        .map(|who| {
            let run = play(&bench, &scenario, 42, Bot::Typical, who);
            *score_run(&run, &bench)
                .forecasts
                .brier
                .as_ref()
                .value()
                .expect("defined")
        })
        .collect();
    let mut distinct = briers.clone();
    distinct.sort_by(f64::total_cmp);
    distinct.dedup();
    assert!(distinct.len() >= 5, "six trainees, Brier scores {briers:?}");
    // The same pseudonym seed plays the same way.
    let again = score_run(&play(&bench, &scenario, 42, Bot::Typical, 0), &bench);
    assert_eq!(
        again.forecasts.brier.as_ref().value().copied(),
        Some(briers[0])
    );
}
