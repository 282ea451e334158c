// SPDX-License-Identifier: AGPL-3.0-only
//! Accounts: users, roles, single-use tokens and the audit log.
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub(crate) struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("users")
                    .if_not_exists()
                    .col(pk_auto("id"))
                    .col(string_uniq("email"))
                    .col(timestamp_with_time_zone_null("email_confirmed_at"))
                    .col(string("password_hash"))
                    .col(string("display_name"))
                    .col(string_null("first_name"))
                    .col(string_null("last_name"))
                    .col(text_null("bio"))
                    .col(string_null("avatar"))
                    .col(string("locale"))
                    .col(timestamp_with_time_zone_null("blocked_at"))
                    .col(text_null("blocked_reason"))
                    .col(timestamp_with_time_zone_null("blocked_until"))
                    .col(integer("session_version").default(0))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone("updated_at"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("user_roles")
                    .if_not_exists()
                    .col(integer("user_id"))
                    .col(string("role"))
                    // '' for platform-wide roles; `project:<id>` for a project moderator.
                    .col(string("scope").default(""))
                    .col(timestamp_with_time_zone("created_at"))
                    .primary_key(Index::create().col("user_id").col("role").col("scope"))
                    .foreign_key(
                        ForeignKey::create()
                            .from("user_roles", "user_id")
                            .to("users", "id")
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("account_tokens")
                    .if_not_exists()
                    .col(pk_auto("id"))
                    .col(integer_null("user_id"))
                    .col(string("purpose"))
                    .col(string_uniq("token_hash"))
                    .col(string_null("new_email"))
                    .col(timestamp_with_time_zone("expires_at"))
                    .col(timestamp_with_time_zone_null("used_at"))
                    .col(timestamp_with_time_zone("created_at"))
                    .foreign_key(
                        ForeignKey::create()
                            .from("account_tokens", "user_id")
                            .to("users", "id")
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("account_tokens_user_purpose")
                    .table("account_tokens")
                    .col("user_id")
                    .col("purpose")
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("audit_events")
                    .if_not_exists()
                    .col(pk_auto("id"))
                    .col(integer_null("actor_id"))
                    .col(string("actor_label"))
                    .col(string("action"))
                    .col(string("target_type"))
                    .col(string_null("target_id"))
                    .col(text("details"))
                    .col(timestamp_with_time_zone("created_at"))
                    .foreign_key(
                        ForeignKey::create()
                            .from("audit_events", "actor_id")
                            .to("users", "id")
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create().name("audit_events_created").table("audit_events").col("created_at").to_owned(),
            )
            .await?;
        manager.create_index(Index::create().name("users_created").table("users").col("created_at").to_owned()).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in ["audit_events", "account_tokens", "user_roles", "users"] {
            manager.drop_table(Table::drop().table(table).if_exists().to_owned()).await?;
        }
        Ok(())
    }
}
