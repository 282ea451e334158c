// SPDX-License-Identifier: AGPL-3.0-only
//! Ideas, their discussion, statuses and follows in GraphQL. Denials come back as errors whose
//! `extensions.code` is the permission engine's reason.
use async_graphql::{Context, ID, InputObject, Object};

use super::model::idea;
use super::objects::{Comment, Idea, IdeaStatus, OfficialFeedback};
use super::{FollowTarget, IdeaFilter, IdeaInput, IdeaScope, IdeaSort, Location, ReactionMode};
use crate::graphql::{Page, actor, page_size, paged, platform, to_gql};
use crate::{CoreError, Platform};

fn id_of(id: &ID, what: &'static str) -> async_graphql::Result<i32> {
    id.parse::<i32>().map_err(|_| to_gql(CoreError::NotFound(what)))
}

fn ids_of(ids: Option<Vec<ID>>, what: &'static str) -> async_graphql::Result<Vec<i32>> {
    ids.unwrap_or_default().iter().map(|id| id_of(id, what)).collect()
}

#[derive(InputObject)]
pub struct LocationInput {
    /// With `lng`, or neither.
    lat: Option<f64>,
    lng: Option<f64>,
    address: Option<String>,
}

/// The idea as the caller sees it after a change.
async fn reread(ctx: &Context<'_>, p: &Platform, found: idea::Model) -> async_graphql::Result<Idea> {
    let view =
        p.idea_by_id(actor(ctx), found.id).await.map_err(to_gql)?.ok_or_else(|| to_gql(CoreError::NotFound("idea")))?;
    Ok(Idea(view))
}

/// A comment the caller just wrote or changed (moderators' removals hide the name anyway).
fn own_comment(ctx: &Context<'_>, saved: super::model::comment::Model) -> Comment {
    let author =
        actor(ctx).viewer().map(|v| v.display_name.clone()).filter(|_| saved.author_id == actor(ctx).user_id());
    Comment(super::CommentView { comment: saved, author, replies: Vec::new() })
}

fn idea_input(
    title: String,
    body: String,
    topic_ids: Option<Vec<ID>>,
    area_id: Option<ID>,
    location: Option<LocationInput>,
) -> async_graphql::Result<IdeaInput> {
    Ok(IdeaInput {
        title,
        body,
        topic_ids: ids_of(topic_ids, "topic")?,
        area_id: area_id.as_ref().map(|a| id_of(a, "area")).transpose()?,
        location: location.map(|l| Location { lat: l.lat, lng: l.lng, address: l.address }),
        draft: false,
    })
}

#[derive(Default)]
pub struct IdeasQuery;

#[Object]
impl IdeasQuery {
    /// The ideas of a phase, or of a whole project when no phase is given.
    #[allow(clippy::too_many_arguments)]
    async fn ideas(
        &self,
        ctx: &Context<'_>,
        project_id: Option<ID>,
        phase_id: Option<ID>,
        #[graphql(default_with = "IdeaSort::Trending")] sort: IdeaSort,
        topic_ids: Option<Vec<ID>>,
        status_ids: Option<Vec<ID>>,
        area_ids: Option<Vec<ID>>,
        search: Option<String>,
        #[graphql(desc = "Seeds the RANDOM order; keep it while paging.")] seed: Option<u32>,
        #[graphql(default = 24, desc = "1 to 100.")] first: i64,
        after: Option<String>,
    ) -> async_graphql::Result<Page<Idea>> {
        let first = page_size(first)?;
        let scope = match (phase_id, project_id) {
            (Some(phase), _) => IdeaScope::Phase(id_of(&phase, "phase")?),
            (None, Some(project)) => IdeaScope::Project(id_of(&project, "project")?),
            (None, None) => {
                return Err(to_gql(CoreError::Field { field: "phaseId", code: "scope_required" }));
            }
        };
        let filter = IdeaFilter {
            topic_ids: ids_of(topic_ids, "topic")?,
            status_ids: ids_of(status_ids, "status")?,
            area_ids: ids_of(area_ids, "area")?,
            search,
            costed: false,
            seed: seed.or_else(|| actor(ctx).user_id().map(|id| id as u32)).unwrap_or(0),
        };
        let p = platform(ctx)?;
        let page = p.list_ideas(actor(ctx), scope, sort, &filter, first, after.as_deref()).await.map_err(to_gql)?;
        let more = page.next.is_some();
        Ok(paged(page.cursors.into_iter().zip(page.ideas.into_iter().map(Idea)), more))
    }

