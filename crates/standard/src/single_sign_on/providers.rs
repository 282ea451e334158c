// SPDX-License-Identifier: LicenseRef-Townhall-Commercial
//! The providers administrators configure, and who may still sign in with a password. A
//! provider's configuration can be tested from the back office: discovery is run and what the
//! provider announces is shown. Deleting a provider deletes its links (accounts stay, and
//! their owners can set a password with a reset link) and the sign-ins under way with it.
use std::collections::BTreeMap;

use chrono::Utc;
use sea_orm::sea_query::OnConflict;
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use serde_json::json;
use townhall_core::modules::accounts::audit;
use townhall_core::{Actor, CoreError, CoreResult, PasswordSignIn, Platform, db};

use super::FEATURE;
use super::client;
use super::model::{link, provider, setting};

/// What a provider is for.
pub const SIGN_IN: &str = "sign_in";
/// Premium's identity verification through the provider.
pub const VERIFICATION: &str = "verification";
pub const PURPOSES: [&str; 2] = [SIGN_IN, VERIFICATION];

/// The scopes a new provider asks for.
pub const DEFAULT_SCOPES: &str = "openid email profile";

/// What the provider's claims can fill besides the registration questions.
pub const PROFILE_TARGETS: [&str; 2] = ["display_name", "locale"];

/// What an administrator writes about a provider. An empty secret keeps the stored one.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ProviderInput {
    pub slug: String,
    pub label: String,
    pub issuer: String,
    pub client_id: String,
    pub client_secret: String,
    pub scopes: String,
    pub purpose: String,
    /// What fills what: `display_name`, `locale` or a registration question (`field_12`) →
    /// the claim (`name`, `address.locality`).
    pub claims: BTreeMap<String, String>,
}

async fn admin(platform: &Platform, actor: &Actor) -> CoreResult<()> {
    platform.require_admin_of(FEATURE, actor).await
}

fn field(field: &'static str, code: &'static str) -> CoreError {
    CoreError::Field { field, code }
}

/// The address the provider sends the browser back to, after a sign-in (or, for a
/// verification provider, a verification) started with `slug`.
pub fn callback_path(found: &provider::Model) -> String {
    if found.purpose == VERIFICATION {
        format!("/verify/oidc/{}/callback", found.slug)
    } else {
        format!("/auth/oidc/{}/callback", found.slug)
    }
}

/// [`callback_path`] as a whole address, as the provider must know it.
pub fn callback_url(platform: &Platform, found: &provider::Model) -> String {
    format!("{}{}", platform.base_url().trim_end_matches('/'), callback_path(found))
}

/// A provider's address must be `https://`, or `http://` to this machine (development, tests).
fn checked_issuer(raw: &str) -> CoreResult<String> {
    let raw = raw.trim();
    let url = url::Url::parse(raw).map_err(|_| field("issuer", "sso_issuer_invalid"))?;
    let loopback = matches!(url.host_str(), Some("localhost" | "127.0.0.1" | "[::1]"));
    let fits = (url.scheme() == "https" || (url.scheme() == "http" && loopback))
        && url.query().is_none()
        && url.fragment().is_none()
        && url.username().is_empty()
        && raw.len() <= 500;
    if fits { Ok(raw.to_owned()) } else { Err(field("issuer", "sso_issuer_invalid")) }
}

fn is_token(s: &str, extra: &[char]) -> bool {
    !s.is_empty() && s.chars().all(|c| c.is_ascii_alphanumeric() || extra.contains(&c))
}

