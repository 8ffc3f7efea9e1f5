//! The årshjul of every unit in a line: what is behind, named, within the
//! person's reach, and the same lines in the workbook.

use reqwest::StatusCode;
use serde_json::{Value, json};

use super::annual::{finished_round, set_today, test_clock};
use super::helpers::{Backend, with_app_settings};
use crate::on_both_backends;

async fn the_overview_lists_each_unit_behind_and_the_workbook_the_same(backend: Backend) {
    with_app_settings(backend, test_clock, |app| async move {
        set_today(&app, "2024-06-01").await;
        finished_round(&app, "sfo-round", "SFO", "vernerunde", "2024-03-15T10:00").await;
        app.login_ok("hms").await;
        let (status, all) = app
            .call("annual_overview", &[("year", "2024"), ("behind", "false")])
            .await;
        assert_eq!(status, StatusCode::OK, "{all}");
        let lines = all["units"].as_array().expect("units");
        assert_eq!(all["all_units"].as_u64(), Some(lines.len() as u64));
        let line = |name: &str| {
            lines
                .iter()
                .find(|line| line["unit"] == name)
                .unwrap_or_else(|| panic!("a line for {name}"))
                .clone()
        };
        let nordby = line("Nordby skole");
        let overdue: Vec<&str> = nordby["overdue"]
            .as_array()
            .expect("overdue")
            .iter()
            .map(|name| name.as_str().expect("a name"))
            .collect();
        assert!(
            !overdue.contains(&"Vernerunde"),
            "its SFO walked one: {overdue:?}"
        );
        assert!(
            overdue.contains(&"Revidere risikovurderinger"),
            "{overdue:?}"
        );
        assert!(
            overdue.contains(&"AMU-møte"),
            "one quarter gone: {overdue:?}"
        );
        assert!(
            line("Solsikken barnehage")["overdue"]
                .as_array()
                .expect("overdue")
                .contains(&json!("Vernerunde"))
        );
        assert!(
            lines.iter().all(|line| line["unit"] != "SFO"),
            "departments are in their unit's plan"
        );

        let response = app.get("/api/v1/arshjul/enheter.xlsx?aar=2024&bak=1").await;
        assert_eq!(response.status(), StatusCode::OK);
        let sheet = super::avvik_export::sheet_xml(&response.bytes().await.expect("body"));
        assert_eq!(
            sheet.matches("<row ").count(),
            1 + lines.len(),
            "every unit is behind on 1 June"
        );
        assert!(sheet.contains("<t>Nordby skole</t>"));

        app.login_ok("leder").await;
        let (_, own) = app
            .call("annual_overview", &[("year", "2024"), ("behind", "true")])
            .await;
        let units: Vec<&Value> = own["units"]
            .as_array()
            .expect("units")
            .iter()
            .map(|line| &line["unit"])
            .collect();
        assert_eq!(
            units,
            [&json!("Nordby skole")],
            "only what the leader reads"
        );
        app.login_ok("medarbeider").await;
        assert_eq!(
            app.call("annual_overview", &[("year", "2024")]).await.0,
            StatusCode::FORBIDDEN
        );
        assert_eq!(
            app.get("/api/v1/arshjul/enheter.xlsx").await.status(),
            StatusCode::FORBIDDEN
        );
    })
    .await;
}
on_both_backends!(the_overview_lists_each_unit_behind_and_the_workbook_the_same);
