// SPDX-License-Identifier: AGPL-3.0-only
//! Opening the platform: data directory, secrets, mail, database, migrations and the licence.
use std::path::{Path, PathBuf};
use std::sync::Arc;

use townhall_core::db::{self, Backend};
use townhall_core::license::{LicenseSource, describe};
use townhall_core::mail::{Mailer, SmtpSettings};
use townhall_core::storage::LocalStorage;
use townhall_core::{Module, Platform, Registry, Services};
use townhall_license::{LicenseStatus, Verifier};

use crate::config::{Config, ConfigError};
use crate::editions;

#[derive(Debug, thiserror::Error)]
pub enum OpenError {
    #[error(transparent)]
    Config(#[from] ConfigError),
    #[error("cannot create the data directory {path}: {source}")]
    DataDir { path: PathBuf, source: std::io::Error },
    #[error("cannot read or create the session secret {path}: {source}")]
    Secret { path: PathBuf, source: std::io::Error },
    #[error("mail: {0}")]
    Mail(#[from] townhall_core::mail::MailError),
    #[error("cannot open the database {url}: {source}")]
    Connect { url: String, source: townhall_core::sea_orm::DbErr },
    #[error("migrations failed: {0}")]
    Migrate(townhall_core::sea_orm::DbErr),
    /// The database has migrations this binary does not know (see
    /// [`townhall_core::migrations::NEWER_DATABASE`]).
    #[error("{0}")]
    NewerDatabase(String),
    #[error(transparent)]
    Core(#[from] townhall_core::CoreError),
}

impl OpenError {
    /// Whether the operator must change something before trying again (the configuration, or
    /// the binary for a newer database): the command line exits with 2 for these.
    pub fn needs_the_operator(&self) -> bool {
        matches!(self, OpenError::Config(_) | OpenError::NewerDatabase(_))
    }
}

/// Opens the platform with this binary's modules, runs migrations and loads the licence.
pub async fn open(config: &Config) -> Result<Platform, OpenError> {
    open_with(config, editions::modules()).await
}

/// As [`open`], with an explicit module list (tests open a premium database as a core build would).
pub async fn open_with(config: &Config, modules: Vec<Arc<dyn Module>>) -> Result<Platform, OpenError> {
    std::fs::create_dir_all(&config.data_dir)
        .map_err(|source| OpenError::DataDir { path: config.data_dir.clone(), source })?;
    let url = config.database_url();
    let conn = db::connect(&url).await.map_err(|source| OpenError::Connect { url: db::redact(&url), source })?;
    // The build's edition is the highest edition among its modules.
    let edition = modules.iter().map(|m| m.edition()).max().unwrap_or(townhall_core::Edition::Core);
    // The configured address wins; else the one a server last ran with; else the default.
    let base_url = match &config.base_url {
        Some(_) => config.base_url(),
        None => townhall_core::settings::stored_base_url(&conn).await.unwrap_or_else(|| config.base_url()),
    };
    let services = Services {
        verifier: Verifier::builtin(),
        host: crate::config::host_of(&base_url),
        base_url,
        session_secret: session_secret(config)?,
        mailer: mailer(config)?,
        storage: storage(config),
        outbox_lease: chrono::Duration::seconds(i64::from(config.outbox_lease_seconds)),
        retry_unit: chrono::Duration::seconds(i64::from(config.retry_unit_seconds)),
        webhooks_allow_private_targets: config.webhooks_allow_private_targets,
    };
    let platform = Platform::new(conn, Registry::new(edition, modules), services);
    platform.migrate().await.map_err(|e| {
        let text = e.to_string();
        match text.find(townhall_core::migrations::NEWER_DATABASE) {
            Some(at) => OpenError::NewerDatabase(text[at..].to_owned()),
            None => OpenError::Migrate(e),
        }
    })?;
    platform.load_appearance().await?;
    let source = platform.load_license(config.license_key()?.as_deref()).await?;
    let license = platform.license();
    let line = describe(&license);
    match source {
        LicenseSource::StoredOverConfigured => {
            tracing::warn!("the configured licence key expires before the stored one; keeping the stored key");
        }
        LicenseSource::Stored => tracing::debug!("licence key read from the database"),
        _ => {}
    }
    if matches!(license.status, LicenseStatus::Valid | LicenseStatus::Missing) {
        tracing::info!(status = license.status.as_str(), "{line}");
    } else {
        tracing::warn!(status = license.status.as_str(), "{line}");
    }
    Ok(platform)
}

/// Where uploaded files are kept: `<data_dir>/files` (backups and restores reach it too).
pub fn storage(config: &Config) -> Arc<dyn townhall_core::storage::Storage> {
    Arc::new(LocalStorage::new(config.data_dir.join("files")))
}

/// The configured secret, or the one in `<data_dir>/session.key`, made on first start.
fn session_secret(config: &Config) -> Result<Vec<u8>, OpenError> {
    if let Some(secret) = &config.session_secret {
        return Ok(secret.as_bytes().to_vec());
    }
    let path = config.data_dir.join("session.key");
    let err = |source| OpenError::Secret { path: path.clone(), source };
    match std::fs::read(&path) {
        Ok(bytes) if bytes.len() >= 32 => Ok(bytes),
        Ok(_) | Err(_) if !path.exists() => {
            let secret: Vec<u8> = {
                use rand_core::RngCore;
                let mut bytes = vec![0u8; 64];
                rand_core::OsRng.fill_bytes(&mut bytes);
                bytes
            };
            write_private(&path, &secret).map_err(err)?;
            tracing::info!(path = %path.display(), "session secret created");
            Ok(secret)
        }
        Ok(_) => Err(err(std::io::Error::other("the file holds fewer than 32 bytes"))),
        Err(e) => Err(err(e)),
    }
}

#[cfg(unix)]
fn write_private(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    use std::os::unix::fs::OpenOptionsExt;
    let mut file = std::fs::OpenOptions::new().write(true).create_new(true).mode(0o600).open(path)?;
    file.write_all(bytes)
}

#[cfg(not(unix))]
fn write_private(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    std::fs::write(path, bytes)
}

fn mailer(config: &Config) -> Result<Mailer, OpenError> {
    match &config.smtp_host {
        Some(host) => {
            let settings = SmtpSettings {
                host: host.clone(),
                port: config.smtp_port,
                tls: config.smtp_tls,
                username: config.smtp_username.clone(),
                password: config.smtp_password.clone(),
            };
            Ok(Mailer::smtp(&settings, &config.mail_from)?)
        }
        None => {
            let dir = config.data_dir.join("outbox");
            tracing::info!(dir = %dir.display(), "no SMTP server configured: e-mails are written as .eml files");
            Ok(Mailer::files(dir, &config.mail_from)?)
        }
    }
}

/// The SQLite file behind `url`, if it names one (readiness checks that it is still there).
pub fn sqlite_file(url: &str) -> Option<PathBuf> {
    if Backend::of_url(url) != Some(Backend::Sqlite) {
        return None;
    }
    let rest = url.trim_start_matches("sqlite://").trim_start_matches("sqlite:");
    let path = rest.split('?').next().unwrap_or(rest);
    (!path.is_empty() && path != ":memory:").then(|| PathBuf::from(path))
}
