//! Reading a CSV of forecasts and outcomes (`forecast,outcome`), for scoring OnTrack against other
//! tools: every bad row is reported with its file and line.

use std::path::Path;

use crate::files::read::{Kind, read_bounded};

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

/// The most characters of a wrong header a message shows.
const FOUND_SHOWN: usize = 80;

/// The forecasts and outcomes of a `forecast,outcome` CSV file (other columns are ignored).
pub fn read_forecasts(path: &Path) -> Result<(Vec<f64>, Vec<bool>), ForecastCsvError> {
    let name = path.display().to_string();
    let bytes = read_bounded(path, Kind::ForecastCsv).map_err(|error| ForecastCsvError::Read {
        path: name.clone(),
        error,
    })?;
    parse_forecasts(&name, &bytes)
}

/// Parses the text of a forecasts file; `name` is used in messages.
///
/// Reads 10⁶ rows in a few tens of milliseconds: one record is reused (no allocation per row), the
/// fields are trimmed here rather than by the reader (whose trimming builds a new record for every
/// row), plain decimals such as `0.37` are converted without the general float parser, and a large
/// file (a megabyte or more, without quotes) is read in two halves at once.
pub fn parse_forecasts(
    name: &str,
    bytes: &[u8],
) -> Result<(Vec<f64>, Vec<bool>), ForecastCsvError> {
    // A UTF-8 file (every file that scores) is checked once here and then read as bytes, its two
    // fields trimmed by `trim`, which removes what the reader's ASCII-then-Unicode trimming removed.
    // A file that is not UTF-8 is read as text with the reader's own trimming, so its message names
    // the same field and byte as ever (the reader checks UTF-8 after trimming).
    let utf8 = std::str::from_utf8(bytes).is_ok();
    let halves = match second_half(bytes).filter(|_| utf8) {
        Some(start) => read_in_halves(name, bytes, start)?,
        None => None,
    };
    let (forecasts, outcomes) = match halves {
        Some(rows) => rows,
        None => read_in_one_piece(name, bytes, utf8)?,
    };
    if forecasts.is_empty() {
        return Err(ForecastCsvError::Empty {
            path: name.to_string(),
        });
    }
    Ok((forecasts, outcomes))
}

/// Rows of the whole file, read by one reader.
fn read_in_one_piece(name: &str, bytes: &[u8], utf8: bool) -> Result<Rows, ForecastCsvError> {
    let mut reader = csv_reader(utf8).from_reader(bytes);
    let columns = columns(name, &mut reader)?;
    read_rows(name, &mut reader, utf8, columns, bytes)
}

/// Rows of a UTF-8 file whose second half starts at `start`, each half read on its own thread;
/// `None` when the second half has a bad row.
///
/// A bad row in the first half is the file's first, and its line is right. One in the second half
/// knows its line within the half only, so the caller reads the whole file again, in one piece,
/// for the message.
fn read_in_halves(
    name: &str,
    bytes: &[u8],
    start: usize,
) -> Result<Option<Rows>, ForecastCsvError> {
    let (first, second) = bytes.split_at(start);
    let mut reader = csv_reader(true).from_reader(first);
    let columns = columns(name, &mut reader)?;
    let read_second = || {
        let mut reader = csv_reader(true).has_headers(false).from_reader(second);
        read_rows(name, &mut reader, true, columns, second)
    };
    let (first_rows, second_rows) = std::thread::scope(|scope| {
        let thread = std::thread::Builder::new()
            .spawn_scoped(scope, read_second)
            .ok();
        let first_rows = read_rows(name, &mut reader, true, columns, first);
        let second_rows = match thread {
            // A panic there is a bug: raise it here.
            Some(thread) => thread
                .join()
                .unwrap_or_else(|e| std::panic::resume_unwind(e)),
            None => read_second(),
        };
        (first_rows, second_rows)
    });
    let (mut forecasts, mut outcomes) = first_rows?;
    let Ok((more_forecasts, more_outcomes)) = second_rows else {
        return Ok(None);
    };
    forecasts.extend(more_forecasts);
    outcomes.extend(more_outcomes);
    Ok(Some((forecasts, outcomes)))
}

