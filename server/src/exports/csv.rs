//! CSV as Norwegian Excel opens it: UTF-8 with a byte order mark (without
//! it Excel reads æøå as Latin-1), semicolons between cells (the comma is
//! the decimal sign in Norway), CRLF between rows.
//!
//! A cell that starts like a formula is neutralised: an avvik's text is
//! written by anyone who scans a QR code, and `=HYPERLINK(…)` in a cell
//! would otherwise run in the leader's spreadsheet (CSV injection).

use std::fmt::Write;

use app::tiltak::model::norwegian_date;

use super::value::Value;
use crate::local_time::oslo_text;

/// What a CSV file starts with, so that Excel reads it as UTF-8.
pub const BYTE_ORDER_MARK: &str = "\u{feff}";

/// One cell's content.
pub enum Cell<'a> {
    /// A text, quoted when it needs to be and neutralised when it starts
    /// like a formula.
    Text(&'a str),
    /// A whole number, written as is (Excel reads it as a number).
    Number(i64),
}

/// Appends one row (with its line end) to `out`.
pub fn push_row(out: &mut String, cells: &[Cell<'_>]) {
    for (index, cell) in cells.iter().enumerate() {
        if index > 0 {
            out.push(';');
        }
        match cell {
            Cell::Text(text) => push_text(out, text),
            Cell::Number(number) => {
                let _ = write!(out, "{number}");
            }
        }
    }
    out.push_str("\r\n");
}

/// Appends one row of typed values: a time as Norwegians write it
/// (`07.12.2026 14:05`, Norwegian time), a day as `07.12.2026`.
pub fn push_values(out: &mut String, values: &[Value<'_>]) {
    let texts: Vec<Option<String>> = values
        .iter()
        .map(|value| match value {
            Value::Moment(ms) => Some(oslo_text(*ms)),
            Value::Day(day) => Some(norwegian_date(day)),
            _ => None,
        })
        .collect();
    let cells: Vec<Cell<'_>> = values
        .iter()
        .zip(&texts)
        .map(|(value, text)| match (value, text) {
            (_, Some(text)) => Cell::Text(text),
            (Value::Text(text), None) => Cell::Text(text),
            (Value::Number(number), None) => Cell::Number(*number),
            (Value::Moment(_) | Value::Day(_) | Value::Empty, None) => Cell::Text(""),
        })
        .collect();
    push_row(out, &cells);
}

/// Characters that make a spreadsheet read a cell as a formula (or, for
/// tab and carriage return, that some read past to one).
const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

fn push_text(out: &mut String, text: &str) {
    let formula = text.starts_with(FORMULA_STARTS);
    let quoted = formula || text.contains([';', '"', '\n', '\r']);
    if quoted {
        out.push('"');
    }
    if formula {
        // A leading apostrophe makes Excel and LibreOffice show the text
        // as text; it is visible, which says what happened.
        out.push('\'');
    }
    if quoted {
        out.push_str(&text.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(text);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(cells: &[Cell<'_>]) -> String {
        let mut out = String::new();
        push_row(&mut out, cells);
        out
    }

    #[test]
    fn plain_cells_are_written_as_they_are() {
        assert_eq!(
            row(&[
                Cell::Text("Nordby skole"),
                Cell::Number(12),
                Cell::Text("Ødelagt håndtak")
            ]),
            "Nordby skole;12;Ødelagt håndtak\r\n"
        );
        assert_eq!(row(&[Cell::Text(""), Cell::Number(-3)]), ";-3\r\n");
    }

    #[test]
    fn separators_quotes_and_line_breaks_are_quoted() {
        assert_eq!(
            row(&[
                Cell::Text("a;b"),
                Cell::Text("sa \"hei\""),
                Cell::Text("linje 1\nlinje 2")
            ]),
            "\"a;b\";\"sa \"\"hei\"\"\";\"linje 1\nlinje 2\"\r\n"
        );
    }

    #[test]
    fn a_cell_that_starts_like_a_formula_is_shown_as_text() {
        for text in ["=1+2", "+47 99", "-2", "@SUM(A1)", "\t=1", "\r=1"] {
            let written = row(&[Cell::Text(text)]);
            assert!(written.starts_with("\"'"), "{text:?} → {written:?}");
        }
        assert_eq!(
            row(&[Cell::Text("=HYPERLINK(\"http://x\")")]),
            "\"'=HYPERLINK(\"\"http://x\"\")\"\r\n"
        );
        assert_eq!(row(&[Cell::Text("a=b")]), "a=b\r\n", "only at the start");
    }
}
