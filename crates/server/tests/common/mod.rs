// SPDX-License-Identifier: AGPL-3.0-only
//! Shared test harness: a real `townhall` process on a free port with a fresh database.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

use chrono::{Duration as Days, Utc};
use serde_json::Value;
use townhall_license::{Claims, DEV_KID, ISSUER, Plan, issue};

pub const BIN: &str = env!("CARGO_BIN_EXE_townhall");
const DEV_PRIVATE: &str = include_str!("../../../license/dev-keys/townhall-dev.INSECURE-DEVELOPMENT-ONLY.private.pem");

/// The database a test runs on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Db {
    Sqlite,
    Postgres(String),
}

impl Db {
    pub fn name(&self) -> &'static str {
        match self {
            Db::Sqlite => "sqlite",
            Db::Postgres(_) => "postgres",
        }
    }
}

/// SQLite always; PostgreSQL when `cargo xtask test` started a cluster (`TEST_POSTGRES_URL`).
/// With `TEST_REQUIRE_POSTGRES=1` a missing cluster fails instead of being skipped.
pub fn backends() -> Vec<Db> {
    let mut list = vec![Db::Sqlite];
    match std::env::var("TEST_POSTGRES_URL") {
        Ok(url) if !url.is_empty() => list.push(Db::Postgres(url)),
        _ => assert!(
            std::env::var("TEST_REQUIRE_POSTGRES").is_err(),
            "TEST_REQUIRE_POSTGRES is set but TEST_POSTGRES_URL is not"
        ),
    }
    list
}

/// A fresh, empty database URL for `db`, with `dir` as the data directory.
pub async fn fresh_database(db: &Db, dir: &Path) -> String {
    match db {
        Db::Sqlite => format!("sqlite://{}?mode=rwc", dir.join("townhall.db").display()),
        Db::Postgres(admin) => {
            let name = format!("th_{}", unique());
            let conn = townhall_core::db::connect(admin).await.expect("connect to the test cluster");
            use townhall_core::sea_orm::ConnectionTrait;
            conn.execute_unprepared(&format!("CREATE DATABASE {name}")).await.expect("create database");
            conn.close().await.ok();
            let base = admin.rsplit_once('/').map(|(b, _)| b).unwrap_or(admin);
            format!("{base}/{name}")
        }
    }
}

pub fn unique() -> String {
    use std::sync::atomic::{AtomicU64, Ordering};
    static N: AtomicU64 = AtomicU64::new(0);
    let nanos = Utc::now().timestamp_nanos_opt().unwrap_or_default();
    format!("{}_{}_{}", std::process::id(), nanos, N.fetch_add(1, Ordering::Relaxed))
}

/// A `townhall` command with a clean environment (no inherited `TOWNHALL_*`) and `dir` as data dir.
pub fn townhall(dir: &Path) -> Command {
    let mut c = Command::new(BIN);
    for (key, _) in std::env::vars_os() {
        if key.to_string_lossy().starts_with("TOWNHALL_") {
            c.env_remove(key);
        }
    }
    c.env("RUST_LOG", "info").current_dir(dir).arg("--data-dir").arg(dir);
    c
}

/// Runs the CLI and returns its output.
pub fn cli(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut c = townhall(dir);
    c.args(args);
    for (k, v) in env {
        c.env(k, v);
    }
    c.stdin(Stdio::null()).output().expect("run townhall")
}

/// A real PNG of `w` × `h` black pixels: a few hundred kilobytes at most, however many pixels.
pub fn black_png(w: u32, h: u32) -> Vec<u8> {
    use image::ImageEncoder;
    use image::codecs::png::{CompressionType, FilterType, PngEncoder};
    let pixels = vec![0u8; (w * h) as usize];
    let mut out = Vec::new();
    PngEncoder::new_with_quality(&mut out, CompressionType::Fast, FilterType::NoFilter)
        .write_image(&pixels, w, h, image::ExtendedColorType::L8)
        .unwrap();
    out
}

pub fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// A running server, killed on drop.
pub struct TestServer {
    pub child: Child,
    pub base: String,
    pub dir: tempfile::TempDir,
    pub database_url: String,
    pub http: reqwest::Client,
    log: PathBuf,
}

