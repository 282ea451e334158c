// SPDX-License-Identifier: LicenseRef-Townhall-Commercial
//! Registration fields: the questions administrators add to the sign-up, and the residents'
//! answers (personal data: in "download my data", gone with the account).
use townhall_core::sea_orm_migration::prelude::*;
use townhall_core::sea_orm_migration::schema::*;

pub(crate) struct CreateRegistrationFields;

impl MigrationName for CreateRegistrationFields {
    fn name(&self) -> &str {
        "m0004_create_registration_fields"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for CreateRegistrationFields {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("registration_fields")
                    .if_not_exists()
                    .col(pk_auto("id"))
                    // `text`, `number`, `select`, `multiselect`, `checkbox`, `date`, or a
                    // built-in: `gender`, `birth_year`, `area`.
                    .col(string("kind"))
                    // Multilingual JSON object.
                    .col(text("title"))
                    // The choices of a select: JSON list of `{ "key", "title" }`.
                    .col(text("options"))
                    .col(boolean("required").default(false))
                    .col(timestamp_with_time_zone("created_at"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("registration_answers")
                    .if_not_exists()
                    .col(integer("user_id"))
                    .col(integer("field_id"))
                    // JSON list of strings.
                    .col(text("value"))
                    .primary_key(Index::create().col("user_id").col("field_id"))
                    .foreign_key(
                        ForeignKey::create()
                            .from("registration_answers", "user_id")
                            .to("users", "id")
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from("registration_answers", "field_id")
                            .to("registration_fields", "id")
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table("registration_answers").if_exists().to_owned()).await?;
        manager.drop_table(Table::drop().table("registration_fields").if_exists().to_owned()).await
    }
}
