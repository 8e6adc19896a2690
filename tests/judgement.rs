//! Scores a trainer can trust: the judgement cost (how far forecasts lay from the best possible ones,
//! with no outcome in it) beside the Brier score in `score`, `cohort` and its CSV; a class ranked only
//! where the ranking is reliable; and a simulated class showing which score measures judgement.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may fail loudly

mod common;

use common::ontrack;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use ontrack::forecast::{Benchmark, Benchmarks};
use ontrack::model::generate;
use ontrack::run::Session;
use ontrack::run::bots::{Bot, BotPlayer, play};
use ontrack::run::machine::reached;
use ontrack::scenario::resolve;

/// Plays a whole run of `scenario` at `seed` with `bot` as `trainee` into `dir`; its file.
fn play_run(dir: &Path, scenario: &str, seed: u64, bot: Bot, trainee: &str) -> PathBuf {
    let scenario = Arc::new(resolve(scenario).unwrap());
    let bench = Benchmarks::new(&scenario);
    let mut s = Session::start(dir, Arc::clone(&scenario), seed, trainee, "").unwrap();
    play(&mut s, &bench, bot, seed, &mut |_| {}).unwrap();
    s.path().to_path_buf()
}

fn score_json(run: &Path) -> serde_json::Value {
    let (code, stdout, stderr) = ontrack(&["score", run.to_str().unwrap(), "--json"]);
    assert_eq!(code, 0, "{stderr}");
    serde_json::from_str(&stdout).unwrap()
}

/// In whole percent from 1 to 99, as a trainee answers.
fn whole(p: f64) -> f64 {
    (p * 100.0).round().clamp(1.0, 99.0) / 100.0
}

#[test]
fn the_ideal_bot_costs_nothing_and_the_base_rate_bot_its_distance_from_the_best() {
    let dir = tempfile::tempdir().unwrap();
    let ideal = score_json(&play_run(
        dir.path(),
        "depression-cbt-oq45",
        5,
        Bot::Ideal,
        "i",
    ));
    let j = &ideal["judgement"];
    assert_eq!(j["cost"].as_f64(), Some(0.0), "{j}");
    assert_eq!(j["points"].as_f64(), Some(0.0), "{j}");
    assert_eq!(j["cost_ci"]["low"].as_f64(), Some(0.0), "{j}");
    assert_eq!(j["cost_ci"]["high"].as_f64(), Some(0.0), "{j}");

    // The base-rate bot: the mean of (base rate − p*)² over every case and checkpoint it reached
    // (a client who stopped coming before a checkpoint is not forecast there), computed here from
    // the regenerated cases and the ideal forecaster.
    let run = play_run(dir.path(), "depression-cbt-oq45", 5, Bot::BaseRate, "b");
    let scored = score_json(&run);
    let scenario = resolve("depression-cbt-oq45").unwrap();
    let bench = Benchmarks::new(&scenario);
    let base = whole(scenario.file.deterioration_rate.value);
    let cases = generate(&scenario, 5, scenario.file.cases_per_run as usize);
    let mut squares = Vec::new();
    for case in &cases {
        for &cp in scenario
            .file
            .checkpoints
            .iter()
            .filter(|&&cp| reached(&scenario, case, cp))
        {
            let best = whole(bench.forecast(Benchmark::Ideal, &case.visible(cp)));
            squares.push((base - best).powi(2));
        }
    }
    let expected = squares.iter().sum::<f64>() / squares.len() as f64;
    let j = &scored["judgement"];
    assert_eq!(j["n"].as_u64(), Some(squares.len() as u64));
    let cost = j["cost"].as_f64().unwrap();
    assert!((cost - expected).abs() < 1e-12, "{cost} vs {expected}");
    assert!(expected > 0.0);
    let (low, high) = (
        j["cost_ci"]["low"].as_f64().unwrap(),
        j["cost_ci"]["high"].as_f64().unwrap(),
    );
    assert!(
        low <= cost && cost <= high && low < high,
        "{low} {cost} {high}"
    );
    // The parts add up: systematic + scatter = cost, systematic = bias².
    let (bias, sys, scatter) = (
        j["bias"].as_f64().unwrap(),
        j["systematic"].as_f64().unwrap(),
        j["scatter"].as_f64().unwrap(),
    );
    assert!((sys - bias * bias).abs() < 1e-12 && (sys + scatter - cost).abs() < 1e-12);

    // In words, in both languages, beside the Brier score.
    let (code, en, _) = ontrack(&["--lang", "en", "score", run.to_str().unwrap()]);
    assert_eq!(code, 0);
    assert!(
        en.contains("Judgement cost: on average your forecasts were"),
        "{en}"
    );
    assert!(
        en.contains("The Brier score includes luck; the judgement cost does not."),
        "{en}"
    );
    let (_, nl, _) = ontrack(&["--lang", "nl", "report", run.to_str().unwrap()]);
    assert!(
        nl.contains("Oordeelskosten: je voorspellingen lagen gemiddeld"),
        "{nl}"
    );
    assert!(nl.contains("De Brier-score bevat geluk"), "{nl}");
}

