//! One checklist point: OK / Avvik / Ikke relevant, and for an avvik what
//! was seen, the risk, a suggested tiltak and photos.

use leptos::prelude::*;

use super::avvik_summary::AvvikSummary;
use super::photo_field::{PhotoField, PhotoView};
use super::risk_matrix::RiskMatrix;
use crate::i18n::{t, use_i18n};
use crate::layout::new_version::HoldsUnsavedText;
use crate::sync::ids::point_finding_id;
use crate::sync::protocol::FindingInput;
use crate::sync::records::{Answer, FindingRecord};
use crate::sync::reference::ItemRef;

/// A point of the checklist in the chosen room.
#[component]
pub fn Point(
    round_id: String,
    room: Signal<String>,
    item: ItemRef,
    findings: RwSignal<Vec<FindingRecord>>,
    photos: RwSignal<Vec<PhotoView>>,
    read_only: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let item_id = item.id.clone();
    let current = Memo::new(move |_| {
        let room_id = room.get();
        findings.with(|list| {
            list.iter()
                .filter(|f| f.item_id == item_id && f.room_id.as_deref().unwrap_or("") == room_id)
                .max_by(|a, b| a.id.cmp(&b.id))
                .cloned()
        })
    });
    let editing = RwSignal::new(false);
    let draft_id = RwSignal::new(String::new());
    let observation = RwSignal::new(String::new());
    let measure = RwSignal::new(String::new());
    let probability = RwSignal::new(None::<u8>);
    let consequence = RwSignal::new(None::<u8>);
    let error = RwSignal::new(None::<String>);
    let answer = move || current.get().map(|f| f.answer);
    // The same id on every device for this point in this room.
    let point_key = StoredValue::new((round_id.clone(), item.id.clone()));
    let fresh_id = move || {
        let room_id = room.get_untracked();
        let room_id = (!room_id.is_empty()).then_some(room_id.as_str());
        point_key.with_value(|(round, item)| point_finding_id(round, room_id, item))
    };
    let input_for = {
        let round_id = round_id.clone();
        let item_id = item.id.clone();
        move |answer: Answer| {
            let existing = current.get_untracked();
            let room_id = room.get_untracked();
            let avvik = answer == Answer::Avvik;
            FindingInput {
                finding_id: if avvik {
                    draft_id.get_untracked()
                } else {
                    existing
                        .as_ref()
                        .map(|f| f.id.clone())
                        .unwrap_or_else(fresh_id)
                },
                round_id: round_id.clone(),
                room_id: (!room_id.is_empty()).then_some(room_id),
                item_id: item_id.clone(),
                answer,
                observation: if avvik {
                    observation.get_untracked()
                } else {
                    existing
                        .as_ref()
                        .map(|f| f.observation.clone())
                        .unwrap_or_default()
                },
                probability: if avvik {
                    probability.get_untracked()
                } else {
                    None
                },
                consequence: if avvik {
                    consequence.get_untracked()
                } else {
                    None
                },
                suggested_measure: if avvik {
                    measure.get_untracked()
                } else {
                    existing
                        .as_ref()
                        .map(|f| f.suggested_measure.clone())
                        .unwrap_or_default()
                },
                base_seq: existing.map_or(0, |f| f.seen_seq()),
            }
        }
    };
    let open_form = move || {
        let existing = current.get_untracked();
        draft_id.set(
            existing
                .as_ref()
                .map(|f| f.id.clone())
                .unwrap_or_else(fresh_id),
        );
        observation.set(
            existing
                .as_ref()
                .map(|f| f.observation.clone())
                .unwrap_or_default(),
        );
        measure.set(
            existing
                .as_ref()
                .map(|f| f.suggested_measure.clone())
                .unwrap_or_default(),
        );
        probability.set(existing.as_ref().and_then(|f| f.probability));
        consequence.set(existing.as_ref().and_then(|f| f.consequence));
        error.set(None);
        editing.set(true);
    };
    let save = {
        let input_for = input_for.clone();
        move |answer: Answer| {
            let input = input_for(answer);
            let locale = i18n.get_locale_untracked();
            if let Err(problem) = crate::sync::rules::check_finding(&input) {
                let problem = crate::offline::device_error::DeviceError::Finding(problem);
                error.set(Some(problem.text(locale)));
                return;
            }
            error.set(None);
            #[cfg(feature = "hydrate")]
            super::in_browser(async move {
                match store_finding(input, findings).await {
                    Ok(()) => editing.set(false),
                    Err(problem) => error.set(Some(problem.text(locale))),
                }
            });
        }
    };
    let pick = {
        let save = save.clone();
        move |answer: Answer| {
            if answer == Answer::Avvik {
                open_form();
            } else {
                editing.set(false);
                save(answer);
            }
        }
    };
    let button = move |answer: Answer, label: AnyView, class: &'static str| {
        let pick = pick.clone();
        view! {
            <button type="button" class=format!("answer {class}") disabled=read_only
                aria-pressed=move || (self::answer_is(answer, current.get().map(|f| f.answer), editing.get())).to_string()
                on:click=move |_| pick(answer)>{label}</button>
        }
    };
    let photo_finding = Signal::derive(move || {
        if editing.get() {
            draft_id.get()
        } else {
            current.get().map(|f| f.id).unwrap_or_default()
        }
    });
    let dom_id = format!("p-{}", item.id);
    let save_avvik = save.clone();
    let (form_round, summary_round) = (round_id.clone(), round_id.clone());
    view! {
        <li class="point" data-item-id=item.id.clone()>
            <p class="point-text" id=dom_id.clone()>{item.text.clone()}</p>
            {(!item.guidance.is_empty()).then(|| view! {
                <details class="guidance"><summary>{t!(i18n, point_guidance)}</summary>
                    <p>{item.guidance.clone()}</p><p class="muted">{item.legal_ref.clone()}</p></details>
            })}
            <div class="answers" role="group" aria-labelledby=dom_id.clone()>
                {button(Answer::Ok, t!(i18n, answer_ok).into_any(), "ok")}
                {button(Answer::Avvik, t!(i18n, answer_avvik).into_any(), "avvik")}
                {button(Answer::IkkeRelevant, t!(i18n, answer_na).into_any(), "na")}
            </div>
            <Show when=move || editing.get()>
                <div class="avvik-form stack">
                    <HoldsUnsavedText />
                    <label for=format!("{dom_id}-obs")>{t!(i18n, avvik_observation)}</label>
                    <textarea id=format!("{dom_id}-obs") required maxlength="4000" prop:value=move || observation.get()
                        on:input=move |ev| observation.set(event_target_value(&ev))></textarea>
                    <RiskMatrix probability consequence id=dom_id.clone() />
                    <label for=format!("{dom_id}-measure")>{t!(i18n, avvik_measure)}</label>
                    <textarea id=format!("{dom_id}-measure") maxlength="4000" prop:value=move || measure.get()
                        on:input=move |ev| measure.set(event_target_value(&ev))></textarea>
                    <PhotoField round_id=form_round.clone() finding_id=photo_finding photos read_only />
                    {move || error.get().map(|message| view! { <p class="error" role="alert">{message}</p> })}
                    <div class="row">
                        <button type="button" class="primary" on:click={let save = save_avvik.clone(); move |_| save(Answer::Avvik)}>{t!(i18n, avvik_save)}</button>
                        <button type="button" class="secondary" on:click=move |_| editing.set(false)>{t!(i18n, cancel)}</button>
                    </div>
                </div>
            </Show>
            <Show when=move || !editing.get() && answer() == Some(Answer::Avvik)>
                <AvvikSummary current photos photo_finding round_id=summary_round.clone() />
            </Show>
            {move || error.get().filter(|_| !editing.get()).map(|message| view! { <p class="error" role="alert">{message}</p> })}
        </li>
    }
}

