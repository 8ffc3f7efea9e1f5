//! The leader's pages over a large organisation: prints figures, asserts
//! nothing about speed.
//!
//! `cargo bench -p server --bench leaders` (add `VERN_TEST_POSTGRES_URL` for
//! a PostgreSQL run too). Starts the real server on port 0 against a fresh
//! database with the demo organisation plus 210 units (10 sectors of 20),
//! 100,000 avvik over a year, 300,000 tiltak and 1,000,000 history rows,
//! and times over HTTP, as the HMS-ansvarlig who reaches every unit and as
//! the leader of one: the dashboard, the first and the 50th page of the
//! list of open high-risk cases, one case page, the årshjul of every unit
//! (with a round finished in two of three units and an MKS meeting marked
//! done in each quarter), this year's AMU statistics, and the CSV and XLSX exports
//! of the whole list (with the peak memory while they are written).

#[path = "sync/client.rs"]
#[expect(
    dead_code,
    reason = "shared with the sync benchmark; this one uses its PostgreSQL helpers"
)]
mod client;
#[path = "sync/figures.rs"]
#[expect(
    dead_code,
    reason = "shared with the sync benchmark; this one prints no throughput"
)]
mod figures;

use std::sync::Arc;
use std::time::Instant;

use anyhow::{Context, bail};
use chrono::{Days, Utc};
use figures::Timings;
use serde_json::Value;
use tokio::sync::Notify;
use vern::Application;
use vern::config::Settings;
use vern::local_time::oslo_year;

const RUNS: usize = 20;
const CASES: i64 = 100_000;
const UNITS: i64 = 200;

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
        reminder_minutes: 0,
        ..Settings::default()
    };
    let app = Application::build(settings).await?;
    vern::demo::seed(app.db()).await?;
    let pool = app.db().pool().clone();
    println!("\n== {backend} ==");
    let started = Instant::now();
    seed_large(&pool).await?;
    println!(
        "seeded 210 units, 100,000 avvik, 300,000 tiltak, 1,000,000 history rows in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    let address = format!("http://127.0.0.1:{}", app.port());
    let stop = Arc::new(Notify::new());
    let stopped = Arc::clone(&stop);
    let handle = tokio::spawn(app.run_until(async move { stopped.notified().await }));

    for (who, username) in [
        ("HMS-ansvarlig, 210 units", "hms"),
        ("leader of one unit", "benk"),
    ] {
        let client = logged_in(&address, username).await?;
        measure(&client, &address, who).await?;
    }
    stop.notify_one();
    handle.await??;
    Ok(())
}

