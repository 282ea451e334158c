// SPDX-License-Identifier: AGPL-3.0-only
//! An idea as lists and its own page show it, and the choices an idea form offers.
use serde_json::{Value, json};

use super::super::model::idea_status;
use super::super::{IdeaView, MAX_ATTACHMENTS, MAX_IMAGES};
use crate::modules::ideas::list_query::terms;
use crate::modules::projects::Taxonomy;
use crate::modules::projects::multiloc::Multiloc;
use crate::web::excerpt;
use crate::{CoreResult, Platform};

/// A status by its code, titled in `locale` (a status that no longer exists shows its code).
pub fn status_value(code: &str, statuses: &[idea_status::Model], locale: &str) -> Value {
    let found = statuses.iter().find(|s| s.code == code);
    json!({
        "code": code,
        "id": found.map(|s| s.id),
        "title": found.map_or_else(|| code.to_owned(), |s| Multiloc::parse(&s.title).text(locale)),
    })
}

/// An idea as a card shows it; `mine` is the visitor's reaction to it.
pub fn idea_card(v: &IdeaView, mine: Option<&str>, statuses: &[idea_status::Model], locale: &str) -> Value {
    json!({
        "id": v.idea.id,
        "title": v.idea.title,
        "excerpt": excerpt(&v.idea.body, 140),
        "author": v.author,
        "up": v.idea.reactions_up,
        "down": v.idea.reactions_down,
        "comments": v.idea.comments_count,
        "mine": mine,
        "status": status_value(&v.idea.status, statuses, locale),
        "address": v.idea.location_address,
        "date": v.idea.created_at.format("%Y-%m-%d").to_string(),
    })
}

/// The choices an idea form offers: topics, areas and the file limits.
pub async fn form_options(platform: &Platform, locale: &str) -> CoreResult<Value> {
    Ok(json!({
        "topics": terms(platform, Taxonomy::Topic, locale).await?,
        "areas": terms(platform, Taxonomy::Area, locale).await?,
        "max_images": MAX_IMAGES,
        "max_attachments": MAX_ATTACHMENTS,
    }))
}
