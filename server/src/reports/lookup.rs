//! What a scanned code and a status link lead to.

use app::domain::users::CurrentUser;
use app::error::AppError;
use app::reports::{
    ANY_ROOM_TOKEN, CaseState, ReportCategory, ReportRoom, ReportStatus, RoomLookup, VisibleComment,
};

use super::submit::key_of;
use crate::db::places::{self, NamedRoom};
use crate::db::reports;
use crate::db::{units, users};
use crate::errors::internal;
use crate::local_time::oslo_text;
use crate::state::AppState;

/// The room whose current code is `token`; `Retired` for a replaced code
/// or a retired room, `NotFound` for a code Vern never made.
pub async fn open_room(state: &AppState, token: &str) -> Result<NamedRoom, AppError> {
    let pool = state.db.pool();
    if let Some(room) = places::room_by_token(pool, token)
        .await
        .map_err(internal("look up a room by its code"))?
    {
        return Ok(room);
    }
    let retired = reports::unit_of_retired_token(pool, token)
        .await
        .map_err(internal("look up a retired code"))?;
    Err(if retired.is_some() {
        AppError::Retired
    } else {
        AppError::NotFound
    })
}

/// What the report page shows for `token`; a logged-in person's name and
/// e-mail are filled in for them.
#[tracing::instrument(name = "report_room", skip_all)]
pub async fn room_lookup(
    state: &AppState,
    token: &str,
    user: Option<&CurrentUser>,
) -> Result<RoomLookup, AppError> {
    if token == ANY_ROOM_TOKEN {
        let form = blank_form(state, token, user).await?;
        return Ok(RoomLookup::AnyRoom(form));
    }
    match open_room(state, token).await {
        Ok(room) => {
            let form = blank_form(state, token, user).await?;
            Ok(RoomLookup::Open(ReportRoom {
                room: room.name,
                floor: room.floor,
                building: room.building,
                unit: room.unit_name,
                ..form
            }))
        }
        Err(AppError::Retired) => retired(state, token).await,
        Err(error) => Err(error),
    }
}

/// A form for `token` with no room filled in yet, and the logged-in
/// person's name and e-mail.
async fn blank_form(
    state: &AppState,
    token: &str,
    user: Option<&CurrentUser>,
) -> Result<ReportRoom, AppError> {
    let email = match user {
        Some(user) => users::email_of(state.db.pool(), &user.id)
            .await
            .map_err(internal("load the reporter's e-mail"))?,
        None => String::new(),
    };
    Ok(ReportRoom {
        token: token.to_owned(),
        room: String::new(),
        floor: String::new(),
        building: String::new(),
        unit: String::new(),
        client_id: uuid::Uuid::new_v4().to_string(),
        reporter_name: user.map(|u| u.display_name.clone()).unwrap_or_default(),
        reporter_email: email,
        reporter_user_id: user.map(|u| u.id.clone()).unwrap_or_default(),
    })
}

async fn retired(state: &AppState, token: &str) -> Result<RoomLookup, AppError> {
    let pool = state.db.pool();
    let (unit_id, unit) = reports::unit_of_retired_token(pool, token)
        .await
        .map_err(internal("look up a retired code"))?
        .ok_or(AppError::NotFound)?;
    // The nearest unit up the tree that has a leader: a department often
    // has none of its own.
    let chain = units::chain(pool, &unit_id)
        .await
        .map_err(internal("load the unit's ancestry"))?;
    let mut contacts = Vec::new();
    for id in &chain {
        contacts = reports::leader_names(pool, id)
            .await
            .map_err(internal("load the unit's leaders"))?;
        if !contacts.is_empty() {
            break;
        }
    }
    Ok(RoomLookup::Retired { unit, contacts })
}

/// The case behind a status link; `NotFound` for any other token.
#[tracing::instrument(name = "report_status", skip_all)]
pub async fn status(state: &AppState, status_token: &str) -> Result<ReportStatus, AppError> {
    let pool = state.db.pool();
    let case = reports::case_by_status_key(pool, &key_of(status_token))
        .await
        .map_err(internal("look up a status link"))?
        .ok_or(AppError::NotFound)?;
    let comments = reports::visible_comments(pool, &case.id)
        .await
        .map_err(internal("load the visible comments"))?
        .into_iter()
        .map(|(at, body)| VisibleComment {
            at: oslo_text(at),
            body,
        })
        .collect();
    let place = [case.room.as_str(), case.building.as_str()]
        .into_iter()
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join(", ");
    Ok(ReportStatus {
        receipt_no: case.receipt_no,
        status: CaseState::from_db(&case.status).unwrap_or(CaseState::Open),
        place,
        unit: case.unit,
        reported_at: oslo_text(case.created_at),
        category: ReportCategory::parse(&case.category),
        comments,
    })
}
