//! Counts on the 5×5 risk matrix (sannsynlighet up, konsekvens across, as
//! on the round's risk picker): the dashboard's open cases, where each cell
//! links to its cases, and a round report's avvik.

use leptos::prelude::*;

use super::rating::{MatrixCount, Rating};
use crate::i18n::{t, td_string, use_i18n};
use crate::sync::rules::RiskLevel;

/// The matrix with the count in each cell (read out as "… 3 {noun}");
/// `link` gives a cell with a count its address, if it has one.
#[component]
pub fn CountMatrix(
    matrix: Vec<MatrixCount>,
    noun: &'static str,
    link: impl Fn(Rating) -> Option<String> + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let cells = (1..=5u8)
        .rev()
        .map(|probability| {
            let row = (1..=5u8)
                .map(|consequence| {
                    let rating = Rating {
                        probability,
                        consequence,
                    };
                    let class = format!("cell {}", RiskLevel::of(probability, consequence).css());
                    let count = MatrixCount::count_in(&matrix, rating);
                    if count == 0 {
                        return view! { <span class=class></span> }.into_any();
                    }
                    let label = format!(
                        "{} {probability}, {} {consequence}: {count} {noun}",
                        td_string!(locale, risk_probability),
                        td_string!(locale, risk_consequence),
                    );
                    match link(rating) {
                        Some(href) => {
                            view! { <a class=class href=href aria-label=label>{count}</a> }
                                .into_any()
                        }
                        None => view! {
                            <span class=class role="img" aria-label=label>{count}</span>
                        }
                        .into_any(),
                    }
                })
                .collect_view();
            view! { <span class="axis-n" aria-hidden="true">{probability}</span> {row} }
        })
        .collect_view();
    view! {
        <div class="risk-grid dash-matrix">
            <span class="axis axis-y" aria-hidden="true">{t!(i18n, risk_probability)}</span>
            {cells}
            <span></span>
            {(1..=5u8).map(|c| view! { <span class="axis-n" aria-hidden="true">{c}</span> }).collect_view()}
            <span class="axis axis-x" aria-hidden="true">{t!(i18n, risk_consequence)}</span>
        </div>
    }
}
