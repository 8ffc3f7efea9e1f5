//! The årshjul at `/arshjul?enhet=…&aar=…`: a unit's yearly plan of HMS
//! activities, months across and activities down, each occurrence coloured
//! and named by how far it has come (done, planned, due, overdue, to come),
//! computed on the server from what was recorded; and the form a leader
//! marks an activity done with. The data and its server functions
//! ([`model`]) and the view ([`page`], [`grid`], [`record_form`]).

pub mod grid;
pub mod model;
pub mod page;
pub mod record_form;
