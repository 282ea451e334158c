// SPDX-License-Identifier: AGPL-3.0-only
//! The `changes` query: the change feed as a Relay connection.
use async_graphql::{Context, ID, Object, SimpleObject};
use chrono::{DateTime, Utc};

use super::changes::{self, ChangeAction, ChangeKind, ChangesQuery};
use crate::graphql::{Page, actor, page_size, paged, platform, to_gql};

#[derive(Default)]
pub struct ChangesFeedQuery;

/// One change: what (kind and id), what happened, in which project, when. Never content: a
/// client reads the object itself through its own query (a removed one is gone).
#[derive(SimpleObject)]
pub struct Change {
    /// The id of the changed object (for `VOTING_RESULTS`, the voting phase).
    pub id: ID,
    pub kind: ChangeKind,
    pub action: ChangeAction,
    pub project_id: ID,
    pub changed_at: DateTime<Utc>,
}

impl From<changes::Change> for Change {
    fn from(c: changes::Change) -> Self {
        Change {
            id: ID(c.object_id.to_string()),
            kind: c.kind,
            action: c.action,
            project_id: ID(c.project_id.to_string()),
            changed_at: c.changed_at,
        }
    }
}

#[Object]
impl ChangesFeedQuery {
    /// What changed on the platform, oldest first: ideas, comments, events and votes' sealed
    /// results of the projects the asker may see. `since` keeps the changes from that time on,
    /// `kinds` the kinds named (all when omitted). Changes are kept 90 days: a `since` or
    /// `after` older than that is refused with `changes_pruned` (resync from the lists).
    async fn changes(
        &self,
        ctx: &Context<'_>,
        since: Option<DateTime<Utc>>,
        kinds: Option<Vec<ChangeKind>>,
        #[graphql(default = 50, desc = "1 to 100.")] first: i64,
        after: Option<String>,
    ) -> async_graphql::Result<Page<Change>> {
        let query = ChangesQuery { since, kinds, first: page_size(first)?, after };
        let page = platform(ctx)?.changes(actor(ctx), query).await.map_err(to_gql)?;
        Ok(paged(page.changes.into_iter().map(|c| (c.cursor(), Change::from(c))), page.has_next))
    }
}
