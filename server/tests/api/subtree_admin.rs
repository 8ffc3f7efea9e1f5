//! An HMS admin of one sector (not the root) manages users only below it,
//! and loses that at once when the role is revoked. Checked in the
//! database, not only by status codes.

use reqwest::{Client, StatusCode};

use super::helpers::{Backend, TestApp, with_app};
use crate::on_both_backends;

async fn call(app: &TestApp, client: &Client, name: &str, form: &[(&str, &str)]) -> StatusCode {
    client
        .post(format!("{}/api/fn/{name}", app.address))
        .header("origin", &app.address)
        .form(form)
        .send()
        .await
        .expect("request")
        .status()
}

async fn create_user(app: &TestApp, client: &Client, username: &str) -> String {
    let response = client
        .post(format!("{}/api/fn/create_user", app.address))
        .header("origin", &app.address)
        .form(&[
            ("username", username),
            ("display_name", username),
            ("password", vern::demo::DEMO_PASSWORD),
        ])
        .send()
        .await
        .expect("create user");
    assert_eq!(response.status(), StatusCode::OK, "create {username}");
    response.json().await.expect("user id")
}

/// The active grants of a user as (role, unit id), sorted.
async fn active_grants(app: &TestApp, user_id: &str) -> Vec<(String, String)> {
    let mut grants: Vec<(String, String)> = sqlx::query_as(
        "SELECT role, unit_id FROM role_grants WHERE user_id = $1 AND revoked_at IS NULL",
    )
    .bind(user_id)
    .fetch_all(app.db.pool())
    .await
    .expect("grants");
    grants.sort();
    grants
}

async fn a_sector_admin_manages_users_only_below_the_sector(backend: Backend) {
    with_app(backend, |app| async move {
        let hms = app.logged_in("hms").await;
        let sector = app.unit_id("Oppvekst").await;
        let kindergarten = app.unit_id("Solsikken barnehage").await;
        let nursing_home = app.unit_id("Fjordvik sykehjem").await;
        let root = app.unit_id(vern::demo::organisation::KOMMUNE).await;
        let olga_id = create_user(&app, &hms, "olga").await;
        let grant = [
            ("user_id", olga_id.as_str()),
            ("role", "hms_admin"),
            ("unit_id", &sector),
        ];
        assert_eq!(call(&app, &hms, "grant_role", &grant).await, StatusCode::OK);
        let olga = app.logged_in("olga").await;

        let per_id = create_user(&app, &olga, "per").await;
        let below = [
            ("user_id", per_id.as_str()),
            ("role", "verneombud"),
            ("unit_id", &kindergarten),
        ];
        assert_eq!(
            call(&app, &olga, "grant_role", &below).await,
            StatusCode::OK
        );
        for outside in [&nursing_home, &root] {
            let form = [
                ("user_id", per_id.as_str()),
                ("role", "leder"),
                ("unit_id", outside),
            ];
            assert_eq!(
                call(&app, &olga, "grant_role", &form).await,
                StatusCode::FORBIDDEN
            );
        }
        // Nor can she raise herself to the top.
        let herself = [
            ("user_id", olga_id.as_str()),
            ("role", "hms_admin"),
            ("unit_id", &root),
        ];
        assert_eq!(
            call(&app, &olga, "grant_role", &herself).await,
            StatusCode::FORBIDDEN
        );
        assert_eq!(
            active_grants(&app, &per_id).await,
            [("verneombud".to_owned(), kindergarten.clone())]
        );
        assert_eq!(
            active_grants(&app, &olga_id).await,
            [("hms_admin".to_owned(), sector.clone())]
        );

        // Revoked, she loses it on her very next request.
        let (grant_id,): (String,) =
            sqlx::query_as("SELECT id FROM role_grants WHERE user_id = $1 AND revoked_at IS NULL")
                .bind(&olga_id)
                .fetch_one(app.db.pool())
                .await
                .expect("olga's grant");
        let revoke = [("grant_id", grant_id.as_str())];
        assert_eq!(
            call(&app, &hms, "revoke_role", &revoke).await,
            StatusCode::OK
        );
        let again = [
            ("user_id", per_id.as_str()),
            ("role", "leder"),
            ("unit_id", &kindergarten),
        ];
        assert_eq!(
            call(&app, &olga, "grant_role", &again).await,
            StatusCode::FORBIDDEN
        );
        assert_eq!(
            active_grants(&app, &per_id).await,
            [("verneombud".to_owned(), kindergarten.clone())]
        );
    })
    .await;
}
on_both_backends!(a_sector_admin_manages_users_only_below_the_sector);
