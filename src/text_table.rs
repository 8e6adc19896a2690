//! Plain-text tables whose columns line up in Dutch and English: widths count characters, not bytes.

/// How the cells of a column are aligned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Left,
    Right,
}

/// One row: each cell padded to its column's width on the side `align` says, joined by `gap`.
pub fn row(cells: &[String], widths: &[usize], align: &[Align], gap: &str) -> String {
    cells
        .iter()
        .zip(widths)
        .zip(align)
        .map(|((cell, &width), align)| match align {
            Align::Left => format!("{cell:<width$}"),
            Align::Right => format!("{cell:>width$}"),
        })
        .collect::<Vec<_>>()
        .join(gap)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_are_padded_by_characters() {
        let cells = ["één".to_string(), "7".to_string()];
        let line = row(&cells, &[5, 3], &[Align::Left, Align::Right], " | ");
        assert_eq!(line, "één   |   7");
    }
}
