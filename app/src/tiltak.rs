//! The tiltaksplan: the measures (tiltak) that answer avvik cases. What a
//! measure may hold and how its status moves ([`rules`]), how pages show it
//! ([`model`]), the server functions ([`changes`]), the measures on a case's
//! page ([`case_card`], typed in [`form`]), and a unit's open measures on
//! `/tiltaksplan` ([`plan_page`]).

pub mod case_card;
pub mod changes;
pub mod form;
pub mod model;
pub mod plan_page;
pub mod rules;
