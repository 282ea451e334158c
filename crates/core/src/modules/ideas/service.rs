// SPDX-License-Identifier: AGPL-3.0-only
//! Posting, editing and deleting ideas. Every write asks the permission engine.
use chrono::Utc;
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder};

use super::counters::trending_score;
use super::files::{Upload, insert_rows, prepare_all};
use super::follows::{FollowTarget, follow_in};
use super::model::{idea, idea_topic};
use crate::db::WriteTxn;
use crate::modules::accounts::model::user;
use crate::modules::ideas::POSTING_IDEA;
use crate::modules::platform::changes::{ChangeAction, record_idea};
use crate::modules::projects::model::{area, phase, topic};
use crate::permissions::{Action, moderates};
use crate::{Actor, CoreError, CoreResult, Platform, db};

/// How a list of ideas is ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, async_graphql::Enum, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum IdeaSort {
    /// Engagement weighed against age (`docs/algorithms.md`).
    Trending,
    MostReacted,
    Newest,
    MostDiscussed,
    /// A shuffle that stays the same for one visitor.
    Random,
    /// Cheapest first; lists only ideas with a cost (participatory budgets).
    CostAsc,
    /// Dearest first; lists only ideas with a cost.
    CostDesc,
}

impl IdeaSort {
    /// The orders of an ideation list.
    pub const ALL: [IdeaSort; 5] =
        [IdeaSort::Trending, IdeaSort::MostReacted, IdeaSort::Newest, IdeaSort::MostDiscussed, IdeaSort::Random];
    /// The orders by cost, for the ideas of a budget.
    pub const BY_COST: [IdeaSort; 2] = [IdeaSort::CostAsc, IdeaSort::CostDesc];

    pub fn as_str(self) -> &'static str {
        match self {
            IdeaSort::Trending => "trending",
            IdeaSort::MostReacted => "most_reacted",
            IdeaSort::Newest => "newest",
            IdeaSort::MostDiscussed => "most_discussed",
            IdeaSort::Random => "random",
            IdeaSort::CostAsc => "cost_asc",
            IdeaSort::CostDesc => "cost_desc",
        }
    }

    pub fn parse(text: &str) -> Option<IdeaSort> {
        IdeaSort::ALL.into_iter().chain(IdeaSort::BY_COST).find(|s| s.as_str() == text)
    }

    /// Whether the order is by cost (and so lists only ideas with one).
    pub fn by_cost(self) -> bool {
        IdeaSort::BY_COST.contains(&self)
    }
}

/// Where an idea is: a point, an address as the author wrote it, or both.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Location {
    pub lat: Option<f64>,
    pub lng: Option<f64>,
    pub address: Option<String>,
}

/// What an author writes when posting or editing an idea.
#[derive(Debug, Clone, Default)]
pub struct IdeaInput {
    pub title: String,
    pub body: String,
    pub topic_ids: Vec<i32>,
    pub area_id: Option<i32>,
    pub location: Option<Location>,
    /// Save without publishing: only the author (and moderators) see it until they publish.
    pub draft: bool,
}

/// An idea with its author's public name (read in the same query batch as the list).
#[derive(Debug, Clone)]
pub struct IdeaView {
    pub idea: idea::Model,
    pub author: Option<String>,
}

/// A page of ideas.
#[derive(Debug, Clone)]
pub struct IdeaPage {
    pub ideas: Vec<IdeaView>,
    /// Each idea's own cursor: pass one as `after` for the ideas that follow it.
    pub cursors: Vec<String>,
    /// Pass as `after` for the next page.
    pub next: Option<String>,
}

fn check_location(location: Option<Location>) -> CoreResult<Location> {
    let Some(mut l) = location else { return Ok(Location::default()) };
    match (l.lat, l.lng) {
        (None, None) => {}
        (Some(lat), Some(lng)) if (-90.0..=90.0).contains(&lat) && (-180.0..=180.0).contains(&lng) => {}
        _ => return Err(CoreError::Field { field: "location", code: "location_invalid" }),
    }
    l.address = l.address.map(|a| a.trim().to_owned()).filter(|a| !a.is_empty());
    if l.address.as_ref().is_some_and(|a| a.chars().count() > 200) {
        return Err(CoreError::Field { field: "address", code: "text_too_long" });
    }
    Ok(l)
}

