//! The pure image work on an uploaded photo: find the real format from the
//! bytes, refuse what is too large from its header alone, and store a JPEG
//! without metadata (no EXIF, GPS or anything else).
//!
//! - [`clean`] (photos of findings): a JPEG, what phones send, is kept as
//!   sent with its metadata segments cut out and its orientation written
//!   back as the only EXIF entry. No pixel is decoded, so the upload runs
//!   at the speed of the link. PNG and WebP are re-encoded.
//! - [`reencode`] (photos sent with anonymous QR reports): always decoded
//!   and encoded again, so the stored bytes share nothing with the original
//!   in the reporter's gallery.
//! - [`thumbnail`]: from a stored JPEG, decoded at a reduced DCT scale, in a
//!   background job ([`super::thumbnails`]).
//!
//! Memory stays under 100 MB per photo whatever a header claims: a JPEG is
//! never decoded at full size when it is large, and a PNG or WebP is opened
//! only up to [`MAX_DECODED_BYTES`]. Everything here is CPU-bound and
//! blocking; callers run it on blocking threads.

pub mod scaled;

use std::io::Cursor;

use image::codecs::jpeg::JpegEncoder;
use image::imageops::FilterType;
use image::metadata::Orientation;
use image::{DynamicImage, ImageDecoder, ImageError, ImageFormat, ImageReader, Limits, RgbImage};
use scaled::Target;

use super::jpeg_markers::{Frame, Jpeg};

/// The largest width or height accepted, in pixels.
pub const MAX_SIDE: u32 = 12_000;
/// The most pixels a JPEG may have (50 megapixels): it is never decoded
/// whole, so its size costs the server nothing but the upload.
pub const MAX_PIXELS: u64 = 50_000_000;
/// The most a progressive JPEG's coefficients may take while it is decoded
/// (about 11 megapixels at the usual 4:2:0 sampling); baseline JPEGs, what
/// cameras write, keep none.
pub const MAX_COEFFICIENT_BYTES: u64 = 32 * 1024 * 1024;
/// The most a PNG or WebP may take decoded (about 10 megapixels with
/// transparency), checked from its header before it is decoded.
pub const MAX_DECODED_BYTES: u64 = 40 * 1024 * 1024;
/// A re-encoded photo's long edge, at most.
pub const MAX_STORED_EDGE: u32 = 4_096;
/// A re-encoded photo's pixels, at most.
pub const MAX_STORED_PIXELS: u64 = 12_000_000;
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
        "the image is too large to open (at most 50 megapixels and {MAX_SIDE} pixels on a side; \
         PNG and WebP at most about 10 megapixels)"
    )]
    TooLarge,
    /// The image is cut off, damaged or coded in a way Vern does not read.
    #[error("the image is damaged or cut off and could not be read")]
    Unreadable,
    /// Encoding the JPEG failed (a server fault, not the uploader's).
    #[error("could not encode the JPEG: {0}")]
    Encode(String),
}

/// A photo ready to store.
#[derive(Clone, Debug)]
pub struct Cleaned {
    /// The JPEG to store, without metadata.
    pub jpeg: Vec<u8>,
    /// Width in pixels as the photo is shown (its orientation applied).
    pub width: u32,
    /// Height in pixels as shown.
    pub height: u32,
}

/// A photo of a finding as it will be stored: a JPEG without its metadata,
/// its picture data as sent; a PNG or WebP re-encoded.
pub fn clean(bytes: &[u8]) -> Result<Cleaned, ProcessError> {
    if sniff(bytes)? != ImageFormat::Jpeg {
        return reencode(bytes);
    }
    let (jpeg, frame) = checked_jpeg(bytes)?;
    let orientation = jpeg.orientation();
    let (width, height) = shown(frame.width, frame.height, orientation);
    Ok(Cleaned {
        jpeg: jpeg.without_metadata(orientation),
        width,
        height,
    })
}

/// Decodes and encodes again: upright, within [`MAX_STORED_EDGE`] and
/// [`MAX_STORED_PIXELS`], without metadata. A large JPEG is decoded at a
/// reduced DCT scale, never whole.
pub fn reencode(bytes: &[u8]) -> Result<Cleaned, ProcessError> {
    let (image, orientation) = if sniff(bytes)? == ImageFormat::Jpeg {
        let (jpeg, frame) = checked_jpeg(bytes)?;
        let within = Target::Within {
            edge: MAX_STORED_EDGE,
            pixels: MAX_STORED_PIXELS,
        };
        let image = DynamicImage::ImageRgb8(scaled::decode(bytes, frame, within)?);
        (image, jpeg.orientation())
    } else {
        decode_whole(bytes)?
    };
    let mut image = shrink(image, MAX_STORED_EDGE);
    if u64::from(image.width()) * u64::from(image.height()) > MAX_STORED_PIXELS {
        image = shrink(image, MAX_STORED_EDGE / 2);
    }
    image.apply_orientation(orientation);
    let rgb = flatten(image);
    let (width, height) = rgb.dimensions();
    Ok(Cleaned {
        jpeg: encode(&rgb, QUALITY)?,
        width,
        height,
    })
}

