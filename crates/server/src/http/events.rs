// SPDX-License-Identifier: AGPL-3.0-only
//! Events: the upcoming-events page, a project's events on its page, registering and
//! cancelling as plain forms, iCalendar downloads, and planning events in the back office.
use std::collections::BTreeMap;

use axum::Form;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use chrono::Utc;
use minijinja::Value;
use townhall_core::modules::events::EventInput;
use townhall_core::modules::events::model::event;
use townhall_core::modules::projects::multiloc::Multiloc;
use townhall_core::{CoreError, Platform};

use super::AppState;
use super::forms::{error_value, safe_next};
use crate::ui::{Ctx, time};
use townhall_core::web::{PageError, PageResult};

type Pairs = Vec<(String, String)>;

fn value<'a>(pairs: &'a Pairs, key: &str) -> &'a str {
    pairs.iter().find(|(k, _)| k == key).map_or("", |(_, v)| v.as_str())
}

pub fn event_value(e: &event::Model, mine: &[i32], req: &Ctx) -> Value {
    let locale = req.locale.code;
    minijinja::context! {
        id => e.id,
        project_id => e.project_id,
        title => Multiloc::parse(&e.title).text(locale),
        description => Multiloc::parse(&e.description).text(locale),
        starts => time::moment(e.starts_at, req.tz),
        ends => time::moment(e.ends_at, req.tz),
        location => e.location.clone(),
        online_link => e.online_link.clone(),
        capacity => e.capacity,
        registered => e.registered,
        full => e.capacity.is_some_and(|c| e.registered >= c),
        mine => mine.contains(&e.id),
    }
}

/// A project's events that have not ended, for its page.
pub async fn project_events(platform: &Platform, req: &Ctx, project_id: i32) -> Result<Vec<Value>, CoreError> {
    let list = platform.events_of(&req.actor, project_id).await?;
    let mine = platform.my_registrations(&req.actor, &list.iter().map(|e| e.id).collect::<Vec<_>>()).await?;
    Ok(list.iter().filter(|e| e.ends_at > Utc::now()).map(|e| event_value(e, &mine, req)).collect())
}

pub async fn upcoming(State(state): State<AppState>, req: Ctx) -> PageResult {
    render_upcoming(&state, &req, None).await
}

async fn render_upcoming(state: &AppState, req: &Ctx, error: Option<&CoreError>) -> PageResult {
    let p = &state.platform;
    let list = p.upcoming_events(&req.actor, 100).await?;
    let mine = p.my_registrations(&req.actor, &list.iter().map(|(e, _)| e.id).collect::<Vec<_>>()).await?;
    let events: Vec<Value> = list
        .iter()
        .map(|(e, project)| {
            let value = event_value(e, &mine, req);
            minijinja::context! { project_slug => project.slug.clone(), project_title => Multiloc::parse(&project.title).text(req.locale.code), ..value }
        })
        .collect();
    let ctx = minijinja::context! { events => events, error => error.map(error_value) };
    Ok(state.ui.page(p, req, "events.html", ctx).await)
}

/// Registers (`register=yes`) or cancels, then goes back to the page the form was on.
pub async fn register(
    State(state): State<AppState>,
    req: Ctx,
    Path(id): Path<i32>,
    Form(pairs): Form<Pairs>,
) -> PageResult {
    let result = if value(&pairs, "register") == "yes" {
        state.platform.register_for_event(&req.actor, id).await.map(drop)
    } else {
        state.platform.cancel_event_registration(&req.actor, id).await
    };
    match result {
        Ok(()) => Ok(Redirect::to(&safe_next(Some(value(&pairs, "back")))).into_response()),
        Err(CoreError::Denied(townhall_core::permissions::Denial::NotSignedIn)) => {
            Ok(super::auth::require_sign_in("/events"))
        }
        Err(e) => render_upcoming(&state, &req, Some(&e)).await,
    }
}

fn calendar(text: String, name: &str) -> Response {
    super::forms::download("text/calendar; charset=utf-8", &format!("{name}.ics"), text)
}

pub async fn event_ics(State(state): State<AppState>, req: Ctx, Path(id): Path<i32>) -> PageResult {
    let text = state.platform.event_ics(&req.actor, id, req.locale.code).await?;
    Ok(calendar(text, &format!("event-{id}")))
}

pub async fn project_ics(State(state): State<AppState>, req: Ctx, Path(slug): Path<String>) -> PageResult {
    let found = state.platform.project_by_slug(&req.actor, &slug).await?.ok_or(PageError::NotFound)?;
    let text = state.platform.events_ics(&req.actor, found.id, None, req.locale.code).await?;
    Ok(calendar(text, &format!("{slug}-events")))
}

pub async fn create(
    State(state): State<AppState>,
    _: super::admin::Staff,
    req: Ctx,
    Path(project): Path<i32>,
    Form(pairs): Form<Pairs>,
) -> Response {
    let en = |t: &str| BTreeMap::from([("en".to_owned(), t.to_owned())]);
    let input = EventInput {
        title: en(value(&pairs, "title")),
        description: en(value(&pairs, "description")),
        starts_at: time::parse_moment(value(&pairs, "starts_at"), req.tz),
        ends_at: time::parse_moment(value(&pairs, "ends_at"), req.tz),
        location: value(&pairs, "location").to_owned(),
        online_link: Some(value(&pairs, "online_link").to_owned()),
        capacity: value(&pairs, "capacity").trim().parse().ok(),
    };
    let result = state.platform.create_event(&req.actor, project, input).await.map(drop);
    super::admin::finish_project(&state, &req, project, result).await
}
