// SPDX-License-Identifier: LicenseRef-Townhall-Commercial
//! The back office's user groups: the list with a form for a new group, and a group's page
//! (rename, add members by e-mail addresses, remove members, delete). Plain forms, no
//! JavaScript needed.
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Extension, Form, Router};
use serde_json::{Value, json};
use townhall_core::modules::projects::multiloc::Multiloc;
use townhall_core::web::{Lang, Page, Pairs, admins_only, error_data, field, multiloc_field, not_found, see_other};
use townhall_core::{Actor, CoreError, Platform};

use super::model::group;
use super::service::{self, ImportReport};

pub fn routes() -> Router<Platform> {
    Router::new()
        .route("/admin/groups", get(list).post(create))
        .route("/admin/groups/{id}", get(detail).post(rename))
        .route("/admin/groups/{id}/members", post(add_members))
        .route("/admin/groups/{id}/members/{user}/remove", post(remove_member))
        .route("/admin/groups/{id}/delete", post(delete))
}

fn row(g: &group::Model, lang: Lang) -> Value {
    let name = Multiloc::parse(&g.name);
    json!({ "id": g.id, "label": name.text(lang.0), "name": name.0, "members": g.members_count })
}

async fn list(State(platform): State<Platform>, Extension(actor): Extension<Actor>, lang: Extension<Lang>) -> Response {
    render_list(&platform, &actor, lang.0, None, &Pairs::new()).await
}

async fn render_list(
    platform: &Platform,
    actor: &Actor,
    lang: Lang,
    error: Option<&CoreError>,
    form: &Pairs,
) -> Response {
    if let Some(refused) = admins_only(actor, "/admin/groups") {
        return refused;
    }
    let groups = match service::groups(platform, actor).await {
        Ok(groups) => groups,
        Err(e) => {
            return Page::admin("user_groups/list.html", "user_groups", json!({ "error": error_data(&e) }))
                .into_response();
        }
    };
    let data = json!({
        "groups": groups.iter().map(|g| row(g, lang)).collect::<Vec<_>>(),
        "form": multiloc_field(form, "name"),
        "error": error.map(error_data),
    });
    Page::admin("user_groups/list.html", "user_groups", data).into_response()
}

async fn create(
    State(platform): State<Platform>,
    Extension(actor): Extension<Actor>,
    lang: Extension<Lang>,
    Form(pairs): Form<Pairs>,
) -> Response {
    match service::create(&platform, &actor, multiloc_field(&pairs, "name")).await {
        Ok(created) => see_other(&format!("/admin/groups/{}", created.id)),
        Err(e) => render_list(&platform, &actor, lang.0, Some(&e), &pairs).await,
    }
}

#[derive(Debug, Default, serde::Deserialize)]
struct MembersQuery {
    after: Option<i32>,
}

async fn detail(
    State(platform): State<Platform>,
    Extension(actor): Extension<Actor>,
    lang: Extension<Lang>,
    Path(id): Path<i32>,
    Query(q): Query<MembersQuery>,
) -> Response {
    render_detail(&platform, &actor, lang.0, id, q.after, Outcome::default()).await
}

/// What the last form on the page did.
#[derive(Default)]
struct Outcome<'a> {
    error: Option<(&'static str, CoreError)>,
    report: Option<ImportReport>,
    emails: &'a str,
}

async fn render_detail(
    platform: &Platform,
    actor: &Actor,
    lang: Lang,
    id: i32,
    after: Option<i32>,
    outcome: Outcome<'_>,
) -> Response {
    let path = format!("/admin/groups/{id}");
    if let Some(refused) = admins_only(actor, &path) {
        return refused;
    }
    let found = match service::group(platform, actor, id).await {
        Ok(found) => found,
        Err(CoreError::NotFound(_)) => return not_found("/admin/groups", "user-groups-back"),
        Err(e) => return render_list(platform, actor, lang, Some(&e), &Pairs::new()).await,
    };
    let page = service::members(platform, actor, id, after, service::MEMBERS_PER_PAGE).await.unwrap_or_default();
    let data = json!({
        "group": row(&found, lang),
        "members": page.members,
        "next": page.next,
        "paged": after.is_some(),
        "report": outcome.report,
        "emails": outcome.emails,
        "error": outcome.error.as_ref().map(|(_, e)| error_data(e)),
        "error_in": outcome.error.as_ref().map(|(form, _)| *form),
    });
    Page::admin("user_groups/detail.html", "user_groups", data).into_response()
}

async fn rename(
    State(platform): State<Platform>,
    Extension(actor): Extension<Actor>,
    lang: Extension<Lang>,
    Path(id): Path<i32>,
    Form(pairs): Form<Pairs>,
) -> Response {
    let result = service::rename(&platform, &actor, id, multiloc_field(&pairs, "name")).await.map(drop);
    finish(&platform, &actor, lang.0, id, "rename", result, &format!("/admin/groups/{id}")).await
}

async fn add_members(
    State(platform): State<Platform>,
    Extension(actor): Extension<Actor>,
    lang: Extension<Lang>,
    Path(id): Path<i32>,
    Form(pairs): Form<Pairs>,
) -> Response {
    let emails = field(&pairs, "emails");
    let outcome = match service::add_members(&platform, &actor, id, emails).await {
        Ok(report) => Outcome { report: Some(report), ..Default::default() },
        // The text stays in the form, to be corrected.
        Err(e) => Outcome { error: Some(("members", e)), emails, ..Default::default() },
    };
    render_detail(&platform, &actor, lang.0, id, None, outcome).await
}

async fn remove_member(
    State(platform): State<Platform>,
    Extension(actor): Extension<Actor>,
    lang: Extension<Lang>,
    Path((id, user)): Path<(i32, i32)>,
) -> Response {
    let result = service::remove_member(&platform, &actor, id, user).await;
    finish(&platform, &actor, lang.0, id, "members", result, &format!("/admin/groups/{id}#members")).await
}

async fn delete(
    State(platform): State<Platform>,
    Extension(actor): Extension<Actor>,
    lang: Extension<Lang>,
    Path(id): Path<i32>,
) -> Response {
    let result = service::delete(&platform, &actor, id).await;
    finish(&platform, &actor, lang.0, id, "delete", result, "/admin/groups").await
}

/// After a form: on to `to`, or back to the group's page with the error at the form `form`.
async fn finish(
    platform: &Platform,
    actor: &Actor,
    lang: Lang,
    id: i32,
    form: &'static str,
    result: Result<(), CoreError>,
    to: &str,
) -> Response {
    match result {
        Ok(()) => see_other(to),
        Err(e) => {
            render_detail(platform, actor, lang, id, None, Outcome { error: Some((form, e)), ..Default::default() })
                .await
        }
    }
}
