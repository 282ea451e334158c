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

/// A foreign key whose rows go with the row they point to.
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

pub(crate) struct CoreMigrator;

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
        ]
    }

    fn migration_table_name() -> DynIden {
        "townhall_migrations_core".into_iden()
    }
}
