// SPDX-License-Identifier: AGPL-3.0-only
//! A resident's notifications page, their notification settings, and the unsubscribe page
//! that e-mails link to (it works without signing in, from the link's signature).
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use townhall_core::CoreError;
use townhall_core::modules::notifications::KINDS;
use townhall_core::web::PageResult;

use super::AppState;
use super::auth::require_sign_in;
use super::forms::error_value;
use crate::ui::Ctx;

#[derive(Debug, Default, Deserialize)]
pub struct ListQuery {
    #[serde(default)]
    after: Option<i32>,
}

pub async fn list(State(state): State<AppState>, req: Ctx, Query(q): Query<ListQuery>) -> PageResult {
    if req.actor.user_id().is_none() {
        return Ok(require_sign_in("/notifications"));
    }
    let p = &state.platform;
    let page = p.notifications(&req.actor, 30, q.after).await?;
    let items: Vec<minijinja::Value> = page
        .items
        .iter()
        .map(|n| {
            // The payload only fills in the text's names and titles; one that does not parse
            // still leaves a notification worth showing, in its words without them.
            let values: serde_json::Value = serde_json::from_str(&n.payload).unwrap_or_default();
            minijinja::context! {
                id => n.id,
                text => p.notification_text(req.locale.code, &n.kind, &values),
                date => crate::ui::time::moment(n.created_at, req.tz),
                unread => n.read_at.is_none(),
            }
        })
        .collect();
    let ctx = minijinja::context! { items => items, next => page.next };
    Ok(state.ui.page(p, &req, "notifications.html", ctx).await)
}

/// Opens a notification: marks it read and goes where it leads.
pub async fn open(State(state): State<AppState>, req: Ctx, Path(id): Path<i32>) -> PageResult {
    if req.actor.user_id().is_none() {
        return Ok(require_sign_in("/notifications"));
    }
    let link = state.platform.open_notification(&req.actor, id).await?;
    // Links are stored as local paths; anything else goes home.
    let to = if link.starts_with('/') && !link.starts_with("//") { link } else { "/".to_owned() };
    Ok(Redirect::to(&to).into_response())
}

pub async fn mark_all_read(State(state): State<AppState>, req: Ctx) -> PageResult {
    match state.platform.mark_notifications_read(&req.actor, None).await {
        Ok(()) => Ok(Redirect::to("/notifications").into_response()),
        Err(CoreError::NotSignedIn) => Ok(require_sign_in("/notifications")),
        Err(e) => Err(e.into()),
    }
}

async fn render_settings(state: &AppState, req: &Ctx, saved: bool, error: Option<&CoreError>) -> PageResult {
    let prefs = match state.platform.notification_preferences(&req.actor).await {
        Ok(prefs) => prefs,
        Err(CoreError::NotSignedIn) => return Ok(require_sign_in("/account/notifications")),
        Err(e) => return Err(e.into()),
    };
    let rows: Vec<minijinja::Value> =
        prefs.iter().map(|p| minijinja::context! { kind => p.kind, in_app => p.in_app, email => p.email }).collect();
    let ctx = minijinja::context! { rows => rows, saved => saved, error => error.map(error_value) };
    Ok(state.ui.page(&state.platform, req, "notification_settings.html", ctx).await)
}

#[derive(Debug, Default, Deserialize)]
pub struct SavedQuery {
    #[serde(default)]
    saved: Option<String>,
}

pub async fn settings(State(state): State<AppState>, req: Ctx, Query(q): Query<SavedQuery>) -> PageResult {
    render_settings(&state, &req, q.saved.is_some(), None).await
}

/// The settings form: a checkbox `<kind>.in_app` and `<kind>.email` per kind.
pub async fn save_settings(
    State(state): State<AppState>,
    req: Ctx,
    Form(pairs): Form<Vec<(String, String)>>,
) -> PageResult {
    let on = |key: String| pairs.iter().any(|(k, _)| *k == key);
    let changes: Vec<(String, bool, bool)> =
        KINDS.iter().map(|k| ((*k).to_owned(), on(format!("{k}.in_app")), on(format!("{k}.email")))).collect();
    match state.platform.update_notification_preferences(&req.actor, &changes).await {
        Ok(()) => Ok(Redirect::to("/account/notifications?saved=1").into_response()),
        Err(CoreError::NotSignedIn) => Ok(require_sign_in("/account/notifications")),
        Err(e) => render_settings(&state, &req, false, Some(&e)).await,
    }
}

#[derive(Debug, Default, Deserialize)]
pub struct UnsubscribeQuery {
    #[serde(default)]
    user: i32,
    #[serde(default)]
    kind: String,
    #[serde(default)]
    signature: String,
}

/// The link in an e-mail: a page with one button, so link checkers cannot unsubscribe anyone.
pub async fn unsubscribe_page(State(state): State<AppState>, req: Ctx, Query(q): Query<UnsubscribeQuery>) -> Response {
    if !state.platform.unsubscribe_link_valid(q.user, &q.kind, &q.signature) {
        let ctx = minijinja::context! { done => false, invalid => true };
        let page = state.ui.page(&state.platform, &req, "unsubscribe.html", ctx).await;
        return (axum::http::StatusCode::BAD_REQUEST, page).into_response();
    }
    let ctx = minijinja::context! {
        user => q.user, kind => q.kind.clone(), signature => q.signature.clone(), done => false,
    };
    state.ui.page(&state.platform, &req, "unsubscribe.html", ctx).await
}

/// The button, and mail programs' one-click unsubscribe (RFC 8058), which posts to the same
/// address.
pub async fn unsubscribe(State(state): State<AppState>, req: Ctx, Query(q): Query<UnsubscribeQuery>) -> Response {
    match state.platform.unsubscribe(q.user, &q.kind, &q.signature).await {
        Ok(()) => {
            let ctx = minijinja::context! { kind => q.kind.clone(), done => true };
            state.ui.page(&state.platform, &req, "unsubscribe.html", ctx).await
        }
        Err(e) => {
            let ctx = minijinja::context! { error => error_value(&e), done => false, invalid => true };
            let page = state.ui.page(&state.platform, &req, "unsubscribe.html", ctx).await;
            (axum::http::StatusCode::BAD_REQUEST, page).into_response()
        }
    }
}
