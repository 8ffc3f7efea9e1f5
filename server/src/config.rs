//! Settings: defaults, then an optional TOML file, then `VERN_*` environment
//! variables, then command-line flags (each overriding the one before).

use std::net::SocketAddr;
use std::path::{Path, PathBuf};

use anyhow::Context;
use figment::Figment;
use figment::providers::{Env, Format, Serialized, Toml};
use serde::{Deserialize, Serialize};

use crate::http::client_address::IpRange;

/// Every setting of the `vern` server.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Settings {
    /// Address and port to listen on.
    pub listen: SocketAddr,
    /// Directory for the embedded database and local photos.
    pub data_dir: PathBuf,
    /// `sqlite://…` or `postgres://…`; empty means SQLite in `data_dir`.
    pub database_url: String,
    /// Where photos are kept: a directory path or `s3://bucket/prefix`; empty means `data_dir/photos`.
    pub photo_store: String,
    /// The address people use to reach Vern (e.g. `https://vern.kommune.no`);
    /// empty means `http://<listen>`. An `https` URL makes cookies `Secure`.
    pub public_url: String,
    /// Log filter, e.g. `info` or `vern=debug,tower_http=info`.
    pub log: String,
    /// Log as JSON lines instead of text.
    pub log_json: bool,
    /// Directory with the built site (wasm, JS, CSS, icons).
    pub site_root: PathBuf,
    /// Days a login session lasts without use.
    pub session_days: u32,
    /// Failed logins for one username within the window before it is paused.
    pub login_max_failures: u32,
    /// Minutes of the failed-login window.
    pub login_window_minutes: u32,
    /// Reverse proxies whose `X-Forwarded-For` / `Forwarded` headers are
    /// believed: addresses or CIDR ranges, comma-separated (e.g.
    /// `127.0.0.1, 10.0.0.0/8`). Empty: the connection's address is the client's.
    pub trusted_proxies: String,
    /// QR reports accepted from one client address per hour (a workplace
    /// behind one address sends many; a script sends more).
    pub report_limit_per_address: u32,
    /// QR reports accepted for one room's code per hour.
    pub report_limit_per_room: u32,
    /// Minutes between runs of the reminders and the follow-up rule; 0
    /// turns them off (another instance on the same database may run them).
    pub reminder_minutes: u32,
    /// Where notifications are mailed: `smtp://user:password@host:587?tls=required`
    /// (STARTTLS), `smtps://…` (TLS from the start) or `smtp://host:25` (none).
    /// Empty: the mails are written to the log instead.
    pub smtp_url: String,
    /// The sender of the mails, e.g. `Vern <vern@kommune.no>`.
    pub mail_from: String,
    /// Seconds between runs of the mailer; 0 turns it off here (another
    /// instance on the same database may run it).
    pub mail_seconds: u32,
    /// Seconds between looks for thumbnails still to be made (an upload
    /// wakes the worker at once; this catches jobs left by a restart or
    /// another instance); 0 makes none here (another instance may).
    pub thumbnail_seconds: u32,
    /// The hour (Norwegian time, 0–23) the daily digests go out.
    pub digest_hour: u32,
    /// Lets `PUT /api/test/today` set the day the yearly plan counts from,
    /// for browser tests that look past a deadline. Never in production:
    /// anyone could move everyone's plan.
    pub test_clock: bool,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            listen: SocketAddr::from(([127, 0, 0, 1], 3000)),
            data_dir: PathBuf::from("data"),
            database_url: String::new(),
            photo_store: String::new(),
            public_url: String::new(),
            log: "info".to_owned(),
            log_json: false,
            site_root: PathBuf::from("target/site"),
            session_days: 30,
            login_max_failures: 5,
            login_window_minutes: 15,
            trusted_proxies: String::new(),
            report_limit_per_address: 30,
            report_limit_per_room: 20,
            reminder_minutes: 15,
            smtp_url: String::new(),
            mail_from: "Vern <vern@localhost>".to_owned(),
            mail_seconds: 60,
            thumbnail_seconds: 30,
            digest_hour: 7,
            test_clock: false,
        }
    }
}

/// The keys that may come from `VERN_*` variables (other `VERN_` variables are ignored).
const ENV_KEYS: [&str; 21] = [
    "listen",
    "data_dir",
    "database_url",
    "photo_store",
    "public_url",
    "log",
    "log_json",
    "site_root",
    "session_days",
    "login_max_failures",
    "login_window_minutes",
    "trusted_proxies",
    "report_limit_per_address",
    "report_limit_per_room",
    "reminder_minutes",
    "smtp_url",
    "mail_from",
    "mail_seconds",
    "thumbnail_seconds",
    "digest_hour",
    "test_clock",
];

/// Settings given as command-line flags; `None` keeps the value from below.
#[derive(Clone, Debug, Default, Serialize)]
pub struct FlagOverrides {
    /// `--listen`
    #[serde(skip_serializing_if = "Option::is_none")]
    pub listen: Option<SocketAddr>,
    /// `--data-dir`
    #[serde(skip_serializing_if = "Option::is_none")]
    pub data_dir: Option<PathBuf>,
    /// `--database-url`
    #[serde(skip_serializing_if = "Option::is_none")]
    pub database_url: Option<String>,
    /// `--photo-store`
    #[serde(skip_serializing_if = "Option::is_none")]
    pub photo_store: Option<String>,
    /// `--public-url`
    #[serde(skip_serializing_if = "Option::is_none")]
    pub public_url: Option<String>,
    /// `--log`
    #[serde(skip_serializing_if = "Option::is_none")]
    pub log: Option<String>,
}

