//! The user administration page.

use leptos::prelude::*;

use super::create_user::CreateUser;
use super::forms::{CreateUserForm, GrantRoleForm};
use super::grant_role::GrantRole;
use super::overview::load_admin_overview;
use super::revoke_role::RevokeRole;
use super::user_table::UserTable;
use crate::i18n::{t, use_i18n};
use crate::layout::error_message::ErrorMessage;
use crate::layout::page_frame::PageFrame;

/// Lists users with their roles; creates users; grants and revokes roles.
#[component]
pub fn AdminUsersPage() -> impl IntoView {
    let i18n = use_i18n();
    let create = ServerAction::<CreateUser>::new();
    let grant = ServerAction::<GrantRole>::new();
    let revoke = ServerAction::<RevokeRole>::new();
    let overview = Resource::new(
        move || {
            (
                create.version().get(),
                grant.version().get(),
                revoke.version().get(),
            )
        },
        |_| load_admin_overview(),
    );

    view! {
        <PageFrame>
            <main id="main" class="page">
                <h1>{t!(i18n, admin_title)}</h1>
                <Transition fallback=move || view! { <p>{t!(i18n, loading)}</p> }>
                    {move || {
                        overview
                            .get()
                            .map(|result| match result {
                                Ok(overview) => {
                                    view! {
                                        <div class="two-pane">
                                            <UserTable users=overview.users.clone() revoke />
                                            <div class="stack">
                                                <CreateUserForm create />
                                                <GrantRoleForm grant overview />
                                            </div>
                                        </div>
                                    }
                                        .into_any()
                                }
                                Err(error) => {
                                    view! { <p class="error" role="alert"><ErrorMessage error /></p> }
                                        .into_any()
                                }
                            })
                    }}
                </Transition>
            </main>
        </PageFrame>
    }
}
