// SPDX-License-Identifier: LicenseRef-Townhall-Commercial
//! The back office's smart groups: the list with a form for a new group, and a group's page
//! with its members now, its name and rules to change, and delete. Plain forms.
use std::collections::BTreeMap;

use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Extension, Form, Router};
use sea_orm::{EntityTrait, QueryOrder};
use serde_json::{Value, json};
use townhall_core::modules::projects::model::project;
use townhall_core::modules::projects::multiloc::Multiloc;
use townhall_core::web::{Lang, Page, Pairs, admins_only, error_data, field, multiloc_field, not_found, see_other};
use townhall_core::{Actor, CoreError, Platform};

use super::rules::{AnswerRule, Rules};
use super::service::{self, SmartGroup};

pub fn routes() -> Router<Platform> {
    Router::new()
        .route("/admin/smart-groups", get(list).post(create))
        .route("/admin/smart-groups/{id}", get(detail).post(update))
        .route("/admin/smart-groups/{id}/delete", post(delete))
}

/// The rules as the form shows them.
fn rules_form(rules: &Rules) -> Value {
    let verified = match rules.verified {
        Some(true) => "yes",
        Some(false) => "no",
        None => "",
    };
    let answers: BTreeMap<String, Vec<String>> =
        rules.answers.iter().map(|a| (a.field_id.to_string(), a.values.clone())).collect();
    json!({
        "email_domains": rules.email_domains.join(", "),
        "verified": verified,
        "took_part_in": rules.took_part_in.map(|p| p.to_string()).unwrap_or_default(),
        "born_from": rules.born_from.map(|y| y.to_string()).unwrap_or_default(),
        "born_to": rules.born_to.map(|y| y.to_string()).unwrap_or_default(),
        "areas": rules.areas.iter().map(i32::to_string).collect::<Vec<_>>(),
        "answers": answers,
    })
}

/// The rules a form sent (a project id that is not a number names no project).
fn rules_of(pairs: &Pairs) -> Rules {
    let domains = field(pairs, "email_domains").split([',', ';', ' ', '\n']).map(str::to_owned).collect();
    let verified = match field(pairs, "verified") {
        "yes" => Some(true),
        "no" => Some(false),
        _ => None,
    };
    let took_part_in = match field(pairs, "took_part_in") {
        "" => None,
        id => Some(id.parse().unwrap_or(0)),
    };
    // A year that is not a number is out of range, and said so.
    let year = |key: &str| match field(pairs, key).trim() {
        "" => None,
        y => Some(y.parse().unwrap_or(0)),
    };
    let mut answers: BTreeMap<i32, Vec<String>> = BTreeMap::new();
    for (key, value) in pairs {
        if let Some(id) = key.strip_prefix("answer_").and_then(|id| id.parse().ok()) {
            answers.entry(id).or_default().push(value.clone());
        }
    }
    Rules {
        email_domains: domains,
        verified,
        took_part_in,
        answers: answers.into_iter().map(|(field_id, values)| AnswerRule { field_id, values }).collect(),
        born_from: year("born_from"),
        born_to: year("born_to"),
        areas: pairs.iter().filter(|(k, _)| k == "areas").filter_map(|(_, v)| v.parse().ok()).collect(),
    }
}

/// The registration questions with choices a rule can name, and the areas, in `lang`.
async fn choices(platform: &Platform, lang: Lang) -> (Vec<Value>, Vec<Value>) {
    use townhall_standard::custom_registration_fields::{kinds, service as questions};
    let mut asked = Vec::new();
    for q in questions::all(platform.db()).await.unwrap_or_default() {
        if matches!(q.kind.as_str(), "select" | "multiselect" | "gender") {
            let options = kinds::options(platform, &q, lang.0).await.unwrap_or_default();
            asked.push(
                json!({ "id": q.id.to_string(), "label": Multiloc::parse(&q.title).text(lang.0), "options": options }),
            );
        }
    }
    let areas = platform.terms(townhall_core::modules::projects::Taxonomy::Area).await.unwrap_or_default();
    let areas = areas.iter().map(|t| json!({ "id": t.id.to_string(), "label": t.text(lang.0) })).collect();
    (asked, areas)
}

async fn projects(platform: &Platform, lang: Lang) -> Vec<Value> {
    let all = project::Entity::find().order_by_asc(project::Column::Id).all(platform.db()).await.unwrap_or_default();
    all.iter().map(|p| json!({ "id": p.id.to_string(), "title": Multiloc::parse(&p.title).text(lang.0) })).collect()
}

