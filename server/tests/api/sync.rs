//! The sync API: exactly-once push, pull pages, conflicts, bad input, access.

use reqwest::StatusCode;
use serde_json::json;

use super::helpers::{Backend, with_app};
use super::sync_support::*;
use crate::on_both_backends;

const FINDINGS_OF_ROUND: &str = "SELECT COUNT(*) FROM findings WHERE round_id = $1";
const ROUNDS_WITH_ID: &str = "SELECT COUNT(*) FROM rounds WHERE id = $1";
const STILL_ONGOING: &str = "SELECT COUNT(*) FROM rounds WHERE id = $1 AND status = 'ongoing'";

async fn a_replayed_push_returns_the_same_answer_and_adds_nothing(backend: Backend) {
    with_app(backend, |app| async move {
        app.login_ok("verneombud").await;
        let reference = reference(&app).await;
        let round_id = id();
        let items = item_ids(&reference);
        let mut operations = vec![create_round(&reference, &round_id)];
        for (n, item) in items.iter().take(10).enumerate() {
            let avvik = (n % 3 == 0).then_some("Nødutgang blokkert av stoler");
            operations.push(save(finding(&round_id, &id(), item, avvik)));
        }
        let first = push(&app, "device-a", &operations).await;
        assert_eq!(first.len(), 11);
        assert!(
            first.iter().all(|result| result["status"] == "applied"),
            "{first:?}"
        );
        let history = count(
            &app,
            "SELECT COUNT(*) FROM history WHERE entity_kind <> $1",
            "-",
        )
        .await;

        let replay = push(&app, "device-a", &operations).await;
        assert_eq!(replay, first, "a replay answers exactly as the first push");
        assert_eq!(count(&app, FINDINGS_OF_ROUND, &round_id).await, 10);
        assert_eq!(
            count(&app, "SELECT COUNT(*) FROM rounds WHERE id = $1", &round_id).await,
            1
        );
        assert_eq!(
            count(
                &app,
                "SELECT COUNT(*) FROM history WHERE entity_kind <> $1",
                "-"
            )
            .await,
            history,
            "no new history on replay"
        );
    })
    .await;
}
on_both_backends!(a_replayed_push_returns_the_same_answer_and_adds_nothing);

async fn bad_input_gets_a_4xx_or_a_rejected_result_never_a_5xx(backend: Backend) {
    with_app(backend, |app| async move {
        app.login_ok("verneombud").await;
        let reference = reference(&app).await;
        let (status, body) = push_raw(&app, &json!({ "schema": 99, "device_id": "d", "operations": [] })).await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
        assert!(body["message"].as_str().expect("message").contains("version 1"));
        let (status, _) = push_raw(&app, &json!({ "schema": 1, "operations": "nope" })).await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
        let (status, _) = push_raw(&app, &json!([1, 2, 3])).await;
        assert_eq!(status, StatusCode::BAD_REQUEST);

        let item = &item_ids(&reference)[0];
        let unknown_round = save(finding(&id(), &id(), item, None));
        let no_text = save(finding(&id(), &id(), item, Some(" ")));
        let operations = json!([
            { "id": id(), "kind": "teleport_round", "data": {} },
            { "id": "not-a-uuid", "kind": "finish_round", "data": { "round_id": id(), "signed_by": [] } },
            { "id": id(), "kind": "save_finding", "data": { "finding_id": 7 } },
            unknown_round,
            no_text,
            { "id": id(), "kind": "finish_round", "data": { "round_id": id(), "signed_by": [] } },
        ]);
        let (status, body) =
            push_raw(&app, &json!({ "schema": 1, "device_id": "d", "operations": operations })).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        let codes: Vec<&str> = body["results"]
            .as_array()
            .expect("results")
            .iter()
            .map(|result| {
                assert_eq!(result["status"], "rejected");
                assert!(!result["error"].as_str().unwrap_or_default().is_empty());
                result["code"].as_str().expect("code")
            })
            .collect();
        assert_eq!(codes, ["malformed", "malformed", "malformed", "not_found", "invalid", "not_found"]);
        let (status, _) = pull(&app, 0, 0).await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
        let response = app.get("/api/v1/sync/pull?since=0&schema=2").await;
        assert_eq!(response.status(), StatusCode::BAD_REQUEST);
        let response = app.get("/api/v1/sync/pull?since=abc&schema=1").await;
        assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    })
    .await;
}
on_both_backends!(bad_input_gets_a_4xx_or_a_rejected_result_never_a_5xx);

