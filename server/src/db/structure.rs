//! Changes to the organisation's places (units, verneområder, buildings,
//! rooms), written once for all four: each kind names its table, the column
//! that decides who manages it, and the column it hangs under.

use app::places::structure::PlaceKind;
use sqlx::{AnyConnection, AnyPool, FromRow};

/// Where a kind of place is stored. Every part is a constant, so the SQL
/// built from it never holds input.
struct Storage {
    table: &'static str,
    /// The unit whose admins manage the place (a unit manages itself).
    owner: &'static str,
    /// What it hangs under: the parent unit, the unit, or the building.
    parent: &'static str,
}

fn storage(kind: PlaceKind) -> Storage {
    match kind {
        PlaceKind::Unit => Storage {
            table: "org_units",
            owner: "id",
            parent: "parent_id",
        },
        PlaceKind::Area => Storage {
            table: "verneomrader",
            owner: "unit_id",
            parent: "unit_id",
        },
        PlaceKind::Building => Storage {
            table: "buildings",
            owner: "unit_id",
            parent: "unit_id",
        },
        PlaceKind::Room => Storage {
            table: "rooms",
            owner: "unit_id",
            parent: "building_id",
        },
    }
}

/// An active place with what decides who may change it.
#[derive(Clone, Debug, FromRow)]
pub struct PlaceRow {
    /// Its id.
    pub id: String,
    /// The unit whose admins manage it.
    pub owner_unit: String,
    /// The parent unit, unit or building it hangs under (`None`: the root unit).
    pub parent: Option<String>,
    /// Its name now.
    pub name: String,
}

/// One active place of `kind`.
pub async fn place(pool: &AnyPool, kind: PlaceKind, id: &str) -> sqlx::Result<Option<PlaceRow>> {
    let Storage {
        table,
        owner,
        parent,
    } = storage(kind);
    sqlx::query_as(&format!(
        "SELECT id, {owner} AS owner_unit, {parent} AS parent, name FROM {table}
         WHERE id = $1 AND archived_at IS NULL"
    ))
    .bind(id)
    .fetch_optional(pool)
    .await
}

/// Whether another active place of `kind` under `parent` has this name
/// (case-insensitive): two rooms "Kjøkken" in one building cannot be told apart.
pub async fn name_taken(
    pool: &AnyPool,
    kind: PlaceKind,
    parent: &str,
    name: &str,
    except_id: &str,
) -> sqlx::Result<bool> {
    let Storage {
        table, parent: col, ..
    } = storage(kind);
    let (count,): (i64,) = sqlx::query_as(&format!(
        "SELECT COUNT(*) FROM {table}
         WHERE {col} = $1 AND id <> $2 AND archived_at IS NULL AND lower(name) = lower($3)"
    ))
    .bind(parent)
    .bind(except_id)
    .bind(name)
    .fetch_one(pool)
    .await?;
    Ok(count > 0)
}

/// Active places that would be left without a home if this one retired:
/// a unit's child units, areas, buildings and rooms; a building's rooms.
/// Areas hold nothing (their rooms keep the reference, as rounds do).
pub async fn active_contents(pool: &AnyPool, kind: PlaceKind, id: &str) -> sqlx::Result<i64> {
    let sql = match kind {
        PlaceKind::Unit => {
            "SELECT (SELECT COUNT(*) FROM org_units WHERE parent_id = $1 AND archived_at IS NULL)
                  + (SELECT COUNT(*) FROM verneomrader WHERE unit_id = $1 AND archived_at IS NULL)
                  + (SELECT COUNT(*) FROM buildings WHERE unit_id = $1 AND archived_at IS NULL)
                  + (SELECT COUNT(*) FROM rooms WHERE unit_id = $1 AND archived_at IS NULL)"
        }
        PlaceKind::Building => {
            "SELECT COUNT(*) FROM rooms WHERE building_id = $1 AND archived_at IS NULL"
        }
        PlaceKind::Area | PlaceKind::Room => return Ok(0),
    };
    let (count,): (i64,) = sqlx::query_as(sql).bind(id).fetch_one(pool).await?;
    Ok(count)
}

/// Gives a place a new name.
pub async fn rename(
    conn: &mut AnyConnection,
    kind: PlaceKind,
    id: &str,
    name: &str,
) -> sqlx::Result<()> {
    let table = storage(kind).table;
    sqlx::query(&format!("UPDATE {table} SET name = $1 WHERE id = $2"))
        .bind(name)
        .bind(id)
        .execute(conn)
        .await?;
    Ok(())
}

/// Sets a building's address or a room's floor.
pub async fn set_detail(
    conn: &mut AnyConnection,
    kind: PlaceKind,
    id: &str,
    detail: &str,
) -> sqlx::Result<()> {
    let sql = match kind {
        PlaceKind::Building => "UPDATE buildings SET address = $1 WHERE id = $2",
        PlaceKind::Room => "UPDATE rooms SET floor = $1 WHERE id = $2",
        PlaceKind::Unit | PlaceKind::Area => return Ok(()),
    };
    sqlx::query(sql).bind(detail).bind(id).execute(conn).await?;
    Ok(())
}

/// Hangs a unit under a new parent, or an area or building under a new unit.
pub async fn move_to(
    conn: &mut AnyConnection,
    kind: PlaceKind,
    id: &str,
    parent: &str,
) -> sqlx::Result<()> {
    let Storage {
        table, parent: col, ..
    } = storage(kind);
    sqlx::query(&format!("UPDATE {table} SET {col} = $1 WHERE id = $2"))
        .bind(parent)
        .bind(id)
        .execute(conn)
        .await?;
    Ok(())
}

/// Puts a room in another building and unit, and out of its verneområde
/// when `keep_area` is false (the area does not cover its new unit).
pub async fn move_room(
    conn: &mut AnyConnection,
    room_id: &str,
    (building_id, unit_id): (&str, &str),
    keep_area: bool,
) -> sqlx::Result<()> {
    sqlx::query(
        "UPDATE rooms SET building_id = $1, unit_id = $2,
             verneomrade_id = CASE WHEN $3 = 1 THEN verneomrade_id ELSE NULL END
         WHERE id = $4",
    )
    .bind(building_id)
    .bind(unit_id)
    .bind(i64::from(keep_area))
    .bind(room_id)
    .execute(conn)
    .await?;
    Ok(())
}

/// Takes a place out of use; it stays in the database with its history.
pub async fn retire(
    conn: &mut AnyConnection,
    kind: PlaceKind,
    id: &str,
    now: i64,
) -> sqlx::Result<()> {
    let table = storage(kind).table;
    sqlx::query(&format!(
        "UPDATE {table} SET archived_at = $1 WHERE id = $2 AND archived_at IS NULL"
    ))
    .bind(now)
    .bind(id)
    .execute(conn)
    .await?;
    Ok(())
}
