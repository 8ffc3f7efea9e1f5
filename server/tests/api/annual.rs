//! The årshjul on the plan's clock (set through the test setting): the
//! yearly round due through 31 May and overdue the day after until a round
//! of the unit or a unit below it is finished (in Norwegian time), 29
//! February in a leap year, a survey every second year, activities marked
//! done with their refusals, and the unit's own times a year.

use reqwest::StatusCode;
use serde_json::{Value, json};
use vern::local_time::parse_oslo_local;

use super::helpers::{Backend, TestApp, with_app_settings};
use super::tiltak::grant_new_user;
use crate::on_both_backends;

pub(super) const TODAY: &str = "/api/test/today";

/// A server whose plan's clock tests may set.
pub(super) fn test_clock(settings: vern::config::Settings) -> vern::config::Settings {
    vern::config::Settings {
        test_clock: true,
        ..settings
    }
}

/// Sets the plan's day.
pub(super) async fn set_today(app: &TestApp, day: &str) {
    let response = app
        .client
        .put(format!("{}{TODAY}", app.address))
        .header("origin", &app.address)
        .json(&json!({ "today": day }))
        .send()
        .await
        .expect("set the day");
    assert_eq!(response.status(), StatusCode::OK, "{day}");
}

/// A round of `kind` in `unit`, finished at `local` Norwegian time.
pub(super) async fn finished_round(app: &TestApp, id: &str, unit: &str, kind: &str, local: &str) {
    let at = parse_oslo_local(local).expect("a local time");
    sqlx::query(
        "INSERT INTO rounds (id, kind, checklist_version_id, unit_id, status, started_at, finished_at,
                             created_at, updated_at)
         SELECT $1, $2, (SELECT MIN(id) FROM checklist_versions), id, 'finished', $3, $3, $3, $3
         FROM org_units WHERE name = $4",
    )
    .bind(id)
    .bind(kind)
    .bind(at)
    .bind(unit)
    .execute(app.db.pool())
    .await
    .expect("a finished round");
}

/// Marks an activity done in `unit`.
async fn record(
    app: &TestApp,
    unit: &str,
    kind: &str,
    day: &str,
    note: &str,
) -> (StatusCode, Value) {
    let form = [
        ("unit", unit),
        ("kind", kind),
        ("done_on", day),
        ("note", note),
    ];
    app.call("record_activity", &form).await
}

/// The plan of `unit` (empty: the person's first) in `year`.
pub(super) async fn plan(app: &TestApp, unit: &str, year: &str) -> (StatusCode, Value) {
    app.call("annual_plan", &[("unit", unit), ("year", year)])
        .await
}

/// The states of `kind`'s occurrences in `plan`.
fn states(plan: &Value, kind: &str) -> Vec<String> {
    row(plan, kind)["occurrences"]
        .as_array()
        .expect("occurrences")
        .iter()
        .map(|occurrence| occurrence["state"].as_str().expect("a state").to_owned())
        .collect()
}

fn row<'a>(plan: &'a Value, kind: &str) -> &'a Value {
    plan["rows"]
        .as_array()
        .expect("rows")
        .iter()
        .find(|row| row["kind_id"] == kind)
        .unwrap_or_else(|| panic!("a row for {kind}: {plan}"))
}