async fn operations_need_a_role_in_the_rounds_unit(backend: Backend) {
    with_app(backend, |app| async move {
        let (status, _) = pull(&app, 0, 10).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
        let (status, _) = push_raw(
            &app,
            &json!({ "schema": 1, "device_id": "d", "operations": [] }),
        )
        .await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);

        app.login_ok("verneombud").await;
        let reference = reference(&app).await;
        let round_id = id();
        let created = push(&app, "a", &[create_round(&reference, &round_id)]).await;
        assert_eq!(codes(&created), ["applied"]);

        app.login_ok("medarbeider").await;
        assert_eq!(
            app.get("/api/v1/sync/reference").await.status(),
            StatusCode::FORBIDDEN
        );
        let item = &item_ids(&reference)[0];
        let (own_round, own_finding) = (id(), id());
        let results = push(
            &app,
            "b",
            &[
                create_round(&reference, &own_round),
                save(finding(&round_id, &own_finding, item, None)),
                finish(&round_id),
            ],
        )
        .await;
        assert_eq!(codes(&results), ["forbidden"; 3]);
        assert_eq!(count(&app, ROUNDS_WITH_ID, &own_round).await, 0);
        assert_eq!(count(&app, FINDINGS_OF_ROUND, &round_id).await, 0);
        assert_eq!(count(&app, STILL_ONGOING, &round_id).await, 1);
        let (status, page) = pull(&app, 0, 100).await;
        assert_eq!(status, StatusCode::OK);
        assert!(
            page["changes"].as_array().expect("changes").is_empty(),
            "nothing visible"
        );
    })
    .await;
}
on_both_backends!(operations_need_a_role_in_the_rounds_unit);

async fn pull_pages_return_every_change_once(backend: Backend) {
    with_app(backend, |app| async move {
        app.login_ok("verneombud").await;
        let reference = reference(&app).await;
        let round_id = id();
        let mut operations = vec![create_round(&reference, &round_id)];
        let items = item_ids(&reference);
        operations.extend(
            items
                .iter()
                .take(23)
                .map(|item| save(finding(&round_id, &id(), item, None))),
        );
        let results = push(&app, "a", &operations).await;
        let mut expected: Vec<i64> = results
            .iter()
            .map(|r| r["seq"].as_i64().expect("seq"))
            .collect();
        expected.sort_unstable();

        let (mut since, mut seen, mut pages) = (0, Vec::new(), 0);
        loop {
            let (status, page) = pull(&app, since, 7).await;
            assert_eq!(status, StatusCode::OK, "{page}");
            pages += 1;
            for change in page["changes"].as_array().expect("changes") {
                seen.push(change["seq"].as_i64().expect("seq"));
            }
            since = page["next_since"].as_i64().expect("cursor");
            if page["more"] == false {
                break;
            }
        }
        assert_eq!(seen, expected, "every change once, in order");
        assert_eq!(pages, 4);
        let (_, empty) = pull(&app, since, 7).await;
        assert!(empty["changes"].as_array().expect("changes").is_empty());
        assert_eq!(empty["next_since"], since);
    })
    .await;
}
on_both_backends!(pull_pages_return_every_change_once);

