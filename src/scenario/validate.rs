//! Checks a parsed scenario file against the rules of the model, collecting every problem in one pass.
//!
//! Each problem names the field path and says what is wrong and how to fix it; the loader adds file,
//! line and column.

use std::collections::BTreeSet;

use super::format::{
    By, Change, Condition, Element, Evidence, FORMAT_VERSION, LindenClass, Onset, Prior,
    ScenarioFile, Shape, SourceKind, Sourced, Statistic, SuddenGain, Target, Text, Tolerance,
    Worsening,
};

/// One problem in a scenario, before it is located in the file.
#[derive(Debug, Clone, PartialEq)]
pub struct PathProblem {
    /// Field path such as `courses[2].sd_change`.
    pub path: String,
    /// What is wrong.
    pub message: String,
    /// How to fix it.
    pub fix: String,
}

struct Checker<'a> {
    file: &'a ScenarioFile,
    sources: BTreeSet<&'a str>,
    problems: Vec<PathProblem>,
}

impl Checker<'_> {
    fn add(&mut self, path: impl Into<String>, message: impl Into<String>, fix: impl Into<String>) {
        self.problems.push(PathProblem {
            path: path.into(),
            message: message.into(),
            fix: fix.into(),
        });
    }

    fn text(&mut self, path: &str, text: &Text) {
        if text.nl.trim().is_empty() {
            self.add(
                format!("{path}.nl"),
                "the Dutch text is empty",
                "write the text in Dutch",
            );
        }
        if text.en.trim().is_empty() {
            self.add(
                format!("{path}.en"),
                "the English text is empty",
                "write the text in English",
            );
        }
    }

    fn source_key(&mut self, path: &str, key: &str) {
        if !self.sources.contains(key) {
            let known: Vec<&str> = self.sources.iter().copied().collect();
            self.add(
                path,
                format!("unknown source key \"{key}\""),
                format!(
                    "use one of the keys declared in `sources` ({}) or add a source with this key",
                    known.join(", ")
                ),
            );
        }
    }

    fn sourced(&mut self, path: &str, value: &Sourced) {
        self.source_key(&format!("{path}.source"), &value.source);
        if !value.value.is_finite() {
            self.add(
                format!("{path}.value"),
                "the value is not a finite number",
                "write a plain number",
            );
        }
    }

    fn probability(&mut self, path: &str, p: f64) {
        if !(0.0..=1.0).contains(&p) || p.is_nan() {
            self.add(
                path,
                format!("{} is not a probability", shown(p)),
                "write a proportion between 0 and 1 (so 8.2 % is 0.082)",
            );
        }
    }

    fn open_rate(&mut self, path: &str, p: f64) {
        if !(p > 0.0 && p < 1.0) {
            self.add(
                path,
                format!("{} is not a rate strictly between 0 and 1", shown(p)),
                "write the published proportion between 0 and 1 (so 8.2 % is 0.082)",
            );
        }
    }

    fn positive(&mut self, path: &str, x: f64, what: &str) {
        if !(x > 0.0 && x.is_finite()) {
            self.add(
                path,
                format!("{what} must be positive, found {}", shown(x)),
                "write a value greater than 0",
            );
        }
    }

    /// A spread or change in scale points must fit within the measure's whole range (`range`,
    /// max − min): a larger one (such as `intake_sd: 1e308`) is a slip, and the model's sums
    /// would overflow to no number at all.
    fn within_range(&mut self, path: &str, x: f64, range: f64, what: &str) {
        if x.is_finite() && range.is_finite() && range > 0.0 && x.abs() > range {
            self.add(
                path,
                format!(
                    "{what} of {} is larger than the measure's whole range ({})",
                    shown(x),
                    shown(range)
                ),
                format!(
                    "write it in scale points, at most {} (max − min); the published figure is usually a small part of that",
                    shown(range)
                ),
            );
        }
    }

    fn unique_keys<'k>(&mut self, path: &str, keys: impl Iterator<Item = &'k str>) {
        let mut seen = BTreeSet::new();
        for (i, key) in keys.enumerate() {
            if key.trim().is_empty() {
                self.add(
                    format!("{path}[{i}].key"),
                    "the key is empty",
                    "give each entry a short unique key",
                );
            } else if !seen.insert(key) {
                self.add(
                    format!("{path}[{i}].key"),
                    format!("the key \"{key}\" is used twice"),
                    "give each entry its own key",
                );
            }
        }
    }
}

/// The largest score a measure may have at either end: questionnaires run to a few hundred points,
/// and scales beyond a million are slips (such as `max: 1e308`) that the model cannot compute with.
const MAX_SCALE: f64 = 1e6;

/// A number as a message shows it: as written for everyday sizes, in scientific notation (`1e308`)
/// when very large or very small, rather than hundreds of digits.
fn shown(x: f64) -> String {
    if x != 0.0 && x.is_finite() && !(1e-6..1e9).contains(&x.abs()) {
        format!("{x:e}")
    } else {
        x.to_string()
    }
}

/// Checks every rule; an empty result means the file is valid (calibration is checked by the loader).
pub fn validate(file: &ScenarioFile) -> Vec<PathProblem> {
    let mut c = Checker {
        file,
        sources: file.sources.iter().map(|s| s.key.as_str()).collect(),
        problems: Vec::new(),
    };
    header(&mut c);
    sources(&mut c);
    measure(&mut c);
    treatment(&mut c);
    courses(&mut c);
    alliance(&mut c);
    protocol(&mut c);
    drift(&mut c);
    events(&mut c);
    dynamics(&mut c);
    rest(&mut c);
    targets(&mut c);
    c.problems
}

fn header(c: &mut Checker) {
    let f = c.file;
    if f.format != FORMAT_VERSION {
        c.add(
            "format",
            format!(
                "format {} is not read by this OnTrack, which reads format {FORMAT_VERSION}",
                f.format
            ),
            format!("write `format: {FORMAT_VERSION}` and adapt the file, or use the OnTrack it was written for"),
        );
    }
    let id_ok = !f.id.is_empty()
        && f.id
            .chars()
            .all(|ch| ch.is_ascii_lowercase() || ch.is_ascii_digit() || ch == '-');
    if !id_ok {
        c.add(
            "id",
            format!("\"{}\" is not a valid scenario id", f.id),
            "use lowercase letters, digits and hyphens, such as \"depression-cbt-oq45\"",
        );
    }
    c.text("title", &f.title);
    c.text("briefing", &f.briefing);
}

fn sources(c: &mut Checker) {
    let f = c.file;
    c.unique_keys("sources", f.sources.iter().map(|s| s.key.as_str()));
    for (i, s) in f.sources.iter().enumerate() {
        if s.citation.trim().is_empty() {
            c.add(
                format!("sources[{i}].citation"),
                "the citation is empty",
                "write the full citation: authors, year, title, journal, volume, pages",
            );
        }
        if s.kind == SourceKind::Published {
            let ok = s.link.as_deref().is_some_and(|l| {
                l.starts_with("https://") || l.starts_with("http://") || l.starts_with("doi:")
            });
            if !ok {
                c.add(
                    format!("sources[{i}].link"),
                    "a published source needs a DOI or URL",
                    "write `link: Some(\"https://doi.org/…\")`, or `kind: ModellingChoice` for your own choice",
                );
            }
        }
    }
}

fn measure(c: &mut Checker) {
    let m = &c.file.measure;
    for (name, v) in [
        ("clinical_cutoff", &m.clinical_cutoff),
        ("reliable_change", &m.reliable_change),
        ("intake_mean", &m.intake_mean),
        ("intake_sd", &m.intake_sd),
        ("test_retest", &m.test_retest),
        ("session_noise_sd", &m.session_noise_sd),
    ] {
        c.sourced(&format!("measure.{name}"), v);
    }
    if m.name.trim().is_empty() {
        c.add(
            "measure.name",
            "the measure has no name",
            "write its name, such as \"OQ-45.2\"",
        );
    }
    c.text("measure.explanation", &m.explanation);
    let range_ok = m.min.is_finite() && m.max.is_finite() && m.min < m.max;
    if !range_ok {
        c.add(
            "measure.max",
            format!("the range {}–{} is empty", shown(m.min), shown(m.max)),
            "make `max` greater than `min`",
        );
    }
    for (field, end) in [("min", m.min), ("max", m.max)] {
        if range_ok && end.abs() > MAX_SCALE {
            c.add(
                format!("measure.{field}"),
                format!(
                    "a scale from {} to {} is far larger than any questionnaire's",
                    shown(m.min),
                    shown(m.max)
                ),
                format!(
                    "write the lowest and highest possible score of the measure, between −{} and {}",
                    shown(MAX_SCALE),
                    shown(MAX_SCALE)
                ),
            );
        }
    }
    let range_ok = range_ok && m.min.abs() <= MAX_SCALE && m.max.abs() <= MAX_SCALE;
    c.positive("measure.step", m.step, "step");
    let range = m.max - m.min;
    if range_ok && m.step > 0.0 {
        let steps = range / m.step;
        if (steps - steps.round()).abs() > 1e-9 {
            c.add(
                "measure.step",
                format!(
                    "the range {range} is not a whole number of steps of {}",
                    m.step
                ),
                "choose a step that divides max − min",
            );
        }
    }
    let cutoff = m.clinical_cutoff.value;
    if range_ok && !(m.min < cutoff && cutoff < m.max) {
        c.add(
            "measure.clinical_cutoff.value",
            format!(
                "the cutoff {} lies outside the range {}–{}",
                shown(cutoff),
                m.min,
                m.max
            ),
            "write the cutoff on the measure's own scale, between min and max",
        );
    }
    let rci = m.reliable_change.value;
    c.positive("measure.reliable_change.value", rci, "reliable change");
    if range_ok && rci >= range {
        c.add(
            "measure.reliable_change.value",
            format!(
                "a reliable change of {} is as large as the whole range",
                shown(rci)
            ),
            "write the published RCI in scale points",
        );
    }
    let mean = m.intake_mean.value;
    if range_ok && !(m.min <= mean && mean <= m.max) {
        c.add(
            "measure.intake_mean.value",
            format!(
                "the intake mean {} lies outside the range {}–{}",
                shown(mean),
                m.min,
                m.max
            ),
            "write the mean intake score on the measure's scale",
        );
    }
    c.positive(
        "measure.intake_sd.value",
        m.intake_sd.value,
        "standard deviation",
    );
    if range_ok {
        c.within_range(
            "measure.intake_sd.value",
            m.intake_sd.value,
            range,
            "an intake standard deviation",
        );
    }
    let r = m.test_retest.value;
    if !(r > 0.0 && r < 1.0) {
        c.add(
            "measure.test_retest.value",
            format!("a reliability of {r} is impossible"),
            "write the test–retest correlation, between 0 and 1",
        );
    }
    let sigma = m.session_noise_sd.value;
    c.positive(
        "measure.session_noise_sd.value",
        sigma,
        "standard deviation",
    );
    if range_ok {
        c.within_range(
            "measure.session_noise_sd.value",
            sigma,
            range,
            "a session noise standard deviation",
        );
    }
    let sem = super::measure::sem_of_reliable_change(rci);
    if sigma > 0.0 && rci > 0.0 && sigma < sem {
        c.add(
            "measure.session_noise_sd.value",
            format!(
                "the session noise SD {sigma} is below the measure's standard error {sem:.2} implied by its RCI"
            ),
            "real scores fluctuate at least as much as the measurement error: raise it to at least the SEM",
        );
    }
}

