//! The cohort as a text table: for each scenario version and seed, the benchmark forecasters on those
//! cases, then one row per trainee run; files that could not be used are listed at the end with their
//! reason.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use jiff::Timestamp;

use super::Cohort;
use super::ranking::{ClassRanking, RankedScore};
use super::views::pooled_scores;
use crate::debrief::{RunScores, show};
use crate::files::text::terminal;
use crate::forecast::{Benchmark, Forecaster};
use crate::i18n::{t, tf};
use crate::scenario::Lang;
use crate::score::{Interval, Metric, ProbabilityScores};

/// The words and column widths of the table in one language. Each column is as wide as the longer
/// of its usual width and its header in that language (counted in characters), so the columns line
/// up in both languages.
struct Layout {
    lang: Lang,
    headers: [String; 6],
    /// Widths of the name, start time, cases, Brier, interval and skill columns.
    widths: [usize; 6],
}

impl Layout {
    fn new(lang: Lang) -> Self {
        let headers = [
            t(lang, "col-trainee"),
            t(lang, "cohort-started"),
            t(lang, "col-cases"),
            t(lang, "col-brier"),
            t(lang, "cohort-col-interval"),
            t(lang, "col-skill"),
        ];
        let least = [22, 19, 5, 6, 21, 6];
        let widths = std::array::from_fn(|i| least[i].max(headers[i].chars().count()));
        Layout {
            lang,
            headers,
            widths,
        }
    }

    /// A metric in a cell of the table.
    fn num(&self, m: &Metric, decimals: usize) -> String {
        show::metric(m, decimals, self.lang, "—")
    }

    fn interval(&self, m: &Metric<Interval>) -> String {
        if m.is_defined() {
            format!("[{}]", show::interval(m, 3, self.lang, ""))
        } else {
            String::new()
        }
    }

    /// The first six cells of a row, padded to the columns.
    fn lead(&self, cells: [&str; 6]) -> String {
        let [w0, w1, w2, w3, w4, w5] = self.widths;
        format!(
            "{:<w0$} {:<w1$} {:>w2$} {:>w3$} {:<w4$} {:>w5$}",
            cells[0], cells[1], cells[2], cells[3], cells[4], cells[5]
        )
    }

    /// The cells every row has: name, start time, cases and the probability scores (with
    /// `brier_ci`, which benchmark rows compute apart).
    fn score_cells(
        &self,
        name: &str,
        started: &str,
        cases: usize,
        p: &ProbabilityScores,
        brier_ci: &Metric<Interval>,
    ) -> String {
        let lead = self.lead([
            name,
            started,
            &cases.to_string(),
            &self.num(&p.brier, 3),
            &self.interval(brier_ci),
            &self.num(&p.brier_skill, 2),
        ]);
        format!(
            "{lead} {:>6} {:>6} {:>6} {:>6}",
            self.num(&p.reliability, 3),
            self.num(&p.resolution, 3),
            self.num(&p.auc, 2),
            self.num(&p.calibration_in_the_large, 2),
        )
    }

    /// A benchmark's name as the table shows it.
    fn benchmark(&self, b: Benchmark) -> String {
        t(self.lang, &format!("bench-{}", b.slug()))
    }
}

/// The heading of a group of runs: one scenario version and seed.
fn heading(
    lang: Lang,
    id: &str,
    version: Option<(usize, usize, &str)>,
    seed: u64,
    code: &str,
) -> String {
    let scenario = version.map_or(id.to_string(), |(n, of, hash)| {
        let version = tf(
            lang,
            "cohort-version",
            &[("n", n.into()), ("of", of.into()), ("hash", hash.into())],
        );
        format!("{id} {version}")
    });
    tf(
        lang,
        "cohort-group",
        &[
            ("scenario", scenario.into()),
            ("seed", seed.to_string().into()),
            ("code", code.into()),
        ],
    )
}

