//! A leader's new risk rating of a case: by those who follow up its unit,
//! while the case is still being handled, with the first rating kept and a
//! history entry for the change.

use app::avvik::rating::Rating;
use app::domain::users::CurrentUser;
use app::error::{AppError, InvalidInput};
use serde_json::json;

use super::avvik_case::readable_case;
use crate::db::history::{self, Change};
use crate::db::{avvik_rating, now_ms};
use crate::errors::internal;
use crate::state::AppState;

/// Rates case `id` again with `rating`.
#[tracing::instrument(skip(state, user), fields(user = %user.id))]
pub async fn rerate_case(
    state: &AppState,
    user: &CurrentUser,
    id: &str,
    rating: Rating,
) -> Result<(), AppError> {
    let access = readable_case(state, user, id).await?;
    if !access.follows_up {
        return Err(AppError::Forbidden);
    }
    let case = access.head;
    let now = now_ms();
    let entry = Change {
        entity_kind: "avvik",
        entity_id: &case.id,
        unit_id: Some(&case.unit_id),
        action: "rerated",
        actor_user_id: Some(&user.id),
        data: json!({
            "probability": rating.probability,
            "consequence": rating.consequence,
            "score": rating.score(),
        }),
    };
    let save = async {
        let mut tx = state.db.begin_change().await?;
        // The state is checked in the write itself: a case closed by someone
        // else a moment ago keeps the rating it was closed with.
        let rated = avvik_rating::rerate(&mut tx, &case.id, rating, now).await?;
        if rated {
            history::append(&mut tx, &entry, now).await?;
            tx.commit().await?;
        }
        Ok::<_, sqlx::Error>(rated)
    };
    match save.await.map_err(internal("rate a case again"))? {
        true => Ok(()),
        false => Err(AppError::Invalid(InvalidInput::RiskClosed)),
    }
}
