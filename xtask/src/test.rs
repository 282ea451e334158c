// SPDX-License-Identifier: AGPL-3.0-only
//! `cargo xtask test`: the one command that runs every check.
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use anyhow::{Context, bail};
use clap::Args;
use townhall_testkit::PgCluster;

use crate::tools;

#[derive(Args)]
pub struct TestArgs {
    /// Skip fmt, clippy and cargo-deny (for a quick local loop; CI never uses it).
    #[arg(long)]
    pub no_lint: bool,
}

/// The packages of the default (AGPL) build.
const CORE_PACKAGES: &[&str] =
    &["townhall-license", "townhall-core", "townhall-server", "townhall-testkit", "townhall-bench", "xtask"];

pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().map(Path::to_path_buf).unwrap_or_else(|| PathBuf::from("."))
}

/// Where cargo puts what it builds: `CARGO_TARGET_DIR` when set, else `target/`.
pub fn target_dir(root: &Path) -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR").map(PathBuf::from).unwrap_or_else(|| root.join("target"))
}

pub fn run(args: &TestArgs) -> anyhow::Result<()> {
    let root = workspace_root();
    let ci = std::env::var("CI").is_ok_and(|v| v == "true" || v == "1");
    let started = Instant::now();
    let tools = tools::ensure(&root, ci)?;
    let mut steps: Vec<(String, f64)> = Vec::new();
    let mut step = |name: &str, mut command: Command| -> anyhow::Result<()> {
        eprintln!("\n==> {name}");
        let t = Instant::now();
        let status = command.current_dir(&root).status().with_context(|| format!("starting `{name}`"))?;
        if !status.success() {
            bail!("`{name}` failed ({status})");
        }
        steps.push((name.to_owned(), t.elapsed().as_secs_f64()));
        Ok(())
    };

    if !args.no_lint || ci {
        step("cargo fmt --check", cargo(&["fmt", "--all", "--", "--check"]))?;
        step(
            "clippy: core build",
            cargo(&with_packages(&["clippy", "--all-targets"], CORE_PACKAGES, &["--", "-D", "warnings"])),
        )?;
        step(
            "clippy: standard build",
            cargo(&[
                "clippy",
                "--all-targets",
                "-p",
                "townhall-server",
                "-p",
                "townhall-standard",
                "--features",
                "townhall-server/standard",
                "--",
                "-D",
                "warnings",
            ]),
        )?;
        step(
            "clippy: premium build",
            cargo(&[
                "clippy",
                "--all-targets",
                "-p",
                "townhall-server",
                "-p",
                "townhall-premium",
                "--features",
                "townhall-server/premium",
                "--",
                "-D",
                "warnings",
            ]),
        )?;
        if tools.deny {
            step(
                "cargo deny (licences, bans, sources)",
                cargo(&["deny", "--all-features", "check", "licenses", "bans", "sources"]),
            )?;
        }
        check_editions(&root)?;
        crate::spdx::check(&root)?;
    }

    // The suites start `python3` (aiosmtpd, a pseudo-terminal): the pinned tools' Python.
    let path = tools::path_with_python(&root);
    let suite = |mut c: Command| {
        c.env("PATH", &path);
        if tools.smtp {
            c.env("TEST_REQUIRE_SMTP", "1");
        }
        if let Some(oidc) = &tools.oidc {
            c.env("TEST_NODE", &oidc.node).env("TEST_OIDC_PROVIDER", &oidc.package).env("TEST_REQUIRE_OIDC", "1");
        }
        c
    };
    step("tests: core build on SQLite", suite(cargo(&with_packages(&["test"], CORE_PACKAGES, &[]))))?;
    step(
        "tests: standard build on SQLite",
        suite(cargo(&[
            "test",
            "-p",
            "townhall-server",
            "-p",
            "townhall-standard",
            "--features",
            "townhall-server/standard",
        ])),
    )?;

    let pg = match PgCluster::start() {
        Ok(pg) => Some(pg),
        Err(e) if ci => bail!("PostgreSQL is required with CI=true: {e}"),
        Err(e) => {
            eprintln!("xtask: warning: no PostgreSQL ({e}); the premium build is tested on SQLite only");
            None
        }
    };
    let mut premium = suite(cargo(&[
        "test",
        "-p",
        "townhall-server",
        "-p",
        "townhall-premium",
        "--features",
        "townhall-server/premium",
    ]));
    if let Some(pg) = &pg {
        premium.env("TEST_POSTGRES_URL", pg.url("postgres")).env("TEST_REQUIRE_POSTGRES", "1");
    }
    if ci {
        // CI runs as root on a machine of its own: the disk-full test mounts its small tmpfs.
        premium.env("TEST_REQUIRE_TMPFS", "1");
    }
    if let Some(browser) = &tools.browser {
        premium
            .env("TEST_CHROMEDRIVER", &browser.chromedriver)
            .env("TEST_CHROMIUM", &browser.chromium)
            .env("TEST_AXE_JS", &browser.axe)
            .env("TEST_LIGHTHOUSE", &browser.lighthouse)
            .env("TEST_REQUIRE_BROWSER", "1");
    }
    let label = match (&pg, &tools.browser) {
        (Some(_), Some(_)) => "tests: premium build on SQLite and PostgreSQL, with the browser tests",
        (Some(_), None) => "tests: premium build on SQLite and PostgreSQL (no browser)",
        (None, Some(_)) => "tests: premium build on SQLite, with the browser tests",
        (None, None) => "tests: premium build on SQLite (no browser)",
    };
    step(label, premium)?;
    drop(pg);
    if tools.schemathesis {
        let mut fuzz = Command::new(std::env::current_exe().context("the xtask binary")?);
        fuzz.arg("fuzz");
        step("schemathesis: the GraphQL API, anonymous and signed in", fuzz)?;
    }
    // The crash drills in their short version, on the debug binaries the premium tests built
    // (the other drills are tests of the suites above).
    let mut drills = Command::new(std::env::current_exe().context("the xtask binary")?);
    drills.args(["drill", "--quick", "--debug", "--only", "1", "--only", "2", "--features", "townhall-server/premium"]);
    step("drills 1 and 2, short: SIGKILL and PostgreSQL stops during ballot bursts", drills)?;

    eprintln!("\n==> summary");
    for (name, secs) in &steps {
        eprintln!("{secs:>8.1}s  {name}");
    }
    eprintln!("{:>8.1}s  total", started.elapsed().as_secs_f64());
    Ok(())
}

