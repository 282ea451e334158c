// SPDX-License-Identifier: AGPL-3.0-only
//! Lists of ideas: seven orders (five for ideation, two by cost for budgets), filters by topic,
//! status, area and cost, full-text search, and keyset paging or numbered pages. A page costs the
//! same few queries whatever its size, and each order is served by an index that starts with the
//! phase or the project (see the `ideas_by_*` and `ideas_in_project_by_*` indexes).
use sea_orm::sea_query::{Expr, ExprTrait, Query, SimpleExpr};
use sea_orm::{
    ColumnTrait, Condition, DbBackend, EntityTrait, IdenStatic, Order, PaginatorTrait, QueryFilter, QueryOrder,
    QuerySelect, Select, Value,
};

use super::model::{idea, idea_status, idea_topic};
use super::scoped_search::Scope;
use super::search;
use super::service::{IdeaPage, IdeaSort, IdeaView};
use crate::modules::projects::can_see;
use crate::{Actor, CoreError, CoreResult, Platform};

/// Where the ideas come from.
#[derive(Debug, Clone, Copy)]
pub enum IdeaScope {
    Phase(i32),
    Project(i32),
    /// The ideas of every project the actor moderates (all of them for administrators): the
    /// back office's table.
    Moderated,
}

/// What to show: the filters are combined with AND, the values inside one filter with OR.
#[derive(Debug, Clone, Default)]
pub struct IdeaFilter {
    pub topic_ids: Vec<i32>,
    pub status_ids: Vec<i32>,
    pub area_ids: Vec<i32>,
    pub search: Option<String>,
    /// Only ideas with a cost: those a participatory budget can spend on (the orders by cost
    /// imply it).
    pub costed: bool,
    /// Seeds the random order, so one visitor sees one stable shuffle while paging.
    pub seed: u32,
}

/// A numbered page of ideas (see `Platform::list_ideas_numbered`).
#[derive(Debug, Clone)]
pub struct NumberedPage {
    pub ideas: Vec<IdeaView>,
    /// The ideas on every page together.
    pub total: u64,
    /// 1-based, within `1..=pages`.
    pub page: u64,
    /// At least 1, also for an empty list.
    pub pages: u64,
}

/// The random order's key: the id hashed by a multiplication, mixed with the seed by XOR (written
/// as `(a | b) - (a & b)`, which both databases have), then multiplied again, all in 32 bits.
/// Every product stays below 2^63, so neither database overflows, and both compute the same key.
fn random_key(seed: u32) -> SimpleExpr {
    let h = "((\"ideas\".\"id\" * 2654435761) % 4294967296)";
    Expr::cust(format!("(((({h} | {seed}) - ({h} & {seed})) * 1597334677) % 4294967296)"))
}

/// The same key, computed here for cursors.
fn random_key_of(id: i32, seed: u32) -> i64 {
    let h = (i64::from(id) * 2_654_435_761) % 4_294_967_296;
    ((h ^ i64::from(seed)) * 1_597_334_677) % 4_294_967_296
}

/// The sort key expression of an order (all orders break ties by id, in the same direction).
fn sort_key(sort: IdeaSort, seed: u32) -> Option<SimpleExpr> {
    match sort {
        IdeaSort::Newest => None,
        IdeaSort::MostReacted => Some(Expr::col((idea::Entity, idea::Column::ReactionsUp))),
        IdeaSort::MostDiscussed => Some(Expr::col((idea::Entity, idea::Column::CommentsCount))),
        IdeaSort::Trending => Some(Expr::col((idea::Entity, idea::Column::TrendingScore))),
        IdeaSort::Random => Some(random_key(seed)),
        IdeaSort::CostAsc | IdeaSort::CostDesc => Some(Expr::col((idea::Entity, idea::Column::Cost))),
    }
}

/// Whether an order runs from the highest key down (all but the shuffle and the cheapest first).
fn descending(sort: IdeaSort) -> bool {
    !matches!(sort, IdeaSort::Random | IdeaSort::CostAsc)
}

/// The cursor after `last`: its sort key and id.
fn cursor_of(sort: IdeaSort, seed: u32, last: &idea::Model) -> String {
    match sort {
        IdeaSort::Newest => last.id.to_string(),
        IdeaSort::MostReacted => format!("{}.{}", last.reactions_up, last.id),
        IdeaSort::MostDiscussed => format!("{}.{}", last.comments_count, last.id),
        // `{}` prints the shortest text that reads back as the same float.
        IdeaSort::Trending => format!("{}_{}", last.trending_score, last.id),
        IdeaSort::Random => format!("{}.{}", random_key_of(last.id, seed), last.id),
        IdeaSort::CostAsc | IdeaSort::CostDesc => format!("{}.{}", last.cost.unwrap_or_default(), last.id),
    }
}

