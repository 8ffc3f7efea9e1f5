//! The organisation managed by the HMS-ansvarlig: units, verneområder (with
//! their verneombud), buildings and rooms created, renamed, moved and
//! retired, each in the history, never outside the admin's own subtree.

use reqwest::StatusCode;

use super::helpers::{Backend, TestApp, make_sector_admin, with_app};
use crate::on_both_backends;

async fn text(app: &TestApp, sql: &str, bind: &str) -> Option<String> {
    let row: Option<(Option<String>,)> = sqlx::query_as(sql)
        .bind(bind)
        .fetch_optional(app.db.pool())
        .await
        .expect("query");
    row.and_then(|(value,)| value)
}

async fn history_actions(app: &TestApp, id: &str) -> Vec<String> {
    let rows: Vec<(String,)> =
        sqlx::query_as("SELECT action FROM history WHERE entity_id = $1 ORDER BY seq")
            .bind(id)
            .fetch_all(app.db.pool())
            .await
            .expect("history");
    rows.into_iter().map(|(action,)| action).collect()
}

async fn create(app: &TestApp, form: &[(&str, &str)]) -> (StatusCode, String) {
    let (status, body) = app.call("create_place", form).await;
    (status, body.as_str().unwrap_or_default().to_owned())
}

async fn units_areas_and_buildings_live_in_the_tree_with_their_history(backend: Backend) {
    with_app(backend, |app| async move {
        app.login_ok("hms").await;
        let sector = app.unit_id("Oppvekst").await;
        let (status, school) = create(
            &app,
            &[
                ("kind", "unit"),
                ("unit_id", &sector),
                ("name", "Vestby skole"),
            ],
        )
        .await;
        assert_eq!(status, StatusCode::OK);
        let level = text(&app, "SELECT kind FROM org_units WHERE id = $1", &school).await;
        assert_eq!(level.as_deref(), Some("enhet"), "one level below a sektor");
        let (status, _) = create(
            &app,
            &[
                ("kind", "unit"),
                ("unit_id", &sector),
                ("name", " vestby SKOLE "),
            ],
        )
        .await;
        assert_eq!(
            status,
            StatusCode::BAD_REQUEST,
            "the sector has one by that name"
        );
        let (status, _) = create(
            &app,
            &[("kind", "unit"), ("unit_id", &sector), ("name", "  ")],
        )
        .await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "a unit needs a name");
        let (_, department) = create(
            &app,
            &[
                ("kind", "unit"),
                ("unit_id", &school),
                ("name", "Ungdomstrinnet"),
            ],
        )
        .await;
        let (status, _) = create(
            &app,
            &[
                ("kind", "unit"),
                ("unit_id", &department),
                ("name", "Gruppe 1"),
            ],
        )
        .await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "nothing below an avdeling");

        let vera = text(
            &app,
            "SELECT id FROM users WHERE username = $1",
            "verneombud",
        )
        .await
        .expect("Vera");
        let (status, area) = create(
            &app,
            &[
                ("kind", "area"),
                ("unit_id", &school),
                ("name", "Vestby skole"),
                ("verneombud_id", &vera),
            ],
        )
        .await;
        assert_eq!(status, StatusCode::OK);
        let covered = text(
            &app,
            "SELECT verneombud_id FROM verneomrader WHERE id = $1",
            &area,
        )
        .await;
        assert_eq!(covered.as_deref(), Some(vera.as_str()));
        let leader = text(&app, "SELECT id FROM users WHERE username = $1", "leder")
            .await
            .expect("a leader");
        let (status, _) = app
            .call("set_verneombud", &[("id", &area), ("user_id", &leader)])
            .await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "a leader is no verneombud");
        let (status, _) = app
            .call("set_verneombud", &[("id", &area), ("user_id", "")])
            .await;
        assert_eq!(status, StatusCode::OK);
        let covered = text(
            &app,
            "SELECT verneombud_id FROM verneomrader WHERE id = $1",
            &area,
        )
        .await;
        assert_eq!(covered, None, "nobody until a new one is chosen");

        let (status, building) = create(
            &app,
            &[
                ("kind", "building"),
                ("unit_id", &school),
                ("name", "Vestby skole, hus A"),
                ("detail", "Vestveien 1"),
            ],
        )
        .await;
        assert_eq!(status, StatusCode::OK);
        let (status, _) = app
            .call(
                "rename_place",
                &[
                    ("kind", "building"),
                    ("id", &building),
                    ("name", "Hus A"),
                    ("detail", "Vestveien 3"),
                ],
            )
            .await;
        assert_eq!(status, StatusCode::OK);
        let address = text(
            &app,
            "SELECT address FROM buildings WHERE id = $1",
            &building,
        )
        .await;
        assert_eq!(address.as_deref(), Some("Vestveien 3"));

        // A school cannot sit directly under the kommune.
        let kommune = app.unit_id("Fjordvik kommune").await;
        let (status, _) = app
            .call(
                "move_place",
                &[("kind", "unit"), ("id", &school), ("to_unit", &kommune)],
            )
            .await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
        let health = app.unit_id("Helse og omsorg").await;
        let (status, _) = app
            .call(
                "move_place",
                &[("kind", "unit"), ("id", &school), ("to_unit", &health)],
            )
            .await;
        assert_eq!(status, StatusCode::OK);
        let parent = text(
            &app,
            "SELECT parent_id FROM org_units WHERE id = $1",
            &school,
        )
        .await;
        assert_eq!(parent.as_deref(), Some(health.as_str()));

        // A room moves into the new building and unit; a room in a building
        // its unit does not reach is refused.
        let gym = text(&app, "SELECT id FROM rooms WHERE name = $1", "Gymsal")
            .await
            .expect("gym");
        let (status, _) = app
            .call(
                "move_room",
                &[
                    ("id", &gym),
                    ("building_id", &building),
                    ("unit_id", &department),
                ],
            )
            .await;
        assert_eq!(status, StatusCode::OK);
        let placed = text(&app, "SELECT building_id FROM rooms WHERE id = $1", &gym).await;
        assert_eq!(placed.as_deref(), Some(building.as_str()));
        let area_now = text(&app, "SELECT verneomrade_id FROM rooms WHERE id = $1", &gym).await;
        assert_eq!(area_now, None, "Nordby skole's area does not cover Vestby");
        let nordby = app.unit_id("Nordby skole").await;
        let (status, _) = app
            .call(
                "move_room",
                &[
                    ("id", &gym),
                    ("building_id", &building),
                    ("unit_id", &nordby),
                ],
            )
            .await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "Hus A is Vestby's");

        // Retiring: a building or unit must be empty first; then it is kept, not deleted.
        let (status, _) = app
            .call("retire_place", &[("kind", "building"), ("id", &building)])
            .await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "the gym is in it");
        let (status, _) = app
            .call("retire_place", &[("kind", "room"), ("id", &gym)])
            .await;
        assert_eq!(status, StatusCode::OK);
        let (status, _) = app
            .call("retire_place", &[("kind", "building"), ("id", &building)])
            .await;
        assert_eq!(status, StatusCode::OK);
        let (status, _) = app
            .call("retire_place", &[("kind", "unit"), ("id", &school)])
            .await;
        assert_eq!(
            status,
            StatusCode::BAD_REQUEST,
            "its department and area remain"
        );
        for (kind, id) in [("unit", &department), ("area", &area), ("unit", &school)] {
            let (status, _) = app
                .call("retire_place", &[("kind", kind), ("id", id)])
                .await;
            assert_eq!(status, StatusCode::OK, "{kind}");
        }
        let kept = text(
            &app,
            "SELECT name FROM org_units WHERE id = $1 AND archived_at IS NOT NULL",
            &school,
        )
        .await;
        assert_eq!(kept.as_deref(), Some("Vestby skole"));

        assert_eq!(
            history_actions(&app, &school).await,
            ["created", "moved", "retired"]
        );
        assert_eq!(
            history_actions(&app, &area).await,
            ["created", "verneombud_set", "retired"]
        );
        assert_eq!(
            history_actions(&app, &building).await,
            ["created", "renamed", "retired"]
        );
        assert_eq!(history_actions(&app, &gym).await, ["moved", "retired"]);

        let (status, page) = app.call("org_admin", &[]).await;
        assert_eq!(status, StatusCode::OK);
        let names: Vec<&str> = page["units"]
            .as_array()
            .expect("units")
            .iter()
            .filter_map(|u| u["name"].as_str())
            .collect();
        assert!(
            !names.contains(&"Vestby skole"),
            "retired units leave the page"
        );
        assert!(
            page["verneombud"]
                .as_array()
                .expect("people")
                .iter()
                .any(|p| p["id"] == vera.as_str())
        );
    })
    .await;
}
on_both_backends!(units_areas_and_buildings_live_in_the_tree_with_their_history);

