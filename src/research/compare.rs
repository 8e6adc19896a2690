//! `ontrack compare`: the trajectory statistics of real session data beside those of a scenario's
//! simulated clients, each with a client-level bootstrap interval. A flight simulator is qualified
//! against the aircraft's own recordings; this holds the simulated world against real weeks.
//!
//! The definitions, on one client's observed scores `y_t` (t = 0 the intake, t = 1 … L the sessions
//! observed; a missing session is skipped, never filled in), with `w = +1` when higher scores are
//! worse and `−1` otherwise, and `RCI` the measure's reliable change:
//! - **residual lag-1 autocorrelation**: each client with at least four scores gets an ordinary
//!   least-squares line `y_t ≈ a + b·t` through all their scores; with its residuals `e_t`, pooled
//!   over clients, `r₁ = (Σ e_t·e_{t+1} / #pairs) / (Σ e_t² / #scores)`, the pairs being the
//!   consecutive sessions both observed. The per-client ratio is biased far below the true
//!   autocorrelation in short series (a fitted line eats two degrees of freedom); pooling the sums
//!   is less biased, but still low: compare real and simulated with the same statistic.
//! - **SD of weekly change / SD of intake**: the sample SD of all week-to-week changes
//!   `y_{t+1} − y_t` (consecutive sessions, intake → session 1 included) pooled over clients, over
//!   the sample SD of the intakes.
//! - **big weeks**: the share of clients with a week-to-week change of at least 1.5 × RCI (and of
//!   2.1 × RCI) in either direction, among clients with at least one change; and the share of all
//!   week-to-week changes of at least 1 × RCI in either direction. A client who stopped early counts
//!   with the weeks they had, in the real data as in the simulated.
//! - **sudden gain** (Tang & DeRubeis, 1999, in its original form, with three full sessions on
//!   each side): a gain from session N to N + 1, with sessions N − 2 … N + 3 all observed
//!   (so 2 ≤ N ≤ L − 3; the intake may be the first of the three before), where
//!   (1) `g = w·(y_N − y_{N+1}) ≥ 7/9 · RCI`: Tang & DeRubeis's 7 BDI points against the BDI's
//!   reliable change of 9, so 7 BDI points, 10.9 OQ-45 points (RCI 14), 3.9 ORS points (RCI 5);
//!   (2) `g ≥ 0.25 · d(y_N)`, `d` the distance from the scale's healthy end (`y − min` when higher
//!   is worse, `max − y` otherwise; the BDI's and OQ-45's minimum is 0, so this is 25 % of the
//!   pre-gain score); (3) `w·(mean(y_{N−2..N}) − mean(y_{N+1..N+3})) > 2.776 · s_pooled`, 2.776 the
//!   two-tailed 5 % t quantile at 4 degrees of freedom (Tang & DeRubeis's 2.78), `s_pooled² =
//!   (s₁² + s₂²) / 2`. The share is of the clients observed at session 5 or later, the shortest
//!   series with a full window (2 → 3, with sessions 0–2 before and 3–5 after): a client who stopped
//!   after a session or two could not show one, and counting them would tie the share to when
//!   clients leave rather than to how their weeks go (simulated clients stop early too).
//! - **early change AUC**: among clients with scores at sessions 0, 1, 2 and 3 and a later one, the
//!   area under the ROC curve of the early improvement `−w·(mean(y₁, y₂, y₃) − y₀)` for final
//!   reliable improvement `−w·(y_L − y₀) ≥ RCI` (ties count a half).
//! - **qualification statistics the data allow**: reliable deterioration and reliable improvement
//!   of the last score against intake (Jacobson–Truax without the cutoff, which real data of another
//!   measure do not share), reliably improved at session 8 (see `qualify`), and, where alliance
//!   ratings of sessions 1–3 exist, the alliance–outcome correlation of `qualify`.
//!
//! Intervals: percentile bootstrap over clients (the client is the unit that is sampled), 1 000
//! resamples, from a seeded ChaCha stream.

use std::fmt::Write as _;

use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde::Serialize;

use crate::debrief::show::number;
use crate::i18n::{t, tf};
use crate::model::generate_case;
use crate::research::qualify::{CoMoments, alliance_outcome};
use crate::research::trajectory_csv::Series;
use crate::scenario::{Lang, Scenario};
use crate::text_table::{self, Align};

/// Bootstrap resamples of each side.
pub const RESAMPLES: usize = 1000;

/// Tang & DeRubeis's 7 BDI points as a share of the BDI's reliable change (9 points): the absolute
/// sudden-gain criterion of another measure is this share of its RCI.
pub const GAIN_SHARE_OF_RCI: f64 = 7.0 / 9.0;

