//! User administration through the server functions the admin page uses.

use reqwest::StatusCode;
use serde_json::json;

use super::helpers::{Backend, table_rows, with_app};
use crate::on_both_backends;

async fn an_admin_creates_a_user_and_grants_a_role(backend: Backend) {
    with_app(backend, |app| async move {
        app.login_ok("hms").await;
        let (status, user_id) = app
            .call(
                "create_user",
                &[
                    ("username", "kari.k"),
                    ("display_name", "Kari Karlsen"),
                    ("password", "et-langt-passord"),
                ],
            )
            .await;
        assert_eq!(status, StatusCode::OK, "{user_id}");
        let user_id = user_id.as_str().expect("id").to_owned();
        let unit = app.unit_id("Solsikken barnehage").await;
        let (status, body) = app
            .call(
                "grant_role",
                &[
                    ("user_id", &user_id),
                    ("role", "verneombud"),
                    ("unit_id", &unit),
                ],
            )
            .await;
        assert_eq!(status, StatusCode::OK, "{body}");

        let (status, overview) = app.call("admin_overview", &[]).await;
        assert_eq!(status, StatusCode::OK);
        let kari = overview["users"]
            .as_array()
            .expect("users")
            .iter()
            .find(|user| user["username"] == "kari.k")
            .expect("kari listed")
            .clone();
        assert_eq!(kari["grants"][0]["role"], "verneombud");
        assert_eq!(kari["grants"][0]["unit_name"], "Solsikken barnehage");

        // The same grant again is refused; revoking it works and is recorded.
        let (status, body) = app
            .call(
                "grant_role",
                &[
                    ("user_id", &user_id),
                    ("role", "verneombud"),
                    ("unit_id", &unit),
                ],
            )
            .await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
        assert_eq!(body, json!({ "Invalid": "grant_exists" }));
        let grant_id = kari["grants"][0]["id"]
            .as_str()
            .expect("grant id")
            .to_owned();
        let (status, _) = app.call("revoke_role", &[("grant_id", &grant_id)]).await;
        assert_eq!(status, StatusCode::OK);
        let history = vern::db::history::for_entity(app.db.pool(), "role_grant", &grant_id)
            .await
            .expect("history");
        let actions: Vec<&str> = history.iter().map(|row| row.action.as_str()).collect();
        assert_eq!(actions, vec!["granted", "revoked"]);
        assert!(history[0].seq < history[1].seq);

        // The new user can log in with the password the admin set.
        let fresh = super::helpers::client();
        let response = fresh
            .post(format!("{}/api/fn/login", app.address))
            .header("origin", &app.address)
            .form(&[("username", "kari.k"), ("password", "et-langt-passord")])
            .send()
            .await
            .expect("request");
        assert_eq!(response.status(), StatusCode::OK);
    })
    .await;
}
on_both_backends!(an_admin_creates_a_user_and_grants_a_role);

async fn bad_user_input_is_refused_with_a_reason(backend: Backend) {
    with_app(backend, |app| async move {
        app.login_ok("hms").await;
        let users_before = table_rows(&app.db, "users").await;
        let cases = [
            (("Kari K", "Kari", "et-langt-passord"), "username"),
            (("kari", "Kari", "kort"), "password_too_short"),
            (("kari", "   ", "et-langt-passord"), "display_name"),
            (("leder", "Lars", "et-langt-passord"), "username_taken"),
        ];
        for ((username, name, password), reason) in cases {
            let (status, body) = app
                .call(
                    "create_user",
                    &[
                        ("username", username),
                        ("display_name", name),
                        ("password", password),
                    ],
                )
                .await;
            assert_eq!(status, StatusCode::BAD_REQUEST, "{username}");
            assert_eq!(body, json!({ "Invalid": reason }));
        }
        assert_eq!(
            table_rows(&app.db, "users").await,
            users_before,
            "no user written"
        );
        let leder = vern::db::users::by_username(app.db.pool(), "leder")
            .await
            .expect("query")
            .expect("leder");
        assert_eq!(
            leder.display_name, "Lars Lie",
            "the taken name is not overwritten"
        );
        let grants_before = table_rows(&app.db, "role_grants").await;
        let (status, body) = app
            .call(
                "grant_role",
                &[("user_id", &leder.id), ("role", "king"), ("unit_id", "x")],
            )
            .await;
        assert_eq!(
            (status, body),
            (StatusCode::BAD_REQUEST, json!({ "Invalid": "role" }))
        );
        let (status, body) = app
            .call(
                "grant_role",
                &[
                    ("user_id", &leder.id),
                    ("role", "leder"),
                    ("unit_id", "no-such-unit"),
                ],
            )
            .await;
        assert_eq!(
            (status, body),
            (StatusCode::BAD_REQUEST, json!({ "Invalid": "unit" }))
        );
        assert_eq!(table_rows(&app.db, "role_grants").await, grants_before);
    })
    .await;
}
on_both_backends!(bad_user_input_is_refused_with_a_reason);

