//! Text from files made inert where it is shown: a pseudonym or a file name is whatever a trainee
//! typed or a file holds, so it must not colour a terminal, break a table's rows, or run as a
//! formula when a CSV is opened in a spreadsheet.

use std::borrow::Cow;
use std::fmt::Write as _;

/// `text` for a terminal: every control character (an escape sequence's ESC, a newline, a tab, a
/// NUL, DEL and the C1 controls) written as a visible escape (`\n`, `\t`, `\u{1b}`), the rest as it is.
pub fn terminal(text: &str) -> Cow<'_, str> {
    if !text.chars().any(char::is_control) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// A message of several lines for a terminal: like [`terminal`], but its line breaks kept (an
/// error about a file names what the file holds: an id with a NUL or an escape sequence in it).
pub fn terminal_lines(text: &str) -> String {
    text.split('\n')
        .map(terminal)
        .collect::<Vec<_>>()
        .join("\n")
}

/// A text cell for a CSV file that a spreadsheet opens: a cell starting with `=`, `+`, `-`, `@`, a
/// tab or a carriage return would run as a formula, so it gets a leading `'`, as OWASP advises
/// ("CSV Injection"). Only for text cells: numbers are written by OnTrack and keep their sign.
pub fn csv_cell(text: &str) -> Cow<'_, str> {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        Cow::Owned(format!("'{text}"))
    } else {
        Cow::Borrowed(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_are_shown_not_obeyed() {
        assert_eq!(terminal("Anna"), "Anna");
        assert_eq!(terminal("a\u{1b}[31mred"), "a\\u{1b}[31mred");
        assert_eq!(terminal("two\nlines\r\t"), "two\\nlines\\r\\t");
        assert_eq!(
            terminal("nul\0 del\u{7f} c1\u{9b}"),
            "nul\\u{0} del\\u{7f} c1\\u{9b}"
        );
        assert_eq!(terminal("één ☂"), "één ☂", "letters of any script stay");
        assert_eq!(
            terminal_lines("id \"a\0b\"\nnext \u{1b}[2J"),
            "id \"a\\u{0}b\"\nnext \\u{1b}[2J"
        );
    }

    #[test]
    fn cells_a_spreadsheet_would_run_are_quoted() {
        for bad in ["=HYPERLINK(\"x\")", "+1", "-2+3", "@SUM(A1)", "\tx", "\rx"] {
            assert_eq!(csv_cell(bad), format!("'{bad}"));
        }
        assert_eq!(csv_cell("Anna"), "Anna");
        assert_eq!(csv_cell("a=b"), "a=b");
        assert_eq!(csv_cell(""), "");
    }
}
