//! One avvik case as its page shows it: what was found or reported, where,
//! its risk and state, the steps the person may take now, and the timeline
//! of every change (from the history).

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use super::list::CaseSource;
use crate::error::AppError;
use crate::reports::CaseState;

/// A case with its timeline.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AvvikCase {
    /// Case id.
    pub id: String,
    /// The case number (`AV-2026-0042`).
    pub receipt_no: String,
    /// What was found or reported.
    pub description: String,
    /// The unit handling it.
    pub unit: String,
    /// Room and building, if the case has a room.
    pub place: Option<String>,
    /// The report category, if any.
    pub category: String,
    /// Where it came from.
    pub source: CaseSource,
    /// Where it is in its handling.
    pub status: CaseState,
    /// Its risk score (0: not rated).
    pub score: i64,
    /// Its first rating and the leader's, both kept.
    pub rating: super::rating::CaseRating,
    /// Its photos (ids for `/api/v1/photos/{id}`), the finding's or the
    /// report's, oldest first.
    pub photos: Vec<String>,
    /// The reporter's name as given; empty when anonymous, unknown or
    /// hidden from the person reading.
    pub reporter: String,
    /// The person reading may not learn who reported the case (an MKS
    /// member): the page says the name is withheld, not that there is none.
    #[serde(default)]
    pub reporter_hidden: bool,
    /// When it was registered, in Norwegian time.
    pub registered: String,
    /// What was done (a closed case).
    pub closed_note: String,
    /// Why it was rejected.
    pub rejected_reason: String,
    /// The person responsible for it, if anyone: (user id, name).
    pub responsible: Option<(String, String)>,
    /// This person follows the case up: moves it, assigns it, plans its measures.
    pub follows_up: bool,
    /// This person may comment on it (an AMU reader only reads).
    pub may_comment: bool,
    /// The states this person may move it to now (none for a reader).
    pub next: Vec<CaseState>,
    /// Whom this person may make responsible (none for a reader).
    pub assignable: Vec<crate::places::structure::PersonOption>,
    /// Its measures (the case's part of the tiltaksplan), oldest first.
    pub tiltak: Vec<crate::tiltak::model::Tiltak>,
    /// Every change, its measures' included, oldest first.
    pub timeline: Vec<CaseEvent>,
}

/// One change in a case's timeline.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseEvent {
    /// When, in Norwegian time.
    pub at: String,
    /// Who (none for an anonymous report).
    pub who: Option<String>,
    /// The name is withheld from the person reading: it is the reporter's.
    #[serde(default)]
    pub withheld: bool,
    /// What.
    pub what: CaseEventKind,
}

impl CaseEvent {
    /// Whether the entry would tell who reported the case: the report
    /// itself (or the round's finding), or a step the reporter took.
    pub fn names_reporter(&self, by_reporter: bool) -> bool {
        by_reporter || matches!(self.what, CaseEventKind::Created | CaseEventKind::Reported)
    }

    /// The entry with its name withheld.
    pub fn withheld(self) -> CaseEvent {
        CaseEvent {
            who: None,
            withheld: true,
            ..self
        }
    }
}

/// What a timeline entry records.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum CaseEventKind {
    /// The case was opened from a round.
    Created,
    /// The case was reported from a room's QR code.
    Reported,
    /// The case moved, with the note written for it.
    Moved {
        /// The state it left.
        from: CaseState,
        /// The state it reached.
        to: CaseState,
        /// What was done, or why.
        note: String,
    },
    /// A leader rated the risk again.
    Rerated(super::rating::Rating),
    /// Someone was made responsible (`None`: nobody any more).
    Assigned(Option<String>),
    /// A comment, internal or visible to the reporter.
    Commented {
        /// The text.
        body: String,
        /// Whether the reporter sees it.
        visible_to_reporter: bool,
    },
    /// A measure was added, changed or moved.
    Tiltak {
        /// The measure's description when it happened.
        description: String,
        /// What happened to it.
        change: TiltakChange,
    },
    /// A change this version does not describe (its history action).
    Other(String),
}

/// What happened to a measure, as the case's timeline tells it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum TiltakChange {
    /// Planned (on the case page, or suggested on a round).
    Added,
    /// Its text, responsible, deadline or cost changed.
    Edited,
    /// Its status moved, with the reason when it was dropped.
    Moved {
        /// The new status.
        to: crate::tiltak::rules::TiltakState,
        /// Why it is not carried out.
        reason: String,
    },
}

/// The case `id`, when the logged-in person may read it.
#[server(prefix = "/api/fn", endpoint = "avvik_case")]
pub async fn load_avvik_case(id: String) -> Result<AvvikCase, AppError> {
    use crate::backend::{backend, require_user, with_status};
    with_status(
        async {
            let user = require_user()?;
            backend()?.avvik_case(&user, &id).await
        }
        .await,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn event(what: CaseEventKind) -> CaseEvent {
        CaseEvent {
            at: "6.12.2026 08:30".to_owned(),
            who: Some("Vera Vik".to_owned()),
            withheld: false,
            what,
        }
    }

    #[test]
    fn the_report_and_the_reporters_own_steps_name_the_reporter() {
        assert!(event(CaseEventKind::Created).names_reporter(false));
        assert!(event(CaseEventKind::Reported).names_reporter(false));
        assert!(event(CaseEventKind::Assigned(None)).names_reporter(true));
        assert!(!event(CaseEventKind::Assigned(None)).names_reporter(false));
        let hidden = event(CaseEventKind::Created).withheld();
        assert_eq!((hidden.who, hidden.withheld), (None, true));
    }
}
