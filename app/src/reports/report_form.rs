//! The report form itself: a plain `multipart/form-data` form posted to
//! `/r/{token}`, usable with no script at all.

use leptos::prelude::*;

use super::any_room::AnyRoomPlace;
use super::form_sending::{SendState, SendStatus};
use super::refused::RefusedReports;
use super::{
    MAX_CONTACT_CHARS, MAX_DESCRIPTION_CHARS, ReportCategory, ReportRoom, Severity, report_path,
};
use crate::i18n::{t, use_i18n};

/// The fields of a report for one room. `scanned` is the code in the
/// address when the form is the phone's copy for any room
/// ([`super::RoomLookup::AnyRoom`]): the report goes to that code's room.
#[component]
pub fn ReportForm(room: ReportRoom, #[prop(optional)] scanned: Option<String>) -> impl IntoView {
    let i18n = use_i18n();
    let locale = move || i18n.get_locale();
    let state = RwSignal::new(SendState::Idle);
    // The id the server rendered stands for this page view when the
    // browser posts the form. The app makes its own, because a page kept
    // for offline use is shown again for every report made from it.
    let client_id = StoredValue::new(room.client_id.clone());
    Effect::new(move |_| {
        #[cfg(feature = "hydrate")]
        client_id.set_value(crate::offline::db::new_id());
    });
    let token = scanned.clone().unwrap_or_else(|| room.token.clone());
    let on_submit = move |event: leptos::ev::SubmitEvent| {
        if matches!(
            state.get_untracked(),
            SendState::Sending | SendState::Waiting
        ) {
            event.prevent_default();
            return;
        }
        #[cfg(feature = "hydrate")]
        {
            use wasm_bindgen::JsCast;
            let form = event
                .target()
                .and_then(|target| target.dyn_into::<web_sys::HtmlFormElement>().ok());
            if let Some(form) = form {
                event.prevent_default();
                let sending = super::form_sending::send_report(
                    form,
                    token.clone(),
                    client_id.get_value(),
                    state,
                );
                leptos::task::spawn_local(sending);
            }
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = (&token, client_id);
    };

    view! {
        <h1>{t!(i18n, report_title)}</h1>
        {match scanned {
            Some(token) => view! { <AnyRoomPlace token /> }.into_any(),
            None => {
                view! {
                    <p class="report-place">
                        <RoomPlace
                            room=room.room.clone()
                            building=room.building.clone()
                            floor=room.floor.clone()
                            unit=room.unit.clone()
                        />
                    </p>
                }
                    .into_any()
            }
        }}
        <RefusedReports form_report=client_id />
        <p class="emergency">{t!(i18n, report_emergency)}</p>
        <form
            method="post"
            action=report_path(&room.token)
            enctype="multipart/form-data"
            class="stack report-form"
            on:submit=on_submit
        >
            <input type="hidden" name="client_id" value=room.client_id.clone() />
            <input type="hidden" name="reporter_user_id" value=room.reporter_user_id.clone() />
            <div class="hp" aria-hidden="true">
                <label for="website">{t!(i18n, report_honeypot)}</label>
                <input id="website" name="website" tabindex="-1" autocomplete="off" />
            </div>
            <label for="category">{t!(i18n, report_category)}</label>
            <select id="category" name="category" required>
                <option value="">{t!(i18n, report_choose)}</option>
                {ReportCategory::ALL
                    .into_iter()
                    .map(|category| {
                        view! {
                            <option value=category.as_str()>{move || category.name(locale())}</option>
                        }
                    })
                    .collect_view()}
            </select>
            <label for="description">{t!(i18n, report_description)}</label>
            <p class="hint" id="description-hint">{t!(i18n, report_description_hint)}</p>
            <textarea
                id="description"
                name="description"
                rows="5"
                required
                maxlength=MAX_DESCRIPTION_CHARS.to_string()
                aria-describedby="description-hint"
            ></textarea>
            <label for="occurred_at">{t!(i18n, report_when)}</label>
            <p class="hint" id="when-hint">{t!(i18n, report_when_hint)}</p>
            <input id="occurred_at" name="occurred_at" type="datetime-local" aria-describedby="when-hint" />
            <SeverityChoice />
            <label for="photo">{t!(i18n, report_photos)}</label>
            <p class="hint" id="photo-hint">{t!(i18n, report_photos_hint)}</p>
            <input
                id="photo"
                name="photo"
                type="file"
                accept="image/jpeg,image/png,image/webp"
                multiple
                aria-describedby="photo-hint"
            />
            <ContactFields name=room.reporter_name.clone() email=room.reporter_email.clone() />
            <SendStatus state />
            <button
                type="submit"
                class="primary"
                disabled=move || matches!(state.get(), SendState::Sending | SendState::Waiting)
            >
                {t!(i18n, report_submit)}
            </button>
        </form>
    }
}

/// "Room, building · floor" and, below, the unit.
#[component]
pub fn RoomPlace(room: String, building: String, floor: String, unit: String) -> impl IntoView {
    let i18n = use_i18n();
    let place = [room.as_str(), building.as_str()]
        .into_iter()
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join(", ");
    let has_floor = !floor.is_empty();
    view! {
        <strong>{place}</strong>
        {has_floor.then(|| view! { <span>" · " {t!(i18n, report_floor, floor)}</span> })}
        <br />
        <span class="muted">{unit}</span>
    }
}

/// How serious it is, in words a colleague understands.
#[component]
fn SeverityChoice() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <fieldset class="severity">
            <legend>{t!(i18n, report_severity)}</legend>
            {Severity::ALL
                .into_iter()
                .map(|severity| {
                    let id = format!("severity-{}", severity.as_str());
                    let label = move || severity.describe(i18n.get_locale()).0;
                    let hint = move || severity.describe(i18n.get_locale()).1;
                    view! {
                        <div class="choice">
                            <input type="radio" id=id.clone() name="severity" value=severity.as_str() required />
                            <label for=id>
                                <strong>{label}</strong>
                                <span class="hint">{hint}</span>
                            </label>
                        </div>
                    }
                })
                .collect_view()}
        </fieldset>
    }
}

