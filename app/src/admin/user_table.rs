//! The list of users with their roles and a button per role to revoke it.

use leptos::form::ActionForm;
use leptos::prelude::*;

use super::revoke_role::RevokeRole;
use crate::domain::users::{GrantView, UserSummary};
use crate::i18n::{t, td_string, use_i18n};
use crate::layout::error_message::ErrorMessage;
use crate::layout::labels::{RoleName, role_name};

/// Users and their roles.
#[component]
pub fn UserTable(users: Vec<UserSummary>, revoke: ServerAction<RevokeRole>) -> impl IntoView {
    let i18n = use_i18n();
    let error = move || revoke.value().get().and_then(Result::err);
    view! {
        <section class="card" aria-labelledby="users-heading">
            <h2 id="users-heading">{t!(i18n, admin_users)}</h2>
            <div role="alert" class="alert-slot">
                {move || error().map(|error| view! { <p class="error"><ErrorMessage error /></p> })}
            </div>
            <table class="users">
                <thead>
                    <tr>
                        <th scope="col">{t!(i18n, col_name)}</th>
                        <th scope="col">{t!(i18n, col_username)}</th>
                        <th scope="col">{t!(i18n, col_roles)}</th>
                    </tr>
                </thead>
                <tbody>
                    {users
                        .into_iter()
                        .map(|user| view! { <UserRow user revoke /> })
                        .collect_view()}
                </tbody>
            </table>
        </section>
    }
}

#[component]
fn UserRow(user: UserSummary, revoke: ServerAction<RevokeRole>) -> impl IntoView {
    let i18n = use_i18n();
    let display_name = user.display_name.clone();
    let grants = if user.grants.is_empty() {
        view! { <span class="muted">{t!(i18n, no_grants)}</span> }.into_any()
    } else {
        view! {
            <ul class="grants">
                {user
                    .grants
                    .into_iter()
                    .map(|grant| view! { <GrantItem grant user_name=display_name.clone() revoke /> })
                    .collect_view()}
            </ul>
        }
        .into_any()
    };
    view! {
        <tr data-username=user.username.clone()>
            <td>{user.display_name}</td>
            <td>{user.username.clone()}</td>
            <td>{grants}</td>
        </tr>
    }
}

#[component]
fn GrantItem(
    grant: GrantView,
    user_name: String,
    revoke: ServerAction<RevokeRole>,
) -> impl IntoView {
    let i18n = use_i18n();
    let role = grant.role;
    let unit = grant.unit_name.clone();
    let label = move || {
        let locale = i18n.get_locale();
        format!(
            "{} {} – {} ({user_name})",
            td_string!(locale, revoke_label),
            role_name(locale, role),
            unit
        )
    };
    view! {
        <li>
            <RoleName role=grant.role />
            " – "
            {grant.unit_name}
            <ActionForm action=revoke attr:class="inline">
                <input type="hidden" name="grant_id" value=grant.id />
                <button type="submit" class="small secondary" aria-label=label>
                    {t!(i18n, revoke)}
                </button>
            </ActionForm>
        </li>
    }
}
