//! With the app loaded, the report form is sent by the app instead of the
//! browser: kept on the phone first, then sent, and sent again when the
//! network returns, so a lost signal never loses a report. Without the
//! app (no script yet, or none at all) the browser posts the form itself.

use leptos::prelude::*;

use crate::error::AppError;
use crate::i18n::{t, use_i18n};
use crate::layout::error_message::ErrorMessage;
use crate::offline::device_error::DeviceError;

/// Where a report sent by the app is.
#[derive(Clone, Debug, PartialEq)]
pub enum SendState {
    /// Not sent yet.
    Idle,
    /// On its way.
    Sending,
    /// Kept on the phone; sent when the network returns.
    Waiting,
    /// The server refused it; the form still holds it.
    Refused(AppError),
    /// Neither sent nor kept on the phone.
    NotKept(DeviceError),
}

/// The line above the send button that says where the report is.
#[component]
pub fn SendStatus(state: RwSignal<SendState>) -> impl IntoView {
    let i18n = use_i18n();
    move || match state.get() {
        SendState::Idle => ().into_any(),
        SendState::Sending => view! { <p role="status">{t!(i18n, report_sending)}</p> }.into_any(),
        SendState::Waiting => {
            view! { <p role="status" class="notice report-waiting">{t!(i18n, report_waiting)}</p> }
                .into_any()
        }
        SendState::Refused(error) => {
            view! { <p role="alert" class="error"><ErrorMessage error /></p> }.into_any()
        }
        SendState::NotKept(error) => {
            let reason = error.text(i18n.get_locale());
            view! { <p role="alert" class="error">{t!(i18n, report_not_kept)} " " {reason}</p> }
                .into_any()
        }
    }
}

/// Sends the form's report through the phone's queue, retrying until the
/// server answers, then opens the receipt.
#[cfg(feature = "hydrate")]
pub async fn send_report(
    form: web_sys::HtmlFormElement,
    token: String,
    client_id: String,
    state: RwSignal<SendState>,
) {
    use super::queue::{self, Draft};
    use super::sending::{Sent, retry_delay};

    state.set(SendState::Sending);
    let Some(draft) = Draft::from_form(&form, &token, &client_id) else {
        state.set(SendState::Refused(AppError::Internal));
        return;
    };
    let kept = queue::keep(&draft).await;
    for attempt in 0.. {
        match queue::send(&draft).await {
            Sent::Received { status_url } if status_url.is_empty() => {
                state.set(SendState::Idle);
                return;
            }
            Sent::Received { status_url } => {
                crate::auth::navigate_hard(&format!("{status_url}?ny=1"));
                return;
            }
            Sent::Refused(error) => {
                state.set(SendState::Refused(error));
                return;
            }
            Sent::Waiting => {
                if let Err(error) = &kept {
                    state.set(SendState::NotKept(error.clone()));
                    return;
                }
                state.set(SendState::Waiting);
                network_back_or(retry_delay(attempt)).await;
            }
        }
    }
}

/// Resolves when the browser says the network is back, or after `limit`.
#[cfg(feature = "hydrate")]
pub async fn network_back_or(limit: std::time::Duration) {
    use wasm_bindgen::JsCast;
    let Some(window) = web_sys::window() else {
        return;
    };
    let mut wake: Option<js_sys::Function> = None;
    let promise = js_sys::Promise::new(&mut |resolve, _reject| {
        let millis = i32::try_from(limit.as_millis()).unwrap_or(i32::MAX);
        let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, millis);
        let _ = window.add_event_listener_with_callback("online", &resolve);
        wake = Some(resolve);
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
    if let Some(wake) = wake {
        let _ = window.remove_event_listener_with_callback("online", wake.unchecked_ref());
    }
}

/// Counts the times the reports an earlier page left on the phone were
/// sent (some may have been refused meanwhile): the list of refused
/// reports reads them again each time.
#[derive(Clone, Copy, Debug)]
pub struct WaitingReportsSent(pub RwSignal<u32>);

/// Sends reports left waiting by an earlier page (closed before the network
/// returned) now, and again whenever the network comes back.
#[cfg(feature = "hydrate")]
pub fn send_waiting_reports(sent: WaitingReportsSent) {
    use wasm_bindgen::JsCast;
    use wasm_bindgen::closure::Closure;
    let send = move || {
        leptos::task::spawn_local(async move {
            super::queue::send_waiting().await;
            sent.0.update(|times| *times += 1);
        });
    };
    send();
    let Some(window) = web_sys::window() else {
        return;
    };
    let on_online = Closure::<dyn Fn()>::new(send);
    let _ = window.add_event_listener_with_callback("online", on_online.as_ref().unchecked_ref());
    // Listens for the page's whole life.
    on_online.forget();
}
