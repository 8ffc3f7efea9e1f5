//! Turning a camera picture into the JPEG Vern keeps: decoded upright,
//! scaled to a long edge of at most 2048 px, re-encoded (no metadata
//! survives a canvas), and hashed with SHA-256.

use js_sys::{Function, Object, Promise, Reflect, Uint8Array};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{Blob, CanvasRenderingContext2d, HtmlCanvasElement, ImageBitmap, Window};

/// Longest edge of a stored photo, in pixels.
const LONG_EDGE: u32 = 2048;
/// JPEG quality of stored photos.
const QUALITY: f64 = 0.85;
/// Longest edge of the thumbnail kept once a photo is on the server.
const THUMB_EDGE: u32 = 320;
/// JPEG quality of that thumbnail.
const THUMB_QUALITY: f64 = 0.8;

const UNREADABLE: &str = "Bildet kunne ikke leses. Prøv et annet bilde, eller ta det på nytt.";

/// A downscaled JPEG and its size in pixels.
pub(super) struct Jpeg {
    pub blob: Blob,
    pub width: u32,
    pub height: u32,
}

/// Decodes `file` and re-encodes it as a downscaled JPEG.
pub(super) async fn to_jpeg(file: &web_sys::File) -> Result<Jpeg, String> {
    scaled(file, LONG_EDGE, QUALITY).await
}

/// A small copy of a stored JPEG, kept on the device in its place once the
/// server has the photo.
pub(super) async fn thumbnail(blob: &Blob) -> Result<Jpeg, String> {
    scaled(blob, THUMB_EDGE, THUMB_QUALITY).await
}

/// Decodes `image` and re-encodes it with a long edge of at most `long_edge`.
async fn scaled(image: &Blob, long_edge: u32, quality: f64) -> Result<Jpeg, String> {
    let window = web_sys::window().ok_or(UNREADABLE)?;
    let bitmap = decode(&window, image).await?;
    let (width, height) = fit(bitmap.width(), bitmap.height(), long_edge);
    let drawn = draw(&window, &bitmap, width, height);
    bitmap.close();
    let canvas = drawn?;
    let blob = encode(&canvas, quality).await;
    // Safari caps the memory of all canvases together: free this one now.
    canvas.set_width(0);
    canvas.set_height(0);
    Ok(Jpeg {
        blob: blob?,
        width,
        height,
    })
}

/// Hex SHA-256 of a blob's bytes, by Web Crypto.
pub(super) async fn sha256_hex(blob: &Blob) -> Result<String, String> {
    const NO_CRYPTO: &str = "Nettleseren kan ikke beregne sjekksum for bildet (krever HTTPS).";
    let subtle = web_sys::window()
        .and_then(|window| window.crypto().ok())
        .map(|crypto| crypto.subtle())
        .filter(|subtle| !subtle.is_undefined())
        .ok_or(NO_CRYPTO)?;
    let buffer = JsFuture::from(blob.array_buffer())
        .await
        .map_err(|_| UNREADABLE)?;
    let buffer: Object = buffer.dyn_into().map_err(|_| UNREADABLE)?;
    let digest = subtle
        .digest_with_str_and_buffer_source("SHA-256", &buffer)
        .map_err(|_| NO_CRYPTO)?;
    let digest = JsFuture::from(digest).await.map_err(|_| NO_CRYPTO)?;
    let bytes = Uint8Array::new(&digest).to_vec();
    Ok(bytes.iter().map(|byte| format!("{byte:02x}")).collect())
}

/// The size that fits within `long_edge`, keeping the aspect ratio.
fn fit(width: u32, height: u32, long_edge: u32) -> (u32, u32) {
    let long = width.max(height);
    if long <= long_edge || long == 0 {
        return (width.max(1), height.max(1));
    }
    let scale = f64::from(long_edge) / f64::from(long);
    let scaled = |side: u32| ((f64::from(side) * scale).round() as u32).max(1);
    (scaled(width), scaled(height))
}

/// `createImageBitmap(file, {imageOrientation: "from-image"})`, or without
/// options where the browser does not know that value (it then applies the
/// EXIF orientation by default, as current browsers do anyway).
async fn decode(window: &Window, file: &Blob) -> Result<ImageBitmap, String> {
    let create: Function = Reflect::get(window, &JsValue::from_str("createImageBitmap"))
        .ok()
        .and_then(|value| value.dyn_into().ok())
        .ok_or("Nettleseren kan ikke behandle bilder.")?;
    let options = Object::new();
    let _ = Reflect::set(&options, &"imageOrientation".into(), &"from-image".into());
    if let Some(bitmap) = await_bitmap(create.call2(window, file, &options)).await {
        return Ok(bitmap);
    }
    await_bitmap(create.call1(window, file))
        .await
        .ok_or_else(|| UNREADABLE.to_owned())
}

async fn await_bitmap(called: Result<JsValue, JsValue>) -> Option<ImageBitmap> {
    let promise: Promise = called.ok()?.dyn_into().ok()?;
    JsFuture::from(promise).await.ok()?.dyn_into().ok()
}

/// A canvas of `width` × `height` with the bitmap drawn on it.
fn draw(
    window: &Window,
    bitmap: &ImageBitmap,
    width: u32,
    height: u32,
) -> Result<HtmlCanvasElement, String> {
    let canvas: HtmlCanvasElement = window
        .document()
        .and_then(|document| document.create_element("canvas").ok())
        .and_then(|element| element.dyn_into().ok())
        .ok_or(UNREADABLE)?;
    canvas.set_width(width);
    canvas.set_height(height);
    let context: CanvasRenderingContext2d = canvas
        .get_context("2d")
        .ok()
        .flatten()
        .and_then(|context| context.dyn_into().ok())
        .ok_or(UNREADABLE)?;
    context
        .draw_image_with_image_bitmap_and_dw_and_dh(
            bitmap,
            0.0,
            0.0,
            f64::from(width),
            f64::from(height),
        )
        .map_err(|_| UNREADABLE)?;
    Ok(canvas)
}

/// `canvas.toBlob("image/jpeg", quality)` as a future.
async fn encode(canvas: &HtmlCanvasElement, quality: f64) -> Result<Blob, String> {
    let mut started = Ok(());
    let promise = Promise::new(&mut |resolve: Function, reject: Function| {
        let callback = Closure::once_into_js(move |blob: JsValue| {
            let _ = resolve.call1(&JsValue::NULL, &blob);
        });
        started = canvas.to_blob_with_type_and_encoder_options(
            callback.unchecked_ref(),
            "image/jpeg",
            &JsValue::from_f64(quality),
        );
        if let Err(error) = &started {
            let _ = reject.call1(&JsValue::NULL, error);
        }
    });
    started.map_err(|_| UNREADABLE)?;
    let blob = JsFuture::from(promise).await.map_err(|_| UNREADABLE)?;
    // toBlob hands over null when the canvas is too large for the device.
    blob.dyn_into::<Blob>()
        .map_err(|_| "Bildet er for stort for denne enheten.".to_owned())
}