/// Checks `input`; `questions` are the registration questions' names a claim may fill.
fn checked(mut input: ProviderInput, questions: &[String]) -> CoreResult<ProviderInput> {
    input.slug = input.slug.trim().to_lowercase();
    if input.slug.len() > 40 || !is_token(&input.slug, &['-']) {
        return Err(field("slug", "sso_slug_invalid"));
    }
    input.label = input.label.trim().to_owned();
    if input.label.is_empty() || input.label.chars().count() > 60 || input.label.chars().any(char::is_control) {
        return Err(field("label", "sso_label_invalid"));
    }
    input.issuer = checked_issuer(&input.issuer)?;
    input.client_id = input.client_id.trim().to_owned();
    if input.client_id.is_empty() || input.client_id.len() > 255 || input.client_id.chars().any(char::is_control) {
        return Err(field("client_id", "sso_client_id_invalid"));
    }
    input.client_secret = input.client_secret.trim().to_owned();
    if input.client_secret.len() > 1000 || input.client_secret.chars().any(char::is_control) {
        return Err(field("client_secret", "sso_client_secret_invalid"));
    }
    let scopes: Vec<&str> = input.scopes.split_whitespace().collect();
    let scopes = if scopes.is_empty() { DEFAULT_SCOPES.split(' ').collect() } else { scopes };
    if scopes.len() > 20 || !scopes.iter().all(|s| s.len() <= 100 && is_token(s, &['_', '-', ':', '.', '/'])) {
        return Err(field("scopes", "sso_scopes_invalid"));
    }
    let mut ordered = vec!["openid"];
    ordered.extend(scopes.into_iter().filter(|s| *s != "openid"));
    input.scopes = ordered.join(" ");
    if !PURPOSES.contains(&input.purpose.as_str()) {
        return Err(field("purpose", "sso_purpose_invalid"));
    }
    let mut claims = BTreeMap::new();
    for (target, claim) in input.claims {
        let claim = claim.trim().to_owned();
        if claim.is_empty() {
            continue;
        }
        let known = PROFILE_TARGETS.contains(&target.as_str()) || questions.contains(&target);
        if !known || claim.len() > 100 || !is_token(&claim, &['_', '-', ':', '.']) {
            return Err(field("claims", "sso_claim_invalid"));
        }
        claims.insert(target, claim);
    }
    input.claims = claims;
    Ok(input)
}

/// What a provider's claims map says, read from its stored JSON.
pub fn claim_map(found: &provider::Model) -> BTreeMap<String, String> {
    serde_json::from_str(&found.claims).unwrap_or_default()
}

/// Every provider, in the order they were added.
pub async fn all(platform: &Platform) -> CoreResult<Vec<provider::Model>> {
    Ok(provider::Entity::find().order_by_asc(provider::Column::Id).all(platform.db()).await?)
}

/// The providers for `purpose`, in the order they were added.
pub async fn for_purpose(platform: &Platform, purpose: &str) -> CoreResult<Vec<provider::Model>> {
    Ok(provider::Entity::find()
        .filter(provider::Column::Purpose.eq(purpose))
        .order_by_asc(provider::Column::Id)
        .all(platform.db())
        .await?)
}

pub async fn by_slug(platform: &Platform, slug: &str) -> CoreResult<Option<provider::Model>> {
    Ok(provider::Entity::find().filter(provider::Column::Slug.eq(slug)).one(platform.db()).await?)
}

/// Every provider with its number of linked accounts (two statements).
pub async fn list(platform: &Platform, actor: &Actor) -> CoreResult<Vec<(provider::Model, i64)>> {
    admin(platform, actor).await?;
    let counts: Vec<(i32, i64)> = link::Entity::find()
        .select_only()
        .column(link::Column::ProviderId)
        .column_as(link::Column::Id.count(), "linked")
        .group_by(link::Column::ProviderId)
        .into_tuple()
        .all(platform.db())
        .await?;
    Ok(all(platform)
        .await?
        .into_iter()
        .map(|p| {
            let linked = counts.iter().find(|(id, _)| *id == p.id).map_or(0, |(_, n)| *n);
            (p, linked)
        })
        .collect())
}

pub async fn get(platform: &Platform, actor: &Actor, id: i32) -> CoreResult<provider::Model> {
    admin(platform, actor).await?;
    provider::Entity::find_by_id(id).one(platform.db()).await?.ok_or(CoreError::NotFound("provider"))
}

async fn question_names(platform: &Platform) -> CoreResult<Vec<String>> {
    Ok(platform.registration_questions("en").await?.into_iter().map(|q| q.name).collect())
}

