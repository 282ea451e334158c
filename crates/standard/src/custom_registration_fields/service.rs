// SPDX-License-Identifier: LicenseRef-Townhall-Commercial
//! The rules of registration fields: administrators add, change and delete questions; the
//! sign-up asks them; residents answer or change their answers later, and a required question
//! left open (a field added after they signed up) is answered before they take part.
use std::collections::BTreeMap;

use chrono::Utc;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder,
};
use serde_json::json;
use townhall_core::db::WriteTxn;
use townhall_core::modules::accounts::audit;
use townhall_core::modules::projects::multiloc::Multiloc;
use townhall_core::{Actor, Answers, CoreError, CoreResult, Platform, Question, db};

use super::FEATURE;
use super::kinds::{self, Choice, KINDS};
use super::model::{answer, field};

/// What an administrator writes about a field.
#[derive(Debug, Clone, Default)]
pub struct FieldInput {
    pub kind: String,
    pub title: BTreeMap<String, String>,
    /// The choices of a select, in order; each a multilingual title.
    pub choices: Vec<BTreeMap<String, String>>,
    pub required: bool,
}

async fn admin(platform: &Platform, actor: &Actor) -> CoreResult<()> {
    platform.require_admin_of(FEATURE, actor).await
}

/// Every field, in the order they were added.
pub async fn all(db: &impl ConnectionTrait) -> CoreResult<Vec<field::Model>> {
    Ok(field::Entity::find().order_by_asc(field::Column::Id).all(db).await?)
}

pub async fn fields(platform: &Platform, actor: &Actor) -> CoreResult<Vec<field::Model>> {
    admin(platform, actor).await?;
    all(platform.db()).await
}

pub async fn field(platform: &Platform, actor: &Actor, id: i32) -> CoreResult<field::Model> {
    admin(platform, actor).await?;
    field::Entity::find_by_id(id).one(platform.db()).await?.ok_or(CoreError::NotFound("field"))
}

/// Checks `input`; the choices keep the keys of `before` by position, so answers keep
/// pointing at the same choice when its label changes.
fn checked(input: FieldInput, before: &[Choice]) -> CoreResult<(String, Multiloc, Vec<Choice>)> {
    if !KINDS.contains(&input.kind.as_str()) {
        return Err(CoreError::Field { field: "kind", code: "field_kind_unknown" });
    }
    let title = Multiloc::checked(input.title, "title", true, 200)?;
    let mut choices = Vec::new();
    if input.kind == "select" || input.kind == "multiselect" {
        for (i, raw) in input.choices.into_iter().enumerate() {
            let label = Multiloc::checked(raw, "choices", true, 120)?;
            let key = before.get(i).map_or_else(|| format!("c{}", i + 1), |c| c.key.clone());
            choices.push(Choice { key, title: label.0 });
        }
        if choices.len() < 2 {
            return Err(CoreError::Field { field: "choices", code: "choices_too_few" });
        }
    }
    Ok((input.kind, title, choices))
}

