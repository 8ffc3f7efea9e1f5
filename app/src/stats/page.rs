//! `/statistikk?aar=…&enhet=…`: a year's avvik for AMU, chosen by year and
//! unit with a plain GET form (it works before the app has loaded), as a
//! chart and tables, and as an XLSX download of the same choice.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use super::chart::QuarterChart;
use super::model::{AvvikStats, STATS_PATH, STATS_XLSX_PATH, load_stats, year_total};
use super::tables::{CategoryTable, UnitTable};
use crate::i18n::{t, td_string, use_i18n};
use crate::layout::loaded::Loaded;
use crate::layout::offline_note::ReadOnlyOffline;
use crate::layout::page_frame::PageFrame;
use crate::layout::query_link::with_query;
use crate::layout::unit_picker::UnitPicker;
use crate::layout::year_select::YearSelect;

/// The statistics page; the year and the unit come from the address.
#[component]
pub fn StatsPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let choice = Memo::new(move |_| {
        let query = query.read();
        (
            query.get("aar").unwrap_or_default(),
            query.get("enhet").unwrap_or_default(),
        )
    });
    let stats = Resource::new(move || choice.get(), |(year, unit)| load_stats(year, unit));
    view! {
        <PageFrame>
            <main id="main" class="page">
                <h1>{t!(i18n, stats_title)}</h1>
                <ReadOnlyOffline />
                <Loaded resource=stats render=|stats| view! { <StatsBody stats /> } />
            </main>
        </PageFrame>
    }
}

#[component]
fn StatsBody(stats: AvvikStats) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let (total, per_category, per_unit) = (stats.total(), stats.per_category(), stats.per_unit());
    let AvvikStats {
        year,
        years,
        unit_id,
        units,
        ..
    } = stats;
    let all = year_total(&total);
    let button = td_string!(locale, avvik_apply);
    view! {
        <UnitPicker action=STATS_PATH field_id="stats-unit" units unit_id=unit_id.clone() button>
            <YearSelect field_id="stats-year" years year />
        </UnitPicker>
        <a class="export no-print" href=export_href(year, &unit_id) download>{t!(i18n, export_xlsx)}</a>
        <p class="plan-counts">
            {t!(i18n, stats_registered, year = move || year)} ": " <strong>{all}</strong>
        </p>
        {if all == 0 {
            view! { <p>{t!(i18n, stats_none, year = move || year)}</p> }.into_any()
        } else {
            view! {
                <section class="card" aria-labelledby="stats-chart">
                    <h2 id="stats-chart">{t!(i18n, stats_chart)}</h2>
                    <QuarterChart year per_category=per_category.clone() total />
                </section>
                <CategoryTable per_category total />
                <UnitTable per_unit />
            }
            .into_any()
        }}
    }
}

/// The XLSX of the statistics shown.
fn export_href(year: i32, unit_id: &str) -> String {
    with_query(
        STATS_XLSX_PATH,
        &[("aar", &year.to_string()), ("enhet", unit_id)],
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_download_carries_the_year_and_the_unit_chosen() {
        assert_eq!(
            export_href(2026, ""),
            "/api/v1/avvik/statistikk.xlsx?aar=2026"
        );
        assert_eq!(
            export_href(2025, "u1"),
            "/api/v1/avvik/statistikk.xlsx?aar=2025&enhet=u1"
        );
    }
}
