// SPDX-License-Identifier: LicenseRef-Townhall-Commercial
//! Custom registration fields (Standard): questions administrators add to the sign-up (text,
//! number, single and multiple choice, checkbox, date, and the built-ins gender, year of birth
//! and area of residence). A required question a resident has not answered (added after they
//! signed up) is asked right before they take part. Answers are personal data: in "download
//! my data" and gone with the account.
use async_graphql::MergedObject;
use sea_orm::{ColumnTrait, DatabaseConnection, DbErr, EntityTrait, QueryFilter};
use townhall_core::db::WriteTxn;
use townhall_core::graphql::ModuleGraphql;
use townhall_core::{
    AdminLink, Answers, CoreResult, Edition, Erasure, FeatureDef, Module, Platform, Question, ViewerFacts, async_trait,
};

mod graphql;
pub mod kinds;
pub(crate) mod migration;
pub mod model;
mod pages;
pub mod service;

pub const FEATURE: &str = "custom_registration_fields";

#[derive(Debug, Default)]
pub struct CustomRegistrationFields;

#[async_trait]
impl Module for CustomRegistrationFields {
    fn id(&self) -> &'static str {
        FEATURE
    }

    fn edition(&self) -> Edition {
        Edition::Standard
    }

    fn features(&self) -> Vec<FeatureDef> {
        vec![FeatureDef::new(FEATURE, Edition::Standard, "Custom registration fields")]
    }

    fn routes(&self) -> Option<townhall_core::axum::Router<Platform>> {
        Some(townhall_core::features::gated(pages::routes(), FEATURE))
    }

    fn templates(&self) -> Vec<(&'static str, &'static str)> {
        vec![
            (
                "custom_registration_fields/list.html",
                include_str!("../../templates/custom_registration_fields/list.html"),
            ),
            (
                "custom_registration_fields/detail.html",
                include_str!("../../templates/custom_registration_fields/detail.html"),
            ),
            (
                "custom_registration_fields/field_form.html",
                include_str!("../../templates/custom_registration_fields/field_form.html"),
            ),
            (
                "custom_registration_fields/answers.html",
                include_str!("../../templates/custom_registration_fields/answers.html"),
            ),
        ]
    }

    fn translations(&self) -> Vec<(&'static str, &'static str)> {
        vec![
            ("en", include_str!("../../locales/en/custom_registration_fields.ftl")),
            ("nl", include_str!("../../locales/nl/custom_registration_fields.ftl")),
            ("fr", include_str!("../../locales/fr/custom_registration_fields.ftl")),
        ]
    }

    fn admin_links(&self) -> Vec<AdminLink> {
        vec![AdminLink { section: "custom_registration_fields", href: "/admin/registration-fields", feature: FEATURE }]
    }

    async fn registration_questions(&self, platform: &Platform, locale: &str) -> CoreResult<Vec<Question>> {
        service::questions(platform, locale).await
    }

    async fn check_registration(&self, platform: &Platform, answers: &Answers) -> CoreResult<()> {
        service::checked_answers(platform, answers).await.map(drop)
    }

    async fn save_registration(
        &self,
        platform: &Platform,
        txn: &WriteTxn,
        user_id: i32,
        answers: &Answers,
    ) -> CoreResult<()> {
        let checked = service::checked_answers(platform, answers).await?;
        service::store(txn, user_id, &checked).await
    }

    async fn viewer_facts(&self, platform: &Platform, user_id: i32) -> CoreResult<ViewerFacts> {
        if !platform.is_active(FEATURE).await {
            return Ok(ViewerFacts::default());
        }
        Ok(ViewerFacts {
            registration_incomplete: service::incomplete(platform, user_id).await?,
            ..ViewerFacts::default()
        })
    }

    async fn export_personal_data(
        &self,
        db: &DatabaseConnection,
        user_id: i32,
    ) -> Result<Option<serde_json::Value>, DbErr> {
        let answers = service::personal_data(db, user_id).await?;
        Ok((!answers.is_empty()).then(|| serde_json::json!({ "registration_answers": answers })))
    }

    /// Answers say something about a person: they go with the account in both modes.
    async fn erase_personal_data(&self, txn: &WriteTxn, user_id: i32, _mode: Erasure) -> Result<(), DbErr> {
        model::answer::Entity::delete_many().filter(model::answer::Column::UserId.eq(user_id)).exec(txn).await.map(drop)
    }
}

#[derive(MergedObject, Default)]
pub struct RegistrationFieldsQuery(graphql::FieldsQuery);

#[derive(MergedObject, Default)]
pub struct RegistrationFieldsMutation(graphql::FieldsMutation);

impl ModuleGraphql for CustomRegistrationFields {
    type Query = RegistrationFieldsQuery;
    type Mutation = RegistrationFieldsMutation;
}
