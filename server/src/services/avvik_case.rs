//! One case for its page: only for someone who may read it (anyone else
//! gets "not found", so a case id tells them nothing), with the steps this
//! person may take and the timeline from the history.

use app::avvik::case::{AvvikCase, CaseEvent, CaseEventKind, TiltakChange};
use app::avvik::list::CaseSource;
use app::avvik::workflow::next_states;
use app::domain::access::Action;
use app::domain::users::CurrentUser;
use app::error::AppError;
use app::reports::CaseState;
use app::tiltak::rules::TiltakState;
use serde::Deserialize;

use crate::auth::access;
use crate::db::avvik_case::{self, EventRow};
use crate::db::avvik_workflow::{self, CaseHead};
use crate::db::{now_ms, tiltak, units};
use crate::errors::internal;
use crate::local_time::{oslo_date, oslo_text};
use crate::state::AppState;

/// The case `id` as `user` sees it.
#[tracing::instrument(skip(state, user), fields(user = %user.id))]
pub async fn avvik_case(
    state: &AppState,
    user: &CurrentUser,
    id: &str,
) -> Result<AvvikCase, AppError> {
    let CaseAccess {
        head,
        follows_up,
        comments,
    } = readable_case(state, user, id).await?;
    let pool = state.db.pool();
    let row = avvik_case::case_row(pool, &head.id)
        .await
        .map_err(internal("load a case"))?
        .ok_or(AppError::NotFound)?;
    let events = avvik_case::events(pool, &head.id)
        .await
        .map_err(internal("load a case's history"))?;
    let measures = tiltak::for_case(pool, &head.id)
        .await
        .map_err(internal("load a case's measures"))?;
    let today = oslo_date(now_ms());
    let status = CaseState::from_db(&row.status).ok_or(AppError::Internal)?;
    let place = match (row.room_name, row.building_name) {
        (Some(room), Some(building)) => Some(format!("{room}, {building}")),
        (Some(room), None) => Some(room),
        _ => None,
    };
    let reporter = match row.reported_by_name {
        Some(name) if row.reporter_name.is_empty() => name,
        _ => row.reporter_name,
    };
    Ok(AvvikCase {
        id: row.id,
        receipt_no: row.receipt_no,
        description: row.description,
        unit: row.unit_name,
        place,
        category: row.category,
        source: CaseSource::from_db(&row.source).ok_or(AppError::Internal)?,
        status,
        score: row.risk_score,
        reporter,
        registered: oslo_text(row.created_at),
        closed_note: row.closed_note,
        rejected_reason: row.rejected_reason,
        responsible: row.assigned_to.zip(row.assigned_name),
        follows_up,
        may_comment: comments,
        next: if follows_up {
            next_states(status).to_vec()
        } else {
            Vec::new()
        },
        assignable: if follows_up {
            super::avvik_assign::assignable(state, &head.unit_id).await?
        } else {
            Vec::new()
        },
        tiltak: measures
            .into_iter()
            .filter_map(|row| super::tiltak::view(row, &today, follows_up))
            .collect(),
        timeline: events.into_iter().map(event).collect(),
    })
}

/// What a person may do with a case they may read.
pub struct CaseAccess {
    /// The case.
    pub head: CaseHead,
    /// They follow it up: move it, assign it.
    pub follows_up: bool,
    /// They may comment on it.
    pub comments: bool,
}

/// The case, when `user` may read it (by a role that reads its unit's
/// cases, or as the verneombud of the area its room is in), with what they
/// may do with it.
pub async fn readable_case(
    state: &AppState,
    user: &CurrentUser,
    id: &str,
) -> Result<CaseAccess, AppError> {
    let pool = state.db.pool();
    let case = avvik_workflow::case_head(pool, id, &user.id)
        .await
        .map_err(internal("load a case"))?
        .ok_or(AppError::NotFound)?;
    let chain = units::chain(pool, &case.unit_id)
        .await
        .map_err(internal("load unit ancestry"))?;
    if !access::allowed(user, Action::ReadReports, &chain) && case.in_covered_area != 1 {
        return Err(AppError::NotFound);
    }
    let covers = case.in_covered_area == 1;
    Ok(CaseAccess {
        follows_up: access::allowed(user, Action::FollowUpAvvik, &chain),
        comments: covers || access::allowed(user, Action::CommentAvvik, &chain),
        head: case,
    })
}

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

/// A history entry as the timeline shows it.
fn event(row: EventRow) -> CaseEvent {
    if row.entity_kind == "tiltak" {
        return CaseEvent {
            at: oslo_text(row.at),
            what: tiltak_event(&row.action, &row.data),
            who: row.actor,
        };
    }
    let data: serde_json::Value = serde_json::from_str(&row.data).unwrap_or_default();
    let state = |key: &str| data[key].as_str().and_then(CaseState::from_db);
    let what = match (row.action.as_str(), state("from"), state("to")) {
        ("created", _, _) => CaseEventKind::Created,
        ("reported", _, _) => CaseEventKind::Reported,
        ("assigned", _, _) => CaseEventKind::Assigned(data["name"].as_str().map(str::to_owned)),
        ("commented", _, _) => CaseEventKind::Commented {
            body: data["body"].as_str().unwrap_or_default().to_owned(),
            visible_to_reporter: data["visible_to_reporter"].as_bool().unwrap_or(false),
        },
        ("status_changed", Some(from), Some(to)) => CaseEventKind::Moved {
            from,
            to,
            note: data["note"].as_str().unwrap_or_default().to_owned(),
        },
        (other, _, _) => CaseEventKind::Other(other.to_owned()),
    };
    CaseEvent {
        at: oslo_text(row.at),
        who: row.actor,
        what,
    }
}
