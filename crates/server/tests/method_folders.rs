// SPDX-License-Identifier: AGPL-3.0-only
//! A participation method is one folder: its id is written as a string only inside the folder
//! of the module that declares it. Everything else (the project page, the back office, exports,
//! the dashboard, `townhall check`, smart groups, the permission engine, the demo data) asks
//! the registry, or uses the constant the method's module exports.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};

/// Every method the registry knows, whatever its edition.
fn methods() -> Vec<&'static str> {
    townhall_server::editions::modules().iter().flat_map(|m| m.participation_methods()).map(|m| m.def().id).collect()
}

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..").canonicalize().unwrap()
}

/// Source and template files under `dir`, except tests (which drive the product from outside,
/// through the same strings a browser or an API client sends).
fn sources(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if path.is_dir() {
            if name != "tests" && name != "target" {
                sources(&path, out);
            }
        } else if (name.ends_with(".rs") && !name.ends_with("tests.rs")) || name.ends_with(".html") {
            out.push(path);
        }
    }
}

/// The folder of the module declaring `method`: `crates/<crate>/src[/modules]/<module id>`.
fn folder_of(method: &str) -> PathBuf {
    let module = townhall_server::editions::modules()
        .into_iter()
        .find(|m| m.participation_methods().iter().any(|d| d.def().id == method))
        .expect("a module declares the method");
    let root = workspace().join("crates");
    [root.join("core/src/modules"), root.join("standard/src"), root.join("premium/src")]
        .into_iter()
        .map(|dir| dir.join(module.id()))
        .find(|dir| dir.is_dir())
        .expect("the module has a folder")
}

#[test]
fn a_method_id_is_written_only_in_its_own_folder() {
    let mut files = Vec::new();
    sources(&workspace().join("crates"), &mut files);
    assert!(files.len() > 100, "the sources were found: {}", files.len());
    let mut found = Vec::new();
    let methods = methods();
    assert!(methods.len() >= 6, "the methods were found: {methods:?}");
    for method in &methods {
        let own = folder_of(method);
        let literal = format!("\"{method}\"");
        for file in files.iter().filter(|f| !f.starts_with(&own)) {
            let text = std::fs::read_to_string(file).unwrap();
            for (n, line) in text.lines().enumerate().filter(|(_, l)| l.contains(&literal)) {
                found.push(format!("{}:{}: {}", file.display(), n + 1, line.trim()));
            }
        }
    }
    assert!(found.is_empty(), "method ids written outside their folder:\n{}", found.join("\n"));
}
