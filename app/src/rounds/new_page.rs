//! `/runder/ny`: start a round — area, date, title and participants.

use leptos::prelude::*;

#[cfg(feature = "hydrate")]
use crate::i18n::td_string;
use crate::i18n::{t, use_i18n};
use crate::layout::new_version::HoldsUnsavedText;
use crate::layout::page_frame::PageFrame;
use crate::sync::reference::ReferenceData;

/// A participant row of the form.
#[derive(Clone, Debug, Default, PartialEq)]
struct ParticipantField {
    name: RwSignal<String>,
    role: RwSignal<String>,
}

/// The form that starts a round, from the reference data kept on the device.
#[component]
pub fn NewRoundPage() -> impl IntoView {
    let i18n = use_i18n();
    let reference = RwSignal::new(None::<Result<Option<ReferenceData>, String>>);
    let area = RwSignal::new(String::new());
    let date = RwSignal::new(String::new());
    let title = RwSignal::new(String::new());
    let people = RwSignal::new(Vec::<ParticipantField>::new());
    let error = RwSignal::new(None::<String>);
    let navigate = leptos_router::hooks::use_navigate();
    Effect::new(move |_| {
        #[cfg(feature = "hydrate")]
        super::in_browser(async move {
            let loaded = crate::offline::store::reference().await;
            if let Ok(Some(data)) = &loaded {
                if let Some(first) = data.areas.first() {
                    area.set(first.id.clone());
                    title.set(format!("Vernerunde {}", first.name));
                }
                date.set(super::today());
                let me = ParticipantField {
                    name: RwSignal::new(data.user_name.clone()),
                    role: RwSignal::new(
                        td_string!(i18n.get_locale_untracked(), role_verneombud).to_owned(),
                    ),
                };
                let leader = ParticipantField {
                    name: RwSignal::new(String::new()),
                    role: RwSignal::new(
                        td_string!(i18n.get_locale_untracked(), role_leder).to_owned(),
                    ),
                };
                people.set(vec![me, leader]);
            }
            reference.set(Some(loaded));
        });
    });
    let add_person = move |_| {
        people.update(|list| list.push(ParticipantField::default()));
    };
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        #[cfg(not(feature = "hydrate"))]
        let _ = &navigate;
        #[cfg(feature = "hydrate")]
        if let Some(Ok(Some(data))) = reference.get_untracked() {
            let form = NewRoundForm {
                area: area.get_untracked(),
                date: date.get_untracked(),
                title: title.get_untracked(),
                people: people
                    .get_untracked()
                    .iter()
                    .map(|p| (p.name.get_untracked(), p.role.get_untracked()))
                    .collect(),
            };
            let navigate = navigate.clone();
            super::in_browser(async move {
                match start_round(&data, form, i18n.get_locale_untracked()).await {
                    Ok(id) => {
                        navigate(&format!("/runde?id={id}"), Default::default());
                    }
                    Err(message) => error.set(Some(message)),
                }
            });
        }
    };
    view! {
        <PageFrame>
            <main id="main" class="page narrow">
                <h1>{t!(i18n, new_round_title)}</h1>
                {move || match reference.get() {
                    None => view! { <p>{t!(i18n, loading)}</p> }.into_any(),
                    Some(Err(message)) => view! { <p class="error" role="alert">{message}</p> }.into_any(),
                    Some(Ok(None)) => view! { <p class="notice">{t!(i18n, new_round_needs_online)}</p> }.into_any(),
                    Some(Ok(Some(data))) => view! {
                        <form class="card stack" on:submit=submit.clone()>
                            <HoldsUnsavedText />
                            <label for="round-area">{t!(i18n, new_round_area)}</label>
                            <select id="round-area" prop:value=move || area.get()
                                on:change=move |ev| area.set(event_target_value(&ev))>
                                {data.areas.iter().map(|a| view! { <option value=a.id.clone()>{a.name.clone()}</option> }).collect_view()}
                            </select>
                            <label for="round-date">{t!(i18n, new_round_date)}</label>
                            <input id="round-date" type="date" required prop:value=move || date.get()
                                on:input=move |ev| date.set(event_target_value(&ev)) />
                            <label for="round-title">{t!(i18n, new_round_name)}</label>
                            <input id="round-title" type="text" required maxlength="200" prop:value=move || title.get()
                                on:input=move |ev| title.set(event_target_value(&ev)) />
                            <fieldset class="stack">
                                <legend>{t!(i18n, new_round_participants)}</legend>
                                <For each=move || people.get().into_iter().enumerate() key=|(n, _)| *n let:((n, person))>
                                    <ParticipantRow n person />
                                </For>
                                <button type="button" class="secondary" on:click=add_person>{t!(i18n, new_round_add_person)}</button>
                            </fieldset>
                            {move || error.get().map(|message| view! { <p class="error" role="alert">{message}</p> })}
                            <button type="submit" class="primary">{t!(i18n, new_round_start)}</button>
                        </form>
                    }
                    .into_any(),
                }}
            </main>
        </PageFrame>
    }
}

