// SPDX-License-Identifier: LicenseRef-Townhall-Commercial
//! API tokens in the API (administrators, with the Premium licence). Tokens are managed only
//! by a signed-in person: a request made with an API token cannot create or revoke tokens.
use async_graphql::{Context, Enum, ID, Object, SimpleObject};
use chrono::{DateTime, Utc};
use townhall_core::actor::ApiClient;
use townhall_core::graphql::{Page, actor, id_cursor, id_number, page_size, paged, platform, require_feature, to_gql};
use townhall_core::{CoreError, Platform};

use super::service::{self, Listed, NewToken};
use super::{FEATURE, model::token_use};

/// What a token may do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Enum)]
pub enum ApiTokenScope {
    /// Queries only, without personal data: e-mail addresses, the account the token acts as,
    /// the audit log and member lists answer null, or the error `personal_data_scope` where
    /// null cannot stand. The default.
    ReadPublic,
    /// Queries only, personal data included as its creator may read it.
    Read,
    /// Queries and mutations.
    ReadWrite,
}

impl ApiTokenScope {
    fn stored(self) -> &'static str {
        match self {
            ApiTokenScope::ReadPublic => service::READ_PUBLIC,
            ApiTokenScope::Read => service::READ,
            ApiTokenScope::ReadWrite => service::READ_WRITE,
        }
    }

    fn of(stored: &str) -> Self {
        match stored {
            service::READ_WRITE => ApiTokenScope::ReadWrite,
            service::READ => ApiTokenScope::Read,
            _ => ApiTokenScope::ReadPublic,
        }
    }
}

pub struct ApiToken(Listed);

/// One accepted request made with a token.
#[derive(SimpleObject)]
pub struct ApiTokenUse {
    used_at: DateTime<Utc>,
    /// The caller's address.
    client: String,
}

/// A new token and its secret, which is shown this once.
#[derive(SimpleObject)]
pub struct CreatedApiToken {
    token: ApiToken,
    /// Send as `Authorization: Bearer <secret>`. Only a hash is kept: it cannot be shown again.
    secret: String,
}

#[Object]
impl ApiToken {
    async fn id(&self) -> ID {
        ID(self.0.token.id.to_string())
    }

    async fn name(&self) -> &str {
        &self.0.token.name
    }

    async fn scope(&self) -> ApiTokenScope {
        ApiTokenScope::of(&self.0.token.scope)
    }

    /// The secret's first characters, to tell tokens apart.
    async fn hint(&self) -> &str {
        &self.0.token.hint
    }

    async fn requests_per_minute(&self) -> i32 {
        self.0.token.requests_per_minute
    }

    /// The administrator the token acts as (none once their account is deleted).
    async fn created_by(&self) -> Option<&str> {
        self.0.creator.as_deref()
    }

    async fn created_at(&self) -> DateTime<Utc> {
        self.0.token.created_at
    }

    async fn last_used_at(&self) -> Option<DateTime<Utc>> {
        self.0.token.last_used_at
    }

    async fn revoked_at(&self) -> Option<DateTime<Utc>> {
        self.0.token.revoked_at
    }

    /// The accepted requests, newest first (kept 90 days).
    async fn uses(
        &self,
        ctx: &Context<'_>,
        #[graphql(default = 50, desc = "1 to 100.")] first: i64,
        after: Option<String>,
    ) -> async_graphql::Result<Page<ApiTokenUse>> {
        let first = page_size(first)?;
        let after = id_cursor(after.as_deref())?;
        let mut found =
            service::uses(platform(ctx)?, actor(ctx), self.0.token.id, after, first + 1).await.map_err(to_gql)?;
        let more = found.len() as u64 > first;
        found.truncate(first as usize);
        let rows = found
            .into_iter()
            .map(|u: token_use::Model| (u.id.to_string(), ApiTokenUse { used_at: u.used_at, client: u.client }));
        Ok(paged(rows, more))
    }
}

/// Token management needs the feature and a person signed in, not another token.
async fn managing<'a>(ctx: &Context<'a>) -> async_graphql::Result<&'a Platform> {
    require_feature(ctx, FEATURE).await?;
    if ctx.data_opt::<ApiClient>().is_some() {
        return Err(to_gql(CoreError::Forbidden));
    }
    platform(ctx)
}

#[derive(Default)]
pub struct TokensQuery;

#[Object]
impl TokensQuery {
    /// Every API token, newest first (administrators; needs the Premium licence's `api_tokens`).
    async fn api_tokens(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<ApiToken>> {
        let all = service::tokens(managing(ctx).await?, actor(ctx)).await.map_err(to_gql)?;
        Ok(all.into_iter().map(ApiToken).collect())
    }

    async fn api_token(&self, ctx: &Context<'_>, id: ID) -> async_graphql::Result<ApiToken> {
        let id = id_number(&id, "api_token")?;
        Ok(ApiToken(service::token(managing(ctx).await?, actor(ctx), id).await.map_err(to_gql)?))
    }
}

#[derive(Default)]
pub struct TokensMutation;

#[Object]
impl TokensMutation {
    /// Creates a token that acts as you, with `scope` (default `READ_PUBLIC`: queries without
    /// personal data), limited to `requestsPerMinute` (default 600, at most 6,000). The answer
    /// holds its secret, shown this once.
    async fn create_api_token(
        &self,
        ctx: &Context<'_>,
        name: String,
        #[graphql(default_with = "ApiTokenScope::ReadPublic")] scope: ApiTokenScope,
        requests_per_minute: Option<i32>,
    ) -> async_graphql::Result<CreatedApiToken> {
        let platform = managing(ctx).await?;
        let new = NewToken {
            name,
            scope: scope.stored().to_owned(),
            requests_per_minute: requests_per_minute.unwrap_or(service::DEFAULT_RATE),
        };
        let (created, secret) = service::create(platform, actor(ctx), new).await.map_err(to_gql)?;
        let listed = service::token(platform, actor(ctx), created.id).await.map_err(to_gql)?;
        Ok(CreatedApiToken { token: ApiToken(listed), secret })
    }

    /// Revokes a token for good: requests with it are refused from now on.
    async fn revoke_api_token(&self, ctx: &Context<'_>, id: ID) -> async_graphql::Result<ApiToken> {
        let platform = managing(ctx).await?;
        let id = id_number(&id, "api_token")?;
        service::revoke(platform, actor(ctx), id).await.map_err(to_gql)?;
        Ok(ApiToken(service::token(platform, actor(ctx), id).await.map_err(to_gql)?))
    }
}
