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
    Ok(())
}
