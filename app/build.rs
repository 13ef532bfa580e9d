//! Generates the interface's texts module (`language::i18n`) from `locales/fr.json` and
//! `locales/en.json`: every key `td_string!` names is checked at compile time, in both languages.

use leptos_i18n_build::{Config, ParseOptions, TranslationsInfos};
use std::error::Error;
use std::path::PathBuf;

fn main() -> Result<(), Box<dyn Error>> {
    println!("cargo::rerun-if-changed=build.rs");
    let module_directory = PathBuf::from(std::env::var_os("OUT_DIR").ok_or("OUT_DIR")?).join("i18n");
    // French first: the default, at the site's plain addresses. `interpolate_display`: texts with
    // values (« {{ count }} initiatives ») are built as strings too, not only as views.
    let config = Config::new("fr")?.add_locale("en")?.parse_options(ParseOptions::new().interpolate_display(true));
    let translations = TranslationsInfos::parse(config)?;
    translations.emit_diagnostics();
    translations.rerun_if_locales_changed();
    translations.generate_i18n_module(module_directory)?;
    write_wire_release()?;
    Ok(())
}

/// `WIRE_RELEASE` (wire.rs): a hash of everything the shape of the data between the server and
/// the page comes from, this crate's code and the dependencies' versions. The server and the
/// WASM are built from the same files, so they agree; a page of an older release does not.
fn write_wire_release() -> Result<(), Box<dyn Error>> {
    println!("cargo::rerun-if-changed=src");
    println!("cargo::rerun-if-changed=../Cargo.lock");
    let mut files = vec![PathBuf::from("../Cargo.lock")];
    let mut folders = vec![PathBuf::from("src")];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(folder)? {
            let path = entry?.path();
            if path.is_dir() {
                folders.push(path);
            } else {
                files.push(path);
            }
        }
    }
    files.sort();
    // FNV-1a: the same on every machine and toolchain (std's hashers promise neither).
    let mut hash: u32 = 0x811c_9dc5;
    for file in files {
        for byte in file.to_string_lossy().bytes().chain(std::fs::read(&file)?) {
            hash = (hash ^ u32::from(byte)).wrapping_mul(0x0100_0193);
        }
    }
    let out = PathBuf::from(std::env::var_os("OUT_DIR").ok_or("OUT_DIR")?).join("wire_release.rs");
    std::fs::write(out, format!("pub const WIRE_RELEASE: u32 = {hash:#010x};\n"))?;
    Ok(())
}
