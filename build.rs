//! Gathers the interface's messages: the platform's Fluent file and every feature's, one per
//! language (`src/platform/locales/<lang>.ftl`, `src/features/<feature>/locales/<lang>.ftl`),
//! concatenated into `$OUT_DIR/<lang>.ftl`, which `platform::i18n` embeds. A feature brings its
//! messages by adding its folder; the platform never names one.

use std::fs;
use std::path::{Path, PathBuf};

/// The languages of the interface.
const LANGUAGES: [&str; 2] = ["fr", "en"];

fn main() {
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    println!("cargo:rerun-if-changed=src/platform/locales");
    println!("cargo:rerun-if-changed=src/features");
    let mut features: Vec<PathBuf> = fs::read_dir("src/features")
        .expect("src/features exists")
        .flatten()
        .map(|entry| entry.path().join("locales"))
        .filter(|locales| locales.is_dir())
        .collect();
    features.sort();
    let folders: Vec<PathBuf> = std::iter::once(PathBuf::from("src/platform/locales"))
        .chain(features)
        .collect();
    for lang in LANGUAGES {
        let mut all = String::new();
        for folder in &folders {
            let file = folder.join(format!("{lang}.ftl"));
            println!("cargo:rerun-if-changed={}", file.display());
            all.push_str(&read(&file));
            all.push('\n');
        }
        fs::write(out.join(format!("{lang}.ftl")), all).expect("OUT_DIR is writable");
    }
}

fn read(file: &Path) -> String {
    fs::read_to_string(file).unwrap_or_else(|e| {
        panic!(
            "{}: every locales folder holds every language ({e})",
            file.display()
        )
    })
}