#[test]
fn the_cohort_csv_and_json_carry_the_judgement_cost() {
    let dir = tempfile::tempdir().unwrap();
    let runs = dir.path().join("runs");
    std::fs::create_dir(&runs).unwrap();
    play_run(&runs, "first-lesson", 3, Bot::BaseRate, "anna");
    play_run(&runs, "first-lesson", 3, Bot::Ideal, "bram");
    let csv = dir.path().join("c.csv");
    let (code, _, stderr) = ontrack(&[
        "cohort",
        runs.to_str().unwrap(),
        "--csv",
        csv.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{stderr}");
    let mut reader = csv::Reader::from_path(&csv).unwrap();
    let header = reader.headers().unwrap().clone();
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let row = |who: &str| rows.iter().find(|r| &r[col("trainee")] == who).unwrap();
    assert_eq!(&row("bram")[col("judgement_cost")], "0.000000");
    let anna: f64 = row("anna")[col("judgement_cost")].parse().unwrap();
    assert!(anna > 0.0);
    for c in [
        "judgement_cost_low",
        "judgement_cost_high",
        "judgement_points",
    ] {
        assert!(!row("anna")[col(c)].is_empty(), "{c}");
    }
    let (code, stdout, _) = ontrack(&["cohort", runs.to_str().unwrap(), "--json"]);
    assert_eq!(code, 0);
    let json: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    let costs: Vec<f64> = json["runs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["judgement"]["cost"].as_f64().unwrap())
        .collect();
    assert!(
        costs.contains(&0.0) && costs.iter().any(|c| (c - anna).abs() < 1e-6),
        "{costs:?}"
    );
    assert!(json["rankings"][0]["by"].as_array().unwrap().len() == 2);
}

/// The text of `cohort` on a folder of runs of `scenario` at `seed`, one per (bot, pseudonym).
fn cohort_of(scenario: &str, seed: u64, players: &[(Bot, &str)]) -> (String, serde_json::Value) {
    let dir = tempfile::tempdir().unwrap();
    for &(bot, name) in players {
        play_run(dir.path(), scenario, seed, bot, name);
    }
    let (code, text, stderr) = ontrack(&["--lang", "en", "cohort", dir.path().to_str().unwrap()]);
    assert_eq!(code, 0, "{stderr}");
    let (_, json, _) = ontrack(&["cohort", dir.path().to_str().unwrap(), "--json"]);
    (text, serde_json::from_str(&json).unwrap())
}

#[test]
fn a_class_of_identical_bots_is_not_ranked_and_a_class_of_different_ones_is() {
    let same: Vec<(Bot, &str)> = ["a", "b", "c", "d", "e"]
        .iter()
        .map(|n| (Bot::BaseRate, *n))
        .collect();
    let (text, json) = cohort_of("depression-cbt-oq45", 21, &same);
    assert!(
        text.contains("Ranking by judgement cost: no reliable differences"),
        "{text}"
    );
    assert!(
        text.contains("Ranking by Brier score: no reliable differences"),
        "{text}"
    );
    for by in json["rankings"][0]["by"].as_array().unwrap() {
        assert_eq!(by["ranked"], false, "{by}");
        assert!(by["ranks"].as_array().unwrap().iter().all(|r| r.is_null()));
    }

    let different = [
        (Bot::Ideal, "ideal"),
        (Bot::BaseRate, "base"),
        (Bot::Random, "random"),
        (Bot::Overconfident, "over"),
        (Bot::Random, "random2"),
        (Bot::Ideal, "ideal2"),
    ];
    let (text, json) = cohort_of("depression-cbt-oq45", 21, &different);
    assert!(
        text.contains("Ranking by judgement cost: reliable"),
        "{text}"
    );
    let by = json["rankings"][0]["by"]
        .as_array()
        .unwrap()
        .iter()
        .find(|b| b["score"] == "judgement_cost")
        .unwrap();
    assert_eq!(by["ranked"], true, "{by}");
    let files: Vec<&str> = json["rankings"][0]["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f.as_str().unwrap())
        .collect();
    let rank_of = |who: &str| {
        let i = files
            .iter()
            .position(|f| {
                Path::new(f)
                    .file_name()
                    .is_some_and(|n| n.to_string_lossy().starts_with(&format!("{who}_")))
            })
            .unwrap();
        by["ranks"][i]
            .as_u64()
            .unwrap_or_else(|| panic!("{who}: {by}\n{text}"))
    };
    // The two ideal bots share the first place; the random ones come last.
    assert_eq!((rank_of("ideal"), rank_of("ideal2")), (1, 1));
    assert!(rank_of("random") > rank_of("base") && rank_of("random2") > rank_of("over"));
}

/// 30 typical personas (the bot's per-pseudonym weights as they are: each cue's weight scaled by 0.5
/// to 1.5 and the intercept moved by up to ±0.5 log-odds), each playing course codes of
/// depression-cbt-oq45 (12 clients, 3 checkpoints) in twelve pairs: on average over the pairs the
/// judgement cost ranks the same people more alike on both codes of a pair than the Brier score.
/// The typical personas differ little from each other beside how far all of them are from the best
/// forecasts, so with 12 clients a pair's correlations swing widely (the Brier score's from −0.86 to
/// 0.95): three pairs were too few to compare the means, twelve take two seconds. The figures are in
/// the README.
#[test]
fn the_judgement_cost_is_more_reliable_across_course_codes_than_the_brier_score() {
    let scenario = Arc::new(resolve("depression-cbt-oq45").unwrap());
    let bench = Benchmarks::new(&scenario);
    let r = ontrack::stats::pearson;
    let (mut rb, mut rj) = (Vec::new(), Vec::new());
    for pair in (1..=12_u64).map(|k| [101 * (2 * k - 1), 101 * 2 * k]) {
        let mut brier = [Vec::new(), Vec::new()];
        let mut cost = [Vec::new(), Vec::new()];
        for person in 0..30_u64 {
            for (k, seed) in pair.into_iter().enumerate() {
                let mut run = ontrack::run::Run::new(Arc::clone(&scenario), seed);
                let mut player = BotPlayer::person(Bot::Typical, &bench, seed, person);
                while let Some(action) = player.next_action(&run) {
                    run.apply(&action).unwrap();
                }
                let s = ontrack::debrief::score_run(&run, &bench);
                brier[k].push(s.forecasts.brier.value().unwrap());
                cost[k].push(s.judgement.cost.value().unwrap());
            }
        }
        rb.push(r(&brier[0], &brier[1]));
        rj.push(r(&cost[0], &cost[1]));
    }
    let mean = |v: &[f64]| v.iter().sum::<f64>() / v.len() as f64;
    println!(
        "test–retest over pairs of course codes: Brier {rb:.2?} (mean {:.2}), judgement cost {rj:.2?} (mean {:.2})",
        mean(&rb),
        mean(&rj)
    );
    assert!(mean(&rj) > mean(&rb), "Brier {rb:?}, judgement cost {rj:?}");
}

/// The designed class of the study (30 personas whose bias and scatter around the best forecast
/// differ by known amounts), on ten course codes of depression-cbt-oq45 at 12, 36 and 120 clients
/// each: the judgement cost orders pairs whose judgement differs by construction more often than
/// the Brier score, and agrees with itself across course codes far more. The figures are the
/// README's (`cargo test --test judgement designed -- --nocapture` prints them).
#[test]
fn on_a_designed_class_the_judgement_cost_orders_more_pairs_rightly() {
    use ontrack::research::ranking_study::{ranking_study, study_class};
    let scenario = resolve("depression-cbt-oq45").unwrap();
    let rows = ranking_study(&scenario, &study_class(), &[12, 36, 120], 10, 500);
    println!("cases  pairs ordered rightly (Brier, judgement)  test–retest r (Brier, judgement)");
    for row in &rows {
        println!(
            "{:>5}  {:>6.2} {:>6.2}  {:>6.2} {:>6.2}",
            row.cases,
            row.brier_orders,
            row.judgement_orders,
            row.brier_retest,
            row.judgement_retest
        );
        assert!(row.judgement_orders > row.brier_orders, "{row:?}");
        assert!(row.judgement_retest > row.brier_retest, "{row:?}");
    }
    // With a course's 12 clients the difference is large.
    assert!(
        rows[0].judgement_orders > rows[0].brier_orders + 0.1,
        "{:?}",
        rows[0]
    );
    // More clients, more pairs ordered rightly by either score.
    assert!(rows[2].brier_orders > rows[0].brier_orders);
    assert!(rows[2].judgement_orders > rows[0].judgement_orders);
}
