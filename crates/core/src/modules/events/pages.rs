// SPDX-License-Identifier: AGPL-3.0-only
//! Events' pages: the upcoming-events page, a project's events on its page, registering and
//! cancelling as plain forms, iCalendar downloads, and planning events from the project's page
//! in the back office.
use std::collections::BTreeMap;

use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Extension, Form, Router};
use chrono::Utc;
use serde_json::{Value, json};

use super::EventInput;
use super::model::event;
use crate::methods::Panel;
use crate::modules::projects::model::project;
use crate::modules::projects::multiloc::Multiloc;
use crate::permissions::Denial;
use crate::web::time::{moment, parse_moment};
use crate::web::{
    Lang, Page, PageError, PageResult, Pairs, back_to_admin_project, download, error_data, field, local_path, refuse,
    see_other,
};
use crate::{Actor, CoreError, CoreResult, Platform};

pub fn routes() -> Router<Platform> {
    Router::new()
        .route("/events", get(upcoming))
        .route("/events/{id}/register", post(register))
        .route("/events/{id}/calendar.ics", get(event_ics))
        .route("/projects/{slug}/events.ics", get(project_ics))
        .route("/admin/projects/{id}/events", post(create))
}

fn event_value(platform: &Platform, e: &event::Model, mine: &[i32], locale: &str) -> Value {
    let tz = platform.time_zone();
    json!({
        "id": e.id,
        "project_id": e.project_id,
        "title": Multiloc::parse(&e.title).text(locale),
        "description": Multiloc::parse(&e.description).text(locale),
        "starts": moment(e.starts_at, tz),
        "ends": moment(e.ends_at, tz),
        "location": e.location,
        "online_link": e.online_link,
        "capacity": e.capacity,
        "registered": e.registered,
        "full": e.capacity.is_some_and(|c| e.registered >= c),
        "mine": mine.contains(&e.id),
    })
}

/// A project's events that have not ended, for its page (nothing when it has none).
pub async fn project_panel(
    platform: &Platform,
    actor: &Actor,
    found: &project::Model,
    locale: &str,
) -> CoreResult<Option<Panel>> {
    let list = platform.events_of(actor, found.id).await?;
    let mine = platform.my_registrations(actor, &list.iter().map(|e| e.id).collect::<Vec<_>>()).await?;
    let events: Vec<Value> =
        list.iter().filter(|e| e.ends_at > Utc::now()).map(|e| event_value(platform, e, &mine, locale)).collect();
    Ok((!events.is_empty()).then(|| Panel::new("events/project_panel.html", json!({ "events": events }))))
}

async fn upcoming(
    State(platform): State<Platform>,
    Extension(actor): Extension<Actor>,
    Extension(Lang(locale)): Extension<Lang>,
) -> PageResult {
    render_upcoming(&platform, &actor, locale, None).await
}

async fn render_upcoming(platform: &Platform, actor: &Actor, locale: &str, error: Option<&CoreError>) -> PageResult {
    let list = platform.upcoming_events(actor, 100).await?;
    let mine = platform.my_registrations(actor, &list.iter().map(|(e, _)| e.id).collect::<Vec<_>>()).await?;
    let events: Vec<Value> = list
        .iter()
        .map(|(e, project)| {
            let mut value = event_value(platform, e, &mine, locale);
            value["project_slug"] = json!(project.slug);
            value["project_title"] = json!(Multiloc::parse(&project.title).text(locale));
            value
        })
        .collect();
    let data = json!({ "events": events, "error": error.map(error_data) });
    Ok(Page::new("events/upcoming.html", data).into_response())
}

/// Registers (`register=yes`) or cancels, then goes back to the page the form was on.
async fn register(
    State(platform): State<Platform>,
    Extension(actor): Extension<Actor>,
    Extension(Lang(locale)): Extension<Lang>,
    Path(id): Path<i32>,
    Form(pairs): Form<Pairs>,
) -> PageResult {
    let result = if field(&pairs, "register") == "yes" {
        platform.register_for_event(&actor, id).await.map(drop)
    } else {
        platform.cancel_event_registration(&actor, id).await
    };
    match result {
        Ok(()) => Ok(see_other(&local_path(Some(field(&pairs, "back"))).unwrap_or_else(|| "/".to_owned()))),
        Err(CoreError::Denied(Denial::NotSignedIn)) => Ok(refuse(&actor, "/events")),
        Err(e) => render_upcoming(&platform, &actor, locale, Some(&e)).await,
    }
}

fn calendar(text: String, name: &str) -> Response {
    download("text/calendar; charset=utf-8", &format!("{name}.ics"), text)
}

async fn event_ics(
    State(platform): State<Platform>,
    Extension(actor): Extension<Actor>,
    Extension(Lang(locale)): Extension<Lang>,
    Path(id): Path<i32>,
) -> PageResult {
    let text = platform.event_ics(&actor, id, locale).await?;
    Ok(calendar(text, &format!("event-{id}")))
}

async fn project_ics(
    State(platform): State<Platform>,
    Extension(actor): Extension<Actor>,
    Extension(Lang(locale)): Extension<Lang>,
    Path(slug): Path<String>,
) -> PageResult {
    let found = platform.project_by_slug(&actor, &slug).await?.ok_or(PageError::NotFound)?;
    let text = platform.events_ics(&actor, found.id, None, locale).await?;
    Ok(calendar(text, &format!("{slug}-events")))
}

/// An event planned from the project's page in the back office; its texts are in English
/// until translated.
async fn create(
    State(platform): State<Platform>,
    Extension(actor): Extension<Actor>,
    Path(project): Path<i32>,
    Form(pairs): Form<Pairs>,
) -> Response {
    let tz = platform.time_zone();
    let en = |t: &str| BTreeMap::from([("en".to_owned(), t.to_owned())]);
    let input = EventInput {
        title: en(field(&pairs, "title")),
        description: en(field(&pairs, "description")),
        starts_at: parse_moment(field(&pairs, "starts_at"), tz),
        ends_at: parse_moment(field(&pairs, "ends_at"), tz),
        location: field(&pairs, "location").to_owned(),
        online_link: Some(field(&pairs, "online_link").to_owned()),
        capacity: field(&pairs, "capacity").trim().parse().ok(),
    };
    back_to_admin_project(project, platform.create_event(&actor, project, input).await.map(drop))
}
