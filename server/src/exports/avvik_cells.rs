//! An avvik case as the exports write it: the columns, and each case's
//! values, the same in CSV and XLSX.

use std::borrow::Cow;

use app::avvik::case_risk::level_label;
use app::avvik::list::CaseSource;
use app::avvik::list_filters::{source_label, state_label};
use app::avvik::risk::level_of;
use app::i18n::{Locale, td_string};
use app::reports::{CaseState, ReportCategory};

use crate::db::avvik_list::ListRow;

/// The columns' headers, in the person's language.
pub fn headers(locale: Locale) -> [&'static str; 11] {
    [
        td_string!(locale, export_case_no),
        td_string!(locale, export_registered),
        td_string!(locale, export_unit),
        td_string!(locale, export_room),
        td_string!(locale, report_category),
        td_string!(locale, avvik_source),
        td_string!(locale, avvik_status),
        td_string!(locale, export_risk_score),
        td_string!(locale, avvik_risk),
        td_string!(locale, export_assigned),
        td_string!(locale, export_description),
    ]
}

/// How wide a spreadsheet shows each column (in characters).
pub const WIDTHS: [f64; 11] = [
    12.0, 16.0, 22.0, 20.0, 16.0, 14.0, 16.0, 10.0, 16.0, 20.0, 60.0,
];

/// One value of a case.
pub enum Value<'a> {
    /// A text.
    Text(Cow<'a, str>),
    /// A whole number.
    Number(i64),
    /// An instant (ms since 1970, UTC), shown in Norwegian time.
    Moment(i64),
    /// Nothing (an unrated case's score).
    Empty,
}

/// A case's values in the columns' order; a stored value this version has
/// no name for is written as stored rather than left out.
pub fn values(row: &ListRow, locale: Locale) -> [Value<'_>; 11] {
    let category =
        ReportCategory::parse(&row.category).map_or(row.category.as_str(), |c| c.name(locale));
    let source = CaseSource::from_db(&row.source)
        .map_or_else(|| row.source.clone(), |source| source_label(source, locale));
    let status = CaseState::from_db(&row.status)
        .map_or_else(|| row.status.clone(), |state| state_label(state, locale));
    let (score, level) = match level_of(row.risk_score) {
        Some(level) => (Value::Number(row.risk_score), level_label(level, locale)),
        None => (Value::Empty, td_string!(locale, avvik_unrated)),
    };
    [
        Value::Text(Cow::Borrowed(&row.receipt_no)),
        Value::Moment(row.created_at),
        Value::Text(Cow::Borrowed(&row.unit_name)),
        Value::Text(Cow::Borrowed(row.room_name.as_deref().unwrap_or_default())),
        Value::Text(Cow::Borrowed(category)),
        Value::Text(Cow::Owned(source)),
        Value::Text(Cow::Owned(status)),
        score,
        Value::Text(Cow::Borrowed(level)),
        Value::Text(Cow::Borrowed(
            row.assigned_name.as_deref().unwrap_or_default(),
        )),
        Value::Text(Cow::Borrowed(&row.description)),
    ]
}
