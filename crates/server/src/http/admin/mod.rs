// SPDX-License-Identifier: AGPL-3.0-only
//! The back office: users, audit log, features, licence and settings. Administrators only:
//! visitors are sent to sign in, residents get 403.
use axum::Router;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use minijinja::Value;

use super::AppState;
use super::auth::require_sign_in;
use crate::ui::Ctx;
pub(crate) use access::{AdminOnly, Staff};

mod access;
mod audit;
mod dashboard;
mod exports;
mod features;
mod ideas;
mod license;
mod projects;
mod settings;
mod taxonomy;
mod users;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/admin", get(|| async { Redirect::to("/admin/projects") }))
        .route("/admin/users", get(users::list))
        .route("/admin/users/{id}", get(users::detail))
        .route("/admin/users/{id}/block", post(users::block))
        .route("/admin/users/{id}/unblock", post(users::unblock))
        .route("/admin/users/{id}/admin", post(users::set_admin))
        .route("/admin/projects", get(projects::list).post(projects::create))
        .route("/admin/projects/{id}", get(projects::edit).post(projects::update))
        .route("/admin/projects/{id}/status", post(projects::set_status))
        .route("/admin/projects/{id}/moderators", post(projects::set_moderator))
        .route("/admin/projects/{id}/terms", post(projects::set_terms))
        .route("/admin/projects/{id}/header/remove", post(projects::remove_header))
        .route("/admin/projects/{id}/phases", post(projects::add_phase))
        .route("/admin/projects/{id}/phases/{phase}/delete", post(projects::delete_phase))
        .route("/admin/projects/{id}/phases/{phase}/permissions", post(projects::set_permissions))
        .route("/admin/projects/{id}/phases/{phase}/settings", post(projects::set_settings))
        .route("/admin/ideas", get(ideas::list))
        .route("/admin/ideas/{id}/status", post(ideas::set_status))
        .route("/admin/ideas/{id}/delete", post(ideas::delete))
        .route("/admin/ideas/{id}/cost", post(ideas::set_cost))
        .route("/admin/taxonomy", get(taxonomy::list))
        .route("/admin/taxonomy/{list}", post(taxonomy::create))
        .route("/admin/taxonomy/{list}/{id}", post(taxonomy::update))
        .route("/admin/taxonomy/{list}/{id}/delete", post(taxonomy::delete))
        .route("/admin/audit", get(audit::list))
        .route("/admin/dashboard", get(dashboard::show))
        .route("/admin/moderation", get(crate::http::moderation::queue))
        .route("/admin/moderation/hide", post(crate::http::moderation::hide))
        .route("/admin/moderation/restore", post(crate::http::moderation::restore))
        .route("/admin/reports/{id}/dismiss", post(crate::http::moderation::dismiss))
        .route("/admin/reports/{id}/block", post(crate::http::moderation::block))
        .route("/admin/exports", get(exports::list))
        .route("/admin/exports/download", get(exports::download))
        .route("/admin/features", get(features::list))
        .route("/admin/features/{id}", post(features::switch))
        .route("/admin/license", get(license::show).post(license::replace))
        .route("/admin/settings", get(settings::page).post(settings::save))
        .route("/admin/settings/logo/remove", post(settings::remove_logo))
}

/// Back-office routes that take uploads (mounted with the larger body limit).
pub fn upload_routes() -> Router<AppState> {
    Router::new()
        .route("/admin/settings/logo", post(settings::upload_logo))
        .route("/admin/projects/{id}/header", post(projects::upload_header))
}

/// A project's back-office page with a refused form's error.
pub async fn project_with_error(state: &AppState, req: &Ctx, id: i32, error: &townhall_core::CoreError) -> Response {
    projects::render_edit(state, req, id, Some(error)).await
}

/// `Ok` for administrators and project moderators (the pages they may use show only their
/// projects, and the services refuse anything else); otherwise the answer for the others.
/// Handlers say it with the [`Staff`] extractor; this stays for `projects.rs` until it does.
pub(crate) async fn guard_staff(state: &AppState, req: &Ctx) -> Result<(), Response> {
    if !townhall_core::modules::projects::moderated_projects(&req.actor).is_empty() {
        return Ok(());
    }
    guard(state, req).await
}

/// `Ok` for administrators; otherwise the answer for the others. Handlers say it with the
/// [`AdminOnly`] extractor.
async fn guard(state: &AppState, req: &Ctx) -> Result<(), Response> {
    if req.actor.is_admin() {
        return Ok(());
    }
    if req.actor.viewer().is_none() {
        return Err(require_sign_in(&req.locale.path));
    }
    let ctx = minijinja::context! { title => "admin-forbidden-title", body => "admin-forbidden-body", link => "/", link_label => "notfound-home" };
    let page = state.ui.page(&state.platform, req, "message.html", ctx).await;
    Err((StatusCode::FORBIDDEN, page).into_response())
}

/// Renders a back-office page with the section that is current and the licence warning.
pub(crate) async fn page(state: &AppState, req: &Ctx, template: &str, section: &str, ctx: Value) -> Response {
    let license = state.platform.license();
    let module_links: Vec<Value> = state
        .platform
        .admin_links()
        .await
        .into_iter()
        .map(|l| minijinja::context! { section => l.section, href => l.href })
        .collect();
    let base = minijinja::context! {
        section => section,
        module_links => module_links,
        license_status => license.status.as_str(),
        license_expires => license.expires_at().map(|e| e.format("%Y-%m-%d").to_string()),
    };
    state.ui.page(&state.platform, req, template, minijinja::context! { ..ctx, ..base }).await
}
