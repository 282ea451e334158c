// SPDX-License-Identifier: AGPL-3.0-only
//! A platform on an in-memory SQLite database for unit tests, core's and (with the
//! `test-support` feature) the paid crates' and contributors' modules'.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use townhall_license::{Claims, Edition, License, LicenseStatus, Plan, Verifier};

use crate::mail::Mailer;
use crate::modules::accounts::Registration;
use crate::{Actor, Module, Platform, Registry, Services};

/// The password of the residents [`resident`] creates.
pub const PASSWORD: &str = "violet tram crosses the river";

/// A platform compiled as `edition`, with core's modules and `extra`, migrated; the directory
/// holds its files and the mail it writes.
pub async fn platform(edition: Edition, extra: Vec<Arc<dyn Module>>) -> (Platform, tempfile::TempDir) {
    let db = crate::db::connect("sqlite::memory:").await.unwrap();
    build(db, edition, extra).await
}

/// A core platform whose statements are counted (queries, writes, transaction control).
pub async fn counting_platform() -> (Platform, tempfile::TempDir, Arc<AtomicUsize>) {
    let count = Arc::new(AtomicUsize::new(0));
    let mut db = crate::db::connect("sqlite::memory:").await.unwrap();
    let counter = count.clone();
    db.set_metric_callback(move |_| {
        counter.fetch_add(1, Ordering::SeqCst);
    });
    let (p, dir) = build(db, Edition::Core, vec![]).await;
    (p, dir, count)
}

/// A core platform that records every statement it runs (its SQL and values).
pub async fn recording_platform() -> (Platform, tempfile::TempDir, Arc<std::sync::Mutex<Vec<sea_orm::Statement>>>) {
    let seen = Arc::new(std::sync::Mutex::new(Vec::new()));
    let mut db = crate::db::connect("sqlite::memory:").await.unwrap();
    let sink = seen.clone();
    db.set_metric_callback(move |info| {
        sink.lock().unwrap().push(info.statement.clone());
    });
    let (p, dir) = build(db, Edition::Core, vec![]).await;
    (p, dir, seen)
}

async fn build(
    db: sea_orm::DatabaseConnection,
    edition: Edition,
    mut extra: Vec<Arc<dyn Module>>,
) -> (Platform, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let mut modules = crate::modules::modules();
    modules.append(&mut extra);
    let services = Services {
        verifier: Verifier::new(vec![]),
        base_url: "http://localhost:3000".into(),
        host: Some("localhost".into()),
        session_secret: b"unit tests only, never in production".to_vec(),
        mailer: Mailer::files(dir.path().join("outbox"), "Townhall <noreply@localhost>").unwrap(),
        storage: Arc::new(crate::storage::LocalStorage::new(dir.path().join("files"))),
        outbox_lease: chrono::Duration::seconds(300),
        retry_unit: chrono::Duration::minutes(1),
        webhooks_allow_private_targets: false,
    };
    let p = Platform::new(db, Registry::new(edition, modules), services);
    p.migrate().await.unwrap();
    (p, dir)
}

/// A registered resident, signed in, with `email` as address and display name.
pub async fn resident(p: &Platform, email: &str) -> Actor {
    let r = Registration {
        email: email.into(),
        password: PASSWORD.into(),
        display_name: email.into(),
        locale: "en".into(),
        answers: Default::default(),
    };
    p.register(r).await.unwrap();
    let (_, token) = p.sign_in(email, PASSWORD, "x").await.unwrap();
    p.actor_for_token(&token).await.unwrap().unwrap().0
}

/// A valid licence of `plan`, as if the server had checked a signed key.
pub fn license(plan: Plan) -> License {
    let claims = Claims {
        iss: "townhall".into(),
        sub: "tests".into(),
        lid: "tests".into(),
        plan,
        features: vec![],
        hosts: vec![],
        iat: 0,
        nbf: 0,
        exp: 0,
    };
    License { status: LicenseStatus::Valid, claims: Some(claims), key_id: Some("test-key".into()), reason: None }
}

/// Licenses `plan` and switches `features` on, as an operator would.
pub async fn activate(p: &Platform, plan: Plan, features: &[&str]) {
    p.set_license(None, license(plan));
    for feature in features {
        p.set_feature_enabled(&Actor::Operator, feature, true).await.unwrap();
    }
}

/// The `.eml` files written so far, oldest first, once the outbox is worked off.
pub async fn sent_mail(p: &Platform, dir: &tempfile::TempDir) -> Vec<String> {
    while p.deliver_outbox("test").await.unwrap() > 0 {}
    written_mail(dir)
}

/// The `.eml` files written so far, oldest first, without working the outbox.
pub fn written_mail(dir: &tempfile::TempDir) -> Vec<String> {
    let mut files: Vec<_> = std::fs::read_dir(dir.path().join("outbox"))
        .map(|rd| rd.filter_map(Result::ok).map(|e| e.path()).collect())
        .unwrap_or_default();
    files.sort_by_key(|p| std::fs::metadata(p).and_then(|m| m.modified()).ok());
    files.iter().filter_map(|p| std::fs::read(p).ok()).map(|raw| decoded_text(&raw)).collect()
}

/// Subject and plain-text body of a raw message, transfer encodings undone.
pub fn decoded_text(raw: &[u8]) -> String {
    let message = mail_parser::MessageParser::default().parse(raw).expect("a parsable message");
    format!("{}\n\n{}", message.subject().unwrap_or_default(), message.body_text(0).unwrap_or_default())
}
