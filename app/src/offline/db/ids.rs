//! Ids and time on the device, and the device's own id.

use wasm_bindgen::JsValue;

use super::{META, finish, get_raw, put_at, store, write};

/// A fresh UUIDv7 from the clock and the browser's random source.
pub(crate) fn new_id() -> String {
    let mut random = [0u8; 10];
    let filled = web_sys::window()
        .and_then(|window| window.crypto().ok())
        .is_some_and(|crypto| crypto.get_random_values_with_u8_array(&mut random).is_ok());
    if !filled {
        // Without Web Crypto (very old browsers) Math.random still keeps ids apart.
        for byte in &mut random {
            *byte = (js_sys::Math::random() * 256.0) as u8;
        }
    }
    crate::sync::ids::uuid_v7(now_ms() as u64, random)
}

/// The time now, in epoch milliseconds.
pub(crate) fn now_ms() -> f64 {
    js_sys::Date::now()
}

/// This browser profile's device id, made once and kept in [`META`].
pub(crate) async fn device_id() -> Result<String, String> {
    let transaction = write(&[META]).await?;
    let work = async {
        let meta = store(&transaction, META)?;
        if let Some(id) = get_raw(&meta, "device_id")
            .await?
            .and_then(|value| value.as_string())
        {
            return Ok(id);
        }
        let id = new_id();
        put_at(&meta, "device_id", &JsValue::from_str(&id)).await?;
        Ok(id)
    }
    .await;
    finish(transaction, work).await
}
