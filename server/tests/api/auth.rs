//! Login, wrong password, rate limit, sessions across restarts, logout, CSRF.

use reqwest::StatusCode;
use serde_json::json;

use super::helpers::{Backend, TestDatabase, start, with_app};
use crate::on_both_backends;

async fn login_succeeds_and_sets_a_session_cookie(backend: Backend) {
    with_app(backend, |app| async move {
        let response = app
            .client
            .post(format!("{}/api/fn/login", app.address))
            .header("origin", &app.address)
            .form(&[
                ("username", "verneombud"),
                ("password", vern::demo::DEMO_PASSWORD),
                ("next", "/admin/users"),
            ])
            .send()
            .await
            .expect("request");
        assert_eq!(response.status(), StatusCode::OK);
        let cookie = response
            .headers()
            .get("set-cookie")
            .and_then(|v| v.to_str().ok())
            .expect("a session cookie")
            .to_owned();
        assert!(
            cookie.starts_with("vern_session=")
                && cookie.contains("HttpOnly")
                && cookie.contains("SameSite=Lax")
        );
        let next: String = response.json().await.expect("json");
        assert_eq!(next, "/admin/users");

        let me: serde_json::Value = app.get("/api/v1/me").await.json().await.expect("json");
        assert_eq!(me["username"], "verneombud");
        assert_eq!(me["grants"][0]["role"], "verneombud");
    })
    .await;
}
on_both_backends!(login_succeeds_and_sets_a_session_cookie);

async fn wrong_password_and_unknown_user_get_the_same_401(backend: Backend) {
    with_app(backend, |app| async move {
        let (status, body) = app
            .call(
                "login",
                &[("username", "leder"), ("password", "feil-passord")],
            )
            .await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
        assert_eq!(body, json!("InvalidCredentials"));
        let (status, body) = app
            .call(
                "login",
                &[("username", "nobody"), ("password", "feil-passord")],
            )
            .await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
        assert_eq!(body, json!("InvalidCredentials"));
        assert_eq!(
            app.get("/api/v1/me").await.status(),
            StatusCode::UNAUTHORIZED
        );
    })
    .await;
}
on_both_backends!(wrong_password_and_unknown_user_get_the_same_401);

async fn repeated_failures_pause_logins_for_that_user(backend: Backend) {
    with_app(backend, |app| async move {
        for _ in 0..5 {
            let (status, _) = app
                .call(
                    "login",
                    &[("username", "leder"), ("password", "gjetting-123")],
                )
                .await;
            assert_eq!(status, StatusCode::UNAUTHORIZED);
        }
        // Even the right password is refused while paused, with the wait in the answer.
        let (status, body) = app.login("leder").await;
        assert_eq!(status, StatusCode::TOO_MANY_REQUESTS, "{body}");
        let wait = body["RateLimited"]["retry_after_secs"]
            .as_u64()
            .expect("retry_after_secs");
        assert!((60..=900).contains(&wait), "wait {wait}");
        let response = app
            .client
            .post(format!("{}/api/fn/login", app.address))
            .header("origin", &app.address)
            .form(&[
                ("username", "leder"),
                ("password", vern::demo::DEMO_PASSWORD),
            ])
            .send()
            .await
            .expect("request");
        assert_eq!(response.status(), StatusCode::TOO_MANY_REQUESTS);
        let header = response.headers().get("retry-after").expect("Retry-After");
        let header: u64 = header
            .to_str()
            .ok()
            .and_then(|v| v.parse().ok())
            .expect("seconds");
        assert!(
            header.abs_diff(wait) <= 2,
            "Retry-After {header} for a wait of {wait}"
        );
        // Another user is not affected.
        app.login_ok("verneombud").await;
    })
    .await;
}
on_both_backends!(repeated_failures_pause_logins_for_that_user);

async fn a_session_survives_a_server_restart(backend: Backend) {
    let Some(database) = TestDatabase::create(backend).await else {
        return;
    };
    let first = start(&database.url).await;
    vern::demo::seed(&first.db).await.expect("seed");
    first.login_ok("leder").await;
    let client = first.client.clone();
    first.stop().await;

    let second = start(&database.url).await;
    let me = client
        .get(format!("{}/api/v1/me", second.address))
        .send()
        .await
        .expect("request");
    // The cookie store is keyed by host, and both servers run on 127.0.0.1.
    assert_eq!(me.status(), StatusCode::OK);
    let me: serde_json::Value = me.json().await.expect("json");
    assert_eq!(me["username"], "leder");
    second.stop().await;
    database.drop_now().await;
}
on_both_backends!(a_session_survives_a_server_restart);