/// Forecasts and outcomes, row by row.
type Rows = (Vec<f64>, Vec<bool>);

/// The two columns named in the header, which the reader reads here.
fn columns(name: &str, reader: &mut csv::Reader<&[u8]>) -> Result<Columns, ForecastCsvError> {
    let header = reader
        .headers()
        .map_err(|e| row_error(name, 1, e.to_string(), "save the file as UTF-8 CSV"))?;
    let column = |wanted: &str| header.iter().position(|h| h.eq_ignore_ascii_case(wanted));
    let (Some(forecast), Some(outcome)) = (column("forecast"), column("outcome")) else {
        // Shown as found, but short and inert: a header of a million NUL bytes is no message.
        let found = header.iter().collect::<Vec<_>>().join(",");
        let mut shown: String = found.chars().take(FOUND_SHOWN).collect();
        if shown.len() < found.len() {
            shown.push('…');
        }
        return Err(ForecastCsvError::Header {
            path: name.to_string(),
            found: crate::files::text::terminal(&shown).into_owned(),
        });
    };
    Ok(Columns {
        forecast,
        outcome,
        width: header.len(),
    })
}

/// Files from this size on are read in two halves at once; below, a thread costs about what it
/// saves.
const HALVES_FROM_BYTES: usize = 1 << 20;

/// Where the second half of a large file starts, if it can be read on its own: just after the first
/// line end past the middle. Only in a file without a quote character, where a line end always ends
/// a record (in a quoted field it may not).
fn second_half(bytes: &[u8]) -> Option<usize> {
    if bytes.len() < HALVES_FROM_BYTES || bytes.contains(&b'"') {
        return None;
    }
    let middle = bytes.len() / 2;
    let line_end = bytes.get(middle..)?.iter().position(|&b| b == b'\n')?;
    let start = middle + line_end + 1;
    (start < bytes.len()).then_some(start)
}

/// The reader of [`parse_forecasts`]: trimming the header only for a UTF-8 file (its fields are
/// trimmed by [`trim`]), everything otherwise; rows of any length.
fn csv_reader(utf8: bool) -> csv::ReaderBuilder {
    let mut builder = csv::ReaderBuilder::new();
    builder
        .trim(if utf8 {
            csv::Trim::Headers
        } else {
            csv::Trim::All
        })
        .flexible(true);
    builder
}

/// The indices of the two columns read.
#[derive(Clone, Copy)]
struct Columns {
    forecast: usize,
    outcome: usize,
    /// The number of fields of the header, which every row must have.
    width: usize,
}

/// A bad row's error.
fn row_error(name: &str, line: u64, message: String, fix: &'static str) -> ForecastCsvError {
    ForecastCsvError::Row {
        path: name.to_string(),
        line,
        message,
        fix,
    }
}

