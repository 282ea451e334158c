// SPDX-License-Identifier: AGPL-3.0-only
//! Every project with its phases and the phases' stored permissions, kept in memory. Nearly
//! every page and every act of participation reads them (which project, which phase, who may
//! do what), and they change only when staff edit a project. Each change on this instance
//! forgets the copy once committed; another instance on the same PostgreSQL sees a change
//! after `cache::TTL` at most, as with the other reference data (decision 0017).
//!
//! Reads inside a write transaction that must see the latest rows (a phase locked for a
//! ballot, a project about to change) still go to the database.
use std::collections::HashMap;
use std::sync::Arc;

use sea_orm::{DatabaseConnection, EntityTrait, QueryOrder};

use super::model::{permission, phase, project};
use crate::{CoreResult, Platform};

/// The projects, phases and stored permissions as of one moment.
#[derive(Debug, Default)]
pub struct Snapshot {
    /// In home-page order.
    projects: Vec<project::Model>,
    by_id: HashMap<i32, usize>,
    by_slug: HashMap<String, usize>,
    /// In time order.
    phases: Vec<phase::Model>,
    phase_by_id: HashMap<i32, usize>,
    phases_by_project: HashMap<i32, Vec<usize>>,
    permissions: HashMap<i32, Vec<permission::Model>>,
}

impl Snapshot {
    async fn load(db: &DatabaseConnection) -> CoreResult<Self> {
        let projects = project::Entity::find()
            .order_by_asc(project::Column::Position)
            .order_by_asc(project::Column::Id)
            .all(db)
            .await?;
        let phases =
            phase::Entity::find().order_by_asc(phase::Column::StartAt).order_by_asc(phase::Column::Id).all(db).await?;
        let stored = permission::Entity::find().all(db).await?;
        let mut snapshot = Snapshot {
            by_id: projects.iter().enumerate().map(|(n, p)| (p.id, n)).collect(),
            by_slug: projects.iter().enumerate().map(|(n, p)| (p.slug.clone(), n)).collect(),
            phase_by_id: phases.iter().enumerate().map(|(n, p)| (p.id, n)).collect(),
            ..Default::default()
        };
        for (n, found) in phases.iter().enumerate() {
            snapshot.phases_by_project.entry(found.project_id).or_default().push(n);
        }
        for row in stored {
            snapshot.permissions.entry(row.phase_id).or_default().push(row);
        }
        snapshot.projects = projects;
        snapshot.phases = phases;
        Ok(snapshot)
    }

    /// Every project, in home-page order.
    pub fn projects(&self) -> &[project::Model] {
        &self.projects
    }

    pub fn project(&self, id: i32) -> Option<&project::Model> {
        self.by_id.get(&id).map(|&n| &self.projects[n])
    }

    pub fn project_by_slug(&self, slug: &str) -> Option<&project::Model> {
        self.by_slug.get(slug).map(|&n| &self.projects[n])
    }

    pub fn phase(&self, id: i32) -> Option<&phase::Model> {
        self.phase_by_id.get(&id).map(|&n| &self.phases[n])
    }

    /// Every phase, in time order.
    pub fn phases(&self) -> &[phase::Model] {
        &self.phases
    }

    /// A project's phases, in time order.
    pub fn phases_of(&self, project_id: i32) -> impl Iterator<Item = &phase::Model> {
        self.phases_by_project.get(&project_id).into_iter().flatten().map(|&n| &self.phases[n])
    }

    /// A phase's stored permissions (actions without a row use the default).
    pub fn permissions_of(&self, phase_id: i32) -> &[permission::Model] {
        self.permissions.get(&phase_id).map_or(&[], Vec::as_slice)
    }
}

impl Platform {
    /// The projects, phases and permissions, from memory when the copy is fresh.
    pub(crate) async fn snapshot(&self) -> CoreResult<Arc<Snapshot>> {
        self.reference().projects.get_or_load(|| Snapshot::load(self.db())).await
    }

    /// Forgets the in-memory projects, phases and permissions: every service that changes
    /// them calls this after its transaction is committed (modules' services too).
    pub fn forget_projects(&self) {
        self.reference().projects.forget();
    }
}
