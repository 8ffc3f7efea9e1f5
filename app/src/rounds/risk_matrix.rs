//! The 5×5 risk matrix: one tap picks sannsynlighet and konsekvens.

use leptos::prelude::*;

use crate::i18n::{Locale, t, td_string, use_i18n};
use crate::sync::rules::RiskLevel;

/// Picks probability (rows, 5 at the top) and consequence (columns).
#[component]
pub fn RiskMatrix(
    probability: RwSignal<Option<u8>>,
    consequence: RwSignal<Option<u8>>,
    #[prop(into)] id: String,
) -> impl IntoView {
    let i18n = use_i18n();
    let heading = format!("{id}-risk");
    let chosen = move || probability.get().zip(consequence.get());
    let level_text = move || chosen().map(|(p, c)| risk_text(i18n.get_locale(), p, c));
    view! {
        <div class="risk" role="group" aria-labelledby=heading.clone()>
            <p id=heading.clone() class="risk-title">{t!(i18n, risk_title)}</p>
            <div class="risk-grid">
                <span class="axis axis-y" aria-hidden="true">{t!(i18n, risk_probability)}</span>
                {(1..=5u8).rev().map(|p| view! {
                    <span class="axis-n" aria-hidden="true">{p}</span>
                    {(1..=5u8).map(|c| {
                        let class = format!("cell {}", RiskLevel::of(p, c).css());
                        let label = move || {
                            let locale = i18n.get_locale();
                            format!(
                                "{} {p}, {} {c}",
                                td_string!(locale, risk_probability),
                                td_string!(locale, risk_consequence)
                            )
                        };
                        view! {
                            <button type="button" class=class aria-label=label
                                aria-pressed=move || (chosen() == Some((p, c))).to_string()
                                on:click=move |_| { probability.set(Some(p)); consequence.set(Some(c)); }>
                                {u16::from(p) * u16::from(c)}
                            </button>
                        }
                    }).collect_view()}
                }).collect_view()}
                <span></span>
                {(1..=5u8).map(|c| view! { <span class="axis-n" aria-hidden="true">{c}</span> }).collect_view()}
                <span class="axis axis-x" aria-hidden="true">{t!(i18n, risk_consequence)}</span>
            </div>
            <p class="risk-level" aria-live="polite">{level_text}</p>
        </div>
    }
}

/// A saved risk as the matrix names it ("Risiko 16: høy"), in the level's colour.
#[component]
pub fn RiskBadge(probability: u8, consequence: u8) -> impl IntoView {
    let i18n = use_i18n();
    let class = format!(
        "risk-badge {}",
        RiskLevel::of(probability, consequence).css()
    );
    view! {
        <span class=class>{move || risk_text(i18n.get_locale(), probability, consequence)}</span>
    }
}

/// "Risiko 16: høy": the score and its level in words.
pub fn risk_text(locale: Locale, probability: u8, consequence: u8) -> String {
    let level = match RiskLevel::of(probability, consequence) {
        RiskLevel::High => td_string!(locale, risk_high),
        RiskLevel::Medium => td_string!(locale, risk_medium),
        RiskLevel::Low => td_string!(locale, risk_low),
    };
    format!(
        "{} {}: {level}",
        td_string!(locale, risk_score),
        u16::from(probability) * u16::from(consequence)
    )
}
