//! Two different photos uploaded under one id at the same moment: exactly
//! one wins, and what is served is always the winner's bytes.

use image::{Rgb, RgbImage};
use reqwest::StatusCode;

use super::helpers::{Backend, with_app};
use super::photos::{finding, objects, put, sha256};
use crate::on_both_backends;

/// A JPEG of `width` × `height` pixels.
fn jpeg(width: u32, height: u32, seed: u32) -> Vec<u8> {
    let image = RgbImage::from_fn(width, height, |x, y| {
        let v = u8::try_from((x * 5 + y * 11 + seed * 37) % 251).unwrap_or(0);
        Rgb([v, v.wrapping_add(60), v.wrapping_mul(2)])
    });
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 90)
        .encode_image(&image)
        .expect("encode");
    out
}

const RACES: usize = 8;

async fn racing_uploads_of_one_id_never_serve_the_losers_bytes(backend: Backend) {
    with_app(backend, |app| async move {
        app.login_ok("verneombud").await;
        let finding = finding(&app).await;
        // Landscape and portrait: the served image's shape names its upload.
        let (wide, tall) = (jpeg(96, 64, 1), jpeg(64, 96, 2));
        for _ in 0..RACES {
            let id = uuid::Uuid::now_v7().to_string();
            let ((a, _), (b, _)) = tokio::join!(
                put(&app, &id, &finding, wide.clone()),
                put(&app, &id, &finding, tall.clone()),
            );
            let mut statuses = [a, b];
            statuses.sort();
            assert_eq!(statuses, [StatusCode::CREATED, StatusCode::CONFLICT]);

            let (stored_sha, byte_size, width): (String, i64, i64) =
                sqlx::query_as("SELECT sha256, byte_size, width FROM photos WHERE id = $1")
                    .bind(&id)
                    .fetch_one(app.db.pool())
                    .await
                    .expect("photo row");
            let winner_is_wide = stored_sha == sha256(&wide);
            assert!(winner_is_wide || stored_sha == sha256(&tall));
            let served = app
                .client
                .get(format!("{}/api/v1/photos/{id}", app.address))
                .send()
                .await
                .expect("get photo");
            assert_eq!(served.status(), StatusCode::OK);
            let bytes = served.bytes().await.expect("photo bytes");
            assert_eq!(i64::try_from(bytes.len()).ok(), Some(byte_size));
            let image = image::load_from_memory(&bytes).expect("served JPEG");
            assert_eq!(i64::from(image.width()), width);
            assert_eq!(image.width() > image.height(), winner_is_wide);
        }
        // The losers' objects are gone: one photo and one thumbnail per id.
        assert_eq!(objects(&app).await, (RACES, RACES));
    })
    .await;
}
on_both_backends!(
    racing_uploads_of_one_id_never_serve_the_losers_bytes,
    multi_thread
);
