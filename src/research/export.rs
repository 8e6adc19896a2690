//! `ontrack generate`: writes simulated cases as tidy CSV files that R's `read.csv` and SPSS read as
//! they are (one header row, one observation per row, empty cells for missing values).

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

use crate::files::text::csv_cell;
use crate::files::write::Temporary;
use crate::forecast::{Benchmark, Benchmarks};
use crate::model::{Outcome, generate_case};
use crate::run::machine::reached;
use crate::scenario::Scenario;

/// Above this many cases `generate` asks for `--large`: ten million cases are some tens of gigabytes
/// and the better part of an hour, more than a study needs and easily a typing slip.
pub const LARGE: u64 = 10_000_000;

/// Cases written in memory to measure the bytes a case takes before the real writing starts. Each
/// case's rows are nearly the same size (the notes, most of the bytes, are fixed per case), so a few
/// hundred cases estimate the rest within a few percent.
const SAMPLE: u64 = 200;

/// Added to the measured size, for cases larger than the sample's.
const SLACK: f64 = 0.1;

/// Free space left untouched on the output's file system: 5 % of what is free, at least 256 MiB,
/// so that the system and other programs go on working while and after `generate` writes.
/// On a small disk (less than 512 MiB free) the margin is half of what is free, so a few cases can
/// still be written there.
fn margin(free: u64) -> u64 {
    (free / 20).max((256 << 20).min(free / 2))
}

/// Where and how `generate` writes.
#[derive(Debug, Clone, Copy)]
pub struct Target<'a> {
    /// The output folder: empty or new, unless `force`.
    pub dir: &'a Path,
    /// Overwrite the CSV files in a folder that is not empty.
    pub force: bool,
    /// Allow more than [`LARGE`] cases.
    pub large: bool,
}

/// Why the cases could not be written. Every refusal comes before anything is written; an interrupt
/// or a failure while writing removes the temporary files, so the folder never holds a partial file.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error(
        "{0}: the folder is not empty — choose an empty or new folder, or pass --force to overwrite the CSV files in it"
    )]
    NotEmpty(PathBuf),
    #[error(
        "--cases {cases}: more than {LARGE} cases (about {size} of CSV files) — pass --large if you mean it, or give fewer --cases"
    )]
    Large { cases: u64, size: String },
    #[error(
        "--cases {cases}: the CSV files would be larger than any disk (more than 18 million TB) — give fewer --cases"
    )]
    BeyondAnyDisk { cases: u64 },
    #[error(
        "{dir}: {cases} cases need about {needed} of CSV files, but its file system has {free} free, of which {margin} is kept free as a margin — give fewer --cases or choose an --out folder on a disk with more room",
        dir = .dir.display()
    )]
    NoSpace {
        dir: PathBuf,
        cases: u64,
        needed: String,
        free: String,
        margin: String,
    },
    #[error("interrupted — the partial files were removed from {}", .0.display())]
    Interrupted(PathBuf),
    #[error("{path}: {error} — check that the folder can be created and written", path = .path.display())]
    Io {
        path: PathBuf,
        /// The OS error: in the message, and deliberately not a `source`, so an error chain (`{:#}`)
        /// does not print it twice.
        error: std::io::Error,
    },
    #[error("{path}: {error} — check that the folder can be written", path = .path.display())]
    Csv {
        path: PathBuf,
        /// Not a `source`, for the same reason.
        error: csv::Error,
    },
}

/// The files `generate` writes, in the order it writes them.
pub const FILES: [&str; 5] = [
    "cases.csv",
    "sessions.csv",
    "forecasts.csv",
    "events.csv",
    "notes.csv",
];

struct Writers<W: Write> {
    cases: csv::Writer<W>,
    sessions: csv::Writer<W>,
    forecasts: csv::Writer<W>,
    events: csv::Writer<W>,
    notes: csv::Writer<W>,
}

impl<W: Write> Writers<W> {
    /// Writers over the five outputs, in the order of [`FILES`].
    fn new(outputs: [W; 5]) -> Self {
        let [cases, sessions, forecasts, events, notes] = outputs.map(csv::Writer::from_writer);
        Writers {
            cases,
            sessions,
            forecasts,
            events,
            notes,
        }
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.cases.flush()?;
        self.sessions.flush()?;
        self.forecasts.flush()?;
        self.events.flush()?;
        self.notes.flush()
    }
}

