//! Practice that goes where the trainee is weak: a drill is the scenario with more of the kind of
//! case the trainee misjudges (judged from the blind spots of their saved runs).
//!
//! A drill is a scenario of its own: the course's file with one rate raised, a new id
//! (`ID-drill-KIND`) and a source entry saying so. Everything else follows from that. Its course
//! priors are solved again for its own declared rate, so its best possible forecaster is the one
//! for the drill's mix (its base rate moves with the mix) and drill forecasts are scored honestly
//! against it; the run file embeds the drill's scenario, so the run verifies and re-scores like any
//! other; and runs are grouped by scenario id in the cohort table and the progress plot, so drills
//! stay apart from course runs. Drawing cases stays deterministic from the seed.

use std::path::{Path, PathBuf};

use super::blind::CaseKind;
use crate::debrief::score_run;
use crate::files::write::{TargetProblem, check_target, write_atomic};
use crate::forecast::Benchmarks;
use crate::model::generate_case;
use crate::scenario::format::{LindenClass, Source, SourceKind, Sourced};
use crate::scenario::{Scenario, ScenarioError, from_file};

/// How much a drill raises the rate behind its kind of case, tried from the largest down until the
/// scenario's courses can still produce it.
const FACTORS: [f64; 5] = [4.0, 3.0, 2.5, 2.0, 1.5];

/// The source key of the rates a drill changes.
pub const DRILL_SOURCE: &str = "ontrack-drill";

/// Why no drill can be made.
#[derive(Debug, thiserror::Error)]
pub enum DrillError {
    #[error("no raised rate of {kind} gives a valid scenario: {source}")]
    Unsolvable {
        kind: &'static str,
        #[source]
        source: ScenarioError,
    },
}

/// Why a drill's scenario file is not written where asked. The same rules as the cohort's CSV: a
/// wrong name must not put a file among the run files (where the cohort would list it as a broken
/// run) or cost an existing file.
#[derive(Debug, thiserror::Error)]
pub enum DrillWriteError {
    #[error(
        "{path}: the drill would be written inside the results folder {dir} — write it outside that folder, e.g. beside it",
        path = .path.display(), dir = .dir.display()
    )]
    InsideResults { path: PathBuf, dir: PathBuf },
    #[error("{path} exists — name another file, or add --force to replace it", path = .path.display())]
    Exists { path: PathBuf },
    #[error("{path} is a folder — name the drill's file (.ron)", path = .path.display())]
    IsFolder { path: PathBuf },
    #[error("{path}: cannot write the drill ({error}) — check that the folder can be written", path = .path.display())]
    Write {
        path: PathBuf,
        /// The OS error: in the message, and deliberately not a `source`, so an error chain (`{:#}`)
        /// does not print it twice.
        error: std::io::Error,
    },
}

/// Writes a drill's scenario file to `out` (atomically, like every file OnTrack writes): never
/// inside the results folder `results` it was judged from, and not over an existing file unless
/// `replace`.
pub fn write_drill(
    drill: &Scenario,
    out: &Path,
    results: &Path,
    replace: bool,
) -> Result<(), DrillWriteError> {
    let path = out.to_path_buf();
    match check_target(results, out, replace) {
        Ok(()) => {}
        Err(TargetProblem::InsideFolder { dir }) => {
            return Err(DrillWriteError::InsideResults { path, dir });
        }
        Err(TargetProblem::Exists) => return Err(DrillWriteError::Exists { path }),
        Err(TargetProblem::IsFolder) => return Err(DrillWriteError::IsFolder { path }),
    }
    let text = ron::ser::to_string_pretty(&drill.file, ron::ser::PrettyConfig::default()).map_err(
        |e| DrillWriteError::Write {
            path: path.clone(),
            error: std::io::Error::other(e),
        },
    )?;
    write_atomic(out, text.as_bytes()).map_err(|error| DrillWriteError::Write { path, error })
}

