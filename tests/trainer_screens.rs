//! The trainer station driven as a trainer would, without a window (egui_kittest): open it from the
//! start screen, load a folder with a broken file in it, sort the table, select a trainee, open a run
//! and step through its cases, export the CSV (the same bytes as `ontrack cohort --csv`), and hand
//! out a course with its instruction sheet.

#![cfg(feature = "gui")]
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may fail loudly

mod common;

use std::path::Path;
use std::sync::Arc;

use bevy_egui::egui;
use common::screens::click;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use ontrack::app::trainer::Tab;
use ontrack::app::{AppState, Screen};
use ontrack::cohort::handout::deteriorating;
use ontrack::cohort::views::SortKey;
use ontrack::forecast::Benchmarks;
use ontrack::run::Session;
use ontrack::run::bots::{Bot, play};
use ontrack::scenario::{Lang, resolve};

/// Two trainees per bot on the minimal scenario, and one run file cut short.
fn make_cohort(dir: &Path) {
    let scenario = Arc::new(resolve("tests/scenarios/minimal.ron").unwrap());
    let bench = Benchmarks::new(&scenario);
    for bot in Bot::ALL {
        for k in 1..=2 {
            let trainee = format!("{}-{k}", bot.name());
            let mut s = Session::start(dir, Arc::clone(&scenario), 40 + k, &trainee, "").unwrap();
            play(&mut s, &bench, bot, k, &mut |_| {}).unwrap();
        }
    }
    let mut s = Session::start(dir, Arc::clone(&scenario), 41, "cut-short", "").unwrap();
    play(&mut s, &bench, Bot::Ideal, 1, &mut |_| {}).unwrap();
    let text = std::fs::read_to_string(s.path()).unwrap();
    std::fs::write(s.path(), &text[..text.len() / 2]).unwrap();
}

fn brier(h: &Harness<'static, AppState>) -> Vec<Option<f64>> {
    h.state()
        .trainer
        .sorted_runs()
        .iter()
        .map(|(_, r)| SortKey::Brier.value(r))
        .collect()
}

