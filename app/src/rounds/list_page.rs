//! `/runder`: Mine vernerunder — ongoing, planned and finished rounds on this device.

use leptos::prelude::*;

use super::report::REPORT_PATH;
use crate::i18n::{t, use_i18n};
use crate::layout::page_frame::PageFrame;
use crate::sync::records::{RoundRecord, RoundStatus};

/// The list of rounds the device knows (made here or pulled from the server).
#[component]
pub fn RoundsPage() -> impl IntoView {
    let i18n = use_i18n();
    let rounds = RwSignal::new(None::<Result<Vec<RoundRecord>, String>>);
    let status = crate::offline::status::use_sync_status();
    // Load again after every sync, so pulled rounds appear.
    let synced = Memo::new(move |_| status.with(|s| s.last_sync_ms));
    Effect::new(move |_| {
        // Read, not only tracked: tracking alone missed later syncs.
        let _ = synced.get();
        #[cfg(feature = "hydrate")]
        super::in_browser(async move {
            rounds.set(Some(crate::offline::store::rounds().await));
        });
    });
    let group = move |status: RoundStatus| {
        rounds
            .get()
            .and_then(Result::ok)
            .unwrap_or_default()
            .into_iter()
            .filter(move |round| round.status == status)
            .collect::<Vec<_>>()
    };
    view! {
        <PageFrame>
            <main id="main" class="page narrow">
                <h1>{t!(i18n, rounds_title)}</h1>
                <p>
                    <a class="button" href="/runder/ny">{t!(i18n, rounds_new)}</a>
                </p>
                {move || match rounds.get() {
                    None => view! { <p>{t!(i18n, loading)}</p> }.into_any(),
                    Some(Err(message)) => view! { <p class="error" role="alert">{message}</p> }.into_any(),
                    Some(Ok(_)) => view! {
                        <RoundGroup title=t!(i18n, rounds_ongoing).into_any() rounds=group(RoundStatus::Ongoing) />
                        <RoundGroup title=t!(i18n, rounds_planned).into_any() rounds=group(RoundStatus::Planned) />
                        <RoundGroup title=t!(i18n, rounds_finished).into_any() rounds=group(RoundStatus::Finished) reports=true />
                    }
                    .into_any(),
                }}
            </main>
        </PageFrame>
    }
}

/// A group of rounds; finished ones (`reports`) link to their report too.
#[component]
fn RoundGroup(
    title: AnyView,
    rounds: Vec<RoundRecord>,
    #[prop(optional)] reports: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let empty = rounds.is_empty();
    view! {
        <section class="card">
            <h2>{title}</h2>
            <Show when=move || empty>
                <p class="muted">{t!(i18n, rounds_none)}</p>
            </Show>
            <ul class="round-list">
                {rounds
                    .into_iter()
                    .map(|round| {
                        let href = format!("/runde?id={}", round.id);
                        let report = reports.then(|| {
                            let href = format!("{REPORT_PATH}?id={}", round.id);
                            view! { " · " <a href=href>{t!(i18n, round_report_link)}</a> }
                        });
                        view! {
                            <li>
                                <a href=href>{round.title}</a>
                                <span class="muted">" · " {round.date}</span>
                                {report}
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </section>
    }
}
