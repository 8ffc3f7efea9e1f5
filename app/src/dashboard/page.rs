//! `/oversikt?enhet=…` and the same panel on the start page of everyone
//! who follows up cases: the matrix, the new cases, the measures due and
//! the year's chart side by side on a tablet, one under the other on a
//! phone; the per-unit table below for those who reach several units.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use super::chart::MonthChart;
use super::matrix::OpenMatrix;
use super::model::{Dashboard, load_dashboard, unit_link};
use super::per_unit::UnitTable;
use crate::avvik::list_page::CaseRow;
use crate::i18n::{t, td_string, use_i18n};
use crate::layout::loaded::Loaded;
use crate::layout::offline_note::ReadOnlyOffline;
use crate::layout::page_frame::PageFrame;
use crate::layout::unit_picker::UnitPicker;
use crate::tiltak::plan_page::PlanRow;

/// The dashboard page; the unit comes from the address.
#[component]
pub fn DashboardPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let unit = Memo::new(move |_| query.read().get("enhet").unwrap_or_default());
    view! {
        <PageFrame>
            <main id="main" class="page">
                <h1>{t!(i18n, dashboard_title)}</h1>
                <ReadOnlyOffline />
                <DashboardPanel unit />
            </main>
        </PageFrame>
    }
}

/// The dashboard for `unit` and below (empty: all the person reaches).
#[component]
pub fn DashboardPanel(#[prop(into)] unit: Signal<String>) -> impl IntoView {
    let data = Resource::new(move || unit.get(), load_dashboard);
    view! { <Loaded resource=data render=|data| view! { <DashboardBody data /> } /> }
}

#[component]
fn DashboardBody(data: Dashboard) -> impl IntoView {
    let i18n = use_i18n();
    let Dashboard {
        unit_id,
        units,
        open,
        matrix,
        unrated,
        new_since,
        new_count,
        new_cases,
        overdue,
        due_soon,
        due,
        months,
        per_unit,
    } = data;
    let list_link = unit_link("/avvik", &unit_id);
    let plan_link = unit_link("/tiltaksplan", &unit_id);
    view! {
        {(units.len() > 1).then(|| {
            let button = td_string!(i18n.get_locale_untracked(), dashboard_narrow);
            view! { <UnitPicker action="/oversikt" field_id="dash-unit" units unit_id=unit_id.clone() button /> }
        })}
        <div class="dashboard">
            <section class="card" aria-labelledby="dash-matrix">
                <h2 id="dash-matrix">{t!(i18n, dashboard_matrix)}</h2>
                <OpenMatrix matrix unrated open unit_id=unit_id.clone() />
                <p><a href=list_link>{t!(i18n, dashboard_list_link)}</a></p>
            </section>
            <section class="card" aria-labelledby="dash-new">
                <h2 id="dash-new">{t!(i18n, dashboard_new)}</h2>
                <p class="hint">
                    {t!(i18n, dashboard_new_since, since = move || new_since.clone(), count = move || new_count)}
                </p>
                {new_cases.is_empty().then(|| view! { <p>{t!(i18n, dashboard_new_none)}</p> })}
                <ul class="case-list">
                    {new_cases.into_iter().map(|item| view! { <CaseRow item /> }).collect_view()}
                </ul>
            </section>
            <section class="card" aria-labelledby="dash-due">
                <h2 id="dash-due">{t!(i18n, dashboard_due)}</h2>
                <p class="plan-counts">
                    <strong>{t!(i18n, dashboard_overdue, count = move || overdue)}</strong>
                    " · "
                    {t!(i18n, dashboard_due_soon, count = move || due_soon)}
                </p>
                {due.is_empty().then(|| view! { <p>{t!(i18n, dashboard_due_none)}</p> })}
                <ul class="tiltak-list plan-list">
                    {due.into_iter().map(|row| view! { <PlanRow row /> }).collect_view()}
                </ul>
                <p><a href=plan_link>{t!(i18n, dashboard_plan_link)}</a></p>
            </section>
            <section class="card" aria-labelledby="dash-months">
                <h2 id="dash-months">{t!(i18n, dashboard_months)}</h2>
                <MonthChart months />
            </section>
        </div>
        {(!per_unit.is_empty()).then(|| view! { <UnitTable rows=per_unit /> })}
    }
}
