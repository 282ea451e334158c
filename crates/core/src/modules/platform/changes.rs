// SPDX-License-Identifier: AGPL-3.0-only
//! The change feed (decision 0027): what changed on the platform, when, and its id, so that a
//! city's data warehouse follows the platform without scraping every project. The services
//! that change an idea, a comment, an event or a vote's results call [`record`] inside their
//! own transaction; [`Platform::changes`] reads the rows in id order for the projects the
//! asker may see. A row holds ids, a kind, an action and a time: never content, never a person.
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::{DateTime, Duration, Utc};
use sea_orm::{ColumnTrait, ConnectionTrait, DbBackend, DbErr, EntityTrait, QueryFilter, QueryOrder, QuerySelect};

use crate::actor::Actor;
use crate::{CoreError, CoreResult, Platform, db};

/// How long the feed keeps a change; the `changes_prune` job deletes older rows daily.
pub const RETENTION_DAYS: i64 = 90;

/// What a change is about. The list grows as the platform does (proposals will join it): a
/// client should skip a kind it does not know rather than fail.
#[derive(Clone, Copy, Debug, PartialEq, Eq, async_graphql::Enum)]
pub enum ChangeKind {
    Idea,
    Comment,
    /// A vote's sealed results (the object is the voting phase).
    VotingResults,
    Event,
}

impl ChangeKind {
    pub const ALL: [ChangeKind; 4] =
        [ChangeKind::Idea, ChangeKind::Comment, ChangeKind::VotingResults, ChangeKind::Event];

    pub fn as_str(self) -> &'static str {
        match self {
            ChangeKind::Idea => "idea",
            ChangeKind::Comment => "comment",
            ChangeKind::VotingResults => "voting_results",
            ChangeKind::Event => "event",
        }
    }

    fn parse(text: &str) -> Option<ChangeKind> {
        Self::ALL.into_iter().find(|k| k.as_str() == text)
    }
}

/// What happened to the object: it appeared (or came back), changed, or went (deleted,
/// hidden by a moderator, unpublished) and should be dropped by a copy.
#[derive(Clone, Copy, Debug, PartialEq, Eq, async_graphql::Enum)]
pub enum ChangeAction {
    Created,
    Updated,
    Removed,
}

impl ChangeAction {
    pub fn as_str(self) -> &'static str {
        match self {
            ChangeAction::Created => "created",
            ChangeAction::Updated => "updated",
            ChangeAction::Removed => "removed",
        }
    }

    fn parse(text: &str) -> Option<ChangeAction> {
        [ChangeAction::Created, ChangeAction::Updated, ChangeAction::Removed].into_iter().find(|a| a.as_str() == text)
    }
}

/// The project a change belongs to, as the writer knows it: directly, or through the idea or
/// phase it concerns (read in the same insert, so recording stays one statement).
#[derive(Clone, Copy, Debug)]
pub(crate) enum ProjectOf {
    Project(i32),
    Idea(i32),
    Phase(i32),
}

/// Records one change inside the transaction `conn` of the change itself.
///
/// On PostgreSQL the insert first takes a transaction-scoped advisory lock, so rows are
/// committed in the order of their ids and a client that has read up to an id never misses a
/// smaller one committed later (SQLite has one writer at a time already). Call it last in the
/// transaction: the lock is held until the commit.
pub(crate) async fn record(
    conn: &impl ConnectionTrait,
    kind: ChangeKind,
    action: ChangeAction,
    object_id: i32,
    project: ProjectOf,
) -> Result<(), DbErr> {
    let backend = conn.get_database_backend();
    if backend == DbBackend::Postgres {
        conn.execute_raw(db::statement(backend, "SELECT pg_advisory_xact_lock(?)", vec![FEED_LOCK.into()])).await?;
    }
    let (source, from) = match project {
        ProjectOf::Project(id) => ("?", id),
        ProjectOf::Idea(id) => ("(SELECT project_id FROM ideas WHERE id = ?)", id),
        ProjectOf::Phase(id) => ("(SELECT project_id FROM phases WHERE id = ?)", id),
    };
    let sql = format!(
        "INSERT INTO changes (kind, object_id, action, project_id, changed_at) \
         SELECT ?, ?, ?, p, ? FROM (SELECT {source} AS p) AS src WHERE p IS NOT NULL"
    );
    let values = vec![kind.as_str().into(), object_id.into(), action.as_str().into(), Utc::now().into(), from.into()];
    conn.execute_raw(db::statement(backend, &sql, values)).await?;
    Ok(())
}

