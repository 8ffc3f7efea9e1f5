//! A saved avvik under its checklist point.

use leptos::prelude::*;

use super::photo_field::{PhotoField, PhotoView};
use super::risk_matrix::RiskBadge;
use crate::i18n::{t, use_i18n};
use crate::sync::records::{Answer, FindingRecord};

/// A saved avvik: what was seen, the risk, conflict copies (texts and
/// answers given without seeing this one) and photos.
#[component]
pub fn AvvikSummary(
    current: Memo<Option<FindingRecord>>,
    photos: RwSignal<Vec<PhotoView>>,
    photo_finding: Signal<String>,
    round_id: String,
) -> impl IntoView {
    let i18n = use_i18n();
    let finding = move || current.get();
    view! {
        <div class="avvik-summary">
            <p>{move || finding().map(|f| f.observation)}</p>
            <p>{move || finding().and_then(|f| {
                let (probability, consequence) = (f.probability?, f.consequence?);
                Some(view! { <RiskBadge probability consequence /> })
            })}</p>
            {move || finding().map(|f| f.conflicts).unwrap_or_default().into_iter().map(|copy| {
                let answer = (copy.field == "answer").then(|| Answer::parse(&copy.text)).flatten();
                view! {
                    <div class="conflict notice" role="note">
                        {match answer {
                            Some(answer) => view! {
                                <strong>{t!(i18n, conflict_answer_title)}</strong>
                                <p>{copy.author} ": " <AnswerName answer /></p>
                            }.into_any(),
                            None => view! {
                                <strong>{t!(i18n, conflict_title)}</strong>
                                <p>{copy.author} ": " {copy.text}</p>
                            }.into_any(),
                        }}
                    </div>
                }
            }).collect_view()}
            <PhotoField round_id finding_id=photo_finding photos read_only=true />
        </div>
    }
}

/// An answer's name as the answer buttons show it.
#[component]
fn AnswerName(answer: Answer) -> impl IntoView {
    let i18n = use_i18n();
    match answer {
        Answer::Ok => t!(i18n, answer_ok).into_any(),
        Answer::Avvik => t!(i18n, answer_avvik).into_any(),
        Answer::IkkeRelevant => t!(i18n, answer_na).into_any(),
    }
}
