//! What the organisation page lists (areas with their verneombud, buildings
//! with their rooms counted, the people who may cover an area) and the
//! area's verneombud.

use app::places::structure::{AreaView, BuildingView};
use sqlx::{AnyConnection, AnyPool, FromRow};

#[derive(FromRow)]
struct AreaLine {
    id: String,
    unit_id: String,
    name: String,
    verneombud_id: Option<String>,
    verneombud_name: Option<String>,
}

/// Every active verneområde with its verneombud's name, by name.
pub async fn areas(pool: &AnyPool) -> sqlx::Result<Vec<AreaView>> {
    let rows: Vec<AreaLine> = sqlx::query_as(
        "SELECT a.id, a.unit_id, a.name, a.verneombud_id, u.display_name AS verneombud_name
         FROM verneomrader a LEFT JOIN users u ON u.id = a.verneombud_id
         WHERE a.archived_at IS NULL ORDER BY a.name",
    )
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|row| AreaView {
            id: row.id,
            unit_id: row.unit_id,
            name: row.name,
            verneombud_id: row.verneombud_id,
            verneombud_name: row.verneombud_name,
        })
        .collect())
}

#[derive(FromRow)]
struct BuildingLine {
    id: String,
    unit_id: String,
    name: String,
    address: String,
    room_count: i64,
}

/// Every active building with its number of active rooms, by name.
pub async fn buildings(pool: &AnyPool) -> sqlx::Result<Vec<BuildingView>> {
    let rows: Vec<BuildingLine> = sqlx::query_as(
        "SELECT b.id, b.unit_id, b.name, b.address,
                (SELECT COUNT(*) FROM rooms r WHERE r.building_id = b.id AND r.archived_at IS NULL)
                    AS room_count
         FROM buildings b WHERE b.archived_at IS NULL ORDER BY b.name",
    )
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|row| BuildingView {
            id: row.id,
            unit_id: row.unit_id,
            name: row.name,
            address: row.address,
            room_count: row.room_count,
        })
        .collect())
}

/// A person holding an active verneombud or hovedverneombud role.
#[derive(Clone, Debug, FromRow)]
pub struct VerneombudGrant {
    /// User id.
    pub user_id: String,
    /// Their name.
    pub name: String,
    /// The unit of the role.
    pub unit_id: String,
}

/// Active users with an active verneombud or hovedverneombud role, by name.
pub async fn verneombud_grants(pool: &AnyPool) -> sqlx::Result<Vec<VerneombudGrant>> {
    sqlx::query_as(
        "SELECT u.id AS user_id, u.display_name AS name, g.unit_id
         FROM role_grants g JOIN users u ON u.id = g.user_id
         WHERE g.revoked_at IS NULL AND u.disabled_at IS NULL
           AND g.role IN ('verneombud', 'hovedverneombud')
         ORDER BY u.display_name, u.id",
    )
    .fetch_all(pool)
    .await
}

/// Sets (or clears) the verneombud who covers an area.
pub async fn set_verneombud(
    conn: &mut AnyConnection,
    area_id: &str,
    user_id: Option<&str>,
) -> sqlx::Result<()> {
    sqlx::query("UPDATE verneomrader SET verneombud_id = $1 WHERE id = $2")
        .bind(user_id)
        .bind(area_id)
        .execute(conn)
        .await?;
    Ok(())
}

/// The unit of a room's verneområde, if the room has one.
pub async fn room_area_unit(pool: &AnyPool, room_id: &str) -> sqlx::Result<Option<String>> {
    let row: Option<(Option<String>,)> = sqlx::query_as(
        "SELECT a.unit_id FROM rooms r LEFT JOIN verneomrader a ON a.id = r.verneomrade_id
         WHERE r.id = $1",
    )
    .bind(room_id)
    .fetch_optional(pool)
    .await?;
    Ok(row.and_then(|(unit,)| unit))
}