/// Reads the rows after the header; `bytes` is what the reader reads, to reserve room for its rows.
fn read_rows(
    name: &str,
    reader: &mut csv::Reader<&[u8]>,
    utf8: bool,
    columns: Columns,
    bytes: &[u8],
) -> Result<Rows, ForecastCsvError> {
    // At most one row per line: reserving for that spares the regrowth of two vectors of 10⁶.
    let expected_rows = bytes.iter().filter(|&&b| b == b'\n').count();
    let mut forecasts = Vec::with_capacity(expected_rows);
    let mut outcomes = Vec::with_capacity(expected_rows);
    let mut byte_record = csv::ByteRecord::new();
    let mut text_record = csv::StringRecord::new();
    loop {
        let read = if utf8 {
            reader.read_byte_record(&mut byte_record)
        } else {
            reader.read_record(&mut text_record)
        };
        let more = read.map_err(|e| {
            let line = e.position().map_or(0, |p| p.line());
            row_error(name, line, e.to_string(), "save the file as UTF-8 CSV")
        })?;
        if !more {
            break;
        }
        let record = if utf8 {
            &byte_record
        } else {
            text_record.as_byte_record()
        };
        let line = || record.position().map_or(0, |p| p.line());
        // A row of more or fewer fields than the header is misread somewhere: a decimal comma
        // splits a number in two, a missing comma joins two.
        if record.len() != columns.width {
            return Err(row_error(
                name,
                line(),
                format!(
                    "{} fields, but the header has {}",
                    record.len(),
                    columns.width
                ),
                "give every row as many fields as the header, and write decimals with a point (0.25), not a comma",
            ));
        }
        let forecast = trim(record.get(columns.forecast).unwrap_or(b""));
        let outcome = trim(record.get(columns.outcome).unwrap_or(b""));
        let p = parse_number(forecast).ok_or_else(|| {
            row_error(
                name,
                line(),
                format!(
                    "forecast \"{}\" is not a number",
                    String::from_utf8_lossy(forecast)
                ),
                "write a probability such as 0.25 (use a point, not a comma)",
            )
        })?;
        if !(0.0..=1.0).contains(&p) {
            return Err(row_error(
                name,
                line(),
                format!("forecast {p} is not between 0 and 1"),
                "write probabilities, not percentages (25 % is 0.25)",
            ));
        }
        let o = match outcome {
            b"0" => false,
            b"1" => true,
            other => {
                return Err(row_error(
                    name,
                    line(),
                    format!(
                        "outcome \"{}\" is not 0 or 1",
                        String::from_utf8_lossy(other)
                    ),
                    "write 1 when the event happened (deteriorated) and 0 when not",
                ));
            }
        };
        forecasts.push(p);
        outcomes.push(o);
    }
    Ok((forecasts, outcomes))
}

/// A field without the whitespace around it, Unicode whitespace included (a no-break space pasted
/// from a spreadsheet), as `str::trim` gives it; ASCII first, which is all a field usually has.
fn trim(field: &[u8]) -> &[u8] {
    let field = field.trim_ascii();
    let ascii_at_both_ends =
        field.first().is_none_or(u8::is_ascii) && field.last().is_none_or(u8::is_ascii);
    if ascii_at_both_ends {
        return field;
    }
    std::str::from_utf8(field).map_or(field, |text| text.trim().as_bytes())
}

/// A field as a number, exactly as `str::parse::<f64>` reads it (which accepts `1.`, `.5`, `5e-1`,
/// `+0.5`, `inf`, `NaN`), or `None` when it reads none.
fn parse_number(field: &[u8]) -> Option<f64> {
    plain_decimal(field).or_else(|| std::str::from_utf8(field).ok()?.parse().ok())
}

/// 10⁰ … 10¹⁵, all exact in an `f64`.
const POWERS_OF_TEN: [f64; 16] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
];

/// A field of at most 15 digits and at most one point (`0.37`, `1`, `.5`), quickly: the integer of
/// its digits and the power of ten of its decimals are both exact in an `f64`, so their quotient is
/// the correctly rounded value (Clinger's fast path), the very number `str::parse` returns. `None`
/// for anything else, which the general parser reads.
fn plain_decimal(field: &[u8]) -> Option<f64> {
    let mut mantissa = 0_u64;
    let mut digits = 0_usize;
    let mut decimals: Option<usize> = None;
    for &b in field {
        if b.is_ascii_digit() {
            if digits == 15 {
                return None;
            }
            mantissa = mantissa * 10 + u64::from(b - b'0');
            digits += 1;
            if let Some(d) = decimals.as_mut() {
                *d += 1;
            }
        } else if b == b'.' && decimals.is_none() {
            decimals = Some(0);
        } else {
            return None;
        }
    }
    if digits == 0 {
        return None;
    }
    let scale = POWERS_OF_TEN.get(decimals.unwrap_or(0))?;
    Some(mantissa as f64 / scale)
}

#[cfg(test)]
mod tests {
    use rand::{RngExt, SeedableRng};
    use rand_chacha::ChaCha8Rng;

    use super::*;