async fn the_yearly_round_is_overdue_after_31_may_until_a_round_is_finished(backend: Backend) {
    with_app_settings(backend, test_clock, |app| async move {
        app.login_ok("leder").await;
        set_today(&app, "2024-05-31").await;
        let (status, nordby) = plan(&app, "", "2024").await;
        assert_eq!(status, StatusCode::OK, "{nordby}");
        assert_eq!(
            nordby["unit_name"], "Nordby skole",
            "the leader's unit first"
        );
        assert_eq!(states(&nordby, "vernerunde"), ["due"]);
        assert_eq!(
            row(&nordby, "vernerunde")["occurrences"][0]["until"],
            "31.5.2024"
        );
        set_today(&app, "2024-06-01").await;
        assert_eq!(
            states(&plan(&app, "", "2024").await.1, "vernerunde"),
            ["overdue"]
        );

        finished_round(
            &app,
            "fire-round",
            "Nordby skole",
            "brannvernrunde",
            "2024-08-01T10:00",
        )
        .await;
        assert_eq!(
            states(&plan(&app, "", "2024").await.1, "vernerunde"),
            ["overdue"],
            "a fire round is not one"
        );
        finished_round(&app, "sfo-round", "SFO", "vernerunde", "2024-08-15T10:00").await;
        let (_, done) = plan(&app, "", "2024").await;
        assert_eq!(
            states(&done, "vernerunde"),
            ["done"],
            "a round of the unit below counts"
        );
        assert_eq!(
            row(&done, "vernerunde")["occurrences"][0]["day"],
            "15.8.2024"
        );
        let sfo = app.unit_id("SFO").await;
        let (_, own) = plan(&app, &sfo, "2024").await;
        assert_eq!(states(&own, "vernerunde"), ["done"]);

        // New Year's night: the year is Norway's, not UTC's.
        app.login_ok("hms").await;
        let solsikken = app.unit_id("Solsikken barnehage").await;
        finished_round(
            &app,
            "old-year",
            "Solsikken barnehage",
            "vernerunde",
            "2023-12-31T23:30",
        )
        .await;
        assert_eq!(
            states(&plan(&app, &solsikken, "2024").await.1, "vernerunde"),
            ["overdue"]
        );
        finished_round(
            &app,
            "new-year",
            "Solsikken barnehage",
            "vernerunde",
            "2024-01-01T00:30",
        )
        .await;
        assert_eq!(
            states(&plan(&app, &solsikken, "2024").await.1, "vernerunde"),
            ["done"]
        );
    })
    .await;
}
on_both_backends!(the_yearly_round_is_overdue_after_31_may_until_a_round_is_finished);

async fn leap_day_and_every_second_year(backend: Backend) {
    with_app_settings(backend, test_clock, |app| async move {
        // The HMS-ansvarlig moved the risk assessments' deadline to February.
        sqlx::query("UPDATE annual_kinds SET to_month = 2 WHERE id = 'risikovurdering'")
            .execute(app.db.pool())
            .await
            .expect("a rule changed");
        app.login_ok("leder").await;
        for (today, year, expected) in [
            ("2024-02-29", "2024", "due"),
            ("2024-03-01", "2024", "overdue"),
            ("2025-02-28", "2025", "due"),
            ("2025-03-01", "2025", "overdue"),
        ] {
            set_today(&app, today).await;
            let (_, year_plan) = plan(&app, "", year).await;
            assert_eq!(states(&year_plan, "risikovurdering"), [expected], "{today}");
        }
        let (_, leap) = plan(&app, "", "2024").await;
        assert_eq!(
            row(&leap, "risikovurdering")["occurrences"][0]["until"],
            "29.2.2024"
        );

        set_today(&app, "2026-01-01").await;
        let (_, off_year) = plan(&app, "", "2024").await;
        assert!(
            states(&off_year, "medarbeiderundersokelse").is_empty(),
            "not a survey year"
        );
        assert_eq!(
            states(&plan(&app, "", "2025").await.1, "medarbeiderundersokelse"),
            ["overdue"]
        );
        assert!(states(&plan(&app, "", "2026").await.1, "medarbeiderundersokelse").is_empty());
        assert_eq!(
            states(&plan(&app, "", "2027").await.1, "medarbeiderundersokelse"),
            ["upcoming"]
        );
        // The survey is the HMS-ansvarlig's to mark done, not the leader's.
        let nordby = app.unit_id("Nordby skole").await;
        let survey = (
            &nordby,
            "medarbeiderundersokelse",
            "2025-11-20",
            "Svarprosent 81",
        );
        assert_eq!(
            record(&app, survey.0, survey.1, survey.2, survey.3).await.0,
            StatusCode::FORBIDDEN
        );
        app.login_ok("hms").await;
        assert_eq!(
            record(&app, survey.0, survey.1, survey.2, survey.3).await.0,
            StatusCode::OK
        );
        assert_eq!(
            states(
                &plan(&app, &nordby, "2025").await.1,
                "medarbeiderundersokelse"
            ),
            ["done"]
        );
    })
    .await;
}
on_both_backends!(leap_day_and_every_second_year);

