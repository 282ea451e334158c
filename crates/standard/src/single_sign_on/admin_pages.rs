// SPDX-License-Identifier: LicenseRef-Townhall-Commercial
//! The back office's sign-in page: the providers (added, changed, tested, deleted) and who may
//! still sign in with a password.
use std::collections::BTreeMap;

use axum::extract::{Multipart, Path, State};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Extension, Form, Router};
use serde_json::{Value, json};
use townhall_core::web::{Lang, Page, Pairs, admins_only, error_data, field, not_found, see_other};
use townhall_core::{Actor, CoreError, PasswordSignIn, Platform};

use super::model::provider;
use super::providers::{self, Check, DEFAULT_SCOPES, ProviderInput, SIGN_IN};

const LIST: &str = "/admin/sign-in-providers";

pub fn routes() -> Router<Platform> {
    Router::new()
        .route(LIST, get(list).post(create))
        .route("/admin/sign-in-providers/new", get(new_page))
        .route("/admin/sign-in-providers/password", post(password))
        .route("/admin/sign-in-providers/{id}", get(detail).post(update))
        .route("/admin/sign-in-providers/{id}/test", post(test))
        .route("/admin/sign-in-providers/{id}/delete", post(delete))
        .route("/admin/sign-in-providers/{id}/logo/remove", post(remove_logo))
}

/// The logo's upload, with the body limit of uploads.
pub fn upload_routes() -> Router<Platform> {
    Router::new().route("/admin/sign-in-providers/{id}/logo", post(upload_logo))
}

fn input_of(pairs: &Pairs) -> ProviderInput {
    let claims = pairs
        .iter()
        .filter_map(|(k, v)| k.strip_prefix("claim_").map(|target| (target.to_owned(), v.clone())))
        .collect();
    ProviderInput {
        slug: field(pairs, "slug").to_owned(),
        label: field(pairs, "label").to_owned(),
        issuer: field(pairs, "issuer").to_owned(),
        client_id: field(pairs, "client_id").to_owned(),
        client_secret: field(pairs, "client_secret").to_owned(),
        scopes: field(pairs, "scopes").to_owned(),
        purpose: field(pairs, "purpose").to_owned(),
        claims,
    }
}

fn stored_input(found: &provider::Model) -> ProviderInput {
    ProviderInput {
        slug: found.slug.clone(),
        label: found.label.clone(),
        issuer: found.issuer.clone(),
        client_id: found.client_id.clone(),
        client_secret: String::new(),
        scopes: found.scopes.clone(),
        purpose: found.purpose.clone(),
        claims: providers::claim_map(found),
    }
}

/// The form's values (never the secret) with what the claims can fill.
async fn form_data(platform: &Platform, lang: Lang, input: &ProviderInput) -> Value {
    let mut targets: Vec<Value> = providers::PROFILE_TARGETS
        .iter()
        .map(|t| json!({ "name": t, "label": format!("sso-fill-{t}"), "translate": true }))
        .collect();
    for q in platform.registration_questions(lang.0).await.unwrap_or_default() {
        targets.push(json!({ "name": q.name, "label": q.label, "translate": false }));
    }
    let claims: BTreeMap<&String, &String> = input.claims.iter().collect();
    json!({
        "slug": input.slug, "label": input.label, "issuer": input.issuer, "client_id": input.client_id,
        "scopes": input.scopes, "purpose": input.purpose, "claims": claims, "targets": targets,
        "purposes": providers::PURPOSES,
    })
}

async fn list(State(platform): State<Platform>, Extension(actor): Extension<Actor>) -> Response {
    render_list(&platform, &actor, None).await
}

async fn render_list(platform: &Platform, actor: &Actor, error: Option<&CoreError>) -> Response {
    if let Some(refused) = admins_only(actor, LIST) {
        return refused;
    }
    let rows = match providers::list(platform, actor).await {
        Ok(rows) => rows,
        Err(e) => {
            let data = json!({ "providers": [], "error": error_data(&e) });
            return Page::admin("single_sign_on/list.html", "single_sign_on", data).into_response();
        }
    };
    let rows: Vec<Value> = rows
        .iter()
        .map(|(p, linked)| json!({ "id": p.id, "label": p.label, "issuer": p.issuer, "purpose": p.purpose, "linked": linked }))
        .collect();
    let password = providers::password_sign_in(platform).await.unwrap_or_default();
    let data = json!({ "providers": rows, "password": password, "error": error.map(error_data) });
    Page::admin("single_sign_on/list.html", "single_sign_on", data).failed_if(error.is_some()).into_response()
}

async fn new_page(
    State(platform): State<Platform>,
    Extension(actor): Extension<Actor>,
    lang: Extension<Lang>,
) -> Response {
    let fresh =
        ProviderInput { scopes: DEFAULT_SCOPES.to_owned(), purpose: SIGN_IN.to_owned(), ..ProviderInput::default() };
    render_new(&platform, &actor, lang.0, &fresh, None).await
}

async fn render_new(
    platform: &Platform,
    actor: &Actor,
    lang: Lang,
    input: &ProviderInput,
    error: Option<&CoreError>,
) -> Response {
    if let Some(refused) = admins_only(actor, "/admin/sign-in-providers/new") {
        return refused;
    }
    let data = json!({ "form": form_data(platform, lang, input).await, "error": error.map(error_data) });
    Page::admin("single_sign_on/new.html", "single_sign_on", data).failed_if(error.is_some()).into_response()
}

