//! `/runde/avslutt?id=…`: the summary, sign-off by the participants, and
//! closing the round (read-only afterwards).

use leptos::prelude::*;

use super::photo_field::PhotoView;
use super::progress::summarize;
use super::round_page::LoadedRound;
use crate::i18n::{t, use_i18n};
use crate::layout::page_frame::PageFrame;
use crate::sync::records::{FindingRecord, RoundStatus};

/// The finish page.
#[component]
pub fn FinishRoundPage() -> impl IntoView {
    let i18n = use_i18n();
    let findings = RwSignal::new(Vec::<FindingRecord>::new());
    let photos = RwSignal::new(Vec::<PhotoView>::new());
    let loaded = super::round_page::use_round_from_query(findings, photos);
    view! {
        <PageFrame>
            <main id="main" class="page narrow">
                <h1>{t!(i18n, finish_title)}</h1>
                {move || match loaded.get() {
                    None => view! { <p>{t!(i18n, loading)}</p> }.into_any(),
                    Some(Err(message)) => view! { <p class="error" role="alert">{message}</p> }.into_any(),
                    Some(Ok(data)) => view! { <FinishForm data findings /> }.into_any(),
                }}
            </main>
        </PageFrame>
    }
}

#[component]
fn FinishForm(data: LoadedRound, findings: RwSignal<Vec<FindingRecord>>) -> impl IntoView {
    let i18n = use_i18n();
    let summary = Memo::new(move |_| findings.with(|list| summarize(list)));
    let round = data.round.clone();
    let finished = round.status == RoundStatus::Finished;
    let signed: Vec<RwSignal<bool>> = round
        .participants
        .iter()
        .map(|p| RwSignal::new(p.signed))
        .collect();
    let error = RwSignal::new(None::<String>);
    let navigate = leptos_router::hooks::use_navigate();
    let back = format!("/runde?id={}", round.id);
    let submit = {
        let signed = signed.clone();
        let round = round.clone();
        let back = back.clone();
        move |event: leptos::ev::SubmitEvent| {
            event.prevent_default();
            let signed_by: Vec<String> = round
                .participants
                .iter()
                .zip(&signed)
                .filter(|(_, signed)| signed.get_untracked())
                .map(|(p, _)| p.id.clone())
                .collect();
            if signed_by.is_empty() {
                error.set(Some(
                    crate::i18n::td_string!(i18n.get_locale_untracked(), finish_need_signature)
                        .to_owned(),
                ));
                return;
            }
            #[cfg(feature = "hydrate")]
            {
                let (id, navigate, back) = (round.id.clone(), navigate.clone(), back.clone());
                super::in_browser(async move {
                    match crate::offline::store::finish_round(&id, signed_by).await {
                        Ok(()) => {
                            crate::offline::engine::request_sync();
                            navigate(&back, Default::default());
                        }
                        Err(problem) => {
                            error.set(Some(problem.text(i18n.get_locale_untracked())));
                        }
                    }
                });
            }
            #[cfg(not(feature = "hydrate"))]
            let _ = (&navigate, &back, signed_by);
        }
    };
    view! {
        <h2>{round.title.clone()}</h2>
        <dl class="stats card">
            <dt>{t!(i18n, finish_answered)}</dt><dd data-testid="answered">{move || summary.get().answered}</dd>
            <dt>{t!(i18n, finish_ok)}</dt><dd>{move || summary.get().ok}</dd>
            <dt>{t!(i18n, finish_na)}</dt><dd>{move || summary.get().not_relevant}</dd>
            <dt class="level level-high">{t!(i18n, finish_avvik_high)}</dt><dd data-testid="avvik-high">{move || summary.get().avvik[0]}</dd>
            <dt class="level level-medium">{t!(i18n, finish_avvik_medium)}</dt><dd data-testid="avvik-medium">{move || summary.get().avvik[1]}</dd>
            <dt class="level level-low">{t!(i18n, finish_avvik_low)}</dt><dd data-testid="avvik-low">{move || summary.get().avvik[2]}</dd>
        </dl>
        <form class="card stack" on:submit=submit>
            <fieldset class="stack" disabled=finished>
                <legend>{t!(i18n, finish_sign)}</legend>
                {round.participants.iter().zip(signed).map(|(person, signed)| {
                    let id = format!("sign-{}", person.id);
                    let label = format!("{} ({})", person.name, person.role_label);
                    view! {
                        <div class="check">
                            <input type="checkbox" id=id.clone() prop:checked=move || signed.get()
                                on:change=move |ev| signed.set(event_target_checked(&ev)) />
                            <label for=id>{label}</label>
                        </div>
                    }
                }).collect_view()}
            </fieldset>
            {move || error.get().map(|message| view! { <p class="error" role="alert">{message}</p> })}
            {(!finished).then(|| view! { <button type="submit" class="primary">{t!(i18n, finish_submit)}</button> })}
            {finished.then(|| view! { <p class="notice">{t!(i18n, round_read_only)}</p> })}
        </form>
        <p><a href=back>{t!(i18n, finish_back)}</a></p>
    }
}
