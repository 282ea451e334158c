// SPDX-License-Identifier: AGPL-3.0-only
//! Ideas in ideation phases: posting, lists with orders, filters and search, reactions,
//! comments, statuses with official feedback, and following.
use sea_orm::{ColumnTrait, DatabaseConnection, DbErr, EntityTrait, QueryFilter};
use serde_json::json;
use townhall_license::Edition;

use crate::db::WriteTxn;
use crate::graphql::ModuleGraphql;
use crate::permissions::{Action, MethodDef, SettingDef, SettingKind};
use crate::{Erasure, Module};

mod comments;
pub(crate) mod counters;
#[cfg(test)]
mod discussion_tests;
mod exports;
mod files;
#[cfg(test)]
mod files_tests;
mod follows;
mod graphql;
pub mod list_query;
mod listing;
#[cfg(test)]
mod listing_tests;
mod loaders;
pub mod model;
#[cfg(test)]
mod numbered_tests;
mod objects;
mod open_data;
pub mod pages;
pub use objects::IdeaStatus;
mod public;
pub use public::{is_public, public_condition};
#[cfg(test)]
mod query_count_tests;
mod reactions;
pub(crate) mod scoped_search;
pub(crate) mod search;
mod service;
mod statuses;
pub use statuses::CORE_STATUSES;
#[cfg(test)]
pub(crate) mod tests;

pub use comments::{CommentPage, CommentView, REMOVED};
pub use files::{FileKind, MAX_ATTACHMENTS, MAX_IMAGES, Upload};
pub use follows::FollowTarget;
pub use listing::{IdeaFilter, IdeaScope, NumberedPage};
pub use reactions::{ReactionMode, dislikes_allowed};
pub use search::search_text;
pub use service::{IdeaInput, IdeaPage, IdeaSort, IdeaView, Location};

/// Posting, commenting on and reacting to ideas: the actions of ideation phases.
pub const POSTING_IDEA: Action = Action::new("posting_idea");
pub const COMMENTING_IDEA: Action = Action::new("commenting_idea");
pub const REACTING_IDEA: Action = Action::new("reacting_idea");

