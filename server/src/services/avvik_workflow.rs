//! Moving a case along the workflow: only by someone who follows up the
//! case's unit (a leader, the HMS-ansvarlig), only along the rule in
//! [`app::avvik::workflow`], and always with a history entry.

use app::avvik::workflow::check_move;
use app::domain::users::CurrentUser;
use app::error::{AppError, InvalidInput};
use app::reports::CaseState;
use serde_json::json;

use super::avvik_case::readable_case;
use crate::db::avvik_workflow::{self, Move};
use crate::db::history::{self, Change};
use crate::db::now_ms;
use crate::errors::internal;
use crate::state::AppState;

/// The longest closing note or reason, in characters.
const MAX_NOTE_CHARS: usize = 4000;

/// Moves case `id` to `to`, with `note` (what was done, or why).
#[tracing::instrument(skip(state, user, note), fields(user = %user.id))]
pub async fn move_case(
    state: &AppState,
    user: &CurrentUser,
    id: &str,
    to: CaseState,
    note: &str,
) -> Result<(), AppError> {
    let access = readable_case(state, user, id).await?;
    let case = access.head;
    if !access.follows_up {
        return Err(AppError::Forbidden);
    }
    let from = CaseState::from_db(&case.status).ok_or(AppError::Internal)?;
    let note = note.trim();
    if note.chars().count() > MAX_NOTE_CHARS {
        return Err(AppError::Malformed("the note is too long".into()));
    }
    check_move(from, to, note).map_err(AppError::Invalid)?;
    let now = now_ms();
    let change = Move {
        id,
        from: from.as_db(),
        to: to.as_db(),
        note,
        now,
    };
    let entry = Change {
        entity_kind: "avvik",
        entity_id: id,
        unit_id: Some(&case.unit_id),
        action: "status_changed",
        actor_user_id: Some(&user.id),
        data: json!({ "from": from.as_db(), "to": to.as_db(), "note": note }),
    };
    let save = async {
        let mut tx = state.db.begin_change().await?;
        if !avvik_workflow::move_case(&mut tx, &change).await? {
            return Ok(false);
        }
        history::append(&mut tx, &entry, now).await?;
        tx.commit().await.map(|()| true)
    };
    let moved = save.await.map_err(internal("move a case"))?;
    if !moved {
        return Err(AppError::Invalid(InvalidInput::CaseChanged));
    }
    tracing::info!(case = %id, from = from.as_db(), to = to.as_db(), "case moved");
    Ok(())
}