async fn an_admin_changes_nothing_outside_their_subtree(backend: Backend) {
    with_app(backend, |app| async move {
        make_sector_admin(&app).await;
        app.login_ok("olga").await;
        let nursing_home = app.unit_id("Fjordvik sykehjem").await;
        let health = app.unit_id("Helse og omsorg").await;
        let school = app.unit_id("Nordby skole").await;
        let sector = app.unit_id("Oppvekst").await;
        let building = text(
            &app,
            "SELECT id FROM buildings WHERE name = $1",
            "Fjordvik helsehus",
        )
        .await
        .expect("building");
        let own_building = text(
            &app,
            "SELECT id FROM buildings WHERE name = $1",
            "Nordby skole, hovedbygg",
        )
        .await
        .expect("building");
        let room = text(&app, "SELECT id FROM rooms WHERE name = $1", "Vaskeri")
            .await
            .expect("room");
        let gym = text(&app, "SELECT id FROM rooms WHERE name = $1", "Gymsal")
            .await
            .expect("gym");
        for (name, form) in [
            (
                "create_place",
                vec![
                    ("kind", "area"),
                    ("unit_id", nursing_home.as_str()),
                    ("name", "X"),
                ],
            ),
            (
                "create_place",
                vec![
                    ("kind", "unit"),
                    ("unit_id", health.as_str()),
                    ("name", "X"),
                ],
            ),
            (
                "rename_place",
                vec![
                    ("kind", "building"),
                    ("id", building.as_str()),
                    ("name", "X"),
                ],
            ),
            (
                "retire_place",
                vec![("kind", "unit"), ("id", nursing_home.as_str())],
            ),
            (
                "move_place",
                vec![
                    ("kind", "unit"),
                    ("id", school.as_str()),
                    ("to_unit", health.as_str()),
                ],
            ),
            (
                "move_place",
                vec![
                    ("kind", "building"),
                    ("id", own_building.as_str()),
                    ("to_unit", nursing_home.as_str()),
                ],
            ),
            (
                "move_room",
                vec![
                    ("id", room.as_str()),
                    ("building_id", own_building.as_str()),
                    ("unit_id", school.as_str()),
                ],
            ),
            (
                "move_room",
                vec![
                    ("id", gym.as_str()),
                    ("building_id", building.as_str()),
                    ("unit_id", nursing_home.as_str()),
                ],
            ),
            (
                "label_sheet",
                vec![("kind", "building"), ("id", building.as_str())],
            ),
        ] {
            let (status, body) = app.call(name, &form).await;
            assert_eq!(
                status,
                StatusCode::FORBIDDEN,
                "olga: {name} {form:?}: {body}"
            );
        }
        let (status, labels) = app
            .call(
                "label_sheet",
                &[("kind", "building"), ("id", &own_building)],
            )
            .await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(
            labels.as_array().map(Vec::len),
            Some(10),
            "the school building's rooms"
        );
        let (status, _) = create(
            &app,
            &[
                ("kind", "area"),
                ("unit_id", &sector),
                ("name", "Oppvekst felles"),
            ],
        )
        .await;
        assert_eq!(status, StatusCode::OK, "her own sector");
        let (status, page) = app.call("org_admin", &[]).await;
        assert_eq!(status, StatusCode::OK);
        let units: Vec<&str> = page["units"]
            .as_array()
            .expect("units")
            .iter()
            .filter_map(|u| u["name"].as_str())
            .collect();
        assert!(
            units.contains(&"Nordby skole") && !units.contains(&"Fjordvik sykehjem"),
            "{units:?}"
        );

        app.login_ok("verneombud").await;
        let (status, _) = app.call("org_admin", &[]).await;
        assert_eq!(status, StatusCode::FORBIDDEN);
    })
    .await;
}
on_both_backends!(an_admin_changes_nothing_outside_their_subtree);