/// Times the dashboard, two list pages and a case page as `client`.
async fn measure(client: &reqwest::Client, address: &str, who: &str) -> anyhow::Result<()> {
    let mut dashboard = Timings::default();
    for _ in 0..RUNS {
        dashboard
            .time(call(client, address, "dashboard", &[]))
            .await?;
    }
    dashboard.print(&format!("dashboard ({who})"));
    let filter = [("filter[open_only]", "true"), ("filter[risk]", "high")];
    let mut first = Timings::default();
    let mut page = Value::Null;
    for _ in 0..RUNS {
        page = first
            .time(call(client, address, "avvik_list", &filter))
            .await?;
    }
    first.print(&format!("list, open high-risk cases, first page ({who})"));
    let case = page["items"][0]["id"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    let mut after = String::new();
    for _ in 1..50 {
        match page["next"].as_str() {
            Some(next) => after = next.to_owned(),
            None => break,
        }
        page = call(client, address, "avvik_list", &with_after(&filter, &after)).await?;
    }
    if page["next"].is_null() && after.is_empty() {
        println!("list ({who}): one page only, no 50th page to time");
    } else {
        let mut fiftieth = Timings::default();
        for _ in 0..RUNS {
            fiftieth
                .time(call(
                    client,
                    address,
                    "avvik_list",
                    &with_after(&filter, &after),
                ))
                .await?;
        }
        fiftieth.print(&format!("list, the 50th page or the last ({who})"));
    }
    let mut case_page = Timings::default();
    for _ in 0..RUNS {
        case_page
            .time(call(
                client,
                address,
                "avvik_case",
                &[("id", case.as_str())],
            ))
            .await?;
    }
    case_page.print(&format!("case page ({who})"));
    for (name, figure) in [
        ("annual_overview", "årshjul, a line per unit"),
        ("avvik_stats", "AMU statistics, this year"),
    ] {
        let mut timings = Timings::default();
        for _ in 0..RUNS {
            timings
                .time(call(client, address, name, &[("year", "")]))
                .await?;
        }
        timings.print(&format!("{figure} ({who})"));
    }
    export(client, address, who).await
}

/// Downloads the whole list as CSV and as XLSX a few times each: time,
/// size, and the server's peak memory while it writes (this process is
/// the server).
async fn export(client: &reqwest::Client, address: &str, who: &str) -> anyhow::Result<()> {
    for (kind, path) in [
        ("CSV", app::avvik::list::EXPORT_CSV_PATH),
        ("XLSX", app::avvik::list::EXPORT_XLSX_PATH),
    ] {
        // Writing 5 resets the peak resident size the kernel reports (VmHWM).
        std::fs::write("/proc/self/clear_refs", "5").context("reset the peak memory")?;
        let before = peak_resident_kib()?;
        let mut timings = Timings::default();
        let mut bytes = 0;
        for _ in 0..3 {
            let body = timings
                .time(async {
                    let response = client
                        .get(format!("{address}{path}"))
                        .send()
                        .await?
                        .error_for_status()?;
                    Ok(response.bytes().await?)
                })
                .await?;
            bytes = body.len();
        }
        timings.print(&format!(
            "{kind} export of every case, {} KB ({who})",
            bytes / 1000
        ));
        let peak = peak_resident_kib()?;
        println!(
            "  peak memory while exporting: {} MB (before: {} MB; includes this client's copy of the file)",
            peak / 1024,
            before / 1024
        );
    }
    Ok(())
}

/// The peak resident memory of this process, in KiB.
fn peak_resident_kib() -> anyhow::Result<u64> {
    let status = std::fs::read_to_string("/proc/self/status").context("read /proc/self/status")?;
    status
        .lines()
        .find_map(|line| line.strip_prefix("VmHWM:"))
        .and_then(|value| value.trim().trim_end_matches("kB").trim().parse().ok())
        .context("VmHWM in /proc/self/status")
}

fn with_after<'a>(filter: &[(&'a str, &'a str)], after: &'a str) -> Vec<(&'a str, &'a str)> {
    let mut form = filter.to_vec();
    form.push(("after", after));
    form
}

