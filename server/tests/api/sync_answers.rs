//! Answers given on two phones without seeing each other's: an avvik is
//! never undone by someone who did not know of it, and the answer that
//! loses stays visible as a conflict copy.

use reqwest::StatusCode;
use serde_json::Value;

use super::helpers::{Backend, TestApp, with_app};
use super::sync_support::*;
use crate::on_both_backends;

/// The finding as a pull returns it (the last change of it).
async fn pulled_finding(app: &TestApp, finding_id: &str) -> Value {
    let (status, page) = pull(app, 0, 1000).await;
    assert_eq!(status, StatusCode::OK);
    let changes = page["changes"].as_array().expect("changes");
    changes
        .iter()
        .rev()
        .map(|change| &change["record"])
        .find(|record| record["kind"] == "finding" && record["id"] == finding_id)
        .cloned()
        .expect("the finding was pulled")
}

fn answer_copies(finding: &Value) -> Vec<&str> {
    let copies = finding["conflicts"].as_array().expect("conflicts");
    copies
        .iter()
        .filter(|copy| copy["field"] == "answer")
        .filter_map(|copy| copy["text"].as_str())
        .collect()
}

async fn an_answer_given_unseen_never_undoes_an_avvik(backend: Backend) {
    with_app(backend, |app| async move {
        app.login_ok("verneombud").await;
        let reference = reference(&app).await;
        let item = &item_ids(&reference)[0];
        let (round_id, finding_id) = (id(), id());
        let ok = finding(&round_id, &finding_id, item, None);
        let results = push(
            &app,
            "phone-a",
            &[create_round(&reference, &round_id), save(ok.clone())],
        )
        .await;
        assert!(
            results.iter().all(|r| r["status"] == "applied"),
            "{results:?}"
        );

        // Phone B had never seen A's OK and found an avvik: the avvik wins.
        let avvik = finding(&round_id, &finding_id, item, Some("Rømningsvei sperret"));
        push(&app, "phone-b", &[save(avvik)]).await;
        let stored = pulled_finding(&app, &finding_id).await;
        assert_eq!(stored["answer"], "avvik", "{stored}");
        assert_eq!(answer_copies(&stored), ["ok"], "A's OK is kept beside it");

        // A syncs a later OK made before it saw B's avvik: the avvik and its risk stay.
        let mut stale = ok.clone();
        stale.base_seq = results[1]["seq"].as_i64().expect("seq");
        let late = push(&app, "phone-a", &[save(stale)]).await;
        assert_eq!(late[0]["status"], "applied");
        assert_eq!(late[0]["conflict"], true, "{late:?}");
        let stored = pulled_finding(&app, &finding_id).await;
        assert_eq!(
            (&stored["answer"], &stored["probability"]),
            (&"avvik".into(), &3.into())
        );
        assert_eq!(answer_copies(&stored), ["ok", "ok"]);

        // Once A has seen the avvik, A may close it as OK.
        let mut seen = ok;
        seen.base_seq = stored["answer_seq"].as_i64().expect("answer_seq");
        push(&app, "phone-a", &[save(seen)]).await;
        let stored = pulled_finding(&app, &finding_id).await;
        assert_eq!(stored["answer"], "ok", "{stored}");
    })
    .await;
}
on_both_backends!(an_answer_given_unseen_never_undoes_an_avvik);
