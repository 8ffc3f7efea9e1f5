//! A JPEG decoded at 1, 1/2, 1/4 or 1/8 of its size by scaling its DCT
//! (`jpeg-decoder`): a thumbnail of a 50-megapixel photo is made from
//! about a megapixel of decoded pixels, never from the full picture.

use image::RgbImage;
use jpeg_decoder::{Decoder, PixelFormat};

use super::ProcessError;
use crate::photos::jpeg_markers::Frame;

/// The pixel size a decode must reach or stay within.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Target {
    /// The smallest scale whose long edge still reaches this many pixels
    /// (the whole picture when it is smaller): a thumbnail's source.
    LongEdgeAtLeast(u32),
    /// The largest scale whose long edge and pixel count stay within these.
    Within {
        /// The longest edge allowed, in pixels.
        edge: u32,
        /// The most pixels allowed.
        pixels: u64,
    },
}

/// Eighths of the picture the decoder keeps (8 is all of it).
const SCALES: [u32; 4] = [1, 2, 4, 8];

fn scaled(side: u32, eighths: u32) -> u32 {
    (side * eighths).div_ceil(8)
}

/// The scale, in eighths, that meets `target` for a picture of this size.
pub fn eighths_for(width: u32, height: u32, target: Target) -> u32 {
    match target {
        Target::LongEdgeAtLeast(edge) => SCALES
            .into_iter()
            .find(|&s| scaled(width, s).max(scaled(height, s)) >= edge)
            .unwrap_or(8),
        Target::Within { edge, pixels } => SCALES
            .into_iter()
            .rev()
            .find(|&s| {
                let (w, h) = (scaled(width, s), scaled(height, s));
                w.max(h) <= edge && u64::from(w) * u64::from(h) <= pixels
            })
            .unwrap_or(1),
    }
}

/// Decodes a JPEG whose `frame` was checked against the limits, at the
/// scale `target` asks for, as 8-bit RGB as stored (no orientation applied).
pub fn decode(bytes: &[u8], frame: Frame, target: Target) -> Result<RgbImage, ProcessError> {
    let eighths = eighths_for(frame.width, frame.height, target);
    let requested = |side: u32| u16::try_from(scaled(side, eighths)).unwrap_or(u16::MAX);
    let mut decoder = Decoder::new(bytes);
    let (width, height) = decoder
        .scale(requested(frame.width), requested(frame.height))
        .map_err(|_| ProcessError::Unreadable)?;
    let pixels = decoder.decode().map_err(|_| ProcessError::Unreadable)?;
    let format = decoder.info().ok_or(ProcessError::Unreadable)?.pixel_format;
    let rgb = to_rgb(pixels, format);
    RgbImage::from_raw(u32::from(width), u32::from(height), rgb).ok_or(ProcessError::Unreadable)
}

/// 8-bit RGB from the decoder's grey, RGB or CMYK samples.
fn to_rgb(pixels: Vec<u8>, format: PixelFormat) -> Vec<u8> {
    match format {
        PixelFormat::RGB24 => pixels,
        PixelFormat::L8 => pixels.iter().flat_map(|&v| [v, v, v]).collect(),
        // Big-endian 16-bit grey: the high byte is the 8-bit value.
        PixelFormat::L16 => pixels.chunks_exact(2).flat_map(|v| [v[0]; 3]).collect(),
        PixelFormat::CMYK32 => pixels.chunks_exact(4).flat_map(cmyk_to_rgb).collect(),
    }
}

/// One CMYK sample as the decoder gives it (ink amounts, 255 = full ink:
/// it has already undone Adobe's inverted storage) to RGB.
fn cmyk_to_rgb(cmyk: &[u8]) -> [u8; 3] {
    let paper = u16::from(255 - cmyk[3]);
    let channel = |ink: u8| u8::try_from(u16::from(255 - ink) * paper / 255).unwrap_or(u8::MAX);
    [channel(cmyk[0]), channel(cmyk[1]), channel(cmyk[2])]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_thumbnail_source_is_the_smallest_scale_that_reaches_the_edge() {
        let at_least = Target::LongEdgeAtLeast(320);
        assert_eq!(eighths_for(4_000, 3_000, at_least), 1); // 500 × 375
        assert_eq!(eighths_for(2_000, 1_500, at_least), 2); // 500 × 375
        assert_eq!(eighths_for(640, 480, at_least), 4); // 320 × 240
        assert_eq!(eighths_for(300, 200, at_least), 8); // smaller than a thumbnail
    }

    #[test]
    fn a_stored_copy_is_the_largest_scale_within_the_limits() {
        let within = Target::Within {
            edge: 4_096,
            pixels: 12_000_000,
        };
        assert_eq!(eighths_for(4_000, 3_000, within), 8);
        assert_eq!(eighths_for(5_000, 2_000, within), 4);
        // 4,096 × 4,096 is within the edge but not the pixels.
        assert_eq!(eighths_for(4_096, 4_096, within), 4);
        assert_eq!(eighths_for(12_000, 12_000, within), 2);
    }

    #[test]
    fn grey_and_cmyk_become_rgb() {
        assert_eq!(
            to_rgb(vec![7, 200], PixelFormat::L8),
            [7, 7, 7, 200, 200, 200]
        );
        assert_eq!(to_rgb(vec![0x12, 0x34], PixelFormat::L16), [0x12; 3]);
        // No ink is white, full black ink is black, full cyan ink is cyan.
        let cmyk = vec![0, 0, 0, 0, 0, 0, 0, 255, 255, 0, 0, 0];
        assert_eq!(
            to_rgb(cmyk, PixelFormat::CMYK32),
            [255, 255, 255, 0, 0, 0, 0, 255, 255]
        );
    }
}
