// SPDX-License-Identifier: LicenseRef-Townhall-Commercial
//! The Premium edition's migrations, in their own table.
use townhall_core::sea_orm_migration::prelude::*;
use townhall_core::sea_orm_migration::schema::*;

pub(crate) struct PremiumMigrator;

#[async_trait::async_trait]
impl MigratorTrait for PremiumMigrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(CreateApiTokens),
            Box::new(crate::api_tokens::migration::ApiTokenOwnersAndUses),
            Box::new(crate::webhooks::migration::CreateWebhooks),
            Box::new(crate::identity_verification::migration::CreateIdentityVerification),
            Box::new(crate::smart_groups::migration::CreateSmartGroupRules),
            Box::new(crate::webhooks::migration::WebhookRotationAndRedelivery),
        ]
    }

    fn migration_table_name() -> DynIden {
        "townhall_migrations_premium".into_iden()
    }
}

struct CreateApiTokens;

impl MigrationName for CreateApiTokens {
    fn name(&self) -> &str {
        "m0001_create_api_tokens"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for CreateApiTokens {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("api_tokens")
                    .if_not_exists()
                    .col(pk_auto("id"))
                    .col(string("name"))
                    .col(string("scope"))
                    .col(string_uniq("token_hash"))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone_null("last_used_at"))
                    .col(timestamp_with_time_zone_null("revoked_at"))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table("api_tokens").if_exists().to_owned()).await
    }
}
