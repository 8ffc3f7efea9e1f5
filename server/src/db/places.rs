//! Queries on verneområder, buildings and rooms.

use sqlx::{Any, AnyPool, Executor, FromRow};

/// Inserts a verneområde.
pub async fn insert_area<'e>(
    ex: impl Executor<'e, Database = Any>,
    id: &str,
    unit_id: &str,
    name: &str,
    now: i64,
) -> sqlx::Result<()> {
    sqlx::query("INSERT INTO verneomrader (id, unit_id, name, created_at) VALUES ($1, $2, $3, $4)")
        .bind(id)
        .bind(unit_id)
        .bind(name)
        .bind(now)
        .execute(ex)
        .await?;
    Ok(())
}

/// Inserts a building.
pub async fn insert_building<'e>(
    ex: impl Executor<'e, Database = Any>,
    id: &str,
    unit_id: &str,
    name: &str,
    address: &str,
    now: i64,
) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO buildings (id, unit_id, name, address, created_at) VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(id)
    .bind(unit_id)
    .bind(name)
    .bind(address)
    .bind(now)
    .execute(ex)
    .await?;
    Ok(())
}

/// A room to insert.
#[derive(Clone, Debug)]
pub struct NewRoom<'a> {
    /// Room id.
    pub id: &'a str,
    /// Building.
    pub building_id: &'a str,
    /// Unit that uses the room.
    pub unit_id: &'a str,
    /// Verneområde the room belongs to.
    pub area_id: Option<&'a str>,
    /// Name or number on the door.
    pub name: &'a str,
    /// Floor.
    pub floor: &'a str,
    /// Random token printed in the room's QR code.
    pub qr_token: &'a str,
}

/// Inserts a room.
pub async fn insert_room<'e>(
    ex: impl Executor<'e, Database = Any>,
    room: &NewRoom<'_>,
    now: i64,
) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO rooms (id, building_id, unit_id, verneomrade_id, name, floor, qr_token, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(room.id)
    .bind(room.building_id)
    .bind(room.unit_id)
    .bind(room.area_id)
    .bind(room.name)
    .bind(room.floor)
    .bind(room.qr_token)
    .bind(now)
    .execute(ex)
    .await?;
    Ok(())
}

/// A room as the API shows it.
#[derive(Clone, Debug, FromRow, serde::Serialize)]
pub struct RoomRow {
    /// Room id.
    pub id: String,
    /// Name.
    pub name: String,
    /// Floor.
    pub floor: String,
    /// Building name.
    pub building: String,
    /// Verneområde id.
    pub verneomrade_id: Option<String>,
}

/// Active rooms used by one unit.
pub async fn rooms_of_unit(pool: &AnyPool, unit_id: &str) -> sqlx::Result<Vec<RoomRow>> {
    sqlx::query_as(
        "SELECT r.id, r.name, r.floor, b.name AS building, r.verneomrade_id
         FROM rooms r JOIN buildings b ON b.id = r.building_id
         WHERE r.unit_id = $1 AND r.archived_at IS NULL ORDER BY b.name, r.name",
    )
    .bind(unit_id)
    .fetch_all(pool)
    .await
}

/// A verneområde with its unit's name and its number of rooms.
#[derive(Clone, Debug, FromRow)]
pub struct AreaRow {
    /// Area id.
    pub id: String,
    /// Area name.
    pub name: String,
    /// The area's unit.
    pub unit_id: String,
    /// The unit's name.
    pub unit_name: String,
    /// Active rooms in the area.
    pub room_count: i64,
}

/// Every active verneområde with room counts.
pub async fn all_areas(pool: &AnyPool) -> sqlx::Result<Vec<AreaRow>> {
    sqlx::query_as(
        "SELECT a.id, a.name, a.unit_id, u.name AS unit_name,
                (SELECT COUNT(*) FROM rooms r WHERE r.verneomrade_id = a.id AND r.archived_at IS NULL)
                    AS room_count
         FROM verneomrader a JOIN org_units u ON u.id = a.unit_id
         WHERE a.archived_at IS NULL ORDER BY u.name, a.name",
    )
    .fetch_all(pool)
    .await
}

