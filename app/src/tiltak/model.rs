//! A measure as the case page and the tiltaksplan show it.

use serde::{Deserialize, Serialize};

use super::rules::TiltakState;
use crate::i18n::{Locale, td_string};

/// One tiltak, with what the person looking at it may do.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tiltak {
    /// Tiltak id.
    pub id: String,
    /// The case it answers, if any: (case id, case number).
    pub case: Option<(String, String)>,
    /// The unit that carries it out.
    pub unit: String,
    /// What will be done.
    pub description: String,
    /// The responsible person, if chosen: (user id, name).
    pub responsible: Option<(String, String)>,
    /// The deadline, `YYYY-MM-DD`; none for a measure suggested on a round
    /// that nobody has planned yet.
    pub due: Option<String>,
    /// Where it stands.
    pub state: TiltakState,
    /// Why it was not carried out.
    pub reason: String,
    /// The cost estimate in kroner.
    pub cost: Option<i64>,
    /// Open and past its deadline (Norwegian date).
    pub overdue: bool,
    /// The states this person may move it to (none for a reader).
    pub next: Vec<TiltakState>,
}

impl Tiltak {
    /// The deadline as Norwegians write it, or that there is none.
    pub fn due_text(&self, locale: Locale) -> String {
        self.due.as_deref().map_or_else(
            || td_string!(locale, tiltak_no_due).to_owned(),
            norwegian_date,
        )
    }

    /// The responsible person's name, or that nobody is yet.
    pub fn responsible_text(&self, locale: Locale) -> String {
        self.responsible.as_ref().map_or_else(
            || td_string!(locale, avvik_nobody).to_owned(),
            |(_, name)| name.clone(),
        )
    }
}

/// A unit's open measures, overdue first.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tiltaksplan {
    /// The units the person may choose between, in tree order.
    pub units: Vec<crate::domain::units::UnitView>,
    /// The unit shown (empty: all the person reaches).
    pub unit_id: String,
    /// The open measures, overdue first, then by deadline.
    pub rows: Vec<Tiltak>,
    /// More open measures exist than the page shows.
    pub more: bool,
}

/// The most measures one tiltaksplan page lists.
pub const PLAN_LIMIT: usize = 300;

/// Where a plan downloads as CSV (`?enhet=` as on the plan page): every
/// open measure, not only the first [`PLAN_LIMIT`].
pub const EXPORT_CSV_PATH: &str = "/api/v1/tiltak/export.csv";

/// Where a plan downloads as an Excel workbook (the same measures as the
/// CSV).
pub const EXPORT_XLSX_PATH: &str = "/api/v1/tiltak/export.xlsx";

/// `YYYY-MM-DD` as Norwegians write a date (`15.01.2027`); anything else
/// is shown as it is.
pub fn norwegian_date(day: &str) -> String {
    match day.split('-').collect::<Vec<_>>().as_slice() {
        [year, month, date] => format!("{date}.{month}.{year}"),
        _ => day.to_owned(),
    }
}

/// A cost in kroner with thin groups of thousands (`12 500 kr`).
pub fn kroner(amount: i64) -> String {
    let digits = amount.unsigned_abs().to_string();
    let mut grouped = String::new();
    for (index, digit) in digits.chars().enumerate() {
        if index > 0 && (digits.len() - index).is_multiple_of(3) {
            grouped.push('\u{a0}');
        }
        grouped.push(digit);
    }
    let sign = if amount < 0 { "-" } else { "" };
    format!("{sign}{grouped}\u{a0}kr")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_and_amounts_read_the_norwegian_way() {
        assert_eq!(norwegian_date("2027-01-15"), "15.01.2027");
        assert_eq!(norwegian_date("snart"), "snart");
        assert_eq!(kroner(12_500), "12\u{a0}500\u{a0}kr");
        assert_eq!(kroner(500), "500\u{a0}kr");
        assert_eq!(kroner(1_000_000), "1\u{a0}000\u{a0}000\u{a0}kr");
    }
}
