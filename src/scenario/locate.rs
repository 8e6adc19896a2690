//! Finds where each field of a RON document stands, so a problem found after parsing can name its line.
//!
//! serde forgets positions once a value is built, so this walks the text once more and records, for every
//! field path (`courses[2].sd_change`), the span from its key (or list element) to the end of its value.
//! It reads any text without panicking; on text that is not RON it records what it can.

use std::collections::BTreeMap;

/// A 1-based line and column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub struct Pos {
    pub line: usize,
    pub col: usize,
}

/// Spans of every field path in a RON document.
#[derive(Debug, Default)]
pub struct Locations {
    spans: BTreeMap<String, (Pos, Pos)>,
}

impl Locations {
    /// Walks `text` and records the span of every path.
    pub fn of(text: &str) -> Self {
        let mut walker = Walker {
            chars: text.chars().collect(),
            at: 0,
            line: 1,
            col: 1,
            spans: BTreeMap::new(),
            depth: 0,
        };
        walker.value("");
        Locations {
            spans: walker.spans,
        }
    }

    /// Where `path` starts; for a path that is not in the text (a missing field), where the nearest
    /// enclosing path starts; the top of the file otherwise.
    pub fn position(&self, path: &str) -> Pos {
        let mut p = path;
        loop {
            if let Some((start, _)) = self.spans.get(p) {
                return *start;
            }
            match p.rfind(['.', '[']) {
                Some(cut) => p = &p[..cut],
                None => return Pos { line: 1, col: 1 },
            }
        }
    }

    /// The deepest path whose span holds `pos` (the field a parse error is in), or "" for the top.
    pub fn path_at(&self, pos: Pos) -> String {
        self.spans
            .iter()
            .filter(|(_, (start, end))| *start <= pos && pos <= *end)
            .max_by_key(|(path, (start, _))| (*start, path.len()))
            .map(|(path, _)| path.clone())
            .unwrap_or_default()
    }
}

/// Nesting deeper than this is not walked (the RON parser refuses it too).
const MAX_DEPTH: usize = 128;

struct Walker {
    chars: Vec<char>,
    at: usize,
    line: usize,
    col: usize,
    spans: BTreeMap<String, (Pos, Pos)>,
    depth: usize,
}

impl Walker {
    fn pos(&self) -> Pos {
        Pos {
            line: self.line,
            col: self.col,
        }
    }

    fn peek(&self) -> Option<char> {
        self.chars.get(self.at).copied()
    }

    fn peek_at(&self, ahead: usize) -> Option<char> {
        self.chars.get(self.at + ahead).copied()
    }

    fn bump(&mut self) -> Option<char> {
        let c = self.peek()?;
        self.at += 1;
        if c == '\n' {
            self.line += 1;
            self.col = 1;
        } else {
            self.col += 1;
        }
        Some(c)
    }

    fn skip_blank(&mut self) {
        loop {
            match (self.peek(), self.peek_at(1)) {
                (Some(c), _) if c.is_whitespace() => {
                    self.bump();
                }
                (Some('/'), Some('/')) => {
                    while let Some(c) = self.bump() {
                        if c == '\n' {
                            break;
                        }
                    }
                }
                (Some('/'), Some('*')) => {
                    self.bump();
                    self.bump();
                    let mut nest = 1usize;
                    while nest > 0 {
                        match (self.peek(), self.peek_at(1)) {
                            (None, _) => return,
                            (Some('*'), Some('/')) => {
                                self.bump();
                                self.bump();
                                nest -= 1;
                            }
                            (Some('/'), Some('*')) => {
                                self.bump();
                                self.bump();
                                nest += 1;
                            }
                            _ => {
                                self.bump();
                            }
                        }
                    }
                }
                _ => return,
            }
        }
    }

    fn ident(&mut self) -> String {
        let mut s = String::new();
        while let Some(c) = self.peek() {
            if c.is_alphanumeric() || c == '_' || c == '#' {
                s.push(c);
                self.bump();
            } else {
                break;
            }
        }
        s
    }

    fn string(&mut self) {
        // Raw strings: r"…", r#"…"#.
        if self.peek() == Some('r') {
            self.bump();
            let mut hashes = 0;
            while self.peek() == Some('#') {
                hashes += 1;
                self.bump();
            }
            self.bump(); // opening quote
            while let Some(c) = self.bump() {
                if c == '"' {
                    let mut n = 0;
                    while n < hashes && self.peek() == Some('#') {
                        n += 1;
                        self.bump();
                    }
                    if n == hashes {
                        return;
                    }
                }
            }
            return;
        }
        let quote = self.bump();
        while let Some(c) = self.bump() {
            if c == '\\' {
                self.bump();
            } else if Some(c) == quote {
                return;
            }
        }
    }

