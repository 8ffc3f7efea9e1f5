//! Operation ids already applied, with their results, so that a replayed
//! push returns the first answer and changes nothing. Ids are scoped to the
//! person who sent them: another person replaying your id gets nothing of yours.

use sqlx::AnyConnection;

/// The stored result (JSON) of `user_id`'s operation, if it was applied before.
pub async fn result_of(
    conn: &mut AnyConnection,
    user_id: &str,
    op_id: &str,
) -> sqlx::Result<Option<String>> {
    let row: Option<(String,)> =
        sqlx::query_as("SELECT result FROM applied_operations WHERE user_id = $1 AND op_id = $2")
            .bind(user_id)
            .bind(op_id)
            .fetch_optional(conn)
            .await?;
    Ok(row.map(|(result,)| result))
}

/// Records an operation's result in the transaction of its effect.
pub async fn record(
    conn: &mut AnyConnection,
    op_id: &str,
    user_id: &str,
    result: &str,
    now: i64,
) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO applied_operations (op_id, user_id, applied_at, result) VALUES ($1, $2, $3, $4)",
    )
    .bind(op_id)
    .bind(user_id)
    .bind(now)
    .bind(result)
    .execute(conn)
    .await?;
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