fn treatment(c: &mut Checker) {
    let f = c.file;
    if f.sessions == 0 || f.sessions > 100 {
        c.add(
            "sessions",
            format!("{} sessions is not a course of treatment", f.sessions),
            "write the number of sessions after intake, between 1 and 100",
        );
    }
    if f.checkpoints.is_empty() {
        c.add(
            "checkpoints",
            "there are no checkpoints",
            "name at least one session after which the trainee forecasts, such as [0, 3, 6]",
        );
    }
    for (i, &cp) in f.checkpoints.iter().enumerate() {
        if cp >= f.sessions {
            c.add(
                format!("checkpoints[{i}]"),
                format!(
                    "checkpoint {cp} is not before the last session ({})",
                    f.sessions
                ),
                format!(
                    "a forecast must come before the outcome is known: use sessions 0 to {}",
                    f.sessions.saturating_sub(1)
                ),
            );
        }
        if i > 0 && f.checkpoints.get(i - 1).is_some_and(|&prev| prev >= cp) {
            c.add(
                format!("checkpoints[{i}]"),
                "checkpoints are not in increasing order",
                "list each session once, from early to late",
            );
        }
    }
    c.sourced("deterioration_rate", &f.deterioration_rate);
    c.open_rate("deterioration_rate.value", f.deterioration_rate.value);
    let r = &f.recovery_rate;
    c.source_key("recovery_rate.source", &r.source);
    c.probability("recovery_rate.low", r.low);
    c.probability("recovery_rate.high", r.high);
    if r.low > r.high {
        c.add(
            "recovery_rate.high",
            "the range ends below where it starts",
            "write `low` ≤ `high`",
        );
    }
}

fn courses(c: &mut Checker) {
    let f = c.file;
    if f.courses.is_empty() {
        c.add(
            "courses",
            "there are no latent courses",
            "declare at least two courses, one of them with `prior: SolvedFromDeteriorationRate`",
        );
        return;
    }
    c.unique_keys("courses", f.courses.iter().map(|k| k.key.as_str()));
    let solved: Vec<usize> = f
        .courses
        .iter()
        .enumerate()
        .filter(|(_, k)| k.prior == Prior::SolvedFromDeteriorationRate)
        .map(|(i, _)| i)
        .collect();
    if solved.len() != 1 {
        c.add(
            "courses",
            format!(
                "{} courses have `prior: SolvedFromDeteriorationRate`; exactly one must",
                solved.len()
            ),
            "mark the deteriorating course, and only that one, as solved from the deterioration rate",
        );
    }
    if f.courses.len() < 2 {
        c.add(
            "courses",
            "one course alone cannot be calibrated",
            "add the courses of the patients who do not deteriorate",
        );
    }
    let share_sum: f64 = f
        .courses
        .iter()
        .map(|k| match k.prior {
            Prior::Share(x) => x,
            Prior::SolvedFromDeteriorationRate => 0.0,
        })
        .sum();
    if !share_sum.is_finite() {
        c.add(
            "courses",
            "the shares of the courses add up to more than a number can hold",
            "write shares of an everyday size, such as 0.35 and 0.30",
        );
    }
    let worse = if f.measure.higher_is_worse { 1.0 } else { -1.0 };
    for (i, k) in f.courses.iter().enumerate() {
        let p = format!("courses[{i}]");
        c.text(&format!("{p}.label"), &k.label);
        c.source_key(&format!("{p}.source"), &k.source);
        if let Prior::Share(s) = k.prior
            && !(s > 0.0 && s.is_finite())
        {
            c.add(
                format!("{p}.prior"),
                format!("a share of {s} is not positive"),
                "write a positive share; shares are relative to each other",
            );
        }
        if !k.mean_change.is_finite() {
            c.add(
                format!("{p}.mean_change"),
                "the mean change is not a number",
                "write the mean change in scale points",
            );
        }
        if !(k.sd_change > 0.0 && k.sd_change.is_finite()) {
            c.add(
                format!("{p}.sd_change"),
                format!(
                    "the standard deviation {} is not positive",
                    shown(k.sd_change)
                ),
                "write a standard deviation greater than 0",
            );
        }
        let m = &f.measure;
        if m.min.is_finite() && m.max.is_finite() && m.max.abs().max(m.min.abs()) <= MAX_SCALE {
            let range = m.max - m.min;
            c.within_range(
                &format!("{p}.mean_change"),
                k.mean_change,
                range,
                "a mean change",
            );
            c.within_range(
                &format!("{p}.sd_change"),
                k.sd_change,
                range,
                "a standard deviation of the change",
            );
        }
        if solved.contains(&i) && worse * k.mean_change <= 0.0 {
            let dir = if worse > 0.0 { "positive" } else { "negative" };
            c.add(
                format!("{p}.mean_change"),
                "the course solved from the deterioration rate does not get worse on average",
                format!("on this measure worsening is a {dir} change: give it a mean change of that sign"),
            );
        }
        if let Some(gain) = &k.sudden_gain {
            sudden_gain(c, &format!("{p}.sudden_gain"), gain, f.sessions);
        }
        let a = &f.alliance;
        if !(a.min <= k.alliance_mean && k.alliance_mean <= a.max) {
            c.add(
                format!("{p}.alliance_mean"),
                format!(
                    "the alliance mean {} lies outside the scale {}–{}",
                    k.alliance_mean, a.min, a.max
                ),
                "write a mean on the alliance scale",
            );
        }
    }
}

fn sudden_gain(c: &mut Checker, path: &str, gain: &SuddenGain, sessions: u32) {
    c.source_key(&format!("{path}.source"), &gain.source);
    if !(0.0..=1.0).contains(&gain.probability) {
        c.add(
            format!("{path}.probability"),
            format!("{} is not a probability", gain.probability),
            "write a number from 0 to 1",
        );
    }
    if !(gain.share > 0.0 && gain.share <= 1.0) {
        c.add(
            format!("{path}.share"),
            format!(
                "a share of {} of the change is not above 0 and at most 1",
                gain.share
            ),
            "write the part of the change made in the gain, such as 0.5",
        );
    }
    if !(1 <= gain.first && gain.first <= gain.last && gain.last <= sessions) {
        c.add(
            format!("{path}.first"),
            format!(
                "sessions {} to {} are not a range within the {sessions} sessions",
                gain.first, gain.last
            ),
            format!("write 1 ≤ first ≤ last ≤ {sessions}"),
        );
    }
}

/// The most steps an alliance scale may have (a rating scale has tens of them, not millions).
const MAX_ALLIANCE_STEPS: f64 = 10_000.0;

fn alliance(c: &mut Checker) {
    let a = &c.file.alliance;
    c.source_key("alliance.source", &a.source);
    let range_ok = a.min.is_finite() && a.max.is_finite() && a.min < a.max;
    if a.min.partial_cmp(&a.max) != Some(std::cmp::Ordering::Less) {
        c.add(
            "alliance.max",
            "the alliance scale is empty",
            "make `max` greater than `min`",
        );
    } else if !range_ok {
        c.add(
            "alliance.max",
            format!("the alliance scale {}–{} is not finite", a.min, a.max),
            "write `min` and `max` as plain numbers",
        );
    }
    c.positive("alliance.step", a.step, "step");
    // The ideal forecaster keeps a table with one entry per shown rating on the scale.
    let values = (a.max - a.min) / a.step;
    if range_ok && a.step > 0.0 && a.step.is_finite() && values > MAX_ALLIANCE_STEPS {
        c.add(
            "alliance.step",
            format!(
                "the scale {}–{} in steps of {} has more than {MAX_ALLIANCE_STEPS} steps",
                a.min, a.max, a.step
            ),
            "check `min`, `max` and `step`: write the scale the ratings are given on (SRS: 0–40 in steps of 1)",
        );
    }
    c.positive("alliance.sd", a.sd, "standard deviation");
    if !(a.min <= a.concern_below && a.concern_below <= a.max) {
        c.add(
            "alliance.concern_below",
            "the concern threshold lies outside the scale",
            "write a threshold on the alliance scale (SRS: 36)",
        );
    }
}

