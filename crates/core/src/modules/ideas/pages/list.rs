// SPDX-License-Identifier: AGPL-3.0-only
//! The ideas of an ideation panel: order, filters and search come from a plain GET form, and
//! "more ideas" is a link carrying the cursor, so the list works without JavaScript.
use serde_json::{Value, json};

use super::card::idea_card;
use crate::actor::ClientAddr;
use crate::modules::ideas::list_query::{ListQuery, chosen, phase_setting, seed_for, terms};
use crate::modules::ideas::{IdeaFilter, IdeaScope, IdeaSort};
use crate::modules::projects::Taxonomy;
use crate::modules::projects::model::phase;
use crate::modules::projects::multiloc::Multiloc;
use crate::{Actor, CoreError, CoreResult, Platform};

/// Ideas on one page of the list.
const PER_PAGE: u64 = 24;

/// The list's link to its next page: the same order, search and filters, the random order's
/// seed, and the cursor.
fn next_link(q: &ListQuery, sort: IdeaSort, seed: u32, cursor: &str) -> String {
    let mut params = form_urlencoded::Serializer::new(String::new());
    params.append_pair("sort", sort.as_str());
    for (key, value) in [("q", &q.q), ("topic", &q.topic), ("status", &q.status), ("area", &q.area)] {
        if let Some(v) = value.as_deref().filter(|v| !v.is_empty()) {
            params.append_pair(key, v);
        }
    }
    params.append_pair("seed", &seed.to_string()).append_pair("after", cursor);
    format!("?{}#ideas-title", params.finish())
}

/// Everything the template needs for the list: the ideas, the form's options and choices, and
/// the link to the next page. A cursor that does not read (an old or edited link) is the list's
/// own trouble: it says so (`failed`) and the page around it stays; any other failure is the
/// page's.
pub async fn ideas_list(
    platform: &Platform,
    actor: &Actor,
    client: Option<&ClientAddr>,
    locale: &str,
    found: &phase::Model,
    q: &ListQuery,
) -> CoreResult<Value> {
    let default_sort =
        phase_setting(found, "default_sort").and_then(|s| IdeaSort::parse(&s)).unwrap_or(IdeaSort::Trending);
    let sort = q.sort.as_deref().and_then(IdeaSort::parse).unwrap_or(default_sort);
    let seed = seed_for(q, actor, client);
    let filter = IdeaFilter {
        topic_ids: chosen(&q.topic).into_iter().collect(),
        status_ids: chosen(&q.status).into_iter().collect(),
        area_ids: chosen(&q.area).into_iter().collect(),
        search: q.search(),
        costed: false,
        seed,
    };
    let scope = IdeaScope::Phase(found.id);
    let (page, failed) = match platform.list_ideas(actor, scope, sort, &filter, PER_PAGE, q.after.as_deref()).await {
        Ok(page) => (Some(page), false),
        Err(CoreError::Field { code: "cursor_invalid", .. }) => (None, true),
        Err(e) => return Err(e),
    };
    let ids: Vec<i32> = page.iter().flat_map(|p| p.ideas.iter().map(|v| v.idea.id)).collect();
    let mine = platform.my_reactions(actor, &ids).await?;
    let files = platform.idea_files(&ids).await?;
    let statuses = platform.idea_statuses().await?;
    let ideas: Vec<Value> = page
        .iter()
        .flat_map(|p| p.ideas.iter())
        .map(|v| {
            let my = mine.iter().find(|(id, _)| *id == v.idea.id).map(|(_, m)| m.as_str());
            let mut card = idea_card(v, my, &statuses, locale);
            let image = files.iter().find(|f| f.idea_id == v.idea.id && f.kind == "image");
            card["image"] = image.map_or(
                Value::Null,
                |f| json!({ "url": format!("/files/{}", f.key), "width": f.width, "height": f.height }),
            );
            card
        })
        .collect();
    let next = page.as_ref().and_then(|p| p.next.as_deref()).map(|cursor| next_link(q, sort, seed, cursor));
    let filtered = q.search().is_some() || [&q.topic, &q.status, &q.area].into_iter().any(|f| chosen(f).is_some());
    Ok(json!({
        "ideas": ideas,
        "next": next,
        "failed": failed,
        "view": phase_setting(found, "view").filter(|v| v == "list").unwrap_or_else(|| "card".into()),
        "sorts": IdeaSort::ALL.iter().map(|s| s.as_str()).collect::<Vec<_>>(),
        "topics": terms(platform, Taxonomy::Topic, locale).await?,
        "areas": terms(platform, Taxonomy::Area, locale).await?,
        "statuses": statuses.iter().map(|s| json!({ "id": s.id, "title": Multiloc::parse(&s.title).text(locale) })).collect::<Vec<_>>(),
        "chosen": {
            "sort": sort.as_str(),
            "q": q.q.clone().unwrap_or_default(),
            "topic": chosen(&q.topic),
            "status": chosen(&q.status),
            "area": chosen(&q.area),
            "filtered": filtered,
            "paged": q.after.is_some(),
        },
    }))
}
