//! Lays a document out on A4 pages as drawing steps: text broken into
//! lines before the margin, a new page when the next line or block would
//! run into the footer, photos in rows. Pure, so the breaks can be tested
//! without drawing.

use super::fonts::{Face, text_width};

/// A4 in points.
pub const PAGE_WIDTH: f32 = 595.28;
/// A4 in points.
pub const PAGE_HEIGHT: f32 = 841.89;
/// The margin on every side.
pub const MARGIN: f32 = 50.0;
/// The band above the bottom margin kept for the page number.
pub const FOOTER: f32 = 24.0;
/// The width text may take.
pub const CONTENT_WIDTH: f32 = PAGE_WIDTH - 2.0 * MARGIN;

/// The largest box a photo is scaled into.
const PHOTO_BOX: (f32, f32) = (150.0, 112.0);
const PHOTO_GAP: f32 = 8.0;

/// A colour, 0–255 per channel.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Rgb(pub u8, pub u8, pub u8);

/// Near-black text.
pub const INK: Rgb = Rgb(0x1b, 0x1b, 0x1b);

/// How a run of text looks.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Style {
    /// Regular or bold.
    pub face: Face,
    /// Size in points.
    pub size: f32,
    /// Its colour.
    pub color: Rgb,
}

impl Style {
    /// Text of `size` points in `face`, in ink.
    pub const fn new(face: Face, size: f32) -> Style {
        Style {
            face,
            size,
            color: INK,
        }
    }

    /// The distance from one line's baseline to the next.
    pub fn line_height(self) -> f32 {
        self.size * 1.35
    }
}

/// One thing to draw on a page (coordinates from the top-left corner).
#[derive(Clone, Debug, PartialEq)]
pub enum Step {
    /// A line of text starting at `x` on `baseline`.
    Text {
        /// Left edge.
        x: f32,
        /// Baseline.
        baseline: f32,
        /// How it looks.
        style: Style,
        /// The text, one line.
        text: String,
    },
    /// Photo number `index` of the document, scaled into the box.
    Photo {
        /// Left edge.
        x: f32,
        /// Top edge.
        y: f32,
        /// Width drawn.
        width: f32,
        /// Height drawn.
        height: f32,
        /// Which of the document's photos.
        index: usize,
    },
    /// A filled rectangle.
    Fill {
        /// Left edge.
        x: f32,
        /// Top edge.
        y: f32,
        /// Width.
        width: f32,
        /// Height.
        height: f32,
        /// Its colour.
        color: Rgb,
    },
}

/// A photo to place: its index in the document and its size in pixels.
#[derive(Clone, Copy, Debug)]
pub struct PhotoSize {
    /// Which of the document's photos.
    pub index: usize,
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
}

/// The pages laid out so far and where the next thing goes.
pub struct Flow {
    pages: Vec<Vec<Step>>,
    y: f32,
}

impl Default for Flow {
    fn default() -> Self {
        Flow {
            pages: vec![Vec::new()],
            y: MARGIN,
        }
    }
}

impl Flow {
    /// The pages, each a list of steps.
    pub fn pages(self) -> Vec<Vec<Step>> {
        self.pages
    }

    /// Starts a new page, unless the current one is still empty.
    pub fn new_page(&mut self) {
        if self.pages.last().is_some_and(|page| !page.is_empty()) {
            self.pages.push(Vec::new());
        }
        self.y = MARGIN;
    }

    /// Leaves `points` of space (none at the top of a page).
    pub fn gap(&mut self, points: f32) {
        if self.y > MARGIN {
            self.y += points;
        }
    }

    /// Makes sure `height` fits below the current line, else starts a new
    /// page; returns the top of the space, which is then taken.
    pub fn block(&mut self, height: f32) -> f32 {
        if self.y + height > PAGE_HEIGHT - MARGIN - FOOTER {
            self.new_page();
        }
        let top = self.y;
        self.y += height;
        top
    }

