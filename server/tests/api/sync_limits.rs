//! The sync API under hostile or unlucky input: bodies refused before they
//! are read, limits per operation, values the database cannot store, phones
//! pushing at the same moment, and operation ids per person in one form.

use std::time::Duration;

use futures::StreamExt;
use reqwest::StatusCode;
use serde_json::{Value, json};
use vern::sync::limits::{MAX_CONFLICT_COPIES, MAX_PARTICIPANTS};
use vern::sync::push::envelope::PUSH_BODY_LIMIT;

use super::helpers::{Backend, TestApp, client, json_body, with_app};
use super::sync_support::*;
use crate::on_both_backends;

/// Sends a push whose body starts with `prefix` and then never ends, so an
/// answer proves the server decided without reading the whole body.
async fn push_endless(
    app: &TestApp,
    client: &reqwest::Client,
    prefix: Vec<u8>,
    claimed_length: Option<u64>,
) -> (StatusCode, Value) {
    let first = futures::stream::once(async move { Ok::<_, std::io::Error>(prefix) });
    let body = reqwest::Body::wrap_stream(first.chain(futures::stream::pending()));
    let mut request = client
        .post(format!("{}/api/v1/sync/push", app.address))
        .header("origin", &app.address)
        .header("content-type", "application/json")
        .body(body);
    if let Some(length) = claimed_length {
        request = request.header("content-length", length);
    }
    let response = tokio::time::timeout(Duration::from_secs(10), request.send())
        .await
        .expect("the server answers without waiting for the rest of the body")
        .expect("response");
    let status = response.status();
    (status, json_body(response).await)
}

async fn a_push_is_refused_before_its_body_is_read(backend: Backend) {
    with_app(backend, |app| async move {
        let envelope = br#"{"schema":1,"device_id":"d","operations":["#.to_vec();
        let stranger = client();
        let (status, _) = push_endless(&app, &stranger, envelope.clone(), None).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED, "no session, no reading");

        app.login_ok("verneombud").await;
        let (status, body) =
            push_endless(&app, &app.client, envelope.clone(), Some(10_000_000)).await;
        assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE, "{body}");
        assert_eq!(body["error"], "payload_too_large");
        assert!(body["message"].as_str().is_some_and(|m| m.contains("MiB")));

        let mut long = envelope;
        long.resize(PUSH_BODY_LIMIT + 1, b' ');
        let (status, _) = push_endless(&app, &app.client, long, None).await;
        assert_eq!(
            status,
            StatusCode::PAYLOAD_TOO_LARGE,
            "a body without a length is counted"
        );
    })
    .await;
}
on_both_backends!(a_push_is_refused_before_its_body_is_read);

async fn operations_over_their_limits_are_refused_one_by_one(backend: Backend) {
    with_app(backend, |app| async move {
        app.login_ok("verneombud").await;
        let reference = reference(&app).await;
        let items = item_ids(&reference);
        let crowded_id = id();
        let mut crowded = create_round(&reference, &crowded_id);
        let person = crowded.data["participants"][0].clone();
        crowded.data["participants"] = (0..=MAX_PARTICIPANTS)
            .map(|_| {
                let mut p = person.clone();
                p["id"] = json!(id());
                p
            })
            .collect();
        let (round_id, padded_id, last_id) = (id(), id(), id());
        let mut padded = save(finding(&round_id, &padded_id, &items[0], None));
        padded.data["junk"] = json!("x".repeat(70_000));
        let nul_id = id();
        let nul = save(finding(
            &round_id,
            &nul_id,
            &items[1],
            Some("Lekkasje\u{0}i taket"),
        ));
        let mut crowded_finish = finish(&round_id);
        crowded_finish.data["signed_by"] = json!(vec![id(); MAX_PARTICIPANTS + 1]);
        let operations = [
            crowded,
            create_round(&reference, &round_id),
            padded,
            nul,
            crowded_finish,
            save(finding(&round_id, &last_id, &items[2], Some("Løs ledning"))),
        ];
        let results = push(&app, "a", &operations).await;
        let codes = codes(&results);
        assert_eq!(
            codes,
            [
                "too_large",
                "applied",
                "too_large",
                "invalid",
                "too_large",
                "applied"
            ],
            "{results:?}"
        );
        for result in results.iter().filter(|r| r["status"] == "rejected") {
            assert!(
                result["error"].as_str().is_some_and(|e| !e.is_empty()),
                "{result}"
            );
        }
        let stored = "SELECT COUNT(*) FROM rounds WHERE id = $1";
        assert_eq!(count(&app, stored, &crowded_id).await, 0);
        assert_eq!(count(&app, stored, &round_id).await, 1);
        let finding_rows = "SELECT COUNT(*) FROM findings WHERE id = $1";
        for refused in [&nul_id, &padded_id] {
            assert_eq!(count(&app, finding_rows, refused).await, 0);
        }
        assert_eq!(count(&app, finding_rows, &last_id).await, 1);
        let ongoing = "SELECT COUNT(*) FROM rounds WHERE id = $1 AND status = 'ongoing'";
        assert_eq!(count(&app, ongoing, &round_id).await, 1, "not finished");
    })
    .await;
}
on_both_backends!(operations_over_their_limits_are_refused_one_by_one);

