//! Rooms managed by the HMS-ansvarlig: a CSV import checked line by line
//! and saved whole or not at all, renaming and retiring, each in the
//! history, and only in the admin's own part of the organisation.

use reqwest::StatusCode;
use serde_json::Value;

use super::helpers::{Backend, TestApp, make_sector_admin, table_rows, with_app};
use crate::on_both_backends;

async fn rooms_named(app: &TestApp, name: &str) -> i64 {
    let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM rooms WHERE name = $1")
        .bind(name)
        .fetch_one(app.db.pool())
        .await
        .expect("count");
    n
}

fn statuses(preview: &Value) -> Vec<(i64, Value, bool)> {
    preview["lines"]
        .as_array()
        .expect("lines")
        .iter()
        .map(|line| {
            let number = line["line"].as_i64().expect("line number");
            let new_building = line["new_building"].as_bool().expect("flag");
            (number, line["problem"].clone(), new_building)
        })
        .collect()
}

async fn a_file_with_a_bad_line_saves_nothing_and_a_good_one_saves_all(backend: Backend) {
    with_app(backend, |app| async move {
        app.login_ok("hms").await;
        let school = app.unit_id("Nordby skole").await;
        let rooms_before = table_rows(&app.db, "rooms").await;
        let history_before = table_rows(&app.db, "history").await;
        let bad = "Bygg;Rom;Etasje\nNordby skole, hovedbygg;Musikkrom;2\nPaviljong;;1\nPaviljong;Grupperom 1;1\nnordby skole, hovedbygg;gymsal;1\n";
        let (status, preview) = app
            .call("preview_room_import", &[("unit_id", &school), ("csv", bad)])
            .await;
        assert_eq!(status, StatusCode::OK, "{preview}");
        assert_eq!(
            statuses(&preview),
            [
                (2, Value::Null, false),
                (3, Value::from("room_missing"), true),
                (4, Value::Null, true),
                (5, Value::from("exists"), false),
            ]
        );
        let (status, refused) = app
            .call("import_rooms", &[("unit_id", &school), ("csv", bad)])
            .await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{refused}");
        assert_eq!(table_rows(&app.db, "rooms").await, rooms_before);
        assert_eq!(table_rows(&app.db, "buildings").await, 2, "no building made");
        assert_eq!(table_rows(&app.db, "history").await, history_before);

        let good = "Nordby skole, hovedbygg;Musikkrom;2\nPaviljong;Grupperom 1;1\nPaviljong;Grupperom 2;\n";
        let (status, saved) = app
            .call("import_rooms", &[("unit_id", &school), ("csv", good)])
            .await;
        assert_eq!((status, saved), (StatusCode::OK, Value::from(3)));
        assert_eq!(table_rows(&app.db, "rooms").await, rooms_before + 3);
        assert_eq!(table_rows(&app.db, "buildings").await, 3, "Paviljong made once");
        let (tokens,): (i64,) = sqlx::query_as("SELECT COUNT(DISTINCT qr_token) FROM rooms")
            .fetch_one(app.db.pool())
            .await
            .expect("tokens");
        assert_eq!(tokens, rooms_before + 3, "every room its own code");
        let created = "SELECT COUNT(*) FROM history WHERE action = 'created' AND entity_kind IN ('room', 'building')";
        let (entries,): (i64,) = sqlx::query_as(created)
            .fetch_one(app.db.pool())
            .await
            .expect("history");
        assert_eq!(entries, 4, "three rooms and one building");
        // The same file again: every line is now taken.
        let (_, again) = app
            .call("preview_room_import", &[("unit_id", &school), ("csv", good)])
            .await;
        assert!(statuses(&again).iter().all(|(_, problem, _)| problem == "exists"), "{again}");

        // A name with markup is shown as text on the rooms page.
        let markup = "Paviljong;<b>Fet</b> rom;1";
        let (status, _) = app
            .call("import_rooms", &[("unit_id", &school), ("csv", markup)])
            .await;
        assert_eq!(status, StatusCode::OK);
        let page = app.get("/admin/rom").await.text().await.expect("rooms page");
        assert!(page.contains("&lt;b&gt;Fet&lt;/b&gt; rom"), "escaped");
        assert!(!page.contains("<b>Fet</b>"), "never as markup");

        let (status, empty) = app
            .call("preview_room_import", &[("unit_id", &school), ("csv", "Bygg;Rom\n\n")])
            .await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{empty}");
    })
    .await;
}
on_both_backends!(a_file_with_a_bad_line_saves_nothing_and_a_good_one_saves_all);

