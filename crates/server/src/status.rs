// SPDX-License-Identifier: AGPL-3.0-only
//! The licence status report shared by `townhall license status` and its `--json` form.
use chrono::{DateTime, Utc};
use serde::Serialize;
use townhall_core::features::FeatureState;
use townhall_core::{CoreResult, Edition, Platform};

#[derive(Debug, Serialize)]
pub struct StatusReport {
    pub edition: Edition,
    pub license: LicenseReport,
    pub features: Vec<FeatureState>,
}

#[derive(Debug, Serialize)]
pub struct LicenseReport {
    pub status: String,
    pub plan: Option<String>,
    pub licensee: Option<String>,
    pub expires_at: Option<DateTime<Utc>>,
    /// The id of the key that signed the licence (null unless its signature is good).
    pub key_id: Option<String>,
}

pub async fn report(platform: &Platform) -> CoreResult<StatusReport> {
    let license = platform.license();
    Ok(StatusReport {
        edition: platform.edition(),
        license: LicenseReport {
            status: license.status.as_str().to_owned(),
            plan: license.plan().map(|p| p.as_str().to_owned()),
            licensee: license.licensee().map(str::to_owned),
            expires_at: license.expires_at(),
            key_id: license.key_id().map(str::to_owned),
        },
        features: platform.features().await?,
    })
}

/// The human-readable form.
pub fn describe(platform: &Platform, report: &StatusReport) -> String {
    let mut out =
        format!("edition: {}\n{}\nfeatures:", report.edition, townhall_core::license::describe(&platform.license()));
    for f in &report.features {
        let state = if f.active {
            "active"
        } else if !f.allowed {
            "not allowed by the licence"
        } else {
            "switched off"
        };
        out.push_str(&format!("\n  {:<28} {:<9} {state}", f.id, f.edition.as_str()));
    }
    out
}
