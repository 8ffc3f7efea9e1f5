//! The IndexedDB database `vern`: opening it once, transactions, and typed
//! reads and writes. Records are stored as plain objects (so indexes can see
//! their fields); photo blobs are stored as they are.
//!
//! Inside a transaction only IndexedDB requests are awaited: anything else
//! would let the transaction commit under our feet.

mod access;
mod ids;
mod outbox;

use std::cell::RefCell;
use std::rc::Rc;

use idb::builder::{DatabaseBuilder, IndexBuilder, ObjectStoreBuilder};
use idb::{Database, KeyPath, ObjectStore, Transaction, TransactionMode};
use wasm_bindgen::JsCast;

pub(crate) use access::{delete, from_js, get, get_all, get_by_round, get_raw, put, put_at, to_js};
pub(crate) use ids::{device_id, new_id, now_ms};
pub(crate) use outbox::{add_op, put_entry, read_outbox, unsent_keys};

/// Rounds by id.
pub(crate) const ROUNDS: &str = "rounds";
/// Findings by id, indexed by round.
pub(crate) const FINDINGS: &str = "findings";
/// Photo metadata by id, indexed by round.
pub(crate) const PHOTO_META: &str = "photo_meta";
/// Photo blobs under the photo's id.
pub(crate) const PHOTO_BLOBS: &str = "photo_blobs";
/// Queued operations under an auto-increment key.
pub(crate) const OUTBOX: &str = "outbox";
/// Single values under string keys (device id, cursor, reference data …).
pub(crate) const META: &str = "meta";
/// QR reports waiting to be sent, under their client id.
pub(crate) const REPORTS: &str = "reports";
/// The index on `round_id` in [`FINDINGS`] and [`PHOTO_META`].
pub(crate) const BY_ROUND: &str = "round_id";

const NAME: &str = "vern";
// 2: the store of waiting QR reports.
const VERSION: u32 = 2;

thread_local! {
    static DATABASE: RefCell<Option<Rc<Database>>> = const { RefCell::new(None) };
}

/// The open database, opened (and created or upgraded) on first use.
async fn database() -> Result<Rc<Database>, String> {
    if let Some(open) = DATABASE.with_borrow(Clone::clone) {
        return Ok(open);
    }
    let opened = Rc::new(open().await.map_err(describe)?);
    // Two callers may have opened it at once: keep the first, close the other.
    let kept = DATABASE.with_borrow_mut(|slot| slot.get_or_insert_with(|| opened.clone()).clone());
    if !Rc::ptr_eq(&kept, &opened) {
        opened.close();
    }
    Ok(kept)
}

async fn open() -> Result<Database, idb::Error> {
    let by_round = || IndexBuilder::new(BY_ROUND.to_owned(), KeyPath::new_single("round_id"));
    let keyed_by_id =
        |name: &str| ObjectStoreBuilder::new(name).key_path(Some(KeyPath::new_single("id")));
    DatabaseBuilder::new(NAME)
        .version(VERSION)
        .add_object_store(keyed_by_id(ROUNDS))
        .add_object_store(keyed_by_id(FINDINGS).add_index(by_round()))
        .add_object_store(keyed_by_id(PHOTO_META).add_index(by_round()))
        .add_object_store(ObjectStoreBuilder::new(PHOTO_BLOBS))
        .add_object_store(ObjectStoreBuilder::new(OUTBOX).auto_increment(true))
        .add_object_store(ObjectStoreBuilder::new(META))
        .add_object_store(ObjectStoreBuilder::new(REPORTS))
        .build()
        .await
}

/// Opens a transaction over `stores`.
pub(crate) async fn transaction(
    stores: &[&str],
    mode: TransactionMode,
) -> Result<Transaction, String> {
    let database = database().await?;
    database.transaction(stores, mode).map_err(|error| {
        // The connection may have been closed (another tab upgrading, the
        // browser reclaiming it): open a fresh one next time.
        if let Some(stale) = DATABASE.with_borrow_mut(Option::take) {
            stale.close();
        }
        describe(error)
    })
}

/// A read-only transaction over `stores`.
pub(crate) async fn read(stores: &[&str]) -> Result<Transaction, String> {
    transaction(stores, TransactionMode::ReadOnly).await
}

/// A read-write transaction over `stores`.
pub(crate) async fn write(stores: &[&str]) -> Result<Transaction, String> {
    transaction(stores, TransactionMode::ReadWrite).await
}

/// Ends a read-write transaction: commits and waits for it when `work`
/// succeeded, aborts it (nothing of it is kept) when it failed.
pub(crate) async fn finish<T, E: From<String>>(
    transaction: Transaction,
    work: Result<T, E>,
) -> Result<T, E> {
    match work {
        Ok(value) => match transaction.await {
            Ok(result) if result.is_committed() => Ok(value),
            Ok(_) => Err(E::from("Lagringen på enheten ble avbrutt.".to_owned())),
            Err(error) => Err(E::from(describe(error))),
        },
        Err(message) => {
            // Aborting fails only if the transaction already ended, and then
            // nothing more can be written to it either.
            let _aborted = transaction.abort();
            Err(message)
        }
    }
}

/// An object store of a transaction.
pub(crate) fn store(transaction: &Transaction, name: &str) -> Result<ObjectStore, String> {
    transaction.object_store(name).map_err(describe)
}
/// A message a person can act on for an IndexedDB failure.
pub(crate) fn describe(error: idb::Error) -> String {
    let exception = match &error {
        idb::Error::DomException(exception) => Some(exception.clone()),
        idb::Error::UpdateFailed(value) | idb::Error::AddFailed(value) => {
            value.dyn_ref::<web_sys::DomException>().cloned()
        }
        _ => None,
    };
    match exception.map(|exception| exception.name()) {
        Some(name) if name == "QuotaExceededError" => {
            "Enheten har ikke mer lagringsplass. Synkroniser og slett gamle bilder.".to_owned()
        }
        _ => format!("Kunne ikke lese eller lagre på enheten ({error})."),
    }
}
