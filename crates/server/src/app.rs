// SPDX-License-Identifier: AGPL-3.0-only
//! Opening the platform: data directory, database, migrations and the licence.
use std::path::PathBuf;
use std::sync::Arc;

use townhall_core::db::{self, Backend};
use townhall_core::license::{LicenseSource, describe};
use townhall_core::{Module, Platform, Registry};
use townhall_license::{LicenseStatus, Verifier};

use crate::config::{Config, ConfigError};
use crate::editions;

#[derive(Debug, thiserror::Error)]
pub enum OpenError {
    #[error(transparent)]
    Config(#[from] ConfigError),
    #[error("cannot create the data directory {path}: {source}")]
    DataDir {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("cannot open the database {url}: {source}")]
    Connect {
        url: String,
        source: townhall_core::sea_orm::DbErr,
    },
    #[error("migrations failed: {0}")]
    Migrate(townhall_core::sea_orm::DbErr),
    #[error(transparent)]
    Core(#[from] townhall_core::CoreError),
}

/// Opens the platform with this binary's modules, runs migrations and loads the licence.
pub async fn open(config: &Config) -> Result<Platform, OpenError> {
    open_with(config, editions::modules()).await
}

/// As [`open`], with an explicit module list (tests open a premium database as a core build would).
pub async fn open_with(
    config: &Config,
    modules: Vec<Arc<dyn Module>>,
) -> Result<Platform, OpenError> {
    std::fs::create_dir_all(&config.data_dir).map_err(|source| OpenError::DataDir {
        path: config.data_dir.clone(),
        source,
    })?;
    let url = config.database_url();
    let conn = db::connect(&url)
        .await
        .map_err(|source| OpenError::Connect {
            url: db::redact(&url),
            source,
        })?;
    // The build's edition is the highest edition among its modules.
    let edition = modules
        .iter()
        .map(|m| m.edition())
        .max()
        .unwrap_or(townhall_core::Edition::Core);
    let registry = Registry::new(edition, modules);
    let platform = Platform::new(conn, registry, Verifier::builtin(), config.base_host());
    platform.migrate().await.map_err(OpenError::Migrate)?;
    let source = platform
        .load_license(config.license_key()?.as_deref())
        .await?;
    let license = platform.license();
    let line = describe(&license);
    match source {
        LicenseSource::StoredOverConfigured => {
            tracing::warn!(
                "the configured licence key expires before the stored one; keeping the stored key"
            );
        }
        LicenseSource::Stored => tracing::debug!("licence key read from the database"),
        _ => {}
    }
    if matches!(
        license.status,
        LicenseStatus::Valid | LicenseStatus::Missing
    ) {
        tracing::info!(status = license.status.as_str(), "{line}");
    } else {
        tracing::warn!(status = license.status.as_str(), "{line}");
    }
    Ok(platform)
}

/// The SQLite file behind `url`, if it names one (readiness checks that it is still there).
pub fn sqlite_file(url: &str) -> Option<PathBuf> {
    if Backend::of_url(url) != Some(Backend::Sqlite) {
        return None;
    }
    let rest = url
        .trim_start_matches("sqlite://")
        .trim_start_matches("sqlite:");
    let path = rest.split('?').next().unwrap_or(rest);
    (!path.is_empty() && path != ":memory:").then(|| PathBuf::from(path))
}
