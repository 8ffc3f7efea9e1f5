//! The scheduled work: a round's measure past its deadline opens one
//! follow-up case however many runs overlap, reminders reach each person
//! once, and nobody hears of another unit's cases.

use chrono::NaiveDate;
use reqwest::StatusCode;
use serde_json::{Value, json};
use vern::services::follow_up::run;

use super::avvik_workflow::open_case;
use super::helpers::{Backend, TestApp, with_app};
use super::tiltak::{grant_new_user, user_id};
use crate::on_both_backends;

/// Plans a measure on `case` straight in the database.
async fn plan(app: &TestApp, case: &str, id: &str, due: &str, status: &str, responsible: &str) {
    sqlx::query(
        "INSERT INTO tiltak (id, unit_id, avvik_id, description, responsible_user_id, due_date,
                             status, created_at, updated_at)
         SELECT $1, unit_id, id, $2, $3, $4, $5, 1, 1 FROM avvik WHERE id = $6",
    )
    .bind(id)
    .bind(format!("Tiltak {id}"))
    .bind(responsible)
    .bind(due)
    .bind(status)
    .bind(case)
    .execute(app.db.pool())
    .await
    .expect("measure");
}

/// (kind, user name, case id) of every notification, sorted.
async fn notices(app: &TestApp) -> Vec<(String, String, String)> {
    sqlx::query_as(
        "SELECT n.kind, u.username, n.avvik_id FROM notifications n JOIN users u ON u.id = n.user_id
         ORDER BY n.kind, u.username, n.avvik_id",
    )
    .fetch_all(app.db.pool())
    .await
    .expect("notifications")
}

fn day(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("date")
}

fn notice(kind: &str, user: &str, case: &str) -> (String, String, String) {
    (kind.to_owned(), user.to_owned(), case.to_owned())
}

async fn a_late_round_measure_opens_one_case_however_many_runs_overlap(backend: Backend) {
    with_app(backend, |app| async move {
        let lars = user_id(&app, "leder").await;
        let round_case = open_case(&app, "Nordby skole", "case-round").await;
        let qr_case = open_case(&app, "Nordby skole", "case-qr").await;
        sqlx::query("UPDATE avvik SET source = 'qr' WHERE id = $1")
            .bind(&qr_case)
            .execute(app.db.pool())
            .await
            .expect("a QR case");
        plan(&app, &round_case, "late", "2026-11-01", "planned", &lars).await;
        plan(&app, &round_case, "done", "2026-11-01", "done", &lars).await;
        plan(
            &app,
            &round_case,
            "soon",
            "2026-12-30",
            "in_progress",
            &lars,
        )
        .await;
        plan(&app, &qr_case, "qr-late", "2026-11-15", "planned", &lars).await;

        let today = day("2026-12-27");
        let (first, second) = tokio::join!(run(&app.db, today), run(&app.db, today));
        let (first, second) = (first.expect("run"), second.expect("run"));
        let third = run(&app.db, today).await.expect("run");
        assert_eq!(first.follow_ups + second.follow_ups + third.follow_ups, 1);
        assert_eq!(third.reminders, 0, "a later run tells nobody again");

        let cases: Vec<(String, String, String, String)> = sqlx::query_as(
            "SELECT a.id, a.description, a.status, a.receipt_no FROM avvik a
             JOIN org_units u ON u.id = a.unit_id
             WHERE a.follow_up_of = 'late' AND u.name = 'Nordby skole'",
        )
        .fetch_all(app.db.pool())
        .await
        .expect("follow-up cases");
        assert_eq!(cases.len(), 1, "{cases:?}");
        let (follow_up, text, status, receipt) = cases[0].clone();
        assert!(
            text.starts_with("Manglende oppfølging av tiltak.") && text.contains("01.11.2026"),
            "{text}"
        );
        assert!(text.ends_with("Tiltak late"), "{text}");
        assert_eq!(status, "open");
        assert!(
            receipt.ends_with("-0001"),
            "no case number was burnt: {receipt}"
        );
        let (others,): (i64,) =
            sqlx::query_as("SELECT COUNT(*) FROM avvik WHERE follow_up_of IS NOT NULL")
                .fetch_one(app.db.pool())
                .await
                .expect("count");
        assert_eq!(
            others, 1,
            "a QR case's, a done and a future measure open none"
        );
        let (entries,): (i64,) = sqlx::query_as(
            "SELECT COUNT(*) FROM history WHERE entity_id = $1 AND action = 'created'",
        )
        .bind(&follow_up)
        .fetch_one(app.db.pool())
        .await
        .expect("history");
        assert_eq!(entries, 1);

        assert_eq!(
            notices(&app).await,
            vec![
                notice("due_soon", "leder", &round_case),
                notice("follow_up", "leder", &follow_up),
                notice("follow_up", "verneombud", &follow_up),
                notice("overdue", "leder", &qr_case),
                notice("overdue", "leder", &round_case),
                notice("overdue", "verneombud", &qr_case),
                notice("overdue", "verneombud", &round_case),
            ],
            "the unit's leader and verneombud, and the responsible, each once"
        );

        app.login_ok("leder").await;
        let (status, view) = app.call("avvik_case", &[("id", &follow_up)]).await;
        assert_eq!(status, StatusCode::OK, "{view}");
        assert_eq!(view["timeline"][0]["what"], json!("Created"));
        assert_eq!(view["timeline"][0]["who"], Value::Null, "Vern opened it");
    })
    .await;
}
on_both_backends!(a_late_round_measure_opens_one_case_however_many_runs_overlap);

