//! QR reports (`POST /r/{token}`, the `/r/` and `/s/` pages): one case per
//! device id, nothing kept about an anonymous sender, refusals that say
//! why and store nothing, the rate limit, the honeypot, replaced codes.

use reqwest::StatusCode;
use reqwest::multipart::{Form, Part};
use serde_json::Value;

use super::helpers::{Backend, TestApp, json_body, make_sector_admin, table_rows, with_app};
use super::photos::jpeg_with_exif;
use crate::on_both_backends;

/// The code and unit of a demo room by name.
pub(super) async fn room(app: &TestApp, name: &str) -> (String, String) {
    sqlx::query_as("SELECT qr_token, unit_id FROM rooms WHERE name = $1")
        .bind(name)
        .fetch_one(app.db.pool())
        .await
        .expect("demo room")
}

pub(super) fn new_client_id() -> String {
    uuid::Uuid::new_v4().to_string()
}

/// A filled-in form; `extra` adds or overrides fields.
pub(super) fn form(client_id: &str, extra: &[(&'static str, &str)]) -> Form {
    let mut fields = vec![
        ("client_id", client_id.to_owned()),
        ("website", String::new()),
        ("category", "brann".to_owned()),
        ("description", "Nødutgangen er sperret av paller".to_owned()),
        ("occurred_at", String::new()),
        ("severity", "hoy".to_owned()),
        ("reporter_name", "Kari Nordmann".to_owned()),
        ("reporter_email", "kari@example.no".to_owned()),
    ];
    for (name, value) in extra {
        fields.retain(|(field, _)| field != name);
        fields.push((name, (*value).to_owned()));
    }
    fields
        .into_iter()
        .fold(Form::new(), |form, (name, value)| form.text(name, value))
}

pub(super) fn with_photo(form: Form, bytes: Vec<u8>, mime: &str) -> Form {
    let part = Part::bytes(bytes)
        .file_name("bilde.jpg")
        .mime_str(mime)
        .expect("mime");
    form.part("photo", part)
}

/// Posts the form as a browser without script does (no JSON asked for).
pub(super) async fn post_page(app: &TestApp, token: &str, form: Form) -> reqwest::Response {
    app.client
        .post(format!("{}/r/{token}", app.address))
        .header("origin", &app.address)
        .multipart(form)
        .send()
        .await
        .expect("post the report form")
}

/// Posts the form as the app does, asking for JSON.
pub(super) async fn post_json(app: &TestApp, token: &str, form: Form) -> (StatusCode, Value) {
    let response = app
        .client
        .post(format!("{}/r/{token}", app.address))
        .header("origin", &app.address)
        .header("accept", "application/json")
        .multipart(form)
        .send()
        .await
        .expect("post the report form");
    let status = response.status();
    (status, json_body(response).await)
}

async fn user_id(app: &TestApp, username: &str) -> String {
    let (id,): (String,) = sqlx::query_as("SELECT id FROM users WHERE username = $1")
        .bind(username)
        .fetch_one(app.db.pool())
        .await
        .expect("user");
    id
}

/// The account and name a case was reported under.
async fn reporter(app: &TestApp, receipt: &Value) -> (Option<String>, String) {
    sqlx::query_as("SELECT reported_by, reporter_name FROM avvik WHERE receipt_no = $1")
        .bind(receipt["receipt_no"].as_str().expect("receipt"))
        .fetch_one(app.db.pool())
        .await
        .expect("the case")
}

pub(super) async fn count(app: &TestApp, sql: &str, bind: &str) -> i64 {
    let (n,): (i64,) = sqlx::query_as(sql)
        .bind(bind)
        .fetch_one(app.db.pool())
        .await
        .expect("count");
    n
}

async fn a_report_with_a_photo_opens_a_case_that_its_link_shows(backend: Backend) {
    with_app(backend, |app| async move {
        let (token, unit_id) = room(&app, "Naturfagrom").await;
        let page = app.get(&format!("/r/{token}")).await;
        assert_eq!(page.status(), StatusCode::OK);
        let html = page.text().await.expect("page");
        assert!(
            html.contains("Naturfagrom") && html.contains("Nordby skole"),
            "{html}"
        );
        assert!(
            html.contains("enctype=\"multipart/form-data\""),
            "a plain form"
        );

        let client_id = new_client_id();
        let photo = jpeg_with_exif(7);
        let answer = post_page(
            &app,
            &token,
            with_photo(form(&client_id, &[]), photo, "image/jpeg"),
        )
        .await;
        assert_eq!(answer.status(), StatusCode::SEE_OTHER);
        let location = answer.headers()["location"]
            .to_str()
            .expect("location")
            .to_owned();
        assert!(
            location.starts_with("/s/") && location.ends_with("?ny=1"),
            "{location}"
        );

        let (id, source, category, severity, unit, receipt): (
            String,
            String,
            String,
            String,
            String,
            String,
        ) = sqlx::query_as("SELECT id, source, category, severity, unit_id, receipt_no FROM avvik")
            .fetch_one(app.db.pool())
            .await
            .expect("one case");
        assert_eq!(
            (source.as_str(), category.as_str(), severity.as_str()),
            ("qr", "brann", "hoy")
        );
        assert_eq!(unit, unit_id, "the room's unit");
        let year = vern::local_time::oslo_year(vern::db::now_ms());
        assert_eq!(receipt, format!("AV-{year}-0001"));
        let photos = "SELECT COUNT(*) FROM photos WHERE owner_kind = 'avvik' AND owner_id = $1";
        assert_eq!(count(&app, photos, &id).await, 1);
        let reported = "SELECT COUNT(*) FROM history WHERE entity_id = $1 AND action = 'reported'";
        assert_eq!(count(&app, reported, &id).await, 1);

        let status = app.get(&location).await;
        assert_eq!(status.status(), StatusCode::OK);
        let html = status.text().await.expect("status page");
        assert!(html.contains(&receipt), "the case number: {html}");
        assert!(html.contains("Ny – ikke behandlet ennå"), "the state");
        let unknown = app.get("/s/not-a-real-status-link").await;
        assert_eq!(unknown.status(), StatusCode::NOT_FOUND);
    })
    .await;
}
on_both_backends!(a_report_with_a_photo_opens_a_case_that_its_link_shows);

async fn the_same_device_id_sent_twice_opens_one_case(backend: Backend) {
    with_app(backend, |app| async move {
        let (token, _) = room(&app, "Naturfagrom").await;
        let client_id = new_client_id();
        let (first, second) = tokio::join!(
            post_json(&app, &token, form(&client_id, &[])),
            post_json(&app, &token, form(&client_id, &[])),
        );
        let mut statuses = [first.0, second.0];
        statuses.sort();
        assert_eq!(
            statuses,
            [StatusCode::OK, StatusCode::CREATED],
            "{first:?} {second:?}"
        );
        assert_eq!(first.1, second.1, "the same receipt and link");
        let (third_status, third) = post_json(&app, &token, form(&client_id, &[])).await;
        assert_eq!(third_status, StatusCode::OK);
        assert_eq!(third, first.1);
        assert_eq!(table_rows(&app.db, "avvik").await, 1);
        let reported = "SELECT COUNT(*) FROM history WHERE action = $1";
        assert_eq!(count(&app, reported, "reported").await, 1);
        // The database itself refuses a second case for one device id
        // (the guard when two sends pass the check at the same moment).
        let duplicate = sqlx::query(
            "INSERT INTO avvik (id, unit_id, source, description, status, receipt_no, client_key,
                                created_at, updated_at)
             SELECT 'other', unit_id, 'qr', 'x', 'open', 'AV-0-0', client_key, 0, 0 FROM avvik",
        )
        .execute(app.db.pool())
        .await;
        assert!(duplicate.is_err(), "client_key is unique");
        // Another device id is another report.
        let (status, other) = post_json(&app, &token, form(&new_client_id(), &[])).await;
        assert_eq!(status, StatusCode::CREATED);
        assert_ne!(other["receipt_no"], first.1["receipt_no"]);
    })
    .await;
}
on_both_backends!(the_same_device_id_sent_twice_opens_one_case, multi_thread);

async fn an_anonymous_report_keeps_nothing_about_its_sender(backend: Backend) {
    with_app(backend, |app| async move {
        let (token, _) = room(&app, "Naturfagrom").await;
        // Logged in, name typed, and then "anonymous" ticked.
        app.login_ok("medarbeider").await;
        // A session last seen an hour ago would be extended by any other
        // request; a report must leave its time untouched.
        let an_hour_ago = vern::db::now_ms() - 3_600_000;
        sqlx::query("UPDATE sessions SET last_seen_at = $1")
            .bind(an_hour_ago)
            .execute(app.db.pool())
            .await
            .expect("age the session");
        let anonymous = with_photo(
            form(&new_client_id(), &[("anonymous", "1")]),
            jpeg_with_exif(3),
            "image/jpeg",
        );
        let (status, receipt) = post_json(&app, &token, anonymous).await;
        assert_eq!(status, StatusCode::CREATED, "{receipt}");
        let row: (Option<String>, String, String) = sqlx::query_as(
            "SELECT reported_by, reporter_name, reporter_email FROM avvik WHERE receipt_no = $1",
        )
        .bind(receipt["receipt_no"].as_str().expect("receipt"))
        .fetch_one(app.db.pool())
        .await
        .expect("the case");
        assert_eq!(row, (None, String::new(), String::new()));
        let (actor, data): (Option<String>, String) =
            sqlx::query_as("SELECT actor_user_id, data FROM history WHERE action = 'reported'")
                .fetch_one(app.db.pool())
                .await
                .expect("history");
        assert_eq!(actor, None);
        assert!(
            !data.contains("Kari") && !data.contains("example.no"),
            "{data}"
        );
        let (uploader,): (Option<String>,) =
            sqlx::query_as("SELECT uploaded_by FROM photos WHERE owner_kind = 'avvik'")
                .fetch_one(app.db.pool())
                .await
                .expect("the photo");
        assert_eq!(uploader, None);
        let (last_seen,): (i64,) = sqlx::query_as("SELECT last_seen_at FROM sessions")
            .fetch_one(app.db.pool())
            .await
            .expect("the session");
        assert_eq!(
            last_seen, an_hour_ago,
            "the report did not touch the session"
        );

        // The stored photo's hash is not the upload's (which the phone keeps).
        let (stored_hash,): (String,) =
            sqlx::query_as("SELECT sha256 FROM photos WHERE owner_kind = 'avvik'")
                .fetch_one(app.db.pool())
                .await
                .expect("the photo");
        assert_ne!(stored_hash, super::photos::sha256(&jpeg_with_exif(3)));

        // Without "anonymous", a form made for her and sent under her
        // session ties the case to her account, with the name she left in.
        let mona = user_id(&app, "medarbeider").await;
        let own = form(&new_client_id(), &[("reporter_user_id", &mona)]);
        let (status, named) = post_json(&app, &token, own).await;
        assert_eq!(status, StatusCode::CREATED);
        assert_eq!(
            reporter(&app, &named).await,
            (Some(mona.clone()), "Kari Nordmann".to_owned())
        );
        // A form made for Vera (kept on a shared phone) and sent under
        // Mona's session is tied to nobody's account.
        let vera = user_id(&app, "verneombud").await;
        let kept = form(&new_client_id(), &[("reporter_user_id", &vera)]);
        let (_, credited) = post_json(&app, &token, kept).await;
        assert_eq!(reporter(&app, &credited).await.0, None);
        // Nor is a form whose name was cleared.
        let cleared = form(
            &new_client_id(),
            &[("reporter_user_id", &mona), ("reporter_name", "")],
        );
        let (_, unnamed) = post_json(&app, &token, cleared).await;
        assert_eq!(reporter(&app, &unnamed).await.0, None);
    })
    .await;
}
on_both_backends!(an_anonymous_report_keeps_nothing_about_its_sender);

async fn unknown_and_replaced_codes_get_clear_pages(backend: Backend) {
    with_app(backend, |app| async move {
        let (old, _) = room(&app, "Naturfagrom").await;
        let unknown = app.get("/r/zzzzzzzzzz").await;
        assert_eq!(unknown.status(), StatusCode::NOT_FOUND);
        assert!(
            unknown
                .text()
                .await
                .expect("page")
                .contains("Denne koden kjenner vi ikke")
        );
        let posted = post_page(&app, "zzzzzzzzzz", form(&new_client_id(), &[])).await;
        assert_eq!(posted.status(), StatusCode::NOT_FOUND);
        // The form a phone keeps for any room is a form, but no room takes
        // reports sent to its own code.
        let any_room = app.get("/r/uten-nett").await;
        assert_eq!(any_room.status(), StatusCode::OK);
        assert!(
            any_room
                .text()
                .await
                .expect("page")
                .contains("Rommet koden hører til")
        );
        let posted = post_page(&app, "uten-nett", form(&new_client_id(), &[])).await;
        assert_eq!(posted.status(), StatusCode::NOT_FOUND);
        assert_eq!(
            count(&app, "SELECT COUNT(*) FROM avvik WHERE source = $1", "qr").await,
            0
        );

        app.login_ok("hms").await;
        let room_id: (String,) = sqlx::query_as("SELECT id FROM rooms WHERE name = 'Naturfagrom'")
            .fetch_one(app.db.pool())
            .await
            .expect("room");
        let (status, body) = app
            .call("regenerate_room_code", &[("room_id", &room_id.0)])
            .await;
        assert_eq!(status, StatusCode::OK, "{body}");
        let (new, _) = room(&app, "Naturfagrom").await;
        assert_ne!(new, old);

        let retired = app.get(&format!("/r/{old}")).await;
        assert_eq!(retired.status(), StatusCode::GONE);
        let html = retired.text().await.expect("page");
        assert!(html.contains("Denne koden er ikke lenger i bruk"), "{html}");
        assert!(html.contains("Lars Lie"), "whom to contact: {html}");
        let posted = post_page(&app, &old, form(&new_client_id(), &[])).await;
        assert_eq!(posted.status(), StatusCode::GONE);
        let (status, _) = post_json(&app, &new, form(&new_client_id(), &[])).await;
        assert_eq!(status, StatusCode::CREATED);

        let (status, poster) = app.call("room_poster", &[("room_id", &room_id.0)]).await;
        assert_eq!(status, StatusCode::OK);
        let url = poster["url"].as_str().expect("url");
        assert_eq!(url, format!("{}/r/{new}", app.address));
        assert!(poster["qr_svg"].as_str().expect("svg").contains("<svg"));
        let history =
            "SELECT COUNT(*) FROM history WHERE entity_id = $1 AND action = 'qr_regenerated'";
        assert_eq!(count(&app, history, &room_id.0).await, 1);
    })
    .await;
}
on_both_backends!(unknown_and_replaced_codes_get_clear_pages);

async fn posters_are_for_admins_of_the_room_only(backend: Backend) {
    with_app(backend, |app| async move {
        make_sector_admin(&app).await;
        let sector = app.unit_id("Oppvekst").await;
        app.login_ok("olga").await;

        let room_id = |name: &'static str| {
            let pool = app.db.pool().clone();
            async move {
                let (id,): (String,) = sqlx::query_as("SELECT id FROM rooms WHERE name = $1")
                    .bind(name)
                    .fetch_one(&pool)
                    .await
                    .expect("room");
                id
            }
        };
        let school = room_id("Naturfagrom").await;
        let (status, _) = app.call("room_poster", &[("room_id", &school)]).await;
        assert_eq!(status, StatusCode::OK, "a room in her sector");
        let (status, admin) = app.call("rooms_admin", &[]).await;
        assert_eq!(status, StatusCode::OK);
        let units: Vec<&str> = admin["rooms"]
            .as_array()
            .expect("rooms")
            .iter()
            .filter_map(|room| room["room"]["unit"].as_str())
            .collect();
        assert!(
            !units.is_empty() && !units.contains(&"Fjordvik sykehjem"),
            "{units:?}"
        );
        let (status, labels) = app
            .call("label_sheet", &[("kind", "unit"), ("id", &sector)])
            .await;
        assert_eq!(status, StatusCode::OK);
        let labels = labels.as_array().expect("labels");
        assert_eq!(
            labels.len(),
            units.len(),
            "one label per room of her sector"
        );
        let drawn = |label: &Value| {
            label["qr_svg"]
                .as_str()
                .is_some_and(|svg| svg.contains("<svg"))
        };
        assert!(labels.iter().all(drawn));
        let nursing_unit = app.unit_id("Fjordvik sykehjem").await;
        let (status, _) = app
            .call("label_sheet", &[("kind", "unit"), ("id", &nursing_unit)])
            .await;
        assert_eq!(status, StatusCode::FORBIDDEN);

        let (nursing_home, _) = sqlx::query_as::<_, (String, String)>(
            "SELECT r.id, r.qr_token FROM rooms r JOIN org_units u ON u.id = r.unit_id
             WHERE u.name = 'Fjordvik sykehjem' ORDER BY r.name",
        )
        .fetch_one(app.db.pool())
        .await
        .expect("a nursing home room");
        let before = room_token_of(&app, &nursing_home).await;
        let (status, _) = app.call("room_poster", &[("room_id", &nursing_home)]).await;
        assert_eq!(status, StatusCode::FORBIDDEN);
        let (status, _) = app
            .call("regenerate_room_code", &[("room_id", &nursing_home)])
            .await;
        assert_eq!(status, StatusCode::FORBIDDEN);
        assert_eq!(
            room_token_of(&app, &nursing_home).await,
            before,
            "the code is unchanged"
        );

        app.login_ok("verneombud").await;
        let (status, _) = app.call("room_poster", &[("room_id", &school)]).await;
        assert_eq!(
            status,
            StatusCode::FORBIDDEN,
            "a verneombud prints no posters"
        );
        let (status, _) = app
            .call("room_poster", &[("room_id", "no-such-room")])
            .await;
        assert_eq!(status, StatusCode::NOT_FOUND);
    })
    .await;
}
on_both_backends!(posters_are_for_admins_of_the_room_only);

async fn room_token_of(app: &TestApp, room_id: &str) -> String {
    let (token,): (String,) = sqlx::query_as("SELECT qr_token FROM rooms WHERE id = $1")
        .bind(room_id)
        .fetch_one(app.db.pool())
        .await
        .expect("room");
    token
}
