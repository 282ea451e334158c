// SPDX-License-Identifier: AGPL-3.0-only
//! Configuration: defaults < `townhall.toml` (or `--config PATH`) < `TOWNHALL_*` environment <
//! command-line flags. An unknown key or a bad value stops start-up with a message naming it.
use std::net::SocketAddr;
use std::path::{Path, PathBuf};

use axum::http::Uri;
use figment::Figment;
use figment::providers::{Env, Format, Serialized, Toml};
use serde::{Deserialize, Serialize};
use townhall_core::db::Backend;
use townhall_core::mail::SmtpTls;

use crate::config_errors;

/// The file read from the working directory when `--config` is not given (if it exists).
pub const DEFAULT_CONFIG_FILE: &str = "townhall.toml";
pub const ENV_PREFIX: &str = "TOWNHALL_";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LogFormat {
    Pretty,
    Json,
}

/// Every configuration key. `deny_unknown_fields` makes a typo an error, whatever its source.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// Address to listen on.
    pub bind: SocketAddr,
    /// `sqlite://PATH` or `postgres://…`; defaults to `sqlite://<data_dir>/townhall.db`.
    pub database_url: Option<String>,
    /// Where the SQLite database, uploads and generated secrets live.
    pub data_dir: PathBuf,
    /// The public URL of the platform; defaults to `http://<bind>`.
    pub base_url: Option<String>,
    /// The licence key itself.
    pub license: Option<String>,
    /// A file holding the licence key.
    pub license_file: Option<PathBuf>,
    pub log_format: LogFormat,
    /// Writes one line per request (method, path, the query's parameter names, status,
    /// duration, request id; nothing that identifies a person) under the log target
    /// `townhall::access`.
    pub access_log: bool,
    /// A tracing filter such as `info` or `townhall=debug,info` (`RUST_LOG` wins when set).
    pub log_filter: String,
    /// The secret that signs session tokens; by default generated once into
    /// `<data_dir>/session.key`. Give the same value to every instance of a cluster.
    pub session_secret: Option<String>,
    /// SMTP server; without it e-mails are written to `<data_dir>/outbox/`.
    pub smtp_host: Option<String>,
    pub smtp_port: u16,
    pub smtp_tls: SmtpTls,
    pub smtp_username: Option<String>,
    pub smtp_password: Option<String>,
    /// The sender of every e-mail, e.g. `Townhall <noreply@example.org>`.
    pub mail_from: String,
    /// Seconds an instance owns the e-mails it took from the outbox; when an instance dies
    /// mid-delivery, another one sends them once this has passed.
    pub outbox_lease_seconds: u32,
    /// The unit of the retries' back-off: a failed e-mail or webhook delivery is tried again
    /// after 2 units, then 4, 8… up to 360.
    pub retry_unit_seconds: u32,
    /// Lets webhooks go to loopback, private, link-local and other non-public addresses (an
    /// intranet's receivers; `http://` to this machine in development). Off: such addresses
    /// are refused when an endpoint is registered and when a delivery connects.
    pub webhooks_allow_private_targets: bool,
}

impl Default for Config {
    fn default() -> Self {
        Self {
            bind: SocketAddr::from(([127, 0, 0, 1], 3000)),
            database_url: None,
            data_dir: PathBuf::from("./townhall-data"),
            base_url: None,
            license: None,
            license_file: None,
            log_format: LogFormat::Pretty,
            access_log: false,
            log_filter: "info".into(),
            session_secret: None,
            smtp_host: None,
            smtp_port: 587,
            smtp_tls: SmtpTls::Starttls,
            smtp_username: None,
            smtp_password: None,
            mail_from: "Townhall <noreply@localhost>".into(),
            outbox_lease_seconds: 300,
            retry_unit_seconds: 60,
            webhooks_allow_private_targets: false,
        }
    }
}

/// Values given as command-line flags; `None` leaves the lower layers in charge.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Overrides {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub bind: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub database_url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub data_dir: Option<PathBuf>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub base_url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub license_file: Option<PathBuf>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub log_format: Option<String>,
}

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("configuration file {0} not found")]
    FileMissing(PathBuf),
    #[error("{0}")]
    Invalid(String),
    #[error("invalid value for `{key}`: {message}")]
    BadValue { key: &'static str, message: String },
    #[error("cannot read the licence file {path}: {source}")]
    LicenseFile { path: PathBuf, source: std::io::Error },
}

