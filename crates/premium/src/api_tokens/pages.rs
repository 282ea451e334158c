// SPDX-License-Identifier: LicenseRef-Townhall-Commercial
//! The back office's API tokens: the list with a form for a new token (whose secret is shown
//! once, on the page that answers the form), and a token's page with its latest uses and the
//! button that revokes it. Plain forms, no JavaScript needed.
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Extension, Form, Router};
use serde_json::{Value, json};
use townhall_core::web::{Page, Pairs, admins_only, error_data, field, moment, not_found, see_other};
use townhall_core::{Actor, CoreError, Platform};

use super::service::{self, Listed, NewToken};

pub fn routes() -> Router<Platform> {
    Router::new()
        .route("/admin/api-tokens", get(list).post(create))
        .route("/admin/api-tokens/{id}", get(detail))
        .route("/admin/api-tokens/{id}/revoke", post(revoke))
}

fn row(platform: &Platform, listed: &Listed) -> Value {
    let t = &listed.token;
    json!({
        "id": t.id,
        "name": t.name,
        "scope": t.scope,
        "hint": t.hint,
        "rate": t.requests_per_minute,
        "creator": listed.creator,
        "created": moment(platform, Some(t.created_at)),
        "last_used": moment(platform, t.last_used_at),
        "revoked": moment(platform, t.revoked_at),
    })
}

async fn list(State(platform): State<Platform>, Extension(actor): Extension<Actor>) -> Response {
    render_list(&platform, &actor, ListOutcome::default()).await
}

/// What the form on the list did: an error with the form as sent, or the new token's secret.
#[derive(Default)]
struct ListOutcome<'a> {
    error: Option<CoreError>,
    form: Option<&'a Pairs>,
    created: Option<(String, String)>,
}

async fn render_list(platform: &Platform, actor: &Actor, outcome: ListOutcome<'_>) -> Response {
    if let Some(refused) = admins_only(actor, "/admin/api-tokens") {
        return refused;
    }
    let tokens = match service::tokens(platform, actor).await {
        Ok(tokens) => tokens,
        Err(e) => {
            return Page::admin("api_tokens/list.html", "api_tokens", json!({ "error": error_data(&e) }))
                .into_response();
        }
    };
    let form = outcome.form.map(|pairs| {
        json!({ "name": field(pairs, "name"), "scope": field(pairs, "scope"), "rate": field(pairs, "requests_per_minute") })
    });
    let data = json!({
        "tokens": tokens.iter().map(|t| row(platform, t)).collect::<Vec<_>>(),
        "form": form.unwrap_or_else(|| json!({ "name": "", "scope": service::DEFAULT_SCOPE, "rate": service::DEFAULT_RATE })),
        "error": outcome.error.as_ref().map(error_data),
        "created": outcome.created.map(|(name, secret)| json!({ "name": name, "secret": secret })),
    });
    let page = Page::admin("api_tokens/list.html", "api_tokens", data);
    page.failed_if(outcome.error.is_some()).into_response()
}

async fn create(
    State(platform): State<Platform>,
    Extension(actor): Extension<Actor>,
    Form(pairs): Form<Pairs>,
) -> Response {
    let rate = field(&pairs, "requests_per_minute").trim();
    // What does not read as a number is out of range, and said so next to the field.
    let rate = if rate.is_empty() { service::DEFAULT_RATE } else { rate.parse().unwrap_or(0) };
    let new = NewToken {
        name: field(&pairs, "name").to_owned(),
        scope: field(&pairs, "scope").to_owned(),
        requests_per_minute: rate,
    };
    match service::create(&platform, &actor, new).await {
        // The secret is on this answer only; it is not stored and not in any address.
        Ok((created, secret)) => {
            render_list(&platform, &actor, ListOutcome { created: Some((created.name, secret)), ..Default::default() })
                .await
        }
        Err(e) => {
            render_list(&platform, &actor, ListOutcome { error: Some(e), form: Some(&pairs), created: None }).await
        }
    }
}

async fn detail(State(platform): State<Platform>, Extension(actor): Extension<Actor>, Path(id): Path<i32>) -> Response {
    if let Some(refused) = admins_only(&actor, &format!("/admin/api-tokens/{id}")) {
        return refused;
    }
    let found = match service::token(&platform, &actor, id).await {
        Ok(found) => found,
        Err(CoreError::NotFound(_)) => return not_found("/admin/api-tokens", "api-tokens-back"),
        Err(e) => return render_list(&platform, &actor, ListOutcome { error: Some(e), ..Default::default() }).await,
    };
    let uses = service::uses(&platform, &actor, id, None, service::USES_LISTED).await.unwrap_or_default();
    let uses: Vec<Value> =
        uses.iter().map(|u| json!({ "at": moment(&platform, Some(u.used_at)), "client": u.client })).collect();
    let data = json!({ "token": row(&platform, &found), "uses": uses, "kept_days": service::USES_KEPT_DAYS });
    Page::admin("api_tokens/detail.html", "api_tokens", data).into_response()
}

async fn revoke(State(platform): State<Platform>, Extension(actor): Extension<Actor>, Path(id): Path<i32>) -> Response {
    if let Some(refused) = admins_only(&actor, &format!("/admin/api-tokens/{id}")) {
        return refused;
    }
    match service::revoke(&platform, &actor, id).await {
        Ok(_) => see_other(&format!("/admin/api-tokens/{id}")),
        Err(e) => render_list(&platform, &actor, ListOutcome { error: Some(e), ..Default::default() }).await,
    }
}
