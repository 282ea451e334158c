// SPDX-License-Identifier: AGPL-3.0-only
//! A WebDriver session on headless Chromium with axe-core injected into each page.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::{Value, json};

pub struct Browser {
    client: Client,
    driver: Child,
    axe: String,
    /// Whether pages run their scripts (see `start_without_javascript`).
    javascript: bool,
}

/// A Chrome DevTools command, sent through chromedriver's own endpoint for them.
#[derive(Debug)]
struct Cdp {
    cmd: &'static str,
    params: Value,
}

type UrlError = <reqwest::Url as std::str::FromStr>::Err;

impl fantoccini::wd::WebDriverCompatibleCommand for Cdp {
    fn endpoint(&self, base: &reqwest::Url, session: Option<&str>) -> Result<reqwest::Url, UrlError> {
        base.join(&format!("session/{}/goog/cdp/execute", session.unwrap_or_default()))
    }

    fn method_and_body(&self, _: &reqwest::Url) -> (axum::http::Method, Option<String>) {
        (axum::http::Method::POST, Some(json!({ "cmd": self.cmd, "params": self.params }).to_string()))
    }
}

impl Browser {
    /// Starts chromedriver and a headless Chromium session, or returns `None` (skipping) when the
    /// tools are not provided and not required.
    pub async fn start() -> Option<Browser> {
        Browser::start_with(true).await
    }

    /// The same with JavaScript off, as a resident who blocks scripts has it: pages run none of
    /// their scripts (DevTools' `Emulation.setScriptExecutionDisabled`). The test's own scripts
    /// (axe-core, `script`) run with scripts allowed for that moment only, after the page's own
    /// were skipped while it loaded.
    pub async fn start_without_javascript() -> Option<Browser> {
        let browser = Browser::start_with(false).await?;
        browser.scripts_allowed(false).await;
        Some(browser)
    }

    async fn scripts_allowed(&self, allowed: bool) {
        let cmd = Cdp { cmd: "Emulation.setScriptExecutionDisabled", params: json!({ "value": !allowed }) };
        self.client.issue_cmd(cmd).await.expect("switch scripts");
    }

    async fn start_with(javascript: bool) -> Option<Browser> {
        let (Ok(driver_bin), Ok(chromium), Ok(axe_path)) =
            (std::env::var("TEST_CHROMEDRIVER"), std::env::var("TEST_CHROMIUM"), std::env::var("TEST_AXE_JS"))
        else {
            assert!(
                std::env::var("TEST_REQUIRE_BROWSER").is_err(),
                "TEST_REQUIRE_BROWSER is set but the browser tools are not"
            );
            eprintln!("browser tools not provided (run through `cargo xtask test`): skipped");
            return None;
        };
        let axe = std::fs::read_to_string(&axe_path).expect("read axe-core");
        let port = townhall_testkit::free_port().unwrap();
        let driver = Command::new(&driver_bin)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start chromedriver");
        let profile = tempfile::tempdir().unwrap().keep();
        let caps = json!({
            "goog:chromeOptions": {
                "binary": chromium,
                "args": [
                    "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--no-first-run", "--disable-quic", "--window-size=1280,900",
                    format!("--user-data-dir={}", profile.display())
                ]
            }
        });
        let caps = caps.as_object().unwrap().clone();
        let deadline = Instant::now() + Duration::from_secs(30);
        let client = loop {
            match ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
                .capabilities(caps.clone())
                .connect(&format!("http://127.0.0.1:{port}"))
                .await
            {
                Ok(c) => break c,
                Err(e) if Instant::now() > deadline => {
                    panic!("cannot start a browser session: {e}")
                }
                Err(_) => tokio::time::sleep(Duration::from_millis(200)).await,
            }
        };
        Some(Browser { client, driver, axe, javascript })
    }

    pub async fn visit(&self, url: &str) {
        self.client.goto(url).await.expect("navigate");
    }

    /// Forgets the cookies of the site `url` is on (a provider's session, say).
    pub async fn forget_cookies_of(&self, url: &str) {
        self.visit(url).await;
        self.client.delete_all_cookies().await.expect("delete cookies");
    }

    pub async fn attribute(&self, css: &str, name: &str) -> Option<String> {
        let el = self.client.find(Locator::Css(css)).await.ok()?;
        el.attr(name).await.ok().flatten()
    }

    pub async fn click(&self, css: &str) {
        self.client.find(Locator::Css(css)).await.expect("element").click().await.expect("click");
    }

    pub async fn click_xpath(&self, xpath: &str) {
        self.client.find(Locator::XPath(xpath)).await.expect("element").click().await.expect("click");
    }

