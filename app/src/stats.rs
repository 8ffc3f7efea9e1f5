//! Avvik statistics for AMU at `/statistikk?aar=…&enhet=…`: the cases
//! registered in a year, per unit × category × quarter (Norwegian time), as
//! a chart, two tables and an XLSX download. The data and its server
//! function ([`model`]) and the view ([`page`], [`chart`], [`tables`]).

pub mod chart;
pub mod model;
pub mod page;
pub mod tables;