/// The last session a series must reach for its sudden-gain share: a full window of three sessions
/// on each side of the earliest gain (2 → 3).
const GAIN_SESSIONS: usize = 5;

/// Two-tailed 5 % critical value of Student's t at 4 degrees of freedom (3 + 3 scores).
const T_CRITICAL_3_3: f64 = 2.776_445_105_197_793;

/// Rounding slack when a change is compared with a threshold.
const TOLERANCE: f64 = 1e-9;

/// The measure of one side: what its changes are judged against.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct MeasureUsed {
    pub rci: f64,
    pub higher_is_worse: bool,
    /// The ends of the scale (the healthy end sizes the sudden gain's 25 %).
    pub min: f64,
    pub max: f64,
    /// The sudden gain's absolute threshold, 7/9 of the RCI.
    pub gain_points: f64,
}

impl MeasureUsed {
    pub fn new(rci: f64, higher_is_worse: bool, min: f64, max: f64) -> Self {
        MeasureUsed {
            rci,
            higher_is_worse,
            min,
            max,
            gain_points: GAIN_SHARE_OF_RCI * rci,
        }
    }

    /// The measure of a scenario, as its rules judge change.
    pub fn of(s: &Scenario) -> Self {
        let r = &s.rules;
        Self::new(r.reliable_change, r.worse > 0.0, r.min, r.max)
    }

    fn worse(&self) -> f64 {
        if self.higher_is_worse { 1.0 } else { -1.0 }
    }

    fn distance_from_healthy_end(&self, y: f64) -> f64 {
        if self.higher_is_worse {
            y - self.min
        } else {
            self.max - y
        }
    }
}

/// The statistics, in the order of the table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Statistic {
    ResidualLag1,
    ChangeSdOverIntakeSd,
    #[serde(rename = "clients_with_week_over_1_5_rci")]
    ClientsWithWeekOver1_5Rci,
    #[serde(rename = "clients_with_week_over_2_1_rci")]
    ClientsWithWeekOver2_1Rci,
    WeeklyChangesOverRci,
    SuddenGain,
    EarlyChangeAuc,
    ReliableDeterioration,
    ReliableImprovement,
    #[serde(rename = "reliably_improved_at_8")]
    ReliablyImprovedAt8,
    AllianceOutcome,
}

impl Statistic {
    pub const ALL: [Statistic; 11] = [
        Statistic::ResidualLag1,
        Statistic::ChangeSdOverIntakeSd,
        Statistic::ClientsWithWeekOver1_5Rci,
        Statistic::ClientsWithWeekOver2_1Rci,
        Statistic::WeeklyChangesOverRci,
        Statistic::SuddenGain,
        Statistic::EarlyChangeAuc,
        Statistic::ReliableDeterioration,
        Statistic::ReliableImprovement,
        Statistic::ReliablyImprovedAt8,
        Statistic::AllianceOutcome,
    ];

    /// The name in the keys of the texts.
    pub fn slug(self) -> &'static str {
        match self {
            Statistic::ResidualLag1 => "residual-lag1",
            Statistic::ChangeSdOverIntakeSd => "change-sd",
            Statistic::ClientsWithWeekOver1_5Rci => "big-week-15",
            Statistic::ClientsWithWeekOver2_1Rci => "big-week-21",
            Statistic::WeeklyChangesOverRci => "weeks-over-rci",
            Statistic::SuddenGain => "sudden-gain",
            Statistic::EarlyChangeAuc => "early-auc",
            Statistic::ReliableDeterioration => "deterioration",
            Statistic::ReliableImprovement => "improvement",
            Statistic::ReliablyImprovedAt8 => "improved-at-8",
            Statistic::AllianceOutcome => "alliance-outcome",
        }
    }
}

/// A statistic with its bootstrap interval and the clients it rests on.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Interval {
    pub value: f64,
    pub low: f64,
    pub high: f64,
    pub clients: usize,
}

/// One line of the table: the real figure beside the simulated one.
#[derive(Debug, Clone, Serialize)]
pub struct CompareLine {
    pub statistic: Statistic,
    /// `None` when the data do not allow the statistic (no alliance ratings, too short series).
    pub real: Option<Interval>,
    pub simulated: Option<Interval>,
}

/// The whole report of `ontrack compare`.
#[derive(Debug, Clone, Serialize)]
pub struct CompareReport {
    pub scenario: String,
    pub real_file: String,
    pub real_clients: usize,
    pub real_scores: usize,
    pub real_measure: MeasureUsed,
    pub simulated_cases: u64,
    pub simulated_measure: MeasureUsed,
    pub seed: u64,
    pub resamples: usize,
    pub lines: Vec<CompareLine>,
}

