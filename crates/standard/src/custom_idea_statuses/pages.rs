// SPDX-License-Identifier: LicenseRef-Townhall-Commercial
//! The back office's idea statuses: every status with a form to rename, recolour, reorder or
//! (for an added status no idea has) delete it, and a form for a new one.
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Extension, Form, Router};
use serde_json::json;
use townhall_core::modules::ideas::CORE_STATUSES;
use townhall_core::modules::projects::multiloc::Multiloc;
use townhall_core::web::{Lang, Page, Pairs, admins_only, error_data, field, multiloc_field, see_other};
use townhall_core::{Actor, CoreError, Platform};

use super::service::{self, StatusChanges};

pub fn routes() -> Router<Platform> {
    Router::new()
        .route("/admin/statuses", get(list).post(create))
        .route("/admin/statuses/{id}", post(update))
        .route("/admin/statuses/{id}/delete", post(delete))
}

async fn list(State(platform): State<Platform>, Extension(actor): Extension<Actor>, lang: Extension<Lang>) -> Response {
    render(&platform, &actor, lang.0, None).await
}

/// The page; `error` is the form it belongs to (`new` or a status id) and the error.
async fn render(platform: &Platform, actor: &Actor, lang: Lang, error: Option<(String, CoreError)>) -> Response {
    if let Some(refused) = admins_only(actor, "/admin/statuses") {
        return refused;
    }
    let statuses = platform.idea_statuses().await.unwrap_or_default();
    let usage = service::usage(platform).await.unwrap_or_default();
    let rows: Vec<_> = statuses
        .iter()
        .map(|s| {
            let title = Multiloc::parse(&s.title);
            json!({
                "id": s.id, "code": s.code, "label": title.text(lang.0), "title": title.0, "color": s.color,
                "category": s.category, "position": s.position, "core": CORE_STATUSES.contains(&s.code.as_str()),
                "ideas": usage.get(&s.code).copied().unwrap_or(0),
            })
        })
        .collect();
    let data = json!({
        "statuses": rows,
        "categories": CORE_STATUSES,
        "error": error.as_ref().map(|(_, e)| error_data(e)),
        "error_in": error.as_ref().map(|(form, _)| form.clone()),
    });
    Page::admin("custom_idea_statuses/list.html", "idea_statuses", data).into_response()
}

fn changes(pairs: &Pairs) -> StatusChanges {
    let optional = |key: &str| Some(field(pairs, key).to_owned()).filter(|v| !v.trim().is_empty());
    StatusChanges {
        title: Some(multiloc_field(pairs, "title")),
        color: Some(field(pairs, "color").to_owned()),
        category: optional("category"),
        position: field(pairs, "position").trim().parse().ok(),
    }
}

async fn create(
    State(platform): State<Platform>,
    Extension(actor): Extension<Actor>,
    lang: Extension<Lang>,
    Form(pairs): Form<Pairs>,
) -> Response {
    let mut input = changes(&pairs);
    input.category = Some(field(&pairs, "category").to_owned());
    match service::create(&platform, &actor, input).await {
        Ok(created) => see_other(&format!("/admin/statuses#status-{}", created.id)),
        Err(e) => render(&platform, &actor, lang.0, Some(("new".into(), e))).await,
    }
}

async fn update(
    State(platform): State<Platform>,
    Extension(actor): Extension<Actor>,
    lang: Extension<Lang>,
    Path(id): Path<i32>,
    Form(pairs): Form<Pairs>,
) -> Response {
    match service::update(&platform, &actor, id, changes(&pairs)).await {
        Ok(_) => see_other(&format!("/admin/statuses#status-{id}")),
        Err(e) => render(&platform, &actor, lang.0, Some((id.to_string(), e))).await,
    }
}

async fn delete(
    State(platform): State<Platform>,
    Extension(actor): Extension<Actor>,
    lang: Extension<Lang>,
    Path(id): Path<i32>,
) -> Response {
    match service::delete(&platform, &actor, id).await {
        Ok(()) => see_other("/admin/statuses"),
        Err(e) => render(&platform, &actor, lang.0, Some((id.to_string(), e))).await,
    }
}
