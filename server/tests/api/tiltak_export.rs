//! The tiltaksplan as CSV: every open measure the plan covers (the page
//! shows the first 300), in the plan's order across several reads, the
//! overdue ones marked, and the plan's refusals.

use reqwest::StatusCode;
use vern::exports::tiltak_cells::ROWS_PER_READ;

use super::avvik_export::{cell, parse, sheet_xml};
use super::avvik_workflow::open_case;
use super::helpers::{Backend, TestApp, with_app};
use super::tiltak::{add, grant_new_user};
use crate::on_both_backends;

const EXPORT: &str = app::tiltak::model::EXPORT_CSV_PATH;
const XLSX: &str = app::tiltak::model::EXPORT_XLSX_PATH;

/// The export for `unit` (empty: all): status and rows after the header.
async fn export(app: &TestApp, unit: &str) -> (StatusCode, Vec<Vec<String>>) {
    let response = app.get(&format!("{EXPORT}?enhet={unit}")).await;
    let status = response.status();
    let body = response.text().await.expect("body");
    if status != StatusCode::OK {
        return (status, Vec::new());
    }
    let csv = body
        .strip_prefix('\u{feff}')
        .expect("a byte order mark first");
    let mut rows = parse(csv);
    assert_eq!(rows.remove(0)[0], "Tiltak", "the header row");
    (status, rows)
}

/// `n` planned measures of `unit`'s case `case`, some without a deadline,
/// some sharing a deadline and a creation time.
async fn seed_measures(app: &TestApp, case: &str, n: i64) {
    for i in 0..n {
        let due = (i % 4 != 0).then(|| format!("20{}-0{}-1{}", 20 + i % 20, 1 + i % 9, i % 10));
        sqlx::query(
            "INSERT INTO tiltak (id, unit_id, avvik_id, description, due_date, status, created_at,
                                 updated_at)
             SELECT $1, unit_id, id, $2, $3, 'planned', $4, $4 FROM avvik WHERE id = $5",
        )
        .bind(format!("bulk-{i:04}"))
        .bind(format!("Tiltak {i}"))
        .bind(due)
        .bind(i / 3)
        .bind(case)
        .execute(app.db.pool())
        .await
        .expect("a measure");
    }
}

/// A measure, "Sykehjemmets tiltak", on the nursing home's case `case`:
/// out of the leader's reach.
async fn out_of_reach_measure(app: &TestApp, case: &str) {
    sqlx::query(
        "INSERT INTO tiltak (id, unit_id, avvik_id, description, status, created_at, updated_at)
         SELECT 'not-reached', unit_id, id, 'Sykehjemmets tiltak', 'planned', 1, 1
         FROM avvik WHERE id = $1",
    )
    .bind(case)
    .execute(app.db.pool())
    .await
    .expect("a measure out of reach");
}

async fn a_leader_exports_every_open_measure_in_the_plans_order(backend: Backend) {
    with_app(backend, |app| async move {
        let case = open_case(&app, "Nordby skole", "case-export").await;
        let elsewhere = open_case(&app, "Fjordvik sykehjem", "case-elsewhere").await;
        let many = ROWS_PER_READ + 20;
        seed_measures(&app, &case, many).await;
        out_of_reach_measure(&app, &elsewhere).await;
        app.login_ok("leder").await;
        let (status, _) = add(
            &app,
            &case,
            ["=Rydde rømningsvei", "", "2019-05-01", "12500"],
        )
        .await;
        assert_eq!(status, StatusCode::OK);
        let (status, done) = add(&app, &case, ["Allerede gjort", "", "2020-02-02", ""]).await;
        assert_eq!(status, StatusCode::OK);
        let done = done.as_str().expect("id").to_owned();
        let (status, _) = super::tiltak::move_to(&app, &done, "done", "").await;
        assert_eq!(status, StatusCode::OK);

        let (status, rows) = export(&app, "").await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(
            rows.len() as i64,
            many + 1,
            "every open one, read in more than one pass"
        );
        let texts: Vec<&str> = rows.iter().map(|row| row[0].as_str()).collect();
        assert!(!texts.contains(&"Allerede gjort"), "only open measures");
        assert!(
            !texts.contains(&"Sykehjemmets tiltak"),
            "only units the leader reads"
        );
        let (_, page) = app.call("tiltaksplan", &[("unit", "")]).await;
        let shown: Vec<&str> = page["rows"]
            .as_array()
            .expect("rows")
            .iter()
            .map(|row| row["description"].as_str().expect("description"))
            .collect();
        assert_eq!(shown.len(), 300);
        // The first is the formula, written as text (below).
        assert_eq!(shown[0], "=Rydde rømningsvei");
        assert_eq!(texts[1..300], shown[1..], "the order the plan page shows");

        let first = &rows[0];
        assert_eq!(
            first[0], "'=Rydde rømningsvei",
            "a formula is written as text"
        );
        assert_eq!(
            first[1..],
            [
                "Nordby skole",
                "case-export",
                "",
                "01.05.2019",
                "Planlagt",
                "Ja",
                "12500"
            ]
        );
        let last = rows.last().expect("a last row");
        assert_eq!(
            (last[4].as_str(), last[6].as_str()),
            ("", ""),
            "no deadline, not overdue"
        );
    })
    .await;
}
on_both_backends!(a_leader_exports_every_open_measure_in_the_plans_order);