fn audit_details(input: &ProviderInput) -> serde_json::Value {
    json!({
        "slug": input.slug, "label": input.label, "issuer": input.issuer, "client_id": input.client_id,
        "scopes": input.scopes, "purpose": input.purpose, "claims": input.claims,
    })
}

fn slug_taken(e: sea_orm::DbErr) -> CoreError {
    match e.sql_err() {
        Some(sea_orm::SqlErr::UniqueConstraintViolation(_)) => field("slug", "sso_slug_taken"),
        _ => e.into(),
    }
}

pub async fn create(platform: &Platform, actor: &Actor, input: ProviderInput) -> CoreResult<provider::Model> {
    admin(platform, actor).await?;
    let input = checked(input, &question_names(platform).await?)?;
    let txn = db::begin_write(platform.db()).await?;
    if by_slug_in(&txn, &input.slug).await?.is_some() {
        return Err(field("slug", "sso_slug_taken"));
    }
    let created = provider::ActiveModel {
        slug: Set(input.slug.clone()),
        label: Set(input.label.clone()),
        issuer: Set(input.issuer.clone()),
        client_id: Set(input.client_id.clone()),
        client_secret: Set(input.client_secret.clone()),
        scopes: Set(input.scopes.clone()),
        purpose: Set(input.purpose.clone()),
        claims: Set(json!(input.claims).to_string()),
        logo: Set(None),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(&txn)
    .await
    .map_err(slug_taken)?;
    let id = Some(created.id.to_string());
    audit::record(&txn, actor, "sign_in_provider.create", "sign_in_provider", id, audit_details(&input)).await?;
    txn.commit().await?;
    Ok(created)
}

async fn by_slug_in(txn: &db::WriteTxn, slug: &str) -> CoreResult<Option<provider::Model>> {
    Ok(provider::Entity::find().filter(provider::Column::Slug.eq(slug)).one(txn).await?)
}

/// Changes a provider; an empty secret keeps the stored one.
pub async fn update(platform: &Platform, actor: &Actor, id: i32, input: ProviderInput) -> CoreResult<provider::Model> {
    admin(platform, actor).await?;
    let input = checked(input, &question_names(platform).await?)?;
    let txn = db::begin_write(platform.db()).await?;
    let found =
        db::locking(provider::Entity::find_by_id(id), &txn).one(&txn).await?.ok_or(CoreError::NotFound("provider"))?;
    if by_slug_in(&txn, &input.slug).await?.is_some_and(|other| other.id != id) {
        return Err(field("slug", "sso_slug_taken"));
    }
    let secret = if input.client_secret.is_empty() { found.client_secret.clone() } else { input.client_secret.clone() };
    let mut changed: provider::ActiveModel = found.into();
    changed.slug = Set(input.slug.clone());
    changed.label = Set(input.label.clone());
    changed.issuer = Set(input.issuer.clone());
    changed.client_id = Set(input.client_id.clone());
    changed.client_secret = Set(secret);
    changed.scopes = Set(input.scopes.clone());
    changed.purpose = Set(input.purpose.clone());
    changed.claims = Set(json!(input.claims).to_string());
    let saved = changed.update(&txn).await.map_err(slug_taken)?;
    let target = Some(id.to_string());
    audit::record(&txn, actor, "sign_in_provider.update", "sign_in_provider", target, audit_details(&input)).await?;
    txn.commit().await?;
    Ok(saved)
}

/// Deletes a provider with its links and the sign-ins under way with it.
pub async fn delete(platform: &Platform, actor: &Actor, id: i32) -> CoreResult<()> {
    admin(platform, actor).await?;
    let txn = db::begin_write(platform.db()).await?;
    let found = provider::Entity::find_by_id(id).one(&txn).await?.ok_or(CoreError::NotFound("provider"))?;
    let links = link::Entity::delete_many().filter(link::Column::ProviderId.eq(id)).exec(&txn).await?.rows_affected;
    super::model::flow::Entity::delete_many().filter(super::model::flow::Column::ProviderId.eq(id)).exec(&txn).await?;
    provider::Entity::delete_by_id(id).exec(&txn).await?;
    let details = json!({ "slug": found.slug, "label": found.label, "links_removed": links });
    audit::record(&txn, actor, "sign_in_provider.delete", "sign_in_provider", Some(id.to_string()), details).await?;
    txn.commit().await?;
    if let Some(logo) = found.logo {
        platform.forget_file(Some(logo)).await;
    }
    Ok(())
}

/// The largest logo shown on a button, in pixels (twice the size shown, for sharp screens).
pub const LOGO_PIXELS: u32 = 96;

/// Replaces a provider's logo with an upload (checked by content, fitted, re-encoded as PNG,
/// stored beside the platform's logo).
pub async fn set_logo(platform: &Platform, actor: &Actor, id: i32, upload: Vec<u8>) -> CoreResult<()> {
    admin(platform, actor).await?;
    if upload.len() > townhall_core::images::MAX_UPLOAD_BYTES {
        return Err(field("logo", "image_too_large"));
    }
    let png = tokio::task::spawn_blocking(move || townhall_core::images::fitted_png(&upload, LOGO_PIXELS, LOGO_PIXELS))
        .await
        .map_err(|_| field("logo", "image_invalid"))?
        .map_err(|_| field("logo", "image_invalid"))?;
    let mut suffix = [0u8; 8];
    rand::RngCore::fill_bytes(&mut rand::rngs::OsRng, &mut suffix);
    let key = format!("logos/sso-{}.png", hex::encode(suffix));
    platform.storage().put(&key, png).await.map_err(|_| field("logo", "storage_failed"))?;
    if let Err(e) = store_logo(platform, actor, id, Some(key.clone())).await {
        platform.forget_file(Some(key)).await;
        return Err(e);
    }
    Ok(())
}

pub async fn remove_logo(platform: &Platform, actor: &Actor, id: i32) -> CoreResult<()> {
    admin(platform, actor).await?;
    store_logo(platform, actor, id, None).await
}

async fn store_logo(platform: &Platform, actor: &Actor, id: i32, key: Option<String>) -> CoreResult<()> {
    let txn = db::begin_write(platform.db()).await?;
    let found = provider::Entity::find_by_id(id).one(&txn).await?.ok_or(CoreError::NotFound("provider"))?;
    let old = found.logo.clone();
    let mut changed: provider::ActiveModel = found.into();
    changed.logo = Set(key.clone());
    changed.update(&txn).await?;
    let details = json!({ "logo": key });
    audit::record(&txn, actor, "sign_in_provider.logo", "sign_in_provider", Some(id.to_string()), details).await?;
    txn.commit().await?;
    platform.forget_file(old).await;
    Ok(())
}

/// What testing a provider's configuration found: discovery's answer, or why it failed.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Check {
    pub ok: bool,
    pub issuer: String,
    pub authorization_endpoint: String,
    pub token_endpoint: Option<String>,
    pub userinfo_endpoint: Option<String>,
    pub keys: usize,
    pub signing_algorithms: Vec<String>,
    /// The address to register at the provider.
    pub redirect_uri: String,
    pub problem: Option<String>,
}

