//! Server functions behind the report, status and poster pages.

use leptos::prelude::*;

use super::{Poster, ReportStatus, RoomLookup};
use crate::error::AppError;
use crate::places::structure::PlaceKind;

/// What a room's QR code leads to (anyone may ask). A replaced code answers
/// 410 Gone with whom to contact; an unknown one 404.
#[server(prefix = "/api/fn", endpoint = "report_room")]
pub async fn load_report_room(token: String) -> Result<RoomLookup, AppError> {
    use crate::backend::{authenticated, backend, with_status};
    let user = authenticated().map(|auth| auth.user);
    let lookup = with_status(backend()?.report_room(&token, user.as_ref()).await)?;
    if matches!(lookup, RoomLookup::Retired { .. }) {
        with_status::<()>(Err(AppError::Retired)).ok();
    }
    Ok(lookup)
}

/// The case behind a private status link (the link is the only key).
#[server(prefix = "/api/fn", endpoint = "report_status")]
pub async fn load_report_status(token: String) -> Result<ReportStatus, AppError> {
    use crate::backend::{backend, with_status};
    with_status(backend()?.report_status(&token).await)
}

/// The labels of a unit's rooms (and of the units below it), or of a
/// building's rooms (`kind` is `unit` or `building`).
#[server(prefix = "/api/fn", endpoint = "label_sheet")]
pub async fn load_label_sheet(kind: PlaceKind, id: String) -> Result<Vec<Poster>, AppError> {
    use crate::backend::{backend, require_user, with_status};
    with_status(
        async {
            let user = require_user()?;
            backend()?.label_sheet(&user, kind, &id).await
        }
        .await,
    )
}

/// One room's poster.
#[server(prefix = "/api/fn", endpoint = "room_poster")]
pub async fn load_room_poster(room_id: String) -> Result<Poster, AppError> {
    use crate::backend::{backend, require_user, with_status};
    with_status(
        async {
            let user = require_user()?;
            backend()?.room_poster(&user, &room_id).await
        }
        .await,
    )
}

/// Gives a room a new QR code.
#[server(prefix = "/api/fn", endpoint = "regenerate_room_code")]
pub async fn regenerate_room_code(room_id: String) -> Result<(), AppError> {
    use crate::backend::{backend, require_user, with_status};
    with_status(
        async {
            let user = require_user()?;
            backend()?.regenerate_room_code(&user, &room_id).await
        }
        .await,
    )
}
