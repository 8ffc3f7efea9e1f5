//! `spawn_app`: the real server on port 0 with a fresh, demo-seeded database.

use std::future::Future;
use std::time::Duration;

use reqwest::StatusCode;
use serde_json::Value;
use std::sync::Arc;

use tokio::sync::Notify;
use tokio::task::JoinHandle;
use vern::config::Settings;
use vern::db::Db;
use vern::work_slots::WorkSlots;
use vern::{Application, demo};

/// Which database a test runs against.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// A fresh database for one test; dropped (PostgreSQL) when the test ends.
pub struct TestDatabase {
    pub url: String,
    _dir: tempfile::TempDir,
    pg: Option<(String, String)>,
}

impl TestDatabase {
    /// Creates an empty database, or `None` when PostgreSQL is not configured.
    pub async fn create(backend: Backend) -> Option<TestDatabase> {
        let dir = tempfile::tempdir().expect("temp dir");
        match backend {
            Backend::Sqlite => Some(TestDatabase {
                url: format!("sqlite://{}/vern.db?mode=rwc", dir.path().display()),
                _dir: dir,
                pg: None,
            }),
            Backend::Postgres => {
                let admin_url = postgres_admin_url()?;
                let name = format!("vern_test_{}", uuid::Uuid::now_v7().simple());
                let admin = Db::connect(&admin_url)
                    .await
                    .expect("connect to PostgreSQL admin database");
                sqlx::query(&format!("CREATE DATABASE {name}"))
                    .execute(admin.pool())
                    .await
                    .expect("create test database");
                admin.close().await;
                let base = admin_url
                    .rsplit_once('/')
                    .map_or(admin_url.as_str(), |(base, _)| base);
                Some(TestDatabase {
                    url: format!("{base}/{name}"),
                    _dir: dir,
                    pg: Some((admin_url.clone(), name)),
                })
            }
        }
    }

    /// Drops the PostgreSQL database (forcing connections closed).
    pub async fn drop_now(&self) {
        if let Some((admin_url, name)) = &self.pg {
            let admin = Db::connect(admin_url)
                .await
                .expect("connect to admin database");
            sqlx::query(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
                .execute(admin.pool())
                .await
                .expect("drop test database");
            admin.close().await;
        }
    }
}

fn postgres_admin_url() -> Option<String> {
    match std::env::var("VERN_TEST_POSTGRES_URL") {
        Ok(url) if !url.is_empty() => Some(url),
        _ => {
            assert!(
                std::env::var("VERN_TEST_REQUIRE_POSTGRES").as_deref() != Ok("1"),
                "VERN_TEST_POSTGRES_URL is not set but PostgreSQL tests are required"
            );
            eprintln!("skipping PostgreSQL: VERN_TEST_POSTGRES_URL is not set");
            None
        }
    }
}

/// A running server and a cookie-keeping client.
pub struct TestApp {
    pub address: String,
    pub client: reqwest::Client,
    pub db: Db,
    /// The server's bound on password checks (to read its peak).
    pub passwords: Arc<WorkSlots>,
    /// The photo store directory (removed when the test ends).
    pub photo_dir: tempfile::TempDir,
    /// Stops the server when notified (a dropped handle does not, so a test
    /// that only uses some fields keeps its server).
    stop: Arc<Notify>,
    handle: Option<JoinHandle<anyhow::Result<()>>>,
}

/// Settings for a test server on a free port.
pub fn test_settings(database_url: &str) -> Settings {
    Settings {
        listen: "127.0.0.1:0".parse().expect("address"),
        database_url: database_url.to_owned(),
        log: "warn".to_owned(),
        // A test runs the scheduled work itself, on the day it chooses.
        reminder_minutes: 0,
        mail_seconds: 0,
        ..Settings::default()
    }
}

/// Starts the server on `database_url` (migrating it) and returns it running.
pub async fn start(database_url: &str) -> TestApp {
    start_with(database_url, |settings| settings).await
}

/// Like [`start`], with settings changed by `adjust`.
pub async fn start_with(database_url: &str, adjust: impl FnOnce(Settings) -> Settings) -> TestApp {
    vern::telemetry::init("warn", false);
    let photo_dir = tempfile::tempdir().expect("photo dir");
    let settings = adjust(Settings {
        photo_store: photo_dir.path().display().to_string(),
        ..test_settings(database_url)
    });
    let app = Application::build(settings).await.expect("build app");
    let passwords = app.passwords();
    let address = format!("http://127.0.0.1:{}", app.port());
    let db = app.db().clone();
    let stop = Arc::new(Notify::new());
    let stopped = Arc::clone(&stop);
    let handle = tokio::spawn(app.run_until(async move { stopped.notified().await }));
    TestApp {
        address,
        client: client(),
        db,
        passwords,
        photo_dir,
        stop,
        handle: Some(handle),
    }
}

/// A response's JSON body; an empty body is `Null`. A body that is not JSON
/// (an HTML error page from the wrong layer, a cut answer) fails the test
/// rather than passing as `Null` where an absence is asserted.
pub async fn json_body(response: reqwest::Response) -> Value {
    let text = response.text().await.expect("read the response body");
    if text.is_empty() {
        return Value::Null;
    }
    serde_json::from_str(&text).unwrap_or_else(|error| panic!("not JSON ({error}): {text}"))
}

/// Logs `http` in as `username` with the demo password at the server at
/// `address`, asserts it worked and returns the answer (for its cookie).
pub async fn log_in_at(address: &str, http: &reqwest::Client, username: &str) -> reqwest::Response {
    let response = http
        .post(format!("{address}/api/fn/login"))
        .header("origin", address)
        .form(&[("username", username), ("password", demo::DEMO_PASSWORD)])
        .send()
        .await
        .expect("login");
    assert_eq!(response.status(), StatusCode::OK, "login as {username}");
    response
}

/// The session cookie (`name=value`) of a fresh login as `username`.
pub async fn session_cookie(app: &TestApp, username: &str) -> String {
    let response = log_in_at(&app.address, &client(), username).await;
    let cookie = response
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|value| value.to_str().ok())
        .find(|value| !value.contains("Max-Age=0"))
        .expect("a session cookie");
    cookie.split(';').next().expect("name=value").to_owned()
}