#[component]
fn ParticipantRow(n: usize, person: ParticipantField) -> impl IntoView {
    let i18n = use_i18n();
    let name_id = format!("person-{n}-name");
    let role_id = format!("person-{n}-role");
    view! {
        <div class="participant">
            <label for=name_id.clone()>{t!(i18n, new_round_person_name)} " " {n + 1}</label>
            <input id=name_id type="text" maxlength="200" prop:value=move || person.name.get()
                on:input=move |ev| person.name.set(event_target_value(&ev)) />
            <label for=role_id.clone()>{t!(i18n, new_round_person_role)} " " {n + 1}</label>
            <input id=role_id type="text" maxlength="200" prop:value=move || person.role.get()
                on:input=move |ev| person.role.set(event_target_value(&ev)) />
        </div>
    }
}

/// What the form holds when submitted.
#[cfg(feature = "hydrate")]
struct NewRoundForm {
    area: String,
    date: String,
    title: String,
    people: Vec<(String, String)>,
}

/// Stores the new round and its outbox entry; returns its id.
#[cfg(feature = "hydrate")]
async fn start_round(
    data: &ReferenceData,
    form: NewRoundForm,
    locale: crate::i18n::Locale,
) -> Result<String, String> {
    use crate::sync::records::{Participant, RoundRecord, RoundStatus};
    let area = data
        .areas
        .iter()
        .find(|a| a.id == form.area)
        .ok_or("Velg et verneområde.")?;
    let checklist = data
        .checklist
        .as_ref()
        .ok_or("Ingen sjekkliste er publisert ennå.")?;
    if form.title.trim().is_empty() || form.date.is_empty() {
        return Err("Runden må ha tittel og dato.".into());
    }
    let participants: Vec<Participant> = form
        .people
        .into_iter()
        .filter(|(name, _)| !name.trim().is_empty())
        .enumerate()
        .map(|(n, (name, role_label))| Participant {
            id: super::new_id(),
            user_id: (n == 0).then(|| data.user_id.clone()),
            name: name.trim().to_owned(),
            role_label: role_label.trim().to_owned(),
            signed: false,
        })
        .collect();
    if participants.is_empty() {
        return Err("Skriv navnet på minst én deltaker.".into());
    }
    let record = RoundRecord {
        id: super::new_id(),
        unit_id: area.unit_id.clone(),
        verneomrade_id: Some(area.id.clone()),
        checklist_version_id: checklist.version_id.clone(),
        title: form.title.trim().to_owned(),
        date: form.date,
        status: RoundStatus::Ongoing,
        participants,
        finished_at: None,
    };
    let id = record.id.clone();
    crate::offline::store::create_round(record)
        .await
        .map_err(|problem| problem.text(locale))?;
    crate::offline::engine::request_sync();
    Ok(id)
}