/// What one client contributes to every statistic: sums that add over clients, so a bootstrap
/// resample is a weighted sum.
#[derive(Debug, Clone, Default, PartialEq)]
struct Client {
    /// Σ e_t·e_{t+1}, #pairs, Σ e_t², #scores of the residuals around the client's line (zeros
    /// with fewer than four scores).
    lag: [f64; 4],
    /// #changes, Σ d, Σ d², #changes with |d| ≥ RCI.
    changes: [f64; 4],
    intake: f64,
    /// A change of at least 1.5 and of 2.1 RCI; `None` without any change.
    big: Option<[bool; 2]>,
    /// Whether a sudden gain shows; `None` for a series that ends before session 5.
    sudden_gain: Option<bool>,
    /// Early improvement and final reliable improvement.
    early: Option<(f64, bool)>,
    /// Reliable deterioration and reliable improvement of the last score.
    outcome: Option<[bool; 2]>,
    improved_at_8: Option<bool>,
    /// Mean alliance of sessions 1–3, intake, last score.
    alliance: Option<[f64; 3]>,
}

impl Client {
    fn new(series: &Series, m: &MeasureUsed) -> Self {
        let w = m.worse();
        let observed: Vec<(usize, f64)> = series
            .scores
            .iter()
            .enumerate()
            .filter_map(|(t, y)| y.map(|y| (t, y)))
            .collect();
        let intake = series.score(0).unwrap_or(f64::NAN);
        let mut c = Client {
            intake,
            ..Client::default()
        };
        if observed.len() >= 4 {
            let residual = residuals(&observed);
            let mut products = 0.0;
            let mut pairs = 0.0;
            for t in 0..series.scores.len().saturating_sub(1) {
                if let (Some(a), Some(b)) = (residual(t), residual(t + 1)) {
                    products += a * b;
                    pairs += 1.0;
                }
            }
            let squares: f64 = observed
                .iter()
                .filter_map(|&(t, _)| residual(t))
                .map(|e| e * e)
                .sum();
            c.lag = [products, pairs, squares, observed.len() as f64];
        }
        let changes: Vec<f64> = (0..series.scores.len().saturating_sub(1))
            .filter_map(|t| Some(series.score(t + 1)? - series.score(t)?))
            .collect();
        let over = |k: f64| changes.iter().any(|d| d.abs() >= k * m.rci - TOLERANCE);
        c.changes = [
            changes.len() as f64,
            changes.iter().sum(),
            changes.iter().map(|d| d * d).sum(),
            changes
                .iter()
                .filter(|d| d.abs() >= m.rci - TOLERANCE)
                .count() as f64,
        ];
        c.big = (!changes.is_empty()).then(|| [over(1.5), over(2.1)]);
        c.sudden_gain = series
            .last()
            .is_some_and(|(t, _)| t >= GAIN_SESSIONS)
            .then(|| has_full_window_sudden_gain(series, m));
        let last = series.last().filter(|(t, _)| *t > 0);
        let improved = |y: f64| -w * (y - intake) >= m.rci - TOLERANCE;
        if let (Some(y1), Some(y2), Some(y3), Some((l, yl))) =
            (series.score(1), series.score(2), series.score(3), last)
            && l > 3
        {
            let early = -w * ((y1 + y2 + y3) / 3.0 - intake);
            c.early = Some((early, improved(yl)));
        }
        if let Some((_, yl)) = last {
            c.outcome = Some([w * (yl - intake) >= m.rci - TOLERANCE, improved(yl)]);
        }
        c.improved_at_8 = series.score(8).map(improved);
        let early_alliance: Option<Vec<f64>> = (1..=3)
            .map(|t| series.alliance.get(t).copied().flatten())
            .collect();
        if let (Some(a), Some((_, yl))) = (early_alliance, last) {
            c.alliance = Some([a.iter().sum::<f64>() / 3.0, intake, yl]);
        }
        c
    }
}

/// The residuals of the least-squares line through `observed` (session, score), by session; `None`
/// for a session not observed.
fn residuals(observed: &[(usize, f64)]) -> impl Fn(usize) -> Option<f64> + '_ {
    let n = observed.len() as f64;
    let mean_t = observed.iter().map(|(t, _)| *t as f64).sum::<f64>() / n;
    let mean_y = observed.iter().map(|(_, y)| y).sum::<f64>() / n;
    let stt: f64 = observed
        .iter()
        .map(|(t, _)| (*t as f64 - mean_t).powi(2))
        .sum();
    let sty: f64 = observed
        .iter()
        .map(|(t, y)| (*t as f64 - mean_t) * (y - mean_y))
        .sum();
    let slope = if stt > 0.0 { sty / stt } else { 0.0 };
    move |t| {
        observed
            .iter()
            .find(|(s, _)| *s == t)
            .map(|(_, y)| y - mean_y - slope * (t as f64 - mean_t))
    }
}