fn answer_is(answer: Answer, stored: Option<Answer>, editing: bool) -> bool {
    if editing {
        answer == Answer::Avvik
    } else {
        stored == Some(answer)
    }
}

/// Keeps the answer on the device (record and outbox in one transaction)
/// and shows it at once.
#[cfg(feature = "hydrate")]
async fn store_finding(
    input: FindingInput,
    findings: RwSignal<Vec<FindingRecord>>,
) -> Result<(), crate::offline::device_error::DeviceError> {
    crate::offline::store::save_finding(input.clone()).await?;
    findings.update(|list| {
        let kept = list.iter().find(|f| f.id == input.finding_id).cloned();
        list.retain(|f| f.id != input.finding_id);
        list.push(FindingRecord {
            id: input.finding_id,
            round_id: input.round_id,
            room_id: input.room_id,
            item_id: input.item_id,
            answer: input.answer,
            observation: input.observation,
            probability: input.probability,
            consequence: input.consequence,
            suggested_measure: input.suggested_measure,
            text_seq: kept.as_ref().map_or(0, |f| f.text_seq),
            answer_seq: kept.as_ref().map_or(0, |f| f.answer_seq),
            conflicts: kept.map(|f| f.conflicts).unwrap_or_default(),
        });
    });
    crate::offline::engine::request_sync();
    Ok(())
}
