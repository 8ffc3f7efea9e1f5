//! The forms on the admin page: create a user, grant a role.

use leptos::form::ActionForm;
use leptos::prelude::*;

use super::AdminOverview;
use super::create_user::CreateUser;
use super::grant_role::GrantRole;
use crate::domain::roles::Role;
use crate::error::AppError;
use crate::i18n::{t, td_string, use_i18n};
use crate::layout::error_message::ErrorMessage;
use crate::layout::labels::{kind_name, role_name};

/// Shows the outcome of an action: the error, or `done` after a success.
#[component]
fn Outcome(value: Signal<Option<Result<(), AppError>>>, done: ViewFn) -> impl IntoView {
    view! {
        <div role="status" class="alert-slot">
            {move || match value.get() {
                Some(Ok(_)) => view! { <p class="ok">{done.run()}</p> }.into_any(),
                Some(Err(error)) => view! { <p class="error"><ErrorMessage error /></p> }.into_any(),
                None => ().into_any(),
            }}
        </div>
    }
}

/// Form: a new user with username, name and first password.
#[component]
pub fn CreateUserForm(create: ServerAction<CreateUser>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="card" aria-labelledby="create-user-heading">
            <h2 id="create-user-heading">{t!(i18n, admin_create_user)}</h2>
            <ActionForm action=create attr:class="stack">
                <label for="new-username">{t!(i18n, field_username)}</label>
                <input id="new-username" name="username" autocomplete="off" autocapitalize="none" required />
                <label for="new-display-name">{t!(i18n, field_display_name)}</label>
                <input id="new-display-name" name="display_name" autocomplete="off" required />
                <label for="new-password">{t!(i18n, field_password)}</label>
                <input id="new-password" name="password" type="password" autocomplete="new-password" required />
                <Outcome value=Signal::derive(move || create.value().get().map(|r| r.map(|_| ()))) done=ViewFn::from(move || t!(i18n, user_created)) />
                <button type="submit" class="primary">{t!(i18n, create_user_submit)}</button>
            </ActionForm>
        </section>
    }
}

/// Form: grant a role in a unit to a user.
#[component]
pub fn GrantRoleForm(grant: ServerAction<GrantRole>, overview: AdminOverview) -> impl IntoView {
    let i18n = use_i18n();
    let locale = move || i18n.get_locale();
    let users = overview.users;
    let units = overview.units;
    view! {
        <section class="card" aria-labelledby="grant-heading">
            <h2 id="grant-heading">{t!(i18n, admin_grant)}</h2>
            <ActionForm action=grant attr:class="stack">
                <label for="grant-user">{t!(i18n, field_user)}</label>
                <select id="grant-user" name="user_id" required>
                    <option value="">{move || td_string!(locale(), choose)}</option>
                    {users
                        .into_iter()
                        .map(|user| {
                            let label = format!("{} ({})", user.display_name, user.username);
                            view! { <option value=user.id>{label}</option> }
                        })
                        .collect_view()}
                </select>
                <label for="grant-role">{t!(i18n, field_role)}</label>
                <select id="grant-role" name="role" required>
                    <option value="">{move || td_string!(locale(), choose)}</option>
                    {Role::ALL
                        .into_iter()
                        .map(|role| {
                            view! { <option value=role.as_str()>{move || role_name(locale(), role)}</option> }
                        })
                        .collect_view()}
                </select>
                <label for="grant-unit">{t!(i18n, field_unit)}</label>
                <select id="grant-unit" name="unit_id" required>
                    <option value="">{move || td_string!(locale(), choose)}</option>
                    {units
                        .into_iter()
                        .map(|unit| {
                            let indent = "\u{a0}\u{a0}".repeat(unit.depth);
                            let kind = unit.kind;
                            let name = unit.name.clone();
                            view! {
                                <option value=unit.id>
                                    {move || format!("{indent}{name} ({})", kind_name(locale(), kind))}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
                <Outcome value=Signal::derive(move || grant.value().get()) done=ViewFn::from(move || t!(i18n, role_granted)) />
                <button type="submit" class="primary">{t!(i18n, grant_submit)}</button>
            </ActionForm>
        </section>
    }
}
