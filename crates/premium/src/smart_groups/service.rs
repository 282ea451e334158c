// SPDX-License-Identifier: LicenseRef-Townhall-Commercial
//! The rules of smart groups: administrators create, change and delete groups defined by
//! rules; who is a member is asked of the database with the rules' condition, for one user on
//! each signed-in request (one statement for every smart group) and for the back office's
//! member list.
use std::collections::BTreeMap;

use chrono::Utc;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, FromQueryResult, QueryFilter,
    QueryOrder,
};
use serde_json::json;
use townhall_core::modules::accounts::audit;
use townhall_core::modules::projects::model::project;
use townhall_core::modules::projects::multiloc::Multiloc;
use townhall_core::{Actor, CoreError, CoreResult, Platform, db};
use townhall_standard::user_groups::model::group;
use townhall_standard::user_groups::service::remove;

use super::FEATURE;
use super::model::rule;
use super::rules::Rules;

/// The kind of `user_groups` rows that are smart groups.
pub const KIND: &str = "rules";
pub const MEMBERS_PER_PAGE: u64 = 50;

/// A smart group with its rules.
#[derive(Debug, Clone)]
pub struct SmartGroup {
    pub group: group::Model,
    pub rules: Rules,
}

/// A member as the back office lists them.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, FromQueryResult)]
pub struct Member {
    pub id: i32,
    pub display_name: String,
    pub email: String,
}

async fn admin(platform: &Platform, actor: &Actor) -> CoreResult<()> {
    platform.require_admin_of(FEATURE, actor).await
}

async fn verification_counts(platform: &Platform) -> bool {
    platform.is_active(crate::identity_verification::FEATURE).await
}

/// Every smart group with its rules, by id.
pub(crate) async fn all(db: &impl ConnectionTrait) -> CoreResult<Vec<SmartGroup>> {
    let groups =
        group::Entity::find().filter(group::Column::Kind.eq(KIND)).order_by_asc(group::Column::Id).all(db).await?;
    let rules: BTreeMap<i32, String> =
        rule::Entity::find().all(db).await?.into_iter().map(|r| (r.group_id, r.rules)).collect();
    Ok(groups
        .into_iter()
        .map(|g| {
            let rules = rules.get(&g.id).map(|r| Rules::parse(r)).unwrap_or_default();
            SmartGroup { group: g, rules }
        })
        .collect())
}

pub async fn groups(platform: &Platform, actor: &Actor) -> CoreResult<Vec<SmartGroup>> {
    admin(platform, actor).await?;
    all(platform.db()).await
}

pub async fn group(platform: &Platform, actor: &Actor, id: i32) -> CoreResult<SmartGroup> {
    admin(platform, actor).await?;
    all(platform.db()).await?.into_iter().find(|g| g.group.id == id).ok_or(CoreError::NotFound("group"))
}

async fn checked(platform: &Platform, name: BTreeMap<String, String>, rules: Rules) -> CoreResult<(Multiloc, Rules)> {
    let name = Multiloc::checked(name, "name", true, 80)?;
    let rules = rules.checked()?;
    if let Some(project_id) = rules.took_part_in
        && project::Entity::find_by_id(project_id).one(platform.db()).await?.is_none()
    {
        return Err(CoreError::Field { field: "took_part_in", code: "project_unknown" });
    }
    let questions = townhall_standard::custom_registration_fields::service::all(platform.db()).await?;
    if rules.answers.iter().any(|a| !questions.iter().any(|q| q.id == a.field_id)) {
        return Err(CoreError::Field { field: "answers", code: "question_unknown" });
    }
    Ok((name, rules))
}

