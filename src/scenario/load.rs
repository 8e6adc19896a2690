//! Reading a scenario from text, a file, or the scenarios bundled in the binary, with every problem
//! reported as `FILE:LINE:COL: field.path: what is wrong — how to fix it`.

use std::fmt;
use std::path::Path;

use ron::error::Error as RonError;
use serde::Serialize;

use super::Scenario;
use super::calibrate::Mixture;
use super::format::{Prior, ScenarioFile};
use super::locate::{Locations, Pos};
use super::validate::{PathProblem, validate};
use crate::files::read::{Kind, read_text_bounded};

/// The scenarios that ship inside the binary, as (id, RON text).
const BUNDLED: &[(&str, &str)] = &[
    (
        "first-lesson",
        include_str!("../../scenarios/first-lesson.ron"),
    ),
    (
        "depression-cbt-oq45",
        include_str!("../../scenarios/depression-cbt-oq45.ron"),
    ),
    (
        "depression-psychodynamic",
        include_str!("../../scenarios/depression-psychodynamic.ron"),
    ),
    (
        "anxiety-exposure-cbt",
        include_str!("../../scenarios/anxiety-exposure-cbt.ron"),
    ),
    (
        "trauma-recovered-memories",
        include_str!("../../scenarios/trauma-recovered-memories.ron"),
    ),
    (
        "feedback-not-on-track",
        include_str!("../../scenarios/feedback-not-on-track.ron"),
    ),
    (
        "feedback-not-on-track-feedback",
        include_str!("../../scenarios/feedback-not-on-track-feedback.ron"),
    ),
    (
        "feedback-not-on-track-cst",
        include_str!("../../scenarios/feedback-not-on-track-cst.ron"),
    ),
    (
        "pcoms-ors-srs",
        include_str!("../../scenarios/pcoms-ors-srs.ron"),
    ),
    (
        "hello-goodbye-neq",
        include_str!("../../scenarios/hello-goodbye-neq.ron"),
    ),
];

/// One located problem of a scenario file.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Problem {
    pub file: String,
    pub line: usize,
    pub col: usize,
    /// Field path such as `courses[2].sd_change`; empty for the whole file.
    pub path: String,
    pub message: String,
    pub fix: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let path = if self.path.is_empty() {
            "(file)"
        } else {
            &self.path
        };
        write!(
            f,
            "{}:{}:{}: {}: {} — {}",
            self.file, self.line, self.col, path, self.message, self.fix
        )
    }
}

/// Why a scenario could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum ScenarioError {
    #[error(
        "{path}: cannot read the file ({error}) — check the path, or name a bundled scenario: {bundled}"
    )]
    Read {
        path: String,
        bundled: String,
        /// The OS error: in the message, and deliberately not a `source`, so an error chain (`{:#}`)
        /// does not print it twice.
        error: std::io::Error,
    },
    #[error("{}", .problems.iter().map(|p| p.to_string()).collect::<Vec<_>>().join("\n"))]
    Invalid { problems: Vec<Problem> },
}

impl ScenarioError {
    /// The located problems (empty for a file that could not be read).
    pub fn problems(&self) -> &[Problem] {
        match self {
            ScenarioError::Read { .. } => &[],
            ScenarioError::Invalid { problems } => problems,
        }
    }
}

/// Parses, validates and calibrates a scenario from its text; `file` names it in messages.
pub fn parse(file: &str, text: &str) -> Result<Scenario, ScenarioError> {
    // A byte order mark (some Windows editors write one) is not part of the scenario.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let locations = Locations::of(text);
    let locate = |p: PathProblem| {
        let Pos { line, col } = locations.position(&p.path);
        Problem {
            file: file.to_string(),
            line,
            col,
            path: p.path,
            message: p.message,
            fix: p.fix,
        }
    };
    let parsed: ScenarioFile = match ron::from_str(text) {
        Ok(parsed) => parsed,
        Err(err) => {
            let pos = Pos {
                line: err.span.start.line,
                col: err.span.start.col,
            };
            let (path, message, fix) = explain_parse_error(&err.code, &locations.path_at(pos));
            return Err(ScenarioError::Invalid {
                problems: vec![Problem {
                    file: file.to_string(),
                    line: pos.line,
                    col: pos.col,
                    path,
                    message,
                    fix,
                }],
            });
        }
    };
    build_checked(parsed, &locate)
}

/// Validates and calibrates a scenario that is already parsed (such as the one embedded in a run
/// file); problems are reported at the top of `file`, since there is no text to point into.
pub fn from_file(file: &str, parsed: ScenarioFile) -> Result<Scenario, ScenarioError> {
    let locate = |p: PathProblem| Problem {
        file: file.to_string(),
        line: 1,
        col: 1,
        path: p.path,
        message: p.message,
        fix: p.fix,
    };
    build_checked(parsed, &locate)
}

