//! QR reports refused or held back: bad photos and text (nothing is
//! stored), the honeypot (thanked, nothing kept), and the rate limits per
//! room and per address.

use reqwest::StatusCode;

use super::helpers::{Backend, json_body, table_rows, with_app, with_app_settings};
use super::photos::jpeg_with_exif;
use super::qr_reports::{count, form, new_client_id, post_json, post_page, room, with_photo};
use crate::on_both_backends;

async fn refusals_say_why_and_store_nothing(backend: Backend) {
    with_app(backend, |app| async move {
        let (token, _) = room(&app, "Naturfagrom").await;
        let not_an_image = with_photo(
            form(&new_client_id(), &[]),
            b"%PDF-1.4 not a photo".to_vec(),
            "image/jpeg",
        );
        let answer = post_page(&app, &token, not_an_image).await;
        assert_eq!(answer.status(), StatusCode::UNSUPPORTED_MEDIA_TYPE);
        let html = answer.text().await.expect("page");
        assert!(html.contains("Filen er ikke et bilde"), "{html}");
        assert!(
            html.contains(&format!("href=\"/r/{token}\"")),
            "a way back: {html}"
        );

        let oversized = with_photo(
            form(&new_client_id(), &[]),
            vec![0xFF; 21 * 1024 * 1024],
            "image/jpeg",
        );
        let (status, body) = post_json(&app, &token, oversized).await;
        assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE, "{body}");

        let four = (0..4).fold(form(&new_client_id(), &[]), |form, seed| {
            with_photo(form, jpeg_with_exif(seed), "image/jpeg")
        });
        let (status, body) = post_json(&app, &token, four).await;
        assert_eq!(
            (status, body["error"].as_str()),
            (StatusCode::BAD_REQUEST, Some("invalid_input"))
        );

        let empty = form(&new_client_id(), &[("description", "  ")]);
        let answer = post_page(&app, &token, empty).await;
        assert_eq!(answer.status(), StatusCode::BAD_REQUEST);
        assert!(
            answer
                .text()
                .await
                .expect("page")
                .contains("Skriv hva som skjedde")
        );

        // Markup in a report is text wherever it is shown back.
        let markup = form(&new_client_id(), &[("category", "<b>brann</b>")]);
        let answer = post_page(&app, &token, markup).await;
        assert_eq!(answer.status(), StatusCode::BAD_REQUEST);
        assert!(!answer.text().await.expect("page").contains("<b>"));

        assert_eq!(table_rows(&app.db, "avvik").await, 0);
        assert_eq!(table_rows(&app.db, "photos").await, 0);
        let stored = std::fs::read_dir(app.photo_dir.path()).map_or(0, |dir| dir.count());
        assert_eq!(stored, 0, "no photo object left behind");
    })
    .await;
}
on_both_backends!(refusals_say_why_and_store_nothing);

async fn the_honeypot_is_thanked_and_nothing_kept(backend: Backend) {
    with_app(backend, |app| async move {
        let (token, _) = room(&app, "Naturfagrom").await;
        let bot = form(&new_client_id(), &[("website", "https://spam.example")]);
        let answer = post_page(&app, &token, bot).await;
        assert_eq!(answer.status(), StatusCode::OK);
        assert!(answer.text().await.expect("page").contains("Takk"));
        assert_eq!(table_rows(&app.db, "avvik").await, 0);
        assert_eq!(
            count(
                &app,
                "SELECT COUNT(*) FROM history WHERE action = $1",
                "reported"
            )
            .await,
            0
        );
    })
    .await;
}
on_both_backends!(the_honeypot_is_thanked_and_nothing_kept);

async fn a_room_flooded_with_reports_is_paused(backend: Backend) {
    let adjust = |settings| vern::config::Settings {
        report_limit_per_room: 2,
        ..settings
    };
    with_app_settings(backend, adjust, |app| async move {
        let (token, _) = room(&app, "Naturfagrom").await;
        for _ in 0..2 {
            let (status, _) = post_json(&app, &token, form(&new_client_id(), &[])).await;
            assert_eq!(status, StatusCode::CREATED);
        }
        let answer = post_page(&app, &token, form(&new_client_id(), &[])).await;
        assert_eq!(answer.status(), StatusCode::TOO_MANY_REQUESTS);
        assert!(answer.headers().contains_key("retry-after"));
        assert!(
            answer
                .text()
                .await
                .expect("page")
                .contains("mange meldinger")
        );
        // Another room is not held up.
        let (other, _) = room(&app, "Klasserom 1A").await;
        let (status, _) = post_json(&app, &other, form(&new_client_id(), &[])).await;
        assert_eq!(status, StatusCode::CREATED);
        assert_eq!(table_rows(&app.db, "avvik").await, 3);
    })
    .await;
}
on_both_backends!(a_room_flooded_with_reports_is_paused);

async fn one_address_is_paused_across_rooms(backend: Backend) {
    let adjust = |settings| vern::config::Settings {
        report_limit_per_address: 2,
        ..settings
    };
    with_app_settings(backend, adjust, |app| async move {
        for name in ["Naturfagrom", "Gymsal"] {
            let (token, _) = room(&app, name).await;
            let (status, _) = post_json(&app, &token, form(&new_client_id(), &[])).await;
            assert_eq!(status, StatusCode::CREATED, "{name}");
        }
        let (third, _) = room(&app, "Klasserom 1A").await;
        let answer = app
            .client
            .post(format!("{}/r/{third}", app.address))
            .header("origin", &app.address)
            .header("accept", "application/json")
            .multipart(form(&new_client_id(), &[]))
            .send()
            .await
            .expect("post");
        assert_eq!(answer.status(), StatusCode::TOO_MANY_REQUESTS);
        let wait: u64 = answer.headers()["retry-after"]
            .to_str()
            .expect("header")
            .parse()
            .expect("seconds");
        assert!((1..=3_600).contains(&wait), "{wait}");
        let body = json_body(answer).await;
        assert_eq!(body["error"], "rate_limited");
        assert!(body["app_error"]["RateLimited"].is_object(), "{body}");
        assert_eq!(table_rows(&app.db, "avvik").await, 2);
    })
    .await;
}
on_both_backends!(one_address_is_paused_across_rooms);
