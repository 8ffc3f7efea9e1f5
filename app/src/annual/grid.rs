//! The year as a table: the months across, one row per kind of activity,
//! each occurrence a cell over its months, coloured and named by how far it
//! has come (the words carry it, not only the colour).

use leptos::prelude::*;

use super::model::{ActivityRow, OccurrenceView, PlanState, RuleView};
use crate::dashboard::chart::month_name;
use crate::i18n::{Locale, t, td_string, use_i18n};

/// A state's class (`style/main.css` colours each one).
pub fn state_class(state: PlanState) -> &'static str {
    match state {
        PlanState::Done => "plan-done",
        PlanState::Planned => "plan-planned",
        PlanState::Due => "plan-due",
        PlanState::Overdue => "plan-overdue",
        PlanState::Upcoming => "plan-upcoming",
    }
}

/// What a cell says: the state, and the day done or planned, else the
/// deadline.
fn occurrence_text(occurrence: &OccurrenceView, locale: Locale) -> String {
    let (word, day) = match occurrence.state {
        PlanState::Done => (
            td_string!(locale, annual_state_done),
            occurrence.day.as_ref(),
        ),
        PlanState::Planned => (
            td_string!(locale, annual_state_planned),
            occurrence.day.as_ref(),
        ),
        PlanState::Due => (
            td_string!(locale, annual_state_due),
            Some(&occurrence.until),
        ),
        PlanState::Overdue => (
            td_string!(locale, annual_state_overdue),
            Some(&occurrence.until),
        ),
        PlanState::Upcoming => (
            td_string!(locale, annual_state_upcoming),
            Some(&occurrence.until),
        ),
    };
    match day {
        Some(day) => format!("{word} {day}"),
        None => word.to_owned(),
    }
}

/// The cells of one row's twelve months.
fn month_cells(occurrences: Vec<OccurrenceView>, locale: Locale) -> impl IntoView {
    if occurrences.is_empty() {
        let text = td_string!(locale, annual_not_this_year);
        return view! { <td colspan="12" class="occ plan-none">{text}</td> }.into_any();
    }
    let mut cells = Vec::new();
    let mut month = 1;
    for occurrence in occurrences {
        while month < occurrence.from_month {
            cells.push(view! { <td class="occ-empty"></td> }.into_any());
            month += 1;
        }
        let span = occurrence.to_month + 1 - occurrence.from_month;
        let class = format!("occ {}", state_class(occurrence.state));
        let text = occurrence_text(&occurrence, locale);
        cells.push(view! { <td colspan=span class=class>{text}</td> }.into_any());
        month = occurrence.to_month + 1;
    }
    while month <= 12 {
        cells.push(view! { <td class="occ-empty"></td> }.into_any());
        month += 1;
    }
    cells.collect_view().into_any()
}

/// When a kind is due, in words ("Én gang i året, jan.–mai"; once a year
/// however the rule is written, and one month named once).
#[component]
fn RuleText(rule: RuleView) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let window = move |from: u32, to: u32| match from == to {
        true => format!(", {}", month_name(locale, from)),
        false => format!(", {}–{}", month_name(locale, from), month_name(locale, to)),
    };
    let text = match rule {
        RuleView::Yearly { from, to } | RuleView::EveryYears { every: 1, from, to } => {
            view! { {t!(i18n, annual_rule_yearly)}{window(from, to)} }.into_any()
        }
        RuleView::EveryYears { every, from, to } => {
            view! { {t!(i18n, annual_rule_every_years, every = move || every)}{window(from, to)} }
                .into_any()
        }
        RuleView::PerYear { times: 1 } => view! { {t!(i18n, annual_rule_yearly)} }.into_any(),
        RuleView::PerYear { times } => {
            view! { {t!(i18n, annual_rule_per_year, times = move || times)} }.into_any()
        }
    };
    view! { <span class="rule">{text}</span> }
}

/// The year's table.
#[component]
pub fn YearGrid(caption: String, rows: Vec<ActivityRow>) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let months = (1..=12)
        .map(|month| view! { <th scope="col">{month_name(locale, month)}</th> })
        .collect_view();
    let body = rows
        .into_iter()
        .map(|row| {
            view! {
                <tr>
                    <th scope="row">{row.name}<RuleText rule=row.rule /></th>
                    {month_cells(row.occurrences, locale)}
                </tr>
            }
        })
        .collect_view();
    let label = caption.clone();
    view! {
        <div class="table-scroll" role="region" tabindex="0" aria-label=label>
            <table class="year-grid">
                <caption>{caption}</caption>
                <thead><tr><th scope="col">{t!(i18n, annual_col_activity)}</th>{months}</tr></thead>
                <tbody>{body}</tbody>
            </table>
        </div>
    }
}