/// The kind of case the trainee misjudges most: the kind most of their blind spots share, over
/// every run of `trainee` on the scenario `scenario_id` in `dir`; `None` when no blind spot has a
/// kind.
pub fn weakest_kind(dir: &Path, trainee: &str, scenario_id: &str) -> Option<CaseKind> {
    let entries = std::fs::read_dir(dir).ok()?;
    let mut paths: Vec<_> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "ron"))
        .collect();
    paths.sort();
    let mut counts = [0usize; CaseKind::ALL.len()];
    for path in paths {
        let Ok(opened) = crate::run::open(&path) else {
            continue;
        };
        if opened.file.trainee != trainee || opened.file.scenario.id != scenario_id {
            continue;
        }
        let scenario = opened.run.scenario_arc();
        let bench = Benchmarks::new(&scenario);
        let scores = score_run(&opened.run, &bench);
        for spot in super::lessons(&opened.run, &bench, &scores).blind_spots {
            for kind in spot.kinds {
                if let Some(c) = counts.get_mut(kind as usize) {
                    *c += 1;
                }
            }
        }
    }
    CaseKind::ALL
        .into_iter()
        .zip(counts)
        .filter(|(_, n)| *n > 0)
        .max_by_key(|&(k, n)| (n, std::cmp::Reverse(k)))
        .map(|(k, _)| k)
}

/// The drill of `base` for `kind`: the rate behind that kind raised by the largest of 4, 3, 2.5, 2
/// or 1.5 that still gives a valid scenario (probabilities capped at 0.6, an event's in the course
/// where it is likeliest):
/// - late deteriorators: the declared deterioration rate (the deteriorating course's prior is
///   solved again, so there are more deteriorators, early and late);
/// - hello-goodbye: the rate of the effect;
/// - drift: the drift rate;
/// - serious events: the rates of the events of wrong treatment and violations, and the drift
///   rate (wrong-treatment events follow drift).
pub fn drill(base: &Scenario, kind: CaseKind) -> Result<Scenario, DrillError> {
    let mut last = None;
    for factor in FACTORS {
        let mut f = base.file.clone();
        let raise = |r: &mut Sourced| {
            r.value = (r.value * factor).min(0.6).max(r.value);
            r.source = DRILL_SOURCE.to_string();
        };
        match kind {
            CaseKind::LateDeteriorator => raise(&mut f.deterioration_rate),
            CaseKind::HelloGoodbye => raise(&mut f.hello_goodbye.rate),
            CaseKind::Drift => raise(&mut f.drift.rate),
            CaseKind::SeriousEvent => {
                raise(&mut f.drift.rate);
                for e in &mut f.events {
                    if matches!(e.linden, LindenClass::Malpractice | LindenClass::Violation) {
                        // The cap holds for the course where the event is likeliest.
                        let most = e.course_rates.as_ref().map_or(1.0, |c| {
                            c.multipliers.iter().map(|(_, m)| *m).fold(1.0, f64::max)
                        });
                        let r = &mut e.rate;
                        r.value = (r.value * factor).min(0.6 / most).max(r.value);
                        r.source = DRILL_SOURCE.to_string();
                    }
                }
            }
        }
        f.id = format!("{}-drill-{}", base.file.id, kind.slug());
        // The title says the kind in each language ("late deteriorator", "late verslechteraar").
        let name = |lang| super::text::kind_name(kind, lang);
        f.title.en = format!(
            "{} — drill: {}",
            base.file.title.en,
            name(crate::scenario::Lang::En)
        );
        f.title.nl = format!(
            "{} — gerichte oefening: {}",
            base.file.title.nl,
            name(crate::scenario::Lang::Nl)
        );
        f.course_code = String::new();
        f.sources.push(Source {
            key: DRILL_SOURCE.to_string(),
            citation: format!(
                "OnTrack drill: this rate is {factor} times the scenario's own (capped at 0.6), so that a \
                 trainee meets more of the cases they misjudge. Not a published rate."
            ),
            link: None,
            kind: SourceKind::ModellingChoice,
        });
        match from_file(&f.id.clone(), f) {
            Ok(s) => return Ok(s),
            Err(e) => last = Some(e),
        }
    }
    Err(DrillError::Unsolvable {
        kind: kind.slug(),
        source: last.unwrap_or(ScenarioError::Invalid {
            problems: Vec::new(),
        }),
    })
}

/// The kind of case a drill has more of, read from its scenario id (`ID-drill-KIND`, as [`drill`]
/// names it); `None` for a course scenario. Run files and cohort rows carry the id, so this is how
/// they tell drills from course runs.
pub fn drill_kind_of_id(id: &str) -> Option<CaseKind> {
    let (_, slug) = id.rsplit_once("-drill-")?;
    CaseKind::ALL.into_iter().find(|k| k.slug() == slug)
}

