//! The avvik list as CSV: what Norwegian Excel expects (byte order mark,
//! semicolons), every case the list reaches once and in its order, read
//! in several passes, nothing outside the person's reach, the list's
//! filters, and no cell that a spreadsheet would run as a formula; and as
//! XLSX, read back: the same cases, typed cells, no formula.

use std::collections::HashSet;

use app::avvik::list::{EXPORT_CSV_PATH as EXPORT, EXPORT_XLSX_PATH as XLSX};
use reqwest::StatusCode;
use reqwest::header::{CONTENT_DISPOSITION, CONTENT_TYPE};
use vern::exports::avvik_cells::ROWS_PER_READ;

use super::avvik_list::seed_cases;
use super::helpers::{Backend, TestApp, client, with_app};
use crate::on_both_backends;

/// The rows of a CSV file: cells split on semicolons outside quotes, `""`
/// inside quotes read as one quote.
pub fn parse(csv: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let (mut row, mut cell, mut quoted) = (Vec::new(), String::new(), false);
    let mut chars = csv.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                chars.next();
                cell.push('"');
            }
            ('"', _) => quoted = !quoted,
            (';', false) => row.push(std::mem::take(&mut cell)),
            ('\r', false) => {}
            ('\n', false) => {
                row.push(std::mem::take(&mut cell));
                rows.push(std::mem::take(&mut row));
            }
            (c, _) => cell.push(c),
        }
    }
    assert!(
        cell.is_empty() && row.is_empty(),
        "the file ends with a line end"
    );
    rows
}

/// The export with `query` (the list page's address parameters): status and body.
async fn export(app: &TestApp, query: &str) -> (StatusCode, String) {
    let response = app.get(&format!("{EXPORT}{query}")).await;
    let status = response.status();
    if status == StatusCode::OK {
        let kind = response.headers()[CONTENT_TYPE]
            .to_str()
            .expect("type")
            .to_owned();
        assert_eq!(kind, "text/csv; charset=utf-8");
        let file = response.headers()[CONTENT_DISPOSITION]
            .to_str()
            .expect("name")
            .to_owned();
        assert!(file.starts_with("attachment; filename=\"avvik-"), "{file}");
    }
    (status, response.text().await.expect("body"))
}

/// The case numbers the database holds under `condition` (over `avvik a`
/// joined to its unit `u`).
async fn receipts(app: &TestApp, condition: &str) -> HashSet<String> {
    let sql = format!(
        "SELECT a.receipt_no FROM avvik a JOIN org_units u ON u.id = a.unit_id WHERE {condition}"
    );
    let rows: Vec<(String,)> = sqlx::query_as(&sql)
        .fetch_all(app.db.pool())
        .await
        .expect("receipts");
    rows.into_iter().map(|(no,)| no).collect()
}

async fn add_case(app: &TestApp, unit: &str, receipt: &str, description: &str) {
    sqlx::query(
        "INSERT INTO avvik (id, unit_id, source, category, description, status, receipt_no,
                            risk_score, created_at, updated_at)
         SELECT $1, id, 'qr', 'annet', $2, 'open', $1, 25, 1780000000000, 1780000000000
         FROM org_units WHERE name = $3",
    )
    .bind(receipt)
    .bind(description)
    .bind(unit)
    .execute(app.db.pool())
    .await
    .expect("case");
}

