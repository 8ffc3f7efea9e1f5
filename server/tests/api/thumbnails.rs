//! Thumbnails are made after the upload's answer, by a job kept in the
//! database: it survives a restart, and a photo whose thumbnail cannot be
//! made still serves itself at the thumbnail's address.

use reqwest::StatusCode;
use vern::config::Settings;
use vern::db::thumbnail_jobs;

use super::helpers::{Backend, TestApp, TestDatabase, start_with};
use super::photos::{finding, jpeg_with_exif, new_id, put, thumbnails_made};
use crate::on_both_backends;

/// A server on `database` whose photos live in `store`, making thumbnails
/// every second, or never (`every` 0).
async fn server(database: &TestDatabase, store: &tempfile::TempDir, every: u32) -> TestApp {
    let photo_store = store.path().display().to_string();
    let app = start_with(&database.url, |settings| Settings {
        photo_store,
        thumbnail_seconds: every,
        ..settings
    })
    .await;
    app.login_ok("verneombud").await;
    app
}

/// A fresh database with the demo organisation, or `None` when `backend`
/// is not configured.
async fn seeded(backend: Backend) -> Option<TestDatabase> {
    let database = TestDatabase::create(backend).await?;
    let app = start_with(&database.url, |settings| settings).await;
    vern::demo::seed(&app.db).await.expect("seed demo");
    app.stop().await;
    Some(database)
}

/// The width of the JPEG served at `path`.
async fn served_width(app: &TestApp, path: &str) -> u32 {
    let response = app.get(path).await;
    assert_eq!(response.status(), StatusCode::OK, "{path}");
    let bytes = response.bytes().await.expect("body");
    image::load_from_memory(&bytes).expect("a JPEG").width()
}

async fn a_thumbnail_left_by_a_restart_is_made_by_the_next_start(backend: Backend) {
    let Some(database) = seeded(backend).await else {
        return;
    };
    let store = tempfile::tempdir().expect("photo store");

    let without_worker = server(&database, &store, 0).await;
    let finding = finding(&without_worker).await;
    let id = new_id();
    let (status, record) = put(&without_worker, &id, &finding, jpeg_with_exif(7)).await;
    assert_eq!(status, StatusCode::CREATED, "{record}");
    let thumb = format!("/api/v1/photos/{id}/thumb");
    assert_eq!(
        served_width(&without_worker, &thumb).await,
        640,
        "until it has a thumbnail, the photo itself is served"
    );
    let waiting = thumbnail_jobs::waiting(without_worker.db.pool()).await;
    assert_eq!(waiting.expect("jobs"), 1);
    without_worker.stop().await;

    let with_worker = server(&database, &store, 1).await;
    thumbnails_made(&with_worker).await;
    assert_eq!(served_width(&with_worker, &thumb).await, 320);
    assert_eq!(
        served_width(&with_worker, &format!("/api/v1/photos/{id}")).await,
        640
    );
    with_worker.stop().await;
    database.drop_now().await;
}
on_both_backends!(a_thumbnail_left_by_a_restart_is_made_by_the_next_start);

async fn a_photo_whose_thumbnail_fails_still_serves_itself(backend: Backend) {
    let Some(database) = seeded(backend).await else {
        return;
    };
    let store = tempfile::tempdir().expect("photo store");
    let app = server(&database, &store, 0).await;
    let finding = finding(&app).await;
    let id = new_id();
    let photo = jpeg_with_exif(8);
    let (status, record) = put(&app, &id, &finding, photo.clone()).await;
    assert_eq!(status, StatusCode::CREATED, "{record}");
    app.stop().await;
    // The stored object is damaged (a disk fault, a hand in the bucket):
    // its thumbnail cannot be made.
    let object = store
        .path()
        .join("photos")
        .join(&id)
        .join(format!("{}.jpg", super::photos::sha256(&photo)));
    std::fs::write(&object, b"\xFF\xD8 no longer a photo").expect("damage the object");

    let app = server(&database, &store, 1).await;
    let pool = app.db.pool();
    let mut failed = None;
    for _ in 0..200 {
        let row: (i64, Option<String>) =
            sqlx::query_as("SELECT attempts, last_error FROM thumbnail_jobs WHERE photo_id = $1")
                .bind(&id)
                .fetch_one(pool)
                .await
                .expect("the job stays");
        if row.1.is_some() {
            failed = Some(row);
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    let (attempts, error) = failed.expect("the attempt failed and said why");
    assert_eq!(attempts, 1, "tried again only when its lease has run out");
    assert!(error.is_some_and(|e| e.contains("decode")));
    let response = app.get(&format!("/api/v1/photos/{id}/thumb")).await;
    assert_eq!(response.status(), StatusCode::OK);
    let served = response.bytes().await.expect("body");
    assert_eq!(
        &served[..],
        b"\xFF\xD8 no longer a photo",
        "the photo itself"
    );
    app.stop().await;
    database.drop_now().await;
}
on_both_backends!(a_photo_whose_thumbnail_fails_still_serves_itself);

/// Two instances on one database never hold one job at once; a job whose
/// run died is taken again once its lease has run out, and no more after
/// its last attempt.
async fn a_leased_job_is_held_by_one_run_and_retried_a_few_times(backend: Backend) {
    let Some(database) = seeded(backend).await else {
        return;
    };
    let store = tempfile::tempdir().expect("photo store");
    let app = server(&database, &store, 0).await;
    let finding = finding(&app).await;
    let id = new_id();
    let (status, record) = put(&app, &id, &finding, jpeg_with_exif(1)).await;
    assert_eq!(status, StatusCode::CREATED, "{record}");
    let (pool, kind) = (app.db.pool(), app.db.kind());
    let take = |now: i64| thumbnail_jobs::take(pool, kind, now, now + 1_000);

    let now = vern::db::now_ms();
    assert_eq!(take(now).await.expect("take"), Some(id.clone()));
    assert_eq!(
        take(now + 10).await.expect("take"),
        None,
        "held by the first run"
    );
    let mut later = now + 1_000;
    for _ in 1..thumbnail_jobs::MAX_ATTEMPTS {
        assert_eq!(take(later).await.expect("take"), Some(id.clone()));
        later += 1_000;
    }
    assert_eq!(take(later).await.expect("take"), None, "out of attempts");
    assert_eq!(thumbnail_jobs::waiting(pool).await.expect("waiting"), 0);
    app.stop().await;
    database.drop_now().await;
}
on_both_backends!(a_leased_job_is_held_by_one_run_and_retried_a_few_times);
