//! The avvik list: each case a person reaches exactly once, page by page in
//! risk order, narrowed by every filter, and nothing outside their reach
//! (a verneombud also reads the verneområder they cover).

use std::collections::HashSet;

use reqwest::StatusCode;
use serde_json::Value;

use super::helpers::{Backend, TestApp, with_app};
use super::qr_reports::{form, new_client_id, post_json};
use crate::on_both_backends;

/// Seeds `n` cases per unit with scores, states, sources and times that
/// vary, each in one of the unit's rooms when it has one.
pub async fn seed_cases(app: &TestApp, unit: &str, n: i64) {
    let (unit_id,): (String,) = sqlx::query_as("SELECT id FROM org_units WHERE name = $1")
        .bind(unit)
        .fetch_one(app.db.pool())
        .await
        .expect("unit");
    let room: Option<(String,)> =
        sqlx::query_as("SELECT id FROM rooms WHERE unit_id = $1 ORDER BY name LIMIT 1")
            .bind(&unit_id)
            .fetch_optional(app.db.pool())
            .await
            .expect("room");
    let room = room.map(|(id,)| id);
    for i in 0..n {
        let status = ["open", "in_progress", "closed"][(i % 3) as usize];
        let source = ["round", "qr"][(i % 2) as usize];
        sqlx::query(
            "INSERT INTO avvik (id, unit_id, room_id, source, category, description, status,
                                receipt_no, risk_score, created_at, updated_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10)",
        )
        .bind(format!("{unit}-{i:03}"))
        .bind(&unit_id)
        .bind(room.as_deref())
        .bind(source)
        .bind(if i % 4 == 0 { "brann" } else { "annet" })
        .bind(format!("Sak {i} i {unit}"))
        .bind(status)
        .bind(format!("T-{unit}-{i}"))
        .bind((i * 7) % 26)
        // A few share a time, so the id settles their order.
        .bind(1_780_000_000_000 + (i / 3) * 86_400_000)
        .execute(app.db.pool())
        .await
        .expect("case");
    }
}

/// Every page of the list with `filter` (form fields), as (id, score, created).
async fn all_pages(app: &TestApp, filter: &[(&str, &str)]) -> Vec<(String, i64, i64)> {
    let mut seen = Vec::new();
    let mut after = String::new();
    loop {
        let mut form: Vec<(&str, &str)> = filter.to_vec();
        form.push(("after", &after));
        let (status, page) = app.call("avvik_list", &form).await;
        assert_eq!(status, StatusCode::OK, "{page}");
        for item in page["items"].as_array().expect("items") {
            seen.push((
                item["id"].as_str().expect("id").to_owned(),
                item["score"].as_i64().expect("score"),
                item["created_at"].as_i64().expect("created"),
            ));
        }
        match page["next"].as_str() {
            Some(next) => after = next.to_owned(),
            None => return seen,
        }
    }
}

fn ids(rows: &[(String, i64, i64)]) -> HashSet<String> {
    rows.iter().map(|(id, _, _)| id.clone()).collect()
}

pub async fn expected(app: &TestApp, condition: &str) -> HashSet<String> {
    let sql =
        format!("SELECT a.id FROM avvik a JOIN org_units u ON u.id = a.unit_id WHERE {condition}");
    let rows: Vec<(String,)> = sqlx::query_as(&sql)
        .fetch_all(app.db.pool())
        .await
        .expect("expected");
    rows.into_iter().map(|(id,)| id).collect()
}

