// SPDX-License-Identifier: LicenseRef-Townhall-Commercial
//! The pages of identity verification: `/verify` for residents (the form of each method, or
//! the verification they have), and `/admin/verification` where administrators see the census
//! list and replace it with a file.
use std::collections::BTreeMap;

use axum::extract::{Multipart, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Extension, Form, Router};
use serde_json::{Value, json};
use townhall_core::web::{Page, Pairs, admins_only, error_data, field, local_path, moment, refuse, see_other};
use townhall_core::{Actor, CoreError, Platform};

use super::methods;
use super::service::{self, CensusOutcome};

pub fn routes() -> Router<Platform> {
    Router::new().route("/verify", get(verify_page).post(verify)).route("/admin/verification", get(admin_page))
}

/// The census file goes through the uploads' body limit.
pub fn upload_routes() -> Router<Platform> {
    Router::new().route("/admin/verification/census", post(upload_census))
}

#[derive(Debug, Default, serde::Deserialize)]
struct Next {
    next: Option<String>,
}

async fn verify_page(
    State(platform): State<Platform>,
    Extension(actor): Extension<Actor>,
    Query(q): Query<Next>,
) -> Response {
    render_verify(&platform, &actor, local_path(q.next.as_deref()), None, &Pairs::new()).await
}

async fn render_verify(
    platform: &Platform,
    actor: &Actor,
    next: Option<String>,
    error: Option<&CoreError>,
    form: &Pairs,
) -> Response {
    let Some(user) = actor.user_id() else {
        // Visitors sign in first and come back here (`refuse` sends them).
        let back = next.as_ref().map_or("/verify".to_owned(), |n| format!("/verify?next={n}"));
        return refuse(actor, &back);
    };
    let done = match service::verification_of(platform, user).await {
        Ok(done) => done,
        Err(e) => {
            let data = json!({ "error": error_data(&e), "methods": [] });
            return Page::new("identity_verification/verify.html", data).into_response();
        }
    };
    let methods: Vec<Value> = methods::all()
        .iter()
        .map(|m| {
            let fields: Vec<Value> = m
                .fields()
                .iter()
                .map(|f| json!({ "name": f.name, "kind": f.kind, "value": field(form, f.name) }))
                .collect();
            json!({ "id": m.id(), "fields": fields })
        })
        .collect();
    let providers: Vec<Value> = super::oidc::choices(platform, next.as_deref())
        .await
        .into_iter()
        .map(|(label, href)| json!({ "label": label, "href": href }))
        .collect();
    let data = json!({
        "done": done.map(|d| json!({ "method": d.method, "at": moment(platform, Some(d.verified_at)) })),
        "methods": methods,
        "providers": providers,
        "next": next,
        "error": error.map(error_data),
    });
    let page = Page::new("identity_verification/verify.html", data);
    let status = match error {
        Some(CoreError::Throttled { .. }) => StatusCode::TOO_MANY_REQUESTS,
        Some(_) => StatusCode::UNPROCESSABLE_ENTITY,
        None => StatusCode::OK,
    };
    page.with_status(status).into_response()
}

async fn verify(
    State(platform): State<Platform>,
    Extension(actor): Extension<Actor>,
    Form(pairs): Form<Pairs>,
) -> Response {
    let next = local_path(Some(field(&pairs, "next")));
    let method = field(&pairs, "method");
    let answers: BTreeMap<String, String> =
        pairs.iter().filter(|(k, _)| k != "method" && k != "next").map(|(k, v)| (k.clone(), v.clone())).collect();
    match service::verify(&platform, &actor, method, &answers).await {
        Ok(_) => see_other(next.as_deref().unwrap_or("/verify")),
        Err(CoreError::NotSignedIn) => refuse(&actor, "/verify"),
        Err(e) => render_verify(&platform, &actor, next, Some(&e), &pairs).await,
    }
}

async fn admin_page(State(platform): State<Platform>, Extension(actor): Extension<Actor>) -> Response {
    render_admin(&platform, &actor, json!(null), StatusCode::OK).await
}

/// The back office's page; `outcome` is what the last upload did.
async fn render_admin(platform: &Platform, actor: &Actor, outcome: Value, status: StatusCode) -> Response {
    if let Some(refused) = admins_only(actor, "/admin/verification") {
        return refused;
    }
    let state = match service::census_state(platform, actor).await {
        Ok(state) => state,
        Err(e) => {
            let data = json!({ "outcome": { "error": error_data(&e) } });
            return Page::admin("identity_verification/admin.html", "identity_verification", data).into_response();
        }
    };
    let data = json!({
        "identities": state.identities,
        "verified_accounts": state.verified_accounts,
        "updated": moment(platform, state.updated_at),
        "outcome": outcome,
    });
    Page::admin("identity_verification/admin.html", "identity_verification", data).with_status(status).into_response()
}

async fn upload_census(
    State(platform): State<Platform>,
    Extension(actor): Extension<Actor>,
    form: Multipart,
) -> Response {
    if let Some(refused) = admins_only(&actor, "/admin/verification") {
        return refused;
    }
    let refused = |code: &str| json!({ "error": { "field": "census", "code": code } });
    let text = match census_file(form).await {
        Ok(Some(text)) => text,
        Ok(None) => {
            return render_admin(&platform, &actor, refused("census_empty"), StatusCode::UNPROCESSABLE_ENTITY).await;
        }
        Err(code) => return render_admin(&platform, &actor, refused(code), StatusCode::UNPROCESSABLE_ENTITY).await,
    };
    match service::replace_census(&platform, &actor, &text).await {
        Ok(CensusOutcome::Stored(report)) => {
            render_admin(&platform, &actor, json!({ "stored": report }), StatusCode::OK).await
        }
        Ok(CensusOutcome::BadLines { first, count }) => {
            let outcome = json!({ "bad_lines": { "first": first, "count": count } });
            render_admin(&platform, &actor, outcome, StatusCode::UNPROCESSABLE_ENTITY).await
        }
        Err(e) => {
            render_admin(&platform, &actor, json!({ "error": error_data(&e) }), StatusCode::UNPROCESSABLE_ENTITY).await
        }
    }
}

/// The `census` file of the form, as text; `None` when no file was chosen.
async fn census_file(mut form: Multipart) -> Result<Option<String>, &'static str> {
    while let Some(part) = form.next_field().await.map_err(|_| "census_unreadable")? {
        if part.name() != Some("census") {
            continue;
        }
        let bytes = part.bytes().await.map_err(|_| "census_unreadable")?;
        if bytes.is_empty() {
            return Ok(None);
        }
        return String::from_utf8(bytes.to_vec()).map(Some).map_err(|_| "census_not_utf8");
    }
    Ok(None)
}
