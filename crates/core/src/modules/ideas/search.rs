// SPDX-License-Identifier: AGPL-3.0-only
//! Full-text search over idea titles and bodies: an FTS5 table on SQLite, a generated
//! `tsvector` column with a GIN index on PostgreSQL (migration m0006). Both index the same
//! folded text (`search_text`) and match every word of the query as a prefix, after folding it
//! the same way and dropping punctuation, so the two databases agree on what a query means and
//! no input can break the query syntax.
use sea_orm::sea_query::{Expr, SimpleExpr};
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

use super::scoped_search::Scope;

/// Text as the index holds it: lowercase, accents removed (é → e), tags dropped.
pub fn fold(text: &str) -> String {
    let mut plain = String::with_capacity(text.len());
    let mut in_tag = false;
    for c in text.chars() {
        match c {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                plain.push(' ');
            }
            _ if !in_tag => plain.push(c),
            _ => {}
        }
    }
    plain.nfd().filter(|c| !is_combining_mark(*c)).collect::<String>().to_lowercase()
}

/// What an idea's `search_text` column holds.
pub fn search_text(title: &str, body: &str) -> String {
    fold(&format!("{title}\n{body}"))
}

/// The words of a folded text: its runs of letters and digits.
pub(super) fn tokens(folded: &str) -> impl Iterator<Item = &str> {
    folded.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty())
}

/// The words of a search, folded, letters and digits only, at most eight.
fn words(text: &str) -> Vec<String> {
    tokens(&fold(text)).take(8).map(str::to_owned).collect()
}

/// Whether a search text holds a word to look for (one without words filters nothing).
pub(super) fn has_words(text: Option<&str>) -> bool {
    text.is_some_and(|text| !words(text).is_empty())
}

/// The filter for a search text; `None` when it holds no word (then nothing is filtered). On
/// SQLite a search in a project or a phase uses the scoped index (`scoped_search.rs`).
pub(super) fn condition(postgres: bool, text: &str, scope: Option<Scope>) -> Option<SimpleExpr> {
    let words = words(text);
    if words.is_empty() {
        return None;
    }
    Some(if postgres {
        let query = words.iter().map(|w| format!("{w}:*")).collect::<Vec<_>>().join(" & ");
        Expr::cust_with_values("\"ideas\".\"search\" @@ to_tsquery('simple', $1)", [query])
    } else if let Some(scope) = scope {
        Expr::cust_with_values(
            "\"ideas\".\"id\" IN (SELECT rowid FROM ideas_scoped_fts WHERE ideas_scoped_fts MATCH ?)",
            [super::scoped_search::query(&words, scope)],
        )
    } else {
        let query = words.iter().map(|w| format!("\"{w}\"*")).collect::<Vec<_>>().join(" ");
        Expr::cust_with_values("\"ideas\".\"id\" IN (SELECT rowid FROM ideas_fts WHERE ideas_fts MATCH ?)", [query])
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn punctuation_cannot_reach_the_query_syntax() {
        assert_eq!(words("\"bench\" OR NEAR(x)* ; DROP--"), vec!["bench", "or", "near", "x", "drop"]);
        assert_eq!(words("Fietspad à Côté"), vec!["fietspad", "a", "cote"]);
        assert!(condition(false, " ...!? ", None).is_none());
    }

    #[test]
    fn the_index_text_is_folded_and_without_tags() {
        assert_eq!(search_text("Café <b>terrace</b>", "Ça va"), "cafe  terrace \nca va");
    }
}
