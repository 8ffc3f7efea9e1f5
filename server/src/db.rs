//! The database: one pool over SQLite or PostgreSQL, migrations, and small
//! query functions grouped by table (submodules).
//!
//! Queries use `$1`-style parameters and column types that decode the same on
//! both backends (text ids, `i64` milliseconds), so every query runs on both.

pub mod annual;
pub mod annual_kinds;
pub mod applied;
pub mod avvik;
pub mod avvik_case;
pub mod avvik_list;
pub mod avvik_rating;
pub mod avvik_scope;
pub mod avvik_stats;
pub mod avvik_workflow;
pub mod checklists;
pub mod coverage;
pub mod dashboard;
pub mod dashboard_tally;
pub mod findings;
pub mod follow_up;
pub mod grants;
pub mod history;
pub mod login_attempts;
pub mod mail_outbox;
pub mod notifications;
pub mod org_places;
pub mod photos;
pub mod places;
pub mod reference;
pub mod reports;
pub mod round_report;
pub mod rounds;
pub mod sessions;
pub mod stats;
pub mod structure;
pub mod sync_log;
pub mod thumbnail_jobs;
pub mod tiltak;
pub mod tiltak_pages;
pub mod units;
pub mod users;

use std::time::Duration;

use anyhow::Context;
use sqlx::any::{AnyPoolOptions, install_default_drivers};
use sqlx::{AnyPool, Executor};

/// Which database engine is behind the pool.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DbKind {
    /// Embedded SQLite file.
    Sqlite,
    /// PostgreSQL server.
    Postgres,
}

/// The connection pool, built once at start-up and shared.
#[derive(Clone, Debug)]
pub struct Db {
    pool: AnyPool,
    kind: DbKind,
}

impl Db {
    /// Connects to `url` (`sqlite://…` or `postgres://…`), creating the SQLite
    /// file and its directory when needed.
    pub async fn connect(url: &str) -> anyhow::Result<Db> {
        install_default_drivers();
        let kind = if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            DbKind::Postgres
        } else if url.starts_with("sqlite:") {
            DbKind::Sqlite
        } else {
            anyhow::bail!("unsupported database URL (use sqlite:// or postgres://)");
        };
        if kind == DbKind::Sqlite {
            create_sqlite_dir(url)?;
        }
        let pool = AnyPoolOptions::new()
            .max_connections(if kind == DbKind::Sqlite { 8 } else { 16 })
            .acquire_timeout(Duration::from_secs(5))
            .after_connect(move |conn, _| {
                Box::pin(async move {
                    // Statements are prepared once per connection; after a
                    // few runs PostgreSQL would plan them for any value,
                    // and a list page after a cursor then sorts every case
                    // in reach instead of walking the risk index (240 ms
                    // against 13 ms over 100,000 cases).
                    if kind == DbKind::Postgres {
                        conn.execute("SET plan_cache_mode = force_custom_plan")
                            .await?;
                    }
                    Ok(())
                })
            })
            .connect(url)
            .await
            .context("could not connect to the database")?;
        if kind == DbKind::Sqlite {
            // WAL lets readers work while one writer commits; it is stored in the file.
            pool.execute("PRAGMA journal_mode = WAL")
                .await
                .context("could not switch SQLite to WAL")?;
        }
        Ok(Db { pool, kind })
    }

    /// Applies the migrations of this backend that have not run yet.
    pub async fn migrate(&self) -> anyhow::Result<()> {
        match self.kind {
            DbKind::Sqlite => sqlx::migrate!("./migrations/sqlite").run(&self.pool).await,
            DbKind::Postgres => {
                sqlx::migrate!("./migrations/postgres")
                    .run(&self.pool)
                    .await
            }
        }
        .context("database migration failed")
    }

    /// The pool, for query functions.
    pub fn pool(&self) -> &AnyPool {
        &self.pool
    }

    /// Starts a transaction that will write. On SQLite it takes the write
    /// lock up front (`BEGIN IMMEDIATE`), waiting for it within the busy
    /// timeout: a transaction that reads first and writes later cannot wait
    /// for the lock and fails with "database is locked" when another writer
    /// committed meanwhile. PostgreSQL locks rows as they are written.
    pub async fn begin_write(&self) -> sqlx::Result<sqlx::Transaction<'static, sqlx::Any>> {
        match self.kind {
            DbKind::Sqlite => self.pool.begin_with("BEGIN IMMEDIATE").await,
            DbKind::Postgres => self.pool.begin().await,
        }
    }

    /// Starts a transaction that changes records kept in the history
    /// (rounds, findings, cases, measures). On PostgreSQL it first takes the
    /// lock every such writer takes (the change sequence, see
    /// [`history::lock_sequence`]), as `BEGIN IMMEDIATE` does on SQLite, so
    /// that they all lock in one order: the tallies' triggers (migration
    /// 0018) and the receipt counter lock rows that a writer holding the
    /// sequence may need next, and two writers taking them in opposite
    /// orders would wait on each other until PostgreSQL aborts one.
    pub async fn begin_change(&self) -> sqlx::Result<sqlx::Transaction<'static, sqlx::Any>> {
        let mut tx = self.begin_write().await?;
        if self.kind == DbKind::Postgres {
            history::lock_sequence(&mut tx).await?;
        }
        Ok(tx)
    }

    /// The backend kind.
    pub fn kind(&self) -> DbKind {
        self.kind
    }

    /// Checks that the database answers.
    pub async fn ping(&self) -> anyhow::Result<()> {
        sqlx::query("SELECT 1")
            .execute(&self.pool)
            .await
            .context("database did not answer")?;
        Ok(())
    }

    /// Closes every connection; later queries fail.
    pub async fn close(&self) {
        self.pool.close().await;
    }
}

fn create_sqlite_dir(url: &str) -> anyhow::Result<()> {
    let path = url
        .trim_start_matches("sqlite://")
        .trim_start_matches("sqlite:")
        .split('?')
        .next()
        .unwrap_or_default();
    if path.is_empty() || path == ":memory:" {
        return Ok(());
    }
    if let Some(dir) = std::path::Path::new(path).parent()
        && !dir.as_os_str().is_empty()
    {
        std::fs::create_dir_all(dir)
            .with_context(|| format!("could not create data directory {}", dir.display()))?;
    }
    Ok(())
}

/// Milliseconds since the Unix epoch, the time unit stored in the database.
pub fn now_ms() -> i64 {
    chrono::Utc::now().timestamp_millis()
}

/// A new time-ordered id (UUIDv7) as text.
pub fn new_id() -> String {
    uuid::Uuid::now_v7().to_string()
}

/// Whether the database refused a write for a unique index (on either
/// backend): another save took the same key first.
pub fn is_unique_violation(error: &sqlx::Error) -> bool {
    error
        .as_database_error()
        .is_some_and(|error| error.is_unique_violation())
}
