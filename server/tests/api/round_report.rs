//! A round's report: every finding by room (in the order walked, also
//! within one push) and section, with its risk, case and photos, and the
//! round's measures, on the page and as a PDF; read by those who read the
//! unit's reports or walk its rounds, "not found" for anyone else.

use reqwest::StatusCode;
use serde_json::Value;

use super::helpers::{Backend, TestApp, client, with_app};
use super::photos::{jpeg_with_exif, put, thumbnails_made};
use super::sync_support::*;
use super::tiltak::grant_new_user;
use crate::on_both_backends;

const OBSERVATION: &str =
    "Løs kabel over døra på lageret – særlig farlig, må festes før høstferien";

/// The report of `round` as the logged-in person.
async fn report(app: &TestApp, round: &str) -> (StatusCode, Value) {
    app.call("round_report", &[("id", round)]).await
}

/// A finished round in the verneombud's area, pushed as a phone sends a
/// round walked offline (one batch): an avvik and an OK in the area's first
/// room, then a point for the area as a whole; the avvik has a photo.
/// Returns (round id, avvik finding id, room name, photo id).
async fn walked_round(app: &TestApp) -> (String, String, String, String) {
    app.login_ok("verneombud").await;
    let reference = reference(app).await;
    let room = reference.areas[0].rooms[0].clone();
    let items = item_ids(&reference);
    let round = id();
    let avvik = id();
    let mut operations = vec![create_round(&reference, &round)];
    for (finding_id, item, text) in [
        (&avvik, &items[0], Some(OBSERVATION)),
        (&id(), &items[1], None),
    ] {
        let mut input = finding(&round, finding_id, item, text);
        input.room_id = Some(room.id.clone());
        operations.push(save(input));
    }
    operations.push(save(finding(&round, &id(), &items[2], None)));
    let results = push(app, "device-r", &operations).await;
    assert!(
        results.iter().all(|r| r["status"] == "applied"),
        "{results:?}"
    );
    let photo = id();
    let (status, body) = put(app, &photo, &avvik, jpeg_with_exif(7)).await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    let results = push(app, "device-r", &[finish(&round)]).await;
    assert_eq!(results[0]["status"], "applied", "{results:?}");
    (round, avvik, room.name, photo)
}

/// Every finding of a room, in order.
fn findings_of(room: &Value) -> Vec<&Value> {
    room["sections"]
        .as_array()
        .expect("sections")
        .iter()
        .flat_map(|section| section["findings"].as_array().expect("findings"))
        .collect()
}

async fn the_report_holds_every_finding_by_room_with_its_case_photo_and_measure(backend: Backend) {
    with_app(backend, |app| async move {
        let (round, avvik, room, photo) = walked_round(&app).await;
        let (status, body) = report(&app, &round).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        assert_eq!(body["unit"], "Nordby skole");
        assert_eq!(body["status"], "finished");
        assert!(body["finished_at"].is_string(), "{body}");
        assert_eq!(body["participants"][0]["name"], "Vera Vik");

        let rooms = body["rooms"].as_array().expect("rooms");
        assert_eq!(rooms.len(), 2, "the room, then the area as a whole: {body}");
        assert!(
            rooms[0]["room"]
                .as_str()
                .expect("room name")
                .starts_with(&room)
        );
        assert!(rooms[1]["room"].is_null());
        let first = findings_of(&rooms[0]);
        assert_eq!(first.len(), 2);
        assert_eq!(
            first[0]["id"],
            avvik.as_str(),
            "checklist order in the room"
        );
        assert_eq!(first[0]["answer"], "avvik");
        assert_eq!(first[0]["observation"], OBSERVATION);
        assert_eq!(first[0]["rating"]["probability"], 3);
        assert_eq!(first[0]["photos"], serde_json::json!([photo]));
        let receipt = first[0]["case"][1].as_str().expect("a case was opened");
        assert_eq!(first[1]["answer"], "ok");
        assert_eq!(findings_of(&rooms[1]).len(), 1);

        let tiltak = body["tiltak"].as_array().expect("tiltak");
        assert_eq!(tiltak.len(), 1, "{body}");
        assert_eq!(tiltak[0]["description"], "Rydd og merk");
        assert_eq!(tiltak[0]["case"][1], receipt);
        assert_eq!(
            tiltak[0]["next"],
            serde_json::json!([]),
            "the report changes nothing"
        );

        app.login_ok("leder").await;
        assert_eq!(
            report(&app, &round).await.0,
            StatusCode::OK,
            "the unit's leader"
        );
    })
    .await;
}
on_both_backends!(the_report_holds_every_finding_by_room_with_its_case_photo_and_measure);

