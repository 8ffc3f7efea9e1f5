//! The årshjul at `/arshjul?enhet=…&aar=…`: a unit's yearly plan of HMS
//! activities, months across and activities down, each occurrence coloured
//! and named by how far it has come (done, planned, due, overdue, to come),
//! computed on the server from what was recorded; and the form a leader
//! marks an activity done with; and every unit's year in a line for the
//! HMS-ansvarlig at `/arshjul/enheter`; and the kinds and their rules at
//! `/admin/arshjul`. The data and its server functions ([`model`],
//! [`overview`], [`kinds`]) and the view ([`page`], [`grid`],
//! [`record_form`], [`times_form`], [`overview_page`], [`kinds_page`]).

pub mod grid;
pub mod kinds;
pub mod kinds_page;
pub mod model;
pub mod overview;
pub mod overview_page;
pub mod page;
pub mod record_form;
pub mod times_form;
