//! Reading real session-by-session data for `ontrack compare`: a CSV of `client,session,score` with
//! session 0 the intake and an optional `alliance` column. Every bad row is reported with its file,
//! line, what is wrong and how to fix it; the file's size, rows and sessions are bounded before
//! anything large is allocated.

use std::collections::HashMap;
use std::io::Read;
use std::path::Path;

/// One client's observations, indexed by session (0 = intake); `None` where the session is missing.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Series {
    pub scores: Vec<Option<f64>>,
    /// The alliance rating of each session (index = session; the intake has none).
    pub alliance: Vec<Option<f64>>,
}

impl Series {
    /// A complete series: scores of sessions 0…L, alliance ratings of sessions 1…L (as a simulated
    /// case holds them).
    pub fn complete(scores: &[f64], alliance: &[f64]) -> Self {
        Series {
            scores: scores.iter().copied().map(Some).collect(),
            alliance: std::iter::once(None)
                .chain(alliance.iter().copied().map(Some))
                .collect(),
        }
    }

    /// The score of session `t`, if observed.
    pub fn score(&self, t: usize) -> Option<f64> {
        self.scores.get(t).copied().flatten()
    }

    /// The last observed session and its score (the intake when nothing else was observed).
    pub fn last(&self) -> Option<(usize, f64)> {
        self.scores
            .iter()
            .enumerate()
            .rev()
            .find_map(|(t, y)| y.map(|y| (t, y)))
    }
}

/// The largest file read: far above a trial's data (ENRICHD's 7 117 rows are about 80 kB), and a
/// bound on memory for a wrong file.
pub const MAX_BYTES: u64 = 64 * 1024 * 1024;
/// The most rows read.
pub const MAX_ROWS: usize = 2_000_000;
/// The highest session number: weekly sessions over ten years.
pub const MAX_SESSION: u64 = 520;
/// The most sessions held in memory, over all clients (each client from its intake to its last
/// session, gaps included): a bound on memory that rows alone do not give, since a few rows can
/// name a late session each.
pub const MAX_CELLS: usize = 10_000_000;

/// Why a file of session data cannot be compared.
#[derive(Debug, thiserror::Error)]
pub enum TrajectoryCsvError {
    #[error("{path}: cannot read the file ({error})")]
    Read { path: String, error: std::io::Error },
    #[error(
        "{path}: the file is larger than {max} bytes — compare a sample of the clients, or split the file",
        max = MAX_BYTES
    )]
    TooLarge { path: String },
    #[error(
        "{path}:1: the header must name the columns `client`, `session` and `score` (found: {found}) — write `client,session,score` (and optionally `,alliance`) on the first line"
    )]
    Header { path: String, found: String },
    #[error("{path}:{line}: {message} — {fix}")]
    Row {
        path: String,
        line: u64,
        message: String,
        fix: String,
    },
    #[error("{path}: no rows after the header — add one row per client and session")]
    Empty { path: String },
    #[error(
        "{path}: the clients span more than {max} sessions in all (from each intake to the last session, gaps included) — compare a sample of the clients",
        max = MAX_CELLS
    )]
    TooManySessions { path: String },
}

/// One row as read: session, score, alliance.
type Row = (usize, f64, Option<f64>);

