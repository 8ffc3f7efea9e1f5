//! The login page.

use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use super::login::Login;
use super::navigate_hard;
use crate::i18n::{t, use_i18n};
use crate::layout::error_message::ErrorMessage;
use crate::layout::language_switch::LanguageSwitch;

/// Username and password form; on success, a full load of the page asked for.
#[component]
pub fn LoginPage() -> impl IntoView {
    let i18n = use_i18n();
    let login = ServerAction::<Login>::new();
    let query = use_query_map();
    let next = move || query.read().get("next").unwrap_or_default();
    let expired = move || query.read().get("expired").is_some();

    Effect::new(move |_| {
        if let Some(Ok(target)) = login.value().get() {
            navigate_hard(&target);
        }
    });
    let error = move || login.value().get().and_then(Result::err);

    view! {
        <main id="main" class="page narrow login">
            <header class="brand">
                <img src="/icons/icon-192.png" alt="" width="72" height="72" />
                <h1>{t!(i18n, app_name)}</h1>
                <p>{t!(i18n, tagline)}</p>
            </header>
            <section class="card" aria-labelledby="login-heading">
                <h2 id="login-heading">{t!(i18n, login_title)}</h2>
                <p>{t!(i18n, login_intro)}</p>
                <Show when=expired>
                    <p class="notice">{t!(i18n, err_unauthenticated)}</p>
                </Show>
                <ActionForm action=login attr:class="stack">
                    <input type="hidden" name="next" prop:value=next />
                    <label for="username">{t!(i18n, login_username)}</label>
                    <input
                        id="username"
                        name="username"
                        autocomplete="username"
                        autocapitalize="none"
                        spellcheck="false"
                        required
                    />
                    <label for="password">{t!(i18n, login_password)}</label>
                    <input
                        id="password"
                        name="password"
                        type="password"
                        autocomplete="current-password"
                        required
                    />
                    <div role="alert" class="alert-slot">
                        {move || error().map(|error| view! { <p class="error"><ErrorMessage error /></p> })}
                    </div>
                    <button type="submit" class="primary" disabled=move || login.pending().get()>
                        {move || {
                            if login.pending().get() {
                                t!(i18n, login_busy).into_any()
                            } else {
                                t!(i18n, login_submit).into_any()
                            }
                        }}
                    </button>
                </ActionForm>
            </section>
            <LanguageSwitch />
        </main>
    }
}
