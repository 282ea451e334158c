// SPDX-License-Identifier: LicenseRef-Townhall-Commercial
//! The tables of user groups: the groups, and who is in them (with a member count kept in the
//! same transaction as the memberships).
use townhall_core::sea_orm_migration::prelude::*;
use townhall_core::sea_orm_migration::schema::*;

pub(crate) struct CreateUserGroups;

impl MigrationName for CreateUserGroups {
    fn name(&self) -> &str {
        "m0002_create_user_groups"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for CreateUserGroups {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("user_groups")
                    .if_not_exists()
                    .col(pk_auto("id"))
                    .col(text("name"))
                    // `manual` here; Premium's smart groups add `rules`.
                    .col(string("kind").default("manual"))
                    .col(integer("members_count").default(0))
                    .col(timestamp_with_time_zone("created_at"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("user_group_members")
                    .if_not_exists()
                    .col(integer("group_id"))
                    .col(integer("user_id"))
                    .col(timestamp_with_time_zone("added_at"))
                    .primary_key(Index::create().col("group_id").col("user_id"))
                    .foreign_key(
                        ForeignKey::create()
                            .from("user_group_members", "group_id")
                            .to("user_groups", "id")
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from("user_group_members", "user_id")
                            .to("users", "id")
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        // A signed-in request reads its user's groups by user.
        manager
            .create_index(
                Index::create()
                    .name("user_group_members_by_user")
                    .table("user_group_members")
                    .col("user_id")
                    .if_not_exists()
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table("user_group_members").if_exists().to_owned()).await?;
        manager.drop_table(Table::drop().table("user_groups").if_exists().to_owned()).await
    }
}
