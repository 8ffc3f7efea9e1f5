//! The leader's dashboard: open cases on the matrix by their current
//! rating, the measures due, the year per month, the units side by side,
//! what is new since the last sitting, and never a case or measure of a
//! unit the person does not read.

use chrono::{Days, NaiveDate};
use reqwest::StatusCode;
use serde_json::Value;
use vern::db::now_ms;
use vern::local_time::oslo_date;

use super::avvik_workflow::open_case;
use super::helpers::{Backend, TestApp, with_app};
use super::tiltak::add;
use crate::on_both_backends;

const DAY_MS: i64 = 86_400_000;

/// A case in `unit`: `(id, status, first rating, leader's rating, age in days)`.
struct Seed(
    &'static str,
    &'static str,
    Option<(i64, i64)>,
    Option<(i64, i64)>,
    i64,
);

async fn seed(app: &TestApp, unit: &str, cases: &[Seed]) {
    let now = now_ms();
    for Seed(id, status, first, leader, age_days) in cases {
        sqlx::query(
            "INSERT INTO avvik (id, unit_id, source, description, status, receipt_no,
                                probability, consequence, leader_probability, leader_consequence,
                                risk_score, created_at, updated_at)
             SELECT $1, id, 'round', $1, $2, $1, $3, $4, $5, $6, $7, $8, $8
             FROM org_units WHERE name = $9",
        )
        .bind(*id)
        .bind(*status)
        .bind(first.map(|(p, _)| p))
        .bind(first.map(|(_, c)| c))
        .bind(leader.map(|(p, _)| p))
        .bind(leader.map(|(_, c)| c))
        .bind(leader.or(*first).map_or(0, |(p, c)| p * c))
        .bind(now - age_days * DAY_MS)
        .bind(unit)
        .execute(app.db.pool())
        .await
        .expect("case");
    }
}

async fn dashboard(app: &TestApp, unit: &str) -> (StatusCode, Value) {
    app.call("dashboard", &[("unit", unit)]).await
}

/// The open count in the matrix cell `p` × `c`.
fn cell(body: &Value, p: i64, c: i64) -> i64 {
    body["matrix"]
        .as_array()
        .expect("matrix")
        .iter()
        .find(|cell| cell["rating"]["probability"] == p && cell["rating"]["consequence"] == c)
        .map_or(0, |cell| cell["count"].as_i64().expect("count"))
}

fn day(offset: i64) -> String {
    let today = NaiveDate::parse_from_str(&oslo_date(now_ms()), "%Y-%m-%d").expect("today");
    let shifted = if offset < 0 {
        today - Days::new(offset.unsigned_abs())
    } else {
        today + Days::new(offset.unsigned_abs())
    };
    shifted.to_string()
}

