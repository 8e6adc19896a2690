//! The qualification test guide: the published statistics a scenario declares as `targets`, computed
//! from simulated cases the way the research computes them, each with an interval and a verdict.
//!
//! A flight simulator is qualified by objective tests, each a recorded figure with a tolerance; here
//! each target is a statistic of the simulated population with a band it must reach. Because the
//! realised statistic is itself an estimate from a finite sample, a target passes when the realised
//! value's family-wise interval overlaps the band (Bonferroni over the targets, as the rate lines
//! of `check` are, at the level `check::FAMILY_ERROR`): a simulation that truly lies inside every band
//! fails a line by chance in at most one run in 400, the whole bundled library in one in twenty.
//!
//! The definitions, all on the *shown* scores (as a study sees them), with `x₀` the intake score,
//! `x₁ … x_L` the scores after sessions 1 to L (L < the planned sessions when the client dropped out),
//! and `w = +1` when higher scores are worse, `−1` otherwise:
//! - **deterioration / recovery**: Jacobson–Truax outcome of `x₀` and `x_L` (see `MeasureRules::outcome`).
//! - **reliable improvement by session t**: Kaplan–Meier estimate of P(first session s with
//!   `−w·(x_s − x₀) ≥ RCI` is ≤ t), censored at L; **recovery by session t** the same with the
//!   recovered outcome of `(x₀, x_s)`. Survival analyses of dose–response (Kadera et al., 1996;
//!   Anderson & Lambert, 2001) count the first session a client meets the criterion.
//! - **reliably improved at session t**: among the clients with a score after session t (L ≥ t),
//!   the share with `−w·(x_t − x₀) ≥ RCI`: improvement judged at a number of sessions, as the
//!   dose–effect studies Howard et al. (1986) pooled did, not first passage (with weekly fluctuation a
//!   first passage also counts clients whom one good week carried over the line).
//! - **sudden gain** (Tang & DeRubeis, 1999, with the missing-data critical values of Lutz et al.,
//!   2013): an interval N → N+1 (1 ≤ N ≤ L − 2) with gain `g = w·(x_N − x_{N+1})` where
//!   (1) `g ≥ min_points`; (2) `g ≥ min_share · d(x_N)` with `d` the distance from the healthy end of
//!   the scale (`x − min` when higher is worse, `max − x` otherwise); (3) `w·(M_pre − M_post) >
//!   t_crit · s_pooled` over the up to three scores before (N−2…N) and after (N+1…N+3), with
//!   `s_pooled² = ((n₁−1)s₁² + (n₂−1)s₂²) / (n₁+n₂−2)` and `t_crit` the two-tailed 5 % Student
//!   quantile at `n₁+n₂−2` degrees of freedom (2.776 for 3 + 3 scores). The share is of the clients
//!   seen to session 5 or later (L ≥ [`SUDDEN_GAIN_SESSIONS`]), the shortest series in which a gain
//!   can be tested with three scores on each side (2 → 3, with intake, 1, 2 before and 3, 4, 5
//!   after): a client who stopped after one or two sessions had no chance to show a gain, and
//!   counting them would make the share depend on when dropouts leave rather than on the courses.
//! - **alliance–outcome**: Pearson r of the mean alliance over sessions 1…k with the residual of `x_L`
//!   regressed on `x₀` (ordinary least squares over the simulated population), signed `−w` so that a
//!   better outcome than expected from intake is positive: with covariances from the sample,
//!   `b = cov(X,Y)/var(X)`, `r = −w · (cov(A,Y) − b·cov(A,X)) / √(var(A) · (var(Y) − b·cov(X,Y)))`.
//!   Clients with fewer than k alliance ratings (who stopped before session k) are left out: the
//!   studies correlate an alliance measured at a session with outcome among the clients rated then.
//! - **test–retest reliability**: `corr(T, x₀)²`, with T the true intake severity. In classical test
//!   theory the correlation of two administrations at the same true state (which a short-interval
//!   retest of untreated people measures) is `var(T) / var(X) = corr(T, X)²`; the session noise is the
//!   week-to-week fluctuation, which a retest weeks apart counts as error.
//! - **dropout**: share of clients with L below the planned number of sessions.
//! - **dropout by session k**: among the clients with L below the planned sessions, the share with
//!   L ≤ k (how front-loaded dropout is).
//! - **alliance of dropouts**: Cohen's d of the early alliance, the mean of the ratings over sessions
//!   1…min(k, L), between completers (L = the planned sessions) and dropouts: a client who stopped
//!   before session k is judged on the ratings of the sessions they came to, as a study that rates
//!   the alliance at the first sessions compares those who stay with those who leave. Leaving out
//!   the clients who stopped before session k would compare completers with late dropouts only,
//!   where front-loaded dropout puts most dropouts early (a dropout's mean then rests on fewer
//!   ratings, so it spreads a little more). `d = (Ā_completers − Ā_dropouts) / s_pooled` with
//!   `s_pooled² = ((n₁−1)s₁² + (n₂−1)s₂²) / (n₁+n₂−2)`, so positive when dropouts had the weaker
//!   alliance (Sharf, Primavera & Diener, 2010). Its interval is d ± z·SE with the large-sample
//!   `SE² = (n₁+n₂)/(n₁n₂) + d²/(2(n₁+n₂))` (Hedges & Olkin, 1985).
//! - **early warning**: a client is flagged by session t when the early-warning rule's signal is
//!   yellow or red at some session s with 1 ≤ s ≤ t and s < L (a warning must come before the last
//!   score, which decides the outcome); `End` takes every s < L. Sensitivity is the share of
//!   deteriorated clients flagged, the flag share the share of all clients flagged. By session t
//!   both count the clients still in treatment after session t (L > t), who could have been warned
//!   at every session up to t, as a clinic counts the clients it monitors at that session (a client
//!   who left after session 1 never had a score at which a warning could come by session 3); by the
//!   end they count the clients with at least one score before the last (L ≥ 2).
//! - **events of a Linden class**: Kaplan–Meier estimate of the share of clients with at least one
//!   such event by the last planned session, censored at L. The studies count the events of a
//!   treatment under way (Schermuly-Haupt et al., 2018, asked therapists about one of their current
//!   outpatients); a client who stopped after one session had little time for one, and a plain share
//!   would make the figure depend on when dropouts leave. Without dropout it is the plain share.

