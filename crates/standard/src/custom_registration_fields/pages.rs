// SPDX-License-Identifier: LicenseRef-Townhall-Commercial
//! The back office's registration fields (the list with a form for a new field; a field's
//! page to change or delete it) and the residents' page where they give or change their
//! answers (`/account/registration?next=`, where an open required question sends them).
use std::collections::BTreeMap;

use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Extension, Form, Router};
use serde_json::{Value, json};
use townhall_core::modules::projects::multiloc::Multiloc;
use townhall_core::web::{
    Lang, Page, Pairs, admins_only, error_data, field, local_path, multiloc_field, not_found, refuse, see_other,
};
use townhall_core::{Actor, Answers, CoreError, Platform};

use super::kinds::{self, KINDS};
use super::model::field;
use super::service::{self, FieldInput};

pub fn routes() -> Router<Platform> {
    Router::new()
        .route("/admin/registration-fields", get(list).post(create))
        .route("/admin/registration-fields/{id}", get(detail).post(update))
        .route("/admin/registration-fields/{id}/delete", post(delete))
        .route("/account/registration", get(answers_page).post(save_answers))
}

/// A field's form as sent: choices are one per line in each language's box; line `i` of
/// every box is choice `i`.
fn input_of(pairs: &Pairs) -> FieldInput {
    let mut choices: Vec<BTreeMap<String, String>> = Vec::new();
    for (locale, text) in multiloc_field(pairs, "choices") {
        for (i, line) in text.lines().map(str::trim).filter(|l| !l.is_empty()).enumerate() {
            if choices.len() <= i {
                choices.resize_with(i + 1, BTreeMap::new);
            }
            choices[i].insert(locale.clone(), line.to_owned());
        }
    }
    FieldInput {
        kind: field(pairs, "kind").to_owned(),
        title: multiloc_field(pairs, "title"),
        choices,
        required: field(pairs, "required") == "yes",
    }
}

/// The form's values: titles by language, choices as lines by language.
fn form_of(input: &FieldInput) -> Value {
    let mut lines: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for choice in &input.choices {
        for (locale, label) in choice {
            lines.entry(locale.clone()).or_default().push(label.clone());
        }
    }
    let choices: BTreeMap<String, String> = lines.into_iter().map(|(l, v)| (l, v.join("\n"))).collect();
    json!({ "kind": input.kind, "title": input.title, "choices": choices, "required": input.required })
}

fn stored_input(f: &field::Model) -> FieldInput {
    FieldInput {
        kind: f.kind.clone(),
        title: Multiloc::parse(&f.title).0,
        choices: kinds::choices(f).into_iter().map(|c| c.title).collect(),
        required: f.required,
    }
}

async fn list(State(platform): State<Platform>, Extension(actor): Extension<Actor>, lang: Extension<Lang>) -> Response {
    render_list(&platform, &actor, lang.0, None, &FieldInput { kind: "text".into(), ..Default::default() }).await
}

async fn render_list(
    platform: &Platform,
    actor: &Actor,
    lang: Lang,
    error: Option<&CoreError>,
    form: &FieldInput,
) -> Response {
    if let Some(refused) = admins_only(actor, "/admin/registration-fields") {
        return refused;
    }
    let all = match service::fields(platform, actor).await {
        Ok(all) => all,
        Err(e) => {
            let data = json!({ "error": error_data(&e) });
            return Page::admin("custom_registration_fields/list.html", "custom_registration_fields", data)
                .into_response();
        }
    };
    let rows: Vec<Value> = all
        .iter()
        .map(|f| json!({ "id": f.id, "title": Multiloc::parse(&f.title).text(lang.0), "kind": f.kind, "required": f.required }))
        .collect();
    let data = json!({ "fields": rows, "kinds": KINDS, "form": form_of(form), "error": error.map(error_data) });
    let page = Page::admin("custom_registration_fields/list.html", "custom_registration_fields", data);
    page.failed_if(error.is_some()).into_response()
}

async fn create(
    State(platform): State<Platform>,
    Extension(actor): Extension<Actor>,
    lang: Extension<Lang>,
    Form(pairs): Form<Pairs>,
) -> Response {
    let input = input_of(&pairs);
    match service::create(&platform, &actor, input.clone()).await {
        Ok(_) => see_other("/admin/registration-fields"),
        Err(e) => render_list(&platform, &actor, lang.0, Some(&e), &input).await,
    }
}

