//! The layout the code keeps (README, Layout): a platform that names no feature, features that
//! depend on each other in one direction or through a service, files a newcomer reads at once.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use crate::common::files;

/// Longest an application file may grow, in lines.
const MAX_LINES: usize = 800;

/// The feature a source file belongs to, from its path (`src/features/<feature>/…`).
fn feature_of(path: &Path) -> Option<String> {
    let mut parts = path.iter().map(|p| p.to_string_lossy());
    parts.find(|p| p == "features")?;
    parts.next().map(|f| f.trim_end_matches(".rs").to_owned())
}

/// Every path into another feature that a source names: `features::<f>::…`, and `<f>::…` once
/// `use crate::features::<f>;` brought the name in.
fn paths_into_features(text: &str) -> Vec<(String, String)> {
    let mut found = Vec::new();
    let words = |s: &str| -> String {
        s.chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_' || *c == ':')
            .collect()
    };
    let mut imported = BTreeSet::new();
    for (at, _) in text.match_indices("features::") {
        let path = words(&text[at + "features::".len()..]);
        let (feature, rest) = path.split_once("::").unwrap_or((&path, ""));
        if !feature.is_empty() && !feature.starts_with('{') {
            found.push((feature.to_owned(), rest.to_owned()));
            if rest.is_empty() && text[at..].starts_with(&format!("features::{feature};")) {
                imported.insert(feature.to_owned());
            }
        }
    }
    for feature in imported {
        let marker = format!("{feature}::");
        for (at, _) in text.match_indices(&marker) {
            let before = text[..at].chars().next_back();
            if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == ':') {
                continue;
            }
            found.push((feature.clone(), words(&text[at + marker.len()..])));
        }
    }
    found
}

#[test]
fn the_platform_names_no_feature() {
    let mut offending = Vec::new();
    for file in files("src/platform", "rs") {
        let text = std::fs::read_to_string(&file).unwrap();
        if text.contains("features::") || text.contains("crate::state") {
            offending.push(file.display().to_string());
        }
    }
    assert!(offending.is_empty(), "{offending:?}");
    assert!(
        files("src/platform", "rs").len() > 20,
        "the platform is read"
    );
}

#[test]
fn features_that_use_each_other_do_so_one_way_through_a_service() {
    // (from, to) → the paths `from` names in `to`.
    let mut uses: BTreeMap<(String, String), BTreeSet<String>> = BTreeMap::new();
    for file in files("src/features", "rs") {
        let from = feature_of(&file).unwrap();
        let text = std::fs::read_to_string(&file).unwrap();
        for (to, path) in paths_into_features(&text) {
            if to != from {
                uses.entry((from.clone(), to)).or_default().insert(path);
            }
        }
    }
    assert!(
        uses.contains_key(&("needs".into(), "processes".into())),
        "the scan sees features' uses of each other"
    );
    let through_service = |paths: &BTreeSet<String>| {
        paths
            .iter()
            .all(|p| p.is_empty() || p.starts_with("service::"))
    };
    let mut cycles = Vec::new();
    for ((from, to), paths) in &uses {
        if from < to
            && let Some(back) = uses.get(&(to.clone(), from.clone()))
            && !through_service(paths)
            && !through_service(back)
        {
            cycles.push(format!("{from} → {to} {paths:?}\n{to} → {from} {back:?}"));
        }
    }
    assert!(cycles.is_empty(), "{}", cycles.join("\n\n"));
}

#[test]
fn no_application_file_is_over_800_lines() {
    let mut long = Vec::new();
    for file in files("src", "rs").into_iter().chain(files("src", "html")) {
        let lines = std::fs::read_to_string(&file).unwrap().lines().count();
        if lines > MAX_LINES {
            long.push(format!("{}: {lines}", file.display()));
        }
    }
    assert!(long.is_empty(), "{long:?}");
}
