//! A case's history entries, its own and its measures', as the lines of
//! its timeline. Entries are read into typed shapes: one an older version
//! wrote differently still shows, as what its action says.

use app::avvik::case::{CaseEvent, CaseEventKind, TiltakChange};
use app::avvik::rating::Rating;
use app::reports::CaseState;
use app::tiltak::rules::TiltakState;
use serde::Deserialize;

use crate::db::avvik_case::EventRow;
use crate::local_time::oslo_text;

/// What a measure's history entry holds that its timeline line needs.
#[derive(Default, Deserialize)]
struct TiltakEntry {
    #[serde(default)]
    description: String,
    #[serde(default)]
    to: Option<TiltakState>,
    #[serde(default)]
    reason: String,
}

/// A measure's history entry as the case's timeline shows it.
fn tiltak_event(action: &str, data: &str) -> CaseEventKind {
    let entry: TiltakEntry = serde_json::from_str(data).unwrap_or_default();
    let change = match (action, entry.to) {
        ("created", _) => TiltakChange::Added,
        ("status_changed", Some(to)) => TiltakChange::Moved {
            to,
            reason: entry.reason,
        },
        _ => TiltakChange::Edited,
    };
    CaseEventKind::Tiltak {
        description: entry.description,
        change,
    }
}

/// What a case's own history entry holds that its timeline line needs.
#[derive(Default, Deserialize)]
struct AvvikEntry {
    #[serde(default)]
    from: String,
    #[serde(default)]
    to: String,
    #[serde(default)]
    note: String,
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    body: String,
    #[serde(default)]
    visible_to_reporter: bool,
    #[serde(default)]
    probability: Option<i64>,
    #[serde(default)]
    consequence: Option<i64>,
}

/// A history entry as the timeline shows it.
pub fn event(row: EventRow) -> CaseEvent {
    if row.entity_kind == "tiltak" {
        return CaseEvent {
            at: oslo_text(row.at),
            what: tiltak_event(&row.action, &row.data),
            who: row.actor,
            withheld: false,
        };
    }
    let entry: AvvikEntry = serde_json::from_str(&row.data).unwrap_or_default();
    let moved = CaseState::from_db(&entry.from).zip(CaseState::from_db(&entry.to));
    let rating = Rating::stored(entry.probability, entry.consequence);
    let what = match (row.action.as_str(), moved, rating) {
        ("created", _, _) => CaseEventKind::Created,
        ("reported", _, _) => CaseEventKind::Reported,
        ("assigned", _, _) => CaseEventKind::Assigned(entry.name),
        ("commented", _, _) => CaseEventKind::Commented {
            body: entry.body,
            visible_to_reporter: entry.visible_to_reporter,
        },
        ("status_changed", Some((from, to)), _) => CaseEventKind::Moved {
            from,
            to,
            note: entry.note,
        },
        ("rerated", _, Some(rating)) => CaseEventKind::Rerated(rating),
        (other, _, _) => CaseEventKind::Other(other.to_owned()),
    };
    CaseEvent {
        at: oslo_text(row.at),
        who: row.actor,
        withheld: false,
        what,
    }
}
