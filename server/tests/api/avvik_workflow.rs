//! A case moves along the workflow only as the rule allows, only by those
//! who follow up its unit, once when two move it at the same moment, and
//! every move is in the history.

use reqwest::StatusCode;
use serde_json::Value;

use super::helpers::{Backend, TestApp, with_app};
use super::qr_reports::{form, new_client_id, post_json};
use crate::on_both_backends;

/// Opens a new case in `unit` and returns its id.
pub async fn open_case(app: &TestApp, unit: &str, id: &str) -> String {
    sqlx::query(
        "INSERT INTO avvik (id, unit_id, source, description, status, receipt_no, created_at, updated_at)
         SELECT $1, id, 'round', 'Løst rekkverk i trappa', 'open', $1, 1, 1 FROM org_units WHERE name = $2",
    )
    .bind(id)
    .bind(unit)
    .execute(app.db.pool())
    .await
    .expect("case");
    id.to_owned()
}

async fn move_to(app: &TestApp, id: &str, to: &str, note: &str) -> (StatusCode, Value) {
    app.call("move_avvik", &[("id", id), ("to", to), ("note", note)])
        .await
}

/// (status, closed note, rejected reason, closed) of the case.
async fn case_row(app: &TestApp, id: &str) -> (String, String, String, bool) {
    let (status, note, reason, closed_at): (String, String, String, Option<i64>) = sqlx::query_as(
        "SELECT status, closed_note, rejected_reason, closed_at FROM avvik WHERE id = $1",
    )
    .bind(id)
    .fetch_one(app.db.pool())
    .await
    .expect("case");
    (status, note, reason, closed_at.is_some())
}

async fn moves_in_history(app: &TestApp, id: &str) -> Vec<String> {
    let rows: Vec<(String,)> = sqlx::query_as(
        "SELECT data FROM history WHERE entity_id = $1 AND action = 'status_changed' ORDER BY seq",
    )
    .bind(id)
    .fetch_all(app.db.pool())
    .await
    .expect("history");
    rows.into_iter()
        .map(|(data,)| {
            let data: Value = serde_json::from_str(&data).expect("json");
            format!(
                "{}→{}",
                data["from"].as_str().unwrap_or("?"),
                data["to"].as_str().unwrap_or("?")
            )
        })
        .collect()
}

pub fn refused_for(body: &Value, reason: &str) -> bool {
    body.to_string().contains(reason)
}

async fn a_case_moves_only_as_the_rule_allows_and_each_move_is_kept(backend: Backend) {
    with_app(backend, |app| async move {
        let id = open_case(&app, "Nordby skole", "case-rule").await;
        app.login_ok("leder").await;
        let (status, body) = move_to(&app, &id, "closed", "Fikset").await;
        assert_eq!(
            status,
            StatusCode::BAD_REQUEST,
            "Ny cannot be closed at once"
        );
        assert!(refused_for(&body, "case_move"), "{body}");
        let (status, _) = move_to(&app, &id, "in_progress", "").await;
        assert_eq!(status, StatusCode::OK);
        let (status, body) = move_to(&app, &id, "closed", "   ").await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
        assert!(refused_for(&body, "case_close_note"), "{body}");
        let (status, _) = move_to(&app, &id, "measures_planned", "").await;
        assert_eq!(status, StatusCode::OK);
        let (status, _) = move_to(&app, &id, "closed", " Nytt rekkverk montert ").await;
        assert_eq!(status, StatusCode::OK);
        let closed = case_row(&app, &id).await;
        assert_eq!(
            closed,
            (
                "closed".into(),
                "Nytt rekkverk montert".into(),
                String::new(),
                true
            )
        );
        let (status, body) = move_to(&app, &id, "in_progress", "").await;
        assert!(refused_for(&body, "case_reopen_reason"), "{status} {body}");
        let (status, _) = move_to(&app, &id, "in_progress", "Rekkverket løsnet igjen").await;
        assert_eq!(status, StatusCode::OK);
        assert!(!case_row(&app, &id).await.3, "reopened: no longer closed");
        let (status, body) = move_to(&app, &id, "rejected", "").await;
        assert!(refused_for(&body, "case_reject_reason"), "{status} {body}");
        let (status, _) = move_to(&app, &id, "rejected", "Meldt to ganger; se AV-2026-0001").await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(
            case_row(&app, &id).await.2,
            "Meldt to ganger; se AV-2026-0001"
        );
        let (status, _) = move_to(&app, &id, "done", "").await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "an unknown state");
        assert_eq!(
            moves_in_history(&app, &id).await,
            [
                "open→in_progress",
                "in_progress→measures_planned",
                "measures_planned→closed",
                "closed→in_progress",
                "in_progress→rejected"
            ]
        );
    })
    .await;
}
on_both_backends!(a_case_moves_only_as_the_rule_allows_and_each_move_is_kept);

