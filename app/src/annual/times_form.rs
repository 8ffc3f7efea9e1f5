//! How many times a year the unit holds each activity counted per year
//! (its MKS meetings, 4–12 by the handbook), for those who keep its plan.

use leptos::prelude::*;

use super::kinds::{SetUnitTimes, TIMES_A_YEAR};
use super::model::{ActivityRow, RuleView};
use crate::i18n::{t, use_i18n};
use crate::layout::action_error::ActionError;

/// One small form per such activity; `sender` is kept by the page.
#[component]
pub fn TimesForm(
    unit_id: String,
    rows: Vec<ActivityRow>,
    sender: ServerAction<SetUnitTimes>,
) -> impl IntoView {
    let i18n = use_i18n();
    let forms = rows
        .into_iter()
        .filter_map(|row| match row.rule {
            RuleView::PerYear { times } => Some((row, times)),
            _ => None,
        })
        .map(|(row, now)| {
            let (id, unit) = (format!("times-{}", row.kind_id), unit_id.clone());
            let options = TIMES_A_YEAR
                .into_iter()
                .map(|n| view! { <option value=n selected=n == now>{n}</option> })
                .collect_view();
            view! {
                <ActionForm action=sender attr:class="row plan-filter">
                    <input type="hidden" name="unit" value=unit />
                    <input type="hidden" name="kind" value=row.kind_id.clone() />
                    <label for=id.clone()>{row.name}</label>
                    <select id=id name="times">{options}</select>
                    <button type="submit" class="secondary">{t!(i18n, annual_times_save)}</button>
                </ActionForm>
            }
        })
        .collect_view();
    view! {
        <section class="card no-print" aria-labelledby="annual-times">
            <h2 id="annual-times">{t!(i18n, annual_times_title)}</h2>
            {forms}
            <ActionError action=sender />
        </section>
    }
}
