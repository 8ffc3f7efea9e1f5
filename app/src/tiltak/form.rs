//! The fields of a measure: what will be done, who is responsible, the
//! deadline and the cost estimate. The draft lives with the page, so the
//! text typed survives a failed send and the case reloading around it.

use leptos::prelude::*;

use super::rules::TiltakDraft;
use crate::error::AppError;
use crate::i18n::{t, use_i18n};
use crate::layout::error_message::ErrorMessage;
use crate::places::structure::PersonOption;

/// The form's fields for `draft`; `prefix` keeps the ids of several forms
/// on one page apart; `send` is run by the button labelled `submit`.
#[component]
pub fn TiltakFields(
    prefix: String,
    draft: RwSignal<TiltakDraft>,
    people: Vec<PersonOption>,
    submit: &'static str,
    send: Callback<()>,
    pending: Signal<bool>,
    error: Signal<Option<AppError>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let id = move |name: &str| format!("{prefix}-{name}");
    let chosen = draft.get_untracked().responsible;
    let options = people
        .into_iter()
        .map(|person| {
            let selected = person.id == chosen;
            view! { <option value=person.id selected=selected>{person.name}</option> }
        })
        .collect_view();
    view! {
        <div class="tiltak-form">
            <label for=id("description")>{t!(i18n, tiltak_description)}</label>
            <textarea
                id=id("description")
                maxlength="2000"
                required
                prop:value=move || draft.with(|draft| draft.description.clone())
                on:input=move |event| draft.update(|draft| draft.description = event_target_value(&event))
            ></textarea>
            <label for=id("responsible")>{t!(i18n, tiltak_responsible)}</label>
            <select
                id=id("responsible")
                on:change=move |event| draft.update(|draft| draft.responsible = event_target_value(&event))
            >
                <option value="" selected=chosen.is_empty()>{t!(i18n, avvik_nobody)}</option>
                {options}
            </select>
            <label for=id("due")>{t!(i18n, tiltak_due)}</label>
            <input
                id=id("due")
                type="date"
                required
                prop:value=move || draft.with(|draft| draft.due.clone())
                on:input=move |event| draft.update(|draft| draft.due = event_target_value(&event))
            />
            <label for=id("cost")>{t!(i18n, tiltak_cost)}</label>
            <input
                id=id("cost")
                type="text"
                inputmode="numeric"
                maxlength="20"
                prop:value=move || draft.with(|draft| draft.cost.clone())
                on:input=move |event| draft.update(|draft| draft.cost = event_target_value(&event))
            />
            <button type="button" disabled=move || pending.get() on:click=move |_| send.run(())>
                {submit}
            </button>
            <div role="alert" class="alert-slot">
                {move || error.get().map(|error| view! { <p class="error"><ErrorMessage error /></p> })}
            </div>
        </div>
    }
}
