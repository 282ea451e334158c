// SPDX-License-Identifier: AGPL-3.0-only
//! The rows of each dataset, a page at a time: one keyset query per page of ideas and one
//! batched query per thing its rows name (topics), never one per row; one phase per page of
//! results, read through the results pages' own services.
use std::collections::{HashMap, HashSet};

use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect};

use super::{Cell, Cursor, Dataset, PAGE_ROWS, Row, Scope};
use crate::modules::ideas::model::{idea, idea_topic};
use crate::modules::ideas::public_condition;
use crate::modules::polls::POLL;
use crate::modules::projects::Taxonomy;
use crate::modules::projects::model::phase;
use crate::modules::projects::multiloc::Multiloc;
use crate::modules::voting::{VOTING, VotingMethod};
use crate::{Actor, CoreError, CoreResult, Platform};

pub(super) struct Page {
    pub rows: Vec<Row>,
    pub next: Cursor,
    /// Progress steps this page did.
    pub steps: u64,
}

/// The steps of a whole dataset (rows; phases for results).
pub(super) async fn count(p: &Platform, dataset: Dataset, scope: &Scope) -> CoreResult<u64> {
    Ok(match dataset {
        Dataset::Projects => scope.projects.len() as u64,
        Dataset::Phases => scope.phases.len() as u64,
        Dataset::Ideas => public_ideas(scope).count(p.db()).await?,
        Dataset::VotingResults => of_method(scope, VOTING, Cursor::Start).count() as u64,
        Dataset::PollResults => of_method(scope, POLL, Cursor::Start).count() as u64,
    })
}

pub(super) async fn page(p: &Platform, dataset: Dataset, scope: &Scope, cursor: Cursor) -> CoreResult<Page> {
    match dataset {
        Dataset::Projects => Ok(projects(p, scope)),
        Dataset::Phases => Ok(phases(p, scope).await),
        Dataset::Ideas => ideas(p, scope, cursor).await,
        Dataset::VotingResults => voting_results(p, scope, cursor).await,
        Dataset::PollResults => poll_results(p, scope, cursor).await,
    }
}

/// The text of a multilingual value in each of the languages the dictionary has columns for.
fn per_language(stored: &str) -> impl Iterator<Item = Cell> {
    let text = Multiloc::parse(stored);
    let languages: Vec<Cell> =
        crate::i18n::LOCALES.iter().map(|l| Cell::from(text.0.get(*l).filter(|t| !t.is_empty()).cloned())).collect();
    languages.into_iter()
}

fn base(p: &Platform) -> &str {
    p.base_url().trim_end_matches('/')
}

