//! A member of a unit's MKS group (the employees' representatives): reads
//! and comments on the unit's cases, its tiltaksplan and its dashboard,
//! never learns who reported a case, cannot move, assign or re-rate one,
//! and sees nothing of another unit.

use reqwest::StatusCode;

use super::helpers::{Backend, with_app};
use super::qr_reports::{form, new_client_id, post_json, room};
use super::sync_support::{create_round, id as sync_id, pull, push, reference};
use super::tiltak::grant_new_user;
use crate::on_both_backends;

async fn an_mks_member_handles_cases_without_the_reporters_name(backend: Backend) {
    with_app(backend, |app| async move {
        let (school, _) = room(&app, "Naturfagrom").await;
        // Mona reports logged in, under her own name.
        app.login_ok("medarbeider").await;
        let (status, receipt) = post_json(&app, &school, form(&new_client_id(), &[])).await;
        assert_eq!(status, StatusCode::CREATED, "{receipt}");
        let (id,): (String,) = sqlx::query_as("SELECT id FROM avvik WHERE receipt_no = $1")
            .bind(receipt["receipt_no"].as_str().expect("receipt"))
            .fetch_one(app.db.pool())
            .await
            .expect("case");
        let (nursing_home, _) = room(&app, "Avdeling A, stue").await;
        let (_, other) = post_json(&app, &nursing_home, form(&new_client_id(), &[])).await;

        app.login_ok("leder").await;
        let (_, case) = app.call("avvik_case", &[("id", &id)]).await;
        assert_eq!(
            case["reporter"], "Kari Nordmann",
            "the leader learns who reported"
        );
        assert_eq!(case["reporter_hidden"], false);

        app.login_ok("mks").await;
        let (status, case) = app.call("avvik_case", &[("id", &id)]).await;
        assert_eq!(status, StatusCode::OK, "{case}");
        assert_eq!(case["reporter"], "", "{case}");
        assert_eq!(case["reporter_hidden"], true);
        assert_eq!(case["follows_up"], false);
        assert_eq!(case["may_comment"], true);
        let comment = [
            ("id", id.as_str()),
            ("body", "Tas opp i MKS-møtet"),
            ("visible", "false"),
        ];
        let (status, body) = app.call("comment_avvik", &comment).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        for (name, form) in [
            (
                "move_avvik",
                vec![("id", id.as_str()), ("to", "in_progress"), ("note", "")],
            ),
            ("assign_avvik", vec![("id", id.as_str()), ("person", "")]),
            (
                "rerate_avvik",
                vec![
                    ("id", id.as_str()),
                    ("probability", "2"),
                    ("consequence", "2"),
                ],
            ),
        ] {
            let (status, body) = app.call(name, &form).await;
            assert!(
                [StatusCode::FORBIDDEN, StatusCode::NOT_FOUND].contains(&status),
                "{name}: {status} {body}"
            );
        }
        let (status, list) = app.call("avvik_list", &[]).await;
        assert_eq!(status, StatusCode::OK, "{list}");
        let ids: Vec<&str> = list["items"]
            .as_array()
            .expect("items")
            .iter()
            .map(|item| item["id"].as_str().expect("id"))
            .collect();
        assert_eq!(
            ids,
            [id.as_str()],
            "the school's case, not the nursing home's"
        );
        let (other_id,): (String,) = sqlx::query_as("SELECT id FROM avvik WHERE receipt_no = $1")
            .bind(other["receipt_no"].as_str().expect("receipt"))
            .fetch_one(app.db.pool())
            .await
            .expect("case");
        let (status, _) = app.call("avvik_case", &[("id", &other_id)]).await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        let (status, _) = app.call("tiltaksplan", &[("unit", "")]).await;
        assert_eq!(status, StatusCode::OK);
        let (status, dashboard) = app.call("dashboard", &[("unit", "")]).await;
        assert_eq!(
            (status, dashboard["open"].as_i64()),
            (StatusCode::OK, Some(1))
        );

        // Rounds name who walked them: the leader's phone gets the round,
        // the MKS member's none.
        app.login_ok("verneombud").await;
        let reference = reference(&app).await;
        let round_id = sync_id();
        push(&app, "phone", &[create_round(&reference, &round_id)]).await;
        for (username, gets) in [("leder", true), ("mks", false)] {
            app.login_ok(username).await;
            let (status, page) = pull(&app, 0, 1000).await;
            assert_eq!(status, StatusCode::OK, "{page}");
            let rounds = page["changes"].as_array().expect("changes").iter();
            let has = rounds
                .filter(|change| change["record"]["kind"] == "round")
                .any(|change| change["record"]["id"] == round_id.as_str());
            assert_eq!(has, gets, "{username}");
        }

        // A member granted by the HMS-ansvarlig reads the same way.
        grant_new_user(&app, "bente", "mks", "Nordby skole").await;
        app.login_ok("bente").await;
        let (_, case) = app.call("avvik_case", &[("id", &id)]).await;
        assert_eq!(case["reporter"], "");
    })
    .await;
}
on_both_backends!(an_mks_member_handles_cases_without_the_reporters_name);
