//! Built assets are served from the copies `vern precompress` wrote:
//! brotli or gzip as the browser accepts, byte for byte as written (not
//! compressed again per request), and the file itself to a client that
//! accepts neither.

use reqwest::header::{ACCEPT_ENCODING, CACHE_CONTROL, CONTENT_ENCODING, VARY};
use vern::cli::precompress::{Outcome, precompress_file};

use super::helpers::{Backend, TestApp, with_app_settings};
use crate::on_both_backends;

const ASSET: &str = "pkg/vern-0123abcd.js";

async fn fetch(app: &TestApp, accept: Option<&str>) -> reqwest::Response {
    let mut request = app.client.get(format!("{}/{ASSET}", app.address));
    if let Some(accept) = accept {
        request = request.header(ACCEPT_ENCODING, accept);
    }
    request.send().await.expect("asset")
}

async fn assets_are_served_from_their_precompressed_copies(backend: Backend) {
    let site = tempfile::tempdir().expect("site");
    let file = site.path().join(ASSET);
    std::fs::create_dir_all(file.parent().expect("pkg")).expect("pkg");
    let source = "export function vern() { return 'vernerunde'; }\n".repeat(400);
    std::fs::write(&file, &source).expect("asset");
    assert!(matches!(
        precompress_file(&file).expect("precompress"),
        Outcome::Written { .. }
    ));
    let read = |suffix: &str| std::fs::read(format!("{}.{suffix}", file.display())).expect("copy");
    let (brotli, gzip) = (read("br"), read("gz"));
    let site_root = site.path().to_owned();
    with_app_settings(
        backend,
        |settings| vern::config::Settings {
            site_root,
            ..settings
        },
        |app| async move {
            for (accept, encoding, body) in [
                ("br, gzip", "br", &brotli),
                ("gzip, deflate", "gzip", &gzip),
            ] {
                let response = fetch(&app, Some(accept)).await;
                assert_eq!(response.status(), 200, "{accept}");
                let header = |name| {
                    response
                        .headers()
                        .get(name)
                        .and_then(|value| value.to_str().ok())
                        .unwrap_or_default()
                        .to_owned()
                };
                assert_eq!(header(CONTENT_ENCODING), encoding, "{accept}");
                assert!(header(VARY).to_lowercase().contains("accept-encoding"));
                assert!(header(CACHE_CONTROL).contains("immutable"));
                let served = response.bytes().await.expect("body");
                assert_eq!(&served[..], &body[..], "the copy as written, for {accept}");
            }
            let plain = fetch(&app, None).await;
            assert_eq!(plain.status(), 200);
            assert!(plain.headers().get(CONTENT_ENCODING).is_none());
            assert_eq!(plain.text().await.expect("body"), source);
        },
    )
    .await;
}
on_both_backends!(assets_are_served_from_their_precompressed_copies);
