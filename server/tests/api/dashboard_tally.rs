//! The dashboard's tallies (kept by triggers) always agree with a count of
//! the rows they stand for, through every kind of change: a new row, a
//! change of state, rating, unit or deadline, and a row removed. The open
//! states are taken from the app's own definition, so a state added there
//! and not to the triggers fails here.

use app::reports::CaseState;
use sqlx::AnyPool;

use super::helpers::{Backend, with_app};
use crate::on_both_backends;

type Groups = Vec<(String, i64, i64, i64, i64)>;

fn open_states() -> String {
    CaseState::ALL
        .into_iter()
        .filter(|state| state.is_open())
        .map(|state| format!("'{}'", state.as_db()))
        .collect::<Vec<_>>()
        .join(", ")
}

async fn groups(pool: &AnyPool, sql: &str) -> Groups {
    let mut rows: Groups = sqlx::query_as(sql).fetch_all(pool).await.expect(sql);
    rows.sort();
    rows
}

/// Fails with `step` when a tally differs from the rows.
async fn agree(pool: &AnyPool, step: &str) {
    let counted = groups(
        pool,
        &format!(
            "SELECT unit_id, risk_score, COALESCE(leader_probability, probability, 0),
                    COALESCE(leader_consequence, consequence, 0), COUNT(*)
             FROM avvik WHERE status IN ({}) GROUP BY 1, 2, 3, 4",
            open_states()
        ),
    )
    .await;
    let tallied = groups(
        pool,
        "SELECT unit_id, risk_score, probability, consequence, count
         FROM avvik_open_tally WHERE count > 0",
    )
    .await;
    assert_eq!(tallied, counted, "open cases after {step}");

    let due = |sql: &str| {
        let sql = sql.to_owned();
        async move {
            let mut rows: Vec<(String, String, i64)> =
                sqlx::query_as(&sql).fetch_all(pool).await.expect("due");
            rows.sort();
            rows
        }
    };
    let counted = due("SELECT unit_id, due_date, COUNT(*) FROM tiltak
                       WHERE status IN ('planned', 'in_progress') AND due_date IS NOT NULL
                       GROUP BY 1, 2")
    .await;
    let tallied =
        due("SELECT unit_id, due_date, count FROM tiltak_due_tally WHERE count > 0").await;
    assert_eq!(tallied, counted, "open measures after {step}");
}

async fn run(pool: &AnyPool, steps: &[(&str, &str)]) {
    for (step, sql) in steps {
        sqlx::query(sql).execute(pool).await.expect(step);
        agree(pool, step).await;
    }
}

async fn the_tallies_follow_every_change(backend: Backend) {
    with_app(backend, |app| async move {
        let pool = app.db.pool();
        agree(pool, "the demo data").await;
        let unit = |name: &str| format!("(SELECT id FROM org_units WHERE name = '{name}')");
        let (school, home) = (unit("Nordby skole"), unit("Fjordvik sykehjem"));
        let case = |id: &str, status: &str, rating: &str| {
            format!(
                "INSERT INTO avvik (id, unit_id, source, description, status, receipt_no,
                                    probability, consequence, risk_score, created_at, updated_at)
                 VALUES ('{id}', {school}, 'round', '{id}', '{status}', '{id}', {rating}, 1, 1)"
            )
        };
        let measure = |id: &str, case: &str, due: &str| {
            format!(
                "INSERT INTO tiltak (id, unit_id, avvik_id, description, due_date, status,
                                     created_at, updated_at)
                 VALUES ('{id}', {school}, '{case}', '{id}', {due}, 'planned', 1, 1)"
            )
        };
        run(
            pool,
            &[
                ("a new open case", &case("t-1", "open", "4, 5, 20")),
                ("a second alike", &case("t-2", "open", "4, 5, 20")),
                ("an unrated case", &case("t-3", "in_progress", "NULL, NULL, 0")),
                ("a closed case", &case("t-4", "closed", "2, 2, 4")),
                ("handling begun", "UPDATE avvik SET status = 'in_progress' WHERE id = 't-1'"),
                (
                    "a leader's rating",
                    "UPDATE avvik SET leader_probability = 1, leader_consequence = 2,
                                      risk_score = 2 WHERE id = 't-2'",
                ),
                ("a first rating", "UPDATE avvik SET probability = 3, consequence = 3, risk_score = 9 WHERE id = 't-3'"),
                ("a case closed", "UPDATE avvik SET status = 'closed' WHERE id = 't-1'"),
                ("a case rejected", "UPDATE avvik SET status = 'rejected' WHERE id = 't-3'"),
                ("a case reopened", "UPDATE avvik SET status = 'open' WHERE id = 't-4'"),
                ("a change that counts nothing", "UPDATE avvik SET description = 'x' WHERE id = 't-2'"),
                (
                    "a case moved",
                    &format!("UPDATE avvik SET unit_id = {home} WHERE id = 't-2'"),
                ),
                ("a measure", &measure("m-1", "t-2", "'2026-05-31'")),
                ("a measure alike", &measure("m-2", "t-2", "'2026-05-31'")),
                ("a measure without deadline", &measure("m-3", "t-2", "NULL")),
                ("a deadline set", "UPDATE tiltak SET due_date = '2026-06-01' WHERE id = 'm-3'"),
                ("a deadline moved", "UPDATE tiltak SET due_date = '2026-07-01' WHERE id = 'm-1'"),
                ("a measure begun", "UPDATE tiltak SET status = 'in_progress' WHERE id = 'm-2'"),
                ("a measure done", "UPDATE tiltak SET status = 'done' WHERE id = 'm-2'"),
                ("a deadline removed", "UPDATE tiltak SET due_date = NULL WHERE id = 'm-3'"),
                ("a measure moved", &format!("UPDATE tiltak SET unit_id = {home} WHERE id = 'm-1'")),
                ("a measure removed", "DELETE FROM tiltak WHERE id = 'm-1'"),
                ("measures removed", "DELETE FROM tiltak WHERE avvik_id = 't-2'"),
                ("a case removed", "DELETE FROM avvik WHERE id = 't-2'"),
                ("cases removed", "DELETE FROM avvik WHERE id LIKE 't-%'"),
            ],
        )
        .await;
    })
    .await;
}
on_both_backends!(the_tallies_follow_every_change);
