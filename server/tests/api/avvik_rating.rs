//! A leader re-rates a case's risk with the first rating kept, and a case
//! shows its photos to everyone who reads it (the verneombud of its area
//! included) and to nobody else.

use reqwest::StatusCode;
use serde_json::{Value, json};

use super::avvik_workflow::{open_case, refused_for};
use super::helpers::{Backend, TestApp, with_app};
use super::photos::jpeg_with_exif;
use super::qr_reports::{form, new_client_id, post_json, room, with_photo};
use crate::on_both_backends;

async fn rerate(
    app: &TestApp,
    id: &str,
    probability: &str,
    consequence: &str,
) -> (StatusCode, Value) {
    let form = [
        ("id", id),
        ("probability", probability),
        ("consequence", consequence),
    ];
    app.call("rerate_avvik", &form).await
}

/// (probability, consequence, leader's probability, leader's consequence, score).
async fn ratings(app: &TestApp, id: &str) -> [Option<i64>; 5] {
    let row: (Option<i64>, Option<i64>, Option<i64>, Option<i64>, i64) = sqlx::query_as(
        "SELECT probability, consequence, leader_probability, leader_consequence, risk_score
         FROM avvik WHERE id = $1",
    )
    .bind(id)
    .fetch_one(app.db.pool())
    .await
    .expect("case");
    [row.0, row.1, row.2, row.3, Some(row.4)]
}

async fn rerated_in_history(app: &TestApp, id: &str) -> Vec<Value> {
    let rows: Vec<(String,)> = sqlx::query_as(
        "SELECT data FROM history WHERE entity_id = $1 AND action = 'rerated' ORDER BY seq",
    )
    .bind(id)
    .fetch_all(app.db.pool())
    .await
    .expect("history");
    rows.iter()
        .map(|(data,)| serde_json::from_str(data).expect("json"))
        .collect()
}

async fn a_leader_rates_a_case_again_and_both_ratings_are_kept(backend: Backend) {
    with_app(backend, |app| async move {
        let case = open_case(&app, "Nordby skole", "case-rating").await;
        sqlx::query(
            "UPDATE avvik SET probability = 2, consequence = 2, risk_score = 4 WHERE id = $1",
        )
        .bind(&case)
        .execute(app.db.pool())
        .await
        .expect("first rating");

        app.login_ok("verneombud").await;
        let (status, _) = rerate(&app, &case, "4", "5").await;
        assert_eq!(
            status,
            StatusCode::FORBIDDEN,
            "a verneombud reads, not re-rates"
        );
        app.login_ok("medarbeider").await;
        let (status, _) = rerate(&app, &case, "4", "5").await;
        assert_eq!(
            status,
            StatusCode::NOT_FOUND,
            "a medarbeider does not see the case"
        );

        app.login_ok("leder").await;
        for (p, c) in [("0", "3"), ("3", "6"), ("-1", "2")] {
            let (status, body) = rerate(&app, &case, p, c).await;
            assert_eq!(status, StatusCode::BAD_REQUEST, "{p} × {c}");
            assert!(refused_for(&body, "risk_rating"), "{body}");
        }
        assert_eq!(
            ratings(&app, &case).await,
            [Some(2), Some(2), None, None, Some(4)]
        );
        let (status, body) = rerate(&app, &case, "4", "5").await;
        assert_eq!(status, StatusCode::OK, "{body}");
        assert_eq!(
            ratings(&app, &case).await,
            [Some(2), Some(2), Some(4), Some(5), Some(20)],
            "the round's rating stays, the leader's decides the score"
        );
        let (_, view) = app.call("avvik_case", &[("id", &case)]).await;
        assert_eq!(
            view["rating"]["first"],
            json!({"probability": 2, "consequence": 2})
        );
        assert_eq!(
            view["rating"]["leader"],
            json!({"probability": 4, "consequence": 5})
        );
        assert_eq!(view["score"], json!(20));
        let timeline = view["timeline"].as_array().expect("timeline");
        let last = timeline.last().expect("an event");
        assert_eq!(
            last["what"]["Rerated"],
            json!({"probability": 4, "consequence": 5})
        );
        assert_eq!(last["who"], json!("Lars Lie"));
        let (_, list) = app.call("avvik_list", &[]).await;
        let first = &list["items"][0];
        assert_eq!(
            first["id"],
            json!(case),
            "the new score sorts it first: {list}"
        );

        sqlx::query("UPDATE avvik SET status = 'closed' WHERE id = $1")
            .bind(&case)
            .execute(app.db.pool())
            .await
            .expect("close");
        let (status, body) = rerate(&app, &case, "1", "1").await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
        assert!(refused_for(&body, "risk_closed"), "{body}");
        assert_eq!(
            ratings(&app, &case).await[4],
            Some(20),
            "a closed case keeps its rating"
        );
        let history = rerated_in_history(&app, &case).await;
        assert_eq!(history.len(), 1, "one re-rating, one entry: {history:?}");
        assert_eq!(history[0]["score"], json!(20));
    })
    .await;
}
on_both_backends!(a_leader_rates_a_case_again_and_both_ratings_are_kept);

async fn a_cases_photos_show_to_those_who_read_it(backend: Backend) {
    with_app(backend, |app| async move {
        let (token, _) = room(&app, "Korttid, medisinrom").await;
        let client_id = new_client_id();
        let report = with_photo(form(&client_id, &[]), jpeg_with_exif(3), "image/jpeg");
        let (status, receipt) = post_json(&app, &token, report).await;
        assert!(status.is_success(), "{status} {receipt}");
        let (case,): (String,) = sqlx::query_as("SELECT id FROM avvik WHERE receipt_no = $1")
            .bind(receipt["receipt_no"].as_str().expect("receipt"))
            .fetch_one(app.db.pool())
            .await
            .expect("case");

        app.login_ok("hms").await;
        let (status, view) = app.call("avvik_case", &[("id", &case)]).await;
        assert_eq!(status, StatusCode::OK, "{view}");
        let photos = view["photos"].as_array().expect("photos").clone();
        assert_eq!(photos.len(), 1, "{view}");
        let photo = photos[0].as_str().expect("id").to_owned();
        let thumb = app.get(&format!("/api/v1/photos/{photo}/thumb")).await;
        assert_eq!(thumb.status(), StatusCode::OK);
        assert_eq!(view["rating"]["words"], json!("high"), "the reporter's words");
        assert_eq!(view["rating"]["first"], Value::Null);

        // Vera has no role at the nursing home: its photos are closed to
        // her until she covers the room's area.
        app.login_ok("verneombud").await;
        let path = format!("/api/v1/photos/{photo}");
        assert_eq!(app.get(&path).await.status(), StatusCode::FORBIDDEN);
        sqlx::query(
            "UPDATE verneomrader SET verneombud_id = (SELECT id FROM users WHERE username = 'verneombud')
             WHERE name = 'Sykehjemmet'",
        )
        .execute(app.db.pool())
        .await
        .expect("cover");
        let (status, view) = app.call("avvik_case", &[("id", &case)]).await;
        assert_eq!(status, StatusCode::OK, "{view}");
        let full = app.get(&path).await;
        assert_eq!(full.status(), StatusCode::OK, "the area's verneombud sees it");
        assert_eq!(full.headers()["content-type"], "image/jpeg");

        app.login_ok("medarbeider").await;
        assert_eq!(app.get(&path).await.status(), StatusCode::FORBIDDEN);
    })
    .await;
}
on_both_backends!(a_cases_photos_show_to_those_who_read_it);
