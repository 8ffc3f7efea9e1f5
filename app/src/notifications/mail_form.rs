//! The person's choice of e-mail on `/varsler`: at once, a morning digest
//! or none, with the address the mails go to. A plain form: it saves
//! before the app has loaded too.

use leptos::form::ActionForm;
use leptos::prelude::*;

use super::mail_choice::{MailChoice, MailSettings, SaveMailSettings, load_mail_settings};
use crate::i18n::{t, td_string, use_i18n};
use crate::layout::error_message::ErrorMessage;
use crate::layout::loaded::{Loaded, count_taken};

/// The card with the choice.
#[component]
pub fn MailChoiceCard() -> impl IntoView {
    let i18n = use_i18n();
    let save = ServerAction::<SaveMailSettings>::new();
    let saved = RwSignal::new(0_usize);
    count_taken(save, saved);
    let settings = Resource::new(move || saved.get(), |_| load_mail_settings());
    view! {
        <section class="card mail-choice" aria-labelledby="mail-heading">
            <h2 id="mail-heading">{t!(i18n, mail_title)}</h2>
            <Loaded resource=settings render=move |settings| view! { <MailForm settings save /> } />
        </section>
    }
}

#[component]
fn MailForm(settings: MailSettings, save: ServerAction<SaveMailSettings>) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let MailSettings { choice, email } = settings;
    let whereto = if email.is_empty() {
        view! { <p class="hint">{t!(i18n, mail_no_address)}</p> }.into_any()
    } else {
        let shown = email.clone();
        view! { <p class="hint">{t!(i18n, mail_to, email = move || shown.clone())}</p> }.into_any()
    };
    let options = MailChoice::ALL
        .into_iter()
        .map(|option| {
            let label = match option {
                MailChoice::Immediately => td_string!(locale, mail_immediately),
                MailChoice::Daily => td_string!(locale, mail_daily),
                MailChoice::Off => td_string!(locale, mail_off),
            };
            view! {
                <label class="check">
                    <input type="radio" name="choice" value=option.as_db() checked=option == choice />
                    {label}
                </label>
            }
        })
        .collect_view();
    view! {
        {whereto}
        <ActionForm action=save>
            <label for="mail-address">{t!(i18n, mail_address)}</label>
            <input id="mail-address" type="email" name="email" value=email autocomplete="email" />
            <fieldset>
                <legend>{t!(i18n, mail_legend)}</legend>
                {options}
            </fieldset>
            <button type="submit" class="secondary" disabled=move || save.pending().get()>
                {t!(i18n, mail_save)}
            </button>
        </ActionForm>
        <div role="status" class="alert-slot">
            {move || match save.value().get() {
                Some(Ok(())) => Some(view! { <p>{t!(i18n, mail_saved)}</p> }.into_any()),
                Some(Err(error)) => Some(view! { <p class="error"><ErrorMessage error /></p> }.into_any()),
                None => None,
            }}
        </div>
    }
}
