//! `/tiltaksplan?enhet=…`: the open measures of a unit and the units below
//! it, across its cases, overdue first; each links to its case, where it
//! is followed up.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use super::case_card::state_label;
use super::changes::load_tiltaksplan;
use super::model::{EXPORT_CSV_PATH, EXPORT_XLSX_PATH, Tiltak, Tiltaksplan, kroner};
use crate::i18n::{t, td_string, use_i18n};
use crate::layout::loaded::Loaded;
use crate::layout::offline_note::ReadOnlyOffline;
use crate::layout::page_frame::PageFrame;
use crate::layout::query_link::with_query;
use crate::layout::unit_picker::UnitPicker;

/// The plan page; the unit comes from the address (a plain GET form).
#[component]
pub fn TiltaksplanPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let unit = Memo::new(move |_| query.read().get("enhet").unwrap_or_default());
    let plan = Resource::new(move || unit.get(), load_tiltaksplan);
    view! {
        <PageFrame>
            <main id="main" class="page">
                <h1>{t!(i18n, tiltak_plan_title)}</h1>
                <ReadOnlyOffline />
                <Loaded resource=plan render=|plan| view! { <PlanBody plan /> } />
            </main>
        </PageFrame>
    }
}

#[component]
fn PlanBody(plan: Tiltaksplan) -> impl IntoView {
    let i18n = use_i18n();
    let Tiltaksplan {
        units,
        unit_id,
        rows,
        more,
    } = plan;
    let overdue = rows.iter().filter(|row| row.overdue).count();
    let total = rows.len();
    let button = td_string!(i18n.get_locale_untracked(), avvik_apply);
    view! {
        <UnitPicker action="/tiltaksplan" field_id="plan-unit" units unit_id=unit_id.clone() button />
        <a class="export no-print" href=export_href(EXPORT_CSV_PATH, &unit_id) download>{t!(i18n, export_csv)}</a>
        <a class="export no-print" href=export_href(EXPORT_XLSX_PATH, &unit_id) download>{t!(i18n, export_xlsx)}</a>
        <p class="plan-counts">
            {t!(i18n, tiltak_plan_open)} ": " <strong>{total}</strong> " · "
            {t!(i18n, tiltak_overdue)} ": " <strong>{overdue}</strong>
        </p>
        {(total == 0).then(|| view! { <p>{t!(i18n, tiltak_plan_empty)}</p> })}
        <ul class="tiltak-list plan-list">
            {rows.into_iter().map(|row| view! { <PlanRow row /> }).collect_view()}
        </ul>
        {more.then(|| view! { <p class="hint">{t!(i18n, tiltak_plan_more)}</p> })}
    }
}

/// An export of the plan shown at `path` (every open measure, not only the
/// first page's).
fn export_href(path: &str, unit_id: &str) -> String {
    with_query(path, &[("enhet", unit_id)])
}

/// One open measure: deadline first, what, which case and unit, who.
#[component]
pub fn PlanRow(row: Tiltak) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let (when, who) = (row.due_text(locale), row.responsible_text(locale));
    let description = row.description;
    let label = description.clone();
    let case = row.case.map(|(id, receipt)| {
        view! { <a href=format!("/avvik/sak?id={id}")>{receipt}</a> " · " }
    });
    view! {
        <li class="tiltak-item" class:overdue=row.overdue data-tiltak=label>
            <p class="tiltak-meta">
                <strong>{when}</strong>
                {row.overdue.then(|| view! { " " <span class="badge overdue-badge">{t!(i18n, tiltak_overdue)}</span> })}
                " · " <span class="badge">{state_label(row.state, locale)}</span>
            </p>
            <p class="tiltak-what">{description}</p>
            <p class="tiltak-meta">
                {case} {row.unit} " · " {t!(i18n, tiltak_responsible)} ": " {who}
                {row.cost.map(|cost| format!(" · {}", kroner(cost)))}
            </p>
        </li>
    }
}
