// SPDX-License-Identifier: LicenseRef-Townhall-Commercial
//! A folder's public page and picture, and the back office's folders: the list with a form
//! for a new folder, and a folder's page (texts, picture, projects, moderators, delete).
use axum::extract::{Multipart, Path, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Extension, Form, Router};
use serde_json::{Value, json};
use townhall_core::modules::projects::ARCHIVED;
use townhall_core::modules::projects::multiloc::Multiloc;
use townhall_core::web::{
    Lang, Page, Pairs, admins_only, error_data, excerpt, field, multiloc_field, not_found, see_other,
};
use townhall_core::{Actor, CoreError, Platform};

use super::EXCERPT;
use super::service::{self, Folder, FolderInput};

pub fn routes() -> Router<Platform> {
    Router::new()
        .route("/folders/{slug}", get(public_page))
        .route("/files/folders/{name}", get(picture))
        .route("/admin/folders", get(list).post(create))
        .route("/admin/folders/{id}", get(detail).post(update))
        .route("/admin/folders/{id}/projects", post(set_projects))
        .route("/admin/folders/{id}/moderators", post(add_moderator))
        .route("/admin/folders/{id}/moderators/{user}/remove", post(remove_moderator))
        .route("/admin/folders/{id}/delete", post(delete))
}

/// The picture goes through the uploads' body limit.
pub fn upload_routes() -> Router<Platform> {
    Router::new().route("/admin/folders/{id}/image", post(upload_image))
}

async fn public_page(
    State(platform): State<Platform>,
    Extension(actor): Extension<Actor>,
    lang: Extension<Lang>,
    Path(slug): Path<String>,
) -> Response {
    let locale = lang.0.0;
    let found = match service::by_slug(&platform, &slug).await {
        Ok(found) => found,
        Err(_) => return not_found("/", "notfound-home"),
    };
    let visible = platform.projects(&actor).await.unwrap_or_default();
    let projects: Vec<Value> = visible
        .iter()
        .filter(|p| found.project_ids.contains(&p.id) && p.status != ARCHIVED)
        .map(|p| {
            json!({
                "slug": p.slug,
                "title": Multiloc::parse(&p.title).text(locale),
                // Project descriptions are rich text: the card shows their words only.
                "excerpt": excerpt(&Multiloc::parse(&p.description).text(locale), EXCERPT),
                "header": p.header_image.as_ref().map(|k| format!("/files/{k}")),
            })
        })
        .collect();
    let description = Multiloc::parse(&found.folder.description).text(locale);
    let data = json!({
        "title": Multiloc::parse(&found.folder.title).text(locale),
        "paragraphs": description.split("\n\n").map(str::trim).filter(|p| !p.is_empty()).collect::<Vec<_>>(),
        "image": found.folder.image.as_ref().map(|k| format!("/files/{k}")),
        "projects": projects,
    });
    Page::new("project_folders/folder.html", data).into_response()
}

async fn picture(State(platform): State<Platform>, Path(name): Path<String>) -> Response {
    match service::image(&platform, &format!("folders/{name}")).await.ok().flatten() {
        Some(bytes) => {
            let kind = townhall_core::images::variants::content_type_of(&name);
            let headers =
                [(header::CONTENT_TYPE, kind), (header::CACHE_CONTROL, "public, max-age=31536000, immutable")];
            (headers, bytes).into_response()
        }
        None => StatusCode::NOT_FOUND.into_response(),
    }
}

fn input_of(pairs: &Pairs) -> FolderInput {
    FolderInput {
        slug: field(pairs, "slug").to_owned(),
        title: multiloc_field(pairs, "title"),
        description: multiloc_field(pairs, "description"),
    }
}

fn form_of(input: &FolderInput) -> Value {
    json!({ "slug": input.slug, "title": input.title, "description": input.description })
}

async fn list(State(platform): State<Platform>, Extension(actor): Extension<Actor>, lang: Extension<Lang>) -> Response {
    render_list(&platform, &actor, lang.0, None, &FolderInput::default()).await
}

