// SPDX-License-Identifier: LicenseRef-Townhall-Commercial
//! Identity verification: the census list (keyed hashes only) and who verified with which
//! identity (one account per identity).
use townhall_core::sea_orm_migration::prelude::*;
use townhall_core::sea_orm_migration::schema::*;

pub(crate) struct CreateIdentityVerification;

impl MigrationName for CreateIdentityVerification {
    fn name(&self) -> &str {
        "m0004_create_identity_verification"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for CreateIdentityVerification {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("census_identities")
                    .if_not_exists()
                    // HMAC-SHA256 of the identifier and the date of birth, keyed outside the
                    // database; the identifiers themselves are never stored.
                    .col(string("identity_hash").primary_key())
                    .col(timestamp_with_time_zone("added_at"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("identity_verifications")
                    .if_not_exists()
                    .col(integer("user_id").primary_key())
                    .col(string("method"))
                    .col(string_uniq("identity_hash"))
                    .col(timestamp_with_time_zone("verified_at"))
                    .foreign_key(
                        ForeignKey::create()
                            .from("identity_verifications", "user_id")
                            .to("users", "id")
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table("identity_verifications").if_exists().to_owned()).await?;
        manager.drop_table(Table::drop().table("census_identities").if_exists().to_owned()).await
    }
}
