// SPDX-License-Identifier: AGPL-3.0-only
//! A real OpenID provider for the tests: `oidc_provider.mjs` (the certified `oidc-provider`
//! package) run with the machine's Node on a free loopback port, and a client that walks its
//! login page as a person would, stopping where the provider sends the browser back.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::sync::Mutex;

use serde_json::{Value, json};

pub const CLIENT_ID: &str = "townhall-test";
pub const CLIENT_SECRET: &str = "a secret the test client shares with the provider";

/// The people the provider knows, by subject: one with a verified address, one whose address
/// the provider does not vouch for, one whose claims fill registration answers.
pub fn people() -> Value {
    json!({
        "alice-sub": { "email": "alice@example.org", "email_verified": true, "name": "Alice Provider", "locale": "nl" },
        "mallory-sub": { "email": "victim@example.org", "email_verified": false, "name": "Mallory" },
        "victim-sub": { "email": "victim@example.org", "email_verified": true, "name": "Victim Verified" },
        "carla-sub": {
            "email": "carla@example.org", "email_verified": true, "name": "Carla",
            "birthdate": "1985-07-30", "area": "Centre", "birth_year": 1985,
        },
        "noemail-sub": { "name": "Nobody" },
        "fresh-sub": { "email": "fresh@example.org", "email_verified": false, "name": "Fresh Unverified" },
    })
}

pub struct OidcProvider {
    child: Child,
    /// Kept open: the provider would fail writing to a closed pipe.
    _stdout: BufReader<std::process::ChildStdout>,
    pub issuer: String,
    http: reqwest::Client,
    /// The provider's cookies, as a browser would keep them for its site.
    jar: Mutex<BTreeMap<String, String>>,
}

impl OidcProvider {
    /// Starts the provider for a client whose redirect URIs are `redirect_uris`, or returns
    /// `None` (skipping) when Node or the package is not provided and `TEST_REQUIRE_OIDC` is
    /// not set.
    pub fn start(redirect_uris: &[String]) -> Option<OidcProvider> {
        let (Ok(node), Ok(package)) = (std::env::var("TEST_NODE"), std::env::var("TEST_OIDC_PROVIDER")) else {
            assert!(std::env::var("TEST_REQUIRE_OIDC").is_err(), "TEST_REQUIRE_OIDC is set but the provider is not");
            eprintln!("OpenID provider not provided (run through `cargo xtask test`): skipped");
            return None;
        };
        let port = townhall_testkit::free_port().unwrap();
        let config = json!({
            "port": port,
            "clients": [{ "client_id": CLIENT_ID, "client_secret": CLIENT_SECRET, "redirect_uris": redirect_uris }],
            "accounts": people(),
        });
        let script = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/support/oidc_provider.mjs");
        let mut child = Command::new(node)
            .arg(script)
            .arg(package)
            .arg(config.to_string())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("start the OpenID provider");
        let mut line = String::new();
        let mut stdout = BufReader::new(child.stdout.take().unwrap());
        stdout.read_line(&mut line).expect("the provider's first line");
        let issuer =
            line.trim().strip_prefix("ready ").unwrap_or_else(|| panic!("the provider said {line:?}")).to_owned();
        let http = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().unwrap();
        Some(OidcProvider { child, _stdout: stdout, issuer, http, jar: Mutex::new(BTreeMap::new()) })
    }

    /// The next ID token the provider hands out is forged (see `oidc_provider.mjs`).
    pub async fn tamper(&self, mode: &str, issuer: Option<&str>) {
        let mut url = format!("{}/__test/tamper?mode={mode}", self.issuer);
        if let Some(issuer) = issuer {
            url.push_str(&format!(
                "&issuer={}",
                form_urlencoded::byte_serialize(issuer.as_bytes()).collect::<String>()
            ));
        }
        assert!(self.http.post(url).send().await.unwrap().status().is_success());
    }

    /// Replaces the provider's signing key with a new one.
    pub async fn rotate_keys(&self) {
        let r = self.http.post(format!("{}/__test/rotate", self.issuer)).send().await.unwrap();
        assert!(r.status().is_success());
    }

    fn keep_cookies(&self, response: &reqwest::Response) {
        let mut jar = self.jar.lock().unwrap();
        for value in response.headers().get_all("set-cookie") {
            let pair = value.to_str().unwrap().split(';').next().unwrap_or_default();
            if let Some((name, value)) = pair.split_once('=') {
                jar.insert(name.trim().to_owned(), value.to_owned());
            }
        }
    }

    fn cookie_header(&self) -> String {
        self.jar.lock().unwrap().iter().map(|(k, v)| format!("{k}={v}")).collect::<Vec<_>>().join("; ")
    }

    async fn get(&self, url: &str) -> reqwest::Response {
        let r = self.http.get(url).header("cookie", self.cookie_header()).send().await.unwrap();
        self.keep_cookies(&r);
        r
    }

    fn absolute(&self, location: &str) -> String {
        if location.starts_with('/') { format!("{}{location}", self.issuer) } else { location.to_owned() }
    }

    /// Follows the provider's redirects from `url` until one leaves the provider; returns it.
    async fn follow(&self, mut url: String) -> String {
        for _ in 0..10 {
            if !url.starts_with(&self.issuer) {
                return url;
            }
            let r = self.get(&url).await;
            if !r.status().is_redirection() {
                return url;
            }
            url = self.absolute(r.headers()["location"].to_str().unwrap());
        }
        panic!("the provider kept redirecting");
    }

    /// Signs in at the provider as `login` from the authorisation request `authorize_url`:
    /// returns the address the provider sends the browser back to (code, state, iss).
    pub async fn authorize(&self, authorize_url: &str, login: &str) -> String {
        let interaction = self.follow(authorize_url.to_owned()).await;
        if !interaction.starts_with(&format!("{}/interaction/", self.issuer)) {
            return interaction; // signed in there already
        }
        let form = self.get(&interaction).await;
        assert_eq!(form.status(), 200, "the provider's login page");
        let r = self
            .http
            .post(format!("{interaction}/login"))
            .header("cookie", self.cookie_header())
            .form(&[("login", login)])
            .send()
            .await
            .unwrap();
        self.keep_cookies(&r);
        assert!(r.status().is_redirection(), "the provider refused {login}: {}", r.status());
        self.follow(self.absolute(r.headers()["location"].to_str().unwrap())).await
    }

    /// Cancels at the provider's login page: returns the address the provider sends back to.
    pub async fn cancel(&self, authorize_url: &str) -> String {
        let interaction = self.follow(authorize_url.to_owned()).await;
        let r =
            self.http.post(format!("{interaction}/abort")).header("cookie", self.cookie_header()).send().await.unwrap();
        self.keep_cookies(&r);
        self.follow(self.absolute(r.headers()["location"].to_str().unwrap())).await
    }

    /// Forgets the provider's session (the next authorisation asks who is there again).
    pub fn forget_session(&self) {
        self.jar.lock().unwrap().clear();
    }
}

impl Drop for OidcProvider {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
