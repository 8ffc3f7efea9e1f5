//! The one way a page shows what it loads: "Laster …" until the first
//! answer, then the content or the error in words (see `AppError`), and
//! the content kept on screen while it reloads; and what makes it reload
//! (only a send the server took, see [`count_taken`]).

use leptos::prelude::*;
use leptos::server_fn::ServerFn;

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

/// Counts in `taken` the sends of `action` the server took. A page's data
/// reloads on this count, not on every send: a refused send leaves what was
/// typed as it is, and without network the reload would fail too and take
/// the page it shows with it.
pub fn count_taken<S>(action: ServerAction<S>, taken: RwSignal<usize>)
where
    S: ServerFn + Clone + Send + Sync + 'static,
    S::Output: Clone + Send + Sync + 'static,
    S::Error: Clone + Send + Sync + 'static,
{
    Effect::new(move |_| {
        if action.value().with(|value| matches!(value, Some(Ok(_)))) {
            taken.update(|count| *count += 1);
        }
    });
}