/// Records a change to `idea` while it is public (published and not hidden): a draft's or a
/// hidden idea's edits are nobody else's business, and their appearing was never told.
pub(crate) async fn record_idea(
    conn: &impl ConnectionTrait,
    idea: &crate::modules::ideas::model::idea::Model,
    action: ChangeAction,
) -> Result<(), DbErr> {
    if !crate::modules::ideas::is_public(idea) {
        return Ok(());
    }
    record(conn, ChangeKind::Idea, action, idea.id, ProjectOf::Project(idea.project_id)).await
}

/// The advisory lock key of the feed's writers on PostgreSQL.
const FEED_LOCK: i64 = 0x7477_6e68_6663; // "twnhfc"

/// One change as the feed shows it.
#[derive(Clone, Debug, PartialEq)]
pub struct Change {
    /// The change's own position, for paging.
    pub seq: i64,
    pub kind: ChangeKind,
    pub action: ChangeAction,
    pub object_id: i32,
    pub project_id: i32,
    pub changed_at: DateTime<Utc>,
}

impl Change {
    /// The opaque cursor of this change: its position and time (the time lets a cursor older
    /// than what is kept be answered `changes_pruned` without a query).
    pub fn cursor(&self) -> String {
        URL_SAFE_NO_PAD.encode(format!("change:{}:{}", self.seq, self.changed_at.timestamp()))
    }
}

/// Reads a cursor made by [`Change::cursor`]: the position and time, or `cursor_invalid`.
pub fn parse_cursor(cursor: &str) -> CoreResult<(i64, DateTime<Utc>)> {
    let invalid = || CoreError::Field { field: "after", code: "cursor_invalid" };
    let text = URL_SAFE_NO_PAD.decode(cursor).ok().and_then(|b| String::from_utf8(b).ok()).ok_or_else(invalid)?;
    let mut parts = text.strip_prefix("change:").ok_or_else(invalid)?.split(':');
    let seq = parts.next().and_then(|s| s.parse::<i64>().ok()).ok_or_else(invalid)?;
    let at = parts.next().and_then(|s| s.parse::<i64>().ok()).ok_or_else(invalid)?;
    if parts.next().is_some() || seq < 0 {
        return Err(invalid());
    }
    Ok((seq, DateTime::from_timestamp(at, 0).ok_or_else(invalid)?))
}

/// What the feed is asked for.
#[derive(Clone, Debug, Default)]
pub struct ChangesQuery {
    pub since: Option<DateTime<Utc>>,
    /// The kinds wanted; every kind when `None`.
    pub kinds: Option<Vec<ChangeKind>>,
    /// Rows of the page (1 to 100; the API refuses others, see `graphql::page_size`).
    pub first: u64,
    pub after: Option<String>,
}

/// One page of the feed and whether more follows.
#[derive(Clone, Debug, PartialEq)]
pub struct ChangesPage {
    pub changes: Vec<Change>,
    pub has_next: bool,
}

/// The oldest time the feed still answers for at `now`.
pub fn horizon(now: DateTime<Utc>) -> DateTime<Utc> {
    now - Duration::days(RETENTION_DAYS)
}

impl Platform {
    /// A page of the changes `actor` may see: those of objects in the projects the actor can
    /// see (the rule of the project pages), oldest first. A `since` or cursor older than what
    /// is kept is refused with `changes_pruned`: the client resyncs from the lists.
    pub async fn changes(&self, actor: &Actor, query: ChangesQuery) -> CoreResult<ChangesPage> {
        let first = query.first.clamp(1, crate::graphql::PAGE_MAX);
        let after = query.after.as_deref().map(parse_cursor).transpose()?;
        let kept_from = horizon(Utc::now());
        let too_old = query.since.is_some_and(|s| s < kept_from) || after.is_some_and(|(_, at)| at < kept_from);
        if too_old {
            return Err(CoreError::Field { field: "since", code: "changes_pruned" });
        }
        let projects: Vec<i32> = self.projects(actor).await?.into_iter().map(|p| p.id).collect();
        let kinds: Vec<&str> =
            query.kinds.unwrap_or_else(|| ChangeKind::ALL.to_vec()).into_iter().map(ChangeKind::as_str).collect();
        if projects.is_empty() || kinds.is_empty() {
            return Ok(ChangesPage { changes: Vec::new(), has_next: false });
        }
        let mut select =
            row::Entity::find().filter(row::Column::ProjectId.is_in(projects)).filter(row::Column::Kind.is_in(kinds));
        if let Some((seq, _)) = after {
            select = select.filter(row::Column::Id.gt(seq));
        }
        if let Some(since) = query.since {
            select = select.filter(row::Column::ChangedAt.gte(since));
        }
        let rows = select.order_by_asc(row::Column::Id).limit(first + 1).all(self.db()).await?;
        let has_next = rows.len() as u64 > first;
        let changes = rows
            .into_iter()
            .take(first as usize)
            .filter_map(|r| {
                Some(Change {
                    seq: r.id,
                    kind: ChangeKind::parse(&r.kind)?,
                    action: ChangeAction::parse(&r.action)?,
                    object_id: r.object_id,
                    project_id: r.project_id,
                    changed_at: r.changed_at,
                })
            })
            .collect();
        Ok(ChangesPage { changes, has_next })
    }

