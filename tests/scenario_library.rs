//! Every bundled scenario loads, has its own course code, reproduces its declared rates on a small
//! simulation, and keeps the ideal forecaster calibrated and ahead of the others where the cases
//! say something. (`ontrack check --cases 100000` is the full check; see scenarios/README.md.)

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may fail loudly

use std::collections::BTreeSet;

use ontrack::research::check::check;
use ontrack::scenario::{bundled_ids, resolve};

#[test]
fn every_bundled_scenario_loads_with_its_own_course_code() {
    let ids = bundled_ids();
    assert!(ids.len() >= 8, "{ids:?}");
    let mut prefixes = BTreeSet::new();
    for id in ids {
        let s = resolve(id).unwrap_or_else(|e| panic!("{id}: {e}"));
        assert_eq!(s.file.id, id, "file name and id agree");
        assert!(
            prefixes.insert(s.course_prefix()),
            "{id}: course code {} is taken",
            s.course_prefix()
        );
        assert!(
            s.file.course_code.len() == 4,
            "{id}: declares its course code"
        );
    }
}

fn small_check(id: &str) {
    let s = resolve(id).unwrap();
    let report = check(&s, 4000, 1, &mut |_| {}).unwrap();
    for line in &report.rates {
        assert!(
            line.pass,
            "{id}: {} realised {} outside {}–{}",
            line.name, line.realised, line.ci_low, line.ci_high
        );
    }
    for line in &report.ideal {
        assert!(
            line.calibrated,
            "{id}: ideal not calibrated after session {}",
            line.checkpoint
        );
    }
    // After the last checkpoint the sessions seen say a great deal: the ideal forecaster is best.
    let last = report.ideal.last().unwrap();
    assert!(
        last.best,
        "{id}: ideal not best after session {}",
        last.checkpoint
    );
}

macro_rules! small_checks {
    ($($name:ident => $id:literal,)*) => {
        $(
            #[test]
            fn $name() {
                small_check($id);
            }
        )*
    };
}

small_checks! {
    first_lesson => "first-lesson",
    depression_cbt_oq45 => "depression-cbt-oq45",
    depression_psychodynamic => "depression-psychodynamic",
    anxiety_exposure_cbt => "anxiety-exposure-cbt",
    trauma_recovered_memories => "trauma-recovered-memories",
    feedback_not_on_track => "feedback-not-on-track",
    feedback_not_on_track_feedback => "feedback-not-on-track-feedback",
    feedback_not_on_track_cst => "feedback-not-on-track-cst",
    pcoms_ors_srs => "pcoms-ors-srs",
    hello_goodbye_neq => "hello-goodbye-neq",
}