/// Runs discovery against the provider, as a sign-in would.
pub async fn test(platform: &Platform, actor: &Actor, id: i32) -> CoreResult<Check> {
    let found = get(platform, actor, id).await?;
    let redirect_uri = callback_url(platform, &found);
    Ok(match client::discover(&found.issuer).await {
        Ok(metadata) => {
            let token_endpoint = metadata.token_endpoint().map(|u| u.to_string());
            let problem = token_endpoint.is_none().then(|| "the provider announces no token endpoint".to_owned());
            Check {
                ok: problem.is_none() && !metadata.jwks().keys().is_empty(),
                issuer: metadata.issuer().to_string(),
                authorization_endpoint: metadata.authorization_endpoint().to_string(),
                token_endpoint,
                userinfo_endpoint: metadata.userinfo_endpoint().map(|u| u.to_string()),
                keys: metadata.jwks().keys().len(),
                signing_algorithms: metadata
                    .id_token_signing_alg_values_supported()
                    .iter()
                    .map(|a| {
                        serde_json::to_value(a).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default()
                    })
                    .collect(),
                redirect_uri,
                problem,
            }
        }
        Err(e) => Check {
            ok: false,
            issuer: found.issuer.clone(),
            authorization_endpoint: String::new(),
            token_endpoint: None,
            userinfo_endpoint: None,
            keys: 0,
            signing_algorithms: Vec::new(),
            redirect_uri,
            problem: Some(e.to_string()),
        },
    })
}

