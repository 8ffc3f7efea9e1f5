//! Planning and following up measures: only by those who follow up the
//! case's unit, the responsible person chosen among the people a case there
//! may be assigned to, the status along the rule in [`app::tiltak::rules`],
//! and every change in the history.

use app::domain::access::Action;
use app::domain::users::CurrentUser;
use app::error::{AppError, InvalidInput};
use app::tiltak::model::Tiltak;
use app::tiltak::rules::{CheckedTiltak, TiltakDraft, TiltakState, check_move, next_states};
use serde_json::json;

use super::avvik_assign::assignable;
use super::avvik_case::readable_case;
use crate::auth::access;
use crate::db::history::{self, Change};
use crate::db::tiltak::{self, Fields, TiltakRow};
use crate::db::{new_id, now_ms, units};
use crate::errors::internal;
use crate::state::AppState;

/// The longest reason for dropping a measure, in characters.
const MAX_REASON_CHARS: usize = 4000;

/// Adds a measure to case `case_id`; returns its id.
#[tracing::instrument(skip(state, user, draft), fields(user = %user.id))]
pub async fn add_tiltak(
    state: &AppState,
    user: &CurrentUser,
    case_id: &str,
    draft: TiltakDraft,
) -> Result<String, AppError> {
    let access = readable_case(state, user, case_id).await?;
    if !access.follows_up {
        return Err(AppError::Forbidden);
    }
    let case = access.head;
    let (checked, responsible_name) = checked_draft(state, &case.unit_id, &draft).await?;
    let id = new_id();
    let now = now_ms();
    let entry = Change {
        entity_kind: "tiltak",
        entity_id: &id,
        unit_id: Some(&case.unit_id),
        action: "created",
        actor_user_id: Some(&user.id),
        data: fields_json(case_id, &checked, responsible_name),
    };
    let save = async {
        let mut tx = state.db.begin_change().await?;
        let keys = (id.as_str(), case.unit_id.as_str(), case_id);
        tiltak::insert(&mut tx, keys, &fields(&checked), now).await?;
        history::append(&mut tx, &entry, now).await?;
        tx.commit().await
    };
    save.await.map_err(internal("add a measure"))?;
    Ok(id)
}

/// Changes measure `id`'s text, responsible, deadline and cost.
#[tracing::instrument(skip(state, user, draft), fields(user = %user.id))]
pub async fn edit_tiltak(
    state: &AppState,
    user: &CurrentUser,
    id: &str,
    draft: TiltakDraft,
) -> Result<(), AppError> {
    let row = followed_up_tiltak(state, user, id).await?;
    let (checked, responsible_name) = checked_draft(state, &row.unit_id, &draft).await?;
    let case_id = row.avvik_id.as_deref().unwrap_or_default();
    let now = now_ms();
    let entry = Change {
        entity_kind: "tiltak",
        entity_id: id,
        unit_id: Some(&row.unit_id),
        action: "changed",
        actor_user_id: Some(&user.id),
        data: fields_json(case_id, &checked, responsible_name),
    };
    let save = async {
        let mut tx = state.db.begin_change().await?;
        tiltak::update(&mut tx, id, &fields(&checked), now).await?;
        history::append(&mut tx, &entry, now).await?;
        tx.commit().await
    };
    save.await.map_err(internal("change a measure"))
}

