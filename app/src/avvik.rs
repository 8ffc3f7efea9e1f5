//! Avvik cases as leaders, the HMS-ansvarlig and verneombud follow them up:
//! the list of the cases a person reaches ([`list`], shown on `/avvik` by
//! [`list_page`]), sorted by risk ([`risk`], re-rated by a leader with both
//! ratings kept in [`rating`]), then oldest first; and how a
//! case moves from Ny to Lukket or Avvist ([`workflow`], [`moves`]), on its
//! page ([`case`], [`case_page`]).

pub mod case;
pub mod case_actions;
pub mod case_assign;
pub mod case_comments;
pub mod case_page;
pub mod case_photos;
pub mod case_risk;
pub mod count_matrix;
pub mod list;
pub mod list_filters;
pub mod list_page;
pub mod moves;
pub mod rating;
pub mod risk;
pub mod workflow;
