//! Writers of recorded changes lock in one order (`Db::begin_change`): a
//! leader re-rating a case while a phone's push finishes a round in the
//! same unit never waits on the push while holding what the push needs
//! next (the dashboard's tally rows), so neither is aborted as a deadlock.

use std::time::Duration;

use serde_json::Value;

use super::helpers::{Backend, client, json_body, log_in_at, with_app};
use super::sync_support::*;
use crate::on_both_backends;

async fn a_leaders_change_during_a_push_never_deadlocks(backend: Backend) {
    with_app(backend, |app| async move {
        app.login_ok("verneombud").await;
        let reference = reference(&app).await;
        let unit = reference.areas[0].unit_id.clone();
        let items = item_ids(&reference);
        let leader = client();
        log_in_at(&app.address, &leader, "leder").await;
        for n in 0..8 {
            // An unrated case: re-rating it moves it into the tally row the
            // round's avvik (rated 3 × 4) count in.
            let case = format!("lock-order-{n}");
            sqlx::query(
                "INSERT INTO avvik (id, unit_id, source, description, status, receipt_no,
                                    created_at, updated_at)
                 VALUES ($1, $2, 'qr', 'Glatt gulv', 'open', $1, 1, 1)",
            )
            .bind(&case)
            .bind(&unit)
            .execute(app.db.pool())
            .await
            .expect("case");
            let round_id = id();
            let mut operations = vec![create_round(&reference, &round_id)];
            for item in items.iter().take(12) {
                let avvik = finding(&round_id, &id(), item, Some("Sprukket flis"));
                operations.push(save(avvik));
            }
            operations.push(finish(&round_id));

            let rerating = async {
                // Staggered, so that some land while the push holds the lock.
                tokio::time::sleep(Duration::from_millis(3 * n)).await;
                let response = leader
                    .post(format!("{}/api/fn/rerate_avvik", app.address))
                    .header("origin", &app.address)
                    .form(&[
                        ("id", case.as_str()),
                        ("probability", "3"),
                        ("consequence", "4"),
                    ])
                    .send()
                    .await
                    .expect("re-rate");
                (response.status(), json_body(response).await)
            };
            let (results, (status, body)): (Vec<Value>, _) =
                tokio::join!(push(&app, "phone", &operations), rerating);
            assert!(
                codes(&results).iter().all(|code| *code == "applied"),
                "{results:?}"
            );
            assert!(status.is_success(), "re-rating {n}: {status} {body}");
        }
    })
    .await;
}
on_both_backends!(a_leaders_change_during_a_push_never_deadlocks, multi_thread);
