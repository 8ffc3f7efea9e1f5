//! The årshjul's settings: the HMS-ansvarlig adds, changes and takes out
//! kinds (a rule the plan cannot follow is refused), the plan follows at
//! once; a leader sets the unit's times a year; nobody else changes either.

use reqwest::StatusCode;
use serde_json::Value;

use super::helpers::{Backend, TestApp, with_app};
use super::tiltak::grant_new_user;
use crate::on_both_backends;

/// Saves a kind: `id` empty for a new one.
async fn save(
    app: &TestApp,
    id: &str,
    name: &str,
    schedule: &str,
    (from, to): (&str, &str),
    times: &str,
) -> (StatusCode, Value) {
    let form = [
        ("kind[id]", id),
        ("kind[name]", name),
        ("kind[schedule]", schedule),
        ("kind[from_month]", from),
        ("kind[to_month]", to),
        ("kind[every_years]", ""),
        ("kind[first_year]", ""),
        ("kind[times]", times),
        ("kind[round_kind]", ""),
        ("kind[responsible]", "leder"),
    ];
    app.call("save_annual_kind", &form).await
}

/// The names and deadlines of the leader's plan of 2024.
async fn plan_rows(app: &TestApp) -> Vec<(String, Vec<String>)> {
    let (status, plan) = app
        .call("annual_plan", &[("unit", ""), ("year", "2024")])
        .await;
    assert_eq!(status, StatusCode::OK, "{plan}");
    plan["rows"]
        .as_array()
        .expect("rows")
        .iter()
        .map(|row| {
            let until = row["occurrences"]
                .as_array()
                .expect("occurrences")
                .iter()
                .map(|o| o["until"].as_str().expect("a deadline").to_owned())
                .collect();
            (row["name"].as_str().expect("a name").to_owned(), until)
        })
        .collect()
}

async fn the_hms_ansvarlig_keeps_the_kinds_and_the_plan_follows(backend: Backend) {
    with_app(backend, |app| async move {
        app.login_ok("hms").await;
        let (status, kinds) = app.call("annual_kinds", &[]).await;
        assert_eq!(status, StatusCode::OK, "{kinds}");
        let kinds = kinds.as_array().expect("kinds").clone();
        assert_eq!(kinds.len(), 8, "the handbook's defaults");
        assert_eq!(kinds[0]["name"], "Vernerunde");
        assert_eq!(kinds[0]["round_kind"], "vernerunde");

        let (status, body) = save(&app, "", "Brannøvelse", "per_year", ("", ""), "2").await;
        assert_eq!(status, StatusCode::OK, "{body}");
        let (status, _) = save(&app, "vernerunde", "Vernerunde", "yearly", ("1", "4"), "").await;
        assert_eq!(status, StatusCode::OK);
        let (status, _) = save(&app, "", "Feil", "per_year", ("", ""), "5").await;
        assert_eq!(
            status,
            StatusCode::BAD_REQUEST,
            "5 does not divide the year"
        );
        let (status, _) = save(&app, "", " ", "yearly", ("1", "5"), "").await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "no name");
        let (status, _) = save(&app, "finnes-ikke", "Noe", "yearly", ("1", "5"), "").await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        let (history,): (i64,) =
            sqlx::query_as("SELECT COUNT(*) FROM history WHERE entity_kind = 'annual_kind'")
                .fetch_one(app.db.pool())
                .await
                .expect("history");
        assert_eq!(history, 2, "one added, one changed");

        app.login_ok("leder").await;
        let rows = plan_rows(&app).await;
        assert_eq!(
            rows[0],
            ("Vernerunde".to_owned(), vec!["30.4.2024".to_owned()]),
            "by April now"
        );
        let drill = rows.last().expect("a last row");
        assert_eq!(
            drill,
            &(
                "Brannøvelse".to_owned(),
                vec!["30.6.2024".to_owned(), "31.12.2024".to_owned()]
            )
        );
        assert_eq!(app.call("annual_kinds", &[]).await.0, StatusCode::FORBIDDEN);
        assert_eq!(
            save(&app, "", "Leders egen", "yearly", ("1", "5"), "")
                .await
                .0,
            StatusCode::FORBIDDEN
        );

        app.login_ok("hms").await;
        let (_, kinds) = app.call("annual_kinds", &[]).await;
        let id = kinds
            .as_array()
            .expect("kinds")
            .iter()
            .find(|kind| kind["name"] == "Brannøvelse")
            .and_then(|kind| kind["id"].as_str())
            .expect("the new kind")
            .to_owned();
        assert_eq!(
            app.call("archive_annual_kind", &[("id", &id)]).await.0,
            StatusCode::OK
        );
        assert_eq!(
            app.call("archive_annual_kind", &[("id", &id)]).await.0,
            StatusCode::NOT_FOUND
        );
        app.login_ok("leder").await;
        assert!(
            plan_rows(&app)
                .await
                .iter()
                .all(|(name, _)| name != "Brannøvelse")
        );
    })
    .await;
}
on_both_backends!(the_hms_ansvarlig_keeps_the_kinds_and_the_plan_follows);

/// Sets `unit`'s times a year of `kind`.
async fn set_times(app: &TestApp, unit: &str, kind: &str, times: &str) -> StatusCode {
    app.call(
        "set_unit_times",
        &[("unit", unit), ("kind", kind), ("times", times)],
    )
    .await
    .0
}

async fn a_leader_sets_the_units_times_a_year(backend: Backend) {
    with_app(backend, |app| async move {
        let nordby = app.unit_id("Nordby skole").await;
        app.login_ok("leder").await;
        assert_eq!(
            set_times(&app, &nordby, "mks_mote", "12").await,
            StatusCode::OK
        );
        let mks = plan_rows(&app)
            .await
            .into_iter()
            .find(|(name, _)| name == "MKS-møte")
            .expect("MKS");
        assert_eq!(mks.1.len(), 12);
        assert_eq!(mks.1[1], "29.2.2024", "February of a leap year");
        assert_eq!(
            set_times(&app, &nordby, "mks_mote", "5").await,
            StatusCode::BAD_REQUEST
        );
        assert_eq!(
            set_times(&app, &nordby, "vernerunde", "2").await,
            StatusCode::BAD_REQUEST,
            "once a year"
        );
        app.login_ok("verneombud").await;
        assert_eq!(
            set_times(&app, &nordby, "mks_mote", "4").await,
            StatusCode::FORBIDDEN
        );
        grant_new_user(&app, "bente", "leder", "Solsikken barnehage").await;
        app.login_ok("bente").await;
        assert_eq!(
            set_times(&app, &nordby, "mks_mote", "4").await,
            StatusCode::NOT_FOUND
        );
    })
    .await;
}
on_both_backends!(a_leader_sets_the_units_times_a_year);
