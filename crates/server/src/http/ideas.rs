// SPDX-License-Identifier: AGPL-3.0-only
//! Ideas on the project page and on their own page: posting, reacting and following as plain
//! forms. The discussion and the organisation's answers are in `discussion.rs`.
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use minijinja::Value;
use serde::Deserialize;
use townhall_core::modules::ideas::model::idea_status;
use townhall_core::modules::ideas::pages::idea_card;
use townhall_core::modules::ideas::{CommentView, FollowTarget, ReactionMode};
use townhall_core::modules::projects::PhaseTiming;
use townhall_core::modules::projects::model::phase;
use townhall_core::permissions::moderates;
use townhall_core::web::{PageError, PageResult};
use townhall_core::{Actor, CoreError, Platform};

use super::AppState;
use super::forms::error_value;
use crate::ui::{Ctx, rich_text};

/// What the asking user may do in a phase: `{ action, allowed, reason, opens, ended }` per
/// action of its method; the dates let the page say when a closed phase opens or ended.
pub async fn abilities(platform: &Platform, actor: &Actor, found: &phase::Model) -> Result<Value, CoreError> {
    let answers = platform.phase_abilities(actor, found).await?;
    let now = chrono::Utc::now();
    let tz = platform.time_zone();
    let timing = found.timing(now);
    let opens = (timing == PhaseTiming::Upcoming).then(|| crate::ui::time::day(found.start_at, tz));
    // Phases end at midnight after their last day: show that day.
    let ended = found.end_at.filter(|_| timing == PhaseTiming::Ended).map(|end| crate::ui::time::last_day(end, tz));
    let out: std::collections::BTreeMap<&str, Value> = answers
        .into_iter()
        .map(|(action, _, answer)| {
            let value = minijinja::context! {
                action => action.as_str(),
                allowed => answer.is_ok(),
                reason => answer.err().map(|d| d.code()),
                opens => opens.clone(),
                ended => ended.clone(),
            };
            (action.as_str(), value)
        })
        .collect();
    Ok(Value::from_serialize(&out))
}

fn status_value(code: &str, statuses: &[idea_status::Model], locale: &str) -> Value {
    Value::from_serialize(townhall_core::modules::ideas::pages::status_value(code, statuses, locale))
}

#[derive(Debug, Default, Deserialize)]
pub struct ShowQuery {
    #[serde(default)]
    comments_after: Option<String>,
    /// Set after a report was sent, to thank the resident.
    #[serde(default)]
    reported: Option<String>,
}

pub async fn show(
    State(state): State<AppState>,
    req: Ctx,
    Path(id): Path<i32>,
    Query(q): Query<ShowQuery>,
) -> PageResult {
    let shown = Shown { comments_after: q.comments_after.as_deref(), reported: q.reported.is_some() };
    render_page(&state, &req, id, shown, None).await
}

/// What the idea page's address asked for.
#[derive(Debug, Default, Clone, Copy)]
struct Shown<'a> {
    comments_after: Option<&'a str>,
    reported: bool,
}

/// Which form on the idea page a refusal belongs to, so the error shows next to it.
#[derive(Debug, Clone, Copy)]
pub enum Section {
    Reactions,
    Follow,
    Comments,
    Answer,
    Report,
}

impl Section {
    fn id(self) -> &'static str {
        match self {
            Section::Reactions => "reactions",
            Section::Follow => "follow",
            Section::Comments => "comments",
            Section::Answer => "answer",
            Section::Report => "report",
        }
    }
}

fn comment_value(c: &CommentView, viewer: Option<i32>, moderator: bool) -> Value {
    minijinja::context! {
        id => c.comment.id,
        author => c.author.clone(),
        body_html => c.visible_body().map(|b| Value::from_safe_string(rich_text::to_html(b))),
        body => c.visible_body(),
        state => c.comment.state.clone(),
        reason => c.comment.removal_reason.clone(),
        date => c.comment.created_at.format("%Y-%m-%d").to_string(),
        edited => c.comment.updated_at > c.comment.created_at && c.comment.state == "published",
        mine => viewer.is_some() && c.comment.author_id == viewer,
        removable => moderator && c.comment.state == "published",
        replies => c.replies.iter().map(|r| comment_value(r, viewer, moderator)).collect::<Vec<_>>(),
    }
}

/// The idea page with a refused form's error next to that form.
pub async fn render(state: &AppState, req: &Ctx, id: i32, error: Option<(Section, &CoreError)>) -> Response {
    render_page(state, req, id, Shown::default(), error).await.into_response()
}

