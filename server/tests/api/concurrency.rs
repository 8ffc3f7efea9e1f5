//! Exactly once under concurrency: identical pushes at the same moment, a
//! partial replay, many devices at once. Each test counts rows and history
//! entries, and checks that the change sequence has no gaps (a pull cursor
//! past a hole would skip a change committed later under the hole's number).

use app::sync::protocol::Operation;
use app::sync::reference::ReferenceData;
use serde_json::Value;
use vern::db::Db;

use super::helpers::{Backend, TestApp, table_rows, with_app};
use super::sync_support::*;
use crate::on_both_backends;

/// A new round with `avvik` avvik and `ok` OK answers, and the ids of the
/// round and its findings.
fn round_batch(
    reference: &ReferenceData,
    avvik: usize,
    ok: usize,
) -> (Vec<Operation>, Vec<String>) {
    let round_id = id();
    let mut entities = vec![round_id.clone()];
    let mut operations = vec![create_round(reference, &round_id)];
    for (n, item) in item_ids(reference).iter().take(avvik + ok).enumerate() {
        let finding_id = id();
        let text = (n < avvik).then_some("Nødutgang blokkert");
        operations.push(save(finding(&round_id, &finding_id, item, text)));
        entities.push(finding_id);
    }
    (operations, entities)
}

/// Asserts every result of a push is `applied`, and that there is one per operation.
fn assert_all_applied(results: &[Value], operations: usize) {
    assert_eq!(results.len(), operations, "{results:?}");
    assert!(
        codes(results).iter().all(|code| *code == "applied"),
        "{results:?}"
    );
}

/// Rows of `table` whose `column` is `value`.
async fn rows(app: &TestApp, table: &str, column: &str, value: &str) -> i64 {
    count(
        app,
        &format!("SELECT COUNT(*) FROM {table} WHERE {column} = $1"),
        value,
    )
    .await
}

/// Asserts each entity has exactly one history entry.
async fn one_history_entry_each(app: &TestApp, entities: &[String]) {
    for entity in entities {
        assert_eq!(
            rows(app, "history", "entity_id", entity).await,
            1,
            "history of {entity}"
        );
    }
}

/// Asserts the history holds every number from 1 up to the sequence counter,
/// each once.
pub async fn assert_sequence_without_gaps(db: &Db) {
    let (entries, lowest, highest): (i64, i64, i64) =
        sqlx::query_as("SELECT COUNT(*), MIN(seq), MAX(seq) FROM history")
            .fetch_one(db.pool())
            .await
            .expect("history numbers");
    let (counter,): (i64,) =
        sqlx::query_as("SELECT value FROM sequence_counters WHERE name = 'change'")
            .fetch_one(db.pool())
            .await
            .expect("sequence counter");
    assert_eq!(
        (lowest, highest),
        (1, counter),
        "history spans the whole sequence"
    );
    assert_eq!(entries, counter, "no number missing or used twice");
}

async fn identical_pushes_at_the_same_moment_apply_once(backend: Backend) {
    with_app(backend, |app| async move {
        app.login_ok("verneombud").await;
        let reference = reference(&app).await;
        for _ in 0..5 {
            let (operations, entities) = round_batch(&reference, 2, 3);
            let (first, second) = tokio::join!(
                push(&app, "phone", &operations),
                push(&app, "phone", &operations)
            );
            assert_all_applied(&first, operations.len());
            assert_eq!(first, second, "both answers are the one result");
            let round_id = &entities[0];
            assert_eq!(rows(&app, "rounds", "id", round_id).await, 1);
            assert_eq!(rows(&app, "findings", "round_id", round_id).await, 5);
            one_history_entry_each(&app, &entities).await;
        }
        assert_eq!(table_rows(&app.db, "applied_operations").await, 5 * 6);
        assert_sequence_without_gaps(&app.db).await;
    })
    .await;
}
on_both_backends!(identical_pushes_at_the_same_moment_apply_once, multi_thread);

async fn a_partial_replay_applies_only_what_is_new(backend: Backend) {
    with_app(backend, |app| async move {
        app.login_ok("verneombud").await;
        let reference = reference(&app).await;
        let (operations, entities) = round_batch(&reference, 1, 2);
        let first = push(&app, "phone", &operations[..2]).await;
        assert_all_applied(&first, 2);
        // The answer to [a, b] was lost: the phone sends [a, b, c].
        let replay = push(&app, "phone", &operations).await;
        assert_all_applied(&replay, 4);
        assert_eq!(replay[..2], first[..], "a and b answer as the first time");
        assert_eq!(rows(&app, "findings", "round_id", &entities[0]).await, 3);
        one_history_entry_each(&app, &entities).await;

        // And at the same moment: [a', b'] racing [a', b', c'].
        let (operations, entities) = round_batch(&reference, 2, 1);
        let (short, long) = tokio::join!(
            push(&app, "phone", &operations[..2]),
            push(&app, "phone", &operations)
        );
        assert_all_applied(&short, 2);
        assert_all_applied(&long, 4);
        assert_eq!(long[..2], short[..]);
        assert_eq!(rows(&app, "findings", "round_id", &entities[0]).await, 3);
        one_history_entry_each(&app, &entities).await;
        assert_sequence_without_gaps(&app.db).await;
    })
    .await;
}
on_both_backends!(a_partial_replay_applies_only_what_is_new, multi_thread);

const DEVICES: usize = 12;

async fn many_devices_pushing_different_rounds_leave_a_sequence_without_gaps(backend: Backend) {
    with_app(backend, |app| async move {
        app.login_ok("verneombud").await;
        let reference = reference(&app).await;
        let before = table_rows(&app.db, "history").await;
        let batches: Vec<_> = (0..DEVICES)
            .map(|_| round_batch(&reference, 2, 4))
            .collect();
        let pushes = batches.iter().enumerate().map(|(n, (operations, _))| {
            let app = &app;
            async move { push(app, &format!("phone-{n}"), operations).await }
        });
        for results in futures::future::join_all(pushes).await {
            assert_all_applied(&results, 7);
        }
        for (_, entities) in &batches {
            assert_eq!(rows(&app, "findings", "round_id", &entities[0]).await, 6);
            one_history_entry_each(&app, entities).await;
        }
        let after = table_rows(&app.db, "history").await;
        let entries = i64::try_from(DEVICES * 7).expect("small");
        assert_eq!(after - before, entries, "one entry per change, no more");
        assert_sequence_without_gaps(&app.db).await;

        // A pull from the start sees every new change once, in order.
        let (_, page) = pull(&app, 0, 1000).await;
        let changes = page["changes"].as_array().expect("changes");
        let seqs: Vec<i64> = changes.iter().filter_map(|c| c["seq"].as_i64()).collect();
        assert_eq!(seqs.len(), changes.len(), "every change has a number");
        assert!(seqs.windows(2).all(|pair| pair[0] < pair[1]), "{seqs:?}");
        for (_, entities) in &batches {
            for entity in entities {
                let seen = changes
                    .iter()
                    .filter(|c| c["record"]["id"] == entity.as_str());
                assert_eq!(seen.count(), 1, "{entity} pulled once");
            }
        }
    })
    .await;
}
on_both_backends!(
    many_devices_pushing_different_rounds_leave_a_sequence_without_gaps,
    multi_thread
);