/// Whether the series holds a sudden gain by the three criteria with three full sessions on each
/// side (see the module notes).
fn has_full_window_sudden_gain(series: &Series, m: &MeasureUsed) -> bool {
    let w = m.worse();
    (2..series.scores.len().saturating_sub(3)).any(|n| {
        let window: Option<Vec<f64>> = (n - 2..=n + 3).map(|t| series.score(t)).collect();
        let Some(y) = window else { return false };
        let (Some(&before), Some(&after)) = (y.get(2), y.get(3)) else {
            return false;
        };
        let gain = w * (before - after);
        if gain < m.gain_points - TOLERANCE
            || gain < 0.25 * m.distance_from_healthy_end(before) - TOLERANCE
        {
            return false;
        }
        let (pre, post) = y.split_at(3);
        let (m1, v1) = mean_var(pre);
        let (m2, v2) = mean_var(post);
        let pooled = ((v1 + v2) / 2.0).sqrt();
        w * (m1 - m2) > T_CRITICAL_3_3 * pooled
    })
}

/// Mean and sample variance (n − 1) of at least two numbers.
fn mean_var(x: &[f64]) -> (f64, f64) {
    let n = x.len() as f64;
    let mean = x.iter().sum::<f64>() / n;
    let var = x.iter().map(|v| (v - mean).powi(2)).sum::<f64>() / (n - 1.0);
    (mean, var)
}

/// Every statistic of the clients taken `weights[i]` times each (1 for all: the sample itself).
/// `by_early` lists the clients with an early change, sorted by it (for the AUC).
fn statistics(
    clients: &[Client],
    weights: &[f64],
    by_early: &[usize],
    worse: f64,
) -> [Option<f64>; 11] {
    let mut lag = [0.0; 4];
    let mut changes = [0.0; 4];
    let mut intake = [0.0; 3];
    let mut shares = [[0.0; 2]; 6];
    let mut alliance = CoMoments::<3>::default();
    for (c, &weight) in clients.iter().zip(weights) {
        if weight == 0.0 {
            continue;
        }
        for (sum, x) in lag.iter_mut().zip(c.lag) {
            *sum += weight * x;
        }
        for (sum, x) in changes.iter_mut().zip(c.changes) {
            *sum += weight * x;
        }
        if c.intake.is_finite() {
            intake[0] += weight;
            intake[1] += weight * c.intake;
            intake[2] += weight * c.intake * c.intake;
        }
        let mut share = |k: usize, hit: Option<bool>| {
            if let (Some(hit), Some(s)) = (hit, shares.get_mut(k)) {
                s[0] += weight * f64::from(u8::from(hit));
                s[1] += weight;
            }
        };
        share(0, c.big.map(|b| b[0]));
        share(1, c.big.map(|b| b[1]));
        share(2, c.sudden_gain);
        share(3, c.outcome.map(|o| o[0]));
        share(4, c.outcome.map(|o| o[1]));
        share(5, c.improved_at_8);
        if let Some(row) = c.alliance {
            for _ in 0..weight as usize {
                alliance.add(row);
            }
        }
    }
    let ratio = |a: f64, b: f64| (b > 0.0).then(|| a / b);
    let sd = |n: f64, s: f64, q: f64| (n > 1.0).then(|| ((q - s * s / n) / (n - 1.0)).sqrt());
    let lag1 = ratio(lag[0], lag[1])
        .zip(ratio(lag[2], lag[3]))
        .and_then(|(a, b)| ratio(a, b));
    let change_sd = sd(changes[0], changes[1], changes[2]);
    let intake_sd = sd(intake[0], intake[1], intake[2]);
    let share = |k: usize| shares.get(k).and_then(|s| ratio(s[0], s[1]));
    [
        lag1,
        change_sd.zip(intake_sd).and_then(|(a, b)| ratio(a, b)),
        share(0),
        share(1),
        ratio(changes[3], changes[0]),
        share(2),
        weighted_auc(clients, weights, by_early),
        share(3),
        share(4),
        share(5),
        alliance_outcome(&alliance, worse),
    ]
}

