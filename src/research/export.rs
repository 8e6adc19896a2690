//! `ontrack generate`: writes simulated cases as tidy CSV files that R's `read.csv` and SPSS read as
//! they are (one header row, one observation per row, empty cells for missing values).

use std::fs;
use std::path::{Path, PathBuf};

use crate::forecast::{Benchmark, Benchmarks};
use crate::model::{Outcome, generate_case};
use crate::scenario::Scenario;

/// Why the cases could not be written.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error(
        "{0}: the folder is not empty — choose an empty or new folder, or pass --force to overwrite the CSV files in it"
    )]
    NotEmpty(PathBuf),
    #[error("{path}: {source} — check that the folder can be created and written")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{path}: {source} — check that the folder can be written")]
    Csv { path: PathBuf, source: csv::Error },
}

/// The files `generate` writes, in the order it writes them.
pub const FILES: [&str; 5] = [
    "cases.csv",
    "sessions.csv",
    "forecasts.csv",
    "events.csv",
    "notes.csv",
];

struct Writers {
    cases: csv::Writer<fs::File>,
    sessions: csv::Writer<fs::File>,
    forecasts: csv::Writer<fs::File>,
    events: csv::Writer<fs::File>,
    notes: csv::Writer<fs::File>,
}

/// Writes `n` cases of `s` drawn with `seed` into `dir`; `progress` is told how many cases are done.
pub fn write_cases(
    s: &Scenario,
    seed: u64,
    n: u64,
    dir: &Path,
    force: bool,
    progress: &mut dyn FnMut(u64),
) -> Result<(), ExportError> {
    let io = |source| ExportError::Io {
        path: dir.to_path_buf(),
        source,
    };
    if dir.exists() {
        let non_empty = fs::read_dir(dir).map_err(io)?.next().is_some();
        if non_empty && !force {
            return Err(ExportError::NotEmpty(dir.to_path_buf()));
        }
    } else {
        fs::create_dir_all(dir).map_err(io)?;
    }
    let open = |name: &str| {
        let path = dir.join(name);
        csv::Writer::from_path(&path).map_err(|source| ExportError::Csv { path, source })
    };
    let mut w = Writers {
        cases: open("cases.csv")?,
        sessions: open("sessions.csv")?,
        forecasts: open("forecasts.csv")?,
        events: open("events.csv")?,
        notes: open("notes.csv")?,
    };
    write_all(s, seed, n, &mut w, progress).map_err(|source| ExportError::Csv {
        path: dir.to_path_buf(),
        source,
    })
}

fn write_all(
    s: &Scenario,
    seed: u64,
    n: u64,
    w: &mut Writers,
    progress: &mut dyn FnMut(u64),
) -> Result<(), csv::Error> {
    let f = &s.file;
    w.cases.write_record([
        "case",
        "course",
        "intake",
        "last",
        "change",
        "outcome",
        "deteriorated",
        "drift_onset",
        "drift_kind",
        "hello_goodbye",
    ])?;
    w.sessions
        .write_record(["case", "session", "score", "alliance"])?;
    w.forecasts
        .write_record(["case", "checkpoint", "forecaster", "probability"])?;
    w.events.write_record([
        "case",
        "session",
        "event",
        "linden_class",
        "neq_item",
        "neq_severity",
    ])?;
    w.notes
        .write_record(["case", "session", "element", "delivered", "kind"])?;
    let bench = Benchmarks::new(s);
    for i in 0..n {
        let c = generate_case(s, seed, i);
        let id = (i + 1).to_string();
        let course = f.courses.get(c.hidden.course).map_or("", |k| &k.key);
        let (onset, kind) = c.hidden.drift.map_or((String::new(), ""), |d| {
            let key = f.drift.kinds.get(d.kind).map_or("", |k| k.key.as_str());
            (d.onset.to_string(), key)
        });
        w.cases.write_record([
            id.as_str(),
            course,
            &num(c.intake()),
            &num(c.last()),
            &num(c.last() - c.intake()),
            c.outcome.slug(),
            if c.outcome == Outcome::Deteriorated {
                "1"
            } else {
                "0"
            },
            &onset,
            kind,
            if c.hidden.hello_goodbye { "1" } else { "0" },
        ])?;
        for (t, score) in c.scores.iter().enumerate() {
            let alliance = t
                .checked_sub(1)
                .and_then(|k| c.alliance.get(k))
                .map_or(String::new(), |a| num(*a));
            w.sessions
                .write_record([id.as_str(), &t.to_string(), &num(*score), &alliance])?;
        }
        for &cp in &f.checkpoints {
            let v = c.visible(cp);
            for which in Benchmark::ALL {
                let p = bench.forecast(which, &v);
                w.forecasts.write_record([
                    id.as_str(),
                    &cp.to_string(),
                    which.slug(),
                    &format!("{p:.6}"),
                ])?;
            }
        }
        for e in &c.events {
            let Some(kind) = f.events.get(e.kind) else {
                continue;
            };
            let (neq_item, neq_severity) = kind
                .neq
                .as_ref()
                .map_or((String::new(), String::new()), |n| {
                    (n.item.clone(), n.severity.to_string())
                });
            w.events.write_record([
                id.as_str(),
                &e.session.to_string(),
                &kind.key,
                kind.linden.slug(),
                &neq_item,
                &neq_severity,
            ])?;
        }
        for (t0, note) in c.notes.iter().enumerate() {
            let session = (t0 + 1).to_string();
            for (el, d) in f.protocol.elements.iter().zip(&note.delivered) {
                w.notes.write_record([
                    id.as_str(),
                    &session,
                    &el.key,
                    if *d { "1" } else { "0" },
                    "protocol",
                ])?;
            }
            for (o, d) in f.protocol.off_protocol.iter().zip(&note.off_protocol) {
                w.notes.write_record([
                    id.as_str(),
                    &session,
                    &o.key,
                    if *d { "1" } else { "0" },
                    "off_protocol",
                ])?;
            }
        }
        if (i + 1) % 1000 == 0 || i + 1 == n {
            progress(i + 1);
        }
    }
    w.cases.flush()?;
    w.sessions.flush()?;
    w.forecasts.flush()?;
    w.events.flush()?;
    w.notes.flush()?;
    Ok(())
}

/// A score as CSV text: whole numbers without a decimal point, others with up to four decimals.
fn num(x: f64) -> String {
    if (x - x.round()).abs() < 1e-9 {
        format!("{}", x.round() as i64)
    } else {
        let s = format!("{x:.4}");
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    }
}
