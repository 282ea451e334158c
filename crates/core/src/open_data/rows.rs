// SPDX-License-Identifier: AGPL-3.0-only
//! What the datasets' rows are made with: a page of rows, a multilingual value as one column per
//! language, the public address, the phases of a method after a cursor. Each dataset reads a
//! page at a time (one keyset query per page and one batched query per thing its rows name,
//! never one per row; one phase per page of results, through the results pages' services).
use super::{Cell, Cursor, Row, Scope};
use crate::modules::projects::model::phase;
use crate::modules::projects::multiloc::Multiloc;
use crate::{CoreError, Platform};

/// A page of a dataset's rows.
pub struct Page {
    pub rows: Vec<Row>,
    pub next: Cursor,
    /// Progress steps this page did.
    pub steps: u64,
}

/// The text of a multilingual value in each of the languages the dictionary has columns for.
pub fn per_language(stored: &str) -> impl Iterator<Item = Cell> {
    let text = Multiloc::parse(stored);
    let languages: Vec<Cell> =
        crate::i18n::LOCALES.iter().map(|l| Cell::from(text.0.get(*l).filter(|t| !t.is_empty()).cloned())).collect();
    languages.into_iter()
}

/// The site's public address, without a trailing slash.
pub fn base(p: &Platform) -> &str {
    p.base_url().trim_end_matches('/')
}

/// The phases of `method` after the cursor, by id.
pub fn of_method<'a>(scope: &'a Scope, method: &'a str, cursor: Cursor) -> impl Iterator<Item = &'a phase::Model> + 'a {
    let after = match cursor {
        Cursor::After(id) => id,
        _ => i32::MIN,
    };
    scope.phases.iter().filter(move |ph| ph.method == method && ph.id > after)
}

/// Whether an error only says that the results are not public (yet): the phase is skipped.
pub fn not_public(e: &CoreError) -> bool {
    e.code() == "results_not_public"
}