pub(crate) fn cargo(args: &[&str]) -> Command {
    let mut c = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()));
    c.args(args);
    // A CI run starts from a clean clone and never builds twice: incremental state would only
    // fill the disk (it grew to tens of gigabytes here across three editions).
    if std::env::var("CI").is_ok_and(|v| v == "true") {
        c.env("CARGO_INCREMENTAL", "0");
    }
    c
}

fn with_packages<'a>(before: &[&'a str], packages: &[&'a str], after: &[&'a str]) -> Vec<&'a str> {
    let mut args: Vec<&str> = before.to_vec();
    for p in packages {
        args.extend(["-p", p]);
    }
    args.extend_from_slice(after);
    args
}

/// The default build must compile no line of the commercial crates, and the standard build
/// none of the premium crate: checked on `cargo tree`.
fn check_editions(root: &Path) -> anyhow::Result<()> {
    eprintln!("\n==> edition boundaries (cargo tree)");
    let cases: &[(&[&str], &[&str])] =
        &[(&[], &["townhall-standard", "townhall-premium"]), (&["--features", "standard"], &["townhall-premium"])];
    for (features, forbidden) in cases {
        let mut args = vec!["tree", "-p", "townhall-server", "-e", "normal,build", "--prefix", "none"];
        args.extend_from_slice(features);
        let output = cargo(&args).current_dir(root).output().context("running cargo tree")?;
        if !output.status.success() {
            bail!("cargo tree failed: {}", String::from_utf8_lossy(&output.stderr));
        }
        let tree = String::from_utf8_lossy(&output.stdout);
        for crate_name in *forbidden {
            if tree.lines().any(|l| l.starts_with(&format!("{crate_name} "))) {
                bail!("the build with features {features:?} depends on {crate_name}");
            }
        }
        eprintln!("build {features:?}: none of {forbidden:?} compiled in");
    }
    Ok(())
}