use serde::Serialize;

use crate::model::{Case, Outcome};
use crate::scenario::Scenario;
use crate::scenario::format::{By, Statistic, Target};
use crate::scenario::measure::MeasureRules;
use crate::stats::wilson_interval_z;

/// A realised statistic with its interval, and how many cases it rests on.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Estimate {
    pub value: f64,
    pub low: f64,
    pub high: f64,
    pub cases: u64,
}

/// One line of the target table.
#[derive(Debug, Clone, Serialize)]
pub struct TargetLine {
    /// The statistic in words for files (`reliable_improvement_by_session_8`).
    pub name: String,
    pub target: Target,
    /// The band the realised value's interval must reach.
    pub band_low: f64,
    pub band_high: f64,
    /// `None` when no case could say anything (no deteriorated client for a sensitivity, say).
    pub realised: Option<Estimate>,
    pub pass: bool,
}

/// The first session s ≥ 1 at which the shown score is reliably better than intake, if any.
pub fn reliable_improvement_session(rules: &MeasureRules, scores: &[f64]) -> Option<usize> {
    first_session(scores, |intake, y| {
        matches!(
            rules.outcome(intake, y),
            Outcome::Improved | Outcome::Recovered
        )
    })
}

/// The first session s ≥ 1 at which the shown score counts as recovered against intake, if any.
pub fn recovery_session(rules: &MeasureRules, scores: &[f64]) -> Option<usize> {
    first_session(scores, |intake, y| {
        rules.outcome(intake, y) == Outcome::Recovered
    })
}

fn first_session(scores: &[f64], meets: impl Fn(f64, f64) -> bool) -> Option<usize> {
    let intake = *scores.first()?;
    scores
        .iter()
        .enumerate()
        .skip(1)
        .find(|(_, y)| meets(intake, **y))
        .map(|(s, _)| s)
}

/// Two-tailed 5 % critical values of Student's t at 2, 3 and 4 degrees of freedom: the third
/// sudden-gain criterion with 2 + 2, 2 + 3 (or 3 + 2) and 3 + 3 scores around the gain.
const T_CRITICAL: [f64; 3] = [4.302_652_7, 3.182_446_3, 2.776_445_1];

/// Whether the shown scores hold at least one sudden gain by the criteria of Tang & DeRubeis (1999)
/// (see the module notes for the formulas).
pub fn has_sudden_gain(
    rules: &MeasureRules,
    scores: &[f64],
    min_points: f64,
    min_share: f64,
) -> bool {
    let w = rules.worse;
    let distance = |x: f64| {
        if w > 0.0 {
            x - rules.min
        } else {
            rules.max - x
        }
    };
    let last = scores.len().saturating_sub(1);
    (1..last.saturating_sub(1)).any(|n| {
        let (Some(&before), Some(&after)) = (scores.get(n), scores.get(n + 1)) else {
            return false;
        };
        let gain = w * (before - after);
        let pre = scores.get(n.saturating_sub(2)..=n).unwrap_or_default();
        let post = scores
            .get(n + 1..(n + 4).min(scores.len()))
            .unwrap_or_default();
        if gain < min_points
            || gain < min_share * distance(before)
            || pre.len() < 2
            || post.len() < 2
        {
            return false;
        }
        let (m1, v1) = mean_var(pre);
        let (m2, v2) = mean_var(post);
        let (n1, n2) = (pre.len() as f64, post.len() as f64);
        let pooled = (((n1 - 1.0) * v1 + (n2 - 1.0) * v2) / (n1 + n2 - 2.0)).sqrt();
        let t = T_CRITICAL
            .get(pre.len() + post.len() - 4)
            .copied()
            .unwrap_or(f64::INFINITY);
        w * (m1 - m2) > t * pooled
    })
}

/// Mean and sample variance (n − 1) of at least two numbers.
fn mean_var(x: &[f64]) -> (f64, f64) {
    let n = x.len() as f64;
    let mean = x.iter().sum::<f64>() / n;
    let var = x.iter().map(|v| (v - mean).powi(2)).sum::<f64>() / (n - 1.0);
    (mean, var)
}

/// Whether the early-warning rule flagged a client by `by`. `warnings[s − 1]` tells whether the
/// signal was yellow or red at session s, for s = 1 … L; only sessions before L count.
pub fn flagged(warnings: &[bool], by: By) -> bool {
    let before_last = warnings.len().saturating_sub(1);
    let upto = match by {
        By::Session(t) => (t as usize).min(before_last),
        By::End => before_last,
    };
    warnings.iter().take(upto).any(|w| *w)
}

/// The shortest series, in sessions after intake, in which a sudden gain can be tested with three
/// scores on each side: the sudden-gain share is of the clients seen this far (see the module notes).
pub const SUDDEN_GAIN_SESSIONS: usize = 5;

/// Whether a client whose last score is at session `last` counts for a warning statistic by `by`:
/// still in treatment after session t, or, by the end, with a score before the last.
pub fn warned_over(last: usize, by: By) -> bool {
    match by {
        By::Session(t) => last > t as usize,
        By::End => last >= 2,
    }
}

