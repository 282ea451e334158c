// SPDX-License-Identifier: AGPL-3.0-only
//! The rows of each export, a page at a time: one keyset query for the page and one batched
//! query per thing its rows name (authors, topics, questions…), never one per row.
use std::collections::HashMap;

use sea_orm::sea_query::{Expr, ExprTrait, Query, SimpleExpr};
use sea_orm::{ColumnTrait, Condition, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect};

use super::{Cursor, ExportKind, ExportRequest};
use crate::modules::accounts::model::user;
use crate::modules::events::model::{event, registration};
use crate::modules::ideas::model::{comment, idea, idea_topic, reaction};
use crate::modules::polls::model as poll;
use crate::modules::projects::Taxonomy;
use crate::modules::projects::model::project;
use crate::modules::projects::multiloc::Multiloc;
use crate::modules::surveys::SurveyQuestion;
use crate::modules::surveys::model as survey;
use crate::modules::volunteering::model::{cause, volunteer};
use crate::modules::voting::model::{basket, basket_item};
use crate::{CoreResult, Platform};

/// Rows read per page: a few hundred kilobytes of CSV at most.
pub const PAGE_ROWS: u64 = 1000;

type Rows = Vec<Vec<String>>;

pub(super) fn header(kind: ExportKind, personal: bool) -> Vec<&'static str> {
    let mut h = match kind {
        ExportKind::Ideas => vec![
            "id",
            "project",
            "title",
            "author",
            "status",
            "status_category",
            "published_at",
            "supports",
            "dislikes",
            "comments",
            "topics",
            "area",
            "address",
            "latitude",
            "longitude",
            "cost",
            "url",
        ],
        ExportKind::Comments => vec!["id", "idea", "reply_to", "author", "body", "state", "created_at"],
        ExportKind::Reactions => vec!["idea", "reaction", "at"],
        ExportKind::Votes => vec!["phase", "ballot", "idea", "idea_title", "votes", "submitted_at"],
        ExportKind::PollResponses => vec!["response", "phase", "answered_at", "question", "option"],
        ExportKind::SurveyResponses => vec!["response", "phase", "submitted_at", "question", "row", "answer"],
        ExportKind::Volunteers => vec!["cause", "phase", "cause_title", "volunteer", "since"],
        ExportKind::EventRegistrations => vec!["event", "event_title", "starts_at", "resident", "registered_at"],
        ExportKind::Users => vec!["id", "name", "email", "locale", "confirmed_at", "created_at", "blocked_at"],
    };
    if personal && matches!(kind, ExportKind::Volunteers | ExportKind::EventRegistrations) {
        h.push("email");
    }
    h
}

fn time(at: chrono::DateTime<chrono::Utc>) -> String {
    at.to_rfc3339()
}

fn opt<T: ToString>(value: Option<T>) -> String {
    value.map(|v| v.to_string()).unwrap_or_default()
}

/// Text without the tags of sanitised rich text, entities read back.
pub(crate) fn plain(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                out.push(' ');
            }
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    let text = out.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'");
    text.replace("&amp;", "&").split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `column IN (ids of the project's ideas)`, for rows that hang off an idea.
fn of_project_ideas(column: impl sea_orm::sea_query::IntoColumnRef, project: i32) -> SimpleExpr {
    Expr::col(column).in_subquery(
        Query::select()
            .column(idea::Column::Id)
            .from(idea::Entity)
            .and_where(Expr::col(idea::Column::ProjectId).eq(project))
            .to_owned(),
    )
}

/// `column IN (ids of rows of `table` in the phases)`, for rows that hang off a phase's row.
fn of_phase_rows<E: EntityTrait>(
    column: impl sea_orm::sea_query::IntoColumnRef,
    entity: E,
    id: E::Column,
    phase: E::Column,
    phases: &[i32],
) -> SimpleExpr {
    Expr::col(column).in_subquery(
        Query::select().column(id).from(entity).and_where(Expr::col(phase).is_in(phases.to_vec())).to_owned(),
    )
}

