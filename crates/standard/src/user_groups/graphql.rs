// SPDX-License-Identifier: LicenseRef-Townhall-Commercial
//! User groups in the API (administrators, with the Standard licence).
use std::collections::BTreeMap;

use async_graphql::{Context, ID, Json, Object, SimpleObject};
use townhall_core::graphql::{Page, actor, id_cursor, id_number, page_size, paged, platform, require_feature, to_gql};
use townhall_core::modules::projects::multiloc::Multiloc;

use super::model::group;
use super::{FEATURE, service};

pub struct UserGroup(group::Model);

/// A member of a group.
#[derive(SimpleObject)]
pub struct GroupMember {
    user_id: ID,
    display_name: String,
    email: String,
}

/// What adding members by e-mail address did.
#[derive(SimpleObject)]
pub struct GroupImportReport {
    added: i32,
    already_members: i32,
    /// Addresses no account has.
    unknown_emails: Vec<String>,
    /// Text that is no e-mail address.
    invalid_emails: Vec<String>,
}

#[Object]
impl UserGroup {
    async fn id(&self) -> ID {
        ID(self.0.id.to_string())
    }

    /// The name in `locale` (or the default language).
    async fn name(&self, locale: Option<String>) -> String {
        Multiloc::parse(&self.0.name).text(locale.as_deref().unwrap_or("en"))
    }

    async fn name_multiloc(&self) -> Json<BTreeMap<String, String>> {
        Json(Multiloc::parse(&self.0.name).0)
    }

    /// `manual`: administrators choose the members.
    async fn kind(&self) -> &str {
        &self.0.kind
    }

    async fn members_count(&self) -> i32 {
        self.0.members_count
    }

    /// Members by account.
    async fn members(
        &self,
        ctx: &Context<'_>,
        #[graphql(default = 50, desc = "1 to 100.")] first: i64,
        after: Option<String>,
    ) -> async_graphql::Result<Page<GroupMember>> {
        let first = page_size(first)?;
        let after = id_cursor(after.as_deref())?;
        let page = service::members(platform(ctx)?, actor(ctx), self.0.id, after, first).await.map_err(to_gql)?;
        let rows = page.members.into_iter().map(|m| {
            let member =
                GroupMember { user_id: ID(m.user_id.to_string()), display_name: m.display_name, email: m.email };
            (m.user_id.to_string(), member)
        });
        Ok(paged(rows, page.next.is_some()))
    }
}

#[derive(Default)]
pub struct GroupsQuery;

#[Object]
impl GroupsQuery {
    /// Every user group (administrators; needs the Standard licence's `user_groups`).
    async fn user_groups(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<UserGroup>> {
        require_feature(ctx, FEATURE).await?;
        let all = service::groups(platform(ctx)?, actor(ctx)).await.map_err(to_gql)?;
        Ok(all.into_iter().map(UserGroup).collect())
    }

    async fn user_group(&self, ctx: &Context<'_>, id: ID) -> async_graphql::Result<UserGroup> {
        require_feature(ctx, FEATURE).await?;
        let found = service::group(platform(ctx)?, actor(ctx), id_number(&id, "group")?).await.map_err(to_gql)?;
        Ok(UserGroup(found))
    }
}

#[derive(Default)]
pub struct GroupsMutation;

#[Object]
impl GroupsMutation {
    async fn create_user_group(
        &self,
        ctx: &Context<'_>,
        name: Json<BTreeMap<String, String>>,
    ) -> async_graphql::Result<UserGroup> {
        require_feature(ctx, FEATURE).await?;
        let created = service::create(platform(ctx)?, actor(ctx), name.0).await.map_err(to_gql)?;
        Ok(UserGroup(created))
    }

    async fn rename_user_group(
        &self,
        ctx: &Context<'_>,
        id: ID,
        name: Json<BTreeMap<String, String>>,
    ) -> async_graphql::Result<UserGroup> {
        require_feature(ctx, FEATURE).await?;
        let id = id_number(&id, "group")?;
        let saved = service::rename(platform(ctx)?, actor(ctx), id, name.0).await.map_err(to_gql)?;
        Ok(UserGroup(saved))
    }

    /// Deletes a group; projects and actions restricted to it alone close to administrators.
    async fn delete_user_group(&self, ctx: &Context<'_>, id: ID) -> async_graphql::Result<bool> {
        require_feature(ctx, FEATURE).await?;
        service::delete(platform(ctx)?, actor(ctx), id_number(&id, "group")?).await.map_err(to_gql)?;
        Ok(true)
    }

    /// Adds the accounts of the e-mail addresses in `emails` (separated by commas, semicolons,
    /// spaces or lines; at most 5,000).
    async fn add_user_group_members(
        &self,
        ctx: &Context<'_>,
        group_id: ID,
        emails: String,
    ) -> async_graphql::Result<GroupImportReport> {
        require_feature(ctx, FEATURE).await?;
        let id = id_number(&group_id, "group")?;
        let report = service::add_members(platform(ctx)?, actor(ctx), id, &emails).await.map_err(to_gql)?;
        Ok(GroupImportReport {
            added: report.added as i32,
            already_members: report.already_members as i32,
            unknown_emails: report.unknown,
            invalid_emails: report.invalid,
        })
    }

    async fn remove_user_group_member(
        &self,
        ctx: &Context<'_>,
        group_id: ID,
        user_id: ID,
    ) -> async_graphql::Result<bool> {
        require_feature(ctx, FEATURE).await?;
        let (group, user) = (id_number(&group_id, "group")?, id_number(&user_id, "user")?);
        service::remove_member(platform(ctx)?, actor(ctx), group, user).await.map_err(to_gql)?;
        Ok(true)
    }
}
