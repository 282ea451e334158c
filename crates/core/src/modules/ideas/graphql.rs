// SPDX-License-Identifier: AGPL-3.0-only
//! Ideas in GraphQL. A list resolves in a fixed number of queries: the ideas, their authors and
//! the asking user's reactions are each read once for the whole page.
use async_graphql::{Context, ID, Object, SimpleObject};
use chrono::{DateTime, Utc};

use super::model::idea;
use super::{IdeaSort, IdeaView, ReactionMode};
use crate::graphql::{actor, platform, to_gql};
use crate::{CoreError, Platform};

fn id_of(id: &ID, what: &'static str) -> async_graphql::Result<i32> {
    id.parse::<i32>().map_err(|_| to_gql(CoreError::NotFound(what)))
}

#[derive(SimpleObject)]
pub struct Idea {
    id: ID,
    project_id: ID,
    phase_id: ID,
    title: String,
    /// As written; pages clean it for display.
    body: String,
    /// The author's public name; null once the author deleted their account.
    author_name: Option<String>,
    status: String,
    reactions_up: i32,
    reactions_down: i32,
    comments_count: i32,
    /// `up`, `down` or null: the asking user's reaction.
    my_reaction: Option<String>,
    created_at: DateTime<Utc>,
}

impl Idea {
    fn new(view: IdeaView, mine: Option<String>) -> Self {
        let i = view.idea;
        Self {
            id: ID(i.id.to_string()),
            project_id: ID(i.project_id.to_string()),
            phase_id: ID(i.phase_id.to_string()),
            title: i.title,
            body: i.body,
            author_name: view.author,
            status: i.status,
            reactions_up: i.reactions_up,
            reactions_down: i.reactions_down,
            comments_count: i.comments_count,
            my_reaction: mine,
            created_at: i.created_at,
        }
    }
}

#[derive(SimpleObject)]
pub struct IdeaConnection {
    nodes: Vec<Idea>,
    has_next_page: bool,
    end_cursor: Option<String>,
}

async fn one(ctx: &Context<'_>, p: &Platform, found: idea::Model) -> async_graphql::Result<Idea> {
    let view =
        p.idea_by_id(actor(ctx), found.id).await.map_err(to_gql)?.ok_or_else(|| to_gql(CoreError::NotFound("idea")))?;
    let mine = p.my_reactions(actor(ctx), &[found.id]).await.map_err(to_gql)?.pop().map(|(_, m)| m);
    Ok(Idea::new(view, mine))
}

#[derive(Default)]
pub struct IdeasQuery;

#[Object]
impl IdeasQuery {
    /// A phase's ideas.
    async fn ideas(
        &self,
        ctx: &Context<'_>,
        phase_id: ID,
        #[graphql(default_with = "IdeaSort::Newest")] sort: IdeaSort,
        #[graphql(default = 24)] first: u64,
        after: Option<String>,
    ) -> async_graphql::Result<IdeaConnection> {
        let p = platform(ctx)?;
        let page =
            p.ideas(actor(ctx), id_of(&phase_id, "phase")?, sort, first, after.as_deref()).await.map_err(to_gql)?;
        let ids: Vec<i32> = page.ideas.iter().map(|v| v.idea.id).collect();
        let mine = p.my_reactions(actor(ctx), &ids).await.map_err(to_gql)?;
        let nodes = page
            .ideas
            .into_iter()
            .map(|v| {
                let m = mine.iter().find(|(id, _)| *id == v.idea.id).map(|(_, m)| m.clone());
                Idea::new(v, m)
            })
            .collect();
        Ok(IdeaConnection { nodes, has_next_page: page.next.is_some(), end_cursor: page.next })
    }

    async fn idea(&self, ctx: &Context<'_>, id: ID) -> async_graphql::Result<Option<Idea>> {
        let p = platform(ctx)?;
        match p.idea_by_id(actor(ctx), id_of(&id, "idea")?).await.map_err(to_gql)? {
            Some(view) => Ok(Some(one(ctx, p, view.idea).await?)),
            None => Ok(None),
        }
    }
}

#[derive(Default)]
pub struct IdeasMutation;

#[Object]
impl IdeasMutation {
    async fn post_idea(
        &self,
        ctx: &Context<'_>,
        phase_id: ID,
        title: String,
        body: String,
    ) -> async_graphql::Result<Idea> {
        let p = platform(ctx)?;
        let saved = p.post_idea(actor(ctx), id_of(&phase_id, "phase")?, &title, &body).await.map_err(to_gql)?;
        one(ctx, p, saved).await
    }

    async fn update_idea(&self, ctx: &Context<'_>, id: ID, title: String, body: String) -> async_graphql::Result<Idea> {
        let p = platform(ctx)?;
        let saved = p.update_idea(actor(ctx), id_of(&id, "idea")?, &title, &body).await.map_err(to_gql)?;
        one(ctx, p, saved).await
    }

    async fn delete_idea(&self, ctx: &Context<'_>, id: ID) -> async_graphql::Result<bool> {
        platform(ctx)?.delete_idea(actor(ctx), id_of(&id, "idea")?).await.map_err(to_gql)?;
        Ok(true)
    }

    async fn react(&self, ctx: &Context<'_>, idea_id: ID, mode: ReactionMode) -> async_graphql::Result<Idea> {
        let p = platform(ctx)?;
        let saved = p.react(actor(ctx), id_of(&idea_id, "idea")?, mode).await.map_err(to_gql)?;
        one(ctx, p, saved).await
    }

    async fn remove_reaction(&self, ctx: &Context<'_>, idea_id: ID) -> async_graphql::Result<Idea> {
        let p = platform(ctx)?;
        let saved = p.remove_reaction(actor(ctx), id_of(&idea_id, "idea")?).await.map_err(to_gql)?;
        one(ctx, p, saved).await
    }
}
