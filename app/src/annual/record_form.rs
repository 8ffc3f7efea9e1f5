//! Marking an activity done: the kind, the day (not after today) and what
//! was done. A round walked in Vern marks its kind itself; this is for the
//! rest (a meeting, a survey, a revision done on paper), each kind offered
//! only to those responsible for it.

use leptos::prelude::*;

use super::model::{ActivityRow, RecordActivity};
use crate::i18n::{t, use_i18n};
use crate::layout::action_error::ActionError;

/// The form; `sender` is kept by the page, which reloads on a send taken.
#[component]
pub fn RecordForm(
    unit_id: String,
    rows: Vec<ActivityRow>,
    /// The latest day a record may carry (`YYYY-MM-DD`).
    today: String,
    sender: ServerAction<RecordActivity>,
) -> impl IntoView {
    let i18n = use_i18n();
    let kinds = rows
        .into_iter()
        .filter(|row| row.recordable)
        .map(|row| view! { <option value=row.kind_id>{row.name}</option> })
        .collect_view();
    view! {
        <section class="card no-print" aria-labelledby="annual-record">
            <h2 id="annual-record">{t!(i18n, annual_record_title)}</h2>
            <ActionForm action=sender>
                <input type="hidden" name="unit" value=unit_id />
                <label for="annual-kind">{t!(i18n, annual_record_kind)}</label>
                <select id="annual-kind" name="kind" required>{kinds}</select>
                <label for="annual-day">{t!(i18n, annual_record_day)}</label>
                <input id="annual-day" type="date" name="done_on" required max=today.clone() value=today />
                <label for="annual-note">{t!(i18n, annual_record_note)}</label>
                <textarea id="annual-note" name="note" maxlength="2000"></textarea>
                <button type="submit" class="primary" disabled=move || sender.pending().get()>
                    {t!(i18n, annual_record_send)}
                </button>
            </ActionForm>
            <ActionError action=sender />
        </section>
    }
}
