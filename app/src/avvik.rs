//! Avvik cases as leaders, the HMS-ansvarlig and verneombud follow them up:
//! the list of the cases a person reaches ([`list`], shown on `/avvik` by
//! [`list_page`]), sorted by risk ([`risk`]), then oldest first.

pub mod list;
pub mod list_filters;
pub mod list_page;
pub mod risk;