    async fn idea(&self, ctx: &Context<'_>, id: ID) -> async_graphql::Result<Option<Idea>> {
        let p = platform(ctx)?;
        Ok(p.idea_by_id(actor(ctx), id_of(&id, "idea")?).await.map_err(to_gql)?.map(Idea))
    }

    /// An idea's discussion: top-level comments oldest first, each with its replies.
    async fn comments(
        &self,
        ctx: &Context<'_>,
        idea_id: ID,
        #[graphql(default = 50, desc = "1 to 100.")] first: i64,
        after: Option<String>,
    ) -> async_graphql::Result<Page<Comment>> {
        let first = page_size(first)?;
        let p = platform(ctx)?;
        let page = p.comments(actor(ctx), id_of(&idea_id, "idea")?, first, after.as_deref()).await.map_err(to_gql)?;
        let more = page.next.is_some();
        Ok(paged(page.comments.into_iter().map(|c| (c.comment.id.to_string(), Comment(c))), more))
    }

    async fn idea_statuses(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<IdeaStatus>> {
        Ok(platform(ctx)?.idea_statuses().await.map_err(to_gql)?.into_iter().map(IdeaStatus).collect())
    }
}

#[derive(Default)]
pub struct IdeasMutation;

#[Object]
impl IdeasMutation {
    #[allow(clippy::too_many_arguments)]
    async fn post_idea(
        &self,
        ctx: &Context<'_>,
        phase_id: ID,
        title: String,
        body: String,
        topic_ids: Option<Vec<ID>>,
        area_id: Option<ID>,
        location: Option<LocationInput>,
        #[graphql(default, desc = "Save without publishing; `publishIdea` publishes it later.")] draft: bool,
    ) -> async_graphql::Result<Idea> {
        let p = platform(ctx)?;
        let input = IdeaInput { draft, ..idea_input(title, body, topic_ids, area_id, location)? };
        let saved = p.post_idea(actor(ctx), id_of(&phase_id, "phase")?, input).await.map_err(to_gql)?;
        reread(ctx, p, saved).await
    }

    #[allow(clippy::too_many_arguments)]
    async fn update_idea(
        &self,
        ctx: &Context<'_>,
        id: ID,
        title: String,
        body: String,
        topic_ids: Option<Vec<ID>>,
        area_id: Option<ID>,
        location: Option<LocationInput>,
    ) -> async_graphql::Result<Idea> {
        let p = platform(ctx)?;
        let input = idea_input(title, body, topic_ids, area_id, location)?;
        let saved = p.update_idea(actor(ctx), id_of(&id, "idea")?, input).await.map_err(to_gql)?;
        reread(ctx, p, saved).await
    }

    /// Removes a picture or an attachment (the idea's author while they may edit it, or a
    /// moderator). Files are added through the idea forms (multipart uploads).
    async fn remove_idea_file(&self, ctx: &Context<'_>, id: ID) -> async_graphql::Result<bool> {
        platform(ctx)?.remove_idea_file(actor(ctx), id_of(&id, "file")?).await.map_err(to_gql)?;
        Ok(true)
    }

    /// Publishes a draft.
    async fn publish_idea(&self, ctx: &Context<'_>, id: ID) -> async_graphql::Result<Idea> {
        let p = platform(ctx)?;
        let saved = p.publish_idea(actor(ctx), id_of(&id, "idea")?).await.map_err(to_gql)?;
        reread(ctx, p, saved).await
    }

