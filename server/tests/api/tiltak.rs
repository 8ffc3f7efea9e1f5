//! Measures on a case: planned, changed and moved only by those who follow
//! up the case's unit, with every field checked (nothing saved when one is
//! refused), the status along the rule, and every change in the history
//! and on the case's timeline.

use reqwest::StatusCode;
use serde_json::Value;

use super::avvik_workflow::{open_case, refused_for};
use super::helpers::{Backend, TestApp, with_app};
use crate::on_both_backends;

/// The user id of a demo user.
pub async fn user_id(app: &TestApp, username: &str) -> String {
    let (id,): (String,) = sqlx::query_as("SELECT id FROM users WHERE username = $1")
        .bind(username)
        .fetch_one(app.db.pool())
        .await
        .expect("user");
    id
}

/// Adds a measure to `case` as the logged-in person.
pub async fn add(app: &TestApp, case: &str, fields: [&str; 4]) -> (StatusCode, Value) {
    let [description, responsible, due, cost] = fields;
    let form = [
        ("case_id", case),
        ("description", description),
        ("responsible", responsible),
        ("due", due),
        ("cost", cost),
    ];
    app.call("add_tiltak", &form).await
}

/// Moves a measure as the logged-in person.
pub async fn move_to(app: &TestApp, id: &str, to: &str, reason: &str) -> (StatusCode, Value) {
    app.call("move_tiltak", &[("id", id), ("to", to), ("reason", reason)])
        .await
}

/// A user `username` with `role` in `unit`, made by the HMS-ansvarlig (who
/// stays logged in on the app's client).
pub async fn grant_new_user(app: &TestApp, username: &str, role: &str, unit: &str) -> String {
    app.login_ok("hms").await;
    let form = [
        ("username", username),
        ("display_name", "Bente Bakke"),
        ("password", vern::demo::DEMO_PASSWORD),
    ];
    let (status, id) = app.call("create_user", &form).await;
    assert_eq!(status, StatusCode::OK, "{id}");
    let id = id.as_str().expect("user id").to_owned();
    let unit = app.unit_id(unit).await;
    let grant = [("user_id", id.as_str()), ("role", role), ("unit_id", &unit)];
    let (status, body) = app.call("grant_role", &grant).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    id
}