/// Moves measure `id` to `to`; `reason` says why it is not carried out.
#[tracing::instrument(skip(state, user, reason), fields(user = %user.id))]
pub async fn move_tiltak(
    state: &AppState,
    user: &CurrentUser,
    id: &str,
    to: TiltakState,
    reason: &str,
) -> Result<(), AppError> {
    let row = followed_up_tiltak(state, user, id).await?;
    let from = TiltakState::from_db(&row.status).ok_or(AppError::Internal)?;
    let reason = reason.trim();
    if reason.chars().count() > MAX_REASON_CHARS {
        return Err(AppError::Malformed("the reason is too long".into()));
    }
    check_move(from, to, reason).map_err(AppError::Invalid)?;
    let now = now_ms();
    let entry = Change {
        entity_kind: "tiltak",
        entity_id: id,
        unit_id: Some(&row.unit_id),
        action: "status_changed",
        actor_user_id: Some(&user.id),
        data: json!({
            "avvik_id": row.avvik_id, "description": row.description,
            "from": from.as_db(), "to": to.as_db(), "reason": reason,
        }),
    };
    let save = async {
        let mut tx = state.db.begin_change().await?;
        let statuses = (from.as_db(), to.as_db());
        if !tiltak::move_status(&mut tx, id, statuses, reason, now).await? {
            return Ok(false);
        }
        history::append(&mut tx, &entry, now).await?;
        tx.commit().await.map(|()| true)
    };
    if !save.await.map_err(internal("move a measure"))? {
        return Err(AppError::Invalid(InvalidInput::CaseChanged));
    }
    Ok(())
}

/// The measure, when `user` follows up its unit: a reader is refused
/// (403), anyone who may not read it learns nothing (404).
async fn followed_up_tiltak(
    state: &AppState,
    user: &CurrentUser,
    id: &str,
) -> Result<TiltakRow, AppError> {
    let pool = state.db.pool();
    let row = tiltak::by_id(pool, id)
        .await
        .map_err(internal("load a measure"))?
        .ok_or(AppError::NotFound)?;
    let follows_up = match &row.avvik_id {
        Some(case_id) => readable_case(state, user, case_id).await?.follows_up,
        None => {
            let chain = units::chain(pool, &row.unit_id)
                .await
                .map_err(internal("load unit ancestry"))?;
            if !access::allowed(user, Action::ReadReports, &chain) {
                return Err(AppError::NotFound);
            }
            access::allowed(user, Action::FollowUpAvvik, &chain)
        }
    };
    if !follows_up {
        return Err(AppError::Forbidden);
    }
    Ok(row)
}

/// The draft checked, with the responsible person's name (who must be one
/// a case in `unit_id` may be assigned to).
async fn checked_draft(
    state: &AppState,
    unit_id: &str,
    draft: &TiltakDraft,
) -> Result<(CheckedTiltak, Option<String>), AppError> {
    let checked = draft.check().map_err(AppError::Invalid)?;
    let name = match &checked.responsible {
        Some(person) => {
            let people = assignable(state, unit_id).await?;
            let chosen = people.into_iter().find(|option| &option.id == person);
            let chosen = chosen.ok_or(AppError::Invalid(InvalidInput::CaseResponsible))?;
            Some(chosen.name)
        }
        None => None,
    };
    Ok((checked, name))
}

fn fields(checked: &CheckedTiltak) -> Fields<'_> {
    Fields {
        description: &checked.description,
        responsible: checked.responsible.as_deref(),
        due: &checked.due,
        cost: checked.cost,
    }
}

fn fields_json(case_id: &str, checked: &CheckedTiltak, name: Option<String>) -> serde_json::Value {
    json!({
        "avvik_id": case_id, "description": checked.description, "due": checked.due,
        "responsible": checked.responsible, "responsible_name": name, "cost": checked.cost,
    })
}

/// A stored measure as a page shows it on `today` (`YYYY-MM-DD`); the
/// steps are offered only to someone who `follows_up`. A status this
/// version does not know leaves the measure out rather than shown wrong.
pub fn view(row: TiltakRow, today: &str, follows_up: bool) -> Option<Tiltak> {
    let state = TiltakState::from_db(&row.status)?;
    let overdue = state.is_open() && row.due_date.as_deref().is_some_and(|due| due < today);
    Some(Tiltak {
        case: row.avvik_id.zip(row.receipt_no),
        unit: row.unit_name,
        description: row.description,
        responsible: row.responsible_user_id.zip(row.responsible_display),
        due: row.due_date,
        reason: row.not_done_reason,
        cost: row.cost_estimate,
        overdue,
        next: if follows_up {
            next_states(state).to_vec()
        } else {
            Vec::new()
        },
        state,
        id: row.id,
    })
}