/// After `(a, b)` in the order of a two-column key.
fn after_pair(a: impl ColumnTrait, b: impl ColumnTrait, cursor: Cursor) -> Condition {
    match cursor {
        Cursor::AfterPair(x, y) => Condition::any().add(a.gt(x)).add(Condition::all().add(a.eq(x)).add(b.gt(y))),
        _ => Condition::all(),
    }
}

fn after_id(column: impl ColumnTrait, cursor: Cursor) -> Condition {
    match cursor {
        Cursor::After(id) => Condition::all().add(column.gt(id)),
        _ => Condition::all(),
    }
}

/// The cursor after a page: done when the page was not full.
fn next(count: usize, last: Option<Cursor>) -> Cursor {
    match last {
        Some(c) if count as u64 == PAGE_ROWS => c,
        _ => Cursor::Done,
    }
}

/// What each export filters on, whatever the page.
fn scope(kind: ExportKind, project: Option<i32>, phases: Option<&[i32]>) -> Condition {
    let phases = phases.unwrap_or(&[]);
    let mut c = Condition::all();
    match (kind, project) {
        (ExportKind::Ideas, _) => {
            c = c.add(idea::Column::PublishedAt.is_not_null());
            if let Some(p) = project {
                c = c.add(idea::Column::ProjectId.eq(p));
            }
        }
        (ExportKind::Comments, Some(p)) => c = c.add(of_project_ideas(comment::Column::IdeaId, p)),
        (ExportKind::Reactions, Some(p)) => c = c.add(of_project_ideas(reaction::Column::IdeaId, p)),
        (ExportKind::Votes, _) => {
            let mut baskets = Query::select()
                .column(basket::Column::Id)
                .from(basket::Entity)
                .and_where(Expr::col(basket::Column::SubmittedSeq).is_not_null())
                .to_owned();
            if project.is_some() {
                baskets.and_where(Expr::col(basket::Column::PhaseId).is_in(phases.to_vec()));
            }
            c = c.add(Expr::col(basket_item::Column::BasketId).in_subquery(baskets));
        }
        (ExportKind::PollResponses, Some(_)) => {
            let (id, phase) = (poll::response::Column::Id, poll::response::Column::PhaseId);
            c = c.add(of_phase_rows(poll::answer::Column::ResponseId, poll::response::Entity, id, phase, phases));
        }
        (ExportKind::SurveyResponses, Some(_)) => {
            let (id, phase) = (survey::response::Column::Id, survey::response::Column::PhaseId);
            c = c.add(of_phase_rows(survey::answer::Column::ResponseId, survey::response::Entity, id, phase, phases));
        }
        (ExportKind::Volunteers, Some(_)) => {
            c = c.add(of_phase_rows(
                volunteer::Column::CauseId,
                cause::Entity,
                cause::Column::Id,
                cause::Column::PhaseId,
                phases,
            ));
        }
        (ExportKind::EventRegistrations, Some(p)) => {
            let events = Query::select()
                .column(event::Column::Id)
                .from(event::Entity)
                .and_where(Expr::col(event::Column::ProjectId).eq(p))
                .to_owned();
            c = c.add(Expr::col(registration::Column::EventId).in_subquery(events));
        }
        _ => {}
    }
    c
}

pub(super) async fn count(p: &Platform, r: &ExportRequest, phases: Option<&[i32]>) -> CoreResult<u64> {
    let c = scope(r.kind, r.project, phases);
    let db = p.db();
    Ok(match r.kind {
        ExportKind::Ideas => idea::Entity::find().filter(c).count(db).await?,
        ExportKind::Comments => comment::Entity::find().filter(c).count(db).await?,
        ExportKind::Reactions => reaction::Entity::find().filter(c).count(db).await?,
        ExportKind::Votes => basket_item::Entity::find().filter(c).count(db).await?,
        ExportKind::PollResponses => poll::answer::Entity::find().filter(c).count(db).await?,
        ExportKind::SurveyResponses => survey::answer::Entity::find().filter(c).count(db).await?,
        ExportKind::Volunteers => volunteer::Entity::find().filter(c).count(db).await?,
        ExportKind::EventRegistrations => registration::Entity::find().filter(c).count(db).await?,
        ExportKind::Users => user::Entity::find().count(db).await?,
    })
}

