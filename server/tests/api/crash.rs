//! The server killed partway through a push: a push is one transaction, so
//! nothing of it remains (no operation half-applied, no number of the
//! change sequence taken), and the phone's retry of the whole batch after
//! the restart applies every operation exactly once.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use app::sync::protocol::{Operation, SCHEMA_VERSION};
use reqwest::StatusCode;
use serde_json::json;
use vern::db::{Db, DbKind};

use super::concurrency::assert_sequence_without_gaps;
use super::helpers::{Backend, TestDatabase, client, log_in_at, table_rows};
use super::sync_support::*;
use crate::on_both_backends;

/// `vern serve --demo` in its own process, killed when dropped.
struct ServerProcess {
    child: Child,
    address: String,
}

impl ServerProcess {
    /// Starts the binary on port 0 and reads the port it got from its output.
    fn start(database_url: &str, data_dir: &std::path::Path) -> ServerProcess {
        let mut child = Command::new(env!("CARGO_BIN_EXE_vern"))
            .args(["--database-url", database_url, "--listen", "127.0.0.1:0"])
            .args(["--log", "warn", "--data-dir"])
            .arg(data_dir)
            .args(["serve", "--demo"])
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("run vern serve");
        let stdout = child.stdout.take().expect("stdout");
        let mut server = ServerProcess {
            child,
            address: String::new(),
        };
        let (sender, address) = mpsc::channel();
        // Reads to the end so that the server never blocks on a full pipe.
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if let Some(address) = line.strip_prefix("listening on ") {
                    let _ = sender.send(address.to_owned());
                }
            }
        });
        // On a panic here, dropping `server` kills the process.
        server.address = address
            .recv_timeout(Duration::from_secs(60))
            .expect("vern printed the address it listens on");
        server
    }

    /// SIGKILL: no graceful shutdown, open transactions die with the process.
    fn kill(mut self) {
        self.child.kill().expect("kill vern");
        self.child.wait().expect("reap vern");
    }
}

impl Drop for ServerProcess {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Logs in as the demo verneombud and pushes `operations` from one phone.
async fn push_batch(
    address: &str,
    phone: &reqwest::Client,
    operations: &[Operation],
) -> reqwest::Result<reqwest::Response> {
    let body = json!({ "schema": SCHEMA_VERSION, "device_id": "phone", "operations": operations });
    phone
        .post(format!("{address}/api/v1/sync/push"))
        .header("origin", address)
        .json(&body)
        .send()
        .await
}

async fn logged_in_phone(address: &str) -> reqwest::Client {
    let phone = client();
    log_in_at(address, &phone, "verneombud").await;
    phone
}

/// Whether a push's transaction is open and has written: PostgreSQL gives
/// a writing transaction an id; SQLite's write lock is taken (a second
/// writer that will not wait is refused).
async fn push_underway(db: &Db) -> bool {
    match db.kind() {
        DbKind::Postgres => {
            let (writing,): (i64,) = sqlx::query_as(
                "SELECT COUNT(*) FROM pg_stat_activity
                 WHERE datname = current_database() AND backend_xid IS NOT NULL
                   AND pid <> pg_backend_pid()",
            )
            .fetch_one(db.pool())
            .await
            .expect("pg_stat_activity");
            writing > 0
        }
        DbKind::Sqlite => {
            let mut conn = db.pool().acquire().await.expect("connection");
            let query = |sql: &'static str| sqlx::query(sql);
            query("PRAGMA busy_timeout = 0")
                .execute(&mut *conn)
                .await
                .expect("no waiting");
            let locked = query("BEGIN IMMEDIATE").execute(&mut *conn).await.is_err();
            if !locked {
                query("ROLLBACK")
                    .execute(&mut *conn)
                    .await
                    .expect("rollback");
            }
            query("PRAGMA busy_timeout = 5000")
                .execute(&mut *conn)
                .await
                .expect("waiting again");
            locked
        }
    }
}

/// Operations in the batch, at most: near the limit of one push (500), so
/// that the kill lands partway.
const BATCH: usize = 480;

async fn a_server_killed_mid_batch_loses_nothing_and_doubles_nothing(backend: Backend) {
    let Some(database) = TestDatabase::create(backend).await else {
        return;
    };
    let data_dir = tempfile::tempdir().expect("data dir");
    let server = ServerProcess::start(&database.url, data_dir.path());
    let phone = logged_in_phone(&server.address).await;
    let reference: app::sync::reference::ReferenceData = phone
        .get(format!("{}/api/v1/sync/reference", server.address))
        .send()
        .await
        .expect("reference")
        .json()
        .await
        .expect("reference json");
    let items = item_ids(&reference);
    let mut operations = Vec::new();
    let rounds = BATCH / (items.len() + 1);
    for _ in 0..rounds {
        let round_id = id();
        operations.push(create_round(&reference, &round_id));
        for item in &items {
            operations.push(save(finding(&round_id, &id(), item, Some("Løs ledning"))));
        }
    }
    let total = i64::try_from(operations.len()).expect("small");
    let db = Db::connect(&database.url)
        .await
        .expect("watch the database");
    let history_before = table_rows(&db, "history").await;

    let sending = tokio::spawn({
        let (address, phone, operations) =
            (server.address.clone(), phone.clone(), operations.clone());
        async move { push_batch(&address, &phone, &operations).await }
    });
    // Twice in a row, so that a short write of the request's own (its
    // session) is not taken for the push.
    let mut seen = 0;
    while seen < 2 {
        if sending.is_finished() {
            let answer = sending.await.expect("push task");
            let body = answer.expect("an answer").text().await.unwrap_or_default();
            panic!("the push ended before the kill: {body}");
        }
        seen = if push_underway(&db).await {
            seen + 1
        } else {
            0
        };
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    server.kill();
    let answer = sending.await.expect("push task");
    assert!(answer.is_err(), "the phone got no answer: {answer:?}");

    // Nothing of the push remains, and no number was taken.
    assert_eq!(table_rows(&db, "applied_operations").await, 0);
    assert_eq!(table_rows(&db, "history").await, history_before);
    assert_eq!(
        table_rows(&db, "rounds").await + table_rows(&db, "findings").await,
        0
    );
    assert_sequence_without_gaps(&db).await;

    let server = ServerProcess::start(&database.url, data_dir.path());
    let phone = logged_in_phone(&server.address).await;
    let retry = push_batch(&server.address, &phone, &operations)
        .await
        .expect("retry after the restart");
    assert_eq!(retry.status(), StatusCode::OK);
    let retry: serde_json::Value = retry.json().await.expect("push answer");
    let results = retry["results"].as_array().expect("results");
    assert_eq!(results.len(), operations.len());
    assert!(
        codes(results).iter().all(|code| *code == "applied"),
        "{results:?}"
    );

    assert_eq!(table_rows(&db, "applied_operations").await, total);
    assert_eq!(table_rows(&db, "history").await - history_before, total);
    assert_eq!(
        table_rows(&db, "rounds").await,
        i64::try_from(rounds).expect("small")
    );
    assert_eq!(
        table_rows(&db, "rounds").await + table_rows(&db, "findings").await,
        total
    );
    assert_sequence_without_gaps(&db).await;
    server.kill();
    db.close().await;
    database.drop_now().await;
}
on_both_backends!(a_server_killed_mid_batch_loses_nothing_and_doubles_nothing);
