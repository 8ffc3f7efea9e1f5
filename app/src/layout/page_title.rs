//! A page's `<title>`, in the person's language.

use leptos::prelude::*;
use leptos::text_prop::TextProp;
use leptos_meta::Title;

/// `<title>` as "{name} – Vern".
///
/// On the server the text is fixed while the page renders: leptos_meta reads
/// it only once the first chunk of the streamed page is out, and by then the
/// page's signals may be gone (CI once saw that read panic on the QR page).
/// In the browser it follows a language switch.
#[component]
pub fn PageTitle(
    /// The page's name, read again when the language changes.
    name: Signal<String>,
) -> impl IntoView {
    let text = move || format!("{} – Vern", name.get());
    let text: TextProp = if cfg!(feature = "ssr") {
        text().into()
    } else {
        text.into()
    };
    view! { <Title text /> }
}
