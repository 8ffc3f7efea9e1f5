//! The object store that holds photo bytes: a local directory by default, an
//! S3-compatible bucket for `s3://bucket/prefix` (cargo feature `s3`).

use std::sync::Arc;

use anyhow::Context;
use object_store::ObjectStore;
use object_store::local::LocalFileSystem;
use object_store::path::Path;

use crate::config::Settings;

/// The key of a photo's stored JPEG. Keys name the uploaded bytes' hash as
/// well as the id: two uploads racing under one id with different bytes
/// write different objects, so whichever row wins points at its own bytes.
pub fn photo_key(id: &str, sha256: &str) -> Path {
    Path::from(format!("photos/{id}/{sha256}.jpg"))
}

/// The key of a photo's thumbnail (content-addressed like [`photo_key`]).
pub fn thumb_key(id: &str, sha256: &str) -> Path {
    Path::from(format!("photos/{id}/{sha256}.thumb.jpg"))
}

/// Builds the store named by `settings.photo_store()`, creating a local
/// directory when needed. Called once at start-up.
pub fn build(settings: &Settings) -> anyhow::Result<Arc<dyn ObjectStore>> {
    let location = settings.photo_store();
    if location.starts_with("s3://") {
        return s3(&location);
    }
    std::fs::create_dir_all(&location)
        .with_context(|| format!("could not create the photo directory {location}"))?;
    let store = LocalFileSystem::new_with_prefix(&location)
        .with_context(|| format!("could not open the photo directory {location}"))?
        // A photo is acknowledged to the phone only once it is on disk.
        .with_fsync(true);
    Ok(Arc::new(store))
}

/// An S3 bucket configured from the `AWS_*` environment and the URL.
#[cfg(feature = "s3")]
fn s3(url: &str) -> anyhow::Result<Arc<dyn ObjectStore>> {
    use object_store::aws::AmazonS3Builder;
    use object_store::prefix::PrefixStore;

    // The HTTP client finds no TLS provider by itself (see `s3` in
    // Cargo.toml). Installing fails only when one is installed already,
    // which serves as well.
    let _ = rustls::crypto::ring::default_provider().install_default();
    let bucket = AmazonS3Builder::from_env()
        .with_url(url)
        .build()
        .with_context(|| format!("could not configure the S3 photo store {url}"))?;
    let prefix = url
        .trim_start_matches("s3://")
        .split_once('/')
        .map_or("", |(_, prefix)| prefix.trim_matches('/'));
    if prefix.is_empty() {
        Ok(Arc::new(bucket))
    } else {
        Ok(Arc::new(PrefixStore::new(bucket, prefix)))
    }
}

#[cfg(not(feature = "s3"))]
fn s3(url: &str) -> anyhow::Result<Arc<dyn ObjectStore>> {
    Err(without_s3(url))
}

/// The start-up error for an `s3://` store in a binary built without S3.
/// Compiled with and without the feature, so that the test suite (which
/// runs with `s3`) compiles and tests it too.
#[cfg_attr(
    all(feature = "s3", not(test)),
    expect(dead_code, reason = "used only without `s3`, and by its test")
)]
fn without_s3(url: &str) -> anyhow::Error {
    anyhow::anyhow!(
        "photo_store is {url}, but this vern binary was built without S3 support \
         (build it with `--features s3`, or use a local directory)"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_local_directory_is_created() {
        let dir = tempfile::tempdir().expect("temp dir");
        let photos = dir.path().join("nested").join("photos");
        let settings = Settings {
            photo_store: photos.display().to_string(),
            ..Settings::default()
        };
        build(&settings).expect("store");
        assert!(photos.is_dir());
    }

    #[test]
    fn s3_without_the_feature_is_a_clear_start_up_error() {
        let settings = Settings {
            photo_store: "s3://vern-photos/prod".to_owned(),
            ..Settings::default()
        };
        let error = if cfg!(feature = "s3") {
            without_s3(&settings.photo_store)
        } else {
            build(&settings).expect_err("refused")
        };
        let error = error.to_string();
        assert!(error.contains("without S3 support"), "{error}");
    }

    #[cfg(feature = "s3")]
    #[test]
    fn an_s3_url_makes_a_bucket_store_with_its_prefix() {
        let settings = Settings {
            photo_store: "s3://vern-photos/prod".to_owned(),
            ..Settings::default()
        };
        // Building it makes the HTTP client, which needs the TLS provider.
        let store = build(&settings).expect("an S3 store, without a request yet");
        assert_eq!(store.to_string(), "PrefixObjectStore(prod)");
    }

    #[test]
    fn keys_follow_the_photo_id_and_its_bytes() {
        assert_eq!(photo_key("abc", "12ef").as_ref(), "photos/abc/12ef.jpg");
        assert_eq!(
            thumb_key("abc", "12ef").as_ref(),
            "photos/abc/12ef.thumb.jpg"
        );
        assert_ne!(photo_key("abc", "12ef"), photo_key("abc", "34ab"));
    }
}