async fn create(
    State(platform): State<Platform>,
    Extension(actor): Extension<Actor>,
    lang: Extension<Lang>,
    Form(pairs): Form<Pairs>,
) -> Response {
    let input = input_of(&pairs);
    match providers::create(&platform, &actor, input.clone()).await {
        Ok(created) => see_other(&format!("/admin/sign-in-providers/{}", created.id)),
        Err(e) => render_new(&platform, &actor, lang.0, &input, Some(&e)).await,
    }
}

async fn detail(
    State(platform): State<Platform>,
    Extension(actor): Extension<Actor>,
    lang: Extension<Lang>,
    Path(id): Path<i32>,
) -> Response {
    render_detail(&platform, &actor, lang.0, id, None, None).await
}

async fn render_detail(
    platform: &Platform,
    actor: &Actor,
    lang: Lang,
    id: i32,
    failed: Option<(CoreError, ProviderInput)>,
    check: Option<Check>,
) -> Response {
    if let Some(refused) = admins_only(actor, &format!("/admin/sign-in-providers/{id}")) {
        return refused;
    }
    let found = match providers::get(platform, actor, id).await {
        Ok(found) => found,
        Err(CoreError::NotFound(_)) => return not_found(LIST, "sso-back"),
        Err(e) => return render_list(platform, actor, Some(&e)).await,
    };
    // A failed logo upload sends no settings: the stored ones are shown.
    let input = match &failed {
        Some((_, sent)) if *sent != ProviderInput::default() => sent.clone(),
        _ => stored_input(&found),
    };
    let data = json!({
        "provider": {
            "id": found.id, "label": found.label, "has_secret": !found.client_secret.is_empty(),
            "logo": found.logo.as_ref().map(|key| format!("/files/{key}")),
            "redirect_uri": providers::callback_url(platform, &found),
        },
        "form": form_data(platform, lang, &input).await,
        "check": check,
        "error": failed.as_ref().map(|(e, _)| error_data(e)),
    });
    Page::admin("single_sign_on/detail.html", "single_sign_on", data).failed_if(failed.is_some()).into_response()
}

async fn update(
    State(platform): State<Platform>,
    Extension(actor): Extension<Actor>,
    lang: Extension<Lang>,
    Path(id): Path<i32>,
    Form(pairs): Form<Pairs>,
) -> Response {
    let input = input_of(&pairs);
    match providers::update(&platform, &actor, id, input.clone()).await {
        Ok(_) => see_other(&format!("/admin/sign-in-providers/{id}?saved=1")),
        Err(CoreError::NotFound(_)) => not_found(LIST, "sso-back"),
        Err(e) => render_detail(&platform, &actor, lang.0, id, Some((e, input)), None).await,
    }
}

async fn test(
    State(platform): State<Platform>,
    Extension(actor): Extension<Actor>,
    lang: Extension<Lang>,
    Path(id): Path<i32>,
) -> Response {
    match providers::test(&platform, &actor, id).await {
        Ok(check) => render_detail(&platform, &actor, lang.0, id, None, Some(check)).await,
        Err(CoreError::NotFound(_)) => not_found(LIST, "sso-back"),
        Err(e) => render_list(&platform, &actor, Some(&e)).await,
    }
}

async fn delete(State(platform): State<Platform>, Extension(actor): Extension<Actor>, Path(id): Path<i32>) -> Response {
    match providers::delete(&platform, &actor, id).await {
        Ok(()) => see_other(LIST),
        Err(CoreError::NotFound(_)) => not_found(LIST, "sso-back"),
        Err(e) => render_list(&platform, &actor, Some(&e)).await,
    }
}

async fn password(
    State(platform): State<Platform>,
    Extension(actor): Extension<Actor>,
    Form(pairs): Form<Pairs>,
) -> Response {
    let allowed =
        PasswordSignIn { residents: field(&pairs, "residents") == "yes", staff: field(&pairs, "staff") == "yes" };
    match providers::set_password_sign_in(&platform, &actor, allowed).await {
        Ok(()) => see_other(LIST),
        Err(e) => render_list(&platform, &actor, Some(&e)).await,
    }
}

async fn upload_logo(
    State(platform): State<Platform>,
    Extension(actor): Extension<Actor>,
    lang: Extension<Lang>,
    Path(id): Path<i32>,
    mut form: Multipart,
) -> Response {
    let mut upload = None;
    while let Ok(Some(part)) = form.next_field().await {
        if part.name() == Some("logo") {
            upload = part.bytes().await.ok().map(|b| b.to_vec()).filter(|b| !b.is_empty());
            break;
        }
    }
    let Some(upload) = upload else {
        let e = CoreError::Field { field: "logo", code: "image_invalid" };
        return render_detail(&platform, &actor, lang.0, id, Some((e, ProviderInput::default())), None).await;
    };
    match providers::set_logo(&platform, &actor, id, upload).await {
        Ok(()) => see_other(&format!("/admin/sign-in-providers/{id}?saved=1")),
        Err(CoreError::NotFound(_)) => not_found(LIST, "sso-back"),
        Err(e) => render_detail(&platform, &actor, lang.0, id, Some((e, ProviderInput::default())), None).await,
    }
}

async fn remove_logo(
    State(platform): State<Platform>,
    Extension(actor): Extension<Actor>,
    Path(id): Path<i32>,
) -> Response {
    match providers::remove_logo(&platform, &actor, id).await {
        Ok(()) => see_other(&format!("/admin/sign-in-providers/{id}?saved=1")),
        Err(CoreError::NotFound(_)) => not_found(LIST, "sso-back"),
        Err(e) => render_list(&platform, &actor, Some(&e)).await,
    }
}
