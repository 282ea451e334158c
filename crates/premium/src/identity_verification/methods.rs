// SPDX-License-Identifier: LicenseRef-Townhall-Commercial
//! The framework of verification methods. A method turns what the resident proves into an
//! identity key (or refuses); the service then ties that key to one account. Form methods ask
//! a few fields (the census list); provider methods send the resident to an identity provider
//! that administrators configured (an eID, FranceConnect, itsme: Standard's sign-in providers
//! for verification), whose signed answer names the person (see `oidc.rs`).
use std::collections::BTreeMap;

use townhall_core::{CoreError, CoreResult, Platform, async_trait};

use super::census;
use super::model::census as census_table;

/// The kind of input a field takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FieldKind {
    Text,
    Date,
}

/// A field of a method's form; its label is the message `verification-field-<name>`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct MethodField {
    pub name: &'static str,
    pub kind: FieldKind,
}

#[async_trait]
pub trait VerificationMethod: Send + Sync {
    /// A stable id, stored with each verification.
    fn id(&self) -> &'static str;

    fn fields(&self) -> &'static [MethodField];

    /// The identity key the answers prove, or why not (`identity_not_found`, a field error).
    async fn identity(&self, platform: &Platform, answers: &BTreeMap<String, String>) -> CoreResult<String>;
}

/// The census list: an identifier and a date of birth that are on the uploaded list.
#[derive(Debug, Default)]
pub struct CensusList;

pub const CENSUS: &str = "census";

#[async_trait]
impl VerificationMethod for CensusList {
    fn id(&self) -> &'static str {
        CENSUS
    }

    fn fields(&self) -> &'static [MethodField] {
        &[
            MethodField { name: "identifier", kind: FieldKind::Text },
            MethodField { name: "date_of_birth", kind: FieldKind::Date },
        ]
    }

    async fn identity(&self, platform: &Platform, answers: &BTreeMap<String, String>) -> CoreResult<String> {
        use sea_orm::EntityTrait;
        let identifier = answers.get("identifier").map(String::as_str).unwrap_or_default();
        if census::normalized_identifier(identifier).is_empty() {
            return Err(CoreError::Field { field: "identifier", code: "identifier_required" });
        }
        let born = answers
            .get("date_of_birth")
            .and_then(|d| census::parsed_date(d))
            .ok_or(CoreError::Field { field: "date_of_birth", code: "date_of_birth_invalid" })?;
        let hash = census::identity_hash(platform, identifier, born);
        let listed = census_table::Entity::find_by_id(hash.clone()).one(platform.db()).await?;
        listed.map(|_| hash).ok_or(CoreError::Field { field: "identifier", code: "identity_not_found" })
    }
}

/// The method id of a verification through the identity provider `slug`.
pub fn provider_method(slug: &str) -> String {
    format!("oidc:{slug}")
}

/// The stored form of a provider's person: HMAC-SHA256 of the issuer and the subject, keyed
/// with the server's secret like census entries (decision 0016), so the database alone does not
/// name the person at the provider.
pub fn provider_identity(platform: &Platform, issuer: &str, subject: &str) -> String {
    platform.sessions().sign("oidc", &format!("{issuer}|{subject}"))
}

/// Every form method this build offers.
pub fn all() -> Vec<Box<dyn VerificationMethod>> {
    vec![Box::new(CensusList)]
}
