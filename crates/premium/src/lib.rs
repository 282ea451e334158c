// SPDX-License-Identifier: LicenseRef-Townhall-Commercial
//! Townhall Premium edition (source-available, see LICENSE-COMMERCIAL). Compiled only with the
//! server's `premium` feature, which also brings Standard; active only with a Premium licence
//! (or a licence that lists the feature).
use townhall_core::{Edition, feature_module};

pub mod api_tokens;
pub mod identity_verification;
mod migrations;
pub mod webhooks;

pub use api_tokens::ApiTokens;
pub use identity_verification::IdentityVerification;
pub use webhooks::Webhooks;

feature_module!(
    /// Groups whose membership follows rules.
    SmartGroups,
    "smart_groups",
    Edition::Premium,
    "Rule-based smart groups"
);

townhall_core::edition_modules! {
    query: "PremiumQuery", mutation: "PremiumMutation";
    SmartGroups,
    IdentityVerification,
    ApiTokens,
    Webhooks,
}
