//! Offline sync shared by the browser and the server: the wire protocol of
//! `/api/v1/sync`, the records it carries, and the pure rules of the queue.

pub mod answers;
pub mod ids;
pub mod ownership;
pub mod protocol;
pub mod records;
pub mod reference;
pub mod rules;
pub mod scope;
pub mod visibility;
