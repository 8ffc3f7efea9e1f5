//! `/r/{token}`: the page a room's QR code opens. Rendered whole on the
//! server, so that it works before (or without) any script: the form is a
//! plain HTML form that the server answers with the receipt.

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use super::RoomLookup;
use super::load::load_report_room;
use super::report_form::ReportForm;
use crate::error::AppError;
use crate::i18n::{t, td_string, use_i18n};
use crate::layout::error_message::ErrorMessage;
use crate::layout::page_title::PageTitle;

/// The report form for the room, or a clear page for a code that is not in use.
#[component]
pub fn ReportPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let token = move || params.read().get("token").unwrap_or_default();
    let lookup = Resource::new(token, load_report_room);
    // The address's code, as the browser has it: the phone's copy of the
    // form for any room was made for another address.
    let token_now = move || params.with_untracked(|params| params.get("token").unwrap_or_default());

    view! {
        <PageTitle name=Signal::derive(move || td_string!(i18n.get_locale(), report_title).to_string()) />
        <main id="main" class="page narrow report">
            <Suspense fallback=move || view! { <p>{t!(i18n, loading)}</p> }>
                {move || Suspend::new(async move {
                    match lookup.await {
                        Ok(RoomLookup::Open(room)) => view! { <ReportForm room /> }.into_any(),
                        Ok(RoomLookup::AnyRoom(room)) => {
                            let scanned = token_now();
                            view! { <ReportForm room scanned /> }.into_any()
                        }
                        Ok(RoomLookup::Retired { unit, contacts }) => {
                            view! { <RetiredCode unit contacts /> }.into_any()
                        }
                        Err(error) => view! { <UnknownCode error /> }.into_any(),
                    }
                })}
            </Suspense>
        </main>
    }
}

/// A code that was replaced: say so, and whom to tell instead.
#[component]
fn RetiredCode(unit: String, contacts: Vec<String>) -> impl IntoView {
    let i18n = use_i18n();
    let names = contacts.join(", ");
    let has_contacts = !contacts.is_empty();
    view! {
        <h1>{t!(i18n, report_code_retired)}</h1>
        <p>{t!(i18n, report_retired_why)}</p>
        {if has_contacts {
            let unit = unit.clone();
            view! { <p>{t!(i18n, report_retired_contact, unit, names)}</p> }.into_any()
        } else {
            view! { <p>{t!(i18n, report_retired_no_contacts)}</p> }.into_any()
        }}
        <p class="emergency">{t!(i18n, report_emergency)}</p>
    }
}

/// A code Vern does not know (or a failure to look it up).
#[component]
fn UnknownCode(error: AppError) -> impl IntoView {
    let i18n = use_i18n();
    let known_failure = error != AppError::NotFound;
    view! {
        <h1>{t!(i18n, report_title)}</h1>
        {if known_failure {
            view! { <p class="error" role="alert"><ErrorMessage error /></p> }.into_any()
        } else {
            view! { <p role="alert">{t!(i18n, report_code_unknown)}</p> }.into_any()
        }}
        <p class="emergency">{t!(i18n, report_emergency)}</p>
    }
}
