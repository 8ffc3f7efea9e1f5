//! One room added by the HMS-ansvarlig without a file: its own QR code at
//! once, only in a building its unit may use, never a second active room of
//! the same name in a building, even when two saves race.

use reqwest::StatusCode;
use serde_json::Value;

use super::helpers::{Backend, TestApp, with_app};
use crate::on_both_backends;

async fn building_id(app: &TestApp, name: &str) -> String {
    let (id,): (String,) = sqlx::query_as("SELECT id FROM buildings WHERE name = $1")
        .bind(name)
        .fetch_one(app.db.pool())
        .await
        .expect("building");
    id
}

/// (floor, QR token, unit) of each active room by that name.
async fn active_rooms(app: &TestApp, name: &str) -> Vec<(String, String, String)> {
    sqlx::query_as(
        "SELECT floor, qr_token, unit_id FROM rooms WHERE name = $1 AND archived_at IS NULL",
    )
    .bind(name)
    .fetch_all(app.db.pool())
    .await
    .expect("rooms")
}

async fn create_room(app: &TestApp, unit: &str, building: &str, name: &str) -> (StatusCode, Value) {
    let form = [
        ("kind", "room"),
        ("unit_id", unit),
        ("building_id", building),
        ("name", name),
        ("detail", "2. etasje"),
    ];
    app.call("create_place", &form).await
}

async fn one_room_gets_its_code_in_a_building_its_unit_may_use(backend: Backend) {
    with_app(backend, |app| async move {
        app.login_ok("hms").await;
        let school = app.unit_id("Nordby skole").await;
        let school_building = building_id(&app, "Nordby skole, hovedbygg").await;
        let (status, id) = create_room(&app, &school, &school_building, " Musikkrom ").await;
        assert_eq!(status, StatusCode::OK, "{id}");
        let rooms = active_rooms(&app, "Musikkrom").await;
        assert_eq!(rooms.len(), 1, "the name is trimmed");
        let (floor, token, unit) = &rooms[0];
        assert_eq!(
            (floor.as_str(), unit.as_str()),
            ("2. etasje", school.as_str())
        );
        assert_eq!(token.len(), 10, "a code of its own");
        let (action, source): (String, String) = sqlx::query_as(
            "SELECT action, data FROM history WHERE entity_kind = 'room' AND entity_id = $1",
        )
        .bind(id.as_str().expect("id"))
        .fetch_one(app.db.pool())
        .await
        .expect("history");
        assert_eq!(action, "created");
        assert!(source.contains(r#""source":"form""#), "{source}");
        let page = app.get(&format!("/r/{token}")).await;
        assert_eq!(page.status(), StatusCode::OK);
        assert!(page.text().await.expect("page").contains("Musikkrom"));

        let (status, body) = create_room(&app, &school, &school_building, "MUSIKKROM").await;
        assert_eq!(
            status,
            StatusCode::BAD_REQUEST,
            "the building has one: {body}"
        );
        assert!(body.to_string().contains("place_exists"), "{body}");
        // The nursing home's building is not the school's, nor above it.
        let health_house = building_id(&app, "Fjordvik helsehus").await;
        let (status, body) = create_room(&app, &school, &health_house, "Lager").await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
        assert!(body.to_string().contains("room_building"), "{body}");
        let (status, body) = create_room(&app, &school, "", "Lager").await;
        assert_eq!(
            status,
            StatusCode::BAD_REQUEST,
            "a room needs a building: {body}"
        );
        assert!(active_rooms(&app, "Lager").await.is_empty());

        app.login_ok("leder").await;
        let (status, _) = create_room(&app, &school, &school_building, "Lager").await;
        assert_eq!(status, StatusCode::FORBIDDEN, "a leader adds no rooms");
        assert!(active_rooms(&app, "Lager").await.is_empty());
    })
    .await;
}
on_both_backends!(one_room_gets_its_code_in_a_building_its_unit_may_use);

async fn saves_racing_for_one_name_leave_one_room(backend: Backend) {
    with_app(backend, |app| async move {
        app.login_ok("hms").await;
        let school = app.unit_id("Nordby skole").await;
        let building = building_id(&app, "Nordby skole, hovedbygg").await;
        let saves = (0..8).map(|_| create_room(&app, &school, &building, "Lesesal"));
        let mut statuses: Vec<StatusCode> = futures::future::join_all(saves)
            .await
            .into_iter()
            .map(|(status, _)| status)
            .collect();
        statuses.sort();
        // The check before the write lets several through; the index takes
        // one, and the others get the same answer the check gives.
        let mut expected = vec![StatusCode::BAD_REQUEST; 7];
        expected.insert(0, StatusCode::OK);
        assert_eq!(statuses, expected);
        assert_eq!(active_rooms(&app, "Lesesal").await.len(), 1);
    })
    .await;
}
on_both_backends!(saves_racing_for_one_name_leave_one_room);

async fn a_new_name_alone_keeps_the_floor(backend: Backend) {
    with_app(backend, |app| async move {
        app.login_ok("hms").await;
        let school = app.unit_id("Nordby skole").await;
        let building = building_id(&app, "Nordby skole, hovedbygg").await;
        let (_, id) = create_room(&app, &school, &building, "Bibliotek").await;
        let id = id.as_str().expect("id").to_owned();
        let rename = [
            ("kind", "room"),
            ("id", id.as_str()),
            ("name", "Skolebibliotek"),
        ];
        let (status, body) = app.call("rename_place", &rename).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        let rooms = active_rooms(&app, "Skolebibliotek").await;
        assert_eq!(rooms[0].0, "2. etasje", "no floor sent: the floor stays");
        let clear = [
            ("kind", "room"),
            ("id", id.as_str()),
            ("name", "Skolebibliotek"),
            ("detail", ""),
        ];
        let (status, _) = app.call("rename_place", &clear).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(
            active_rooms(&app, "Skolebibliotek").await[0].0,
            "",
            "sent empty: cleared"
        );
    })
    .await;
}
on_both_backends!(a_new_name_alone_keeps_the_floor);
