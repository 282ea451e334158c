// SPDX-License-Identifier: AGPL-3.0-only
//! The back office's projects: list, create, edit, publish or archive, and their phases with
//! the permission of each action.
use std::collections::BTreeMap;

use axum::Form;
use axum::extract::{Multipart, Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use townhall_core::CoreError;
use townhall_core::modules::projects::model::phase;
use townhall_core::modules::projects::multiloc::Multiloc;
use townhall_core::modules::projects::{PhaseInput, ProjectChanges, Taxonomy, effective_settings};
use townhall_core::permissions::{PermittedBy, SettingKind, moderates};
use townhall_core::web::{PageError, PageResult};

use super::access::{AdminOnly, Staff};
use super::{guard_staff, page};
use crate::http::AppState;
use crate::http::forms::error_value;
use crate::http::projects::phase_value;
use crate::ui::{Ctx, time};

pub(super) use townhall_core::web::{Pairs, field as value, multiloc_field as multiloc};

/// A day from a date field, from midnight in the organisation's time zone; `next_day` gives
/// the end of that day.
fn day(text: &str, tz: Tz, field: &'static str, next_day: bool) -> Result<Option<DateTime<Utc>>, CoreError> {
    if text.trim().is_empty() {
        return Ok(None);
    }
    time::parse_day(text, tz, next_day).map(Some).ok_or(CoreError::Field { field, code: "date_invalid" })
}

pub async fn list(State(state): State<AppState>, req: Ctx) -> Response {
    render_list(&state, &req, None, None).await
}

async fn render_list(state: &AppState, req: &Ctx, form: Option<&Pairs>, error: Option<&CoreError>) -> Response {
    list_page(state, req, form, error).await.into_response()
}

async fn list_page(state: &AppState, req: &Ctx, form: Option<&Pairs>, error: Option<&CoreError>) -> PageResult {
    if let Err(r) = guard_staff(state, req).await {
        return Ok(r);
    }
    let projects = state.platform.projects(&req.actor).await?;
    let rows: Vec<_> = projects
        .iter()
        .filter(|p| moderates(&req.actor, p.id))
        .map(|p| {
            minijinja::context! {
                id => p.id, slug => p.slug.clone(), status => p.status.clone(), visibility => p.visibility.clone(),
                title => Multiloc::parse(&p.title).text(req.locale.code),
            }
        })
        .collect();
    let form = minijinja::context! {
        slug => form.map(|f| value(f, "slug").to_owned()),
        title_en => form.map(|f| value(f, "title_en").to_owned()),
    };
    let ctx = minijinja::context! { projects => rows, form => form, error => error.map(error_value) };
    Ok(page(state, req, "admin/projects.html", "projects", ctx).await)
}

pub async fn create(State(state): State<AppState>, req: Ctx, _: AdminOnly, Form(pairs): Form<Pairs>) -> Response {
    let input = ProjectChanges {
        slug: Some(value(&pairs, "slug").to_owned()),
        title: Some(multiloc(&pairs, "title")),
        visibility: Some(value(&pairs, "visibility").to_owned()).filter(|v| !v.is_empty()),
        ..ProjectChanges::default()
    };
    match state.platform.create_project(&req.actor, input).await {
        Ok(p) => Redirect::to(&format!("/admin/projects/{}", p.id)).into_response(),
        Err(e) => render_list(&state, &req, Some(&pairs), Some(&e)).await,
    }
}

pub async fn edit(State(state): State<AppState>, req: Ctx, Path(id): Path<i32>) -> Response {
    render_edit(&state, &req, id, None).await
}

pub(super) async fn render_edit(state: &AppState, req: &Ctx, id: i32, error: Option<&CoreError>) -> Response {
    edit_page(state, req, id, error).await.into_response()
}

/// The project's page in the back office; a failure to read any part of it is the page's
/// (logged, with its reference), never an empty part.
async fn edit_page(state: &AppState, req: &Ctx, id: i32, error: Option<&CoreError>) -> PageResult {
    if let Err(r) = guard_staff(state, req).await {
        return Ok(r);
    }
    let projects = state.platform.projects(&req.actor).await?;
    let p = projects.into_iter().find(|p| p.id == id && moderates(&req.actor, p.id)).ok_or(PageError::NotFound)?;
    let phases = state.platform.phases(id).await?;
    let mut phase_rows = Vec::new();
    for ph in &phases {
        let perms = state.platform.phase_permissions(ph).await?;
        let perms: Vec<_> = perms
            .iter()
            .map(|(a, w, groups)| minijinja::context! { action => a.as_str(), who => w.as_str(), groups => groups })
            .collect();
        let settings = settings_rows(&state.platform, ph);
        let method = state.platform.registry().participation_method(&ph.method);
        let drawn = match method {
            Some(method) => method.admin_panel(&state.platform, &req.actor, ph, req.locale.code).await?,
            None => None,
        };
        let drawn = drawn.map(|p| {
            let data = minijinja::Value::from_serialize(&p.data);
            minijinja::context! { template => p.template, phase => phase_value(ph, req), panel => data }
        });
        phase_rows.push(minijinja::context! {
            phase => phase_value(ph, req), permissions => perms, settings => settings, method_panel => drawn,
        });
    }
    let moderators =
        if req.actor.is_admin() { state.platform.project_moderators(&req.actor, id).await? } else { Vec::new() };
    let chosen = |kind| async move {
        let terms = state.platform.terms(kind).await?;
        let on: Vec<i32> = state.platform.project_terms(kind, &[id]).await?.into_iter().map(|(_, t)| t).collect();
        Ok::<_, CoreError>(
            terms
                .iter()
                .map(|t| minijinja::context! { id => t.id, title => t.text(req.locale.code), on => on.contains(&t.id) })
                .collect::<Vec<_>>(),
        )
    };
    let mut project_panels = Vec::new();
    for module in state.platform.registry().modules() {
        if let Some(panel) = module.admin_project_panel(&state.platform, &req.actor, &p, req.locale.code).await? {
            let data = minijinja::Value::from_serialize(&panel.data);
            project_panels.push(minijinja::context! { template => panel.template, panel => data });
        }
    }
    let ctx = minijinja::context! {
        project_panels => project_panels,
        topics => chosen(Taxonomy::Topic).await?,
        areas => chosen(Taxonomy::Area).await?,
        header => p.header_image.as_ref().map(|k| format!("/files/{k}")),
        moderators => moderators.iter().map(|u| minijinja::context! { name => u.display_name.clone(), email => u.email.clone() }).collect::<Vec<_>>(),
        project => minijinja::context! {
            id => p.id, slug => p.slug.clone(), status => p.status.clone(), visibility => p.visibility.clone(),
            title => Multiloc::parse(&p.title).0, description => Multiloc::parse(&p.description).0,
            position => p.position,
        },
        phases => phase_rows,
        methods => state.platform.registry().methods().iter().map(|m| m.id).collect::<Vec<_>>(),
        permitted_by => state.platform.permission_levels().await.iter().map(|w| w.as_str()).collect::<Vec<_>>(),
        // The groups a project or an action can be restricted to (with the editions' groups).
        groups => state.platform.group_choices(req.locale.code).await?,
        visible_groups => p.visible_group_ids(),
        error => error.map(error_value),
    };
    Ok(page(state, req, "admin/project.html", "projects", ctx).await)
}

/// The phase's method settings as form rows: switches and choices with their current value.
fn settings_rows(platform: &townhall_core::Platform, ph: &phase::Model) -> Vec<minijinja::Value> {
    let Some(method) = platform.registry().method(&ph.method) else { return Vec::new() };
    let current = effective_settings(&method, &ph.settings);
    method
        .settings
        .iter()
        .map(|s| match s.kind {
            SettingKind::Switch(_) => minijinja::context! {
                key => s.key, kind => "switch", on => current.get(s.key).and_then(|v| v.as_bool()).unwrap_or(false),
            },
            SettingKind::Number { min, max, optional } => minijinja::context! {
                key => s.key, kind => "number", min => min, max => max, optional => optional,
                value => current.get(s.key).and_then(|v| v.as_i64()),
            },
            SettingKind::Choice(options, _) => minijinja::context! {
                key => s.key, kind => "choice", options => options,
                value => current.get(s.key).and_then(|v| v.as_str()).unwrap_or_default(),
            },
        })
        .collect()
}

/// Saves the settings form: a switch left unticked is sent as nothing, so it means off.
pub async fn set_settings(
    State(state): State<AppState>,
    req: Ctx,
    _: Staff,
    Path((id, phase_id)): Path<(i32, i32)>,
    Form(pairs): Form<Pairs>,
) -> Response {
    let found = state.platform.phase_of(phase_id).await;
    let method = found.as_ref().ok().and_then(|ph| state.platform.registry().method(&ph.method));
    let Some(method) = method else { return crate::http::pages::not_found(State(state), req).await };
    let changes: serde_json::Map<String, serde_json::Value> = method
        .settings
        .iter()
        .map(|s| {
            let value = match s.kind {
                SettingKind::Switch(_) => serde_json::Value::Bool(value(&pairs, s.key) == "on"),
                SettingKind::Choice(..) => serde_json::Value::String(value(&pairs, s.key).to_owned()),
                // An empty number field means "none"; text that is no number is refused.
                SettingKind::Number { .. } => match value(&pairs, s.key).trim() {
                    "" => serde_json::Value::Null,
                    text => {
                        text.parse::<i64>().map_or(serde_json::Value::String(text.to_owned()), serde_json::Value::from)
                    }
                },
            };
            (s.key.to_owned(), value)
        })
        .collect();
    let result = state.platform.update_phase_settings(&req.actor, phase_id, &changes).await.map(drop);
    finish(&state, &req, id, result).await
}

pub async fn update(
    State(state): State<AppState>,
    req: Ctx,
    _: Staff,
    Path(id): Path<i32>,
    Form(pairs): Form<Pairs>,
) -> Response {
    let changes = ProjectChanges {
        slug: Some(value(&pairs, "slug").to_owned()),
        title: Some(multiloc(&pairs, "title")),
        description: Some(multiloc(&pairs, "description")),
        visibility: Some(value(&pairs, "visibility").to_owned()),
        visible_groups: Some(numbers(&pairs, "visible_groups")),
        position: value(&pairs, "position").trim().parse().ok(),
    };
    finish(&state, &req, id, state.platform.update_project(&req.actor, id, changes).await.map(drop)).await
}

pub async fn set_status(
    State(state): State<AppState>,
    req: Ctx,
    _: Staff,
    Path(id): Path<i32>,
    Form(pairs): Form<Pairs>,
) -> Response {
    let result = state.platform.set_project_status(&req.actor, id, value(&pairs, "status")).await.map(drop);
    finish(&state, &req, id, result).await
}

pub async fn add_phase(
    State(state): State<AppState>,
    req: Ctx,
    _: Staff,
    Path(id): Path<i32>,
    Form(pairs): Form<Pairs>,
) -> Response {
    let dates = day(value(&pairs, "start"), req.tz, "start", false)
        .and_then(|s| Ok((s, day(value(&pairs, "end"), req.tz, "end", true)?)));
    let result = match dates {
        Ok((start_at, end_at)) => {
            let input = PhaseInput {
                title: multiloc(&pairs, "phase_title"),
                description: BTreeMap::new(),
                method: value(&pairs, "method").to_owned(),
                start_at: start_at.or(Some(Utc::now())),
                end_at,
            };
            state.platform.create_phase(&req.actor, id, input).await.map(drop)
        }
        Err(e) => Err(e),
    };
    finish(&state, &req, id, result).await
}

pub async fn delete_phase(
    State(state): State<AppState>,
    req: Ctx,
    _: Staff,
    Path((id, phase)): Path<(i32, i32)>,
) -> Response {
    finish(&state, &req, id, state.platform.delete_phase(&req.actor, phase).await).await
}

/// Sets the project's topics and areas from the checkboxes.
pub async fn set_terms(
    State(state): State<AppState>,
    req: Ctx,
    _: Staff,
    Path(id): Path<i32>,
    Form(pairs): Form<Pairs>,
) -> Response {
    let ids =
        |key: &str| pairs.iter().filter(|(k, _)| k == key).filter_map(|(_, v)| v.parse().ok()).collect::<Vec<i32>>();
    let result = state.platform.set_project_terms(&req.actor, id, Some(&ids("topics")), Some(&ids("areas"))).await;
    finish(&state, &req, id, result).await
}

pub async fn upload_header(
    State(state): State<AppState>,
    req: Ctx,
    _: Staff,
    Path(id): Path<i32>,
    form: Multipart,
) -> Response {
    let result = match crate::http::forms::single_file(form, "header_image").await {
        Some(bytes) => state.platform.set_project_header(&req.actor, id, bytes).await.map(drop),
        None => Err(CoreError::Field { field: "header_image", code: "image_invalid" }),
    };
    finish(&state, &req, id, result).await
}

pub async fn remove_header(State(state): State<AppState>, req: Ctx, _: Staff, Path(id): Path<i32>) -> Response {
    finish(&state, &req, id, state.platform.remove_project_header(&req.actor, id).await).await
}

/// Gives or takes the moderator role of this project (administrators).
pub async fn set_moderator(
    State(state): State<AppState>,
    req: Ctx,
    _: AdminOnly,
    Path(id): Path<i32>,
    Form(pairs): Form<Pairs>,
) -> Response {
    let on = value(&pairs, "moderator") == "yes";
    let result = state.platform.set_project_moderator(&req.actor, id, value(&pairs, "email"), on).await.map(drop);
    finish(&state, &req, id, result).await
}

pub async fn set_permissions(
    State(state): State<AppState>,
    req: Ctx,
    _: Staff,
    Path((id, phase)): Path<(i32, i32)>,
    Form(pairs): Form<Pairs>,
) -> Response {
    // The form's other fields (the groups of each action) are no actions of the phase's method.
    let method = match state.platform.phase_of(phase).await {
        Ok(found) => state.platform.registry().method(&found.method),
        Err(e) => return render_edit(&state, &req, id, Some(&e)).await,
    };
    let actions = method.map(|m| m.actions).unwrap_or_default();
    for (key, who) in &pairs {
        let (true, Some(who)) = (actions.iter().any(|a| a.as_str() == key), PermittedBy::parse(who)) else { continue };
        let groups = numbers(&pairs, &format!("groups-{key}"));
        if let Err(e) = state.platform.set_phase_permission(&req.actor, phase, key, who, &groups).await {
            return render_edit(&state, &req, id, Some(&e)).await;
        }
    }
    Redirect::to(&format!("/admin/projects/{id}")).into_response()
}

/// Every value of the repeated field `name` that is a number (ticked checkboxes).
fn numbers(pairs: &Pairs, name: &str) -> Vec<i32> {
    pairs.iter().filter(|(k, _)| k == name).filter_map(|(_, v)| v.trim().parse().ok()).collect()
}

pub(super) async fn finish(state: &AppState, req: &Ctx, id: i32, result: Result<(), CoreError>) -> Response {
    match result {
        Ok(()) => Redirect::to(&format!("/admin/projects/{id}")).into_response(),
        Err(e) => render_edit(state, req, id, Some(&e)).await,
    }
}