/// A row about a person taking part: their name, since when, and with `personal` their e-mail.
fn with_person(
    mut row: Vec<String>,
    person: Option<&user::Model>,
    at: chrono::DateTime<chrono::Utc>,
    personal: bool,
) -> Vec<String> {
    row.push(opt(person.map(|u| u.display_name.clone())));
    row.push(time(at));
    if personal {
        row.push(opt(person.map(|u| u.email.clone())));
    }
    row
}

async fn names(p: &Platform, ids: impl Iterator<Item = i32>) -> CoreResult<HashMap<i32, user::Model>> {
    let ids: Vec<i32> = ids.collect();
    Ok(user::Entity::find()
        .filter(user::Column::Id.is_in(ids))
        .all(p.db())
        .await?
        .into_iter()
        .map(|u| (u.id, u))
        .collect())
}

pub(super) async fn page(
    p: &Platform,
    r: &ExportRequest,
    phases: Option<&[i32]>,
    cursor: Cursor,
) -> CoreResult<(Rows, Cursor)> {
    let c = scope(r.kind, r.project, phases);
    match r.kind {
        ExportKind::Ideas => ideas(p, r, c, cursor).await,
        ExportKind::Comments => comments(p, c, cursor).await,
        ExportKind::Reactions => reactions(p, c, cursor).await,
        ExportKind::Votes => votes(p, c, cursor).await,
        ExportKind::PollResponses => poll_answers(p, r, c, cursor).await,
        ExportKind::SurveyResponses => survey_answers(p, r, c, cursor).await,
        ExportKind::Volunteers => volunteers(p, r, c, cursor).await,
        ExportKind::EventRegistrations => registrations(p, r, c, cursor).await,
        ExportKind::Users => users(p, cursor).await,
    }
}

async fn ideas(p: &Platform, r: &ExportRequest, c: Condition, cursor: Cursor) -> CoreResult<(Rows, Cursor)> {
    let list = idea::Entity::find()
        .filter(c.add(after_id(idea::Column::Id, cursor)))
        .order_by_asc(idea::Column::Id)
        .limit(PAGE_ROWS)
        .all(p.db())
        .await?;
    let ids: Vec<i32> = list.iter().map(|i| i.id).collect();
    let authors = names(p, list.iter().filter_map(|i| i.author_id)).await?;
    let tags = idea_topic::Entity::find().filter(idea_topic::Column::IdeaId.is_in(ids)).all(p.db()).await?;
    let topics = p.terms(Taxonomy::Topic).await?;
    let areas = p.terms(Taxonomy::Area).await?;
    let statuses = p.idea_statuses().await?;
    let projects: HashMap<i32, String> = project::Entity::find()
        .filter(project::Column::Id.is_in(list.iter().map(|i| i.project_id).collect::<Vec<_>>()))
        .all(p.db())
        .await?
        .into_iter()
        .map(|pr| (pr.id, pr.slug))
        .collect();
    let locale = r.locale.as_str();
    let rows = list
        .iter()
        .map(|i| {
            let topic_names: Vec<String> = tags
                .iter()
                .filter(|t| t.idea_id == i.id)
                .filter_map(|t| topics.iter().find(|term| term.id == t.topic_id))
                .map(|term| term.text(locale))
                .collect();
            let status = statuses.iter().find(|s| s.code == i.status);
            vec![
                i.id.to_string(),
                projects.get(&i.project_id).cloned().unwrap_or_default(),
                i.title.clone(),
                opt(i.author_id.and_then(|a| authors.get(&a)).map(|u| u.display_name.clone())),
                status.map(|s| Multiloc::parse(&s.title).text(locale)).unwrap_or_else(|| i.status.clone()),
                // The core status it counts as, the same on every platform.
                status.map(|s| s.category.clone()).unwrap_or_else(|| i.status.clone()),
                opt(i.published_at.map(time)),
                i.reactions_up.to_string(),
                i.reactions_down.to_string(),
                i.comments_count.to_string(),
                topic_names.join("; "),
                opt(i.area_id.and_then(|a| areas.iter().find(|t| t.id == a)).map(|t| t.text(locale))),
                i.location_address.clone().unwrap_or_default(),
                opt(i.location_lat),
                opt(i.location_lng),
                opt(i.cost),
                format!("{}/ideas/{}", p.base_url().trim_end_matches('/'), i.id),
            ]
        })
        .collect();
    Ok((rows, next(list.len(), list.last().map(|i| Cursor::After(i.id)))))
}

