// SPDX-License-Identifier: AGPL-3.0-only
//! The projects module's open data: the projects anyone may see, and their phases.
use crate::CoreResult;
use crate::open_data::FieldType::{Boolean, DateTime, Integer, Text};
use crate::open_data::dictionary::{field, in_language};
use crate::open_data::rows::{base, per_language};
use crate::open_data::{Cell, Cursor, DatasetSource, Field, Page, Scope};
use crate::{Actor, Platform};

const PROJECTS: &[Field] = &[
    field("id", Integer, "open-data-projects-id"),
    field("slug", Text, "open-data-projects-slug"),
    in_language("title_en", "en", "open-data-title-in"),
    in_language("title_nl", "nl", "open-data-title-in"),
    in_language("title_fr", "fr", "open-data-title-in"),
    field("status", Text, "open-data-projects-status"),
    field("starts_at", DateTime, "open-data-projects-starts-at"),
    field("ends_at", DateTime, "open-data-projects-ends-at"),
    field("created_at", DateTime, "open-data-projects-created-at"),
    field("url", Text, "open-data-projects-url"),
];

const PHASES: &[Field] = &[
    field("id", Integer, "open-data-phases-id"),
    field("project_id", Integer, "open-data-project-id"),
    in_language("title_en", "en", "open-data-title-in"),
    in_language("title_nl", "nl", "open-data-title-in"),
    in_language("title_fr", "fr", "open-data-title-in"),
    field("method", Text, "open-data-phases-method"),
    field("starts_at", DateTime, "open-data-phases-starts-at"),
    field("ends_at", DateTime, "open-data-phases-ends-at"),
    field("results_public", Boolean, "open-data-phases-results-public"),
];

pub(super) struct Projects;

#[async_trait::async_trait]
impl DatasetSource for Projects {
    fn name(&self) -> &'static str {
        "projects"
    }

    fn fields(&self) -> &'static [Field] {
        PROJECTS
    }

    async fn count(&self, _platform: &Platform, scope: &Scope) -> CoreResult<u64> {
        Ok(scope.projects.len() as u64)
    }

    async fn page(&self, platform: &Platform, scope: &Scope, _cursor: Cursor) -> CoreResult<Page> {
        Ok(projects(platform, scope))
    }
}

pub(super) struct Phases;

#[async_trait::async_trait]
impl DatasetSource for Phases {
    fn name(&self) -> &'static str {
        "phases"
    }

    fn fields(&self) -> &'static [Field] {
        PHASES
    }

    async fn count(&self, _platform: &Platform, scope: &Scope) -> CoreResult<u64> {
        Ok(scope.phases.len() as u64)
    }

    async fn page(&self, platform: &Platform, scope: &Scope, _cursor: Cursor) -> CoreResult<Page> {
        Ok(phases(platform, scope).await)
    }
}

fn projects(p: &Platform, scope: &Scope) -> Page {
    let rows = scope
        .projects
        .iter()
        .map(|pr| {
            let mine: Vec<&super::model::phase::Model> =
                scope.phases.iter().filter(|ph| ph.project_id == pr.id).collect();
            let starts = mine.iter().map(|ph| ph.start_at).min();
            // Open-ended while a phase has no end.
            let ends = if mine.iter().any(|ph| ph.end_at.is_none()) {
                None
            } else {
                mine.iter().filter_map(|ph| ph.end_at).max()
            };
            let mut row = vec![Cell::from(pr.id), Cell::from(pr.slug.clone())];
            row.extend(per_language(&pr.title));
            row.extend([
                Cell::from(pr.status.clone()),
                Cell::from(starts),
                Cell::from(ends),
                Cell::from(pr.created_at),
                Cell::from(format!("{}/projects/{}", base(p), pr.slug)),
            ]);
            row
        })
        .collect();
    Page { rows, next: Cursor::Done, steps: scope.projects.len() as u64 }
}

async fn phases(p: &Platform, scope: &Scope) -> Page {
    let mut rows = Vec::with_capacity(scope.phases.len());
    for ph in &scope.phases {
        let mut row = vec![Cell::from(ph.id), Cell::from(ph.project_id)];
        row.extend(per_language(&ph.title));
        row.extend([
            Cell::from(ph.method.clone()),
            Cell::from(ph.start_at),
            Cell::from(ph.end_at),
            // The rule of the results pages, for a visitor who is not signed in.
            Cell::from(p.phase_results_open(&Actor::Anonymous, ph).await),
        ]);
        rows.push(row);
    }
    Page { rows, next: Cursor::Done, steps: scope.phases.len() as u64 }
}
