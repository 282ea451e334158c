// SPDX-License-Identifier: AGPL-3.0-only
//! Lighthouse (Node, from `.cache/npm`) on Debian's headless Chromium: one run per page, at
//! Lighthouse's default mobile emulation (a phone 412 CSS pixels wide at 1.75 device pixels
//! each), performance and accessibility only. `cargo xtask test` provides it through
//! `TEST_LIGHTHOUSE` (its `cli/index.js`) with `TEST_CHROMIUM` and `TEST_NODE`.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use std::path::PathBuf;
use std::process::Command;

use serde_json::Value;

pub struct Lighthouse {
    node: String,
    cli: String,
    chromium: String,
    out: tempfile::TempDir,
}

/// What one run measured.
#[derive(Debug, serde::Serialize)]
pub struct Measure {
    pub url: String,
    /// Every byte transferred on the first visit (the `total-byte-weight` audit).
    pub bytes: u64,
    pub accessibility: f64,
    /// The pictures the page loaded (`/files/…`), as transferred.
    pub pictures: Vec<String>,
    /// Whether Lighthouse found the page's largest content to be a lazily loaded picture.
    pub lcp_lazy: bool,
    /// Pictures Lighthouse found larger than shown (by 4 KB or more: `uses-responsive-images`).
    pub oversized: Vec<String>,
    /// The audits that failed, by id and title (for the failure message).
    pub failed: Vec<String>,
}

impl Lighthouse {
    /// The tools, or `None` (skipping) when they are not provided and not required.
    pub fn find() -> Option<Lighthouse> {
        let (Ok(cli), Ok(chromium)) = (std::env::var("TEST_LIGHTHOUSE"), std::env::var("TEST_CHROMIUM")) else {
            assert!(
                std::env::var("TEST_REQUIRE_BROWSER").is_err(),
                "TEST_REQUIRE_BROWSER is set but TEST_LIGHTHOUSE or TEST_CHROMIUM is not"
            );
            eprintln!("Lighthouse not provided (run through `cargo xtask test`): skipped");
            return None;
        };
        let node = std::env::var("TEST_NODE").unwrap_or_else(|_| "node".into());
        let out = tempfile::tempdir().unwrap();
        // On loopback one second of quiet after load is plenty. (Throttling stays simulated:
        // without it Lighthouse waits 5.25 s of quiet, twice; the weight depends on neither.)
        let config = serde_json::json!({
            "extends": "lighthouse:default",
            "settings": {
                "onlyCategories": ["performance", "accessibility"],
                "formFactor": "mobile",
                "pauseAfterFcpMs": 1000,
                "pauseAfterLoadMs": 1000,
                "networkQuietThresholdMs": 1000,
                "cpuQuietThresholdMs": 1000,
                "disableFullPageScreenshot": true
            }
        });
        std::fs::write(out.path().join("config.json"), config.to_string()).unwrap();
        Some(Lighthouse { node, cli, chromium, out })
    }

    /// Runs Lighthouse on `url` (a loopback address) and reads its report. Lighthouse now and
    /// then fails to record a page load's trace (`NO_NAVSTART`); such a run is made again, up
    /// to three times.
    pub fn measure(&self, url: &str) -> Measure {
        let mut attempts = 0;
        let report = loop {
            attempts += 1;
            let report = self.run(url);
            if report["runtimeError"].is_null() || attempts == 3 {
                break report;
            }
            eprintln!("Lighthouse on {url}: {}; running it again", report["runtimeError"]["code"]);
        };
        assert!(report["runtimeError"].is_null(), "Lighthouse on {url}: {}", report["runtimeError"]);
        let audits = &report["audits"];
        let weight = &audits["total-byte-weight"];
        let pictures = urls(weight).into_iter().filter(|u| u.starts_with("/files/")).collect();
        let failed = audits
            .as_object()
            .into_iter()
            .flatten()
            .filter(|(_, a)| a["score"].as_f64() == Some(0.0) && a["scoreDisplayMode"] == "binary")
            .map(|(id, a)| format!("{id}: {}", a["title"].as_str().unwrap_or_default()))
            .collect();
        Measure {
            url: url.to_owned(),
            bytes: weight["numericValue"].as_f64().expect("total-byte-weight") as u64,
            accessibility: report["categories"]["accessibility"]["score"].as_f64().unwrap_or_default(),
            pictures,
            lcp_lazy: audits["lcp-lazy-loaded"]["score"].as_f64() == Some(0.0),
            oversized: urls(&audits["uses-responsive-images"]),
            failed,
        }
    }
}

impl Lighthouse {
    fn run(&self, url: &str) -> Value {
        let report = self.out.path().join("report.json");
        let _ = std::fs::remove_file(&report);
        let flags = [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--disable-quic",
        ];
        let run = Command::new(&self.node)
            .arg(&self.cli)
            .arg(url)
            .args(["--output=json", "--quiet", "--max-wait-for-load=30000"])
            .arg(format!("--config-path={}", self.out.path().join("config.json").display()))
            .arg(format!("--output-path={}", report.display()))
            .arg(format!("--chrome-flags={}", flags.join(" ")))
            .env("CHROME_PATH", &self.chromium)
            .env("TMPDIR", self.out.path())
            .output()
            .expect("run Lighthouse");
        // A runtime error may still write a report that names it; without a report, the
        // error is Lighthouse's own output.
        match std::fs::read_to_string(&report) {
            Ok(text) => serde_json::from_str(&text).expect("Lighthouse's report is JSON"),
            Err(_) => serde_json::json!({ "runtimeError": {
                "code": "NO_REPORT",
                "status": run.status.to_string(),
                "stderr": String::from_utf8_lossy(&run.stderr),
            } }),
        }
    }
}

/// The paths of the URLs an audit lists.
fn urls(audit: &Value) -> Vec<String> {
    let items = audit["details"]["items"].as_array().cloned().unwrap_or_default();
    let url = |i: &Value| reqwest::Url::parse(i["url"].as_str()?).ok();
    items.iter().filter_map(url).map(|u| u.path().to_owned()).collect()
}

/// Where a test writes what it measured: `<target>/tmp/<name>`.
pub fn results_file(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(name)
}
