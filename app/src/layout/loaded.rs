//! The one way a page shows what it loads: "Laster …" until the first
//! answer, then the content or the error in words (see `AppError`), and
//! the content kept on screen while it reloads.

use leptos::prelude::*;

use crate::error::AppError;
use crate::i18n::{t, use_i18n};
use crate::layout::error_message::ErrorMessage;

/// Shows `resource` through `render` once it has loaded.
#[component]
pub fn Loaded<T, V, F>(resource: Resource<Result<T, AppError>>, render: F) -> impl IntoView
where
    T: Clone + Send + Sync + 'static,
    V: IntoView + 'static,
    F: Fn(T) -> V + Send + Sync + 'static,
{
    let i18n = use_i18n();
    view! {
        <Transition fallback=move || view! { <p>{t!(i18n, loading)}</p> }>
            {move || {
                resource
                    .get()
                    .map(|result| match result {
                        Ok(value) => render(value).into_any(),
                        Err(error) => {
                            view! { <p class="error" role="alert"><ErrorMessage error /></p> }.into_any()
                        }
                    })
            }}
        </Transition>
    }
}
