// SPDX-License-Identifier: AGPL-3.0-only
//! How the platform looks and which languages it offers. Kept in `platform_settings` and cached
//! in memory, since every page needs it; a change updates the cache at once (other instances of
//! a cluster pick it up at their next start — see docs/decisions/0009).
use chrono_tz::Tz;
use sea_orm::sea_query::OnConflict;
use sea_orm::{ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};
use serde::Serialize;
use serde_json::json;

use crate::i18n::{DEFAULT_LOCALE, I18n, LOCALES};
use crate::modules::accounts::audit;
use crate::settings::setting;
use crate::{Actor, CoreError, CoreResult, Platform, db};

pub const DEFAULT_BRAND_COLOR: &str = "#1f4fbf";
/// White text on the brand colour must reach WCAG AA for normal text.
pub const MIN_CONTRAST_WITH_WHITE: f64 = 4.5;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Appearance {
    /// `#rrggbb`.
    pub brand_color: String,
    /// The languages residents can choose, in the UI's order.
    pub locales: Vec<&'static str>,
    pub default_locale: &'static str,
    /// The logo's file key (`logos/…png`), if one was uploaded.
    pub logo: Option<String>,
    /// The IANA time zone the organisation lives in (`Europe/Brussels`): dates typed in the back
    /// office are read in it and times are shown in it. Stored instants stay UTC.
    pub time_zone: String,
    /// The ISO 4217 code budgets are in (`EUR`).
    pub currency: String,
}

impl Default for Appearance {
    fn default() -> Self {
        Self {
            brand_color: DEFAULT_BRAND_COLOR.into(),
            locales: LOCALES.to_vec(),
            default_locale: DEFAULT_LOCALE,
            logo: None,
            time_zone: DEFAULT_TIME_ZONE.into(),
            currency: DEFAULT_CURRENCY.into(),
        }
    }
}

/// Until an administrator chooses one.
pub const DEFAULT_TIME_ZONE: &str = "UTC";
pub const DEFAULT_CURRENCY: &str = "EUR";

/// An ISO 4217 code: three capital letters.
fn is_currency(code: &str) -> bool {
    code.len() == 3 && code.bytes().all(|b| b.is_ascii_uppercase())
}

/// Logos are fitted into this box (pixels), keeping their proportions.
pub const LOGO_BOX: (u32, u32) = (480, 160);

impl Appearance {
    /// The brand colour darkened for hover states, and a light tint for backgrounds.
    pub fn palette(&self) -> (String, String, String) {
        let rgb = parse_hex(&self.brand_color).unwrap_or((31, 79, 191));
        let mix = |c: u8, target: f64, amount: f64| (f64::from(c) + (target - f64::from(c)) * amount).round() as u8;
        let hex = |(r, g, b): (u8, u8, u8)| format!("#{r:02x}{g:02x}{b:02x}");
        let strong = (mix(rgb.0, 0.0, 0.25), mix(rgb.1, 0.0, 0.25), mix(rgb.2, 0.0, 0.25));
        let soft = (mix(rgb.0, 255.0, 0.9), mix(rgb.1, 255.0, 0.9), mix(rgb.2, 255.0, 0.9));
        (hex(rgb), hex(strong), hex(soft))
    }
}

/// `#rrggbb` as red, green and blue.
pub fn parse_hex(text: &str) -> Option<(u8, u8, u8)> {
    let hex = text.strip_prefix('#')?;
    if hex.len() != 6 || !hex.chars().all(|c| c.is_ascii_hexdigit()) {
        return None;
    }
    let byte = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).ok();
    Some((byte(0)?, byte(2)?, byte(4)?))
}

/// WCAG 2.1 contrast ratio between a colour and white.
pub fn contrast_with_white(rgb: (u8, u8, u8)) -> f64 {
    let channel = |c: u8| {
        let c = f64::from(c) / 255.0;
        if c <= 0.03928 { c / 12.92 } else { ((c + 0.055) / 1.055).powf(2.4) }
    };
    let luminance = 0.2126 * channel(rgb.0) + 0.7152 * channel(rgb.1) + 0.0722 * channel(rgb.2);
    1.05 / (luminance + 0.05)
}