async fn only_admins_manage_users_and_only_in_their_units(backend: Backend) {
    with_app(backend, |app| async move {
        app.login_ok("leder").await;
        let grants_before = table_rows(&app.db, "role_grants").await;
        let (status, body) = app.call("admin_overview", &[]).await;
        assert_eq!(status, StatusCode::FORBIDDEN);
        assert!(
            body.get("users").is_none(),
            "no user list in a refusal: {body}"
        );
        let (status, _) = app
            .call(
                "create_user",
                &[
                    ("username", "snik"),
                    ("display_name", "Snik"),
                    ("password", "et-langt-passord"),
                ],
            )
            .await;
        assert_eq!(status, StatusCode::FORBIDDEN);
        let snik = vern::db::users::by_username(app.db.pool(), "snik").await;
        assert!(snik.expect("query").is_none(), "no user written");
        let leder = vern::db::users::by_username(app.db.pool(), "leder")
            .await
            .expect("query")
            .expect("leder");
        let root = app.unit_id(vern::demo::organisation::KOMMUNE).await;
        let (status, _) = app
            .call(
                "grant_role",
                &[
                    ("user_id", &leder.id),
                    ("role", "hms_admin"),
                    ("unit_id", &root),
                ],
            )
            .await;
        assert_eq!(status, StatusCode::FORBIDDEN);
        assert_eq!(
            table_rows(&app.db, "role_grants").await,
            grants_before,
            "no grant written"
        );

        let anonymous = super::helpers::client();
        let response = anonymous
            .post(format!("{}/api/fn/admin_overview", app.address))
            .header("origin", &app.address)
            .send()
            .await
            .expect("request");
        assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    })
    .await;
}
on_both_backends!(only_admins_manage_users_and_only_in_their_units);

async fn revoking_an_unknown_or_revoked_grant_is_not_found(backend: Backend) {
    with_app(backend, |app| async move {
        app.login_ok("hms").await;
        let (status, _) = app
            .call("revoke_role", &[("grant_id", "no-such-grant")])
            .await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        let (_, overview) = app.call("admin_overview", &[]).await;
        let grant_id = overview["users"]
            .as_array()
            .expect("users")
            .iter()
            .find(|user| user["username"] == "amu")
            .and_then(|user| user["grants"][0]["id"].as_str())
            .expect("amu's grant")
            .to_owned();
        let (status, _) = app.call("revoke_role", &[("grant_id", &grant_id)]).await;
        assert_eq!(status, StatusCode::OK);
        let (status, _) = app.call("revoke_role", &[("grant_id", &grant_id)]).await;
        assert_eq!(status, StatusCode::NOT_FOUND);
    })
    .await;
}
on_both_backends!(revoking_an_unknown_or_revoked_grant_is_not_found);

async fn the_admin_page_answers_a_non_admin_the_same_every_time(backend: Backend) {
    with_app(backend, |app| async move {
        app.login_ok("leder").await;
        let mut statuses = Vec::new();
        for _ in 0..20 {
            statuses.push(app.get("/admin/users").await.status());
        }
        assert!(
            statuses
                .iter()
                .all(|status| *status == StatusCode::FORBIDDEN),
            "{statuses:?}"
        );
        app.login_ok("hms").await;
        let page = app.get("/admin/users").await;
        assert_eq!(page.status(), StatusCode::OK);
        let html = page.text().await.expect("html");
        assert!(html.contains("Vera Vik"), "the admin sees the users");
    })
    .await;
}
on_both_backends!(the_admin_page_answers_a_non_admin_the_same_every_time);
