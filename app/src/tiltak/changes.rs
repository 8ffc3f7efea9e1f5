//! The server functions that plan and follow up measures: add one to a
//! case, change it, move its status (see [`super::rules`]).

use leptos::prelude::*;

use super::rules::TiltakState;
use crate::error::AppError;

/// Adds a measure to case `case_id`; returns the new measure's id.
#[server(prefix = "/api/fn", endpoint = "add_tiltak")]
pub async fn add_tiltak(
    case_id: String,
    description: String,
    #[server(default)] responsible: String,
    #[server(default)] due: String,
    #[server(default)] cost: String,
) -> Result<String, AppError> {
    use crate::backend::{backend, require_user, with_status};
    let draft = super::rules::TiltakDraft {
        description,
        responsible,
        due,
        cost,
    };
    with_status(
        async {
            let user = require_user()?;
            backend()?.add_tiltak(&user, &case_id, draft).await
        }
        .await,
    )
}

/// Changes what measure `id` is: its text, responsible, deadline and cost.
#[server(prefix = "/api/fn", endpoint = "edit_tiltak")]
pub async fn edit_tiltak(
    id: String,
    description: String,
    #[server(default)] responsible: String,
    #[server(default)] due: String,
    #[server(default)] cost: String,
) -> Result<(), AppError> {
    use crate::backend::{backend, require_user, with_status};
    let draft = super::rules::TiltakDraft {
        description,
        responsible,
        due,
        cost,
    };
    with_status(
        async {
            let user = require_user()?;
            backend()?.edit_tiltak(&user, &id, draft).await
        }
        .await,
    )
}

/// Moves measure `id` to `to`; `reason` says why it is not carried out.
#[server(prefix = "/api/fn", endpoint = "move_tiltak")]
pub async fn move_tiltak(
    id: String,
    to: TiltakState,
    #[server(default)] reason: String,
) -> Result<(), AppError> {
    use crate::backend::{backend, require_user, with_status};
    with_status(
        async {
            let user = require_user()?;
            backend()?.move_tiltak(&user, &id, to, &reason).await
        }
        .await,
    )
}

/// The open measures of `unit` and the units below it (empty: every unit
/// the person reads), overdue first.
#[server(prefix = "/api/fn", endpoint = "tiltaksplan")]
pub async fn load_tiltaksplan(
    #[server(default)] unit: String,
) -> Result<super::model::Tiltaksplan, AppError> {
    use crate::backend::{backend, require_user, with_status};
    let unit = Some(unit).filter(|unit| !unit.is_empty());
    with_status(
        async {
            let user = require_user()?;
            backend()?.tiltaksplan(&user, unit).await
        }
        .await,
    )
}
