//! `/sw.js` with this build's stamp written into it.
//!
//! A browser installs a new service worker only when the script's bytes
//! change, but `public/sw.js` is the same file from one build to the next
//! while the wasm, JS and CSS it keeps get new hashed names. The server
//! therefore writes a stamp of the front-end build into the script: every
//! build is a new service worker, which the browser installs and keeps
//! waiting until the person chooses to reload (see `app/src/pwa/update.rs`).

use std::path::{Path, PathBuf};

use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use sha2::{Digest, Sha256};

use crate::errors::{ApiError, internal};
use crate::state::AppState;

/// What `public/sw.js` says where the stamp goes.
const PLACEHOLDER: &str = "__VERN_BUILD__";

/// The stamp of builds whose file names are not hashed (a development
/// build): their files change under the same names, so no version is told
/// apart from the next.
const UNHASHED: &str = "unhashed";

/// The hash file cargo-leptos writes next to the binary when it hashes the
/// build's file names (Leptos reads the names from it too).
pub fn hash_file() -> Option<PathBuf> {
    let exe = std::env::current_exe().ok()?;
    Some(exe.parent()?.join("hash.txt")).filter(|file| file.exists())
}

/// The stamp of the front-end build this server serves: a short hash of
/// its hashed file names, so that it changes exactly when they do.
pub fn build_stamp(hash_file: Option<&Path>) -> String {
    let Some(file) = hash_file else {
        return UNHASHED.to_owned();
    };
    let names = match std::fs::read(file) {
        Ok(names) => names,
        Err(error) => {
            // Pages still name hashed files, but no new build is announced.
            tracing::warn!(%error, file = %file.display(), "cannot read the build's hash file");
            return UNHASHED.to_owned();
        }
    };
    let digest = Sha256::digest(&names);
    hex::encode(&digest[..8])
}

/// `GET /sw.js`: the service worker with the build's stamp in it.
#[tracing::instrument(skip_all)]
pub async fn script(State(state): State<AppState>) -> Result<Response, ApiError> {
    let file = state.settings.site_root.join("sw.js");
    let source = match tokio::fs::read_to_string(&file).await {
        Ok(source) => source,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
            return Err(app::error::AppError::NotFound.into());
        }
        Err(error) => return Err(internal("read the service worker")(error).into()),
    };
    let headers = [(header::CONTENT_TYPE, "text/javascript; charset=utf-8")];
    Ok((headers, stamped(&source, &state.build)).into_response())
}

fn stamped(source: &str, build: &str) -> String {
    if !source.contains(PLACEHOLDER) {
        tracing::warn!("sw.js has no {PLACEHOLDER}: new builds are not announced to open pages");
    }
    source.replacen(PLACEHOLDER, build, 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_stamp_is_written_once_where_the_script_asks_for_it() {
        let source = "const BUILD = '__VERN_BUILD__';\n// __VERN_BUILD__ in a comment\n";
        assert_eq!(
            stamped(source, "abc"),
            "const BUILD = 'abc';\n// __VERN_BUILD__ in a comment\n"
        );
    }

    #[test]
    fn a_new_build_of_hashed_names_gets_a_new_stamp() {
        let dir = std::env::temp_dir().join(format!("vern-stamp-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temporary directory");
        let file = dir.join("hash.txt");
        std::fs::write(&file, "js: aaa\nwasm: bbb\ncss: ccc\n").expect("write");
        let first = build_stamp(Some(&file));
        std::fs::write(&file, "js: aaa\nwasm: bbd\ncss: ccc\n").expect("write");
        let second = build_stamp(Some(&file));
        std::fs::remove_dir_all(&dir).expect("clean up");
        assert_eq!(first.len(), 16);
        assert_ne!(first, second);
        assert_eq!(build_stamp(None), UNHASHED);
    }
}
