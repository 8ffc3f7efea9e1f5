//! A button that opens the browser's print dialogue; the page's print
//! styles lay the sheet out (and hide the button).

use leptos::prelude::*;

/// "Skriv ut"-style button with `children` as its text.
#[component]
pub fn PrintButton(children: Children) -> impl IntoView {
    view! {
        <p class="no-print">
            <button type="button" class="primary" on:click=print_page>{children()}</button>
        </p>
    }
}

fn print_page(_: leptos::ev::MouseEvent) {
    #[cfg(feature = "hydrate")]
    if let Err(error) = window().print() {
        leptos::logging::warn!("print failed: {error:?}");
    }
}
