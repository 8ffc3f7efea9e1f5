//! Two sibling units (Nordby skole and Solsikken barnehage, both under
//! Oppvekst), each with its own verneombud: nothing of one unit reaches the
//! other, in either direction, whatever the request. A missing unit filter
//! in push, pull, reference data, photos or units turns this red.

use app::sync::protocol::SCHEMA_VERSION;
use app::sync::reference::ReferenceData;
use reqwest::{Client, StatusCode};
use serde_json::{Value, json};

use super::helpers::{Backend, TestApp, json_body, with_app};
use super::photos::{jpeg_with_exif, put_raw, sha256};
use super::sync_support::{
    codes, create_round, finding, finish, id, item_ids, push_raw_with, save,
};
use crate::on_both_backends;

/// One verneombud's phone and what it made in its own unit.
struct Walker {
    client: Client,
    unit_id: String,
    reference: ReferenceData,
    round_id: String,
    finding_id: String,
    photo_id: String,
}

async fn get(app: &TestApp, client: &Client, path: &str) -> (StatusCode, Value) {
    let response = client
        .get(format!("{}{path}", app.address))
        .send()
        .await
        .expect("request");
    let status = response.status();
    (status, json_body(response).await)
}

async fn push(app: &TestApp, client: &Client, operations: Value) -> Vec<Value> {
    let body = json!({ "schema": SCHEMA_VERSION, "device_id": id(), "operations": operations });
    let (status, answer) = push_raw_with(app, client, &body).await;
    assert_eq!(status, StatusCode::OK, "{answer}");
    answer["results"].as_array().expect("results").clone()
}

/// Berit Berg, verneombud of Solsikken barnehage, created by the HMS admin.
async fn kindergarten_verneombud(app: &TestApp) -> Client {
    let hms = app.logged_in("hms").await;
    let call = |name: &'static str, form: Vec<(&'static str, String)>| {
        hms.post(format!("{}/api/fn/{name}", app.address))
            .header("origin", &app.address)
            .form(&form)
            .send()
    };
    let created = call(
        "create_user",
        vec![
            ("username", "berit".into()),
            ("display_name", "Berit Berg".into()),
            ("password", vern::demo::DEMO_PASSWORD.into()),
        ],
    )
    .await
    .expect("create user");
    assert_eq!(created.status(), StatusCode::OK);
    let user_id: String = created.json().await.expect("user id");
    let unit = app.unit_id("Solsikken barnehage").await;
    let granted = call(
        "grant_role",
        vec![
            ("user_id", user_id),
            ("role", "verneombud".into()),
            ("unit_id", unit),
        ],
    )
    .await
    .expect("grant role");
    assert_eq!(granted.status(), StatusCode::OK);
    app.logged_in("berit").await
}

/// Walks a finished round with one avvik and a photo in the walker's unit.
async fn walk(app: &TestApp, client: Client) -> Walker {
    let (status, reference) = get(app, &client, "/api/v1/sync/reference").await;
    assert_eq!(status, StatusCode::OK);
    let reference: ReferenceData = serde_json::from_value(reference).expect("reference");
    let (round_id, finding_id, photo_id) = (id(), id(), id());
    let item = &item_ids(&reference)[0];
    let avvik = finding(&round_id, &finding_id, item, Some("Løst rekkverk"));
    let operations = json!([create_round(&reference, &round_id), save(avvik)]);
    assert_eq!(
        codes(&push(app, &client, operations).await),
        ["applied", "applied"]
    );
    let upload = jpeg_with_exif(3);
    let query = format!(
        "finding_id={finding_id}&sha256={}&schema=1",
        sha256(&upload)
    );
    let (status, body) = put_raw(app, &client, &photo_id, &query, upload).await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    assert_eq!(
        codes(&push(app, &client, json!([finish(&round_id)])).await),
        ["applied"]
    );
    Walker {
        unit_id: reference.areas[0].unit_id.clone(),
        client,
        reference,
        round_id,
        finding_id,
        photo_id,
    }
}

