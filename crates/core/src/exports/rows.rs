// SPDX-License-Identifier: AGPL-3.0-only
//! What every export's rows are made with: a page is one keyset query and one batched query
//! per thing its rows name (authors, topics, questions…), never one per row. The kinds of rows
//! are in their modules' folders (`exports.rs`, through `Module::exports`).
use std::collections::HashMap;

use sea_orm::sea_query::{Expr, ExprTrait, Query, SimpleExpr};
use sea_orm::{ColumnTrait, Condition, EntityTrait, QueryFilter};

use super::Cursor;
use crate::modules::accounts::model::user;
use crate::modules::ideas::model::idea;
use crate::{CoreResult, Platform};

/// Rows read per page: a few hundred kilobytes of CSV at most.
pub const PAGE_ROWS: u64 = 1000;

pub fn time(at: chrono::DateTime<chrono::Utc>) -> String {
    at.to_rfc3339()
}

pub fn opt<T: ToString>(value: Option<T>) -> String {
    value.map(|v| v.to_string()).unwrap_or_default()
}

/// Text without the tags of sanitised rich text, entities read back.
pub fn plain(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                out.push(' ');
            }
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    let text = out.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'");
    text.replace("&amp;", "&").split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `column IN (ids of the project's ideas)`, for rows that hang off an idea.
pub fn of_project_ideas(column: impl sea_orm::sea_query::IntoColumnRef, project: i32) -> SimpleExpr {
    Expr::col(column).in_subquery(
        Query::select()
            .column(idea::Column::Id)
            .from(idea::Entity)
            .and_where(Expr::col(idea::Column::ProjectId).eq(project))
            .to_owned(),
    )
}

/// `column IN (ids of rows of `table` in the phases)`, for rows that hang off a phase's row.
pub fn of_phase_rows<E: EntityTrait>(
    column: impl sea_orm::sea_query::IntoColumnRef,
    entity: E,
    id: E::Column,
    phase: E::Column,
    phases: &[i32],
) -> SimpleExpr {
    Expr::col(column).in_subquery(
        Query::select().column(id).from(entity).and_where(Expr::col(phase).is_in(phases.to_vec())).to_owned(),
    )
}

/// After `(a, b)` in the order of a two-column key.
pub fn after_pair(a: impl ColumnTrait, b: impl ColumnTrait, cursor: Cursor) -> Condition {
    match cursor {
        Cursor::AfterPair(x, y) => Condition::any().add(a.gt(x)).add(Condition::all().add(a.eq(x)).add(b.gt(y))),
        _ => Condition::all(),
    }
}

pub fn after_id(column: impl ColumnTrait, cursor: Cursor) -> Condition {
    match cursor {
        Cursor::After(id) => Condition::all().add(column.gt(id)),
        _ => Condition::all(),
    }
}

/// The cursor after a page: done when the page was not full.
pub fn next(count: usize, last: Option<Cursor>) -> Cursor {
    match last {
        Some(c) if count as u64 == PAGE_ROWS => c,
        _ => Cursor::Done,
    }
}

/// A row about a person taking part: their name, since when, and with `personal` their e-mail.
pub fn with_person(
    mut row: Vec<String>,
    person: Option<&user::Model>,
    at: chrono::DateTime<chrono::Utc>,
    personal: bool,
) -> Vec<String> {
    row.push(opt(person.map(|u| u.display_name.clone())));
    row.push(time(at));
    if personal {
        row.push(opt(person.map(|u| u.email.clone())));
    }
    row
}

pub async fn names(p: &Platform, ids: impl Iterator<Item = i32>) -> CoreResult<HashMap<i32, user::Model>> {
    by_id::<user::Entity>(p, user::Column::Id, ids, |u| u.id).await
}

/// The rows of `E` whose `column` is one of `ids`, each under the id `key` reads from it: one
/// query for what a page of rows names.
pub async fn by_id<E: EntityTrait>(
    p: &Platform,
    column: E::Column,
    ids: impl Iterator<Item = i32>,
    key: impl Fn(&E::Model) -> i32,
) -> CoreResult<HashMap<i32, E::Model>> {
    let ids: Vec<i32> = ids.collect();
    Ok(E::find().filter(column.is_in(ids)).all(p.db()).await?.into_iter().map(|m| (key(&m), m)).collect())
}

#[cfg(test)]
mod tests {
    use super::plain;

    #[test]
    fn rich_text_becomes_plain_text() {
        assert_eq!(plain("<p>Trees &amp; <strong>benches</strong></p><p>&lt;3</p>"), "Trees & benches <3");
    }
}