async fn the_export_keeps_the_plans_refusals(backend: Backend) {
    with_app(backend, |app| async move {
        let case = open_case(&app, "Nordby skole", "case-refusals").await;
        seed_measures(&app, &case, 3).await;
        let nordby = app.unit_id("Nordby skole").await;
        app.login_ok("leder").await;
        let (status, rows) = export(&app, &nordby).await;
        assert_eq!((status, rows.len()), (StatusCode::OK, 3));

        grant_new_user(&app, "bente", "leder", "Solsikken barnehage").await;
        app.login_ok("bente").await;
        assert_eq!(export(&app, &nordby).await.0, StatusCode::NOT_FOUND);
        let (status, rows) = export(&app, "").await;
        assert_eq!(
            (status, rows.len()),
            (StatusCode::OK, 0),
            "her own plan is empty"
        );
        app.login_ok("medarbeider").await;
        assert_eq!(export(&app, "").await.0, StatusCode::FORBIDDEN);
        assert_eq!(app.get(XLSX).await.status(), StatusCode::FORBIDDEN);
        app.login_ok("bente").await;
        let xlsx = app.get(&format!("{XLSX}?enhet={nordby}")).await;
        assert_eq!(xlsx.status(), StatusCode::NOT_FOUND);
    })
    .await;
}
on_both_backends!(the_export_keeps_the_plans_refusals);

async fn the_workbook_holds_the_same_measures_with_a_date_and_a_number(backend: Backend) {
    with_app(backend, |app| async move {
        let case = open_case(&app, "Nordby skole", "case-xlsx").await;
        let elsewhere = open_case(&app, "Fjordvik sykehjem", "case-elsewhere").await;
        let many = ROWS_PER_READ + 20;
        seed_measures(&app, &case, many).await;
        out_of_reach_measure(&app, &elsewhere).await;
        app.login_ok("leder").await;
        let (status, _) = add(
            &app,
            &case,
            ["=Rydde rømningsvei", "", "2019-05-01", "12500"],
        )
        .await;
        assert_eq!(status, StatusCode::OK);

        let response = app.get(XLSX).await;
        assert_eq!(response.status(), StatusCode::OK);
        let file = response.headers()["content-disposition"]
            .to_str()
            .expect("name")
            .to_owned();
        assert!(
            file.starts_with("attachment; filename=\"tiltaksplan-"),
            "{file}"
        );
        let sheet = sheet_xml(&response.bytes().await.expect("body"));
        assert_eq!(
            sheet.matches("<row ").count() as i64,
            1 + many + 1,
            "a header and every open measure the leader reads, over more than one read"
        );
        assert!(
            cell(&sheet, "A1").contains("<t>Tiltak</t>"),
            "the header row"
        );
        assert!(
            !sheet.contains("Sykehjemmets tiltak"),
            "not the nursing home's"
        );
        assert!(
            cell(&sheet, "A2").contains("<t>=Rydde rømningsvei</t>"),
            "text, not a formula"
        );
        assert!(!sheet.contains("<f>"), "no formula anywhere");
        // 1 May 2019 is day 43586 in Excel; the deadline is a styled date.
        let due = cell(&sheet, "E2");
        assert!(
            due.contains(" s=\"") && due.contains("<v>43586</v>"),
            "{due}"
        );
        assert!(cell(&sheet, "G2").contains("<t>Ja</t>"), "overdue");
        assert!(
            cell(&sheet, "H2").contains("<v>12500</v>"),
            "the cost a number"
        );
        assert!(sheet.contains("<autoFilter ") && sheet.contains("state=\"frozen\""));
    })
    .await;
}
on_both_backends!(the_workbook_holds_the_same_measures_with_a_date_and_a_number);