pub async fn create(
    platform: &Platform,
    actor: &Actor,
    name: BTreeMap<String, String>,
    rules: Rules,
) -> CoreResult<SmartGroup> {
    admin(platform, actor).await?;
    let (name, rules) = checked(platform, name, rules).await?;
    let txn = db::begin_write(platform.db()).await?;
    let created = group::ActiveModel {
        name: Set(name.to_json()),
        kind: Set(KIND.into()),
        members_count: Set(0),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    let text = json!(rules).to_string();
    rule::ActiveModel { group_id: Set(created.id), rules: Set(text) }.insert(&txn).await?;
    let details = json!({ "name": name.0, "rules": rules });
    audit::record(&txn, actor, "smart_group.create", "user_group", Some(created.id.to_string()), details).await?;
    txn.commit().await?;
    Ok(SmartGroup { group: created, rules })
}

pub async fn update(
    platform: &Platform,
    actor: &Actor,
    id: i32,
    name: BTreeMap<String, String>,
    rules: Rules,
) -> CoreResult<SmartGroup> {
    admin(platform, actor).await?;
    let (name, rules) = checked(platform, name, rules).await?;
    let txn = db::begin_write(platform.db()).await?;
    let smart = group::Entity::find_by_id(id).filter(group::Column::Kind.eq(KIND));
    let found = db::locking(smart, &txn).one(&txn).await?.ok_or(CoreError::NotFound("group"))?;
    let mut changed: group::ActiveModel = found.into();
    changed.name = Set(name.to_json());
    let saved = changed.update(&txn).await?;
    rule::Entity::update_many()
        .col_expr(rule::Column::Rules, sea_orm::sea_query::Expr::value(json!(rules).to_string()))
        .filter(rule::Column::GroupId.eq(id))
        .exec(&txn)
        .await?;
    let details = json!({ "name": name.0, "rules": rules });
    audit::record(&txn, actor, "smart_group.update", "user_group", Some(id.to_string()), details).await?;
    txn.commit().await?;
    Ok(SmartGroup { group: saved, rules })
}

/// Deletes a smart group; what was restricted to it alone closes (as for manual groups).
pub async fn delete(platform: &Platform, actor: &Actor, id: i32) -> CoreResult<()> {
    admin(platform, actor).await?;
    let txn = db::begin_write(platform.db()).await?;
    let smart = group::Entity::find_by_id(id).filter(group::Column::Kind.eq(KIND));
    db::locking(smart, &txn).one(&txn).await?.ok_or(CoreError::NotFound("group"))?;
    let (projects, permissions) = remove(&txn, id).await?;
    let details = json!({ "projects_closed": projects, "permissions_closed": permissions });
    audit::record(&txn, actor, "smart_group.delete", "user_group", Some(id.to_string()), details).await?;
    txn.commit().await?;
    platform.forget_projects();
    Ok(())
}

/// The smart groups `user_id` is in now: one statement for all of them.
pub(crate) async fn groups_of(platform: &Platform, user_id: i32) -> CoreResult<Vec<i32>> {
    let smart = all(platform.db()).await?;
    if smart.is_empty() {
        return Ok(Vec::new());
    }
    let counts = verification_counts(platform).await;
    let ways = platform.registry().participation_metrics();
    let mut selects = Vec::new();
    let mut values = Vec::new();
    for g in &smart {
        let (condition, more) = g.rules.condition(counts, &ways);
        selects.push(format!("SELECT {} AS id FROM users u WHERE u.id = ? AND {condition}", g.group.id));
        values.push(user_id.into());
        values.extend(more);
    }
    let backend = platform.db().get_database_backend();
    let statement = db::statement(backend, &selects.join(" UNION ALL "), values);
    let rows = platform.db().query_all_raw(statement).await?;
    Ok(rows.iter().filter_map(|r| r.try_get::<i32>("", "id").ok()).collect())
}

/// A page of members by account id, and how many there are in all.
pub async fn members(
    platform: &Platform,
    actor: &Actor,
    id: i32,
    after: Option<i32>,
    limit: u64,
) -> CoreResult<(Vec<Member>, u64)> {
    let smart = group(platform, actor, id).await?;
    let (condition, values) =
        smart.rules.condition(verification_counts(platform).await, &platform.registry().participation_metrics());
    let backend = platform.db().get_database_backend();
    let count_sql = format!("SELECT COUNT(*) AS n FROM users u WHERE {condition}");
    let counted = platform.db().query_one_raw(db::statement(backend, &count_sql, values.clone())).await?;
    let total = counted.and_then(|r| r.try_get::<i64>("", "n").ok()).unwrap_or(0) as u64;
    let limit = limit.clamp(1, 200);
    let sql = format!(
        "SELECT u.id, u.display_name, u.email FROM users u WHERE {condition} AND u.id > ? ORDER BY u.id LIMIT {limit}"
    );
    let mut values = values;
    values.push(after.unwrap_or(0).into());
    let page = Member::find_by_statement(db::statement(backend, &sql, values)).all(platform.db()).await?;
    Ok((page, total))
}