/// Everything `walker` may try on `other`'s unit is refused or shows nothing.
async fn nothing_of(app: &TestApp, walker: &Walker, other: &Walker) {
    let client = &walker.client;
    let units: Vec<&str> = walker
        .reference
        .units
        .iter()
        .map(|u| u.id.as_str())
        .collect();
    assert!(units.contains(&walker.unit_id.as_str()), "{units:?}");
    assert!(!units.contains(&other.unit_id.as_str()), "{units:?}");
    assert!(!walker.reference.areas.is_empty());
    assert!(
        walker
            .reference
            .areas
            .iter()
            .all(|area| area.unit_id == walker.unit_id)
    );

    // Pull: changes arrive, but none of the other unit's.
    let (status, page) = get(app, client, "/api/v1/sync/pull?since=0&limit=1000&schema=1").await;
    assert_eq!(status, StatusCode::OK);
    let changes = page["changes"].as_array().expect("changes");
    let pulled: Vec<&str> = changes
        .iter()
        .filter_map(|c| c["record"]["id"].as_str())
        .collect();
    for own in [&walker.round_id, &walker.finding_id, &walker.photo_id] {
        assert!(
            pulled.contains(&own.as_str()),
            "the walker's own {own} arrives: {pulled:?}"
        );
    }
    let theirs = [&other.round_id, &other.finding_id, &other.photo_id];
    for change in changes {
        let record = &change["record"];
        let ids = [&record["id"], &record["round_id"], &record["finding_id"]];
        for id in ids.iter().filter_map(|value| value.as_str()) {
            assert!(!theirs.iter().any(|theirs| *theirs == id), "{record}");
        }
    }

    // Push into the other unit's round: refused, nothing stored.
    let item = &item_ids(&other.reference)[1];
    let foreign = finding(&other.round_id, &id(), item, Some("Fra feil enhet"));
    let results = push(app, client, json!([save(foreign), finish(&other.round_id)])).await;
    assert_eq!(codes(&results), ["forbidden", "forbidden"]);
    let (findings,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM findings WHERE round_id = $1")
        .bind(&other.round_id)
        .fetch_one(app.db.pool())
        .await
        .expect("count findings");
    assert_eq!(findings, 1);

    // Photos: neither read nor added.
    for path in [
        format!("/api/v1/photos/{}", other.photo_id),
        format!("/api/v1/photos/{}/thumb", other.photo_id),
    ] {
        assert_eq!(
            get(app, client, &path).await.0,
            StatusCode::FORBIDDEN,
            "{path}"
        );
    }
    let upload = jpeg_with_exif(4);
    let query = format!(
        "finding_id={}&sha256={}&schema=1",
        other.finding_id,
        sha256(&upload)
    );
    let (status, _) = put_raw(app, client, &id(), &query, upload).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (photos,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM photos WHERE owner_id = $1")
        .bind(&other.finding_id)
        .fetch_one(app.db.pool())
        .await
        .expect("count photos");
    assert_eq!(photos, 1);

    // The unit itself.
    let (status, _) = get(app, client, &format!("/api/v1/units/{}", other.unit_id)).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
}

async fn sibling_units_see_nothing_of_each_other(backend: Backend) {
    with_app(backend, |app| async move {
        let school = walk(&app, app.logged_in("verneombud").await).await;
        let kindergarten = walk(&app, kindergarten_verneombud(&app).await).await;
        assert_eq!(school.unit_id, app.unit_id("Nordby skole").await);
        assert_eq!(
            kindergarten.unit_id,
            app.unit_id("Solsikken barnehage").await
        );
        nothing_of(&app, &kindergarten, &school).await;
        nothing_of(&app, &school, &kindergarten).await;
    })
    .await;
}
on_both_backends!(sibling_units_see_nothing_of_each_other);