/// The key and id a cursor holds, typed for the order; `None` for a cursor that does not parse.
fn parse_cursor(sort: IdeaSort, cursor: &str) -> Option<(Option<Value>, i32)> {
    match sort {
        IdeaSort::Newest => Some((None, cursor.parse().ok()?)),
        IdeaSort::Trending => {
            let (key, id) = cursor.rsplit_once('_')?;
            Some((Some(key.parse::<f64>().ok()?.into()), id.parse().ok()?))
        }
        IdeaSort::Random | IdeaSort::CostAsc | IdeaSort::CostDesc => {
            let (key, id) = cursor.split_once('.')?;
            Some((Some(key.parse::<i64>().ok()?.into()), id.parse().ok()?))
        }
        IdeaSort::MostReacted | IdeaSort::MostDiscussed => {
            let (key, id) = cursor.split_once('.')?;
            Some((Some(key.parse::<i32>().ok()?.into()), id.parse().ok()?))
        }
    }
}

/// `column = id`. With `by_matches` the column is compared as an expression (`+column`), so that
/// SQLite reads the search's matches and then their rows, not every idea of the phase or project
/// in the list's order: the scoped index (`scoped_search.rs`) finds only the scope's ideas, so
/// the matches are never more than the scope's ideas, and usually far fewer.
fn in_scope(column: idea::Column, id: i32, by_matches: bool) -> SimpleExpr {
    if by_matches {
        Expr::expr(Expr::cust(format!("+\"ideas\".\"{}\"", column.as_str()))).eq(id)
    } else {
        column.eq(id)
    }
}

impl Platform {
    /// A page of ideas: `first` at a time (at most 100). The cursor is the last idea's sort key
    /// and id, so pages stay right while ideas are added (keyset paging).
    pub async fn list_ideas(
        &self,
        actor: &Actor,
        scope: IdeaScope,
        sort: IdeaSort,
        filter: &IdeaFilter,
        first: u64,
        after: Option<&str>,
    ) -> CoreResult<IdeaPage> {
        let mut query = self.listed(actor, scope, sort, filter).await?;
        let desc = descending(sort);
        if let Some(cursor) = after {
            let (value, id) =
                parse_cursor(sort, cursor).ok_or(CoreError::Field { field: "after", code: "cursor_invalid" })?;
            let id_col = Expr::col((idea::Entity, idea::Column::Id));
            let beyond_id = if desc { id_col.clone().lt(id) } else { id_col.clone().gt(id) };
            query = query.filter(match (sort_key(sort, filter.seed), value) {
                (Some(expr), Some(value)) => {
                    let beyond = if desc { expr.clone().lt(value.clone()) } else { expr.clone().gt(value.clone()) };
                    Condition::any().add(beyond).add(Condition::all().add(expr.eq(value)).add(beyond_id))
                }
                _ => Condition::all().add(beyond_id),
            });
        }
        let first = first.clamp(1, 100);
        let mut rows = ordered(query, sort, filter.seed).limit(first + 1).all(self.db()).await?;
        let more = rows.len() as u64 > first;
        rows.truncate(first as usize);
        let cursors: Vec<String> = rows.iter().map(|row| cursor_of(sort, filter.seed, row)).collect();
        let next = if more { cursors.last().cloned() } else { None };
        Ok(IdeaPage { ideas: self.with_authors(rows).await?, cursors, next })
    }

    /// Page `page` (1-based) of a list cut into pages of `per_page` ideas (at most 100), with
    /// how many ideas and pages there are: for lists a resident goes back and forth in, such as
    /// a budget's voting panel. A page past the end gives the last one. It costs a count and
    /// the page's rows (the rows before it are skipped in the order's index).
    pub async fn list_ideas_numbered(
        &self,
        actor: &Actor,
        scope: IdeaScope,
        sort: IdeaSort,
        filter: &IdeaFilter,
        per_page: u64,
        page: u64,
    ) -> CoreResult<NumberedPage> {
        let query = self.listed(actor, scope, sort, filter).await?;
        let per_page = per_page.clamp(1, 100);
        let total = query.clone().count(self.db()).await?;
        let pages = std::cmp::max(total.div_ceil(per_page), 1);
        let page = page.clamp(1, pages);
        let rows =
            ordered(query, sort, filter.seed).offset((page - 1) * per_page).limit(per_page).all(self.db()).await?;
        Ok(NumberedPage { ideas: self.with_authors(rows).await?, total, page, pages })
    }

