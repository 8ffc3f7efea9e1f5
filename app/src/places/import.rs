//! Rooms from a CSV file: `bygg;rom;etasje` per line, as Norwegian Excel
//! writes it (semicolons, UTF-8 with or without BOM, fields in double
//! quotes when they hold a semicolon, a quote or a line break). Read record
//! by record, so that every problem is shown with the number of the line it
//! starts on before anything is saved.

use serde::{Deserialize, Serialize};

/// The most lines one import may hold.
pub const MAX_LINES: usize = 5_000;
/// The longest building or room name, or floor, in characters.
pub const MAX_FIELD_CHARS: usize = 200;

/// One line of the file as read.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportLine {
    /// Line number in the file (1 for the first line).
    pub line: usize,
    /// Building name.
    pub building: String,
    /// Room name or number.
    pub room: String,
    /// Floor (may be empty).
    pub floor: String,
    /// The building is not in the unit yet and will be created.
    pub new_building: bool,
    /// Why the line cannot be saved, if it cannot.
    pub problem: Option<ImportProblem>,
}

/// Why a line cannot be saved.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ImportProblem {
    /// Not two or three fields.
    Columns,
    /// No building name.
    BuildingMissing,
    /// No room name.
    RoomMissing,
    /// A field longer than [`MAX_FIELD_CHARS`].
    TooLong,
    /// The same building and room appear on an earlier line.
    Repeated,
    /// The building already has an active room with this name.
    Exists,
    /// A double quote opened on this line is never closed.
    UnclosedQuote,
}

/// The whole file as checked: every line, and whether it can be saved.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportPreview {
    /// Every non-empty line but a header.
    pub lines: Vec<ImportLine>,
}

impl ImportPreview {
    /// Lines with a problem.
    pub fn problems(&self) -> usize {
        self.lines
            .iter()
            .filter(|line| line.problem.is_some())
            .count()
    }

    /// Whether the import may be saved (some lines, none with a problem).
    pub fn can_save(&self) -> bool {
        !self.lines.is_empty() && self.problems() == 0
    }
}

/// Why a whole file was refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum FileProblem {
    /// Nothing to import.
    Empty,
    /// More than [`MAX_LINES`] lines.
    TooManyLines,
}

/// Reads the file into lines with the problems a line has on its own
/// (columns, empty or long fields, repeats); which rooms already exist is
/// for the server to add.
pub fn parse(text: &str) -> Result<Vec<ImportLine>, FileProblem> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut lines = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for record in records(text) {
        let (line, raw) = (record.line, record.text.as_str());
        if raw.trim().is_empty() || (lines.is_empty() && is_header(&split(raw))) {
            continue;
        }
        if lines.len() == MAX_LINES {
            return Err(FileProblem::TooManyLines);
        }
        let fields = split(raw);
        let field = |n: usize| {
            fields
                .get(n)
                .map(|f| f.trim().to_owned())
                .unwrap_or_default()
        };
        let (building, room, floor) = (field(0), field(1), field(2));
        let too_long = [&building, &room, &floor]
            .iter()
            .any(|f| f.chars().count() > MAX_FIELD_CHARS);
        let problem = if record.unclosed {
            Some(ImportProblem::UnclosedQuote)
        } else if !(2..=3).contains(&fields.len()) {
            Some(ImportProblem::Columns)
        } else if building.is_empty() {
            Some(ImportProblem::BuildingMissing)
        } else if room.is_empty() {
            Some(ImportProblem::RoomMissing)
        } else if too_long {
            Some(ImportProblem::TooLong)
        } else if !seen.insert((building.to_lowercase(), room.to_lowercase())) {
            Some(ImportProblem::Repeated)
        } else {
            None
        };
        lines.push(ImportLine {
            line,
            building,
            room,
            floor,
            new_building: false,
            problem,
        });
    }
    if lines.is_empty() {
        return Err(FileProblem::Empty);
    }
    Ok(lines)
}

/// One record of the file: usually one line.
struct Record {
    /// The line it starts on (1 for the first).
    line: usize,
    /// Its text, lines joined by a space.
    text: String,
    /// It opens a double quote that the file never closes.
    unclosed: bool,
}

/// The file's records. A line break inside double quotes (Alt+Enter in an
/// Excel cell) continues the record and is read as a space: a name on a
/// poster is one line. A quote never closed stays its own line, marked, so
/// it cannot swallow the rooms after it.
fn records(text: &str) -> Vec<Record> {
    let lines: Vec<&str> = text.lines().collect();
    // `""` inside quotes counts twice, so an odd count opens or closes one.
    let flips = |line: &str| line.matches('"').count() % 2 == 1;
    let mut records = Vec::new();
    let mut start = 0;
    while start < lines.len() {
        let mut end = start;
        let mut quoted = flips(lines[start]);
        while quoted && end + 1 < lines.len() {
            end += 1;
            quoted ^= flips(lines[end]);
        }
        // Only one start can reach the end still quoted: from the next line
        // with an odd count on, the rest of the file has an even one.
        if quoted {
            end = start;
        }
        records.push(Record {
            line: start + 1,
            text: lines[start..=end].join(" "),
            unclosed: quoted,
        });
        start = end + 1;
    }
    records
}

/// A first line that names the columns instead of a room ("Bygg;Rom;…"),
/// told from a building called "Bygg A" by its exact words.
fn is_header(fields: &[String]) -> bool {
    let word = |n: usize| {
        fields
            .get(n)
            .map(|f| f.trim().to_lowercase())
            .unwrap_or_default()
    };
    matches!(word(0).as_str(), "bygg" | "bygning" | "building")
        && matches!(word(1).as_str(), "rom" | "romnavn" | "room" | "room name")
}

/// Splits on semicolons outside double quotes; `""` inside quotes is a quote.
fn split(line: &str) -> Vec<String> {
    let mut fields = vec![String::new()];
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' if quoted && chars.peek() == Some(&'"') => {
                chars.next();
                push(&mut fields, '"');
            }
            '"' => quoted = !quoted,
            ';' if !quoted => fields.push(String::new()),
            _ => push(&mut fields, c),
        }
    }
    // Empty fields after the third (Excel pads short rows) are no columns.
    while fields.len() > 3 && fields.last().is_some_and(|f| f.trim().is_empty()) {
        fields.pop();
    }
    fields
}

fn push(fields: &mut [String], c: char) {
    if let Some(field) = fields.last_mut() {
        field.push(c);
    }
}

#[cfg(test)]
#[path = "import_tests.rs"]
mod tests;
