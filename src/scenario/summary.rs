//! Scenarios described for people and scripts: the line of `ontrack scenarios` and what
//! `ontrack validate` prints of a valid scenario, or of one with problems.

use super::{Lang, Scenario, ScenarioError};
use crate::debrief::show::{decimal, number};
use crate::i18n::{t, tf};

/// A bundled scenario in one line: id, title, and how long a run is, in `lang`.
pub fn listing_line(id: &str, s: &Scenario, lang: Lang) -> String {
    let length = tf(
        lang,
        "cli-listing",
        &[
            ("cases", s.file.cases_per_run.into()),
            ("sessions", s.file.sessions.into()),
            ("minutes", s.file.minutes.into()),
        ],
    );
    format!("{id}\t{}\t{length}", s.file.title.get(lang))
}

/// A valid scenario in a few lines, in `lang`: what it simulates and the solved latent priors.
pub fn summary_text(s: &Scenario, lang: Lang) -> String {
    let f = &s.file;
    let m = &f.measure;
    let direction = t(
        lang,
        if m.higher_is_worse {
            "cli-higher-worse"
        } else {
            "cli-higher-better"
        },
    );
    let checkpoints: Vec<String> = f.checkpoints.iter().map(u32::to_string).collect();
    let mut lines = vec![
        tf(
            lang,
            "cli-summary-id",
            &[
                ("id", f.id.as_str().into()),
                ("title", f.title.get(lang).into()),
            ],
        ),
        tf(
            lang,
            "cli-summary-measure",
            &[
                ("name", m.name.as_str().into()),
                ("min", decimal(m.min, lang).into()),
                ("max", decimal(m.max, lang).into()),
                ("direction", direction.into()),
                ("cutoff", decimal(m.clinical_cutoff.value, lang).into()),
                ("rci", decimal(m.reliable_change.value, lang).into()),
                ("shown", decimal(s.rules.reliable_change, lang).into()),
            ],
        ),
        tf(
            lang,
            "cli-summary-sessions",
            &[
                ("sessions", f.sessions.into()),
                ("checkpoints", checkpoints.join(", ").into()),
                ("cases", f.cases_per_run.into()),
            ],
        ),
        tf(
            lang,
            "cli-summary-rate",
            &[
                ("rate", decimal(f.deterioration_rate.value, lang).into()),
                ("source", f.deterioration_rate.source.as_str().into()),
            ],
        ),
        t(lang, "cli-summary-priors"),
    ]
    .into_iter()
    .map(|line| format!("  {line}"))
    .collect::<Vec<_>>();
    for ((c, a), b) in f
        .courses
        .iter()
        .zip(&s.priors_no_drift)
        .zip(&s.priors_drift)
    {
        lines.push(format!(
            "    {:<16} {} / {}",
            c.key,
            number(*a, 4, lang),
            number(*b, 4, lang)
        ));
    }
    lines.join("\n")
}

/// The same as JSON, for scripts (`ontrack validate --json`).
pub fn summary_json(name: &str, s: &Scenario) -> serde_json::Value {
    let f = &s.file;
    let m = &f.measure;
    let priors: serde_json::Map<String, serde_json::Value> = f
        .courses
        .iter()
        .zip(s.marginal_priors())
        .map(|(c, p)| (c.key.clone(), serde_json::json!(p)))
        .collect();
    serde_json::json!({
        "file": name,
        "ok": true,
        "id": f.id,
        "hash": s.hash,
        "sessions": f.sessions,
        "checkpoints": f.checkpoints,
        "cases_per_run": f.cases_per_run,
        "measure": {
            "name": m.name,
            "min": m.min,
            "max": m.max,
            "higher_is_worse": m.higher_is_worse,
            "clinical_cutoff": m.clinical_cutoff.value,
            "reliable_change": m.reliable_change.value,
            "reliable_change_on_shown_scores": s.rules.reliable_change,
        },
        "deterioration_rate": f.deterioration_rate.value,
        "latent_priors": priors,
        "latent_priors_no_drift": f.courses.iter().zip(&s.priors_no_drift)
            .map(|(c, p)| (c.key.clone(), serde_json::json!(p))).collect::<serde_json::Map<_, _>>(),
        "latent_priors_drift": f.courses.iter().zip(&s.priors_drift)
            .map(|(c, p)| (c.key.clone(), serde_json::json!(p))).collect::<serde_json::Map<_, _>>(),
    })
}

/// A scenario that does not load, as JSON: the message and every located problem.
pub fn error_json(name: &str, err: &ScenarioError) -> serde_json::Value {
    serde_json::json!({
        "file": name,
        "ok": false,
        "error": err.to_string(),
        "problems": err.problems(),
    })
}