fn build_checked(
    parsed: ScenarioFile,
    locate: &dyn Fn(PathProblem) -> Problem,
) -> Result<Scenario, ScenarioError> {
    let problems = validate(&parsed);
    if !problems.is_empty() {
        let mut problems: Vec<Problem> = problems.into_iter().map(locate).collect();
        problems.sort_by_key(|p| (p.line, p.col));
        return Err(ScenarioError::Invalid { problems });
    }
    let solved = parsed
        .courses
        .iter()
        .position(|c| c.prior == Prior::SolvedFromDeteriorationRate)
        .unwrap_or(0);
    let target = parsed.deterioration_rate.value;
    let priors = match Mixture::new(&parsed, solved).solve(target) {
        Ok(priors) => priors,
        Err(u) => {
            return Err(ScenarioError::Invalid {
                problems: vec![locate(PathProblem {
                    path: "deterioration_rate.value".into(),
                    message: format!(
                        "no prior of the course \"{}\" gives an observed deterioration rate of {target}: with these courses, noise and drift it can only lie between {:.4} and {:.4}",
                        parsed.courses.get(solved).map_or("", |c| c.key.as_str()),
                        u.lowest,
                        u.highest
                    ),
                    fix: "check the rate, or change the courses (a flat course with a large SD already deteriorates by noise alone)".into(),
                })],
            });
        }
    };
    Ok(Scenario::build(parsed, solved, priors))
}

/// Reads and parses a scenario file.
pub fn load_path(path: &Path) -> Result<Scenario, ScenarioError> {
    let name = path.display().to_string();
    let text = read_text_bounded(path, Kind::Scenario).map_err(|error| ScenarioError::Read {
        path: name.clone(),
        bundled: bundled_ids().join(", "),
        error,
    })?;
    parse(&name, &text)
}

/// A scenario by file path, or by the id of a bundled scenario when no such file exists. A folder
/// named like a bundled id (a results folder called `first-lesson`, say) is not a scenario file: the
/// bundled scenario is meant, and used.
pub fn resolve(name: &str) -> Result<Scenario, ScenarioError> {
    let path = Path::new(name);
    if !path.is_file()
        && let Some(text) = bundled(name)
    {
        return parse(&format!("(bundled) {name}"), text);
    }
    load_path(path)
}

/// The RON text of a bundled scenario.
pub fn bundled(id: &str) -> Option<&'static str> {
    BUNDLED.iter().find(|(i, _)| *i == id).map(|(_, t)| *t)
}

/// The ids of the bundled scenarios.
pub fn bundled_ids() -> Vec<&'static str> {
    BUNDLED.iter().map(|(id, _)| *id).collect()
}

/// Turns a RON/serde error into (path, what is wrong, how to fix it).
fn explain_parse_error(code: &RonError, path_here: &str) -> (String, String, String) {
    let join = |path: &str, field: &str| {
        if path.is_empty() {
            field.to_string()
        } else {
            format!("{path}.{field}")
        }
    };
    let outer = |o: &Option<String>| o.as_deref().map(|o| format!(" in {o}")).unwrap_or_default();
    match code {
        RonError::NoSuchStructField {
            expected,
            found,
            outer: o,
        } => (
            path_here.to_string(),
            format!("unknown field `{found}`{}", outer(o)),
            format!(
                "check the spelling; the fields here are: {}",
                expected.join(", ")
            ),
        ),
        RonError::MissingStructField { field, outer: o } => (
            join(path_here, field),
            format!("the field `{field}` is missing{}", outer(o)),
            format!("add `{field}: …` (see scenarios/depression-cbt-oq45.ron for an example)"),
        ),
        RonError::DuplicateStructField { field, outer: o } => (
            join(path_here, field),
            format!("the field `{field}` is given twice{}", outer(o)),
            "keep one of them".into(),
        ),
        RonError::NoSuchEnumVariant {
            expected, found, ..
        } => (
            path_here.to_string(),
            format!("`{found}` is not a known value here"),
            format!("write one of: {}", expected.join(", ")),
        ),
        RonError::ExceededRecursionLimit => (
            path_here.to_string(),
            "brackets are nested too deeply here (more than RON reads)".into(),
            "the file is damaged or was not written as a scenario; compare it with scenarios/depression-cbt-oq45.ron".into(),
        ),
        other => (
            path_here.to_string(),
            format!("{other}"),
            "check the brackets, commas and quotes at and just before this point".into(),
        ),
    }
}