impl Writers<fs::File> {
    /// Syncs every file to the disk, before they are renamed.
    fn sync(&self) -> std::io::Result<()> {
        for w in [
            &self.cases,
            &self.sessions,
            &self.forecasts,
            &self.events,
            &self.notes,
        ] {
            w.get_ref().sync_all()?;
        }
        Ok(())
    }
}

impl Writers<Vec<u8>> {
    fn bytes(&mut self) -> Result<u64, csv::Error> {
        self.flush()?;
        Ok([
            &self.cases,
            &self.sessions,
            &self.forecasts,
            &self.events,
            &self.notes,
        ]
        .iter()
        .map(|w| w.get_ref().len() as u64)
        .sum())
    }
}

/// The files being written under temporary names in the output folder (each a
/// [`Temporary`], removed when dropped uncommitted), and the folder if it was made for them (removed
/// too, if empty), so an error or an interrupt leaves no partial file behind.
struct Temporaries {
    dir: PathBuf,
    files: Vec<Temporary>,
    /// The folder was made for this output.
    created: bool,
}

impl Temporaries {
    fn create(&mut self, name: &str) -> Result<fs::File, ExportError> {
        let path = self.dir.join(name);
        let (file, tmp) =
            Temporary::beside(&path).map_err(|error| ExportError::Io { path, error })?;
        self.files.push(tmp);
        Ok(file)
    }

    /// Gives every (synced) file its final name.
    fn commit(mut self) -> Result<(), ExportError> {
        for tmp in std::mem::take(&mut self.files) {
            let path = tmp.path().to_path_buf();
            tmp.commit()
                .map_err(|error| ExportError::Io { path, error })?;
        }
        self.created = false;
        Ok(())
    }
}

impl Drop for Temporaries {
    fn drop(&mut self) {
        // The temporaries first (their own drop removes them), then the folder made for them.
        self.files.clear();
        if self.created {
            let _ = fs::remove_dir(&self.dir);
        }
    }
}

/// The bytes `n` cases of `s` take as CSV: the header and [`SAMPLE`] cases written in memory,
/// scaled up, with [`SLACK`]; `None` when that is more bytes than a `u64` counts (no disk holds it).
pub fn estimate_bytes(s: &Scenario, seed: u64, n: u64) -> Result<Option<u64>, csv::Error> {
    let mut w = Writers::new([(); 5].map(|_| Vec::new()));
    write_header(&mut w)?;
    let header = w.bytes()?;
    let bench = Benchmarks::new(s);
    let k = n.min(SAMPLE);
    for i in 0..k {
        write_case(s, seed, i, &bench, &mut w)?;
    }
    let sample = w.bytes()?.saturating_sub(header);
    let per_case = sample as f64 / k.max(1) as f64;
    // As f64, so a count far beyond any disk does not overflow; a size beyond `u64` is no size.
    let scaled = (per_case * n as f64 * (1.0 + SLACK)).ceil();
    if !scaled.is_finite() || scaled >= u64::MAX as f64 {
        return Ok(None);
    }
    Ok(header.checked_add(scaled as u64))
}

/// A size in bytes as a person reads it (decimal units, as disks are sold).
pub fn human_size(bytes: u64) -> String {
    let b = bytes as f64;
    match b {
        b if b >= 1e12 => format!("{:.1} TB", b / 1e12),
        b if b >= 1e9 => format!("{:.1} GB", b / 1e9),
        b if b >= 1e6 => format!("{:.1} MB", b / 1e6),
        b if b >= 1e3 => format!("{:.1} kB", b / 1e3),
        _ => format!("{bytes} B"),
    }
}

/// The nearest folder of `dir` that exists (`dir` itself, if it does): where the free space of the
/// file system it will be on can be asked.
fn existing_ancestor(dir: &Path) -> &Path {
    dir.ancestors()
        .find(|a| !a.as_os_str().is_empty() && a.is_dir())
        .unwrap_or(Path::new("."))
}

