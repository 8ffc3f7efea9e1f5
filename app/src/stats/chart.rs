//! A year's cases as four bars, one per quarter, each split by category,
//! drawn as SVG on the server (no chart library in the wasm), with a key of
//! the categories beside it and the figures in its label for a screen
//! reader (the tables below carry every figure too).

use leptos::prelude::*;

use super::model::{Quarters, category_text, year_total};
use crate::i18n::{Locale, td_string, use_i18n};
use crate::reports::categories::ReportCategory;

/// The drawing's size in its own units; it scales to the card's width.
const WIDTH: i64 = 360;
const HEIGHT: i64 = 190;
/// Room above the tallest bar (for its figure) and below the bars (for
/// the quarters' names).
const TOP: i64 = 18;
const BOTTOM: i64 = 22;

/// A category's colour, as a class (`style/main.css` gives each one).
pub fn category_class(category: Option<ReportCategory>) -> String {
    format!("cat-{}", category.map_or("none", ReportCategory::as_str))
}

/// A quarter's short name ("1. kv.").
pub fn quarter_name(locale: Locale, quarter: usize) -> &'static str {
    match quarter {
        0 => td_string!(locale, stats_q1),
        1 => td_string!(locale, stats_q2),
        2 => td_string!(locale, stats_q3),
        _ => td_string!(locale, stats_q4),
    }
}

/// The height of `count` cases when the tallest bar holds `max`.
fn scaled(count: i64, max: i64) -> i64 {
    if max <= 0 {
        return 0;
    }
    (count * (HEIGHT - TOP - BOTTOM) + max / 2) / max
}

/// One bar's parts from the bottom up: `(category, y, height)`, each
/// part's top where the one above starts, so rounding never leaves a gap
/// or an overlap between them.
fn stacked(
    per_category: &[(Option<ReportCategory>, Quarters)],
    quarter: usize,
    max: i64,
) -> Vec<(Option<ReportCategory>, i64, i64)> {
    let base = HEIGHT - BOTTOM;
    let mut below = 0;
    let mut parts = Vec::new();
    for (category, quarters) in per_category {
        let count = quarters.get(quarter).copied().unwrap_or(0);
        if count == 0 {
            continue;
        }
        let (bottom, top) = (scaled(below, max), scaled(below + count, max));
        below += count;
        parts.push((*category, base - top, top - bottom));
    }
    parts
}

/// The chart of `per_category` (as [`super::model::AvvikStats::per_category`]
/// gives it) with its key.
#[component]
pub fn QuarterChart(
    year: i32,
    per_category: Vec<(Option<ReportCategory>, Quarters)>,
    total: Quarters,
) -> impl IntoView {
    let locale = use_i18n().get_locale_untracked();
    let max = total.iter().copied().max().unwrap_or(0);
    let slot = WIDTH / 4;
    let figures: Vec<String> = (0..4)
        .map(|q| {
            format!(
                "{} {}",
                quarter_name(locale, q),
                total.get(q).copied().unwrap_or(0)
            )
        })
        .collect();
    let label = format!(
        "{} {year}: {}",
        td_string!(locale, stats_chart_desc),
        figures.join(", ")
    );
    let base = HEIGHT - BOTTOM;
    let bars = (0..4_usize)
        .zip(0_i64..)
        .map(|(quarter, index)| {
            let x = index * slot + slot / 5;
            let middle = index * slot + slot / 2;
            let count = total.get(quarter).copied().unwrap_or(0);
            let parts = stacked(&per_category, quarter, max)
                .into_iter()
                .map(|(category, y, height)| {
                    view! { <rect class=category_class(category) x=x y=y width=slot * 3 / 5 height=height></rect> }
                })
                .collect_view();
            view! {
                <g>
                    {parts}
                    <text class="figure" x=middle y=base - scaled(count, max) - 4 text-anchor="middle">{count}</text>
                    <text class="month" x=middle y=HEIGHT - 6 text-anchor="middle">{quarter_name(locale, quarter)}</text>
                </g>
            }
        })
        .collect_view();
    let key = per_category
        .into_iter()
        .map(|(category, quarters)| {
            view! {
                <li>
                    <span class=format!("swatch {}", category_class(category)) aria-hidden="true"></span>
                    {category_text(category, locale)} " (" {year_total(&quarters)} ")"
                </li>
            }
        })
        .collect_view();
    view! {
        <div class="quarter-chart">
            <svg class="month-chart" viewBox=format!("0 0 {WIDTH} {HEIGHT}") role="img" aria-label=label>
                <line class="axis-line" x1="0" y1=base x2=WIDTH y2=base></line>
                {bars}
            </svg>
            <ul class="chart-key">{key}</ul>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bars_parts_meet_and_the_tallest_bar_fills_the_chart() {
        let per_category = [
            (Some(ReportCategory::Fire), [1, 3, 0, 0]),
            (None, [2, 0, 0, 0]),
        ];
        let full = HEIGHT - TOP - BOTTOM;
        let first = stacked(&per_category, 0, 3);
        assert_eq!(first.len(), 2);
        let heights: i64 = first.iter().map(|(_, _, height)| height).sum();
        assert_eq!(heights, full, "3 of 3");
        let (lower, upper) = (first[0], first[1]);
        assert_eq!(
            upper.1 + upper.2,
            lower.1,
            "the upper part ends where the lower starts"
        );
        assert_eq!(
            lower.1 + lower.2,
            HEIGHT - BOTTOM,
            "the bar stands on the axis"
        );
        assert!(
            stacked(&per_category, 2, 3).is_empty(),
            "an empty quarter draws nothing"
        );
        assert!(
            stacked(&per_category, 0, 0)
                .iter()
                .all(|(_, _, height)| *height == 0)
        );
    }

    #[test]
    fn each_category_has_a_class_of_its_own() {
        let mut classes: Vec<String> = ReportCategory::ALL
            .into_iter()
            .map(Some)
            .chain([None])
            .map(category_class)
            .collect();
        classes.sort();
        classes.dedup();
        assert_eq!(classes.len(), ReportCategory::ALL.len() + 1);
    }
}
