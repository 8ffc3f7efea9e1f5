//! Operation ids already applied, with their results, so that a replayed
//! push returns the first answer and changes nothing. Ids are scoped to the
//! person who sent them: another person replaying your id gets nothing of yours.

use sqlx::AnyConnection;

/// Records operations' results (`(op_id, JSON)`) in the transaction of
/// their effects, a hundred rows to a statement.
pub async fn record_all(
    conn: &mut AnyConnection,
    user_id: &str,
    results: &[(&str, String)],
    now: i64,
) -> sqlx::Result<()> {
    for chunk in results.chunks(100) {
        let rows: Vec<String> = (0..chunk.len())
            .map(|n| format!("(${}, $1, $2, ${})", 3 + 2 * n, 4 + 2 * n))
            .collect();
        let sql = format!(
            "INSERT INTO applied_operations (op_id, user_id, applied_at, result) VALUES {}",
            rows.join(", ")
        );
        let mut insert = sqlx::query(&sql).bind(user_id).bind(now);
        for (op_id, result) in chunk {
            insert = insert.bind(*op_id).bind(result.as_str());
        }
        insert.execute(&mut *conn).await?;
    }
    Ok(())
}

/// The stored results (JSON) of those of `op_ids` that `user_id` applied
/// before, as `(op_id, result)`: one query for a whole push.
pub async fn results_of(
    conn: &mut AnyConnection,
    user_id: &str,
    op_ids: &[String],
) -> sqlx::Result<Vec<(String, String)>> {
    if op_ids.is_empty() {
        return Ok(Vec::new());
    }
    let placeholders: Vec<String> = (2..op_ids.len() + 2).map(|n| format!("${n}")).collect();
    let sql = format!(
        "SELECT op_id, result FROM applied_operations WHERE user_id = $1 AND op_id IN ({})",
        placeholders.join(", ")
    );
    let mut select = sqlx::query_as(&sql).bind(user_id);
    for op_id in op_ids {
        select = select.bind(op_id);
    }
    select.fetch_all(conn).await
}
