//! The small pages the report form's post answers with when it does not
//! redirect to the receipt: a refusal, or the quiet thanks a bot gets. They
//! are plain HTML with a few inline styles, so they show on any phone
//! without the app's files.

use app::error::AppError;
use app::i18n::{Locale, td_string};
use app::layout::error_message::invalid_input_text;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{Html, IntoResponse, Response};

const STYLE: &str = "body{font-family:system-ui,sans-serif;margin:0;padding:1.5rem;\
max-width:36rem;line-height:1.5;color:#1a1a1a}h1{font-size:1.5rem;color:#0b4f6c}\
a{color:#0b4f6c;font-weight:600}";

/// The language the person chose in the app (kept in a cookie), else bokmål.
pub fn locale_of(headers: &HeaderMap) -> Locale {
    let chose_english = headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(';'))
        .any(|pair| pair.trim() == "i18n_pref_locale=en");
    if chose_english {
        Locale::en
    } else {
        Locale::nb
    }
}

/// A refused report: what was wrong and how to go on, with the error's status.
pub fn refusal(locale: Locale, error: &AppError, form_path: Option<&str>) -> Response {
    let reason = match error {
        AppError::Invalid(reason) => invalid_input_text(locale, *reason).to_owned(),
        AppError::NotFound => td_string!(locale, report_code_unknown).to_owned(),
        AppError::Retired => td_string!(locale, report_code_retired).to_owned(),
        AppError::RateLimited { .. } => td_string!(locale, report_rate_limited).to_owned(),
        AppError::Busy { .. } => td_string!(locale, report_busy).to_owned(),
        AppError::CrossSite => td_string!(locale, err_cross_site).to_owned(),
        AppError::Malformed(_) => td_string!(locale, invalid_report_form).to_owned(),
        _ => td_string!(locale, report_failed_internal).to_owned(),
    };
    let back = match form_path {
        Some(path) => format!(
            "<p>{}</p><p><a href=\"{}\">{}</a></p>",
            escape(td_string!(locale, report_go_back)),
            escape(path),
            escape(td_string!(locale, report_open_form)),
        ),
        None => String::new(),
    };
    let body = format!(
        "<h1>{}</h1><p role=\"alert\">{}</p>{back}",
        escape(td_string!(locale, report_not_sent)),
        escape(&reason),
    );
    let status =
        StatusCode::from_u16(error.status_code()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let mut response = (
        status,
        page(locale, td_string!(locale, report_not_sent), &body),
    )
        .into_response();
    if let Some(seconds) = error.retry_after_secs()
        && let Ok(value) = HeaderValue::from_str(&seconds.to_string())
    {
        response.headers_mut().insert(header::RETRY_AFTER, value);
    }
    response
}

/// The thanks a filled-in honeypot gets: like a success, but nothing was kept.
pub fn quiet_thanks(locale: Locale) -> Response {
    let title = td_string!(locale, report_thanks);
    let body = format!("<h1>{}</h1>", escape(title));
    (StatusCode::OK, page(locale, title, &body)).into_response()
}

fn page(locale: Locale, title: &str, body: &str) -> Html<String> {
    let lang = if locale == Locale::en { "en" } else { "nb" };
    Html(format!(
        "<!DOCTYPE html><html lang=\"{lang}\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{} – Vern</title><style>{STYLE}</style></head>\
         <body><main id=\"main\">{body}</main></body></html>",
        escape(title),
    ))
}

/// Escapes text for HTML content and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_in_text_is_shown_as_text() {
        assert_eq!(
            escape("<script>alert(\"x\")</script> & 'y'"),
            "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;"
        );
    }

    #[test]
    fn english_only_when_chosen() {
        let mut headers = HeaderMap::new();
        assert_eq!(locale_of(&headers), Locale::nb);
        headers.insert(
            header::COOKIE,
            HeaderValue::from_static("a=1; i18n_pref_locale=en"),
        );
        assert_eq!(locale_of(&headers), Locale::en);
    }
}