async fn detail(
    State(platform): State<Platform>,
    Extension(actor): Extension<Actor>,
    lang: Extension<Lang>,
    Path(id): Path<i32>,
) -> Response {
    render_detail(&platform, &actor, lang.0, id, None).await
}

async fn render_detail(
    platform: &Platform,
    actor: &Actor,
    lang: Lang,
    id: i32,
    failed: Option<(CoreError, FieldInput)>,
) -> Response {
    if let Some(refused) = admins_only(actor, &format!("/admin/registration-fields/{id}")) {
        return refused;
    }
    let found = match service::field(platform, actor, id).await {
        Ok(found) => found,
        Err(CoreError::NotFound(_)) => return not_found("/admin/registration-fields", "registration-fields-back"),
        Err(e) => return render_list(platform, actor, lang, Some(&e), &FieldInput::default()).await,
    };
    let form = failed
        .as_ref()
        .map_or_else(|| stored_input(&found), |(_, sent)| FieldInput { kind: found.kind.clone(), ..sent.clone() });
    let data = json!({
        "field": { "id": found.id, "title": Multiloc::parse(&found.title).text(lang.0), "kind": found.kind },
        "form": form_of(&form),
        "error": failed.as_ref().map(|(e, _)| error_data(e)),
    });
    Page::admin("custom_registration_fields/detail.html", "custom_registration_fields", data)
        .failed_if(failed.is_some())
        .into_response()
}

async fn update(
    State(platform): State<Platform>,
    Extension(actor): Extension<Actor>,
    lang: Extension<Lang>,
    Path(id): Path<i32>,
    Form(pairs): Form<Pairs>,
) -> Response {
    let input = input_of(&pairs);
    match service::update(&platform, &actor, id, input.clone()).await {
        Ok(_) => see_other("/admin/registration-fields"),
        Err(e) => render_detail(&platform, &actor, lang.0, id, Some((e, input))).await,
    }
}

async fn delete(
    State(platform): State<Platform>,
    Extension(actor): Extension<Actor>,
    lang: Extension<Lang>,
    Path(id): Path<i32>,
) -> Response {
    match service::delete(&platform, &actor, id).await {
        Ok(()) => see_other("/admin/registration-fields"),
        Err(e) => render_list(&platform, &actor, lang.0, Some(&e), &FieldInput::default()).await,
    }
}

#[derive(Debug, Default, serde::Deserialize)]
struct Next {
    next: Option<String>,
}

async fn answers_page(
    State(platform): State<Platform>,
    Extension(actor): Extension<Actor>,
    lang: Extension<Lang>,
    Query(q): Query<Next>,
) -> Response {
    let next = local_path(q.next.as_deref());
    let given = service::my_answers(&platform, &actor).await.unwrap_or_default();
    render_answers(&platform, &actor, lang.0, next, &given, None).await
}

async fn render_answers(
    platform: &Platform,
    actor: &Actor,
    lang: Lang,
    next: Option<String>,
    given: &Answers,
    error: Option<&CoreError>,
) -> Response {
    if actor.user_id().is_none() {
        let back =
            next.as_ref().map_or("/account/registration".to_owned(), |n| format!("/account/registration?next={n}"));
        return refuse(actor, &back);
    }
    let asked = service::questions(platform, lang.0).await.unwrap_or_default();
    let data = json!({ "asked": asked, "answers": given, "next": next, "error": error.map(error_data) });
    Page::new("custom_registration_fields/answers.html", data).failed_if(error.is_some()).into_response()
}

async fn save_answers(
    State(platform): State<Platform>,
    Extension(actor): Extension<Actor>,
    lang: Extension<Lang>,
    Form(pairs): Form<Pairs>,
) -> Response {
    let next = local_path(Some(field(&pairs, "next")));
    let mut given = Answers::new();
    for (key, value) in pairs.iter().filter(|(k, _)| k != "next") {
        given.entry(key.clone()).or_default().push(value.clone());
    }
    match service::save_my_answers(&platform, &actor, &given).await {
        Ok(()) => see_other(next.as_deref().unwrap_or("/account")),
        Err(CoreError::NotSignedIn) => refuse(&actor, "/account/registration"),
        Err(e) => render_answers(&platform, &actor, lang.0, next, &given, Some(&e)).await,
    }
}