const PASSWORD_RESIDENTS: &str = "password_residents";
const PASSWORD_STAFF: &str = "password_staff";

/// Who may sign in with a password (everyone until an administrator says otherwise).
pub async fn password_sign_in(platform: &Platform) -> CoreResult<PasswordSignIn> {
    let rows = setting::Entity::find().all(platform.db()).await?;
    let on = |key: &str| rows.iter().find(|r| r.key == key).is_none_or(|r| r.value != "off");
    Ok(PasswordSignIn { residents: on(PASSWORD_RESIDENTS), staff: on(PASSWORD_STAFF) })
}

pub async fn set_password_sign_in(platform: &Platform, actor: &Actor, allowed: PasswordSignIn) -> CoreResult<()> {
    admin(platform, actor).await?;
    let txn = db::begin_write(platform.db()).await?;
    for (key, on) in [(PASSWORD_RESIDENTS, allowed.residents), (PASSWORD_STAFF, allowed.staff)] {
        setting::Entity::insert(setting::ActiveModel {
            key: Set(key.to_owned()),
            value: Set(if on { "on" } else { "off" }.to_owned()),
        })
        .on_conflict(OnConflict::column(setting::Column::Key).update_column(setting::Column::Value).to_owned())
        .exec(&txn)
        .await?;
    }
    let details = json!({ "residents": allowed.residents, "staff": allowed.staff });
    audit::record(&txn, actor, "sign_in.password", "platform", None, details).await?;
    txn.commit().await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input() -> ProviderInput {
        ProviderInput {
            slug: " City-ID ".into(),
            label: "City ID".into(),
            issuer: "https://id.example.org/realms/city".into(),
            client_id: "townhall".into(),
            client_secret: "s3cret".into(),
            scopes: "email profile openid".into(),
            purpose: SIGN_IN.into(),
            claims: BTreeMap::from([("display_name".into(), "name".into()), ("field_3".into(), " ".into())]),
        }
    }

    #[test]
    fn inputs_are_checked_and_tidied() {
        let ok = checked(input(), &["field_3".into()]).unwrap_or_default();
        assert_eq!(ok.slug, "city-id");
        assert_eq!(ok.scopes, "openid email profile");
        assert_eq!(ok.claims, BTreeMap::from([("display_name".into(), "name".into())]), "an empty claim is dropped");
        let loopback = ProviderInput { issuer: "http://127.0.0.1:4000".into(), ..input() };
        assert!(checked(loopback, &[]).is_ok(), "http to this machine is for development");
        for (bad, code) in [
            (ProviderInput { issuer: "http://id.example.org".into(), ..input() }, "sso_issuer_invalid"),
            (ProviderInput { issuer: "https://id.example.org/?a=b".into(), ..input() }, "sso_issuer_invalid"),
            (ProviderInput { slug: "a/b".into(), ..input() }, "sso_slug_invalid"),
            (ProviderInput { label: " ".into(), ..input() }, "sso_label_invalid"),
            (ProviderInput { client_id: String::new(), ..input() }, "sso_client_id_invalid"),
            (ProviderInput { scopes: "openid \"x\"".into(), ..input() }, "sso_scopes_invalid"),
            (ProviderInput { purpose: "other".into(), ..input() }, "sso_purpose_invalid"),
            (
                ProviderInput { claims: BTreeMap::from([("field_9".into(), "x".into())]), ..input() },
                "sso_claim_invalid",
            ),
            (
                ProviderInput { claims: BTreeMap::from([("locale".into(), "a b".into())]), ..input() },
                "sso_claim_invalid",
            ),
        ] {
            assert!(
                matches!(checked(bad, &["field_3".into()]), Err(CoreError::Field { code: c, .. }) if c == code),
                "{code}"
            );
        }
    }
}
