//! A JPEG's marker segments, read without decoding a pixel: whether the
//! file runs complete from SOI to EOI, its frame header (size, components,
//! coding), its EXIF orientation, and a copy without its metadata.

use image::metadata::Orientation;

/// One piece of the file: a marker with its segment (and, for a scan, the
/// entropy-coded data after it), as a byte range of the file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Segment {
    marker: u8,
    start: usize,
    end: usize,
}

/// The most segments a JPEG may have: a phone's has about 15, a
/// progressive one a few dozen. Each costs a little memory here, and a
/// file of nothing but empty segments must not cost more than its size.
const MAX_SEGMENTS: usize = 1_000;
/// The most scans: every scan of a progressive JPEG makes its decoder walk
/// the whole picture again (libjpeg's tools offer a similar limit).
const MAX_SCANS: usize = 100;

/// The segments from SOI to EOI, or `None` when the file breaks off first
/// or is not a plain JPEG. Segments are skipped by their lengths, so the
/// EOI of an EXIF thumbnail does not count, and data after the EOI (motion
/// photos) is left out.
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
    let mut scans = 0;
    while found.len() < MAX_SEGMENTS && scans <= MAX_SCANS {
        let segment = next_segment(bytes, at)?;
        at = segment.end;
        found.push(segment);
        match segment.marker {
            0xD9 => return Some(found),
            0xDA => scans += 1,
            _ => {}
        }
    }
    None
}

/// The segment whose marker is at `at` or after fill bytes (FF) there.
fn next_segment(bytes: &[u8], mut at: usize) -> Option<Segment> {
    while bytes.get(at) == Some(&0xFF) && bytes.get(at + 1) == Some(&0xFF) {
        at += 1;
    }
    if bytes.get(at) != Some(&0xFF) {
        return None;
    }
    let (start, marker) = (at, *bytes.get(at + 1)?);
    let end = match marker {
        0xD9 => at + 2,
        // Restart and TEM markers belong inside a scan, SOI at the start.
        0x00 | 0x01 | 0xD0..=0xD8 => return None,
        _ => {
            let &[high, low] = bytes.get(at + 2..at + 4)? else {
                return None;
            };
            let after = at + 2 + usize::from(u16::from_be_bytes([high, low]));
            let end = if marker == 0xDA {
                end_of_scan(bytes, after)
            } else {
                after
            };
            (end <= bytes.len()).then_some(end)?
        }
    };
    Some(Segment { marker, start, end })
}

/// Where a scan's entropy-coded data starting at `from` ends: at the next
/// marker (FF 00 is a stuffed byte, FF D0–D7 a restart marker). Found with
/// `memchr`, as this is nearly the whole file and runs on every upload.
fn end_of_scan(bytes: &[u8], from: usize) -> usize {
    let mut at = from;
    while let Some(offset) = bytes.get(at..).and_then(|rest| memchr::memchr(0xFF, rest)) {
        at += offset;
        match bytes.get(at + 1) {
            Some(0x00 | 0xD0..=0xD7) => at += 2,
            _ => return at,
        }
    }
    bytes.len()
}

/// What the frame header (SOF) says about the picture.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Frame {
    /// Width in pixels as stored (before any EXIF orientation).
    pub width: u32,
    /// Height in pixels as stored.
    pub height: u32,
    /// Colour components: 1 (grey), 3 (YCbCr or RGB) or 4 (CMYK).
    pub components: u8,
    /// Progressive coding: its decoder keeps every DCT coefficient of the
    /// picture (2 bytes per sample) until the last scan.
    pub progressive: bool,
    /// Each component's (horizontal, vertical) sampling factor, 1–4.
    pub sampling: [(u8, u8); 4],
}

impl Frame {
    /// Bytes a decoder keeps for the coefficients of a progressive frame:
    /// 64 two-byte coefficients per 8 × 8 block of each component, in
    /// whole MCUs, each component at its own sampling.
    pub fn coefficient_bytes(&self) -> u64 {
        let sampling = self.sampling.iter().take(usize::from(self.components));
        let h_max = sampling.clone().map(|s| s.0).max().unwrap_or(1);
        let v_max = sampling.clone().map(|s| s.1).max().unwrap_or(1);
        let mcus_across = u64::from(self.width.div_ceil(8 * u32::from(h_max)));
        let mcus_down = u64::from(self.height.div_ceil(8 * u32::from(v_max)));
        let blocks: u64 = sampling
            .map(|&(h, v)| mcus_across * u64::from(h) * mcus_down * u64::from(v))
            .sum();
        blocks * 64 * 2
    }
}