/// Seeds the large organisation with a few statements generating rows.
async fn seed_large(pool: &sqlx::AnyPool) -> anyhow::Result<()> {
    let (root,): (String,) =
        sqlx::query_as("SELECT id FROM org_units WHERE parent_id IS NULL LIMIT 1")
            .fetch_one(pool)
            .await?;
    let now = Utc::now();
    let day = |days: i64| {
        let date = now.date_naive();
        let shifted = if days < 0 {
            date - Days::new(days.unsigned_abs())
        } else {
            date + Days::new(days.unsigned_abs())
        };
        shifted.to_string()
    };
    let numbers = |to: i64| {
        format!(
            "WITH RECURSIVE n(i) AS (SELECT CAST(0 AS BIGINT) UNION ALL SELECT i + 1 FROM n WHERE i < {})",
            to - 1
        )
    };
    let statements = [
        format!(
            "{} INSERT INTO org_units (id, parent_id, kind, name, created_at)
             SELECT 'bench-sector-' || i, $1, 'sektor', 'Benksektor ' || i, 1 FROM n",
            numbers(10)
        ),
        format!(
            "{} INSERT INTO org_units (id, parent_id, kind, name, created_at)
             SELECT 'bench-unit-' || i, 'bench-sector-' || (i % 10), 'enhet', 'Benkenhet ' || i, 1
             FROM n",
            numbers(UNITS)
        ),
        // Every tenth case of a unit waits, one in ten is being handled, one
        // in ten has measures planned, the rest are closed; one every five
        // minutes, over about a year.
        format!(
            "{} INSERT INTO avvik (id, unit_id, source, category, description, probability,
                                   consequence, status, receipt_no, risk_score, created_at,
                                   updated_at)
             SELECT 'bench-av-' || i, 'bench-unit-' || (i % {UNITS}),
                    CASE WHEN i % 3 = 0 THEN 'qr' ELSE 'round' END, 'annet',
                    'Avvik nummer ' || i, ((i / {UNITS}) % 5) + 1, ((i / {UNITS} / 5) % 5) + 1,
                    CASE (i / {UNITS}) % 10 WHEN 0 THEN 'open' WHEN 1 THEN 'in_progress'
                         WHEN 2 THEN 'measures_planned' ELSE 'closed' END,
                    'B-' || i, (((i / {UNITS}) % 5) + 1) * (((i / {UNITS} / 5) % 5) + 1),
                    $1 - i * 300000, $1 - i * 300000
             FROM n",
            numbers(CASES)
        ),
        format!(
            "{} INSERT INTO tiltak (id, unit_id, avvik_id, description, due_date, status,
                                    created_at, updated_at)
             SELECT 'bench-t-' || i, 'bench-unit-' || ((i / 3) % {UNITS}), 'bench-av-' || (i / 3),
                    'Tiltak ' || i,
                    CASE i % 4 WHEN 0 THEN $2 WHEN 1 THEN $3 WHEN 2 THEN $4 ELSE NULL END,
                    CASE WHEN (i / 3 / {UNITS}) % 10 < 3 THEN 'planned' ELSE 'done' END,
                    $1 - i * 100000, $1 - i * 100000
             FROM n",
            numbers(3 * CASES)
        ),
        format!(
            "{} INSERT INTO history (seq, entity_kind, entity_id, unit_id, action, at, data)
             SELECT (SELECT MAX(seq) FROM history) + 1 + i, 'avvik', 'bench-av-' || (i % {CASES}), 'bench-unit-' || ((i % {CASES}) % {UNITS}),
                    'avvik.commented', $1 - i * 30000, '{{}}'
             FROM n",
            numbers(10 * CASES)
        ),
        "INSERT INTO users (id, username, display_name, password_hash, created_at)
         SELECT 'bench-leader', 'benk', 'Benk Leder', password_hash, 1 FROM users WHERE username = 'leder'"
            .to_owned(),
        "INSERT INTO role_grants (id, user_id, unit_id, role, granted_at)
         VALUES ('bench-grant', 'bench-leader', 'bench-unit-7', 'leder', 1)"
            .to_owned(),
        format!(
            "{} INSERT INTO rounds (id, kind, checklist_version_id, unit_id, status, started_at,
                                    finished_at, created_at, updated_at)
             SELECT 'bench-r-' || i, 'vernerunde', (SELECT MIN(id) FROM checklist_versions),
                    'bench-unit-' || i, 'finished', $1 - i * 60000, $1 - i * 60000,
                    $1 - i * 60000, $1 - i * 60000
             FROM n WHERE i % 3 <> 0",
            numbers(UNITS)
        ),
        format!(
            "{} INSERT INTO annual_records (id, unit_id, kind_id, done_on, note, recorded_by,
                                            created_at)
             SELECT 'bench-ar-' || i, 'bench-unit-' || (i % {UNITS}), 'mks_mote',
                    CASE i / {UNITS} WHEN 0 THEN $1 WHEN 1 THEN $2 WHEN 2 THEN $3 ELSE $4 END,
                    'Benkmøte', 'bench-leader', 1
             FROM n",
            numbers(4 * UNITS)
        ),
    ];
    let now_ms = now.timestamp_millis();
    for (n, sql) in statements.iter().enumerate() {
        let query = sqlx::query(sql);
        let query = match n {
            0 => query.bind(root.clone()),
            2 | 4 => query.bind(now_ms),
            3 => query.bind(now_ms).bind(day(-10)).bind(day(3)).bind(day(40)),
            7 => query.bind(now_ms),
            // One MKS meeting in each quarter of this (Norwegian) year.
            8 => ["02", "05", "08", "11"]
                .into_iter()
                .fold(query, |query, month| {
                    query.bind(format!("{}-{month}-15", oslo_year(now_ms)))
                }),
            _ => query,
        };
        query
            .execute(pool)
            .await
            .with_context(|| format!("seed statement {n}"))?;
    }
    // Fresh statistics, as a database that has lived with these rows has.
    sqlx::query("ANALYZE").execute(pool).await?;
    Ok(())
}

async fn logged_in(address: &str, username: &str) -> anyhow::Result<reqwest::Client> {
    let client = reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .build()?;
    call(
        &client,
        address,
        "login",
        &[
            ("username", username),
            ("password", vern::demo::DEMO_PASSWORD),
        ],
    )
    .await?;
    Ok(client)
}

async fn call(
    client: &reqwest::Client,
    address: &str,
    name: &str,
    form: &[(&str, &str)],
) -> anyhow::Result<Value> {
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
    let text = response.text().await?;
    Ok(serde_json::from_str(&text).unwrap_or(Value::Null))
}
