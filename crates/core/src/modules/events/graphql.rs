// SPDX-License-Identifier: AGPL-3.0-only
//! Events in GraphQL.
use std::collections::BTreeMap;

use async_graphql::{Context, ID, Json, Object, SimpleObject};
use chrono::{DateTime, Utc};

use super::model::event;
use super::service::EventInput;
use crate::CoreError;
use crate::graphql::{actor, platform, to_gql};
use crate::modules::projects::locale_of;
use crate::modules::projects::multiloc::Multiloc;

fn id_of(id: &ID, what: &'static str) -> async_graphql::Result<i32> {
    id.parse::<i32>().map_err(|_| to_gql(CoreError::NotFound(what)))
}

#[derive(SimpleObject)]
pub struct Event {
    id: ID,
    project_id: ID,
    title: String,
    description: String,
    starts_at: DateTime<Utc>,
    ends_at: DateTime<Utc>,
    location: String,
    online_link: Option<String>,
    capacity: Option<i32>,
    registered: i32,
    /// Whether the asking resident is registered.
    registered_me: bool,
}

fn object(e: event::Model, mine: &[i32], locale: &str) -> Event {
    Event {
        id: ID(e.id.to_string()),
        project_id: ID(e.project_id.to_string()),
        title: Multiloc::parse(&e.title).text(locale),
        description: Multiloc::parse(&e.description).text(locale),
        starts_at: e.starts_at,
        ends_at: e.ends_at,
        location: e.location,
        online_link: e.online_link,
        capacity: e.capacity,
        registered: e.registered,
        registered_me: mine.contains(&e.id),
    }
}

#[derive(Default)]
pub struct EventsQuery;

#[Object]
impl EventsQuery {
    /// A project's events, or the upcoming events of every project when none is given.
    async fn events(
        &self,
        ctx: &Context<'_>,
        project_id: Option<ID>,
        locale: Option<String>,
    ) -> async_graphql::Result<Vec<Event>> {
        let p = platform(ctx)?;
        let list: Vec<event::Model> = match project_id {
            Some(id) => p.events_of(actor(ctx), id_of(&id, "project")?).await.map_err(to_gql)?,
            None => p.upcoming_events(actor(ctx), 100).await.map_err(to_gql)?.into_iter().map(|(e, _)| e).collect(),
        };
        let mine =
            p.my_registrations(actor(ctx), &list.iter().map(|e| e.id).collect::<Vec<_>>()).await.map_err(to_gql)?;
        let locale = locale_of(ctx, locale);
        Ok(list.into_iter().map(|e| object(e, &mine, &locale)).collect())
    }
}

#[derive(Default)]
pub struct EventsMutation;

#[Object]
impl EventsMutation {
    async fn register_for_event(&self, ctx: &Context<'_>, event_id: ID) -> async_graphql::Result<Event> {
        let p = platform(ctx)?;
        let saved = p.register_for_event(actor(ctx), id_of(&event_id, "event")?).await.map_err(to_gql)?;
        Ok(object(saved, &[id_of(&event_id, "event")?], &locale_of(ctx, None)))
    }

    async fn cancel_event_registration(&self, ctx: &Context<'_>, event_id: ID) -> async_graphql::Result<bool> {
        platform(ctx)?.cancel_event_registration(actor(ctx), id_of(&event_id, "event")?).await.map_err(to_gql)?;
        Ok(true)
    }

    /// Plans an event (administrators and the project's moderators).
    #[allow(clippy::too_many_arguments)]
    async fn create_event(
        &self,
        ctx: &Context<'_>,
        project_id: ID,
        title: Json<BTreeMap<String, String>>,
        description: Option<Json<BTreeMap<String, String>>>,
        starts_at: DateTime<Utc>,
        ends_at: DateTime<Utc>,
        #[graphql(default)] location: String,
        online_link: Option<String>,
        capacity: Option<i32>,
    ) -> async_graphql::Result<ID> {
        let input = EventInput {
            title: title.0,
            description: description.map(|d| d.0).unwrap_or_default(),
            starts_at: Some(starts_at),
            ends_at: Some(ends_at),
            location,
            online_link,
            capacity,
        };
        let saved =
            platform(ctx)?.create_event(actor(ctx), id_of(&project_id, "project")?, input).await.map_err(to_gql)?;
        Ok(ID(saved.id.to_string()))
    }

    async fn delete_event(&self, ctx: &Context<'_>, id: ID) -> async_graphql::Result<bool> {
        platform(ctx)?.delete_event(actor(ctx), id_of(&id, "event")?).await.map_err(to_gql)?;
        Ok(true)
    }
}
