//! The two faces documents are set in, loaded once, and how wide a text is
//! in them (to break lines before the margin).

use std::sync::LazyLock;

use krilla::text::Font;
use skrifa::instance::{LocationRef, Size};
use skrifa::{FontRef, GlyphId, MetadataProvider};

static REGULAR: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans.ttf");
static BOLD: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans-Bold.ttf");

/// A face of the document's font.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Face {
    /// Running text.
    Regular,
    /// Headings and labels.
    Bold,
}

impl Face {
    fn bytes(self) -> &'static [u8] {
        match self {
            Face::Regular => REGULAR,
            Face::Bold => BOLD,
        }
    }
}

/// The faces as `krilla` draws them.
pub struct Faces {
    regular: Font,
    bold: Font,
}

impl Faces {
    /// The font for `face`.
    pub fn font(&self, face: Face) -> Font {
        match face {
            Face::Regular => self.regular.clone(),
            Face::Bold => self.bold.clone(),
        }
    }
}

/// The faces, parsed on first use (the files are part of the binary).
pub fn faces() -> anyhow::Result<&'static Faces> {
    static FACES: LazyLock<Option<Faces>> = LazyLock::new(|| {
        Some(Faces {
            regular: Font::new(REGULAR.into(), 0)?,
            bold: Font::new(BOLD.into(), 0)?,
        })
    });
    FACES
        .as_ref()
        .ok_or_else(|| anyhow::anyhow!("the embedded font files cannot be read"))
}

/// The width of `text` in points at `size` points, from the glyphs'
/// advances without kerning (which moves a line by a point or two at most;
/// lines are broken a little short of the margin for it). A character the
/// font lacks is drawn as its "missing" glyph, and measured so.
pub fn text_width(face: Face, size: f32, text: &str) -> f32 {
    let Ok(font) = FontRef::new(face.bytes()) else {
        return text.chars().count() as f32 * size;
    };
    let charmap = font.charmap();
    let metrics = font.glyph_metrics(Size::new(size), LocationRef::default());
    text.chars()
        .map(|ch| {
            let glyph = charmap.map(ch).unwrap_or(GlyphId::NOTDEF);
            metrics.advance_width(glyph).unwrap_or(size)
        })
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_grow_with_the_text_and_the_size_and_bold_is_wider() {
        let word = text_width(Face::Regular, 10.0, "Rømningsvei");
        assert!(word > 40.0 && word < 80.0, "{word}");
        assert!((text_width(Face::Regular, 20.0, "Rømningsvei") - 2.0 * word).abs() < 0.01);
        assert!(text_width(Face::Bold, 10.0, "Rømningsvei") > word);
        assert_eq!(text_width(Face::Regular, 10.0, ""), 0.0);
        assert!(faces().is_ok());
    }
}
