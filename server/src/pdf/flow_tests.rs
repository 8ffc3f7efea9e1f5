//! Line breaks, page breaks and photo rows of [`super`].

use super::*;

const BODY: Style = Style::new(Face::Regular, 10.0);

#[test]
fn lines_break_at_spaces_before_the_margin_and_keep_every_word() {
    let text = "Nødutgangen i kjelleren er sperret av stoler og bord som er satt der etter \
                juleavslutningen, og skiltet over døra lyser ikke.";
    let lines = wrap(BODY, 150.0, text);
    assert!(lines.len() > 3, "{lines:?}");
    for line in &lines {
        assert!(text_width(Face::Regular, 10.0, line) <= 150.0, "{line}");
    }
    assert_eq!(lines.join(" "), text);
    assert_eq!(wrap(BODY, 150.0, "én\n\nto"), ["én", "", "to"]);
}

#[test]
fn a_word_wider_than_the_line_is_split_inside() {
    let word = "x".repeat(200);
    let lines = wrap(BODY, 100.0, &word);
    assert!(lines.len() > 1);
    assert_eq!(lines.concat(), word);
}

#[test]
fn a_page_ends_before_the_footer_and_a_heading_moves_with_its_lines() {
    let mut flow = Flow::default();
    for n in 0..100 {
        flow.text(BODY, 0.0, &format!("Linje {n}"));
    }
    let pages = flow.pages();
    assert!(pages.len() >= 2);
    for page in &pages {
        for step in page {
            if let Step::Text { baseline, .. } = step {
                assert!(*baseline <= PAGE_HEIGHT - MARGIN - FOOTER, "{baseline}");
            }
        }
    }
    let mut flow = Flow::default();
    while flow.y < PAGE_HEIGHT - MARGIN - FOOTER - 20.0 {
        flow.text(BODY, 0.0, "fyll");
    }
    flow.heading(Style::new(Face::Bold, 14.0), "Kjøkken", 2.0);
    let pages = flow.pages();
    assert_eq!(pages.len(), 2, "the heading went to a new page");
    assert!(matches!(&pages[1][0], Step::Text { text, .. } if text == "Kjøkken"));
}

#[test]
fn a_line_too_long_is_cut_with_an_ellipsis() {
    assert_eq!(one_line(BODY, 200.0, "Kort"), "Kort");
    let cut = one_line(BODY, 100.0, &"Vernerunde på Nordby skole ".repeat(10));
    assert!(cut.ends_with('…') && cut.len() > 5, "{cut}");
    assert!(text_width(Face::Regular, 10.0, &cut) <= 100.0);
}

#[test]
fn photos_keep_their_shape_inside_the_box() {
    let mut flow = Flow::default();
    let wide = PhotoSize {
        index: 0,
        width: 3000,
        height: 1000,
    };
    let tall = PhotoSize {
        index: 1,
        width: 600,
        height: 1200,
    };
    flow.photos(0.0, &[wide, tall, wide, tall]);
    let photos: Vec<_> = flow.pages().concat();
    assert_eq!(photos.len(), 4);
    for step in &photos {
        if let Step::Photo { x, width, .. } = step {
            assert!(x + width <= PAGE_WIDTH - MARGIN, "inside the right margin");
        }
    }
    let tops: Vec<f32> = photos
        .iter()
        .filter_map(|step| match step {
            Step::Photo { y, .. } => Some(*y),
            _ => None,
        })
        .collect();
    assert_eq!(tops[0], tops[2], "three fit in a row");
    assert!(tops[3] > tops[0], "the fourth starts a new row");
    match (&photos[0], &photos[1]) {
        (
            Step::Photo { width, height, .. },
            Step::Photo {
                width: w2,
                height: h2,
                ..
            },
        ) => {
            assert!((width / height - 3.0).abs() < 0.01 && *width <= 150.0);
            assert!((h2 / w2 - 2.0).abs() < 0.01 && *h2 <= 112.0);
        }
        other => panic!("{other:?}"),
    }
}