/// Makes `olga` the HMS-ansvarlig of the Oppvekst sector only (done by the
/// root admin); she then logs in with the demo password.
pub async fn make_sector_admin(app: &TestApp) {
    let hms = app.logged_in("hms").await;
    let sector = app.unit_id("Oppvekst").await;
    let post = |name: &'static str, form: Vec<(&'static str, String)>| {
        hms.post(format!("{}/api/fn/{name}", app.address))
            .header("origin", &app.address)
            .form(&form)
            .send()
    };
    let created = post(
        "create_user",
        vec![
            ("username", "olga".to_owned()),
            ("display_name", "Olga".to_owned()),
            ("password", demo::DEMO_PASSWORD.to_owned()),
        ],
    )
    .await
    .expect("create olga");
    let olga_id: String = created.json().await.expect("user id");
    let grant = post(
        "grant_role",
        vec![
            ("user_id", olga_id),
            ("role", "hms_admin".to_owned()),
            ("unit_id", sector),
        ],
    )
    .await
    .expect("grant");
    assert_eq!(grant.status(), StatusCode::OK, "olga made a sector admin");
}

/// All rows of `table`.
pub async fn table_rows(db: &Db, table: &str) -> i64 {
    let (n,): (i64,) = sqlx::query_as(&format!("SELECT COUNT(*) FROM {table}"))
        .fetch_one(db.pool())
        .await
        .unwrap_or_else(|error| panic!("count {table}: {error}"));
    n
}

/// A client that keeps cookies and never follows redirects.
pub fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("client")
}

/// Runs `test` against a fresh demo-seeded server on `backend` (skipped when
/// that backend is not configured).
pub async fn with_app<F, Fut>(backend: Backend, test: F)
where
    F: FnOnce(TestApp) -> Fut,
    Fut: Future<Output = ()>,
{
    let Some(database) = TestDatabase::create(backend).await else {
        return;
    };
    let app = start(&database.url).await;
    demo::seed(&app.db).await.expect("seed demo");
    test(app).await;
    database.drop_now().await;
}

