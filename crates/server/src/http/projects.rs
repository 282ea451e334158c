// SPDX-License-Identifier: AGPL-3.0-only
//! Residents' project pages: the list on the home page and a project with its timeline.
use axum::Extension;
use axum::extract::{Path, Query, RawQuery, State};
use axum::response::{IntoResponse, Response};
use chrono::Utc;
use minijinja::Value;
use townhall_core::CoreError;
use townhall_core::actor::ClientAddr;
use townhall_core::methods::PanelRequest;
use townhall_core::modules::ideas::FollowTarget;
use townhall_core::modules::projects::model::{phase, project};
use townhall_core::modules::projects::multiloc::Multiloc;
use townhall_core::web::{PageError, PageResult};

use super::AppState;
use crate::ui::Ctx;
use crate::ui::{rich_text, time};

pub use townhall_core::web::excerpt;

fn phase_state(p: &phase::Model) -> &'static str {
    p.timing(Utc::now()).as_str()
}

pub fn phase_value(p: &phase::Model, req: &Ctx) -> Value {
    minijinja::context! {
        id => p.id,
        title => Multiloc::parse(&p.title).text(req.locale.code),
        method => p.method.clone(),
        start => time::day(p.start_at, req.tz),
        // Phases end at midnight after their last day; show that last day.
        end => p.end_at.map(|e| time::last_day(e, req.tz)),
        state => phase_state(p),
    }
}

pub fn project_value(p: &project::Model, req: &Ctx, phases: &[phase::Model]) -> Value {
    let locale = req.locale.code;
    let description = Multiloc::parse(&p.description).text(locale);
    let current = phases.iter().find(|ph| phase_state(ph) == "current").map(|ph| phase_value(ph, req));
    minijinja::context! {
        id => p.id,
        slug => p.slug.clone(),
        title => Multiloc::parse(&p.title).text(locale),
        excerpt => excerpt(&description, 160),
        status => p.status.clone(),
        visibility => p.visibility.clone(),
        current_phase => current,
        header => p.header_image.as_ref().map(|k| format!("/files/{k}")),
    }
}

/// Project cards on one page of the home page.
pub const CARDS_PER_PAGE: usize = 24;

#[derive(Debug, Default, serde::Deserialize)]
pub struct HomeQuery {
    /// 1-based; anything else shows the first page, a page past the end the last one.
    page: Option<String>,
}

pub async fn home(State(state): State<AppState>, req: Ctx, Query(query): Query<HomeQuery>) -> PageResult {
    let listed = match state.platform.listed_project_ids(&req.actor).await {
        Ok(ids) => ids,
        Err(e) => {
            let ctx = minijinja::context! { error => super::forms::error_value(&e) };
            return Ok(state.ui.page(&state.platform, &req, "home.html", ctx).await);
        }
    };
    // Cards of the modules (folders) come first and stand for their projects; each shows when
    // the visitor can see one of its projects.
    let groups = state.platform.home_groups(req.locale.code).await?;
    let grouped: std::collections::HashSet<i32> = groups.iter().flat_map(|g| g.project_ids.iter().copied()).collect();
    let groups: Vec<Value> = groups
        .iter()
        .filter_map(|g| {
            let count = listed.iter().filter(|id| g.project_ids.contains(id)).count();
            (count > 0).then(|| minijinja::context! { group => Value::from_serialize(g), count => count })
        })
        .collect();
    let alone: Vec<i32> = listed.into_iter().filter(|id| !grouped.contains(id)).collect();
    // The folders' cards open the first page; the projects' cards come a page at a time.
    let pages = alone.len().div_ceil(CARDS_PER_PAGE).max(1);
    let page = query.page.and_then(|p| p.trim().parse::<usize>().ok()).unwrap_or(1).clamp(1, pages);
    let on_page: Vec<i32> = alone.into_iter().skip((page - 1) * CARDS_PER_PAGE).take(CARDS_PER_PAGE).collect();
    let shown = state.platform.projects_by_ids(&req.actor, &on_page).await?;
    let groups = if page == 1 { groups } else { Vec::new() };
    let link = |n: usize| format!("/?page={n}#projects-title");
    // All the cards' phases in one query.
    let ids: Vec<i32> = shown.iter().map(|p| p.id).collect();
    let mut phases: std::collections::HashMap<i32, Vec<phase::Model>> = std::collections::HashMap::new();
    for ph in state.platform.phases_of(&ids).await? {
        phases.entry(ph.project_id).or_default().push(ph);
    }
    let cards: Vec<Value> =
        shown.iter().map(|p| project_value(p, &req, phases.get(&p.id).map_or(&[], Vec::as_slice))).collect();
    let ctx = minijinja::context! {
        projects => cards,
        groups => groups,
        page => page,
        pages => pages,
        previous => (page > 1).then(|| link(page - 1)),
        next => (page < pages).then(|| link(page + 1)),
    };
    Ok(state.ui.page(&state.platform, &req, "home.html", ctx).await)
}

pub async fn show(
    State(state): State<AppState>,
    req: Ctx,
    client: Option<Extension<ClientAddr>>,
    Path(slug): Path<String>,
    RawQuery(query): RawQuery,
) -> Response {
    let client = client.map(|Extension(c)| c);
    let query = query.unwrap_or_default();
    render_page(&state, &req, client.as_ref(), &slug, &query, None, None).await.into_response()
}

/// A form of a phase's panel that was refused, drawn again filled in with its error.
#[derive(Clone, Copy)]
pub struct RefusedForm<'a> {
    pub phase_id: i32,
    pub form: &'a serde_json::Value,
    pub error: &'a CoreError,
}

