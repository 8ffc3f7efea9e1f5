//! The plan's clock for tests: set only on a server started with
//! `test_clock`, a day that is not one refused, and back to the real day.

use reqwest::StatusCode;
use serde_json::json;

use super::annual::{TODAY, plan, set_today, test_clock};
use super::helpers::{Backend, with_app, with_app_settings};
use crate::on_both_backends;

async fn the_clock_is_set_only_on_a_server_started_for_tests(backend: Backend) {
    with_app(backend, |app| async move {
        let response = app
            .client
            .put(format!("{}{TODAY}", app.address))
            .header("origin", &app.address)
            .json(&json!({ "today": "2024-06-01" }))
            .send()
            .await
            .expect("an answer");
        let status = response.status();
        assert!(
            matches!(
                status,
                StatusCode::NOT_FOUND | StatusCode::METHOD_NOT_ALLOWED
            ),
            "{status}"
        );
        app.login_ok("leder").await;
        let (_, year) = plan(&app, "", "").await;
        assert_ne!(year["today"], "2024-06-01", "the plan's day did not move");
    })
    .await;
    with_app_settings(backend, test_clock, |app| async move {
        let response = app
            .client
            .put(format!("{}{TODAY}", app.address))
            .json(&json!({ "today": "1.6.2024" }))
            .send()
            .await
            .expect("an answer");
        assert_eq!(response.status(), StatusCode::BAD_REQUEST);
        set_today(&app, "2024-06-01").await;
        app.login_ok("leder").await;
        assert_eq!(plan(&app, "", "").await.1["today"], "2024-06-01");
        let response = app
            .client
            .put(format!("{}{TODAY}", app.address))
            .header("origin", &app.address)
            .json(&json!({ "today": null }))
            .send()
            .await
            .expect("an answer");
        assert_eq!(response.status(), StatusCode::OK);
        assert_ne!(
            plan(&app, "", "").await.1["today"],
            "2024-06-01",
            "back to the real day"
        );
    })
    .await;
}
on_both_backends!(the_clock_is_set_only_on_a_server_started_for_tests);
