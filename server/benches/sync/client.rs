//! A running server and the requests the benchmark makes.

use std::future::Future;
use std::path::Path;
use std::sync::Arc;

use anyhow::{Context, bail};
use app::sync::protocol::{FindingInput, NewRound, Operation, OperationBody};
use app::sync::records::{Answer, Participant};
use app::sync::reference::ReferenceData;
use sha2::{Digest, Sha256};
use tokio::sync::Notify;
use vern::Application;
use vern::config::Settings;
use vern::db::Db;

/// The server under test and a logged-in client.
pub struct Bench {
    address: String,
    client: reqwest::Client,
    reference: ReferenceData,
    stop: Arc<Notify>,
    handle: tokio::task::JoinHandle<anyhow::Result<()>>,
}

fn id() -> String {
    uuid::Uuid::now_v7().to_string()
}

impl Bench {
    /// Starts the server on `url` with the demo data and logs in as the verneombud.
    pub async fn start(url: &str, photos: &Path) -> anyhow::Result<Bench> {
        let settings = Settings {
            listen: "127.0.0.1:0".parse()?,
            database_url: url.to_owned(),
            photo_store: photos.display().to_string(),
            log: "error".to_owned(),
            ..Settings::default()
        };
        let app = Application::build(settings).await?;
        vern::demo::seed(app.db()).await?;
        let address = format!("http://127.0.0.1:{}", app.port());
        let stop = Arc::new(Notify::new());
        let stopped = Arc::clone(&stop);
        let handle = tokio::spawn(app.run_until(async move { stopped.notified().await }));
        let client = reqwest::Client::builder().cookie_store(true).build()?;
        let login = client
            .post(format!("{address}/api/fn/login"))
            .header("origin", &address)
            .form(&[
                ("username", "verneombud"),
                ("password", vern::demo::DEMO_PASSWORD),
            ])
            .send()
            .await?;
        if !login.status().is_success() {
            bail!("login failed: {}", login.status());
        }
        let reference = client
            .get(format!("{address}/api/v1/sync/reference"))
            .send()
            .await?
            .json()
            .await
            .context("reference data")?;
        Ok(Bench {
            address,
            client,
            reference,
            stop,
            handle,
        })
    }

    /// Stops the server.
    pub async fn stop(self) {
        self.stop.notify_one();
        let _ = self.handle.await;
    }

    /// A new round and 99 answers to its points.
    pub fn hundred_operations(&self) -> Vec<Operation> {
        let area = &self.reference.areas[0];
        let checklist = self.reference.checklist.as_ref().expect("demo checklist");
        let items: Vec<&str> = checklist
            .sections
            .iter()
            .flat_map(|s| s.items.iter().map(|i| i.id.as_str()))
            .collect();
        let round_id = id();
        let mut operations = vec![Operation::new(
            id(),
            &OperationBody::CreateRound(NewRound {
                round_id: round_id.clone(),
                unit_id: area.unit_id.clone(),
                verneomrade_id: Some(area.id.clone()),
                checklist_version_id: checklist.version_id.clone(),
                title: "Benchmark".into(),
                date: "2026-11-22".into(),
                participants: vec![Participant {
                    id: id(),
                    user_id: None,
                    name: "Vera Vik".into(),
                    role_label: "Verneombud".into(),
                    signed: false,
                }],
            }),
        )];
        for n in 0..99 {
            let room = area.rooms.get(n / items.len()).map(|room| room.id.clone());
            let avvik = n % 4 == 0;
            operations.push(Operation::new(
                id(),
                &OperationBody::SaveFinding(FindingInput {
                    finding_id: id(),
                    round_id: round_id.clone(),
                    room_id: room,
                    item_id: items[n % items.len()].to_owned(),
                    answer: if avvik { Answer::Avvik } else { Answer::Ok },
                    observation: if avvik {
                        "Observert avvik".into()
                    } else {
                        String::new()
                    },
                    probability: avvik.then_some(3),
                    consequence: avvik.then_some(3),
                    suggested_measure: String::new(),
                    base_seq: 0,
                }),
            ));
        }
        operations
    }

    /// Pushes operations; fails unless all were applied.
    pub async fn push(&self, operations: &[Operation]) -> anyhow::Result<()> {
        let body =
            serde_json::json!({ "schema": 1, "device_id": "bench", "operations": operations });
        let answer: serde_json::Value = self
            .client
            .post(format!("{}/api/v1/sync/push", self.address))
            .header("origin", &self.address)
            .json(&body)
            .send()
            .await?
            .json()
            .await?;
        let results = answer["results"].as_array().context("results")?;
        if results.iter().any(|r| r["status"] != "applied") {
            bail!("an operation was rejected: {answer}");
        }
        Ok(())
    }

