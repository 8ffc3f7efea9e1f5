//! The AMU statistics: cases per unit, category and quarter of a year in
//! Norwegian time (a case at 00:30 on New Year's Day counts for the new
//! year although it is the old one in UTC), within the person's reach, on
//! the page and in the workbook, and the refusals.

use reqwest::StatusCode;
use serde_json::Value;
use vern::local_time::parse_oslo_local;

use super::avvik_export::{cell, sheet_xml};
use super::helpers::{Backend, TestApp, with_app};
use super::tiltak::grant_new_user;
use crate::on_both_backends;

const XLSX: &str = app::stats::model::STATS_XLSX_PATH;

/// A case of `unit` about `category` (empty: none, as a round's), registered
/// at `local` Norwegian time (`2024-01-01T00:30`).
async fn case_at(app: &TestApp, id: &str, unit: &str, category: &str, local: &str) {
    let at = parse_oslo_local(local).expect("a local time");
    sqlx::query(
        "INSERT INTO avvik (id, unit_id, source, category, description, status, receipt_no,
                            created_at, updated_at)
         SELECT $1, id, 'qr', $2, 'Statistikk', 'open', $1, $3, $3 FROM org_units WHERE name = $4",
    )
    .bind(id)
    .bind(category)
    .bind(at)
    .bind(unit)
    .execute(app.db.pool())
    .await
    .expect("a case");
}

/// Cases of 2024 at the year's and the quarters' edges, one of 2025, and
/// one of the nursing home (out of the school leader's reach).
async fn seed_2024(app: &TestApp) {
    let cases = [
        ("s1", "Nordby skole", "brann", "2024-01-01T00:30"),
        ("s2", "Nordby skole", "brann", "2024-03-31T23:30"),
        ("s3", "Nordby skole", "", "2024-04-01T00:10"),
        ("s4", "Nordby skole", "fysisk", "2024-12-31T23:59"),
        ("s5", "Nordby skole", "fysisk", "2025-01-01T00:00"),
        ("s6", "SFO", "kjemikalier", "2024-08-15T12:00"),
        ("s7", "Fjordvik sykehjem", "brann", "2024-05-02T09:00"),
        ("s8", "Nordby skole", "brann", "2023-12-31T23:59"),
    ];
    for (id, unit, category, local) in cases {
        case_at(app, id, unit, category, local).await;
    }
}

/// `(unit, category, quarters)` of each row of the statistics.
fn rows(stats: &Value) -> Vec<(String, Value, Vec<i64>)> {
    stats["rows"]
        .as_array()
        .expect("rows")
        .iter()
        .map(|row| {
            let quarters = row["quarters"].as_array().expect("quarters");
            (
                row["unit"].as_str().expect("unit").to_owned(),
                row["category"].clone(),
                quarters
                    .iter()
                    .map(|q| q.as_i64().expect("a count"))
                    .collect(),
            )
        })
        .collect()
}

