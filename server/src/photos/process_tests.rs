use image::{ImageEncoder, Rgb, RgbImage, Rgba, RgbaImage};

use super::*;

/// A noisy RGB JPEG (noise keeps it from compressing to almost nothing).
fn jpeg(width: u32, height: u32) -> Vec<u8> {
    let image = RgbImage::from_fn(width, height, |x, y| {
        let v = u8::try_from((x * 7 + y * 13 + x * y) % 251).unwrap_or(0);
        Rgb([v, v.wrapping_mul(3), v.wrapping_add(90)])
    });
    encode(&image, 90).expect("encode test JPEG")
}

/// `jpeg` with an EXIF APP1 segment right after SOI: orientation 6
/// ("rotate 90° clockwise") and a GPS-like marker text.
fn jpeg_with_exif(width: u32, height: u32) -> Vec<u8> {
    let plain = jpeg(width, height);
    let mut tiff = b"MM\0\x2a\0\0\0\x08".to_vec();
    tiff.extend_from_slice(&[0, 1]); // one IFD entry
    tiff.extend_from_slice(&[0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, 6, 0, 0]); // Orientation = 6
    tiff.extend_from_slice(&[0, 0, 0, 0]); // no next IFD
    tiff.extend_from_slice(b"GPS 59.91N 10.75E secret");
    let mut payload = b"Exif\0\0".to_vec();
    payload.extend_from_slice(&tiff);
    let length = u16::try_from(payload.len() + 2).expect("short segment");
    let mut out = plain[..2].to_vec(); // SOI
    out.extend_from_slice(&[0xFF, 0xE1]);
    out.extend_from_slice(&length.to_be_bytes());
    out.extend_from_slice(&payload);
    out.extend_from_slice(&plain[2..]);
    out
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack
        .windows(needle.len())
        .any(|window| window == needle)
}