async fn a_leader_exports_each_case_they_reach_once_as_excel_reads_it(backend: Backend) {
    with_app(backend, |app| async move {
        let many = ROWS_PER_READ + 20;
        seed_cases(&app, "Nordby skole", many).await;
        seed_cases(&app, "SFO", 40).await;
        seed_cases(&app, "Fjordvik sykehjem", 30).await;
        add_case(
            &app,
            "Nordby skole",
            "T-formula",
            "=HYPERLINK(\"http://x.example\";\"Klikk\")",
        )
        .await;
        add_case(
            &app,
            "SFO",
            "T-letters",
            "Døra i 2. etg; «sitat» og \"hermetegn\"\nny linje",
        )
        .await;
        app.login_ok("leder").await;

        let (status, body) = export(&app, "").await;
        assert_eq!(status, StatusCode::OK, "{body}");
        let csv = body
            .strip_prefix('\u{feff}')
            .expect("a byte order mark first");
        let rows = parse(csv);
        let (header, rows) = rows.split_first().expect("a header");
        assert_eq!(header[0], "Saksnummer");
        assert_eq!(header.len(), 11);
        assert!(
            rows.iter().all(|row| row.len() == header.len()),
            "every row has every column"
        );
        let seen: Vec<&str> = rows.iter().map(|row| row[0].as_str()).collect();
        let unique: HashSet<String> = seen.iter().map(|no| (*no).to_owned()).collect();
        assert_eq!(seen.len(), unique.len(), "each case once");
        let want = receipts(&app, "u.name IN ('Nordby skole', 'SFO')").await;
        assert_eq!(unique, want, "the school and its SFO, not the nursing home");
        assert_eq!(
            rows.len() as i64,
            many + 40 + 2,
            "read in more than one pass"
        );
        let scores: Vec<i64> = rows.iter().map(|row| row[7].parse().unwrap_or(0)).collect();
        assert!(
            scores.windows(2).all(|pair| pair[0] >= pair[1]),
            "highest risk first"
        );

        let formula = rows
            .iter()
            .find(|row| row[0] == "T-formula")
            .expect("the formula case");
        assert_eq!(
            formula[10], "'=HYPERLINK(\"http://x.example\";\"Klikk\")",
            "shown as text"
        );
        let letters = rows
            .iter()
            .find(|row| row[0] == "T-letters")
            .expect("the æøå case");
        assert_eq!(
            letters[10],
            "Døra i 2. etg; «sitat» og \"hermetegn\"\nny linje"
        );
        assert_eq!(letters[2], "SFO");
        assert_eq!(letters[6], "Ny");
    })
    .await;
}
on_both_backends!(a_leader_exports_each_case_they_reach_once_as_excel_reads_it);

async fn the_export_keeps_the_list_filters_and_the_list_refusals(backend: Backend) {
    with_app(backend, |app| async move {
        seed_cases(&app, "Nordby skole", 30).await;
        seed_cases(&app, "SFO", 30).await;
        app.login_ok("leder").await;
        let sfo = app.unit_id("SFO").await;

        let (status, body) = export(&app, &format!("?enhet={sfo}&status=closed&kilde=qr")).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        let rows = parse(body.trim_start_matches('\u{feff}'));
        let got: HashSet<String> = rows[1..].iter().map(|row| row[0].clone()).collect();
        let want = receipts(
            &app,
            "u.name = 'SFO' AND a.status = 'closed' AND a.source = 'qr'",
        )
        .await;
        assert!(!want.is_empty(), "the filter selects some");
        assert_eq!(got, want);

        let (status, _) = export(&app, "?fra=1.7.2026").await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "a date that is not a day");

        app.login_ok("medarbeider").await;
        let (status, _) = export(&app, "").await;
        assert_eq!(status, StatusCode::FORBIDDEN, "reads no cases");

        let stranger = client()
            .get(format!("{}{EXPORT}", app.address))
            .send()
            .await
            .expect("request");
        assert_eq!(stranger.status(), StatusCode::UNAUTHORIZED);
    })
    .await;
}
on_both_backends!(the_export_keeps_the_list_filters_and_the_list_refusals);

/// The first sheet's XML of an XLSX file.
pub(super) fn sheet_xml(file: &[u8]) -> String {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(file)).expect("an XLSX is a zip");
    let mut sheet = archive
        .by_name("xl/worksheets/sheet1.xml")
        .expect("a first sheet");
    let mut xml = String::new();
    std::io::Read::read_to_string(&mut sheet, &mut xml).expect("the sheet's XML");
    xml
}

