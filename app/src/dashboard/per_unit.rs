//! The dashboard's figures per unit, for those who reach several units
//! (the HMS-ansvarlig, a sector's leader): where the open, high-risk and
//! overdue work is. Each unit leads to its own dashboard.

use leptos::prelude::*;

use super::model::{UnitSummary, unit_link};
use crate::i18n::{t, td_string, use_i18n};

/// The table of units with open cases or measures due.
#[component]
pub fn UnitTable(rows: Vec<UnitSummary>) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let body = rows
        .into_iter()
        .map(|row| {
            let indent = format!("--depth: {}", row.unit.depth);
            view! {
                <tr class:alert={row.overdue > 0}>
                    <th scope="row" style=indent>
                        <a href=unit_link("/oversikt", &row.unit.id)>{row.unit.name}</a>
                    </th>
                    <td>{row.open}</td>
                    <td>{row.high}</td>
                    <td>{row.new}</td>
                    <td>{row.overdue}</td>
                    <td>{row.due_soon}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <section class="card" aria-labelledby="dash-units">
            <h2 id="dash-units">{t!(i18n, dashboard_per_unit)}</h2>
            <p class="hint">{t!(i18n, dashboard_per_unit_hint)}</p>
            <div class="table-scroll" role="region" tabindex="0"
                aria-label=td_string!(locale, dashboard_per_unit)>
                <table class="unit-table">
                    <thead>
                        <tr>
                            <th scope="col">{t!(i18n, posters_unit)}</th>
                            <th scope="col">{t!(i18n, dashboard_col_open)}</th>
                            <th scope="col">{t!(i18n, dashboard_col_high)}</th>
                            <th scope="col">{t!(i18n, dashboard_col_new)}</th>
                            <th scope="col">{t!(i18n, dashboard_col_overdue)}</th>
                            <th scope="col">{t!(i18n, dashboard_col_due)}</th>
                        </tr>
                    </thead>
                    <tbody>{body}</tbody>
                </table>
            </div>
        </section>
    }
}