async fn a_leader_marks_an_activity_done_and_the_plan_refuses_what_it_should(backend: Backend) {
    with_app_settings(backend, test_clock, |app| async move {
        let nordby = app.unit_id("Nordby skole").await;
        sqlx::query(
            "INSERT INTO annual_unit_times (unit_id, kind_id, times)
             SELECT id, 'mks_mote', 12 FROM org_units WHERE name = 'Nordby skole'",
        )
        .execute(app.db.pool())
        .await
        .expect("monthly MKS meetings");
        set_today(&app, "2024-07-01").await;
        app.login_ok("leder").await;
        // A vernedag in the first half of the year, held in SFO: it counts
        // for the school too.
        let sfo = app.unit_id("SFO").await;
        let (status, body) = record(&app, &sfo, "vernedag", "2024-02-10", "Vernedag 1/2024, ryddet lageret").await;
        assert_eq!(status, StatusCode::OK, "{body}");
        let (_, year) = plan(&app, "", "2024").await;
        assert_eq!(states(&year, "vernedag"), ["done", "due"]);
        assert_eq!(states(&year, "mks_mote").len(), 12, "the unit's own times a year");
        assert_eq!(year["may_record"], true);
        assert_eq!(year["records"][0]["note"], "Vernedag 1/2024, ryddet lageret");
        assert_eq!(year["records"][0]["by"], "Lars Lie");
        assert_eq!(year["records"][0]["done_on"], "10.2.2024");
        let recordable = |kind: &str| row(&year, kind)["recordable"].clone();
        assert_eq!(
            (recordable("vernedag"), recordable("vernerunde"), recordable("amu_mote")),
            (json!(true), json!(false), json!(false)),
            "a round does the vernerunde; the AMU meeting is the HMS-ansvarlig's"
        );

        for (kind, day, note, why) in [
            ("vernedag", "2024-07-02", String::new(), "after today"),
            ("vernedag", "1999-12-31", String::new(), "before 2000"),
            ("vernedag", "10.2.2024", String::new(), "not a day"),
            ("julebord", "2024-02-10", String::new(), "no such kind"),
            ("vernerunde", "2024-02-10", String::new(), "a round does it"),
            ("vernedag", "2024-02-10", "x".repeat(2001), "a note too long"),
        ] {
            let (status, body) = record(&app, &nordby, kind, day, &note).await;
            assert_eq!(status, StatusCode::BAD_REQUEST, "{why}: {body}");
        }
        assert_eq!(record(&app, &nordby, "amu_mote", "2024-02-10", "").await.0, StatusCode::FORBIDDEN);
        assert_eq!(record(&app, "finnes-ikke", "vernedag", "2024-02-10", "").await.0, StatusCode::NOT_FOUND);
        let (history,): (i64,) = sqlx::query_as(
            "SELECT COUNT(*) FROM history WHERE entity_kind = 'annual_record' AND action = 'recorded'",
        )
        .fetch_one(app.db.pool())
        .await
        .expect("history");
        assert_eq!(history, 1, "nothing refused was kept");
        assert_eq!(plan(&app, "", "2999").await.0, StatusCode::BAD_REQUEST);

        app.login_ok("verneombud").await;
        let (status, read) = plan(&app, &nordby, "2024").await;
        assert_eq!((status, read["may_record"].clone()), (StatusCode::OK, json!(false)));
        assert_eq!(row(&read, "vernedag")["recordable"], false);
        assert_eq!(record(&app, &nordby, "vernedag", "2024-02-11", "").await.0, StatusCode::FORBIDDEN);
        grant_new_user(&app, "bente", "leder", "Solsikken barnehage").await;
        app.login_ok("bente").await;
        assert_eq!(plan(&app, &nordby, "2024").await.0, StatusCode::NOT_FOUND);
        assert_eq!(record(&app, &nordby, "vernedag", "2024-02-11", "").await.0, StatusCode::NOT_FOUND);
        app.login_ok("medarbeider").await;
        assert_eq!(plan(&app, "", "").await.0, StatusCode::FORBIDDEN);
    })
    .await;
}
on_both_backends!(a_leader_marks_an_activity_done_and_the_plan_refuses_what_it_should);
