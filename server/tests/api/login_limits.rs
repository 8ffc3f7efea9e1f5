//! The login limit under pressure: a burst of parallel logins, a guesser
//! at another address, a reverse proxy in front.

use std::time::Duration;

use reqwest::StatusCode;
use vern::config::Settings;

use super::helpers::{Backend, TestApp, client, with_app, with_app_settings};
use crate::on_both_backends;

/// A login as the proxy forwards it for `address` (or straight, with `None`).
async fn login_from(
    app: &TestApp,
    address: Option<&str>,
    username: &str,
    password: &str,
) -> (StatusCode, Option<u64>) {
    let mut request = client()
        .post(format!("{}/api/fn/login", app.address))
        .header("origin", &app.address)
        .form(&[("username", username), ("password", password)]);
    if let Some(address) = address {
        request = request.header("x-forwarded-for", format!("203.0.113.250, {address}"));
    }
    let response = request.send().await.expect("login");
    let retry_after = response
        .headers()
        .get("retry-after")
        .and_then(|value| value.to_str().ok()?.parse().ok());
    (response.status(), retry_after)
}

async fn a_burst_of_logins_runs_few_password_checks_and_counts_every_attempt(backend: Backend) {
    with_app(backend, |app| async move {
        let attempts = (0..300).map(|_| login_from(&app, None, "leder", "gjetting-123"));
        let results = futures::future::join_all(attempts).await;
        let count = |status: StatusCode| results.iter().filter(|(s, _)| *s == status).count();
        let (wrong, limited, busy) = (
            count(StatusCode::UNAUTHORIZED),
            count(StatusCode::TOO_MANY_REQUESTS),
            count(StatusCode::SERVICE_UNAVAILABLE),
        );
        assert_eq!(wrong + limited + busy, 300, "only 401, 429 or 503: {results:?}");
        assert!((1..=5).contains(&wrong), "{wrong} passwords checked, the limit is 5");
        assert!(results.iter().all(|(status, retry)| *status == StatusCode::UNAUTHORIZED || retry.is_some()));
        let cores = std::thread::available_parallelism().map_or(2, usize::from);
        let peak = app.passwords.peak();
        eprintln!("300 parallel logins: {wrong} checked (401), {limited} limited (429), {busy} busy (503); {peak} checks at once");
        assert!((1..=cores).contains(&peak), "{peak} checks at once on {cores} cores");
    })
    .await;
}
on_both_backends!(
    a_burst_of_logins_runs_few_password_checks_and_counts_every_attempt,
    multi_thread
);

fn behind_a_proxy(settings: Settings) -> Settings {
    Settings {
        trusted_proxies: "127.0.0.1, ::1".to_owned(),
        ..settings
    }
}

async fn a_guesser_at_another_address_cannot_lock_the_owner_out(backend: Backend) {
    with_app_settings(backend, behind_a_proxy, |app| async move {
        let guesser = Some("198.51.100.7");
        for _ in 0..5 {
            let (status, _) = login_from(&app, guesser, "leder", "gjetting-123").await;
            assert_eq!(status, StatusCode::UNAUTHORIZED);
        }
        let (status, wait) = login_from(&app, guesser, "leder", "gjetting-123").await;
        assert_eq!(status, StatusCode::TOO_MANY_REQUESTS);
        assert!(
            wait.is_some_and(|wait| wait >= 60),
            "the guesser's address waits: {wait:?}"
        );

        // The owner, at their own address, waits seconds at most.
        let owner = Some("203.0.113.9");
        let right = vern::demo::DEMO_PASSWORD;
        let mut outcome = login_from(&app, owner, "leder", right).await;
        if outcome.0 == StatusCode::TOO_MANY_REQUESTS {
            let wait = outcome.1.expect("Retry-After");
            assert!(wait <= 30, "a short delay, not the window: {wait} s");
            tokio::time::sleep(Duration::from_secs(wait)).await;
            outcome = login_from(&app, owner, "leder", right).await;
        }
        assert_eq!(outcome.0, StatusCode::OK, "{outcome:?}");
    })
    .await;
}
on_both_backends!(a_guesser_at_another_address_cannot_lock_the_owner_out);

async fn forwarded_addresses_are_not_believed_without_a_trusted_proxy(backend: Backend) {
    with_app(backend, |app| async move {
        for n in 0..5 {
            let forged = format!("198.51.100.{n}");
            let (status, _) = login_from(&app, Some(&forged), "leder", "gjetting-123").await;
            assert_eq!(status, StatusCode::UNAUTHORIZED);
        }
        let (status, _) = login_from(&app, Some("198.51.100.99"), "leder", "gjetting-123").await;
        assert_eq!(
            status,
            StatusCode::TOO_MANY_REQUESTS,
            "a forged address is no new address"
        );
    })
    .await;
}
on_both_backends!(forwarded_addresses_are_not_believed_without_a_trusted_proxy);
