//! The device side of offline work: the IndexedDB store (records, outbox,
//! photo blobs), the sync engine, and the status every page shows.
//! Everything but [`status`] runs only in the browser.

pub mod device_error;
pub mod status;

#[cfg(feature = "hydrate")]
pub mod db;
#[cfg(feature = "hydrate")]
pub mod engine;
#[cfg(feature = "hydrate")]
pub mod net;
#[cfg(feature = "hydrate")]
pub mod photos;
#[cfg(feature = "hydrate")]
pub mod store;
