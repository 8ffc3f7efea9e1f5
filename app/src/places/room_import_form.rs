//! Rooms from a CSV file: choose the unit, paste or pick the file, check
//! it (every line's problem is shown, nothing is saved), then save all.

use leptos::prelude::*;

use super::import::{ImportLine, ImportPreview, ImportProblem};
use super::load::{ImportRooms, PreviewRoomImport};
use crate::domain::units::UnitView;
use crate::i18n::{Locale, t, td_string, use_i18n};
use crate::layout::error_message::ErrorMessage;

/// The import form with its preview.
#[component]
pub fn RoomImportForm(units: Vec<UnitView>, import: ServerAction<ImportRooms>) -> impl IntoView {
    let i18n = use_i18n();
    let preview = ServerAction::<PreviewRoomImport>::new();
    let unit_id = RwSignal::new(
        units
            .first()
            .map(|unit| unit.id.clone())
            .unwrap_or_default(),
    );
    let csv = RwSignal::new(String::new());
    let check = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        preview.dispatch(PreviewRoomImport {
            unit_id: unit_id.get_untracked(),
            csv: csv.get_untracked(),
        });
    };
    let save = Callback::new(move |()| {
        import.dispatch(ImportRooms {
            unit_id: unit_id.get_untracked(),
            csv: csv.get_untracked(),
        });
    });
    // A changed file or unit needs a new check before it can be saved.
    Effect::new(move |_| {
        let _ = (unit_id.get(), csv.get());
        preview.clear();
    });
    let saved = move || import.value().get().and_then(Result::ok);
    let refused = move || {
        import
            .value()
            .get()
            .and_then(Result::err)
            .or_else(|| preview.value().get().and_then(Result::err))
    };

    view! {
        <section class="card" aria-labelledby="import-heading">
            <h2 id="import-heading">{t!(i18n, import_title)}</h2>
            <p>{t!(i18n, import_intro)}</p>
            <form class="stack" on:submit=check>
                <label for="import-unit">{t!(i18n, posters_unit)}</label>
                <select id="import-unit" on:change=move |event| unit_id.set(event_target_value(&event))>
                    {units
                        .into_iter()
                        .map(|unit| {
                            let indent = "\u{a0}\u{a0}".repeat(unit.depth);
                            view! { <option value=unit.id.clone()>{indent}{unit.name.clone()}</option> }
                        })
                        .collect_view()}
                </select>
                <FilePicker csv />
                <label for="import-csv">{t!(i18n, import_csv)}</label>
                <textarea
                    id="import-csv"
                    rows="8"
                    placeholder="Hovedbygg;Rom 101;1"
                    prop:value=move || csv.get()
                    on:input=move |event| csv.set(event_target_value(&event))
                ></textarea>
                <button type="submit" class="secondary" disabled=move || preview.pending().get()>
                    {t!(i18n, import_check)}
                </button>
            </form>
            <div role="alert" class="alert-slot">
                {move || refused().map(|error| view! { <p class="error"><ErrorMessage error /></p> })}
            </div>
            <div role="status" class="alert-slot">
                {move || saved().map(|count| view! { <p class="ok">{t!(i18n, import_saved, count)}</p> })}
            </div>
            {move || {
                preview
                    .value()
                    .get()
                    .and_then(Result::ok)
                    .map(|checked| view! { <PreviewTable checked save import /> })
            }}
        </section>
    }
}

