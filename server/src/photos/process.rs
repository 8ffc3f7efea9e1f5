//! The pure image work on an uploaded photo: find the real format from the
//! bytes, decode within limits, and store a JPEG without metadata (no EXIF,
//! GPS or anything else) plus a small thumbnail. An upright JPEG within the
//! stored size (what phones send) is kept as sent with its metadata
//! segments cut out; anything else is re-encoded.
//!
//! Everything here is CPU-bound and blocking; callers run it in
//! `tokio::task::spawn_blocking`.

use std::io::Cursor;

use image::codecs::jpeg::JpegEncoder;
use image::imageops::FilterType;
use image::metadata::Orientation;
use image::{DynamicImage, ImageDecoder, ImageError, ImageFormat, ImageReader, Limits, RgbImage};

use super::jpeg_markers;

/// The largest width or height accepted, in pixels.
pub const MAX_SIDE: u32 = 12_000;
/// The most pixels accepted (50 megapixels): decoded as RGBA at most
/// 200 MB, checked from the header before anything is decoded.
pub const MAX_PIXELS: u64 = 50_000_000;
/// The most memory one decode may allocate, in bytes.
pub const MAX_ALLOC: u64 = 256 * 1024 * 1024;
/// Longer edges are scaled down to this many pixels before storing.
pub const MAX_STORED_EDGE: u32 = 4_096;
/// The long edge of a thumbnail, in pixels.
pub const THUMB_EDGE: u32 = 320;
const QUALITY: u8 = 85;
const THUMB_QUALITY: u8 = 80;

/// Why an upload could not be turned into a stored photo.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ProcessError {
    /// The bytes are not a JPEG, PNG or WebP image.
    #[error("not an image: send a JPEG, PNG or WebP photo")]
    NotAnImage,
    /// The image is larger than Vern opens (or would need too much memory).
    #[error(
        "the image is too large to open (at most 50 megapixels and {MAX_SIDE} pixels on a side)"
    )]
    TooLarge,
    /// The image is cut off or damaged.
    #[error("the image is damaged or cut off and could not be read")]
    Unreadable,
    /// Encoding the JPEG failed (a server fault, not the uploader's).
    #[error("could not encode the JPEG: {0}")]
    Encode(String),
}

/// A photo ready to store.
#[derive(Clone, Debug)]
pub struct Processed {
    /// The JPEG to store, without metadata.
    pub jpeg: Vec<u8>,
    /// The thumbnail JPEG.
    pub thumb: Vec<u8>,
    /// Width of the stored JPEG in pixels.
    pub width: u32,
    /// Height of the stored JPEG in pixels.
    pub height: u32,
}

/// Turns an upload into the stored JPEG: upright (EXIF orientation
/// applied), at most [`MAX_STORED_EDGE`] on the long edge, without
/// metadata; kept as sent when it already is all that, else re-encoded.
///
/// Memory stays near the decoded image: it is shrunk first, by integer
/// sampling (`thumbnail`; a filtered `resize` would build a float buffer
/// several times the image), and only the small image is turned upright.
pub fn process(bytes: &[u8]) -> Result<Processed, ProcessError> {
    let (mut image, orientation, format) = decode(bytes)?;
    // Re-encoding what a phone already encoded would only make it larger
    // (about twice the bytes at this quality) and lose detail.
    let as_sent = (format == ImageFormat::Jpeg
        && orientation == Orientation::NoTransforms
        && image.width().max(image.height()) <= MAX_STORED_EDGE)
        .then(|| jpeg_markers::without_metadata(bytes))
        .flatten();
    if image.width().max(image.height()) > MAX_STORED_EDGE {
        image = image.thumbnail(MAX_STORED_EDGE, MAX_STORED_EDGE);
    }
    image.apply_orientation(orientation);
    let rgb = flatten(image);
    let (width, height) = rgb.dimensions();
    let jpeg = match as_sent {
        Some(jpeg) => jpeg,
        None => encode(&rgb, QUALITY)?,
    };
    let full = DynamicImage::ImageRgb8(rgb);
    let small = if width.max(height) > THUMB_EDGE {
        full.resize(THUMB_EDGE, THUMB_EDGE, FilterType::Triangle)
    } else {
        full
    };
    let thumb = encode(&small.into_rgb8(), THUMB_QUALITY)?;
    Ok(Processed {
        jpeg,
        thumb,
        width,
        height,
    })
}

/// Sniffs the format (never trusting the Content-Type) and decodes within
/// [`MAX_SIDE`], [`MAX_PIXELS`] and [`MAX_ALLOC`], so decompression bombs
/// fail cleanly from their header. Returns the image as stored in the file,
/// the orientation to apply and the format.
fn decode(bytes: &[u8]) -> Result<(DynamicImage, Orientation, ImageFormat), ProcessError> {
    let mut reader = ImageReader::new(Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|_| ProcessError::Unreadable)?;
    let format = match reader.format() {
        Some(ImageFormat::Jpeg) if !jpeg_markers::is_complete(bytes) => {
            return Err(ProcessError::Unreadable);
        }
        Some(format @ (ImageFormat::Jpeg | ImageFormat::Png | ImageFormat::WebP)) => format,
        _ => return Err(ProcessError::NotAnImage),
    };
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_SIDE);
    limits.max_image_height = Some(MAX_SIDE);
    limits.max_alloc = Some(MAX_ALLOC);
    reader.limits(limits);
    let mut decoder = reader.into_decoder().map_err(classify)?;
    let (width, height) = decoder.dimensions();
    let too_large = width > MAX_SIDE
        || height > MAX_SIDE
        || u64::from(width) * u64::from(height) > MAX_PIXELS
        || decoder.total_bytes() > MAX_ALLOC;
    if too_large {
        return Err(ProcessError::TooLarge);
    }
    let orientation = decoder.orientation().unwrap_or(Orientation::NoTransforms);
    let image = DynamicImage::from_decoder(decoder).map_err(classify)?;
    Ok((image, orientation, format))
}

fn classify(error: ImageError) -> ProcessError {
    match error {
        ImageError::Limits(_) => ProcessError::TooLarge,
        _ => ProcessError::Unreadable,
    }
}

/// 8-bit RGB for the JPEG encoder; transparent parts become white.
fn flatten(image: DynamicImage) -> RgbImage {
    if !image.color().has_alpha() {
        return image.into_rgb8();
    }
    let rgba = image.into_rgba8();
    RgbImage::from_fn(rgba.width(), rgba.height(), |x, y| {
        let [r, g, b, alpha] = rgba.get_pixel(x, y).0;
        let over_white = |channel: u8| {
            let (c, a) = (u16::from(channel), u16::from(alpha));
            u8::try_from((c * a + 255 * (255 - a)) / 255).unwrap_or(u8::MAX)
        };
        image::Rgb([over_white(r), over_white(g), over_white(b)])
    })
}

fn encode(image: &RgbImage, quality: u8) -> Result<Vec<u8>, ProcessError> {
    let mut out = Vec::new();
    JpegEncoder::new_with_quality(&mut out, quality)
        .encode_image(image)
        .map_err(|error| ProcessError::Encode(error.to_string()))?;
    Ok(out)
}

#[cfg(test)]
#[path = "process_tests.rs"]
mod tests;
