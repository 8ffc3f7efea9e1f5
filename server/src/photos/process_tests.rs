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

/// `jpeg` with its frame header claiming another size (and, with `0xC2`,
/// progressive coding): only the header is right.
fn jpeg_claiming(marker: u8, width: u16, height: u16) -> Vec<u8> {
    let mut bytes = jpeg(16, 16);
    let at = bytes
        .windows(2)
        .position(|w| w == [0xFF, 0xC0])
        .expect("a baseline frame header");
    bytes[at + 1] = marker;
    bytes[at + 5..at + 7].copy_from_slice(&height.to_be_bytes());
    bytes[at + 7..at + 9].copy_from_slice(&width.to_be_bytes());
    bytes
}

#[test]
fn a_phone_jpeg_is_kept_as_sent_without_its_metadata() {
    let upload = phone_jpeg(640, 480);
    let cleaned = clean(&upload).expect("cleaned");
    for secret in [&b"Exif"[..], b"secret", b"xmpmeta", b"Vera"] {
        assert!(!contains(&cleaned.jpeg, secret));
    }
    // Never larger than what the phone sent: the picture data is its own.
    assert!(cleaned.jpeg.len() < upload.len());
    assert!(contains(&upload, &cleaned.jpeg[cleaned.jpeg.len() - 200..]));
    assert_eq!((cleaned.width, cleaned.height), (640, 480));
    let stored = image::load_from_memory(&cleaned.jpeg).expect("stored JPEG decodes");
    assert_eq!((stored.width(), stored.height()), (640, 480));
}

#[test]
fn a_turned_jpeg_keeps_its_orientation_and_nothing_else_of_its_exif() {
    let upload = jpeg_with_exif(40, 20);
    let cleaned = clean(&upload).expect("cleaned");
    assert!(!contains(&cleaned.jpeg, b"secret"));
    // Orientation 6 shows the 40 × 20 pixels upright: 20 × 40.
    assert_eq!((cleaned.width, cleaned.height), (20, 40));
    let mut decoder = ImageReader::new(Cursor::new(&cleaned.jpeg))
        .with_guessed_format()
        .expect("format")
        .into_decoder()
        .expect("decoder");
    assert_eq!(decoder.orientation().ok(), Some(Orientation::Rotate90));
    assert_eq!(decoder.dimensions(), (40, 20), "the pixels as sent");
}

#[test]
fn re_encoding_drops_exif_and_applies_the_orientation() {
    let upload = jpeg_with_exif(40, 20);
    let stored = reencode(&upload).expect("re-encoded");
    assert!(!contains(&stored.jpeg, b"Exif"));
    assert!(!contains(&stored.jpeg, b"secret"));
    assert_eq!((stored.width, stored.height), (20, 40));
    let image = image::load_from_memory(&stored.jpeg).expect("stored JPEG decodes");
    assert_eq!((image.width(), image.height()), (20, 40));
    assert_ne!(stored.jpeg, clean(&upload).expect("cleaned").jpeg);
}

#[test]
fn thumbnails_are_upright_with_a_long_edge_of_320() {
    let stored = clean(&jpeg(1_000, 500)).expect("cleaned");
    let thumb = image::load_from_memory(&thumbnail(&stored.jpeg).expect("thumb")).expect("decodes");
    assert_eq!((thumb.width(), thumb.height()), (320, 160));

    let turned = clean(&jpeg_with_exif(2_400, 1_600)).expect("cleaned");
    let bytes = thumbnail(&turned.jpeg).expect("thumb");
    assert!(!contains(&bytes, b"Exif"));
    let thumb = image::load_from_memory(&bytes).expect("decodes");
    assert_eq!((thumb.width(), thumb.height()), (213, 320));

    let small = clean(&jpeg(200, 100)).expect("cleaned");
    let thumb = image::load_from_memory(&thumbnail(&small.jpeg).expect("thumb")).expect("decodes");
    assert_eq!(
        (thumb.width(), thumb.height()),
        (200, 100),
        "never enlarged"
    );
}

#[test]
fn a_large_jpeg_is_re_encoded_from_a_scaled_decode() {
    let stored = reencode(&jpeg(5_000, 300)).expect("re-encoded");
    assert_eq!((stored.width, stored.height), (2_500, 150));
    assert!(stored.width <= MAX_STORED_EDGE);
}

#[test]
fn png_and_transparency_become_a_jpeg() {
    let image = RgbaImage::from_pixel(30, 10, Rgba([0, 0, 0, 0]));
    let mut png = Vec::new();
    image::codecs::png::PngEncoder::new(&mut png)
        .write_image(image.as_raw(), 30, 10, image::ExtendedColorType::Rgba8)
        .expect("encode PNG");
    let cleaned = clean(&png).expect("cleaned");
    assert_eq!(&cleaned.jpeg[..2], &[0xFF, 0xD8]);
    let stored = image::load_from_memory(&cleaned.jpeg)
        .expect("decodes")
        .into_rgb8();
    // Fully transparent pixels are laid on white, not black.
    assert!(stored.get_pixel(5, 5).0.iter().all(|&c| c > 240));
}

#[test]
fn bytes_that_are_not_an_image_are_refused() {
    for bytes in [
        &b"this is a text file, not a photo"[..],
        b"GIF89a\x01\0\x01\0\0\0\0;",
        b"",
    ] {
        assert_eq!(clean(bytes).err(), Some(ProcessError::NotAnImage));
        assert_eq!(reencode(bytes).err(), Some(ProcessError::NotAnImage));
    }
}

#[test]
fn a_truncated_jpeg_is_refused() {
    let whole = jpeg(64, 64);
    for cut in [40, 200, whole.len() / 2] {
        assert_eq!(
            clean(&whole[..cut]).err(),
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
    let cleaned = clean(&upload).expect("cleaned");
    assert_eq!((cleaned.width, cleaned.height), (64, 48));
    assert!(!contains(&cleaned.jpeg, b"video"));
}

#[test]
fn jpeg_sizes_are_judged_from_the_header_alone() {
    // A baseline JPEG of 48 megapixels is stored: nothing of it is decoded.
    let large = clean(&jpeg_claiming(0xC0, 8_000, 6_000)).expect("stored as sent");
    assert_eq!((large.width, large.height), (8_000, 6_000));
    for refused in [
        jpeg_claiming(0xC0, 12_001, 100),   // a side too long
        jpeg_claiming(0xC0, 10_000, 6_000), // 60 megapixels
        jpeg_claiming(0xC2, 6_000, 4_000),  // progressive: 72 MB of coefficients
    ] {
        assert_eq!(clean(&refused).err(), Some(ProcessError::TooLarge));
        assert_eq!(reencode(&refused).err(), Some(ProcessError::TooLarge));
    }
    // Progressive at about 4 megapixels: 23 MB of coefficients at most.
    assert!(clean(&jpeg_claiming(0xC2, 2_400, 1_600)).is_ok());
    assert_eq!(
        clean(&jpeg_claiming(0xC3, 100, 100)).err(),
        Some(ProcessError::Unreadable),
        "lossless coding, which no browser shows"
    );
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
    assert_eq!(clean(&png).err(), Some(ProcessError::TooLarge));
}

#[test]
fn a_one_bit_png_of_144_megapixels_is_refused_from_its_header() {
    // 17 KB on the wire that would decode to 144 MB and more in the pipeline.
    let png = png_header_only(11_999, 1, 0); // 1-bit greyscale
    assert_eq!(clean(&png).err(), Some(ProcessError::TooLarge));
}
