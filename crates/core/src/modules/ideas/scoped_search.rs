// SPDX-License-Identifier: AGPL-3.0-only
//! SQLite only: a second full-text index (`ideas_scoped_fts`, migration m0022) whose words
//! carry their idea's project and phase, so that a search in one project or phase reads only
//! that scope's entries.
//!
//! A search matches every word as a prefix. FTS5 answers a prefix by merging the entries of
//! every word that starts with it, platform-wide: with 200,000 ideas a common word meant tens of
//! thousands of entries for each search of one phase (0.7 ms of FTS5 work a search). Here the
//! idea "More trees" of project 3, phase 7 is indexed as `p3xmore p3xtrees f7xmore f7xtrees`,
//! and a search for "tree" in phase 7 is the prefix `f7xtree`, whose entries are that phase's
//! only (0.08 ms). The digits end at the first `x`, so no scope's words can be another's.
//!
//! The table is contentless (`content=''`, with `contentless_delete=1`): it stores only the
//! index, the words are rebuilt from `search_text` by whoever writes an idea, and a trigger
//! removes an idea's entry when the idea row goes (also through a cascade).
use std::collections::BTreeSet;

use sea_orm::{ConnectionTrait, DbBackend, DbErr, FromQueryResult, Statement, Value};

use super::search::tokens;

/// The FTS5 table and its trigger, made by migration m0022.
pub(crate) const CREATE: [&str; 2] = [
    "CREATE VIRTUAL TABLE IF NOT EXISTS ideas_scoped_fts USING fts5(words, content='', \
     contentless_delete=1, tokenize='unicode61 remove_diacritics 2')",
    "CREATE TRIGGER IF NOT EXISTS ideas_scoped_fts_delete AFTER DELETE ON ideas BEGIN \
     DELETE FROM ideas_scoped_fts WHERE rowid = old.id; END",
];

/// Undoes [`CREATE`].
pub(crate) const DROP: [&str; 2] =
    ["DROP TRIGGER IF EXISTS ideas_scoped_fts_delete", "DROP TABLE IF EXISTS ideas_scoped_fts"];

/// Ideas indexed per statement by [`index_ideas_after`].
const PAGE: u64 = 2_000;

/// Where a scoped search looks.
#[derive(Clone, Copy, Debug)]
pub(super) enum Scope {
    Project(i32),
    Phase(i32),
}

fn prefix(scope: Scope) -> String {
    match scope {
        Scope::Project(id) => format!("p{id}x"),
        Scope::Phase(id) => format!("f{id}x"),
    }
}

/// What the index holds for an idea: each distinct word of its `search_text`, once with its
/// project's prefix and once with its phase's.
pub(super) fn scoped_words(project_id: i32, phase_id: i32, search_text: &str) -> String {
    let words: BTreeSet<&str> = tokens(search_text).collect();
    let (project, phase) = (prefix(Scope::Project(project_id)), prefix(Scope::Phase(phase_id)));
    let mut out = String::with_capacity(2 * (search_text.len() + words.len() * (project.len() + 1)));
    for scope in [project, phase] {
        for word in &words {
            out.push_str(&scope);
            out.push_str(word);
            out.push(' ');
        }
    }
    out
}

/// The FTS5 query of a search in `scope`: every word, scoped, as a prefix.
pub(super) fn query(words: &[String], scope: Scope) -> String {
    let prefix = prefix(scope);
    words.iter().map(|w| format!("\"{prefix}{w}\"*")).collect::<Vec<_>>().join(" ")
}

/// (Re)indexes one idea, in the caller's transaction; nothing on PostgreSQL.
pub(super) async fn index_idea(
    db: &impl ConnectionTrait,
    id: i32,
    project_id: i32,
    phase_id: i32,
    search_text: &str,
) -> Result<(), DbErr> {
    if db.get_database_backend() != DbBackend::Sqlite {
        return Ok(());
    }
    let words = scoped_words(project_id, phase_id, search_text);
    let sql = "INSERT OR REPLACE INTO ideas_scoped_fts(rowid, words) VALUES (?, ?)";
    db.execute_raw(Statement::from_sql_and_values(DbBackend::Sqlite, sql, [id.into(), words.into()])).await?;
    Ok(())
}

#[derive(FromQueryResult)]
struct Indexed {
    id: i32,
    project_id: i32,
    phase_id: i32,
    search_text: String,
}

/// Indexes every idea whose id is above `after`, a page at a time, one statement a page (for the
/// migration and the bulk seed, which write ideas without the service); returns how many.
/// Nothing on PostgreSQL.
pub(crate) async fn index_ideas_after(db: &impl ConnectionTrait, mut after: i32) -> Result<u64, DbErr> {
    if db.get_database_backend() != DbBackend::Sqlite {
        return Ok(0);
    }
    let mut done = 0;
    loop {
        let sql = format!(
            "SELECT id, project_id, phase_id, search_text FROM ideas WHERE id > {after} ORDER BY id LIMIT {PAGE}"
        );
        let page = Indexed::find_by_statement(Statement::from_string(DbBackend::Sqlite, sql)).all(db).await?;
        let Some(last) = page.last().map(|row| row.id) else { return Ok(done) };
        let rows = vec!["(?, ?)"; page.len()].join(", ");
        let values = page.iter().flat_map(|row| -> [Value; 2] {
            [row.id.into(), scoped_words(row.project_id, row.phase_id, &row.search_text).into()]
        });
        let sql = format!("INSERT OR REPLACE INTO ideas_scoped_fts(rowid, words) VALUES {rows}");
        db.execute_raw(Statement::from_sql_and_values(DbBackend::Sqlite, sql, values)).await?;
        done += page.len() as u64;
        after = last;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_carry_their_scope_once_each() {
        assert_eq!(
            scoped_words(3, 7, "more trees, more  shade"),
            "p3xmore p3xshade p3xtrees f7xmore f7xshade f7xtrees "
        );
        assert_eq!(query(&["tree".into(), "5g".into()], Scope::Phase(7)), "\"f7xtree\"* \"f7x5g\"*");
        assert_eq!(query(&["tree".into()], Scope::Project(12)), "\"p12xtree\"*");
    }
}