/// Whether a client's scores stop before the planned last session.
pub fn dropped_out(scores: &[f64], sessions: usize) -> bool {
    scores.len() < sessions + 1
}

/// Counts of a share: cases that count and cases that have the property.
#[derive(Debug, Clone, Copy, Default)]
struct Share {
    hits: u64,
    cases: u64,
}

impl Share {
    fn add(&mut self, hit: bool) {
        self.cases += 1;
        self.hits += u64::from(hit);
    }

    fn estimate(&self, z: f64) -> Option<Estimate> {
        (self.cases > 0).then(|| {
            let (low, high) = wilson_interval_z(self.hits, self.cases, z);
            let value = self.hits as f64 / self.cases as f64;
            // The Wilson interval always holds the share; this only undoes rounding at 0 and 1.
            Estimate {
                value,
                low: low.min(value),
                high: high.max(value),
                cases: self.cases,
            }
        })
    }
}

/// Kaplan–Meier tallies of the first session a criterion is met, up to session `by`.
#[derive(Debug, Clone)]
pub struct Survival {
    by: usize,
    /// Clients who first met the criterion at session s (index s).
    events: Vec<u64>,
    /// Clients last seen at session s without having met it (index s < by).
    censored: Vec<u64>,
    cases: u64,
}

impl Survival {
    pub fn new(by: usize) -> Self {
        Survival {
            by,
            events: vec![0; by + 1],
            censored: vec![0; by + 1],
            cases: 0,
        }
    }

    /// Adds a client whose last score is at session `last` and who first met the criterion at
    /// session `first`, if ever.
    pub fn add(&mut self, first: Option<usize>, last: usize) {
        self.cases += 1;
        match first.filter(|&s| s <= self.by) {
            Some(s) => {
                if let Some(e) = self.events.get_mut(s) {
                    *e += 1;
                }
            }
            None if last < self.by => {
                if let Some(c) = self.censored.get_mut(last) {
                    *c += 1;
                }
            }
            None => {}
        }
    }

    /// `1 − Ŝ(by)`, the Kaplan–Meier estimate of having met the criterion by session `by`, with
    /// Greenwood's variance `Ŝ² · Σ dₛ / (nₛ (nₛ − dₛ))`. Without censoring this is a plain share,
    /// and gets the Wilson interval the other shares get.
    pub fn estimate(&self, z: f64) -> Option<Estimate> {
        if self.cases == 0 {
            return None;
        }
        if self.censored.iter().all(|c| *c == 0) {
            let hits = self.events.iter().sum();
            return Share {
                hits,
                cases: self.cases,
            }
            .estimate(z);
        }
        let mut at_risk = self.cases as f64 - self.censored.first().copied().unwrap_or(0) as f64;
        let mut survival = 1.0;
        let mut greenwood = 0.0;
        for s in 1..=self.by {
            let d = self.events.get(s).copied().unwrap_or(0) as f64;
            if at_risk > 0.0 {
                survival *= 1.0 - d / at_risk;
                if at_risk > d {
                    greenwood += d / (at_risk * (at_risk - d));
                }
            }
            at_risk -= d + self.censored.get(s).copied().unwrap_or(0) as f64;
        }
        let se = survival * greenwood.sqrt();
        let value = 1.0 - survival;
        Some(Estimate {
            value,
            low: (value - z * se).max(0.0),
            high: (value + z * se).min(1.0),
            cases: self.cases,
        })
    }
}

/// Means and co-moments of N variables, updated one case at a time (Welford's method, which stays
/// accurate where sums of squares of scores near 80 would cancel).
#[derive(Debug, Clone)]
pub struct CoMoments<const N: usize> {
    n: u64,
    mean: [f64; N],
    /// Σ (xᵢ − x̄ᵢ)(xⱼ − x̄ⱼ).
    co: [[f64; N]; N],
}

impl<const N: usize> Default for CoMoments<N> {
    fn default() -> Self {
        CoMoments {
            n: 0,
            mean: [0.0; N],
            co: [[0.0; N]; N],
        }
    }
}

impl<const N: usize> CoMoments<N> {
    pub fn add(&mut self, x: [f64; N]) {
        self.n += 1;
        let n = self.n as f64;
        let mut delta = [0.0; N];
        for ((d, m), xi) in delta.iter_mut().zip(self.mean.iter_mut()).zip(x) {
            *d = xi - *m;
            *m += *d / n;
        }
        for (row, di) in self.co.iter_mut().zip(delta) {
            for ((c, xj), mj) in row.iter_mut().zip(x).zip(self.mean) {
                *c += di * (xj - mj);
            }
        }
    }

    /// The sample covariance of variables i and j.
    pub fn cov(&self, i: usize, j: usize) -> f64 {
        let c = self
            .co
            .get(i)
            .and_then(|r| r.get(j))
            .copied()
            .unwrap_or(f64::NAN);
        c / (self.n as f64 - 1.0)
    }

    /// The sample mean of variable i.
    pub fn mean(&self, i: usize) -> f64 {
        self.mean.get(i).copied().unwrap_or(f64::NAN)
    }

    pub fn cases(&self) -> u64 {
        self.n
    }
}

/// A correlation with its Fisher-z interval `tanh(atanh r ± z / √(n − 3))`.
fn correlation_estimate(r: f64, n: u64, z: f64) -> Option<Estimate> {
    if !r.is_finite() || n < 4 {
        return None;
    }
    let half = z / (n as f64 - 3.0).sqrt();
    let centre = r.clamp(-0.999_999_999, 0.999_999_999).atanh();
    Some(Estimate {
        value: r,
        low: (centre - half).tanh(),
        high: (centre + half).tanh(),
        cases: n,
    })
}

