//! Queries on `org_units`.

use app::domain::units::UnitKind;
use sqlx::{Any, AnyPool, Executor, FromRow};

/// A unit row.
#[derive(Clone, Debug, FromRow)]
pub struct UnitRow {
    /// Unit id.
    pub id: String,
    /// Parent unit id.
    pub parent_id: Option<String>,
    /// `kommune`, `sektor`, `enhet` or `avdeling`.
    pub kind: String,
    /// Name.
    pub name: String,
}

impl UnitRow {
    /// The kind as the domain type (`Avdeling` for an unknown value, the most limited level).
    pub fn unit_kind(&self) -> UnitKind {
        UnitKind::parse(&self.kind).unwrap_or(UnitKind::Avdeling)
    }
}

/// Inserts a unit.
pub async fn insert<'e>(
    ex: impl Executor<'e, Database = Any>,
    id: &str,
    parent_id: Option<&str>,
    kind: UnitKind,
    name: &str,
    now: i64,
) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO org_units (id, parent_id, kind, name, created_at) VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(id)
    .bind(parent_id)
    .bind(kind.as_str())
    .bind(name)
    .bind(now)
    .execute(ex)
    .await?;
    Ok(())
}

/// Every active unit, by name.
pub async fn all(pool: &AnyPool) -> sqlx::Result<Vec<UnitRow>> {
    sqlx::query_as(
        "SELECT id, parent_id, kind, name FROM org_units WHERE archived_at IS NULL ORDER BY name",
    )
    .fetch_all(pool)
    .await
}

/// One active unit by id.
pub async fn by_id(pool: &AnyPool, id: &str) -> sqlx::Result<Option<UnitRow>> {
    sqlx::query_as(
        "SELECT id, parent_id, kind, name FROM org_units WHERE id = $1 AND archived_at IS NULL",
    )
    .bind(id)
    .fetch_optional(pool)
    .await
}

/// Active units whose id or exact name is `key` (for the command line).
pub async fn by_id_or_name(pool: &AnyPool, key: &str) -> sqlx::Result<Vec<UnitRow>> {
    sqlx::query_as(
        "SELECT id, parent_id, kind, name FROM org_units
         WHERE (id = $1 OR name = $1) AND archived_at IS NULL",
    )
    .bind(key)
    .fetch_all(pool)
    .await
}

/// The unit and its ancestors, the unit first; empty if it does not exist.
/// Read from the pool, or in a transaction (a push reads what it decides on
/// through its own connection).
pub async fn chain<'e, E>(executor: E, unit_id: &str) -> sqlx::Result<Vec<String>>
where
    E: sqlx::Executor<'e, Database = sqlx::Any>,
{
    let rows: Vec<(String,)> = sqlx::query_as(
        "WITH RECURSIVE chain (id, parent_id, depth) AS (
             SELECT id, parent_id, 0 FROM org_units WHERE id = $1 AND archived_at IS NULL
             UNION ALL
             SELECT u.id, u.parent_id, c.depth + 1
             FROM org_units u JOIN chain c ON u.id = c.parent_id
             WHERE c.depth < 32
         )
         SELECT id FROM chain ORDER BY depth",
    )
    .bind(unit_id)
    .fetch_all(executor)
    .await?;
    Ok(rows.into_iter().map(|(id,)| id).collect())
}
