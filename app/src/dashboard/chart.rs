//! Cases per month for a year as a small bar chart, drawn as SVG on the
//! server (no chart library in the wasm), with the figures in its label
//! for a screen reader.

use leptos::prelude::*;

use super::model::MonthCount;
use crate::i18n::{Locale, td_string, use_i18n};

/// The drawing's size in its own units; it scales to the card's width.
const WIDTH: i64 = 360;
const HEIGHT: i64 = 170;
/// Room above the tallest bar (for its figure) and below the bars (for
/// the month names).
const TOP: i64 = 18;
const BOTTOM: i64 = 22;

/// A month's short name ("jan.").
pub fn month_name(locale: Locale, month: u32) -> &'static str {
    match month {
        1 => td_string!(locale, month_1),
        2 => td_string!(locale, month_2),
        3 => td_string!(locale, month_3),
        4 => td_string!(locale, month_4),
        5 => td_string!(locale, month_5),
        6 => td_string!(locale, month_6),
        7 => td_string!(locale, month_7),
        8 => td_string!(locale, month_8),
        9 => td_string!(locale, month_9),
        10 => td_string!(locale, month_10),
        11 => td_string!(locale, month_11),
        _ => td_string!(locale, month_12),
    }
}

/// A bar's height for `count` when the tallest month has `max`.
fn bar_height(count: i64, max: i64) -> i64 {
    if max <= 0 {
        return 0;
    }
    (count * (HEIGHT - TOP - BOTTOM) + max / 2) / max
}

/// The bar chart.
#[component]
pub fn MonthChart(months: Vec<MonthCount>) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let max = months.iter().map(|month| month.count).max().unwrap_or(0);
    let slot = WIDTH / i64::try_from(months.len().max(1)).unwrap_or(1);
    let figures: Vec<String> = months
        .iter()
        .map(|m| format!("{} {}: {}", month_name(locale, m.month), m.year, m.count))
        .collect();
    let label = format!(
        "{}. {}",
        td_string!(locale, dashboard_months_desc),
        figures.join(", ")
    );
    let base = HEIGHT - BOTTOM;
    let bars = months
        .into_iter()
        .zip(0_i64..)
        .map(|(month, index)| {
            let height = bar_height(month.count, max);
            let x = index * slot + slot / 6;
            let middle = index * slot + slot / 2;
            view! {
                <g>
                    <rect class="bar" x=x y=base - height width=slot * 2 / 3 height=height></rect>
                    <text class="figure" x=middle y=base - height - 4 text-anchor="middle">{month.count}</text>
                    <text class="month" x=middle y=HEIGHT - 6 text-anchor="middle">{month_name(locale, month.month)}</text>
                </g>
            }
        })
        .collect_view();
    view! {
        <svg class="month-chart" viewBox=format!("0 0 {WIDTH} {HEIGHT}") role="img" aria-label=label>
            <line class="axis-line" x1="0" y1=base x2=WIDTH y2=base></line>
            {bars}
        </svg>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_tallest_month_fills_the_chart_and_an_empty_year_draws_nothing() {
        let full = HEIGHT - TOP - BOTTOM;
        assert_eq!(bar_height(10, 10), full);
        assert_eq!(bar_height(5, 10), full / 2 + full % 2);
        assert_eq!(bar_height(0, 10), 0);
        assert_eq!(bar_height(0, 0), 0, "no case in a year: no bars");
    }
}
