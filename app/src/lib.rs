//! Vern's Leptos app: routes, pages, components, shared domain types and the
//! server functions the pages call. Rendered on the server (feature `ssr`) and
//! hydrated in the browser (feature `hydrate`).

#![recursion_limit = "256"]

pub mod admin;
pub mod annual;
pub mod auth;
pub mod avvik;
#[cfg(feature = "ssr")]
pub mod backend;
pub mod dashboard;
pub mod domain;
pub mod error;
pub mod layout;
pub mod notifications;
pub mod offline;
pub mod outbox;
pub mod places;
pub mod pwa;
pub mod reports;
pub mod rounds;
pub mod start;
pub mod stats;
pub mod sync;
pub mod tiltak;

include!(concat!(env!("OUT_DIR"), "/i18n/mod.rs"));

use leptos::prelude::*;
use leptos_meta::{HashedStylesheet, Link, Meta, MetaTags, Title, provide_meta_context};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::{SsrMode, path};

use crate::i18n::{I18nContextProvider, t, use_i18n};

/// The HTML document around the app, rendered on the server only.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    #[cfg(feature = "ssr")]
    backend::set_page_csp();
    view! {
        <!DOCTYPE html>
        <html>
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <HashedStylesheet options=options.clone() id="leptos" />
                <HydrationScripts options />
                <MetaTags />
            </head>
            <body>
                <App />
            </body>
        </html>
    }
}

/// The root component: i18n, metadata, PWA registration and the routes.
#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    pwa::register_service_worker(pwa::update::provide_new_version());
    layout::new_version::provide_open_forms();
    pwa::mark_hydrated();
    let sync_status = offline::status::provide_sync_status();
    let waiting_sent = reports::form_sending::WaitingReportsSent(RwSignal::new(0));
    provide_context(waiting_sent);
    Effect::new(move |_| {
        #[cfg(feature = "hydrate")]
        {
            // The QR pages run no sync: their requests would mark the
            // person's session active right when an anonymous report is sent.
            // The login page has no session to sync with (every request
            // would be refused); the page after the login starts the sync.
            if !reports::is_report_page() && !auth::is_login_page() {
                offline::engine::start(sync_status);
            }
            reports::form_sending::send_waiting_reports(waiting_sent);
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = (sync_status, waiting_sent);
    });

    view! {
        <I18nContextProvider
            ssr_lang_header_getter=bokmal_by_default()
            cookie_options=language_cookie()
        >
            <Title text="Vern" />
            <Meta name="description" content="Vern: vernerunder, avvik og tiltak" />
            <Meta name="theme-color" content="#0b4f6c" />
            <Link rel="manifest" href="/manifest.webmanifest" />
            <Link rel="icon" href="/icons/icon-192.png" />
            <Link rel="apple-touch-icon" href="/icons/icon-192.png" />
            <Router>
                <Routes fallback=NotFound>
                    <Route path=path!("/login") view=auth::login_page::LoginPage />
                    <Route path=path!("/") view=start::page::StartPage />
                    // Rendered whole before it is sent, so that its status
                    // (403 without the admin role) is set before the headers go.
                    <Route path=path!("/admin/users") view=admin::page::AdminUsersPage ssr=SsrMode::Async />
                    <Route path=path!("/runder") view=rounds::list_page::RoundsPage />
                    <Route path=path!("/runder/ny") view=rounds::new_page::NewRoundPage />
                    <Route path=path!("/runde") view=rounds::round_page::RoundPage />
                    <Route path=path!("/runde/avslutt") view=rounds::finish_page::FinishRoundPage />
                    <Route path=path!("/runde/rapport") view=rounds::report_page::RoundReportPage ssr=SsrMode::Async />
                    <Route path=path!("/synk") view=outbox::page::SyncPage />
                    // The QR pages are rendered whole on the server: they
                    // must work with no script, and set 404/410 themselves.
                    <Route path=path!("/r/:token") view=reports::page::ReportPage ssr=SsrMode::Async />
                    <Route path=path!("/s/:token") view=reports::status_page::StatusPage ssr=SsrMode::Async />
                    <Route path=path!("/avvik") view=avvik::list_page::AvvikListPage ssr=SsrMode::Async />
                    <Route path=path!("/avvik/sak") view=avvik::case_page::AvvikCasePage ssr=SsrMode::Async />
                    <Route path=path!("/tiltaksplan") view=tiltak::plan_page::TiltaksplanPage ssr=SsrMode::Async />
                    <Route path=path!("/oversikt") view=dashboard::page::DashboardPage ssr=SsrMode::Async />
                    <Route path=path!("/statistikk") view=stats::page::StatsPage ssr=SsrMode::Async />
                    <Route path=path!("/arshjul") view=annual::page::AnnualPage ssr=SsrMode::Async />
                    <Route path=path!("/arshjul/enheter") view=annual::overview_page::AnnualOverviewPage ssr=SsrMode::Async />
                    <Route path=path!("/admin/arshjul") view=annual::kinds_page::AnnualKindsPage ssr=SsrMode::Async />
                    <Route path=path!("/varsler") view=notifications::page::NotificationsPage ssr=SsrMode::Async />
                    <Route path=path!("/admin/rom") view=places::rooms_page::RoomsPage ssr=SsrMode::Async />
                    <Route path=path!("/admin/steder") view=places::org_page::OrgPage ssr=SsrMode::Async />
                    <Route path=path!("/admin/plakat") view=reports::poster_page::PosterPage ssr=SsrMode::Async />
                    <Route path=path!("/admin/etiketter") view=reports::labels_page::LabelsPage ssr=SsrMode::Async />
                </Routes>
            </Router>
        </I18nContextProvider>
    }
}

/// Bokmål unless the person picked another language (kept in a cookie):
/// the browser's language list is not consulted, since many Norwegian
/// workplaces run English-language browsers.
fn bokmal_by_default() -> leptos_use::UseLocalesOptions {
    leptos_use::UseLocalesOptions::default().ssr_lang_header_getter(|| Some("nb".to_owned()))
}

/// How long the language choice is kept (a year, in ms).
const LANGUAGE_KEPT_MS: i64 = 365 * 24 * 60 * 60 * 1000;

/// The language choice's cookie: for every page (not only the folder of the
/// page it was chosen on), kept for a year, and written only by the
/// browser's language switch. The server never sets it: a page fetched in
/// the background with the cookie as it was (the service worker keeps
/// pages) would answer with the old language and undo a switch made
/// meanwhile.
fn language_cookie() -> leptos_i18n::context::CookieOptions<crate::i18n::Locale> {
    leptos_i18n::context::CookieOptions::default()
        .path("/")
        .max_age(LANGUAGE_KEPT_MS)
        .same_site(leptos_use::SameSite::Lax)
        .ssr_set_cookie(|_| {})
}

/// Shown for a path Vern does not know.
#[component]
fn NotFound() -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(http::StatusCode::NOT_FOUND);
    }
    let i18n = use_i18n();
    view! {
        <main id="main" class="page narrow">
            <h1>{t!(i18n, not_found_title)}</h1>
            <p>
                <a href="/">{t!(i18n, back_home)}</a>
            </p>
        </main>
    }
}