async fn a_text_changed_on_two_devices_keeps_both_versions(backend: Backend) {
    with_app(backend, |app| async move {
        app.login_ok("verneombud").await;
        let reference = reference(&app).await;
        let (round_id, finding_id) = (id(), id());
        let item = &item_ids(&reference)[0];
        let original = finding(&round_id, &finding_id, item, Some("Løs ledning"));
        let results = push(
            &app,
            "a",
            &[create_round(&reference, &round_id), save(original.clone())],
        )
        .await;
        let seen_seq = results[1]["seq"].as_i64().expect("seq");

        let mut from_a = original.clone();
        from_a.observation = "Løs ledning ved tavla, strømførende".into();
        from_a.base_seq = seen_seq;
        let mut from_b = original.clone();
        from_b.observation = "Ledningen henger ned fra taket".into();
        from_b.base_seq = seen_seq;
        let a = push(&app, "a", &[save(from_a.clone())]).await;
        assert_eq!(codes(&a), ["applied"]);
        assert_eq!(a[0]["conflict"], false);
        let b = push(&app, "b", &[save(from_b.clone())]).await;
        assert_eq!(b[0]["status"], "applied");
        assert_eq!(b[0]["conflict"], true);

        let (_, page) = pull(&app, 0, 100).await;
        assert_eq!(page["more"], false, "the whole history in one page");
        let last = page["changes"]
            .as_array()
            .expect("changes")
            .last()
            .expect("change")
            .clone();
        assert_eq!(last["record"]["kind"], "finding");
        assert_eq!(last["record"]["observation"], from_a.observation);
        assert_eq!(last["record"]["conflicts"][0]["text"], from_b.observation);
        assert_eq!(last["record"]["conflicts"][0]["author"], "Vera Vik");

        let mut again_a = from_a.clone();
        again_a.observation = "Fikset midlertidig".into();
        let same_device = push(&app, "a", &[save(again_a)]).await;
        assert_eq!(codes(&same_device), ["applied"]);
        assert_eq!(
            same_device[0]["conflict"], false,
            "a device never conflicts with itself"
        );
        let (_, page) = pull(&app, 0, 100).await;
        assert_eq!(page["more"], false, "the whole history in one page");
        let last = page["changes"]
            .as_array()
            .and_then(|c| c.last())
            .expect("a change");
        assert_eq!(last["record"]["observation"], "Fikset midlertidig");
    })
    .await;
}
on_both_backends!(a_text_changed_on_two_devices_keeps_both_versions);

async fn finishing_opens_avvik_cases_and_locks_the_round(backend: Backend) {
    with_app(backend, |app| async move {
        app.login_ok("verneombud").await;
        let reference = reference(&app).await;
        let round_id = id();
        let items = item_ids(&reference);
        let first_avvik = id();
        let operations = vec![
            create_round(&reference, &round_id),
            save(finding(&round_id, &first_avvik, &items[0], Some("Brannslange mangler"))),
            save(finding(&round_id, &id(), &items[1], None)),
            save(finding(&round_id, &id(), &items[2], Some("Glatt trapp"))),
            finish(&round_id),
        ];
        let results = push(&app, "a", &operations).await;
        assert_eq!(codes(&results), ["applied"; 5]);
        let avvik = "SELECT COUNT(*) FROM avvik a JOIN findings f ON f.id = a.finding_id WHERE f.round_id = $1";
        assert_eq!(count(&app, avvik, &round_id).await, 2);
        assert_eq!(count(&app, "SELECT COUNT(*) FROM tiltak WHERE round_id = $1", &round_id).await, 2);
        let again = push(&app, "b", &[finish(&round_id)]).await;
        assert_eq!(codes(&again), ["applied"]);
        assert_eq!(count(&app, avvik, &round_id).await, 2, "no second set of cases");

        // A second participant's phone syncs after the sign-off.
        let late_avvik = id();
        let late = push(
            &app,
            "b",
            &[
                save(finding(&round_id, &id(), &items[3], None)),
                save(finding(&round_id, &late_avvik, &items[4], Some("Nødutgang låst"))),
                save(finding(&round_id, &first_avvik, &items[0], None)),
            ],
        )
        .await;
        let codes = codes(&late);
        assert_eq!(codes, ["round_finished", "applied", "round_finished"], "{late:?}");
        assert_eq!(count(&app, avvik, &round_id).await, 3, "the late avvik has its own case");
        let marked = "SELECT COUNT(*) FROM avvik WHERE finding_id = $1 AND late = 1";
        assert_eq!(count(&app, marked, &late_avvik).await, 1, "marked late");
        assert_eq!(count(&app, marked, &first_avvik).await, 0);
        // The refused changes changed nothing: four findings, the first still an avvik.
        assert_eq!(count(&app, FINDINGS_OF_ROUND, &round_id).await, 4);
        let still_avvik = "SELECT COUNT(*) FROM findings WHERE id = $1 AND answer = 'avvik'";
        assert_eq!(count(&app, still_avvik, &first_avvik).await, 1);
        let receipts: Vec<(String,)> = sqlx::query_as("SELECT receipt_no FROM avvik ORDER BY receipt_no")
            .fetch_all(app.db.pool())
            .await
            .expect("receipts");
        let receipts: Vec<&str> = receipts.iter().map(|(r,)| r.as_str()).collect();
        let year = vern::local_time::oslo_year(vern::db::now_ms());
        let expected: Vec<String> = (1..=3).map(|n| format!("AV-{year}-{n:04}")).collect();
        assert_eq!(receipts, expected);
    })
    .await;
}
on_both_backends!(finishing_opens_avvik_cases_and_locks_the_round);