    /// Deletes the changes older than the retention; returns how many went.
    pub async fn prune_changes(&self, now: DateTime<Utc>) -> CoreResult<u64> {
        let txn = db::begin_write(self.db()).await?;
        let gone = row::Entity::delete_many().filter(row::Column::ChangedAt.lt(horizon(now))).exec(&txn).await?;
        txn.commit().await?;
        Ok(gone.rows_affected)
    }
}

/// The `changes` table.
pub mod row {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "changes")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i64,
        pub kind: String,
        pub object_id: i32,
        pub action: String,
        pub project_id: i32,
        pub changed_at: ChronoDateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]

    use super::*;

    fn change(seq: i64) -> Change {
        Change {
            seq,
            kind: ChangeKind::Comment,
            action: ChangeAction::Removed,
            object_id: 7,
            project_id: 3,
            changed_at: DateTime::from_timestamp(1_800_000_000, 0).unwrap(),
        }
    }

    #[test]
    fn a_cursor_reads_back_and_anything_else_is_invalid() {
        let c = change(41);
        assert_eq!(parse_cursor(&c.cursor()).unwrap(), (41, c.changed_at));
        let forged = |text: &str| URL_SAFE_NO_PAD.encode(text);
        for bad in [
            "".to_owned(),
            "!!".to_owned(),
            forged("idea:1:2"),
            forged("change:1"),
            forged("change:-1:2"),
            forged("change:1:2:3"),
            forged("change:x:2"),
        ] {
            let refused = parse_cursor(&bad).unwrap_err();
            assert_eq!(refused.code(), "cursor_invalid", "{bad}");
        }
    }

    #[test]
    fn kinds_and_actions_read_back_from_their_names() {
        for kind in ChangeKind::ALL {
            assert_eq!(ChangeKind::parse(kind.as_str()), Some(kind));
        }
        for action in [ChangeAction::Created, ChangeAction::Updated, ChangeAction::Removed] {
            assert_eq!(ChangeAction::parse(action.as_str()), Some(action));
        }
        assert_eq!(ChangeKind::parse("proposal"), None, "a kind this build does not know is skipped");
    }

    #[tokio::test]
    async fn old_rows_are_pruned_and_new_ones_kept() {
        let (p, _dir) = crate::testing::platform(townhall_license::Edition::Core, Vec::new()).await;
        let open = crate::modules::ideas::tests::ideation(&p).await;
        let ben = crate::modules::ideas::tests::resident(&p, "ben@example.org").await;
        let idea = p.post_idea(&ben, open, crate::modules::ideas::tests::text("Shade", "Trees")).await.unwrap();
        let page = |first| ChangesQuery { first, ..Default::default() };
        let listed = p.changes(&crate::Actor::Anonymous, page(10)).await.unwrap();
        assert_eq!(listed.changes.len(), 1);
        assert_eq!((listed.changes[0].kind, listed.changes[0].object_id), (ChangeKind::Idea, idea.id));
        assert_eq!(p.prune_changes(Utc::now()).await.unwrap(), 0);
        let later = Utc::now() + Duration::days(RETENTION_DAYS + 1);
        assert_eq!(p.prune_changes(later).await.unwrap(), 1);
        assert!(p.changes(&crate::Actor::Anonymous, page(10)).await.unwrap().changes.is_empty());
    }
}