async fn only_those_who_follow_up_the_unit_move_its_cases(backend: Backend) {
    with_app(backend, |app| async move {
        let school = open_case(&app, "Nordby skole", "case-school").await;
        let nursing = open_case(&app, "Fjordvik sykehjem", "case-nursing").await;
        app.login_ok("verneombud").await;
        let (status, _) = move_to(&app, &school, "in_progress", "").await;
        assert_eq!(
            status,
            StatusCode::FORBIDDEN,
            "a verneombud reads and comments, never moves"
        );
        app.login_ok("medarbeider").await;
        let (status, _) = move_to(&app, &school, "in_progress", "").await;
        assert_eq!(status, StatusCode::NOT_FOUND, "no case for a medarbeider");
        app.login_ok("leder").await;
        let (status, _) = move_to(&app, &nursing, "in_progress", "").await;
        assert_eq!(
            status,
            StatusCode::NOT_FOUND,
            "another unit's case is not there for her"
        );
        let (status, _) = move_to(&app, "no-such-case", "in_progress", "").await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        app.login_ok("hms").await;
        let (status, _) = move_to(&app, &nursing, "in_progress", "").await;
        assert_eq!(
            status,
            StatusCode::OK,
            "the HMS-ansvarlig follows up everything below her"
        );
        assert_eq!(case_row(&app, &school).await.0, "open", "nothing moved it");
    })
    .await;
}
on_both_backends!(only_those_who_follow_up_the_unit_move_its_cases);

async fn two_moves_at_the_same_moment_move_the_case_once(backend: Backend) {
    with_app(backend, |app| async move {
        let id = open_case(&app, "Nordby skole", "case-race").await;
        app.login_ok("leder").await;
        let (first, second) = tokio::join!(
            move_to(&app, &id, "in_progress", ""),
            move_to(&app, &id, "in_progress", "")
        );
        let mut statuses = [first.0, second.0];
        statuses.sort();
        assert_eq!(statuses, [StatusCode::OK, StatusCode::BAD_REQUEST]);
        assert_eq!(moves_in_history(&app, &id).await, ["open→in_progress"]);
    })
    .await;
}
on_both_backends!(two_moves_at_the_same_moment_move_the_case_once);

async fn the_case_shows_its_steps_only_to_those_who_may_take_them(backend: Backend) {
    with_app(backend, |app| async move {
        let id = open_case(&app, "Nordby skole", "case-page").await;
        app.login_ok("leder").await;
        let (status, _) = move_to(&app, &id, "in_progress", "").await;
        assert_eq!(status, StatusCode::OK);
        let (status, case) = app.call("avvik_case", &[("id", &id)]).await;
        assert_eq!(status, StatusCode::OK, "{case}");
        assert_eq!(case["status"], Value::from("in_progress"));
        assert_eq!(
            case["next"],
            serde_json::json!(["measures_planned", "closed", "rejected"])
        );
        let moved = &case["timeline"][0];
        assert_eq!(moved["who"], Value::from("Lars Lie"));
        assert_eq!(moved["what"]["Moved"]["to"], Value::from("in_progress"));

        app.login_ok("verneombud").await;
        let (status, case) = app.call("avvik_case", &[("id", &id)]).await;
        assert_eq!(
            status,
            StatusCode::OK,
            "a verneombud reads her unit's cases"
        );
        assert_eq!(case["next"], serde_json::json!([]), "and takes no steps");
        app.login_ok("medarbeider").await;
        let (status, _) = app.call("avvik_case", &[("id", &id)]).await;
        assert_eq!(status, StatusCode::NOT_FOUND);
    })
    .await;
}
on_both_backends!(the_case_shows_its_steps_only_to_those_who_may_take_them);