/// The clients of a session-data file, in the order they first appear.
pub fn read_trajectories(path: &Path) -> Result<Vec<(String, Series)>, TrajectoryCsvError> {
    let name = path.display().to_string();
    let read_error = |error| TrajectoryCsvError::Read {
        path: name.clone(),
        error,
    };
    let file = std::fs::File::open(path).map_err(read_error)?;
    let mut bytes = Vec::new();
    file.take(MAX_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(read_error)?;
    if bytes.len() as u64 > MAX_BYTES {
        return Err(TrajectoryCsvError::TooLarge { path: name });
    }
    parse_trajectories(&name, &bytes)
}

/// Parses the text of a session-data file; `name` is used in messages.
pub fn parse_trajectories(
    name: &str,
    bytes: &[u8],
) -> Result<Vec<(String, Series)>, TrajectoryCsvError> {
    let row_error = |line: u64, message: String, fix: &str| TrajectoryCsvError::Row {
        path: name.to_string(),
        line,
        message,
        fix: fix.to_string(),
    };
    let mut reader = csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
        .flexible(false)
        .from_reader(bytes);
    let header = reader
        .headers()
        .map_err(|e| row_error(1, e.to_string(), "save the file as UTF-8 CSV"))?
        .clone();
    let column = |wanted: &str| header.iter().position(|h| h.eq_ignore_ascii_case(wanted));
    let (Some(client_col), Some(session_col), Some(score_col)) =
        (column("client"), column("session"), column("score"))
    else {
        return Err(TrajectoryCsvError::Header {
            path: name.to_string(),
            found: header.iter().collect::<Vec<_>>().join(","),
        });
    };
    let alliance_col = column("alliance");

    // Rows are kept as read (client, session, score, alliance) and laid out by session at the end,
    // once the clients' spans are known to fit in memory.
    let mut order: Vec<(String, Vec<Row>)> = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::new();
    // The line of each client's first row, and of each (client, session) seen, for messages.
    let mut first_line: Vec<u64> = Vec::new();
    let mut seen: HashMap<(usize, u64), u64> = HashMap::new();
    let mut record = csv::StringRecord::new();
    let mut rows = 0usize;
    loop {
        let more = reader.read_record(&mut record).map_err(|e| {
            let line = e.position().map_or(0, |p| p.line());
            row_error(
                line,
                e.to_string(),
                "give every row as many fields as the header, and save the file as UTF-8 CSV",
            )
        })?;
        if !more {
            break;
        }
        let line = record.position().map_or(0, |p| p.line());
        rows += 1;
        if rows > MAX_ROWS {
            return Err(row_error(
                line,
                format!("more than {MAX_ROWS} rows"),
                "compare a sample of the clients",
            ));
        }
        let field = |col: usize| record.get(col).unwrap_or("");
        let client = field(client_col);
        if client.is_empty() {
            return Err(row_error(
                line,
                "the client is empty".into(),
                "give every row the client's identifier",
            ));
        }
        let session_text = field(session_col);
        let session = match session_text.parse::<u64>() {
            Ok(s) if s <= MAX_SESSION => s,
            Ok(_) => {
                return Err(row_error(
                    line,
                    format!("session {session_text} is beyond {MAX_SESSION}"),
                    "number sessions 0 (intake), 1, 2, … in the order the client came",
                ));
            }
            Err(_) => {
                return Err(row_error(
                    line,
                    format!("the session `{session_text}` is not a whole number 0 or more"),
                    "number sessions 0 (intake), 1, 2, … in the order the client came",
                ));
            }
        };
        let score_text = field(score_col);
        let score = match score_text.parse::<f64>() {
            Ok(y) if y.is_finite() => y,
            _ => {
                return Err(row_error(
                    line,
                    format!("the score `{score_text}` is not a number"),
                    "write the measure's total with a decimal point (12.5), or leave the row out when the session has no score",
                ));
            }
        };
        let alliance = match alliance_col.map(field).filter(|a| !a.is_empty()) {
            None => None,
            Some(text) => match text.parse::<f64>() {
                Ok(a) if a.is_finite() => Some(a),
                _ => {
                    return Err(row_error(
                        line,
                        format!("the alliance `{text}` is not a number"),
                        "write the rating with a decimal point, or leave the field empty",
                    ));
                }
            },
        };
        let k = match index.get(client) {
            Some(&k) => k,
            None => {
                index.insert(client.to_string(), order.len());
                order.push((client.to_string(), Vec::new()));
                first_line.push(line);
                order.len() - 1
            }
        };
        if let Some(&earlier) = seen.get(&(k, session)) {
            return Err(row_error(
                line,
                format!("client {client} has session {session} twice (also on line {earlier})"),
                "keep one row per client and session (average records of the same day first)",
            ));
        }
        seen.insert((k, session), line);
        if let Some((_, rows)) = order.get_mut(k) {
            rows.push((session as usize, score, alliance));
        }
    }
    if order.is_empty() {
        return Err(TrajectoryCsvError::Empty {
            path: name.to_string(),
        });
    }
    let mut cells = 0usize;
    for ((client, rows), line) in order.iter().zip(&first_line) {
        if !rows.iter().any(|(t, _, _)| *t == 0) {
            return Err(row_error(
                *line,
                format!("client {client} has no intake (session 0)"),
                "give every client a row with session 0 for the score before treatment, or leave the client out",
            ));
        }
        cells += rows.iter().map(|(t, _, _)| t + 1).max().unwrap_or(0);
    }
    if cells > MAX_CELLS {
        return Err(TrajectoryCsvError::TooManySessions {
            path: name.to_string(),
        });
    }
    Ok(order
        .into_iter()
        .map(|(client, rows)| {
            let span = rows.iter().map(|(t, _, _)| t + 1).max().unwrap_or(0);
            let mut series = Series {
                scores: vec![None; span],
                alliance: vec![None; span],
            };
            for (t, score, alliance) in rows {
                if let (Some(y), Some(a)) = (series.scores.get_mut(t), series.alliance.get_mut(t)) {
                    *y = Some(score);
                    *a = alliance;
                }
            }
            (client, series)
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Vec<(String, Series)>, TrajectoryCsvError> {
        parse_trajectories("real.csv", text.as_bytes())
    }

    #[test]
    fn reads_clients_in_order_with_gaps_and_alliance() {
        let rows = parse("client,session,score,alliance\nb,0,30,\nb,2,20,35\na,0,10,\na,1,8,30\n");
        let rows = rows.unwrap_or_default();
        assert_eq!(rows.len(), 2);
        let (id, b) = &rows[0];
        assert_eq!(id, "b");
        assert_eq!(b.scores, vec![Some(30.0), None, Some(20.0)]);
        assert_eq!(b.alliance, vec![None, None, Some(35.0)]);
        assert_eq!(b.last(), Some((2, 20.0)));
    }

    #[test]
    fn bad_rows_name_their_line() {
        let message = |text: &str| parse(text).err().map(|e| e.to_string()).unwrap_or_default();
        assert!(
            message("client,session,score\na,0,10\na,x,3\n")
                .starts_with("real.csv:3: the session `x`")
        );
        assert!(
            message("client,session,score\na,0,10\na,1,ten\n")
                .starts_with("real.csv:3: the score `ten`")
        );
        assert!(message("client,session,score\na,0,10\na,0,11\n").contains("(also on line 2)"));
        assert!(
            message("client,session,score\na,1,10\n")
                .starts_with("real.csv:2: client a has no intake")
        );
        assert!(message("id,week,bdi\n1,0,3\n").starts_with("real.csv:1: the header"));
        assert!(message("client,session,score\n").contains("no rows"));
        assert!(message("client,session,score\na,0\n").starts_with("real.csv:2:"));
    }

    #[test]
    fn clients_that_span_too_many_sessions_are_refused_before_they_are_laid_out() {
        // 19 200 clients with an intake and a session 520 each: 38 400 rows, but 19 200 × 521 =
        // 10 003 200 sessions to lay out, above the 10 000 000 allowed.
        let mut text = String::from("client,session,score\n");
        for i in 0..19_200 {
            text.push_str(&format!("c{i},0,1\nc{i},520,1\n"));
        }
        let err = parse(&text)
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(err.contains("span more than 10000000 sessions"), "{err}");
        // 19 193 clients fit: 19 193 × 521 = 9 999 553.
        let fits: String = text
            .lines()
            .take(1 + 2 * 19_193)
            .map(|l| format!("{l}\n"))
            .collect();
        assert_eq!(parse(&fits).map(|rows| rows.len()).ok(), Some(19_193));
    }
}