fn check_text(title: &str, body: &str) -> CoreResult<(String, String)> {
    let (title, body) = (title.trim(), body.trim());
    if !(3..=120).contains(&title.chars().count()) {
        return Err(CoreError::Field { field: "title", code: "title_length" });
    }
    if !(1..=10_000).contains(&body.chars().count()) {
        return Err(CoreError::Field { field: "body", code: "body_length" });
    }
    Ok((title.to_owned(), body.to_owned()))
}

impl Platform {
    pub(crate) async fn phase_by_id(&self, id: i32) -> CoreResult<phase::Model> {
        self.snapshot().await?.phase(id).cloned().ok_or(CoreError::NotFound("phase"))
    }

    /// Fails with the engine's reason unless `actor` may do `action` in the phase.
    pub(crate) async fn require_permission(
        &self,
        actor: &Actor,
        action: Action,
        found: &phase::Model,
    ) -> CoreResult<()> {
        self.permission(actor, action, found).await?.map_err(CoreError::Denied)
    }

    /// Topics and area must exist; returns the topic ids without repeats.
    async fn check_tags(&self, input: &IdeaInput) -> CoreResult<Vec<i32>> {
        let mut topics = input.topic_ids.clone();
        topics.sort_unstable();
        topics.dedup();
        if !topics.is_empty() {
            let known = topic::Entity::find().filter(topic::Column::Id.is_in(topics.clone())).count(self.db()).await?;
            if known as usize != topics.len() {
                return Err(CoreError::Field { field: "topics", code: "topic_unknown" });
            }
        }
        if let Some(area_id) = input.area_id
            && area::Entity::find_by_id(area_id).one(self.db()).await?.is_none()
        {
            return Err(CoreError::Field { field: "area", code: "area_unknown" });
        }
        Ok(topics)
    }

    pub async fn post_idea(&self, actor: &Actor, phase_id: i32, input: IdeaInput) -> CoreResult<idea::Model> {
        self.post_idea_with_files(actor, phase_id, input, Vec::new()).await
    }

