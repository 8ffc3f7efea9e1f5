//! Translated names of roles and unit kinds.

use leptos::prelude::*;

use crate::domain::roles::Role;
use crate::domain::units::UnitKind;
use crate::i18n::{Locale, td_string, use_i18n};

/// The name of a role in the given locale, as plain text (for attributes and options).
pub fn role_name(locale: Locale, role: Role) -> &'static str {
    match role {
        Role::HmsAdmin => td_string!(locale, role_hms_admin),
        Role::Hovedverneombud => td_string!(locale, role_hovedverneombud),
        Role::Verneombud => td_string!(locale, role_verneombud),
        Role::Leder => td_string!(locale, role_leder),
        Role::AmuReader => td_string!(locale, role_amu_reader),
        Role::Medarbeider => td_string!(locale, role_medarbeider),
        Role::Mks => td_string!(locale, role_mks),
    }
}

/// The name of a unit kind in the given locale.
pub fn kind_name(locale: Locale, kind: UnitKind) -> &'static str {
    match kind {
        UnitKind::Kommune => td_string!(locale, kind_kommune),
        UnitKind::Sektor => td_string!(locale, kind_sektor),
        UnitKind::Enhet => td_string!(locale, kind_enhet),
        UnitKind::Avdeling => td_string!(locale, kind_avdeling),
    }
}

/// A role's name that follows the chosen language.
#[component]
pub fn RoleName(role: Role) -> impl IntoView {
    let i18n = use_i18n();
    move || role_name(i18n.get_locale(), role)
}

/// A unit kind's name that follows the chosen language.
#[component]
pub fn KindName(kind: UnitKind) -> impl IntoView {
    let i18n = use_i18n();
    move || kind_name(i18n.get_locale(), kind)
}
