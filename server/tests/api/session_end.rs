//! A session ends for real: after a logout, when its expiry has passed in
//! the database, and when its person is disabled. Each is checked by sending
//! the very same cookie again (a browser drops a cookie it is told to, so a
//! test that lets it would pass without the server ending anything).

use reqwest::StatusCode;
use serde_json::json;

use super::helpers::{Backend, TestApp, client, session_cookie, with_app};
use crate::on_both_backends;

/// A request with `cookie` set by hand (no cookie store).
async fn with_cookie(
    app: &TestApp,
    method: reqwest::Method,
    path: &str,
    cookie: &str,
) -> reqwest::Response {
    let request = client()
        .request(method.clone(), format!("{}{path}", app.address))
        .header("cookie", cookie)
        .header("origin", &app.address);
    let request = if method == reqwest::Method::POST {
        request.json(&json!({ "schema": 1, "device_id": "phone", "operations": [] }))
    } else {
        request
    };
    request.send().await.expect("request")
}

/// The cookie works for the API, the sync and the pages.
async fn assert_session_works(app: &TestApp, cookie: &str) {
    let me = with_cookie(app, reqwest::Method::GET, "/api/v1/me", cookie).await;
    assert_eq!(me.status(), StatusCode::OK);
    let push = with_cookie(app, reqwest::Method::POST, "/api/v1/sync/push", cookie).await;
    assert_eq!(push.status(), StatusCode::OK);
    let page = with_cookie(app, reqwest::Method::GET, "/", cookie).await;
    assert_eq!(page.status(), StatusCode::OK);
}

/// The cookie is refused everywhere, and pages say the session ran out.
async fn assert_session_ended(app: &TestApp, cookie: &str) {
    let me = with_cookie(app, reqwest::Method::GET, "/api/v1/me", cookie).await;
    assert_eq!(me.status(), StatusCode::UNAUTHORIZED);
    let push = with_cookie(app, reqwest::Method::POST, "/api/v1/sync/push", cookie).await;
    assert_eq!(push.status(), StatusCode::UNAUTHORIZED);
    let pull = with_cookie(
        app,
        reqwest::Method::GET,
        "/api/v1/sync/pull?since=0&schema=1",
        cookie,
    )
    .await;
    assert_eq!(pull.status(), StatusCode::UNAUTHORIZED);
    let page = with_cookie(app, reqwest::Method::GET, "/runder", cookie).await;
    assert_eq!(page.status(), StatusCode::SEE_OTHER);
    assert_eq!(page.headers()["location"], "/login?next=/runder&expired=1");
}

async fn sessions_of(app: &TestApp, username: &str) -> i64 {
    let (n,): (i64,) = sqlx::query_as(
        "SELECT COUNT(*) FROM sessions s JOIN users u ON u.id = s.user_id WHERE u.username = $1",
    )
    .bind(username)
    .fetch_one(app.db.pool())
    .await
    .expect("count sessions");
    n
}

async fn logout_ends_the_session_on_the_server(backend: Backend) {
    with_app(backend, |app| async move {
        let cookie = session_cookie(&app, "amu").await;
        assert_session_works(&app, &cookie).await;
        let response = client()
            .post(format!("{}/api/fn/logout", app.address))
            .header("cookie", &cookie)
            .header("origin", &app.address)
            .header("content-type", "application/x-www-form-urlencoded")
            .send()
            .await
            .expect("logout");
        assert_eq!(response.status(), StatusCode::OK);
        // A shared phone's HTTP cache keeps nothing of this person.
        assert_eq!(
            response
                .headers()
                .get("clear-site-data")
                .and_then(|value| value.to_str().ok()),
            Some("\"cache\"")
        );
        assert_eq!(sessions_of(&app, "amu").await, 0);
        assert_session_ended(&app, &cookie).await;
    })
    .await;
}
on_both_backends!(logout_ends_the_session_on_the_server);

async fn a_session_past_its_expiry_is_refused(backend: Backend) {
    with_app(backend, |app| async move {
        let cookie = session_cookie(&app, "verneombud").await;
        let other = session_cookie(&app, "verneombud").await;
        assert_session_works(&app, &cookie).await;
        // Only the first session runs out: its expiry is a second ago.
        let expired = sqlx::query("UPDATE sessions SET expires_at = $1 WHERE token_hash = $2")
            .bind(vern::db::now_ms() - 1000)
            .bind(stored_hash_of(&cookie))
            .execute(app.db.pool())
            .await
            .expect("expire the session");
        assert_eq!(expired.rows_affected(), 1);
        let (expired, live) = (cookie, other);
        assert_session_ended(&app, &expired).await;
        assert_session_works(&app, &live).await;
    })
    .await;
}
on_both_backends!(a_session_past_its_expiry_is_refused);

/// What the database stores for a session cookie (`name=token`).
fn stored_hash_of(cookie: &str) -> String {
    vern::auth::session::token_hash(cookie.split_once('=').expect("name=value").1)
}

async fn a_disabled_person_is_refused_at_once(backend: Backend) {
    with_app(backend, |app| async move {
        let cookie = session_cookie(&app, "verneombud").await;
        assert_session_works(&app, &cookie).await;
        sqlx::query("UPDATE users SET disabled_at = $1 WHERE username = 'verneombud'")
            .bind(vern::db::now_ms())
            .execute(app.db.pool())
            .await
            .expect("disable the user");
        assert_session_ended(&app, &cookie).await;
        let (status, _) = app.login("verneombud").await;
        assert_eq!(
            status,
            StatusCode::UNAUTHORIZED,
            "a disabled person cannot log in again"
        );
    })
    .await;
}
on_both_backends!(a_disabled_person_is_refused_at_once);
