//! `/avvik`: the cases a person follows up, highest risk first, with the
//! count per state, the filters, and more rows a page at a time.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use leptos_router::params::ParamsMap;

use super::case_risk::level_label;
use super::list::{
    AvvikFilter, AvvikListItem, AvvikPage, EXPORT_CSV_PATH, EXPORT_XLSX_PATH, load_avvik_list,
};
use super::list_filters::{ListFilters, filter_from_query, source_label, state_label};
use super::risk::level_of;
use crate::i18n::{t, td_string, use_i18n};
use crate::layout::error_message::ErrorMessage;
use crate::layout::loaded::Loaded;
use crate::layout::offline_note::ReadOnlyOffline;
use crate::layout::page_frame::PageFrame;

/// The list page; the filters come from the address.
#[component]
pub fn AvvikListPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let filter = Memo::new(move |_| filter_from_query(&query.read()));
    let first = Resource::new(
        move || filter.get(),
        |filter| load_avvik_list(filter, String::new()),
    );
    view! {
        <PageFrame>
            <main id="main" class="page">
                <h1>{t!(i18n, avvik_title)}</h1>
                <ReadOnlyOffline />
                <Loaded
                    resource=first
                    render=move |page| {
                        let export = query.with_untracked(|query| {
                            [EXPORT_CSV_PATH, EXPORT_XLSX_PATH].map(|path| export_href(path, query))
                        });
                        view! { <ListBody page filter=filter.get_untracked() export /> }
                    }
                />
            </main>
        </PageFrame>
    }
}

/// An export of the list (at `path`) with the filters in the address.
fn export_href(path: &str, query: &ParamsMap) -> String {
    format!("{path}{}", query.to_query_string())
}

/// The counts, the filters, the export and the rows of one filtered list.
#[component]
fn ListBody(page: AvvikPage, filter: AvvikFilter, export: [String; 2]) -> impl IntoView {
    let i18n = use_i18n();
    let AvvikPage {
        items,
        next,
        counts,
        units,
    } = page;
    let [csv, xlsx] = export;
    let (items, next) = (RwSignal::new(items), RwSignal::new(next));
    let for_more = StoredValue::new(filter.clone());
    let more =
        Action::new(move |after: &String| load_avvik_list(for_more.get_value(), after.clone()));
    Effect::new(move |_| {
        if let Some(Ok(page)) = more.value().get() {
            items.update(|list| list.extend(page.items));
            next.set(page.next);
        }
    });
    let locale = i18n.get_locale_untracked();
    view! {
        <ul class="counts" aria-label=td_string!(locale, avvik_counts)>
            {counts
                .into_iter()
                .map(|(state, count)| {
                    view! { <li><span class="count">{count}</span> " " {state_label(state, locale)}</li> }
                })
                .collect_view()}
        </ul>
        <div class="two-pane list-pane">
            <div class="list-tools">
                <ListFilters filter units />
                <a class="export no-print" href=csv download>{t!(i18n, export_csv)}</a>
                <a class="export no-print" href=xlsx download>{t!(i18n, export_xlsx)}</a>
            </div>
            <section aria-labelledby="cases-heading">
                <h2 id="cases-heading">{t!(i18n, avvik_cases)}</h2>
                <Show when=move || items.with(Vec::is_empty)>
                    <p>{t!(i18n, avvik_none)}</p>
                </Show>
                <ul class="case-list">
                    <For each=move || items.get() key=|item| item.id.clone() let:item>
                        <CaseRow item />
                    </For>
                </ul>
                {move || {
                    next.get()
                        .map(|after| {
                            view! {
                                <button
                                    type="button"
                                    class="secondary"
                                    disabled=move || more.pending().get()
                                    on:click=move |_| {
                                        more.dispatch(after.clone());
                                    }
                                >
                                    {t!(i18n, avvik_more)}
                                </button>
                            }
                        })
                }}
                <div role="alert" class="alert-slot">
                    {move || {
                        more.value()
                            .get()
                            .and_then(Result::err)
                            .map(|error| view! { <p class="error"><ErrorMessage error /></p> })
                    }}
                </div>
            </section>
        </div>
    }
}

/// One case in a list: its risk, number, text, place, state, source and date.
#[component]
pub fn CaseRow(item: AvvikListItem) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let level = level_of(item.score);
    let (class, risk) = match level {
        Some(level) => (level.css(), level_label(level, locale)),
        None => ("risk-none", td_string!(locale, avvik_unrated)),
    };
    let score = if item.score > 0 {
        item.score.to_string()
    } else {
        "–".to_owned()
    };
    let place = match &item.room {
        Some(room) => format!("{}, {}", room, item.unit),
        None => item.unit.clone(),
    };
    let assigned = item
        .assigned_to
        .clone()
        .map(|name| format!(" · {} {name}", td_string!(locale, avvik_assigned)));
    view! {
        <li class="case-row" data-case=item.receipt_no.clone()>
            <span class=format!("risk-score {class}")>
                <span aria-hidden="true">{score}</span>
                <span class="visually-hidden">{risk}</span>
            </span>
            <div>
                <p class="case-title">
                    <span class="receipt">{item.receipt_no.clone()}</span> " "
                    <a href=format!("/avvik/sak?id={}", item.id)>{item.description.clone()}</a>
                </p>
                <p class="case-meta">
                    {place} " · " {state_label(item.status, locale)} " · "
                    {source_label(item.source, locale)} " · " {item.registered.clone()} {assigned}
                </p>
            </div>
        </li>
    }
}