    #[test]
    fn plain_decimals_read_as_the_float_parser_reads_them() {
        let mut fields: Vec<String> = Vec::new();
        for k in 0..=1000 {
            fields.push(format!("{}", f64::from(k) / 1000.0));
            fields.push(format!("0.{k:03}"));
            fields.push(format!("{:.2}", f64::from(k) / 1000.0));
        }
        let mut rng = ChaCha8Rng::seed_from_u64(5);
        for _ in 0..100_000 {
            let x: f64 = rng.random();
            fields.push(format!("{x}"));
            fields.push(format!("{x:.15}"));
            fields.push(format!("{x:.7}"));
            fields.push(format!(
                "{}",
                rng.random_range(0..1_000_000_000_000_000_u64)
            ));
            let digits = rng.random_range(0..=16);
            fields.push(format!("{:.*}", digits, x * 1e3));
        }
        for f in [
            "1.",
            ".5",
            "0",
            "1",
            "00.50",
            "0.000000000000001",
            "999999999999999",
            "9999999999999999",
            ".",
            "",
            "1..2",
            "-0.0",
            "+0.5",
            "5e-1",
            "inf",
            "NaN",
            "0x1",
            "1_0",
            "0,5",
            "١",
        ] {
            fields.push(f.to_string());
        }
        for f in &fields {
            let want: Option<f64> = f.parse().ok();
            let got = parse_number(f.as_bytes());
            assert_eq!(
                got.map(f64::to_bits),
                want.map(f64::to_bits),
                "{f:?}: {got:?} vs {want:?}"
            );
            if let Some(fast) = plain_decimal(f.as_bytes()) {
                assert_eq!(Some(fast.to_bits()), want.map(f64::to_bits), "{f:?}");
            }
        }
        // The fast path does take the plain decimals.
        assert_eq!(plain_decimal(b"0.37"), Some(0.37));
        assert_eq!(plain_decimal(b"5e-1"), None);
    }

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
    fn a_large_file_read_in_halves_gives_the_rows_and_lines_of_one_piece() {
        let rows: Vec<String> = (0..200_000)
            .map(|i| format!("0.{:02},{}", i % 100, i % 3 % 2))
            .collect();
        let text = |rows: &[String]| format!("forecast,outcome\n{}\n", rows.join("\n"));
        let good = text(&rows);
        assert!(
            second_half(good.as_bytes()).is_some(),
            "big enough to split"
        );
        let (p, o) = parse_forecasts("f.csv", good.as_bytes()).expect("valid");
        assert_eq!(p.len(), 200_000);
        assert_eq!(
            read_in_one_piece("f.csv", good.as_bytes(), true).expect("valid"),
            (p, o)
        );
        // Row i is on line i + 2, in either half; the first bad row is the one reported.
        for (bad_rows, line) in [
            (vec![150_000], 150_002),
            (vec![20_000], 20_002),
            (vec![20_000, 150_000], 20_002),
        ] {
            let mut rows = rows.clone();
            for &i in &bad_rows {
                rows[i] = "0.5,2".to_string();
            }
            let err = parse_forecasts("f.csv", text(&rows).as_bytes()).expect_err("bad row");
            assert!(
                err.to_string()
                    .starts_with(&format!("f.csv:{line}: outcome \"2\"")),
                "{err}"
            );
        }
        // A quote anywhere: one piece, as a line end may be inside a quoted field.
        let mut quoted = rows.clone();
        quoted[10] = "\"0.5\",1".to_string();
        assert_eq!(second_half(text(&quoted).as_bytes()), None);
    }

    #[test]
    fn a_row_of_more_or_fewer_fields_than_the_header_is_named() {
        for row in ["0,3,1", "0.3", "0.3,1,"] {
            let text = format!("forecast,outcome\n0.2,0\n{row}\n");
            let err = parse_forecasts("f.csv", text.as_bytes()).expect_err(row);
            assert!(
                err.to_string().starts_with("f.csv:3: ")
                    && err.to_string().contains("but the header has 2"),
                "{row}: {err}"
            );
        }
        // The same in a file large enough to be read in halves (the bad row in the second half).
        let mut text = String::from("forecast,outcome\n");
        for _ in 0..200_000 {
            text.push_str("0.25,1\n");
        }
        text.push_str("0.2,0,1\n");
        let err = parse_forecasts("f.csv", text.as_bytes()).expect_err("three fields");
        assert!(err.to_string().starts_with("f.csv:200002: "), "{err}");
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
