//! Counts for overviews.

use sqlx::AnyPool;

/// Rooms used by any of the given units.
pub async fn rooms_in_units(pool: &AnyPool, unit_ids: &[String]) -> sqlx::Result<i64> {
    let rooms: Vec<(String,)> =
        sqlx::query_as("SELECT unit_id FROM rooms WHERE archived_at IS NULL")
            .fetch_all(pool)
            .await?;
    let count = rooms
        .iter()
        .filter(|(unit,)| unit_ids.contains(unit))
        .count();
    Ok(i64::try_from(count).unwrap_or(i64::MAX))
}

/// Published checklist versions of active templates.
pub async fn published_checklists(pool: &AnyPool) -> sqlx::Result<i64> {
    let (count,): (i64,) = sqlx::query_as(
        "SELECT COUNT(*) FROM checklist_versions v
         JOIN checklist_templates t ON t.id = v.template_id
         WHERE v.status = 'published' AND t.archived_at IS NULL",
    )
    .fetch_one(pool)
    .await?;
    Ok(count)
}