async fn comments(p: &Platform, c: Condition, cursor: Cursor) -> CoreResult<(Rows, Cursor)> {
    let list = comment::Entity::find()
        .filter(c.add(after_id(comment::Column::Id, cursor)))
        .order_by_asc(comment::Column::Id)
        .limit(PAGE_ROWS)
        .all(p.db())
        .await?;
    let authors = names(p, list.iter().filter_map(|c| c.author_id)).await?;
    let rows = list
        .iter()
        .map(|c| {
            // Deleted comments keep their place in a thread, not their words.
            let body = if c.state == "deleted" { String::new() } else { plain(&c.body) };
            vec![
                c.id.to_string(),
                c.idea_id.to_string(),
                opt(c.parent_id),
                opt(c.author_id.and_then(|a| authors.get(&a)).map(|u| u.display_name.clone())),
                body,
                c.state.clone(),
                time(c.created_at),
            ]
        })
        .collect();
    Ok((rows, next(list.len(), list.last().map(|c| Cursor::After(c.id)))))
}

async fn reactions(p: &Platform, c: Condition, cursor: Cursor) -> CoreResult<(Rows, Cursor)> {
    let list = reaction::Entity::find()
        .filter(c.add(after_pair(reaction::Column::IdeaId, reaction::Column::UserId, cursor)))
        .order_by_asc(reaction::Column::IdeaId)
        .order_by_asc(reaction::Column::UserId)
        .limit(PAGE_ROWS)
        .all(p.db())
        .await?;
    let rows = list.iter().map(|x| vec![x.idea_id.to_string(), x.mode.clone(), time(x.created_at)]).collect();
    Ok((rows, next(list.len(), list.last().map(|x| Cursor::AfterPair(x.idea_id, x.user_id)))))
}

async fn votes(p: &Platform, c: Condition, cursor: Cursor) -> CoreResult<(Rows, Cursor)> {
    let list = basket_item::Entity::find()
        .filter(c.add(after_pair(basket_item::Column::BasketId, basket_item::Column::IdeaId, cursor)))
        .order_by_asc(basket_item::Column::BasketId)
        .order_by_asc(basket_item::Column::IdeaId)
        .limit(PAGE_ROWS)
        .all(p.db())
        .await?;
    let baskets: HashMap<i32, basket::Model> = basket::Entity::find()
        .filter(basket::Column::Id.is_in(list.iter().map(|i| i.basket_id).collect::<Vec<_>>()))
        .all(p.db())
        .await?
        .into_iter()
        .map(|b| (b.id, b))
        .collect();
    let titles: HashMap<i32, String> = idea::Entity::find()
        .select_only()
        .column(idea::Column::Id)
        .column(idea::Column::Title)
        .filter(idea::Column::Id.is_in(list.iter().map(|i| i.idea_id).collect::<Vec<_>>()))
        .into_tuple::<(i32, String)>()
        .all(p.db())
        .await?
        .into_iter()
        .collect();
    let rows = list
        .iter()
        .map(|i| {
            let b = baskets.get(&i.basket_id);
            vec![
                opt(b.map(|b| b.phase_id)),
                i.basket_id.to_string(),
                i.idea_id.to_string(),
                titles.get(&i.idea_id).cloned().unwrap_or_default(),
                i.votes.to_string(),
                opt(b.and_then(|b| b.submitted_at).map(time)),
            ]
        })
        .collect();
    Ok((rows, next(list.len(), list.last().map(|i| Cursor::AfterPair(i.basket_id, i.idea_id)))))
}

