// SPDX-License-Identifier: LicenseRef-Townhall-Commercial
//! Identity verification in the API: residents verify themselves; administrators read and
//! replace the census list (large lists go through the back office, which takes files).
use std::collections::BTreeMap;

use async_graphql::{Context, ErrorExtensions, Json, Object, SimpleObject};
use chrono::{DateTime, Utc};
use townhall_core::graphql::{actor, platform, require_feature, to_gql};

use super::FEATURE;
use super::methods;
use super::service::{self, CensusOutcome};

/// A verification method and the fields it asks.
#[derive(SimpleObject)]
pub struct VerificationMethodInfo {
    id: &'static str,
    /// Field names; each is a key of `answers` in `verifyIdentity`.
    fields: Vec<&'static str>,
}

#[derive(SimpleObject)]
pub struct IdentityVerificationResult {
    method: String,
    verified_at: DateTime<Utc>,
}

#[derive(SimpleObject)]
pub struct CensusStatus {
    identities: u64,
    verified_accounts: u64,
    updated_at: Option<DateTime<Utc>>,
}

#[derive(SimpleObject)]
pub struct CensusUpload {
    /// Distinct identities now on the list.
    identities: i32,
    /// Lines that repeated an identity named above.
    repeated: i32,
}

#[derive(Default)]
pub struct VerificationQuery;

#[Object]
impl VerificationQuery {
    /// The ways residents can verify their identity (needs the Premium licence's
    /// `identity_verification`).
    async fn verification_methods(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<VerificationMethodInfo>> {
        require_feature(ctx, FEATURE).await?;
        Ok(methods::all()
            .iter()
            .map(|m| VerificationMethodInfo { id: m.id(), fields: m.fields().iter().map(|f| f.name).collect() })
            .collect())
    }

    /// The census list's size and use (administrators).
    async fn census(&self, ctx: &Context<'_>) -> async_graphql::Result<CensusStatus> {
        require_feature(ctx, FEATURE).await?;
        let state = service::census_state(platform(ctx)?, actor(ctx)).await.map_err(to_gql)?;
        Ok(CensusStatus {
            identities: state.identities,
            verified_accounts: state.verified_accounts,
            updated_at: state.updated_at,
        })
    }
}

#[derive(Default)]
pub struct VerificationMutation;

#[Object]
impl VerificationMutation {
    /// Verifies the signed-in resident with `method` (`census`: `identifier` and
    /// `date_of_birth` as YYYY-MM-DD). Errors: `identity_not_found`, `identity_taken`,
    /// `throttled` after repeated failures.
    async fn verify_identity(
        &self,
        ctx: &Context<'_>,
        method: String,
        answers: Json<BTreeMap<String, String>>,
    ) -> async_graphql::Result<IdentityVerificationResult> {
        require_feature(ctx, FEATURE).await?;
        let done = service::verify(platform(ctx)?, actor(ctx), &method, &answers.0).await.map_err(to_gql)?;
        Ok(IdentityVerificationResult { method: done.method, verified_at: done.verified_at })
    }

    /// Replaces the census list with `csv` (`identifier,date of birth` per line, optional
    /// header). A file with a bad line changes nothing: the error `census_invalid_lines`
    /// names the first ones in `lines`.
    async fn replace_census(&self, ctx: &Context<'_>, csv: String) -> async_graphql::Result<CensusUpload> {
        require_feature(ctx, FEATURE).await?;
        match service::replace_census(platform(ctx)?, actor(ctx), &csv).await.map_err(to_gql)? {
            CensusOutcome::Stored(report) => {
                Ok(CensusUpload { identities: report.identities as i32, repeated: report.repeated as i32 })
            }
            CensusOutcome::BadLines { first, count } => {
                let lines: Vec<async_graphql::Value> =
                    first.iter().map(|l| async_graphql::Value::from(*l as i32)).collect();
                Err(async_graphql::Error::new(format!("{count} lines are not an identifier and a date of birth"))
                    .extend_with(|_, e| {
                        e.set("code", "census_invalid_lines");
                        e.set("lines", async_graphql::Value::List(lines.clone()));
                        e.set("count", count as i32);
                    }))
            }
        }
    }
}
