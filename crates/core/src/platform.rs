// SPDX-License-Identifier: AGPL-3.0-only
//! The per-request platform context: the database, the compiled-in modules, the licence in
//! force and the translations. Nothing in core reaches the database through a global, so a
//! multi-tenancy module can later hand each request the platform of its host.
use std::sync::{Arc, PoisonError, RwLock};

use sea_orm::{DatabaseConnection, DbErr};
use townhall_license::{Edition, License, Verifier};

use crate::Registry;
use crate::appearance::Appearance;
use crate::i18n::I18n;
use crate::mail::Mailer;
use crate::sessions::SessionKeys;
use crate::storage::Storage;
use crate::throttle::Throttle;

/// What a platform needs besides its database and modules.
#[derive(Debug, Clone)]
pub struct Services {
    /// The trusted licence keys.
    pub verifier: Verifier,
    /// The public URL without a trailing slash, e.g. `https://participate.example.org`.
    pub base_url: String,
    /// The host of `base_url` (licence keys may be bound to hosts).
    pub host: Option<String>,
    /// The secret that signs session tokens.
    pub session_secret: Vec<u8>,
    pub mailer: Mailer,
    /// Uploaded files.
    pub storage: Arc<dyn Storage>,
    /// How long an outbox worker owns the messages it claimed; after a crash, another worker
    /// takes them over once this has passed.
    pub outbox_lease: chrono::Duration,
    /// The unit of the retries' back-off (a minute in production): a failed e-mail or webhook
    /// delivery is tried again after 2 units, then 4, 8… up to 360.
    pub retry_unit: chrono::Duration,
    /// Whether webhooks may go to loopback, private and other non-public addresses (an
    /// intranet's receivers, or one on this machine in development).
    pub webhooks_allow_private_targets: bool,
}

#[derive(Clone)]
pub struct Platform(Arc<Inner>);

struct Inner {
    db: DatabaseConnection,
    registry: Registry,
    verifier: Verifier,
    host: Option<String>,
    base_url: String,
    sessions: SessionKeys,
    mailer: Mailer,
    storage: Arc<dyn Storage>,
    throttle: Throttle,
    i18n: Arc<I18n>,
    license: RwLock<(Option<String>, License)>,
    appearance: RwLock<Appearance>,
    outbox_lease: chrono::Duration,
    retry_unit: chrono::Duration,
    webhooks_allow_private_targets: bool,
    reference: crate::cache::ReferenceData,
    /// Wakes a background job before its next tick (see [`Platform::wake_job`]).
    wakeups: std::sync::Mutex<std::collections::BTreeMap<&'static str, Arc<tokio::sync::Notify>>>,
    /// Voting phases' pseudonym secrets once read: a secret never changes once made, and a
    /// phase that has one has ballots and is never deleted.
    phase_secrets: std::sync::Mutex<std::collections::HashMap<i32, String>>,
    /// While set, e-mails are dropped instead of queued (the demo seed sends nothing).
    mail_muted: std::sync::atomic::AtomicBool,
}

impl std::fmt::Debug for Platform {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Platform").field("registry", &self.0.registry).field("host", &self.0.host).finish()
    }
}

impl Platform {
    /// A platform on `db`. The licence starts as missing until [`Platform::load_license`].
    pub fn new(db: DatabaseConnection, registry: Registry, services: Services) -> Self {
        let i18n = Arc::new(I18n::new(&registry.translations()));
        Self(Arc::new(Inner {
            db,
            registry,
            verifier: services.verifier,
            host: services.host,
            base_url: services.base_url.trim_end_matches('/').to_owned(),
            sessions: SessionKeys::new(&services.session_secret),
            mailer: services.mailer,
            storage: services.storage,
            throttle: Throttle::default(),
            i18n,
            license: RwLock::new((None, License::missing())),
            appearance: RwLock::new(Appearance::default()),
            outbox_lease: services.outbox_lease,
            retry_unit: services.retry_unit,
            webhooks_allow_private_targets: services.webhooks_allow_private_targets,
            reference: crate::cache::ReferenceData::default(),
            wakeups: std::sync::Mutex::default(),
            phase_secrets: std::sync::Mutex::default(),
            mail_muted: std::sync::atomic::AtomicBool::new(false),
        }))
    }

    /// Reference data kept in memory (statuses, topics, areas).
    pub(crate) fn reference(&self) -> &crate::cache::ReferenceData {
        &self.0.reference
    }

    pub fn outbox_lease(&self) -> chrono::Duration {
        self.0.outbox_lease
    }

    /// How long to wait before trying a delivery again after `attempts` failures.
    pub fn retry_delay(&self, attempts: i32) -> chrono::Duration {
        crate::modules::notifications::outbox::back_off(attempts, self.0.retry_unit)
    }

