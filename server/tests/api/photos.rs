//! Photo upload and download (`/api/v1/photos/{id}`).

use image::{Rgb, RgbImage};
use reqwest::StatusCode;
use serde_json::Value;
use sha2::{Digest, Sha256};

use super::helpers::{Backend, TestApp, client, json_body, table_rows, with_app};
use crate::on_both_backends;

pub(super) fn new_id() -> String {
    uuid::Uuid::now_v7().to_string()
}

pub(super) fn sha256(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

/// A small noisy JPEG with an EXIF segment carrying a GPS-like text.
pub(super) fn jpeg_with_exif(seed: u32) -> Vec<u8> {
    let image = RgbImage::from_fn(640, 480, |x, y| {
        let v = u8::try_from((x * 7 + y * 13 + x * y + seed) % 251).unwrap_or(0);
        Rgb([v, v.wrapping_mul(3), v.wrapping_add(90)])
    });
    let mut plain = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut plain, 90)
        .encode_image(&image)
        .expect("encode");
    let mut payload = b"Exif\0\0MM\0\x2a\0\0\0\x08\0\0\0\0\0\0".to_vec();
    payload.extend_from_slice(b"GPS 59.91N 10.75E");
    let length = u16::try_from(payload.len() + 2).expect("short");
    let mut out = plain[..2].to_vec();
    out.extend_from_slice(&[0xFF, 0xE1]);
    out.extend_from_slice(&length.to_be_bytes());
    out.extend_from_slice(&payload);
    out.extend_from_slice(&plain[2..]);
    out
}

/// A round in the verneombud's unit with one avvik finding; returns the finding id.
pub(super) async fn finding(app: &TestApp) -> String {
    let pool = app.db.pool();
    let unit = app.unit_id("Nordby skole").await;
    let (version,): (String,) = sqlx::query_as("SELECT id FROM checklist_versions ORDER BY id")
        .fetch_one(pool)
        .await
        .expect("checklist version");
    let (item,): (String,) = sqlx::query_as("SELECT id FROM checklist_items ORDER BY id")
        .fetch_one(pool)
        .await
        .expect("checklist item");
    let (round, finding, now) = (new_id(), new_id(), 1_767_225_600_000_i64);
    sqlx::query(
        "INSERT INTO rounds (id, kind, checklist_version_id, unit_id, title, status,
                             created_at, updated_at)
         VALUES ($1, 'vernerunde', $2, $3, 'Fotorunde', 'ongoing', $4, $4)",
    )
    .bind(&round)
    .bind(&version)
    .bind(&unit)
    .bind(now)
    .execute(pool)
    .await
    .expect("insert round");
    sqlx::query(
        "INSERT INTO findings (id, round_id, item_id, answer, created_at, updated_at)
         VALUES ($1, $2, $3, 'avvik', $4, $4)",
    )
    .bind(&finding)
    .bind(&round)
    .bind(&item)
    .bind(now)
    .execute(pool)
    .await
    .expect("insert finding");
    finding
}

/// `PUT` with an explicit query string.
pub(super) async fn put_raw(
    app: &TestApp,
    http: &reqwest::Client,
    id: &str,
    query: &str,
    body: Vec<u8>,
) -> (StatusCode, Value) {
    let response = http
        .put(format!("{}/api/v1/photos/{id}?{query}", app.address))
        .header("origin", &app.address)
        .header("content-type", "image/jpeg")
        .body(body)
        .send()
        .await
        .expect("request");
    let status = response.status();
    (status, json_body(response).await)
}

/// `PUT` as the logged-in client, with the body's own hash.
pub(super) async fn put(
    app: &TestApp,
    id: &str,
    finding: &str,
    body: Vec<u8>,
) -> (StatusCode, Value) {
    let query = format!("finding_id={finding}&sha256={}&schema=1", sha256(&body));
    put_raw(app, &app.client, id, &query, body).await
}

/// Waits until the thumbnail worker has no job left (it is woken by each
/// upload); fails the test after 20 s.
pub(super) async fn thumbnails_made(app: &TestApp) {
    for _ in 0..400 {
        let waiting = vern::db::thumbnail_jobs::waiting(app.db.pool())
            .await
            .expect("count thumbnail jobs");
        if waiting == 0 {
            return;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    panic!("thumbnails still waiting after 20 s");
}

/// Files in the photo store once the thumbnails are made: (photos,
/// thumbnails). Every file under the store's directory counts (a temporary
/// file left behind counts as a photo), and any failure to read it fails
/// the test instead of looking like "none".
pub(super) async fn objects(app: &TestApp) -> (usize, usize) {
    thumbnails_made(app).await;
    let mut names = Vec::new();
    let mut dirs = vec![app.photo_dir.path().to_path_buf()];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).expect("list a photo directory") {
            let entry = entry.expect("read a photo directory entry");
            if entry.file_type().expect("entry type").is_dir() {
                dirs.push(entry.path());
            } else {
                names.push(entry.file_name().to_string_lossy().into_owned());
            }
        }
    }
    let thumbs = names.iter().filter(|n| n.ends_with(".thumb.jpg")).count();
    (names.len() - thumbs, thumbs)
}

