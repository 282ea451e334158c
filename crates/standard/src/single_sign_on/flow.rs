// SPDX-License-Identifier: LicenseRef-Townhall-Commercial
//! Sign-ins under way. Starting one keeps its secrets (the nonce, the PKCE verifier, where to
//! go afterwards) in a row named by a hash of its `state`, bound to the browser by a random
//! cookie (only its hash is stored). The provider's answer takes the row away whatever comes
//! of it: a callback counts once, so a replayed one finds nothing; and it must come back to
//! the browser that started it, for the provider it started with, within ten minutes.
use chrono::{Duration, Utc};
use rand::RngCore;
use sea_orm::{ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter};
use sha2::{Digest, Sha256};
use townhall_core::{CoreError, Platform, db};

use super::client::{self, Failure};
use super::model::{flow, provider};
use super::providers;

/// The cookie that ties a sign-in to the browser that started it.
pub const COOKIE: &str = "townhall_sso";

/// How long the browser has to come back from the provider.
pub const LIFETIME_MINUTES: i64 = 10;

/// What a sign-in is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    /// Signing in (or up).
    SignIn,
    /// Adding the provider to the signed-in account.
    Link,
    /// Verifying the signed-in resident's identity (Premium).
    Verify,
}

impl Purpose {
    pub fn as_str(self) -> &'static str {
        match self {
            Purpose::SignIn => "sign_in",
            Purpose::Link => "link",
            Purpose::Verify => "verify",
        }
    }
}

fn digest(secret: &str) -> String {
    hex::encode(Sha256::digest(secret.as_bytes()))
}

/// The browser's flow secret: the one its cookie carries (several tabs may sign in at once),
/// or a new one.
fn browser_secret(existing: Option<&str>) -> String {
    match existing {
        Some(s) if s.len() == 64 && s.chars().all(|c| c.is_ascii_hexdigit()) => s.to_owned(),
        _ => {
            let mut bytes = [0u8; 32];
            rand::rngs::OsRng.fill_bytes(&mut bytes);
            hex::encode(bytes)
        }
    }
}

/// `Set-Cookie` for the flow secret: HttpOnly, and `SameSite=Lax`, which a browser sends on
/// the top-level GET that brings it back from the provider.
fn cookie(platform: &Platform, secret: &str) -> String {
    let secure = if platform.is_https() { "; Secure" } else { "" };
    let max_age = Duration::minutes(LIFETIME_MINUTES).num_seconds();
    format!("{COOKIE}={secret}; Path=/; Max-Age={max_age}; HttpOnly; SameSite=Lax{secure}")
}

/// The flow cookie's value among the request's cookies.
pub fn cookie_value(headers: &axum::http::HeaderMap) -> Option<String> {
    headers
        .get_all(axum::http::header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .find_map(|c| c.trim().strip_prefix(COOKIE)?.strip_prefix('=').map(str::to_owned))
}

/// Where to send the browser, and the cookie to set on the way.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Started {
    pub location: String,
    pub cookie: String,
}

