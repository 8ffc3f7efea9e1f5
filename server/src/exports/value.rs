//! One value of an export row, typed, so that each format writes it its
//! own way: CSV as the text a Norwegian reads (`07.12.2026 14:05`), XLSX as
//! a date or a number Excel can sort and sum.

use std::borrow::Cow;

/// One cell's value.
pub enum Value<'a> {
    /// A text.
    Text(Cow<'a, str>),
    /// A whole number.
    Number(i64),
    /// An instant (ms since 1970, UTC), shown in Norwegian time.
    Moment(i64),
    /// A day, `YYYY-MM-DD` (a deadline).
    Day(&'a str),
    /// Nothing (an unrated case's score, a measure without a deadline).
    Empty,
}

impl<'a> Value<'a> {
    /// A borrowed text.
    pub fn text(text: &'a str) -> Value<'a> {
        Value::Text(Cow::Borrowed(text))
    }
}
