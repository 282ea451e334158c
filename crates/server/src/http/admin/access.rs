// SPDX-License-Identifier: AGPL-3.0-only
//! Who may open a back-office page, said in the handler's arguments: `_: AdminOnly` or
//! `_: Staff`. The handler never runs for anyone else, who gets the same answer as from
//! [`super::guard`]: visitors are sent to sign in and back, signed-in residents get the
//! "administrators only" page (403).
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::response::Response;

use super::{guard, guard_staff};
use crate::http::AppState;
use crate::ui::Ctx;

/// Administrators only.
#[derive(Debug, Clone, Copy)]
pub struct AdminOnly;

/// Administrators and project moderators (the pages they may use show only their projects,
/// and the services refuse anything else).
#[derive(Debug, Clone, Copy)]
pub struct Staff;

impl FromRequestParts<AppState> for AdminOnly {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        let Ok(req) = Ctx::from_request_parts(parts, state).await;
        guard(state, &req).await.map(|()| AdminOnly)
    }
}

impl FromRequestParts<AppState> for Staff {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        let Ok(req) = Ctx::from_request_parts(parts, state).await;
        guard_staff(state, &req).await.map(|()| Staff)
    }
}