/// A complete JPEG's segments, parsed once.
#[derive(Debug)]
pub struct Jpeg<'a> {
    bytes: &'a [u8],
    segments: Vec<Segment>,
}

impl<'a> Jpeg<'a> {
    /// The segments of a JPEG that runs from SOI to EOI; `None` for
    /// anything else. The JPEG decoder fills a cut-off scan with grey
    /// instead of failing, so truncation is caught here.
    pub fn parse(bytes: &'a [u8]) -> Option<Self> {
        Some(Jpeg {
            bytes,
            segments: segments(bytes)?,
        })
    }

    fn payload(&self, segment: Segment) -> &'a [u8] {
        self.bytes[segment.start..segment.end]
            .get(4..)
            .unwrap_or_default()
    }

    /// The first frame header, when it is one Vern's decoders read: 8-bit
    /// Huffman coding, baseline, extended or progressive, with 1, 3 or 4
    /// components and a size given in the header. `None` for lossless,
    /// arithmetic or 12-bit coding, a height left to a later DNL marker, or
    /// no frame at all.
    pub fn frame(&self) -> Option<Frame> {
        let segment = self
            .segments
            .iter()
            .find(|s| matches!(s.marker, 0xC0..=0xCF) && !matches!(s.marker, 0xC4 | 0xC8 | 0xCC))?;
        let progressive = match segment.marker {
            0xC0 | 0xC1 => false,
            0xC2 => true,
            _ => return None,
        };
        let payload = self.payload(*segment);
        let &[precision, h1, h0, w1, w0, components, ..] = payload else {
            return None;
        };
        if precision != 8 || !matches!(components, 1 | 3 | 4) {
            return None;
        }
        let mut sampling = [(1, 1); 4];
        for (index, factors) in sampling
            .iter_mut()
            .take(usize::from(components))
            .enumerate()
        {
            let byte = *payload.get(6 + 3 * index + 1)?;
            *factors = (byte >> 4, byte & 0x0F);
            if !(1..=4).contains(&factors.0) || !(1..=4).contains(&factors.1) {
                return None;
            }
        }
        let frame = Frame {
            width: u32::from(u16::from_be_bytes([w1, w0])),
            height: u32::from(u16::from_be_bytes([h1, h0])),
            components,
            progressive,
            sampling,
        };
        (frame.width > 0 && frame.height > 0).then_some(frame)
    }

    /// The orientation its EXIF asks for (none when it has no EXIF or no
    /// valid orientation in it).
    pub fn orientation(&self) -> Orientation {
        self.segments
            .iter()
            .filter(|s| s.marker == 0xE1)
            .filter_map(|s| self.payload(*s).strip_prefix(b"Exif\0\0"))
            .find_map(Orientation::from_exif_chunk)
            .unwrap_or(Orientation::NoTransforms)
    }

    /// A copy without its metadata segments (so no EXIF, GPS position,
    /// XMP or comment), the picture data byte for byte as sent, and data
    /// after the EOI left out. An `orientation` other than upright is
    /// written back as the only entry of a new EXIF segment, so that
    /// browsers still show the photo upright.
    pub fn without_metadata(&self, orientation: Orientation) -> Vec<u8> {
        let mut out = Vec::with_capacity(self.bytes.len());
        let mut exif =
            (orientation != Orientation::NoTransforms).then(|| exif_segment(orientation));
        for &segment in &self.segments {
            // After SOI and a JFIF header, which readers expect first.
            if !matches!(segment.marker, 0xD8 | 0xE0)
                && let Some(exif) = exif.take()
            {
                out.extend_from_slice(&exif);
            }
            if !self.is_metadata(segment) {
                out.extend_from_slice(&self.bytes[segment.start..segment.end]);
            }
        }
        out
    }

    /// Whether a segment is left out: everything but what a decoder needs
    /// for the picture (frame, tables, restart interval, scans), the colour
    /// profile (APP2 ICC), Adobe's colour coding (APP14), and a plain JFIF
    /// header of exactly its 14 bytes (a JFIF thumbnail is a second picture,
    /// which may show what was cropped away). So EXIF, XMP, maker notes,
    /// comments and markers Vern does not know never pass.
    fn is_metadata(&self, segment: Segment) -> bool {
        let payload = self.payload(segment);
        let kept = match segment.marker {
            0xC0..=0xC2 | 0xC4 | 0xDA..=0xDB | 0xDD | 0xD8 | 0xD9 => true,
            0xE2 => payload.starts_with(b"ICC_PROFILE\0"),
            0xEE => payload.starts_with(b"Adobe"),
            // "JFIF\0", version, units, densities, then a thumbnail of 0 × 0.
            0xE0 => {
                payload.len() == 14 && payload.starts_with(b"JFIF\0") && payload[12..] == [0, 0]
            }
            _ => false,
        };
        !kept
    }
}

