// SPDX-License-Identifier: AGPL-3.0-only
//! `townhall seed --demo`: an empty platform becomes a small, lived-in town. Everything goes
//! through the services, so permissions, counters, follows and the audit log are as real use
//! would leave them.
use std::collections::BTreeMap;

use chrono::{Duration, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveValue::Set, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};

use super::demo_content::{AREAS, DemoProject, PROJECTS, RESIDENTS, Stage, TOPICS, Tri};
use super::{Progress, pictures};
use crate::modules::accounts::model::user;
use crate::modules::ideas::model::idea;
use crate::modules::ideas::{FileKind, IdeaInput, ReactionMode, Upload};
use crate::modules::projects::model::project;
use crate::modules::projects::{ARCHIVED, PUBLIC, PUBLISHED, PhaseInput, ProjectChanges, Taxonomy};
use crate::{Actor, CoreError, CoreResult, Platform, Viewer, db};

/// What the demo holds, for the command's summary.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct DemoReport {
    pub projects: usize,
    pub ideas: usize,
    pub residents: Vec<String>,
    pub password: String,
}

fn tri(text: &Tri) -> BTreeMap<String, String> {
    ["en", "nl", "fr"].iter().zip(text).map(|(l, t)| ((*l).to_owned(), (*t).to_owned())).collect()
}

impl Platform {
    /// Fills an empty platform with the demo. Refuses when a project exists already, so it can
    /// never mix with real content.
    pub async fn seed_demo(&self, password: &str, progress: &dyn Progress) -> CoreResult<DemoReport> {
        if project::Entity::find().count(self.db()).await? > 0 {
            return Err(CoreError::Field { field: "platform", code: "platform_not_empty" });
        }
        // The demo's residents are made up: nothing is mailed to them (sign-up confirmations,
        // notices, receipts), whatever the mail configuration.
        let _muted = self.mute_mail();
        let op = &Actor::Operator;
        let total = RESIDENTS.len() + PROJECTS.iter().map(|p| 1 + p.ideas.len()).sum::<usize>();
        progress.stage("demo", total as u64);
        let residents = self.demo_residents(password, progress).await?;
        let mut topics = Vec::new();
        for (i, t) in TOPICS.iter().enumerate() {
            topics.push(self.create_term(op, Taxonomy::Topic, tri(t), i as i32).await?.id);
        }
        let mut areas = Vec::new();
        for (i, a) in AREAS.iter().enumerate() {
            areas.push(self.create_term(op, Taxonomy::Area, tri(a), i as i32).await?.id);
        }
        let mut report = DemoReport {
            residents: residents.iter().filter_map(|a| a.viewer().map(|v| v.email.clone())).collect(),
            password: password.to_owned(),
            ..DemoReport::default()
        };
        for (position, demo) in PROJECTS.iter().enumerate() {
            report.ideas += self.demo_project(demo, position as i32, &residents, &topics, &areas, progress).await?;
            report.projects += 1;
        }
        report.projects += self.demo_methods(&residents, PROJECTS.len() as i32).await?;
        Ok(report)
    }

    /// Confirmed residents sharing one password (hashed once).
    async fn demo_residents(&self, password: &str, progress: &dyn Progress) -> CoreResult<Vec<Actor>> {
        let hash = crate::modules::accounts::password::hash(password).await?;
        let now = Utc::now();
        let mut out = Vec::new();
        for (handle, name, locale) in RESIDENTS {
            let email = format!("{handle}@demo.example");
            let txn = db::begin_write(self.db()).await?;
            let saved = user::Entity::insert(user::ActiveModel {
                email: Set(email.clone()),
                email_confirmed_at: Set(Some(now)),
                password_hash: Set(hash.clone()),
                display_name: Set((*name).to_owned()),
                locale: Set((*locale).to_owned()),
                session_version: Set(0),
                created_at: Set(now),
                updated_at: Set(now),
                ..Default::default()
            })
            .exec(&txn)
            .await?;
            txn.commit().await?;
            out.push(Actor::User(Viewer {
                id: saved.last_insert_id,
                email,
                display_name: (*name).to_owned(),
                locale: (*locale).to_owned(),
                roles: Vec::new(),
                email_confirmed: true,
                session_version: 0,
                groups: Vec::new(),
                verified: false,
                registration_incomplete: false,
                session_id: None,
                identity: None,
            }));
            progress.advance(1);
        }
        Ok(out)
    }