async fn a_leader_counts_their_units_cases_per_category_and_norwegian_quarter(backend: Backend) {
    with_app(backend, |app| async move {
        seed_2024(&app).await;
        app.login_ok("leder").await;
        let (status, stats) = app
            .call("avvik_stats", &[("year", "2024"), ("unit", "")])
            .await;
        assert_eq!(status, StatusCode::OK, "{stats}");
        assert_eq!(stats["year"], 2024);
        let years = stats["years"].as_array().expect("years");
        assert_eq!(
            years.last(),
            Some(&Value::from(2023)),
            "from the first case's year"
        );
        assert!(
            years.first().and_then(Value::as_i64) >= Some(2026),
            "to this year"
        );
        let fire = Value::from("fire");
        assert_eq!(
            rows(&stats),
            [
                (
                    "Nordby skole".to_owned(),
                    Value::from("physical"),
                    vec![0, 0, 0, 1]
                ),
                ("Nordby skole".to_owned(), fire, vec![2, 0, 0, 0]),
                ("Nordby skole".to_owned(), Value::Null, vec![0, 1, 0, 0]),
                ("SFO".to_owned(), Value::from("chemicals"), vec![0, 0, 1, 0]),
            ],
            "the unit before the one below it; the form's categories, a round's last"
        );

        let response = app.get(&format!("{XLSX}?aar=2024")).await;
        assert_eq!(response.status(), StatusCode::OK);
        let file = response.headers()["content-disposition"]
            .to_str()
            .expect("name")
            .to_owned();
        assert!(
            file.starts_with("attachment; filename=\"avviksstatistikk-2024-"),
            "{file}"
        );
        let sheet = sheet_xml(&response.bytes().await.expect("body"));
        assert_eq!(
            sheet.matches("<row ").count(),
            1 + 4,
            "a header and the four rows"
        );
        assert!(cell(&sheet, "A1").contains("<t>Enhet</t>"));
        assert!(cell(&sheet, "A3").contains("<t>Nordby skole</t>"));
        assert!(cell(&sheet, "B3").contains("<t>Brann</t>"));
        assert!(cell(&sheet, "C3").contains("<v>2</v>"), "a number");
        assert!(cell(&sheet, "G3").contains("<v>2</v>"), "the year");
        assert!(cell(&sheet, "B4").contains("<t>Uten kategori (vernerunder)</t>"));
        assert!(!sheet.contains("Fjordvik"), "not the nursing home's");
        assert!(sheet.contains("<autoFilter ") && sheet.contains("state=\"frozen\""));

        app.login_ok("hms").await;
        let (_, all) = app
            .call("avvik_stats", &[("year", "2024"), ("unit", "")])
            .await;
        let units: Vec<String> = rows(&all).into_iter().map(|(unit, _, _)| unit).collect();
        assert!(units.contains(&"Fjordvik sykehjem".to_owned()), "{units:?}");
        let sfo = app.unit_id("SFO").await;
        let (_, narrowed) = app
            .call("avvik_stats", &[("year", "2024"), ("unit", &sfo)])
            .await;
        assert_eq!(rows(&narrowed).len(), 1, "one unit and those below it");
    })
    .await;
}
on_both_backends!(a_leader_counts_their_units_cases_per_category_and_norwegian_quarter);

async fn the_statistics_refuse_a_year_not_counted_and_units_out_of_reach(backend: Backend) {
    with_app(backend, |app| async move {
        seed_2024(&app).await;
        let nordby = app.unit_id("Nordby skole").await;
        assert_eq!(app.get(XLSX).await.status(), StatusCode::UNAUTHORIZED);
        app.login_ok("leder").await;
        for year in ["2999", "1999", "tjuefire"] {
            let (status, _) = app
                .call("avvik_stats", &[("year", year), ("unit", "")])
                .await;
            assert_eq!(status, StatusCode::BAD_REQUEST, "{year}");
            let xlsx = app.get(&format!("{XLSX}?aar={year}")).await;
            assert_eq!(xlsx.status(), StatusCode::BAD_REQUEST, "{year}");
        }
        grant_new_user(&app, "bente", "leder", "Solsikken barnehage").await;
        app.login_ok("bente").await;
        let (status, _) = app
            .call("avvik_stats", &[("year", "2024"), ("unit", &nordby)])
            .await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        let xlsx = app.get(&format!("{XLSX}?aar=2024&enhet={nordby}")).await;
        assert_eq!(xlsx.status(), StatusCode::NOT_FOUND);
        let (status, own) = app
            .call("avvik_stats", &[("year", "2024"), ("unit", "")])
            .await;
        assert_eq!(
            (status, rows(&own).len()),
            (StatusCode::OK, 0),
            "her units had none"
        );
        app.login_ok("medarbeider").await;
        let (status, _) = app.call("avvik_stats", &[("year", "")]).await;
        assert_eq!(status, StatusCode::FORBIDDEN);
    })
    .await;
}
on_both_backends!(the_statistics_refuse_a_year_not_counted_and_units_out_of_reach);
