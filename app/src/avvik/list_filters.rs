//! The avvik list's filters: read from the page's address (so a filtered
//! list can be bookmarked, reloaded or sent on) and chosen in a plain GET
//! form that works before the app has loaded.

use leptos::prelude::*;
use leptos_router::params::ParamsMap;

use super::list::{AvvikFilter, CaseSource};
use super::rating::Rating;
use super::risk::RiskFilter;
use crate::domain::units::UnitView;
use crate::i18n::{Locale, t, td_string, use_i18n};
use crate::reports::{CaseState, ReportCategory};

/// The status filter's value for every case still open.
const OPEN_ONLY: &str = "apne";

/// The filter the address asks for; an unknown value is no filter.
pub fn filter_from_query(query: &ParamsMap) -> AvvikFilter {
    let text = |key: &str| query.get(key).filter(|value| !value.is_empty());
    let parsed =
        |key: &str| -> Option<serde_json::Value> { text(key).map(serde_json::Value::from) };
    let number = |key: &str| text(key).and_then(|value| value.parse::<i64>().ok());
    AvvikFilter {
        unit_id: text("enhet"),
        status: parsed("status").and_then(|value| serde_json::from_value(value).ok()),
        open_only: text("status").as_deref() == Some(OPEN_ONLY),
        cell: Rating::stored(number("sannsynlighet"), number("konsekvens")),
        risk: parsed("risiko").and_then(|value| serde_json::from_value(value).ok()),
        category: text("kategori").filter(|value| ReportCategory::parse(value).is_some()),
        source: parsed("kilde").and_then(|value| serde_json::from_value(value).ok()),
        from: text("fra"),
        to: text("til"),
        assigned_to_me: text("mine").is_some(),
    }
}

/// One `<option>`, selected when it is the value in force.
fn choice(value: &'static str, label: String, current: Option<&str>) -> impl IntoView + use<> {
    view! { <option value=value selected=current == Some(value)>{label}</option> }
}

/// The filter form; sending it reloads the list with the chosen filters.
#[component]
pub fn ListFilters(filter: AvvikFilter, units: Vec<UnitView>) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let status = if filter.open_only {
        Some(OPEN_ONLY)
    } else {
        filter.status.map(CaseState::as_db)
    };
    let risk = filter.risk.map(|risk| match risk {
        RiskFilter::Low => "low",
        RiskFilter::Medium => "medium",
        RiskFilter::High => "high",
    });
    let source = filter.source.map(CaseSource::as_db);
    let category = filter.category.clone();
    view! {
        <form method="get" action="/avvik" class="filters card">
            <h2 class="visually-hidden">{t!(i18n, avvik_filters)}</h2>
            <label for="f-unit">{t!(i18n, posters_unit)}</label>
            <select id="f-unit" name="enhet">
                <option value="">{t!(i18n, avvik_all)}</option>
                {units
                    .into_iter()
                    .map(|unit| {
                        let selected = filter.unit_id.as_deref() == Some(unit.id.as_str());
                        let indent = "\u{a0}\u{a0}".repeat(unit.depth);
                        view! { <option value=unit.id selected=selected>{indent}{unit.name}</option> }
                    })
                    .collect_view()}
            </select>
            <label for="f-status">{t!(i18n, avvik_status)}</label>
            <select id="f-status" name="status">
                <option value="">{t!(i18n, avvik_all)}</option>
                {choice(OPEN_ONLY, td_string!(locale, avvik_all_open).to_owned(), status)}
                {CaseState::ALL
                    .into_iter()
                    .map(|state| choice(state.as_db(), state_label(state, locale), status))
                    .collect_view()}
            </select>
            <label for="f-risk">{t!(i18n, avvik_risk)}</label>
            <select id="f-risk" name="risiko">
                <option value="">{t!(i18n, avvik_all)}</option>
                {choice("high", td_string!(locale, avvik_risk_high).to_owned(), risk)}
                {choice("medium", td_string!(locale, avvik_risk_medium).to_owned(), risk)}
                {choice("low", td_string!(locale, avvik_risk_low).to_owned(), risk)}
            </select>
            <label for="f-category">{t!(i18n, report_category)}</label>
            <select id="f-category" name="kategori">
                <option value="">{t!(i18n, avvik_all)}</option>
                {ReportCategory::ALL
                    .into_iter()
                    .map(|c| choice(c.as_str(), c.name(locale).to_owned(), category.as_deref()))
                    .collect_view()}
            </select>
            <label for="f-source">{t!(i18n, avvik_source)}</label>
            <select id="f-source" name="kilde">
                <option value="">{t!(i18n, avvik_all)}</option>
                {[CaseSource::Round, CaseSource::Qr, CaseSource::Manual]
                    .into_iter()
                    .map(|s| choice(s.as_db(), source_label(s, locale), source))
                    .collect_view()}
            </select>
            <label for="f-from">{t!(i18n, avvik_from)}</label>
            <input id="f-from" type="date" name="fra" value=filter.from.clone() />
            <label for="f-to">{t!(i18n, avvik_to)}</label>
            <input id="f-to" type="date" name="til" value=filter.to.clone() />
            {filter.cell.map(|cell| view! { <CellFilter cell /> })}
            <label class="check">
                <input type="checkbox" name="mine" value="1" checked=filter.assigned_to_me />
                {t!(i18n, avvik_mine)}
            </label>
            <button type="submit">{t!(i18n, avvik_apply)}</button>
        </form>
    }
}

/// The matrix cell the list is narrowed to: kept when other filters are
/// applied, named so the person knows why the list is short, and removable.
#[component]
fn CellFilter(cell: Rating) -> impl IntoView {
    let i18n = use_i18n();
    let (probability, consequence) = (cell.probability, cell.consequence);
    view! {
        <p class="cell-filter">
            <input type="hidden" name="sannsynlighet" value=probability />
            <input type="hidden" name="konsekvens" value=consequence />
            {t!(i18n, avvik_cell_filter, p = move || probability, c = move || consequence)}
            " "
            <a href="/avvik">{t!(i18n, avvik_cell_clear)}</a>
        </p>
    }
}

/// A state as the list names it.
pub fn state_label(state: CaseState, locale: Locale) -> String {
    match state {
        CaseState::Open => td_string!(locale, avvik_state_open),
        CaseState::InProgress => td_string!(locale, avvik_state_in_progress),
        CaseState::MeasuresPlanned => td_string!(locale, avvik_state_measures_planned),
        CaseState::Closed => td_string!(locale, avvik_state_closed),
        CaseState::Rejected => td_string!(locale, avvik_state_rejected),
    }
    .to_owned()
}

/// A source as the list names it.
pub fn source_label(source: CaseSource, locale: Locale) -> String {
    match source {
        CaseSource::Round => td_string!(locale, avvik_source_round),
        CaseSource::Qr => td_string!(locale, avvik_source_qr),
        CaseSource::Manual => td_string!(locale, avvik_source_manual),
    }
    .to_owned()
}
