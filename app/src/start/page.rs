//! The start page's view.

use leptos::prelude::*;

use super::load::load_start_page;
use super::{AdminStats, AreaView, StartPageData};
use crate::dashboard::page::DashboardPanel;
use crate::domain::access::{Action, role_allows};
use crate::domain::units::UnitView;
use crate::domain::users::GrantView;
use crate::i18n::{t, use_i18n};
use crate::layout::error_message::ErrorMessage;
use crate::layout::labels::{KindName, RoleName};
use crate::layout::page_frame::PageFrame;

/// Start page: greeting, roles, units, areas and (for admins) the overview.
#[component]
pub fn StartPage() -> impl IntoView {
    let i18n = use_i18n();
    let data = Resource::new(|| (), |_| load_start_page());
    view! {
        <PageFrame>
            <main id="main" class="page">
                <Suspense fallback=move || view! { <p>{t!(i18n, loading)}</p> }>
                    {move || {
                        data.get()
                            .map(|result| match result {
                                Ok(data) => view! { <StartContent data /> }.into_any(),
                                Err(error) => {
                                    view! { <p class="error" role="alert"><ErrorMessage error /></p> }
                                        .into_any()
                                }
                            })
                    }}
                </Suspense>
            </main>
        </PageFrame>
    }
}

#[component]
fn StartContent(data: StartPageData) -> impl IntoView {
    let i18n = use_i18n();
    let name = data.user.display_name.clone();
    // Those who follow up cases (or cover a verneområde) start from the
    // dashboard; everyone else from their roles and units.
    let reads_cases = !data.areas.is_empty()
        || data
            .user
            .grants
            .iter()
            .any(|grant| role_allows(grant.role, Action::ReadReports));
    view! {
        <h1>{t!(i18n, start_greeting, name = move || name.clone())}</h1>
        {reads_cases.then(|| view! { <DashboardPanel unit=String::new() /> })}
        <div class="two-pane">
            <section aria-labelledby="roles-heading" class="card">
                <h2 id="roles-heading">{t!(i18n, start_roles)}</h2>
                <RoleList grants=data.user.grants />
                {data.admin.map(|stats| view! { <AdminOverviewCard stats /> })}
            </section>
            <section aria-labelledby="units-heading" class="card">
                <h2 id="units-heading">{t!(i18n, start_units)}</h2>
                <UnitList units=data.units />
                <AreaList areas=data.areas />
            </section>
        </div>
    }
}

#[component]
fn RoleList(grants: Vec<GrantView>) -> impl IntoView {
    let i18n = use_i18n();
    if grants.is_empty() {
        return view! { <p>{t!(i18n, start_no_roles)}</p> }.into_any();
    }
    view! {
        <ul class="roles">
            {grants
                .into_iter()
                .map(|grant| {
                    view! {
                        <li class="role" data-role=grant.role.as_str()>
                            <strong><RoleName role=grant.role /></strong>
                            " – "
                            {grant.unit_name}
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
    .into_any()
}

#[component]
fn UnitList(units: Vec<UnitView>) -> impl IntoView {
    view! {
        <ul class="units">
            {units
                .into_iter()
                .map(|unit| {
                    let indent = format!("--depth: {}", unit.depth);
                    view! {
                        <li style=indent>
                            <span class="unit-name">{unit.name}</span>
                            " "
                            <span class="badge"><KindName kind=unit.kind /></span>
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
}

#[component]
fn AreaList(areas: Vec<AreaView>) -> impl IntoView {
    let i18n = use_i18n();
    if areas.is_empty() {
        return ().into_any();
    }
    view! {
        <h3>{t!(i18n, start_areas)}</h3>
        <ul class="areas">
            {areas
                .into_iter()
                .map(|area| {
                    let count = area.room_count;
                    view! {
                        <li>
                            <strong>{area.name}</strong>
                            " ("
                            {area.unit_name}
                            ") · "
                            {t!(i18n, start_rooms, count = move || count)}
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
    .into_any()
}

#[component]
fn AdminOverviewCard(stats: AdminStats) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <h3>{t!(i18n, start_admin)}</h3>
        <dl class="stats">
            <div><dt>{t!(i18n, stat_users)}</dt><dd>{stats.users}</dd></div>
            <div><dt>{t!(i18n, stat_units)}</dt><dd>{stats.units}</dd></div>
            <div><dt>{t!(i18n, stat_rooms)}</dt><dd>{stats.rooms}</dd></div>
            <div><dt>{t!(i18n, stat_checklists)}</dt><dd>{stats.checklists}</dd></div>
        </dl>
        <p><a class="button" href="/admin/users">{t!(i18n, nav_admin)}</a></p>
    }
}
