//! `/arshjul/enheter?aar=…&bak=1`: every unit's year in a line, the units
//! behind first in the eye (their overdue activities named), filtered with
//! a plain GET form, each leading to its unit's årshjul, and downloadable
//! as XLSX.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use super::model::ANNUAL_PATH;
use super::overview::{
    AnnualOverview, OVERVIEW_PATH, OVERVIEW_XLSX_PATH, UnitYear, load_annual_overview,
};
use crate::dashboard::model::unit_link;
use crate::i18n::{t, td_string, use_i18n};
use crate::layout::loaded::Loaded;
use crate::layout::offline_note::ReadOnlyOffline;
use crate::layout::page_frame::PageFrame;
use crate::layout::query_link::with_query;
use crate::layout::year_select::YearSelect;

/// The overview page; the year and the filter come from the address.
#[component]
pub fn AnnualOverviewPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let choice = Memo::new(move |_| {
        let query = query.read();
        (
            query.get("aar").unwrap_or_default(),
            query.get("bak").is_some_and(|on| on == "1"),
        )
    });
    let overview = Resource::new(
        move || choice.get(),
        |(year, behind)| load_annual_overview(year, behind),
    );
    view! {
        <PageFrame>
            <main id="main" class="page">
                <h1>{t!(i18n, annual_overview_title)}</h1>
                <ReadOnlyOffline />
                <Loaded resource=overview render=|overview| view! { <OverviewBody overview /> } />
            </main>
        </PageFrame>
    }
}

#[component]
fn OverviewBody(overview: AnnualOverview) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let AnnualOverview {
        year,
        years,
        behind_only,
        all_units,
        units,
    } = overview;
    let behind = units.iter().filter(|unit| unit.overdue_count > 0).count();
    let listed = units.len();
    let rows = units
        .into_iter()
        .map(|unit| view! { <UnitLine unit year /> })
        .collect_view();
    view! {
        <form method="get" action=OVERVIEW_PATH class="row plan-filter">
            <YearSelect field_id="overview-year" years year />
            <label class="check">
                <input type="checkbox" name="bak" value="1" checked=behind_only />
                {t!(i18n, annual_overview_behind_only)}
            </label>
            <button type="submit" class="secondary">{td_string!(locale, avvik_apply)}</button>
        </form>
        <a class="export no-print" href=export_href(year, behind_only) download>{t!(i18n, export_xlsx)}</a>
        <p class="plan-counts">
            {t!(i18n, annual_overview_counts, behind = move || behind, all = move || all_units)}
        </p>
        {(listed == 0).then(|| view! { <p>{t!(i18n, annual_overview_none)}</p> })}
        <div class="table-scroll" role="region" tabindex="0" aria-label=td_string!(locale, annual_overview_title)>
            <table class="unit-table annual-overview">
                <caption class="visually-hidden">{t!(i18n, annual_overview_title)} " " {year}</caption>
                <thead>
                    <tr>
                        <th scope="col">{t!(i18n, stats_col_unit)}</th>
                        <th scope="col">{t!(i18n, annual_count_overdue)}</th>
                        <th scope="col">{t!(i18n, annual_overview_what)}</th>
                        <th scope="col">{t!(i18n, annual_count_due)}</th>
                        <th scope="col">{t!(i18n, annual_state_planned)}</th>
                        <th scope="col">{t!(i18n, annual_count_done)}</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}

/// One unit's line, leading to its årshjul.
#[component]
fn UnitLine(unit: UnitYear, year: i32) -> impl IntoView {
    let link = format!("{}&aar={year}", unit_link(ANNUAL_PATH, &unit.unit_id));
    let behind = unit.overdue_count > 0;
    view! {
        <tr class:alert=behind>
            <th scope="row"><a href=link>{unit.unit}</a></th>
            <td>{unit.overdue_count}</td>
            <td class="what">{unit.overdue.join(", ")}</td>
            <td>{unit.due}</td>
            <td>{unit.planned}</td>
            <td>{unit.done}</td>
        </tr>
    }
}

/// The XLSX of the table shown.
fn export_href(year: i32, behind_only: bool) -> String {
    let behind = if behind_only { "1" } else { "" };
    with_query(
        OVERVIEW_XLSX_PATH,
        &[("aar", &year.to_string()), ("bak", behind)],
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_download_carries_the_year_and_the_filter() {
        assert_eq!(
            export_href(2026, false),
            "/api/v1/arshjul/enheter.xlsx?aar=2026"
        );
        assert_eq!(
            export_href(2026, true),
            "/api/v1/arshjul/enheter.xlsx?aar=2026&bak=1"
        );
    }
}