    /// Posts an idea with its pictures and attachments: every check (permission, text, tags,
    /// each file) passes before anything is written, and the idea and its files are committed
    /// together.
    pub async fn post_idea_with_files(
        &self,
        actor: &Actor,
        phase_id: i32,
        input: IdeaInput,
        uploads: Vec<Upload>,
    ) -> CoreResult<idea::Model> {
        let found = self.phase_by_id(phase_id).await?;
        self.require_permission(actor, POSTING_IDEA, &found).await?;
        let (title, body) = check_text(&input.title, &input.body)?;
        self.refuse_profanity("title", &title).await?;
        self.refuse_profanity("body", &body).await?;
        let location = check_location(input.location.clone())?;
        let topics = self.check_tags(&input).await?;
        let prepared = prepare_all(self, actor, uploads, &[]).await?;
        let now = Utc::now();
        let txn = db::begin_write(self.db()).await?;
        let saved = idea::ActiveModel {
            project_id: Set(found.project_id),
            phase_id: Set(found.id),
            author_id: Set(actor.user_id()),
            search_text: Set(super::search_text(&title, &body)),
            published_at: Set((!input.draft).then_some(now)),
            title: Set(title),
            body: Set(body),
            status: Set("proposed".into()),
            reactions_up: Set(0),
            reactions_down: Set(0),
            comments_count: Set(0),
            created_at: Set(now),
            updated_at: Set(now),
            trending_score: Set(trending_score(0, 0, 0, now)),
            area_id: Set(input.area_id),
            location_lat: Set(location.lat),
            location_lng: Set(location.lng),
            location_address: Set(location.address),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
        super::scoped_search::index_idea(&txn, saved.id, saved.project_id, saved.phase_id, &saved.search_text).await?;
        set_topics(&txn, saved.id, &topics).await?;
        if let Some(user_id) = actor.user_id() {
            follow_in(&txn, user_id, FollowTarget::Idea, saved.id).await?;
        }
        // The id is known only now; the files are stored under it before the commit.
        let keys = self.store_files(saved.id, &prepared).await?;
        let committed = async {
            insert_rows(&txn, saved.id, &prepared, &keys).await?;
            if saved.published_at.is_some() {
                self.tell_moderators(&txn, actor, &saved).await?;
            }
            record_idea(&txn, &saved, ChangeAction::Created).await?;
            txn.commit().await.map_err(CoreError::from)
        }
        .await;
        if let Err(e) = committed {
            self.forget_files(keys).await;
            return Err(e);
        }
        Ok(saved)
    }

    /// The project's moderators hear of a new idea, and so do the modules (`idea.published`).
    async fn tell_moderators(&self, txn: &crate::db::WriteTxn, actor: &Actor, saved: &idea::Model) -> CoreResult<()> {
        let mut moderators = crate::modules::notifications::moderators_of(txn, saved.project_id).await?;
        for module in self.registry().modules() {
            moderators.extend(module.project_moderators(self, txn, saved.project_id).await?);
        }
        let notice = crate::modules::notifications::Notice {
            kind: "new_idea",
            link: format!("/ideas/{}", saved.id),
            values: vec![
                ("idea", saved.title.clone()),
                ("actor", actor.viewer().map(|v| v.display_name.clone()).unwrap_or_default()),
            ],
        };
        self.notify(txn, actor, moderators, &notice).await?;
        let path = format!("/ideas/{}", saved.id);
        let data = serde_json::json!({
            "id": saved.id, "title": saved.title, "project_id": saved.project_id, "phase_id": saved.phase_id,
            "url": self.public_url(&path),
        });
        self.publish(txn, crate::events::PlatformEvent { kind: "idea.published", data }).await
    }

    /// The author may edit and delete while the phase still lets them post; moderators always.
    pub(super) async fn idea_for_change(&self, actor: &Actor, id: i32) -> CoreResult<idea::Model> {
        let found = self.idea_by_id(actor, id).await?.ok_or(CoreError::NotFound("idea"))?.idea;
        if moderates(actor, found.project_id) {
            return Ok(found);
        }
        if actor.user_id().is_none() {
            return Err(CoreError::NotSignedIn);
        }
        if found.author_id != actor.user_id() {
            return Err(CoreError::Forbidden);
        }
        self.require_permission(actor, POSTING_IDEA, &self.phase_by_id(found.phase_id).await?).await?;
        Ok(found)
    }

    pub async fn update_idea(&self, actor: &Actor, id: i32, input: IdeaInput) -> CoreResult<idea::Model> {
        self.update_idea_with_files(actor, id, input, Vec::new(), &[]).await
    }

    /// Edits an idea, adds `uploads` and removes the files `remove` names, all or nothing.
    pub async fn update_idea_with_files(
        &self,
        actor: &Actor,
        id: i32,
        input: IdeaInput,
        uploads: Vec<Upload>,
        remove: &[i32],
    ) -> CoreResult<idea::Model> {
        let found = self.idea_for_change(actor, id).await?;
        let (title, body) = check_text(&input.title, &input.body)?;
        self.refuse_profanity("title", &title).await?;
        self.refuse_profanity("body", &body).await?;
        let location = check_location(input.location.clone())?;
        let topics = self.check_tags(&input).await?;
        let (removed, kept): (Vec<_>, Vec<_>) =
            self.idea_files(&[found.id]).await?.into_iter().partition(|f| remove.contains(&f.id));
        let prepared = prepare_all(self, actor, uploads, &kept).await?;
        let keys = self.store_files(found.id, &prepared).await?;
        let written =
            self.save_idea_changes(found, title, body, location, &input, &topics, &removed, &prepared, &keys).await;
        match written {
            Ok(saved) => {
                self.forget_files(removed.into_iter().map(|f| f.key).collect()).await;
                Ok(saved)
            }
            Err(e) => {
                self.forget_files(keys).await;
                Err(e)
            }
        }
    }

    /// The transaction of an edit: the idea, its topics, and its file rows.
    #[allow(clippy::too_many_arguments)]
    async fn save_idea_changes(
        &self,
        found: idea::Model,
        title: String,
        body: String,
        location: Location,
        input: &IdeaInput,
        topics: &[i32],
        removed: &[super::model::idea_file::Model],
        prepared: &[super::files::Prepared],
        keys: &[String],
    ) -> CoreResult<idea::Model> {
        let txn = db::begin_write(self.db()).await?;
        let mut active: idea::ActiveModel = found.into();
        active.search_text = Set(super::search_text(&title, &body));
        active.title = Set(title);
        active.body = Set(body);
        active.area_id = Set(input.area_id);
        active.location_lat = Set(location.lat);
        active.location_lng = Set(location.lng);
        active.location_address = Set(location.address);
        active.updated_at = Set(Utc::now());
        let saved = active.update(&txn).await?;
        super::scoped_search::index_idea(&txn, saved.id, saved.project_id, saved.phase_id, &saved.search_text).await?;
        set_topics(&txn, saved.id, topics).await?;
        let gone: Vec<i32> = removed.iter().map(|f| f.id).collect();
        if !gone.is_empty() {
            super::model::idea_file::Entity::delete_many()
                .filter(super::model::idea_file::Column::Id.is_in(gone))
                .exec(&txn)
                .await?;
        }
        insert_rows(&txn, saved.id, prepared, keys).await?;
        record_idea(&txn, &saved, ChangeAction::Updated).await?;
        txn.commit().await?;
        Ok(saved)
    }

    pub async fn delete_idea(&self, actor: &Actor, id: i32) -> CoreResult<()> {
        let found = self.idea_for_change(actor, id).await?;
        let files = self.idea_files(&[found.id]).await?;
        let txn = db::begin_write(self.db()).await?;
        if !crate::modules::voting::freeze::counted_ideas(&txn, &[found.id]).await?.is_empty() {
            return Err(CoreError::Field { field: "idea", code: "idea_has_votes" });
        }
        idea::Entity::delete_by_id(found.id).exec(&txn).await?;
        // Its comments go with it: a copy drops them with the idea.
        record_idea(&txn, &found, ChangeAction::Removed).await?;
        txn.commit().await?;
        self.forget_files(files.into_iter().map(|f| f.key).collect()).await;
        Ok(())
    }

    /// Whether `actor` may edit or delete the idea now (the pages show the links only then).
    pub async fn may_change_idea(&self, actor: &Actor, id: i32) -> bool {
        self.idea_for_change(actor, id).await.is_ok()
    }

    /// An idea's topic ids.
    pub async fn idea_topic_ids(&self, id: i32) -> CoreResult<Vec<i32>> {
        Ok(topics_of(self.db(), &[id]).await?.into_iter().map(|t| t.topic_id).collect())
    }

    /// One idea, if its project is visible to `actor`.
    pub async fn idea_by_id(&self, actor: &Actor, id: i32) -> CoreResult<Option<IdeaView>> {
        let Some(found) = idea::Entity::find_by_id(id).one(self.db()).await? else { return Ok(None) };
        if !self
            .snapshot()
            .await?
            .project(found.project_id)
            .is_some_and(|p| crate::modules::projects::can_see(actor, p))
        {
            return Ok(None);
        }
        // A draft shows only to its author and the project's moderators.
        let own = actor.user_id().is_some() && found.author_id == actor.user_id();
        if found.published_at.is_none() && !own && !moderates(actor, found.project_id) {
            return Ok(None);
        }
        // So does an idea a moderator hid: its author sees why.
        if found.hidden_at.is_some() && !own && !moderates(actor, found.project_id) {
            return Ok(None);
        }
        Ok(self.with_authors(vec![found]).await?.pop())
    }

    /// Publishes a draft (its author while posting is open to them, or a moderator).
    pub async fn publish_idea(&self, actor: &Actor, id: i32) -> CoreResult<idea::Model> {
        let found = self.idea_for_change(actor, id).await?;
        if found.published_at.is_some() {
            return Ok(found);
        }
        let now = Utc::now();
        let txn = db::begin_write(self.db()).await?;
        let mut active: idea::ActiveModel = found.into();
        // A draft enters the lists as new: its age counts from publication.
        active.published_at = Set(Some(now));
        active.created_at = Set(now);
        active.trending_score = Set(trending_score(0, 0, 0, now));
        let saved = active.update(&txn).await?;
        super::counters::recount_in(&txn, saved.id).await?;
        self.tell_moderators(&txn, actor, &saved).await?;
        record_idea(&txn, &saved, ChangeAction::Created).await?;
        txn.commit().await?;
        Ok(saved)
    }

    /// The actor's drafts in a phase, newest first.
    pub async fn my_drafts(&self, actor: &Actor, phase_id: i32) -> CoreResult<Vec<idea::Model>> {
        let Some(user_id) = actor.user_id() else { return Ok(Vec::new()) };
        Ok(idea::Entity::find()
            .filter(idea::Column::AuthorId.eq(user_id))
            .filter(idea::Column::PublishedAt.is_null())
            .filter(idea::Column::PhaseId.eq(phase_id))
            .order_by_desc(idea::Column::Id)
            .all(self.db())
            .await?)
    }

    pub(super) async fn with_authors(&self, ideas: Vec<idea::Model>) -> CoreResult<Vec<IdeaView>> {
        let ids: Vec<i32> = ideas.iter().filter_map(|i| i.author_id).collect();
        let authors = if ids.is_empty() {
            Vec::new()
        } else {
            user::Entity::find().filter(user::Column::Id.is_in(ids)).all(self.db()).await?
        };
        Ok(ideas
            .into_iter()
            .map(|idea| {
                let author =
                    idea.author_id.and_then(|a| authors.iter().find(|u| u.id == a)).map(|u| u.display_name.clone());
                IdeaView { idea, author }
            })
            .collect())
    }
}

impl Platform {
    /// A phase by id (for pages that start from an idea).
    pub async fn phase_of(&self, id: i32) -> CoreResult<phase::Model> {
        self.phase_by_id(id).await
    }

