//! Typed reads and writes of single stores, inside a caller's transaction.

use idb::{ObjectStore, Query};
use serde::Serialize;
use serde::de::DeserializeOwned;
use wasm_bindgen::JsValue;

use super::{BY_ROUND, describe};

/// A record as a plain JS object.
pub(crate) fn to_js<T: Serialize>(value: &T) -> Result<JsValue, String> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|error| format!("Kunne ikke lagre på enheten: {error}"))
}

/// A record from a stored JS value.
pub(crate) fn from_js<T: DeserializeOwned>(value: JsValue) -> Result<T, String> {
    serde_wasm_bindgen::from_value(value)
        .map_err(|error| format!("Ugyldige data på enheten: {error}"))
}

/// Reads one record by key.
pub(crate) async fn get<T: DeserializeOwned>(
    store: &ObjectStore,
    key: &str,
) -> Result<Option<T>, String> {
    get_raw(store, key).await?.map(from_js).transpose()
}

/// Reads one stored value by key, as it is.
pub(crate) async fn get_raw(store: &ObjectStore, key: &str) -> Result<Option<JsValue>, String> {
    let value = store
        .get(JsValue::from_str(key))
        .map_err(describe)?
        .await
        .map_err(describe)?;
    Ok(value.filter(|value| !value.is_undefined()))
}

/// Reads every record of a store.
pub(crate) async fn get_all<T: DeserializeOwned>(store: &ObjectStore) -> Result<Vec<T>, String> {
    let values = store
        .get_all(None, None)
        .map_err(describe)?
        .await
        .map_err(describe)?;
    values.into_iter().map(from_js).collect()
}

/// Reads the records of one round through the [`BY_ROUND`] index.
pub(crate) async fn get_by_round<T: DeserializeOwned>(
    store: &ObjectStore,
    round_id: &str,
) -> Result<Vec<T>, String> {
    let index = store.index(BY_ROUND).map_err(describe)?;
    let query = Query::Key(JsValue::from_str(round_id));
    let values = index
        .get_all(Some(query), None)
        .map_err(describe)?
        .await
        .map_err(describe)?;
    values.into_iter().map(from_js).collect()
}

/// Writes a record to a store keyed by its `id` field.
pub(crate) async fn put<T: Serialize>(store: &ObjectStore, value: &T) -> Result<(), String> {
    let value = to_js(value)?;
    store
        .put(&value, None)
        .map_err(describe)?
        .await
        .map_err(describe)?;
    Ok(())
}

/// Writes a value under an out-of-line key.
pub(crate) async fn put_at(store: &ObjectStore, key: &str, value: &JsValue) -> Result<(), String> {
    let key = JsValue::from_str(key);
    store
        .put(value, Some(&key))
        .map_err(describe)?
        .await
        .map_err(describe)?;
    Ok(())
}

/// Deletes the value under a key.
pub(crate) async fn delete(store: &ObjectStore, key: &JsValue) -> Result<(), String> {
    store
        .delete(Query::Key(key.clone()))
        .map_err(describe)?
        .await
        .map_err(describe)
}