/// Like [`with_app`], with settings changed by `adjust`.
pub async fn with_app_settings<F, Fut>(
    backend: Backend,
    adjust: impl FnOnce(Settings) -> Settings,
    test: F,
) where
    F: FnOnce(TestApp) -> Fut,
    Fut: Future<Output = ()>,
{
    let Some(database) = TestDatabase::create(backend).await else {
        return;
    };
    let app = start_with(&database.url, adjust).await;
    demo::seed(&app.db).await.expect("seed demo");
    test(app).await;
    database.drop_now().await;
}

/// How long one API test may run: a hung request fails its test with a
/// message instead of stalling the whole suite until CI's limit.
const TEST_TIME_LIMIT: Duration = Duration::from_secs(120);

/// Runs `test`, failing it when it takes longer than [`TEST_TIME_LIMIT`].
pub async fn within_time_limit(test: impl Future<Output = ()>) {
    if tokio::time::timeout(TEST_TIME_LIMIT, test).await.is_err() {
        panic!("the test did not finish within {TEST_TIME_LIMIT:?}");
    }
}

impl TestApp {
    /// Stops the server gracefully and waits for it.
    pub async fn stop(mut self) {
        self.stop.notify_one();
        if let Some(handle) = self.handle.take() {
            handle.await.expect("server task").expect("server result");
        }
    }

    /// `POST /api/fn/<name>` as a form, with this site's Origin (as a browser sends it).
    pub async fn call(&self, name: &str, form: &[(&str, &str)]) -> (StatusCode, Value) {
        let response = self
            .client
            .post(format!("{}/api/fn/{name}", self.address))
            .header("origin", &self.address)
            .form(form)
            .send()
            .await
            .expect("request");
        let status = response.status();
        (status, json_body(response).await)
    }

    /// Logs in with the demo password.
    pub async fn login(&self, username: &str) -> (StatusCode, Value) {
        self.call(
            "login",
            &[("username", username), ("password", demo::DEMO_PASSWORD)],
        )
        .await
    }

    /// A second cookie-keeping client (another phone) logged in as `username`.
    pub async fn logged_in(&self, username: &str) -> reqwest::Client {
        let other = client();
        log_in_at(&self.address, &other, username).await;
        other
    }

    /// Logs in and asserts it worked.
    pub async fn login_ok(&self, username: &str) {
        let (status, body) = self.login(username).await;
        assert_eq!(status, StatusCode::OK, "login as {username}: {body}");
    }

    /// `GET` a path with the client's cookies.
    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.client
            .get(format!("{}{path}", self.address))
            .send()
            .await
            .expect("request")
    }

    /// The id of a demo unit by name.
    pub async fn unit_id(&self, name: &str) -> String {
        let matches = vern::db::units::by_id_or_name(self.db.pool(), name)
            .await
            .expect("query");
        matches.first().expect("demo unit").id.clone()
    }
}

/// Defines `sqlite` and `postgres` tests that run `$test(Backend)` within
/// the time limit; with
/// `multi_thread`, on a runtime whose requests really run at the same time.
#[macro_export]
macro_rules! on_both_backends {
    ($test:ident, multi_thread) => {
        mod $test {
            #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
            async fn sqlite() {
                $crate::api::helpers::within_time_limit(super::$test(
                    $crate::api::helpers::Backend::Sqlite,
                ))
                .await;
            }
            #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
            async fn postgres() {
                $crate::api::helpers::within_time_limit(super::$test(
                    $crate::api::helpers::Backend::Postgres,
                ))
                .await;
            }
        }
    };
    ($test:ident) => {
        mod $test {
            #[tokio::test]
            async fn sqlite() {
                $crate::api::helpers::within_time_limit(super::$test(
                    $crate::api::helpers::Backend::Sqlite,
                ))
                .await;
            }
            #[tokio::test]
            async fn postgres() {
                $crate::api::helpers::within_time_limit(super::$test(
                    $crate::api::helpers::Backend::Postgres,
                ))
                .await;
            }
        }
    };
}
