// SPDX-License-Identifier: AGPL-3.0-only
//! Moderation (issue #6): reports of ideas and comments, the moderation queue, hiding and
//! restoring content, and the profanity filter.
use townhall_license::Edition;

use crate::graphql::ModuleGraphql;
use crate::{FeatureDef, Module};

mod graphql;
pub mod model;
pub mod profanity;
mod service;
#[cfg(test)]
mod tests;

pub use profanity::LISTS as PROFANITY_LISTS;
pub use service::{HANDLED, NEW, QueueItem, QueuePage, REASONS, Target};

#[derive(Debug, Default)]
pub struct ModerationModule;

#[async_trait::async_trait]
impl Module for ModerationModule {
    fn id(&self) -> &'static str {
        "moderation"
    }

    fn edition(&self) -> Edition {
        Edition::Core
    }

    fn features(&self) -> Vec<FeatureDef> {
        PROFANITY_LISTS
            .iter()
            .map(|(language, id)| {
                let summary = match *language {
                    "en" => "Refuses ideas and comments with words from the English profanity list",
                    "nl" => "Refuses ideas and comments with words from the Dutch profanity list",
                    _ => "Refuses ideas and comments with words from the French profanity list",
                };
                FeatureDef::new(id, Edition::Core, summary)
            })
            .collect()
    }

    fn translations(&self) -> Vec<(&'static str, &'static str)> {
        vec![
            ("en", include_str!("../../../locales/en/moderation.ftl")),
            ("nl", include_str!("../../../locales/nl/moderation.ftl")),
            ("fr", include_str!("../../../locales/fr/moderation.ftl")),
        ]
    }

    /// Reports keep their place in the queue without the reporter.
    async fn erase_personal_data(
        &self,
        txn: &crate::db::WriteTxn,
        user_id: i32,
        _mode: crate::Erasure,
    ) -> Result<(), sea_orm::DbErr> {
        use sea_orm::sea_query::Expr;
        use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
        model::report::Entity::update_many()
            .col_expr(model::report::Column::ReporterId, Expr::value(Option::<i32>::None))
            .filter(model::report::Column::ReporterId.eq(user_id))
            .exec(txn)
            .await?;
        Ok(())
    }
}

impl ModuleGraphql for ModerationModule {
    type Query = graphql::ModerationQuery;
    type Mutation = graphql::ModerationMutation;
}
