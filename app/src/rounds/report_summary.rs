//! A round report's risk summary (answers, avvik per risk level, the rated
//! avvik on the matrix) and its tiltaksplan as a table.

use leptos::prelude::*;

use super::report::{RiskSummary, RoomFindings};
use crate::avvik::count_matrix::CountMatrix;
use crate::i18n::{t, td_string, use_i18n};
use crate::tiltak::case_card::state_label;
use crate::tiltak::model::Tiltak;

/// The counts and the matrix.
#[component]
pub fn SummarySection(rooms: Vec<RoomFindings>) -> impl IntoView {
    let i18n = use_i18n();
    let summary = RiskSummary::of(&rooms);
    let noun = td_string!(i18n.get_locale_untracked(), round_report_cell_avvik);
    let line = |label: AnyView, count: usize, class: &'static str| {
        view! { <li class=class>{label} ": " <strong class="count">{count}</strong></li> }
    };
    view! {
        <section class="card report-summary" aria-labelledby="report-summary">
            <h2 id="report-summary">{t!(i18n, round_report_summary)}</h2>
            <ul class="counts">
                {line(t!(i18n, finish_ok).into_any(), summary.ok, "")}
                {line(t!(i18n, finish_na).into_any(), summary.not_relevant, "")}
                {line(t!(i18n, round_report_avvik_total).into_any(), summary.avvik(), "")}
            </ul>
            <ul class="counts">
                {line(t!(i18n, finish_avvik_high).into_any(), summary.high, "level level-high")}
                {line(t!(i18n, finish_avvik_medium).into_any(), summary.medium, "level level-medium")}
                {line(t!(i18n, finish_avvik_low).into_any(), summary.low, "level level-low")}
                {(summary.unrated > 0).then(|| line(t!(i18n, round_report_unrated).into_any(), summary.unrated, "level"))}
            </ul>
            <CountMatrix matrix=summary.matrix noun link=|_| None />
        </section>
    }
}

/// The measures from the round's avvik: what, who, by when, where it stands.
#[component]
pub fn ReportTiltak(tiltak: Vec<Tiltak>) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let empty = tiltak.is_empty();
    let rows = tiltak
        .into_iter()
        .map(|row| {
            let (due, who) = (row.due_text(locale), row.responsible_text(locale));
            let case = row.case.map(|(id, receipt)| {
                view! { <a href=format!("/avvik/sak?id={id}")>{receipt}</a> }
            });
            view! {
                <tr class:overdue=row.overdue>
                    <td>{row.description}</td>
                    <td>{case}</td>
                    <td>{who}</td>
                    <td>{due}</td>
                    <td>
                        {state_label(row.state, locale)}
                        {row.overdue.then(|| view! { " · " {t!(i18n, tiltak_overdue)} })}
                    </td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <section class="card report-tiltak" aria-labelledby="report-tiltak">
            <h2 id="report-tiltak">{t!(i18n, tiltak_plan_title)}</h2>
            {empty.then(|| view! { <p>{t!(i18n, tiltak_none)}</p> })}
            {(!empty).then(|| view! {
                <table class="plan-table">
                    <thead>
                        <tr>
                            <th scope="col">{t!(i18n, round_report_tiltak_what)}</th>
                            <th scope="col">{t!(i18n, avvik_case)}</th>
                            <th scope="col">{t!(i18n, tiltak_responsible)}</th>
                            <th scope="col">{t!(i18n, tiltak_due)}</th>
                            <th scope="col">{t!(i18n, round_report_tiltak_state)}</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            })}
        </section>
    }
}
