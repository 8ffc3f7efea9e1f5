//! Making someone responsible for a case: only by those who follow up its
//! unit, only a person with a role in the case's unit or a unit above it,
//! and always with a history entry.

use app::domain::users::CurrentUser;
use app::error::{AppError, InvalidInput};
use app::notifications::model::NoticeKind;
use app::places::structure::PersonOption;
use serde_json::json;

use super::avvik_case::readable_case;
use super::notifications::notify;
use crate::db::avvik_case;
use crate::db::history::{self, Change};
use crate::db::{now_ms, units};
use crate::errors::internal;
use crate::state::AppState;

/// The people a case in `unit_id` may be assigned to.
pub async fn assignable(state: &AppState, unit_id: &str) -> Result<Vec<PersonOption>, AppError> {
    let pool = state.db.pool();
    let chain = units::chain(pool, unit_id)
        .await
        .map_err(internal("load unit ancestry"))?;
    let people = avvik_case::people_in_units(pool, &chain)
        .await
        .map_err(internal("load the unit's people"))?;
    Ok(people
        .into_iter()
        .map(|(id, name)| PersonOption { id, name })
        .collect())
}

/// Makes `person` responsible for case `id` (`None` or empty: nobody).
#[tracing::instrument(skip(state, user), fields(user = %user.id))]
pub async fn assign_case(
    state: &AppState,
    user: &CurrentUser,
    id: &str,
    person: Option<String>,
) -> Result<(), AppError> {
    let access = readable_case(state, user, id).await?;
    let case = access.head;
    if !access.follows_up {
        return Err(AppError::Forbidden);
    }
    let person = person.filter(|person| !person.is_empty());
    let name = match &person {
        Some(person) => {
            let people = assignable(state, &case.unit_id).await?;
            let chosen = people.into_iter().find(|option| &option.id == person);
            Some(
                chosen
                    .ok_or(AppError::Invalid(InvalidInput::CaseResponsible))?
                    .name,
            )
        }
        None => None,
    };
    let now = now_ms();
    let entry = Change {
        entity_kind: "avvik",
        entity_id: &case.id,
        unit_id: Some(&case.unit_id),
        action: "assigned",
        actor_user_id: Some(&user.id),
        data: json!({ "user_id": person, "name": name }),
    };
    let save = async {
        let mut tx = state.db.begin_change().await?;
        avvik_case::assign(&mut tx, &case.id, person.as_deref(), now).await?;
        history::append(&mut tx, &entry, now).await?;
        if let Some(person) = &person {
            let told = (&case.id[..], None);
            let people = [person.clone()];
            notify(
                &mut tx,
                NoticeKind::Assigned,
                told,
                &people,
                Some(&user.id),
                None,
            )
            .await?;
        }
        tx.commit().await
    };
    save.await.map_err(internal("assign a case"))
}