    /// The slug of the project a phase belongs to.
    pub async fn project_slug_of_phase(&self, phase_id: i32) -> CoreResult<Option<String>> {
        let found = self.phase_by_id(phase_id).await?;
        Ok(self.snapshot().await?.project(found.project_id).map(|p| p.slug.clone()))
    }
}

/// Replaces an idea's topics inside the caller's transaction.
async fn set_topics(txn: &WriteTxn, idea_id: i32, topics: &[i32]) -> Result<(), sea_orm::DbErr> {
    idea_topic::Entity::delete_many().filter(idea_topic::Column::IdeaId.eq(idea_id)).exec(txn).await?;
    if topics.is_empty() {
        return Ok(());
    }
    let rows =
        topics.iter().map(|&topic_id| idea_topic::ActiveModel { idea_id: Set(idea_id), topic_id: Set(topic_id) });
    idea_topic::Entity::insert_many(rows).exec(txn).await?;
    Ok(())
}

/// An idea's topic ids, for several ideas in one query.
pub(super) async fn topics_of(
    db: &sea_orm::DatabaseConnection,
    ideas: &[i32],
) -> Result<Vec<idea_topic::Model>, sea_orm::DbErr> {
    if ideas.is_empty() {
        return Ok(Vec::new());
    }
    idea_topic::Entity::find().filter(idea_topic::Column::IdeaId.is_in(ideas.to_vec())).all(db).await
}
