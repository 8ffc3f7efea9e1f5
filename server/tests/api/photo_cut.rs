//! A photo upload whose connection ends mid-body (a phone losing signal in
//! the middle of the bytes): nothing is stored, no row is written, and the
//! same id can be sent again in full.

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

use super::helpers::{Backend, TestApp, session_cookie, table_rows, with_app};
use super::photos::{finding, jpeg_with_exif, objects, sha256};
use crate::on_both_backends;

/// Sends the request line, headers and the first `sent` bytes of `body` on a
/// raw socket, closes the sending side (unless all of `body` was sent) and
/// returns the server's answer.
async fn put_cut(app: &TestApp, cookie: &str, path: &str, body: &[u8], sent: usize) -> String {
    let host = app.address.trim_start_matches("http://");
    let mut socket = TcpStream::connect(host).await.expect("connect");
    let head = format!(
        "PUT {path} HTTP/1.1\r\nHost: {host}\r\nOrigin: {origin}\r\nCookie: {cookie}\r\n\
         Content-Type: image/jpeg\r\nContent-Length: {length}\r\nConnection: close\r\n\r\n",
        origin = app.address,
        length = body.len(),
    );
    socket.write_all(head.as_bytes()).await.expect("headers");
    socket
        .write_all(&body[..sent])
        .await
        .expect("half the body");
    socket.flush().await.expect("flush");
    if sent < body.len() {
        socket.shutdown().await.expect("close the sending side");
    }
    let mut answer = Vec::new();
    // The server may answer or just close; either way it is done with the request.
    let _ = tokio::time::timeout(
        std::time::Duration::from_secs(30),
        socket.read_to_end(&mut answer),
    )
    .await
    .expect("the server ends the cut request");
    String::from_utf8_lossy(&answer).into_owned()
}

async fn an_upload_cut_mid_body_stores_nothing(backend: Backend) {
    with_app(backend, |app| async move {
        app.login_ok("verneombud").await;
        let finding = finding(&app).await;
        let cookie = session_cookie(&app, "verneombud").await;
        // Some phones append data after the image's end (e.g. a motion-photo
        // trailer), so even a cut that keeps every image byte is a cut.
        let mut photo = jpeg_with_exif(7);
        let image_end = photo.len();
        photo.extend(std::iter::repeat_n(0x5A_u8, 4096));
        let id = uuid::Uuid::now_v7().to_string();
        let path = format!(
            "/api/v1/photos/{id}?finding_id={finding}&sha256={}&schema=1",
            sha256(&photo)
        );

        for sent in [0, image_end / 2, image_end, photo.len() - 1] {
            let answer = put_cut(&app, &cookie, &path, &photo, sent).await;
            // Refused as incomplete, or the connection closed unanswered.
            assert!(
                answer.is_empty() || answer.starts_with("HTTP/1.1 400"),
                "a cut upload is never accepted: {answer}"
            );
            assert_eq!(
                table_rows(&app.db, "photos").await,
                0,
                "no row after a cut at {sent} bytes"
            );
            assert_eq!(
                objects(&app).await,
                (0, 0),
                "no object after a cut at {sent} bytes"
            );
        }

        // The phone sends it again in full, the same way: the id is free and
        // the bytes whole (and this request, cookie and path are right).
        let answer = put_cut(&app, &cookie, &path, &photo, photo.len()).await;
        assert!(answer.starts_with("HTTP/1.1 201"), "{answer}");
        assert_eq!(table_rows(&app.db, "photos").await, 1);
        assert_eq!(objects(&app).await, (1, 1));
        let served = app
            .get(&format!("/api/v1/photos/{id}"))
            .await
            .bytes()
            .await
            .expect("photo bytes");
        assert!(
            image::load_from_memory(&served).is_ok(),
            "a whole JPEG is served"
        );
    })
    .await;
}
on_both_backends!(an_upload_cut_mid_body_stores_nothing);
