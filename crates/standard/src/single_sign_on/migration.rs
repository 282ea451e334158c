// SPDX-License-Identifier: LicenseRef-Townhall-Commercial
//! Sign-in providers: what administrators configured, which account each provider's person
//! is, the sign-ins under way (one-time, short-lived), and who may still use a password.
use townhall_core::sea_orm_migration::prelude::*;
use townhall_core::sea_orm_migration::schema::*;

pub(crate) struct CreateSignInProviders;

impl MigrationName for CreateSignInProviders {
    fn name(&self) -> &str {
        "m0005_create_sign_in_providers"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for CreateSignInProviders {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("sso_providers")
                    .if_not_exists()
                    .col(pk_auto("id"))
                    // The provider's part of the platform's addresses (`/auth/oidc/<slug>`).
                    .col(string_uniq("slug"))
                    .col(string("label"))
                    .col(string("issuer"))
                    .col(string("client_id"))
                    .col(text("client_secret"))
                    // Space-separated, `openid` first.
                    .col(string("scopes"))
                    // `sign_in`, or `verification` (Premium's identity verification).
                    .col(string("purpose").default("sign_in"))
                    // JSON object: what fills the name and language (`display_name`,
                    // `locale`) and registration questions (`field_12`) → the claim's name.
                    .col(text("claims"))
                    // A picture's file key (`logos/…png`).
                    .col(string_null("logo"))
                    .col(timestamp_with_time_zone("created_at"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("sso_links")
                    .if_not_exists()
                    .col(pk_auto("id"))
                    .col(integer("provider_id"))
                    .col(integer("user_id"))
                    // The provider's `sub` for the person.
                    .col(string("subject"))
                    .col(timestamp_with_time_zone("linked_at"))
                    .col(timestamp_with_time_zone_null("last_used_at"))
                    .foreign_key(
                        ForeignKey::create()
                            .from("sso_links", "provider_id")
                            .to("sso_providers", "id")
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from("sso_links", "user_id")
                            .to("users", "id")
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        // One account per person of a provider, and one person of a provider per account.
        for (name, column) in [("sso_links_subject", "subject"), ("sso_links_user", "user_id")] {
            let index = Index::create()
                .name(name)
                .table("sso_links")
                .col("provider_id")
                .col(column)
                .unique()
                .if_not_exists()
                .to_owned();
            manager.create_index(index).await?;
        }
        manager
            .create_table(
                Table::create()
                    .table("sso_flows")
                    .if_not_exists()
                    // SHA-256 of the `state` sent to the provider.
                    .col(string("state_hash").primary_key())
                    // SHA-256 of the browser's flow cookie: the callback must come back to the
                    // browser that started it.
                    .col(string("browser_hash"))
                    .col(integer("provider_id"))
                    // `sign_in`, `link` or `verify`.
                    .col(string("purpose"))
                    .col(integer_null("user_id"))
                    .col(string("nonce"))
                    .col(string("pkce_verifier"))
                    .col(text_null("next"))
                    .col(timestamp_with_time_zone("expires_at"))
                    .foreign_key(
                        ForeignKey::create()
                            .from("sso_flows", "provider_id")
                            .to("sso_providers", "id")
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from("sso_flows", "user_id")
                            .to("users", "id")
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("sso_settings")
                    .if_not_exists()
                    .col(string("key").primary_key())
                    .col(string("value"))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in ["sso_settings", "sso_flows", "sso_links", "sso_providers"] {
            manager.drop_table(Table::drop().table(table).if_exists().to_owned()).await?;
        }
        Ok(())
    }
}
