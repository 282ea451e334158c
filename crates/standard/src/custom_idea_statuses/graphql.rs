// SPDX-License-Identifier: LicenseRef-Townhall-Commercial
//! Changing idea statuses through the API (administrators, with the Standard licence). Reading
//! them is core's `ideaStatuses`.
use std::collections::BTreeMap;

use async_graphql::{Context, ID, InputObject, Json, Object};
use townhall_core::graphql::{actor, id_number, platform, require_feature, to_gql};
use townhall_core::modules::ideas::IdeaStatus;

use super::FEATURE;
use super::service::{self, StatusChanges};

/// A status to add, or the changes to one (left out: unchanged).
#[derive(InputObject)]
pub struct IdeaStatusInput {
    title: Option<Json<BTreeMap<String, String>>>,
    /// `#rrggbb`, dark enough for text on white (4.5:1).
    color: Option<String>,
    /// The core status it counts as: `proposed`, `under_consideration`, `accepted`,
    /// `implemented` or `rejected`.
    category: Option<String>,
    position: Option<i32>,
}

impl From<IdeaStatusInput> for StatusChanges {
    fn from(i: IdeaStatusInput) -> Self {
        Self { title: i.title.map(|t| t.0), color: i.color, category: i.category, position: i.position }
    }
}

#[derive(Default)]
pub struct StatusMutation;

#[Object]
impl StatusMutation {
    async fn create_idea_status(&self, ctx: &Context<'_>, input: IdeaStatusInput) -> async_graphql::Result<IdeaStatus> {
        require_feature(ctx, FEATURE).await?;
        let created = service::create(platform(ctx)?, actor(ctx), input.into()).await.map_err(to_gql)?;
        Ok(IdeaStatus(created))
    }

    async fn update_idea_status(
        &self,
        ctx: &Context<'_>,
        id: ID,
        input: IdeaStatusInput,
    ) -> async_graphql::Result<IdeaStatus> {
        require_feature(ctx, FEATURE).await?;
        let id = id_number(&id, "status")?;
        let saved = service::update(platform(ctx)?, actor(ctx), id, input.into()).await.map_err(to_gql)?;
        Ok(IdeaStatus(saved))
    }

    /// Deletes a status administrators added, while no idea has it.
    async fn delete_idea_status(&self, ctx: &Context<'_>, id: ID) -> async_graphql::Result<bool> {
        require_feature(ctx, FEATURE).await?;
        service::delete(platform(ctx)?, actor(ctx), id_number(&id, "status")?).await.map_err(to_gql)?;
        Ok(true)
    }
}
