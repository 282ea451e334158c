// SPDX-License-Identifier: AGPL-3.0-only
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect};
use chrono::Utc;
use serde::Deserialize;
use townhall_core::CoreError;
use townhall_core::modules::accounts::Block;
use townhall_core::web::PageResult;

use super::{AdminOnly, page};
use crate::http::AppState;
use crate::http::forms::error_value;
use crate::ui::Ctx;

const PAGE_SIZE: u64 = 25;

#[derive(Debug, Deserialize)]
pub struct ListQuery {
    search: Option<String>,
    after: Option<i32>,
}

pub async fn list(State(state): State<AppState>, _: AdminOnly, req: Ctx, Query(q): Query<ListQuery>) -> PageResult {
    // No search is a valid search: everyone.
    let search = q.search.clone().unwrap_or_default();
    let result = state.platform.users(&req.actor, Some(&search), PAGE_SIZE, q.after).await?;
    let now = Utc::now();
    let users: Vec<_> = result
        .users
        .iter()
        .map(|(u, admin)| {
            minijinja::context! {
                id => u.id, email => u.email.clone(), name => u.display_name.clone(),
                admin => *admin, blocked => u.is_blocked(now), confirmed => u.email_confirmed_at.is_some(),
                joined => u.created_at.format("%Y-%m-%d").to_string(),
            }
        })
        .collect();
    let ctx = minijinja::context! { users => users, search => search, next => result.next, total => result.total };
    Ok(page(&state, &req, "admin/users.html", "users", ctx).await)
}

pub async fn detail(State(state): State<AppState>, _: AdminOnly, req: Ctx, Path(id): Path<i32>) -> PageResult {
    render_detail(&state, &req, id, None).await
}

async fn render_detail(state: &AppState, req: &Ctx, id: i32, error: Option<&CoreError>) -> PageResult {
    let (u, admin) = state.platform.user_for_admin(&req.actor, id).await?;
    let ctx = minijinja::context! {
        user => minijinja::context! {
            id => u.id, email => u.email.clone(), name => u.display_name.clone(), admin => admin,
            blocked => u.is_blocked(Utc::now()), reason => u.blocked_reason.clone(),
            until => u.blocked_until.map(|d| d.format("%Y-%m-%d").to_string()),
            confirmed => u.email_confirmed_at.is_some(), locale => u.locale.clone(),
            joined => u.created_at.format("%Y-%m-%d").to_string(),
        },
        is_self => req.actor.user_id() == Some(u.id),
        error => error.map(error_value),
    };
    Ok(page(state, req, "admin/user.html", "users", ctx).await)
}

#[derive(Debug, Deserialize)]
pub struct BlockForm {
    #[serde(default)]
    reason: String,
    #[serde(default)]
    until: String,
}

pub async fn block(
    State(state): State<AppState>,
    _: AdminOnly,
    req: Ctx,
    Path(id): Path<i32>,
    Form(form): Form<BlockForm>,
) -> PageResult {
    let until = match form.until.trim() {
        "" => None,
        // Blocked through that day, in the organisation's time zone.
        text => match crate::ui::time::parse_day(text, req.tz, true) {
            Some(end) => Some(end - chrono::Duration::seconds(1)),
            None => {
                let e = CoreError::Field { field: "until", code: "date_invalid" };
                return render_detail(&state, &req, id, Some(&e)).await;
            }
        },
    };
    let result = state.platform.block_user(&req.actor, id, Block { reason: form.reason, until }).await;
    after_action(&state, &req, id, result).await
}

pub async fn unblock(State(state): State<AppState>, _: AdminOnly, req: Ctx, Path(id): Path<i32>) -> PageResult {
    let result = state.platform.unblock_user(&req.actor, id).await;
    after_action(&state, &req, id, result).await
}

#[derive(Debug, Deserialize)]
pub struct AdminForm {
    #[serde(default)]
    admin: String,
}

pub async fn set_admin(
    State(state): State<AppState>,
    _: AdminOnly,
    req: Ctx,
    Path(id): Path<i32>,
    Form(form): Form<AdminForm>,
) -> PageResult {
    let result = state.platform.set_admin(&req.actor, id, form.admin == "true").await;
    after_action(&state, &req, id, result).await
}

async fn after_action(state: &AppState, req: &Ctx, id: i32, result: Result<(), CoreError>) -> PageResult {
    match result {
        Ok(()) => Ok(Redirect::to(&format!("/admin/users/{id}")).into_response()),
        Err(e) => render_detail(state, req, id, Some(&e)).await,
    }
}
