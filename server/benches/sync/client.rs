//! A running server and the requests the benchmark makes.

use std::future::Future;
use std::path::Path;
use std::sync::Arc;

use anyhow::{Context, bail};
use app::sync::protocol::{FindingInput, NewRound, Operation, OperationBody};
use app::sync::records::{Answer, Participant};
use app::sync::reference::ReferenceData;
use tokio::sync::Notify;
use vern::Application;
use vern::config::Settings;
use vern::db::Db;

/// The server under test and a logged-in client.
pub struct Bench {
    address: String,
    /// The server's database, to see its thumbnail jobs.
    pub db: Db,
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
        let db = app.db().clone();
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
            db,
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
        round_operations(&self.reference, 99)
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

    /// Uploads a photo under a new id; fails unless it was stored. The body
    /// is shared, not copied, so the client adds little to the memory used.
    /// Uploads `photo`, whose SHA-256 in hex is `sha` (a phone hashes it
    /// when it is taken, not when it is sent).
    pub async fn put_photo(
        &self,
        finding: &str,
        photo: &bytes::Bytes,
        sha: &str,
    ) -> anyhow::Result<()> {
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
            .body(photo.clone())
            .send()
            .await?;
        if response.status() != reqwest::StatusCode::CREATED {
            bail!("photo PUT answered {}", response.status());
        }
        Ok(())
    }

    /// A round with `findings` answers (every fourth an avvik) and
    /// `photos` (JPEG, SHA-256 in hex) spread over its avvik, each thumbnail
    /// made; returns the round's id.
    pub async fn round_with_photos(
        &self,
        findings: usize,
        photos: &[(bytes::Bytes, String)],
    ) -> anyhow::Result<String> {
        let operations = round_operations(&self.reference, findings);
        self.push(&operations).await?;
        let mut round = None;
        let mut avvik = Vec::new();
        for operation in &operations {
            match operation.body().map_err(anyhow::Error::msg)? {
                OperationBody::CreateRound(new) => round = Some(new.round_id),
                OperationBody::SaveFinding(input) if input.answer == Answer::Avvik => {
                    avvik.push(input.finding_id);
                }
                _ => {}
            }
        }
        if avvik.is_empty() {
            bail!("the round has no avvik to attach photos to");
        }
        for ((jpeg, sha), finding) in photos.iter().zip(avvik.iter().cycle()) {
            self.put_photo(finding, jpeg, sha).await?;
            self.thumbnails_made().await?;
        }
        round.context("the round's operation")
    }

    /// GETs `path` as the logged-in verneombud; fails unless it answered
    /// 200; returns the body's size in bytes.
    pub async fn get_size(&self, path: &str) -> anyhow::Result<usize> {
        let response = self
            .client
            .get(format!("{}{path}", self.address))
            .send()
            .await?;
        if response.status() != reqwest::StatusCode::OK {
            bail!("GET {path} answered {}", response.status());
        }
        Ok(response.bytes().await?.len())
    }

    /// Waits until the server has made every thumbnail waiting.
    pub async fn thumbnails_made(&self) -> anyhow::Result<()> {
        for _ in 0..1_200 {
            if vern::db::thumbnail_jobs::waiting(self.db.pool()).await? == 0 {
                return Ok(());
            }
            tokio::time::sleep(std::time::Duration::from_millis(25)).await;
        }
        bail!("thumbnails still waiting after 30 s")
    }

    /// Uploads the bytes to one of the trivial handlers.
    pub async fn raw_upload(&self, address: &str, bytes: &bytes::Bytes) -> anyhow::Result<()> {
        let response = self.client.put(address).body(bytes.clone()).send().await?;
        if !response.status().is_success() {
            bail!("raw upload answered {}", response.status());
        }
        Ok(())
    }
}

/// A new round in the first area of `reference` and `findings` answers to
/// its points, every fourth an avvik.
pub fn round_operations(reference: &ReferenceData, findings: usize) -> Vec<Operation> {
    let area = &reference.areas[0];
    let checklist = reference.checklist.as_ref().expect("demo checklist");
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
    for n in 0..findings {
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

/// Two trivial upload handlers, the ceilings for uploads here: `/upload`
/// only reads the body; `/durable` also writes it to a file in `dir` and
/// waits for the disk (fsync), as any upload that keeps a photo must.
/// Returns the server's base address.
pub async fn raw_upload_server(dir: &Path) -> anyhow::Result<String> {
    use axum::routing::put;
    let file = dir.join("durable-upload");
    let router = axum::Router::new()
        .route(
            "/upload",
            put(|body: axum::body::Bytes| async move { body.len().to_string() }),
        )
        .route(
            "/durable",
            put(move |body: axum::body::Bytes| async move {
                let written = tokio::task::spawn_blocking(move || {
                    use std::io::Write;
                    let mut out = std::fs::File::create(&file)?;
                    out.write_all(&body)?;
                    out.sync_all()
                })
                .await;
                match written {
                    Ok(Ok(())) => axum::http::StatusCode::OK,
                    _ => axum::http::StatusCode::INTERNAL_SERVER_ERROR,
                }
            }),
        )
        .layer(axum::extract::DefaultBodyLimit::max(20 * 1024 * 1024));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let address = format!("http://{}", listener.local_addr()?);
    tokio::spawn(async move { axum::serve(listener, router).await });
    Ok(address)
}

/// A photo-like JPEG of about 2 MB (noise compresses badly, like a real photo).
pub fn two_megabyte_jpeg() -> anyhow::Result<Vec<u8>> {
    noisy_jpeg(1792, 1344, 0x3f)
}

/// A JPEG of `width` × `height` whose pixels carry noise within `noise`
/// (a bit mask: more bits, more bytes).
pub fn noisy_jpeg(width: u32, height: u32, noise: u32) -> anyhow::Result<Vec<u8>> {
    seeded_jpeg(width, height, noise, 0x2545_f491)
}

/// [`noisy_jpeg`] with its noise drawn from `seed` (not 0): photos that
/// differ, as a round's do.
pub fn seeded_jpeg(width: u32, height: u32, noise: u32, seed: u32) -> anyhow::Result<Vec<u8>> {
    let mut state = seed.max(1);
    let image = image::RgbImage::from_fn(width, height, |x, y| {
        state ^= state << 13;
        state ^= state >> 17;
        state ^= state << 5;
        let noise = (state & noise) as u8;
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
