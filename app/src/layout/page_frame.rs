//! The frame of every logged-in page: skip link, header, menu, content.

use leptos::form::ActionForm;
use leptos::prelude::*;

use crate::auth::logout::Logout;
use crate::auth::navigate_hard;
use crate::auth::whoami::whoami;
use crate::domain::access::{Action, role_allows};
use crate::domain::roles::Role;
use crate::domain::users::GrantView;
use crate::i18n::{t, use_i18n};
use crate::layout::language_switch::LanguageSwitch;
use crate::layout::new_version::NewVersionBanner;
use crate::notifications::bell::{NoticeLink, provide_unread_count};

/// Wraps a page's content in the app's header and menu.
#[component]
pub fn PageFrame(children: Children) -> impl IntoView {
    let i18n = use_i18n();
    let me = Resource::new(|| (), |_| whoami());
    let logout = ServerAction::<Logout>::new();
    let unread = provide_unread_count();
    Effect::new(move |_| {
        if let Some(Ok(())) = logout.value().get() {
            // Nothing of this person stays readable for the next one on a
            // shared phone: no kept page, and no record without unsent work
            // (see `sync::visibility`); and nothing the next person writes
            // is queued as this person's work (see `sync::ownership`).
            #[cfg(feature = "hydrate")]
            crate::rounds::in_browser(async {
                crate::pwa::forget_pages().await;
                // Failing to forget is shown on no page here: the login
                // page comes next, and the next sync under another person
                // removes what they may not see.
                let _ = crate::offline::engine::forget_person().await;
                navigate_hard("/login");
            });
            #[cfg(not(feature = "hydrate"))]
            navigate_hard("/login");
        }
    });
    let user = move || me.get().and_then(Result::ok).flatten();
    let is_admin = move || user().is_some_and(|user| user.has_role(Role::HmsAdmin));
    let reads_cases = move || {
        user().is_some_and(|user| {
            let reads = |grant: &GrantView| role_allows(grant.role, Action::ReadReports);
            user.grants.iter().any(reads)
        })
    };

    view! {
        <a class="skip-link" href="#main">{t!(i18n, skip_link)}</a>
        <header class="topbar">
            <a class="brand-link" href="/">
                <img src="/icons/icon-192.png" alt="" width="32" height="32" />
                <span>{t!(i18n, app_name)}</span>
            </a>
            <nav aria-label=move || crate::i18n::td_string!(i18n.get_locale(), nav_label)>
                <a href="/">{t!(i18n, nav_start)}</a>
                <a href="/runder">{t!(i18n, nav_rounds)}</a>
                <Suspense fallback=|| ()>
                    <Show when=reads_cases>
                        <a href="/oversikt">{t!(i18n, nav_dashboard)}</a>
                        <a href="/avvik">{t!(i18n, nav_avvik)}</a>
                        <a href="/tiltaksplan">{t!(i18n, nav_tiltak)}</a>
                        <a href="/statistikk">{t!(i18n, nav_stats)}</a>
                        <a href="/arshjul">{t!(i18n, nav_annual)}</a>
                    </Show>
                    <NoticeLink count=unread />
                    <Show when=is_admin>
                        <a href="/admin/users">{t!(i18n, nav_admin)}</a>
                        <a href="/admin/steder">{t!(i18n, nav_places)}</a>
                        <a href="/admin/rom">{t!(i18n, nav_posters)}</a>
                    </Show>
                </Suspense>
            </nav>
            <div class="who">
                <Suspense fallback=|| ()>
                    <span class="user-name">{move || user().map(|user| user.display_name)}</span>
                </Suspense>
                <ActionForm action=logout>
                    <button type="submit" class="secondary">{t!(i18n, logout)}</button>
                </ActionForm>
            </div>
        </header>
        <crate::outbox::status_bar::SyncStatusBar />
        {children()}
        <footer class="footer">
            <LanguageSwitch />
        </footer>
        <NewVersionBanner />
    }
}