#[test]
fn a_trainer_reviews_a_cohort() {
    let dir = tempfile::tempdir().unwrap();
    make_cohort(dir.path());
    let scenarios = vec![Arc::new(resolve("tests/scenarios/minimal.ron").unwrap())];
    let state = AppState::new(scenarios, dir.path().to_path_buf(), Lang::En);
    let mut h = common::screens::harness(state, [1400.0, 1000.0]);
    h.run();

    // From the start screen to the trainer station; the folder is the results folder.
    click(&mut h, "Trainer view");
    assert_eq!(h.state().screen, Screen::Trainer);
    assert_eq!(h.state().trainer.folder, dir.path().display().to_string());
    click(&mut h, "Load");
    h.state_mut().trainer.wait();
    let _ = h.run_ok();
    let cohort = h.state().trainer.cohort.as_ref().expect("loaded");
    assert_eq!(cohort.runs.len(), 12);
    assert_eq!(cohort.rejected.len(), 1, "the file cut short is listed");
    click(&mut h, "Files that could not be used (1)");
    // Cut in half, the finished run's answers stop before its end (its appended lines are read
    // up to the cut).
    assert!(
        h.get_all_by_label_contains("answers were cut off after the run finished")
            .next()
            .is_some(),
        "the warnings panel says why"
    );
    assert!(h.get_all_by_label("class (pooled)").next().is_some());
    assert!(h.get_all_by_label("best possible").next().is_some());

    // Sort: ascending by Brier at first; the header turns it around; another column sorts by it.
    let ascending = brier(&h);
    assert!(ascending.windows(2).all(|w| match (w[0], w[1]) {
        (Some(a), Some(b)) => a <= b,
        (_, None) => true,
        (None, Some(_)) => false,
    }));
    click(&mut h, "Brier score (lower is better) ⏶");
    assert!(h.state().trainer.descending);
    let descending = brier(&h);
    assert!(descending.windows(2).all(|w| match (w[0], w[1]) {
        (Some(a), Some(b)) => a >= b,
        (_, None) => true,
        (None, Some(_)) => false,
    }));
    click(&mut h, "trainee");
    assert_eq!(h.state().trainer.sort, SortKey::Trainee);
    let names: Vec<String> = h
        .state()
        .trainer
        .sorted_runs()
        .iter()
        .map(|(_, r)| r.trainee.clone())
        .collect();
    let mut sorted = names.clone();
    sorted.sort();
    assert_eq!(names, sorted);

    // Select a trainee: their runs join the class on the reliability diagram.
    click(&mut h, "ideal-1");
    let selected = h.state().trainer.selected.unwrap();
    assert_eq!(
        h.state().trainer.cohort.as_ref().unwrap().runs[selected].trainee,
        "ideal-1"
    );
    assert!(
        h.get_all_by_label_contains("Course runs pooled (drills apart): Brier")
            .next()
            .is_some()
    );

    // Drill down: open the first row's run, step to case 2, and back.
    h.get_all_by_label("open").next().unwrap().click();
    let _ = h.run_ok();
    let drill = h.state().trainer.drill.as_ref().expect("the run is open");
    assert_eq!(drill.case, 0);
    h.state_mut().trainer.wait();
    assert!(
        h.state()
            .trainer
            .drill
            .as_ref()
            .unwrap()
            .actuarial
            .is_some(),
        "the expected-response band's rule is normed for the opened run"
    );
    assert!(h.get_all_by_label_contains("Outcome:").next().is_some());
    click(&mut h, "Case 2");
    assert_eq!(h.state().trainer.drill.as_ref().unwrap().case, 1);
    click(&mut h, "Back to the table");
    assert!(h.state().trainer.drill.is_none());

    // Export: beside the folder, never into it, the same bytes as `ontrack cohort --csv`; a file
    // in the way is replaced only when the trainer exports again.
    let beside = dir
        .path()
        .parent()
        .unwrap()
        .canonicalize()
        .unwrap()
        .join(format!(
            "{}-cohort.csv",
            dir.path().file_name().unwrap().to_string_lossy()
        ));
    std::fs::write(&beside, "last week's").unwrap();
    click(&mut h, "Export CSV");
    let said = h.state().trainer.message.clone().unwrap();
    assert!(said.contains("exists already"), "{said}");
    assert_eq!(std::fs::read_to_string(&beside).unwrap(), "last week's");
    click(&mut h, "Export CSV");
    let exported = std::fs::read(&beside).unwrap();
    let out = tempfile::tempdir().unwrap();
    let cli_csv = out.path().join("cli.csv");
    let folder = dir.path().display().to_string();
    let (code, _, stderr) =
        common::ontrack(&["cohort", &folder, "--csv", &cli_csv.display().to_string()]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(exported, std::fs::read(&cli_csv).unwrap());
    std::fs::remove_file(&beside).unwrap();

    // Save the diagram as a picture: the window layer is asked for the plot's part of the screen.
    click(&mut h, "Save as picture (PNG)");
    let (path, rect) = h.state().trainer.plot_export.clone().expect("asked");
    let opened = h.state().trainer.selected.unwrap();
    let who = h.state().trainer.cohort.as_ref().unwrap().runs[opened]
        .trainee
        .clone();
    assert!(
        path.ends_with(format!("reliability-class-and-{who}.png")),
        "{}",
        path.display()
    );
    assert!(rect.width() > 100.0 && rect.height() > 100.0);

    // Hand out a course: a seed gives the code and the sheet.
    click(&mut h, "Hand out a course");
    assert_eq!(h.state().trainer.tab, Tab::HandOut);
    h.state_mut().trainer.handout_seed = "1234".to_string();
    let _ = h.run_ok();
    let prefix = h.state().scenarios[0].course_prefix();
    let code = ontrack::run::code::encode(&prefix, 1234).unwrap();
    assert!(
        h.get_all_by_label(&code).next().is_some(),
        "the code is shown"
    );
    click(&mut h, "Save the instruction sheet (English)");
    let sheet = std::fs::read_to_string(dir.path().join(format!("course-{code}-en.html"))).unwrap();
    assert!(sheet.contains(&code));
    assert!(sheet.contains("nothing about the mix is guaranteed"));
    // A course whose cases hold no deteriorating client is flagged; 'Pick one' picks one that has.
    let scenario = Arc::clone(&h.state().scenarios[0]);
    let barren = (0..1000)
        .find(|&seed| deteriorating(&scenario, seed) == 0)
        .unwrap();
    h.state_mut().trainer.handout_seed = barren.to_string();
    let _ = h.run_ok();
    assert!(
        h.get_all_by_label_contains("No client deteriorates in this course")
            .next()
            .is_some()
    );
    for _ in 0..5 {
        click(&mut h, "Pick one");
        let picked: u64 = h.state().trainer.handout_seed.parse().unwrap();
        assert!(deteriorating(&scenario, picked) > 0, "seed {picked}");
        assert!(
            h.query_all_by_label_contains("No client deteriorates in this course")
                .next()
                .is_none()
        );
    }
    h.state_mut().trainer.handout_seed = "99999".to_string();
    let _ = h.run_ok();
    assert!(
        h.get_all_by_label_contains("⚠").next().is_some(),
        "a seed out of range is explained"
    );
}

#[test]
fn a_run_handed_in_twice_counts_once_in_every_view() {
    let handed = common::handed_in_twice();
    let open = |dir: &Path| {
        let scenarios = vec![Arc::new(resolve("tests/scenarios/minimal.ron").unwrap())];
        let state = AppState::new(scenarios, dir.to_path_buf(), Lang::En);
        let mut h = common::screens::harness(state, [1400.0, 1000.0]);
        h.run();
        click(&mut h, "Trainer view");
        click(&mut h, "Load");
        h.state_mut().trainer.wait();
        let _ = h.run_ok();
        h
    };
    let mut alone = open(&handed.alone);
    let mut twice = open(&handed.twice);
    let cohort = twice.state().trainer.cohort.as_ref().unwrap();
    assert_eq!(cohort.runs.len(), 1, "one row for bob");
    assert_eq!(cohort.runs[0].file, handed.original.display().to_string());
    assert_eq!(cohort.rejected.len(), 2);
    // Every view pools the same numbers as with the run alone.
    let views = |h: &mut Harness<'static, AppState>| {
        let summary = h.state().trainer.summary.as_ref().unwrap();
        let pinned = serde_json::to_value(
            summary
                .pinned
                .iter()
                .map(|(_, scores)| scores)
                .collect::<Vec<_>>(),
        )
        .unwrap();
        let cases = serde_json::to_value(&summary.cases).unwrap();
        h.state_mut().trainer.progress_of = None;
        let progress = serde_json::to_value(h.state_mut().trainer.progress_points()).unwrap();
        (pinned, cases, progress)
    };
    assert_eq!(views(&mut twice), views(&mut alone));
    // The warnings panel names both extra files and the one kept.
    click(&mut twice, "Files that could not be used (2)");
    let kept = handed.original.display().to_string();
    for extra in [&handed.copy, &handed.early] {
        let said = format!("{}: the same run as {kept}", extra.display());
        assert!(
            twice.get_all_by_label_contains(&said).next().is_some(),
            "{said}"
        );
    }
}

