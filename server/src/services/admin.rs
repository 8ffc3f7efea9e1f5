//! User administration: list, create, grant and revoke roles.

use app::admin::{AdminOverview, NewUser};
use app::domain::access::Action;
use app::domain::roles::Role;
use app::domain::users::{CurrentUser, UserSummary, rules};
use app::error::{AppError, InvalidInput};
use serde_json::json;
use sqlx::Acquire;

use super::scope::units_in_scope;
use crate::auth::{access, password};
use crate::db::history::{self, Change};
use crate::db::{Db, grants, new_id, now_ms, units, users};
use crate::errors::internal;
use crate::state::AppState;

/// Users and units the admin manages. Users without any role are listed too,
/// so a new user can be given their first role.
#[tracing::instrument(skip_all, fields(actor = %actor.id))]
pub async fn overview(state: &AppState, actor: &CurrentUser) -> Result<AdminOverview, AppError> {
    let unit_rows = units::all(state.db.pool())
        .await
        .map_err(internal("load units"))?;
    overview_of(state, actor, &unit_rows).await
}

/// [`overview`] over unit rows the caller has already loaded.
pub async fn overview_of(
    state: &AppState,
    actor: &CurrentUser,
    unit_rows: &[units::UnitRow],
) -> Result<AdminOverview, AppError> {
    let pool = state.db.pool();
    let scope = units_in_scope(unit_rows, actor, Action::ManageUsers);
    if scope.is_empty() {
        return Err(AppError::Forbidden);
    }
    let all_grants = grants::all_active(pool)
        .await
        .map_err(internal("load grants"))?;
    let user_rows = users::all(pool).await.map_err(internal("load users"))?;
    let in_scope = |unit_id: &str| scope.iter().any(|unit| unit.id == unit_id);
    let users = user_rows
        .into_iter()
        .filter_map(|user| {
            let held: Vec<_> = all_grants.iter().filter(|g| g.user_id == user.id).collect();
            let visible: Vec<_> = held.iter().filter(|g| in_scope(&g.unit_id)).collect();
            (held.is_empty() || !visible.is_empty()).then(|| UserSummary {
                grants: visible.iter().filter_map(|g| g.view()).collect(),
                id: user.id,
                username: user.username,
                display_name: user.display_name,
            })
        })
        .collect();
    Ok(AdminOverview {
        users,
        units: scope,
    })
}

/// Creates a user; the actor must manage users somewhere.
#[tracing::instrument(skip_all, fields(actor = %actor.id, username = %new_user.username))]
pub async fn create_user(
    state: &AppState,
    actor: &CurrentUser,
    new_user: NewUser,
) -> Result<String, AppError> {
    overview_scope_required(state, actor).await?;
    insert_user(&state.db, Some(&actor.id), &new_user).await
}

/// Validates and stores a new user with a hashed password and a history
/// entry; no access check (the caller has done it, or is the command line).
pub async fn insert_user(
    db: &Db,
    actor_id: Option<&str>,
    new_user: &NewUser,
) -> Result<String, AppError> {
    validate(new_user)?;
    let pool = db.pool();
    if users::username_taken(pool, &new_user.username)
        .await
        .map_err(internal("check username"))?
    {
        return Err(AppError::Invalid(InvalidInput::UsernameTaken));
    }
    let secret = new_user.password.clone();
    let hash = tokio::task::spawn_blocking(move || password::hash(&secret))
        .await
        .map_err(internal("hash password"))?
        .map_err(internal("hash password"))?;
    let id = new_id();
    let now = now_ms();
    let mut conn = pool
        .acquire()
        .await
        .map_err(internal("acquire connection"))?;
    let mut tx = conn.begin().await.map_err(internal("begin"))?;
    users::insert(
        &mut *tx,
        &id,
        &new_user.username,
        &new_user.display_name,
        &hash,
        now,
    )
    .await
    .map_err(|_| AppError::Invalid(InvalidInput::UsernameTaken))?;
    let change = Change {
        entity_kind: "user",
        entity_id: &id,
        unit_id: None,
        action: "created",
        actor_user_id: actor_id,
        data: json!({ "username": new_user.username, "display_name": new_user.display_name }),
    };
    history::append(&mut tx, &change, now)
        .await
        .map_err(internal("record history"))?;
    tx.commit().await.map_err(internal("commit"))?;
    Ok(id)
}

