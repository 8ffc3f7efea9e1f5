//! The language a person chose is theirs: pages come in it, and no page
//! sets it (a page fetched in the background with the cookie as it was
//! would otherwise undo a switch made meanwhile, as CI once caught).

use reqwest::StatusCode;
use reqwest::header::{COOKIE, SET_COOKIE};

use super::helpers::{Backend, client, with_app};
use crate::on_both_backends;

async fn pages_follow_the_language_cookie_and_never_set_it(backend: Backend) {
    with_app(backend, |app| async move {
        let choices = [
            (None, "nb"),
            (Some("i18n_pref_locale=en"), "en"),
            (Some("i18n_pref_locale=nb"), "nb"),
        ];
        for (cookie, lang) in choices {
            for path in ["/login", "/r/uten-nett"] {
                let mut request = client().get(format!("{}{path}", app.address));
                if let Some(cookie) = cookie {
                    request = request.header(COOKIE, cookie);
                }
                let response = request.send().await.expect("page");
                assert_eq!(response.status(), StatusCode::OK, "{path}");
                let sets: Vec<&str> = response
                    .headers()
                    .get_all(SET_COOKIE)
                    .iter()
                    .filter_map(|value| value.to_str().ok())
                    .filter(|value| value.starts_with("i18n_pref_locale"))
                    .collect();
                assert!(sets.is_empty(), "{path} with {cookie:?} sets {sets:?}");
                let html = response.text().await.expect("html");
                let tag = format!("<html lang=\"{lang}\"");
                assert!(
                    html.contains(&tag),
                    "{path} with {cookie:?} is not in {lang}"
                );
            }
        }
    })
    .await;
}
on_both_backends!(pages_follow_the_language_cookie_and_never_set_it);