/// The XML of the cell at `reference` (`B2`) in a sheet.
pub(super) fn cell<'a>(sheet: &'a str, reference: &str) -> &'a str {
    let start = sheet
        .find(&format!("<c r=\"{reference}\""))
        .unwrap_or_else(|| panic!("a cell {reference}"));
    let end = sheet[start..].find("</c>").expect("the cell's end");
    &sheet[start..start + end]
}

async fn the_workbook_holds_the_same_cases_with_typed_cells(backend: Backend) {
    with_app(backend, |app| async move {
        seed_cases(&app, "Nordby skole", ROWS_PER_READ + 20).await;
        seed_cases(&app, "Fjordvik sykehjem", 10).await;
        add_case(
            &app,
            "SFO",
            "T-formula",
            "=HYPERLINK(\"http://x.example\";\"Klikk\")",
        )
        .await;
        app.login_ok("leder").await;

        let response = app.get(XLSX).await;
        assert_eq!(response.status(), StatusCode::OK);
        let kind = response.headers()[CONTENT_TYPE]
            .to_str()
            .expect("type")
            .to_owned();
        assert_eq!(kind, vern::exports::xlsx::XLSX_TYPE);
        let file = response.headers()[CONTENT_DISPOSITION]
            .to_str()
            .expect("name")
            .to_owned();
        assert!(file.ends_with(".xlsx\""), "{file}");
        let sheet = sheet_xml(&response.bytes().await.expect("body"));

        let want = receipts(&app, "u.name IN ('Nordby skole', 'SFO')").await;
        assert!(
            want.len() as i64 > ROWS_PER_READ,
            "enough for more than one read"
        );
        assert_eq!(
            sheet.matches("<row ").count(),
            1 + want.len(),
            "a header and each case"
        );
        for receipt in &want {
            assert_eq!(
                sheet.matches(&format!("<t>{receipt}</t>")).count(),
                1,
                "{receipt} once"
            );
        }
        assert!(!sheet.contains("Fjordvik sykehjem"), "not the nursing home");
        assert!(
            cell(&sheet, "A1").contains("<t>Saksnummer</t>"),
            "the header row"
        );
        assert!(
            sheet.contains("<pane ") && sheet.contains("state=\"frozen\""),
            "kept in view"
        );
        assert!(sheet.contains("<autoFilter "), "filters on the header");
        // The first case is the formula one (risk 25): its text stays text.
        assert!(
            cell(&sheet, "K2").contains("<t>=HYPERLINK("),
            "{}",
            cell(&sheet, "K2")
        );
        assert!(!sheet.contains("<f>"), "no formula anywhere");
        // Typed: the time is a date (a styled number), the score a number.
        let registered = cell(&sheet, "B2");
        assert!(
            registered.contains(" s=\"") && registered.contains("<v>"),
            "{registered}"
        );
        assert!(
            cell(&sheet, "H2").contains("<v>25</v>"),
            "{}",
            cell(&sheet, "H2")
        );

        // Compressed on the way, as browsers ask: each file arrives whole
        // (a stream polled once more after its end once cut it off).
        for path in [EXPORT, XLSX] {
            for encoding in ["gzip", "br"] {
                let response = app
                    .client
                    .get(format!("{}{path}", app.address))
                    .header("accept-encoding", encoding)
                    .send()
                    .await
                    .expect("request");
                assert_eq!(response.headers()["content-encoding"], encoding);
                let body = response.bytes().await.expect("the whole file");
                assert!(
                    body.len() > 1000,
                    "{path} as {encoding}: {} bytes",
                    body.len()
                );
            }
        }

        let response = app.get(&format!("{XLSX}?fra=1.7.2026")).await;
        assert_eq!(response.status(), StatusCode::BAD_REQUEST);
        app.login_ok("medarbeider").await;
        assert_eq!(app.get(XLSX).await.status(), StatusCode::FORBIDDEN);
    })
    .await;
}
on_both_backends!(the_workbook_holds_the_same_cases_with_typed_cells);
