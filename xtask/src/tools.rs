// SPDX-License-Identifier: AGPL-3.0-only
//! The outside tools the checks need: `.ci/install-tools` puts each at its pinned version (it
//! knows the pins and does nothing when they hold), then they are found here.
use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, bail};

/// What the browser tests need.
#[derive(Debug, Clone)]
pub struct Browser {
    pub chromedriver: PathBuf,
    pub chromium: PathBuf,
    pub axe: PathBuf,
    /// Lighthouse's command-line entry (`cli/index.js`), run with Node: page weights.
    pub lighthouse: PathBuf,
}

/// What the sign-in tests need: Node and the `oidc-provider` package, a real OpenID provider.
#[derive(Debug, Clone)]
pub struct Oidc {
    pub node: PathBuf,
    pub package: PathBuf,
}

#[derive(Debug)]
pub struct Tools {
    pub deny: bool,
    pub browser: Option<Browser>,
    pub oidc: Option<Oidc>,
    /// Python's aiosmtpd, the SMTP server of the e-mail tests.
    pub smtp: bool,
    /// Schemathesis (Python), which fuzzes the GraphQL API.
    pub schemathesis: bool,
}

/// Runs `.ci/install-tools` (which installs what is missing or not at its pinned version and is
/// quick otherwise), then finds the tools. With `ci`, a failed install or a tool still missing
/// is an error; otherwise its checks are skipped with a warning.
pub fn ensure(root: &Path, ci: bool) -> anyhow::Result<Tools> {
    eprintln!("==> tools at their pinned versions (.ci/install-tools)");
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
    let tools = find(root);
    let missing: Vec<&str> = [
        (!tools.deny).then_some("cargo-deny"),
        tools.browser.is_none().then_some("chromium/chromedriver/axe-core/lighthouse"),
        tools.oidc.is_none().then_some("node/oidc-provider"),
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
    let lighthouse = root.join(".cache/npm/node_modules/lighthouse/cli/index.js");
    let browser = match (which("chromedriver"), which("chromium")) {
        (Some(chromedriver), Some(chromium)) if axe.is_file() && lighthouse.is_file() => {
            Some(Browser { chromedriver, chromium, axe, lighthouse })
        }
        _ => None,
    };
    let package = root.join(".cache/npm/node_modules/oidc-provider");
    let oidc = match which("node") {
        Some(node) if package.join("lib/index.js").is_file() => Some(Oidc { node, package }),
        _ => None,
    };
    let python = python(root);
    let smtp = Command::new(&python).args(["-c", "import aiosmtpd"]).output().is_ok_and(|o| o.status.success());
    let schemathesis =
        Command::new(&python).args(["-m", "schemathesis.cli", "--version"]).output().is_ok_and(|o| o.status.success());
    Tools { deny, browser, oidc, smtp, schemathesis }
}

/// The virtual environment that holds the pinned Python tools (`.ci/requirements.txt`).
fn python_env(root: &Path) -> PathBuf {
    root.join(".cache/python/bin")
}

/// The Python of the pinned tools, or the machine's `python3` before they are installed.
pub fn python(root: &Path) -> PathBuf {
    let pinned = python_env(root).join("python3");
    if pinned.is_file() { pinned } else { PathBuf::from("python3") }
}

/// `PATH` with the pinned Python tools first, for test suites that start `python3` themselves.
pub fn path_with_python(root: &Path) -> OsString {
    let rest = std::env::var_os("PATH").unwrap_or_default();
    let dirs = std::iter::once(python_env(root)).chain(std::env::split_paths(&rest));
    std::env::join_paths(dirs).unwrap_or(rest)
}

pub fn which(name: &str) -> Option<PathBuf> {
    let paths = std::env::var_os("PATH")?;
    std::env::split_paths(&paths).map(|p| p.join(name)).find(|p| p.is_file())
}
