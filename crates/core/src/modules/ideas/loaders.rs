// SPDX-License-Identifier: AGPL-3.0-only
//! Batch loading for idea lists: per-idea fields that need their own rows (topics, the asking
//! user's reaction and follow, official feedback, the status) are read once per request for
//! every idea on the page.
use std::collections::HashMap;

use async_graphql::dataloader::Loader;

use super::FollowTarget;
use super::model::{idea_file, idea_status, official_feedback};
use crate::graphql::{Loaders, to_gql};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct TopicsOf(pub i32);

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct MyReaction(pub i32);

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Follows(pub FollowTarget, pub i32);

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct FeedbackOf(pub i32);

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct StatusCode(pub String);

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct FilesOf(pub i32);

type Failure = async_graphql::Error;

impl Loader<TopicsOf> for Loaders {
    type Value = Vec<i32>;
    type Error = Failure;

    async fn load(&self, keys: &[TopicsOf]) -> Result<HashMap<TopicsOf, Vec<i32>>, Failure> {
        let ids: Vec<i32> = keys.iter().map(|k| k.0).collect();
        let rows = super::service::topics_of(self.platform.db(), &ids).await.map_err(|e| to_gql(e.into()))?;
        let mut out: HashMap<TopicsOf, Vec<i32>> = keys.iter().map(|k| (*k, Vec::new())).collect();
        for row in rows {
            out.entry(TopicsOf(row.idea_id)).or_default().push(row.topic_id);
        }
        Ok(out)
    }
}

impl Loader<MyReaction> for Loaders {
    type Value = String;
    type Error = Failure;

    async fn load(&self, keys: &[MyReaction]) -> Result<HashMap<MyReaction, String>, Failure> {
        let ids: Vec<i32> = keys.iter().map(|k| k.0).collect();
        let mine = self.platform.my_reactions(&self.actor, &ids).await.map_err(to_gql)?;
        Ok(mine.into_iter().map(|(id, mode)| (MyReaction(id), mode)).collect())
    }
}

impl Loader<Follows> for Loaders {
    type Value = bool;
    type Error = Failure;

    async fn load(&self, keys: &[Follows]) -> Result<HashMap<Follows, bool>, Failure> {
        let mut out: HashMap<Follows, bool> = keys.iter().map(|k| (*k, false)).collect();
        for target in [FollowTarget::Idea, FollowTarget::Project] {
            let ids: Vec<i32> = keys.iter().filter(|k| k.0 == target).map(|k| k.1).collect();
            for id in self.platform.followed(&self.actor, target, &ids).await.map_err(to_gql)? {
                out.insert(Follows(target, id), true);
            }
        }
        Ok(out)
    }
}

impl Loader<FeedbackOf> for Loaders {
    type Value = Vec<official_feedback::Model>;
    type Error = Failure;

    async fn load(&self, keys: &[FeedbackOf]) -> Result<HashMap<FeedbackOf, Self::Value>, Failure> {
        let ids: Vec<i32> = keys.iter().map(|k| k.0).collect();
        let rows = self.platform.official_feedback_of(&ids).await.map_err(to_gql)?;
        let mut out: HashMap<FeedbackOf, Self::Value> = keys.iter().map(|k| (*k, Vec::new())).collect();
        for row in rows {
            out.entry(FeedbackOf(row.idea_id)).or_default().push(row);
        }
        Ok(out)
    }
}

impl Loader<StatusCode> for Loaders {
    type Value = idea_status::Model;
    type Error = Failure;

    async fn load(&self, keys: &[StatusCode]) -> Result<HashMap<StatusCode, Self::Value>, Failure> {
        let all = self.platform.idea_statuses().await.map_err(to_gql)?;
        Ok(all
            .into_iter()
            .filter(|s| keys.iter().any(|k| k.0 == s.code))
            .map(|s| (StatusCode(s.code.clone()), s))
            .collect())
    }
}

impl Loader<FilesOf> for Loaders {
    type Value = Vec<idea_file::Model>;
    type Error = Failure;

    async fn load(&self, keys: &[FilesOf]) -> Result<HashMap<FilesOf, Self::Value>, Failure> {
        let ids: Vec<i32> = keys.iter().map(|k| k.0).collect();
        let rows = self.platform.idea_files(&ids).await.map_err(to_gql)?;
        let mut out: HashMap<FilesOf, Self::Value> = keys.iter().map(|k| (*k, Vec::new())).collect();
        for row in rows {
            out.entry(FilesOf(row.idea_id)).or_default().push(row);
        }
        Ok(out)
    }
}