#[derive(Default)]
pub struct Options<'a> {
    pub license: Option<&'a str>,
    pub base_url: Option<&'a str>,
    pub env: Vec<(&'a str, String)>,
}

impl TestServer {
    pub async fn start(db: &Db) -> TestServer {
        Self::start_with(db, Options::default()).await
    }

    pub async fn start_with(db: &Db, options: Options<'_>) -> TestServer {
        let dir = tempfile::tempdir().expect("temp dir");
        let database_url = fresh_database(db, dir.path()).await;
        Self::start_in(dir, database_url, options).await
    }

    /// Starts a server on an existing data directory and database.
    pub async fn start_in(dir: tempfile::TempDir, database_url: String, options: Options<'_>) -> TestServer {
        let port = townhall_testkit::free_port().expect("free port");
        let log = dir.path().join(format!("server-{port}.log"));
        let mut c = townhall(dir.path());
        c.args(["serve", "--bind", &format!("127.0.0.1:{port}"), "--database-url", &database_url]);
        if let Some(base) = options.base_url {
            c.args(["--base-url", base]);
        }
        if let Some(key) = options.license {
            c.env("TOWNHALL_LICENSE", key);
        }
        for (k, v) in &options.env {
            c.env(k, v);
        }
        let file = std::fs::File::create(&log).expect("log file");
        let child = c.stdout(Stdio::null()).stderr(file).spawn().expect("spawn townhall");
        let server = TestServer {
            child,
            base: format!("http://127.0.0.1:{port}"),
            dir,
            database_url,
            http: reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().expect("client"),
            log,
        };
        server.wait_healthy().await;
        server
    }

    async fn wait_healthy(&self) {
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            let answer = self.http.get(self.url("/healthz")).send().await;
            if answer.is_ok_and(|r| r.status().is_success()) {
                return;
            }
            assert!(Instant::now() < deadline, "server did not start; log:\n{}", self.log());
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    pub fn log(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }

    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.http.get(self.url(path)).send().await.expect("GET")
    }

    /// Runs a GraphQL operation and returns the whole JSON answer.
    pub async fn graphql(&self, query: &str, variables: Value) -> Value {
        self.http
            .post(self.url("/graphql"))
            .json(&serde_json::json!({ "query": query, "variables": variables }))
            .send()
            .await
            .expect("POST /graphql")
            .json()
            .await
            .expect("JSON answer")
    }

    /// `platform { … }` with licence and features.
    pub async fn platform(&self) -> Value {
        let answer = self
            .graphql(
                "{ platform { name edition license { status plan licensee expiresAt keyId } features { id edition allowed enabled active } } }",
                Value::Null,
            )
            .await;
        assert!(answer.get("errors").is_none(), "{answer}");
        answer["data"]["platform"].clone()
    }

    /// Kills the server with SIGKILL, as a crash or an OOM killer would.
    pub fn kill(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }

