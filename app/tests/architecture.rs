//! The rules of ARCHITECTURE.md that the compiler does not check: which top-level modules of
//! `app/src` may name which (`crate::…`), and no two of them naming each other, however
//! indirectly. Read from the sources, so a new import that breaks a rule fails here.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Every top-level module of `app/src` (a folder or a file beside `lib.rs`) and the others it
/// names as `crate::<module>`.
fn imports() -> BTreeMap<String, BTreeSet<String>> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let modules: BTreeMap<String, PathBuf> = std::fs::read_dir(&root)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.file_name().is_some_and(|name| name != "lib.rs"))
        .filter_map(|path| {
            let name = path.file_stem()?.to_str()?.to_string();
            (path.is_dir() || path.extension().is_some_and(|e| e == "rs")).then_some((name, path))
        })
        .collect();
    modules
        .iter()
        .map(|(name, path)| {
            let mut named = BTreeSet::new();
            for file in rust_files(path) {
                let text = std::fs::read_to_string(&file).unwrap();
                for (at, _) in text.match_indices("crate::") {
                    let rest = &text[at + "crate::".len()..];
                    let other: String = rest.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
                    if other != *name && modules.contains_key(&other) {
                        named.insert(other);
                    }
                }
            }
            (name.clone(), named)
        })
        .collect()
}

fn rust_files(path: &Path) -> Vec<PathBuf> {
    if path.is_file() {
        return vec![path.to_path_buf()];
    }
    std::fs::read_dir(path).unwrap().flat_map(|entry| rust_files(&entry.unwrap().path())).collect()
}

/// The modules `from` reaches by following imports.
fn reachable(imports: &BTreeMap<String, BTreeSet<String>>, from: &str) -> BTreeSet<String> {
    let mut seen = BTreeSet::new();
    let mut next: Vec<&str> = imports[from].iter().map(String::as_str).collect();
    while let Some(module) = next.pop() {
        if seen.insert(module.to_string()) {
            next.extend(imports[module].iter().map(String::as_str));
        }
    }
    seen
}

#[test]
fn no_module_reaches_itself_through_its_imports() {
    let imports = imports();
    assert!(imports.contains_key("domain") && imports.contains_key("map"), "the modules are read: {imports:?}");
    let cycles: Vec<String> = imports
        .keys()
        .filter(|module| reachable(&imports, module).contains(*module))
        .map(|module| format!("{module} → {:?}", imports[module]))
        .collect();
    assert!(cycles.is_empty(), "import cycles (ARCHITECTURE.md, « Rules »):\n{}", cycles.join("\n"));
}

#[test]
fn the_layers_below_import_only_further_below() {
    let imports = imports();
    let only = |module: &str, allowed: &[&str]| {
        let extra: Vec<&String> = imports[module].iter().filter(|m| !allowed.contains(&m.as_str())).collect();
        assert!(extra.is_empty(), "{module} may import only {allowed:?}, not {extra:?}");
    };
    only("domain", &[]);
    // The geocoder is the one outside service a view may need (`Db::view`).
    only("data", &["domain", "geocoder"]);
    only("geocoder", &["domain"]);
    // How server functions' answers and errors, and the page's data, travel (`Wire`): below
    // everything.
    only("wire", &[]);
    only("error", &["domain", "wire"]);
    // (The language of the page a form came from: where a form sent without script leads.)
    only("ssr", &["data", "domain", "error", "language"]);
    // The page's language and its texts: beside the settings, below every page.
    only("language", &["data", "domain", "error"]);
    only("components", &["domain", "error", "wire", "language", "leaflet_map", "settings"]);
    only("leaflet_map", &["domain", "error", "language", "settings"]);
}

/// Every value the server hands to the page travels in postcard (`wire::WireCodec`): a
/// `Resource::new` or a `SharedValue::new` reads it with `serde_json` compiled into the WASM,
/// which brings its parser back into the map's first download (81 KiB raw in the nineteenth
/// session's names-kept build). `wire_resource` and `WireCodec` are the ways in.
#[test]
fn every_value_handed_to_the_page_travels_in_postcard() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut readers = 0;
    let mut serde_json_readers = Vec::new();
    for file in rust_files(&root) {
        let text = std::fs::read_to_string(&file).unwrap();
        readers += text.matches("wire_resource(").count() + text.matches("WireCodec>").count();
        for (number, line) in text.lines().enumerate() {
            let code = line.split("//").next().unwrap_or_default();
            // `Resource::new(` but not `LocalResource::new(` (which hands nothing to the page),
            // and `Resource::<T>::new(` too.
            let reads_json = ["Resource::new(", "Resource::new_blocking(", "Resource::<", "SharedValue::new("]
                .iter()
                .any(|constructor| {
                    code.match_indices(constructor)
                        .any(|(at, _)| !code[..at].ends_with(|c: char| c.is_alphanumeric() || c == '_'))
                });
            if reads_json {
                serde_json_readers.push(format!("{}:{}: {}", file.display(), number + 1, line.trim()));
            }
        }
    }
    assert!(readers > 30, "the page's resources are read: {readers}");
    assert!(
        serde_json_readers.is_empty(),
        "values read with serde_json in the browser (use wire::wire_resource, or \
         Resource::new_with_options with wire::WireCodec for a blocking one):\n{}",
        serde_json_readers.join("\n")
    );
}

/// Every server function answers in `Wire` (wire.rs): one with another encoding brings a second
/// reader of its types (and of `AppError`) into the WASM, beside postcard's.
#[test]
fn every_server_function_answers_in_the_wire_encoding() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut seen = 0;
    let mut without = Vec::new();
    for file in rust_files(&root) {
        let text = std::fs::read_to_string(&file).unwrap();
        let attribute = |line: &&str| ["#[server", "#[leptos::server"].iter().any(|a| line.trim_start().starts_with(a));
        for line in text.lines().filter(attribute) {
            seen += 1;
            if !line.contains("output = crate::wire::Wire") {
                without.push(format!("{}: {line}", file.display()));
            }
        }
    }
    assert!(seen > 50, "the server functions are read: {seen}");
    assert!(without.is_empty(), "server functions without `output = crate::wire::Wire`:\n{}", without.join("\n"));
}