    async fn delete_idea(&self, ctx: &Context<'_>, id: ID) -> async_graphql::Result<bool> {
        platform(ctx)?.delete_idea(actor(ctx), id_of(&id, "idea")?).await.map_err(to_gql)?;
        Ok(true)
    }

    async fn react(&self, ctx: &Context<'_>, idea_id: ID, mode: ReactionMode) -> async_graphql::Result<Idea> {
        let p = platform(ctx)?;
        let saved = p.react(actor(ctx), id_of(&idea_id, "idea")?, mode).await.map_err(to_gql)?;
        reread(ctx, p, saved).await
    }

    async fn remove_reaction(&self, ctx: &Context<'_>, idea_id: ID) -> async_graphql::Result<Idea> {
        let p = platform(ctx)?;
        let saved = p.remove_reaction(actor(ctx), id_of(&idea_id, "idea")?).await.map_err(to_gql)?;
        reread(ctx, p, saved).await
    }

    /// Comments on an idea, or replies to a comment when `parentId` is given.
    async fn post_comment(
        &self,
        ctx: &Context<'_>,
        idea_id: ID,
        parent_id: Option<ID>,
        body: String,
    ) -> async_graphql::Result<Comment> {
        let p = platform(ctx)?;
        let parent = parent_id.as_ref().map(|id| id_of(id, "comment")).transpose()?;
        let saved = p.post_comment(actor(ctx), id_of(&idea_id, "idea")?, parent, &body).await.map_err(to_gql)?;
        Ok(own_comment(ctx, saved))
    }

    async fn update_comment(&self, ctx: &Context<'_>, id: ID, body: String) -> async_graphql::Result<Comment> {
        let p = platform(ctx)?;
        let saved = p.update_comment(actor(ctx), id_of(&id, "comment")?, &body).await.map_err(to_gql)?;
        Ok(own_comment(ctx, saved))
    }

    /// Authors delete their own comments; moderators remove others' and must give a reason.
    async fn delete_comment(
        &self,
        ctx: &Context<'_>,
        id: ID,
        reason: Option<String>,
    ) -> async_graphql::Result<Comment> {
        let p = platform(ctx)?;
        let saved = p.delete_comment(actor(ctx), id_of(&id, "comment")?, reason.as_deref()).await.map_err(to_gql)?;
        Ok(own_comment(ctx, saved))
    }

    /// Moves an idea to a status (administrators and the project's moderators), optionally
    /// publishing official feedback with it.
    async fn set_idea_status(
        &self,
        ctx: &Context<'_>,
        idea_id: ID,
        status_id: ID,
        feedback: Option<String>,
    ) -> async_graphql::Result<Idea> {
        let p = platform(ctx)?;
        let saved = p
            .set_idea_status(actor(ctx), id_of(&idea_id, "idea")?, id_of(&status_id, "status")?, feedback.as_deref())
            .await
            .map_err(to_gql)?;
        reread(ctx, p, saved).await
    }

    async fn post_official_feedback(
        &self,
        ctx: &Context<'_>,
        idea_id: ID,
        body: String,
    ) -> async_graphql::Result<OfficialFeedback> {
        let p = platform(ctx)?;
        let saved = p.post_official_feedback(actor(ctx), id_of(&idea_id, "idea")?, &body).await.map_err(to_gql)?;
        Ok(OfficialFeedback(saved))
    }

    async fn follow(&self, ctx: &Context<'_>, target_type: FollowTarget, target_id: ID) -> async_graphql::Result<bool> {
        let id = id_of(&target_id, target_type.as_str())?;
        platform(ctx)?.follow(actor(ctx), target_type, id).await.map_err(to_gql)?;
        Ok(true)
    }

    async fn unfollow(
        &self,
        ctx: &Context<'_>,
        target_type: FollowTarget,
        target_id: ID,
    ) -> async_graphql::Result<bool> {
        let id = id_of(&target_id, target_type.as_str())?;
        platform(ctx)?.unfollow(actor(ctx), target_type, id).await.map_err(to_gql)?;
        Ok(false)
    }
}
