//! XLSX as Excel opens it, sent while it is written: the rows go to the
//! workbook's temporary file as they are read (constant memory mode), and
//! the finished file goes to the answer in chunks, so neither the rows nor
//! the file sit in memory whole.
//!
//! A text cell is always a text in XLSX, never a formula, so unlike CSV
//! nothing needs neutralising.

use std::io::{self, Write};

use anyhow::Context;

use axum::body::{Body, Bytes};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, NaiveDate};
use futures::{StreamExt, stream};
use rust_xlsxwriter::{Format, Workbook, Worksheet, XlsxError};
use tokio::runtime::Handle;
use tokio::sync::mpsc;

use super::value::Value;
use crate::db::now_ms;
use crate::local_time::{oslo_date, oslo_offset_ms};

/// The media type of an XLSX file.
pub const XLSX_TYPE: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/// Bytes handed to the answer at a time.
const CHUNK: usize = 64 * 1024;

/// A column of a sheet: its header and width (in characters).
pub struct Column {
    /// The header, in the person's language.
    pub header: &'static str,
    /// How wide Excel shows it.
    pub width: f64,
}

/// The columns of `headers`, each as wide as its entry in `widths`.
pub fn columns(headers: &[&'static str], widths: &[f64]) -> Vec<Column> {
    headers
        .iter()
        .zip(widths)
        .map(|(header, width)| Column {
            header,
            width: *width,
        })
        .collect()
}

/// A sheet named `name` in `workbook`, in constant memory mode, with a bold
/// header row that stays in view while scrolling and the columns' widths.
fn new_sheet<'a>(
    workbook: &'a mut Workbook,
    name: &str,
    columns: &[Column],
) -> Result<&'a mut Worksheet, XlsxError> {
    let sheet = workbook.add_worksheet_with_constant_memory()?;
    sheet.set_name(name)?;
    sheet.set_freeze_panes(1, 0)?;
    let bold = Format::new().set_bold();
    for (index, column) in columns.iter().enumerate() {
        let col = u16::try_from(index).map_err(|_| XlsxError::RowColumnLimitError)?;
        sheet.set_column_width(col, column.width)?;
        sheet.write_string_with_format(0, col, column.header, &bold)?;
    }
    Ok(sheet)
}

/// How times and days show in a sheet.
pub struct Formats {
    time: Format,
    day: Format,
}

impl Default for Formats {
    fn default() -> Self {
        Formats {
            time: Format::new().set_num_format("dd.mm.yyyy hh:mm"),
            day: Format::new().set_num_format("dd.mm.yyyy"),
        }
    }
}