async fn the_api_is_described_by_an_openapi_document(backend: Backend) {
    with_app(backend, |app| async move {
        let response = app.get("/api/v1/openapi.json").await;
        assert_eq!(response.status(), StatusCode::OK);
        let document: serde_json::Value = response.json().await.expect("json");
        assert!(
            document["openapi"]
                .as_str()
                .expect("version")
                .starts_with("3.")
        );
        for path in [
            "/api/v1/sync/push",
            "/api/v1/sync/pull",
            "/api/v1/sync/reference",
            "/api/v1/photos/{id}",
            "/api/v1/photos/{id}/thumb",
            "/api/v1/avvik/export.csv",
            "/api/v1/avvik/export.xlsx",
            "/api/v1/tiltak/export.csv",
            "/api/v1/tiltak/export.xlsx",
            "/api/v1/rounds/report.pdf",
            "/api/v1/avvik/statistikk.xlsx",
            "/api/v1/arshjul/enheter.xlsx",
        ] {
            assert!(document["paths"][path].is_object(), "{path} documented");
        }
    })
    .await;
}
on_both_backends!(the_api_is_described_by_an_openapi_document);

async fn data_that_clashes_is_refused_and_never_blocks_the_queue(backend: Backend) {
    with_app(backend, |app| async move {
        app.login_ok("verneombud").await;
        let reference = reference(&app).await;
        let (round_id, ghost_id, outside_id) = (id(), id(), id());
        let mut ghost = create_round(&reference, &ghost_id);
        ghost.data["participants"][0]["user_id"] = json!(id());
        let area = &reference.areas[0].id;
        let (elsewhere,): (String,) =
            sqlx::query_as("SELECT id FROM rooms WHERE verneomrade_id <> $1 ORDER BY id LIMIT 1")
                .bind(area)
                .fetch_one(app.db.pool())
                .await
                .expect("a room in another area");
        let items = item_ids(&reference);
        let mut outside = finding(&round_id, &outside_id, &items[0], None);
        outside.room_id = Some(elsewhere);
        let finding_id = id();
        let results = push(
            &app,
            "a",
            &[
                ghost,
                create_round(&reference, &round_id),
                save(outside),
                save(finding(
                    &round_id,
                    &finding_id,
                    &items[1],
                    Some("Mangler førstehjelpsskrin"),
                )),
            ],
        )
        .await;
        assert_eq!(
            codes(&results),
            ["invalid", "applied", "invalid", "applied"],
            "{results:?}"
        );
        assert_eq!(count(&app, ROUNDS_WITH_ID, &ghost_id).await, 0);
        let finding_rows = "SELECT COUNT(*) FROM findings WHERE id = $1";
        assert_eq!(count(&app, finding_rows, &outside_id).await, 0);
        assert_eq!(count(&app, FINDINGS_OF_ROUND, &round_id).await, 1);

        let mut stale = finding(&round_id, &finding_id, &items[1], None);
        stale.base_seq = 0;
        let results = push(&app, "b", &[save(stale)]).await;
        assert_eq!(codes(&results), ["applied"]);
        let (text,): (String,) = sqlx::query_as("SELECT observation FROM findings WHERE id = $1")
            .bind(&finding_id)
            .fetch_one(app.db.pool())
            .await
            .expect("finding");
        assert_eq!(
            text, "Mangler førstehjelpsskrin",
            "an unseen text is not erased by another device"
        );
        let (answer, probability): (String, Option<i64>) =
            sqlx::query_as("SELECT answer, probability FROM findings WHERE id = $1")
                .bind(&finding_id)
                .fetch_one(app.db.pool())
                .await
                .expect("finding");
        assert_eq!(
            (answer.as_str(), probability),
            ("avvik", Some(3)),
            "nor its avvik"
        );
    })
    .await;
}
on_both_backends!(data_that_clashes_is_refused_and_never_blocks_the_queue);
