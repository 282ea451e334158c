// SPDX-License-Identifier: LicenseRef-Townhall-Commercial
//! Smart groups: the rules of groups whose members follow them. The groups themselves are rows
//! of Standard's `user_groups` (kind `rules`), so every group id is unique across both kinds.
use townhall_core::sea_orm_migration::prelude::*;
use townhall_core::sea_orm_migration::schema::*;

pub(crate) struct CreateSmartGroupRules;

impl MigrationName for CreateSmartGroupRules {
    fn name(&self) -> &str {
        "m0005_create_smart_group_rules"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for CreateSmartGroupRules {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("smart_group_rules")
                    .if_not_exists()
                    .col(integer("group_id").primary_key())
                    // The rules as JSON (`rules::Rules`).
                    .col(text("rules"))
                    .foreign_key(
                        ForeignKey::create()
                            .from("smart_group_rules", "group_id")
                            .to("user_groups", "id")
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table("smart_group_rules").if_exists().to_owned()).await
    }
}
