// SPDX-License-Identifier: LicenseRef-Townhall-Commercial
//! Townhall Premium edition (source-available, see LICENSE-COMMERCIAL). Compiled only with the
//! server's `premium` feature, which also brings Standard; active only with a Premium licence
//! (or a licence that lists the feature).
pub mod api_tokens;
pub mod identity_verification;
mod migrations;
pub mod smart_groups;
pub mod webhooks;

pub use api_tokens::ApiTokens;
pub use identity_verification::IdentityVerification;
pub use smart_groups::SmartGroups;
pub use webhooks::Webhooks;

townhall_core::edition_modules! {
    query: "PremiumQuery", mutation: "PremiumMutation";
    tables: "premium_tables", townhall_core::Edition::Premium, migrations::PremiumMigrator;
    SmartGroups,
    IdentityVerification,
    ApiTokens,
    Webhooks,
}
