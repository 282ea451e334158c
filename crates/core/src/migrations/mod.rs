// SPDX-License-Identifier: AGPL-3.0-only
//! Core's migrations. Each module keeps its own migration table (`townhall_migrations_<module>`),
//! so a binary that lacks a module never sees that module's rows and still opens the database.
use sea_orm_migration::prelude::*;

mod m0001_platform;
mod m0002_accounts;
mod m0003_projects;
mod m0004_ideas;
mod m0005_discussion;
mod m0006_search;
mod m0007_idea_files;
mod m0008_drafts_and_headers;
mod m0009_voting;
mod m0010_polls;
mod m0011_volunteering;
mod m0012_events;
mod m0013_surveys;
mod m0014_cause_images;
mod m0015_moderation;
mod m0016_activity_indexes;
mod m0017_notifications;
mod m0018_schedule_marks;
mod m0019_group_restrictions;
mod m0020_status_categories;
mod m0021_project_idea_indexes;
mod m0022_search_scope;
mod m0023_revoked_sessions;
mod m0024_final_votes;
mod m0025_survey_respondents;
mod m0026_ideas_by_cost;
mod m0027_changes;

/// What a binary says when the database has migrations it does not know: a newer version
/// wrote it. The server stops with this sentence rather than run on a schema it does not know.
pub const NEWER_DATABASE: &str = "this database was written by a newer Townhall; upgrade the binary";

/// Applies `M`'s pending migrations; every module's `migrate` calls it.
///
/// It first reads the migration table as it is: a migration recorded there that `M` does not
/// list was applied by a newer binary, and is refused with [`NEWER_DATABASE`]. When nothing is
/// pending, it runs no statement that changes the schema, so a start against an up-to-date
/// database is a single read (PostgreSQL logs no "already exists" notice for it).
pub async fn run<M: MigratorTrait>(db: &sea_orm::DatabaseConnection) -> Result<(), DbErr> {
    let table = M::migration_table_name().to_string();
    let known: std::collections::HashSet<String> = M::migrations().iter().map(|m| m.name().to_owned()).collect();
    if SchemaManager::new(db).has_table(&table).await? {
        let select = Query::select().column(Alias::new("version")).from(Alias::new(&table)).to_owned();
        let mut applied = std::collections::HashSet::new();
        for row in db.query_all(&select).await? {
            applied.insert(row.try_get::<String>("", "version")?);
        }
        let mut unknown: Vec<&String> = applied.difference(&known).collect();
        if !unknown.is_empty() {
            unknown.sort();
            let names = unknown.iter().map(|n| format!("`{n}`")).collect::<Vec<_>>().join(", ");
            return Err(DbErr::Migration(format!(
                "{NEWER_DATABASE} (its migration table {table} records {names}, which this binary, version {}, does not know)",
                env!("CARGO_PKG_VERSION")
            )));
        }
        if known.is_subset(&applied) {
            return Ok(());
        }
    }
    M::up(db, None).await
}

/// A foreign key from `from.col` to `to.id` that goes when its row goes; modules' migrations use
/// it too.
/// Runs raw statements in order (for what the schema builder cannot say: FTS tables, triggers).
pub(crate) async fn execute_all(manager: &SchemaManager<'_>, statements: &[&str]) -> Result<(), DbErr> {
    for sql in statements {
        manager.get_connection().execute_unprepared(sql).await?;
    }
    Ok(())
}

pub fn cascade(from: &'static str, col: &'static str, to: &'static str) -> ForeignKeyCreateStatement {
    ForeignKey::create().from(from, col).to(to, "id").on_delete(ForeignKeyAction::Cascade).to_owned()
}

/// Core's migrations in order. The server applies them through [`run`]; the upgrade test
/// (`crates/server/tests/upgrade.rs`) also undoes the later ones to rebuild an earlier schema.
pub struct CoreMigrator;

#[async_trait::async_trait]
impl MigratorTrait for CoreMigrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m0001_platform::Migration),
            Box::new(m0002_accounts::Migration),
            Box::new(m0003_projects::Migration),
            Box::new(m0004_ideas::Migration),
            Box::new(m0005_discussion::Migration),
            Box::new(m0006_search::Migration),
            Box::new(m0007_idea_files::Migration),
            Box::new(m0008_drafts_and_headers::Migration),
            Box::new(m0009_voting::Migration),
            Box::new(m0010_polls::Migration),
            Box::new(m0011_volunteering::Migration),
            Box::new(m0012_events::Migration),
            Box::new(m0013_surveys::Migration),
            Box::new(m0014_cause_images::Migration),
            Box::new(m0015_moderation::Migration),
            Box::new(m0016_activity_indexes::Migration),
            Box::new(m0017_notifications::Migration),
            Box::new(m0018_schedule_marks::Migration),
            Box::new(m0019_group_restrictions::Migration),
            Box::new(m0020_status_categories::Migration),
            Box::new(m0021_project_idea_indexes::Migration),
            Box::new(m0022_search_scope::Migration),
            Box::new(m0023_revoked_sessions::Migration),
            Box::new(m0024_final_votes::Migration),
            Box::new(m0025_survey_respondents::Migration),
            Box::new(m0026_ideas_by_cost::Migration),
            Box::new(m0027_changes::Migration),
        ]
    }

    fn migration_table_name() -> DynIden {
        "townhall_migrations_core".into_iden()
    }
}