async fn poll_answers(p: &Platform, r: &ExportRequest, c: Condition, cursor: Cursor) -> CoreResult<(Rows, Cursor)> {
    use poll::{answer, option, question, response};
    let list = answer::Entity::find()
        .filter(c.add(after_pair(answer::Column::ResponseId, answer::Column::OptionId, cursor)))
        .order_by_asc(answer::Column::ResponseId)
        .order_by_asc(answer::Column::OptionId)
        .limit(PAGE_ROWS)
        .all(p.db())
        .await?;
    let responses: HashMap<i32, response::Model> = response::Entity::find()
        .filter(response::Column::Id.is_in(list.iter().map(|a| a.response_id).collect::<Vec<_>>()))
        .all(p.db())
        .await?
        .into_iter()
        .map(|x| (x.id, x))
        .collect();
    let options: HashMap<i32, option::Model> = option::Entity::find()
        .filter(option::Column::Id.is_in(list.iter().map(|a| a.option_id).collect::<Vec<_>>()))
        .all(p.db())
        .await?
        .into_iter()
        .map(|o| (o.id, o))
        .collect();
    let questions: HashMap<i32, question::Model> = question::Entity::find()
        .filter(question::Column::Id.is_in(options.values().map(|o| o.question_id).collect::<Vec<_>>()))
        .all(p.db())
        .await?
        .into_iter()
        .map(|q| (q.id, q))
        .collect();
    let text = |json: &str| Multiloc::parse(json).text(&r.locale);
    let rows = list
        .iter()
        .map(|a| {
            let resp = responses.get(&a.response_id);
            let option = options.get(&a.option_id);
            let q = option.and_then(|o| questions.get(&o.question_id));
            vec![
                a.response_id.to_string(),
                opt(resp.map(|x| x.phase_id)),
                opt(resp.map(|x| time(x.created_at))),
                opt(q.map(|q| text(&q.title))),
                opt(option.map(|o| text(&o.title))),
            ]
        })
        .collect();
    Ok((rows, next(list.len(), list.last().map(|a| Cursor::AfterPair(a.response_id, a.option_id)))))
}

async fn survey_answers(p: &Platform, r: &ExportRequest, c: Condition, cursor: Cursor) -> CoreResult<(Rows, Cursor)> {
    use survey::{answer, question, response};
    let list = answer::Entity::find()
        .filter(c.add(after_id(answer::Column::Id, cursor)))
        .order_by_asc(answer::Column::Id)
        .limit(PAGE_ROWS)
        .all(p.db())
        .await?;
    let responses: HashMap<i32, response::Model> = response::Entity::find()
        .filter(response::Column::Id.is_in(list.iter().map(|a| a.response_id).collect::<Vec<_>>()))
        .all(p.db())
        .await?
        .into_iter()
        .map(|x| (x.id, x))
        .collect();
    let models = question::Entity::find()
        .filter(question::Column::Id.is_in(list.iter().map(|a| a.question_id).collect::<Vec<_>>()))
        .all(p.db())
        .await?;
    let questions = SurveyQuestion::read_all(models);
    let locale = r.locale.as_str();
    let rows = list
        .iter()
        .map(|a| {
            let resp = responses.get(&a.response_id);
            let q = questions.iter().find(|q| q.model.id == a.question_id);
            let option = q.and_then(|q| a.choice.and_then(|k| q.config.options.get(k as usize)));
            let answer = match (option, a.choice, a.number, &a.text) {
                (Some(o), _, _, _) => o.text(locale),
                (None, Some(v), _, _) => v.to_string(),
                (None, None, Some(n), _) => n.to_string(),
                (None, None, None, t) => t.clone().unwrap_or_default(),
            };
            let row = q.and_then(|q| q.config.rows.get(a.row_index as usize)).map(|m| m.text(locale));
            vec![
                a.response_id.to_string(),
                opt(resp.map(|x| x.phase_id)),
                opt(resp.map(|x| time(x.created_at))),
                opt(q.map(|q| Multiloc::parse(&q.model.title).text(locale))),
                row.unwrap_or_default(),
                answer,
            ]
        })
        .collect();
    Ok((rows, next(list.len(), list.last().map(|a| Cursor::After(a.id)))))
}

