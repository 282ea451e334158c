// SPDX-License-Identifier: AGPL-3.0-only
//! The account page's profile, avatar and personal-data actions, and serving avatars.
use axum::Form;
use axum::extract::{Multipart, Path, State};
use axum::http::header;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use townhall_core::modules::accounts::ProfileUpdate;
use townhall_core::sessions::clear_cookie;
use townhall_core::web::PageResult;
use townhall_core::{CoreError, Erasure};

use super::AppState;
use super::account::render;
use super::auth::require_sign_in;
use super::forms::redirect_with_cookie;
use crate::ui::Ctx;

/// Upload requests may be this large (the picture itself is limited to 5 MB).
pub const UPLOAD_LIMIT_BYTES: usize = townhall_core::images::UPLOAD_BODY_LIMIT_BYTES;

#[derive(Debug, Deserialize)]
pub struct ProfileForm {
    #[serde(default)]
    display_name: String,
    #[serde(default)]
    first_name: String,
    #[serde(default)]
    last_name: String,
    #[serde(default)]
    bio: String,
    #[serde(default)]
    locale: String,
}

pub async fn save(State(state): State<AppState>, req: Ctx, Form(form): Form<ProfileForm>) -> PageResult {
    let update = ProfileUpdate {
        display_name: Some(form.display_name),
        first_name: Some(form.first_name),
        last_name: Some(form.last_name),
        bio: Some(form.bio),
        locale: Some(form.locale),
    };
    match state.platform.update_profile(&req.actor, update).await {
        Ok(_) => Ok(Redirect::to("/account?saved=1").into_response()),
        Err(CoreError::NotSignedIn) => Ok(require_sign_in("/account")),
        Err(e) => render(&state, &req, None, Some(&e)).await,
    }
}

pub async fn upload_avatar(State(state): State<AppState>, req: Ctx, form: Multipart) -> PageResult {
    if req.actor.viewer().is_none() {
        return Ok(require_sign_in("/account"));
    }
    let Some(picture) = super::forms::single_file(form, "avatar").await else {
        let e = CoreError::Field { field: "avatar", code: "image_invalid" };
        return render(&state, &req, None, Some(&e)).await;
    };
    match state.platform.set_avatar(&req.actor, picture).await {
        Ok(_) => Ok(Redirect::to("/account?saved=1").into_response()),
        Err(e) => render(&state, &req, None, Some(&e)).await,
    }
}

pub async fn remove_avatar(State(state): State<AppState>, req: Ctx) -> PageResult {
    match state.platform.remove_avatar(&req.actor).await {
        Ok(()) => Ok(Redirect::to("/account?saved=1").into_response()),
        Err(CoreError::NotSignedIn) => Ok(require_sign_in("/account")),
        Err(e) => render(&state, &req, None, Some(&e)).await,
    }
}

/// "Download my data": the JSON document as a file.
pub async fn export(State(state): State<AppState>, req: Ctx) -> PageResult {
    match state.platform.export_my_data(&req.actor).await {
        Ok(data) => {
            // A JSON value always writes out; the empty default is never used.
            let body = serde_json::to_string_pretty(&data).unwrap_or_default();
            let headers = [
                (header::CONTENT_TYPE, "application/json; charset=utf-8"),
                (header::CONTENT_DISPOSITION, "attachment; filename=\"my-townhall-data.json\""),
                (header::CACHE_CONTROL, "no-store"),
            ];
            Ok((headers, body).into_response())
        }
        Err(CoreError::NotSignedIn) => Ok(require_sign_in("/account")),
        Err(e) => render(&state, &req, None, Some(&e)).await,
    }
}

#[derive(Debug, Deserialize)]
pub struct DeleteForm {
    #[serde(default)]
    delete_password: String,
    #[serde(default)]
    content: String,
}

pub async fn delete(State(state): State<AppState>, req: Ctx, Form(form): Form<DeleteForm>) -> PageResult {
    let mode = if form.content == "delete" { Erasure::Delete } else { Erasure::Anonymize };
    match state.platform.delete_my_account(&req.actor, &form.delete_password, mode).await {
        Ok(()) => Ok(redirect_with_cookie("/account-deleted", clear_cookie(state.platform.is_https()))),
        Err(CoreError::NotSignedIn) => Ok(require_sign_in("/account")),
        // The page has two password fields; point at the one of this form.
        Err(CoreError::Field { code, .. }) => {
            let e = CoreError::Field { field: "delete_password", code };
            render(&state, &req, None, Some(&e)).await
        }
        Err(e) => render(&state, &req, None, Some(&e)).await,
    }
}

pub async fn deleted(State(state): State<AppState>, req: Ctx) -> Response {
    let ctx = minijinja::context! { title => "deleted-title", body => "deleted-body", link => "/", link_label => "notfound-home" };
    state.ui.page(&state.platform, &req, "message.html", ctx).await
}

pub(super) use townhall_core::web::picture;

pub async fn avatar(State(state): State<AppState>, Path(name): Path<String>) -> Response {
    picture(state.platform.avatar(&format!("avatars/{name}")).await, "image/jpeg")
}

pub async fn logo(State(state): State<AppState>, Path(name): Path<String>) -> Response {
    picture(state.platform.logo(&format!("logos/{name}")).await, "image/png")
}

/// A project's header picture, when the project is visible to the asker.
pub async fn project_header(State(state): State<AppState>, req: Ctx, Path(name): Path<String>) -> PageResult {
    let bytes = state.platform.project_header(&req.actor, &format!("projects/{name}")).await?;
    Ok(picture(bytes, townhall_core::images::variants::content_type_of(&name)))
}
