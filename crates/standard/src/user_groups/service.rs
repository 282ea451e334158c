// SPDX-License-Identifier: LicenseRef-Townhall-Commercial
//! The rules of user groups: administrators create, rename and delete groups and choose their
//! members (one by one, or by a list of e-mail addresses). Every change is audit-logged in its
//! transaction, and the member count moves with the memberships.
use std::collections::BTreeMap;

use chrono::Utc;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder, QuerySelect,
};
use serde_json::json;
use townhall_core::db::WriteTxn;
use townhall_core::modules::accounts::audit;
use townhall_core::modules::accounts::model::user;
use townhall_core::modules::projects::model::{permission, project};
use townhall_core::modules::projects::multiloc::Multiloc;
use townhall_core::modules::projects::{ADMINS_ONLY, GROUPS};
use townhall_core::permissions::PermittedBy;
use townhall_core::{Actor, CoreError, CoreResult, Platform, db};

use super::FEATURE;
use super::model::{group, member};

/// Members listed per page.
pub const MEMBERS_PER_PAGE: u64 = 50;
/// Addresses one import may name.
pub const MAX_IMPORT: usize = 5_000;

/// What an import by e-mail addresses did.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct ImportReport {
    pub added: usize,
    pub already_members: usize,
    /// Addresses no account has, as written.
    pub unknown: Vec<String>,
    /// Text that is no e-mail address, as written.
    pub invalid: Vec<String>,
}

/// A member as the back office lists them.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Member {
    pub user_id: i32,
    pub display_name: String,
    pub email: String,
}

/// A page of members, by account id.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct MemberPage {
    pub members: Vec<Member>,
    /// Pass as `after` for the next page.
    pub next: Option<i32>,
}

/// Administrators only, and only while the feature is active.
async fn admin(platform: &Platform, actor: &Actor) -> CoreResult<()> {
    platform.require_admin_of(FEATURE, actor).await
}

fn checked_name(name: BTreeMap<String, String>) -> CoreResult<Multiloc> {
    Multiloc::checked(name, "name", true, 80)
}

/// Groups whose members administrators choose; Premium's smart groups (`rules`) share the
/// table, so that every group id is unique, and are managed by their own module.
pub const MANUAL: &str = "manual";

async fn found(db: &impl ConnectionTrait, id: i32) -> CoreResult<group::Model> {
    group::Entity::find_by_id(id)
        .filter(group::Column::Kind.eq(MANUAL))
        .one(db)
        .await?
        .ok_or(CoreError::NotFound("group"))
}

/// The group, locked for the rest of the transaction (its members and count are changing).
async fn locked(txn: &WriteTxn, id: i32) -> CoreResult<group::Model> {
    let manual = group::Entity::find_by_id(id).filter(group::Column::Kind.eq(MANUAL));
    db::locking(manual, txn).one(txn).await?.ok_or(CoreError::NotFound("group"))
}

/// Every group, by name as stored (administrators).
pub async fn groups(platform: &Platform, actor: &Actor) -> CoreResult<Vec<group::Model>> {
    admin(platform, actor).await?;
    all(platform).await
}

pub(crate) async fn all(platform: &Platform) -> CoreResult<Vec<group::Model>> {
    Ok(group::Entity::find()
        .filter(group::Column::Kind.eq(MANUAL))
        .order_by_asc(group::Column::Id)
        .all(platform.db())
        .await?)
}

pub async fn group(platform: &Platform, actor: &Actor, id: i32) -> CoreResult<group::Model> {
    admin(platform, actor).await?;
    found(platform.db(), id).await
}

