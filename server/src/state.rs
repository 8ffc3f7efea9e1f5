//! The state shared by every request.

use std::sync::Arc;

use axum::extract::FromRef;
use leptos::config::LeptosOptions;

use crate::config::Settings;
use crate::db::Db;
use crate::http::client_address::IpRange;
use crate::reports::limiter::ReportLimiter;
use crate::work_slots::WorkSlots;

/// Database, settings and Leptos options, cloned cheaply into handlers.
#[derive(Clone)]
pub struct AppState {
    /// The database pool.
    pub db: Db,
    /// Where photo bytes are kept (a local directory or an S3 bucket).
    pub photos: Arc<dyn object_store::ObjectStore>,
    /// The settings the server was started with.
    pub settings: Arc<Settings>,
    /// [`Settings::trusted_proxies`], parsed once.
    pub trusted_proxies: Arc<[IpRange]>,
    /// The bound on password checks running at once.
    pub passwords: Arc<WorkSlots>,
    /// The bound on photos being decoded at once.
    pub photo_slots: Arc<WorkSlots>,
    /// Wakes the thumbnail worker when a photo is stored.
    pub thumbnails: Arc<tokio::sync::Notify>,
    /// The rate limit on QR reports.
    pub report_limiter: Arc<ReportLimiter>,
    /// Where notification mails go (SMTP, or the log).
    pub mailer: crate::mail::Mailer,
    /// The public base URL (no trailing slash).
    pub public_url: String,
    /// Options for rendering the Leptos app.
    pub leptos: LeptosOptions,
    /// The stamp of the front-end build, written into `/sw.js`
    /// ([`crate::http::service_worker`]).
    pub build: Arc<str>,
    /// The day the yearly plan counts from.
    pub plan_clock: crate::annual::clock::PlanClock,
}

impl AppState {
    /// How long a session lives without use, in milliseconds.
    pub fn session_ttl_ms(&self) -> i64 {
        i64::from(self.settings.session_days) * 24 * 3_600_000
    }
}

impl FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos.clone()
    }
}
