//! A case's measures on its page: each with its deadline (overdue marked),
//! responsible, cost and status, and for those who follow the case up the
//! next steps, a change form, and a form for a new measure.

use leptos::prelude::*;

use super::changes::AddTiltak;
use super::form::TiltakFields;
use super::model::{Tiltak, kroner, norwegian_date};
use super::rules::{TiltakDraft, TiltakState};
use super::steps::TiltakSteps;
use super::work::TiltakWork;
use crate::i18n::{Locale, t, td_string, use_i18n};
use crate::places::structure::PersonOption;

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

/// A measure's status in words.
pub fn state_label(state: TiltakState, locale: Locale) -> &'static str {
    match state {
        TiltakState::Planned => td_string!(locale, tiltak_state_planned),
        TiltakState::InProgress => td_string!(locale, tiltak_state_in_progress),
        TiltakState::Done => td_string!(locale, tiltak_state_done),
        TiltakState::NotDone => td_string!(locale, tiltak_state_not_done),
    }
}