/// The thumbnail of a stored JPEG: upright, [`THUMB_EDGE`] on the long
/// edge (or smaller when the photo is), made from a scaled decode.
pub fn thumbnail(stored: &[u8]) -> Result<Vec<u8>, ProcessError> {
    let (jpeg, frame) = checked_jpeg(stored)?;
    let source = scaled::decode(stored, frame, Target::LongEdgeAtLeast(THUMB_EDGE))?;
    let mut small = DynamicImage::ImageRgb8(source);
    if small.width().max(small.height()) > THUMB_EDGE {
        small = small.resize(THUMB_EDGE, THUMB_EDGE, FilterType::Triangle);
    }
    small.apply_orientation(jpeg.orientation());
    encode(&small.into_rgb8(), THUMB_QUALITY)
}

/// Whether the bytes claim to be a JPEG, which [`clean`] stores without
/// decoding it (a cheap copy) rather than re-encoding it.
pub fn is_jpeg(bytes: &[u8]) -> bool {
    sniff(bytes) == Ok(ImageFormat::Jpeg)
}

/// The format from the bytes (never from the Content-Type).
fn sniff(bytes: &[u8]) -> Result<ImageFormat, ProcessError> {
    match image::guess_format(bytes) {
        Ok(format @ (ImageFormat::Jpeg | ImageFormat::Png | ImageFormat::WebP)) => Ok(format),
        _ => Err(ProcessError::NotAnImage),
    }
}

/// A complete JPEG whose frame Vern reads and whose size is within the
/// limits, judged from its headers alone.
fn checked_jpeg(bytes: &[u8]) -> Result<(Jpeg<'_>, Frame), ProcessError> {
    let jpeg = Jpeg::parse(bytes).ok_or(ProcessError::Unreadable)?;
    let frame = jpeg.frame().ok_or(ProcessError::Unreadable)?;
    let too_large = frame.width > MAX_SIDE
        || frame.height > MAX_SIDE
        || u64::from(frame.width) * u64::from(frame.height) > MAX_PIXELS
        || (frame.progressive && frame.coefficient_bytes() > MAX_COEFFICIENT_BYTES);
    if too_large {
        return Err(ProcessError::TooLarge);
    }
    Ok((jpeg, frame))
}

/// Width and height as shown once `orientation` is applied.
fn shown(width: u32, height: u32, orientation: Orientation) -> (u32, u32) {
    match orientation {
        Orientation::Rotate90
        | Orientation::Rotate270
        | Orientation::Rotate90FlipH
        | Orientation::Rotate270FlipH => (height, width),
        _ => (width, height),
    }
}

/// Decodes a PNG or WebP whole, within [`MAX_SIDE`] and
/// [`MAX_DECODED_BYTES`] checked from its header, so decompression bombs
/// fail before a pixel is decoded. Returns the image and its orientation.
fn decode_whole(bytes: &[u8]) -> Result<(DynamicImage, Orientation), ProcessError> {
    let mut reader = ImageReader::new(Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|_| ProcessError::Unreadable)?;
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_SIDE);
    limits.max_image_height = Some(MAX_SIDE);
    limits.max_alloc = Some(MAX_DECODED_BYTES);
    reader.limits(limits);
    let mut decoder = reader.into_decoder().map_err(classify)?;
    let (width, height) = decoder.dimensions();
    if width > MAX_SIDE || height > MAX_SIDE || decoder.total_bytes() > MAX_DECODED_BYTES {
        return Err(ProcessError::TooLarge);
    }
    let orientation = decoder.orientation().unwrap_or(Orientation::NoTransforms);
    let image = DynamicImage::from_decoder(decoder).map_err(classify)?;
    Ok((image, orientation))
}

fn classify(error: ImageError) -> ProcessError {
    match error {
        ImageError::Limits(_) => ProcessError::TooLarge,
        _ => ProcessError::Unreadable,
    }
}

/// At most `edge` on the long side, by integer sampling (`thumbnail`; a
/// filtered `resize` would build a float buffer several times the image).
fn shrink(image: DynamicImage, edge: u32) -> DynamicImage {
    if image.width().max(image.height()) > edge {
        image.thumbnail(edge, edge)
    } else {
        image
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
