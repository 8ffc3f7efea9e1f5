//! A CSV file sent as it is read: the header row at once, then one chunk
//! per read from the database, so a long list never sits in memory whole.

use std::future::Future;
use std::sync::Arc;

use axum::body::{Body, Bytes};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use futures::{StreamExt, stream};

use super::csv::BYTE_ORDER_MARK;
use crate::db::now_ms;
use crate::local_time::oslo_date;

/// Where the next read starts.
enum Step<C> {
    First,
    After(C),
    Done,
}

/// `{stem}-{today}.csv` as a download: a byte order mark and `head` (the
/// header row), then the text of each `read`, which gets the cursor the
/// one before returned (`None` first) and returns its rows and the next
/// cursor (`None`: that was the last).
///
/// A failed read ends the download early (the status is sent already), so
/// the file is visibly cut rather than quietly short; the error is logged.
pub fn csv_download<C, F, Fut>(stem: &str, head: String, read: F) -> Response
where
    C: Send + 'static,
    F: Fn(Option<C>) -> Fut + Send + Sync + 'static,
    Fut: Future<Output = anyhow::Result<(String, Option<C>)>> + Send + 'static,
{
    let read = Arc::new(read);
    let rows = stream::try_unfold(Step::First, move |step| {
        let read = Arc::clone(&read);
        async move {
            let after = match step {
                Step::First => None,
                Step::After(cursor) => Some(cursor),
                Step::Done => return Ok(None),
            };
            let (text, next) = read(after).await.map_err(|error| {
                tracing::error!(error = format!("{error:#}"), "read rows for an export");
                std::io::Error::other("the export could not be read to the end")
            })?;
            Ok::<_, std::io::Error>(Some((
                Bytes::from(text),
                next.map_or(Step::Done, Step::After),
            )))
        }
    });
    let first = Bytes::from(format!("{BYTE_ORDER_MARK}{head}"));
    let body = Body::from_stream(stream::iter([Ok(first)]).chain(rows));
    let file = format!(
        "attachment; filename=\"{stem}-{}.csv\"",
        oslo_date(now_ms())
    );
    let headers = [
        (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
        (header::CONTENT_DISPOSITION, file),
    ];
    (headers, body).into_response()
}