async fn a_renamed_room_keeps_its_code_and_a_retired_one_loses_it(backend: Backend) {
    with_app(backend, |app| async move {
        app.login_ok("hms").await;
        let (id, token): (String, String) =
            sqlx::query_as("SELECT id, qr_token FROM rooms WHERE name = 'Gymsal'")
                .fetch_one(app.db.pool())
                .await
                .expect("room");
        let (status, body) = app
            .call(
                "rename_place",
                &[
                    ("kind", "room"),
                    ("id", &id),
                    ("name", "Idrettshall"),
                    ("detail", "U1"),
                ],
            )
            .await;
        assert_eq!(status, StatusCode::OK, "{body}");
        assert_eq!(rooms_named(&app, "Idrettshall").await, 1);
        let page = app.get(&format!("/r/{token}")).await;
        assert_eq!(page.status(), StatusCode::OK);
        assert!(page.text().await.expect("page").contains("Idrettshall"));
        let (status, _) = app
            .call(
                "rename_place",
                &[("kind", "room"), ("id", &id), ("name", " "), ("detail", "")],
            )
            .await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "a room needs a name");
        let (status, body) = app
            .call(
                "rename_place",
                &[
                    ("kind", "room"),
                    ("id", &id),
                    ("name", "naturfagrom"),
                    ("detail", ""),
                ],
            )
            .await;
        assert_eq!(
            status,
            StatusCode::BAD_REQUEST,
            "the building has one: {body}"
        );
        assert_eq!(rooms_named(&app, "Idrettshall").await, 1, "unchanged");

        let (status, _) = app
            .call("retire_place", &[("kind", "room"), ("id", &id)])
            .await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(
            app.get(&format!("/r/{token}")).await.status(),
            StatusCode::GONE
        );
        let (archived,): (Option<i64>,) =
            sqlx::query_as("SELECT archived_at FROM rooms WHERE id = $1")
                .bind(&id)
                .fetch_one(app.db.pool())
                .await
                .expect("still there");
        assert!(archived.is_some(), "retired, not deleted");
        let (_, admin) = app.call("rooms_admin", &[]).await;
        let listed = admin["rooms"]
            .as_array()
            .expect("rooms")
            .iter()
            .any(|r| r["id"] == id.as_str());
        assert!(!listed, "a retired room leaves the list");
        let actions: Vec<(String,)> =
            sqlx::query_as("SELECT action FROM history WHERE entity_id = $1 ORDER BY seq")
                .bind(&id)
                .fetch_all(app.db.pool())
                .await
                .expect("history");
        let actions: Vec<&str> = actions.iter().map(|(a,)| a.as_str()).collect();
        assert_eq!(actions, ["renamed", "retired"]);
    })
    .await;
}
on_both_backends!(a_renamed_room_keeps_its_code_and_a_retired_one_loses_it);

async fn an_admin_changes_rooms_only_in_their_own_part(backend: Backend) {
    with_app(backend, |app| async move {
        app.login_ok("leder").await;
        let school = app.unit_id("Nordby skole").await;
        let csv = "Hovedbygg;Rom 9;1";
        let (status, _) = app
            .call("import_rooms", &[("unit_id", &school), ("csv", csv)])
            .await;
        assert_eq!(status, StatusCode::FORBIDDEN, "a leader manages no rooms");
        let (status, _) = app.call("rooms_admin", &[]).await;
        assert_eq!(status, StatusCode::FORBIDDEN);

        app.login_ok("hms").await;
        let nursing_home = app.unit_id("Fjordvik sykehjem").await;
        let (status, _) = app
            .call("import_rooms", &[("unit_id", &nursing_home), ("csv", csv)])
            .await;
        assert_eq!(status, StatusCode::OK, "the root admin reaches every unit");
        let (room,): (String,) =
            sqlx::query_as("SELECT r.id FROM rooms r WHERE r.unit_id = $1 ORDER BY r.name")
                .bind(&nursing_home)
                .fetch_one(app.db.pool())
                .await
                .expect("a nursing home room");

        // An admin of the Oppvekst sector reaches its schools, not the
        // nursing home in another sector.
        make_sector_admin(&app).await;
        app.login_ok("olga").await;
        let school = app.unit_id("Solsikken barnehage").await;
        let (status, _) = app
            .call("import_rooms", &[("unit_id", &school), ("csv", csv)])
            .await;
        assert_eq!(status, StatusCode::OK, "her own sector");
        for (name, form) in [
            (
                "import_rooms",
                vec![("unit_id", nursing_home.as_str()), ("csv", csv)],
            ),
            (
                "preview_room_import",
                vec![("unit_id", nursing_home.as_str()), ("csv", csv)],
            ),
            (
                "rename_place",
                vec![("kind", "room"), ("id", room.as_str()), ("name", "X")],
            ),
            (
                "retire_place",
                vec![("kind", "room"), ("id", room.as_str())],
            ),
            ("room_poster", vec![("room_id", room.as_str())]),
            ("regenerate_room_code", vec![("room_id", room.as_str())]),
            (
                "label_sheet",
                vec![("kind", "unit"), ("id", nursing_home.as_str())],
            ),
        ] {
            let (status, _) = app.call(name, &form).await;
            assert_eq!(status, StatusCode::FORBIDDEN, "olga: {name}");
        }

        app.login_ok("verneombud").await;
        for (name, form) in [
            (
                "import_rooms",
                vec![("unit_id", nursing_home.as_str()), ("csv", csv)],
            ),
            (
                "rename_place",
                vec![("kind", "room"), ("id", room.as_str()), ("name", "X")],
            ),
            (
                "retire_place",
                vec![("kind", "room"), ("id", room.as_str())],
            ),
        ] {
            let (status, _) = app.call(name, &form).await;
            assert_eq!(status, StatusCode::FORBIDDEN, "{name}");
        }
        let (archived,): (Option<i64>,) =
            sqlx::query_as("SELECT archived_at FROM rooms WHERE id = $1")
                .bind(&room)
                .fetch_one(app.db.pool())
                .await
                .expect("room");
        assert_eq!(archived, None);
    })
    .await;
}
on_both_backends!(an_admin_changes_rooms_only_in_their_own_part);