async fn a_leader_pages_through_each_of_their_cases_once_in_risk_order(backend: Backend) {
    with_app(backend, |app| async move {
        seed_cases(&app, "Nordby skole", 70).await;
        seed_cases(&app, "SFO", 40).await;
        seed_cases(&app, "Fjordvik sykehjem", 30).await;
        app.login_ok("leder").await;

        let rows = all_pages(&app, &[]).await;
        assert_eq!(
            rows.len(),
            110,
            "the school and its SFO, not the nursing home"
        );
        assert_eq!(ids(&rows).len(), rows.len(), "each case once");
        let ordered = rows.windows(2).all(|pair| {
            let ((id_a, score_a, at_a), (id_b, score_b, at_b)) = (&pair[0], &pair[1]);
            score_a > score_b || (score_a == score_b && (at_a, id_a) < (at_b, id_b))
        });
        assert!(ordered, "highest risk first, then oldest");
        let (_, first) = app.call("avvik_list", &[]).await;
        let counts: i64 = first["counts"]
            .as_array()
            .expect("counts")
            .iter()
            .map(|pair| pair[1].as_i64().expect("count"))
            .sum();
        assert_eq!(counts, 110);

        let school_and_sfo = "u.name IN ('Nordby skole', 'SFO')";
        let cases = [
            (vec![("filter[status]", "closed")], "a.status = 'closed'"),
            (vec![("filter[risk]", "high")], "a.risk_score >= 10"),
            (
                vec![("filter[risk]", "low")],
                "a.risk_score BETWEEN 1 AND 4",
            ),
            (vec![("filter[source]", "qr")], "a.source = 'qr'"),
            (vec![("filter[category]", "brann")], "a.category = 'brann'"),
            (
                vec![("filter[from]", "2026-06-02"), ("filter[to]", "2026-06-05")],
                "a.created_at >= 1780351200000 AND a.created_at < 1780696800000",
            ),
        ];
        for (filter, condition) in cases {
            let want = expected(&app, &format!("{school_and_sfo} AND {condition}")).await;
            assert!(!want.is_empty(), "{condition} selects some");
            assert_eq!(ids(&all_pages(&app, &filter).await), want, "{condition}");
        }
        let sfo = app.unit_id("SFO").await;
        let filter = [
            ("filter[unit_id]", sfo.as_str()),
            ("filter[status]", "open"),
        ];
        let want = expected(&app, "u.name = 'SFO' AND a.status = 'open'").await;
        assert_eq!(ids(&all_pages(&app, &filter).await), want);
        let mine = all_pages(&app, &[("filter[assigned_to_me]", "true")]).await;
        assert!(mine.is_empty(), "nothing is assigned yet");

        let (status, _) = app.call("avvik_list", &[("after", "not-a-cursor")]).await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
        let (status, _) = app
            .call("avvik_list", &[("filter[from]", "1.7.2026")])
            .await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
    })
    .await;
}
on_both_backends!(a_leader_pages_through_each_of_their_cases_once_in_risk_order);

async fn a_verneombud_reads_the_areas_they_cover_and_a_medarbeider_nothing(backend: Backend) {
    with_app(backend, |app| async move {
        seed_cases(&app, "Nordby skole", 5).await;
        seed_cases(&app, "Fjordvik sykehjem", 4).await;
        app.login_ok("verneombud").await;
        let rows = all_pages(&app, &[]).await;
        assert_eq!(ids(&rows), expected(&app, "u.name = 'Nordby skole'").await);

        // Vera is chosen to cover the nursing home's area as well.
        sqlx::query(
            "UPDATE verneomrader SET verneombud_id = (SELECT id FROM users WHERE username = 'verneombud')
             WHERE name = 'Sykehjemmet'",
        )
        .execute(app.db.pool())
        .await
        .expect("cover");
        let rows = all_pages(&app, &[]).await;
        let want = expected(
            &app,
            "u.name = 'Nordby skole' OR a.room_id IN (SELECT r.id FROM rooms r
               JOIN verneomrader v ON v.id = r.verneomrade_id WHERE v.name = 'Sykehjemmet')",
        )
        .await;
        assert!(want.len() > 5, "the area's cases are added");
        assert_eq!(ids(&rows), want);

        // Her role ends: the area still names her, but gives her nothing.
        sqlx::query(
            "UPDATE role_grants SET revoked_at = 1
             WHERE user_id = (SELECT id FROM users WHERE username = 'verneombud')",
        )
        .execute(app.db.pool())
        .await
        .expect("revoke");
        app.login_ok("verneombud").await;
        let (status, _) = app.call("avvik_list", &[]).await;
        assert_eq!(status, StatusCode::FORBIDDEN, "no role, no area");

        app.login_ok("medarbeider").await;
        let (status, body) = app.call("avvik_list", &[]).await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{body}");
    })
    .await;
}
on_both_backends!(a_verneombud_reads_the_areas_they_cover_and_a_medarbeider_nothing);

async fn a_qr_report_is_listed_with_the_risk_its_words_give(backend: Backend) {
    with_app(backend, |app| async move {
        let (token,): (String,) =
            sqlx::query_as("SELECT qr_token FROM rooms WHERE name = 'Gymsal'")
                .fetch_one(app.db.pool())
                .await
                .expect("room");
        let description = ("description", "Nødutgangen er sperret av matter");
        let report = form(&new_client_id(), &[description]);
        let (status, body) = post_json(&app, &token, report).await;
        assert!(status.is_success(), "{status}: {body}");
        app.login_ok("leder").await;
        let (_, page) = app.call("avvik_list", &[("filter[risk]", "high")]).await;
        let item = &page["items"][0];
        assert_eq!(
            item["description"],
            Value::from("Nødutgangen er sperret av matter")
        );
        assert_eq!(
            (item["score"].as_i64(), item["source"].as_str()),
            (Some(15), Some("qr"))
        );
        assert_eq!(item["room"], Value::from("Gymsal"));
    })
    .await;
}
on_both_backends!(a_qr_report_is_listed_with_the_risk_its_words_give);
