// SPDX-License-Identifier: LicenseRef-Townhall-Commercial
//! The back office's webhooks: the list with a form for a new endpoint, and an endpoint's page
//! with its secret (rotated with a grace period), its latest deliveries (each failed one can be
//! tried again, any one sent again), a test event, pause, resume and delete. Plain forms, no
//! JavaScript needed.
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Extension, Form, Router};
use serde_json::{Value, json};
use townhall_core::events::KINDS;
use townhall_core::web::{Page, Pairs, admins_only, error_data, field, moment, not_found, see_other};
use townhall_core::{Actor, CoreError, Platform};

use super::model::webhook;
use super::service::{self, NewWebhook};
use super::targets;

pub fn routes() -> Router<Platform> {
    Router::new()
        .route("/admin/webhooks", get(list).post(create))
        .route("/admin/webhooks/{id}", get(detail))
        .route("/admin/webhooks/{id}/active", post(set_active))
        .route("/admin/webhooks/{id}/delete", post(delete))
        .route("/admin/webhooks/{id}/deliveries/{delivery}/retry", post(retry))
        .route("/admin/webhooks/{id}/deliveries/{delivery}/redeliver", post(redeliver))
        .route("/admin/webhooks/{id}/test", post(send_test))
        .route("/admin/webhooks/{id}/rotate", post(rotate))
}

fn row(w: &webhook::Model) -> Value {
    json!({ "id": w.id, "url": w.url, "description": w.description, "events": w.event_list(), "active": w.active })
}

/// Event kinds as form choices (`idea.published` → id `event-idea-published`).
fn kinds(chosen: &[String]) -> Vec<Value> {
    KINDS
        .iter()
        .map(|k| json!({ "kind": k, "slug": k.replace('.', "-"), "checked": chosen.iter().any(|c| c == k) }))
        .collect()
}

async fn list(State(platform): State<Platform>, Extension(actor): Extension<Actor>) -> Response {
    render_list(&platform, &actor, None, &Pairs::new()).await
}

async fn render_list(platform: &Platform, actor: &Actor, error: Option<&CoreError>, form: &Pairs) -> Response {
    if let Some(refused) = admins_only(actor, "/admin/webhooks") {
        return refused;
    }
    let all = match service::webhooks(platform, actor).await {
        Ok(all) => all,
        Err(e) => {
            return Page::admin("webhooks/list.html", "webhooks", json!({ "error": error_data(&e) })).into_response();
        }
    };
    let chosen = chosen_events(form);
    let data = json!({
        "webhooks": all.iter().map(row).collect::<Vec<_>>(),
        "form": { "url": field(form, "url"), "description": field(form, "description") },
        "kinds": kinds(&chosen),
        "error": error.map(error_data),
    });
    let page = Page::admin("webhooks/list.html", "webhooks", data);
    page.failed_if(error.is_some()).into_response()
}

fn chosen_events(pairs: &Pairs) -> Vec<String> {
    pairs.iter().filter(|(k, _)| k == "events").map(|(_, v)| v.clone()).collect()
}

async fn create(
    State(platform): State<Platform>,
    Extension(actor): Extension<Actor>,
    Form(pairs): Form<Pairs>,
) -> Response {
    let new = NewWebhook {
        url: field(&pairs, "url").to_owned(),
        description: field(&pairs, "description").to_owned(),
        events: chosen_events(&pairs),
    };
    match service::create(&platform, &actor, new).await {
        Ok(created) => see_other(&format!("/admin/webhooks/{}", created.id)),
        Err(e) => render_list(&platform, &actor, Some(&e), &pairs).await,
    }
}

async fn detail(State(platform): State<Platform>, Extension(actor): Extension<Actor>, Path(id): Path<i32>) -> Response {
    render_detail(&platform, &actor, id, None).await
}

