//! QR report and room import benchmark: prints figures, asserts nothing
//! about speed.
//!
//! `cargo bench -p server --bench reports` (add `VERN_TEST_POSTGRES_URL` for
//! a PostgreSQL run too). Starts the real server on port 0 against a fresh
//! database with the demo organisation and measures, over HTTP: the check
//! and the import of a CSV file of 1,000 rooms, and a report sent as a
//! browser without JavaScript sends it (multipart form), without and with
//! a 2 MB photo.

#[path = "sync/client.rs"]
#[expect(
    dead_code,
    reason = "shared with the sync benchmark; this one uses its JPEG and PostgreSQL helpers"
)]
mod client;
#[path = "sync/figures.rs"]
mod figures;

use std::sync::Arc;

use anyhow::{Context, bail};
use figures::Timings;
use reqwest::multipart::{Form, Part};
use tokio::sync::Notify;
use vern::Application;
use vern::config::Settings;

const IMPORTS: usize = 3;
const ROOMS_PER_IMPORT: usize = 1_000;
const PLAIN_REPORTS: usize = 30;
const PHOTO_REPORTS: usize = 10;

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    vern::telemetry::init("error", false);
    client::on_each_backend(run).await
}

async fn run(backend: &str, url: &str, dir: &std::path::Path) -> anyhow::Result<()> {
    let settings = Settings {
        listen: "127.0.0.1:0".parse()?,
        database_url: url.to_owned(),
        photo_store: dir.join(format!("photos-{backend}")).display().to_string(),
        log: "error".to_owned(),
        report_limit_per_address: 10_000,
        report_limit_per_room: 10_000,
        ..Settings::default()
    };
    let app = Application::build(settings).await?;
    vern::demo::seed(app.db()).await?;
    let (address, pool) = (
        format!("http://127.0.0.1:{}", app.port()),
        app.db().pool().clone(),
    );
    let stop = Arc::new(Notify::new());
    let stopped = Arc::clone(&stop);
    let handle = tokio::spawn(app.run_until(async move { stopped.notified().await }));
    let client = reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .build()?;
    call(
        &client,
        &address,
        "login",
        &[("username", "hms"), ("password", vern::demo::DEMO_PASSWORD)],
    )
    .await?;
    println!("\n== {backend} ==");

    let (unit,): (String,) = sqlx::query_as("SELECT id FROM org_units WHERE name = 'Nordby skole'")
        .fetch_one(&pool)
        .await?;
    let (mut check, mut import) = (Timings::default(), Timings::default());
    for run in 0..IMPORTS {
        let csv: String = (0..ROOMS_PER_IMPORT)
            .map(|n| format!("Bygg {run}-{};Rom {n};{}\n", n % 10, n % 4))
            .collect();
        let form = [("unit_id", unit.as_str()), ("csv", csv.as_str())];
        check
            .time(call(&client, &address, "preview_room_import", &form))
            .await?;
        import
            .time(call(&client, &address, "import_rooms", &form))
            .await?;
    }
    check.print("check of a CSV file of 1,000 rooms");
    import.print("import of a CSV file of 1,000 rooms (10 new buildings)");

    let (token,): (String,) = sqlx::query_as("SELECT qr_token FROM rooms WHERE name = 'Gymsal'")
        .fetch_one(&pool)
        .await?;
    let plain = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()?;
    let mut reports = Timings::default();
    for _ in 0..PLAIN_REPORTS {
        reports.time(report(&plain, &address, &token, None)).await?;
    }
    reports.print("report sent as a form without JavaScript, no photo");
    let jpeg = client::two_megabyte_jpeg()?;
    let mut with_photo = Timings::default();
    for _ in 0..PHOTO_REPORTS {
        with_photo
            .time(report(&plain, &address, &token, Some(&jpeg)))
            .await?;
    }
    with_photo.print(&format!(
        "report sent as a form without JavaScript, with a {:.2} MB photo ({:.1} MB/s at p50)",
        jpeg.len() as f64 / 1e6,
        figures::mb_per_s(jpeg.len(), with_photo.p50_ms()),
    ));
    stop.notify_one();
    handle.await??;
    Ok(())
}

async fn call(
    client: &reqwest::Client,
    address: &str,
    name: &str,
    form: &[(&str, &str)],
) -> anyhow::Result<()> {
    let response = client
        .post(format!("{address}/api/fn/{name}"))
        .header("origin", address)
        .form(form)
        .send()
        .await
        .with_context(|| format!("call {name}"))?;
    if !response.status().is_success() {
        bail!(
            "{name} answered {}: {}",
            response.status(),
            response.text().await?
        );
    }
    Ok(())
}

async fn report(
    client: &reqwest::Client,
    address: &str,
    token: &str,
    photo: Option<&[u8]>,
) -> anyhow::Result<()> {
    let mut form = Form::new()
        .text("client_id", uuid::Uuid::new_v4().to_string())
        .text("category", "brann")
        .text("description", "Nødutgangen er sperret av paller")
        .text("severity", "hoy")
        .text("anonymous", "1");
    if let Some(photo) = photo {
        form = form.part("photo", Part::bytes(photo.to_vec()).file_name("bilde.jpg"));
    }
    let response = client
        .post(format!("{address}/r/{token}"))
        .multipart(form)
        .send()
        .await
        .context("send a report")?;
    if response.status() != reqwest::StatusCode::SEE_OTHER {
        bail!("the report was answered {}", response.status());
    }
    Ok(())
}
