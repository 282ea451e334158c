// SPDX-License-Identifier: AGPL-3.0-only
//! Projects and phases in GraphQL. Titles come in the requested language (`locale` argument,
//! else the viewer's, else English) and in full as `titleMultiloc`.
use std::collections::BTreeMap;

use async_graphql::{Context, ID, InputObject, Json, Object, SimpleObject};
use chrono::{DateTime, Utc};

use super::action_scalar::ActionId;
use super::loaders::{AbilitiesIn, PhasesOf, TermsOf};
use super::model::{phase, project};
use super::multiloc::Multiloc;
use super::{PhaseInput, ProjectChanges};
use crate::graphql::{actor, loader, platform, to_gql};
use crate::i18n::DEFAULT_LOCALE;
use crate::permissions::PermittedBy;
use crate::{CoreError, Platform};

use crate::graphql::id_number as id_of;

pub(crate) fn locale_of(ctx: &Context<'_>, asked: Option<String>) -> String {
    asked.unwrap_or_else(|| actor(ctx).viewer().map_or(DEFAULT_LOCALE.to_owned(), |v| v.locale.clone()))
}

pub struct Project(project::Model);

#[Object]
impl Project {
    async fn id(&self) -> ID {
        ID(self.0.id.to_string())
    }

    async fn slug(&self) -> &str {
        &self.0.slug
    }

    async fn title(&self, ctx: &Context<'_>, locale: Option<String>) -> String {
        Multiloc::parse(&self.0.title).text(&locale_of(ctx, locale))
    }

    async fn title_multiloc(&self) -> Json<BTreeMap<String, String>> {
        Json(Multiloc::parse(&self.0.title).0)
    }

    async fn description(&self, ctx: &Context<'_>, locale: Option<String>) -> String {
        Multiloc::parse(&self.0.description).text(&locale_of(ctx, locale))
    }

    async fn description_multiloc(&self) -> Json<BTreeMap<String, String>> {
        Json(Multiloc::parse(&self.0.description).0)
    }

    /// `draft`, `published` or `archived`.
    async fn status(&self) -> &str {
        &self.0.status
    }

    /// `public`, `admins`, or `groups` (members of `visibleGroupIds` and moderators).
    async fn visibility(&self) -> &str {
        &self.0.visibility
    }

    /// With `groups` visibility, the user groups whose members see the project.
    async fn visible_group_ids(&self) -> Vec<ID> {
        self.0.visible_group_ids().into_iter().map(|i| ID(i.to_string())).collect()
    }

    /// Where the header picture is, if there is one.
    async fn header_image_url(&self) -> Option<String> {
        self.0.header_image.as_ref().map(|k| format!("/files/{k}"))
    }