const FINISHED: &str = "SELECT COUNT(*) FROM rounds WHERE id = $1 AND status = 'finished'";

async fn conflict_copies_of_a_finding_stop_at_a_limit(backend: Backend) {
    with_app(backend, |app| async move {
        app.login_ok("verneombud").await;
        let reference = reference(&app).await;
        let item = &item_ids(&reference)[0];
        let (round_id, finding_id) = (id(), id());
        let first = [
            create_round(&reference, &round_id),
            save(finding(&round_id, &finding_id, item, Some("Original"))),
        ];
        assert!(
            push(&app, "a", &first)
                .await
                .iter()
                .all(|r| r["status"] == "applied")
        );
        let stale: Vec<_> = (0..=MAX_CONFLICT_COPIES)
            .map(|n| {
                save(finding(
                    &round_id,
                    &finding_id,
                    item,
                    Some(&format!("Versjon {n}")),
                ))
            })
            .collect();
        let results = push(&app, "b", &stale).await;
        let (last, kept) = results.split_last().expect("results");
        assert!(
            kept.iter()
                .all(|r| r["status"] == "applied" && r["conflict"] == true),
            "{kept:?}"
        );
        assert_eq!(last["code"], "too_large", "{last}");
        let copies = "SELECT COUNT(*) FROM finding_conflicts WHERE finding_id = $1";
        assert_eq!(count(&app, copies, &finding_id).await, MAX_CONFLICT_COPIES);
    })
    .await;
}
on_both_backends!(conflict_copies_of_a_finding_stop_at_a_limit);

async fn phones_pushing_at_the_same_moment_never_get_a_500(backend: Backend) {
    with_app(backend, |app| async move {
        app.login_ok("verneombud").await;
        let reference = reference(&app).await;
        let items = item_ids(&reference);
        let pushes = (0..20).map(|n| {
            let round_id = id();
            let operations = vec![
                create_round(&reference, &round_id),
                save(finding(
                    &round_id,
                    &id(),
                    &items[0],
                    Some("Nødlys virker ikke"),
                )),
                save(finding(&round_id, &id(), &items[1], None)),
            ];
            let app = &app;
            async move { push(app, &format!("phone-{n}"), &operations).await }
        });
        for results in futures::future::join_all(pushes).await {
            assert!(
                results.iter().all(|r| r["status"] == "applied"),
                "{results:?}"
            );
        }
        let rounds = "SELECT COUNT(*) FROM rounds WHERE id <> $1";
        assert_eq!(count(&app, rounds, "-").await, 20);
    })
    .await;
}
on_both_backends!(
    phones_pushing_at_the_same_moment_never_get_a_500,
    multi_thread
);

async fn finishing_while_avvik_arrive_leaves_no_avvik_without_a_case(backend: Backend) {
    with_app(backend, |app| async move {
        app.login_ok("verneombud").await;
        let reference = reference(&app).await;
        let items = item_ids(&reference);
        for _ in 0..5 {
            let round_id = id();
            push(&app, "a", &[create_round(&reference, &round_id)]).await;
            let avvik = items.iter().take(6).enumerate().map(|(n, item)| {
                let op = save(finding(&round_id, &id(), item, Some("Sprukket flis")));
                let app = &app;
                async move { push(app, &format!("phone-{n}"), &[op]).await }
            });
            let sign_off = [finish(&round_id)];
            let signing = push(&app, "signer", &sign_off);
            let (saved, _signed) = tokio::join!(futures::future::join_all(avvik), signing);
            for results in saved {
                assert_eq!(results[0]["status"], "applied", "{results:?}");
            }
            let without_case = "SELECT COUNT(*) FROM findings f WHERE f.round_id = $1
                AND f.answer = 'avvik' AND NOT EXISTS (SELECT 1 FROM avvik a WHERE a.finding_id = f.id)";
            assert_eq!(count(&app, without_case, &round_id).await, 0);
            assert_eq!(count(&app, FINISHED, &round_id).await, 1);
        }
    })
    .await;
}
on_both_backends!(
    finishing_while_avvik_arrive_leaves_no_avvik_without_a_case,
    multi_thread
);

