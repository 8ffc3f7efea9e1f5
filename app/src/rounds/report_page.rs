//! `/runde/rapport?id=…`: a round's report on screen and on paper (the print
//! styles drop the menu and keep each room on its own page): the facts and
//! sign-off, the risk summary, every finding by room and section, and the
//! tiltaksplan from the round's avvik.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use super::report::{REPORT_PDF_PATH, RoundReport, load_round_report};
use super::report_findings::RoomSection;
use super::report_summary::{ReportTiltak, SummarySection};
use super::report_text::state_text;
use crate::i18n::{t, use_i18n};
use crate::layout::loaded::Loaded;
use crate::layout::offline_note::ReadOnlyOffline;
use crate::layout::page_frame::PageFrame;
use crate::layout::print_button::PrintButton;
use crate::sync::records::Participant;
use crate::tiltak::model::norwegian_date;

/// The report page; the round comes from the address.
#[component]
pub fn RoundReportPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let id = Memo::new(move |_| query.read().get("id").unwrap_or_default());
    let report = Resource::new(move || id.get(), load_round_report);
    view! {
        <PageFrame>
            <main id="main" class="page round-report">
                <p class="no-print"><a href="/runder">{t!(i18n, rounds_back)}</a></p>
                <ReadOnlyOffline />
                <Loaded resource=report render=|report| view! { <ReportBody report /> } />
            </main>
        </PageFrame>
    }
}

#[component]
fn ReportBody(report: RoundReport) -> impl IntoView {
    let i18n = use_i18n();
    let RoundReport {
        title,
        rooms,
        tiltak,
        ..
    } = report.clone();
    let empty = rooms.is_empty();
    let pdf = format!("{REPORT_PDF_PATH}?id={}", report.id);
    view! {
        <h1>{t!(i18n, round_report_title)} ": " {title}</h1>
        <PrintButton>{t!(i18n, round_report_print)}</PrintButton>
        <p class="no-print"><a class="export" href=pdf download>{t!(i18n, round_report_pdf)}</a></p>
        <RoundFacts report />
        <SummarySection rooms=rooms.clone() />
        {empty.then(|| view! { <p>{t!(i18n, round_report_no_findings)}</p> })}
        {rooms.into_iter().map(|room| view! { <RoomSection room /> }).collect_view()}
        <ReportTiltak tiltak />
    }
}

/// Unit, area, date, state and who took part.
#[component]
fn RoundFacts(report: RoundReport) -> impl IntoView {
    let i18n = use_i18n();
    let state = state_text(&report, i18n.get_locale_untracked());
    view! {
        <section class="card" aria-labelledby="report-facts">
            <h2 id="report-facts">{t!(i18n, round_report_facts)}</h2>
            <dl class="facts">
                <dt>{t!(i18n, posters_unit)}</dt>
                <dd>{report.unit}</dd>
                <dt>{t!(i18n, round_report_area)}</dt>
                <dd>{report.area.unwrap_or_else(|| "–".to_owned())}</dd>
                <dt>{t!(i18n, round_report_date)}</dt>
                <dd>{norwegian_date(&report.date)}</dd>
                <dt>{t!(i18n, round_report_state)}</dt>
                <dd>{state}</dd>
            </dl>
            <h3>{t!(i18n, round_report_participants)}</h3>
            <ul class="participants">
                {report.participants.into_iter().map(|p| view! { <ParticipantLine p /> }).collect_view()}
            </ul>
        </section>
    }
}

#[component]
fn ParticipantLine(p: Participant) -> impl IntoView {
    let i18n = use_i18n();
    let role = (!p.role_label.is_empty()).then(|| format!(" ({})", p.role_label));
    let signed = if p.signed {
        t!(i18n, round_report_signed).into_any()
    } else {
        t!(i18n, round_report_not_signed).into_any()
    };
    view! { <li>{p.name} {role} " · " {signed}</li> }
}
