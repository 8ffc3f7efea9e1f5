//! One case for its page: only for someone who may read it (anyone else
//! gets "not found", so a case id tells them nothing), with the steps this
//! person may take and the timeline from the history.

use app::avvik::case::AvvikCase;
use app::avvik::list::CaseSource;
use app::avvik::rating::{CaseRating, Rating};
use app::avvik::workflow::next_states;
use app::domain::access::Action;
use app::domain::users::CurrentUser;
use app::error::AppError;
use app::reports::{CaseState, Severity};

use crate::auth::access;
use crate::db::avvik_case;
use crate::db::avvik_workflow::{self, CaseHead};
use crate::db::{now_ms, photos, tiltak, units};
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
        sees_reporter,
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
    let photos = photos::of_case(pool, &head.id, row.finding_id.as_deref())
        .await
        .map_err(internal("load a case's photos"))?;
    // The list sorts by a stored copy of this score, written by the same rule.
    let rating = CaseRating {
        first: Rating::stored(row.probability, row.consequence),
        words: Severity::parse(&row.severity),
        leader: Rating::stored(row.leader_probability, row.leader_consequence),
    };
    let today = oslo_date(now_ms());
    let status = CaseState::from_db(&row.status).ok_or(AppError::Internal)?;
    let place = match (row.room_name, row.building_name) {
        (Some(room), Some(building)) => Some(format!("{room}, {building}")),
        (Some(room), None) => Some(room),
        _ => None,
    };
    let reporter = match row.reported_by_name {
        _ if !sees_reporter => String::new(),
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
        score: rating.score(),
        rating,
        photos,
        reporter,
        reporter_hidden: !sees_reporter,
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
        timeline: events
            .into_iter()
            .map(|row| {
                let by_reporter = row.by_reporter == 1;
                let event = super::avvik_timeline::event(row);
                if sees_reporter || !event.names_reporter(by_reporter) {
                    event
                } else {
                    event.withheld()
                }
            })
            .collect(),
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
    /// They may learn who reported it (an MKS member may not).
    pub sees_reporter: bool,
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
        sees_reporter: covers || access::allowed(user, Action::SeeReporter, &chain),
        head: case,
    })
}
