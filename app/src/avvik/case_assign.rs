//! The responsible person of a case: shown to everyone who reads it,
//! chosen by those who follow it up, among the people with a role in the
//! case's unit or a unit above it.

use leptos::prelude::*;

use super::moves::AssignAvvik;
use crate::i18n::{t, use_i18n};
use crate::layout::error_message::ErrorMessage;
use crate::places::structure::PersonOption;

/// Chooses the responsible person (`current` is their id; nothing is shown
/// to a reader, who has no choice).
#[component]
pub fn AssignForm(
    id: String,
    current: Option<String>,
    people: Vec<PersonOption>,
    assign: ServerAction<AssignAvvik>,
) -> impl IntoView {
    let i18n = use_i18n();
    if people.is_empty() {
        return ().into_any();
    }
    let chosen = RwSignal::new(current.clone().unwrap_or_default());
    let id = StoredValue::new(id);
    let send = move |_| {
        assign.dispatch(AssignAvvik {
            id: id.get_value(),
            person: chosen.get_untracked(),
        });
    };
    view! {
        <section class="card" aria-labelledby="case-assign">
            <h2 id="case-assign">{t!(i18n, avvik_responsible_title)}</h2>
            <label for="case-person" class="visually-hidden">{t!(i18n, avvik_responsible)}</label>
            <select id="case-person" on:change=move |event| chosen.set(event_target_value(&event))>
                <option value="" selected=current.is_none()>{t!(i18n, avvik_nobody)}</option>
                {people
                    .into_iter()
                    .map(|person| {
                        let selected = Some(&person.id) == current.as_ref();
                        view! { <option value=person.id selected=selected>{person.name}</option> }
                    })
                    .collect_view()}
            </select>
            <button type="button" class="secondary" disabled=move || assign.pending().get() on:click=send>
                {t!(i18n, avvik_assign)}
            </button>
            <div role="alert" class="alert-slot">
                {move || {
                    assign.value().get().and_then(Result::err)
                        .map(|error| view! { <p class="error"><ErrorMessage error /></p> })
                }}
            </div>
        </section>
    }
    .into_any()
}
