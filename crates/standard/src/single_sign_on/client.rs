// SPDX-License-Identifier: LicenseRef-Townhall-Commercial
//! Talking to an OpenID provider, through the `openidconnect` crate (no JOSE of our own).
//! Discovery fetches the provider's metadata and its current keys afresh for every sign-in,
//! so keys the provider rotated are picked up. The authorisation request carries PKCE (S256),
//! `state` and `nonce`; the code's exchange returns an ID token whose signature is checked
//! against the provider's JWKS, and whose issuer, audience, expiry (with a minute of clock
//! skew), issue time, nonce and access-token hash are checked before any claim is read. The
//! user-info endpoint adds the claims the provider keeps out of the ID token; it must answer
//! for the same subject.
use std::sync::OnceLock;
use std::time::Duration;

use chrono::Utc;
use openidconnect::core::{
    CoreAuthDisplay, CoreAuthPrompt, CoreAuthenticationFlow, CoreErrorResponseType, CoreGenderClaim, CoreJsonWebKey,
    CoreJweContentEncryptionAlgorithm, CoreJwsSigningAlgorithm, CoreProviderMetadata, CoreRevocableToken,
    CoreRevocationErrorResponse, CoreTokenIntrospectionResponse, CoreTokenType,
};
use openidconnect::{
    AccessTokenHash, AdditionalClaims, AuthorizationCode, Client, ClientId, ClientSecret, CsrfToken,
    EmptyExtraTokenFields, EndpointMaybeSet, EndpointNotSet, EndpointSet, IdTokenFields, IssuerUrl, Nonce,
    OAuth2TokenResponse, PkceCodeChallenge, PkceCodeVerifier, RedirectUrl, RequestTokenError, Scope,
    StandardErrorResponse, StandardTokenResponse, TokenResponse, UserInfoClaims,
};
use serde_json::{Map, Value};

use super::model::provider;

/// How far the provider's clock may be off ours when a token's expiry and issue time are
/// checked.
pub const CLOCK_SKEW_SECONDS: i64 = 60;

/// How long a call to the provider may take.
const TIMEOUT: Duration = Duration::from_secs(10);

/// Why talking to the provider failed; the code is the message the resident sees
/// (`error-<code>`), the detail goes to the log.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Failure {
    /// Discovery, the keys or the provider's endpoints could not be reached or read.
    #[error("the provider cannot be reached or answered nonsense: {0}")]
    Unreachable(String),
    /// The provider refused the code (used, expired, or not issued to us).
    #[error("the provider refused the sign-in: {0}")]
    Refused(String),
    /// The ID token failed a check: signature, issuer, audience, expiry, nonce.
    #[error("the provider's ID token was refused: {0}")]
    TokenInvalid(String),
}

impl Failure {
    pub fn code(&self) -> &'static str {
        match self {
            Failure::Unreachable(_) => "sso_provider_unreachable",
            Failure::Refused(_) => "sso_provider_refused",
            Failure::TokenInvalid(_) => "sso_token_invalid",
        }
    }
}

/// Claims besides the standard ones (a city's `area`), kept as they come.
#[derive(Debug, Clone, Default, serde::Deserialize, serde::Serialize)]
pub struct OtherClaims {
    #[serde(flatten)]
    pub rest: Map<String, Value>,
}

impl AdditionalClaims for OtherClaims {}

type IdFields = IdTokenFields<
    OtherClaims,
    EmptyExtraTokenFields,
    CoreGenderClaim,
    CoreJweContentEncryptionAlgorithm,
    CoreJwsSigningAlgorithm,
>;

type OidcClient = Client<
    OtherClaims,
    CoreAuthDisplay,
    CoreGenderClaim,
    CoreJweContentEncryptionAlgorithm,
    CoreJsonWebKey,
    CoreAuthPrompt,
    StandardErrorResponse<CoreErrorResponseType>,
    StandardTokenResponse<IdFields, CoreTokenType>,
    CoreTokenIntrospectionResponse,
    CoreRevocableToken,
    CoreRevocationErrorResponse,
    EndpointSet,
    EndpointNotSet,
    EndpointNotSet,
    EndpointNotSet,
    EndpointMaybeSet,
    EndpointMaybeSet,
>;

