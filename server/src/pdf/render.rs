//! Draws laid-out pages with `krilla`: the steps of each page, then its
//! footer (the document's name and "Side 2 / 5"), with the title and
//! language in the file's metadata.

use anyhow::Context;
use krilla::Document;
use krilla::color::rgb;
use krilla::geom::{PathBuilder, Point, Rect, Size, Transform};
use krilla::image::Image;
use krilla::metadata::Metadata;
use krilla::num::NormalizedF32;
use krilla::page::PageSettings;
use krilla::paint::Fill;
use krilla::surface::Surface;
use krilla::text::TextDirection;

use super::flow::{MARGIN, PAGE_HEIGHT, PAGE_WIDTH, Rgb, Step, Style};
use super::fonts::{Face, Faces, faces, text_width};

/// A laid-out document and what it needs to be drawn.
pub struct Laid {
    /// The title in the file's metadata.
    pub title: String,
    /// Its language (`nb`, `en`).
    pub language: String,
    /// The left part of every page's footer.
    pub footer: String,
    /// "Side {n} / {total}" in the document's language.
    pub page_of: Box<dyn Fn(usize, usize) -> String + Send>,
    /// The pages' steps.
    pub pages: Vec<Vec<Step>>,
    /// The photos the steps refer to by index.
    pub photos: Vec<Image>,
}

/// How the footer is set.
pub const FOOTER_STYLE: Style = Style {
    face: Face::Regular,
    size: 8.0,
    color: Rgb(0x55, 0x55, 0x55),
};

/// The PDF file of `laid`.
pub fn render(laid: Laid) -> anyhow::Result<Vec<u8>> {
    let faces = faces()?;
    let settings = PageSettings::from_wh(PAGE_WIDTH, PAGE_HEIGHT).context("A4 is a page size")?;
    let mut document = Document::new();
    let total = laid.pages.len();
    for (number, steps) in (1..).zip(&laid.pages) {
        let mut page = document.start_page_with(settings.clone());
        let mut surface = page.surface();
        for step in steps {
            draw(&mut surface, faces, step, &laid.photos);
        }
        let right = (laid.page_of)(number, total);
        let baseline = PAGE_HEIGHT - MARGIN + FOOTER_STYLE.size;
        text(
            &mut surface,
            faces,
            (MARGIN, baseline),
            FOOTER_STYLE,
            &laid.footer,
        );
        let x = PAGE_WIDTH - MARGIN - text_width(Face::Regular, FOOTER_STYLE.size, &right);
        text(&mut surface, faces, (x, baseline), FOOTER_STYLE, &right);
        surface.finish();
        page.finish();
    }
    document.set_metadata(
        Metadata::new()
            .title(laid.title)
            .language(laid.language)
            .creator("Vern".to_owned()),
    );
    document
        .finish()
        .map_err(|error| anyhow::anyhow!("write the PDF: {error:?}"))
}

fn draw(surface: &mut Surface<'_>, faces: &Faces, step: &Step, photos: &[Image]) {
    match step {
        Step::Text {
            x,
            baseline,
            style,
            text: line,
        } => text(surface, faces, (*x, *baseline), *style, line),
        Step::Photo {
            x,
            y,
            width,
            height,
            index,
        } => {
            let (Some(photo), Some(size)) = (photos.get(*index), Size::from_wh(*width, *height))
            else {
                return;
            };
            surface.push_transform(&Transform::from_translate(*x, *y));
            surface.draw_image(photo.clone(), size);
            surface.pop();
        }
        Step::Fill {
            x,
            y,
            width,
            height,
            color,
        } => {
            let mut path = PathBuilder::new();
            if let Some(rect) = Rect::from_xywh(*x, *y, *width, *height) {
                path.push_rect(rect);
            }
            if let Some(path) = path.finish() {
                surface.set_fill(Some(fill(*color)));
                surface.draw_path(&path);
            }
        }
    }
}

fn text(surface: &mut Surface<'_>, faces: &Faces, (x, y): (f32, f32), style: Style, line: &str) {
    surface.set_fill(Some(fill(style.color)));
    surface.draw_text(
        Point::from_xy(x, y),
        faces.font(style.face),
        style.size,
        line,
        false,
        TextDirection::Auto,
    );
}

fn fill(Rgb(r, g, b): Rgb) -> Fill {
    Fill {
        paint: rgb::Color::new(r, g, b).into(),
        opacity: NormalizedF32::ONE,
        rule: Default::default(),
    }
}