async fn tiltak_rows(app: &TestApp) -> i64 {
    let (count,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM tiltak")
        .fetch_one(app.db.pool())
        .await
        .expect("count");
    count
}

async fn history_actions(app: &TestApp, id: &str) -> Vec<String> {
    let rows: Vec<(String,)> = sqlx::query_as(
        "SELECT action FROM history WHERE entity_kind = 'tiltak' AND entity_id = $1 ORDER BY seq",
    )
    .bind(id)
    .fetch_all(app.db.pool())
    .await
    .expect("history");
    rows.into_iter().map(|(action,)| action).collect()
}

async fn a_leader_plans_a_measure_and_each_change_is_kept(backend: Backend) {
    with_app(backend, |app| async move {
        let case = open_case(&app, "Nordby skole", "case-tiltak").await;
        let lars = user_id(&app, "leder").await;
        let mona = user_id(&app, "medarbeider").await;
        app.login_ok("leder").await;
        let refusals = [
            (["  ", "", "2027-01-15", ""], "tiltak_description"),
            (["Nytt rekkverk", "", "15.01.2027", ""], "tiltak_due"),
            (["Nytt rekkverk", "", "2027-02-30", ""], "tiltak_due"),
            (["Nytt rekkverk", "", "2027-01-15", "-5"], "tiltak_cost"),
            (
                ["Nytt rekkverk", &mona, "2027-01-15", ""],
                "case_responsible",
            ),
        ];
        for (fields, reason) in refusals {
            let (status, body) = add(&app, &case, fields).await;
            assert_eq!(status, StatusCode::BAD_REQUEST, "{fields:?}");
            assert!(refused_for(&body, reason), "{fields:?}: {body}");
        }
        assert_eq!(tiltak_rows(&app).await, 0, "nothing refused is saved");
        let (status, id) = add(
            &app,
            &case,
            [" Nytt rekkverk ", &lars, "2027-01-15", "12 500"],
        )
        .await;
        assert_eq!(status, StatusCode::OK, "{id}");
        let id = id.as_str().expect("id").to_owned();
        let (status, body) = app
            .call(
                "edit_tiltak",
                &[
                    ("id", &id),
                    ("description", "Nytt rekkverk i trappa"),
                    ("responsible", &lars),
                    ("due", "2027-02-01"),
                ],
            )
            .await;
        assert_eq!(status, StatusCode::OK, "{body}");
        let (status, body) = move_to(&app, &id, "in_progress", "").await;
        assert_eq!(status, StatusCode::OK, "{body}");
        let (status, body) = move_to(&app, &id, "planned", "").await;
        assert!(refused_for(&body, "tiltak_move"), "{status} {body}");
        let (status, body) = move_to(&app, &id, "not_done", " ").await;
        assert!(refused_for(&body, "tiltak_reason"), "{status} {body}");
        let (status, body) = move_to(&app, &id, "not_done", "Trappa stenges og rives i mars").await;
        assert_eq!(status, StatusCode::OK, "{body}");

        let (status, view) = app.call("avvik_case", &[("id", &case)]).await;
        assert_eq!(status, StatusCode::OK, "{view}");
        let measure = &view["tiltak"][0];
        assert_eq!(
            measure["description"],
            Value::from("Nytt rekkverk i trappa")
        );
        assert_eq!(measure["due"], Value::from("2027-02-01"));
        assert_eq!(measure["cost"], Value::Null, "a cleared cost is cleared");
        assert_eq!(measure["state"], Value::from("not_done"));
        assert_eq!(
            measure["reason"],
            Value::from("Trappa stenges og rives i mars")
        );
        assert_eq!(measure["responsible"][1], Value::from("Lars Lie"));
        assert_eq!(measure["next"], serde_json::json!(["in_progress"]));
        assert_eq!(
            history_actions(&app, &id).await,
            ["created", "changed", "status_changed", "status_changed"]
        );
        let timeline = view["timeline"].to_string();
        assert!(timeline.contains(r#""Added""#), "{timeline}");
        assert!(timeline.contains("Trappa stenges"), "{timeline}");
        let (cost,): (Option<i64>,) = sqlx::query_as("SELECT cost_estimate FROM tiltak")
            .fetch_one(app.db.pool())
            .await
            .expect("row");
        assert_eq!(cost, None);
    })
    .await;
}
on_both_backends!(a_leader_plans_a_measure_and_each_change_is_kept);

async fn only_those_who_follow_up_the_unit_plan_its_measures(backend: Backend) {
    with_app(backend, |app| async move {
        let case = open_case(&app, "Nordby skole", "case-access").await;
        grant_new_user(&app, "bente", "leder", "Solsikken barnehage").await;
        let (status, id) = add(
            &app,
            &case,
            ["Skilt ved nødutgang", "", "2027-03-01", "800"],
        )
        .await;
        assert_eq!(status, StatusCode::OK, "the HMS-ansvarlig plans: {id}");
        let id = id.as_str().expect("id").to_owned();
        let expectations = [
            ("verneombud", StatusCode::FORBIDDEN),
            ("amu", StatusCode::FORBIDDEN),
            ("medarbeider", StatusCode::NOT_FOUND),
            ("bente", StatusCode::NOT_FOUND),
        ];
        for (who, expected) in expectations {
            app.login_ok(who).await;
            let (status, _) = add(&app, &case, ["Noe annet", "", "2027-03-01", ""]).await;
            assert_eq!(status, expected, "{who} adds");
            let (status, _) = move_to(&app, &id, "done", "").await;
            assert_eq!(status, expected, "{who} moves");
            let edit = [
                ("id", id.as_str()),
                ("description", "Endret"),
                ("due", "2027-03-02"),
            ];
            let (status, _) = app.call("edit_tiltak", &edit).await;
            assert_eq!(status, expected, "{who} edits");
        }
        assert_eq!(tiltak_rows(&app).await, 1);
        assert_eq!(history_actions(&app, &id).await, ["created"]);

        app.login_ok("amu").await;
        let (status, view) = app.call("avvik_case", &[("id", &case)]).await;
        assert_eq!(status, StatusCode::OK, "an AMU member reads the case");
        assert_eq!(view["may_comment"], Value::from(false));
        assert_eq!(view["follows_up"], Value::from(false));
        assert_eq!(view["tiltak"][0]["next"], serde_json::json!([]));
        app.login_ok("verneombud").await;
        let (_, view) = app.call("avvik_case", &[("id", &case)]).await;
        assert_eq!(
            view["may_comment"],
            Value::from(true),
            "a verneombud comments"
        );
    })
    .await;
}
on_both_backends!(only_those_who_follow_up_the_unit_plan_its_measures);

async fn two_moves_at_the_same_moment_move_a_measure_once(backend: Backend) {
    with_app(backend, |app| async move {
        let case = open_case(&app, "Nordby skole", "case-race").await;
        app.login_ok("leder").await;
        let (_, id) = add(&app, &case, ["Rydd lageret", "", "2027-01-10", ""]).await;
        let id = id.as_str().expect("id").to_owned();
        let (first, second) = tokio::join!(
            move_to(&app, &id, "done", ""),
            move_to(&app, &id, "done", "")
        );
        let mut statuses = [first.0, second.0];
        statuses.sort();
        assert_eq!(
            statuses,
            [StatusCode::OK, StatusCode::BAD_REQUEST],
            "{first:?} {second:?}"
        );
        assert_eq!(
            history_actions(&app, &id).await,
            ["created", "status_changed"]
        );
    })
    .await;
}
on_both_backends!(two_moves_at_the_same_moment_move_a_measure_once);
