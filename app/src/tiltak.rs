//! The tiltaksplan: the measures (tiltak) that answer avvik cases. What a
//! measure may hold and how its status moves ([`rules`]), how pages show it
//! ([`model`]), the server functions ([`changes`]), the measures on a case's
//! page ([`case_card`], with their [`steps`], typed in [`form`], the page's
//! drafts in [`work`]), and a unit's open measures on `/tiltaksplan`
//! ([`plan_page`]).

pub mod case_card;
pub mod changes;
pub mod form;
pub mod model;
pub mod plan_page;
pub mod rules;
pub mod steps;
pub mod work;
