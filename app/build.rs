//! Generates the `i18n` module from `locales/*.json` (leptos_i18n).
//!
//! This calls leptos_i18n's parser and code generator directly rather than
//! `leptos_i18n_build`: that crate also exports ICU data for number, date
//! and plural formatting, which Vern's texts do not use, and its ICU data
//! source alone took 150 s of every cold build, twice (once for the server
//! build and once for the browser build, whose build scripts are compiled
//! with other flags).

use leptos_i18n_parser::parse_locales::{options::Config, parse_locales};
use std::error::Error;
use std::path::PathBuf;

fn main() -> Result<(), Box<dyn Error>> {
    println!("cargo::rerun-if-changed=build.rs");
    let out_dir = std::env::var_os("OUT_DIR").ok_or("cargo did not set OUT_DIR")?;
    let i18n_dir = PathBuf::from(out_dir).join("i18n");

    let config = Config::new("nb")?.add_locale("en")?;
    let parsed = parse_locales(None, config)?;
    for path in parsed.tracked_files.iter().flatten() {
        println!("cargo::rerun-if-changed={path}");
    }
    for warning in parsed.diag.warnings().iter() {
        println!("cargo::warning={warning}");
    }
    let errors = parsed.diag.errors();
    for error in errors.iter() {
        println!("cargo::error={error}");
    }
    let module = leptos_i18n_codegen::gen_code(&parsed, None, false, None, true)?;
    std::fs::create_dir_all(&i18n_dir)?;
    std::fs::write(i18n_dir.join("mod.rs"), module.to_string())?;
    Ok(())
}
