// SPDX-License-Identifier: AGPL-3.0-only
//! Volunteering in GraphQL.
use std::collections::BTreeMap;

use async_graphql::{Context, ID, Json, Object, SimpleObject};

use crate::CoreError;
use crate::graphql::{actor, platform, to_gql};
use crate::modules::projects::locale_of;
use crate::modules::projects::multiloc::Multiloc;

fn id_of(id: &ID, what: &'static str) -> async_graphql::Result<i32> {
    id.parse::<i32>().map_err(|_| to_gql(CoreError::NotFound(what)))
}

#[derive(SimpleObject)]
pub struct Cause {
    id: ID,
    title: String,
    description: String,
    volunteers: i32,
    /// The picture's address, if it has one.
    image: Option<String>,
    /// Whether the asking resident volunteers for it.
    volunteering: bool,
}

/// A resident who volunteers for a cause, as the project's moderators see them.
#[derive(SimpleObject)]
pub struct Volunteer {
    cause_id: ID,
    name: String,
    email: String,
    since: chrono::DateTime<chrono::Utc>,
}

#[derive(Default)]
pub struct VolunteeringQuery;

#[Object]
impl VolunteeringQuery {
    async fn causes(
        &self,
        ctx: &Context<'_>,
        phase_id: ID,
        locale: Option<String>,
    ) -> async_graphql::Result<Vec<Cause>> {
        let (causes, mine) =
            platform(ctx)?.volunteering().causes(actor(ctx), id_of(&phase_id, "phase")?).await.map_err(to_gql)?;
        let locale = locale_of(ctx, locale);
        Ok(causes
            .into_iter()
            .map(|c| Cause {
                id: ID(c.id.to_string()),
                title: Multiloc::parse(&c.title).text(&locale),
                description: Multiloc::parse(&c.description).text(&locale),
                volunteers: c.volunteers,
                image: c.image.as_ref().map(|key| format!("/files/{key}")),
                volunteering: mine.contains(&c.id),
            })
            .collect())
    }

    /// Who volunteered for the causes of a phase, oldest first (administrators and the
    /// project's moderators).
    async fn volunteers(&self, ctx: &Context<'_>, phase_id: ID) -> async_graphql::Result<Vec<Volunteer>> {
        let rows =
            platform(ctx)?.volunteering().volunteers(actor(ctx), id_of(&phase_id, "phase")?).await.map_err(to_gql)?;
        Ok(rows
            .into_iter()
            .map(|r| Volunteer { cause_id: ID(r.cause_id.to_string()), name: r.name, email: r.email, since: r.since })
            .collect())
    }
}

#[derive(Default)]
pub struct VolunteeringMutation;

#[Object]
impl VolunteeringMutation {
    async fn volunteer(&self, ctx: &Context<'_>, cause_id: ID) -> async_graphql::Result<bool> {
        platform(ctx)?.volunteering().sign_up(actor(ctx), id_of(&cause_id, "cause")?).await.map_err(to_gql)?;
        Ok(true)
    }

    async fn withdraw_volunteer(&self, ctx: &Context<'_>, cause_id: ID) -> async_graphql::Result<bool> {
        platform(ctx)?.volunteering().withdraw(actor(ctx), id_of(&cause_id, "cause")?).await.map_err(to_gql)?;
        Ok(false)
    }

    /// Adds a cause to a volunteering phase (administrators and the project's moderators).
    async fn add_cause(
        &self,
        ctx: &Context<'_>,
        phase_id: ID,
        title: Json<BTreeMap<String, String>>,
        description: Option<Json<BTreeMap<String, String>>>,
    ) -> async_graphql::Result<ID> {
        let p = platform(ctx)?;
        let description = description.map(|d| d.0).unwrap_or_default();
        let saved = p
            .volunteering()
            .add_cause(actor(ctx), id_of(&phase_id, "phase")?, title.0, description)
            .await
            .map_err(to_gql)?;
        Ok(ID(saved.id.to_string()))
    }

    async fn delete_cause(&self, ctx: &Context<'_>, id: ID) -> async_graphql::Result<bool> {
        platform(ctx)?.volunteering().delete_cause(actor(ctx), id_of(&id, "cause")?).await.map_err(to_gql)?;
        Ok(true)
    }
}