fn row(g: &SmartGroup, lang: Lang) -> Value {
    let name = Multiloc::parse(&g.group.name);
    json!({ "id": g.group.id, "label": name.text(lang.0), "name": name.0, "rules": rules_form(&g.rules) })
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
    if let Some(refused) = admins_only(actor, "/admin/smart-groups") {
        return refused;
    }
    let groups = match service::groups(platform, actor).await {
        Ok(groups) => groups,
        Err(e) => {
            return Page::admin("smart_groups/list.html", "smart_groups", json!({ "error": error_data(&e) }))
                .into_response();
        }
    };
    let (asked, areas) = choices(platform, lang).await;
    let data = json!({
        "groups": groups.iter().map(|g| row(g, lang)).collect::<Vec<_>>(),
        "name": multiloc_field(form, "name"),
        "rules": rules_form(&rules_of(form)),
        "projects": projects(platform, lang).await,
        "questions": asked,
        "area_choices": areas,
        "error": error.map(error_data),
    });
    let page = Page::admin("smart_groups/list.html", "smart_groups", data);
    page.failed_if(error.is_some()).into_response()
}

async fn create(
    State(platform): State<Platform>,
    Extension(actor): Extension<Actor>,
    lang: Extension<Lang>,
    Form(pairs): Form<Pairs>,
) -> Response {
    match service::create(&platform, &actor, multiloc_field(&pairs, "name"), rules_of(&pairs)).await {
        Ok(created) => see_other(&format!("/admin/smart-groups/{}", created.group.id)),
        Err(e) => render_list(&platform, &actor, lang.0, Some(&e), &pairs).await,
    }
}

#[derive(Debug, Default, serde::Deserialize)]
struct After {
    after: Option<i32>,
}

async fn detail(
    State(platform): State<Platform>,
    Extension(actor): Extension<Actor>,
    lang: Extension<Lang>,
    Path(id): Path<i32>,
    Query(q): Query<After>,
) -> Response {
    render_detail(&platform, &actor, lang.0, id, q.after, None).await
}

/// A group's page; `sent` is a form that failed, with its error, shown as sent.
async fn render_detail(
    platform: &Platform,
    actor: &Actor,
    lang: Lang,
    id: i32,
    after: Option<i32>,
    sent: Option<(&Pairs, CoreError)>,
) -> Response {
    if let Some(refused) = admins_only(actor, &format!("/admin/smart-groups/{id}")) {
        return refused;
    }
    let found = match service::group(platform, actor, id).await {
        Ok(found) => found,
        Err(CoreError::NotFound(_)) => return not_found("/admin/smart-groups", "smart-groups-back"),
        Err(e) => return render_list(platform, actor, lang, Some(&e), &Pairs::new()).await,
    };
    let (members, total) =
        service::members(platform, actor, id, after, service::MEMBERS_PER_PAGE).await.unwrap_or_default();
    let next = (members.len() as u64 == service::MEMBERS_PER_PAGE).then(|| members.last().map(|m| m.id)).flatten();
    let mut group = row(&found, lang);
    if let Some((pairs, _)) = &sent {
        group["name"] = json!(multiloc_field(pairs, "name"));
        group["rules"] = rules_form(&rules_of(pairs));
    }
    let (asked, areas) = choices(platform, lang).await;
    let data = json!({
        "group": group,
        "members": members,
        "total": total,
        "next": next,
        "paged": after.is_some(),
        "projects": projects(platform, lang).await,
        "questions": asked,
        "area_choices": areas,
        "error": sent.as_ref().map(|(_, e)| error_data(e)),
    });
    Page::admin("smart_groups/detail.html", "smart_groups", data).failed_if(sent.is_some()).into_response()
}

async fn update(
    State(platform): State<Platform>,
    Extension(actor): Extension<Actor>,
    lang: Extension<Lang>,
    Path(id): Path<i32>,
    Form(pairs): Form<Pairs>,
) -> Response {
    let name: BTreeMap<String, String> = multiloc_field(&pairs, "name");
    match service::update(&platform, &actor, id, name, rules_of(&pairs)).await {
        Ok(_) => see_other(&format!("/admin/smart-groups/{id}")),
        Err(e) => render_detail(&platform, &actor, lang.0, id, None, Some((&pairs, e))).await,
    }
}

async fn delete(
    State(platform): State<Platform>,
    Extension(actor): Extension<Actor>,
    lang: Extension<Lang>,
    Path(id): Path<i32>,
) -> Response {
    match service::delete(&platform, &actor, id).await {
        Ok(()) => see_other("/admin/smart-groups"),
        Err(e) => render_list(&platform, &actor, lang.0, Some(&e), &Pairs::new()).await,
    }
}
