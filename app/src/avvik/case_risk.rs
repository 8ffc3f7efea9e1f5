//! A case's risk on its page: the score it sorts by, the first rating and
//! the leader's (both kept), and for those who follow it up a form to rate
//! it again on the 5×5 matrix.

use leptos::prelude::*;

use super::moves::RerateAvvik;
use super::rating::{CaseRating, Rating};
use super::risk::level_of;
use crate::i18n::{Locale, t, td_string, use_i18n};
use crate::layout::error_message::ErrorMessage;
use crate::sync::rules::RiskLevel;

/// The risk lines of the case's facts (inside its `<dl>`).
#[component]
pub fn RiskFacts(rating: CaseRating) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let score = rating.score();
    let now = match level_of(score) {
        Some(level) => format!("{score} – {}", level_label(level, locale)),
        None => td_string!(locale, avvik_unrated).to_owned(),
    };
    let first = match (rating.first, rating.words) {
        (Some(first), _) => rating_text(first, locale),
        (None, Some(words)) => format!(
            "{} ({})",
            words.describe(locale).0,
            td_string!(locale, avvik_rating_words)
        ),
        (None, None) => "–".to_owned(),
    };
    let leader = rating.leader.map(|leader| rating_text(leader, locale));
    view! {
        <dt>{t!(i18n, avvik_risk)}</dt>
        <dd class="case-risk">{now}</dd>
        <dt>{t!(i18n, avvik_rating_first)}</dt>
        <dd>{first}</dd>
        {leader.map(|text| view! { <dt>{t!(i18n, avvik_rating_leader)}</dt> <dd class="case-leader-rating">{text}</dd> })}
    }
}

/// Rates the case again; it starts from the rating the case has now.
#[component]
pub fn RerateForm(
    id: String,
    current: Option<Rating>,
    rerate: ServerAction<RerateAvvik>,
) -> impl IntoView {
    let i18n = use_i18n();
    let probability = RwSignal::new(current.map_or(0, |rating| rating.probability));
    let consequence = RwSignal::new(current.map_or(0, |rating| rating.consequence));
    let id = StoredValue::new(id);
    let send = move |_| {
        rerate.dispatch(RerateAvvik {
            id: id.get_value(),
            probability: i64::from(probability.get_untracked()),
            consequence: i64::from(consequence.get_untracked()),
        });
    };
    view! {
        <section class="card" aria-labelledby="case-rerate">
            <h2 id="case-rerate">{t!(i18n, avvik_rerate_title)}</h2>
            <div class="row">
                <ScaleSelect id="rerate-probability" label=td_string!(i18n.get_locale_untracked(), risk_probability) value=probability />
                <ScaleSelect id="rerate-consequence" label=td_string!(i18n.get_locale_untracked(), risk_consequence) value=consequence />
            </div>
            <p class="hint">{t!(i18n, avvik_rerate_hint)}</p>
            <button type="button" class="secondary" disabled=move || rerate.pending().get() on:click=send>
                {t!(i18n, avvik_rerate_save)}
            </button>
            <div role="alert" class="alert-slot">
                {move || {
                    rerate.value().get().and_then(Result::err)
                        .map(|error| view! { <p class="error"><ErrorMessage error /></p> })
                }}
            </div>
        </section>
    }
}

/// A 1–5 choice (0: none chosen yet, which the server refuses).
#[component]
fn ScaleSelect(id: &'static str, label: &'static str, value: RwSignal<u8>) -> impl IntoView {
    let chosen = value.get_untracked();
    let options = (0..=5u8)
        .map(|step| {
            let text = if step == 0 {
                "–".to_owned()
            } else {
                step.to_string()
            };
            view! { <option value=step.to_string() selected=step == chosen>{text}</option> }
        })
        .collect_view();
    view! {
        <span class="field">
            <label for=id>{label}</label>
            <select id=id on:change=move |event| value.set(event_target_value(&event).parse().unwrap_or(0))>
                {options}
            </select>
        </span>
    }
}

/// "Sannsynlighet 4 × Konsekvens 5 = 20".
pub fn rating_text(rating: Rating, locale: Locale) -> String {
    format!(
        "{} {} × {} {} = {}",
        td_string!(locale, risk_probability),
        rating.probability,
        td_string!(locale, risk_consequence),
        rating.consequence,
        rating.score()
    )
}

/// A risk level's name with its band ("Høy risiko (10–25)").
pub fn level_label(level: RiskLevel, locale: Locale) -> &'static str {
    match level {
        RiskLevel::High => td_string!(locale, avvik_risk_high),
        RiskLevel::Medium => td_string!(locale, avvik_risk_medium),
        RiskLevel::Low => td_string!(locale, avvik_risk_low),
    }
}