/// Writes one row of typed values: texts as texts, numbers as numbers, a
/// time as an Excel date in Norwegian time, a day as an Excel date (a
/// day that is not one is written as the text it is).
pub fn write_values(
    sheet: &mut Worksheet,
    row: u32,
    values: &[Value<'_>],
    formats: &Formats,
) -> Result<(), XlsxError> {
    for (col, value) in (0u16..).zip(values) {
        match value {
            Value::Text(text) => {
                sheet.write_string(row, col, text.as_ref())?;
            }
            Value::Number(number) => {
                // Scores and costs are far below 2^53, so exact as a float.
                sheet.write_number(row, col, *number as f64)?;
            }
            Value::Moment(ms) => {
                if let Some(local) = DateTime::from_timestamp_millis(ms + oslo_offset_ms(*ms)) {
                    sheet.write_datetime_with_format(row, col, local.naive_utc(), &formats.time)?;
                }
            }
            Value::Day(day) => match NaiveDate::parse_from_str(day, "%Y-%m-%d") {
                Ok(date) => {
                    sheet.write_datetime_with_format(row, col, date, &formats.day)?;
                }
                Err(_) => {
                    sheet.write_string(row, col, *day)?;
                }
            },
            Value::Empty => {}
        }
    }
    Ok(())
}

/// A workbook of one sheet `name` with `columns`, its rows read a part at
/// a time by `read` (given where the last part ended, it answers the rows
/// and where the next part starts, `None` after the last) and written by
/// `write_row`; filters go on the header row, and the workbook is saved
/// into `out`.
pub fn write_paged<R, C>(
    out: ChunkWriter,
    (name, columns): (&str, &[Column]),
    mut read: impl FnMut(Option<&C>) -> anyhow::Result<(Vec<R>, Option<C>)>,
    write_row: impl Fn(&mut Worksheet, u32, &R, &Formats) -> Result<(), XlsxError>,
) -> anyhow::Result<()> {
    let mut workbook = Workbook::new();
    let sheet = new_sheet(&mut workbook, name, columns)?;
    let formats = Formats::default();
    let mut written: u32 = 0;
    let mut after = None;
    loop {
        let (rows, next) = read(after.as_ref())?;
        for row in &rows {
            written += 1;
            write_row(sheet, written, row, &formats)?;
        }
        match next {
            Some(next) => after = Some(next),
            None => break,
        }
    }
    let last_column = u16::try_from(columns.len().saturating_sub(1)).unwrap_or_default();
    sheet.autofilter(0, 0, written, last_column)?;
    workbook.save_to_writer(out).context("save the workbook")?;
    Ok(())
}

/// A workbook of one sheet `name` with `columns` and `rows` read already
/// (a few hundred at most), filters on the header row, saved into `out`.
pub fn write_all<R>(
    out: ChunkWriter,
    sheet: (&str, &[Column]),
    rows: Vec<R>,
    write_row: impl Fn(&mut Worksheet, u32, &R, &Formats) -> Result<(), XlsxError>,
) -> anyhow::Result<()> {
    let mut rows = Some(rows);
    write_paged(
        out,
        sheet,
        |_: Option<&()>| Ok((rows.take().unwrap_or_default(), None)),
        write_row,
    )
}

/// `{stem}-{today}.xlsx` as a download. `write` runs on a thread of its
/// own (it reads the database through `Handle::block_on`) and saves its
/// workbook into the writer it is given. A failure ends the download early
/// (the status is sent already), so the file is visibly broken rather than
/// quietly short; the error is logged.
pub fn xlsx_download<F>(stem: &str, write: F) -> Response
where
    F: FnOnce(&Handle, ChunkWriter) -> anyhow::Result<()> + Send + 'static,
{
    let (sender, receiver) = mpsc::channel::<io::Result<Bytes>>(8);
    let runtime = Handle::current();
    let failed = sender.clone();
    tokio::task::spawn_blocking(move || {
        if let Err(error) = write(&runtime, ChunkWriter::new(sender)) {
            tracing::error!(error = format!("{error:#}"), "write an XLSX export");
            let cut = io::Error::other("the export could not be written to the end");
            let _ = failed.blocking_send(Err(cut));
        }
    });
    // Fused: the compression layer may poll once more after the end.
    let chunks = stream::unfold(receiver, |mut receiver| async move {
        receiver.recv().await.map(|chunk| (chunk, receiver))
    })
    .fuse();
    let file = format!(
        "attachment; filename=\"{stem}-{}.xlsx\"",
        oslo_date(now_ms())
    );
    let headers = [
        (header::CONTENT_TYPE, XLSX_TYPE.to_owned()),
        (header::CONTENT_DISPOSITION, file),
    ];
    (headers, Body::from_stream(chunks)).into_response()
}

/// Hands what is written to the answer, [`CHUNK`] bytes at a time, waiting
/// while the network is slower than the writing.
pub struct ChunkWriter {
    sender: mpsc::Sender<io::Result<Bytes>>,
    buffer: Vec<u8>,
}

impl ChunkWriter {
    fn new(sender: mpsc::Sender<io::Result<Bytes>>) -> Self {
        ChunkWriter {
            sender,
            buffer: Vec::with_capacity(CHUNK),
        }
    }

    fn send_buffer(&mut self) -> io::Result<()> {
        if self.buffer.is_empty() {
            return Ok(());
        }
        let chunk = Bytes::from(std::mem::replace(
            &mut self.buffer,
            Vec::with_capacity(CHUNK),
        ));
        self.sender
            .blocking_send(Ok(chunk))
            .map_err(|_| io::Error::new(io::ErrorKind::BrokenPipe, "the download was abandoned"))
    }
}

impl Write for ChunkWriter {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        self.buffer.extend_from_slice(bytes);
        if self.buffer.len() >= CHUNK {
            self.send_buffer()?;
        }
        Ok(bytes.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.send_buffer()
    }
}

impl Drop for ChunkWriter {
    fn drop(&mut self) {
        // The zip writer need not flush at the end; whatever is left goes.
        let _ = self.send_buffer();
    }
}
