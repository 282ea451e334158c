// SPDX-License-Identifier: AGPL-3.0-only
//! Restrictions to user groups: a phase action open to chosen groups, a project visible to
//! chosen groups. The ids are those of the groups the edition's modules keep (a JSON array);
//! without such a module nobody is a member, so only moderators qualify.
use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub(crate) struct Migration;

fn ids(name: &'static str) -> ColumnDef {
    ColumnDef::new(name).text().not_null().default("[]").to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // One ALTER per statement: SQLite cannot do more.
        manager.alter_table(Table::alter().table("phase_permissions").add_column(ids("group_ids")).to_owned()).await?;
        manager.alter_table(Table::alter().table("projects").add_column(ids("visible_groups")).to_owned()).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.alter_table(Table::alter().table("projects").drop_column("visible_groups").to_owned()).await?;
        manager.alter_table(Table::alter().table("phase_permissions").drop_column("group_ids").to_owned()).await
    }
}
