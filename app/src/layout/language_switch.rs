//! Buttons to switch between bokmål and English.

use leptos::prelude::*;

use crate::i18n::{Locale, use_i18n};

/// Switches the language; the choice is kept in a cookie.
#[component]
pub fn LanguageSwitch() -> impl IntoView {
    let i18n = use_i18n();
    let button = move |locale: Locale, label: &'static str, lang: &'static str| {
        view! {
            <button
                type="button"
                class="link"
                lang=lang
                aria-pressed=move || (i18n.get_locale() == locale).to_string()
                on:click=move |_| i18n.set_locale(locale)
            >
                {label}
            </button>
        }
    };
    view! {
        <nav class="language" aria-label=move || t_label(i18n.get_locale())>
            {button(Locale::nb, "Norsk (bokmål)", "nb")}
            {button(Locale::en, "English", "en")}
        </nav>
    }
}

fn t_label(locale: Locale) -> &'static str {
    crate::i18n::td_string!(locale, language)
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_switch_is_labelled_in_each_language() {
        assert_eq!(super::t_label(crate::i18n::Locale::nb), "Språk");
        assert_eq!(super::t_label(crate::i18n::Locale::en), "Language");
    }
}