/// The project page with a refused form shown again in its phase's panel.
pub async fn render_refused(
    state: &AppState,
    req: &Ctx,
    client: Option<&ClientAddr>,
    slug: &str,
    refused: RefusedForm<'_>,
) -> Response {
    render_page(state, req, client, slug, "", Some(refused), None).await.into_response()
}

/// The project page at `query` with a refused change shown in the panel it came from.
pub async fn render_with_panel_error(
    state: &AppState,
    req: &Ctx,
    slug: &str,
    query: &str,
    error: &CoreError,
) -> Response {
    render_page(state, req, None, slug, query, None, Some(error)).await.into_response()
}

async fn render_page(
    state: &AppState,
    req: &Ctx,
    client: Option<&ClientAddr>,
    slug: &str,
    query: &str,
    refused: Option<RefusedForm<'_>>,
    panel_error: Option<&CoreError>,
) -> PageResult {
    let found = state.platform.project_by_slug(&req.actor, slug).await?.ok_or(PageError::NotFound)?;
    let phases = state.platform.phases(found.id).await?;
    // Phases with results the visitor may see link to them from the timeline.
    let mut result_links = std::collections::BTreeMap::new();
    for ph in phases.iter().filter(|ph| phase_state(ph) != "upcoming") {
        let method = state.platform.registry().participation_method(&ph.method);
        let Some(page) = method.and_then(|m| m.results_page(ph.id)) else { continue };
        if state.platform.phase_results_open(&req.actor, ph).await {
            result_links.insert(ph.id.to_string(), page);
        }
    }
    let ctx = minijinja::context! {
        result_links => result_links,
        project => project_value(&found, req, &phases),
        // The description in full, sanitised, on the project page only (home cards show the
        // excerpt: sanitising every card's description took most of a long home page's time).
        description_html => Value::from_safe_string(rich_text::to_html(
            &Multiloc::parse(&found.description).text(req.locale.code),
        )),
        phases => phases.iter().map(|p| phase_value(p, req)).collect::<Vec<_>>(),
        method_panels => drawn_panels(state, req, client, &phases, query, refused, panel_error).await?,
        project_panels => project_panels(state, req, &found).await?,
        following => !state.platform.followed(&req.actor, FollowTarget::Project, &[found.id]).await?.is_empty(),
    };
    Ok(state.ui.page(&state.platform, req, "project.html", ctx).await)
}

/// What modules show on a project's page whatever its phases (`Module::project_panel`).
async fn project_panels(state: &AppState, req: &Ctx, found: &project::Model) -> Result<Vec<Value>, CoreError> {
    let mut panels = Vec::new();
    for module in state.platform.registry().modules() {
        if let Some(panel) = module.project_panel(&state.platform, &req.actor, found, req.locale.code).await? {
            panels
                .push(minijinja::context! { template => panel.template, panel => Value::from_serialize(&panel.data) });
        }
    }
    Ok(panels)
}

/// The panels of current phases whose methods draw their own (`ParticipationMethod::panel`),
/// each with its template, the phase and what the visitor may do there. A refused form goes back
/// to its phase's panel; a refusal without a form (`error`) is shown by every panel.
async fn drawn_panels(
    state: &AppState,
    req: &Ctx,
    client: Option<&ClientAddr>,
    phases: &[phase::Model],
    query: &str,
    refused: Option<RefusedForm<'_>>,
    error: Option<&CoreError>,
) -> Result<Vec<Value>, CoreError> {
    let mut panels = Vec::new();
    for ph in phases.iter().filter(|ph| phase_state(ph) == "current") {
        let Some(method) = state.platform.registry().participation_method(&ph.method) else { continue };
        let own = refused.filter(|r| r.phase_id == ph.id);
        let request = PanelRequest {
            platform: &state.platform,
            actor: &req.actor,
            phase: ph,
            locale: req.locale.code,
            error: own.map(|r| r.error).or(error),
            form: own.map(|r| r.form),
            query,
            client,
        };
        let Some(panel) = method.panel(request).await? else { continue };
        panels.push(minijinja::context! {
            template => panel.template,
            phase => phase_value(ph, req),
            panel => Value::from_serialize(&panel.data),
            can => super::ideas::abilities(&state.platform, &req.actor, ph).await?,
        });
    }
    Ok(panels)
}

#[derive(Debug, serde::Deserialize)]
pub struct FollowForm {
    #[serde(default)]
    follow: String,
}

/// Follows or stops following a project.
pub async fn follow(
    State(state): State<AppState>,
    req: Ctx,
    Path(slug): Path<String>,
    axum::Form(form): axum::Form<FollowForm>,
) -> Response {
    use axum::response::{IntoResponse, Redirect};
    let Ok(Some(found)) = state.platform.project_by_slug(&req.actor, &slug).await else {
        return super::pages::not_found(State(state), req).await;
    };
    let result = if form.follow == "yes" {
        state.platform.follow(&req.actor, FollowTarget::Project, found.id).await
    } else {
        state.platform.unfollow(&req.actor, FollowTarget::Project, found.id).await
    };
    match result {
        Ok(()) => Redirect::to(&format!("/projects/{slug}")).into_response(),
        Err(CoreError::Denied(_) | CoreError::NotSignedIn) => {
            super::auth::require_sign_in(&format!("/projects/{slug}"))
        }
        // Anything else says what happened on a page of its own (logged when it is a failure).
        Err(e) => PageError::from(e).into_response(),
    }
}

#[cfg(test)]
mod tests {
    use super::excerpt;

    #[test]
    fn excerpts_drop_tags_and_cut_at_words() {
        assert_eq!(excerpt("<p>Hello <strong>there</strong></p>", 50), "Hello there");
        assert_eq!(excerpt("one two three four", 9), "one two…");
    }
}