/// Grants `role` in `unit_id`; the actor must manage users in that unit.
#[tracing::instrument(skip_all, fields(actor = %actor.id, user_id, role = role.as_str(), unit_id))]
pub async fn grant_role(
    state: &AppState,
    actor: &CurrentUser,
    user_id: &str,
    role: Role,
    unit_id: &str,
) -> Result<(), AppError> {
    access::require(&state.db, actor, Action::ManageUsers, unit_id)
        .await
        .map_err(|error| match error {
            AppError::NotFound => AppError::Invalid(InvalidInput::Unit),
            other => other,
        })?;
    insert_grant(&state.db, Some(&actor.id), user_id, role, unit_id)
        .await
        .map(|_| ())
}

/// Stores a grant with a history entry after checking the user exists and
/// does not hold it already; no access check. Returns the grant id.
pub async fn insert_grant(
    db: &Db,
    actor_id: Option<&str>,
    user_id: &str,
    role: Role,
    unit_id: &str,
) -> Result<String, AppError> {
    let pool = db.pool();
    if users::by_id(pool, user_id)
        .await
        .map_err(internal("load user"))?
        .is_none()
    {
        return Err(AppError::Invalid(InvalidInput::User));
    }
    if grants::exists(pool, user_id, unit_id, role)
        .await
        .map_err(internal("check grant"))?
    {
        return Err(AppError::Invalid(InvalidInput::GrantExists));
    }
    let id = new_id();
    let now = now_ms();
    let mut conn = pool
        .acquire()
        .await
        .map_err(internal("acquire connection"))?;
    let mut tx = conn.begin().await.map_err(internal("begin"))?;
    grants::insert(&mut *tx, &id, user_id, unit_id, role, actor_id, now)
        .await
        .map_err(|_| AppError::Invalid(InvalidInput::Unit))?;
    let change = Change {
        entity_kind: "role_grant",
        entity_id: &id,
        unit_id: Some(unit_id),
        action: "granted",
        actor_user_id: actor_id,
        data: json!({ "user_id": user_id, "role": role.as_str() }),
    };
    history::append(&mut tx, &change, now)
        .await
        .map_err(internal("record history"))?;
    tx.commit().await.map_err(internal("commit"))?;
    Ok(id)
}

/// Revokes a grant; the actor must manage users in the grant's unit.
#[tracing::instrument(skip_all, fields(actor = %actor.id, grant_id))]
pub async fn revoke_role(
    state: &AppState,
    actor: &CurrentUser,
    grant_id: &str,
) -> Result<(), AppError> {
    let pool = state.db.pool();
    let grant = grants::active_by_id(pool, grant_id)
        .await
        .map_err(internal("load grant"))?
        .ok_or(AppError::NotFound)?;
    access::require(&state.db, actor, Action::ManageUsers, &grant.unit_id).await?;
    let now = now_ms();
    let mut conn = pool
        .acquire()
        .await
        .map_err(internal("acquire connection"))?;
    let mut tx = conn.begin().await.map_err(internal("begin"))?;
    grants::revoke(&mut *tx, grant_id, &actor.id, now)
        .await
        .map_err(internal("revoke grant"))?;
    let change = Change {
        entity_kind: "role_grant",
        entity_id: grant_id,
        unit_id: Some(&grant.unit_id),
        action: "revoked",
        actor_user_id: Some(&actor.id),
        data: json!({ "user_id": grant.user_id, "role": grant.role }),
    };
    history::append(&mut tx, &change, now)
        .await
        .map_err(internal("record history"))?;
    tx.commit().await.map_err(internal("commit"))?;
    Ok(())
}

async fn overview_scope_required(state: &AppState, actor: &CurrentUser) -> Result<(), AppError> {
    let rows = units::all(state.db.pool())
        .await
        .map_err(internal("load units"))?;
    if units_in_scope(&rows, actor, Action::ManageUsers).is_empty() {
        return Err(AppError::Forbidden);
    }
    Ok(())
}

fn validate(new_user: &NewUser) -> Result<(), AppError> {
    if !rules::is_valid_username(&new_user.username) {
        return Err(AppError::Invalid(InvalidInput::Username));
    }
    if new_user.display_name.trim().is_empty() || new_user.display_name.chars().count() > 200 {
        return Err(AppError::Invalid(InvalidInput::DisplayName));
    }
    if new_user.password.chars().count() < rules::MIN_PASSWORD_LEN {
        return Err(AppError::Invalid(InvalidInput::PasswordTooShort));
    }
    Ok(())
}