fn projects(p: &Platform, scope: &Scope) -> Page {
    let rows = scope
        .projects
        .iter()
        .map(|pr| {
            let mine: Vec<&phase::Model> = scope.phases.iter().filter(|ph| ph.project_id == pr.id).collect();
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

/// The public ideas of the projects anyone may see.
fn public_ideas(scope: &Scope) -> sea_orm::Select<idea::Entity> {
    let projects: Vec<i32> = scope.projects.iter().map(|p| p.id).collect();
    idea::Entity::find().filter(public_condition()).filter(idea::Column::ProjectId.is_in(projects))
}

/// A page of public ideas by id. The page is read along the primary key and the projects are
/// checked here: with the projects in the query, the database would read every remaining
/// idea of each project for every page (quadratic on a platform of 200,000 ideas). A page
/// may then hold fewer rows than it read; reading goes on while pages come back full.
async fn ideas(p: &Platform, scope: &Scope, cursor: Cursor) -> CoreResult<Page> {
    let mut query = idea::Entity::find().filter(public_condition());
    if let Cursor::After(id) = cursor {
        query = query.filter(idea::Column::Id.gt(id));
    }
    let mut list = query.order_by_asc(idea::Column::Id).limit(PAGE_ROWS).all(p.db()).await?;
    let next = match list.last() {
        Some(last) if list.len() as u64 == PAGE_ROWS => Cursor::After(last.id),
        _ => Cursor::Done,
    };
    let projects: HashSet<i32> = scope.projects.iter().map(|p| p.id).collect();
    list.retain(|i| projects.contains(&i.project_id));
    let ids: Vec<i32> = list.iter().map(|i| i.id).collect();
    let tags = idea_topic::Entity::find().filter(idea_topic::Column::IdeaId.is_in(ids)).all(p.db()).await?;
    let topics: HashMap<i32, String> =
        p.terms(Taxonomy::Topic).await?.into_iter().map(|t| (t.id, t.text(scope.locale))).collect();
    let areas: HashMap<i32, String> =
        p.terms(Taxonomy::Area).await?.into_iter().map(|t| (t.id, t.text(scope.locale))).collect();
    let categories: HashMap<String, String> =
        p.idea_statuses().await?.into_iter().map(|s| (s.code, s.category)).collect();
    let rows = list
        .iter()
        .map(|i| {
            let names: Vec<&str> = tags
                .iter()
                .filter(|t| t.idea_id == i.id)
                .filter_map(|t| topics.get(&t.topic_id).map(String::as_str))
                .collect();
            vec![
                Cell::from(i.id),
                Cell::from(i.project_id),
                Cell::from(i.phase_id),
                Cell::from(i.title.clone()),
                Cell::from(crate::exports::plain(&i.body)),
                Cell::from(i.status.clone()),
                // The core status it counts as, the same on every platform.
                Cell::from(categories.get(&i.status).cloned().unwrap_or_else(|| i.status.clone())),
                Cell::from((!names.is_empty()).then(|| names.join("; "))),
                Cell::from(i.area_id.and_then(|a| areas.get(&a).cloned())),
                Cell::from(i.published_at),
                Cell::from(i.reactions_up),
                Cell::from(i.reactions_down),
                Cell::from(i.comments_count),
                Cell::from(i.cost),
                Cell::from(i.location_lat),
                Cell::from(i.location_lng),
                Cell::from(format!("{}/ideas/{}", base(p), i.id)),
            ]
        })
        .collect();
    Ok(Page { rows, next, steps: list.len() as u64 })
}

/// The phases of `method` after the cursor, by id.
fn of_method<'a>(scope: &'a Scope, method: &'a str, cursor: Cursor) -> impl Iterator<Item = &'a phase::Model> + 'a {
    let after = match cursor {
        Cursor::After(id) => id,
        _ => i32::MIN,
    };
    scope.phases.iter().filter(move |ph| ph.method == method && ph.id > after)
}

/// Whether an error only says that the results are not public (yet): the phase is skipped.
fn not_public(e: &CoreError) -> bool {
    e.code() == "results_not_public"
}

/// The results of the next voting phase whose results anyone may see (the results page's
/// rule: ended, and its results public). Each idea with votes, by rank, by id only: an idea
/// hidden since is not named here either.
async fn voting_results(p: &Platform, scope: &Scope, cursor: Cursor) -> CoreResult<Page> {
    let mut steps = 0;
    for ph in of_method(scope, VOTING, cursor) {
        steps += 1;
        let results = match p.voting_results(&Actor::Anonymous, ph.id).await {
            Ok(r) => r,
            Err(e) if not_public(&e) => continue,
            Err(e) => return Err(e),
        };
        let method = match results.method {
            VotingMethod::Single => "single",
            VotingMethod::Multiple => "multiple",
            VotingMethod::Budgeting => "budgeting",
        };
        let budgeting = results.method == VotingMethod::Budgeting;
        let rows = results
            .rows
            .iter()
            .enumerate()
            .map(|(rank, r)| {
                vec![
                    Cell::from(ph.id),
                    Cell::from(method.to_owned()),
                    Cell::from(r.idea.id),
                    Cell::from(rank as i64 + 1),
                    Cell::from(r.votes),
                    Cell::from(r.voters),
                    Cell::from(budgeting.then_some(r.fits)),
                ]
            })
            .collect();
        return Ok(Page { rows, next: Cursor::After(ph.id), steps });
    }
    Ok(Page { rows: Vec::new(), next: Cursor::Done, steps })
}

/// The totals of the next poll whose results anyone may see (the poll results page's rule).
async fn poll_results(p: &Platform, scope: &Scope, cursor: Cursor) -> CoreResult<Page> {
    let mut steps = 0;
    for ph in of_method(scope, POLL, cursor) {
        steps += 1;
        let poll = p.poll(&Actor::Anonymous, ph.id).await?;
        if !poll.results_visible {
            continue;
        }
        let responses = i64::try_from(poll.responses).unwrap_or(i64::MAX);
        let mut rows = Vec::new();
        for q in &poll.questions {
            for o in &q.options {
                let mut row = vec![Cell::from(ph.id), Cell::from(q.question.id)];
                row.extend(per_language(&q.question.title));
                row.push(Cell::from(o.id));
                row.extend(per_language(&o.title));
                row.extend([Cell::from(o.votes), Cell::from(responses)]);
                rows.push(row);
            }
        }
        return Ok(Page { rows, next: Cursor::After(ph.id), steps });
    }
    Ok(Page { rows: Vec::new(), next: Cursor::Done, steps })
}