/// A room with the names shown about it (on its poster and its report page).
#[derive(Clone, Debug, FromRow)]
pub struct NamedRoom {
    /// Room id.
    pub id: String,
    /// Name or number on the door.
    pub name: String,
    /// Floor.
    pub floor: String,
    /// Building name.
    pub building: String,
    /// The building's id.
    pub building_id: String,
    /// The unit that uses the room.
    pub unit_id: String,
    /// The unit's name.
    pub unit_name: String,
    /// The room's current QR token.
    pub qr_token: String,
}

const NAMED_COLUMNS: &str = "r.id, r.name, r.floor, b.name AS building, r.building_id, r.unit_id,
        u.name AS unit_name, r.qr_token
     FROM rooms r JOIN buildings b ON b.id = r.building_id JOIN org_units u ON u.id = r.unit_id";

/// One active room with its poster's names.
pub async fn poster_room(pool: &AnyPool, room_id: &str) -> sqlx::Result<Option<NamedRoom>> {
    sqlx::query_as(&format!(
        "SELECT {NAMED_COLUMNS} WHERE r.id = $1 AND r.archived_at IS NULL"
    ))
    .bind(room_id)
    .fetch_optional(pool)
    .await
}

/// The active room whose current QR code is `token`.
pub async fn room_by_token(pool: &AnyPool, token: &str) -> sqlx::Result<Option<NamedRoom>> {
    sqlx::query_as(&format!(
        "SELECT {NAMED_COLUMNS}
         WHERE r.qr_token = $1 AND r.archived_at IS NULL AND r.qr_revoked_at IS NULL"
    ))
    .bind(token)
    .fetch_optional(pool)
    .await
}

/// Every active room, by unit, building and name.
pub async fn all_poster_rooms(pool: &AnyPool) -> sqlx::Result<Vec<NamedRoom>> {
    sqlx::query_as(&format!(
        "SELECT {NAMED_COLUMNS} WHERE r.archived_at IS NULL ORDER BY u.name, b.name, r.name"
    ))
    .fetch_all(pool)
    .await
}

/// Gives a room a new QR token and keeps the old one as retired.
pub async fn replace_qr_token(
    conn: &mut sqlx::AnyConnection,
    room_id: &str,
    (old_token, new_token): (&str, &str),
    now: i64,
) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO retired_qr_tokens (qr_token, room_id, retired_at) VALUES ($1, $2, $3)",
    )
    .bind(old_token)
    .bind(room_id)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    sqlx::query("UPDATE rooms SET qr_token = $1 WHERE id = $2 AND qr_token = $3")
        .bind(new_token)
        .bind(room_id)
        .bind(old_token)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// Buildings owned by any of `unit_ids` (active), as (id, name, owner unit).
pub async fn buildings_of_units(
    pool: &AnyPool,
    unit_ids: &[String],
) -> sqlx::Result<Vec<(String, String, String)>> {
    if unit_ids.is_empty() {
        return Ok(Vec::new());
    }
    let placeholders: Vec<String> = (1..=unit_ids.len()).map(|n| format!("${n}")).collect();
    let sql = format!(
        "SELECT id, name, unit_id FROM buildings
         WHERE archived_at IS NULL AND unit_id IN ({})",
        placeholders.join(", ")
    );
    let mut query = sqlx::query_as(&sql);
    for id in unit_ids {
        query = query.bind(id);
    }
    query.fetch_all(pool).await
}

/// The names of the active rooms in a building.
pub async fn room_names_in_building(
    pool: &AnyPool,
    building_id: &str,
) -> sqlx::Result<Vec<String>> {
    let rows: Vec<(String,)> =
        sqlx::query_as("SELECT name FROM rooms WHERE building_id = $1 AND archived_at IS NULL")
            .bind(building_id)
            .fetch_all(pool)
            .await?;
    Ok(rows.into_iter().map(|(name,)| name).collect())
}
