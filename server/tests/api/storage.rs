//! Storage rules that hold on both backends.

use super::helpers::{Backend, with_app};
use crate::on_both_backends;

async fn history_is_append_only(backend: Backend) {
    with_app(backend, |app| async move {
        let pool = app.db.pool();
        let (count,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM history")
            .fetch_one(pool)
            .await
            .expect("count");
        assert!(
            count >= 12,
            "the demo seed records its users and grants ({count})"
        );
        let mut forgeries = vec![
            "UPDATE history SET action = 'forged'",
            "DELETE FROM history",
        ];
        if backend == Backend::Postgres {
            forgeries.push("TRUNCATE history");
        }
        for forgery in forgeries {
            let refused = sqlx::query(forgery).execute(pool).await;
            let error = refused.expect_err(forgery).to_string();
            assert!(
                error.contains("history is append-only"),
                "{forgery}: {error}"
            );
        }
        let (after,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM history")
            .fetch_one(pool)
            .await
            .expect("count");
        assert_eq!(after, count);
    })
    .await;
}
on_both_backends!(history_is_append_only);

async fn sequence_numbers_are_gap_free_and_ordered(backend: Backend) {
    with_app(backend, |app| async move {
        let seqs: Vec<(i64,)> = sqlx::query_as("SELECT seq FROM history ORDER BY seq")
            .fetch_all(app.db.pool())
            .await
            .expect("seqs");
        let expected: Vec<(i64,)> = (1..=i64::try_from(seqs.len()).expect("len"))
            .map(|n| (n,))
            .collect();
        assert_eq!(seqs, expected);
    })
    .await;
}
on_both_backends!(sequence_numbers_are_gap_free_and_ordered);

async fn seeding_twice_changes_nothing(backend: Backend) {
    with_app(backend, |app| async move {
        let again = vern::demo::seed(&app.db).await.expect("seed");
        assert_eq!(again, vern::demo::Seeded::AlreadyPresent);
        let (rooms,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM rooms")
            .fetch_one(app.db.pool())
            .await
            .expect("count");
        assert_eq!(rooms, 20);
        app.db.migrate().await.expect("migrations are idempotent");
    })
    .await;
}
on_both_backends!(seeding_twice_changes_nothing);