/// Residents post ideas, comment and react.
pub const IDEATION: MethodDef = MethodDef {
    id: "ideation",
    actions: &[POSTING_IDEA, COMMENTING_IDEA, REACTING_IDEA],
    settings: &[
        SettingDef { key: "posting", kind: SettingKind::Switch(true), gates: Some(POSTING_IDEA) },
        SettingDef { key: "commenting", kind: SettingKind::Switch(true), gates: Some(COMMENTING_IDEA) },
        SettingDef { key: "reacting", kind: SettingKind::Switch(true), gates: Some(REACTING_IDEA) },
        SettingDef { key: "dislikes", kind: SettingKind::Switch(false), gates: None },
        SettingDef {
            key: "default_sort",
            kind: SettingKind::Choice(&["trending", "most_reacted", "newest", "most_discussed", "random"], "trending"),
            gates: None,
        },
        SettingDef { key: "view", kind: SettingKind::Choice(&["card", "list"], "card"), gates: None },
    ],
};

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

    fn open_datasets(&self) -> Vec<crate::open_data::Dataset> {
        use crate::open_data::Dataset;
        vec![Dataset::new(open_data::Ideas)]
    }

    fn exports(&self) -> Vec<std::sync::Arc<dyn crate::exports::ExportSource>> {
        vec![
            std::sync::Arc::new(exports::Ideas),
            std::sync::Arc::new(exports::Comments),
            std::sync::Arc::new(exports::Reactions),
        ]
    }

    fn metrics(&self) -> Vec<crate::dashboard::metrics::Metric> {
        use crate::dashboard::metrics::{Metric, Via};
        vec![
            Metric::new("ideas", "ideas", "published_at", "author_id", Via::Project),
            Metric::new("comments", "comments", "created_at", "author_id", Via::Idea),
            Metric::new("reactions", "reactions", "created_at", "user_id", Via::Idea),
        ]
    }

    fn counter_checks(&self) -> Vec<crate::integrity::CounterCheck> {
        use crate::integrity::CounterCheck;
        vec![
            CounterCheck::new("ideas", "reactions_up", "reactions", "idea_id").counting_only("r.mode = 'up'"),
            CounterCheck::new("ideas", "reactions_down", "reactions", "idea_id").counting_only("r.mode = 'down'"),
            CounterCheck::new("ideas", "comments_count", "comments", "idea_id").counting_only("r.state = 'published'"),
        ]
    }

    fn participation_methods(&self) -> Vec<crate::methods::Method> {
        vec![std::sync::Arc::new(pages::Ideation)]
    }

    fn templates(&self) -> Vec<(&'static str, &'static str)> {
        vec![
            ("ideas/panel.html", include_str!("templates/panel.html")),
            ("ideas/fields.html", include_str!("templates/fields.html")),
            ("ideas/filters.html", include_str!("templates/filters.html")),
        ]
    }

    fn translations(&self) -> Vec<(&'static str, &'static str)> {
        vec![
            ("en", include_str!("locales/en.ftl")),
            ("nl", include_str!("locales/nl.ftl")),
            ("fr", include_str!("locales/fr.ftl")),
        ]
    }

    async fn export_personal_data(
        &self,
        db: &DatabaseConnection,
        user_id: i32,
    ) -> Result<Option<serde_json::Value>, DbErr> {
        let ideas = model::idea::Entity::find().filter(model::idea::Column::AuthorId.eq(user_id)).all(db).await?;
        let reactions =
            model::reaction::Entity::find().filter(model::reaction::Column::UserId.eq(user_id)).all(db).await?;
        let comments =
            model::comment::Entity::find().filter(model::comment::Column::AuthorId.eq(user_id)).all(db).await?;
        let follows = model::follow::Entity::find().filter(model::follow::Column::UserId.eq(user_id)).all(db).await?;
        Ok(Some(json!({
            "comments": comments.iter().map(|c| json!({ "id": c.id, "idea": c.idea_id, "body": c.body, "state": c.state, "created_at": c.created_at })).collect::<Vec<_>>(),
            "follows": follows.iter().map(|f| json!({ "type": f.target_type, "id": f.target_id })).collect::<Vec<_>>(),
            "ideas": ideas.iter().map(|i| json!({ "id": i.id, "title": i.title, "body": i.body, "created_at": i.created_at })).collect::<Vec<_>>(),
            "reactions": reactions.iter().map(|r| json!({ "idea": r.idea_id, "mode": r.mode, "at": r.created_at })).collect::<Vec<_>>(),
        })))
    }

    /// Ideas go or lose their author, as the user chose. Comments lose their author either way,
    /// and their text too when the user chose deletion (the place stays, so replies by others
    /// keep their thread). Reactions and follows go with the account; the counters of the ideas
    /// they touched are recounted.
    async fn erase_personal_data(&self, txn: &WriteTxn, user_id: i32, mode: Erasure) -> Result<(), DbErr> {
        use sea_orm::sea_query::Expr;
        if mode == Erasure::Delete {
            // Ideas counted in a vote stay, without their author, so the results keep
            // matching the published ballots.
            let own: Vec<i32> = model::idea::Entity::find()
                .filter(model::idea::Column::AuthorId.eq(user_id))
                .all(txn)
                .await?
                .into_iter()
                .map(|i| i.id)
                .collect();
            let counted = crate::modules::voting::freeze::counted_ideas(txn, &own).await?;
            model::idea::Entity::delete_many()
                .filter(model::idea::Column::AuthorId.eq(user_id))
                .filter(model::idea::Column::Id.is_not_in(counted))
                .exec(txn)
                .await?;
        }
        model::idea::Entity::update_many()
            .col_expr(model::idea::Column::AuthorId, Expr::value(Option::<i32>::None))
            .filter(model::idea::Column::AuthorId.eq(user_id))
            .exec(txn)
            .await?;
        let mut touched: Vec<i32> = model::reaction::Entity::find()
            .filter(model::reaction::Column::UserId.eq(user_id))
            .all(txn)
            .await?
            .into_iter()
            .map(|r| r.idea_id)
            .collect();
        let mut comments = model::comment::Entity::update_many()
            .col_expr(model::comment::Column::AuthorId, Expr::value(Option::<i32>::None))
            .filter(model::comment::Column::AuthorId.eq(user_id));
        if mode == Erasure::Delete {
            touched.extend(
                model::comment::Entity::find()
                    .filter(model::comment::Column::AuthorId.eq(user_id))
                    .all(txn)
                    .await?
                    .into_iter()
                    .map(|c| c.idea_id),
            );
            comments = comments
                .col_expr(model::comment::Column::Body, Expr::value(""))
                .col_expr(model::comment::Column::State, Expr::value(comments::DELETED));
        }
        comments.exec(txn).await?;
        model::reaction::Entity::delete_many().filter(model::reaction::Column::UserId.eq(user_id)).exec(txn).await?;
        touched.sort_unstable();
        touched.dedup();
        for idea_id in touched {
            counters::recount_in(txn, idea_id).await?;
        }
        Ok(())
    }
}

impl ModuleGraphql for IdeasModule {
    type Query = graphql::IdeasQuery;
    type Mutation = graphql::IdeasMutation;
}
