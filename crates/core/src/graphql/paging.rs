// SPDX-License-Identifier: AGPL-3.0-only
//! One shape for every paged list of the API: Relay's connections, as async-graphql builds
//! them (`edges { cursor node }`, `nodes`, `pageInfo { hasNextPage endCursor … }`), with
//! `totalCount` on the lists where counting is cheap. Every paged field takes `first` (checked
//! by [`page_size`]) and `after` (the `endCursor` of the page before).
use async_graphql::connection::{Connection, Edge};
use async_graphql::{OutputType, SimpleObject};

use super::to_gql;
use crate::CoreError;

/// The most rows one page of the API gives.
pub const PAGE_MAX: u64 = 100;

/// A page of `Node`s, each with its cursor.
pub type Page<Node, Fields = async_graphql::connection::EmptyFields> = Connection<String, Node, Fields>;

/// `totalCount` for the lists where it is cheap: rows matching the list, all pages together.
#[derive(SimpleObject)]
pub struct Counted {
    pub total_count: u64,
}

/// `first` as asked, when it is 1 to [`PAGE_MAX`]; anything else is refused with the code
/// `first_out_of_range` rather than quietly changed, so a client learns its mistake.
pub fn page_size(first: i64) -> async_graphql::Result<u64> {
    match u64::try_from(first) {
        Ok(n) if (1..=PAGE_MAX).contains(&n) => Ok(n),
        _ => Err(to_gql(CoreError::Field { field: "first", code: "first_out_of_range" })),
    }
}

/// The `after` of a list ordered by id: the id of the row before, as `endCursor` gave it.
pub fn id_cursor(after: Option<&str>) -> async_graphql::Result<Option<i32>> {
    after
        .map(|a| a.parse().map_err(|_| to_gql(CoreError::Field { field: "after", code: "cursor_invalid" })))
        .transpose()
}

/// A page from its rows, each with its cursor, and whether more rows follow.
pub fn paged<Node: OutputType>(rows: impl IntoIterator<Item = (String, Node)>, has_next_page: bool) -> Page<Node> {
    let mut connection = Connection::new(false, has_next_page);
    connection.edges.extend(rows.into_iter().map(|(cursor, node)| Edge::new(cursor, node)));
    connection
}

/// A page with `totalCount`.
pub fn paged_with_count<Node: OutputType>(
    rows: impl IntoIterator<Item = (String, Node)>,
    has_next_page: bool,
    total_count: u64,
) -> Page<Node, Counted> {
    let mut connection = Connection::with_additional_fields(false, has_next_page, Counted { total_count });
    connection.edges.extend(rows.into_iter().map(|(cursor, node)| Edge::new(cursor, node)));
    connection
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_is_checked_not_clamped() {
        assert_eq!(page_size(1).ok(), Some(1));
        assert_eq!(page_size(100).ok(), Some(100));
        for bad in [0, -1, 101, i64::MAX] {
            let err = page_size(bad).err().map(|e| e.message);
            assert!(err.is_some(), "{bad} must be refused");
        }
    }
}
