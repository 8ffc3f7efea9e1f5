//! A leader's rating of a case, kept beside the first one.

use app::avvik::rating::Rating;

/// Stores the leader's rating and the score it gives, unless the case is
/// closed or rejected; says whether it was stored.
pub async fn rerate(
    conn: &mut sqlx::AnyConnection,
    id: &str,
    rating: Rating,
    now: i64,
) -> sqlx::Result<bool> {
    let done = sqlx::query(
        "UPDATE avvik SET leader_probability = $2, leader_consequence = $3, risk_score = $4,
                updated_at = $5
         WHERE id = $1 AND status NOT IN ('closed', 'rejected')",
    )
    .bind(id)
    .bind(i64::from(rating.probability))
    .bind(i64::from(rating.consequence))
    .bind(rating.score())
    .bind(now)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}
