// SPDX-License-Identifier: AGPL-3.0-only
//! Causes of a volunteering phase get an optional picture.
use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub(crate) struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let image = ColumnDef::new("image").string().null().to_owned();
        manager.alter_table(Table::alter().table("causes").add_column(image).to_owned()).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.alter_table(Table::alter().table("causes").drop_column("image").to_owned()).await
    }
}