async fn volunteers(p: &Platform, r: &ExportRequest, c: Condition, cursor: Cursor) -> CoreResult<(Rows, Cursor)> {
    let list = volunteer::Entity::find()
        .filter(c.add(after_pair(volunteer::Column::CauseId, volunteer::Column::UserId, cursor)))
        .order_by_asc(volunteer::Column::CauseId)
        .order_by_asc(volunteer::Column::UserId)
        .limit(PAGE_ROWS)
        .all(p.db())
        .await?;
    let causes: HashMap<i32, cause::Model> = cause::Entity::find()
        .filter(cause::Column::Id.is_in(list.iter().map(|v| v.cause_id).collect::<Vec<_>>()))
        .all(p.db())
        .await?
        .into_iter()
        .map(|x| (x.id, x))
        .collect();
    let people = names(p, list.iter().map(|v| v.user_id)).await?;
    let rows = list
        .iter()
        .map(|v| {
            let cause = causes.get(&v.cause_id);
            let row = vec![
                v.cause_id.to_string(),
                opt(cause.map(|c| c.phase_id)),
                opt(cause.map(|c| Multiloc::parse(&c.title).text(&r.locale))),
            ];
            with_person(row, people.get(&v.user_id), v.created_at, r.personal)
        })
        .collect();
    Ok((rows, next(list.len(), list.last().map(|v| Cursor::AfterPair(v.cause_id, v.user_id)))))
}

async fn registrations(p: &Platform, r: &ExportRequest, c: Condition, cursor: Cursor) -> CoreResult<(Rows, Cursor)> {
    let list = registration::Entity::find()
        .filter(c.add(after_pair(registration::Column::EventId, registration::Column::UserId, cursor)))
        .order_by_asc(registration::Column::EventId)
        .order_by_asc(registration::Column::UserId)
        .limit(PAGE_ROWS)
        .all(p.db())
        .await?;
    let events: HashMap<i32, event::Model> = event::Entity::find()
        .filter(event::Column::Id.is_in(list.iter().map(|x| x.event_id).collect::<Vec<_>>()))
        .all(p.db())
        .await?
        .into_iter()
        .map(|e| (e.id, e))
        .collect();
    let people = names(p, list.iter().map(|x| x.user_id)).await?;
    let rows = list
        .iter()
        .map(|x| {
            let e = events.get(&x.event_id);
            let row = vec![
                x.event_id.to_string(),
                opt(e.map(|e| Multiloc::parse(&e.title).text(&r.locale))),
                opt(e.map(|e| time(e.starts_at))),
            ];
            with_person(row, people.get(&x.user_id), x.created_at, r.personal)
        })
        .collect();
    Ok((rows, next(list.len(), list.last().map(|x| Cursor::AfterPair(x.event_id, x.user_id)))))
}

async fn users(p: &Platform, cursor: Cursor) -> CoreResult<(Rows, Cursor)> {
    let list = user::Entity::find()
        .filter(after_id(user::Column::Id, cursor))
        .order_by_asc(user::Column::Id)
        .limit(PAGE_ROWS)
        .all(p.db())
        .await?;
    let rows = list
        .iter()
        .map(|u| {
            vec![
                u.id.to_string(),
                u.display_name.clone(),
                u.email.clone(),
                u.locale.clone(),
                opt(u.email_confirmed_at.map(time)),
                time(u.created_at),
                opt(u.blocked_at.map(time)),
            ]
        })
        .collect();
    Ok((rows, next(list.len(), list.last().map(|u| Cursor::After(u.id)))))
}

#[cfg(test)]
mod tests {
    use super::plain;

    #[test]
    fn rich_text_becomes_plain_text() {
        assert_eq!(plain("<p>Trees &amp; <strong>benches</strong></p><p>&lt;3</p>"), "Trees & benches <3");
    }
}