/// The runs table says, per course, whether its ranking by each score is worth reading: a class of
/// identical bots has no reliable differences; a class of clearly different bots is ranked by the
/// judgement cost. The judgement cost is a column of the table and a headline.
#[test]
fn the_table_says_how_reliable_each_ranking_is() {
    let scenario = Arc::new(resolve("depression-cbt-oq45").unwrap());
    let bench = Benchmarks::new(&scenario);
    let load = |players: &[(Bot, &str)]| {
        let dir = tempfile::tempdir().unwrap();
        for &(bot, name) in players {
            let mut s = Session::start(dir.path(), Arc::clone(&scenario), 21, name, "").unwrap();
            play(&mut s, &bench, bot, 21, &mut |_| {}).unwrap();
        }
        let scenarios = vec![Arc::clone(&scenario)];
        let mut state = AppState::new(scenarios, dir.path().to_path_buf(), Lang::En);
        state.screen = Screen::Trainer;
        state.trainer.folder = dir.path().display().to_string();
        let mut h = common::screens::harness(state, [1400.0, 1000.0]);
        h.run();
        click(&mut h, "Load");
        h.state_mut().trainer.wait();
        let _ = h.run_ok();
        (h, dir)
    };
    let same: Vec<(Bot, &str)> = ["a", "b", "c", "d"]
        .iter()
        .map(|n| (Bot::BaseRate, *n))
        .collect();
    let (h, _dir) = load(&same);
    for text in [
        "Ranking by judgement cost: no reliable differences",
        "Ranking by Brier score: no reliable differences",
        "The class's judgement",
    ] {
        assert!(
            h.query_all_by_label_contains(text).next().is_some(),
            "shows {text:?}"
        );
    }
    assert!(
        h.query_all_by_label_contains("judgement cost in percentage points")
            .next()
            .is_some()
    );
    let different = [
        (Bot::Ideal, "ideal"),
        (Bot::BaseRate, "base"),
        (Bot::Random, "random"),
        (Bot::Overconfident, "over"),
        (Bot::Random, "random2"),
        (Bot::Ideal, "ideal2"),
    ];
    let (mut h, _dir) = load(&different);
    assert!(
        h.query_all_by_label_contains("Ranking by judgement cost: reliable")
            .next()
            .is_some()
    );
    // The progress per course day shows the judgement cost beside the Brier score.
    h.state_mut().trainer.tab = Tab::Progress;
    h.run();
    assert!(
        h.query_all_by_label("judgement cost").next().is_some(),
        "the progress table and plot name the judgement cost"
    );
    let day = &h.state_mut().trainer.progress_points()[0];
    assert!(day.judgement.is_defined());
}