async fn the_dashboard_counts_what_the_leader_reaches(backend: Backend) {
    with_app(backend, |app| async move {
        seed(
            &app,
            "Nordby skole",
            &[
                Seed("n-1", "open", Some((4, 5)), None, 1),
                Seed("n-2", "in_progress", Some((2, 2)), Some((4, 5)), 40),
                Seed("n-3", "open", Some((4, 5)), Some((1, 2)), 2),
                Seed("n-4", "closed", Some((4, 5)), None, 3),
                Seed("n-5", "open", None, None, 100),
            ],
        )
        .await;
        seed(
            &app,
            "SFO",
            &[Seed("s-1", "measures_planned", Some((3, 3)), None, 0)],
        )
        .await;
        seed(
            &app,
            "Fjordvik sykehjem",
            &[
                Seed("f-1", "open", Some((4, 5)), None, 0),
                Seed("f-2", "open", None, None, 0),
            ],
        )
        .await;
        let case = open_case(&app, "Nordby skole", "n-tiltak").await;
        let far = open_case(&app, "Fjordvik sykehjem", "f-tiltak").await;
        app.login_ok("leder").await;
        for (text, due) in [("Forfalt", day(-1)), ("Snart", day(3)), ("Senere", day(30))] {
            let (status, body) = add(&app, &case, [text, "", &due, ""]).await;
            assert_eq!(status, StatusCode::OK, "{body}");
        }
        app.login_ok("hms").await;
        let (status, body) = add(&app, &far, ["Annen enhet", "", &day(-2), ""]).await;
        assert_eq!(status, StatusCode::OK, "{body}");

        app.login_ok("leder").await;
        let (status, body) = dashboard(&app, "").await;
        assert_eq!(status, StatusCode::OK, "{body}");
        // n-1, n-2 (re-rated), n-3 (re-rated), n-5, s-1, n-tiltak: open.
        assert_eq!(body["open"], 6, "{body}");
        assert_eq!(cell(&body, 4, 5), 2, "n-1 and n-2 by the leader's rating");
        assert_eq!(cell(&body, 1, 2), 1, "n-3 moved down by the leader");
        assert_eq!(cell(&body, 3, 3), 1, "the SFO's");
        assert_eq!(body["unrated"], 2, "n-5 and n-tiltak");
        assert_eq!(body["overdue"], 1, "{body}");
        assert_eq!(body["due_soon"], 1);
        let due: Vec<&str> = body["due"]
            .as_array()
            .expect("due")
            .iter()
            .map(|row| row["description"].as_str().expect("text"))
            .collect();
        assert_eq!(
            due,
            ["Forfalt", "Snart"],
            "overdue first; the nursing home's never"
        );
        let months = body["months"].as_array().expect("months");
        assert_eq!(months.len(), 12);
        let counted: i64 = months
            .iter()
            .map(|month| month["count"].as_i64().expect("n"))
            .sum();
        assert_eq!(
            counted, 6,
            "the school's and the SFO's of the year (n-tiltak is from 1970)"
        );
        let units: Vec<(&str, i64)> = body["per_unit"]
            .as_array()
            .expect("units")
            .iter()
            .map(|line| {
                (
                    line["unit"]["name"].as_str().expect("name"),
                    line["open"].as_i64().expect("n"),
                )
            })
            .collect();
        assert_eq!(units, [("Nordby skole", 5), ("SFO", 1)]);

        // A cell leads to the list of its open cases.
        let (status, list) = app
            .call(
                "avvik_list",
                &[
                    ("filter[open_only]", "true"),
                    ("filter[cell][probability]", "4"),
                    ("filter[cell][consequence]", "5"),
                ],
            )
            .await;
        assert_eq!(status, StatusCode::OK, "{list}");
        let mut ids: Vec<&str> = list["items"]
            .as_array()
            .expect("items")
            .iter()
            .map(|item| item["id"].as_str().expect("id"))
            .collect();
        ids.sort_unstable();
        assert_eq!(
            ids,
            ["n-1", "n-2"],
            "not the closed n-4, not the re-rated n-3"
        );

        let sfo = app.unit_id("SFO").await;
        let (status, body) = dashboard(&app, &sfo).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        assert_eq!(
            (body["open"].as_i64(), body["overdue"].as_i64()),
            (Some(1), Some(0))
        );
        assert_eq!(
            body["per_unit"],
            Value::Array(Vec::new()),
            "one unit: no table"
        );
        let fjordvik = app.unit_id("Fjordvik sykehjem").await;
        let (status, _) = dashboard(&app, &fjordvik).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "another unit's dashboard");

        app.login_ok("hms").await;
        let (_, body) = dashboard(&app, "").await;
        assert_eq!(
            body["open"], 9,
            "the HMS-ansvarlig reaches the nursing home too"
        );
        assert_eq!(body["overdue"], 2);

        app.login_ok("medarbeider").await;
        let (status, _) = dashboard(&app, "").await;
        assert_eq!(status, StatusCode::FORBIDDEN);
    })
    .await;
}
on_both_backends!(the_dashboard_counts_what_the_leader_reaches);

async fn new_cases_count_from_the_last_sitting(backend: Backend) {
    with_app(backend, |app| async move {
        seed(
            &app,
            "Nordby skole",
            &[
                Seed("old", "open", None, None, 30),
                Seed("this-week", "open", None, None, 3),
            ],
        )
        .await;
        app.login_ok("leder").await;
        let (_, body) = dashboard(&app, "").await;
        assert_eq!(
            body["new_count"], 1,
            "a first visit counts the last week: {body}"
        );

        seed(
            &app,
            "Nordby skole",
            &[Seed("meanwhile", "open", None, None, 0)],
        )
        .await;
        let (_, body) = dashboard(&app, "").await;
        assert_eq!(body["new_count"], 2, "the same sitting keeps its mark");
        assert_eq!(body["new_cases"][0]["id"], "meanwhile", "newest first");

        // The leader left two days ago; one case came since.
        sqlx::query("UPDATE dashboard_visits SET last_seen = $1")
            .bind(now_ms() - 2 * DAY_MS)
            .execute(app.db.pool())
            .await
            .expect("back in time");
        let (_, body) = dashboard(&app, "").await;
        assert_eq!(body["new_count"], 1, "{body}");
        assert_eq!(body["new_cases"][0]["id"], "meanwhile");

        app.login_ok("verneombud").await;
        let (_, body) = dashboard(&app, "").await;
        assert_eq!(body["new_count"], 2, "each person has their own mark");
    })
    .await;
}
on_both_backends!(new_cases_count_from_the_last_sitting);