/// Why a flow could not start or finish.
#[derive(Debug, thiserror::Error)]
pub enum FlowError {
    #[error(transparent)]
    Provider(#[from] Failure),
    #[error(transparent)]
    Core(#[from] CoreError),
}

impl FlowError {
    pub fn code(&self) -> &'static str {
        match self {
            FlowError::Provider(f) => f.code(),
            FlowError::Core(e) => e.code(),
        }
    }
}

impl From<sea_orm::DbErr> for FlowError {
    fn from(e: sea_orm::DbErr) -> Self {
        FlowError::Core(e.into())
    }
}

/// Starts a flow with `found` for `purpose` (`user_id` is the signed-in account when linking
/// or verifying); `browser` is the flow cookie the request carried. Expired flows go.
pub async fn start(
    platform: &Platform,
    found: &provider::Model,
    purpose: Purpose,
    user_id: Option<i32>,
    next: Option<String>,
    browser: Option<&str>,
) -> Result<Started, FlowError> {
    let redirect = providers::callback_url(platform, found);
    let authorization = client::authorization(found, &redirect).await?;
    let secret = browser_secret(browser);
    let now = Utc::now();
    let txn = db::begin_write(platform.db()).await?;
    flow::Entity::delete_many().filter(flow::Column::ExpiresAt.lt(now)).exec(&txn).await?;
    flow::Entity::insert(flow::ActiveModel {
        state_hash: Set(digest(&authorization.state)),
        browser_hash: Set(digest(&secret)),
        provider_id: Set(found.id),
        purpose: Set(purpose.as_str().to_owned()),
        user_id: Set(user_id),
        nonce: Set(authorization.nonce),
        pkce_verifier: Set(authorization.pkce_verifier),
        next: Set(next),
        expires_at: Set(now + Duration::minutes(LIFETIME_MINUTES)),
    })
    .exec(&txn)
    .await?;
    txn.commit().await?;
    Ok(Started { location: authorization.url, cookie: cookie(platform, &secret) })
}

/// What the provider's answer brings back to the server.
#[derive(Debug, Clone, Default, serde::Deserialize)]
pub struct Callback {
    pub state: Option<String>,
    pub code: Option<String>,
    /// RFC 9207: the provider that answers names itself.
    pub iss: Option<String>,
    /// The provider did not sign the person in (they cancelled, or it refused).
    pub error: Option<String>,
}

/// A flow that came back, and its provider.
#[derive(Debug, Clone)]
pub struct Returned {
    pub flow: flow::Model,
    pub provider: provider::Model,
}

fn invalid() -> FlowError {
    FlowError::Core(CoreError::Field { field: "state", code: "sso_flow_invalid" })
}

/// Takes the flow that `answer` names away (whatever follows), and checks that it belongs to
/// the provider `slug`, to one of `purposes`, to this browser and to now.
pub async fn take(
    platform: &Platform,
    slug: &str,
    purposes: &[Purpose],
    answer: &Callback,
    browser: Option<&str>,
) -> Result<Returned, FlowError> {
    let state = answer.state.as_deref().filter(|s| !s.is_empty()).ok_or_else(invalid)?;
    let key = digest(state);
    let txn = db::begin_write(platform.db()).await?;
    let found = flow::Entity::find_by_id(key.clone()).one(&txn).await?;
    let taken = flow::Entity::delete_by_id(key).exec(&txn).await?.rows_affected;
    txn.commit().await?;
    let found = found.filter(|_| taken == 1).ok_or_else(invalid)?;
    let same_browser = browser.is_some_and(|b| digest(b) == found.browser_hash);
    let provider = provider::Entity::find_by_id(found.provider_id).one(platform.db()).await?.ok_or_else(invalid)?;
    if !same_browser
        || found.expires_at < Utc::now()
        || provider.slug != slug
        || !purposes.iter().any(|p| p.as_str() == found.purpose)
    {
        tracing::info!(same_browser, provider = %slug, "a sign-in callback that no flow of this browser expects");
        return Err(invalid());
    }
    // The provider that answers must be the one asked (mix-up defence, RFC 9207).
    if answer.iss.as_deref().is_some_and(|iss| iss != provider.issuer) {
        tracing::warn!(provider = %slug, "a sign-in callback names another issuer");
        return Err(FlowError::Provider(Failure::TokenInvalid("the answer names another issuer".into())));
    }
    if let Some(error) = &answer.error {
        let code = if error == "access_denied" { "sso_cancelled" } else { "sso_provider_refused" };
        tracing::info!(provider = %slug, %error, "the provider did not sign the person in");
        return Err(FlowError::Core(CoreError::Field { field: "provider", code }));
    }
    Ok(Returned { flow: found, provider })
}

/// The identity the returned flow's code proves, checked (see [`client::identity`]).
pub async fn identity(
    platform: &Platform,
    returned: &Returned,
    answer: &Callback,
) -> Result<client::Identity, FlowError> {
    let code = answer.code.as_deref().filter(|c| !c.is_empty()).ok_or_else(invalid)?;
    let redirect = providers::callback_url(platform, &returned.provider);
    let found = &returned.flow;
    Ok(client::identity(&returned.provider, &redirect, code, &found.nonce, &found.pkce_verifier).await?)
}