    async fn topic_ids(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<ID>> {
        let ids = loader(ctx)?.load_one(TermsOf(super::Taxonomy::Topic, self.0.id)).await?.unwrap_or_default();
        Ok(ids.into_iter().map(|i| ID(i.to_string())).collect())
    }

    async fn area_ids(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<ID>> {
        let ids = loader(ctx)?.load_one(TermsOf(super::Taxonomy::Area, self.0.id)).await?.unwrap_or_default();
        Ok(ids.into_iter().map(|i| ID(i.to_string())).collect())
    }

    /// The e-mail addresses of the project's moderators (administrators only).
    async fn moderator_emails(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<String>> {
        let found = platform(ctx)?.project_moderators(actor(ctx), self.0.id).await.map_err(to_gql)?;
        Ok(found.into_iter().map(|u| u.email).collect())
    }

    async fn phases(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<Phase>> {
        let phases = loader(ctx)?.load_one(PhasesOf(self.0.id)).await?.unwrap_or_default();
        Ok(phases.into_iter().map(Phase).collect())
    }
}

pub struct Phase(phase::Model);

/// Whether the asking user may do `action` here, and if not, why (`reason` is a code such as
/// `not_signed_in`, `phase_not_active`).
#[derive(SimpleObject)]
pub struct ActionPermission {
    action: ActionId,
    permitted_by: PermittedBy,
    allowed: bool,
    reason: Option<String>,
}

impl ActionPermission {
    /// The answers for a phase, batched with every other phase of the request.
    pub async fn of_phase(ctx: &Context<'_>, phase_id: i32) -> async_graphql::Result<Vec<ActionPermission>> {
        let answers = loader(ctx)?.load_one(AbilitiesIn(phase_id)).await?.unwrap_or_default();
        Ok(answers
            .into_iter()
            .map(|(action, permitted_by, answer)| ActionPermission {
                action: action.into(),
                permitted_by,
                allowed: answer.is_ok(),
                reason: answer.err().map(|d| d.code().to_owned()),
            })
            .collect())
    }
}

#[Object]
impl Phase {
    async fn id(&self) -> ID {
        ID(self.0.id.to_string())
    }

    async fn title(&self, ctx: &Context<'_>, locale: Option<String>) -> String {
        Multiloc::parse(&self.0.title).text(&locale_of(ctx, locale))
    }

    async fn title_multiloc(&self) -> Json<BTreeMap<String, String>> {
        Json(Multiloc::parse(&self.0.title).0)
    }

    async fn method(&self) -> &str {
        &self.0.method
    }

    async fn start_at(&self) -> DateTime<Utc> {
        self.0.start_at
    }

    async fn end_at(&self) -> Option<DateTime<Utc>> {
        self.0.end_at
    }

    async fn permissions(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<ActionPermission>> {
        ActionPermission::of_phase(ctx, self.0.id).await
    }

    /// Every setting of the phase's method, stored or default.
    async fn settings(
        &self,
        ctx: &Context<'_>,
    ) -> async_graphql::Result<Json<serde_json::Map<String, serde_json::Value>>> {
        let method = platform(ctx)?.registry().method(&self.0.method);
        Ok(Json(method.map(|m| super::effective_settings(&m, &self.0.settings)).unwrap_or_default()))
    }
}

#[derive(InputObject)]
pub struct ProjectInput {
    slug: Option<String>,
    title: Option<Json<BTreeMap<String, String>>>,
    description: Option<Json<BTreeMap<String, String>>>,
    /// `public`, `admins` or `groups` (with the Standard edition's user groups).
    visibility: Option<String>,
    /// With `groups` visibility: the groups whose members see the project.
    visible_group_ids: Option<Vec<ID>>,
    position: Option<i32>,
}

/// Group ids as numbers; one that is not a number is no group anyone knows.
fn group_id_numbers(ids: &[ID]) -> Vec<i32> {
    ids.iter().map(|id| id.parse().unwrap_or(-1)).collect()
}

impl From<ProjectInput> for ProjectChanges {
    fn from(i: ProjectInput) -> Self {
        Self {
            slug: i.slug,
            title: i.title.map(|j| j.0),
            description: i.description.map(|j| j.0),
            visibility: i.visibility,
            visible_groups: i.visible_group_ids.as_deref().map(group_id_numbers),
            position: i.position,
        }
    }
}

#[derive(InputObject, Clone)]
#[graphql(name = "PhaseInput")]
pub struct PhaseInputObject {
    title: Json<BTreeMap<String, String>>,
    description: Option<Json<BTreeMap<String, String>>>,
    /// A participation method id: `information`, `ideation`, …
    method: String,
    start_at: DateTime<Utc>,
    end_at: Option<DateTime<Utc>>,
}

impl From<PhaseInputObject> for PhaseInput {
    fn from(i: PhaseInputObject) -> Self {
        Self {
            title: i.title.0,
            description: i.description.map(|d| d.0).unwrap_or_default(),
            method: i.method,
            start_at: Some(i.start_at),
            end_at: i.end_at,
        }
    }
}

#[derive(Default)]
pub struct CatalogueQuery;

#[Object]
impl CatalogueQuery {
    /// Projects the asking user may see, in home-page order.
    async fn projects(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<Project>> {
        Ok(platform(ctx)?.projects(actor(ctx)).await.map_err(to_gql)?.into_iter().map(Project).collect())
    }

    async fn project(&self, ctx: &Context<'_>, slug: String) -> async_graphql::Result<Option<Project>> {
        Ok(platform(ctx)?.project_by_slug(actor(ctx), &slug).await.map_err(to_gql)?.map(Project))
    }

    /// The participation methods this server offers.
    async fn participation_methods(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<String>> {
        Ok(platform(ctx)?.registry().methods().iter().map(|m| m.id.to_owned()).collect())
    }
}

async fn status(ctx: &Context<'_>, id: &ID, to: &str) -> async_graphql::Result<Project> {
    let p: &Platform = platform(ctx)?;
    Ok(Project(p.set_project_status(actor(ctx), id_of(id, "project")?, to).await.map_err(to_gql)?))
}

#[derive(Default)]
pub struct CatalogueMutation;

#[Object]
impl CatalogueMutation {
    /// Creates a draft project (administrators).
    async fn create_project(&self, ctx: &Context<'_>, input: ProjectInput) -> async_graphql::Result<Project> {
        Ok(Project(platform(ctx)?.create_project(actor(ctx), input.into()).await.map_err(to_gql)?))
    }

    async fn update_project(&self, ctx: &Context<'_>, id: ID, input: ProjectInput) -> async_graphql::Result<Project> {
        let id = id_of(&id, "project")?;
        Ok(Project(platform(ctx)?.update_project(actor(ctx), id, input.into()).await.map_err(to_gql)?))
    }

    /// Makes the account with `email` a moderator of the project, or takes the role away
    /// (administrators).
    async fn set_project_moderator(
        &self,
        ctx: &Context<'_>,
        project_id: ID,
        email: String,
        moderator: bool,
    ) -> async_graphql::Result<bool> {
        let id = id_of(&project_id, "project")?;
        platform(ctx)?.set_project_moderator(actor(ctx), id, &email, moderator).await.map_err(to_gql)?;
        Ok(moderator)
    }

    /// Sets the project's topics and areas (each list replaces the current one when given).
    async fn set_project_terms(
        &self,
        ctx: &Context<'_>,
        project_id: ID,
        topic_ids: Option<Vec<ID>>,
        area_ids: Option<Vec<ID>>,
    ) -> async_graphql::Result<Project> {
        let p = platform(ctx)?;
        let id = id_of(&project_id, "project")?;
        let numbers = |ids: Option<Vec<ID>>, kind: super::Taxonomy| {
            ids.map(|ids| ids.iter().map(|i| id_of(i, kind.as_str())).collect::<Result<Vec<i32>, _>>()).transpose()
        };
        let topics = numbers(topic_ids, super::Taxonomy::Topic)?;
        let areas = numbers(area_ids, super::Taxonomy::Area)?;
        p.set_project_terms(actor(ctx), id, topics.as_deref(), areas.as_deref()).await.map_err(to_gql)?;
        let found = p.project_by_id(actor(ctx), id).await.map_err(to_gql)?;
        found.map(Project).ok_or_else(|| to_gql(CoreError::NotFound("project")))
    }

    /// Removes the header picture (administrators and the project's moderators).
    async fn remove_project_header(&self, ctx: &Context<'_>, project_id: ID) -> async_graphql::Result<bool> {
        let id = id_of(&project_id, "project")?;
        platform(ctx)?.remove_project_header(actor(ctx), id).await.map_err(to_gql)?;
        Ok(true)
    }

    async fn publish_project(&self, ctx: &Context<'_>, id: ID) -> async_graphql::Result<Project> {
        status(ctx, &id, super::PUBLISHED).await
    }

    async fn archive_project(&self, ctx: &Context<'_>, id: ID) -> async_graphql::Result<Project> {
        status(ctx, &id, super::ARCHIVED).await
    }

    async fn create_phase(
        &self,
        ctx: &Context<'_>,
        project_id: ID,
        input: PhaseInputObject,
    ) -> async_graphql::Result<Phase> {
        let id = id_of(&project_id, "project")?;
        Ok(Phase(platform(ctx)?.create_phase(actor(ctx), id, input.into()).await.map_err(to_gql)?))
    }

    /// Changes some of a phase's method settings; the others keep their value.
    async fn update_phase_settings(
        &self,
        ctx: &Context<'_>,
        id: ID,
        settings: Json<serde_json::Map<String, serde_json::Value>>,
    ) -> async_graphql::Result<Phase> {
        let id = id_of(&id, "phase")?;
        Ok(Phase(platform(ctx)?.update_phase_settings(actor(ctx), id, &settings.0).await.map_err(to_gql)?))
    }

    async fn update_phase(&self, ctx: &Context<'_>, id: ID, input: PhaseInputObject) -> async_graphql::Result<Phase> {
        let id = id_of(&id, "phase")?;
        Ok(Phase(platform(ctx)?.update_phase(actor(ctx), id, input.into()).await.map_err(to_gql)?))
    }

    async fn delete_phase(&self, ctx: &Context<'_>, id: ID) -> async_graphql::Result<bool> {
        platform(ctx)?.delete_phase(actor(ctx), id_of(&id, "phase")?).await.map_err(to_gql)?;
        Ok(true)
    }

    async fn set_phase_permission(
        &self,
        ctx: &Context<'_>,
        phase_id: ID,
        action: ActionId,
        permitted_by: PermittedBy,
        #[graphql(desc = "With `groups`: the user groups whose members may act.")] group_ids: Option<Vec<ID>>,
    ) -> async_graphql::Result<bool> {
        let id = id_of(&phase_id, "phase")?;
        let groups = group_id_numbers(&group_ids.unwrap_or_default());
        platform(ctx)?.set_phase_permission(actor(ctx), id, &action.0, permitted_by, &groups).await.map_err(to_gql)?;
        Ok(true)
    }
}

#[derive(async_graphql::MergedObject, Default)]
pub struct ProjectsQuery(CatalogueQuery, super::taxonomy_graphql::TaxonomyQuery);

#[derive(async_graphql::MergedObject, Default)]
pub struct ProjectsMutation(CatalogueMutation, super::taxonomy_graphql::TaxonomyMutation);