/// Sends a QR report from a demo room; returns the case id.
async fn report(app: &TestApp, room: &str) -> String {
    use super::qr_reports::{form, new_client_id, post_json, room as room_code};
    let (token, _) = room_code(app, room).await;
    let (status, receipt) = post_json(app, &token, form(&new_client_id(), &[])).await;
    assert!(status.is_success(), "{status} {receipt}");
    let (id,): (String,) = sqlx::query_as("SELECT id FROM avvik WHERE receipt_no = $1")
        .bind(receipt["receipt_no"].as_str().expect("receipt"))
        .fetch_one(app.db.pool())
        .await
        .expect("case");
    id
}

async fn notifications_reach_the_right_people_and_never_cross_units(backend: Backend) {
    with_app(backend, |app| async move {
        let bente = grant_new_user(&app, "bente", "leder", "Fjordvik sykehjem").await;
        let school = report(&app, "Naturfagrom").await;
        let home = report(&app, "Korttid, medisinrom").await;
        let vera = user_id(&app, "verneombud").await;

        app.login_ok("leder").await;
        let assign = [("id", school.as_str()), ("person", vera.as_str())];
        let (status, body) = app.call("assign_avvik", &assign).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        let comment = [("id", school.as_str()), ("body", "Ser på det i morgen")];
        let (status, body) = app.call("comment_avvik", &comment).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        app.login_ok("verneombud").await;
        let own = [("id", school.as_str()), ("body", "Sjekket i dag")];
        let (status, _) = app.call("comment_avvik", &own).await;
        assert_eq!(status, StatusCode::OK);

        assert_eq!(
            notices(&app).await,
            vec![
                notice("assigned", "verneombud", &school),
                notice("commented", "leder", &school),
                notice("commented", "verneombud", &school),
                notice("new_report", "bente", &home),
                notice("new_report", "leder", &school),
                notice("new_report", "verneombud", &school),
            ],
            "those who follow the case hear of a comment (Lars assigned it, Vera is responsible), \
             nobody of their own, nor of another unit's report"
        );

        let (status, list) = app.call("notifications", &[]).await;
        assert_eq!(status, StatusCode::OK, "{list}");
        let kinds: Vec<&str> = list["items"]
            .as_array()
            .expect("items")
            .iter()
            .map(|item| item["kind"].as_str().unwrap_or_default())
            .collect();
        assert_eq!(kinds.len(), 3, "{list}");
        assert!(
            kinds.contains(&"commented") && kinds.contains(&"assigned"),
            "{list}"
        );
        assert_eq!(list["unread"], json!(3));
        assert_eq!(list["items"][0]["case_id"], json!(school));
        let (_, unread) = app.call("notifications_unread", &[]).await;
        assert_eq!(unread, json!(3));
        let (status, _) = app.call("notifications_read", &[]).await;
        assert_eq!(status, StatusCode::OK);
        let (_, unread) = app.call("notifications_unread", &[]).await;
        assert_eq!(unread, json!(0));

        app.login_ok("leder").await;
        let (_, list) = app.call("notifications", &[]).await;
        assert_eq!(
            list["unread"],
            json!(2),
            "Lars's own list is untouched by Vera's reading: {list}"
        );
        assert_eq!(list["items"][0]["kind"], json!("commented"), "{list}");
        assert_eq!(list["items"][0]["case_id"], json!(school));

        // Bente leaves the nursing home: her list no longer names its case.
        app.login_ok("bente").await;
        let (_, list) = app.call("notifications", &[]).await;
        assert_eq!(list["items"][0]["case_id"], json!(home), "{list}");
        let (grant,): (String,) = sqlx::query_as("SELECT id FROM role_grants WHERE user_id = $1")
            .bind(&bente)
            .fetch_one(app.db.pool())
            .await
            .expect("grant");
        app.login_ok("hms").await;
        let (status, _) = app.call("revoke_role", &[("grant_id", &grant)]).await;
        assert_eq!(status, StatusCode::OK);
        app.login_ok("bente").await;
        let (status, list) = app.call("notifications", &[]).await;
        assert_eq!(status, StatusCode::OK, "{list}");
        assert_eq!(list, json!({ "items": [], "unread": 0 }));
        let (_, unread) = app.call("notifications_unread", &[]).await;
        assert_eq!(unread, json!(0));

        let stranger = super::helpers::client()
            .post(format!("{}/api/fn/notifications", app.address))
            .header("origin", &app.address)
            .send()
            .await
            .expect("request");
        assert_eq!(
            stranger.status(),
            StatusCode::UNAUTHORIZED,
            "no session, no list"
        );
    })
    .await;
}
on_both_backends!(notifications_reach_the_right_people_and_never_cross_units);
