//! One phone's visit: log in, load the reference data, push a round of 30
//! findings in three batches, upload 3 photos of its avvik, pull, with a
//! pause to think between steps. A 503 is waited out and sent again, as
//! the app does; anything else unexpected ends the visit as an error.

use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::{Context, bail};
use app::sync::protocol::{
    Operation, OperationBody, OperationStatus, PushRequest, PushResponse, SCHEMA_VERSION,
};
use app::sync::records::Answer;
use app::sync::reference::ReferenceData;
use reqwest::{RequestBuilder, StatusCode};
use sha2::{Digest, Sha256};

use crate::client::round_operations;
use crate::people;
use crate::stats::{Endpoint, Stats};

/// Findings in a phone's round, pushed in three batches of ten (the first
/// with the new round).
const FINDINGS: usize = 30;
const PHOTOS: usize = 3;

/// What every phone shares.
pub struct Visit {
    /// The server's address.
    pub address: String,
    /// Where every answer is counted.
    pub stats: Arc<Stats>,
    /// The photo each phone sends (a phone's 2048 px JPEG).
    pub photo: bytes::Bytes,
    /// The longest pause between steps; each pause is a random part of it.
    pub think: Duration,
}

/// A small random source per phone (xorshift), for the pauses.
pub struct Dice(pub u32);

impl Dice {
    /// A random part of `longest`.
    pub fn pause(&mut self, longest: Duration) -> Duration {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 17;
        self.0 ^= self.0 << 5;
        longest.mul_f64(f64::from(self.0 % 1000) / 1000.0)
    }
}

/// Runs phone number `n`'s visit; an error is counted where it happened.
pub async fn visit(visit: Arc<Visit>, n: u32) {
    let mut dice = Dice(0x9E37_79B9 ^ n.wrapping_mul(2_654_435_761).max(1));
    if let Err(error) = steps(&visit, n, &mut dice).await {
        tracing::debug!(%error, "a phone's visit ended");
    }
}

async fn steps(visit: &Visit, n: u32, dice: &mut Dice) -> anyhow::Result<()> {
    let client = log_in(visit, n).await?;
    tokio::time::sleep(dice.pause(visit.think)).await;
    let operations = walk_round(visit, &client, dice).await?;
    for finding in avvik_findings(&operations).take(PHOTOS) {
        tokio::time::sleep(dice.pause(visit.think)).await;
        upload(visit, &client, &finding, &visit.photo).await?;
    }
    tokio::time::sleep(dice.pause(visit.think)).await;
    let pull = client.get(format!(
        "{}/api/v1/sync/pull?since=0&limit=500&schema={SCHEMA_VERSION}",
        visit.address
    ));
    send(visit, Endpoint::Pull, pull).await?;
    Ok(())
}

/// A client with phone `n`'s session, from its own address.
pub async fn log_in(visit: &Visit, n: u32) -> anyhow::Result<reqwest::Client> {
    let client = reqwest::Client::builder()
        .cookie_store(true)
        .default_headers(people::address_headers(n)?)
        .build()?;
    let address = &visit.address;
    let username = people::username(n);
    let form = [
        ("username", username.as_str()),
        ("password", vern::demo::DEMO_PASSWORD),
    ];
    let login = client
        .post(format!("{address}/api/fn/login"))
        .header("origin", address)
        .form(&form);
    send(visit, Endpoint::Login, login).await?;
    Ok(client)
}

/// Loads the reference data and pushes a round of [`FINDINGS`] findings
/// in three batches; returns its operations.
pub async fn walk_round(
    visit: &Visit,
    client: &reqwest::Client,
    dice: &mut Dice,
) -> anyhow::Result<Vec<Operation>> {
    let reference = client.get(format!("{}/api/v1/sync/reference", visit.address));
    let reference: ReferenceData = send(visit, Endpoint::Reference, reference)
        .await?
        .json()
        .await
        .context("reference data")?;
    let operations = round_operations(&reference, FINDINGS);
    for batch in [&operations[..11], &operations[11..21], &operations[21..]] {
        tokio::time::sleep(dice.pause(visit.think)).await;
        push(visit, client, batch).await?;
    }
    Ok(operations)
}

/// Uploads `photo` to `finding`; returns the photo's id.
pub async fn upload(
    visit: &Visit,
    client: &reqwest::Client,
    finding: &str,
    photo: &bytes::Bytes,
) -> anyhow::Result<uuid::Uuid> {
    let sha = hex::encode(Sha256::digest(photo));
    let id = uuid::Uuid::now_v7();
    let put = client
        .put(format!(
            "{}/api/v1/photos/{id}?finding_id={finding}&sha256={sha}&schema={SCHEMA_VERSION}",
            visit.address
        ))
        .header("origin", &visit.address)
        .header("content-type", "image/jpeg")
        .body(photo.clone());
    send(visit, Endpoint::Photo, put).await?;
    Ok(id)
}

/// The ids of the findings answered "avvik".
pub fn avvik_findings(operations: &[Operation]) -> impl Iterator<Item = String> + '_ {
    operations
        .iter()
        .filter_map(|operation| match operation.body() {
            Ok(OperationBody::SaveFinding(input)) if input.answer == Answer::Avvik => {
                Some(input.finding_id)
            }
            _ => None,
        })
}

/// Pushes operations; every one must be applied.
async fn push(visit: &Visit, client: &reqwest::Client, chunk: &[Operation]) -> anyhow::Result<()> {
    let body = PushRequest {
        schema: SCHEMA_VERSION,
        device_id: "load".to_owned(),
        operations: chunk.to_vec(),
    };
    let request = client
        .post(format!("{}/api/v1/sync/push", visit.address))
        .header("origin", &visit.address)
        .json(&body);
    let answer: PushResponse = send(visit, Endpoint::Push, request).await?.json().await?;
    let applied = answer
        .results
        .iter()
        .filter(|result| result.status == OperationStatus::Applied)
        .count();
    if applied != chunk.len() {
        let refused = answer
            .results
            .iter()
            .find(|r| r.status != OperationStatus::Applied);
        visit.stats.error(
            Endpoint::Push,
            format!("{applied} of {} applied: {refused:?}", chunk.len()),
        );
        bail!("a push was not applied");
    }
    Ok(())
}

/// Sends a request, waiting out 503s; counts the answer.
pub async fn send(
    visit: &Visit,
    endpoint: Endpoint,
    request: RequestBuilder,
) -> anyhow::Result<reqwest::Response> {
    loop {
        let again = request
            .try_clone()
            .context("a request that can be sent again")?;
        let started = Instant::now();
        let answer = again.send().await;
        match answer {
            Ok(answer) if answer.status() == StatusCode::SERVICE_UNAVAILABLE => {
                visit.stats.busy(endpoint);
                let wait = answer
                    .headers()
                    .get("retry-after")
                    .and_then(|v| v.to_str().ok()?.parse().ok())
                    .unwrap_or(2);
                tokio::time::sleep(Duration::from_secs(wait)).await;
            }
            Ok(answer) if answer.status().is_success() => {
                visit.stats.answered(endpoint, started.elapsed());
                return Ok(answer);
            }
            Ok(answer) => {
                let status = answer.status();
                visit.stats.error(endpoint, format!("answered {status}"));
                bail!("{endpoint:?} answered {status}");
            }
            Err(error) => {
                visit.stats.error(endpoint, error.to_string());
                bail!("{endpoint:?} failed: {error}");
            }
        }
    }
}