    /// Walks one value, recording spans of its fields and elements under `path`.
    fn value(&mut self, path: &str) {
        self.skip_blank();
        if self.depth > MAX_DEPTH {
            self.at = self.chars.len();
            return;
        }
        self.depth += 1;
        match self.peek() {
            Some('(') => self.group(path, ')'),
            Some('[') => self.group(path, ']'),
            Some('{') => self.group(path, '}'),
            Some('"') | Some('\'') => self.string(),
            Some('r') if matches!(self.peek_at(1), Some('"') | Some('#')) => self.string(),
            Some(c) if c.is_alphanumeric() || c == '_' => {
                self.ident();
                self.skip_blank();
                if self.peek() == Some('(') {
                    self.group(path, ')');
                }
            }
            Some(c) if c == '-' || c == '+' || c == '.' => {
                self.bump();
                self.ident();
            }
            Some(_) => {
                self.bump();
            }
            None => {}
        }
        self.depth -= 1;
    }

    /// Walks `( … )`, `[ … ]` or `{ … }`: named fields become `path.name`, list items `path[i]`.
    fn group(&mut self, path: &str, close: char) {
        self.bump();
        let mut index = 0usize;
        loop {
            self.skip_blank();
            let start = self.pos();
            match self.peek() {
                None => return,
                Some(c) if c == close => {
                    self.bump();
                    return;
                }
                Some(',') => {
                    self.bump();
                    continue;
                }
                Some(')') | Some(']') | Some('}') => {
                    // A bracket that does not match: leave it to the enclosing group.
                    return;
                }
                _ => {}
            }
            let before = self.at;
            let child = if close == ')' && self.is_field_name() {
                let name = self.ident();
                self.skip_blank();
                self.bump(); // ':'
                join_field(path, &name)
            } else if close == '}' {
                self.value(&format!("{path}{{key}}"));
                self.skip_blank();
                if self.peek() == Some(':') {
                    self.bump();
                }
                format!("{path}[{index}]")
            } else if close == ']' {
                format!("{path}[{index}]")
            } else {
                // A tuple or enum payload: transparent, so `Share(0.4)` stays at its field's path.
                path.to_string()
            };
            self.value(&child);
            let end = self.pos();
            if child != path {
                self.spans.entry(child).or_insert((start, end));
            }
            index += 1;
            if self.at == before {
                self.bump();
            }
        }
    }

    /// True when the next tokens are `identifier :` (and not `::`).
    fn is_field_name(&self) -> bool {
        let mut i = self.at;
        while let Some(c) = self.chars.get(i) {
            if c.is_alphanumeric() || *c == '_' || *c == '#' {
                i += 1;
            } else {
                break;
            }
        }
        if i == self.at {
            return false;
        }
        while let Some(c) = self.chars.get(i) {
            if c.is_whitespace() {
                i += 1;
            } else {
                break;
            }
        }
        self.chars.get(i) == Some(&':') && self.chars.get(i + 1) != Some(&':')
    }
}

fn join_field(path: &str, name: &str) -> String {
    if path.is_empty() {
        name.to_string()
    } else {
        format!("{path}.{name}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DOC: &str = "Scenario(\n  id: \"x\", // a comment\n  measure: (\n    min: 0,\n    max: 180,\n  ),\n  courses: [\n    (key: \"a\", prior: Share(0.4)),\n    (key: \"b\",\n     sd: -1),\n  ],\n)\n";

    #[test]
    fn finds_fields_and_list_elements() {
        let loc = Locations::of(DOC);
        assert_eq!(loc.position("id"), Pos { line: 2, col: 3 });
        assert_eq!(loc.position("measure.max"), Pos { line: 5, col: 5 });
        assert_eq!(loc.position("courses[1]"), Pos { line: 9, col: 5 });
        assert_eq!(loc.position("courses[1].sd"), Pos { line: 10, col: 6 });
        assert_eq!(loc.position("courses[0].prior"), Pos { line: 8, col: 16 });
    }

    #[test]
    fn missing_paths_fall_back_to_their_parent() {
        let loc = Locations::of(DOC);
        assert_eq!(loc.position("measure.cutoff"), Pos { line: 3, col: 3 });
        assert_eq!(loc.position("nothing.here"), Pos { line: 1, col: 1 });
    }

    #[test]
    fn path_at_names_the_innermost_field() {
        let loc = Locations::of(DOC);
        assert_eq!(loc.path_at(Pos { line: 10, col: 10 }), "courses[1].sd");
        assert_eq!(loc.path_at(Pos { line: 4, col: 7 }), "measure.min");
    }

    #[test]
    fn survives_garbage() {
        for text in [
            "(((",
            "]]]",
            "\"unterminated",
            "r#\"x",
            "/* open",
            "(a: [1, {2: 3}",
            "é(ü:",
        ] {
            let loc = Locations::of(text);
            let _ = loc.position("a");
        }
        let deep = "(".repeat(10_000);
        let _ = Locations::of(&deep);
    }
}