/// The weighted AUC of the early change for final reliable improvement; ties count a half.
fn weighted_auc(clients: &[Client], weights: &[f64], by_early: &[usize]) -> Option<f64> {
    let mut below = 0.0;
    let mut sum = 0.0;
    let (mut positives, mut negatives) = (0.0, 0.0);
    let mut i = 0;
    while i < by_early.len() {
        let value = |k: usize| {
            by_early
                .get(k)
                .and_then(|&c| clients.get(c))
                .and_then(|c| c.early)
        };
        let Some((x, _)) = value(i) else { break };
        let (mut pos, mut neg) = (0.0, 0.0);
        while let Some((_, improved)) = value(i).filter(|(xi, _)| *xi == x) {
            let weight = by_early
                .get(i)
                .and_then(|&c| weights.get(c))
                .copied()
                .unwrap_or(0.0);
            if improved {
                pos += weight;
            } else {
                neg += weight;
            }
            i += 1;
        }
        sum += pos * (below + 0.5 * neg);
        below += neg;
        positives += pos;
        negatives += neg;
    }
    (positives > 0.0 && negatives > 0.0).then(|| sum / (positives * negatives))
}

/// The statistics of `series` with their bootstrap intervals (resampling clients from the stream
/// `stream` of `seed`).
fn side(series: &[Series], m: &MeasureUsed, seed: u64, stream: u64) -> [Option<Interval>; 11] {
    let clients: Vec<Client> = series.iter().map(|s| Client::new(s, m)).collect();
    let mut by_early: Vec<usize> = (0..clients.len())
        .filter(|&i| clients.get(i).is_some_and(|c| c.early.is_some()))
        .collect();
    let early = |i: &usize| {
        clients
            .get(*i)
            .and_then(|c| c.early)
            .map_or(f64::NAN, |e| e.0)
    };
    by_early.sort_by(|a, b| early(a).total_cmp(&early(b)));
    let ones = vec![1.0; clients.len()];
    let point = statistics(&clients, &ones, &by_early, m.worse());
    let eligible = eligible_counts(&clients);

    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    rng.set_stream(stream);
    let mut draws: Vec<[Option<f64>; 11]> = Vec::with_capacity(RESAMPLES);
    let mut weights = vec![0.0; clients.len()];
    for _ in 0..RESAMPLES {
        weights.iter_mut().for_each(|w| *w = 0.0);
        for _ in 0..clients.len() {
            if let Some(w) = weights.get_mut(rng.random_range(0..clients.len())) {
                *w += 1.0;
            }
        }
        draws.push(statistics(&clients, &weights, &by_early, m.worse()));
    }
    let mut out = [None; 11];
    for (k, slot) in out.iter_mut().enumerate() {
        let Some(value) = point.get(k).copied().flatten() else {
            continue;
        };
        let mut values: Vec<f64> = draws
            .iter()
            .filter_map(|d| d.get(k).copied().flatten())
            .collect();
        values.sort_by(f64::total_cmp);
        *slot = Some(Interval {
            value,
            low: percentile(&values, 0.025).unwrap_or(value),
            high: percentile(&values, 0.975).unwrap_or(value),
            clients: eligible.get(k).copied().unwrap_or(0),
        });
    }
    out
}

/// How many clients each statistic rests on.
fn eligible_counts(clients: &[Client]) -> [usize; 11] {
    let count = |f: &dyn Fn(&Client) -> bool| clients.iter().filter(|c| f(c)).count();
    let big = count(&|c| c.big.is_some());
    let outcome = count(&|c| c.outcome.is_some());
    [
        count(&|c| c.lag[3] > 0.0),
        count(&|c| c.changes[0] > 0.0),
        big,
        big,
        count(&|c| c.changes[0] > 0.0),
        count(&|c| c.sudden_gain.is_some()),
        count(&|c| c.early.is_some()),
        outcome,
        outcome,
        count(&|c| c.improved_at_8.is_some()),
        count(&|c| c.alliance.is_some()),
    ]
}

/// The `q` quantile of sorted values (nearest rank).
fn percentile(sorted: &[f64], q: f64) -> Option<f64> {
    let n = sorted.len();
    if n == 0 {
        return None;
    }
    let rank = ((q * n as f64).ceil() as usize).clamp(1, n);
    sorted.get(rank - 1).copied()
}

/// What `compare` is asked to do.
pub struct CompareRequest<'a> {
    pub scenario: &'a Scenario,
    /// The real clients, from [`crate::research::trajectory_csv::read_trajectories`].
    pub real: &'a [Series],
    pub real_file: &'a str,
    /// The real data's measure (by default the scenario's).
    pub real_measure: MeasureUsed,
    pub cases: u64,
    pub seed: u64,
}

