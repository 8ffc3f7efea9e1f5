//! Avvik cases as leaders, the HMS-ansvarlig and verneombud follow them up:
//! the list of the cases a person reaches ([`list`]), sorted by risk
//! ([`risk`]), then oldest first.

pub mod list;
pub mod risk;