async fn render_page(
    state: &AppState,
    req: &Ctx,
    id: i32,
    shown: Shown<'_>,
    error: Option<(Section, &CoreError)>,
) -> PageResult {
    let p = &state.platform;
    let view = p.idea_by_id(&req.actor, id).await?.ok_or(PageError::NotFound)?;
    let locale = req.locale.code;
    let mine = p.my_reactions(&req.actor, &[id]).await?;
    let statuses = p.idea_statuses().await?;
    let found = Some(p.phase_of(view.idea.phase_id).await?);
    let can = match &found {
        Some(ph) => abilities(p, &req.actor, ph).await?,
        None => Value::from(()),
    };
    let project = p.project_slug_of_phase(view.idea.phase_id).await?;
    let following = !p.followed(&req.actor, FollowTarget::Idea, &[id]).await?.is_empty();
    let moderator = moderates(&req.actor, view.idea.project_id);
    // A "more comments" link that does not read (an old or edited address) is the list's own
    // trouble, said in its place; any other failure is the page's.
    let (comments, comments_failed) = match p.comments(&req.actor, id, 50, shown.comments_after).await {
        Ok(page) => (Some(page), false),
        Err(CoreError::Field { code: "cursor_invalid", .. }) => (None, true),
        Err(e) => return Err(e.into()),
    };
    let feedback = p.official_feedback_of(&[id]).await?;
    let files = p.idea_files(&[id]).await?;
    let file = |f: &townhall_core::modules::ideas::model::idea_file::Model| {
        minijinja::context! {
            url => format!("/files/{}", f.key), name => f.name.clone(), width => f.width, height => f.height,
            size_kb => (f.size + 1023) / 1024,
        }
    };
    let ctx = minijinja::context! {
        idea => minijinja::context! {
            body_html => Value::from_safe_string(rich_text::to_html(&view.idea.body)),
            ..Value::from_serialize(idea_card(&view, mine.first().map(|(_, m)| m.as_str()), &statuses, locale))
        },
        dislikes => found.as_ref().is_some_and(townhall_core::modules::ideas::dislikes_allowed),
        can => can,
        project_slug => project,
        following => following,
        signed_in => req.actor.user_id().is_some(),
        moderator => moderator,
        statuses => statuses.iter().map(|s| status_value(&s.code, &statuses, locale)).collect::<Vec<_>>(),
        feedback => feedback.iter().map(|f| minijinja::context! {
            body_html => Value::from_safe_string(rich_text::to_html(&f.body)),
            status => f.status.as_deref().map(|code| status_value(code, &statuses, locale)),
            date => f.created_at.format("%Y-%m-%d").to_string(),
        }).collect::<Vec<_>>(),
        comments => comments.as_ref().map(|page| page.comments.iter().map(|c| comment_value(c, req.actor.user_id(), moderator)).collect::<Vec<_>>()),
        more_comments => comments.as_ref().and_then(|page| page.next.clone()),
        comments_failed => comments_failed,
        images => files.iter().filter(|f| f.kind == "image").map(file).collect::<Vec<_>>(),
        attachments => files.iter().filter(|f| f.kind == "attachment").map(file).collect::<Vec<_>>(),
        may_change => p.may_change_idea(&req.actor, id).await,
        draft => view.idea.published_at.is_none(),
        hidden_reason => view.idea.hidden_reason.clone(),
        own => req.actor.user_id().is_some() && view.idea.author_id == req.actor.user_id(),
        request_reported => shown.reported,
        report_reasons => super::moderation::reasons(),
        error => error.map(|(_, e)| error_value(e)),
        error_at => error.map(|(s, _)| s.id()),
    };
    Ok(state.ui.page(p, req, "idea.html", ctx).await)
}

#[derive(Debug, Deserialize)]
pub struct ReactForm {
    #[serde(default)]
    mode: String,
}

pub async fn react(
    State(state): State<AppState>,
    req: Ctx,
    Path(id): Path<i32>,
    Form(form): Form<ReactForm>,
) -> Response {
    let result = match form.mode.as_str() {
        "up" => state.platform.react(&req.actor, id, ReactionMode::Up).await.map(drop),
        "down" => state.platform.react(&req.actor, id, ReactionMode::Down).await.map(drop),
        _ => state.platform.remove_reaction(&req.actor, id).await.map(drop),
    };
    match result {
        Ok(()) => Redirect::to(&format!("/ideas/{id}#reactions")).into_response(),
        Err(e) => render(&state, &req, id, Some((Section::Reactions, &e))).await,
    }
}

#[derive(Debug, Deserialize)]
pub struct FollowForm {
    #[serde(default)]
    follow: String,
}

pub async fn follow(
    State(state): State<AppState>,
    req: Ctx,
    Path(id): Path<i32>,
    Form(form): Form<FollowForm>,
) -> Response {
    let result = if form.follow == "yes" {
        state.platform.follow(&req.actor, FollowTarget::Idea, id).await
    } else {
        state.platform.unfollow(&req.actor, FollowTarget::Idea, id).await
    };
    match result {
        Ok(()) => Redirect::to(&format!("/ideas/{id}#follow")).into_response(),
        Err(e) => render(&state, &req, id, Some((Section::Follow, &e))).await,
    }
}

/// An idea's picture or attachment, if the asker may see the idea. Pictures show in the page;
/// documents always download (never rendered by the browser under our origin).
pub async fn file(State(state): State<AppState>, req: Ctx, Path((idea, name)): Path<(i32, String)>) -> Response {
    use axum::http::{StatusCode, header};
    let key = format!("ideas/{idea}/{name}");
    let Ok(Some((file, bytes))) = state.platform.idea_file(&req.actor, &key).await else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let ascii: String = file
        .name
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_' | ' ') { c } else { '_' })
        .collect();
    let encoded: String = form_urlencoded::byte_serialize(file.name.as_bytes()).collect::<String>().replace('+', "%20");
    let disposition = if file.kind == "image" {
        "inline".to_owned()
    } else {
        format!("attachment; filename=\"{ascii}\"; filename*=UTF-8''{encoded}")
    };
    let headers = [
        (header::CONTENT_TYPE, file.content_type.clone()),
        (header::CONTENT_DISPOSITION, disposition),
        (header::CACHE_CONTROL, "private, max-age=3600".to_owned()),
    ];
    (headers, bytes).into_response()
}
