// SPDX-License-Identifier: AGPL-3.0-only
use serde::{Deserialize, Serialize};

use crate::Plan;

/// The only accepted `iss` claim.
pub const ISSUER: &str = "townhall";

/// The claims of a licence key. Times are seconds since the Unix epoch.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Claims {
    pub iss: String,
    /// The licensee (organisation name).
    pub sub: String,
    /// The licence id.
    pub lid: String,
    pub plan: Plan,
    /// Feature ids granted on top of the plan.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub features: Vec<String>,
    /// Hostnames of the platform's base URL the key is valid for; empty means any.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub hosts: Vec<String>,
    pub iat: i64,
    pub nbf: i64,
    pub exp: i64,
}