impl Config {
    /// Loads the layers. `file` is the `--config` flag; without it `townhall.toml` is read if present.
    pub fn load(file: Option<&Path>, overrides: &Overrides) -> Result<Config, ConfigError> {
        let mut figment = Figment::from(Serialized::defaults(Config::default()));
        match file {
            Some(path) if !path.is_file() => return Err(ConfigError::FileMissing(path.to_owned())),
            Some(path) => figment = figment.merge(Toml::file_exact(path)),
            None if Path::new(DEFAULT_CONFIG_FILE).is_file() => {
                figment = figment.merge(Toml::file_exact(DEFAULT_CONFIG_FILE));
            }
            None => {}
        }
        figment = figment.merge(Env::prefixed(ENV_PREFIX)).merge(overrides);
        let config: Config = figment.extract().map_err(|e| ConfigError::Invalid(config_errors::describe(e)))?;
        // A value that parsed but is out of bounds is named where the operator gave it.
        config.validate().map_err(|e| match e {
            ConfigError::BadValue { key, message } => ConfigError::Invalid(format!(
                "invalid value for {}: {message}",
                config_errors::Origin::of(figment.find_metadata(key)).name(key)
            )),
            other => other,
        })?;
        Ok(config)
    }

    fn validate(&self) -> Result<(), ConfigError> {
        let url = self.database_url();
        if Backend::of_url(&url).is_none() {
            return Err(ConfigError::BadValue {
                key: "database_url",
                message: format!("`{}` is neither sqlite://… nor postgres://…", townhall_core::db::redact(&url)),
            });
        }
        if let Some(base) = &self.base_url {
            parse_base_url(base)?;
        }
        if self.license.is_some() && self.license_file.is_some() {
            return Err(ConfigError::BadValue {
                key: "license_file",
                message: "give either `license` or `license_file`, not both".into(),
            });
        }
        if !(1..=3_600).contains(&self.retry_unit_seconds) {
            return Err(ConfigError::BadValue {
                key: "retry_unit_seconds",
                message: format!("{} is not from 1 to 3600", self.retry_unit_seconds),
            });
        }
        if !(10..=86_400).contains(&self.outbox_lease_seconds) {
            return Err(ConfigError::BadValue {
                key: "outbox_lease_seconds",
                message: format!("{} is not from 10 to 86400", self.outbox_lease_seconds),
            });
        }
        if self.log_filter.parse::<tracing_subscriber::EnvFilter>().is_err() {
            return Err(ConfigError::BadValue {
                key: "log_filter",
                message: format!("`{}` is not a filter", self.log_filter),
            });
        }
        Ok(())
    }

    /// The database URL in force.
    pub fn database_url(&self) -> String {
        self.database_url
            .clone()
            .unwrap_or_else(|| format!("sqlite://{}?mode=rwc", self.data_dir.join("townhall.db").display()))
    }

    /// The public base URL in force.
    pub fn base_url(&self) -> String {
        self.base_url.clone().unwrap_or_else(|| format!("http://{}", self.bind)).trim_end_matches('/').to_owned()
    }

    /// The host of the base URL (licence keys may be bound to it).
    pub fn base_host(&self) -> Option<String> {
        host_of(&self.base_url())
    }

    /// The licence key from `license` or `license_file`, if any.
    pub fn license_key(&self) -> Result<Option<String>, ConfigError> {
        if let Some(key) = &self.license {
            return Ok(Some(key.trim().to_owned()));
        }
        match &self.license_file {
            Some(path) => std::fs::read_to_string(path)
                .map(|k| Some(k.trim().to_owned()))
                .map_err(|source| ConfigError::LicenseFile { path: path.clone(), source }),
            None => Ok(None),
        }
    }
}

/// The host of a public address (for the `Message-ID`s of e-mails).
pub fn host_of(base_url: &str) -> Option<String> {
    parse_base_url(base_url).ok().and_then(|u| u.host().map(str::to_owned))
}

fn parse_base_url(text: &str) -> Result<Uri, ConfigError> {
    let bad = |message: &str| ConfigError::BadValue { key: "base_url", message: format!("`{text}` {message}") };
    let uri: Uri = text.parse().map_err(|_| bad("is not a URL"))?;
    match uri.scheme_str() {
        Some("http" | "https") => {}
        _ => return Err(bad("must start with http:// or https://")),
    }
    if uri.host().is_none_or(str::is_empty) {
        return Err(bad("has no host"));
    }
    Ok(uri)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_are_valid() {
        let c = Config::default();
        assert!(c.validate().is_ok());
        assert_eq!(c.base_url(), "http://127.0.0.1:3000");
        assert_eq!(c.base_host().as_deref(), Some("127.0.0.1"));
        assert!(c.database_url().starts_with("sqlite://"));
    }

    #[test]
    fn bad_base_url_is_named() {
        let c = Config { base_url: Some("ftp://x".into()), ..Config::default() };
        let e = c.validate().err().map(|e| e.to_string()).unwrap_or_default();
        assert!(e.contains("base_url"), "{e}");
    }
}