async fn a_comment_is_internal_or_shown_on_the_reporters_status_link(backend: Backend) {
    with_app(backend, |app| async move {
        let (token,): (String,) =
            sqlx::query_as("SELECT qr_token FROM rooms WHERE name = 'Gymsal'")
                .fetch_one(app.db.pool())
                .await
                .expect("room");
        let (status, receipt) = post_json(&app, &token, form(&new_client_id(), &[])).await;
        assert!(status.is_success(), "{receipt}");
        let status_url = receipt["status_url"]
            .as_str()
            .expect("status link")
            .to_owned();
        let (id,): (String,) = sqlx::query_as("SELECT id FROM avvik WHERE source = 'qr'")
            .fetch_one(app.db.pool())
            .await
            .expect("case");
        let comment = |body: &'static str, visible: &'static str| {
            [
                ("id", id.clone()),
                ("body", body.to_owned()),
                ("visible", visible.to_owned()),
            ]
        };
        app.login_ok("verneombud").await;
        let (status, _) = app
            .call(
                "comment_avvik",
                &as_form(&comment("Matter flyttet midlertidig", "false")),
            )
            .await;
        assert_eq!(status, StatusCode::OK, "a verneombud comments");
        app.login_ok("leder").await;
        let (status, _) = app
            .call(
                "comment_avvik",
                &as_form(&comment("Vi har bestilt ny hylle", "true")),
            )
            .await;
        assert_eq!(status, StatusCode::OK);
        let (status, body) = app
            .call("comment_avvik", &as_form(&comment("  ", "true")))
            .await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
        assert!(refused_for(&body, "case_comment"), "{body}");
        app.login_ok("medarbeider").await;
        let (status, _) = app
            .call("comment_avvik", &as_form(&comment("Hei", "true")))
            .await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        app.login_ok("amu").await;
        let (status, _) = app
            .call("comment_avvik", &as_form(&comment("Hei fra AMU", "true")))
            .await;
        assert_eq!(status, StatusCode::FORBIDDEN, "AMU reads, and only reads");

        let page = reqwest::get(format!("{}{status_url}", app.address))
            .await
            .expect("status page")
            .text()
            .await
            .expect("html");
        assert!(
            page.contains("Vi har bestilt ny hylle"),
            "the reporter reads it"
        );
        assert!(
            !page.contains("Matter flyttet"),
            "an internal comment stays inside"
        );
        let (count,): (i64,) = sqlx::query_as(
            "SELECT COUNT(*) FROM history WHERE entity_id = $1 AND action = 'commented'",
        )
        .bind(&id)
        .fetch_one(app.db.pool())
        .await
        .expect("history");
        assert_eq!(count, 2);
    })
    .await;
}
on_both_backends!(a_comment_is_internal_or_shown_on_the_reporters_status_link);

/// The fields as the form helper takes them.
fn as_form<'a>(fields: &'a [(&'static str, String); 3]) -> Vec<(&'static str, &'a str)> {
    fields
        .iter()
        .map(|(name, value)| (*name, value.as_str()))
        .collect()
}

async fn a_case_is_assigned_to_someone_with_a_role_in_its_unit(backend: Backend) {
    with_app(backend, |app| async move {
        let school = open_case(&app, "Nordby skole", "case-assign").await;
        let nursing = open_case(&app, "Fjordvik sykehjem", "case-elsewhere").await;
        let (vera,): (String,) =
            sqlx::query_as("SELECT id FROM users WHERE username = 'verneombud'")
                .fetch_one(app.db.pool())
                .await
                .expect("vera");
        app.login_ok("leder").await;
        let (_, case) = app.call("avvik_case", &[("id", &school)]).await;
        let names: Vec<&str> = case["assignable"]
            .as_array()
            .expect("people")
            .iter()
            .filter_map(|person| person["name"].as_str())
            .collect();
        assert!(
            names.contains(&"Vera Vik") && names.contains(&"Lars Lie"),
            "{names:?}"
        );
        assert!(
            !names.contains(&"Mona Moe"),
            "a medarbeider could not open it"
        );
        let assign = [("id", school.as_str()), ("person", vera.as_str())];
        let (status, body) = app.call("assign_avvik", &assign).await;
        assert_eq!(status, StatusCode::OK, "{body}");

        app.login_ok("verneombud").await;
        let (_, page) = app
            .call("avvik_list", &[("filter[assigned_to_me]", "true")])
            .await;
        let ids: Vec<&str> = page["items"]
            .as_array()
            .expect("items")
            .iter()
            .filter_map(|item| item["id"].as_str())
            .collect();
        assert_eq!(ids, [school.as_str()], "Vera's own cases");
        let (status, _) = app
            .call("assign_avvik", &[("id", school.as_str()), ("person", "")])
            .await;
        assert_eq!(status, StatusCode::FORBIDDEN, "a verneombud assigns nobody");

        app.login_ok("hms").await;
        let elsewhere = [("id", nursing.as_str()), ("person", vera.as_str())];
        let (status, body) = app.call("assign_avvik", &elsewhere).await;
        assert_eq!(
            status,
            StatusCode::BAD_REQUEST,
            "Vera has no role at the nursing home"
        );
        assert!(refused_for(&body, "case_responsible"), "{body}");
        let (status, _) = app
            .call("assign_avvik", &[("id", school.as_str()), ("person", "")])
            .await;
        assert_eq!(status, StatusCode::OK, "nobody again");
        let (_, case) = app.call("avvik_case", &[("id", &school)]).await;
        assert_eq!(case["responsible"], Value::Null);
        let events: Vec<&Value> = case["timeline"]
            .as_array()
            .expect("timeline")
            .iter()
            .collect();
        assert_eq!(events[0]["what"]["Assigned"], Value::from("Vera Vik"));
        assert_eq!(events[1]["what"]["Assigned"], Value::Null);
    })
    .await;
}
on_both_backends!(a_case_is_assigned_to_someone_with_a_role_in_its_unit);
