//! A JPEG's marker segments: whether the file runs complete from SOI to
//! EOI, and a copy without its metadata, made without decoding a pixel.

/// One piece of the file: a marker with its segment (and, for a scan, the
/// entropy-coded data after it), as a byte range of the file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Segment {
    marker: u8,
    start: usize,
    end: usize,
}

/// The segments from SOI to EOI, or `None` when the file breaks off first.
/// Segments are skipped by their lengths, so the EOI of an EXIF thumbnail
/// does not count, and data after the EOI (motion photos) is left out.
fn segments(bytes: &[u8]) -> Option<Vec<Segment>> {
    if !bytes.starts_with(&[0xFF, 0xD8]) {
        return None;
    }
    let mut found = vec![Segment {
        marker: 0xD8,
        start: 0,
        end: 2,
    }];
    let mut at = 2;
    while at + 1 < bytes.len() {
        if bytes[at] != 0xFF {
            return None;
        }
        let marker = bytes[at + 1];
        let start = at;
        match marker {
            0xFF => {
                at += 1; // a fill byte
                continue;
            }
            0xD9 => {
                found.push(Segment {
                    marker,
                    start,
                    end: at + 2,
                });
                return Some(found);
            }
            0x01 | 0xD0..=0xD7 => at += 2, // markers without a length
            _ => {
                let &[high, low] = bytes.get(at + 2..at + 4)? else {
                    return None;
                };
                at += 2 + usize::from(u16::from_be_bytes([high, low]));
                if marker == 0xDA {
                    // Entropy-coded data up to the next marker (FF 00 is a
                    // stuffed byte, FF D0–D7 a restart marker).
                    while at + 1 < bytes.len()
                        && (bytes[at] != 0xFF || matches!(bytes[at + 1], 0x00 | 0xD0..=0xD7))
                    {
                        at += 1;
                    }
                }
            }
        }
        found.push(Segment {
            marker,
            start,
            end: at.min(bytes.len()),
        });
    }
    None
}

/// Whether a JPEG's segments run from SOI to EOI. The JPEG decoder fills a
/// cut-off scan with grey instead of failing, so truncation is caught here.
pub fn is_complete(bytes: &[u8]) -> bool {
    segments(bytes).is_some()
}

/// Whether a segment carries metadata rather than the picture: EXIF and
/// XMP (APP1), maker notes and other application data (APP3–APP13,
/// APP15), comments, APP2 unless it is the colour profile, and APP0 unless
/// it is a plain JFIF header (a JFIF or JFXX thumbnail is a second picture,
/// which may show what was cropped away). Adobe (APP14) stays: it says how
/// the colours are coded.
fn is_metadata(bytes: &[u8], segment: Segment) -> bool {
    let payload = bytes[segment.start..segment.end]
        .get(4..)
        .unwrap_or_default();
    match segment.marker {
        0xE1 | 0xE3..=0xED | 0xEF | 0xFE => true,
        0xE2 => !payload.starts_with(b"ICC_PROFILE\0"),
        // "JFIF\0", version, units, densities, then a thumbnail of 0 × 0.
        0xE0 => !(payload.starts_with(b"JFIF\0") && payload.get(12..14) == Some(&[0, 0][..])),
        _ => false,
    }
}

/// A copy of a complete JPEG without its metadata segments (so no EXIF,
/// GPS position, XMP or comment), the picture data byte for byte as sent;
/// `None` for a file that is not a complete JPEG.
pub fn without_metadata(bytes: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(bytes.len());
    for segment in segments(bytes)? {
        if !is_metadata(bytes, segment) {
            out.extend_from_slice(&bytes[segment.start..segment.end]);
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// SOI, one segment per (marker, payload), a scan with data, EOI.
    fn file(segments: &[(u8, &[u8])]) -> Vec<u8> {
        let mut out = vec![0xFF, 0xD8];
        for (marker, payload) in segments {
            out.extend_from_slice(&[0xFF, *marker]);
            let length = u16::try_from(payload.len() + 2).expect("short");
            out.extend_from_slice(&length.to_be_bytes());
            out.extend_from_slice(payload);
        }
        out.extend_from_slice(&[
            0xFF, 0xDA, 0x00, 0x02, 0x12, 0xFF, 0x00, 0x34, 0xFF, 0xD0, 0x56,
        ]);
        out.extend_from_slice(&[0xFF, 0xD9]);
        out
    }

    const JFIF: &[u8] = b"JFIF\0\x01\x02\x00\x00\x01\x00\x01\x00\x00";

    #[test]
    fn metadata_segments_go_and_the_picture_stays_byte_for_byte() {
        let sent = file(&[
            (0xE0, JFIF),
            (0xE0, b"JFXX\0\x10thumbnail"),
            (0xE1, b"Exif\0\0GPS 59.91N"),
            (0xE2, b"ICC_PROFILE\0\x01\x01"),
            (0xE2, b"MPF\0second picture"),
            (0xFE, b"taken by Vera"),
            (0xDB, b"\0quantisation"),
        ]);
        let kept = without_metadata(&sent).expect("complete");
        let expected = file(&[
            (0xE0, JFIF),
            (0xE2, b"ICC_PROFILE\0\x01\x01"),
            (0xDB, b"\0quantisation"),
        ]);
        assert_eq!(kept, expected);
        assert!(kept.len() < sent.len());
    }

    #[test]
    fn data_after_the_end_is_left_out_and_a_cut_file_is_refused() {
        let mut sent = file(&[(0xE0, JFIF)]);
        let complete = sent.clone();
        sent.extend_from_slice(b"motion photo video");
        assert_eq!(without_metadata(&sent), Some(complete.clone()));
        assert!(is_complete(&sent));
        let cut = &complete[..complete.len() - 3];
        assert!(!is_complete(cut));
        assert_eq!(without_metadata(cut), None);
        assert_eq!(without_metadata(b"not a jpeg"), None);
    }
}
