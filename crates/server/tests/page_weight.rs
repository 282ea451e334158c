// SPDX-License-Identifier: AGPL-3.0-only
//! The first visit of each main citizen page of the demo town, measured by Lighthouse at a
//! phone's width: at most 100 KB transferred (compressed pages, pictures in WebP at the size
//! shown), an accessibility score of 1, and the first picture not loaded lazily. Writes the
//! weights to `<target>/tmp/lighthouse-weights.json` and prints them (docs/performance.md).
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;
#[path = "support/lighthouse.rs"]
mod lighthouse;

use common::*;
use lighthouse::Lighthouse;

/// The goal of ENGINEERING.md: 100 KB for the first visit of every citizen page.
const BUDGET: u64 = 100 * 1024;

const PAGES: [(&str, &str); 7] = [
    ("home", "/"),
    ("project with idea cards", "/projects/greener-parks"),
    ("idea", "/ideas/1"),
    ("idea search", "/projects/greener-parks?q=tree"),
    ("participatory budget", "/projects/participatory-budget"),
    ("volunteering", "/projects/clean-up-saturday"),
    ("sign-in", "/sign-in"),
];

#[tokio::test]
async fn main_pages_weigh_at_most_100_kb_on_a_phone() {
    let Some(lighthouse) = Lighthouse::find() else { return };
    let dir = tempfile::tempdir().unwrap();
    let database_url = fresh_database(&Db::Sqlite, dir.path()).await;
    let seeded = cli(dir.path(), &["--database-url", &database_url, "seed", "--demo", "--password", PASSWORD], &[]);
    assert!(seeded.status.success(), "{}", text(&seeded.stderr));
    let server = TestServer::start_in(dir, database_url, Options::default()).await;

    let mut measured = Vec::new();
    for (name, path) in PAGES {
        measured.push((name, lighthouse.measure(&server.url(path))));
    }
    let table: Vec<serde_json::Value> = measured
        .iter()
        .map(|(name, m)| serde_json::json!({ "page": name, "path": m.url.trim_start_matches(&server.base), "bytes": m.bytes, "accessibility": m.accessibility, "pictures": m.pictures }))
        .collect();
    let file = lighthouse::results_file("lighthouse-weights.json");
    std::fs::write(&file, serde_json::to_string_pretty(&table).unwrap()).unwrap();
    eprintln!("first visit at a phone's width (Lighthouse), written to {}:", file.display());
    for (name, m) in &measured {
        eprintln!(
            "  {name:<28} {:>6.1} KB  accessibility {:.2}  {} pictures",
            m.bytes as f64 / 1024.0,
            m.accessibility,
            m.pictures.len()
        );
    }

    for (name, m) in &measured {
        assert!(m.bytes <= BUDGET, "{name} weighs {} bytes on a first visit, over {BUDGET}", m.bytes);
        assert_eq!(m.accessibility, 1.0, "{name}: accessibility below 1: {:?}", m.failed);
        assert!(!m.lcp_lazy, "{name}: its largest picture is loaded lazily");
        assert!(m.oversized.is_empty(), "{name}: pictures larger than shown: {:?}", m.oversized);
        assert!(
            m.pictures.iter().all(|p| p.ends_with(".webp")),
            "{name} loaded pictures other than WebP: {:?}",
            m.pictures
        );
    }
    // The demo's pages show pictures: the check above looked at some.
    let home = &measured[0].1;
    assert!(!home.pictures.is_empty(), "the home page loaded no picture");
    let project = &measured[1].1;
    assert!(project.pictures.iter().any(|p| p.starts_with("/files/projects/")), "{:?}", project.pictures);
}
