//! `/arshjul?enhet=…&aar=…`: a unit's year, chosen with a plain GET form
//! (it works before the app has loaded), its counts, the table, and for
//! the unit's leader the form that marks an activity done and the list of
//! what was.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use super::grid::YearGrid;
use super::kinds::{KINDS_PATH, SetUnitTimes};
use super::model::{
    ANNUAL_PATH, AnnualPlan, PlanState, RecordActivity, RecordView, load_annual_plan,
};
use super::overview::OVERVIEW_PATH;
use super::record_form::RecordForm;
use super::times_form::TimesForm;
use crate::i18n::{t, td_string, use_i18n};
use crate::layout::loaded::{Loaded, count_taken};
use crate::layout::offline_note::ReadOnlyOffline;
use crate::layout::page_frame::PageFrame;
use crate::layout::unit_picker::UnitPicker;
use crate::layout::year_select::YearSelect;

/// The årshjul page; the unit and the year come from the address.
#[component]
pub fn AnnualPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let sender = ServerAction::<RecordActivity>::new();
    let times = ServerAction::<SetUnitTimes>::new();
    let taken = RwSignal::new(0_usize);
    count_taken(sender, taken);
    count_taken(times, taken);
    let choice = Memo::new(move |_| {
        let query = query.read();
        (
            query.get("enhet").unwrap_or_default(),
            query.get("aar").unwrap_or_default(),
        )
    });
    let plan = Resource::new(
        move || (choice.get(), taken.get()),
        |((unit, year), _)| load_annual_plan(unit, year),
    );
    view! {
        <PageFrame>
            <main id="main" class="page">
                <h1>{t!(i18n, annual_title)}</h1>
                <ReadOnlyOffline />
                <Loaded resource=plan render=move |plan| view! { <PlanBody plan sender times /> } />
            </main>
        </PageFrame>
    }
}

#[component]
fn PlanBody(
    plan: AnnualPlan,
    sender: ServerAction<RecordActivity>,
    times: ServerAction<SetUnitTimes>,
) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let (overdue, due, done) = (
        plan.count(PlanState::Overdue),
        plan.count(PlanState::Due),
        plan.count(PlanState::Done),
    );
    let AnnualPlan {
        unit_id,
        unit_name,
        year,
        years,
        today,
        units,
        rows,
        records,
        may_record,
        may_configure,
    } = plan;
    let several_units = units.len() > 1;
    let caption = format!("{} {year} – {unit_name}", td_string!(locale, annual_title));
    let record = rows.iter().any(|row| row.recordable).then(|| {
        view! { <RecordForm unit_id=unit_id.clone() rows=rows.clone() today sender /> }
    });
    let set_times = may_record.then(|| {
        view! { <TimesForm unit_id=unit_id.clone() rows=rows.clone() sender=times /> }
    });
    view! {
        <UnitPicker action=ANNUAL_PATH field_id="annual-unit" units unit_id all=false button=td_string!(locale, avvik_apply)>
            <YearSelect field_id="annual-year" years year />
        </UnitPicker>
        <p class="no-print links">
            {several_units.then(|| view! { <a href=OVERVIEW_PATH>{t!(i18n, annual_overview_link)}</a> })}
            " "
            {may_configure.then(|| view! { <a href=KINDS_PATH>{t!(i18n, annual_kinds_link)}</a> })}
        </p>
        <p class="plan-counts">
            <strong>{t!(i18n, annual_count_overdue)} ": " {overdue}</strong> " · "
            {t!(i18n, annual_count_due)} ": " {due} " · "
            {t!(i18n, annual_count_done)} ": " {done}
        </p>
        <YearGrid caption rows />
        {record}
        {set_times}
        <Records records year />
    }
}

/// What was marked done in the year.
#[component]
fn Records(records: Vec<RecordView>, year: i32) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="card" aria-labelledby="annual-records">
            <h2 id="annual-records">{t!(i18n, annual_records, year = move || year)}</h2>
            {records.is_empty().then(|| view! { <p>{t!(i18n, annual_records_none, year = move || year)}</p> })}
            <ul class="round-list">
                {records
                    .into_iter()
                    .map(|record| view! {
                        <li>
                            <strong>{record.done_on}</strong> " · " {record.kind} " · " {record.by}
                            {(!record.note.is_empty()).then(|| view! { <p>{record.note}</p> })}
                        </li>
                    })
                    .collect_view()}
            </ul>
        </section>
    }
}
