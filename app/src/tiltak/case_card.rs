//! A case's measures on its page: each with its deadline (overdue marked),
//! responsible, cost and status, and for those who follow the case up the
//! next steps, a change form, and a form for a new measure.

use leptos::prelude::*;

use super::changes::{AddTiltak, EditTiltak, MoveTiltak};
use super::form::TiltakFields;
use super::model::{Tiltak, kroner, norwegian_date};
use super::rules::{TiltakDraft, TiltakState};
use crate::i18n::{Locale, t, td_string, use_i18n};
use crate::layout::error_message::ErrorMessage;
use crate::places::structure::PersonOption;

/// The page's measure actions and what is being typed into them, kept
/// while the case reloads around them.
#[derive(Clone, Copy)]
pub struct TiltakWork {
    add: ServerAction<AddTiltak>,
    edit: ServerAction<EditTiltak>,
    mover: ServerAction<MoveTiltak>,
    new_draft: RwSignal<TiltakDraft>,
    /// The measure being changed (one at a time), and its draft.
    editing: RwSignal<Option<String>>,
    edit_draft: RwSignal<TiltakDraft>,
    /// The measure being dropped, and the reason typed.
    dropping: RwSignal<Option<String>>,
    reason: RwSignal<String>,
    /// The measure last moved (where a refusal is shown).
    moved: RwSignal<Option<String>>,
}

impl TiltakWork {
    /// Empty forms, with a draft cleared once it is saved.
    pub fn new() -> Self {
        let work = TiltakWork {
            add: ServerAction::new(),
            edit: ServerAction::new(),
            mover: ServerAction::new(),
            new_draft: RwSignal::new(TiltakDraft::default()),
            editing: RwSignal::new(None),
            edit_draft: RwSignal::new(TiltakDraft::default()),
            dropping: RwSignal::new(None),
            reason: RwSignal::new(String::new()),
            moved: RwSignal::new(None),
        };
        Effect::new(move |_| {
            if let Some(Ok(_)) = work.add.value().get() {
                work.new_draft.set(TiltakDraft::default());
            }
        });
        Effect::new(move |_| {
            if let Some(Ok(())) = work.edit.value().get() {
                work.editing.set(None);
            }
        });
        Effect::new(move |_| {
            if let Some(Ok(())) = work.mover.value().get() {
                work.dropping.set(None);
                work.reason.set(String::new());
            }
        });
        work
    }

    /// Changes whenever a measure was sent (for reloading the case).
    pub fn sent(&self) -> [usize; 3] {
        [
            self.add.version().get(),
            self.edit.version().get(),
            self.mover.version().get(),
        ]
    }
}

impl Default for TiltakWork {
    fn default() -> Self {
        Self::new()
    }
}

/// The case's measures and, for those who follow it up, a new one.
#[component]
pub fn TiltakCard(
    case_id: String,
    tiltak: Vec<Tiltak>,
    people: Vec<PersonOption>,
    follows_up: bool,
    work: TiltakWork,
) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let empty = tiltak.is_empty();
    let items = tiltak
        .into_iter()
        .map(|item| view! { <TiltakItem item people=people.clone() work /> })
        .collect_view();
    let case_id = StoredValue::new(case_id);
    let add = move |()| {
        let draft = work.new_draft.get_untracked();
        work.add.dispatch(AddTiltak {
            case_id: case_id.get_value(),
            description: draft.description,
            responsible: draft.responsible,
            due: draft.due,
            cost: draft.cost,
        });
    };
    let new_form = follows_up.then(|| {
        view! {
            <details class="tiltak-new" open=empty>
                <summary>{t!(i18n, tiltak_add_title)}</summary>
                <TiltakFields
                    prefix="tiltak-new".to_owned()
                    draft=work.new_draft
                    people
                    submit=td_string!(locale, tiltak_add)
                    send=Callback::new(add)
                    pending=work.add.pending().into()
                    error=Signal::derive(move || work.add.value().get().and_then(Result::err))
                />
            </details>
        }
    });
    view! {
        <section class="card" aria-labelledby="case-tiltak">
            <h2 id="case-tiltak">{t!(i18n, tiltak_title)}</h2>
            {empty.then(|| view! { <p>{t!(i18n, tiltak_none)}</p> })}
            <ul class="tiltak-list">{items}</ul>
            {new_form}
        </section>
    }
}

/// One measure: what, when, who, cost, status, and the steps offered.
#[component]
fn TiltakItem(item: Tiltak, people: Vec<PersonOption>, work: TiltakWork) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let Tiltak {
        id,
        description,
        responsible,
        due,
        state,
        reason,
        cost,
        overdue,
        next,
        ..
    } = item;
    let responsible_id = responsible.clone().map(|(id, _)| id).unwrap_or_default();
    let who = responsible.map_or_else(
        || td_string!(locale, avvik_nobody).to_owned(),
        |(_, name)| name,
    );
    let when = due
        .clone()
        .map_or_else(|| "–".to_owned(), |day| norwegian_date(&day));
    let draft = TiltakDraft {
        description: description.clone(),
        responsible: responsible_id,
        due: due.unwrap_or_default(),
        cost: cost.map(|cost| cost.to_string()).unwrap_or_default(),
    };
    let label = description.clone();
    let steps =
        (!next.is_empty()).then(|| view! { <TiltakSteps id=id.clone() next draft people work /> });
    view! {
        <li class="tiltak-item" class:overdue=overdue data-tiltak=label>
            <p class="tiltak-what">{description}</p>
            <p class="tiltak-meta">
                <span class="badge">{state_label(state, locale)}</span> " "
                {t!(i18n, tiltak_due_short)} " " {when}
                {overdue.then(|| view! { " " <span class="badge overdue-badge">{t!(i18n, tiltak_overdue)}</span> })}
                " · " {t!(i18n, tiltak_responsible)} ": " {who}
                {cost.map(|cost| format!(" · {}", kroner(cost)))}
            </p>
            {(state == TiltakState::NotDone && !reason.is_empty())
                .then(|| view! { <p class="tiltak-reason">{t!(i18n, tiltak_reason)} ": " {reason}</p> })}
            {steps}
        </li>
    }
}

/// The status buttons (dropping asks for the reason first) and the change form.
#[component]
fn TiltakSteps(
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

/// A measure's status in words.
pub fn state_label(state: TiltakState, locale: Locale) -> &'static str {
    match state {
        TiltakState::Planned => td_string!(locale, tiltak_state_planned),
        TiltakState::InProgress => td_string!(locale, tiltak_state_in_progress),
        TiltakState::Done => td_string!(locale, tiltak_state_done),
        TiltakState::NotDone => td_string!(locale, tiltak_state_not_done),
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
