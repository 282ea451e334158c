// SPDX-License-Identifier: AGPL-3.0-only
//! The outbox under a crash, on every database: a server is killed with SIGKILL while it
//! delivers e-mails to a slow SMTP server; two new instances on the same database then share
//! what is left. Every message arrives, by its stable Message-ID; none twice, but for at most
//! the one the SMTP server may have taken in the instant of the kill.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::collections::BTreeMap;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use common::*;
use serde_json::{Value, json};

/// An SMTP server that takes its time over each recipient (so a delivery is in progress when
/// the test kills the sender) and logs each message it accepts as a JSON line.
const SLOW_SMTP: &str = r#"
import asyncio, json, sys
from email import message_from_bytes
from aiosmtpd.smtp import SMTP
port, log, delay = int(sys.argv[1]), sys.argv[2], float(sys.argv[3])
class Handler:
    async def handle_RCPT(self, server, session, envelope, address, options):
        await asyncio.sleep(delay)
        envelope.rcpt_tos.append(address)
        return '250 OK'
    async def handle_DATA(self, server, session, envelope):
        message = message_from_bytes(envelope.content)
        with open(log, 'a') as f:
            f.write(json.dumps({'to': envelope.rcpt_tos[0], 'id': message.get('Message-ID', '')}) + '\n')
        return '250 Message accepted'
async def main():
    server = await asyncio.get_running_loop().create_server(lambda: SMTP(Handler()), '127.0.0.1', port)
    async with server:
        await server.serve_forever()
asyncio.run(main())
"#;

struct SlowSmtp {
    child: Child,
    port: u16,
    log: std::path::PathBuf,
    _dir: tempfile::TempDir,
}

impl SlowSmtp {
    fn start(delay: f64) -> Option<SlowSmtp> {
        let available = Command::new("python3").args(["-c", "import aiosmtpd"]).status().is_ok_and(|s| s.success());
        if !available {
            assert!(std::env::var("TEST_REQUIRE_SMTP").is_err(), "TEST_REQUIRE_SMTP is set but aiosmtpd is missing");
            eprintln!("aiosmtpd missing (run through `cargo xtask test`): skipped");
            return None;
        }
        let dir = tempfile::tempdir().unwrap();
        let port = townhall_testkit::free_port().unwrap();
        let log = dir.path().join("received.jsonl");
        let child = Command::new("python3")
            .args(["-c", SLOW_SMTP, &port.to_string(), log.to_str().unwrap(), &delay.to_string()])
            .stdout(Stdio::null())
            .spawn()
            .unwrap();
        let deadline = Instant::now() + Duration::from_secs(20);
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(Instant::now() < deadline, "the SMTP server did not start");
            std::thread::sleep(Duration::from_millis(50));
        }
        Some(SlowSmtp { child, port, log, _dir: dir })
    }

    fn env(&self) -> Vec<(&'static str, String)> {
        vec![
            ("TOWNHALL_SMTP_HOST", "127.0.0.1".into()),
            ("TOWNHALL_SMTP_PORT", self.port.to_string()),
            ("TOWNHALL_SMTP_TLS", "none".into()),
            ("TOWNHALL_OUTBOX_LEASE_SECONDS", "10".into()),
        ]
    }

    /// How many times each Message-ID reached `to`.
    fn received_by(&self, to: &str) -> BTreeMap<String, usize> {
        let mut out = BTreeMap::new();
        for line in std::fs::read_to_string(&self.log).unwrap_or_default().lines() {
            let m: Value = serde_json::from_str(line).unwrap();
            if m["to"] == to {
                *out.entry(m["id"].as_str().unwrap().to_owned()).or_default() += 1;
            }
        }
        out
    }
}

impl Drop for SlowSmtp {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

const COMMENTS: usize = 40;

#[tokio::test]
async fn a_killed_server_loses_no_mail_and_two_instances_share_the_rest() {
    for db in backends() {
        let Some(smtp) = SlowSmtp::start(0.15) else { return };
        let mut first = TestServer::start_with(&db, Options { env: smtp.env(), ..Options::default() }).await;
        // Accounts made on the command line are confirmed, so they get notification e-mails.
        first.make_admin("ana@example.org");
        first.make_admin("ben@example.org");
        let ana = first.login("ana@example.org", PASSWORD).await.unwrap();
        let ben = first.login("ben@example.org", PASSWORD).await.unwrap();
        let phase = open_ideation(&first, &ana).await;
        let post = "mutation($ph: ID!) { postIdea(phaseId: $ph, title: \"A quiet street\", body: \"No cars\") { id } }";
        let idea = first.graphql_as(&ana, post, json!({ "ph": phase })).await;
        let idea = idea["data"]["postIdea"]["id"].as_str().unwrap_or_else(|| panic!("{idea}")).to_owned();
        let comment = "mutation($i: ID!, $b: String!) { postComment(ideaId: $i, body: $b) { id } }";
        for n in 0..COMMENTS {
            let answer = first.graphql_as(&ben, comment, json!({ "i": idea, "b": format!("Comment {n}") })).await;
            assert!(answer.get("errors").is_none(), "{answer}");
        }

        // Kill the server once a few e-mails are out and the rest of its batch is claimed.
        let deadline = Instant::now() + Duration::from_secs(30);
        while smtp.received_by("ana@example.org").len() < 4 {
            assert!(Instant::now() < deadline, "no e-mail was delivered; log:\n{}", first.log());
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        first.kill();
        let before_restart: usize = smtp.received_by("ana@example.org").values().sum();
        assert!(before_restart < COMMENTS, "the kill came too late to test anything");

        // Two instances on the same database take over; the dead one's claims end with its lease.
        let options = || Options { env: smtp.env(), ..Options::default() };
        let url = first.database_url.clone();
        let second = TestServer::start_in(tempfile::tempdir().unwrap(), url.clone(), options()).await;
        let third = TestServer::start_in(tempfile::tempdir().unwrap(), url, options()).await;
        let deadline = Instant::now() + Duration::from_secs(90);
        while smtp.received_by("ana@example.org").len() < COMMENTS {
            assert!(
                Instant::now() < deadline,
                "{}: {} of {COMMENTS} e-mails arrived; logs:\n{}\n{}",
                db.name(),
                smtp.received_by("ana@example.org").len(),
                second.log(),
                third.log()
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        // Let anything that would go twice show up.
        tokio::time::sleep(Duration::from_secs(2)).await;
        let received = smtp.received_by("ana@example.org");
        assert_eq!(received.len(), COMMENTS, "{}: every message arrived once at least", db.name());
        assert!(received.keys().all(|id| id.starts_with("<outbox-")), "{received:?}");
        let twice: Vec<_> = received.iter().filter(|(_, n)| **n > 1).collect();
        assert!(twice.len() <= 1 && twice.iter().all(|(_, n)| **n == 2), "{}: sent twice: {twice:?}", db.name());
        for server in [&second, &third] {
            let metrics = server.get("/metrics").await.text().await.unwrap();
            assert!(metrics.contains("townhall_outbox_backlog 0"), "{metrics}");
        }
    }
}
