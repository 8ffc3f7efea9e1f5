//! The frame around every logged-in page, and small shared components.

pub mod action_error;
pub mod error_message;
pub mod labels;
pub mod language_switch;
pub mod loaded;
pub mod new_version;
pub mod offline_note;
pub mod page_frame;
pub mod page_title;
pub mod print_button;
pub mod query_link;
pub mod unit_picker;
pub mod year_select;
