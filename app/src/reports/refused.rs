//! Reports the server refused after the phone had kept them (a code
//! replaced while the phone was offline, a photo the server cannot read).
//! They stay on the phone, shown with the reason, until the person removes
//! them: no report disappears without a word.

use leptos::prelude::*;

use super::form_sending::WaitingReportsSent;
use crate::error::AppError;
use crate::i18n::{t, use_i18n};
use crate::layout::error_message::ErrorMessage;

/// A refused report, as the list shows it.
#[derive(Clone, Debug, PartialEq)]
struct RefusedReport {
    client_id: String,
    description: String,
    reason: AppError,
}

/// The refused reports on this phone, if any (nothing otherwise). On a
/// report page, `form_report` is the id of the report its form sends: the
/// form shows that one's refusal itself, beside what was typed.
#[component]
pub fn RefusedReports(#[prop(optional)] form_report: Option<StoredValue<String>>) -> impl IntoView {
    let i18n = use_i18n();
    // Empty on the server and at hydration; read from the phone after.
    let reports = RwSignal::new(Vec::<RefusedReport>::new());
    let waiting_sent = use_context::<WaitingReportsSent>();
    Effect::new(move |_| {
        // Read again after each round of sending what earlier pages left.
        if let Some(sent) = waiting_sent {
            sent.0.track();
        }
        #[cfg(feature = "hydrate")]
        leptos::task::spawn_local(async move {
            let own = form_report.map(|id| id.get_value());
            let refused = super::queue::refused()
                .await
                .into_iter()
                .filter(|draft| own.as_ref() != Some(&draft.client_id))
                .map(|draft| RefusedReport {
                    description: draft.description().to_owned(),
                    reason: draft.refused.clone().unwrap_or(AppError::Internal),
                    client_id: draft.client_id,
                });
            reports.set(refused.collect());
        });
        #[cfg(not(feature = "hydrate"))]
        let _ = form_report;
    });
    let remove = move |client_id: String| {
        #[cfg(feature = "hydrate")]
        leptos::task::spawn_local(async move {
            if super::queue::forget(&client_id).await.is_ok() {
                reports.update(|list| list.retain(|report| report.client_id != client_id));
            }
        });
        #[cfg(not(feature = "hydrate"))]
        let _ = client_id;
    };
    view! {
        <Show when=move || !reports.with(Vec::is_empty)>
            <section class="card refused-reports" aria-labelledby="refused-title">
                <h2 id="refused-title">{t!(i18n, report_refused_title)}</h2>
                <p>{t!(i18n, report_refused_intro)}</p>
                <ul>
                    {move || {
                        reports
                            .get()
                            .into_iter()
                            .map(|report| {
                                let client_id = report.client_id.clone();
                                view! {
                                    <li>
                                        <q>{report.description}</q>
                                        <br />
                                        <span class="error"><ErrorMessage error=report.reason /></span>
                                        " "
                                        <button
                                            type="button"
                                            class="small secondary"
                                            on:click=move |_| remove(client_id.clone())
                                        >
                                            {t!(i18n, report_refused_remove)}
                                        </button>
                                    </li>
                                }
                            })
                            .collect_view()
                    }}
                </ul>
            </section>
        </Show>
    }
}
