// SPDX-License-Identifier: AGPL-3.0-only
//! What a page needs to know about its request: the language, who is asking, and the
//! organisation's time zone.
use std::convert::Infallible;

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use chrono_tz::Tz;
use townhall_core::Actor;

use super::Locale;

#[derive(Debug, Clone)]
pub struct Ctx {
    pub locale: Locale,
    pub actor: Actor,
    /// Dates typed in forms are read in it; times are shown in it.
    pub tz: Tz,
}

impl<S: Send + Sync> FromRequestParts<S> for Ctx {
    type Rejection = Infallible;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let locale = Locale::from_request_parts(parts, state).await?;
        let actor = parts.extensions.get::<Actor>().cloned().unwrap_or(Actor::Anonymous);
        let tz = parts.extensions.get::<Tz>().copied().unwrap_or(Tz::UTC);
        Ok(Ctx { locale, actor, tz })
    }
}