/// One HTTP client for every provider. It follows no redirect: a provider that answers with
/// one could otherwise send our requests anywhere.
fn http() -> Result<&'static reqwest::Client, Failure> {
    static CLIENT: OnceLock<reqwest::Client> = OnceLock::new();
    if let Some(client) = CLIENT.get() {
        return Ok(client);
    }
    let built = reqwest::Client::builder()
        .timeout(TIMEOUT)
        .redirect(reqwest::redirect::Policy::none())
        .user_agent(concat!("Townhall/", env!("CARGO_PKG_VERSION")))
        .build()
        .map_err(|e| Failure::Unreachable(format!("cannot build the HTTP client: {e}")))?;
    Ok(CLIENT.get_or_init(|| built))
}

/// The provider's metadata and keys, read now.
pub async fn discover(issuer: &str) -> Result<CoreProviderMetadata, Failure> {
    let issuer = IssuerUrl::new(issuer.to_owned()).map_err(|e| Failure::Unreachable(format!("issuer: {e}")))?;
    CoreProviderMetadata::discover_async(issuer, http()?).await.map_err(|e| Failure::Unreachable(describe(&e)))
}

async fn client(found: &provider::Model, redirect: &str) -> Result<OidcClient, Failure> {
    let metadata = discover(&found.issuer).await?;
    let redirect = RedirectUrl::new(redirect.to_owned()).map_err(|e| Failure::Unreachable(format!("redirect: {e}")))?;
    let secret = (!found.client_secret.is_empty()).then(|| ClientSecret::new(found.client_secret.clone()));
    Ok(OidcClient::from_provider_metadata(metadata, ClientId::new(found.client_id.clone()), secret)
        .set_redirect_uri(redirect))
}

/// A sign-in to send the browser to: the provider's address and the secrets to keep until the
/// browser comes back.
#[derive(Debug, Clone)]
pub struct Authorization {
    pub url: String,
    pub state: String,
    pub nonce: String,
    pub pkce_verifier: String,
}

/// The authorisation request for `found`, coming back to `redirect`.
pub async fn authorization(found: &provider::Model, redirect: &str) -> Result<Authorization, Failure> {
    let client = client(found, redirect).await?;
    let (challenge, verifier) = PkceCodeChallenge::new_random_sha256();
    let mut request =
        client.authorize_url(CoreAuthenticationFlow::AuthorizationCode, CsrfToken::new_random, Nonce::new_random);
    // `openid` is always asked for by the crate itself.
    for scope in found.scopes.split_whitespace().filter(|s| *s != "openid") {
        request = request.add_scope(Scope::new(scope.to_owned()));
    }
    let (url, state, nonce) = request.set_pkce_challenge(challenge).url();
    Ok(Authorization {
        url: url.to_string(),
        state: state.secret().clone(),
        nonce: nonce.secret().clone(),
        pkce_verifier: verifier.secret().clone(),
    })
}

/// Who the provider says signed in: its issuer, their subject and every claim (the ID token's
/// over the user-info endpoint's).
#[derive(Debug, Clone, PartialEq)]
pub struct Identity {
    pub issuer: String,
    pub subject: String,
    pub claims: Map<String, Value>,
}

impl Identity {
    /// A claim as text (`address.locality` reads into an object); numbers and booleans as they
    /// print.
    pub fn claim(&self, name: &str) -> Option<String> {
        let mut parts = name.split('.');
        let mut value = self.claims.get(parts.next()?)?;
        for part in parts {
            value = value.get(part)?;
        }
        match value {
            Value::String(s) => Some(s.trim().to_owned()).filter(|s| !s.is_empty()),
            Value::Number(n) => Some(n.to_string()),
            Value::Bool(b) => Some(b.to_string()),
            _ => None,
        }
    }

    /// The address, if the provider gave one.
    pub fn email(&self) -> Option<String> {
        self.claim("email")
    }

    /// Whether the provider asserted that the address is the person's.
    pub fn email_verified(&self) -> bool {
        matches!(self.claims.get("email_verified"), Some(Value::Bool(true)))
            || matches!(self.claims.get("email_verified"), Some(Value::String(s)) if s == "true")
    }
}