/// The folder's entries that are not run files (a folder, a text file) are listed in the runs
/// view with what each is, under a heading in the interface's language.
#[test]
fn the_folders_other_entries_are_listed_with_what_they_are_in_both_languages() {
    let dir = tempfile::tempdir().unwrap();
    make_cohort(dir.path());
    std::fs::create_dir(dir.path().join("old-classes")).unwrap();
    std::fs::write(dir.path().join("notes.txt"), "not a run").unwrap();
    for (lang, heading, folder_is, text_is) in [
        (
            Lang::En,
            "Other entries of the folder, not run files (2)",
            "a folder — run files are read from this folder only",
            "only files named *.ron",
        ),
        (
            Lang::Nl,
            "Andere items in de map, geen rondebestanden (2)",
            "een map — rondebestanden worden alleen uit deze map gelezen",
            "alleen bestanden met een naam op *.ron",
        ),
    ] {
        let scenarios = vec![Arc::new(resolve("tests/scenarios/minimal.ron").unwrap())];
        let mut state = AppState::new(scenarios, dir.path().to_path_buf(), lang);
        state.screen = Screen::Trainer;
        state.trainer.load();
        state.trainer.wait();
        state.tick(0.0);
        let mut h = common::screens::harness(state, [1280.0, 800.0]);
        let _ = h.run_ok();
        assert_eq!(h.state().trainer.tab, Tab::Runs);
        assert!(
            h.query_all_by_label_contains("old-classes")
                .next()
                .is_none(),
            "{lang:?}: folded until opened"
        );
        click(&mut h, heading);
        let folder = h
            .get_all_by_label_contains("old-classes")
            .next()
            .unwrap_or_else(|| panic!("{lang:?}: the folder is listed"))
            .accesskit_node();
        let folder = folder.label().or(folder.value()).unwrap_or_default();
        assert!(folder.contains(folder_is), "{lang:?}: {folder}");
        let text = h
            .get_all_by_label_contains("notes.txt")
            .next()
            .unwrap_or_else(|| panic!("{lang:?}: the text file is listed"))
            .accesskit_node();
        let text = text.label().or(text.value()).unwrap_or_default();
        assert!(text.contains(text_is), "{lang:?}: {text}");
    }
}