/// Cohen's d of group `a` over group `b` (see the module notes), with its interval at normal
/// quantile `z`; `None` while either group has fewer than two cases.
fn cohens_d(a: &CoMoments<1>, b: &CoMoments<1>, z: f64) -> Option<Estimate> {
    let (n1, n2) = (a.cases() as f64, b.cases() as f64);
    if n1 < 2.0 || n2 < 2.0 {
        return None;
    }
    let pooled = ((n1 - 1.0) * a.cov(0, 0) + (n2 - 1.0) * b.cov(0, 0)) / (n1 + n2 - 2.0);
    let d = (a.mean(0) - b.mean(0)) / pooled.sqrt();
    let se = ((n1 + n2) / (n1 * n2) + d * d / (2.0 * (n1 + n2))).sqrt();
    d.is_finite().then_some(Estimate {
        value: d,
        low: d - z * se,
        high: d + z * se,
        cases: a.cases() + b.cases(),
    })
}

/// The alliance–outcome correlation from the co-moments of (mean early alliance A, intake X, last
/// score Y): the correlation of A with the residual of Y on X, signed by `-worse` so that a better
/// outcome than intake predicts is positive.
pub fn alliance_outcome(m: &CoMoments<3>, worse: f64) -> Option<f64> {
    let (va, vx) = (m.cov(0, 0), m.cov(1, 1));
    let b = m.cov(1, 2) / vx;
    let residual_var = m.cov(2, 2) - b * m.cov(1, 2);
    // NaN (fewer than two cases) fails these comparisons too.
    (va > 0.0 && vx > 0.0 && residual_var > 0.0)
        .then(|| -worse * (m.cov(0, 2) - b * m.cov(0, 1)) / (va * residual_var).sqrt())
}

/// The reliability as `corr(T, X)²` from the co-moments of (true intake T, shown intake X).
pub fn reliability(m: &CoMoments<2>) -> Option<f64> {
    let (vt, vx) = (m.cov(0, 0), m.cov(1, 1));
    (vt > 0.0 && vx > 0.0).then(|| m.cov(0, 1).powi(2) / (vt * vx))
}

/// What a target collects from the cases.
#[derive(Debug, Clone)]
enum Tally {
    Share(Share),
    Survival(Survival),
    Alliance(CoMoments<3>),
    Reliability(CoMoments<2>),
    /// The mean early alliance of completers and of dropouts.
    Groups([CoMoments<1>; 2]),
}

/// The targets of a scenario, collecting from one case after another.
pub struct Qualifier {
    targets: Vec<(Target, Tally)>,
}

impl Qualifier {
    pub fn new(s: &Scenario) -> Self {
        let targets = s
            .file
            .targets
            .iter()
            .map(|t| {
                let tally = match t.statistic {
                    Statistic::ReliableImprovementBy(by) | Statistic::RecoveryBy(by) => {
                        Tally::Survival(Survival::new(by as usize))
                    }
                    Statistic::Events(_) => Tally::Survival(Survival::new(s.sessions())),
                    Statistic::AllianceOutcome { .. } => Tally::Alliance(CoMoments::default()),
                    Statistic::AllianceDropout { .. } => Tally::Groups(Default::default()),
                    Statistic::TestRetest => Tally::Reliability(CoMoments::default()),
                    _ => Tally::Share(Share::default()),
                };
                (t.clone(), tally)
            })
            .collect();
        Qualifier { targets }
    }

    /// Adds a case; `warnings[s − 1]` is whether the early-warning signal was yellow or red at
    /// session s, for every session with a score.
    pub fn add(&mut self, s: &Scenario, case: &Case, warnings: &[bool]) {
        self.add_drawn(s, case, case, warnings);
    }

    /// Adds a case of a scenario with a selection, with `population`, the client drawn from the same
    /// stream before selection: the measure's reliability is a property of the whole population (a
    /// selection on scores changes the spread of true scores, and with it the correlation).
    pub fn add_drawn(&mut self, s: &Scenario, case: &Case, population: &Case, warnings: &[bool]) {
        let rules = &s.rules;
        let scores = &case.scores;
        let last = scores.len().saturating_sub(1);
        for (target, tally) in &mut self.targets {
            match (target.statistic, tally) {
                (Statistic::Deterioration, Tally::Share(sh)) => {
                    sh.add(case.outcome == Outcome::Deteriorated);
                }
                (Statistic::Recovery, Tally::Share(sh)) => {
                    sh.add(case.outcome == Outcome::Recovered);
                }
                (Statistic::ReliableImprovementBy(_), Tally::Survival(sv)) => {
                    sv.add(reliable_improvement_session(rules, scores), last);
                }
                (Statistic::ReliablyImprovedAt(t), Tally::Share(sh)) => {
                    if let (Some(&intake), Some(&then)) = (scores.first(), scores.get(t as usize)) {
                        sh.add(matches!(
                            rules.outcome(intake, then),
                            Outcome::Improved | Outcome::Recovered
                        ));
                    }
                }
                (Statistic::RecoveryBy(_), Tally::Survival(sv)) => {
                    sv.add(recovery_session(rules, scores), last);
                }
                (
                    Statistic::SuddenGain {
                        min_points,
                        min_share,
                    },
                    Tally::Share(sh),
                ) if last >= SUDDEN_GAIN_SESSIONS => {
                    sh.add(has_sudden_gain(rules, scores, min_points, min_share));
                }
                (Statistic::AllianceOutcome { sessions }, Tally::Alliance(m)) => {
                    let k = sessions as usize;
                    if let (Some(early), Some(&intake)) = (case.alliance.get(..k), scores.first())
                        && last > 0
                    {
                        let mean = early.iter().sum::<f64>() / k as f64;
                        m.add([mean, intake, case.last()]);
                    }
                }
                (Statistic::AllianceDropout { sessions }, Tally::Groups(groups)) => {
                    // The ratings of sessions 1 to k, or to the last session before it.
                    let k = (sessions as usize).min(last);
                    if let Some(early) = case.alliance.get(..k)
                        && k > 0
                    {
                        let mean = early.iter().sum::<f64>() / k as f64;
                        let group = usize::from(dropped_out(scores, s.sessions()));
                        if let Some(g) = groups.get_mut(group) {
                            g.add([mean]);
                        }
                    }
                }
                (Statistic::TestRetest, Tally::Reliability(m)) => {
                    m.add([population.hidden.true_intake, population.intake()]);
                }
                (Statistic::Dropout, Tally::Share(sh)) => {
                    sh.add(dropped_out(scores, s.sessions()));
                }
                (Statistic::DropoutBy(t), Tally::Share(sh))
                    if dropped_out(scores, s.sessions()) =>
                {
                    sh.add(last <= t as usize);
                }
                (Statistic::WarningSensitivity(by), Tally::Share(sh))
                    if case.outcome == Outcome::Deteriorated && warned_over(last, by) =>
                {
                    sh.add(flagged(warnings, by));
                }
                (Statistic::WarningFlagged(by), Tally::Share(sh)) if warned_over(last, by) => {
                    sh.add(flagged(warnings, by));
                }
                (Statistic::Events(class), Tally::Survival(sv)) => {
                    // The first session with such an event (an event before session 1 counts
                    // at session 1).
                    let first = case
                        .events
                        .iter()
                        .filter(|e| s.file.events.get(e.kind).is_some_and(|k| k.linden == class))
                        .map(|e| (e.session as usize).max(1))
                        .min();
                    sv.add(first, last);
                }
                _ => {}
            }
        }
    }