async fn render_list(
    platform: &Platform,
    actor: &Actor,
    lang: Lang,
    error: Option<&CoreError>,
    form: &FolderInput,
) -> Response {
    if let Some(refused) = admins_only(actor, "/admin/folders") {
        return refused;
    }
    let folders = match service::folders(platform, actor).await {
        Ok(folders) => folders,
        Err(e) => {
            return Page::admin("project_folders/list.html", "project_folders", json!({ "error": error_data(&e) }))
                .into_response();
        }
    };
    let rows: Vec<Value> = folders
        .iter()
        .map(|(f, ids)| json!({ "id": f.id, "slug": f.slug, "title": Multiloc::parse(&f.title).text(lang.0), "projects": ids.len() }))
        .collect();
    let data = json!({ "folders": rows, "form": form_of(form), "error": error.map(error_data) });
    let page = Page::admin("project_folders/list.html", "project_folders", data);
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
        Ok(created) => see_other(&format!("/admin/folders/{}", created.id)),
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

/// A folder's page; `failed` is the form that failed (its name and error) and, for the texts,
/// what was sent.
async fn render_detail(
    platform: &Platform,
    actor: &Actor,
    lang: Lang,
    id: i32,
    failed: Option<(&'static str, CoreError, Option<FolderInput>)>,
) -> Response {
    if let Some(refused) = admins_only(actor, &format!("/admin/folders/{id}")) {
        return refused;
    }
    let found: Folder = match service::folder(platform, actor, id).await {
        Ok(found) => found,
        Err(CoreError::NotFound(_)) => return not_found("/admin/folders", "folders-back"),
        Err(e) => return render_list(platform, actor, lang, Some(&e), &FolderInput::default()).await,
    };
    let all = platform.projects(actor).await.unwrap_or_default();
    let projects: Vec<Value> = all
        .iter()
        .map(|p| {
            json!({ "id": p.id, "title": Multiloc::parse(&p.title).text(lang.0), "chosen": found.project_ids.contains(&p.id) })
        })
        .collect();
    let stored = FolderInput {
        slug: found.folder.slug.clone(),
        title: Multiloc::parse(&found.folder.title).0,
        description: Multiloc::parse(&found.folder.description).0,
    };
    let form = failed.as_ref().and_then(|(_, _, sent)| sent.clone()).unwrap_or(stored);
    let moderators: Vec<Value> =
        found.moderators.iter().map(|(id, name, email)| json!({ "id": id, "name": name, "email": email })).collect();
    let data = json!({
        "folder": { "id": found.folder.id, "slug": found.folder.slug, "title": Multiloc::parse(&found.folder.title).text(lang.0),
                    "image": found.folder.image.as_ref().map(|k| format!("/files/{k}")) },
        "form": form_of(&form),
        "projects": projects,
        "moderators": moderators,
        "error": failed.as_ref().map(|(_, e, _)| error_data(e)),
        "error_in": failed.as_ref().map(|(form, _, _)| *form),
    });
    Page::admin("project_folders/detail.html", "project_folders", data).failed_if(failed.is_some()).into_response()
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
        Ok(_) => see_other(&format!("/admin/folders/{id}")),
        Err(e) => render_detail(&platform, &actor, lang.0, id, Some(("texts", e, Some(input)))).await,
    }
}

/// After a form of a folder's page: back to it, or the page with the error at that form.
async fn finish(
    platform: &Platform,
    actor: &Actor,
    lang: Lang,
    id: i32,
    form: &'static str,
    result: Result<(), CoreError>,
) -> Response {
    match result {
        Ok(()) => see_other(&format!("/admin/folders/{id}#{form}")),
        Err(e) => render_detail(platform, actor, lang, id, Some((form, e, None))).await,
    }
}

async fn set_projects(
    State(platform): State<Platform>,
    Extension(actor): Extension<Actor>,
    lang: Extension<Lang>,
    Path(id): Path<i32>,
    Form(pairs): Form<Pairs>,
) -> Response {
    // A value that is not a number names no project.
    let ids: Vec<i32> = pairs.iter().filter(|(k, _)| k == "projects").map(|(_, v)| v.parse().unwrap_or(0)).collect();
    let result = service::set_projects(&platform, &actor, id, ids).await.map(drop);
    finish(&platform, &actor, lang.0, id, "projects", result).await
}

async fn add_moderator(
    State(platform): State<Platform>,
    Extension(actor): Extension<Actor>,
    lang: Extension<Lang>,
    Path(id): Path<i32>,
    Form(pairs): Form<Pairs>,
) -> Response {
    let result = service::add_moderator(&platform, &actor, id, field(&pairs, "email")).await.map(drop);
    finish(&platform, &actor, lang.0, id, "moderators", result).await
}

async fn remove_moderator(
    State(platform): State<Platform>,
    Extension(actor): Extension<Actor>,
    lang: Extension<Lang>,
    Path((id, user)): Path<(i32, i32)>,
) -> Response {
    let result = service::remove_moderator(&platform, &actor, id, user).await.map(drop);
    finish(&platform, &actor, lang.0, id, "moderators", result).await
}

async fn delete(
    State(platform): State<Platform>,
    Extension(actor): Extension<Actor>,
    lang: Extension<Lang>,
    Path(id): Path<i32>,
) -> Response {
    match service::delete(&platform, &actor, id).await {
        Ok(()) => see_other("/admin/folders"),
        Err(e) => render_detail(&platform, &actor, lang.0, id, Some(("delete", e, None))).await,
    }
}

async fn upload_image(
    State(platform): State<Platform>,
    Extension(actor): Extension<Actor>,
    lang: Extension<Lang>,
    Path(id): Path<i32>,
    mut form: Multipart,
) -> Response {
    if let Some(refused) = admins_only(&actor, &format!("/admin/folders/{id}")) {
        return refused;
    }
    let mut bytes = Vec::new();
    while let Ok(Some(part)) = form.next_field().await {
        if part.name() == Some("image") {
            bytes = part.bytes().await.map(|b| b.to_vec()).unwrap_or_default();
        }
    }
    let result = if bytes.is_empty() {
        Err(CoreError::Field { field: "image", code: "image_invalid" })
    } else {
        service::set_image(&platform, &actor, id, bytes).await.map(drop)
    };
    finish(&platform, &actor, lang.0, id, "image", result).await
}
