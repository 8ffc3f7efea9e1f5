//! A measure's next steps on the case page: the status buttons (dropping
//! one asks for the reason first), a refusal where it happened, and the
//! change form.

use leptos::prelude::*;

use super::changes::{EditTiltak, MoveTiltak};
use super::form::TiltakFields;
use super::rules::{TiltakDraft, TiltakState};
use super::work::TiltakWork;
use crate::i18n::{Locale, t, td_string, use_i18n};
use crate::layout::error_message::ErrorMessage;
use crate::places::structure::PersonOption;

/// The status buttons (dropping asks for the reason first) and the change form.
#[component]
pub fn TiltakSteps(
    id: String,
    next: Vec<TiltakState>,
    draft: TiltakDraft,
    people: Vec<PersonOption>,
    work: TiltakWork,
) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let id = StoredValue::new(id);
    let this = move || id.get_value();
    let dropping = move || work.dropping.with(|open| open.as_deref() == Some(&*this()));
    let editing = move || work.editing.with(|open| open.as_deref() == Some(&*this()));
    let buttons = next
        .into_iter()
        .map(|to| {
            let click = move |_| {
                if to == TiltakState::NotDone && !dropping() {
                    work.reason.set(String::new());
                    work.dropping.set(Some(this()));
                } else {
                    let reason = work.reason.get_untracked();
                    work.moved.set(Some(this()));
                    work.mover.dispatch(MoveTiltak { id: this(), to, reason });
                }
            };
            view! {
                <button type="button" class="secondary" disabled=move || work.mover.pending().get() on:click=click>
                    {step_label(to, locale)}
                </button>
            }
        })
        .collect_view();
    let reason_id = format!("tiltak-reason-{}", this());
    let reason_field = move || {
        dropping().then(|| {
            view! {
                <label for=reason_id.clone()>{t!(i18n, tiltak_reason_label)}</label>
                <textarea
                    id=reason_id.clone()
                    maxlength="4000"
                    prop:value=move || work.reason.get()
                    on:input=move |event| work.reason.set(event_target_value(&event))
                ></textarea>
            }
        })
    };
    let save = move |()| {
        let draft = work.edit_draft.get_untracked();
        work.edit.dispatch(EditTiltak {
            id: this(),
            description: draft.description,
            responsible: draft.responsible,
            due: draft.due,
            cost: draft.cost,
        });
    };
    let toggle = move |_| {
        if editing() {
            work.editing.set(None);
        } else {
            work.edit_draft.set(draft.clone());
            work.editing.set(Some(this()));
        }
    };
    view! {
        <div class="row">{buttons}
            <button type="button" class="secondary" aria-expanded=move || editing().to_string() on:click=toggle>
                {t!(i18n, tiltak_edit)}
            </button>
        </div>
        {reason_field}
        <div role="alert" class="alert-slot">
            {move || {
                let here = work.moved.with(|moved| moved.as_deref() == Some(&*this()));
                here.then(|| work.mover.value().get().and_then(Result::err)).flatten()
                    .map(|error| view! { <p class="error"><ErrorMessage error /></p> })
            }}
        </div>
        {move || editing().then(|| view! {
            <TiltakFields
                prefix=format!("tiltak-edit-{}", this())
                draft=work.edit_draft
                people=people.clone()
                submit=td_string!(locale, tiltak_save)
                send=Callback::new(save)
                pending=work.edit.pending().into()
                error=Signal::derive(move || work.edit.value().get().and_then(Result::err))
            />
        })}
    }
}

/// The button that moves a measure to `to`.
fn step_label(to: TiltakState, locale: Locale) -> &'static str {
    match to {
        TiltakState::Planned => td_string!(locale, tiltak_state_planned),
        TiltakState::InProgress => td_string!(locale, tiltak_step_start),
        TiltakState::Done => td_string!(locale, tiltak_step_done),
        TiltakState::NotDone => td_string!(locale, tiltak_step_not_done),
    }
}
