//! PDF documents made on the server, with no browser and no outside
//! service: text in DejaVu Sans (kept in `server/assets/fonts`, free
//! licence beside it, embedded as a subset), so æ, ø and å come out as they
//! are typed, and JPEG photos as they are stored. A document is laid out as
//! A4 pages of drawing steps first ([`flow`]), then drawn with `krilla`
//! ([`render`]), so that every page can say "Side 2 / 5".

pub mod flow;
pub mod fonts;
pub mod render;
pub mod risk_block;
pub mod round_report;