    /// The table, each interval at normal quantile `z`.
    pub fn lines(&self, worse: f64, z: f64) -> Vec<TargetLine> {
        self.targets
            .iter()
            .map(|(target, tally)| {
                let realised = match tally {
                    Tally::Share(sh) => sh.estimate(z),
                    Tally::Survival(sv) => sv.estimate(z),
                    Tally::Alliance(m) => alliance_outcome(m, worse)
                        .and_then(|r| correlation_estimate(r, m.cases(), z)),
                    Tally::Groups([completers, dropouts]) => cohens_d(completers, dropouts, z),
                    Tally::Reliability(m) => reliability(m).and_then(|r2| {
                        let e = correlation_estimate(r2.sqrt(), m.cases(), z)?;
                        Some(Estimate {
                            value: r2,
                            low: e.low.max(0.0).powi(2),
                            high: e.high.powi(2),
                            cases: e.cases,
                        })
                    }),
                };
                let (band_low, band_high) = target.band();
                let pass = realised.is_some_and(|e| e.low <= band_high && band_low <= e.high);
                TargetLine {
                    name: slug(&target.statistic),
                    target: target.clone(),
                    band_low,
                    band_high,
                    realised,
                    pass,
                }
            })
            .collect()
    }
}

/// A statistic's name in files and JSON.
pub fn slug(statistic: &Statistic) -> String {
    let by = |b: By| match b {
        By::Session(t) => format!("by_session_{t}"),
        By::End => "by_end".to_string(),
    };
    match *statistic {
        Statistic::Deterioration => "deterioration".into(),
        Statistic::Recovery => "recovery".into(),
        Statistic::ReliableImprovementBy(t) => format!("reliable_improvement_by_session_{t}"),
        Statistic::RecoveryBy(t) => format!("recovery_by_session_{t}"),
        Statistic::ReliablyImprovedAt(t) => format!("reliably_improved_at_session_{t}"),
        Statistic::SuddenGain { .. } => "sudden_gain".into(),
        Statistic::AllianceOutcome { sessions } => {
            format!("alliance_outcome_sessions_1_{sessions}")
        }
        Statistic::AllianceDropout { sessions } => {
            format!("alliance_dropout_sessions_1_{sessions}")
        }
        Statistic::TestRetest => "test_retest".into(),
        Statistic::Dropout => "dropout".into(),
        Statistic::DropoutBy(t) => format!("dropout_by_session_{t}"),
        Statistic::WarningSensitivity(b) => format!("warning_sensitivity_{}", by(b)),
        Statistic::WarningFlagged(b) => format!("warning_flagged_{}", by(b)),
        Statistic::Events(class) => format!("events_{}", class.slug()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::scenario::measure::test_rules::{oq45, ors};

    const Z95: f64 = 1.959_963_984_540_054;

    #[test]
    fn first_reliable_improvement_and_first_recovery() {
        let m = oq45();
        // 80 − 66 = 14 at session 2 is reliable; 66 is still clinical, 60 at session 4 is not.
        let scores = [80.0, 75.0, 66.0, 70.0, 60.0];
        assert_eq!(reliable_improvement_session(&m, &scores), Some(2));
        assert_eq!(recovery_session(&m, &scores), Some(4));
        assert_eq!(reliable_improvement_session(&m, &[80.0, 70.0, 67.0]), None);
        assert_eq!(reliable_improvement_session(&m, &[]), None);
    }

    #[test]
    fn a_sudden_gain_by_the_three_criteria() {
        let m = oq45();
        // Gain 79 → 55 between sessions 3 and 4: 24 ≥ 14 points, ≥ 25 % of 79 (19.75); means 79 and
        // 55 of three scores with SD 1 each, pooled SD 1, and 24 > 2.776 · 1.
        let scores = [80.0, 80.0, 78.0, 79.0, 55.0, 54.0, 56.0, 55.0];
        assert!(has_sudden_gain(&m, &scores, 14.0, 0.25));
        // 35 % of 79 is 27.65 > 24: the relative criterion fails.
        assert!(!has_sudden_gain(&m, &scores, 14.0, 0.35));
        // 25 points asked, 24 gained.
        assert!(!has_sudden_gain(&m, &scores, 25.0, 0.25));
        // The same gain among wildly fluctuating scores: pre 100, 60, 79 (SD 20.0), post SD 1, pooled
        // SD 14.17, and 24.67 < 2.776 · 14.17 = 39.3; the 100 → 60 drop before it has only two
        // scores before (pooled SD 13.17, t at 3 df 3.182: 25.3 < 41.9).
        let noisy = [80.0, 100.0, 60.0, 79.0, 55.0, 54.0, 56.0, 55.0];
        assert!(!has_sudden_gain(&m, &noisy, 14.0, 0.25));
    }

    #[test]
    fn a_sudden_gain_needs_two_scores_on_each_side() {
        let m = oq45();
        // 80 → 50 between sessions 1 and 2 with intake and session 1 before, sessions 2 and 3 after:
        // both SDs 0, so any gain passes the third criterion.
        assert!(has_sudden_gain(&m, &[80.0, 80.0, 50.0, 50.0], 14.0, 0.25));
        // Without session 3 there is one score after the gain: no test.
        assert!(!has_sudden_gain(&m, &[80.0, 80.0, 50.0], 14.0, 0.25));
        // Between intake and session 1 there is one score before: not a candidate.
        assert!(!has_sudden_gain(&m, &[80.0, 50.0, 50.0, 50.0], 14.0, 0.25));
    }

    #[test]
    fn a_sudden_gain_on_a_measure_where_higher_is_better() {
        let m = ors();
        // 15.2 → 24 is a gain of 8.8 ≥ 5 and ≥ 25 % of the distance 40 − 15.2 = 24.8 (6.2); pre mean
        // 15 (variance 0.04), post mean 24 (variance 0.25), pooled SD √0.145 = 0.381, 9 > 1.06.
        let scores = [15.0, 15.0, 14.8, 15.2, 24.0, 24.5, 23.5];
        assert!(has_sudden_gain(&m, &scores, 5.0, 0.25));
        // The same numbers read as the OQ-45 are a loss, not a gain.
        assert!(!has_sudden_gain(&oq45(), &scores, 5.0, 0.25));
    }

    #[test]
    fn a_warning_counts_only_before_the_last_score() {
        // Sessions 1–4; yellow or red at session 2 only.
        let w = [false, true, false, false];
        assert!(!flagged(&w, By::Session(1)));
        assert!(flagged(&w, By::Session(2)));
        assert!(flagged(&w, By::End));
        // Red only at the last session is the outcome itself, not a warning.
        let late = [false, false, false, true];
        assert!(!flagged(&late, By::End));
        assert!(!flagged(&late, By::Session(4)));
        assert!(!flagged(&[], By::End));
    }

    #[test]
    fn cohens_d_by_hand() {
        // Completers 2, 4, 6 (mean 4, variance 4), dropouts 1, 3 (mean 2, variance 2): pooled
        // variance (2·4 + 1·2)/3 = 10/3, d = 2/√(10/3) = 1.095445; SE² = 5/6 + d²/10 = 0.953333.
        let (mut completers, mut dropouts) = (CoMoments::<1>::default(), CoMoments::<1>::default());
        for x in [2.0, 4.0, 6.0] {
            completers.add([x]);
        }
        for x in [1.0, 3.0] {
            dropouts.add([x]);
        }
        let e = cohens_d(&completers, &dropouts, Z95).expect("two groups of two or more");
        assert!((e.value - 1.095_445).abs() < 1e-6, "{e:?}");
        let se = 0.953_333_f64.sqrt();
        assert!((e.low - (1.095_445 - Z95 * se)).abs() < 1e-5, "{e:?}");
        assert!((e.high - (1.095_445 + Z95 * se)).abs() < 1e-5, "{e:?}");
        assert_eq!(e.cases, 5);
        // One dropout says nothing about their spread.
        let mut one = CoMoments::<1>::default();
        one.add([1.0]);
        assert!(cohens_d(&completers, &one, Z95).is_none());
    }

    #[test]
    fn dropout_is_a_short_series() {
        assert!(dropped_out(&[80.0, 70.0, 60.0], 3));
        assert!(!dropped_out(&[80.0, 70.0, 60.0, 50.0], 3));
    }

    #[test]
    fn kaplan_meier_with_censoring() {
        // By session 3, five clients: events at 1, 3 and 2; one last seen at session 1, one never.
        // At risk 5, 3, 2 with one event each: Ŝ = 4/5 · 2/3 · 1/2 = 0.2667, so 0.7333 met it;
        // Greenwood Σ = 1/20 + 1/6 + 1/2 = 0.7167, SE = 0.2667 · √0.7167 = 0.2257.
        let mut s = Survival::new(3);
        s.add(Some(1), 5);
        s.add(Some(3), 5);
        s.add(None, 1);
        s.add(None, 5);
        s.add(Some(2), 2);
        let e = s.estimate(Z95).unwrap();
        assert!((e.value - 0.733_333).abs() < 1e-6, "{e:?}");
        assert!((e.low - 0.290_864).abs() < 1e-5, "{e:?}");
        assert_eq!(e.high, 1.0);
        assert_eq!(e.cases, 5);
    }

    #[test]
    fn kaplan_meier_without_censoring_is_a_share_with_its_wilson_interval() {
        // Events at sessions 1 and 2 among four clients seen to the end; an event at 5 is after
        // session 3 and does not count.
        let mut s = Survival::new(3);
        s.add(Some(1), 5);
        s.add(Some(2), 5);
        s.add(Some(5), 5);
        s.add(None, 5);
        let e = s.estimate(Z95).unwrap();
        let (low, high) = wilson_interval_z(2, 4, Z95);
        assert_eq!((e.value, e.low, e.high), (0.5, low, high));
        // At a share of 0 the interval starts at 0 exactly.
        let mut none = Survival::new(3);
        none.add(None, 5);
        assert_eq!(none.estimate(Z95).unwrap().low, 0.0);
        assert!(Survival::new(3).estimate(Z95).is_none());
    }

    /// A = (1, 0, 0, 0), X = (1, 2, 3, 4), Y = X + e with e = (1, −1, −1, 1), which is orthogonal to
    /// X: the residual of Y on X is e, and r(A, e) = 1 / √(0.75 · 4) = 1/√3 = 0.57735.
    fn alliance_sample() -> CoMoments<3> {
        let mut m = CoMoments::default();
        for (a, x, y) in [
            (1.0, 1.0, 2.0),
            (0.0, 2.0, 1.0),
            (0.0, 3.0, 2.0),
            (0.0, 4.0, 5.0),
        ] {
            m.add([a, x, y]);
        }
        m
    }

    #[test]
    fn alliance_outcome_is_the_correlation_with_the_residual_change() {
        let m = alliance_sample();
        assert!((m.cov(1, 1) - 5.0 / 3.0).abs() < 1e-12);
        assert!((m.cov(0, 1) + 0.5).abs() < 1e-12);
        let r = 1.0 / 3f64.sqrt();
        // Where higher scores are worse, a higher residual is a worse outcome: the sign flips.
        assert!((alliance_outcome(&m, 1.0).unwrap() + r).abs() < 1e-12);
        assert!((alliance_outcome(&m, -1.0).unwrap() - r).abs() < 1e-12);
    }

    #[test]
    fn reliability_is_the_squared_true_observed_correlation() {
        // T = (1, 2, 3, 4), X = (2, 1, 2, 5): cov 5/3, var T 5/3, var X 3, r² = (5/3) / 3 = 5/9.
        let mut m = CoMoments::default();
        for (t, x) in [(1.0, 2.0), (2.0, 1.0), (3.0, 2.0), (4.0, 5.0)] {
            m.add([t, x]);
        }
        assert!((reliability(&m).unwrap() - 5.0 / 9.0).abs() < 1e-12);
    }

    #[test]
    fn a_correlation_gets_its_fisher_interval() {
        // r = 0.5, n = 103: atanh 0.5 = 0.5493 ± 1.96 / 10, back through tanh: 0.3393 to 0.6323.
        let e = correlation_estimate(0.5, 103, Z95).unwrap();
        assert!((e.low - 0.339_304).abs() < 1e-5, "{e:?}");
        assert!((e.high - 0.632_340).abs() < 1e-5, "{e:?}");
        assert!(correlation_estimate(0.5, 3, Z95).is_none());
    }

    /// The minimal test scenario (6 sessions, 0–100, higher is worse, RCI 10; events: 0 unrelated,
    /// 1 side effect, 2 malpractice) with these targets.
    /// Its clients may stop early (20 % of them, over the sessions after the last checkpoint), so
    /// that the dropout targets are valid; the cases of these tests are written by hand.
    fn minimal_with(targets: &str) -> Scenario {
        let base = include_str!("../../tests/scenarios/minimal.ron").trim_end();
        let body = base.strip_suffix(')').expect("a scenario ends with )");
        let dropout = "dropout: Some((rate: (value: 0.2, source: \"choice\"))),";
        crate::scenario::parse(
            "t.ron",
            &format!("{body} {dropout}\n targets: [{targets}],\n)"),
        )
        .expect("a valid scenario")
    }

    /// A generated case with its scores, alliance, events and outcome replaced.
    fn case(s: &Scenario, scores: &[f64], alliance: &[f64], events: &[usize]) -> Case {
        let mut c = crate::model::generate_case(s, 1, 0);
        c.scores = scores.to_vec();
        c.alliance = alliance.to_vec();
        c.events = events
            .iter()
            .map(|&kind| crate::model::Event {
                session: 1,
                kind,
                wording: 0,
            })
            .collect();
        c.outcome = s.rules.outcome(scores[0], *scores.last().unwrap());
        c
    }

    #[test]
    fn clients_who_stopped_early_count_as_each_statistic_defines() {
        let s = minimal_with(
            "(statistic: DropoutBy(2), value: 0.5, tolerance: Within(0.1), source: \"paper\", evidence: Verified),
             (statistic: AllianceDropout(sessions: 3), value: 0.5, tolerance: Within(1.0), source: \"paper\", evidence: Verified),
             (statistic: SuddenGain(min_points: 10, min_share: 0.2), value: 0.5, tolerance: Within(0.5), source: \"paper\", evidence: Verified),
             (statistic: WarningFlagged(Session(2)), value: 0.5, tolerance: Within(0.5), source: \"paper\", evidence: Verified),
             (statistic: WarningFlagged(End), value: 0.5, tolerance: Within(0.5), source: \"paper\", evidence: Verified),",
        );
        let mut q = Qualifier::new(&s);
        // Completers (six sessions), alliance of sessions 1–3: 8, 8, 8 and 6, 6, 6 (means 8 and 6);
        // the first has a sudden gain 50 → 30 between sessions 2 and 3, and was flagged at session 1.
        let gain = [50.0, 50.0, 50.0, 30.0, 30.0, 30.0, 30.0];
        q.add(
            &s,
            &case(&s, &gain, &[8.0; 6], &[]),
            &[true, false, false, false, false, false],
        );
        q.add(&s, &case(&s, &[50.0; 7], &[6.0; 6], &[]), &[false; 6]);
        // Stopped after session 1 (alliance 4: mean of one rating), flagged at its only session,
        // which is its last: no warning before the last score, and not in treatment after session 2.
        q.add(&s, &case(&s, &[50.0, 60.0], &[4.0], &[]), &[true]);
        // Stopped after session 2 (ratings 5 and 3: mean 4), flagged at session 1.
        q.add(
            &s,
            &case(&s, &[50.0, 50.0, 55.0], &[5.0, 3.0], &[]),
            &[true, false],
        );
        // Stopped after session 4 (ratings 2, 2, 2, 9: mean of sessions 1–3 is 2), with the same
        // gain as the first: too short a series for the sudden-gain share (five sessions needed).
        q.add(
            &s,
            &case(
                &s,
                &[50.0, 50.0, 50.0, 30.0, 30.0],
                &[2.0, 2.0, 2.0, 9.0],
                &[],
            ),
            &[false; 4],
        );
        let lines = q.lines(s.rules.worse, Z95);
        let value = |i: usize| lines[i].realised.map(|e| (e.value, e.cases));
        assert_eq!(
            value(0),
            Some((2.0 / 3.0, 3)),
            "two of three dropouts by session 2"
        );
        // Completers 8 and 6 (mean 7, variance 2), dropouts 4, 4, 2 (mean 10/3, variance 4/3):
        // pooled variance (2 + 2·4/3) / 3 = 14/9, d = (11/3) / √(14/9) = 11/√14 = 2.939 874.
        let d = lines[1].realised.unwrap();
        assert!((d.value - 2.939_874).abs() < 1e-6, "{d:?}");
        assert_eq!(d.cases, 5);
        assert_eq!(value(2), Some((0.5, 2)), "of the two completers one gained");
        assert_eq!(
            value(3),
            Some((1.0 / 3.0, 3)),
            "in treatment after session 2: the completers and the one who stopped after 4"
        );
        assert_eq!(
            value(4),
            Some((0.5, 4)),
            "a score before the last: all but the one who stopped after session 1"
        );
    }

    #[test]
    fn the_qualifier_counts_each_statistic_over_the_right_clients() {
        let s = minimal_with(
            "(statistic: Deterioration, value: 0.5, tolerance: Within(0.1), source: \"paper\", evidence: Verified),
             (statistic: WarningSensitivity(End), value: 0.5, tolerance: Within(0.1), source: \"paper\", evidence: Verified),
             (statistic: WarningFlagged(Session(1)), value: 0.25, tolerance: Within(0.1), source: \"paper\", evidence: Verified),
             (statistic: Dropout, value: 0.25, tolerance: Within(0.1), source: \"paper\", evidence: Verified),
             (statistic: Events(SideEffect), value: 0.25, tolerance: Within(0.1), source: \"paper\", evidence: Verified),
             (statistic: AllianceOutcome(sessions: 2), value: 0.0, tolerance: Within(1.0), source: \"paper\", evidence: Verified),
             (statistic: ReliablyImprovedAt(4), value: 0.25, tolerance: Within(0.1), source: \"paper\", evidence: Verified),",
        );
        let mut q = Qualifier::new(&s);
        // Deteriorated (50 → 62), flagged at session 2, a side effect.
        let full = [50.0, 50.0, 50.0, 50.0, 50.0, 50.0, 62.0];
        q.add(
            &s,
            &case(&s, &full, &[8.0; 6], &[1]),
            &[false, true, false, false, false, true],
        );
        // Recovered (50 → 30), flagged at session 1, no event.
        let better = [50.0, 45.0, 40.0, 35.0, 30.0, 30.0, 30.0];
        q.add(
            &s,
            &case(&s, &better, &[9.0; 6], &[]),
            &[true, false, false, false, false, false],
        );
        // Dropped out after session 3, deteriorated (50 → 61), red only at its last score; one
        // alliance rating, so it has no mean of sessions 1–2.
        q.add(
            &s,
            &case(&s, &[50.0, 52.0, 55.0, 61.0], &[5.0], &[]),
            &[false, false, true],
        );
        // Unchanged, never flagged, an unrelated event only.
        let same = [52.0, 50.0, 48.0, 47.0, 46.0, 45.0, 44.0];
        q.add(&s, &case(&s, &same, &[7.0; 6], &[0]), &[false; 6]);
        // Unchanged (48 → 40), never flagged, no event.
        let little = [48.0, 47.0, 46.0, 45.0, 44.0, 43.0, 40.0];
        q.add(&s, &case(&s, &little, &[6.0; 6], &[]), &[false; 6]);
        let lines = q.lines(s.rules.worse, Z95);
        let realised: Vec<(f64, u64)> = lines
            .iter()
            .map(|l| l.realised.map_or((f64::NAN, 0), |e| (e.value, e.cases)))
            .collect();
        assert_eq!(
            realised[0],
            (0.4, 5),
            "deteriorated: the first and the third"
        );
        assert_eq!(
            realised[1],
            (0.5, 2),
            "of these two, the first was flagged in time"
        );
        assert_eq!(realised[2], (0.2, 5), "flagged at session 1: the second");
        assert_eq!(realised[3], (0.2, 5), "dropped out: the third");
        // Kaplan–Meier: the event at session 1 among five at risk (the third is censored at
        // session 3, after it), so 1 − 4/5.
        assert!(
            (realised[4].0 - 0.2).abs() < 1e-12 && realised[4].1 == 5,
            "a side effect: the first, {:?}",
            realised[4]
        );
        assert_eq!(
            realised[5].1, 4,
            "alliance of sessions 1–2: all but the third"
        );
        assert_eq!(
            realised[6],
            (0.25, 4),
            "reliably better at session 4: the second (50 → 30) of the four still there"
        );
    }
}