/// True when a text for which `wanted` holds is painted whole: inside the area it is drawn in (not
/// scrolled or cut out of view) and inside the window.
fn drawn_whole(h: &Harness<'static, AppState>, wanted: &dyn Fn(&str) -> bool) -> bool {
    fn texts(shape: &egui::Shape, f: &mut dyn FnMut(&egui::epaint::TextShape)) {
        match shape {
            egui::Shape::Text(t) => f(t),
            egui::Shape::Vec(shapes) => shapes.iter().for_each(|s| texts(s, f)),
            _ => {}
        }
    }
    let screen = h.ctx.content_rect().expand(0.5);
    let mut found = false;
    for clipped in &h.output().shapes {
        texts(&clipped.shape, &mut |t| {
            let rect = t.visual_bounding_rect();
            found |= wanted(t.galley.text())
                && clipped.clip_rect.expand(0.5).contains_rect(rect)
                && screen.contains_rect(rect);
        });
    }
    found
}

/// The trainer station on the runs of `dir`, in a window of `size` pixels at text size `scale`:
/// the window in pixels first, so it is never narrower than the app is made for, then in points.
fn station_at(dir: &Path, lang: Lang, size: [f32; 2], scale: f32) -> Harness<'static, AppState> {
    let scenarios = vec![Arc::new(resolve("tests/scenarios/minimal.ron").unwrap())];
    let mut state = AppState::new(scenarios, dir.to_path_buf(), lang);
    state.settings.text_scale = scale;
    state.screen = Screen::Trainer;
    state.trainer.load();
    state.trainer.wait();
    state.tick(0.0);
    let mut h = common::screens::harness(state, size);
    let _ = h.run_ok();
    h.set_size([size[0] / scale, size[1] / scale].into());
    let _ = h.run_ok();
    h
}

#[test]
fn the_runs_table_starts_in_view_in_a_small_window_at_a_large_text_size() {
    let dir = tempfile::tempdir().unwrap();
    make_cohort(dir.path());
    std::fs::create_dir(dir.path().join("old-classes")).unwrap();
    std::fs::write(dir.path().join("notes.txt"), "not a run").unwrap();
    let mut failures = Vec::new();
    for lang in [Lang::En, Lang::Nl] {
        for (size, scale) in [
            ([1024.0, 640.0], 2.0),
            ([1024.0, 640.0], 1.5),
            ([1280.0, 800.0], 2.0),
        ] {
            let h = station_at(dir.path(), lang, size, scale);
            let points = [size[0] / scale, size[1] / scale];
            assert!((h.ctx.content_rect().height() - points[1]).abs() < 0.5);
            // The table's first row: the class, pooled.
            let pooled = ontrack::i18n::t(lang, "row-class");
            for row in [pooled] {
                if !drawn_whole(&h, &|text| text == row) {
                    failures.push(format!("{lang:?} at {size:?}, text size {scale}: {row:?}"));
                }
            }
        }
    }
    assert!(
        failures.is_empty(),
        "rows of the table out of view:\n{}",
        failures.join("\n")
    );
}