/// The hash of the bytes a photo row points at.
async fn stored_hash(app: &TestApp, id: &str) -> String {
    let (hash,): (String,) = sqlx::query_as("SELECT sha256 FROM photos WHERE id = $1")
        .bind(id)
        .fetch_one(app.db.pool())
        .await
        .expect("photo row");
    hash
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack
        .windows(needle.len())
        .any(|window| window == needle)
}

async fn a_photo_is_stored_once_and_served_without_exif(backend: Backend) {
    with_app(backend, |app| async move {
        app.login_ok("verneombud").await;
        let finding = finding(&app).await;
        let (id, upload) = (new_id(), jpeg_with_exif(0));

        let (status, record) = put(&app, &id, &finding, upload.clone()).await;
        assert_eq!(status, StatusCode::CREATED, "{record}");
        assert_eq!(record["id"], id.as_str());
        assert_eq!(record["finding_id"], finding.as_str());
        assert_eq!(record["sha256"], sha256(&upload).as_str());
        assert_eq!(
            (record["width"].as_i64(), record["height"].as_i64()),
            (Some(640), Some(480))
        );
        assert_eq!(objects(&app).await, (1, 1));
        let history = vern::db::history::for_entity(app.db.pool(), "photo", &id)
            .await
            .expect("history");
        assert_eq!(history.len(), 1);
        assert_eq!(history[0].action, "uploaded");

        // The same bytes again: success, nothing new stored.
        let (status, again) = put(&app, &id, &finding, upload.clone()).await;
        assert_eq!(status, StatusCode::OK, "{again}");
        assert_eq!(again, record);
        assert_eq!(objects(&app).await, (1, 1));
        let history = vern::db::history::for_entity(app.db.pool(), "photo", &id)
            .await
            .expect("history");
        assert_eq!(history.len(), 1);

        // Other bytes under the same id: conflict.
        let (status, body) = put(&app, &id, &finding, jpeg_with_exif(1)).await;
        assert_eq!(status, StatusCode::CONFLICT, "{body}");
        assert_eq!(body["error"], "conflict");
        assert_eq!(
            stored_hash(&app, &id).await,
            sha256(&upload),
            "the first bytes stay"
        );
        assert_eq!(
            objects(&app).await,
            (1, 1),
            "nothing of the refused upload is kept"
        );

        for (path, size) in [
            (format!("/api/v1/photos/{id}"), 640),
            (format!("/api/v1/photos/{id}/thumb"), 320),
        ] {
            let response = app.get(&path).await;
            assert_eq!(response.status(), StatusCode::OK, "{path}");
            assert_eq!(response.headers()["content-type"], "image/jpeg");
            assert_eq!(
                response.headers()["cache-control"],
                "private, no-store",
                "{path}: never kept in a shared phone's HTTP cache"
            );
            let bytes = response.bytes().await.expect("body");
            assert!(!contains(&bytes, b"Exif"), "{path} still has EXIF");
            assert!(!contains(&bytes, b"GPS"), "{path} still has the GPS text");
            let image = image::load_from_memory(&bytes).expect("a JPEG");
            assert_eq!(image.width(), size, "{path}");
        }

        // Two identical uploads at once: one creates, the other succeeds too.
        let (id, upload) = (new_id(), jpeg_with_exif(2));
        let (first, second) = tokio::join!(
            put(&app, &id, &finding, upload.clone()),
            put(&app, &id, &finding, upload.clone())
        );
        let mut statuses = [first.0, second.0];
        statuses.sort();
        assert_eq!(
            statuses,
            [StatusCode::OK, StatusCode::CREATED],
            "{first:?} {second:?}"
        );
        assert_eq!(first.1, second.1);
        assert_eq!(objects(&app).await, (2, 2));
        let history = vern::db::history::for_entity(app.db.pool(), "photo", &id)
            .await
            .expect("history");
        assert_eq!(history.len(), 1);

        assert_eq!(
            app.get(&format!("/api/v1/photos/{}", new_id()))
                .await
                .status(),
            StatusCode::NOT_FOUND
        );
    })
    .await;
}
on_both_backends!(a_photo_is_stored_once_and_served_without_exif);