async fn cookie_writes_without_our_origin_are_refused(backend: Backend) {
    with_app(backend, |app| async move {
        app.login_ok("hms").await;
        let form = [
            ("username", "ny.bruker"),
            ("display_name", "Ny Bruker"),
            ("password", "langt-passord-1"),
        ];
        let url = format!("{}/api/fn/create_user", app.address);
        let no_origin = app
            .client
            .post(&url)
            .form(&form)
            .send()
            .await
            .expect("request");
        assert_eq!(no_origin.status(), StatusCode::FORBIDDEN);
        let evil = app
            .client
            .post(&url)
            .header("origin", "http://evil.example")
            .form(&form)
            .send()
            .await
            .expect("request");
        assert_eq!(evil.status(), StatusCode::FORBIDDEN);
        let cross_site = app
            .client
            .post(&url)
            .header("origin", &app.address)
            .header("sec-fetch-site", "cross-site")
            .form(&form)
            .send()
            .await
            .expect("request");
        assert_eq!(cross_site.status(), StatusCode::FORBIDDEN);
        assert!(
            vern::db::users::by_username(app.db.pool(), "ny.bruker")
                .await
                .expect("query")
                .is_none()
        );
        // The same write from our own page goes through.
        let (status, body) = app.call("create_user", &form).await;
        assert_eq!(status, StatusCode::OK, "{body}");
    })
    .await;
}
on_both_backends!(cookie_writes_without_our_origin_are_refused);

async fn pages_send_visitors_without_a_session_to_login(backend: Backend) {
    with_app(backend, |app| async move {
        let response = app.get("/admin/users").await;
        assert_eq!(response.status(), StatusCode::SEE_OTHER);
        assert_eq!(response.headers()["location"], "/login?next=/admin/users");
        let stale = app
            .client
            .get(format!("{}/", app.address))
            .header("cookie", "vern_session=not-a-real-session")
            .send()
            .await
            .expect("request");
        assert_eq!(stale.headers()["location"], "/login?next=/&expired=1");
    })
    .await;
}
on_both_backends!(pages_send_visitors_without_a_session_to_login);

async fn many_failures_from_one_address_pause_it_for_every_username(backend: Backend) {
    with_app(backend, |app| async move {
        for attempt in 0..30 {
            let username = format!("gjett{attempt}");
            let (status, _) = app
                .call(
                    "login",
                    &[("username", &username), ("password", "gjetting-123")],
                )
                .await;
            assert_eq!(status, StatusCode::UNAUTHORIZED, "attempt {attempt}");
        }
        let (status, body) = app.login("leder").await;
        assert_eq!(status, StatusCode::TOO_MANY_REQUESTS, "{body}");
    })
    .await;
}
on_both_backends!(many_failures_from_one_address_pause_it_for_every_username);

async fn a_crafted_next_never_leads_off_site_after_login(backend: Backend) {
    with_app(backend, |app| async move {
        // What the login page reads from `/login?next=…` once the query is decoded.
        for crafted in [
            "/\t/evil.example",
            "/\n/evil.example",
            "/\\evil.example",
            "//evil.example",
            "/%2F/evil.example",
            "/%09/evil.example",
            "https://evil.example",
        ] {
            let (status, next) = app
                .call(
                    "login",
                    &[
                        ("username", "leder"),
                        ("password", vern::demo::DEMO_PASSWORD),
                        ("next", crafted),
                    ],
                )
                .await;
            assert_eq!(status, StatusCode::OK);
            assert_eq!(next, json!("/"), "{crafted:?}");
        }
        let (_, next) = app
            .call(
                "login",
                &[
                    ("username", "leder"),
                    ("password", vern::demo::DEMO_PASSWORD),
                    ("next", "/runde?id=7"),
                ],
            )
            .await;
        assert_eq!(next, json!("/runde?id=7"), "a local path is followed");
    })
    .await;
}
on_both_backends!(a_crafted_next_never_leads_off_site_after_login);

async fn an_extended_session_sends_its_cookie_again(backend: Backend) {
    with_app(backend, |app| async move {
        app.login_ok("leder").await;
        let fresh = app.get("/api/v1/me").await;
        assert_eq!(fresh.status(), StatusCode::OK);
        assert!(
            fresh.headers().get("set-cookie").is_none(),
            "nothing to renew yet"
        );

        // Ten minutes idle, a day left: the next request extends the session.
        let now = vern::db::now_ms();
        sqlx::query("UPDATE sessions SET last_seen_at = $1, expires_at = $2")
            .bind(now - 10 * 60_000)
            .bind(now + 24 * 3_600_000)
            .execute(app.db.pool())
            .await
            .expect("age the session");
        let renewed = app.get("/api/v1/me").await;
        assert_eq!(renewed.status(), StatusCode::OK);
        let cookie = renewed
            .headers()
            .get("set-cookie")
            .and_then(|value| value.to_str().ok())
            .expect("the cookie is sent again")
            .to_owned();
        let thirty_days = 30 * 24 * 3600;
        assert!(cookie.starts_with("vern_session="), "{cookie}");
        assert!(
            cookie.contains(&format!("Max-Age={thirty_days}")),
            "{cookie}"
        );
        let (expires,): (i64,) = sqlx::query_as("SELECT expires_at FROM sessions")
            .fetch_one(app.db.pool())
            .await
            .expect("session");
        assert!(
            expires > now + 29 * 24 * 3_600_000,
            "the server extended it too"
        );
        assert_eq!(app.get("/api/v1/me").await.status(), StatusCode::OK);
    })
    .await;
}
on_both_backends!(an_extended_session_sends_its_cookie_again);
