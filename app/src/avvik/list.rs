//! The list of avvik cases a person reaches: a leader their units', the
//! HMS-ansvarlig and hovedverneombud everything below them, a verneombud
//! their units' and the cases in the verneområder they cover (AML § 6-2).
//! Sorted by risk, highest first, then oldest first; read a page at a time
//! from a cursor (the last row's sort key), so a long list is never loaded
//! whole and a case added meanwhile never shows twice.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use super::risk::RiskFilter;
use crate::error::AppError;
use crate::reports::CaseState;

/// Rows per page.
pub const PAGE_SIZE: usize = 50;

/// Where the list downloads as CSV, with the list page's address
/// parameters as its filters.
pub const EXPORT_CSV_PATH: &str = "/api/v1/avvik/export.csv";

/// Where the list downloads as an Excel workbook, with the same filters.
pub const EXPORT_XLSX_PATH: &str = "/api/v1/avvik/export.xlsx";

/// Where a case came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CaseSource {
    /// An avvik found on a vernerunde.
    Round,
    /// A report sent from a room's QR code.
    Qr,
    /// Registered in the app by hand.
    Manual,
}

impl CaseSource {
    /// The source as the database stores it.
    pub fn as_db(self) -> &'static str {
        match self {
            CaseSource::Round => "round",
            CaseSource::Qr => "qr",
            CaseSource::Manual => "manual",
        }
    }

    /// A source stored by [`CaseSource::as_db`].
    pub fn from_db(value: &str) -> Option<CaseSource> {
        [CaseSource::Round, CaseSource::Qr, CaseSource::Manual]
            .into_iter()
            .find(|source| source.as_db() == value)
    }
}

/// What the list is narrowed to; each part is optional.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AvvikFilter {
    /// This unit and the units below it.
    pub unit_id: Option<String>,
    /// Where the cases are in their handling.
    pub status: Option<CaseState>,
    /// Only cases still open (not closed or rejected); the dashboard's
    /// matrix leads here.
    #[serde(default)]
    pub open_only: bool,
    /// Only cases whose current rating is this matrix cell.
    pub cell: Option<super::rating::Rating>,
    /// The risk band.
    pub risk: Option<RiskFilter>,
    /// A report category (`brann`, …).
    pub category: Option<String>,
    /// Where the cases came from.
    pub source: Option<CaseSource>,
    /// Registered on or after this day (`YYYY-MM-DD`, Norwegian time).
    pub from: Option<String>,
    /// Registered on or before this day.
    pub to: Option<String>,
    /// Only the cases assigned to the person asking.
    #[serde(default)]
    pub assigned_to_me: bool,
}

/// The sort key of a row: where the next page starts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Cursor {
    /// The row's risk score (see [`super::risk::list_score`]).
    pub score: i64,
    /// When it was registered (ms).
    pub created_at: i64,
    /// The case's id (ties).
    pub id: String,
}

impl Cursor {
    /// The cursor as the list's `after` parameter carries it.
    pub fn encode(&self) -> String {
        format!("{}.{}.{}", self.score, self.created_at, self.id)
    }

    /// A cursor written by [`Cursor::encode`]; `None` for anything else.
    pub fn decode(text: &str) -> Option<Cursor> {
        let mut parts = text.splitn(3, '.');
        let score = parts.next()?.parse().ok()?;
        let created_at = parts.next()?.parse().ok()?;
        let id = parts.next().filter(|id| !id.is_empty())?.to_owned();
        Some(Cursor {
            score,
            created_at,
            id,
        })
    }
}

/// One case in the list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AvvikListItem {
    /// Case id.
    pub id: String,
    /// The case number (`AV-2026-0042`).
    pub receipt_no: String,
    /// What was found or reported.
    pub description: String,
    /// The unit handling it.
    pub unit: String,
    /// The room, if the case has one.
    pub room: Option<String>,
    /// The report category, if any.
    pub category: String,
    /// Where it came from.
    pub source: CaseSource,
    /// Where it is in its handling.
    pub status: CaseState,
    /// Its risk score (0: not rated).
    pub score: i64,
    /// When it was registered (ms).
    pub created_at: i64,
    /// The same in Norwegian time (`5.12.2026 08:30`).
    pub registered: String,
    /// The person it is assigned to, if anyone.
    pub assigned_to: Option<String>,
}

/// One page of the list, with the counts of the whole filtered list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AvvikPage {
    /// The cases, highest risk first, then oldest first.
    pub items: Vec<AvvikListItem>,
    /// Where the next page starts; `None` on the last page.
    pub next: Option<String>,
    /// How many cases each state has, with every filter but the state's.
    pub counts: Vec<(CaseState, i64)>,
    /// The units whose cases the person reads, in tree order (for the
    /// unit filter).
    pub units: Vec<crate::domain::units::UnitView>,
}

/// A page of the cases the logged-in person reaches, after `after` (a
/// [`Cursor`] from the previous page; empty for the first).
#[server(prefix = "/api/fn", endpoint = "avvik_list")]
pub async fn load_avvik_list(
    #[server(default)] filter: AvvikFilter,
    #[server(default)] after: String,
) -> Result<AvvikPage, AppError> {
    use crate::backend::{backend, require_user, with_status};
    with_status(
        async {
            let user = require_user()?;
            let after = match after.as_str() {
                "" => None,
                text => Some(Cursor::decode(text).ok_or(AppError::Malformed("bad cursor".into()))?),
            };
            backend()?.avvik_list(&user, filter, after).await
        }
        .await,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cursor_reads_back_as_written() {
        let cursor = Cursor {
            score: 12,
            created_at: 1_764_900_000_000,
            id: "0193a.b-c".to_owned(),
        };
        assert_eq!(Cursor::decode(&cursor.encode()), Some(cursor));
    }

    #[test]
    fn a_cursor_that_was_not_written_by_vern_is_refused() {
        for text in ["", "12", "12.x.id", "a.1.id", "12.1.", "12.1"] {
            assert_eq!(Cursor::decode(text), None, "{text}");
        }
    }

    #[test]
    fn sources_read_back_from_the_database() {
        for source in [CaseSource::Round, CaseSource::Qr, CaseSource::Manual] {
            assert_eq!(CaseSource::from_db(source.as_db()), Some(source));
        }
        assert_eq!(CaseSource::from_db("app"), None);
    }
}
