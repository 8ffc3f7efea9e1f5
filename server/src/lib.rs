//! The Vern server: configuration, storage, authentication, the HTTP API and
//! the Leptos app, as a library so tests can start it on port 0.

pub mod annual;
pub mod auth;
pub mod cli;
pub mod config;
pub mod db;
pub mod demo;
pub mod errors;
pub mod exports;
pub mod http;
pub mod local_time;
pub mod mail;
pub mod pdf;
pub mod photos;
pub mod reports;
pub mod services;
pub mod state;
pub mod sync;
pub mod telemetry;
pub mod work_slots;

use std::future::Future;
use std::net::SocketAddr;
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use anyhow::Context;
use leptos::config::LeptosOptions;
use tokio::net::TcpListener;

use crate::config::Settings;
use crate::db::Db;
use crate::reports::limiter::ReportLimiter;
use crate::state::AppState;
use crate::work_slots::WorkSlots;

/// A server that is bound to its port and ready to run.
pub struct Application {
    listener: TcpListener,
    state: AppState,
}

impl Application {
    /// Connects to the database, migrates it and binds the listen address
    /// (port 0 picks a free port).
    pub async fn build(settings: Settings) -> anyhow::Result<Application> {
        let trusted_proxies = settings.trusted_proxy_ranges()?.into();
        let db = Db::connect(&settings.database_url()).await?;
        db.migrate().await?;
        let listener = TcpListener::bind(settings.listen)
            .await
            .with_context(|| format!("could not listen on {}", settings.listen))?;
        let address = listener.local_addr().context("no local address")?;
        let public_url = if settings.public_url.is_empty() {
            format!("http://{address}")
        } else {
            settings.public_url()
        };
        let leptos = leptos_options(&settings, address);
        let photos = photos::store::build(&settings).context("could not set up the photo store")?;
        let mailer = mail::Mailer::from_settings(&settings)?;
        let state = AppState {
            db,
            photos,
            trusted_proxies,
            passwords: Arc::new(WorkSlots::per_core(
                "password check",
                Duration::from_secs(3),
            )),
            // One PNG, WebP or QR report photo re-encoded at a time (about
            // 100 MB at most); the thumbnail worker decodes one more, scaled.
            photo_slots: Arc::new(WorkSlots::new(
                "photo processing",
                1,
                Duration::from_secs(10),
            )),
            thumbnails: Arc::default(),
            report_limiter: Arc::new(ReportLimiter::new(
                settings.report_limit_per_address,
                settings.report_limit_per_room,
            )),
            mailer,
            settings: Arc::new(settings),
            public_url,
            leptos,
            build: http::service_worker::build_stamp(http::service_worker::hash_file().as_deref())
                .into(),
            plan_clock: annual::clock::PlanClock::default(),
        };
        Ok(Application { listener, state })
    }

    /// The port the server listens on.
    pub fn port(&self) -> u16 {
        self.local_addr().map(|a| a.port()).unwrap_or_default()
    }

    /// The address the server listens on (its real port when asked for port 0).
    pub fn local_addr(&self) -> std::io::Result<SocketAddr> {
        self.listener.local_addr()
    }

    /// The bound on password checks, for tests that count them.
    pub fn passwords(&self) -> Arc<WorkSlots> {
        Arc::clone(&self.state.passwords)
    }

    /// The database, for tests and admin commands.
    pub fn db(&self) -> &Db {
        &self.state.db
    }

    /// Serves until `shutdown` completes, then finishes the open requests.
    pub async fn run_until(
        self,
        shutdown: impl Future<Output = ()> + Send + 'static,
    ) -> anyhow::Result<()> {
        let state = self.state.clone();
        let cleaner = tokio::spawn(clean_up_periodically(state.clone()));
        let reminders = (state.settings.reminder_minutes > 0).then(|| {
            let every = Duration::from_secs(60 * u64::from(state.settings.reminder_minutes));
            tokio::spawn(services::follow_up::run_periodically(
                state.db.clone(),
                every,
            ))
        });
        let mails = (state.settings.mail_seconds > 0).then(|| {
            let plan = services::mail_notices::MailPlan {
                public_url: state.public_url.clone(),
                digest_hour: state.settings.digest_hour,
            };
            tokio::spawn(services::mail_notices::run_periodically(
                state.db.clone(),
                state.mailer.clone(),
                plan,
                Duration::from_secs(u64::from(state.settings.mail_seconds)),
            ))
        });
        let thumbnails = (state.settings.thumbnail_seconds > 0).then(|| {
            let every = Duration::from_secs(u64::from(state.settings.thumbnail_seconds));
            tokio::spawn(photos::thumbnails::run_periodically(state.clone(), every))
        });
        let router = http::router::build(state.clone());
        tracing::info!(url = %state.public_url, "Vern is serving");
        let served = axum::serve(
            self.listener,
            router.into_make_service_with_connect_info::<SocketAddr>(),
        )
        .with_graceful_shutdown(shutdown)
        .await
        .context("server failed");
        cleaner.abort();
        for task in [reminders, mails, thumbnails].into_iter().flatten() {
            task.abort();
        }
        state.db.close().await;
        served
    }
}

fn leptos_options(settings: &Settings, address: SocketAddr) -> LeptosOptions {
    let output_name = option_env!("LEPTOS_OUTPUT_NAME").unwrap_or("vern");
    let hashed = http::service_worker::hash_file().is_some();
    LeptosOptions::builder()
        .output_name(output_name)
        .site_root(settings.site_root.display().to_string())
        .site_pkg_dir("pkg")
        .site_addr(address)
        .hash_files(hashed)
        .build()
}

async fn clean_up_periodically(state: AppState) {
    let mut interval = tokio::time::interval(Duration::from_secs(3_600));
    loop {
        interval.tick().await;
        if let Err(error) = services::accounts::clean_up(&state).await {
            tracing::warn!(%error, "clean-up failed");
        }
    }
}

/// Completes on Ctrl-C or SIGTERM.
pub async fn shutdown_signal() {
    let ctrl_c = async {
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
    tracing::info!("shutting down");
}

/// Connects and migrates without serving (for `vern migrate` and admin commands).
pub async fn open_database(settings: &Settings) -> anyhow::Result<Db> {
    let db = Db::connect(&settings.database_url()).await?;
    db.migrate().await?;
    Ok(db)
}

/// Whether a path looks like the built site (for a friendly start-up warning).
pub fn site_is_built(site_root: &Path) -> bool {
    site_root.join("pkg").is_dir()
}
