//! A device's pull cursor starts over when what its person may see changes
//! (another person on the phone, a role granted), so that rounds of newly
//! visible units arrive in full.

use app::domain::roles::Role;
use reqwest::StatusCode;
use serde_json::Value;

use super::helpers::{Backend, TestApp, with_app};
use super::sync_support::*;
use crate::on_both_backends;

/// A pull as the phone sends it: its cursor and the scope it was reached under.
async fn pull_from(app: &TestApp, since: i64, scope: &str) -> Value {
    let path = format!("/api/v1/sync/pull?since={since}&limit=1000&schema=1&scope={scope}");
    let response = app.get(&path).await;
    assert_eq!(response.status(), StatusCode::OK);
    response.json().await.expect("json")
}

fn round_ids(page: &Value) -> Vec<String> {
    let changes = page["changes"].as_array().expect("changes");
    changes
        .iter()
        .filter(|c| c["record"]["kind"] == "round")
        .filter_map(|c| c["record"]["id"].as_str().map(str::to_owned))
        .collect()
}

/// Pulls to the end and answers (cursor, scope).
async fn pull_to_end(app: &TestApp) -> (i64, String) {
    let (status, page) = pull(app, 0, 1000).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(page["more"], false);
    let scope = page["scope"].as_str().expect("scope").to_owned();
    (page["next_since"].as_i64().expect("cursor"), scope)
}

async fn a_pull_starts_over_when_what_the_person_may_see_changes(backend: Backend) {
    with_app(backend, |app| async move {
        app.login_ok("verneombud").await;
        let reference = reference(&app).await;
        let round_id = id();
        push(&app, "a", &[create_round(&reference, &round_id)]).await;
        let (cursor, scope) = pull_to_end(&app).await;
        assert!(cursor > 0);
        let same = pull_from(&app, cursor, &scope).await;
        assert!(round_ids(&same).is_empty(), "nothing new: {same}");
        assert_eq!(same["scope"], scope.as_str());

        // Another person logs in on the same phone and goes on from its cursor.
        app.login_ok("hvo").await;
        let theirs = pull_from(&app, cursor, &scope).await;
        assert_ne!(theirs["scope"].as_str().expect("scope"), scope);
        assert!(round_ids(&theirs).contains(&round_id), "{theirs}");

        // A role granted: Lars, leder at Nordby skole, gets a role in the whole kommune.
        app.login_ok("leder").await;
        let (cursor, scope) = pull_to_end(&app).await;
        let (user_id,): (String,) = sqlx::query_as("SELECT id FROM users WHERE username = $1")
            .bind("leder")
            .fetch_one(app.db.pool())
            .await
            .expect("user");
        let kommune = app.unit_id(vern::demo::organisation::KOMMUNE).await;
        let grant = id();
        vern::db::grants::insert(
            app.db.pool(),
            &grant,
            &user_id,
            &kommune,
            Role::Leder,
            None,
            0,
        )
        .await
        .expect("grant");
        let wider = pull_from(&app, cursor, &scope).await;
        assert_ne!(wider["scope"].as_str().expect("scope"), scope);
        assert_eq!(
            wider["changes"][0]["seq"].as_i64().map(|seq| seq <= cursor),
            Some(true),
            "starts from the beginning: {wider}"
        );
    })
    .await;
}
on_both_backends!(a_pull_starts_over_when_what_the_person_may_see_changes);
