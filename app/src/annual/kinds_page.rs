//! `/admin/arshjul`: the HMS-ansvarlig keeps the årshjul's kinds of
//! activity and their rules: each kind's form (name, how it counts, the
//! window of months, every how many years, times a year, the round kind
//! that also does it, who is responsible), a form for a new kind, and
//! taking a kind out of the årshjul.

use leptos::prelude::*;

use super::kinds::{
    ArchiveAnnualKind, KindSetting, ROUND_KINDS, SaveAnnualKind, ScheduleKind, TIMES_A_YEAR,
    load_annual_kinds,
};
use crate::dashboard::chart::month_name;
use crate::i18n::{t, td_string, use_i18n};
use crate::layout::action_error::ActionError;
use crate::layout::loaded::{Loaded, count_taken};
use crate::layout::page_frame::PageFrame;

/// The page.
#[component]
pub fn AnnualKindsPage() -> impl IntoView {
    let i18n = use_i18n();
    let save = ServerAction::<SaveAnnualKind>::new();
    let archive = ServerAction::<ArchiveAnnualKind>::new();
    let taken = RwSignal::new(0_usize);
    count_taken(save, taken);
    count_taken(archive, taken);
    let kinds = Resource::new(move || taken.get(), |_| load_annual_kinds());
    view! {
        <PageFrame>
            <main id="main" class="page">
                <h1>{t!(i18n, annual_kinds_title)}</h1>
                <p class="hint">{t!(i18n, annual_kinds_hint)}</p>
                <ActionError action=save />
                <Loaded resource=kinds render=move |kinds| view! { <KindList kinds save archive /> } />
            </main>
        </PageFrame>
    }
}

#[component]
fn KindList(
    kinds: Vec<KindSetting>,
    save: ServerAction<SaveAnnualKind>,
    archive: ServerAction<ArchiveAnnualKind>,
) -> impl IntoView {
    let i18n = use_i18n();
    let blank = KindSetting {
        id: String::new(),
        name: String::new(),
        schedule: ScheduleKind::Yearly,
        from_month: 1,
        to_month: 12,
        every_years: 2,
        first_year: 2025,
        times: 2,
        round_kind: String::new(),
        responsible: "leder".to_owned(),
    };
    view! {
        {kinds
            .into_iter()
            .map(|kind| {
                let (id, name, label) = (kind.id.clone(), kind.name.clone(), kind.name.clone());
                view! {
                    <section class="card kind-card" aria-label=label>
                        <h2>{name}</h2>
                        <KindFields kind save />
                        <ActionForm action=archive>
                            <input type="hidden" name="id" value=id />
                            <button type="submit" class="secondary">{t!(i18n, annual_kinds_archive)}</button>
                        </ActionForm>
                    </section>
                }
            })
            .collect_view()}
        <section class="card kind-card" aria-labelledby="kind-new">
            <h2 id="kind-new">{t!(i18n, annual_kinds_new)}</h2>
            <KindFields kind=blank save />
        </section>
    }
}

/// One kind's form (an empty id: a new kind).
#[component]
fn KindFields(kind: KindSetting, save: ServerAction<SaveAnnualKind>) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let key = if kind.id.is_empty() {
        "new".to_owned()
    } else {
        kind.id.clone()
    };
    let field = move |name: &str| format!("kind-{key}-{name}");
    let months = move |chosen: u32| {
        (1..=12)
            .map(
                |m| view! { <option value=m selected=m == chosen>{month_name(locale, m)}</option> },
            )
            .collect_view()
    };
    let schedules = ScheduleKind::ALL
        .into_iter()
        .map(|s| view! { <option value=s.as_db() selected=s == kind.schedule>{s.name(locale)}</option> })
        .collect_view();
    let times = TIMES_A_YEAR
        .into_iter()
        .map(|n| view! { <option value=n selected=n == kind.times>{n}</option> })
        .collect_view();
    let rounds = ROUND_KINDS
        .into_iter()
        .map(|r| view! { <option value=r selected=r == kind.round_kind>{r}</option> })
        .collect_view();
    let responsible = [("leder", td_string!(locale, role_leder)), ("hms_admin", td_string!(locale, role_hms_admin))]
        .into_iter()
        .map(|(value, label)| view! { <option value=value selected=value == kind.responsible>{label}</option> })
        .collect_view();
    view! {
        <ActionForm action=save attr:class="kind-form">
            <input type="hidden" name="kind[id]" value=kind.id.clone() />
            <label for=field("name")>{t!(i18n, annual_kinds_name)}</label>
            <input id=field("name") name="kind[name]" required maxlength="100" value=kind.name.clone() />
            <label for=field("schedule")>{t!(i18n, annual_kinds_schedule)}</label>
            <select id=field("schedule") name="kind[schedule]">{schedules}</select>
            <div class="row">
                <label for=field("from")>{t!(i18n, annual_kinds_from)}</label>
                <select id=field("from") name="kind[from_month]">{months(kind.from_month)}</select>
                <label for=field("to")>{t!(i18n, annual_kinds_to)}</label>
                <select id=field("to") name="kind[to_month]">{months(kind.to_month)}</select>
            </div>
            <div class="row">
                <label for=field("every")>{t!(i18n, annual_kinds_every)}</label>
                <input id=field("every") name="kind[every_years]" type="number" min="1" max="10" value=kind.every_years />
                <label for=field("first")>{t!(i18n, annual_kinds_first_year)}</label>
                <input id=field("first") name="kind[first_year]" type="number" min="2000" max="2100" value=kind.first_year />
                <label for=field("times")>{t!(i18n, annual_kinds_times)}</label>
                <select id=field("times") name="kind[times]">{times}</select>
            </div>
            <label for=field("round")>{t!(i18n, annual_kinds_round)}</label>
            <select id=field("round") name="kind[round_kind]">
                <option value="" selected=kind.round_kind.is_empty()>{t!(i18n, annual_kinds_no_round)}</option>
                {rounds}
            </select>
            <label for=field("responsible")>{t!(i18n, annual_kinds_responsible)}</label>
            <select id=field("responsible") name="kind[responsible]">{responsible}</select>
            <button type="submit" class="primary">{t!(i18n, annual_kinds_save)}</button>
        </ActionForm>
    }
}
