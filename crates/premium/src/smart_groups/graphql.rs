// SPDX-License-Identifier: LicenseRef-Townhall-Commercial
//! Smart groups in the API (administrators, with the Premium licence).
use std::collections::BTreeMap;

use async_graphql::{Context, ID, InputObject, Json, Object, SimpleObject};
use townhall_core::graphql::{
    Counted, Page, actor, id_cursor, id_number, page_size, paged_with_count, platform, require_feature, to_gql,
};
use townhall_core::modules::projects::multiloc::Multiloc;

use super::FEATURE;
use super::rules::{AnswerRule, Rules};
use super::service::{self, SmartGroup as Model};

/// What members must be; every rule set must hold.
#[derive(InputObject, SimpleObject, Default)]
#[graphql(input_name = "SmartGroupRulesInput")]
pub struct SmartGroupRules {
    /// Their e-mail address is at one of these domains.
    email_domains: Option<Vec<String>>,
    /// Their identity is verified (true) or not (false).
    verified: Option<bool>,
    /// They took part in this project.
    took_part_in_project_id: Option<ID>,
    /// Their answers to registration questions (Standard's registration fields).
    answer_rules: Option<Vec<SmartGroupAnswerRule>>,
    /// Born in or after this year (their answer to a year-of-birth question).
    born_from: Option<i32>,
    /// Born in or before this year.
    born_to: Option<i32>,
    /// They live in one of these areas (their answer to an area-of-residence question).
    area_ids: Option<Vec<ID>>,
}

/// An answer to a registration question among `values`.
#[derive(InputObject, SimpleObject, Default)]
#[graphql(input_name = "SmartGroupAnswerRuleInput")]
pub struct SmartGroupAnswerRule {
    field_id: ID,
    /// Choice keys (`c1`), genders (`female`), or the text of an answer.
    values: Vec<String>,
}

impl SmartGroupRules {
    fn rules(self) -> async_graphql::Result<Rules> {
        let took_part_in = self.took_part_in_project_id.as_ref().map(|p| id_number(p, "project")).transpose()?;
        let mut answers = Vec::new();
        for rule in self.answer_rules.unwrap_or_default() {
            answers.push(AnswerRule { field_id: id_number(&rule.field_id, "field")?, values: rule.values });
        }
        let areas = self.area_ids.unwrap_or_default().iter().map(|a| id_number(a, "area")).collect::<Result<_, _>>()?;
        Ok(Rules {
            email_domains: self.email_domains.unwrap_or_default(),
            verified: self.verified,
            took_part_in,
            answers,
            born_from: self.born_from,
            born_to: self.born_to,
            areas,
        })
    }

    fn of(rules: &Rules) -> Self {
        SmartGroupRules {
            email_domains: (!rules.email_domains.is_empty()).then(|| rules.email_domains.clone()),
            verified: rules.verified,
            took_part_in_project_id: rules.took_part_in.map(|p| ID(p.to_string())),
            answer_rules: (!rules.answers.is_empty()).then(|| {
                rules
                    .answers
                    .iter()
                    .map(|a| SmartGroupAnswerRule { field_id: ID(a.field_id.to_string()), values: a.values.clone() })
                    .collect()
            }),
            born_from: rules.born_from,
            born_to: rules.born_to,
            area_ids: (!rules.areas.is_empty()).then(|| rules.areas.iter().map(|a| ID(a.to_string())).collect()),
        }
    }
}

pub struct SmartGroup(Model);

#[derive(SimpleObject)]
pub struct SmartGroupMember {
    user_id: ID,
    display_name: String,
    email: String,
}

#[Object]
impl SmartGroup {
    /// Usable wherever a user group id is (`visibleGroupIds`, `setPhasePermission`).
    async fn id(&self) -> ID {
        ID(self.0.group.id.to_string())
    }

    async fn name(&self, locale: Option<String>) -> String {
        Multiloc::parse(&self.0.group.name).text(locale.as_deref().unwrap_or("en"))
    }

    async fn name_multiloc(&self) -> Json<BTreeMap<String, String>> {
        Json(Multiloc::parse(&self.0.group.name).0)
    }

    async fn rules(&self) -> SmartGroupRules {
        SmartGroupRules::of(&self.0.rules)
    }

    /// The members now, by account.
    async fn members(
        &self,
        ctx: &Context<'_>,
        #[graphql(default = 50, desc = "1 to 100.")] first: i64,
        after: Option<String>,
    ) -> async_graphql::Result<Page<SmartGroupMember, Counted>> {
        let first = page_size(first)?;
        let after = id_cursor(after.as_deref())?;
        // One row more than asked says whether another page follows.
        let (mut rows, total) =
            service::members(platform(ctx)?, actor(ctx), self.0.group.id, after, first + 1).await.map_err(to_gql)?;
        let more = rows.len() as u64 > first;
        rows.truncate(first as usize);
        let rows = rows.into_iter().map(|m| {
            let member =
                SmartGroupMember { user_id: ID(m.id.to_string()), display_name: m.display_name, email: m.email };
            (m.id.to_string(), member)
        });
        Ok(paged_with_count(rows, more, total))
    }
}

#[derive(Default)]
pub struct SmartQuery;

#[Object]
impl SmartQuery {
    /// Every smart group (administrators; needs the Premium licence's `smart_groups`).
    async fn smart_groups(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<SmartGroup>> {
        require_feature(ctx, FEATURE).await?;
        let all = service::groups(platform(ctx)?, actor(ctx)).await.map_err(to_gql)?;
        Ok(all.into_iter().map(SmartGroup).collect())
    }

    async fn smart_group(&self, ctx: &Context<'_>, id: ID) -> async_graphql::Result<SmartGroup> {
        require_feature(ctx, FEATURE).await?;
        let id = id_number(&id, "group")?;
        Ok(SmartGroup(service::group(platform(ctx)?, actor(ctx), id).await.map_err(to_gql)?))
    }
}

#[derive(Default)]
pub struct SmartMutation;

#[Object]
impl SmartMutation {
    async fn create_smart_group(
        &self,
        ctx: &Context<'_>,
        name: Json<BTreeMap<String, String>>,
        rules: SmartGroupRules,
    ) -> async_graphql::Result<SmartGroup> {
        require_feature(ctx, FEATURE).await?;
        let created = service::create(platform(ctx)?, actor(ctx), name.0, rules.rules()?).await.map_err(to_gql)?;
        Ok(SmartGroup(created))
    }

    /// Changes the name and the rules; membership follows at once.
    async fn update_smart_group(
        &self,
        ctx: &Context<'_>,
        id: ID,
        name: Json<BTreeMap<String, String>>,
        rules: SmartGroupRules,
    ) -> async_graphql::Result<SmartGroup> {
        require_feature(ctx, FEATURE).await?;
        let id = id_number(&id, "group")?;
        let saved = service::update(platform(ctx)?, actor(ctx), id, name.0, rules.rules()?).await.map_err(to_gql)?;
        Ok(SmartGroup(saved))
    }

    /// Deletes a smart group; projects and actions restricted to it alone close.
    async fn delete_smart_group(&self, ctx: &Context<'_>, id: ID) -> async_graphql::Result<bool> {
        require_feature(ctx, FEATURE).await?;
        service::delete(platform(ctx)?, actor(ctx), id_number(&id, "group")?).await.map_err(to_gql)?;
        Ok(true)
    }
}
