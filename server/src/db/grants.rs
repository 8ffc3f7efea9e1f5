//! Queries on `role_grants`.

use app::domain::roles::Role;
use app::domain::users::GrantView;
use sqlx::{Any, AnyPool, Executor, FromRow};

/// An active grant with its unit's name.
#[derive(Clone, Debug, FromRow)]
pub struct GrantRow {
    /// Grant id.
    pub id: String,
    /// The user holding it.
    pub user_id: String,
    /// The unit.
    pub unit_id: String,
    /// The unit's name.
    pub unit_name: String,
    /// Role identifier.
    pub role: String,
}

impl GrantRow {
    /// As the UI sees it; `None` for a role identifier this version does not know.
    pub fn view(&self) -> Option<GrantView> {
        Some(GrantView {
            id: self.id.clone(),
            role: Role::parse(&self.role)?,
            unit_id: self.unit_id.clone(),
            unit_name: self.unit_name.clone(),
        })
    }
}

const SELECT_ACTIVE: &str = "SELECT g.id, g.user_id, g.unit_id, u.name AS unit_name, g.role
     FROM role_grants g JOIN org_units u ON u.id = g.unit_id
     WHERE g.revoked_at IS NULL";

/// Inserts a grant.
pub async fn insert<'e>(
    ex: impl Executor<'e, Database = Any>,
    id: &str,
    user_id: &str,
    unit_id: &str,
    role: Role,
    granted_by: Option<&str>,
    now: i64,
) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO role_grants (id, user_id, unit_id, role, granted_by, granted_at)
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(id)
    .bind(user_id)
    .bind(unit_id)
    .bind(role.as_str())
    .bind(granted_by)
    .bind(now)
    .execute(ex)
    .await?;
    Ok(())
}

/// Active grants of one user.
pub async fn for_user(pool: &AnyPool, user_id: &str) -> sqlx::Result<Vec<GrantRow>> {
    sqlx::query_as(&format!(
        "{SELECT_ACTIVE} AND g.user_id = $1 ORDER BY u.name, g.role"
    ))
    .bind(user_id)
    .fetch_all(pool)
    .await
}

/// Every active grant.
pub async fn all_active(pool: &AnyPool) -> sqlx::Result<Vec<GrantRow>> {
    sqlx::query_as(&format!("{SELECT_ACTIVE} ORDER BY u.name, g.role"))
        .fetch_all(pool)
        .await
}

/// One active grant by id.
pub async fn active_by_id(pool: &AnyPool, id: &str) -> sqlx::Result<Option<GrantRow>> {
    sqlx::query_as(&format!("{SELECT_ACTIVE} AND g.id = $1"))
        .bind(id)
        .fetch_optional(pool)
        .await
}

/// Whether the user already holds the role in the unit.
pub async fn exists(
    pool: &AnyPool,
    user_id: &str,
    unit_id: &str,
    role: Role,
) -> sqlx::Result<bool> {
    let row: Option<(String,)> = sqlx::query_as(
        "SELECT id FROM role_grants
         WHERE user_id = $1 AND unit_id = $2 AND role = $3 AND revoked_at IS NULL",
    )
    .bind(user_id)
    .bind(unit_id)
    .bind(role.as_str())
    .fetch_optional(pool)
    .await?;
    Ok(row.is_some())
}

/// Marks a grant revoked (kept for the history).
pub async fn revoke<'e>(
    ex: impl Executor<'e, Database = Any>,
    id: &str,
    revoked_by: &str,
    now: i64,
) -> sqlx::Result<()> {
    sqlx::query(
        "UPDATE role_grants SET revoked_at = $1, revoked_by = $2 WHERE id = $3 AND revoked_at IS NULL",
    )
    .bind(now)
    .bind(revoked_by)
    .bind(id)
    .execute(ex)
    .await?;
    Ok(())
}
