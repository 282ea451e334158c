// SPDX-License-Identifier: AGPL-3.0-only
//! Every source file tracked by git names its licence on one of its first lines.
use std::path::Path;
use std::process::Command;

use anyhow::{Context, bail};

const SOURCE_EXTENSIONS: &[&str] = &["rs", "html", "css", "js", "mjs", "ftl", "sh"];
const SCRIPTS: &[&str] = &[".ci/run", ".ci/install-tools"];

pub fn check(root: &Path) -> anyhow::Result<()> {
    eprintln!("\n==> SPDX headers");
    let output = Command::new("git").arg("ls-files").current_dir(root).output().context("running git ls-files")?;
    let files = String::from_utf8_lossy(&output.stdout);
    let mut missing = Vec::new();
    let mut checked = 0;
    for file in files.lines() {
        let is_source = Path::new(file).extension().is_some_and(|e| SOURCE_EXTENSIONS.iter().any(|s| e == *s));
        if !is_source && !SCRIPTS.contains(&file) {
            continue;
        }
        checked += 1;
        let text = std::fs::read_to_string(root.join(file)).unwrap_or_default();
        if !text.lines().take(3).any(|l| l.contains("SPDX-License-Identifier:")) {
            missing.push(file.to_owned());
        }
    }
    if !missing.is_empty() {
        bail!("files without an SPDX line: {}", missing.join(", "));
    }
    eprintln!("{checked} source files carry an SPDX line");
    Ok(())
}
