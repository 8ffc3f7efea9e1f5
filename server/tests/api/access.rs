//! Role-based access to units: down the tree, never sideways.

use reqwest::StatusCode;

use super::helpers::{Backend, with_app};
use crate::on_both_backends;

async fn a_role_in_one_unit_gives_no_access_to_another(backend: Backend) {
    with_app(backend, |app| async move {
        let school = app.unit_id("Nordby skole").await;
        let sfo = app.unit_id("SFO").await;
        let kindergarten = app.unit_id("Solsikken barnehage").await;
        let sector = app.unit_id("Oppvekst").await;

        assert_eq!(
            app.get(&format!("/api/v1/units/{school}")).await.status(),
            StatusCode::UNAUTHORIZED
        );
        app.login_ok("leder").await;

        let own = app.get(&format!("/api/v1/units/{school}")).await;
        assert_eq!(own.status(), StatusCode::OK);
        let own: serde_json::Value = own.json().await.expect("json");
        assert_eq!(own["name"], "Nordby skole");
        assert!(!own["rooms"].as_array().expect("rooms").is_empty());

        assert_eq!(
            app.get(&format!("/api/v1/units/{sfo}")).await.status(),
            StatusCode::OK
        );
        let sideways = app.get(&format!("/api/v1/units/{kindergarten}")).await;
        assert_eq!(sideways.status(), StatusCode::FORBIDDEN);
        let body: serde_json::Value = sideways.json().await.expect("json");
        assert_eq!(body["error"], "forbidden");
        assert_eq!(
            app.get(&format!("/api/v1/units/{sector}")).await.status(),
            StatusCode::FORBIDDEN
        );
        assert_eq!(
            app.get("/api/v1/units/no-such-unit").await.status(),
            StatusCode::NOT_FOUND
        );
    })
    .await;
}
on_both_backends!(a_role_in_one_unit_gives_no_access_to_another);

async fn a_role_at_the_top_reaches_every_unit(backend: Backend) {
    with_app(backend, |app| async move {
        app.login_ok("hvo").await;
        let kindergarten = app.unit_id("Solsikken barnehage").await;
        let ward = app.unit_id("Korttidsavdelingen").await;
        assert_eq!(
            app.get(&format!("/api/v1/units/{kindergarten}"))
                .await
                .status(),
            StatusCode::OK
        );
        assert_eq!(
            app.get(&format!("/api/v1/units/{ward}")).await.status(),
            StatusCode::OK
        );
    })
    .await;
}
on_both_backends!(a_role_at_the_top_reaches_every_unit);

async fn the_start_page_lists_only_units_in_reach(backend: Backend) {
    with_app(backend, |app| async move {
        app.login_ok("verneombud").await;
        let (status, body) = app.call("start_page", &[]).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        let units: Vec<&str> = body["units"]
            .as_array()
            .expect("units")
            .iter()
            .filter_map(|unit| unit["name"].as_str())
            .collect();
        assert_eq!(units, vec!["Nordby skole", "Barnetrinnet", "SFO"]);
        let areas = body["areas"].as_array().expect("areas");
        assert_eq!(areas.len(), 1);
        assert_eq!(areas[0]["room_count"], 10);
        assert_eq!(body.get("admin"), Some(&serde_json::Value::Null), "{body}");
    })
    .await;
}
on_both_backends!(the_start_page_lists_only_units_in_reach);
