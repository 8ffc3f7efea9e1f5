//! The leader's dashboard, on the start page and at `/oversikt`: open avvik
//! on the 5×5 matrix (a cell leads to the list filtered to it), what is new
//! since the last sitting, measures overdue and due within 7 days, avvik per
//! month for a year, and for those who reach several units the same per
//! unit. The data and its server function ([`model`]), the sitting rule
//! ([`visit`]) and the view ([`page`], [`matrix`], [`chart`], [`per_unit`]).

pub mod chart;
pub mod matrix;
pub mod model;
pub mod page;
pub mod per_unit;
pub mod visit;