/// Exchanges the code of the flow started with `nonce` and `pkce_verifier`, and checks what
/// comes back.
pub async fn identity(
    found: &provider::Model,
    redirect: &str,
    code: &str,
    nonce: &str,
    pkce_verifier: &str,
) -> Result<Identity, Failure> {
    let client = client(found, redirect).await?;
    let exchange = client
        .exchange_code(AuthorizationCode::new(code.to_owned()))
        .map_err(|e| Failure::Unreachable(e.to_string()))?;
    let tokens = exchange
        .set_pkce_verifier(PkceCodeVerifier::new(pkce_verifier.to_owned()))
        .request_async(http()?)
        .await
        .map_err(|e| match e {
            RequestTokenError::ServerResponse(answer) => Failure::Refused(answer.error().to_string()),
            other => Failure::Unreachable(describe(&other)),
        })?;
    let id_token = tokens.id_token().ok_or_else(|| Failure::TokenInvalid("no ID token".into()))?;
    let skew = chrono::Duration::seconds(CLOCK_SKEW_SECONDS);
    let verifier = client
        .id_token_verifier()
        // A token that expired less than the skew ago still counts…
        .set_time_fn(move || Utc::now() - skew)
        // …and one issued later than the skew from now does not.
        .set_issue_time_verifier_fn(move |issued| {
            if issued > Utc::now() + skew { Err(format!("issued in the future ({issued})")) } else { Ok(()) }
        });
    let claims =
        id_token.claims(&verifier, &Nonce::new(nonce.to_owned())).map_err(|e| Failure::TokenInvalid(e.to_string()))?;
    if let Some(expected) = claims.access_token_hash() {
        let signing = |e: openidconnect::SignatureVerificationError| Failure::TokenInvalid(e.to_string());
        let actual = AccessTokenHash::from_token(
            tokens.access_token(),
            id_token.signing_alg().map_err(signing)?,
            id_token.signing_key(&verifier).map_err(signing)?,
        )
        .map_err(|e| Failure::TokenInvalid(e.to_string()))?;
        if actual != *expected {
            return Err(Failure::TokenInvalid("the access token does not match its hash".into()));
        }
    }
    let subject = claims.subject().clone();
    let mut all = Map::new();
    if client.user_info_url().is_some() {
        let request = client
            .user_info(tokens.access_token().clone(), Some(subject.clone()))
            .map_err(|e| Failure::Unreachable(e.to_string()))?;
        let info: UserInfoClaims<OtherClaims, CoreGenderClaim> =
            request.request_async(http()?).await.map_err(|e| Failure::Unreachable(describe(&e)))?;
        if let Ok(Value::Object(map)) = serde_json::to_value(&info) {
            all.extend(map);
        }
    }
    // The ID token is signed: where both speak, it wins.
    if let Ok(Value::Object(map)) = serde_json::to_value(claims) {
        all.extend(map);
    }
    Ok(Identity { issuer: claims.issuer().to_string(), subject: subject.to_string(), claims: all })
}

/// An error with its causes, for the log.
fn describe(e: &dyn std::error::Error) -> String {
    let mut text = e.to_string();
    let mut source = e.source();
    while let Some(cause) = source {
        text.push_str(": ");
        text.push_str(&cause.to_string());
        source = cause.source();
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn claims_are_read_by_name_and_path() {
        let claims = serde_json::json!({
            "email": "ana@example.org", "email_verified": true, "birth_year": 1985,
            "address": { "locality": "Ghent" }, "name": "  ", "list": ["x"],
        });
        let identity = Identity {
            issuer: "https://id.example".into(),
            subject: "s".into(),
            claims: claims.as_object().cloned().unwrap_or_default(),
        };
        assert_eq!(identity.email().as_deref(), Some("ana@example.org"));
        assert!(identity.email_verified());
        assert_eq!(identity.claim("birth_year").as_deref(), Some("1985"));
        assert_eq!(identity.claim("address.locality").as_deref(), Some("Ghent"));
        assert_eq!(identity.claim("name"), None, "blank is no answer");
        assert_eq!(identity.claim("list"), None);
        assert_eq!(identity.claim("missing.path"), None);
        let unverified = Identity { claims: Map::new(), ..identity };
        assert!(!unverified.email_verified());
    }
}