/// An APP1 segment whose EXIF holds one entry, the orientation: nothing
/// of the camera, place or time the phone wrote can survive in it.
fn exif_segment(orientation: Orientation) -> Vec<u8> {
    let mut segment = vec![0xFF, 0xE1, 0, 34]; // length: itself and 32 bytes
    segment.extend_from_slice(b"Exif\0\0");
    segment.extend_from_slice(b"MM\0\x2a\0\0\0\x08"); // big-endian TIFF, IFD at 8
    segment.extend_from_slice(&[0, 1]); // one entry:
    segment.extend_from_slice(&[0x01, 0x12, 0, 3, 0, 0, 0, 1]); // Orientation, SHORT, 1 value
    segment.extend_from_slice(&[0, orientation.to_exif(), 0, 0]);
    segment.extend_from_slice(&[0, 0, 0, 0]); // no next IFD
    segment
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

    fn strip(bytes: &[u8]) -> Option<Vec<u8>> {
        Jpeg::parse(bytes).map(|jpeg| jpeg.without_metadata(Orientation::NoTransforms))
    }

    fn contains(haystack: &[u8], needle: &[u8]) -> bool {
        haystack
            .windows(needle.len())
            .any(|window| window == needle)
    }

    /// A big-endian EXIF payload with an orientation and a GPS-like text.
    fn exif(orientation: u8) -> Vec<u8> {
        let mut payload = b"Exif\0\0MM\0\x2a\0\0\0\x08\0\x01".to_vec();
        payload.extend_from_slice(&[0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, orientation, 0, 0]);
        payload.extend_from_slice(b"\0\0\0\0GPS 59.91N 10.75E");
        payload
    }

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
        let kept = strip(&sent).expect("complete");
        let expected = file(&[
            (0xE0, JFIF),
            (0xE2, b"ICC_PROFILE\0\x01\x01"),
            (0xDB, b"\0quantisation"),
        ]);
        assert_eq!(kept, expected);
        assert!(kept.len() < sent.len());
    }

    #[test]
    fn unknown_markers_and_a_jfif_with_more_than_its_header_go() {
        let mut padded_jfif = JFIF.to_vec();
        padded_jfif.extend_from_slice(b"hidden");
        let adobe: &[u8] = b"Adobe\0\x64\0\0\0\0\x01";
        let sent = file(&[
            (0xE0, &padded_jfif),
            (0xEE, adobe),
            (0xF0, b"a marker of no standard"),
            (0x02, b"reserved"),
            (0xDB, b"\0q"),
        ]);
        let kept = strip(&sent).expect("complete");
        assert_eq!(kept, file(&[(0xEE, adobe), (0xDB, b"\0q")]));
    }

    #[test]
    fn markers_out_of_place_and_floods_of_segments_are_refused() {
        let mut restart_outside_a_scan = vec![0xFF, 0xD8, 0xFF, 0xD0];
        restart_outside_a_scan.extend_from_slice(&file(&[])[2..]);
        assert!(Jpeg::parse(&restart_outside_a_scan).is_none());
        // Empty comments: 4 bytes on the wire each, refused at a thousand.
        let flood: Vec<(u8, &[u8])> = vec![(0xFE, b""); MAX_SEGMENTS];
        assert!(Jpeg::parse(&file(&flood)).is_none());
        let scan: &[u8] = b"\x01\x01\0\0\x3f\0";
        assert!(Jpeg::parse(&file(&vec![(0xDA, scan); MAX_SCANS])).is_none());
        assert!(Jpeg::parse(&file(&vec![(0xDA, scan); MAX_SCANS - 1])).is_some());
    }

    #[test]
    fn data_after_the_end_is_left_out_and_a_cut_file_is_refused() {
        let mut sent = file(&[(0xE0, JFIF)]);
        let complete = sent.clone();
        sent.extend_from_slice(b"motion photo video");
        assert_eq!(strip(&sent), Some(complete.clone()));
        let cut = &complete[..complete.len() - 3];
        assert!(Jpeg::parse(cut).is_none());
        assert!(Jpeg::parse(b"not a jpeg").is_none());
    }

    #[test]
    fn the_orientation_is_all_that_is_left_of_the_exif() {
        let sent = file(&[(0xE0, JFIF), (0xE1, &exif(6)), (0xDB, b"\0q")]);
        let jpeg = Jpeg::parse(&sent).expect("complete");
        assert_eq!(jpeg.orientation(), Orientation::Rotate90);
        let kept = jpeg.without_metadata(jpeg.orientation());
        assert!(!contains(&kept, b"GPS"));
        let again = Jpeg::parse(&kept).expect("still a complete JPEG");
        assert_eq!(again.orientation(), Orientation::Rotate90);
        // JFIF first, the new EXIF right after it.
        assert_eq!(&kept[2..4], &[0xFF, 0xE0]);
        assert_eq!(&kept[2 + 4 + JFIF.len()..][..4], &[0xFF, 0xE1, 0, 34]);
        let upright = file(&[(0xE1, &exif(1))]);
        let jpeg = Jpeg::parse(&upright).expect("complete");
        assert_eq!(jpeg.orientation(), Orientation::NoTransforms);
        assert!(!contains(
            &jpeg.without_metadata(jpeg.orientation()),
            b"Exif"
        ));
    }

    #[test]
    fn the_frame_header_gives_size_and_coding() {
        // Precision 8, height 480, width 640, three components.
        let sof = [
            8, 0x01, 0xE0, 0x02, 0x80, 3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1,
        ];
        let baseline = file(&[(0xC0, &sof)]);
        let frame = Jpeg::parse(&baseline)
            .and_then(|j| j.frame())
            .expect("frame");
        assert_eq!(
            (
                frame.width,
                frame.height,
                frame.components,
                frame.progressive
            ),
            (640, 480, 3, false)
        );
        // 4:2:0: 40 × 30 MCUs of four luma blocks and one block per chroma.
        assert_eq!(frame.sampling[..3], [(2, 2), (1, 1), (1, 1)]);
        assert_eq!(frame.coefficient_bytes(), (80 * 60 + 2 * 40 * 30) * 64 * 2);
        let progressive = file(&[(0xC4, b"\0huffman"), (0xC2, &sof)]);
        let frame = Jpeg::parse(&progressive).and_then(|j| j.frame());
        assert!(frame.is_some_and(|f| f.progressive));
        for refused in [
            file(&[(0xC3, &sof)]),                                       // lossless
            file(&[(0xC9, &sof)]),                                       // arithmetic
            file(&[(0xC0, &[12, 1, 0xE0, 2, 0x80, 1, 1, 0x11, 0][..])]), // 12-bit
            file(&[(0xC0, &[8, 0, 0, 2, 0x80, 1, 1, 0x11, 0][..])]),     // DNL height
            file(&[(0xC0, &sof[..9])]),                                  // cut components
            file(&[(0xC0, &[8, 1, 0xE0, 2, 0x80, 1, 1, 0x51, 0][..])]),  // sampling 5
            file(&[(0xE0, JFIF)]),                                       // no frame
        ] {
            assert_eq!(Jpeg::parse(&refused).and_then(|j| j.frame()), None);
        }
    }

    #[test]
    fn a_scan_ends_at_its_first_real_marker() {
        let data = [0x12, 0xFF, 0x00, 0x34, 0xFF, 0xD3, 0x56, 0xFF, 0xD9];
        assert_eq!(end_of_scan(&data, 0), 7);
        assert_eq!(end_of_scan(&data[..3], 0), 3);
        assert_eq!(
            end_of_scan(&[0x12, 0xFF], 0),
            1,
            "a marker cut off after its FF"
        );
    }
}
