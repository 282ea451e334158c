// SPDX-License-Identifier: AGPL-3.0-only
//! Volunteering on the project page (volunteer, withdraw) and in the back office (causes, CSV).
use std::collections::BTreeMap;

use axum::Form;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use minijinja::Value;
use townhall_core::modules::projects::model::phase;
use townhall_core::modules::projects::multiloc::Multiloc;
use townhall_core::{Actor, CoreError, Platform};

use super::AppState;
use super::forms::error_value;
use crate::ui::Ctx;
use townhall_core::web::PageResult;

type Pairs = Vec<(String, String)>;

pub async fn panel(
    platform: &Platform,
    actor: &Actor,
    found: &phase::Model,
    locale: &str,
    error: Option<&CoreError>,
) -> Value {
    let Ok((causes, mine)) = platform.causes(actor, found.id).await else { return Value::from(()) };
    // Staff see who volunteered; residents get an error here and see counts only.
    let people = match actor.user_id() {
        Some(_) => platform.volunteers(actor, found.id).await.unwrap_or_default(),
        None => Vec::new(),
    };
    minijinja::context! {
        phase => found.id,
        causes => causes.iter().map(|c| minijinja::context! {
            id => c.id,
            title => Multiloc::parse(&c.title).text(locale),
            description => Multiloc::parse(&c.description).text(locale),
            volunteers => c.volunteers,
            image => c.image.as_ref().map(|key| format!("/files/{key}")),
            mine => mine.contains(&c.id),
            people => people.iter().filter(|p| p.cause_id == c.id).map(|p| minijinja::context! {
                name => p.name.clone(), email => p.email.clone(), since => p.since.format("%Y-%m-%d").to_string(),
            }).collect::<Vec<_>>(),
        }).collect::<Vec<_>>(),
        error => error.map(error_value),
    }
}

/// Volunteers (`volunteer=yes`) or withdraws.
pub async fn toggle(
    State(state): State<AppState>,
    req: Ctx,
    Path(cause): Path<i32>,
    Form(pairs): Form<Pairs>,
) -> Response {
    let yes = pairs.iter().any(|(k, v)| k == "volunteer" && v == "yes");
    let phase = pairs.iter().find(|(k, _)| k == "phase").and_then(|(_, v)| v.parse::<i32>().ok()).unwrap_or(0);
    let result = if yes {
        state.platform.volunteer(&req.actor, cause).await
    } else {
        state.platform.withdraw_volunteer(&req.actor, cause).await
    };
    let slug = state.platform.project_slug_of_phase(phase).await.ok().flatten();
    let Some(slug) = slug else { return super::pages::not_found(State(state), req).await };
    match result {
        Ok(()) => Redirect::to(&format!("/projects/{slug}#volunteering")).into_response(),
        Err(e) => super::projects::render_with_vote_error(&state, &req, &slug, &e).await,
    }
}

pub async fn add_cause(
    State(state): State<AppState>,
    req: Ctx,
    Path((project, phase_id)): Path<(i32, i32)>,
    Form(pairs): Form<Pairs>,
) -> Response {
    let value = |k: &str| pairs.iter().find(|(key, _)| key == k).map_or(String::new(), |(_, v)| v.clone());
    // Written in the language the back office is shown in.
    let text = |text: String| BTreeMap::from([(req.locale.code.to_owned(), text)]);
    let result = state.platform.add_cause(&req.actor, phase_id, text(value("title")), text(value("description"))).await;
    super::admin::finish_project(&state, &req, project, result.map(drop)).await
}

pub async fn delete_cause(
    State(state): State<AppState>,
    req: Ctx,
    Path((project, cause)): Path<(i32, i32)>,
) -> Response {
    let result = state.platform.delete_cause(&req.actor, cause).await;
    super::admin::finish_project(&state, &req, project, result).await
}

/// A new picture for a cause (multipart field `image`).
pub async fn upload_image(
    State(state): State<AppState>,
    req: Ctx,
    Path((project, cause)): Path<(i32, i32)>,
    form: axum::extract::Multipart,
) -> Response {
    let result = match super::forms::single_file(form, "image").await {
        Some(bytes) => state.platform.set_cause_image(&req.actor, cause, bytes).await.map(drop),
        None => Err(CoreError::Field { field: "image", code: "image_invalid" }),
    };
    super::admin::finish_project(&state, &req, project, result).await
}

pub async fn remove_image(
    State(state): State<AppState>,
    req: Ctx,
    Path((project, cause)): Path<(i32, i32)>,
) -> Response {
    let result = state.platform.remove_cause_image(&req.actor, cause).await;
    super::admin::finish_project(&state, &req, project, result).await
}

/// A cause's picture, for those who can see its project.
pub async fn image(State(state): State<AppState>, req: Ctx, Path(name): Path<String>) -> Response {
    let bytes = state.platform.cause_image(&req.actor, &format!("causes/{name}")).await.ok().flatten();
    super::profile::picture(bytes, townhall_core::images::variants::content_type_of(&name))
}

pub async fn csv(State(state): State<AppState>, req: Ctx, Path(phase_id): Path<i32>) -> PageResult {
    let text = state.platform.volunteers_csv(&req.actor, phase_id, req.locale.code).await?;
    Ok(super::forms::download("text/csv; charset=utf-8", &format!("volunteers-{phase_id}.csv"), text))
}
