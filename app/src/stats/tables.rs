//! The statistics' figures as tables: per category, and per unit with its
//! categories under it (every figure the chart draws, and more).

use leptos::prelude::*;

use super::chart::quarter_name;
use super::model::{Quarters, UnitStats, category_text, year_total};
use crate::i18n::{Locale, t, td_string, use_i18n};
use crate::reports::categories::ReportCategory;

/// The quarters' and the year's header cells after the first column's.
fn quarter_headers(locale: Locale) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        {(0..4).map(|q| view! { <th scope="col">{quarter_name(locale, q)}</th> }).collect_view()}
        <th scope="col">{t!(i18n, stats_year_total)}</th>
    }
}

/// The quarters' and the year's figures of one row.
fn figures(quarters: Quarters) -> impl IntoView {
    view! {
        {quarters.into_iter().map(|count| view! { <td>{count}</td> }).collect_view()}
        <td><strong>{year_total(&quarters)}</strong></td>
    }
}

/// Cases per category and quarter, with the sum of all.
#[component]
pub fn CategoryTable(
    per_category: Vec<(Option<ReportCategory>, Quarters)>,
    total: Quarters,
) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let rows = per_category
        .into_iter()
        .map(|(category, quarters)| {
            view! { <tr><th scope="row">{category_text(category, locale)}</th>{figures(quarters)}</tr> }
        })
        .collect_view();
    view! {
        <div class="table-scroll" role="region" tabindex="0" aria-label=td_string!(locale, stats_per_category)>
            <table class="unit-table stats-table">
                <caption>{t!(i18n, stats_per_category)}</caption>
                <thead><tr><th scope="col">{t!(i18n, stats_col_category)}</th>{quarter_headers(locale)}</tr></thead>
                <tbody>{rows}</tbody>
                <tfoot><tr><th scope="row">{t!(i18n, stats_all)}</th>{figures(total)}</tr></tfoot>
            </table>
        </div>
    }
}

/// Cases per unit and quarter, each unit's categories under it.
#[component]
pub fn UnitTable(per_unit: Vec<UnitStats>) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let groups = per_unit
        .into_iter()
        .map(|unit| {
            let categories = unit
                .categories
                .into_iter()
                .map(|(category, quarters)| {
                    view! {
                        <tr class="sub">
                            <th scope="row">{category_text(category, locale)}</th>
                            {figures(quarters)}
                        </tr>
                    }
                })
                .collect_view();
            view! {
                <tbody>
                    <tr class="unit-row"><th scope="rowgroup">{unit.unit}</th>{figures(unit.total)}</tr>
                    {categories}
                </tbody>
            }
        })
        .collect_view();
    view! {
        <div class="table-scroll" role="region" tabindex="0" aria-label=td_string!(locale, stats_per_unit)>
            <table class="unit-table stats-table">
                <caption>{t!(i18n, stats_per_unit)}</caption>
                <thead><tr><th scope="col">{t!(i18n, stats_col_unit_category)}</th>{quarter_headers(locale)}</tr></thead>
                {groups}
            </table>
        </div>
    }
}
