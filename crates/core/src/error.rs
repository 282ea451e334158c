// SPDX-License-Identifier: AGPL-3.0-only
use sea_orm::DbErr;
use townhall_license::Edition;

/// Errors of core services. Each has a stable code for translations and API clients; the
/// message never carries a raw database string to users.
#[derive(Debug, thiserror::Error)]
pub enum CoreError {
    #[error("unknown feature `{0}`")]
    UnknownFeature(String),
    #[error("the feature `{id}` requires the {edition} licence")]
    FeatureNotAllowed { id: String, edition: Edition },
    #[error("the feature `{0}` is switched off")]
    FeatureDisabled(String),
    #[error("the licence key was refused: {0}")]
    LicenseRefused(String),
    #[error("this needs an administrator")]
    Forbidden,
    #[error("invalid value for `{field}`: {message}")]
    Invalid { field: String, message: String },
    #[error("database error")]
    Database(#[from] DbErr),
}

impl CoreError {
    /// A stable, machine-readable code (also the translation id suffix).
    pub fn code(&self) -> &'static str {
        match self {
            CoreError::UnknownFeature(_) => "unknown_feature",
            CoreError::FeatureNotAllowed { .. } => "license_required",
            CoreError::FeatureDisabled(_) => "feature_disabled",
            CoreError::LicenseRefused(_) => "license_refused",
            CoreError::Forbidden => "forbidden",
            CoreError::Invalid { .. } => "invalid_input",
            CoreError::Database(_) => "internal",
        }
    }

    /// The message shown to users: the database detail stays in the logs.
    pub fn public_message(&self) -> String {
        match self {
            CoreError::FeatureNotAllowed { edition, .. } => {
                format!("requires the {} licence", edition_title(*edition))
            }
            CoreError::Database(_) => "something went wrong on our side; please try again".into(),
            other => other.to_string(),
        }
    }
}

fn edition_title(edition: Edition) -> &'static str {
    match edition {
        Edition::Core => "Core",
        Edition::Standard => "Standard",
        Edition::Premium => "Premium",
    }
}

pub type CoreResult<T> = Result<T, CoreError>;