async fn only_readers_and_those_who_walked_get_the_report(backend: Backend) {
    with_app(backend, |app| async move {
        let (round, _, _, _) = walked_round(&app).await;
        grant_new_user(&app, "bente", "leder", "Solsikken barnehage").await;
        app.login_ok("bente").await;
        assert_eq!(
            report(&app, &round).await.0,
            StatusCode::NOT_FOUND,
            "another unit's leader"
        );

        app.login_ok("medarbeider").await;
        assert_eq!(
            report(&app, &round).await.0,
            StatusCode::NOT_FOUND,
            "reads no reports and walks no rounds"
        );
        assert_eq!(
            report(&app, &id()).await.0,
            StatusCode::NOT_FOUND,
            "no such round"
        );
        let response = client()
            .post(format!("{}/api/fn/round_report", app.address))
            .header("origin", &app.address)
            .form(&[("id", round.as_str())])
            .send()
            .await
            .expect("request");
        assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    })
    .await;
}
on_both_backends!(only_readers_and_those_who_walked_get_the_report);

/// The report's PDF as the logged-in person: its status and, for a PDF,
/// its text as `pdftotext` reads it (pages end in a form feed) and the
/// size of each image `pdfimages` finds in it.
async fn pdf_text(app: &TestApp, round: &str) -> (StatusCode, String, Vec<(u32, u32)>) {
    let path = app::rounds::report::REPORT_PDF_PATH;
    let response = app.get(&format!("{path}?id={round}")).await;
    let status = response.status();
    if status != StatusCode::OK {
        return (status, String::new(), Vec::new());
    }
    let headers = response.headers().clone();
    assert_eq!(headers["content-type"], "application/pdf");
    let disposition = headers["content-disposition"].to_str().expect("ascii");
    assert!(
        disposition.starts_with("attachment; filename=\"vernerunde-"),
        "{disposition}"
    );
    let bytes = response.bytes().await.expect("body");
    assert!(bytes.starts_with(b"%PDF-"), "a PDF");
    let file = tempfile::NamedTempFile::new().expect("temporary file");
    std::fs::write(file.path(), &bytes).expect("write the PDF");
    let output = std::process::Command::new("pdftotext")
        .arg(file.path())
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) is installed");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let listing = std::process::Command::new("pdfimages")
        .arg("-list")
        .arg(file.path())
        .output()
        .expect("pdfimages (poppler-utils) is installed");
    // Two header lines, then a line per image: page, num, type, width, height, …
    let images = String::from_utf8_lossy(&listing.stdout)
        .lines()
        .skip(2)
        .map(|line| {
            let columns: Vec<&str> = line.split_whitespace().collect();
            let size = |n: usize| columns[n].parse::<u32>().expect("a size");
            (size(3), size(4))
        })
        .collect();
    let text = String::from_utf8(output.stdout).expect("UTF-8 text");
    (status, text, images)
}

async fn the_pdf_holds_the_report_with_norwegian_letters_photos_and_page_numbers(backend: Backend) {
    with_app(backend, |app| async move {
        let (round, _, room, _) = walked_round(&app).await;
        thumbnails_made(&app).await;
        let (status, text, images) = pdf_text(&app, &round).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(images, [(320, 240)], "the avvik's photo, as its thumbnail");
        for expected in [
            "Rapport fra vernerunde",
            "Nordby skole",
            "Vera Vik",
            OBSERVATION,
            "Rydd og merk",
        ] {
            assert!(text.contains(expected), "{expected} in:\n{text}");
        }
        assert!(text.contains(&room), "the room {room}");
        assert!(text.contains("Risiko 12: høy"), "{text}");
        let pages = text.matches('\u{c}').count();
        assert_eq!(pages, 4, "facts, a room, the area, the plan:\n{text}");
        assert!(
            text.contains("Side 1 / 4") && text.contains("Side 4 / 4"),
            "{text}"
        );

        // A photo whose thumbnail is not made yet gets one made for the PDF.
        sqlx::query("UPDATE photos SET thumb_key = NULL")
            .execute(app.db.pool())
            .await
            .expect("forget the thumbnail");
        let (status, _, images) = pdf_text(&app, &round).await;
        assert_eq!((status, images), (StatusCode::OK, vec![(320, 240)]));

        app.login_ok("leder").await;
        assert_eq!(
            pdf_text(&app, &round).await.0,
            StatusCode::OK,
            "the unit's leader"
        );
        grant_new_user(&app, "bente", "leder", "Solsikken barnehage").await;
        app.login_ok("bente").await;
        assert_eq!(pdf_text(&app, &round).await.0, StatusCode::NOT_FOUND);
        let path = app::rounds::report::REPORT_PDF_PATH;
        let anonymous = client()
            .get(format!("{}{path}?id={round}", app.address))
            .send()
            .await
            .expect("request");
        assert_eq!(anonymous.status(), StatusCode::UNAUTHORIZED);
    })
    .await;
}
on_both_backends!(the_pdf_holds_the_report_with_norwegian_letters_photos_and_page_numbers);
