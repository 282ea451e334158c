// SPDX-License-Identifier: LicenseRef-Townhall-Commercial
//! Registration fields in the API: administrators manage the questions (core's
//! `registrationQuestions` lists them for the sign-up); residents read and change their
//! answers.
use std::collections::BTreeMap;

use async_graphql::{Context, ID, InputObject, Json, Object, SimpleObject};
use townhall_core::graphql::{actor, answers_of, id_number, platform, require_feature, to_gql};
use townhall_core::modules::projects::multiloc::Multiloc;

use super::FEATURE;
use super::kinds;
use super::model::field;
use super::service::{self, FieldInput};

#[derive(InputObject)]
pub struct RegistrationFieldInput {
    /// `text`, `number`, `select`, `multiselect`, `checkbox`, `date`, `gender`, `birth_year` or
    /// `area` (ignored when a field changes: its kind stays).
    kind: String,
    title: Json<BTreeMap<String, String>>,
    /// The choices of a `select` or `multiselect`, in order, each a multilingual title.
    choices: Option<Vec<Json<BTreeMap<String, String>>>>,
    required: Option<bool>,
}

impl From<RegistrationFieldInput> for FieldInput {
    fn from(i: RegistrationFieldInput) -> Self {
        FieldInput {
            kind: i.kind,
            title: i.title.0,
            choices: i.choices.unwrap_or_default().into_iter().map(|c| c.0).collect(),
            required: i.required.unwrap_or(false),
        }
    }
}

#[derive(SimpleObject)]
pub struct RegistrationChoice {
    key: String,
    title: Json<BTreeMap<String, String>>,
}

pub struct RegistrationField(field::Model);

#[Object]
impl RegistrationField {
    async fn id(&self) -> ID {
        ID(self.0.id.to_string())
    }

    /// The key of its answer (`field_<id>`).
    async fn name(&self) -> String {
        kinds::name(&self.0)
    }

    async fn kind(&self) -> &str {
        &self.0.kind
    }

    async fn title(&self, locale: Option<String>) -> String {
        Multiloc::parse(&self.0.title).text(locale.as_deref().unwrap_or("en"))
    }

    async fn title_multiloc(&self) -> Json<BTreeMap<String, String>> {
        Json(Multiloc::parse(&self.0.title).0)
    }

    async fn choices(&self) -> Vec<RegistrationChoice> {
        kinds::choices(&self.0).into_iter().map(|c| RegistrationChoice { key: c.key, title: Json(c.title) }).collect()
    }

    async fn required(&self) -> bool {
        self.0.required
    }
}

#[derive(Default)]
pub struct FieldsQuery;

#[Object]
impl FieldsQuery {
    /// Every registration field (administrators; needs the Standard licence's
    /// `custom_registration_fields`).
    async fn registration_fields(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<RegistrationField>> {
        require_feature(ctx, FEATURE).await?;
        let all = service::fields(platform(ctx)?, actor(ctx)).await.map_err(to_gql)?;
        Ok(all.into_iter().map(RegistrationField).collect())
    }

    /// The signed-in resident's answers, by question name.
    async fn my_registration_answers(
        &self,
        ctx: &Context<'_>,
    ) -> async_graphql::Result<Json<BTreeMap<String, Vec<String>>>> {
        require_feature(ctx, FEATURE).await?;
        Ok(Json(service::my_answers(platform(ctx)?, actor(ctx)).await.map_err(to_gql)?))
    }
}

#[derive(Default)]
pub struct FieldsMutation;

#[Object]
impl FieldsMutation {
    async fn create_registration_field(
        &self,
        ctx: &Context<'_>,
        input: RegistrationFieldInput,
    ) -> async_graphql::Result<RegistrationField> {
        require_feature(ctx, FEATURE).await?;
        Ok(RegistrationField(service::create(platform(ctx)?, actor(ctx), input.into()).await.map_err(to_gql)?))
    }

    async fn update_registration_field(
        &self,
        ctx: &Context<'_>,
        id: ID,
        input: RegistrationFieldInput,
    ) -> async_graphql::Result<RegistrationField> {
        require_feature(ctx, FEATURE).await?;
        let id = id_number(&id, "field")?;
        Ok(RegistrationField(service::update(platform(ctx)?, actor(ctx), id, input.into()).await.map_err(to_gql)?))
    }

    /// Deletes a field and every answer to it.
    async fn delete_registration_field(&self, ctx: &Context<'_>, id: ID) -> async_graphql::Result<bool> {
        require_feature(ctx, FEATURE).await?;
        service::delete(platform(ctx)?, actor(ctx), id_number(&id, "field")?).await.map_err(to_gql)?;
        Ok(true)
    }

    /// Replaces the signed-in resident's answers (all questions, checked as at sign-up).
    async fn save_registration_answers(
        &self,
        ctx: &Context<'_>,
        answers: Json<BTreeMap<String, serde_json::Value>>,
    ) -> async_graphql::Result<bool> {
        require_feature(ctx, FEATURE).await?;
        let answers = answers_of(Some(answers.0));
        service::save_my_answers(platform(ctx)?, actor(ctx), &answers).await.map_err(to_gql)?;
        Ok(true)
    }
}