async fn operation_ids_belong_to_their_sender_in_any_case(backend: Backend) {
    with_app(backend, |app| async move {
        app.login_ok("verneombud").await;
        let reference = reference(&app).await;
        let round_id = id();
        let mut create = create_round(&reference, &round_id);
        create.id = create.id.to_uppercase();
        let first = push(&app, "a", std::slice::from_ref(&create)).await;
        assert_eq!(first[0]["status"], "applied", "{first:?}");
        assert_eq!(
            first[0]["op_id"],
            create.id.as_str(),
            "answered under the id as sent"
        );

        let mut lower = create.clone();
        lower.id = create.id.to_lowercase();
        let replay = push(&app, "a", std::slice::from_ref(&lower)).await;
        assert_eq!(replay[0]["status"], "applied", "{replay:?}");
        assert_eq!(
            replay[0]["seq"], first[0]["seq"],
            "the same operation, not a second one"
        );
        assert_eq!(
            count(&app, "SELECT COUNT(*) FROM rounds WHERE id = $1", &round_id).await,
            1
        );

        let other = app.logged_in("leder").await;
        let mut theirs = finish(&id());
        theirs.id = lower.id.clone();
        let body = json!({ "schema": 1, "device_id": "b", "operations": [theirs] });
        let (status, answer) = push_raw_with(&app, &other, &body).await;
        assert_eq!(status, StatusCode::OK, "{answer}");
        let result = &answer["results"][0];
        assert_eq!(
            result["code"], "not_found",
            "judged on its own, not Vera's result: {result}"
        );
        assert_eq!(
            result.get("seq"),
            Some(&Value::Null),
            "nothing applied, no number: {result}"
        );
    })
    .await;
}
on_both_backends!(operation_ids_belong_to_their_sender_in_any_case);

async fn pull_pages_are_bounded_in_bytes(backend: Backend) {
    with_app(backend, |app| async move {
        app.login_ok("verneombud").await;
        let reference = reference(&app).await;
        let items = item_ids(&reference);
        let round_id = id();
        let long = "€".repeat(4000);
        let mut operations = vec![create_round(&reference, &round_id)];
        for n in 0..60 {
            let mut input = finding(&round_id, &id(), &items[n % items.len()], Some(&long));
            input.suggested_measure = long.clone();
            operations.push(save(input));
        }
        let results = push(&app, "a", &operations).await;
        assert_eq!(codes(&results), ["applied"; 61]);
        let pushed: Vec<i64> = results
            .iter()
            .map(|r| r["seq"].as_i64().expect("seq"))
            .collect();

        let (status, page) = pull(&app, 0, 1000).await;
        assert_eq!(status, StatusCode::OK);
        let size = page.to_string().len();
        assert_eq!(page["more"], true, "one page of {size} bytes");
        assert!(size < 1024 * 1024 + 64 * 1024, "{size} bytes");
        let mut seqs = seqs_of(&page);
        let mut since = page["next_since"].as_i64().expect("next_since");
        loop {
            let (_, page) = pull(&app, since, 1000).await;
            seqs.extend(seqs_of(&page));
            since = page["next_since"].as_i64().expect("next_since");
            if page["more"] != true {
                break;
            }
        }
        assert_eq!(seqs, pushed, "every change once, in order");
    })
    .await;
}

fn seqs_of(page: &Value) -> Vec<i64> {
    let changes = page["changes"].as_array().expect("changes");
    changes.iter().filter_map(|c| c["seq"].as_i64()).collect()
}
on_both_backends!(pull_pages_are_bounded_in_bytes);

async fn every_documented_pull_parameter_works_in_a_real_request(backend: Backend) {
    with_app(backend, |app| async move {
        let response = app.get("/api/v1/openapi.json").await;
        let document: Value = response.json().await.expect("json");
        let parameters = document["paths"]["/api/v1/sync/pull"]["get"]["parameters"]
            .as_array()
            .expect("pull parameters")
            .clone();
        for parameter in &parameters {
            assert_eq!(parameter["in"], "query", "{parameter}");
        }
        let mut names: Vec<&str> = parameters
            .iter()
            .filter_map(|p| p["name"].as_str())
            .collect();
        names.sort_unstable();
        assert_eq!(names, ["limit", "schema", "scope", "since"]);
        let example = |name: &str| match name {
            "schema" => "1",
            "scope" => "0123456789abcdef",
            _ => "5",
        };
        let query = |all: bool| {
            parameters
                .iter()
                .filter(|p| all || p["required"] == true)
                .map(|p| {
                    let name = p["name"].as_str().expect("name");
                    format!("{name}={}", example(name))
                })
                .collect::<Vec<_>>()
                .join("&")
        };
        app.login_ok("verneombud").await;
        for all in [false, true] {
            let response = app.get(&format!("/api/v1/sync/pull?{}", query(all))).await;
            assert_eq!(
                response.status(),
                StatusCode::OK,
                "with all parameters: {all}"
            );
        }
        let mut required: Vec<&str> = parameters
            .iter()
            .filter(|p| p["required"] == true)
            .filter_map(|p| p["name"].as_str())
            .collect();
        required.sort_unstable();
        assert_eq!(
            required,
            ["schema", "since"],
            "limit and scope have defaults"
        );
    })
    .await;
}
on_both_backends!(every_documented_pull_parameter_works_in_a_real_request);
