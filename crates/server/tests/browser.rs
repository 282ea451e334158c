// SPDX-License-Identifier: AGPL-3.0-only
//! Browser tests: headless Chromium through chromedriver visits each page and runs axe-core on
//! it; any WCAG 2.1 A/AA violation fails. `cargo xtask test` provides the tools through
//! `TEST_CHROMEDRIVER`, `TEST_CHROMIUM` and `TEST_AXE_JS`; with `TEST_REQUIRE_BROWSER=1` their
//! absence fails instead of skipping.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;
mod support;

use common::*;
use support::Browser;

#[tokio::test]
async fn pages_are_accessible_in_every_language() {
    let Some(browser) = Browser::start().await else {
        return;
    };
    let server = TestServer::start(&Db::Sqlite).await;
    for lang in ["en", "nl", "fr"] {
        for path in ["/", "/graphql", "/no-such-page"] {
            let url = server.url(&format!("{path}?lang={lang}"));
            browser.visit(&url).await;
            assert_eq!(browser.attribute("html", "lang").await.as_deref(), Some(lang), "{url}");
            browser.assert_accessible(&url).await;
        }
    }
    // The explorer runs a query with the keyboard and JavaScript enhancement.
    browser.visit(&server.url("/graphql?lang=en")).await;
    browser.click("button[type=submit]").await;
    let result = browser.wait_for_text("#result code", "\"platform\"").await;
    assert!(result.contains("\"edition\""), "{result}");
    browser.close().await;
}