    /// Sends SIGTERM and waits for the exit status.
    pub fn terminate(&mut self) -> std::process::ExitStatus {
        let _ = Command::new("kill").args(["-TERM", &self.child.id().to_string()]).status();
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            if let Ok(Some(status)) = self.child.try_wait() {
                return status;
            }
            assert!(Instant::now() < deadline, "server did not stop on SIGTERM");
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for TestServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Claims for a dev-signed key valid from an hour ago, expiring in `days` days.
pub fn claims(plan: Plan, days: i64) -> Claims {
    let now = Utc::now().timestamp();
    Claims {
        iss: ISSUER.into(),
        sub: "City of Testing".into(),
        lid: format!("lic-{}", unique()),
        plan,
        features: vec![],
        hosts: vec![],
        iat: now,
        nbf: now - 3600,
        exp: now + Days::days(days).num_seconds(),
    }
}

/// Signs with the committed development key (trusted by debug builds, which tests are).
pub fn dev_key(claims: &Claims) -> String {
    issue(claims, DEV_PRIVATE, DEV_KID).expect("sign")
}

pub fn dev_key_with_kid(claims: &Claims, kid: &str) -> String {
    issue(claims, DEV_PRIVATE, kid).expect("sign")
}

/// Changes one character in the middle of a JWT part (0 header, 1 payload, 2 signature).
pub fn tamper(token: &str, part: usize) -> String {
    let mut parts: Vec<String> = token.split('.').map(str::to_owned).collect();
    let p = &mut parts[part];
    let mid = p.len() / 2;
    let replacement = if &p[mid..=mid] == "A" { "B" } else { "A" };
    p.replace_range(mid..=mid, replacement);
    parts.join(".")
}

/// The core edition's features, in the order the platform lists them.
pub const CORE_FEATURES: [&str; 4] =
    ["graphql_explorer", "profanity_filter_en", "profanity_filter_nl", "profanity_filter_fr"];

/// The ids of the features that are `field` (allowed/enabled/active) in a `platform` answer.
pub fn features_where(platform: &Value, field: &str) -> Vec<String> {
    platform["features"]
        .as_array()
        .map(|fs| {
            fs.iter()
                .filter(|f| f[field].as_bool() == Some(true))
                .filter_map(|f| f["id"].as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default()
}

/// The paid feature ids compiled into this build.
pub fn paid_features() -> Vec<&'static str> {
    let mut ids = Vec::new();
    if cfg!(feature = "standard") {
        ids.extend([
            "project_folders",
            "user_groups",
            "custom_registration_fields",
            "custom_idea_statuses",
            "xlsx_export",
            "single_sign_on",
        ]);
    }
    if cfg!(feature = "premium") {
        ids.extend(["smart_groups", "identity_verification", "api_tokens", "webhooks"]);
    }
    ids
}

/// A real SMTP server (Python's aiosmtpd) writing what it receives to a maildir.
pub struct SmtpServer {
    child: Child,
    pub port: u16,
    dir: tempfile::TempDir,
}

/// A received message, transfer encodings undone.
#[derive(Debug, Clone)]
pub struct Received {
    pub to: String,
    pub subject: String,
    pub text: String,
    /// The whole message as received, headers first.
    pub raw: String,
}

impl SmtpServer {
    /// Starts the server, or returns `None` (skipping) when aiosmtpd is missing and
    /// `TEST_REQUIRE_SMTP` is not set.
    pub fn start() -> Option<SmtpServer> {
        let available = Command::new("python3").args(["-c", "import aiosmtpd"]).status().is_ok_and(|s| s.success());
        if !available {
            assert!(std::env::var("TEST_REQUIRE_SMTP").is_err(), "TEST_REQUIRE_SMTP is set but aiosmtpd is missing");
            eprintln!("aiosmtpd missing (run through `cargo xtask test`): skipped");
            return None;
        }
        let dir = tempfile::tempdir().unwrap();
        let port = townhall_testkit::free_port().unwrap();
        let maildir = dir.path().join("maildir");
        let child = Command::new("python3")
            .args(["-m", "aiosmtpd", "-n", "-l", &format!("127.0.0.1:{port}"), "-c", "aiosmtpd.handlers.Mailbox"])
            .arg(&maildir)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start aiosmtpd");
        let deadline = Instant::now() + Duration::from_secs(20);
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(Instant::now() < deadline, "aiosmtpd did not start");
            std::thread::sleep(Duration::from_millis(50));
        }
        Some(SmtpServer { child, port, dir })
    }

    /// The environment that points a server at this SMTP server.
    pub fn env(&self) -> Vec<(&'static str, String)> {
        vec![
            ("TOWNHALL_SMTP_HOST", "127.0.0.1".into()),
            ("TOWNHALL_SMTP_PORT", self.port.to_string()),
            ("TOWNHALL_SMTP_TLS", "none".into()),
            ("TOWNHALL_MAIL_FROM", "Townhall Test <noreply@example.org>".into()),
        ]
    }

    pub fn messages(&self) -> Vec<Received> {
        let new = self.dir.path().join("maildir").join("new");
        let mut files: Vec<PathBuf> =
            std::fs::read_dir(new).map(|rd| rd.filter_map(Result::ok).map(|e| e.path()).collect()).unwrap_or_default();
        files.sort_by_key(|p| std::fs::metadata(p).and_then(|m| m.modified()).ok());
        files
            .iter()
            .filter_map(|p| std::fs::read(p).ok())
            .map(|raw| {
                let m = mail_parser::MessageParser::default().parse(&raw).expect("parsable mail");
                let to = m.to().and_then(|a| a.first()).and_then(|a| a.address()).unwrap_or_default().to_owned();
                Received {
                    to,
                    subject: m.subject().unwrap_or_default().to_owned(),
                    text: m.body_text(0).unwrap_or_default().into_owned(),
                    raw: String::from_utf8_lossy(&raw).into_owned(),
                }
            })
            .collect()
    }

    /// Waits for the `n`-th (1-based) message to `to` and returns it.
    pub async fn wait_for(&self, to: &str, n: usize) -> Received {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let mine: Vec<Received> = self.messages().into_iter().filter(|m| m.to == to).collect();
            if mine.len() >= n {
                return mine[n - 1].clone();
            }
            assert!(Instant::now() < deadline, "no message {n} to {to}; got {:?}", self.messages());
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }
}

impl Drop for SmtpServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The path and query of the first link in `text` that contains `path`.
pub fn link_in(text: &str, path: &str) -> String {
    let start = text.find(path).unwrap_or_else(|| panic!("no {path} link in: {text}"));
    text[start..].split_whitespace().next().unwrap_or_default().to_owned()
}

pub const PASSWORD: &str = "violet tram crosses the river";

/// A handle on the server's GraphQL endpoint that can move into spawned tasks.
#[derive(Clone)]
pub struct GraphqlClient {
    http: reqwest::Client,
    url: String,
}

impl GraphqlClient {
    /// Runs a GraphQL operation with a bearer token.
    pub async fn run(&self, token: &str, query: &str, variables: Value) -> Value {
        self.http
            .post(&self.url)
            .bearer_auth(token)
            .json(&serde_json::json!({ "query": query, "variables": variables }))
            .send()
            .await
            .expect("POST /graphql")
            .json()
            .await
            .expect("JSON answer")
    }
}

impl TestServer {
    pub fn graphql_client(&self) -> GraphqlClient {
        GraphqlClient { http: self.http.clone(), url: self.url("/graphql") }
    }

    /// Runs a GraphQL operation with a bearer token.
    pub async fn graphql_as(&self, token: &str, query: &str, variables: Value) -> Value {
        self.graphql_client().run(token, query, variables).await
    }

    /// Runs `query` as `token` and returns its `data` field named `field`, failing on errors.
    pub async fn data_as(&self, token: &str, query: &str, variables: Value, field: &str) -> Value {
        let answer = self.graphql_as(token, query, variables).await;
        assert!(answer.get("errors").is_none(), "{query}: {answer}");
        answer["data"][field].clone()
    }

    /// Registers an account through GraphQL.
    pub async fn register(&self, email: &str, name: &str) {
        let answer = self
            .graphql(
                "mutation($i: RegisterInput!) { register(input: $i) }",
                serde_json::json!({ "i": { "email": email, "password": PASSWORD, "displayName": name, "locale": "en" } }),
            )
            .await;
        assert_eq!(answer["data"]["register"], true, "{answer}");
    }

    /// Runs SQL on the server's database (test set-up that no public surface offers quickly).
    pub async fn execute_sql(&self, sql: &str) {
        self.try_sql(sql).await.unwrap_or_else(|e| panic!("{sql}: {e}"));
    }

    /// Runs SQL on the server's database, as someone with access to it would.
    pub async fn try_sql(&self, sql: &str) -> Result<(), String> {
        use townhall_core::sea_orm::ConnectionTrait;
        let conn = townhall_core::db::connect(&self.database_url).await.expect("connect to the test database");
        let done = conn.execute_unprepared(sql).await.map(drop).map_err(|e| e.to_string());
        conn.close().await.ok();
        done
    }

    /// Marks `email` as confirmed, as following the mailed link would.
    pub async fn confirm_email(&self, email: &str) {
        let email = email.replace('\'', "''");
        self.execute_sql(&format!("UPDATE users SET email_confirmed_at = CURRENT_TIMESTAMP WHERE email = '{email}'"))
            .await;
    }

    /// Signs in through GraphQL and returns the bearer token.
    pub async fn login(&self, email: &str, password: &str) -> Result<String, Value> {
        let answer = self
            .graphql(
                "mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token viewer { id } } }",
                serde_json::json!({ "e": email, "p": password }),
            )
            .await;
        answer["data"]["login"]["token"].as_str().map(str::to_owned).ok_or(answer)
    }

    /// Makes `email` an administrator with the CLI (`townhall admin create`).
    pub fn make_admin(&self, email: &str) {
        use std::io::Write;
        let mut c = townhall(self.dir.path());
        c.args(["--database-url", &self.database_url, "admin", "create", "--email", email, "--name", "Admin"]);
        let mut child = c.stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
        child.stdin.take().unwrap().write_all(format!("{PASSWORD}\n").as_bytes()).unwrap();
        let out = child.wait_with_output().unwrap();
        assert!(out.status.success(), "{}", text(&out.stderr));
    }
}

impl TestServer {
    /// Signs in through the sign-in form and returns the `Cookie` header value.
    pub async fn cookie_for(&self, email: &str) -> String {
        let r = self
            .http
            .post(self.url("/sign-in"))
            .form(&[("email", email), ("password", PASSWORD)])
            .send()
            .await
            .expect("POST /sign-in");
        assert_eq!(r.status(), 303, "sign-in of {email} failed");
        r.headers()["set-cookie"].to_str().unwrap().split(';').next().unwrap().to_owned()
    }

    /// Submits a form as a signed-in browser would (cookie and our Origin).
    /// Posts a multipart form: text fields, then files as (field, file name, bytes).
    pub async fn post_multipart(
        &self,
        cookie: &str,
        path: &str,
        fields: &[(&str, &str)],
        files: &[(&str, &str, Vec<u8>)],
    ) -> reqwest::Response {
        let mut form = reqwest::multipart::Form::new();
        for (k, v) in fields {
            form = form.text(k.to_string(), v.to_string());
        }
        for (field, name, bytes) in files {
            form = form
                .part(field.to_string(), reqwest::multipart::Part::bytes(bytes.clone()).file_name(name.to_string()));
        }
        self.http
            .post(self.url(path))
            .header("cookie", cookie)
            .header("origin", &self.base)
            .multipart(form)
            .send()
            .await
            .expect("POST multipart form")
    }

    pub async fn post_form(&self, cookie: &str, path: &str, form: &[(&str, &str)]) -> reqwest::Response {
        self.http
            .post(self.url(path))
            .header("cookie", cookie)
            .header("origin", &self.base)
            .form(form)
            .send()
            .await
            .expect("POST form")
    }

    pub async fn get_as(&self, cookie: &str, path: &str) -> reqwest::Response {
        self.http.get(self.url(path)).header("cookie", cookie).send().await.expect("GET")
    }
}

impl TestServer {
    /// The status line the server answers to a POST that announces a body of `length` bytes
    /// without sending it (raw TCP: a client busy writing a large body may see the connection
    /// close before it reads the answer).
    pub async fn status_for_announced_body(&self, path: &str, length: usize, headers: &[(&str, &str)]) -> String {
        use tokio::io::{AsyncReadExt, AsyncWriteExt};
        let addr = self.base.trim_start_matches("http://").to_owned();
        let mut tcp = tokio::net::TcpStream::connect(addr).await.unwrap();
        let mut head = format!("POST {path} HTTP/1.1\r\nhost: x\r\ncontent-length: {length}\r\nconnection: close\r\n");
        for (k, v) in headers {
            head.push_str(&format!("{k}: {v}\r\n"));
        }
        head.push_str("\r\n");
        tcp.write_all(head.as_bytes()).await.unwrap();
        let mut answer = vec![0u8; 64];
        let n = tcp.read(&mut answer).await.unwrap();
        String::from_utf8_lossy(&answer[..n]).lines().next().unwrap_or_default().to_owned()
    }
}

/// Creates a project with a current ideation phase through the back-office forms; returns its id.
pub async fn project_through_forms(server: &TestServer, admin: &str, title: &str, description: &str) -> String {
    let r = server.post_form(admin, "/admin/projects", &[("title_en", title), ("slug", "parks")]).await;
    assert_eq!(r.status(), 303, "{}", r.text().await.unwrap());
    let location = r.headers()["location"].to_str().unwrap().to_owned();
    let id = location.rsplit('/').next().unwrap().to_owned();
    let update = [
        ("title_en", title),
        ("title_nl", "Parken"),
        ("description_en", description),
        ("slug", "parks"),
        ("visibility", "public"),
    ];
    assert_eq!(server.post_form(admin, &location, &update).await.status(), 303);
    let today = chrono::Utc::now().format("%Y-%m-%d").to_string();
    let phase = [
        ("phase_title_en", "Share your ideas"),
        ("method", "ideation"),
        ("start", today.as_str()),
        ("end", "2099-12-31"),
    ];
    assert_eq!(server.post_form(admin, &format!("{location}/phases"), &phase).await.status(), 303);
    assert_eq!(server.post_form(admin, &format!("{location}/status"), &[("status", "published")]).await.status(), 303);
    id
}

/// A published project "parks" with an open ideation phase, made through GraphQL; returns the
/// phase id.
pub async fn open_ideation(server: &TestServer, admin: &str) -> String {
    let created = server
        .graphql_as(
            admin,
            "mutation { createProject(input: { slug: \"parks\", title: { en: \"Parks\" } }) { id } }",
            Value::Null,
        )
        .await;
    let project = created["data"]["createProject"]["id"].as_str().unwrap().to_owned();
    let phase = server
        .graphql_as(
            admin,
            "mutation($p: ID!, $s: DateTime!) { createPhase(projectId: $p, input: { title: { en: \"Ideas\" }, method: \"ideation\", startAt: $s }) { id } }",
            serde_json::json!({ "p": project, "s": Utc::now() - Days::days(1) }),
        )
        .await;
    server
        .graphql_as(
            admin,
            "mutation($p: ID!) { publishProject(id: $p) { status } }",
            serde_json::json!({ "p": project }),
        )
        .await;
    phase["data"]["createPhase"]["id"].as_str().unwrap().to_owned()
}

pub const ADD_TO_BASKET: &str = "mutation($p: ID!, $i: ID!) { addToBasket(phaseId: $p, ideaId: $i) { spent } }";
pub const SUBMIT_BASKET: &str = "mutation($p: ID!) { submitBasket(phaseId: $p) { receipt } }";

/// Puts `ideas` in `token`'s basket of `phase` (each must be accepted) and submits it; returns
/// the submission's whole answer, so a test can also expect a refusal.
pub async fn cast_ballot(server: &TestServer, token: &str, phase: &str, ideas: &[&str]) -> Value {
    for idea in ideas {
        server.data_as(token, ADD_TO_BASKET, serde_json::json!({ "p": phase, "i": idea }), "addToBasket").await;
    }
    server.graphql_as(token, SUBMIT_BASKET, serde_json::json!({ "p": phase })).await
}

/// A project with three costed ideas and an open budgeting phase (budget 1,000); returns the
/// voting phase and the ideas.
pub async fn budgeting(server: &TestServer, admin: &str, author: &str) -> (String, Vec<String>) {
    let ideas = [("Benches", 300), ("Trees", 600), ("Fountain", 500)];
    let ideas: Vec<BudgetIdea> = ideas
        .iter()
        .map(|(title, cost)| BudgetIdea { title: (*title).into(), cost: *cost, ..Default::default() })
        .collect();
    budgeting_with(server, admin, author, &ideas).await
}

/// An idea of a budget made by `budgeting_with`: its title, cost, topic and area (ids).
#[derive(Debug, Clone, Default)]
pub struct BudgetIdea {
    pub title: String,
    pub cost: i64,
    pub topic: Option<String>,
    pub area: Option<String>,
}

/// A project "parks" with `ideas` posted by `author` in a past ideation phase and an open
/// budgeting phase (budget 1,000, results public); returns the voting phase and the ideas' ids.
pub async fn budgeting_with(
    server: &TestServer,
    admin: &str,
    author: &str,
    ideas: &[BudgetIdea],
) -> (String, Vec<String>) {
    let ideation = open_ideation(server, admin).await;
    let mut posted = Vec::new();
    for BudgetIdea { title, cost, topic, area } in ideas {
        let r = server
            .graphql_as(
                author,
                "mutation($ph: ID!, $t: String!, $topics: [ID!], $area: ID) { postIdea(phaseId: $ph, title: $t, body: \"x\", topicIds: $topics, areaId: $area) { id } }",
                serde_json::json!({ "ph": ideation, "t": title, "topics": topic.iter().collect::<Vec<_>>(), "area": area }),
            )
            .await;
        let id = r["data"]["postIdea"]["id"].as_str().unwrap_or_else(|| panic!("{r}")).to_owned();
        let c = server
            .graphql_as(
                admin,
                "mutation($i: ID!, $c: Int) { setIdeaCost(ideaId: $i, cost: $c) }",
                serde_json::json!({ "i": id, "c": cost }),
            )
            .await;
        assert!(c.get("errors").is_none(), "{c}");
        posted.push(id);
    }
    let update = "mutation($id: ID!, $s: DateTime!, $e: DateTime) { updatePhase(id: $id, input: { title: { en: \"Ideas\" }, method: \"ideation\", startAt: $s, endAt: $e }) { id } }";
    let r = server
        .graphql_as(
            admin,
            update,
            serde_json::json!({ "id": ideation, "s": Utc::now() - Days::days(10), "e": Utc::now() - Days::days(5) }),
        )
        .await;
    assert!(r.get("errors").is_none(), "{r}");
    let project =
        server.graphql("{ project(slug: \"parks\") { id } }", Value::Null).await["data"]["project"]["id"].clone();
    let phase = server
        .graphql_as(admin, "mutation($p: ID!, $s: DateTime!) { createPhase(projectId: $p, input: { title: { en: \"Vote\" }, method: \"voting\", startAt: $s }) { id } }", serde_json::json!({ "p": project, "s": Utc::now() - Days::days(4) }))
        .await;
    let phase = phase["data"]["createPhase"]["id"].as_str().unwrap_or_else(|| panic!("{phase}")).to_owned();
    let settings = server
        .graphql_as(
            admin,
            "mutation($id: ID!, $s: JSON!) { updatePhaseSettings(id: $id, settings: $s) { settings } }",
            serde_json::json!({ "id": phase, "s": { "voting_method": "budgeting", "budget": 1000, "results_public": true } }),
        )
        .await;
    assert!(settings.get("errors").is_none(), "{settings}");
    (phase, posted)
}

/// A published project "parks" whose open phase is a poll; returns (project, phase).
pub async fn poll_project(server: &TestServer, admin: &str) -> (String, String) {
    method_project(server, admin, "poll").await
}

/// A published project `parks` with one running phase of `method`: (project id, phase id).
pub async fn method_project(server: &TestServer, admin: &str, method: &str) -> (String, String) {
    let r = server.post_form(admin, "/admin/projects", &[("title_en", "Market"), ("slug", "parks")]).await;
    let location = r.headers()["location"].to_str().unwrap().to_owned();
    let id = location.rsplit('/').next().unwrap().to_owned();
    let today = chrono::Utc::now().format("%Y-%m-%d").to_string();
    let phase = [("phase_title_en", "Your opinion"), ("method", method), ("start", today.as_str())];
    assert_eq!(server.post_form(admin, &format!("{location}/phases"), &phase).await.status(), 303);
    server.post_form(admin, &format!("{location}/status"), &[("status", "published")]).await;
    let read = server.graphql("{ project(slug: \"parks\") { phases { id } } }", serde_json::Value::Null).await;
    (id, read["data"]["project"]["phases"][0]["id"].as_str().unwrap().to_owned())
}

/// The `code` of a GraphQL answer's first error, or "".
pub fn error_code(answer: &Value) -> &str {
    answer["errors"][0]["extensions"]["code"].as_str().unwrap_or("")
}

/// A server with a licence of `plan` for 30 days, and the session of its administrator
/// boss@example.org.
pub async fn licensed_admin(db: &Db, plan: Plan) -> (TestServer, String) {
    let key = dev_key(&claims(plan, 30));
    let server = TestServer::start_with(db, Options { license: Some(&key), ..Options::default() }).await;
    server.make_admin("boss@example.org");
    let admin = server.login("boss@example.org", PASSWORD).await.unwrap();
    (server, admin)
}

/// Switches a paid feature on, as an administrator.
pub async fn enable_feature(server: &TestServer, admin: &str, feature: &str) {
    let on = "mutation($f: String!) { setFeatureEnabled(id: $f, enabled: true) { active } }";
    let answer = server.graphql_as(admin, on, serde_json::json!({ "f": feature })).await;
    assert_eq!(answer["data"]["setFeatureEnabled"]["active"], true, "{answer}");
}