fn protocol(c: &mut Checker) {
    let pr = &c.file.protocol;
    c.text("protocol.name", &pr.name);
    c.source_key("protocol.source", &pr.source);
    if pr.elements.is_empty() {
        c.add(
            "protocol.elements",
            "the protocol has no core elements",
            "list the elements a session should hold, such as agenda and homework review",
        );
    }
    c.unique_keys(
        "protocol.elements",
        pr.elements.iter().map(|e| e.key.as_str()),
    );
    c.unique_keys(
        "protocol.off_protocol",
        pr.off_protocol.iter().map(|e| e.key.as_str()),
    );
    for (i, e) in pr.elements.iter().enumerate() {
        let p = format!("protocol.elements[{i}]");
        c.text(&format!("{p}.label"), &e.label);
        c.text(&format!("{p}.delivered"), &e.delivered);
        c.text(&format!("{p}.omitted"), &e.omitted);
        c.probability(
            &format!("{p}.omission_before_drift"),
            e.omission_before_drift,
        );
        element_phrasing(c, &p, e);
    }
    if let Some(w) = &pr.worsening {
        worsening(c, w);
    }
    for (i, o) in pr.off_protocol.iter().enumerate() {
        let p = format!("protocol.off_protocol[{i}]");
        c.text(&format!("{p}.label"), &o.label);
        c.text(&format!("{p}.text"), &o.text);
        for (j, t) in o.text_also.iter().enumerate() {
            c.text(&format!("{p}.text_also[{j}]"), t);
        }
        c.probability(&format!("{p}.rate_before_drift"), o.rate_before_drift);
        for (j, key) in o.crowds_out.iter().enumerate() {
            if !pr.elements.iter().any(|e| &e.key == key) {
                c.add(
                    format!("{p}.crowds_out[{j}]"),
                    format!("there is no protocol element \"{key}\""),
                    format!(
                        "use one of: {}",
                        pr.elements
                            .iter()
                            .map(|e| e.key.as_str())
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                );
            }
        }
    }
}

/// The placeholders a worsening note may hold.
const WORSENING_PLACEHOLDERS: [&str; 4] = ["{score}", "{before}", "{intake}", "{best}"];

/// The notes of a worsening: each list worded, only the placeholders the renderer fills, and a
/// threshold of risk on the measure's scale.
fn worsening(c: &mut Checker, w: &Worsening) {
    let m = &c.file.measure;
    c.source_key("protocol.worsening.source", &w.source);
    if let Some(key) = &w.seen_in
        && !c.file.protocol.elements.iter().any(|e| &e.key == key)
    {
        let known: Vec<&str> = c
            .file
            .protocol
            .elements
            .iter()
            .map(|e| e.key.as_str())
            .collect();
        c.add(
            "protocol.worsening.seen_in",
            format!("the protocol has no element \"{key}\""),
            format!(
                "name the element in which the scores are looked at: one of {}",
                known.join(", ")
            ),
        );
    }
    if !(m.min <= w.risk_from && w.risk_from <= m.max) {
        c.add(
            "protocol.worsening.risk_from",
            format!(
                "{} lies outside the measure's scale ({} to {})",
                w.risk_from, m.min, m.max
            ),
            "write the score from which a worsening brings a question about suicidal thoughts",
        );
    }
    for (name, list) in [
        ("since_last", &w.since_last),
        ("since_intake", &w.since_intake),
        ("still", &w.still),
        ("risk", &w.risk),
        ("since_best", &w.since_best),
    ] {
        let p = format!("protocol.worsening.{name}");
        if list.is_empty() && name != "since_best" {
            c.add(
                p.clone(),
                "there is no wording",
                "write at least one sentence in Dutch and English",
            );
        }
        for (j, t) in list.iter().enumerate() {
            c.text(&format!("{p}[{j}]"), t);
            for (lang, text) in [("nl", &t.nl), ("en", &t.en)] {
                let rest = WORSENING_PLACEHOLDERS
                    .iter()
                    .fold(text.clone(), |r, ph| r.replace(ph, ""));
                if rest.contains('{') || rest.contains('}') {
                    c.add(
                        format!("{p}[{j}].{lang}"),
                        "the text holds a placeholder the note cannot fill",
                        "use only {score}, {before}, {intake} and {best}",
                    );
                }
            }
        }
    }
}

/// The wordings, phase, continuity, stated reasons and client side of one protocol element.
fn element_phrasing(c: &mut Checker, p: &str, e: &Element) {
    let f = c.file;
    if e.silent_when_delivered
        && (e.sessions.is_some() || e.follows.is_some() || !e.delivered_also.is_empty())
    {
        c.add(
            format!("{p}.silent_when_delivered"),
            "an element the note leaves unmentioned when delivered must be called for in every \
             session and has no further wordings to show",
            "remove `sessions`, `follows` and `delivered_also` from it, or the flag",
        );
    }
    for (j, t) in e.not_improved.iter().enumerate() {
        c.text(&format!("{p}.not_improved[{j}]"), t);
    }
    for (j, t) in e.delivered_also.iter().enumerate() {
        c.text(&format!("{p}.delivered_also[{j}]"), t);
    }
    for (j, t) in e.omitted_also.iter().enumerate() {
        c.text(&format!("{p}.omitted_also[{j}]"), t);
    }
    for (j, t) in e.nothing_to_follow.iter().enumerate() {
        c.text(&format!("{p}.nothing_to_follow[{j}]"), t);
    }
    if let Some(w) = e.sessions
        && (w.first < 1 || w.last > f.sessions || w.first > w.last)
    {
        c.add(
            format!("{p}.sessions"),
            format!(
                "sessions {} to {} do not fit sessions 1 to {}",
                w.first, w.last, f.sessions
            ),
            "write `sessions: Some((first: a, last: b))` with 1 ≤ a ≤ b ≤ the number of sessions",
        );
    }
    if let Some(key) = &e.follows
        && (key == &e.key || !f.protocol.elements.iter().any(|x| &x.key == key))
    {
        c.add(
            format!("{p}.follows"),
            format!("\"{key}\" is not another protocol element"),
            "name the element this one follows up, such as the setting of homework",
        );
    }
    if !e.nothing_to_follow.is_empty() && e.follows.is_none() {
        c.add(
            format!("{p}.nothing_to_follow"),
            "there is a text for nothing to follow up, but the element follows nothing",
            "add `follows: Some(\"key\")` or remove the text",
        );
    }
    if let Some(x) = &e.excused {
        c.probability(&format!("{p}.excused.probability"), x.probability);
        c.source_key(&format!("{p}.excused.source"), &x.source);
        if x.reasons.is_empty() {
            c.add(
                format!("{p}.excused.reasons"),
                "an omission for a stated reason has no reason to state",
                "write at least one reason, such as \"the session went to a crisis at work\"",
            );
        }
        for (j, t) in x.reasons.iter().enumerate() {
            c.text(&format!("{p}.excused.reasons[{j}]"), t);
        }
    }
    if let Some(side) = &e.client {
        c.probability(
            &format!("{p}.client.done_before_drift"),
            side.done_before_drift,
        );
        c.probability(
            &format!("{p}.client.done_after_onset"),
            side.done_after_onset,
        );
        c.source_key(&format!("{p}.client.source"), &side.source);
        if side.done.is_empty() || side.not_done.is_empty() {
            c.add(
                format!("{p}.client"),
                "the client's side needs a text for done and one for not done",
                "write at least one sentence in `done` and in `not_done`",
            );
        }
        for (j, t) in side.done.iter().chain(&side.not_done).enumerate() {
            c.text(&format!("{p}.client.texts[{j}]"), t);
        }
    }
}

fn drift(c: &mut Checker) {
    let f = c.file;
    let d = &f.drift;
    c.sourced("drift.rate", &d.rate);
    c.probability("drift.rate.value", d.rate.value);
    c.sourced(
        "drift.odds_ratio_deterioration",
        &d.odds_ratio_deterioration,
    );
    c.positive(
        "drift.odds_ratio_deterioration.value",
        d.odds_ratio_deterioration.value,
        "odds ratio",
    );
    match &d.onset {
        Onset::Uniform { first, last } => {
            if *first < 1 || *last > f.sessions || first > last {
                c.add(
                    "drift.onset",
                    format!(
                        "onset from session {first} to {last} does not fit sessions 1 to {}",
                        f.sessions
                    ),
                    "write `Uniform(first: a, last: b)` with 1 ≤ a ≤ b ≤ the number of sessions",
                );
            }
        }
        Onset::Weights(w) => {
            let bad = w.iter().any(|x| !(*x >= 0.0 && x.is_finite()));
            if w.is_empty() || w.len() > f.sessions as usize || bad || w.iter().sum::<f64>() <= 0.0
            {
                c.add(
                    "drift.onset",
                    "the onset weights are not a distribution over the sessions",
                    "give one non-negative weight per session (at most as many as sessions), not all 0",
                );
            }
        }
    }
    let weight_sum: f64 = d.kinds.iter().map(|k| k.weight).sum();
    if !weight_sum.is_finite() {
        c.add(
            "drift.kinds",
            "the weights of the drift kinds add up to more than a number can hold",
            "write weights of an everyday size, such as 0.6 and 0.4",
        );
    }
    if d.rate.value > 0.0 && d.kinds.is_empty() {
        c.add(
            "drift.kinds",
            "drift happens but has no kinds",
            "describe at least one kind of drift, or set the drift rate to 0",
        );
    }
    if let Some(ramp) = d.ramp
        && !(1..=f.sessions).contains(&ramp)
    {
        c.add(
            "drift.ramp",
            format!("a ramp of {ramp} sessions does not fit 1 to {} sessions", f.sessions),
            "write `ramp: Some(k)` with 1 ≤ k ≤ the number of sessions (1: full drift from the onset)",
        );
    }
    if let Some(band) = &d.observer_band {
        c.source_key("drift.observer_band.source", &band.source);
        if !(band.low.is_finite() && band.high.is_finite() && band.low <= band.high) {
            c.add(
                "drift.observer_band",
                "the band of the ideal drift observer's d′ is not a range",
                "write `observer_band: Some((low: a, high: b, source: \"key\"))` with a ≤ b",
            );
        }
    }
    c.unique_keys("drift.kinds", d.kinds.iter().map(|k| k.key.as_str()));
    let elements: BTreeSet<&str> = f.protocol.elements.iter().map(|e| e.key.as_str()).collect();
    let off: BTreeSet<&str> = f
        .protocol
        .off_protocol
        .iter()
        .map(|e| e.key.as_str())
        .collect();
    for (i, k) in d.kinds.iter().enumerate() {
        let p = format!("drift.kinds[{i}]");
        c.text(&format!("{p}.label"), &k.label);
        c.text(&format!("{p}.description"), &k.description);
        c.positive(&format!("{p}.weight"), k.weight, "weight");
        changes(
            c,
            &format!("{p}.omission_after_onset"),
            &k.omission_after_onset,
            &elements,
            "protocol element",
        );
        changes(
            c,
            &format!("{p}.off_protocol_after_onset"),
            &k.off_protocol_after_onset,
            &off,
            "off-protocol activity",
        );
    }
}

fn changes(c: &mut Checker, path: &str, list: &[Change], known: &BTreeSet<&str>, what: &str) {
    for (j, ch) in list.iter().enumerate() {
        let p = format!("{path}[{j}]");
        if !known.contains(ch.key.as_str()) {
            let names: Vec<&str> = known.iter().copied().collect();
            c.add(
                format!("{p}.key"),
                format!("there is no {what} \"{}\"", ch.key),
                format!("use one of: {}", names.join(", ")),
            );
        }
        c.probability(&format!("{p}.probability"), ch.probability);
    }
}

fn events(c: &mut Checker) {
    let f = c.file;
    c.unique_keys("events", f.events.iter().map(|e| e.key.as_str()));
    c.unique_keys("neq_items", f.neq_items.iter().map(|e| e.key.as_str()));
    for (i, item) in f.neq_items.iter().enumerate() {
        c.text(&format!("neq_items[{i}].text"), &item.text);
    }
    let elements: BTreeSet<&str> = f.protocol.elements.iter().map(|e| e.key.as_str()).collect();
    for (i, e) in f.events.iter().enumerate() {
        let p = format!("events[{i}]");
        c.text(&format!("{p}.text"), &e.text);
        for (j, text) in e.text_also.iter().enumerate() {
            c.text(&format!("{p}.text_also[{j}]"), text);
        }
        c.sourced(&format!("{p}.rate"), &e.rate);
        c.probability(&format!("{p}.rate.value"), e.rate.value);
        if let Condition::AfterElement(key) = &e.condition
            && !elements.contains(key.as_str())
        {
            c.add(
                format!("{p}.condition"),
                format!("there is no protocol element \"{key}\""),
                format!(
                    "use one of: {}",
                    elements.iter().copied().collect::<Vec<_>>().join(", ")
                ),
            );
        }
        match (e.linden, &e.condition) {
            (LindenClass::Malpractice, Condition::AfterDrift) => {}
            (LindenClass::Malpractice, _) => c.add(
                format!("{p}.condition"),
                "a reaction to incorrect treatment can only follow drift from the protocol",
                "write `condition: AfterDrift`",
            ),
            (LindenClass::SideEffect, Condition::AfterElement(_)) => {}
            (LindenClass::SideEffect, _) => c.add(
                format!("{p}.condition"),
                "a side effect of correct treatment follows a delivered protocol element",
                "write `condition: AfterElement(\"exposure\")` with the element that causes it",
            ),
            _ => {}
        }
        consequences(c, i, e);
        if let Some(neq) = &e.neq {
            if !f.neq_items.iter().any(|n| n.key == neq.item) {
                c.add(
                    format!("{p}.neq.item"),
                    format!("there is no NEQ item \"{}\"", neq.item),
                    "use a key declared in `neq_items`",
                );
            }
            if neq.severity > 4 {
                c.add(
                    format!("{p}.neq.severity"),
                    format!("severity {} is off the NEQ scale", neq.severity),
                    "write a severity from 0 (not at all) to 4 (extremely)",
                );
            }
        }
    }
}

/// What an event does beyond being seen: a lasting drop of the alliance, rates that differ by
/// course, or a stated absence of any lasting effect (see [`super::format::EventKind`]).
fn consequences(c: &mut Checker, i: usize, e: &super::format::EventKind) {
    let f = c.file;
    let p = format!("events[{i}]");
    if let Some(drop) = &e.alliance_drop {
        c.source_key(&format!("{p}.alliance_drop.source"), &drop.source);
        let a = &f.alliance;
        let range = a.max - a.min;
        let steps = drop.points / a.step;
        if !(drop.points > 0.0 && drop.points.is_finite()) {
            c.add(
                format!("{p}.alliance_drop.points"),
                format!("a drop of {} points lowers nothing", shown(drop.points)),
                "write how many points lower the ratings are from the event on, a positive number",
            );
        } else if drop.points > range {
            c.add(
                format!("{p}.alliance_drop.points"),
                format!(
                    "a drop of {} points is larger than the rating scale ({} to {})",
                    shown(drop.points),
                    shown(a.min),
                    shown(a.max)
                ),
                "write a drop of a few points of the rating scale",
            );
        } else if a.step > 0.0 && (steps - steps.round()).abs() > 1e-9 {
            c.add(
                format!("{p}.alliance_drop.points"),
                format!(
                    "{} is not a whole number of the rating scale's steps of {}",
                    shown(drop.points),
                    shown(a.step)
                ),
                format!(
                    "write a multiple of {} (the forecasters weigh a lowered rating exactly only on the scale's own grid)",
                    shown(a.step)
                ),
            );
        }
    }
    if let Some(rates) = &e.course_rates {
        let q = format!("{p}.course_rates");
        c.source_key(&format!("{q}.source"), &rates.source);
        c.unique_keys(
            &format!("{q}.multipliers"),
            rates.multipliers.iter().map(|(key, _)| key.as_str()),
        );
        for (j, (key, multiplier)) in rates.multipliers.iter().enumerate() {
            if !f.courses.iter().any(|k| &k.key == key) {
                let known: Vec<&str> = f.courses.iter().map(|k| k.key.as_str()).collect();
                c.add(
                    format!("{q}.multipliers[{j}]"),
                    format!("there is no course \"{key}\""),
                    format!("use one of: {}", known.join(", ")),
                );
            }
            if !(*multiplier > 0.0 && multiplier.is_finite()) {
                c.add(
                    format!("{q}.multipliers[{j}]"),
                    format!("the multiplier {} is not positive", shown(*multiplier)),
                    "write how many times as often the event happens in this course, such as 3 or 0.5",
                );
            } else if e.rate.value * multiplier > 1.0 {
                c.add(
                    format!("{q}.multipliers[{j}]"),
                    format!(
                        "the rate {} times {} is {}, more than once per session",
                        shown(e.rate.value),
                        shown(*multiplier),
                        shown(e.rate.value * multiplier)
                    ),
                    "lower the multiplier or the rate, so that their product is at most 1",
                );
            }
        }
        if e.score_shift.is_some() {
            c.add(
                q,
                "an event that moves the scores must have one rate in every course: the calibration and the forecast of the events still to come assume it",
                "leave out `course_rates`, or `score_shift`",
            );
        }
    }
    if let Some(key) = &e.no_lasting_effect {
        c.source_key(&format!("{p}.no_lasting_effect"), key);
        if e.score_shift.is_some() || e.alliance_drop.is_some() || e.course_rates.is_some() {
            c.add(
                format!("{p}.no_lasting_effect"),
                "the event declares an effect and also that it has none",
                "leave out `no_lasting_effect`, or the effects",
            );
        }
    }
}

/// The compression of the scale's ends: inside the range, on the step grid, and the two bends
/// apart, so that the map is strictly increasing (see [`super::measure::Compression`]).
fn scale_ends(c: &mut Checker, ends: &super::format::ScaleEnds) {
    let m = &c.file.measure;
    let (min, max, step) = (m.min, m.max, m.step);
    c.source_key("measure.scale_ends.source", &ends.source);
    for (name, x) in [("lowest", ends.lowest), ("highest", ends.highest)] {
        if !(x.is_finite() && min <= x && x <= max) {
            c.add(
                format!("measure.scale_ends.{name}"),
                format!("{x} lies outside the range {min}–{max}"),
                "write the total on the measure's own scale, between min and max",
            );
        } else if step > 0.0 && ((x - min) / step - ((x - min) / step).round()).abs() > 1e-9 {
            c.add(
                format!("measure.scale_ends.{name}"),
                format!("{x} is not a total the scale shows (steps of {step} from {min})"),
                "write a total on the measure's step grid",
            );
        }
    }
    c.positive(
        "measure.scale_ends.soft_low",
        ends.soft_low,
        "the width of the bend",
    );
    c.positive(
        "measure.scale_ends.soft_high",
        ends.soft_high,
        "the width of the bend",
    );
    let room = ends.highest - ends.lowest + step;
    if ends.lowest >= ends.highest || ends.soft_low + ends.soft_high > room {
        c.add(
            "measure.scale_ends",
            format!(
                "the bends ({} above {} and {} below {}) overlap or the ends are in the wrong order",
                ends.soft_low, ends.lowest, ends.soft_high, ends.highest
            ),
            "make `lowest` smaller than `highest` and the two soft widths together no wider than the totals between them",
        );
    }
}

/// The parts of the model beyond the mixture of courses: autocorrelated fluctuation, change that
/// depends on intake, the course shapes, the client's own alliance level, and events that move scores.
fn dynamics(c: &mut Checker) {
    let f = c.file;
    if let Some(phi) = &f.measure.noise_autocorrelation {
        c.sourced("measure.noise_autocorrelation", phi);
        if !(0.0..=0.95).contains(&phi.value) {
            c.add(
                "measure.noise_autocorrelation.value",
                format!("{} is outside 0–0.95", phi.value),
                "write the correlation of the fluctuation between one session and the next, from 0 (independent weeks) to 0.95",
            );
        }
    }
    if let Some(ends) = &f.measure.scale_ends {
        scale_ends(c, ends);
    }
    if let Some(slope) = &f.change_per_intake_point {
        c.sourced("change_per_intake_point", slope);
        if !(-1.0..=1.0).contains(&slope.value) {
            c.add(
                "change_per_intake_point.value",
                format!("{} points of change per point of intake is outside −1 to 1", slope.value),
                "write a slope such as -0.3 (each point of intake above the mean brings 0.3 points more change towards better)",
            );
        }
    }
    if let Some(dropout) = &f.dropout {
        c.sourced("dropout.rate", &dropout.rate);
        let last_checkpoint = f.checkpoints.iter().copied().max().unwrap_or(0);
        if !(0.0..1.0).contains(&dropout.rate.value) {
            c.add(
                "dropout.rate.value",
                format!("{} is not a share below 1", dropout.rate.value),
                "write the share of clients who stop before the last session, such as 0.197",
            );
        } else if dropout.rate.value > 0.0
            && dropout.early.is_none()
            && last_checkpoint + 2 > f.sessions
        {
            c.add(
                "dropout.rate",
                format!(
                    "clients can stop only between the last checkpoint (session {last_checkpoint}) and the last session ({}), and there is no session in between",
                    f.sessions
                ),
                "end the checkpoints at least two sessions before the last, or leave `dropout` out",
            );
        }
        if let Some(early) = &dropout.early {
            c.sourced("dropout.early.share", &early.share);
            let selected_by = f.selection.as_ref().map_or(1, |s| s.flagged_by.max(1));
            if early.from < selected_by || early.from + 1 >= f.sessions {
                c.add(
                    "dropout.early.from",
                    format!(
                        "clients cannot stop from session {} on: it must lie from session {selected_by} to session {}",
                        early.from,
                        f.sessions.saturating_sub(2)
                    ),
                    if selected_by > 1 {
                        "clients are chosen by their scores up to the selection's session, so they stop only after it: write that session or a later one"
                    } else {
                        "write the first session after which a client may stop, such as 1"
                    },
                );
            } else if early.by < early.from || early.by + 1 >= f.sessions {
                c.add(
                    "dropout.early.by",
                    format!(
                        "session {} is not from `from` ({}) to the session before the last but one ({})",
                        early.by,
                        early.from,
                        f.sessions.saturating_sub(2)
                    ),
                    "write the session by which the declared share of the early endings has come, such as 3",
                );
            }
            if !(early.share.value > 0.0 && early.share.value < 1.0) {
                c.add(
                    "dropout.early.share.value",
                    format!("{} is not a share between 0 and 1", early.share.value),
                    "write the share of the early endings that come by session `by`, such as 0.4",
                );
            }
        }
        if let Some(link) = &dropout.alliance_link {
            c.sourced("dropout.alliance_link", link);
            if !(0.0..=3.0).contains(&link.value) {
                c.add(
                    "dropout.alliance_link.value",
                    format!("{} is outside 0 to 3", link.value),
                    "write how much more often a client one SD below the mean alliance stops, as a log hazard ratio such as 0.5",
                );
            } else if f
                .alliance
                .client_sd
                .as_ref()
                .is_none_or(|sd| sd.value <= 0.0)
            {
                c.add(
                    "dropout.alliance_link",
                    "the link needs the client's own alliance level, and `alliance.client_sd` is not set".to_string(),
                    "declare `client_sd` in `alliance`, or leave `alliance_link` out",
                );
            }
        }
    }
    if let Some(selection) = &f.selection {
        c.source_key("selection.source", &selection.source);
        if !(1..f.sessions).contains(&selection.flagged_by) {
            c.add(
                "selection.flagged_by",
                format!(
                    "a signal by session {} does not fit {} sessions",
                    selection.flagged_by, f.sessions
                ),
                format!("write a session from 1 to {}", f.sessions.saturating_sub(1)),
            );
        } else if let Some((i, cp)) = f
            .checkpoints
            .iter()
            .enumerate()
            .find(|(_, cp)| **cp < selection.flagged_by)
        {
            c.add(
                format!("checkpoints[{i}]"),
                format!(
                    "checkpoint {cp} comes before session {}, up to which clients were selected by their scores",
                    selection.flagged_by
                ),
                format!(
                    "start the checkpoints at session {} or later: before it, the trainee has not yet seen the scores that got the client into this group",
                    selection.flagged_by
                ),
            );
        }
    }
    for (i, course) in f.courses.iter().enumerate() {
        if let Shape::Late { from } = course.shape
            && !(1..f.sessions).contains(&from)
        {
            c.add(
                format!("courses[{i}].shape.from"),
                format!(
                    "a late change from session {from} does not fit {} sessions",
                    f.sessions
                ),
                format!("write a session from 1 to {}", f.sessions.saturating_sub(1)),
            );
        }
        if let Shape::Turn { at, to } = course.shape
            && !((1..f.sessions).contains(&at) && to.is_finite() && to.abs() <= 2.0)
        {
            c.add(
                format!("courses[{i}].shape"),
                format!(
                    "a turn to {to} of the change at session {at} does not fit {} sessions",
                    f.sessions
                ),
                format!(
                    "write a session from 1 to {} and a share from −2 to 2 (below 0: first the other way)",
                    f.sessions.saturating_sub(1)
                ),
            );
        }
        if let Shape::Early { half } = course.shape
            && !(half > 0.0 && half <= f64::from(f.sessions))
        {
            c.add(
                format!("courses[{i}].shape.half"),
                format!(
                    "half of the change by session {half} does not fit {} sessions",
                    f.sessions
                ),
                format!(
                    "write a number of sessions above 0 and at most {}",
                    f.sessions
                ),
            );
        }
    }
    if let Some(tau) = &f.alliance.client_sd {
        c.sourced("alliance.client_sd", tau);
        let range = f.alliance.max - f.alliance.min;
        if !(tau.value >= 0.0 && tau.value <= range) {
            c.add(
                "alliance.client_sd.value",
                format!("a client SD of {} does not fit the scale", tau.value),
                format!("write an SD from 0 to {range}"),
            );
        }
    }
    if let Some(r) = &f.alliance.ruptures {
        c.source_key("alliance.ruptures.source", &r.source);
        let range = f.alliance.max - f.alliance.min;
        if !(r.depth > 0.0 && r.depth <= range) {
            c.add(
                "alliance.ruptures.depth",
                format!("a rupture of {} points does not fit the scale", r.depth),
                format!("write a drop of more than 0 and at most {range} points"),
            );
        }
        for (i, (key, rate)) in r.rates.iter().enumerate() {
            if !f.courses.iter().any(|k| &k.key == key) {
                let keys: Vec<&str> = f.courses.iter().map(|k| k.key.as_str()).collect();
                c.add(
                    format!("alliance.ruptures.rates[{i}]"),
                    format!("there is no course \"{key}\""),
                    format!("use one of the courses' keys: {}", keys.join(", ")),
                );
            }
            if !(0.0..=1.0).contains(rate) {
                c.add(
                    format!("alliance.ruptures.rates[{i}]"),
                    format!("{rate} is not a probability"),
                    "write the chance of a rupture per session, from 0 to 1",
                );
            }
        }
    }
    for (i, e) in f.events.iter().enumerate() {
        let Some(shift) = &e.score_shift else {
            continue;
        };
        let p = format!("events[{i}].score_shift");
        c.source_key(&format!("{p}.source"), &shift.source);
        if !shift.mean.is_finite() {
            c.add(
                format!("{p}.mean"),
                "the mean shift is not a finite number",
                "write a plain number of measure points",
            );
        }
        if !(shift.sd >= 0.0 && shift.sd.is_finite()) {
            c.add(
                format!("{p}.sd"),
                format!("the SD {} is not a size", shift.sd),
                "write an SD of 0 or more",
            );
        }
        if e.condition != Condition::Always {
            c.add(
                format!("events[{i}].condition"),
                "an event that moves the scores must be possible in any session",
                "write `condition: Always`, or leave out `score_shift`",
            );
        }
        if e.rate.value >= 1.0 {
            c.add(
                format!("events[{i}].rate.value"),
                "an event that moves the scores cannot happen in every session",
                "write a rate below 1",
            );
        }
    }
}

fn rest(c: &mut Checker) {
    let f = c.file;
    c.sourced("hello_goodbye.rate", &f.hello_goodbye.rate);
    c.probability("hello_goodbye.rate.value", f.hello_goodbye.rate.value);
    c.sourced("hello_goodbye.size", &f.hello_goodbye.size);
    let size = f.hello_goodbye.size.value;
    if !(size >= 0.0 && size.is_finite()) {
        c.add(
            "hello_goodbye.size.value",
            format!("a size of {size} points is impossible"),
            "write the shift in scale points, 0 or more",
        );
    }
    let pt = &f.patients;
    c.text("patients.population", &pt.population);
    if pt.age_min > pt.age_max || pt.age_max > 120 {
        c.add(
            "patients.age_max",
            format!("ages {}–{} are not a range", pt.age_min, pt.age_max),
            "write age_min ≤ age_max ≤ 120",
        );
    }
    c.probability("patients.female_share", pt.female_share);
    if pt.complaints.is_empty() {
        c.add(
            "patients.complaints",
            "there are no presenting complaints",
            "list at least one complaint for the patient card",
        );
    }
    for (i, t) in pt.complaints.iter().enumerate() {
        c.text(&format!("patients.complaints[{i}]"), t);
    }
    if f.cases_per_run == 0 || f.cases_per_run > 1000 {
        c.add(
            "cases_per_run",
            format!("{} cases is not a run", f.cases_per_run),
            "write how many cases a trainee works through, between 1 and 1000",
        );
    }
    let code_ok = f.course_code.is_empty()
        || (f.course_code.len() == 4
            && f.course_code
                .chars()
                .all(|ch| ch.is_ascii_alphanumeric() && !"ILOU".contains(ch.to_ascii_uppercase())));
    if !code_ok {
        c.add(
            "course_code",
            format!("\"{}\" cannot start a course code", f.course_code),
            "use four letters or digits other than I, L, O and U (they are easily misread), such as \"DCBT\"",
        );
    }
    if f.minutes == 0 {
        c.add(
            "minutes",
            "a run cannot take 0 minutes",
            "write about how many minutes a run takes",
        );
    }
}

fn targets(c: &mut Checker) {
    let f = c.file;
    for (i, target) in f.targets.iter().enumerate() {
        let p = format!("targets[{i}]");
        c.source_key(&format!("{p}.source"), &target.source);
        // An unknown key is reported once, above; a known one must be a publication to verify against.
        let unpublished = f
            .sources
            .iter()
            .find(|s| s.key == target.source)
            .is_some_and(|s| s.kind != SourceKind::Published);
        if target.evidence == Evidence::Verified && unpublished {
            c.add(
                format!("{p}.evidence"),
                format!(
                    "a target verified against its source needs a published source, and \"{}\" is not one",
                    target.source
                ),
                "name the publication the figure was found in, or write `evidence: ModellingChoice`",
            );
        }
        if f.targets
            .iter()
            .take(i)
            .any(|earlier| earlier.statistic == target.statistic)
        {
            c.add(
                format!("{p}.statistic"),
                "this statistic already has a target",
                "keep one target per statistic (merge the two, or change a parameter)",
            );
        }
        statistic(c, &p, target);
        tolerance(c, &p, target);
    }
}

/// Checks the parameters of a target's statistic against the scenario.
fn statistic(c: &mut Checker, p: &str, target: &Target) {
    let f = c.file;
    let sessions = f.sessions;
    let path = format!("{p}.statistic");
    let session = |c: &mut Checker, t: u32, last: u32, what: &str| {
        if t < 1 || t > last {
            c.add(
                path.clone(),
                format!("{what} {t} is not a session of this treatment"),
                format!("write a session from 1 to {last}"),
            );
        }
    };
    match target.statistic {
        Statistic::ReliableImprovementBy(t)
        | Statistic::RecoveryBy(t)
        | Statistic::ReliablyImprovedAt(t) => {
            session(c, t, sessions, "session");
        }
        Statistic::WarningSensitivity(By::Session(t))
        | Statistic::WarningFlagged(By::Session(t)) => {
            // At the last session the warning would only repeat the outcome.
            session(c, t, sessions.saturating_sub(1), "session");
        }
        Statistic::AllianceOutcome { sessions: k } => {
            session(c, k, sessions, "the first sessions up to")
        }
        Statistic::AllianceDropout { sessions: k } => {
            // A dropout's early alliance is the mean over the sessions they came to, up to k; a
            // completer's over sessions 1 to k, which must lie before the last.
            session(c, k, sessions.saturating_sub(1), "the first sessions up to");
            if f.dropout.is_none() {
                c.add(
                    path.clone(),
                    "nobody drops out in this scenario, so there are no dropouts to compare",
                    "declare `dropout`, or leave this target out",
                );
            }
        }
        Statistic::DropoutBy(t) => {
            // After the last session nobody stops early.
            session(c, t, sessions.saturating_sub(1), "session");
            if f.dropout.is_none() {
                c.add(
                    path.clone(),
                    "nobody drops out in this scenario, so there are no dropouts to time",
                    "declare `dropout`, or leave this target out",
                );
            }
        }
        Statistic::SuddenGain {
            min_points,
            min_share,
        } => {
            if !(min_points > 0.0 && min_points.is_finite()) {
                c.add(
                    path.clone(),
                    format!("a sudden gain of at least {min_points} points is not a criterion"),
                    "write the smallest gain in scale points, greater than 0 (Tang & DeRubeis used 7 BDI points)",
                );
            }
            if !(0.0..1.0).contains(&min_share) {
                c.add(
                    path.clone(),
                    format!("{min_share} is not a share of the pre-gain score"),
                    "write a proportion from 0 up to (not including) 1 (Tang & DeRubeis used 0.25)",
                );
            }
        }
        Statistic::TestRetest => {
            // The declared reliability must be the simulated one, and this target is what checks it.
            let declared = f.measure.test_retest.value;
            if (target.value - declared).abs() > 1e-9 {
                c.add(
                    format!("{p}.value"),
                    format!(
                        "the test–retest target {} differs from the measure's declared test–retest reliability {declared}",
                        target.value
                    ),
                    "write the value declared at `measure.test_retest`: the target checks that the simulation has it",
                );
            }
        }
        Statistic::Events(class) => {
            if !f.events.iter().any(|e| e.linden == class) {
                c.add(
                    path.clone(),
                    format!(
                        "the event catalogue has no events of class {}",
                        class.slug()
                    ),
                    "add events of this class, or drop the target",
                );
            }
        }
        Statistic::Deterioration
        | Statistic::Recovery
        | Statistic::Dropout
        | Statistic::WarningSensitivity(By::End)
        | Statistic::WarningFlagged(By::End) => {}
    }
}

/// Checks a target's value and tolerance: finite, the value inside its band, and the band inside
/// what the statistic can be (a share from 0 to 1, a correlation from −1 to 1).
fn tolerance(c: &mut Checker, p: &str, target: &Target) {
    let (lowest, highest) = match target.statistic {
        Statistic::AllianceOutcome { .. } => (-1.0, 1.0),
        Statistic::AllianceDropout { .. } => (-3.0, 3.0),
        _ => (0.0, 1.0),
    };
    let v = target.value;
    if !(lowest..=highest).contains(&v) {
        c.add(
            format!("{p}.value"),
            format!("{v} is not a possible value of this statistic"),
            format!("write a value from {lowest} to {highest} (so 19.7 % is 0.197)"),
        );
        return;
    }
    let ok = match target.tolerance {
        Tolerance::Within(d) => d >= 0.0 && d.is_finite(),
        Tolerance::Range { low, high } => {
            low.is_finite() && high.is_finite() && low <= v && v <= high
        }
    };
    if !ok {
        c.add(
            format!("{p}.tolerance"),
            "the tolerance does not make a band around the value",
            "write `Within(0.05)` for the value ± 0.05, or `Range(low: a, high: b)` with a ≤ value ≤ b",
        );
        return;
    }
    let (low, high) = target.band();
    if low < lowest - 1e-12 || high > highest + 1e-12 {
        c.add(
            format!("{p}.tolerance"),
            format!("the band {low}–{high} reaches beyond what the statistic can be ({lowest} to {highest})"),
            "narrow the tolerance, or write it as a `Range` inside those limits",
        );
    }
}

#[cfg(test)]
mod tests {
    /// Found by the fuzz target `scenario_parse`: an alliance scale of 1e20 steps passed validation and
    /// `Ideal::new` panicked on `usize` overflow counting its values (and a scale of ~1e9 steps made it
    /// allocate gigabytes). Such a scale is now refused at `alliance.step`, as are infinite ends.
    #[test]
    fn alliance_scale_with_too_many_steps_is_refused() {
        let base = include_str!("../../tests/fuzz_regressions/alliance-max-overflow.ron");
        let alliance = "alliance: (name: \"A\", min: 0, max: 1e20, step: 1,";
        assert_eq!(base.matches(alliance).count(), 1);
        for (replacement, path) in [
            (alliance, "alliance.step"),
            (
                "alliance: (name: \"A\", min: 0, max: 10, step: 1e-9,",
                "alliance.step",
            ),
            (
                "alliance: (name: \"A\", min: 0, max: 1e308, step: 1e-300,",
                "alliance.step",
            ),
            (
                "alliance: (name: \"A\", min: -1e308, max: 1e308, step: 1,",
                "alliance.step",
            ),
            (
                "alliance: (name: \"A\", min: 0, max: inf, step: 1,",
                "alliance.max",
            ),
            (
                "alliance: (name: \"A\", min: -inf, max: 10, step: 1,",
                "alliance.max",
            ),
        ] {
            let text = base.replace(alliance, replacement);
            let Err(err) = crate::scenario::parse("fuzz.ron", &text) else {
                panic!("{replacement} was accepted");
            };
            assert!(
                err.problems().iter().any(|p| p.path == path),
                "{replacement}: {err}"
            );
        }
        // A fine-grained but real scale still loads.
        let fine = base.replace(
            alliance,
            "alliance: (name: \"A\", min: 0, max: 10, step: 0.01,",
        );
        let s = crate::scenario::parse("fuzz.ron", &fine).expect("a scale of 1000 steps is valid");
        let _ = crate::forecast::Ideal::new(&s);
    }

    /// `tests/scenarios/minimal.ron` with `targets` added before its closing parenthesis: the
    /// first target stands on line 71.
    fn with_targets(targets: &str) -> String {
        let base = include_str!("../../tests/scenarios/minimal.ron").trim_end();
        let body = base.strip_suffix(')').expect("a scenario ends with )");
        format!("{body}    targets: [\n{targets}\n    ],\n)\n")
    }

    /// The problems of a scenario with these targets, as (line, path, message).
    fn target_problems(targets: &str) -> Vec<(usize, String, String)> {
        match crate::scenario::parse("t.ron", &with_targets(targets)) {
            Ok(_) => Vec::new(),
            Err(err) => err
                .problems()
                .iter()
                .map(|p| (p.line, p.path.clone(), format!("{} — {}", p.message, p.fix)))
                .collect(),
        }
    }

    /// (field path, message, fix) of every problem of a scenario text; none when it is valid.
    fn path_problems(text: &str) -> Vec<(String, String, String)> {
        match crate::scenario::parse("s.ron", text) {
            Ok(_) => Vec::new(),
            Err(err) => err
                .problems()
                .iter()
                .map(|p| (p.path.clone(), p.message.clone(), p.fix.clone()))
                .collect(),
        }
    }

    #[test]
    fn the_notes_answer_to_a_worsening_is_checked() {
        let base = include_str!("../../tests/scenarios/minimal.ron");
        let source =
            "        name: (nl: \"Protocol\", en: \"Protocol\"),\n        source: \"choice\",\n";
        assert_eq!(base.matches(source).count(), 1);
        let with = |risk_from: &str, since_last: &str| {
            path_problems(&base.replace(
                source,
                &format!(
                    "{source}        worsening: Some((since_last: [{since_last}], since_intake: [(nl: \"b\", en: \"b\")], \
                     still: [(nl: \"c\", en: \"c\")], risk_from: {risk_from}, risk: [(nl: \"d\", en: \"d\")], \
                     source: \"choice\")),\n"
                ),
            ))
        };
        assert!(
            with(
                "60",
                "(nl: \"{before} → {score}\", en: \"{best} → {score}\")"
            )
            .is_empty(),
            "well formed"
        );
        let problems = with("120", "");
        assert!(
            problems
                .iter()
                .any(|(p, m, _)| p == "protocol.worsening.risk_from"
                    && m.contains("outside the measure's scale")),
            "{problems:?}"
        );
        assert!(
            problems
                .iter()
                .any(|(p, m, _)| p == "protocol.worsening.since_last" && m.contains("no wording")),
            "{problems:?}"
        );
        let problems = with("60", "(nl: \"{now}\", en: \"x\")");
        assert!(
            problems
                .iter()
                .any(|(p, _, fix)| p == "protocol.worsening.since_last[0].nl"
                    && fix.contains("{score}")),
            "{problems:?}"
        );
        // The element in which the scores are looked at must be one of the protocol's.
        let seen = |key: &str| {
            path_problems(&base.replace(
                source,
                &format!(
                    "{source}        worsening: Some((since_last: [(nl: \"a\", en: \"a\")], since_intake: [(nl: \"b\", en: \"b\")], \
                     still: [(nl: \"c\", en: \"c\")], risk_from: 60, risk: [(nl: \"d\", en: \"d\")], \
                     seen_in: Some(\"{key}\"), source: \"choice\")),\n"
                ),
            ))
        };
        assert!(seen("homework").is_empty());
        let problems = seen("report");
        assert!(
            problems
                .iter()
                .any(|(p, m, fix)| p == "protocol.worsening.seen_in"
                    && m.contains("no element \"report\"")
                    && fix.contains("homework")),
            "{problems:?}"
        );
        let element = "omitted: (nl: \"Geen huiswerk.\", en: \"No homework.\")),";
        assert_eq!(base.matches(element).count(), 1);
        let silent = base.replace(
            element,
            "omitted: (nl: \"Geen huiswerk.\", en: \"No homework.\"), silent_when_delivered: true, \
             sessions: Some((first: 1, last: 2))),",
        );
        let problems = path_problems(&silent);
        assert!(
            problems
                .iter()
                .any(|(p, _, _)| p == "protocol.elements[0].silent_when_delivered"),
            "{problems:?}"
        );
    }

    #[test]
    fn event_consequences_are_checked() {
        let base = include_str!("../../tests/scenarios/minimal.ron");
        let job = "rate: (value: 0.02, source: \"choice\"), condition: Always)";
        assert_eq!(base.matches(job).count(), 1);
        let with = |effects: &str| {
            path_problems(&base.replace(
                job,
                &format!("rate: (value: 0.02, source: \"choice\"), condition: Always, {effects})"),
            ))
        };
        // Well formed: a drop of two steps and a course five times as likely.
        assert!(
            with("alliance_drop: Some((points: 2, source: \"choice\")), course_rates: Some((multipliers: [(\"worse\", 5)], source: \"choice\"))").is_empty()
        );
        let found = |effects: &str, path: &str, words: &str| {
            let problems = with(effects);
            assert!(
                problems
                    .iter()
                    .any(|(p, m, f)| p == path && format!("{m} {f}").contains(words)),
                "{effects}: {problems:?}"
            );
        };
        found(
            "alliance_drop: Some((points: 1.5, source: \"choice\"))",
            "events[0].alliance_drop.points",
            "not a whole number of the rating scale's steps of 1",
        );
        found(
            "alliance_drop: Some((points: -2, source: \"choice\"))",
            "events[0].alliance_drop.points",
            "lowers nothing",
        );
        found(
            "alliance_drop: Some((points: 12, source: \"choice\"))",
            "events[0].alliance_drop.points",
            "larger than the rating scale",
        );
        found(
            "alliance_drop: Some((points: 2, source: \"nowhere\"))",
            "events[0].alliance_drop.source",
            "unknown source key",
        );
        found(
            "course_rates: Some((multipliers: [(\"worst\", 5)], source: \"choice\"))",
            "events[0].course_rates.multipliers[0]",
            "there is no course \"worst\" use one of: better, worse",
        );
        found(
            "course_rates: Some((multipliers: [(\"worse\", 60)], source: \"choice\"))",
            "events[0].course_rates.multipliers[0]",
            "more than once per session",
        );
        found(
            "course_rates: Some((multipliers: [(\"worse\", 0)], source: \"choice\"))",
            "events[0].course_rates.multipliers[0]",
            "is not positive",
        );
        found(
            "course_rates: Some((multipliers: [(\"worse\", 2), (\"worse\", 3)], source: \"choice\"))",
            "events[0].course_rates.multipliers[1].key",
            "used twice",
        );
        found(
            "score_shift: Some((mean: 5, sd: 1, source: \"choice\")), course_rates: Some((multipliers: [(\"worse\", 2)], source: \"choice\"))",
            "events[0].course_rates",
            "one rate in every course",
        );
        found(
            "no_lasting_effect: Some(\"choice\"), alliance_drop: Some((points: 2, source: \"choice\"))",
            "events[0].no_lasting_effect",
            "also that it has none",
        );
        assert!(with("no_lasting_effect: Some(\"choice\")").is_empty());
    }

    #[test]
    fn ruptures_sudden_gains_turns_and_dropout_links_are_checked() {
        let base = include_str!("../../tests/scenarios/minimal.ron");
        let edit = |from: &str, to: &str| {
            assert_eq!(base.matches(from).count(), 1, "{from}");
            base.replace(from, to)
        };
        // Each edit of the file, with the problems it must raise: (field path, part of the message).
        type Expected<'a> = &'a [(&'a str, &'a str)];
        let cases: [(&str, &str, Expected); 5] = [
            (
                "concern_below: 6, source: \"choice\")",
                "concern_below: 6, source: \"choice\", ruptures: Some((depth: 20, rates: [(\"worst\", 1.5)], source: \"choice\")))",
                &[
                    ("alliance.ruptures.depth", "does not fit the scale"),
                    ("alliance.ruptures.rates[0]", "there is no course \"worst\""),
                    ("alliance.ruptures.rates[0]", "1.5 is not a probability"),
                ],
            ),
            (
                "alliance_mean: 8, source: \"choice\")",
                "alliance_mean: 8, source: \"choice\", sudden_gain: Some((probability: 2, share: 0, first: 5, last: 3, source: \"choice\")), shape: Turn(at: 9, to: -0.5))",
                &[
                    ("courses[0].sudden_gain.probability", "is not a probability"),
                    ("courses[0].sudden_gain.share", "is not above 0"),
                    ("courses[0].sudden_gain.first", "are not a range"),
                    ("courses[0].shape", "does not fit 6 sessions"),
                ],
            ),
            (
                "    hello_goodbye:",
                "    dropout: Some((rate: (value: 0.2, source: \"choice\"), alliance_link: Some((value: 5, source: \"choice\")))),\n    hello_goodbye:",
                &[("dropout.alliance_link.value", "5 is outside 0 to 3")],
            ),
            (
                "    hello_goodbye:",
                "    dropout: Some((rate: (value: 0.2, source: \"choice\"), alliance_link: Some((value: 0.5, source: \"choice\")))),\n    targets: [(statistic: AllianceDropout(sessions: 9), value: 0.5, tolerance: Within(0.2), source: \"choice\", evidence: ModellingChoice)],\n    hello_goodbye:",
                &[
                    ("dropout.alliance_link", "`alliance.client_sd` is not set"),
                    (
                        "targets[0].statistic",
                        "the first sessions up to 9 is not a session",
                    ),
                ],
            ),
            (
                "    hello_goodbye:",
                "    dropout: Some((rate: (value: 0.2, source: \"choice\"), early: Some((from: 0, by: 2, share: (value: 1.2, source: \"choice\"))))),\n    targets: [(statistic: DropoutBy(6), value: 0.5, tolerance: Within(0.2), source: \"choice\", evidence: ModellingChoice)],\n    hello_goodbye:",
                &[
                    ("dropout.early.from", "cannot stop from session 0 on"),
                    ("dropout.early.share.value", "1.2 is not a share"),
                    ("targets[0].statistic", "session 6 is not a session"),
                ],
            ),
        ];
        for (from, to, expected) in cases {
            let found = path_problems(&edit(from, to));
            for (path, message) in expected {
                assert!(
                    found
                        .iter()
                        .any(|(p, m, _)| p == path && m.contains(message)),
                    "{path}: {message} in {found:?}"
                );
            }
        }
    }

    #[test]
    fn the_scale_ends_must_lie_on_the_scale_and_their_bends_apart() {
        let base = include_str!("../../tests/scenarios/minimal.ron");
        let noise = "        session_noise_sd: (value: 5, source: \"choice\"),\n";
        assert_eq!(base.matches(noise).count(), 1);
        let with = |ends: &str| {
            path_problems(&base.replace(noise, &format!("{noise}        scale_ends: {ends},\n")))
        };
        assert!(
            with("Some((lowest: 5, highest: 95, soft_low: 20, soft_high: 20, source: \"choice\"))")
                .is_empty()
        );
        for (ends, path, message) in [
            (
                "Some((lowest: -3, highest: 95, soft_low: 20, soft_high: 20, source: \"choice\"))",
                "measure.scale_ends.lowest",
                "outside the range 0–100",
            ),
            (
                "Some((lowest: 5, highest: 95.5, soft_low: 20, soft_high: 20, source: \"choice\"))",
                "measure.scale_ends.highest",
                "not a total the scale shows",
            ),
            (
                "Some((lowest: 5, highest: 95, soft_low: 0, soft_high: 20, source: \"choice\"))",
                "measure.scale_ends.soft_low",
                "must be positive",
            ),
            (
                "Some((lowest: 40, highest: 60, soft_low: 15, soft_high: 15, source: \"choice\"))",
                "measure.scale_ends",
                "overlap",
            ),
            (
                "Some((lowest: 5, highest: 95, soft_low: 20, soft_high: 20, source: \"nowhere\"))",
                "measure.scale_ends.source",
                "nowhere",
            ),
        ] {
            let found = with(ends);
            assert!(
                found
                    .iter()
                    .any(|(p, m, _)| p == path && m.contains(message)),
                "{path}: {message} in {found:?}"
            );
        }
    }

    #[test]
    fn a_selection_must_come_before_every_checkpoint_and_within_the_treatment() {
        let base = include_str!("../../tests/scenarios/minimal.ron");
        let with = |checkpoints: &str, flagged_by: u32| {
            base.replace(
                "    checkpoints: [0, 2],\n",
                &format!(
                    "    checkpoints: {checkpoints},\n    selection: Some((flagged_by: {flagged_by}, source: \"choice\")),\n"
                ),
            )
        };
        let problems = |text: &str| {
            path_problems(text)
                .into_iter()
                .map(|(path, message, fix)| (path, format!("{message} — {fix}")))
                .collect::<Vec<_>>()
        };
        assert!(
            with("[0, 2]", 2).contains("selection"),
            "the test edits the file"
        );
        let early = problems(&with("[0, 2]", 2));
        assert!(
            early
                .iter()
                .any(|(p, m)| p == "checkpoints[0]" && m.contains("comes before session 2")),
            "{early:?}"
        );
        let late = problems(&with("[2, 4]", 6));
        assert!(
            late.iter()
                .any(|(p, m)| p == "selection.flagged_by" && m.contains("does not fit 6 sessions")),
            "{late:?}"
        );
        let s = crate::scenario::parse("s.ron", &with("[2, 4]", 2)).expect("a valid selection");
        assert_eq!(s.selected_by, Some(2));
    }

    #[test]
    fn valid_targets_load() {
        let text = with_targets(
            "        (statistic: Dropout, value: 0.197, tolerance: Range(low: 0.187, high: 0.207), source: \"paper\", evidence: Verified),\n\
             \x20       (statistic: AllianceOutcome(sessions: 3), value: 0.278, tolerance: Within(0.02), source: \"paper\", evidence: Unverified),\n\
             \x20       (statistic: SuddenGain(min_points: 10, min_share: 0.25), value: 0.4, tolerance: Within(0.1), source: \"choice\", evidence: ModellingChoice),\n\
             \x20       (statistic: WarningSensitivity(End), value: 1.0, tolerance: Range(low: 0.9, high: 1.0), source: \"paper\", evidence: Verified),\n\
             \x20       (statistic: TestRetest, value: 0.8, tolerance: Within(0.02), source: \"paper\", evidence: Verified),",
        );
        let s = crate::scenario::parse("t.ron", &text).expect("valid targets");
        assert_eq!(s.file.targets.len(), 5);
        assert_eq!(s.file.targets[0].band(), (0.187, 0.207));
        let (low, high) = s.file.targets[1].band();
        assert!((low - 0.258).abs() < 1e-12 && (high - 0.298).abs() < 1e-12);
    }

    #[test]
    fn each_target_problem_names_its_line_and_field() {
        for (target, path, words) in [
            (
                "(statistic: Dropout, value: 0.2, tolerance: Within(0.01), source: \"papr\", evidence: Verified)",
                "targets[0].source",
                "unknown source key \"papr\"",
            ),
            (
                "(statistic: Dropout, value: 0.2, tolerance: Within(0.01), source: \"choice\", evidence: Verified)",
                "targets[0].evidence",
                "needs a published source",
            ),
            (
                "(statistic: Dropout, value: 19.7, tolerance: Within(0.01), source: \"paper\", evidence: Verified)",
                "targets[0].value",
                "0.197",
            ),
            (
                "(statistic: Dropout, value: 0.2, tolerance: Range(low: 0.25, high: 0.3), source: \"paper\", evidence: Verified)",
                "targets[0].tolerance",
                "a ≤ value ≤ b",
            ),
            (
                "(statistic: Dropout, value: 0.02, tolerance: Within(0.05), source: \"paper\", evidence: Verified)",
                "targets[0].tolerance",
                "reaches beyond",
            ),
            (
                "(statistic: ReliableImprovementBy(7), value: 0.5, tolerance: Within(0.1), source: \"paper\", evidence: Verified)",
                "targets[0].statistic",
                "from 1 to 6",
            ),
            (
                "(statistic: WarningFlagged(Session(6)), value: 0.2, tolerance: Within(0.1), source: \"paper\", evidence: Verified)",
                "targets[0].statistic",
                "from 1 to 5",
            ),
            (
                "(statistic: SuddenGain(min_points: 0, min_share: 1.5), value: 0.4, tolerance: Within(0.1), source: \"paper\", evidence: Verified)",
                "targets[0].statistic",
                "greater than 0",
            ),
            (
                "(statistic: TestRetest, value: 0.84, tolerance: Within(0.02), source: \"paper\", evidence: Verified)",
                "targets[0].value",
                "declared test–retest reliability 0.8",
            ),
            (
                "(statistic: Events(Violation), value: 0.005, tolerance: Range(low: 0, high: 0.01), source: \"paper\", evidence: Verified)",
                "targets[0].statistic",
                "no events of class violation",
            ),
        ] {
            let problems = target_problems(&format!("        {target},"));
            assert!(
                problems
                    .iter()
                    .any(|(line, p, m)| *line == 71 && p == path && m.contains(words)),
                "{target}: {problems:?}"
            );
        }
    }

    #[test]
    fn a_statistic_targeted_twice_is_refused() {
        let problems = target_problems(
            "        (statistic: Dropout, value: 0.2, tolerance: Within(0.01), source: \"paper\", evidence: Verified),\n\
             \x20       (statistic: Dropout, value: 0.3, tolerance: Within(0.01), source: \"paper\", evidence: Verified),",
        );
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert_eq!(problems[0].0, 72);
        assert_eq!(problems[0].1, "targets[1].statistic");
    }

    #[test]
    fn an_unknown_statistic_is_a_parse_error_that_lists_the_known_ones() {
        let problems = target_problems(
            "        (statistic: Dropouts, value: 0.2, tolerance: Within(0.01), source: \"paper\", evidence: Verified),",
        );
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert_eq!(problems[0].0, 71);
        assert!(problems[0].2.contains("`Dropouts`"), "{problems:?}");
        assert!(problems[0].2.contains("SuddenGain"), "{problems:?}");
    }
}