pub async fn create(platform: &Platform, actor: &Actor, input: FieldInput) -> CoreResult<field::Model> {
    admin(platform, actor).await?;
    let required = input.required;
    let (kind, title, choices) = checked(input, &[])?;
    let txn = db::begin_write(platform.db()).await?;
    let created = field::ActiveModel {
        kind: Set(kind.clone()),
        title: Set(title.to_json()),
        options: Set(json!(choices).to_string()),
        required: Set(required),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    let details = json!({ "kind": kind, "title": title.0, "required": required });
    audit::record(
        &txn,
        actor,
        "registration_field.create",
        "registration_field",
        Some(created.id.to_string()),
        details,
    )
    .await?;
    txn.commit().await?;
    Ok(created)
}

/// Changes a field's title, choices and whether it is required (its kind stays).
pub async fn update(platform: &Platform, actor: &Actor, id: i32, input: FieldInput) -> CoreResult<field::Model> {
    admin(platform, actor).await?;
    let txn = db::begin_write(platform.db()).await?;
    let found =
        db::locking(field::Entity::find_by_id(id), &txn).one(&txn).await?.ok_or(CoreError::NotFound("field"))?;
    let required = input.required;
    let (_, title, choices) = checked(FieldInput { kind: found.kind.clone(), ..input }, &kinds::choices(&found))?;
    let mut changed: field::ActiveModel = found.into();
    changed.title = Set(title.to_json());
    changed.options = Set(json!(choices).to_string());
    changed.required = Set(required);
    let saved = changed.update(&txn).await?;
    let details = json!({ "title": title.0, "required": required });
    audit::record(&txn, actor, "registration_field.update", "registration_field", Some(id.to_string()), details)
        .await?;
    txn.commit().await?;
    Ok(saved)
}

/// Deletes a field with every answer to it.
pub async fn delete(platform: &Platform, actor: &Actor, id: i32) -> CoreResult<()> {
    admin(platform, actor).await?;
    let txn = db::begin_write(platform.db()).await?;
    field::Entity::find_by_id(id).one(&txn).await?.ok_or(CoreError::NotFound("field"))?;
    answer::Entity::delete_many().filter(answer::Column::FieldId.eq(id)).exec(&txn).await?;
    field::Entity::delete_by_id(id).exec(&txn).await?;
    audit::record(&txn, actor, "registration_field.delete", "registration_field", Some(id.to_string()), json!({}))
        .await?;
    txn.commit().await?;
    Ok(())
}

/// The questions in `locale`, while the feature is active.
pub async fn questions(platform: &Platform, locale: &str) -> CoreResult<Vec<Question>> {
    if !platform.is_active(FEATURE).await {
        return Ok(Vec::new());
    }
    let mut out = Vec::new();
    for f in all(platform.db()).await? {
        out.push(kinds::question(platform, &f, locale).await?);
    }
    Ok(out)
}

/// Every field's checked answer from `given`, or the first failure.
pub async fn checked_answers(platform: &Platform, given: &Answers) -> CoreResult<Vec<(i32, Vec<String>)>> {
    if !platform.is_active(FEATURE).await {
        return Ok(Vec::new());
    }
    let mut out = Vec::new();
    for f in all(platform.db()).await? {
        let name = kinds::name(&f);
        let values = given.get(&name).map(Vec::as_slice).unwrap_or_default();
        let answer = kinds::checked_answer(platform, &f, values)
            .await
            .map_err(|code| CoreError::Answer { question: name.clone(), code })?;
        out.push((f.id, answer));
    }
    Ok(out)
}

/// Replaces `user_id`'s answers inside `txn`.
pub async fn store(txn: &WriteTxn, user_id: i32, answers: &[(i32, Vec<String>)]) -> CoreResult<()> {
    answer::Entity::delete_many().filter(answer::Column::UserId.eq(user_id)).exec(txn).await?;
    let rows: Vec<answer::ActiveModel> = answers
        .iter()
        .filter(|(_, values)| !values.is_empty())
        .map(|(id, values)| answer::ActiveModel {
            user_id: Set(user_id),
            field_id: Set(*id),
            value: Set(json!(values).to_string()),
        })
        .collect();
    if !rows.is_empty() {
        answer::Entity::insert_many(rows).exec(txn).await?;
    }
    Ok(())
}

/// Stores the answers another service gave for `user_id` (a sign-in provider's claims), inside
/// `txn`: each question named in `given` is checked on its own, and an answer that does not fit
/// its question is left out (the resident gives it on the answers page). A date answers a
/// year of birth with its year, and a choice may be named by its label in any language.
pub async fn store_given(platform: &Platform, txn: &WriteTxn, user_id: i32, given: &Answers) -> CoreResult<()> {
    if !platform.is_active(FEATURE).await {
        return Ok(());
    }
    for f in all(txn).await? {
        let Some(values) = given.get(&kinds::name(&f)) else { continue };
        let mut values = values.clone();
        for value in &mut values {
            *value = kinds::from_outside(platform, &f, value).await;
        }
        let Ok(answer) = kinds::checked_answer(platform, &f, &values).await else { continue };
        if answer.is_empty() {
            continue;
        }
        answer::Entity::delete_many()
            .filter(answer::Column::UserId.eq(user_id))
            .filter(answer::Column::FieldId.eq(f.id))
            .exec(txn)
            .await?;
        answer::Entity::insert(answer::ActiveModel {
            user_id: Set(user_id),
            field_id: Set(f.id),
            value: Set(json!(answer).to_string()),
        })
        .exec(txn)
        .await?;
    }
    Ok(())
}

/// The signed-in resident's answers, by question name.
pub async fn my_answers(platform: &Platform, actor: &Actor) -> CoreResult<Answers> {
    platform.require_active(FEATURE).await?;
    let user_id = actor.user_id().ok_or(CoreError::NotSignedIn)?;
    let rows = answer::Entity::find().filter(answer::Column::UserId.eq(user_id)).all(platform.db()).await?;
    Ok(rows
        .into_iter()
        .map(|a| (format!("field_{}", a.field_id), serde_json::from_str(&a.value).unwrap_or_default()))
        .collect())
}

/// The signed-in resident answers (again); every question is checked as at sign-up.
pub async fn save_my_answers(platform: &Platform, actor: &Actor, given: &Answers) -> CoreResult<()> {
    platform.require_active(FEATURE).await?;
    let user_id = actor.user_id().ok_or(CoreError::NotSignedIn)?;
    let answers = checked_answers(platform, given).await?;
    let txn = db::begin_write(platform.db()).await?;
    store(&txn, user_id, &answers).await?;
    txn.commit().await?;
    Ok(())
}

/// Whether a required question has no answer from `user_id` (one statement).
pub async fn incomplete(platform: &Platform, user_id: i32) -> CoreResult<bool> {
    let required: Vec<i32> = field::Entity::find()
        .filter(field::Column::Required.eq(true))
        .all(platform.db())
        .await?
        .iter()
        .map(|f| f.id)
        .collect();
    if required.is_empty() {
        return Ok(false);
    }
    let answered = answer::Entity::find()
        .filter(answer::Column::UserId.eq(user_id))
        .filter(answer::Column::FieldId.is_in(required.clone()))
        .count(platform.db())
        .await?;
    Ok((answered as usize) < required.len())
}

/// A user's answers with their questions' titles, for "download my data".
pub async fn personal_data(
    db: &sea_orm::DatabaseConnection,
    user_id: i32,
) -> Result<Vec<serde_json::Value>, sea_orm::DbErr> {
    let rows = answer::Entity::find().filter(answer::Column::UserId.eq(user_id)).all(db).await?;
    let fields = field::Entity::find().all(db).await?;
    Ok(rows
        .iter()
        .map(|a| {
            let question =
                fields.iter().find(|f| f.id == a.field_id).map(|f| Multiloc::parse(&f.title).0).unwrap_or_default();
            let answer: Vec<String> = serde_json::from_str(&a.value).unwrap_or_default();
            json!({ "question": question, "answer": answer })
        })
        .collect())
}
