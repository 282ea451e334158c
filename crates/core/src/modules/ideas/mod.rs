// SPDX-License-Identifier: AGPL-3.0-only
//! Ideas in ideation phases, and reactions to them. Comments, statuses, images and search come
//! next (issue #4).
use sea_orm::{ColumnTrait, DatabaseConnection, DatabaseTransaction, DbErr, EntityTrait, QueryFilter};
use serde_json::json;
use townhall_license::Edition;

use crate::graphql::ModuleGraphql;
use crate::{Erasure, Module};

mod graphql;
pub mod model;
mod reactions;
mod service;
#[cfg(test)]
mod tests;

pub use reactions::{ReactionMode, dislikes_allowed};
pub use service::{IdeaPage, IdeaSort, IdeaView};

#[derive(Debug, Default)]
pub struct IdeasModule;

#[async_trait::async_trait]
impl Module for IdeasModule {
    fn id(&self) -> &'static str {
        "ideas"
    }

    fn edition(&self) -> Edition {
        Edition::Core
    }

    async fn export_personal_data(
        &self,
        db: &DatabaseConnection,
        user_id: i32,
    ) -> Result<Option<serde_json::Value>, DbErr> {
        let ideas = model::idea::Entity::find().filter(model::idea::Column::AuthorId.eq(user_id)).all(db).await?;
        let reactions =
            model::reaction::Entity::find().filter(model::reaction::Column::UserId.eq(user_id)).all(db).await?;
        Ok(Some(json!({
            "ideas": ideas.iter().map(|i| json!({ "id": i.id, "title": i.title, "body": i.body, "created_at": i.created_at })).collect::<Vec<_>>(),
            "reactions": reactions.iter().map(|r| json!({ "idea": r.idea_id, "mode": r.mode, "at": r.created_at })).collect::<Vec<_>>(),
        })))
    }

    /// Ideas go or lose their author, as the user chose. Reactions go with the account (the
    /// counters of the ideas they were on are recounted).
    async fn erase_personal_data(&self, txn: &DatabaseTransaction, user_id: i32, mode: Erasure) -> Result<(), DbErr> {
        use sea_orm::sea_query::Expr;
        match mode {
            Erasure::Delete => {
                model::idea::Entity::delete_many().filter(model::idea::Column::AuthorId.eq(user_id)).exec(txn).await?;
            }
            Erasure::Anonymize => {
                model::idea::Entity::update_many()
                    .col_expr(model::idea::Column::AuthorId, Expr::value(Option::<i32>::None))
                    .filter(model::idea::Column::AuthorId.eq(user_id))
                    .exec(txn)
                    .await?;
            }
        }
        let reacted: Vec<i32> = model::reaction::Entity::find()
            .filter(model::reaction::Column::UserId.eq(user_id))
            .all(txn)
            .await?
            .into_iter()
            .map(|r| r.idea_id)
            .collect();
        model::reaction::Entity::delete_many().filter(model::reaction::Column::UserId.eq(user_id)).exec(txn).await?;
        for idea_id in reacted {
            reactions::recount_in(txn, idea_id).await?;
        }
        Ok(())
    }
}

impl ModuleGraphql for IdeasModule {
    type Query = graphql::IdeasQuery;
    type Mutation = graphql::IdeasMutation;
}
