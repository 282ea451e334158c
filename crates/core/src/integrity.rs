// SPDX-License-Identifier: AGPL-3.0-only
//! `townhall check`: whether the database is sound and agrees with itself. The storage itself
//! (`PRAGMA integrity_check` on SQLite), every counter against the rows it counts, and each
//! module's own check (`Module::integrity_check`: voting's chains of ballots against their
//! hashes, totals and seals). The reliability drills run
//! it after each crash; operators run it after a restore or an incident.
use sea_orm::{ConnectionTrait, DbBackend, Statement};

use crate::{CoreResult, Platform};

/// A counter kept beside the rows it counts (`ideas.comments_count` counts the published
/// `comments` whose `idea_id` is the idea). Each module declares its own
/// (`Module::counter_checks`), so `townhall check` names no module.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CounterCheck {
    /// The table holding the counter, and the counter's column.
    pub table: &'static str,
    pub column: &'static str,
    /// The table of the counted rows, and its column pointing to the counter's row.
    pub rows: &'static str,
    pub points_to: &'static str,
    /// Which of those rows count, as a condition on them (aliased `r`), if not all.
    pub counted_if: Option<&'static str>,
}

impl CounterCheck {
    pub const fn new(table: &'static str, column: &'static str, rows: &'static str, points_to: &'static str) -> Self {
        Self { table, column, rows, points_to, counted_if: None }
    }

    pub const fn counting_only(self, condition: &'static str) -> Self {
        Self { counted_if: Some(condition), ..self }
    }

    pub fn name(&self) -> String {
        format!("{}.{}", self.table, self.column)
    }

    /// `(id, stored, counted)` for every row whose counter is wrong.
    fn sql(&self) -> String {
        let only = self.counted_if.map_or(String::new(), |c| format!(" AND {c}"));
        let count = format!("(SELECT COUNT(*) FROM {} r WHERE r.{} = x.id{only})", self.rows, self.points_to);
        format!(
            "SELECT x.id, x.{column}, {count} AS n FROM {table} x WHERE x.{column} <> {count}",
            column = self.column,
            table = self.table
        )
    }
}

/// What `check_integrity` found.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct IntegrityReport {
    /// The storage's own check (`ok`, or what SQLite reported; PostgreSQL has none to run).
    pub storage: String,
    /// Counters checked, and every one that disagrees with its rows.
    pub counters_checked: usize,
    pub counter_errors: Vec<String>,
    /// The modules' own checks (voting's chains of ballots), in the registry's order.
    pub checks: Vec<ModuleCheck>,
}

/// What a module's own check of its data found (`Module::integrity_check`): how many things it
/// checked, what they hold, counted, and every problem.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct ModuleCheck {
    /// What was checked, as the report names it (`voting chains`).
    pub name: &'static str,
    pub checked: usize,
    /// What the checked things hold (`ballots`), and how many.
    pub counted_what: &'static str,
    pub counted: usize,
    pub problems: Vec<String>,
}

impl ModuleCheck {
    pub fn new(name: &'static str, counted_what: &'static str) -> Self {
        Self { name, counted_what, ..Self::default() }
    }
}

impl IntegrityReport {
    pub fn is_sound(&self) -> bool {
        self.storage == "ok" && self.counter_errors.is_empty() && self.checks.iter().all(|c| c.problems.is_empty())
    }

    /// The check a module reported under `name`.
    pub fn check(&self, name: &str) -> Option<&ModuleCheck> {
        self.checks.iter().find(|c| c.name == name)
    }
}

impl Platform {
    pub async fn check_integrity(&self) -> CoreResult<IntegrityReport> {
        let backend = self.db().get_database_backend();
        let mut report = IntegrityReport { storage: "ok".into(), ..Default::default() };
        if backend == DbBackend::Sqlite {
            let rows = self.db().query_all_raw(Statement::from_string(backend, "PRAGMA integrity_check")).await?;
            let said: Vec<String> = rows.iter().filter_map(|r| r.try_get_by_index::<String>(0).ok()).collect();
            report.storage = if said == ["ok"] { "ok".into() } else { said.join("; ") };
        }
        for counter in self.registry().modules().iter().flat_map(|m| m.counter_checks()) {
            report.counters_checked += 1;
            let name = counter.name();
            for row in self.db().query_all_raw(Statement::from_string(backend, counter.sql())).await? {
                let id = row.try_get_by_index::<i32>(0).unwrap_or_default();
                let stored = row.try_get_by_index::<i32>(1).map(i64::from).unwrap_or_default();
                let counted = row.try_get_by_index::<i64>(2).unwrap_or_default();
                report.counter_errors.push(format!("{name} of {id} is {stored}, but {counted} rows"));
            }
        }
        for module in self.registry().modules() {
            report.checks.extend(module.integrity_check(self).await?);
        }
        Ok(report)
    }
}