    /// The ideas a list reads, before its order and paging: the scope (which the actor must be
    /// allowed to see), published and not hidden, and the filters.
    async fn listed(
        &self,
        actor: &Actor,
        scope: IdeaScope,
        sort: IdeaSort,
        filter: &IdeaFilter,
    ) -> CoreResult<Select<idea::Entity>> {
        let postgres = self.db().get_database_backend() == DbBackend::Postgres;
        let by_matches = !postgres && search::has_words(filter.search.as_deref());
        let (project_id, mut query) = match scope {
            IdeaScope::Phase(id) => {
                let found = self.phase_by_id(id).await?;
                (Some(found.project_id), idea::Entity::find().filter(in_scope(idea::Column::PhaseId, id, by_matches)))
            }
            IdeaScope::Project(id) => {
                (Some(id), idea::Entity::find().filter(in_scope(idea::Column::ProjectId, id, by_matches)))
            }
            IdeaScope::Moderated if actor.is_admin() => (None, idea::Entity::find()),
            IdeaScope::Moderated => {
                let mine = crate::modules::projects::moderated_projects(actor);
                if mine.is_empty() {
                    return Err(CoreError::Forbidden);
                }
                (None, idea::Entity::find().filter(idea::Column::ProjectId.is_in(mine)))
            }
        };
        if let Some(project_id) = project_id {
            let visible = self.snapshot().await?.project(project_id).is_some_and(|p| can_see(actor, p));
            if !visible {
                return Err(CoreError::NotFound(if matches!(scope, IdeaScope::Phase(_)) {
                    "phase"
                } else {
                    "project"
                }));
            }
        }
        // Drafts are for their authors only (see `my_drafts`); hidden ideas are listed only in
        // the back office.
        query = if matches!(scope, IdeaScope::Moderated) {
            query.filter(idea::Column::PublishedAt.is_not_null())
        } else {
            query.filter(super::public_condition())
        };
        if filter.costed || sort.by_cost() {
            query = query.filter(idea::Column::Cost.is_not_null());
        }
        let search_scope = match scope {
            IdeaScope::Phase(id) => Some(Scope::Phase(id)),
            IdeaScope::Project(id) => Some(Scope::Project(id)),
            IdeaScope::Moderated => None,
        };
        self.filtered(query, filter, search_scope).await
    }

    async fn filtered(
        &self,
        mut query: Select<idea::Entity>,
        filter: &IdeaFilter,
        search_scope: Option<Scope>,
    ) -> CoreResult<Select<idea::Entity>> {
        if !filter.topic_ids.is_empty() {
            let tagged = Query::select()
                .column(idea_topic::Column::IdeaId)
                .from(idea_topic::Entity)
                .and_where(idea_topic::Column::TopicId.is_in(filter.topic_ids.clone()))
                .to_owned();
            query = query.filter(idea::Column::Id.in_subquery(tagged));
        }
        if !filter.status_ids.is_empty() {
            let codes: Vec<String> = idea_status::Entity::find()
                .filter(idea_status::Column::Id.is_in(filter.status_ids.clone()))
                .all(self.db())
                .await?
                .into_iter()
                .map(|s| s.code)
                .collect();
            query = query.filter(idea::Column::Status.is_in(codes));
        }
        if !filter.area_ids.is_empty() {
            query = query.filter(idea::Column::AreaId.is_in(filter.area_ids.clone()));
        }
        let postgres = self.db().get_database_backend() == DbBackend::Postgres;
        if let Some(condition) =
            filter.search.as_deref().and_then(|text| search::condition(postgres, text, search_scope))
        {
            query = query.filter(condition);
        }
        Ok(query)
    }
}

/// The list in its order: the order's key, then the id in the same direction.
fn ordered(query: Select<idea::Entity>, sort: IdeaSort, seed: u32) -> Select<idea::Entity> {
    let order = if descending(sort) { Order::Desc } else { Order::Asc };
    let query = match sort_key(sort, seed) {
        Some(expr) => query.order_by(expr, order.clone()),
        None => query,
    };
    query.order_by(idea::Column::Id, order)
}
