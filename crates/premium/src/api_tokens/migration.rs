// SPDX-License-Identifier: LicenseRef-Townhall-Commercial
//! What API tokens need beyond their first table: the administrator a token acts as, the first
//! characters that tell tokens apart, a rate per token, and the log of their use.
use townhall_core::sea_orm_migration::prelude::*;
use townhall_core::sea_orm_migration::schema::*;

pub(crate) struct ApiTokenOwnersAndUses;

impl MigrationName for ApiTokenOwnersAndUses {
    fn name(&self) -> &str {
        "m0002_api_token_owners_and_uses"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for ApiTokenOwnersAndUses {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // SQLite alters one column per statement.
        let columns = [
            integer_null("created_by"),
            string("hint").default("").take(),
            integer("requests_per_minute").default(600).take(),
        ];
        for mut column in columns {
            manager.alter_table(Table::alter().table("api_tokens").add_column(&mut column).to_owned()).await?;
        }
        manager
            .create_table(
                Table::create()
                    .table("api_token_uses")
                    .if_not_exists()
                    .col(pk_auto("id"))
                    .col(integer("token_id"))
                    .col(timestamp_with_time_zone("used_at"))
                    .col(string("client"))
                    .foreign_key(
                        ForeignKey::create()
                            .from("api_token_uses", "token_id")
                            .to("api_tokens", "id")
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        // A token's page lists its latest uses; the daily clean-up goes by date.
        manager
            .create_index(
                Index::create()
                    .name("api_token_uses_by_token")
                    .table("api_token_uses")
                    .col("token_id")
                    .col("id")
                    .if_not_exists()
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("api_token_uses_by_date")
                    .table("api_token_uses")
                    .col("used_at")
                    .if_not_exists()
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table("api_token_uses").if_exists().to_owned()).await
    }
}
