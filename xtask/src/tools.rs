// SPDX-License-Identifier: AGPL-3.0-only
//! Finding the outside tools the checks need, installing them (`.ci/install-tools`) when missing.
use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, bail};

/// What the browser tests need.
#[derive(Debug, Clone)]
pub struct Browser {
    pub chromedriver: PathBuf,
    pub chromium: PathBuf,
    pub axe: PathBuf,
}

#[derive(Debug)]
pub struct Tools {
    pub deny: bool,
    pub browser: Option<Browser>,
    /// Python's aiosmtpd, the SMTP server of the e-mail tests.
    pub smtp: bool,
    /// Schemathesis (Python), which fuzzes the GraphQL API.
    pub schemathesis: bool,
}

/// Finds the tools, running `.ci/install-tools` once if any is missing. With `ci`, a tool that
/// is still missing is an error; otherwise its checks are skipped with a warning.
pub fn ensure(root: &Path, ci: bool) -> anyhow::Result<Tools> {
    let mut tools = find(root);
    if !tools.deny || tools.browser.is_none() || !tools.smtp || !tools.schemathesis {
        eprintln!("==> installing missing tools (.ci/install-tools)");
        let status = Command::new("bash")
            .arg(root.join(".ci/install-tools"))
            .current_dir(root)
            .status()
            .context("running .ci/install-tools")?;
        if !status.success() {
            let message = "installing tools failed";
            if ci {
                bail!(message);
            }
            eprintln!("xtask: warning: {message}");
        }
        tools = find(root);
    }
    let missing: Vec<&str> = [
        (!tools.deny).then_some("cargo-deny"),
        tools.browser.is_none().then_some("chromium/chromedriver/axe-core"),
        (!tools.schemathesis).then_some("schemathesis"),
    ]
    .into_iter()
    .flatten()
    .collect();
    if !missing.is_empty() {
        if ci {
            bail!("missing with CI=true: {}", missing.join(", "));
        }
        eprintln!("xtask: warning: skipping checks that need {}", missing.join(", "));
    }
    Ok(tools)
}

fn find(root: &Path) -> Tools {
    let deny = Command::new("cargo").args(["deny", "--version"]).output().is_ok_and(|o| o.status.success());
    let axe = root.join(".cache/npm/node_modules/axe-core/axe.min.js");
    let browser = match (which("chromedriver"), which("chromium")) {
        (Some(chromedriver), Some(chromium)) if axe.is_file() => Some(Browser { chromedriver, chromium, axe }),
        _ => None,
    };
    let smtp = Command::new("python3").args(["-c", "import aiosmtpd"]).output().is_ok_and(|o| o.status.success());
    let schemathesis = Command::new("python3")
        .args(["-m", "schemathesis.cli", "--version"])
        .output()
        .is_ok_and(|o| o.status.success());
    Tools { deny, browser, smtp, schemathesis }
}

pub fn which(name: &str) -> Option<PathBuf> {
    let paths = std::env::var_os("PATH")?;
    std::env::split_paths(&paths).map(|p| p.join(name)).find(|p| p.is_file())
}