/// The versions of each scenario id in the cohort (distinct hashes), oldest first: ordered by the
/// first run started on each, so "version 2" is the one that came into use later.
fn versions(cohort: &Cohort) -> BTreeMap<&str, Vec<&str>> {
    let mut first_use: BTreeMap<(&str, &str), Timestamp> = BTreeMap::new();
    for r in &cohort.runs {
        let at = first_use
            .entry((r.scenario_id.as_str(), r.scenario_hash.as_str()))
            .or_insert(r.started);
        *at = (*at).min(r.started);
    }
    let mut by_id: BTreeMap<&str, Vec<(Timestamp, &str)>> = BTreeMap::new();
    for ((id, hash), at) in first_use {
        by_id.entry(id).or_default().push((at, hash));
    }
    by_id
        .into_iter()
        .map(|(id, mut hashes)| {
            hashes.sort();
            (id, hashes.into_iter().map(|(_, h)| h).collect())
        })
        .collect()
}

/// One benchmark row: `label`, and the benchmark's scores on the cases of `run` (its interval
/// computed here: benchmarks within a run are scored without, to load cohorts fast).
fn benchmark_row(out: &mut String, l: &Layout, label: &str, run: &RunScores, benchmark: Benchmark) {
    let Some(b) = run.scores.benchmarks.get(&benchmark) else {
        return;
    };
    let brier_ci = pooled_scores(&[run], Forecaster::Benchmark(benchmark)).brier_ci;
    let _ = writeln!(
        out,
        "{}",
        l.score_cells(label, "", run.scores.cases, b, &brier_ci)
    );
}

/// What each score's ranking of a class is worth, a sentence per score.
pub fn reliability_lines(class: &ClassRanking, lang: Lang) -> Vec<String> {
    class
        .by
        .iter()
        .map(|r| {
            let name = t(lang, &format!("ranking-by-{}", slug(r.score)));
            let decimals = match r.score {
                RankedScore::Brier => 3,
                RankedScore::JudgementCost => 4,
            };
            let rel = &r.reliability;
            let key = if rel.runs < 2 {
                "ranking-too-few"
            } else if rel.ranked {
                "ranking-ranked"
            } else {
                "ranking-not-ranked"
            };
            tf(
                lang,
                key,
                &[
                    ("score", name.into()),
                    ("runs", rel.runs.into()),
                    (
                        "reliability",
                        show::metric(&rel.reliability, 2, lang, "—").into(),
                    ),
                    (
                        "band",
                        show::metric(&rel.chance_band, decimals, lang, "—").into(),
                    ),
                ],
            )
        })
        .collect()
}

/// The key part of a score's name in the texts.
fn slug(score: RankedScore) -> &'static str {
    match score {
        RankedScore::Brier => "brier",
        RankedScore::JudgementCost => "judgement",
    }
}

/// A run of the cohort with its index there (the index its ranks are kept under).
type Indexed<'a> = (usize, &'a RunScores);