    /// One project with its timeline and ideas; returns the number of ideas.
    async fn demo_project(
        &self,
        demo: &DemoProject,
        position: i32,
        residents: &[Actor],
        topics: &[i32],
        areas: &[i32],
        progress: &dyn Progress,
    ) -> CoreResult<usize> {
        let op = &Actor::Operator;
        let now = Utc::now();
        let changes = ProjectChanges {
            slug: Some(demo.slug.to_owned()),
            title: Some(tri(&demo.title)),
            description: Some(tri(&demo.description)),
            visibility: Some(PUBLIC.to_owned()),
            position: Some(position),
            ..Default::default()
        };
        let created = self.create_project(op, changes).await?;
        self.set_project_header(op, created.id, pictures::landscape(position as usize + 1)).await?;
        let topic = topics[position as usize % topics.len()];
        self.set_project_terms(op, created.id, Some(&[topic]), None).await?;
        let phase_title = |t: &Tri| tri(t);
        let ideation = PhaseInput {
            title: phase_title(&["Share your ideas", "Deel je ideeën", "Partagez vos idées"]),
            description: BTreeMap::new(),
            method: crate::modules::ideas::IDEATION.id.into(),
            start_at: Some(now - Duration::days(45)),
            end_at: None,
        };
        if demo.stage == Stage::Draft {
            let later = PhaseInput { start_at: Some(now + Duration::days(20)), ..ideation };
            self.create_phase(op, created.id, later).await?;
            progress.advance(1);
            return Ok(0);
        }
        let phase = self.create_phase(op, created.id, ideation.clone()).await?;
        if demo.dislikes {
            let settings = serde_json::json!({ "dislikes": true });
            self.update_phase_settings(op, phase.id, settings.as_object().unwrap_or(&Default::default())).await?;
        }
        self.set_project_status(op, created.id, PUBLISHED).await?;
        progress.advance(1);

        let statuses = self.idea_statuses().await?;
        let mut posted_ids = Vec::new();
        for (n, d) in demo.ideas.iter().enumerate() {
            let input = IdeaInput {
                title: d.title.to_owned(),
                body: d.body.to_owned(),
                topic_ids: d.topic.map(|t| topics[t]).into_iter().collect(),
                area_id: d.area.map(|a| areas[a]),
                location: None,
                draft: false,
            };
            // The first two ideas of a project come with a drawn picture.
            let uploads = if n < 2 {
                vec![Upload {
                    kind: FileKind::Image,
                    name: "picture.png".into(),
                    bytes: pictures::landscape(n + position as usize),
                }]
            } else {
                Vec::new()
            };
            let posted = self.post_idea_with_files(&residents[d.author], phase.id, input, uploads).await?;
            for k in 0..d.supports {
                self.react(&residents[(d.author + 1 + k) % residents.len()], posted.id, ReactionMode::Up).await?;
            }
            for (who, text) in d.comments {
                self.post_comment(&residents[*who], posted.id, None, text).await?;
            }
            if let Some((code, feedback)) = d.answer {
                let status = statuses.iter().find(|s| s.code == code).map(|s| s.id).unwrap_or_default();
                self.set_idea_status(op, posted.id, status, Some(feedback)).await?;
            }
            // Spread the ideas over the past weeks, as if posted one by one.
            self.backdate_idea(posted.id, now - Duration::days(40 - 6 * n as i64)).await?;
            posted_ids.push(posted.id);
            progress.advance(1);
        }

        if demo.stage == Stage::Voting {
            self.demo_budget(created.id, phase.id, ideation.clone(), &posted_ids, residents).await?;
        }
        if matches!(demo.stage, Stage::Answering | Stage::Archived) {
            let ended = PhaseInput {
                start_at: Some(now - Duration::days(45)),
                end_at: Some(now - Duration::days(5)),
                ..ideation
            };
            self.update_phase(op, phase.id, ended).await?;
            let info = PhaseInput {
                title: phase_title(&["What happens next", "Wat er nu gebeurt", "La suite"]),
                description: BTreeMap::new(),
                method: crate::modules::projects::INFORMATION.id.into(),
                start_at: Some(now - Duration::days(5)),
                end_at: None,
            };
            self.create_phase(op, created.id, info).await?;
        }
        if demo.stage == Stage::Archived {
            self.set_project_status(op, created.id, ARCHIVED).await?;
        }
        Ok(demo.ideas.len())
    }

    /// Ends collecting, opens a budgeting phase (€100,000) over the ideas with their costs, and
    /// lets most residents submit a basket.
    async fn demo_budget(
        &self,
        project: i32,
        collecting: i32,
        ideation: PhaseInput,
        ideas: &[i32],
        residents: &[Actor],
    ) -> CoreResult<()> {
        let op = &Actor::Operator;
        let now = Utc::now();
        let ended = PhaseInput { end_at: Some(now - Duration::days(5)), ..ideation };
        self.update_phase(op, collecting, ended).await?;
        let voting = PhaseInput {
            title: tri(&["Spend the budget", "Verdeel het budget", "Répartissez le budget"]),
            description: BTreeMap::new(),
            method: crate::modules::voting::VOTING.into(),
            start_at: Some(now - Duration::days(5)),
            end_at: None,
        };
        let phase = self.create_phase(op, project, voting).await?;
        let settings = serde_json::json!({ "voting_method": "budgeting", "budget": 100_000, "min_spend_percent": 50 });
        self.update_phase_settings(op, phase.id, settings.as_object().unwrap_or(&Default::default())).await?;
        for (n, idea) in ideas.iter().enumerate() {
            self.set_idea_cost(op, *idea, Some(25_000 + 10_000 * n as i64)).await?;
        }
        // Each voter takes two ideas next to each other in the list: always within the budget.
        for (k, voter) in residents.iter().enumerate().take(residents.len() - 2) {
            for idea in [ideas[k % ideas.len()], ideas[(k + 1) % ideas.len()]] {
                self.add_to_basket(voter, phase.id, idea, 1).await?;
            }
            self.submit_basket(voter, phase.id).await?;
        }
        Ok(())
    }

    /// Moves an idea's posting time and recomputes its trending score.
    async fn backdate_idea(&self, id: i32, at: chrono::DateTime<Utc>) -> CoreResult<()> {
        let txn = self.lock_idea(id).await?;
        idea::Entity::update_many()
            .col_expr(idea::Column::CreatedAt, Expr::value(at))
            .col_expr(idea::Column::UpdatedAt, Expr::value(at))
            .col_expr(idea::Column::PublishedAt, Expr::value(at))
            .filter(idea::Column::Id.eq(id))
            .exec(&txn)
            .await?;
        crate::modules::ideas::counters::recount_in(&txn, id).await?;
        txn.commit().await?;
        Ok(())
    }
}