fn crc32(data: &[u8]) -> u32 {
    let mut crc = 0xFFFF_FFFF_u32;
    for &byte in data {
        crc ^= u32::from(byte);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

fn png_chunk(kind: &[u8; 4], data: &[u8]) -> Vec<u8> {
    let length = u32::try_from(data.len()).expect("small chunk");
    let mut body = kind.to_vec();
    body.extend_from_slice(data);
    let mut out = length.to_be_bytes().to_vec();
    out.extend_from_slice(&body);
    out.extend_from_slice(&crc32(&body).to_be_bytes());
    out
}

#[test]
fn re_encoding_drops_exif_and_applies_the_orientation() {
    let upload = jpeg_with_exif(40, 20);
    assert!(contains(&upload, b"Exif"));
    let processed = process(&upload).expect("processed");
    assert!(!contains(&processed.jpeg, b"Exif"));
    assert!(!contains(&processed.jpeg, b"secret"));
    assert!(!contains(&processed.thumb, b"Exif"));
    // Orientation 6 turns the 40 × 20 landscape pixels upright: 20 × 40.
    assert_eq!((processed.width, processed.height), (20, 40));
    let stored = image::load_from_memory(&processed.jpeg).expect("stored JPEG decodes");
    assert_eq!((stored.width(), stored.height()), (20, 40));
}

/// `jpeg` with EXIF (a GPS-like text, no orientation), XMP and a comment,
/// as a phone camera writes them.
fn phone_jpeg(width: u32, height: u32) -> Vec<u8> {
    let plain = jpeg(width, height);
    let mut out = plain[..2].to_vec();
    for (marker, payload) in [
        (
            0xE1_u8,
            &b"Exif\0\0MM\0\x2a\0\0\0\x08\0\0GPS 59.91N 10.75E secret"[..],
        ),
        (
            0xE1,
            &b"http://ns.adobe.com/xap/1.0/\0<x:xmpmeta>Vera</x:xmpmeta>"[..],
        ),
        (0xFE, &b"Pixel 7 of Vera Vik"[..]),
    ] {
        out.extend_from_slice(&[0xFF, marker]);
        let length = u16::try_from(payload.len() + 2).expect("short segment");
        out.extend_from_slice(&length.to_be_bytes());
        out.extend_from_slice(payload);
    }
    out.extend_from_slice(&plain[2..]);
    out
}

#[test]
fn an_upright_phone_jpeg_is_kept_as_sent_without_its_metadata() {
    let upload = phone_jpeg(640, 480);
    let processed = process(&upload).expect("processed");
    for secret in [&b"Exif"[..], b"secret", b"xmpmeta", b"Vera"] {
        assert!(!contains(&processed.jpeg, secret));
    }
    // Never larger than what the phone sent: the picture data is its own.
    assert!(processed.jpeg.len() < upload.len());
    assert!(contains(
        &upload,
        &processed.jpeg[processed.jpeg.len() - 200..]
    ));
    let stored = image::load_from_memory(&processed.jpeg).expect("stored JPEG decodes");
    assert_eq!((stored.width(), stored.height()), (640, 480));
}

#[test]
fn thumbnails_have_a_long_edge_of_320_and_large_photos_are_scaled_down() {
    let processed = process(&jpeg(1_000, 500)).expect("processed");
    assert_eq!((processed.width, processed.height), (1_000, 500));
    let thumb = image::load_from_memory(&processed.thumb).expect("thumb decodes");
    assert_eq!((thumb.width(), thumb.height()), (320, 160));

    let big = process(&jpeg(5_000, 2_500)).expect("processed");
    assert_eq!((big.width, big.height), (4_096, 2_048));
}

#[test]
fn png_and_transparency_become_a_jpeg() {
    let image = RgbaImage::from_pixel(30, 10, Rgba([0, 0, 0, 0]));
    let mut png = Vec::new();
    image::codecs::png::PngEncoder::new(&mut png)
        .write_image(image.as_raw(), 30, 10, image::ExtendedColorType::Rgba8)
        .expect("encode PNG");
    let processed = process(&png).expect("processed");
    assert_eq!(&processed.jpeg[..2], &[0xFF, 0xD8]);
    let stored = image::load_from_memory(&processed.jpeg)
        .expect("decodes")
        .into_rgb8();
    // Fully transparent pixels are laid on white, not black.
    assert!(stored.get_pixel(5, 5).0.iter().all(|&c| c > 240));
}

#[test]
fn bytes_that_are_not_an_image_are_refused() {
    assert_eq!(
        process(b"this is a text file, not a photo").err(),
        Some(ProcessError::NotAnImage)
    );
    assert_eq!(
        process(b"GIF89a\x01\0\x01\0\0\0\0;").err(),
        Some(ProcessError::NotAnImage)
    );
    assert_eq!(process(b"").err(), Some(ProcessError::NotAnImage));
}

#[test]
fn a_truncated_jpeg_is_refused() {
    let whole = jpeg(64, 64);
    for cut in [40, 200, whole.len() / 2] {
        assert_eq!(
            process(&whole[..cut]).err(),
            Some(ProcessError::Unreadable),
            "cut at {cut} of {}",
            whole.len()
        );
    }
}

#[test]
fn data_after_the_end_of_a_jpeg_is_ignored() {
    // Motion photos append a video after the JPEG's EOI marker.
    let mut upload = jpeg(64, 48);
    upload.extend_from_slice(b"\0\0\0\x18ftypmp42 \xFF\xDA\xFF\xD9 video");
    let processed = process(&upload).expect("processed");
    assert_eq!((processed.width, processed.height), (64, 48));
}

/// A PNG that claims `side` × `side` pixels of `depth` bits and colour type
/// `colour`, with an empty image stream: only its header can be read.
fn png_header_only(side: u32, depth: u8, colour: u8) -> Vec<u8> {
    let mut header = Vec::new();
    header.extend_from_slice(&side.to_be_bytes());
    header.extend_from_slice(&side.to_be_bytes());
    header.extend_from_slice(&[depth, colour, 0, 0, 0]);
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    png.extend_from_slice(&png_chunk(b"IHDR", &header));
    png.extend_from_slice(&png_chunk(b"IDAT", &[0x78, 0x9c, 0x03, 0, 0, 0, 0, 1]));
    png.extend_from_slice(&png_chunk(b"IEND", &[]));
    png
}

#[test]
fn a_png_bomb_header_is_refused_before_decoding() {
    let png = png_header_only(20_000, 8, 2); // 8-bit RGB
    assert_eq!(process(&png).err(), Some(ProcessError::TooLarge));
}

#[test]
fn a_one_bit_png_of_144_megapixels_is_refused_from_its_header() {
    // 17 KB on the wire that would decode to 144 MB and more in the pipeline.
    let png = png_header_only(11_999, 1, 0); // 1-bit greyscale
    assert_eq!(process(&png).err(), Some(ProcessError::TooLarge));
}

#[test]
fn a_large_photo_is_shrunk_to_the_stored_edge() {
    let wide = jpeg(5_000, 300);
    let processed = process(&wide).expect("processed");
    assert_eq!(processed.width, MAX_STORED_EDGE);
    assert!(processed.height.abs_diff(246) <= 1, "{}", processed.height);
}