    /// Adds a step to the current page.
    pub fn push(&mut self, step: Step) {
        if let Some(page) = self.pages.last_mut() {
            page.push(step);
        }
    }

    /// A paragraph, `indent` points in, broken into lines; each line goes
    /// where it fits. Line breaks in `text` are kept.
    pub fn text(&mut self, style: Style, indent: f32, text: &str) {
        for line in wrap(style, CONTENT_WIDTH - indent, text) {
            let top = self.block(style.line_height());
            self.push(Step::Text {
                x: MARGIN + indent,
                baseline: top + style.size,
                style,
                text: line,
            });
        }
    }

    /// A heading (all its lines), kept on the page of the `lines_after`
    /// lines that follow.
    pub fn heading(&mut self, style: Style, text: &str, lines_after: f32) {
        self.gap(style.size * 0.6);
        let lines = wrap(style, CONTENT_WIDTH, text).len() as f32;
        let needed = style.line_height() * (lines + lines_after);
        if self.y + needed > PAGE_HEIGHT - MARGIN - FOOTER {
            self.new_page();
        }
        self.text(style, 0.0, text);
    }

    /// Photos in rows, `indent` points in, each scaled into the same box
    /// with its shape kept.
    pub fn photos(&mut self, indent: f32, photos: &[PhotoSize]) {
        let per_row = (((CONTENT_WIDTH - indent) + PHOTO_GAP) / (PHOTO_BOX.0 + PHOTO_GAP))
            .floor()
            .max(1.0) as usize;
        for row in photos.chunks(per_row) {
            let top = self.block(PHOTO_BOX.1 + PHOTO_GAP);
            let mut x = MARGIN + indent;
            for photo in row {
                let (width, height) = fit(photo.width, photo.height);
                self.push(Step::Photo {
                    x,
                    y: top,
                    width,
                    height,
                    index: photo.index,
                });
                x += PHOTO_BOX.0 + PHOTO_GAP;
            }
        }
    }
}

/// `text` cut to fit `width` on one line, with "…" where it was cut.
pub fn one_line(style: Style, width: f32, text: &str) -> String {
    let fits = |line: &str| text_width(style.face, style.size, line) <= width * KERNING_ROOM;
    if fits(text) {
        return text.to_owned();
    }
    let mut line: String = text.to_owned();
    while !line.is_empty() && !fits(&format!("{line}…")) {
        line.pop();
    }
    format!("{}…", line.trim_end())
}

/// A photo's size scaled into the photo box, its shape kept.
fn fit(width: u32, height: u32) -> (f32, f32) {
    let (width, height) = (width.max(1) as f32, height.max(1) as f32);
    let scale = (PHOTO_BOX.0 / width).min(PHOTO_BOX.1 / height);
    (width * scale, height * scale)
}

/// The share of a line's width that text is measured against (see
/// [`text_width`] on kerning).
const KERNING_ROOM: f32 = 0.98;

/// `text` broken into lines no wider than `width`: at spaces, and inside
/// a word only when the word alone is wider.
pub fn wrap(style: Style, width: f32, text: &str) -> Vec<String> {
    let fits = |line: &str| text_width(style.face, style.size, line) <= width * KERNING_ROOM;
    let mut lines = Vec::new();
    for paragraph in text.lines() {
        let mut line = String::new();
        for word in paragraph.split_whitespace() {
            let candidate = if line.is_empty() {
                word.to_owned()
            } else {
                format!("{line} {word}")
            };
            if fits(&candidate) {
                line = candidate;
                continue;
            }
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            if fits(word) {
                line = word.to_owned();
                continue;
            }
            for ch in word.chars() {
                line.push(ch);
                if !fits(&line) && line.chars().count() > 1 {
                    line.pop();
                    lines.push(std::mem::replace(&mut line, ch.to_string()));
                }
            }
        }
        lines.push(line);
    }
    lines
}

#[cfg(test)]
#[path = "flow_tests.rs"]
mod tests;