impl Settings {
    /// Loads the settings in order: defaults, `file` (must exist if given), environment, flags.
    pub fn load(file: Option<&Path>, flags: &FlagOverrides) -> anyhow::Result<Settings> {
        let mut figment = Figment::from(Serialized::defaults(Settings::default()));
        if let Some(file) = file {
            anyhow::ensure!(
                file.exists(),
                "config file {} does not exist",
                file.display()
            );
            figment = figment.merge(Toml::file(file));
        }
        figment
            .merge(Env::prefixed("VERN_").only(&ENV_KEYS))
            .merge(Serialized::defaults(flags))
            .extract()
            .context("invalid configuration")
    }

    /// The database URL, defaulting to SQLite in the data directory.
    pub fn database_url(&self) -> String {
        if self.database_url.is_empty() {
            format!("sqlite://{}/vern.db?mode=rwc", self.data_dir.display())
        } else {
            self.database_url.clone()
        }
    }

    /// Where photos go, defaulting to `data_dir/photos`.
    pub fn photo_store(&self) -> String {
        if self.photo_store.is_empty() {
            self.data_dir.join("photos").display().to_string()
        } else {
            self.photo_store.clone()
        }
    }

    /// The public base URL without a trailing slash.
    pub fn public_url(&self) -> String {
        if self.public_url.is_empty() {
            format!("http://{}", self.listen)
        } else {
            self.public_url.trim_end_matches('/').to_owned()
        }
    }

    /// The trusted proxies as ranges; an entry that is not an address or a
    /// CIDR range is an error naming it.
    pub fn trusted_proxy_ranges(&self) -> anyhow::Result<Vec<IpRange>> {
        self.trusted_proxies
            .split(',')
            .map(str::trim)
            .filter(|entry| !entry.is_empty())
            .map(|entry| {
                entry
                    .parse()
                    .map_err(|reason: String| anyhow::anyhow!(reason))
            })
            .collect::<anyhow::Result<_>>()
            .context("invalid trusted_proxies")
    }

    /// Whether cookies must be marked `Secure` (Vern is reached over https).
    pub fn secure_cookies(&self) -> bool {
        self.public_url().starts_with("https://")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_serve_sqlite_on_localhost() {
        let settings = Settings::default();
        assert_eq!(settings.listen.to_string(), "127.0.0.1:3000");
        assert_eq!(settings.database_url(), "sqlite://data/vern.db?mode=rwc");
        assert_eq!(settings.photo_store(), "data/photos");
        assert_eq!(settings.public_url(), "http://127.0.0.1:3000");
        assert!(!settings.secure_cookies());
    }

    #[test]
    fn a_file_then_flags_override_the_defaults() {
        let dir = tempfile::tempdir().expect("temp dir");
        let file = dir.path().join("vern.toml");
        std::fs::write(
            &file,
            "public_url = \"https://vern.example.no/\"\nsession_days = 7\n",
        )
        .expect("write config");
        let flags = FlagOverrides {
            data_dir: Some(PathBuf::from("/srv/vern")),
            ..FlagOverrides::default()
        };
        let settings = Settings::load(Some(&file), &flags).expect("load");
        assert_eq!(settings.session_days, 7);
        assert_eq!(settings.public_url(), "https://vern.example.no");
        assert!(settings.secure_cookies());
        assert_eq!(settings.data_dir, PathBuf::from("/srv/vern"));
    }

    #[test]
    fn trusted_proxies_are_addresses_or_ranges() {
        let settings = Settings {
            trusted_proxies: "127.0.0.1, 10.0.0.0/8 ,".to_owned(),
            ..Settings::default()
        };
        assert_eq!(settings.trusted_proxy_ranges().expect("ranges").len(), 2);
        let wrong = Settings {
            trusted_proxies: "10.0.0.0/8, proxy.local".to_owned(),
            ..Settings::default()
        };
        let error = format!("{:#}", wrong.trusted_proxy_ranges().expect_err("refused"));
        assert!(error.contains("proxy.local"), "{error}");
    }

    #[test]
    fn a_typo_in_the_file_or_a_missing_file_is_an_error() {
        let dir = tempfile::tempdir().expect("temp dir");
        let file = dir.path().join("vern.toml");
        std::fs::write(&file, "sesion_days = 7\n").expect("write config");
        let typo = Settings::load(Some(&file), &FlagOverrides::default()).expect_err("a typo");
        assert!(format!("{typo:#}").contains("sesion_days"), "{typo:#}");
        let missing = dir.path().join("missing.toml");
        let absent = Settings::load(Some(&missing), &FlagOverrides::default()).expect_err("absent");
        assert!(format!("{absent:#}").contains("missing.toml"), "{absent:#}");
    }
}