impl Platform {
    /// Reads the appearance into the cache (at start-up).
    pub async fn load_appearance(&self) -> CoreResult<Appearance> {
        let rows = setting::Entity::find()
            .filter(setting::Column::Key.is_in([
                "brand_color",
                "locales",
                "default_locale",
                "logo",
                "time_zone",
                "currency",
            ]))
            .all(self.db())
            .await?;
        let get = |key: &str| rows.iter().find(|r| r.key == key).map(|r| r.value.clone());
        let mut appearance = Appearance::default();
        if let Some(color) = get("brand_color").filter(|c| parse_hex(c).is_some()) {
            appearance.brand_color = color;
        }
        if let Some(list) = get("locales") {
            let locales: Vec<&'static str> = list.split(',').filter_map(I18n::supported).collect();
            if !locales.is_empty() {
                appearance.locales = locales;
            }
        }
        let default = get("default_locale").as_deref().and_then(I18n::supported);
        if let Some(default) = default.filter(|d| appearance.locales.contains(d)) {
            appearance.default_locale = default;
        }
        appearance.logo = get("logo").filter(|k| k.starts_with("logos/"));
        if let Some(zone) = get("time_zone").filter(|z| z.parse::<Tz>().is_ok()) {
            appearance.time_zone = zone;
        }
        if let Some(code) = get("currency").filter(|c| is_currency(c)) {
            appearance.currency = code;
        }
        self.cache_appearance(appearance.clone());
        Ok(appearance)
    }

    /// Replaces the logo with an upload (checked by content, fitted, re-encoded as PNG).
    pub async fn set_logo(&self, actor: &Actor, upload: Vec<u8>) -> CoreResult<String> {
        if !actor.is_admin() {
            return Err(CoreError::Forbidden);
        }
        let png =
            self.picture(actor, "logo", move || crate::images::fitted_png(&upload, LOGO_BOX.0, LOGO_BOX.1)).await?;
        let mut suffix = [0u8; 8];
        rand::RngCore::fill_bytes(&mut rand::rngs::OsRng, &mut suffix);
        let key = format!("logos/{}.png", hex::encode(suffix));
        self.storage()
            .put(&key, png)
            .await
            .map_err(|e| CoreError::Invalid { field: "logo".into(), message: e.to_string() })?;
        let old = self.store_logo(actor, Some(key.clone())).await?;
        self.forget_file(old).await;
        Ok(key)
    }

    pub async fn remove_logo(&self, actor: &Actor) -> CoreResult<()> {
        if !actor.is_admin() {
            return Err(CoreError::Forbidden);
        }
        let old = self.store_logo(actor, None).await?;
        self.forget_file(old).await;
        Ok(())
    }

    /// A logo's bytes, if `key` names one.
    pub async fn logo(&self, key: &str) -> Option<Vec<u8>> {
        if !key.starts_with("logos/") {
            return None;
        }
        self.storage().get(key).await.ok().flatten()
    }

    async fn store_logo(&self, actor: &Actor, key: Option<String>) -> CoreResult<Option<String>> {
        let txn = db::begin_write(self.db()).await?;
        match &key {
            Some(k) => put(&txn, "logo", k).await?,
            None => {
                setting::Entity::delete_by_id("logo".to_owned()).exec(&txn).await?;
            }
        }
        audit::record(&txn, actor, "settings.logo", "platform", None, json!({ "logo": key })).await?;
        txn.commit().await?;
        let mut appearance = self.appearance();
        let old = std::mem::replace(&mut appearance.logo, key);
        self.cache_appearance(appearance);
        Ok(old)
    }

