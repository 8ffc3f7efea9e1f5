//! Building sync requests for the API tests.

use app::sync::protocol::{
    FindingInput, FinishRound, NewRound, Operation, OperationBody, SCHEMA_VERSION,
};
use app::sync::records::{Answer, Participant};
use app::sync::reference::ReferenceData;
use reqwest::StatusCode;
use serde_json::{Value, json};

use super::helpers::{TestApp, json_body};

/// A fresh UUIDv7.
pub fn id() -> String {
    uuid::Uuid::now_v7().to_string()
}

/// The reference data of the logged-in user.
pub async fn reference(app: &TestApp) -> ReferenceData {
    let response = app.get("/api/v1/sync/reference").await;
    assert_eq!(response.status(), StatusCode::OK);
    response.json().await.expect("reference json")
}

/// `POST /api/v1/sync/push` with a raw JSON body.
pub async fn push_raw(app: &TestApp, body: &Value) -> (StatusCode, Value) {
    push_raw_with(app, &app.client, body).await
}

/// `POST /api/v1/sync/push` with a raw JSON body from another client (phone).
pub async fn push_raw_with(
    app: &TestApp,
    client: &reqwest::Client,
    body: &Value,
) -> (StatusCode, Value) {
    let response = client
        .post(format!("{}/api/v1/sync/push", app.address))
        .header("origin", &app.address)
        .json(body)
        .send()
        .await
        .expect("push");
    let status = response.status();
    (status, json_body(response).await)
}

/// Pushes operations from `device` and returns the results array.
pub async fn push(app: &TestApp, device: &str, operations: &[Operation]) -> Vec<Value> {
    let body = json!({ "schema": SCHEMA_VERSION, "device_id": device, "operations": operations });
    let (status, answer) = push_raw(app, &body).await;
    assert_eq!(status, StatusCode::OK, "push: {answer}");
    let results = answer["results"].as_array().expect("results").clone();
    assert_eq!(results.len(), operations.len(), "one result per operation");
    results
}

/// Each result's rejection code, or `applied`. Anything else (a rejection
/// without its code, an unknown status) fails the test, so that a check for
/// "applied" cannot pass on a result that says nothing.
pub fn codes(results: &[Value]) -> Vec<&str> {
    results
        .iter()
        .map(|result| match result["status"].as_str() {
            Some("applied") => {
                assert!(result.get("code").is_none_or(Value::is_null), "{result}");
                "applied"
            }
            Some("rejected") => result["code"].as_str().expect("a rejection's code"),
            _ => panic!("not a push result: {result}"),
        })
        .collect()
}

/// `GET /api/v1/sync/pull`.
pub async fn pull(app: &TestApp, since: i64, limit: i64) -> (StatusCode, Value) {
    let response = app
        .get(&format!(
            "/api/v1/sync/pull?since={since}&limit={limit}&schema=1"
        ))
        .await;
    let status = response.status();
    (status, json_body(response).await)
}

/// A create_round operation in the first area of the reference data.
pub fn create_round(reference: &ReferenceData, round_id: &str) -> Operation {
    let area = &reference.areas[0];
    let body = OperationBody::CreateRound(NewRound {
        round_id: round_id.to_owned(),
        unit_id: area.unit_id.clone(),
        verneomrade_id: Some(area.id.clone()),
        checklist_version_id: reference
            .checklist
            .as_ref()
            .expect("checklist")
            .version_id
            .clone(),
        title: format!("Vernerunde {}", area.name),
        date: "2026-11-22".into(),
        participants: vec![Participant {
            id: id(),
            user_id: None,
            name: "Vera Vik".into(),
            role_label: "Verneombud".into(),
            signed: false,
        }],
    });
    Operation::new(id(), &body)
}

/// The checklist point ids of the reference checklist, in order.
pub fn item_ids(reference: &ReferenceData) -> Vec<String> {
    let checklist = reference.checklist.as_ref().expect("checklist");
    checklist
        .sections
        .iter()
        .flat_map(|section| section.items.iter().map(|item| item.id.clone()))
        .collect()
}

/// A finding input for a point, OK or an avvik with a text.
pub fn finding(
    round_id: &str,
    finding_id: &str,
    item_id: &str,
    avvik: Option<&str>,
) -> FindingInput {
    FindingInput {
        finding_id: finding_id.to_owned(),
        round_id: round_id.to_owned(),
        room_id: None,
        item_id: item_id.to_owned(),
        answer: if avvik.is_some() {
            Answer::Avvik
        } else {
            Answer::Ok
        },
        observation: avvik.unwrap_or_default().to_owned(),
        probability: avvik.map(|_| 3),
        consequence: avvik.map(|_| 4),
        suggested_measure: avvik.map(|_| "Rydd og merk".to_owned()).unwrap_or_default(),
        base_seq: 0,
    }
}

/// Wraps a finding input as an operation.
pub fn save(input: FindingInput) -> Operation {
    Operation::new(id(), &OperationBody::SaveFinding(input))
}

/// A finish_round operation.
pub fn finish(round_id: &str) -> Operation {
    let body = OperationBody::FinishRound(FinishRound {
        round_id: round_id.to_owned(),
        signed_by: vec![],
    });
    Operation::new(id(), &body)
}

/// Counts rows of a table matching a round.
pub async fn count(app: &TestApp, sql: &str, round_id: &str) -> i64 {
    let (n,): (i64,) = sqlx::query_as(sql)
        .bind(round_id)
        .fetch_one(app.db.pool())
        .await
        .expect("count");
    n
}
