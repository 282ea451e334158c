// SPDX-License-Identifier: AGPL-3.0-only
use axum::Form;
use axum::extract::{Multipart, State};
use axum::response::{IntoResponse, Redirect};
use townhall_core::CoreError;
use townhall_core::web::PageResult;

use super::{AdminOnly, page as render_page};
use crate::http::AppState;
use crate::http::forms::error_value;
use crate::ui::Ctx;

async fn render(
    state: &AppState,
    req: &Ctx,
    name: Option<String>,
    time_zone: Option<String>,
    error: Option<&CoreError>,
) -> PageResult {
    let name = match name {
        Some(n) => n,
        None => state.platform.name().await?,
    };
    let a = state.platform.appearance();
    let form = minijinja::context! {
        name => name, brand_color => a.brand_color, offered => a.locales, default_locale => a.default_locale,
        logo => a.logo.map(|k| format!("/files/{k}")),
        time_zone => time_zone.unwrap_or(a.time_zone),
        currency => a.currency,
    };
    let zones: Vec<&str> = chrono_tz::TZ_VARIANTS.iter().map(|z| z.name()).collect();
    let ctx = minijinja::context! { form => form, zones => zones, error => error.map(error_value) };
    Ok(render_page(state, req, "admin/settings.html", "settings", ctx).await)
}

pub async fn page(State(state): State<AppState>, _: AdminOnly, req: Ctx) -> PageResult {
    render(&state, &req, None, None, None).await
}

/// The settings form. Languages arrive as repeated `locales` fields, which `serde_urlencoded`
/// cannot collect, so the body is read as pairs.
pub async fn save(
    State(state): State<AppState>,
    _: AdminOnly,
    req: Ctx,
    Form(pairs): Form<Vec<(String, String)>>,
) -> PageResult {
    let value = |key: &str| pairs.iter().find(|(k, _)| k == key).map(|(_, v)| v.clone()).unwrap_or_default();
    let locales: Vec<String> = pairs.iter().filter(|(k, _)| k == "locales").map(|(_, v)| v.clone()).collect();
    let name = value("name");
    let zone = value("time_zone");
    if let Err(e) = state.platform.set_name(&req.actor, &name).await {
        return render(&state, &req, Some(name), Some(zone.clone()), Some(&e)).await;
    }
    if pairs.iter().any(|(k, _)| k == "time_zone")
        && let Err(e) = state.platform.set_time_zone(&req.actor, &zone).await
    {
        return render(&state, &req, Some(name), Some(zone.clone()), Some(&e)).await;
    }
    if pairs.iter().any(|(k, _)| k == "currency")
        && let Err(e) = state.platform.set_currency(&req.actor, &value("currency")).await
    {
        return render(&state, &req, Some(name), Some(zone.clone()), Some(&e)).await;
    }
    // The settings page always sends a default language; a post without one changes the name only.
    if !pairs.iter().any(|(k, _)| k == "default_locale") {
        return Ok(Redirect::to("/admin/settings?saved=1").into_response());
    }
    match state.platform.set_appearance(&req.actor, &value("brand_color"), &locales, &value("default_locale")).await {
        Ok(_) => Ok(Redirect::to("/admin/settings?saved=1").into_response()),
        Err(e) => render(&state, &req, Some(name), Some(zone.clone()), Some(&e)).await,
    }
}

pub async fn upload_logo(State(state): State<AppState>, _: AdminOnly, req: Ctx, form: Multipart) -> PageResult {
    let Some(picture) = crate::http::forms::single_file(form, "logo").await else {
        let e = CoreError::Field { field: "logo", code: "image_invalid" };
        return render(&state, &req, None, None, Some(&e)).await;
    };
    match state.platform.set_logo(&req.actor, picture).await {
        Ok(_) => Ok(Redirect::to("/admin/settings?saved=1").into_response()),
        Err(e) => render(&state, &req, None, None, Some(&e)).await,
    }
}

pub async fn remove_logo(State(state): State<AppState>, _: AdminOnly, req: Ctx) -> PageResult {
    match state.platform.remove_logo(&req.actor).await {
        Ok(()) => Ok(Redirect::to("/admin/settings?saved=1").into_response()),
        Err(e) => render(&state, &req, None, None, Some(&e)).await,
    }
}