    /// Changes the brand colour and the languages (administrators).
    pub async fn set_appearance(
        &self,
        actor: &Actor,
        brand_color: &str,
        locales: &[String],
        default_locale: &str,
    ) -> CoreResult<Appearance> {
        if !actor.is_admin() {
            return Err(CoreError::Forbidden);
        }
        let color = brand_color.trim().to_lowercase();
        let rgb = parse_hex(&color).ok_or(CoreError::Field { field: "brand_color", code: "color_invalid" })?;
        if contrast_with_white(rgb) < MIN_CONTRAST_WITH_WHITE {
            return Err(CoreError::Field { field: "brand_color", code: "color_low_contrast" });
        }
        let offered: Vec<&'static str> =
            LOCALES.iter().copied().filter(|l| locales.iter().any(|chosen| chosen.eq_ignore_ascii_case(l))).collect();
        if offered.is_empty() {
            return Err(CoreError::Field { field: "locales", code: "locales_required" });
        }
        let default = I18n::supported(default_locale.trim())
            .filter(|d| offered.contains(d))
            .ok_or(CoreError::Field { field: "default_locale", code: "default_locale_invalid" })?;
        let current = self.appearance();
        let appearance = Appearance {
            brand_color: color,
            locales: offered,
            default_locale: default,
            logo: current.logo,
            time_zone: current.time_zone,
            currency: current.currency,
        };

        let txn = db::begin_write(self.db()).await?;
        put(&txn, "brand_color", &appearance.brand_color).await?;
        put(&txn, "locales", &appearance.locales.join(",")).await?;
        put(&txn, "default_locale", appearance.default_locale).await?;
        audit::record(&txn, actor, "settings.appearance", "platform", None, json!(appearance)).await?;
        txn.commit().await?;
        self.cache_appearance(appearance.clone());
        Ok(appearance)
    }
}

impl Platform {
    /// The organisation's time zone.
    pub fn time_zone(&self) -> Tz {
        self.appearance().time_zone.parse().unwrap_or(Tz::UTC)
    }

    /// Changes the time zone (administrators); `zone` is an IANA name such as `Europe/Paris`.
    pub async fn set_time_zone(&self, actor: &Actor, zone: &str) -> CoreResult<Tz> {
        let tz: Tz =
            zone.trim().parse().map_err(|_| CoreError::Field { field: "time_zone", code: "time_zone_invalid" })?;
        self.set_regional(actor, "time_zone", tz.name()).await?;
        Ok(tz)
    }

    /// Changes the currency of budgets (administrators); `code` is ISO 4217, such as `EUR`.
    pub async fn set_currency(&self, actor: &Actor, code: &str) -> CoreResult<String> {
        let code = code.trim().to_ascii_uppercase();
        if !is_currency(&code) {
            return Err(CoreError::Field { field: "currency", code: "currency_invalid" });
        }
        self.set_regional(actor, "currency", &code).await?;
        Ok(code)
    }

    /// Stores a checked regional setting, logs it and refreshes the cached appearance.
    async fn set_regional(&self, actor: &Actor, key: &'static str, value: &str) -> CoreResult<()> {
        if !actor.is_admin() {
            return Err(CoreError::Forbidden);
        }
        let txn = db::begin_write(self.db()).await?;
        put(&txn, key, value).await?;
        audit::record(&txn, actor, &format!("settings.{key}"), "platform", None, json!({ key: value })).await?;
        txn.commit().await?;
        let mut appearance = self.appearance();
        match key {
            "time_zone" => appearance.time_zone = value.to_owned(),
            "currency" => appearance.currency = value.to_owned(),
            _ => {}
        }
        self.cache_appearance(appearance);
        Ok(())
    }
}

pub(crate) async fn put<C: ConnectionTrait>(db: &C, key: &str, value: &str) -> CoreResult<()> {
    setting::Entity::insert(setting::ActiveModel { key: Set(key.into()), value: Set(value.to_owned()) })
        .on_conflict(OnConflict::column(setting::Column::Key).update_column(setting::Column::Value).to_owned())
        .exec(db)
        .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contrast_follows_wcag() {
        assert!((contrast_with_white((0, 0, 0)) - 21.0).abs() < 0.01);
        assert!(contrast_with_white(parse_hex(DEFAULT_BRAND_COLOR).unwrap_or_default()) >= MIN_CONTRAST_WITH_WHITE);
        assert!(contrast_with_white(parse_hex("#ffcc00").unwrap_or_default()) < MIN_CONTRAST_WITH_WHITE);
        assert_eq!(parse_hex("#12345"), None);
        assert_eq!(parse_hex("#zz0000"), None);
    }

    #[test]
    fn palette_derives_from_the_brand() {
        let a = Appearance { brand_color: "#336699".into(), ..Appearance::default() };
        let (brand, strong, soft) = a.palette();
        assert_eq!(brand, "#336699");
        assert_eq!(strong, "#264d73");
        assert_eq!(soft, "#ebf0f5");
    }
}