/// A folder of runs as a class hands them in: course codes, and trainees under their full names.
fn make_named_cohort(dir: &Path) {
    let scenario = Arc::new(resolve("tests/scenarios/minimal.ron").unwrap());
    let code = ontrack::run::code::encode(&scenario.course_prefix(), 42).unwrap();
    let bench = Benchmarks::new(&scenario);
    let names = [
        "Iris van der Berg",
        "Bram de Vries",
        "Noor Bakker",
        "Cas Jansen",
    ];
    for (k, (name, bot)) in names
        .into_iter()
        .zip(Bot::ALL.into_iter().cycle())
        .enumerate()
    {
        let mut s = Session::start(dir, Arc::clone(&scenario), 42, name, &code).unwrap();
        play(&mut s, &bench, bot, k as u64, &mut |_| {}).unwrap();
    }
}

#[test]
fn the_runs_tables_header_keeps_to_the_lines_of_a_row_with_full_names_on_hover() {
    let dir = tempfile::tempdir().unwrap();
    make_named_cohort(dir.path());
    let mut failures = Vec::new();
    for lang in [Lang::En, Lang::Nl] {
        for (size, scale) in [([1024.0, 640.0], 2.0), ([1024.0, 640.0], 1.0)] {
            let case = format!("{lang:?} at {size:?}, text size {scale}");
            let h = station_at(dir.path(), lang, size, scale);
            let lines_of = |rects: &[egui::Rect]| {
                let mut tops: Vec<f32> = rects.iter().map(|r| r.top().round()).collect();
                tops.sort_by(f32::total_cmp);
                tops.dedup_by(|a, b| (*a - *b).abs() < 4.0);
                tops.len()
            };
            // Each column's head is named in full (hover text and screen reader): find them so.
            let full = [
                "runs-full-trainee",
                "runs-full-course",
                "runs-full-started",
                "runs-full-cases",
                "runs-full-brier",
                "runs-full-judgement",
                "runs-full-skill",
                "runs-full-reliability",
                "runs-full-resolution",
                "runs-full-auc",
                "runs-full-citl",
                "runs-full-dprime",
            ];
            let mut heads = Vec::new();
            for key in full {
                let name = ontrack::i18n::t(lang, key);
                let head = h.root().children_recursive().find(|node| {
                    let label = node.accesskit_node().label().unwrap_or_default();
                    label == name
                        || label
                            .strip_prefix(&name)
                            .is_some_and(|m| m.starts_with(" ⏶") || m.starts_with(" ⏷"))
                });
                match head {
                    Some(node) => heads.push(node.rect()),
                    None => failures.push(format!("{case}: no column head named {name:?}")),
                }
            }
            // The header keeps to the lines of a row: one at text size 1, two at text size 2
            // (where a run's row takes two for its numbers), not three as the full names took,
            // which left a single row of the table in view.
            let header_lines = lines_of(&heads);
            let most = if scale > 1.5 { 2 } else { 1 };
            if header_lines > most {
                failures.push(format!("{case}: the header takes {header_lines} lines"));
            }
            // Under the header, in view: the rows that begin there (the pooled rows' "course
            // runs", the runs' "open").
            let screen = h.ctx.content_rect();
            let header_bottom = heads.iter().map(|r| r.bottom()).fold(0.0, f32::max);
            let starts = [
                ontrack::i18n::t(lang, "all-runs"),
                ontrack::i18n::t(lang, "open-run"),
            ];
            let rows = h
                .root()
                .children_recursive()
                .filter(|n| {
                    let a = n.accesskit_node();
                    let label = a.label().or_else(|| a.value()).unwrap_or_default();
                    starts.contains(&label)
                        && n.rect().top() > header_bottom
                        && n.rect().bottom() < screen.bottom()
                })
                .count();
            if rows < 2 {
                failures.push(format!("{case}: {rows} rows of the table in view"));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