pub async fn create(platform: &Platform, actor: &Actor, name: BTreeMap<String, String>) -> CoreResult<group::Model> {
    admin(platform, actor).await?;
    let name = checked_name(name)?;
    let txn = db::begin_write(platform.db()).await?;
    let created = group::ActiveModel {
        name: Set(name.to_json()),
        kind: Set(MANUAL.into()),
        members_count: Set(0),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    let details = json!({ "name": name.0 });
    audit::record(&txn, actor, "user_group.create", "user_group", Some(created.id.to_string()), details).await?;
    txn.commit().await?;
    Ok(created)
}

pub async fn rename(
    platform: &Platform,
    actor: &Actor,
    id: i32,
    name: BTreeMap<String, String>,
) -> CoreResult<group::Model> {
    admin(platform, actor).await?;
    let name = checked_name(name)?;
    let txn = db::begin_write(platform.db()).await?;
    let mut active: group::ActiveModel = locked(&txn, id).await?.into();
    active.name = Set(name.to_json());
    let saved = active.update(&txn).await?;
    audit::record(&txn, actor, "user_group.rename", "user_group", Some(id.to_string()), json!({ "name": name.0 }))
        .await?;
    txn.commit().await?;
    Ok(saved)
}

/// Deletes a group. What was restricted to it never opens up: a project visible only to its
/// groups becomes visible to administrators only, an action open only to its groups becomes
/// open to administrators and moderators.
pub async fn delete(platform: &Platform, actor: &Actor, id: i32) -> CoreResult<()> {
    admin(platform, actor).await?;
    let txn = db::begin_write(platform.db()).await?;
    locked(&txn, id).await?;
    let (projects, permissions) = remove(&txn, id).await?;
    let details = json!({ "projects_closed": projects, "permissions_closed": permissions });
    audit::record(&txn, actor, "user_group.delete", "user_group", Some(id.to_string()), details).await?;
    txn.commit().await?;
    platform.forget_projects();
    Ok(())
}

/// Deletes the group `id` (of any kind) inside `txn`, after removing it from every
/// restriction; returns the projects and phase permissions that were left without a group and
/// closed.
pub async fn remove(txn: &WriteTxn, id: i32) -> CoreResult<(Vec<i32>, Vec<i32>)> {
    let closed = forget_group(txn, id).await?;
    group::Entity::delete_by_id(id).exec(txn).await?;
    Ok(closed)
}

/// Removes `id` from every restriction; returns the projects and phase permissions that were
/// left without a group and closed.
async fn forget_group(txn: &WriteTxn, id: i32) -> CoreResult<(Vec<i32>, Vec<i32>)> {
    let mut closed_projects = Vec::new();
    let restricted = project::Entity::find().filter(project::Column::VisibleGroups.ne("[]")).all(txn).await?;
    for p in restricted {
        let groups: Vec<i32> = p.visible_group_ids();
        if !groups.contains(&id) {
            continue;
        }
        let rest: Vec<i32> = groups.into_iter().filter(|g| *g != id).collect();
        let (pid, visibility) = (p.id, p.visibility.clone());
        let mut active: project::ActiveModel = p.into();
        if rest.is_empty() && visibility == GROUPS {
            active.visibility = Set(ADMINS_ONLY.to_owned());
            closed_projects.push(pid);
        }
        active.visible_groups = Set(json!(rest).to_string());
        active.update(txn).await?;
    }
    let mut closed_phases = Vec::new();
    let restricted = permission::Entity::find().filter(permission::Column::GroupIds.ne("[]")).all(txn).await?;
    for p in restricted {
        let groups = p.group_id_list();
        if !groups.contains(&id) {
            continue;
        }
        let rest: Vec<i32> = groups.into_iter().filter(|g| *g != id).collect();
        let mut who = p.permitted_by.clone();
        if rest.is_empty() && who == PermittedBy::Groups.as_str() {
            who = PermittedBy::AdminsModerators.as_str().to_owned();
            closed_phases.push(p.phase_id);
        }
        permission::Entity::update_many()
            .col_expr(permission::Column::GroupIds, Expr::value(json!(rest).to_string()))
            .col_expr(permission::Column::PermittedBy, Expr::value(who))
            .filter(permission::Column::PhaseId.eq(p.phase_id))
            .filter(permission::Column::Action.eq(p.action.clone()))
            .exec(txn)
            .await?;
    }
    Ok((closed_projects, closed_phases))
}

/// A page of a group's members, by account id.
pub async fn members(
    platform: &Platform,
    actor: &Actor,
    id: i32,
    after: Option<i32>,
    limit: u64,
) -> CoreResult<MemberPage> {
    admin(platform, actor).await?;
    found(platform.db(), id).await?;
    let limit = limit.clamp(1, 200);
    let mut query = member::Entity::find().filter(member::Column::GroupId.eq(id));
    if let Some(after) = after {
        query = query.filter(member::Column::UserId.gt(after));
    }
    let rows = query.order_by_asc(member::Column::UserId).limit(limit + 1).all(platform.db()).await?;
    let more = rows.len() as u64 > limit;
    let ids: Vec<i32> = rows.iter().take(limit as usize).map(|m| m.user_id).collect();
    let users = user::Entity::find()
        .filter(user::Column::Id.is_in(ids.clone()))
        .order_by_asc(user::Column::Id)
        .all(platform.db())
        .await?;
    let members: Vec<Member> =
        users.into_iter().map(|u| Member { user_id: u.id, display_name: u.display_name, email: u.email }).collect();
    let next = if more { ids.last().copied() } else { None };
    Ok(MemberPage { members, next })
}

/// Splits pasted text into the addresses it names (commas, semicolons, spaces or lines).
fn addresses(text: &str) -> Vec<&str> {
    text.split(|c: char| c == ',' || c == ';' || c.is_whitespace()).map(str::trim).filter(|a| !a.is_empty()).collect()
}

/// Adds the accounts of the addresses in `text` to a group, and says which addresses it could
/// not use. Members already in the group stay as they are.
pub async fn add_members(platform: &Platform, actor: &Actor, id: i32, text: &str) -> CoreResult<ImportReport> {
    admin(platform, actor).await?;
    let written = addresses(text);
    if written.is_empty() {
        return Err(CoreError::Field { field: "emails", code: "emails_required" });
    }
    if written.len() > MAX_IMPORT {
        return Err(CoreError::Field { field: "emails", code: "emails_too_many" });
    }
    let mut report = ImportReport::default();
    let mut wanted: BTreeMap<String, &str> = BTreeMap::new();
    for raw in written {
        match townhall_core::modules::accounts::normalize_email(raw) {
            Ok(email) => {
                wanted.entry(email).or_insert(raw);
            }
            Err(_) => report.invalid.push(raw.to_owned()),
        }
    }
    let mut accounts = Vec::new();
    let emails: Vec<String> = wanted.keys().cloned().collect();
    for chunk in emails.chunks(500) {
        accounts
            .extend(user::Entity::find().filter(user::Column::Email.is_in(chunk.to_vec())).all(platform.db()).await?);
    }
    report.unknown = wanted
        .iter()
        .filter(|(email, _)| !accounts.iter().any(|a| &a.email == *email))
        .map(|(_, raw)| (*raw).to_owned())
        .collect();

    let txn = db::begin_write(platform.db()).await?;
    locked(&txn, id).await?;
    let before = count(&txn, id).await?;
    let now = Utc::now();
    for chunk in accounts.chunks(500) {
        let rows =
            chunk.iter().map(|a| member::ActiveModel { group_id: Set(id), user_id: Set(a.id), added_at: Set(now) });
        member::Entity::insert_many(rows)
            .on_conflict_do_nothing_on([member::Column::GroupId, member::Column::UserId])
            .exec(&txn)
            .await?;
    }
    let after = recount(&txn, id).await?;
    report.added = (after - before) as usize;
    report.already_members = accounts.len() - report.added;
    let details = json!({ "added": report.added, "unknown": report.unknown.len(), "invalid": report.invalid.len() });
    audit::record(&txn, actor, "user_group.add_members", "user_group", Some(id.to_string()), details).await?;
    txn.commit().await?;
    Ok(report)
}

pub async fn remove_member(platform: &Platform, actor: &Actor, id: i32, user_id: i32) -> CoreResult<()> {
    admin(platform, actor).await?;
    let txn = db::begin_write(platform.db()).await?;
    locked(&txn, id).await?;
    let gone = member::Entity::delete_many()
        .filter(member::Column::GroupId.eq(id))
        .filter(member::Column::UserId.eq(user_id))
        .exec(&txn)
        .await?;
    if gone.rows_affected == 0 {
        return Err(CoreError::NotFound("member"));
    }
    recount(&txn, id).await?;
    let details = json!({ "user_id": user_id });
    audit::record(&txn, actor, "user_group.remove_member", "user_group", Some(id.to_string()), details).await?;
    txn.commit().await?;
    Ok(())
}

async fn count(txn: &impl ConnectionTrait, id: i32) -> CoreResult<i64> {
    Ok(member::Entity::find().filter(member::Column::GroupId.eq(id)).count(txn).await? as i64)
}

/// Sets the member count from the rows, in the transaction that changed them.
async fn recount(txn: &WriteTxn, id: i32) -> CoreResult<i64> {
    let n = count(txn, id).await?;
    group::Entity::update_many()
        .col_expr(group::Column::MembersCount, Expr::value(n as i32))
        .filter(group::Column::Id.eq(id))
        .exec(txn)
        .await?;
    Ok(n)
}

/// The groups `user_id` belongs to.
pub(crate) async fn groups_of(platform: &Platform, user_id: i32) -> CoreResult<Vec<i32>> {
    let rows = member::Entity::find()
        .select_only()
        .column(member::Column::GroupId)
        .filter(member::Column::UserId.eq(user_id))
        .into_tuple::<i32>()
        .all(platform.db())
        .await?;
    Ok(rows)
}

/// The names of the groups `user_id` belongs to (their personal data).
pub(crate) async fn names_of(db: &impl ConnectionTrait, user_id: i32) -> CoreResult<Vec<Multiloc>> {
    let ids: Vec<i32> = member::Entity::find()
        .filter(member::Column::UserId.eq(user_id))
        .all(db)
        .await?
        .into_iter()
        .map(|m| m.group_id)
        .collect();
    let found = group::Entity::find().filter(group::Column::Id.is_in(ids)).all(db).await?;
    Ok(found.iter().map(|g| Multiloc::parse(&g.name)).collect())
}

/// Recounts the groups `user_id` was in after their memberships are gone (account deletion).
pub(crate) async fn leave_all(txn: &WriteTxn, user_id: i32) -> CoreResult<()> {
    let ids: Vec<i32> = member::Entity::find()
        .filter(member::Column::UserId.eq(user_id))
        .all(txn)
        .await?
        .into_iter()
        .map(|m| m.group_id)
        .collect();
    member::Entity::delete_many().filter(member::Column::UserId.eq(user_id)).exec(txn).await?;
    for id in ids {
        recount(txn, id).await?;
    }
    Ok(())
}