/// The table as text: a group per scenario version and seed, the benchmarks on all its cases at
/// the top, then one row per run; an unfinished run is marked and followed by the benchmarks on the
/// cases it reached, which are the ones to compare it with.
pub fn table(cohort: &Cohort, lang: Lang) -> String {
    let l = Layout::new(lang);
    let mut out = String::new();
    let h = &l.headers;
    let header = format!(
        "{} {:>6} {:>6} {:>6} {:>6} {:>6} {:>6} {:>4} {:>5} {:>5} {:>5} {:>5}",
        l.lead([&h[0], &h[1], &h[2], &h[3], &h[4], &h[5]]),
        "REL",
        "RES",
        "AUC",
        "CITL",
        "d′",
        "c",
        "lat",
        "κ",
        "J pp",
        "#B",
        "#J"
    );
    let versions = versions(cohort);
    // Groups in order of scenario id, version and seed; runs in the cohort's order within each.
    let mut groups: BTreeMap<(&str, usize, u64), Vec<Indexed>> = BTreeMap::new();
    for (i, r) in cohort.runs.iter().enumerate() {
        let version = versions
            .get(r.scenario_id.as_str())
            .and_then(|v| v.iter().position(|h| *h == r.scenario_hash))
            .unwrap_or(0);
        groups
            .entry((r.scenario_id.as_str(), version, r.seed))
            .or_default()
            .push((i, r));
    }
    let mut any_unfinished = false;
    for ((id, version, seed), runs) in &groups {
        let class = runs.first().and_then(|&(i, _)| cohort.class_of(i));
        // The benchmarks on the cases of the run that went furthest in this group.
        let Some(fullest) = runs.iter().map(|&(_, r)| r).max_by_key(|x| x.scores.cases) else {
            continue;
        };
        let of = versions.get(id).map_or(1, Vec::len);
        let hash: String = fullest.scenario_hash.chars().take(8).collect();
        let _ = writeln!(
            out,
            "\n{}",
            heading(
                lang,
                &terminal(id),
                (of > 1).then_some((version + 1, of, hash.as_str())),
                *seed,
                &terminal(&fullest.course_code)
            )
        );
        if fullest.scores.cases > 0 && fullest.scores.deteriorated == 0 {
            let _ = writeln!(out, "  {}", t(lang, "cohort-no-deterioration"));
        }
        let stopped: Vec<String> = fullest
            .scores
            .case_forecasts
            .iter()
            .filter(|c| c.stopped_after.is_some())
            .map(|c| (c.case + 1).to_string())
            .collect();
        if !stopped.is_empty() {
            let _ = writeln!(
                out,
                "  {}",
                tf(
                    lang,
                    "cohort-stopped-early",
                    &[
                        ("stopped", stopped.len().into()),
                        ("which", stopped.join(", ").into()),
                    ]
                )
            );
        }
        let _ = writeln!(out, "{header}");
        for &benchmark in fullest.scores.benchmarks.keys() {
            benchmark_row(
                &mut out,
                &l,
                &format!("[{}]", l.benchmark(benchmark)),
                fullest,
                benchmark,
            );
        }
        for &(index, r) in runs {
            let rank = |score: RankedScore| {
                class
                    .and_then(|c| c.rank_of(index, score))
                    .map_or("·".to_string(), |k| k.to_string())
            };
            let f = &r.scores.forecasts;
            let d = &r.scores.drift;
            // A pseudonym is what a trainee typed: shown, never obeyed by the terminal.
            let trainee = terminal(&r.trainee);
            let name = if r.finished {
                trainee.into_owned()
            } else {
                format!("{trainee} {}", t(lang, "cohort-unfinished"))
            };
            let name = if r.received_live {
                format!("{name} {}", t(lang, "cohort-received-live"))
            } else {
                name
            };
            let started = r.started.strftime("%Y-%m-%d %H:%M:%S").to_string();
            let _ = writeln!(
                out,
                "{} {:>6} {:>6} {:>4} {:>5} {:>5} {:>5} {:>5}",
                l.score_cells(&name, &started, r.scores.cases, f, &f.brier_ci),
                l.num(&d.d_prime, 2),
                l.num(&d.criterion, 2),
                l.num(&d.latency_sessions, 1),
                l.num(&r.scores.events.kappa, 2),
                l.num(&r.scores.judgement.points, 0),
                rank(RankedScore::Brier),
                rank(RankedScore::JudgementCost),
            );
            if !r.finished {
                any_unfinished = true;
                for &benchmark in r.scores.benchmarks.keys() {
                    benchmark_row(
                        &mut out,
                        &l,
                        &format!("  ↳ [{}]", l.benchmark(benchmark)),
                        r,
                        benchmark,
                    );
                }
            }
        }
        if let Some(class) = class {
            for line in reliability_lines(class, lang) {
                let _ = writeln!(out, "  {line}");
            }
        }
    }
    if cohort.runs.is_empty() {
        let _ = writeln!(out, "{}", t(lang, "cohort-none"));
    }
    if !cohort.rejected.is_empty() {
        let _ = writeln!(
            out,
            "\n{}",
            tf(
                lang,
                "cohort-rejected",
                &[("n", cohort.rejected.len().into())]
            )
        );
        for r in &cohort.rejected {
            let _ = writeln!(out, "  {}", terminal(&r.reason.text(lang)));
        }
    }
    if !cohort.others.is_empty() {
        let _ = writeln!(
            out,
            "\n{}",
            tf(lang, "cohort-others", &[("n", cohort.others.len().into())])
        );
        for r in &cohort.others {
            let _ = writeln!(out, "  {}", terminal(&r.reason.text(lang)));
        }
    }
    if any_unfinished {
        let _ = writeln!(out, "\n{}", t(lang, "cohort-unfinished-note"));
    }
    let _ = writeln!(out, "\n{}", t(lang, "cohort-legend"));
    out
}
