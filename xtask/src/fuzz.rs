// SPDX-License-Identifier: AGPL-3.0-only
//! Schemathesis against the GraphQL API, as an anonymous client and as a signed-in resident:
//! no server errors (no 5xx, no resolver error coded `internal` or uncoded) and no answer that
//! breaks the schema. The server is the debug binary the test steps built, on the demo town; the
//! runs have a fixed seed and a time budget, so a failure reproduces (`st replay` shows how).
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};

const PASSWORD: &str = "demo password for the town";
const RESIDENT: &str = "lea.martens@demo.example";
/// Seconds each run may take.
const BUDGET: &str = "45";

struct Killed(Child);

impl Drop for Killed {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn get(port: u16, path: &str) -> Option<String> {
    use std::io::{Read, Write};
    let mut stream = std::net::TcpStream::connect(("127.0.0.1", port)).ok()?;
    stream.set_read_timeout(Some(Duration::from_secs(5))).ok()?;
    stream.write_all(format!("GET {path} HTTP/1.0\r\nHost: localhost\r\n\r\n").as_bytes()).ok()?;
    let mut answer = String::new();
    stream.read_to_string(&mut answer).ok()?;
    let (head, body) = answer.split_once("\r\n\r\n")?;
    // HTTP/1.0 in, HTTP/1.0 out: only the status code matters.
    (head.split(' ').nth(1) == Some("200")).then(|| body.to_owned())
}

/// The resident's session token, from a sign-in over GraphQL.
fn sign_in(port: u16) -> Result<String> {
    use std::io::{Read, Write};
    let body = serde_json::json!({
        "query": "mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }",
        "variables": { "e": RESIDENT, "p": PASSWORD },
    })
    .to_string();
    let mut stream = std::net::TcpStream::connect(("127.0.0.1", port))?;
    write!(
        stream,
        "POST /graphql HTTP/1.0\r\nHost: localhost\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\r\n{body}",
        body.len()
    )?;
    let mut answer = String::new();
    stream.read_to_string(&mut answer)?;
    let json = answer.split_once("\r\n\r\n").map(|(_, b)| b).unwrap_or_default();
    let value: serde_json::Value = serde_json::from_str(json).context("the sign-in answer")?;
    value["data"]["login"]["token"].as_str().map(str::to_owned).context("the demo resident could not sign in")
}

pub fn run(root: &Path) -> Result<()> {
    let townhall = crate::test::target_dir(root).join("debug/townhall");
    let dir = tempfile::Builder::new().prefix("townhall-fuzz-").tempdir()?;
    let seeded = Command::new(&townhall)
        .arg("--data-dir")
        .arg(dir.path())
        .args(["seed", "--demo", "--password", PASSWORD])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()?;
    if !seeded.success() {
        bail!("seeding the demo town failed");
    }
    let port = townhall_testkit::free_port()?;
    let server = Killed(
        Command::new(&townhall)
            .arg("--data-dir")
            .arg(dir.path())
            .args(["serve", "--bind", &format!("127.0.0.1:{port}")])
            .env("RUST_LOG", "error")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()?,
    );
    let deadline = Instant::now() + Duration::from_secs(60);
    let sdl = loop {
        if let Some(sdl) = get(port, "/graphql/schema.graphql") {
            break sdl;
        }
        if Instant::now() > deadline {
            bail!("the server did not start");
        }
        std::thread::sleep(Duration::from_millis(100));
    };
    let schema = dir.path().join("schema.graphql");
    std::fs::write(&schema, sdl)?;
    let token = sign_in(port)?;
    let hooks = root.join("xtask/schemathesis");
    for (who, header) in [("anonymous", None), ("signed in", Some(format!("Authorization: Bearer {token}")))] {
        eprintln!("schemathesis, {who}:");
        let mut c = Command::new(crate::tools::python(root));
        c.args(["-m", "schemathesis.cli", "run"])
            .arg(&schema)
            .args(["--url", &format!("http://127.0.0.1:{port}/graphql")])
            .args(["--checks", "no_server_failure,response_schema_conformance"])
            .args(["--max-examples", "10", "--max-time", BUDGET, "--workers", "2", "--seed", "1"])
            // The resident's own account and sessions stay, so the run stays signed in.
            .args(["--exclude-name", "MutationRoot.deleteMyAccount", "--exclude-name", "MutationRoot.logoutEverywhere"])
            .env("SCHEMATHESIS_HOOKS", "hooks")
            .env("PYTHONPATH", &hooks)
            .current_dir(dir.path());
        if let Some(h) = &header {
            c.args(["--header", h]);
        }
        if !c.status().context("running schemathesis")?.success() {
            bail!("schemathesis found problems ({who}); see above");
        }
    }
    drop(server);
    Ok(())
}