/// The statistics of the real data and of `cases` simulated clients of the scenario, side by side.
pub fn compare(r: &CompareRequest) -> CompareReport {
    let s = r.scenario;
    let simulated: Vec<Series> = (0..r.cases)
        .map(|i| {
            let case = generate_case(s, r.seed, i);
            Series::complete(&case.scores, &case.alliance)
        })
        .collect();
    let simulated_measure = MeasureUsed::of(s);
    let real = side(r.real, &r.real_measure, r.seed, 1);
    let sim = side(&simulated, &simulated_measure, r.seed, 2);
    CompareReport {
        scenario: s.file.id.clone(),
        real_file: r.real_file.to_string(),
        real_clients: r.real.len(),
        real_scores: r
            .real
            .iter()
            .map(|c| c.scores.iter().flatten().count())
            .sum(),
        real_measure: r.real_measure,
        simulated_cases: r.cases,
        simulated_measure,
        seed: r.seed,
        resamples: RESAMPLES,
        lines: Statistic::ALL
            .iter()
            .zip(real.iter().zip(&sim))
            .map(|(&statistic, (real, simulated))| CompareLine {
                statistic,
                real: *real,
                simulated: *simulated,
            })
            .collect(),
    }
}

/// The report as a table in `lang`.
pub fn compare_text(r: &CompareReport, lang: Lang) -> String {
    let num = |x: f64| number(x, 3, lang);
    let measure = |m: &MeasureUsed| {
        tf(
            lang,
            "compare-measure",
            &[
                ("rci", number(m.rci, 1, lang).into()),
                (
                    "direction",
                    t(
                        lang,
                        if m.higher_is_worse {
                            "compare-higher-worse"
                        } else {
                            "compare-lower-worse"
                        },
                    )
                    .into(),
                ),
                ("gain", number(m.gain_points, 1, lang).into()),
            ],
        )
    };
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{}",
        tf(
            lang,
            "compare-title",
            &[
                ("id", r.scenario.as_str().into()),
                ("file", r.real_file.as_str().into()),
            ]
        )
    );
    let _ = writeln!(
        out,
        "{}",
        tf(
            lang,
            "compare-real",
            &[
                ("clients", r.real_clients.to_string().into()),
                ("scores", r.real_scores.to_string().into()),
                ("measure", measure(&r.real_measure).into()),
            ]
        )
    );
    let _ = writeln!(
        out,
        "{}",
        tf(
            lang,
            "compare-simulated",
            &[
                ("cases", r.simulated_cases.to_string().into()),
                ("seed", r.seed.to_string().into()),
                ("measure", measure(&r.simulated_measure).into()),
            ]
        )
    );
    let _ = writeln!(out);
    let cell = |i: &Option<Interval>| {
        i.map_or_else(
            || "—".to_string(),
            |i| format!("{} ({}–{})", num(i.value), num(i.low), num(i.high)),
        )
    };
    let header = [
        t(lang, "compare-col-statistic"),
        t(lang, "compare-col-real"),
        t(lang, "compare-col-simulated"),
        t(lang, "compare-col-ratio"),
    ];
    let rows: Vec<[String; 4]> = r
        .lines
        .iter()
        .map(|l| {
            let ratio = l
                .real
                .zip(l.simulated)
                .filter(|(a, _)| a.value != 0.0)
                .map_or_else(
                    || "—".to_string(),
                    |(a, b)| number(b.value / a.value, 2, lang),
                );
            [
                t(lang, &format!("compare-stat-{}", l.statistic.slug())),
                cell(&l.real),
                cell(&l.simulated),
                ratio,
            ]
        })
        .collect();
    let mut widths = header.clone().map(|h| h.chars().count());
    for row in &rows {
        for (w, c) in widths.iter_mut().zip(row) {
            *w = (*w).max(c.chars().count());
        }
    }
    let align = [Align::Left, Align::Right, Align::Right, Align::Right];
    let _ = writeln!(out, "{}", text_table::row(&header, &widths, &align, "  "));
    for row in &rows {
        let _ = writeln!(out, "{}", text_table::row(row, &widths, &align, "  "));
    }
    let _ = writeln!(out);
    let _ = writeln!(
        out,
        "{}",
        tf(
            lang,
            "compare-footnote",
            &[("resamples", r.resamples.to_string().into())]
        )
    );
    let _ = writeln!(out, "{}", t(lang, "compare-definitions"));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn series(scores: &[f64]) -> Series {
        Series::complete(scores, &[])
    }

    fn bdi() -> MeasureUsed {
        MeasureUsed::new(9.0, true, 0.0, 63.0)
    }

    fn point(clients: &[Series], m: &MeasureUsed) -> [Option<f64>; 11] {
        let c: Vec<Client> = clients.iter().map(|s| Client::new(s, m)).collect();
        let mut by: Vec<usize> = (0..c.len()).filter(|&i| c[i].early.is_some()).collect();
        let early = |i: &usize| c[*i].early.map_or(f64::NAN, |e| e.0);
        by.sort_by(|a, b| early(a).total_cmp(&early(b)));
        statistics(&c, &vec![1.0; c.len()], &by, m.worse())
    }

    fn close(a: Option<f64>, b: f64) -> bool {
        a.is_some_and(|a| (a - b).abs() < 1e-9)
    }

    #[test]
    fn residual_lag1_of_a_zigzag_around_a_line() {
        // Scores 10, 12, 10, 12 at t = 0…3: the line is y = 10.4 + 0.4 t, residuals −0.4, 1.2,
        // −1.2, 0.4 (by hand). Products: −0.48, −1.44, −0.48 → −2.4 over 3 pairs = −0.8; squares
        // 0.16 + 1.44 + 1.44 + 0.16 = 3.2 over 4 = 0.8; r₁ = −1.
        let r = point(&[series(&[10.0, 12.0, 10.0, 12.0])], &bdi());
        assert!(close(r[0], -1.0), "{:?}", r[0]);
        // Three scores are too few for a line with residuals.
        assert_eq!(point(&[series(&[10.0, 12.0, 10.0])], &bdi())[0], None);
    }

    #[test]
    fn change_sd_over_intake_sd_pools_every_change() {
        // Client A 20 → 10 → 14, client B 30 → 30 → 24: changes −10, 4, 0, −6, mean −3, SD
        // √((49 + 49 + 9 + 9) / 3) = √(116/3); intakes 20, 30: SD √50. Ratio √(116/150).
        let r = point(
            &[series(&[20.0, 10.0, 14.0]), series(&[30.0, 30.0, 24.0])],
            &bdi(),
        );
        assert!(close(r[1], (116.0_f64 / 150.0).sqrt()), "{:?}", r[1]);
    }

    #[test]
    fn big_weeks_count_either_direction() {
        // RCI 9: 1.5 RCI = 13.5, 2.1 RCI = 18.9. A: a drop of 14 (≥ 13.5, < 18.9); B: a rise of
        // 19; C: nothing above 9. Clients: 2/3 and 1/3. Changes ≥ 9: 14, 19 and 9 of six changes.
        let r = point(
            &[
                series(&[30.0, 16.0, 16.0]),
                series(&[10.0, 29.0, 28.0]),
                series(&[20.0, 11.0, 12.0]),
            ],
            &bdi(),
        );
        assert!(close(r[2], 2.0 / 3.0));
        assert!(close(r[3], 1.0 / 3.0));
        assert!(close(r[4], 3.0 / 6.0));
    }

    #[test]
    fn sudden_gain_needs_all_three_criteria() {
        let m = bdi();
        // 30, 29, 31 then 20, 21, 19: the gain 31 → 20 is 11 ≥ 7 and ≥ 25 % of 31; means 30 and
        // 20, both SDs 1, pooled 1: 10 > 2.776.
        assert!(has_full_window_sudden_gain(
            &series(&[30.0, 29.0, 31.0, 20.0, 21.0, 19.0]),
            &m
        ));
        // A gain of 6 points fails the 7 (7/9 of the RCI 9).
        assert!(!has_full_window_sudden_gain(
            &series(&[30.0, 29.0, 31.0, 25.0, 24.0, 26.0]),
            &m
        ));
        // 8 → 0 is 8 points and 100 %, but a score of 28 three sessions before makes the pooled
        // SD large: pre 28, 8, 8 (mean 14.67, SD 11.55), post 0, 0, 0: pooled 8.16,
        // 2.776 · 8.16 = 22.7 > 14.67.
        assert!(!has_full_window_sudden_gain(
            &series(&[28.0, 8.0, 8.0, 0.0, 0.0, 0.0]),
            &m
        ));
        // 25 % of the pre-gain score: 40 → 32 is 8 points but 20 % of 40.
        assert!(!has_full_window_sudden_gain(
            &series(&[40.0, 40.0, 40.0, 32.0, 32.0, 32.0]),
            &m
        ));
        // Only two sessions after the gain: the original criteria need three.
        assert!(!has_full_window_sudden_gain(
            &series(&[30.0, 29.0, 31.0, 20.0, 21.0]),
            &m
        ));
        // The ORS runs the other way: 10 → 18 is a gain of 8 ≥ 3.9 (7/9 of 5) and ≥ 7.5 (25 % of
        // 40 − 10); means 10.33 and 18.33, pooled SD 0.577. 10 → 16 is 6 < 7.5.
        let ors = MeasureUsed::new(5.0, false, 0.0, 40.0);
        assert!(has_full_window_sudden_gain(
            &series(&[10.0, 11.0, 10.0, 18.0, 19.0, 18.0]),
            &ors
        ));
        assert!(!has_full_window_sudden_gain(
            &series(&[10.0, 11.0, 10.0, 16.0, 17.0, 16.0]),
            &ors
        ));
        assert!(!has_full_window_sudden_gain(
            &series(&[16.0, 17.0, 16.0, 10.0, 11.0, 10.0]),
            &ors
        ));
    }

    #[test]
    fn the_sudden_gain_share_counts_the_series_that_reach_session_5() {
        let m = bdi();
        // A gain, a flat series and one that stops after session 3 (which could show no gain): one
        // of the two that reach session 5.
        let clients = [
            series(&[30.0, 29.0, 31.0, 20.0, 21.0, 19.0]),
            series(&[30.0; 6]),
            series(&[30.0, 29.0, 31.0, 20.0]),
        ];
        assert!(close(point(&clients, &m)[5], 0.5));
    }

    #[test]
    fn early_change_auc_by_hand() {
        // Early improvement and final reliable improvement (RCI 9), by hand:
        // A: intake 30, 25, 25, 25 (early 5), last 20 (improved); B: 30, 20, 20, 20 (10), last 15
        // (improved); C: 30, 28, 28, 28 (2), last 28 (not); D: 30, 24, 24, 24 (6), last 25 (not).
        // Pairs (improved, not): (5, 2) 1, (5, 6) 0, (10, 2) 1, (10, 6) 1 → 3/4.
        let r = point(
            &[
                series(&[30.0, 25.0, 25.0, 25.0, 20.0]),
                series(&[30.0, 20.0, 20.0, 20.0, 15.0]),
                series(&[30.0, 28.0, 28.0, 28.0, 28.0]),
                series(&[30.0, 24.0, 24.0, 24.0, 25.0]),
            ],
            &bdi(),
        );
        assert!(close(r[6], 0.75), "{:?}", r[6]);
        // Reliable improvement of the last score: A, B; deterioration: none.
        assert!(close(r[7], 0.0));
        assert!(close(r[8], 0.5));
    }

    #[test]
    fn a_tie_counts_a_half() {
        let r = point(
            &[
                series(&[30.0, 25.0, 25.0, 25.0, 20.0]),
                series(&[30.0, 25.0, 25.0, 25.0, 28.0]),
            ],
            &bdi(),
        );
        assert!(close(r[6], 0.5));
    }

    #[test]
    fn alliance_outcome_by_hand() {
        // Intakes 10, 20, 10, 20 and mean alliances 1, 1, 3, 3 (uncorrelated); last scores
        // X − 2A = 8, 18, 4, 14. The regression of the last score on intake has slope 1, so the
        // residual is −2(A − Ā): r(A, residual) = −1, and signed for "higher is worse", +1.
        let client = |x: f64, a: f64| Series::complete(&[x, x, x, x - 2.0 * a], &[a, a, a]);
        let r = point(
            &[
                client(10.0, 1.0),
                client(20.0, 1.0),
                client(10.0, 3.0),
                client(20.0, 3.0),
            ],
            &bdi(),
        );
        assert!(close(r[10], 1.0), "{:?}", r[10]);
        // Without ratings of sessions 1–3 there is nothing to say.
        assert_eq!(
            point(&[series(&[10.0, 12.0, 10.0, 12.0])], &bdi())[10],
            None
        );
    }

    #[test]
    fn gaps_are_skipped_not_filled() {
        // 20, —, 10, 12: one change (10 → 12) only; the intake → session 2 drop is no week.
        let s = Series {
            scores: vec![Some(20.0), None, Some(10.0), Some(12.0)],
            alliance: Vec::new(),
        };
        let c = Client::new(&s, &bdi());
        assert_eq!(c.changes, [1.0, 2.0, 4.0, 0.0]);
        assert_eq!(c.big, Some([false, false]));
    }

    #[test]
    fn percentiles_take_the_nearest_rank() {
        let v: Vec<f64> = (1..=1000).map(f64::from).collect();
        assert_eq!(percentile(&v, 0.025), Some(25.0));
        assert_eq!(percentile(&v, 0.975), Some(975.0));
    }
}
