//! `/healthz` and `/readyz`.

use reqwest::StatusCode;

use super::helpers::{Backend, TestDatabase, start};
use crate::on_both_backends;

async fn readyz_fails_when_the_database_is_gone(backend: Backend) {
    let Some(database) = TestDatabase::create(backend).await else {
        return;
    };
    let app = start(&database.url).await;
    assert_eq!(app.get("/healthz").await.status(), StatusCode::OK);
    assert_eq!(app.get("/readyz").await.status(), StatusCode::OK);

    match backend {
        // The database server drops the database and every connection to it.
        Backend::Postgres => database.drop_now().await,
        // An embedded database has no server to lose: its pool is closed instead.
        Backend::Sqlite => app.db.close().await,
    }
    let ready = app.get("/readyz").await;
    assert_eq!(ready.status(), StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(ready.text().await.expect("body"), "database unavailable");
    assert_eq!(app.get("/healthz").await.status(), StatusCode::OK);
}
on_both_backends!(readyz_fails_when_the_database_is_gone);

async fn security_headers_are_set(backend: Backend) {
    let Some(database) = TestDatabase::create(backend).await else {
        return;
    };
    let app = start(&database.url).await;
    let response = app.get("/healthz").await;
    let headers = response.headers();
    assert!(
        headers["content-security-policy"]
            .to_str()
            .expect("csp")
            .contains("default-src 'self'")
    );
    assert_eq!(headers["x-content-type-options"], "nosniff");
    assert_eq!(headers["x-frame-options"], "DENY");
    // Pages carry the mark the service worker tells Vern's answers by.
    let page = app.get("/login").await;
    assert_eq!(page.headers()["x-vern"], "1");
    app.stop().await;
    database.drop_now().await;
}
on_both_backends!(security_headers_are_set);
