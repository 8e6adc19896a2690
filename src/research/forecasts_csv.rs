//! Reading a CSV of forecasts and outcomes (`forecast,outcome`), for scoring OnTrack against other
//! tools: every bad row is reported with its file and line.

use std::path::Path;

/// Why a forecasts file cannot be scored.
#[derive(Debug, thiserror::Error)]
pub enum ForecastCsvError {
    #[error("{path}: cannot read the file ({error})")]
    Read {
        path: String,
        /// The OS error: in the message, and deliberately not a `source`, so an error chain (`{:#}`)
        /// does not print it twice.
        error: std::io::Error,
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
    let bytes = std::fs::read(path).map_err(|error| ForecastCsvError::Read {
        path: name.clone(),
        error,
    })?;
    parse_forecasts(&name, &bytes)
}

/// Parses the text of a forecasts file; `name` is used in messages.
pub fn parse_forecasts(
    name: &str,
    bytes: &[u8],
) -> Result<(Vec<f64>, Vec<bool>), ForecastCsvError> {
    let mut reader = csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
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
    let mut forecasts = Vec::new();
    let mut outcomes = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| {
            let line = e.position().map_or(0, |p| p.line());
            row_error(line, e.to_string(), "save the file as UTF-8 CSV")
        })?;
        let line = record.position().map_or(0, |p| p.line());
        let forecast = record.get(fc).unwrap_or("");
        let outcome = record.get(oc).unwrap_or("");
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
}
