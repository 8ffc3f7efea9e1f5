//! A unit's tiltaksplan: its open measures and those of the units below it,
//! overdue first, then by deadline, then those without one; never a measure
//! of a unit the person does not read.

use reqwest::StatusCode;

use super::avvik_workflow::open_case;
use super::helpers::{Backend, TestApp, with_app};
use super::tiltak::{add, grant_new_user, move_to};
use crate::on_both_backends;

/// The plan's measures as (description, overdue).
async fn plan(app: &TestApp, unit: &str) -> (StatusCode, Vec<(String, bool)>) {
    let (status, body) = app.call("tiltaksplan", &[("unit", unit)]).await;
    let rows = body["rows"].as_array().cloned().unwrap_or_default();
    let rows = rows
        .iter()
        .map(|row| {
            let text = row["description"].as_str().unwrap_or_default().to_owned();
            (text, row["overdue"] == true)
        })
        .collect();
    (status, rows)
}

async fn the_plan_lists_open_measures_overdue_first(backend: Backend) {
    with_app(backend, |app| async move {
        let case = open_case(&app, "Nordby skole", "case-plan").await;
        app.login_ok("leder").await;
        for (text, due) in [
            ("Male gangen", "2099-01-01"),
            ("Bytte lysrør", "2020-01-01"),
            ("Feste reolen", "2030-06-01"),
            ("Rydde rømningsvei", "2019-05-01"),
        ] {
            let (status, body) = add(&app, &case, [text, "", due, ""]).await;
            assert_eq!(status, StatusCode::OK, "{body}");
        }
        let (_, done) = add(&app, &case, ["Allerede gjort", "", "2020-02-02", ""]).await;
        let (status, _) = move_to(&app, done.as_str().expect("id"), "done", "").await;
        assert_eq!(status, StatusCode::OK);
        sqlx::query(
            "INSERT INTO tiltak (id, unit_id, avvik_id, description, status, created_at, updated_at)
             SELECT 'from-round', unit_id, id, 'Forslag fra runden', 'planned', 1, 1
             FROM avvik WHERE id = $1",
        )
        .bind(&case)
        .execute(app.db.pool())
        .await
        .expect("a suggested measure");
        let expected = vec![
            ("Rydde rømningsvei".to_owned(), true),
            ("Bytte lysrør".to_owned(), true),
            ("Feste reolen".to_owned(), false),
            ("Male gangen".to_owned(), false),
            ("Forslag fra runden".to_owned(), false),
        ];
        assert_eq!(plan(&app, "").await, (StatusCode::OK, expected.clone()));
        let nordby = app.unit_id("Nordby skole").await;
        assert_eq!(plan(&app, &nordby).await, (StatusCode::OK, expected));

        app.login_ok("hms").await;
        let oppvekst = app.unit_id("Oppvekst").await;
        let (status, rows) = plan(&app, &oppvekst).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(rows.len(), 5, "a unit's plan holds the units below it");

        grant_new_user(&app, "bente", "leder", "Solsikken barnehage").await;
        app.login_ok("bente").await;
        assert_eq!(plan(&app, "").await, (StatusCode::OK, Vec::new()));
        assert_eq!(plan(&app, &nordby).await.0, StatusCode::NOT_FOUND);
        app.login_ok("medarbeider").await;
        assert_eq!(plan(&app, "").await.0, StatusCode::FORBIDDEN);
        app.login_ok("verneombud").await;
        let (status, rows) = plan(&app, "").await;
        assert_eq!(
            (status, rows.len()),
            (StatusCode::OK, 5),
            "the verneombud reads it"
        );
    })
    .await;
}
on_both_backends!(the_plan_lists_open_measures_overdue_first);