async fn render_detail(platform: &Platform, actor: &Actor, id: i32, error: Option<&CoreError>) -> Response {
    if let Some(refused) = admins_only(actor, &format!("/admin/webhooks/{id}")) {
        return refused;
    }
    let found = match service::webhook(platform, actor, id).await {
        Ok(found) => found,
        Err(CoreError::NotFound(_)) => return not_found("/admin/webhooks", "webhooks-back"),
        Err(e) => return render_list(platform, actor, Some(&e), &Pairs::new()).await,
    };
    let deliveries =
        service::deliveries(platform, actor, id, None, service::DELIVERIES_LISTED).await.unwrap_or_default();
    let deliveries: Vec<Value> = deliveries
        .iter()
        .map(|d| {
            json!({
                "id": d.id, "event": d.event, "status": d.status, "attempts": d.attempts,
                "code": d.last_status_code, "error": d.last_error,
                "refused": d.last_error.as_deref().and_then(|e| e.strip_prefix(targets::REFUSED)),
                "created": moment(platform, Some(d.created_at)),
                "again": d.redelivery_of.is_some(),
                "next": (d.status == service::PENDING).then(|| moment(platform, Some(d.next_attempt_at))),
            })
        })
        .collect();
    let data = json!({
        "webhook": row(&found),
        "secret": found.secret,
        "previous_until": found
            .in_grace(chrono::Utc::now())
            .then(|| moment(platform, found.previous_secret_expires_at)),
        "grace_hours": service::ROTATION_GRACE_HOURS,
        "deliveries": deliveries,
        "error": error.map(error_data),
    });
    Page::admin("webhooks/detail.html", "webhooks", data).into_response()
}

async fn set_active(
    State(platform): State<Platform>,
    Extension(actor): Extension<Actor>,
    Path(id): Path<i32>,
    Form(pairs): Form<Pairs>,
) -> Response {
    let active = field(&pairs, "active") == "true";
    finish(&platform, &actor, id, service::set_active(&platform, &actor, id, active).await.map(drop)).await
}

async fn delete(State(platform): State<Platform>, Extension(actor): Extension<Actor>, Path(id): Path<i32>) -> Response {
    match service::delete(&platform, &actor, id).await {
        Ok(()) => see_other("/admin/webhooks"),
        Err(e) => render_detail(&platform, &actor, id, Some(&e)).await,
    }
}

async fn retry(
    State(platform): State<Platform>,
    Extension(actor): Extension<Actor>,
    Path((id, delivery)): Path<(i32, i32)>,
) -> Response {
    finish(&platform, &actor, id, service::retry(&platform, &actor, delivery).await.map(drop)).await
}

async fn redeliver(
    State(platform): State<Platform>,
    Extension(actor): Extension<Actor>,
    Path((id, delivery)): Path<(i32, i32)>,
) -> Response {
    finish(&platform, &actor, id, service::redeliver(&platform, &actor, delivery).await.map(drop)).await
}

async fn send_test(
    State(platform): State<Platform>,
    Extension(actor): Extension<Actor>,
    Path(id): Path<i32>,
) -> Response {
    finish(&platform, &actor, id, service::send_test_event(&platform, &actor, id).await.map(drop)).await
}

async fn rotate(State(platform): State<Platform>, Extension(actor): Extension<Actor>, Path(id): Path<i32>) -> Response {
    match service::rotate_secret(&platform, &actor, id).await {
        Ok(_) => see_other(&format!("/admin/webhooks/{id}#secret-title")),
        Err(e) => render_detail(&platform, &actor, id, Some(&e)).await,
    }
}

/// Back to the endpoint's page, with the error if the form failed.
async fn finish(platform: &Platform, actor: &Actor, id: i32, result: Result<(), CoreError>) -> Response {
    match result {
        Ok(()) => see_other(&format!("/admin/webhooks/{id}#deliveries")),
        Err(e) => render_detail(platform, actor, id, Some(&e)).await,
    }
}
