use std::io::Read;

use super::*;

fn text(bytes: usize) -> String {
    "const vern = 'vernerunde';\n".repeat(bytes / 27 + 1)
}

fn unbrotli(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    brotli::Decompressor::new(bytes, 4096)
        .read_to_end(&mut out)
        .expect("a brotli stream");
    out
}

fn ungzip(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    flate2::read::GzDecoder::new(bytes)
        .read_to_end(&mut out)
        .expect("a gzip stream");
    out
}

#[test]
fn both_copies_decode_to_the_file_and_are_smaller() {
    let dir = tempfile::tempdir().expect("dir");
    let file = dir.path().join("app-1a2b.js");
    fs::write(&file, text(20_000)).expect("write");
    let Outcome::Written {
        raw,
        brotli: Some(brotli),
        gzip: Some(gzip),
    } = precompress_file(&file).expect("compress")
    else {
        panic!("both written");
    };
    assert!(
        brotli < raw / 10 && gzip < raw / 10,
        "{raw} {brotli} {gzip}"
    );
    let original = fs::read(&file).expect("read");
    let br = fs::read(dir.path().join("app-1a2b.js.br")).expect(".br");
    let gz = fs::read(dir.path().join("app-1a2b.js.gz")).expect(".gz");
    assert_eq!(unbrotli(&br), original);
    assert_eq!(ungzip(&gz), original);
    assert_eq!(br.len() as u64, brotli);
    assert!(
        !dir.path().join("app-1a2b.js.br.partial").exists(),
        "no partial file is left"
    );
}

#[test]
fn a_second_run_leaves_fresh_copies_and_a_changed_file_is_done_again() {
    let dir = tempfile::tempdir().expect("dir");
    let file = dir.path().join("style-9f.css");
    fs::write(&file, text(5_000)).expect("write");
    assert!(matches!(
        precompress_file(&file).expect("first"),
        Outcome::Written { .. }
    ));
    assert_eq!(precompress_file(&file).expect("again"), Outcome::UpToDate);

    // A file rebuilt under the same name after its copies were made.
    std::thread::sleep(Duration::from_millis(20));
    fs::write(&file, text(9_000)).expect("rewrite");
    assert!(matches!(
        precompress_file(&file).expect("changed"),
        Outcome::Written { .. }
    ));
    let br = fs::read(dir.path().join("style-9f.css.br")).expect(".br");
    assert_eq!(unbrotli(&br), fs::read(&file).expect("read"));
}

#[test]
fn only_compressible_files_are_taken_and_copies_not_bigger_are_not_kept() {
    let dir = tempfile::tempdir().expect("dir");
    let nested = dir.path().join("icons");
    fs::create_dir(&nested).expect("dir");
    fs::write(dir.path().join("app.wasm"), text(4_000)).expect("wasm");
    fs::write(nested.join("logo.svg"), text(3_000)).expect("svg");
    fs::write(nested.join("photo.png"), [0x89, b'P', b'N', b'G']).expect("png");
    // Two bytes: no compressed form is smaller.
    fs::write(dir.path().join("tiny.txt"), "ok").expect("txt");
    // A link back up is not followed (it would never end).
    std::os::unix::fs::symlink(dir.path(), nested.join("up")).expect("link");

    let mut seen = Vec::new();
    let count = precompress_dir(dir.path(), &mut |path, outcome, _| {
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default();
        seen.push((name.to_owned(), matches!(outcome, Outcome::Written { .. })));
    })
    .expect("precompress");
    assert_eq!(count, 3, "{seen:?}");
    assert_eq!(
        seen,
        [
            ("app.wasm".to_owned(), true),
            ("logo.svg".to_owned(), true),
            ("tiny.txt".to_owned(), false)
        ]
    );
    assert!(!nested.join("photo.png.br").exists());
    assert!(!dir.path().join("tiny.txt.br").exists());
    assert!(!dir.path().join("tiny.txt.gz").exists());

    // The copies themselves are never compressed again.
    let again = precompress_dir(dir.path(), &mut |_, _, _| {}).expect("again");
    assert_eq!(again, 3);
}

#[test]
fn a_missing_directory_is_an_error_that_names_it() {
    let error =
        precompress_dir(Path::new("/no/such/site/pkg"), &mut |_, _, _| {}).expect_err("missing");
    assert!(
        format!("{error:#}").contains("/no/such/site/pkg"),
        "{error:#}"
    );
}
