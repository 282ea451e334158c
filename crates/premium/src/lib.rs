// SPDX-License-Identifier: LicenseRef-Townhall-Commercial
//! Townhall Premium edition (source-available, see LICENSE-COMMERCIAL). Compiled only with the
//! server's `premium` feature, which also brings Standard; active only with a Premium licence
//! (or a licence that lists the feature).
use townhall_core::{Edition, feature_module};

pub mod api_tokens;
mod migrations;

pub use api_tokens::ApiTokens;

feature_module!(
    /// Groups whose membership follows rules.
    SmartGroups,
    "smart_groups",
    Edition::Premium,
    "Rule-based smart groups"
);
feature_module!(
    /// Identity verification methods, starting with a census list.
    IdentityVerification,
    "identity_verification",
    Edition::Premium,
    "Identity verification (census list)"
);
feature_module!(
    /// Signed webhooks for platform events.
    Webhooks,
    "webhooks",
    Edition::Premium,
    "Signed webhooks"
);

townhall_core::edition_modules! {
    query: "PremiumQuery", mutation: "PremiumMutation";
    SmartGroups,
    IdentityVerification,
    ApiTokens,
    Webhooks,
}