async fn bad_uploads_are_refused_with_a_json_reason(backend: Backend) {
    with_app(backend, |app| async move {
        app.login_ok("verneombud").await;
        let finding = finding(&app).await;
        let upload = jpeg_with_exif(0);
        let hash = sha256(&upload);
        let cases: Vec<(String, String, Vec<u8>, StatusCode)> = vec![
            (
                new_id(),
                format!("finding_id={finding}&sha256={hash}&schema=2"),
                upload.clone(),
                StatusCode::BAD_REQUEST,
            ),
            (
                "photo-1".into(),
                format!("finding_id={finding}&sha256={hash}&schema=1"),
                upload.clone(),
                StatusCode::BAD_REQUEST,
            ),
            (
                new_id(),
                format!(
                    "finding_id={finding}&sha256={}&schema=1",
                    hash.to_uppercase()
                ),
                upload.clone(),
                StatusCode::BAD_REQUEST,
            ),
            // The body does not match its hash (cut on the way).
            (
                new_id(),
                format!("finding_id={finding}&sha256={hash}&schema=1"),
                upload[..upload.len() / 2].to_vec(),
                StatusCode::BAD_REQUEST,
            ),
            (
                new_id(),
                format!("finding_id={}&sha256={hash}&schema=1", new_id()),
                upload.clone(),
                StatusCode::NOT_FOUND,
            ),
        ];
        for (id, query, body, expected) in cases {
            let (status, answer) = put_raw(&app, &app.client, &id, &query, body).await;
            assert_eq!(status, expected, "{query}: {answer}");
            assert!(
                answer["message"].as_str().is_some_and(|m| !m.is_empty()),
                "{answer}"
            );
        }
        let (_, answer) = put_raw(
            &app,
            &app.client,
            &new_id(),
            &format!("finding_id={finding}&sha256={hash}&schema=2"),
            upload.clone(),
        )
        .await;
        assert!(
            answer["message"]
                .as_str()
                .is_some_and(|m| m.contains("schema=1")),
            "{answer}"
        );
        let (_, answer) = put_raw(
            &app,
            &app.client,
            &new_id(),
            &format!("finding_id={}&sha256={hash}&schema=1", new_id()),
            upload.clone(),
        )
        .await;
        assert!(
            answer["message"]
                .as_str()
                .is_some_and(|m| m.contains("not on the server yet")),
            "{answer}"
        );

        let (status, answer) = put(&app, &new_id(), &finding, b"not a photo at all".to_vec()).await;
        assert_eq!(status, StatusCode::UNSUPPORTED_MEDIA_TYPE, "{answer}");
        // A JPEG cut off before its end, with the hash of what was sent.
        let (status, answer) = put(
            &app,
            &new_id(),
            &finding,
            upload[..upload.len() / 2].to_vec(),
        )
        .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{answer}");
        assert_eq!(answer["error"], "unprocessable_image");

        let huge = vec![0_u8; 21 * 1024 * 1024];
        let (status, answer) = put(&app, &new_id(), &finding, huge).await;
        assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE, "{answer}");
        assert_eq!(answer["error"], "payload_too_large");
        assert_eq!(table_rows(&app.db, "photos").await, 0);
        assert_eq!(objects(&app).await, (0, 0));
    })
    .await;
}
on_both_backends!(bad_uploads_are_refused_with_a_json_reason);

async fn photos_need_a_session_and_a_role_in_the_unit(backend: Backend) {
    with_app(backend, |app| async move {
        app.login_ok("verneombud").await;
        let finding = finding(&app).await;
        let (id, upload) = (new_id(), jpeg_with_exif(0));
        let query = format!("finding_id={finding}&sha256={}&schema=1", sha256(&upload));

        let anonymous = client();
        let (status, answer) = put_raw(&app, &anonymous, &id, &query, upload.clone()).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED, "{answer}");
        let response = anonymous
            .get(format!("{}/api/v1/photos/{id}", app.address))
            .send()
            .await
            .expect("get");
        assert_eq!(response.status(), StatusCode::UNAUTHORIZED);

        let (status, _) = put(&app, &id, &finding, upload.clone()).await;
        assert_eq!(status, StatusCode::CREATED);

        // A medarbeider in the same unit may neither upload nor look.
        let mona = app.logged_in("medarbeider").await;
        let refused = new_id();
        let (status, answer) = put_raw(&app, &mona, &refused, &query, upload.clone()).await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{answer}");
        assert_eq!(
            table_rows(&app.db, "photos").await,
            1,
            "no row for a refused upload"
        );
        let response = mona
            .get(format!("{}/api/v1/photos/{id}/thumb", app.address))
            .send()
            .await
            .expect("get");
        assert_eq!(response.status(), StatusCode::FORBIDDEN);

        // The AMU reader reads reports, so sees the photo but cannot upload.
        let anne = app.logged_in("amu").await;
        let response = anne
            .get(format!("{}/api/v1/photos/{id}", app.address))
            .send()
            .await
            .expect("get");
        assert_eq!(response.status(), StatusCode::OK);
        let (status, _) = put_raw(&app, &anne, &new_id(), &query, upload).await;
        assert_eq!(status, StatusCode::FORBIDDEN);
        assert_eq!(
            table_rows(&app.db, "photos").await,
            1,
            "no row for a refused upload"
        );
        assert_eq!(
            objects(&app).await,
            (1, 1),
            "no object for a refused upload"
        );
    })
    .await;
}
on_both_backends!(photos_need_a_session_and_a_role_in_the_unit);
