//! `/avvik/sak?id=…`: one case — what, where, risk and state — the steps
//! the person may take (with the note a step needs), comments, and the
//! timeline (see [`super::case_comments`]).

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use super::case::{AvvikCase, load_avvik_case};
use super::case_actions::CaseActions;
use super::case_assign::AssignForm;
use super::case_comments::{CommentForm, Timeline};
use super::case_photos::CasePhotos;
use super::case_risk::{RerateForm, RiskFacts};
use super::list_filters::{source_label, state_label};
use super::moves::MoveAvvik;
use crate::i18n::{t, use_i18n};
use crate::layout::error_message::ErrorMessage;
use crate::layout::loaded::Loaded;
use crate::layout::offline_note::ReadOnlyOffline;
use crate::layout::page_frame::PageFrame;
use crate::reports::{CaseState, ReportCategory};
use crate::tiltak::case_card::TiltakCard;

/// The case page; a note or comment being written survives a failed send
/// and a reload of the case.
#[component]
pub fn AvvikCasePage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let id = Memo::new(move |_| query.read().get("id").unwrap_or_default());
    let actions = CaseActions::new();
    let case = Resource::new(
        move || (id.get(), actions.sent()),
        |(id, _)| load_avvik_case(id),
    );
    view! {
        <PageFrame>
            <main id="main" class="page">
                <p><a href="/avvik">{t!(i18n, avvik_back)}</a></p>
                <ReadOnlyOffline />
                <Loaded resource=case render=move |case| view! { <CaseView case actions /> } />
            </main>
        </PageFrame>
    }
}

#[component]
fn CaseView(case: AvvikCase, actions: CaseActions) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let category = ReportCategory::parse(&case.category).map(|c| c.name(locale).to_owned());
    let reporter = match (case.reporter_hidden, case.reporter.is_empty()) {
        (true, _) => crate::i18n::td_string!(locale, avvik_reporter_hidden).to_owned(),
        (false, true) => crate::i18n::td_string!(locale, avvik_reporter_unknown).to_owned(),
        (false, false) => case.reporter.clone(),
    };
    let responsible = case
        .responsible
        .clone()
        .map(|(_, name)| name)
        .unwrap_or_else(|| crate::i18n::td_string!(locale, avvik_nobody).to_owned());
    // A reopened case keeps its old note in the timeline, not on its face.
    let closing = (case.status == CaseState::Closed).then(|| case.closed_note.clone());
    let rejection = (case.status == CaseState::Rejected).then(|| case.rejected_reason.clone());
    let rerating = case.follows_up && case.status.is_open();
    view! {
        <h1>{t!(i18n, avvik_case)} " " {case.receipt_no.clone()}</h1>
        <p class="badge case-state">{state_label(case.status, locale)}</p>
        <div class="two-pane">
            <div class="stack">
            <section class="card" aria-labelledby="case-what">
                <h2 id="case-what">{t!(i18n, avvik_what)}</h2>
                <p class="case-description">{case.description.clone()}</p>
                <dl class="facts">
                    <dt>{t!(i18n, posters_unit)}</dt>
                    <dd>{case.unit.clone()}</dd>
                    <dt>{t!(i18n, posters_room)}</dt>
                    <dd>{case.place.clone().unwrap_or_else(|| "–".to_owned())}</dd>
                    <dt>{t!(i18n, report_category)}</dt>
                    <dd>{category.unwrap_or_else(|| "–".to_owned())}</dd>
                    <dt>{t!(i18n, avvik_source)}</dt>
                    <dd>{source_label(case.source, locale)}</dd>
                    <RiskFacts rating=case.rating.clone() />
                    <dt>{t!(i18n, avvik_responsible)}</dt>
                    <dd>{responsible}</dd>
                    <dt>{t!(i18n, avvik_reported)}</dt>
                    <dd>{case.registered.clone()} ", " {reporter}</dd>
                </dl>
                {closing.map(|text| view! { <h3>{t!(i18n, avvik_closed_note)}</h3> <p>{text}</p> })}
                {rejection.map(|text| view! { <h3>{t!(i18n, avvik_rejected_reason)}</h3> <p>{text}</p> })}
            </section>
            <CasePhotos photos=case.photos.clone() />
            </div>
            <div class="stack">
                <MoveForm id=case.id.clone() next=case.next.clone() mover=actions.mover note=actions.note />
                {rerating.then(|| view! {
                    <RerateForm id=case.id.clone() current=case.rating.current() rerate=actions.rerate />
                })}
                <AssignForm
                    id=case.id.clone()
                    current=case.responsible.clone().map(|(id, _)| id)
                    people=case.assignable.clone()
                    assign=actions.assign
                />
                <TiltakCard
                    case_id=case.id.clone()
                    tiltak=case.tiltak.clone()
                    people=case.assignable.clone()
                    follows_up=case.follows_up
                    work=actions.work
                />
                {case.may_comment.then(|| view! { <CommentForm id=case.id.clone() comments=actions.comments /> })}
                <Timeline events=case.timeline.clone() />
            </div>
        </div>
    }
}

/// The steps this person may take now, and the note they need.
#[component]
fn MoveForm(
    id: String,
    next: Vec<CaseState>,
    mover: ServerAction<MoveAvvik>,
    note: RwSignal<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    if next.is_empty() {
        return ().into_any();
    }
    let id = StoredValue::new(id);
    let buttons = next
        .into_iter()
        .map(|to| {
            let send = move |_| {
                mover.dispatch(MoveAvvik {
                    id: id.get_value(),
                    to,
                    note: note.get_untracked(),
                });
            };
            view! {
                <button type="button" class="secondary" disabled=move || mover.pending().get() on:click=send>
                    {t!(i18n, avvik_move_to)} " " {state_label(to, locale)}
                </button>
            }
        })
        .collect_view();
    view! {
        <section class="card" aria-labelledby="case-move">
            <h2 id="case-move">{t!(i18n, avvik_next_step)}</h2>
            <label for="case-note">{t!(i18n, avvik_note)}</label>
            <textarea
                id="case-note"
                maxlength="4000"
                prop:value=move || note.get()
                on:input=move |event| note.set(event_target_value(&event))
            ></textarea>
            <p class="hint">{t!(i18n, avvik_note_hint)}</p>
            <div class="row">{buttons}</div>
            <div role="alert" class="alert-slot">
                {move || {
                    mover.value().get().and_then(Result::err).map(|error| view! { <p class="error"><ErrorMessage error /></p> })
                }}
            </div>
        </section>
    }
    .into_any()
}
