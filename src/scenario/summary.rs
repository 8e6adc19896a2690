//! Scenarios described for people and scripts: the line of `ontrack scenarios` and what
//! `ontrack validate` prints of a valid scenario, or of one with problems.

use super::{Scenario, ScenarioError};

/// A bundled scenario in one line: id, title, and how long a run is.
pub fn listing_line(id: &str, s: &Scenario) -> String {
    format!(
        "{id}\t{}\t{} cases, {} sessions, about {} min",
        s.file.title.en, s.file.cases_per_run, s.file.sessions, s.file.minutes
    )
}

/// A valid scenario in a few lines: what it simulates and the solved latent priors.
pub fn summary_text(s: &Scenario) -> String {
    let f = &s.file;
    let m = &f.measure;
    let direction = if m.higher_is_worse {
        "higher is worse"
    } else {
        "higher is better"
    };
    let mut lines = vec![
        format!("  id: {} — {}", f.id, f.title.en),
        format!(
            "  measure: {} {}–{} ({direction}), clinical cutoff {}, reliable change {} (on shown scores: {})",
            m.name,
            m.min,
            m.max,
            m.clinical_cutoff.value,
            m.reliable_change.value,
            s.rules.reliable_change
        ),
        format!(
            "  sessions: {}, checkpoints after sessions {:?}, {} cases per run",
            f.sessions, f.checkpoints, f.cases_per_run
        ),
        format!(
            "  declared deterioration rate: {} ({})",
            f.deterioration_rate.value, f.deterioration_rate.source
        ),
        "  solved latent priors (no drift / drift):".to_string(),
    ];
    for ((c, a), b) in f
        .courses
        .iter()
        .zip(&s.priors_no_drift)
        .zip(&s.priors_drift)
    {
        lines.push(format!("    {:<16} {a:.4} / {b:.4}", c.key));
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