    /// Whether the operator lets webhooks go to non-public addresses (`webhooks_allow_private_targets`).
    pub fn webhooks_allow_private_targets(&self) -> bool {
        self.0.webhooks_allow_private_targets
    }

    /// What the job `name` waits on besides its interval.
    pub fn job_wakeup(&self, name: &'static str) -> Arc<tokio::sync::Notify> {
        let mut map = self.0.wakeups.lock().unwrap_or_else(PoisonError::into_inner);
        map.entry(name).or_default().clone()
    }

    /// Runs the job `name` now instead of at its next tick (or right after its current run).
    pub fn wake_job(&self, name: &'static str) {
        self.job_wakeup(name).notify_one();
    }

    pub fn db(&self) -> &DatabaseConnection {
        &self.0.db
    }

    pub fn registry(&self) -> &Registry {
        &self.0.registry
    }

    pub fn edition(&self) -> Edition {
        self.0.registry.edition()
    }

    pub fn i18n(&self) -> &Arc<I18n> {
        &self.0.i18n
    }

    pub fn host(&self) -> Option<&str> {
        self.0.host.as_deref()
    }

    /// The public URL without a trailing slash.
    pub fn base_url(&self) -> &str {
        &self.0.base_url
    }

    /// Whether the platform is served over HTTPS (cookies are then `Secure`).
    pub fn is_https(&self) -> bool {
        self.0.base_url.starts_with("https://")
    }

    pub fn sessions(&self) -> &SessionKeys {
        &self.0.sessions
    }

    /// The database pool's size and idle connections (for `/metrics`).
    pub fn pool_usage(&self) -> (u32, usize) {
        crate::db::pool_usage(self.db())
    }

    pub fn mailer(&self) -> &Mailer {
        &self.0.mailer
    }

    pub fn storage(&self) -> &dyn Storage {
        self.0.storage.as_ref()
    }

    pub fn throttle(&self) -> &Throttle {
        &self.0.throttle
    }

    /// Whether e-mails are dropped instead of queued (see [`Platform::mute_mail`]).
    pub(crate) fn mail_muted(&self) -> bool {
        self.0.mail_muted.load(std::sync::atomic::Ordering::Relaxed)
    }

    /// Drops every e-mail until the returned guard goes: for work that must send nothing, such
    /// as filling a demo with made-up residents.
    pub(crate) fn mute_mail(&self) -> MailMuted {
        self.0.mail_muted.store(true, std::sync::atomic::Ordering::Relaxed);
        MailMuted(self.clone())
    }

    /// The cache of voting phases' pseudonym secrets (see `voting::basket`).
    pub(crate) fn phase_secrets(&self) -> &std::sync::Mutex<std::collections::HashMap<i32, String>> {
        &self.0.phase_secrets
    }

    pub(crate) fn verifier(&self) -> &Verifier {
        &self.0.verifier
    }

    /// The appearance and languages (cached; see [`Platform::load_appearance`]).
    pub fn appearance(&self) -> Appearance {
        self.0.appearance.read().unwrap_or_else(PoisonError::into_inner).clone()
    }

    pub(crate) fn cache_appearance(&self, appearance: Appearance) {
        *self.0.appearance.write().unwrap_or_else(PoisonError::into_inner) = appearance;
    }

    /// The licence in force, as last checked.
    pub fn license(&self) -> License {
        self.0.license.read().unwrap_or_else(PoisonError::into_inner).1.clone()
    }

    pub(crate) fn license_token(&self) -> Option<String> {
        self.0.license.read().unwrap_or_else(PoisonError::into_inner).0.clone()
    }

    pub(crate) fn set_license(&self, token: Option<String>, license: License) {
        *self.0.license.write().unwrap_or_else(PoisonError::into_inner) = (token, license);
    }

    /// Runs every module's migrations, core first (registration order).
    pub async fn migrate(&self) -> Result<(), DbErr> {
        for module in self.0.registry.modules() {
            module.migrate(&self.0.db).await.map_err(|e| DbErr::Migration(format!("module `{}`: {e}", module.id())))?;
        }
        Ok(())
    }

    /// Whether the database answers (for `/readyz`).
    pub async fn ping(&self) -> bool {
        self.0.db.ping().await.is_ok()
    }
}

/// E-mails are queued again when this goes (see [`Platform::mute_mail`]).
pub(crate) struct MailMuted(Platform);

impl Drop for MailMuted {
    fn drop(&mut self) {
        self.0.0.mail_muted.store(false, std::sync::atomic::Ordering::Relaxed);
    }
}