    pub async fn fill(&self, css: &str, text: &str) {
        let el = self.client.find(Locator::Css(css)).await.expect("field");
        el.clear().await.expect("clear");
        el.send_keys(text).await.expect("type");
    }

    /// Fetches `path` from the current page with its cookies (as a download would) and parses JSON.
    pub async fn fetch_json(&self, path: &str) -> Value {
        let script = "const done = arguments[arguments.length - 1];\n\
            fetch(arguments[0], { credentials: 'same-origin' }).then(r => r.json()).then(done).catch(e => done({ error: String(e) }));";
        self.client.execute_async(script, vec![json!(path)]).await.expect("fetch")
    }

    /// Chooses a file in a file input.
    pub async fn attach(&self, css: &str, path: &std::path::Path) {
        let el = self.client.find(Locator::Css(css)).await.expect("file input");
        el.send_keys(&path.display().to_string()).await.expect("choose the file");
    }

    pub async fn body_text(&self) -> String {
        self.client.find(Locator::Css("body")).await.expect("body").text().await.unwrap_or_default()
    }

    pub async fn url(&self) -> String {
        self.client.current_url().await.map(|u| u.to_string()).unwrap_or_default()
    }

    pub async fn wait_for_text(&self, css: &str, needle: &str) -> String {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            let text = match self.client.find(Locator::Css(css)).await {
                Ok(el) => el.text().await.unwrap_or_default(),
                Err(_) => String::new(),
            };
            if text.contains(needle) {
                return text;
            }
            assert!(Instant::now() < deadline, "`{needle}` never appeared in {css}: {text}");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Runs axe-core on the current page with the WCAG 2.1 A/AA rules; fails listing violations.
    pub async fn assert_accessible(&self, url: &str) {
        if !self.javascript {
            self.scripts_allowed(true).await;
        }
        self.client.execute(&self.axe, vec![]).await.expect("inject axe-core");
        let script = r#"
            const done = arguments[arguments.length - 1];
            axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })
              .then(r => done(r.violations.map(v => ({ id: v.id, impact: v.impact, help: v.help,
                  nodes: v.nodes.map(n => n.target.join(' ')) }))))
              .catch(e => done([{ id: 'axe-error', help: String(e), nodes: [] }]));
        "#;
        let violations: Value = self.client.execute_async(script, vec![]).await.expect("run axe");
        if !self.javascript {
            self.scripts_allowed(false).await;
        }
        let list = violations.as_array().cloned().unwrap_or_default();
        assert!(
            list.is_empty(),
            "axe found WCAG 2.1 A/AA violations on {url}:\n{}",
            serde_json::to_string_pretty(&violations).unwrap()
        );
    }

    /// Picks the option with `value` in a select.
    pub async fn choose(&self, select: &str, value: &str) {
        self.click(&format!("{select} option[value='{value}']")).await;
    }

    /// Runs a script in the page and returns what it returns.
    pub async fn script(&self, js: &str) -> Value {
        if self.javascript {
            return self.client.execute(js, vec![]).await.expect("run a script");
        }
        self.scripts_allowed(true).await;
        let answer = self.client.execute(js, vec![]).await.expect("run a script");
        self.scripts_allowed(false).await;
        answer
    }

    /// Saves the page at phone and desktop widths as `docs/screenshots/NAME-phone.png` and
    /// `NAME-desktop.png` (the README shows them), then restores the desktop window.
    pub async fn screenshots(&self, name: &str) {
        self.screenshots_from(name, None).await;
    }

    /// The same, scrolled so that the element `css` is at the top (a page's main section).
    pub async fn screenshots_from(&self, name: &str, css: Option<&str>) {
        let scroll = match css {
            Some(css) => format!("document.querySelector({}).scrollIntoView();", json!(css)),
            None => "window.scrollTo(0, 0);".to_owned(),
        };
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/screenshots");
        std::fs::create_dir_all(&dir).expect("the screenshots folder");
        for (width, height, kind) in [(390, 1300, "phone"), (1280, 1100, "desktop")] {
            self.client.set_window_size(width, height).await.expect("resize the window");
            self.client.execute(&scroll, vec![]).await.expect("scroll");
            tokio::time::sleep(Duration::from_millis(150)).await;
            let png = self.client.screenshot().await.expect("a screenshot");
            std::fs::write(dir.join(format!("{name}-{kind}.png")), png).expect("save the screenshot");
        }
        self.client.set_window_size(1280, 900).await.expect("resize the window");
    }

    pub async fn close(mut self) {
        let _ = self.client.clone().close().await;
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.driver.kill();
    }
}
