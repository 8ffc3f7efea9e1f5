//! Why a form's last send was refused, in words, in a live region that is
//! there (empty) before anything is sent, so a screen reader announces it.

use leptos::prelude::*;
use leptos::server_fn::ServerFn;

use crate::error::AppError;
use crate::layout::error_message::ErrorMessage;

/// The refusal of `action`'s last send, if it was refused.
#[component]
pub fn ActionError<S>(action: ServerAction<S>) -> impl IntoView
where
    S: ServerFn<Error = AppError> + Clone + Send + Sync + 'static,
    S::Output: Clone + Send + Sync + 'static,
{
    view! {
        <div role="alert" class="alert-slot">
            {move || {
                action.value().get().and_then(Result::err)
                    .map(|error| view! { <p class="error"><ErrorMessage error /></p> })
            }}
        </div>
    }
}