/// Writes `n` cases of `s` drawn with `seed` into `target.dir`; `progress` is told how many cases
/// are done, and the writing stops when `cancel` is set (by Ctrl-C).
///
/// Before anything is written, it refuses a folder that is not empty (without `force`), more than
/// [`LARGE`] cases without `large`, and more cases than the file system has room for (less a margin).
/// The files are written under temporary names and renamed when all are complete.
pub fn write_cases(
    s: &Scenario,
    seed: u64,
    n: u64,
    target: Target,
    cancel: &AtomicBool,
    progress: &mut dyn FnMut(u64),
) -> Result<(), ExportError> {
    let dir = target.dir;
    let io = |error| ExportError::Io {
        path: dir.to_path_buf(),
        error,
    };
    let csv = |error| ExportError::Csv {
        path: dir.to_path_buf(),
        error,
    };
    let exists = dir.exists();
    if exists {
        let non_empty = fs::read_dir(dir).map_err(io)?.next().is_some();
        if non_empty && !target.force {
            return Err(ExportError::NotEmpty(dir.to_path_buf()));
        }
    }
    let needed = estimate_bytes(s, seed, n)
        .map_err(csv)?
        .ok_or(ExportError::BeyondAnyDisk { cases: n })?;
    if n > LARGE && !target.large {
        return Err(ExportError::Large {
            cases: n,
            size: human_size(needed),
        });
    }
    let free = fs4::available_space(existing_ancestor(dir)).map_err(io)?;
    if needed > free.saturating_sub(margin(free)) {
        return Err(ExportError::NoSpace {
            dir: dir.to_path_buf(),
            cases: n,
            needed: human_size(needed),
            free: human_size(free),
            margin: human_size(margin(free)),
        });
    }
    if !exists {
        fs::create_dir_all(dir).map_err(io)?;
    }
    // Declared before the writers, so that it is dropped after them: the files are closed first.
    let mut files = Temporaries {
        dir: dir.to_path_buf(),
        files: Vec::new(),
        created: !exists,
    };
    let [a, b, c, d, e] = FILES;
    let mut w = Writers::new([
        files.create(a)?,
        files.create(b)?,
        files.create(c)?,
        files.create(d)?,
        files.create(e)?,
    ]);
    write_header(&mut w).map_err(csv)?;
    let bench = Benchmarks::new(s);
    for i in 0..n {
        if cancel.load(Ordering::Relaxed) {
            return Err(ExportError::Interrupted(dir.to_path_buf()));
        }
        write_case(s, seed, i, &bench, &mut w).map_err(csv)?;
        if (i + 1) % 1000 == 0 || i + 1 == n {
            progress(i + 1);
        }
    }
    w.flush().map_err(io)?;
    w.sync().map_err(io)?;
    drop(w);
    if cancel.load(Ordering::Relaxed) {
        return Err(ExportError::Interrupted(dir.to_path_buf()));
    }
    files.commit()
}

fn write_header<W: Write>(w: &mut Writers<W>) -> Result<(), csv::Error> {
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
    Ok(())
}

/// Writes case `i` (0-based) of `s` drawn with `seed`: its rows in each file.
fn write_case<W: Write>(
    s: &Scenario,
    seed: u64,
    i: u64,
    bench: &Benchmarks,
    w: &mut Writers<W>,
) -> Result<(), csv::Error> {
    let f = &s.file;
    let c = generate_case(s, seed, i);
    let id = (i + 1).to_string();
    let course = f.courses.get(c.hidden.course).map_or("", |k| &k.key);
    let (onset, kind) = c.hidden.drift.map_or((String::new(), ""), |d| {
        let key = f.drift.kinds.get(d.kind).map_or("", |k| k.key.as_str());
        (d.onset.to_string(), key)
    });
    w.cases.write_record([
        id.as_str(),
        &csv_cell(course),
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
        &csv_cell(kind),
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
    // A checkpoint the client never came to has no forecast: no row, as a run has no answer there.
    for &cp in f.checkpoints.iter().filter(|&&cp| reached(s, &c, cp)) {
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
            &csv_cell(&kind.key),
            kind.linden.slug(),
            &csv_cell(&neq_item),
            &neq_severity,
        ])?;
    }
    for (t0, note) in c.notes.iter().enumerate() {
        let session = (t0 + 1).to_string();
        for (i, (el, d)) in f.protocol.elements.iter().zip(&note.delivered).enumerate() {
            // An element the protocol did not call for in this session (outside its phase, or
            // nothing to follow up) was neither delivered nor omitted: no row.
            if !note.is_due(i) {
                continue;
            }
            w.notes.write_record([
                id.as_str(),
                &session,
                &csv_cell(&el.key),
                if *d { "1" } else { "0" },
                "protocol",
            ])?;
        }
        for (o, d) in f.protocol.off_protocol.iter().zip(&note.off_protocol) {
            w.notes.write_record([
                id.as_str(),
                &session,
                &csv_cell(&o.key),
                if *d { "1" } else { "0" },
                "off_protocol",
            ])?;
        }
    }
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