/// Reads a chosen file into the text field (with the app loaded; without
/// it, the file's text is pasted).
#[component]
fn FilePicker(csv: RwSignal<String>) -> impl IntoView {
    let i18n = use_i18n();
    let on_change = move |event: leptos::ev::Event| {
        #[cfg(feature = "hydrate")]
        {
            use wasm_bindgen::JsCast;
            let file = event
                .target()
                .and_then(|target| target.dyn_into::<web_sys::HtmlInputElement>().ok())
                .and_then(|input| input.files())
                .and_then(|files| files.get(0));
            if let Some(file) = file {
                leptos::task::spawn_local(async move {
                    if let Some(text) = file_text(&file).await {
                        csv.set(text);
                    }
                });
            }
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = (event, csv);
    };
    view! {
        <label for="import-file">{t!(i18n, import_file)}</label>
        <input id="import-file" type="file" accept=".csv,text/csv,text/plain" on:change=on_change />
    }
}

/// A file's text: UTF-8 (as "CSV UTF-8" is saved), else Windows-1252, the
/// encoding Norwegian Excel uses for plain "CSV (semikolonseparert)", so
/// that æ, ø and å arrive whichever was chosen.
#[cfg(feature = "hydrate")]
async fn file_text(file: &web_sys::File) -> Option<String> {
    let buffer = wasm_bindgen_futures::JsFuture::from(file.array_buffer())
        .await
        .ok()?;
    let bytes = js_sys::Uint8Array::new(&buffer);
    let strict = web_sys::TextDecoderOptions::new();
    strict.set_fatal(true);
    let utf8 = web_sys::TextDecoder::new_with_label_and_options("utf-8", &strict).ok()?;
    if let Ok(text) = utf8.decode_with_buffer_source(&bytes) {
        return Some(text);
    }
    let legacy = web_sys::TextDecoder::new_with_label("windows-1252").ok()?;
    legacy.decode_with_buffer_source(&bytes).ok()
}

#[component]
fn PreviewTable(
    checked: ImportPreview,
    save: Callback<()>,
    import: ServerAction<ImportRooms>,
) -> impl IntoView {
    let i18n = use_i18n();
    let problems = checked.problems();
    let rooms = checked.lines.len();
    let can_save = checked.can_save();
    view! {
        <h3>{t!(i18n, import_preview)}</h3>
        {if can_save {
            view! { <p>{t!(i18n, import_ready, rooms)}</p> }.into_any()
        } else {
            view! { <p class="error">{t!(i18n, import_problems, problems)}</p> }.into_any()
        }}
        <table class="users import-preview">
            <thead>
                <tr>
                    <th scope="col">{t!(i18n, import_line)}</th>
                    <th scope="col">{t!(i18n, posters_building)}</th>
                    <th scope="col">{t!(i18n, posters_room)}</th>
                    <th scope="col">{t!(i18n, posters_floor)}</th>
                    <th scope="col">{t!(i18n, import_status)}</th>
                </tr>
            </thead>
            <tbody>
                {checked
                    .lines
                    .into_iter()
                    .map(|line| view! { <PreviewLine line /> })
                    .collect_view()}
            </tbody>
        </table>
        <Show when=move || can_save>
            <button type="button" class="primary" on:click=move |_| save.run(()) disabled=move || import.pending().get()>
                {t!(i18n, import_save, rooms)}
            </button>
        </Show>
    }
}

#[component]
fn PreviewLine(line: ImportLine) -> impl IntoView {
    let i18n = use_i18n();
    let problem = line.problem;
    let new_building = line.new_building;
    let status = move || line_status(i18n.get_locale(), problem, new_building);
    view! {
        <tr class:problem=problem.is_some() data-line=line.line>
            <td>{line.line}</td>
            <td>{line.building}</td>
            <td>{line.room}</td>
            <td>{line.floor}</td>
            <td class:error=problem.is_some()>{status}</td>
        </tr>
    }
}

/// What the preview says about a line.
fn line_status(locale: Locale, problem: Option<ImportProblem>, new_building: bool) -> &'static str {
    match problem {
        None if new_building => td_string!(locale, import_new_building),
        None => td_string!(locale, import_ok),
        Some(ImportProblem::Columns) => td_string!(locale, import_columns),
        Some(ImportProblem::BuildingMissing) => td_string!(locale, import_building_missing),
        Some(ImportProblem::RoomMissing) => td_string!(locale, import_room_missing),
        Some(ImportProblem::TooLong) => td_string!(locale, import_too_long),
        Some(ImportProblem::Repeated) => td_string!(locale, import_repeated),
        Some(ImportProblem::Exists) => td_string!(locale, import_exists),
        Some(ImportProblem::UnclosedQuote) => td_string!(locale, import_unclosed_quote),
    }
}
