// SPDX-License-Identifier: AGPL-3.0-only
use async_graphql::{Context, InputObject, Object, SimpleObject};
use chrono::{DateTime, Utc};
use townhall_license::License;

use crate::Platform;
use crate::features::FeatureState;
use crate::graphql::{actor, platform, to_gql};

#[derive(Default)]
pub struct PlatformInfoQuery;

/// The platform module's queries: the platform itself and the dashboard.
#[derive(async_graphql::MergedObject, Default)]
pub struct PlatformQuery(
    PlatformInfoQuery,
    super::dashboard_graphql::DashboardQuery,
    super::changes_graphql::ChangesFeedQuery,
);

#[Object]
impl PlatformInfoQuery {
    /// The platform: its name, edition, licence and features.
    async fn platform(&self, ctx: &Context<'_>) -> async_graphql::Result<PlatformInfo> {
        Ok(PlatformInfo(platform(ctx)?.clone()))
    }
}

pub struct PlatformInfo(Platform);

#[Object(name = "Platform")]
impl PlatformInfo {
    async fn name(&self) -> async_graphql::Result<String> {
        self.0.name().await.map_err(to_gql)
    }

    /// The edition this server was built as: `core`, `standard` or `premium`.
    async fn edition(&self) -> &'static str {
        self.0.edition().as_str()
    }

    /// The brand colour, `#rrggbb`.
    async fn brand_color(&self) -> String {
        self.0.appearance().brand_color
    }

    /// The languages offered to residents.
    async fn locales(&self) -> Vec<String> {
        self.0.appearance().locales.iter().map(|l| (*l).to_owned()).collect()
    }

    async fn default_locale(&self) -> &'static str {
        self.0.appearance().default_locale
    }

    /// The IANA time zone dates are read and shown in, such as `Europe/Brussels`.
    async fn time_zone(&self) -> String {
        self.0.appearance().time_zone
    }

    /// The ISO 4217 code budgets are in, such as `EUR`.
    async fn currency(&self) -> String {
        self.0.appearance().currency
    }

    /// The logo (PNG), or null.
    async fn logo_url(&self) -> Option<String> {
        self.0.appearance().logo.map(|k| format!("/files/{k}"))
    }

    async fn license(&self) -> LicenseInfo {
        LicenseInfo::from(&self.0.license())
    }

    async fn features(&self) -> async_graphql::Result<Vec<Feature>> {
        Ok(self.0.features().await.map_err(to_gql)?.into_iter().map(Feature::from).collect())
    }
}

/// The licence in force. `status` is one of `valid`, `grace`, `expired`, `not_yet_valid`,
/// `invalid`, `wrong_host`, `missing`.
#[derive(SimpleObject)]
#[graphql(name = "License")]
pub struct LicenseInfo {
    status: String,
    plan: Option<String>,
    licensee: Option<String>,
    expires_at: Option<DateTime<Utc>>,
    /// The id of the key that signed the licence, e.g. `townhall-prod-2027` (null unless the
    /// signature is good).
    key_id: Option<String>,
}

impl From<&License> for LicenseInfo {
    fn from(l: &License) -> Self {
        Self {
            status: l.status.as_str().to_owned(),
            plan: l.plan().map(|p| p.as_str().to_owned()),
            licensee: l.licensee().map(str::to_owned),
            expires_at: l.expires_at(),
            key_id: l.key_id().map(str::to_owned),
        }
    }
}

/// A feature: `active` is `allowed && enabled`.
#[derive(SimpleObject)]
pub struct Feature {
    id: String,
    edition: String,
    allowed: bool,
    enabled: bool,
    active: bool,
}

impl From<FeatureState> for Feature {
    fn from(f: FeatureState) -> Self {
        Self {
            id: f.id,
            edition: f.edition.as_str().to_owned(),
            allowed: f.allowed,
            enabled: f.enabled,
            active: f.active,
        }
    }
}

/// Platform settings; omitted fields stay as they are.
#[derive(InputObject)]
pub struct PlatformSettingsInput {
    name: Option<String>,
    brand_color: Option<String>,
    locales: Option<Vec<String>>,
    default_locale: Option<String>,
    /// An IANA time zone such as `Europe/Brussels`.
    time_zone: Option<String>,
    /// An ISO 4217 code such as `EUR`.
    currency: Option<String>,
}

#[derive(Default)]
pub struct PlatformMutation;

#[Object]
impl PlatformMutation {
    /// Replaces the licence key (administrators). Refused unless the key is valid and expires
    /// no earlier than the licence in force.
    async fn replace_license(&self, ctx: &Context<'_>, key: String) -> async_graphql::Result<LicenseInfo> {
        let license = platform(ctx)?.replace_license(actor(ctx), &key).await.map_err(to_gql)?;
        Ok(LicenseInfo::from(&license))
    }

    /// Changes the platform's name, brand colour, languages and time zone (administrators).
    async fn update_platform_settings(
        &self,
        ctx: &Context<'_>,
        input: PlatformSettingsInput,
    ) -> async_graphql::Result<PlatformInfo> {
        let p = platform(ctx)?;
        let who = actor(ctx);
        if let Some(name) = &input.name {
            p.set_name(who, name).await.map_err(to_gql)?;
        }
        if let Some(zone) = &input.time_zone {
            p.set_time_zone(who, zone).await.map_err(to_gql)?;
        }
        if let Some(code) = &input.currency {
            p.set_currency(who, code).await.map_err(to_gql)?;
        }
        let current = p.appearance();
        if input.brand_color.is_some() || input.locales.is_some() || input.default_locale.is_some() {
            let color = input.brand_color.unwrap_or(current.brand_color);
            let locales = input.locales.unwrap_or_else(|| current.locales.iter().map(|l| (*l).to_owned()).collect());
            let default = input.default_locale.unwrap_or_else(|| current.default_locale.to_owned());
            p.set_appearance(who, &color, &locales, &default).await.map_err(to_gql)?;
        } else if input.name.is_none() && input.time_zone.is_none() && input.currency.is_none() && !who.is_admin() {
            return Err(to_gql(crate::CoreError::Forbidden));
        }
        Ok(PlatformInfo(p.clone()))
    }

    /// Switches a feature on or off (administrators). Switching on needs the licence to allow it.
    async fn set_feature_enabled(
        &self,
        ctx: &Context<'_>,
        id: String,
        enabled: bool,
    ) -> async_graphql::Result<Feature> {
        let state = platform(ctx)?.set_feature_enabled(actor(ctx), &id, enabled).await.map_err(to_gql)?;
        Ok(Feature::from(state))
    }
}
