//! `/s/{token}`: the receipt and, later, the private status of a report.
//! The link is the only key: it works for anonymous reports, and it says
//! nothing about who sent it.

use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

use super::load::load_report_status;
use super::{CaseState, ReportStatus, status_path};
use crate::error::AppError;
use crate::i18n::{t, td_string, use_i18n};
use crate::layout::error_message::ErrorMessage;
use crate::layout::page_title::PageTitle;

/// The case number, its state and the comments meant for the reporter.
#[component]
pub fn StatusPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let query = use_query_map();
    let token = move || params.read().get("token").unwrap_or_default();
    let just_sent = move || query.read().get("ny").is_some();
    let status = Resource::new(token, load_report_status);

    view! {
        <PageTitle name=Signal::derive(move || td_string!(i18n.get_locale(), status_title).to_string()) />
        <main id="main" class="page narrow report-status">
            <Suspense fallback=move || view! { <p>{t!(i18n, loading)}</p> }>
                {move || Suspend::new(async move {
                    match status.await {
                        Ok(status) => {
                            view! { <CaseStatus status just_sent=just_sent() link=status_path(&token()) /> }
                                .into_any()
                        }
                        Err(AppError::NotFound) => {
                            view! {
                                <h1>{t!(i18n, status_title)}</h1>
                                <p role="alert">{t!(i18n, status_unknown)}</p>
                            }
                                .into_any()
                        }
                        Err(error) => {
                            view! {
                                <h1>{t!(i18n, status_title)}</h1>
                                <p class="error" role="alert"><ErrorMessage error /></p>
                            }
                                .into_any()
                        }
                    }
                })}
            </Suspense>
        </main>
    }
}

#[component]
fn CaseStatus(status: ReportStatus, just_sent: bool, link: String) -> impl IntoView {
    let i18n = use_i18n();
    let state = move || match status.status {
        CaseState::Open => td_string!(i18n.get_locale(), case_open),
        CaseState::InProgress => td_string!(i18n.get_locale(), case_in_progress),
        CaseState::MeasuresPlanned => td_string!(i18n.get_locale(), case_measures_planned),
        CaseState::Closed => td_string!(i18n.get_locale(), case_closed),
        CaseState::Rejected => td_string!(i18n.get_locale(), case_rejected),
    };
    let category = status.category;
    let comments = status.comments.clone();
    view! {
        {if just_sent {
            view! {
                <h1>{t!(i18n, status_received)}</h1>
                <p>{t!(i18n, status_received_next)}</p>
            }
                .into_any()
        } else {
            view! { <h1>{t!(i18n, status_title)}</h1> }.into_any()
        }}
        <p class="receipt">
            <span>{t!(i18n, status_case_no)}</span>
            <strong class="receipt-no">{status.receipt_no.clone()}</strong>
        </p>
        <p class="notice">
            {t!(i18n, status_keep_link)} " " <a href=link>{t!(i18n, status_link)}</a>
        </p>
        <dl class="facts">
            <dt>{t!(i18n, status_state)}</dt>
            <dd class="case-state">{state}</dd>
            <dt>{t!(i18n, status_place)}</dt>
            <dd>{status.place.clone()}</dd>
            <dt>{t!(i18n, status_unit)}</dt>
            <dd>{status.unit.clone()}</dd>
            {category.map(|category| view! {
                <dt>{t!(i18n, report_category)}</dt>
                <dd>{move || category.name(i18n.get_locale())}</dd>
            })}
            <dt>{t!(i18n, status_sent)}</dt>
            <dd>{status.reported_at.clone()}</dd>
        </dl>
        <h2>{t!(i18n, status_comments)}</h2>
        {if comments.is_empty() {
            view! { <p class="muted">{t!(i18n, status_no_comments)}</p> }.into_any()
        } else {
            view! {
                <ul class="comments">
                    {comments
                        .into_iter()
                        .map(|comment| view! {
                            <li><span class="muted">{comment.at}</span><p>{comment.body}</p></li>
                        })
                        .collect_view()}
                </ul>
            }
                .into_any()
        }}
    }
}