/// Name and e-mail (filled in for a logged-in person), or "Meld anonymt".
#[component]
fn ContactFields(name: String, email: String) -> impl IntoView {
    let i18n = use_i18n();
    // With the app loaded, ticking "anonymous" greys out the name and
    // e-mail (disabled fields are not sent); without it, the server drops
    // them when the box is ticked.
    let anonymous = RwSignal::new(false);
    view! {
        <fieldset class="contact">
            <legend>{t!(i18n, report_contact)}</legend>
            <div class="stack">
                <label for="reporter_name">{t!(i18n, report_name)}</label>
                <input
                    id="reporter_name"
                    name="reporter_name"
                    autocomplete="name"
                    maxlength=MAX_CONTACT_CHARS.to_string()
                    value=name
                    disabled=move || anonymous.get()
                />
                <label for="reporter_email">{t!(i18n, report_email)}</label>
                <input
                    id="reporter_email"
                    name="reporter_email"
                    type="email"
                    autocomplete="email"
                    maxlength=MAX_CONTACT_CHARS.to_string()
                    value=email
                    disabled=move || anonymous.get()
                />
            </div>
            <div class="choice anonymous">
                <input
                    type="checkbox"
                    id="anonymous"
                    name="anonymous"
                    value="1"
                    aria-describedby="anonymous-promise"
                    on:change=move |event| anonymous.set(event_target_checked(&event))
                />
                <label for="anonymous"><strong>{t!(i18n, report_anonymous)}</strong></label>
            </div>
            <p class="hint" id="anonymous-promise">{t!(i18n, report_anonymous_promise)}</p>
        </fieldset>
    }
}
