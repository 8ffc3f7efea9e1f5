//! Reading the history as the sync change log.

use sqlx::AnyPool;

/// Up to `limit` synced changes (rounds, findings, photos) after `since` in
/// the given units, as `(seq, data)` in sequence order.
pub async fn page(
    pool: &AnyPool,
    since: i64,
    limit: i64,
    unit_ids: &[String],
) -> sqlx::Result<Vec<(i64, String)>> {
    if unit_ids.is_empty() {
        return Ok(Vec::new());
    }
    let placeholders: Vec<String> = (0..unit_ids.len()).map(|i| format!("${}", i + 3)).collect();
    let sql = format!(
        "SELECT seq, data FROM history
         WHERE seq > $1 AND entity_kind IN ('round', 'finding', 'photo')
           AND unit_id IN ({})
         ORDER BY seq LIMIT $2",
        placeholders.join(", ")
    );
    let mut query = sqlx::query_as(&sql).bind(since).bind(limit);
    for unit_id in unit_ids {
        query = query.bind(unit_id);
    }
    query.fetch_all(pool).await
}