    /// Pulls the first page of up to `limit` changes; fails if it was short.
    pub async fn pull_page(&self, limit: usize) -> anyhow::Result<()> {
        let page: serde_json::Value = self
            .client
            .get(format!(
                "{}/api/v1/sync/pull?since=0&limit={limit}&schema=1",
                self.address
            ))
            .send()
            .await?
            .json()
            .await?;
        let count = page["changes"].as_array().map_or(0, Vec::len);
        if count != limit {
            bail!("pulled {count} changes, wanted {limit}");
        }
        Ok(())
    }

    /// A finding (in a new round) to attach photos to.
    pub async fn finding_for_photos(&self) -> anyhow::Result<String> {
        let operations = self.hundred_operations();
        self.push(&operations[..2]).await?;
        let body = operations[1].body().map_err(anyhow::Error::msg)?;
        match body {
            OperationBody::SaveFinding(input) => Ok(input.finding_id),
            _ => bail!("second operation is not a finding"),
        }
    }

    /// Uploads a photo under a new id; fails unless it was stored.
    pub async fn put_photo(&self, finding: &str, jpeg: &[u8]) -> anyhow::Result<()> {
        let sha = hex::encode(Sha256::digest(jpeg));
        let url = format!(
            "{}/api/v1/photos/{}?finding_id={finding}&sha256={sha}&schema=1",
            self.address,
            id()
        );
        let response = self
            .client
            .put(url)
            .header("origin", &self.address)
            .header("content-type", "image/jpeg")
            .body(jpeg.to_vec())
            .send()
            .await?;
        if response.status() != reqwest::StatusCode::CREATED {
            bail!("photo PUT answered {}", response.status());
        }
        Ok(())
    }

    /// Uploads the bytes to the trivial handler.
    pub async fn raw_upload(&self, address: &str, bytes: &[u8]) -> anyhow::Result<()> {
        let response = self.client.put(address).body(bytes.to_vec()).send().await?;
        if !response.status().is_success() {
            bail!("raw upload answered {}", response.status());
        }
        Ok(())
    }
}

/// A handler that only reads the body: the ceiling for uploads here.
pub async fn raw_upload_server() -> anyhow::Result<String> {
    use axum::routing::put;
    let router = axum::Router::new()
        .route(
            "/upload",
            put(|body: axum::body::Bytes| async move { body.len().to_string() }),
        )
        .layer(axum::extract::DefaultBodyLimit::max(20 * 1024 * 1024));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let address = format!("http://{}/upload", listener.local_addr()?);
    tokio::spawn(async move { axum::serve(listener, router).await });
    Ok(address)
}

/// A photo-like JPEG of about 2 MB (noise compresses badly, like a real photo).
pub fn two_megabyte_jpeg() -> anyhow::Result<Vec<u8>> {
    let (width, height) = (1792u32, 1344u32);
    let mut state = 0x2545_f491_u32;
    let image = image::RgbImage::from_fn(width, height, |x, y| {
        state ^= state << 13;
        state ^= state >> 17;
        state ^= state << 5;
        let noise = (state & 0x3f) as u8;
        image::Rgb([
            (x / 8) as u8 ^ noise,
            (y / 6) as u8 ^ noise,
            noise.wrapping_mul(3),
        ])
    });
    let mut bytes = Vec::new();
    let encoder = image::codecs::jpeg::JpegEncoder::new_with_quality(&mut bytes, 85);
    image.write_with_encoder(encoder)?;
    Ok(bytes)
}

/// Runs `run` (with a backend's name, its database URL and a scratch
/// directory) on SQLite, then on PostgreSQL when `VERN_TEST_POSTGRES_URL`
/// names an admin connection.
pub async fn on_each_backend(
    run: impl AsyncFn(&str, &str, &Path) -> anyhow::Result<()>,
) -> anyhow::Result<()> {
    let dir = tempfile::tempdir()?;
    let sqlite = format!("sqlite://{}/bench.db?mode=rwc", dir.path().display());
    run("SQLite", &sqlite, dir.path()).await?;
    if let Ok(admin) = std::env::var("VERN_TEST_POSTGRES_URL") {
        let (url, drop) = fresh_postgres(&admin).await?;
        run("PostgreSQL", &url, dir.path()).await?;
        drop.await?;
    } else {
        println!("(PostgreSQL skipped: set VERN_TEST_POSTGRES_URL to include it)");
    }
    Ok(())
}

/// A fresh PostgreSQL database; the future drops it.
pub async fn fresh_postgres(
    admin_url: &str,
) -> anyhow::Result<(String, impl Future<Output = anyhow::Result<()>>)> {
    let name = format!("vern_bench_{}", uuid::Uuid::now_v7().simple());
    let admin = Db::connect(admin_url).await?;
    sqlx::query(&format!("CREATE DATABASE {name}"))
        .execute(admin.pool())
        .await?;
    let base = admin_url
        .rsplit_once('/')
        .map_or(admin_url, |(base, _)| base);
    let url = format!("{base}/{name}");
    let drop = async move {
        sqlx::query(&format!("DROP DATABASE {name} WITH (FORCE)"))
            .execute(admin.pool())
            .await?;
        admin.close().await;
        Ok(())
    };
    Ok((url, drop))
}
