//! Reading a CSV of forecasts and outcomes (`forecast,outcome`), for scoring OnTrack against other
//! tools: every bad row is reported with its file and line.

use std::path::Path;

/// Why a forecasts file cannot be scored.
#[derive(Debug, thiserror::Error)]
pub enum ForecastCsvError {
    #[error("{path}: cannot read the file ({source})")]
    Read {
        path: String,
        source: std::io::Error,
    },
    #[error(
        "{path}:1: the header must name the columns `forecast` and `outcome` (found: {found}) — write `forecast,outcome` on the first line"
    )]
    Header { path: String, found: String },
    #[error("{path}:{line}: {message} — {fix}")]
    Row {
        path: String,
        line: u64,
        message: String,
        fix: &'static str,
    },
    #[error("{path}: no rows after the header — add one row per forecast")]
    Empty { path: String },
}

/// The forecasts and outcomes of a `forecast,outcome` CSV file (other columns are ignored).
pub fn read_forecasts(path: &Path) -> Result<(Vec<f64>, Vec<bool>), ForecastCsvError> {
    let name = path.display().to_string();
    let bytes = std::fs::read(path).map_err(|source| ForecastCsvError::Read {
        path: name.clone(),
        source,
    })?;
    parse_forecasts(&name, &bytes)
}

/// Parses the text of a forecasts file; `name` is used in messages.
///
/// Reads 10⁶ rows without an allocation per row: one record is reused, and the fields are trimmed
/// here rather than by the reader (whose trimming builds a new record for every row).
pub fn parse_forecasts(
    name: &str,
    bytes: &[u8],
) -> Result<(Vec<f64>, Vec<bool>), ForecastCsvError> {
    // A UTF-8 file (every file that scores) has its fields trimmed below with `str::trim`, which
    // removes what the reader's ASCII-then-Unicode trimming removed. A file that is not UTF-8 is
    // read with the reader's own trimming, so its message names the same field and byte as ever
    // (the reader checks UTF-8 after trimming).
    let trim = if std::str::from_utf8(bytes).is_ok() {
        csv::Trim::Headers
    } else {
        csv::Trim::All
    };
    let mut reader = csv::ReaderBuilder::new()
        .trim(trim)
        .flexible(true)
        .from_reader(bytes);
    let row_error = |line: u64, message: String, fix: &'static str| ForecastCsvError::Row {
        path: name.to_string(),
        line,
        message,
        fix,
    };
    let header = reader
        .headers()
        .map_err(|e| row_error(1, e.to_string(), "save the file as UTF-8 CSV"))?
        .clone();
    let column = |wanted: &str| header.iter().position(|h| h.eq_ignore_ascii_case(wanted));
    let (Some(fc), Some(oc)) = (column("forecast"), column("outcome")) else {
        return Err(ForecastCsvError::Header {
            path: name.to_string(),
            found: header.iter().collect::<Vec<_>>().join(","),
        });
    };
    // At most one row per line: reserving for that spares the regrowth of two vectors of 10⁶.
    let expected_rows = bytes.iter().filter(|&&b| b == b'\n').count();
    let mut forecasts = Vec::with_capacity(expected_rows);
    let mut outcomes = Vec::with_capacity(expected_rows);
    let mut record = csv::StringRecord::new();
    loop {
        let more = reader.read_record(&mut record).map_err(|e| {
            let line = e.position().map_or(0, |p| p.line());
            row_error(line, e.to_string(), "save the file as UTF-8 CSV")
        })?;
        if !more {
            break;
        }
        let line = record.position().map_or(0, |p| p.line());
        let forecast = record.get(fc).unwrap_or("").trim();
        let outcome = record.get(oc).unwrap_or("").trim();
        let p: f64 = forecast.parse().map_err(|_| {
            row_error(
                line,
                format!("forecast \"{forecast}\" is not a number"),
                "write a probability such as 0.25 (use a point, not a comma)",
            )
        })?;
        if !(0.0..=1.0).contains(&p) {
            return Err(row_error(
                line,
                format!("forecast {p} is not between 0 and 1"),
                "write probabilities, not percentages (25 % is 0.25)",
            ));
        }
        let o = match outcome {
            "0" => false,
            "1" => true,
            other => {
                return Err(row_error(
                    line,
                    format!("outcome \"{other}\" is not 0 or 1"),
                    "write 1 when the event happened (deteriorated) and 0 when not",
                ));
            }
        };
        forecasts.push(p);
        outcomes.push(o);
    }
    if forecasts.is_empty() {
        return Err(ForecastCsvError::Empty {
            path: name.to_string(),
        });
    }
    Ok((forecasts, outcomes))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_rows_and_names_bad_lines() {
        let (p, o) = parse_forecasts("f.csv", b"forecast,outcome\n0.2,0\n0.8,1\n").expect("valid");
        assert_eq!(p, vec![0.2, 0.8]);
        assert_eq!(o, vec![false, true]);
        let err = parse_forecasts("f.csv", b"forecast,outcome\n0.2,0\n25,1\n")
            .expect_err("25 is not a probability");
        assert!(
            err.to_string()
                .starts_with("f.csv:3: forecast 25 is not between 0 and 1"),
            "{err}"
        );
        let err =
            parse_forecasts("f.csv", b"forecast,outcome\n0.2,yes\n").expect_err("yes is not 0/1");
        assert!(
            err.to_string().starts_with("f.csv:2: outcome \"yes\""),
            "{err}"
        );
        let err = parse_forecasts("f.csv", b"p,o\n0.2,1\n").expect_err("wrong header");
        assert!(err.to_string().starts_with("f.csv:1: the header"), "{err}");
        assert!(parse_forecasts("f.csv", b"forecast,outcome\n").is_err());
        assert!(parse_forecasts("f.csv", &[0xff, 0xfe, 0x00]).is_err());
    }

    #[test]
    fn trims_fields_as_the_reader_did() {
        // Spaces, tabs, CRLF and Unicode spaces (no-break, em space) around a field are dropped;
        // quotes, a capitalised header and extra columns are fine.
        let text = "id , Outcome ,FORECAST\r\n1,0 , 0.2\t\r\n2,\u{2003}1,\u{a0}0.8\u{a0}\r\n3,1,\"0.5\"\r\n";
        let (p, o) = parse_forecasts("f.csv", text.as_bytes()).expect("valid");
        assert_eq!(p, vec![0.2, 0.8, 0.5]);
        assert_eq!(o, vec![false, true, true]);
    }

    #[test]
    fn a_file_that_is_not_utf8_names_the_byte_after_trimming() {
        // The reader trims the field "  \xff0.3" before checking it, so the bad byte is at index 0.
        let err = parse_forecasts("f.csv", b"forecast,outcome\n0.2,0\n  \xff0.3,1\n")
            .expect_err("not UTF-8");
        assert_eq!(
            err.to_string(),
            "f.csv:3: CSV parse error: record 2 (line 3, field: 0, byte: 23): invalid utf-8: \
             invalid UTF-8 in field 0 near byte index 0 — save the file as UTF-8 CSV"
        );
        // A bad row before the first bad byte is still the one reported.
        let err = parse_forecasts("f.csv", b"forecast,outcome\n2,0\n0.3,\xff\n")
            .expect_err("bad forecast first");
        assert!(
            err.to_string()
                .starts_with("f.csv:2: forecast 2 is not between 0 and 1"),
            "{err}"
        );
    }
}