/// The id of the scenario a drill was made from (the id itself for a course scenario).
pub fn drill_base_id(id: &str) -> &str {
    match id.rsplit_once("-drill-") {
        Some((base, _)) if drill_kind_of_id(id).is_some() => base,
        _ => id,
    }
}

/// The share of cases of `kind` among `cases` cases of `s` drawn with `seed` (deterministic).
pub fn share_of_kind(s: &Scenario, kind: CaseKind, cases: u64, seed: u64) -> f64 {
    let hits = (0..cases)
        .filter(|&i| kind.of(s, &generate_case(s, seed, i)))
        .count();
    hits as f64 / cases.max(1) as f64
}

/// Cases drawn to tell the trainee the mix (enough for a share to within about a percentage point).
pub const MIX_CASES: u64 = 4000;
/// Seed of the cases that measure the mix.
pub const MIX_SEED: u64 = 0x4d49_5821;

/// What the trainee is told: that the drill has more of `kind` than practice does, and how many.
pub fn mix_sentence(
    base: &Scenario,
    drill: &Scenario,
    kind: CaseKind,
    lang: crate::scenario::Lang,
) -> String {
    let share = |s: &Scenario| {
        let p = share_of_kind(s, kind, MIX_CASES, MIX_SEED);
        format!("{} %", (p * 100.0).round())
    };
    crate::i18n::tf(
        lang,
        "drill-mix",
        &[
            ("kind", super::text::kind_name(kind, lang).into()),
            ("drill", share(drill).into()),
            ("practice", share(base).into()),
        ],
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::forecast::base_rate;
    use crate::scenario::resolve;

    #[test]
    fn a_drill_is_told_apart_by_its_id() {
        let base = resolve("first-lesson").expect("bundled");
        for kind in CaseKind::ALL {
            let Ok(d) = drill(&base, kind) else {
                continue;
            };
            assert_eq!(drill_kind_of_id(&d.file.id), Some(kind));
            assert_eq!(drill_base_id(&d.file.id), "first-lesson");
            // Its title names the kind in each language, as the app shows it.
            for lang in [crate::scenario::Lang::En, crate::scenario::Lang::Nl] {
                let name = crate::teach::text::kind_name(kind, lang);
                assert!(
                    d.file.title.get(lang).ends_with(&name),
                    "{:?}",
                    d.file.title
                );
            }
        }
        assert_eq!(drill_kind_of_id("first-lesson"), None);
        assert_eq!(drill_kind_of_id("my-drill-of-sorts"), None);
        assert_eq!(drill_base_id("my-drill-of-sorts"), "my-drill-of-sorts");
    }

    #[test]
    fn a_late_deteriorator_drill_has_clearly_more_of_them_and_its_own_ideal() {
        const CASES: u64 = 10_000;
        let base = resolve("depression-cbt-oq45").expect("bundled");
        let d = drill(&base, CaseKind::LateDeteriorator).expect("a drill");
        let (p_base, p_drill) = (
            share_of_kind(&base, CaseKind::LateDeteriorator, CASES, 5),
            share_of_kind(&d, CaseKind::LateDeteriorator, CASES, 5),
        );
        // Clearly more: at least twice as many, and apart by more than four standard errors of the
        // difference of two shares of `CASES` cases each. (At 3000 cases the base share, about
        // 2.4 %, is known only to ±0.3 points, so "twice" flipped with any change of the random
        // streams: 72 against 141 cases when unwanted events got consequences.)
        let n = CASES as f64;
        let se = (p_base * (1.0 - p_base) / n + p_drill * (1.0 - p_drill) / n).sqrt();
        assert!(
            p_drill >= 2.0 * p_base && p_drill - p_base > 4.0 * se,
            "{p_base} → {p_drill}, rates {} → {}",
            base_rate(&base),
            base_rate(&d)
        );
        // Its best possible forecaster is the drill's: the prior at intake moves with the mix.
        assert!(base_rate(&d) > 2.0 * base_rate(&base));
        assert!(d.priors_no_drift[d.deteriorating] > base.priors_no_drift[base.deteriorating]);
        assert_eq!(d.file.id, "depression-cbt-oq45-drill-late-deteriorator");
        // The same drill every time (cases are deterministic from the seed).
        let again = drill(&base, CaseKind::LateDeteriorator).expect("a drill");
        assert_eq!(again.hash, d.hash);
    }
}
