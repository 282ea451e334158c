// SPDX-License-Identifier: AGPL-3.0-only
//! The idea list of a project page: order, filters and search come from a plain GET form, and
//! "more ideas" is a link carrying the cursor, so the list works without JavaScript.
use minijinja::Value;
use townhall_core::actor::ClientAddr;
use townhall_core::modules::ideas::{IdeaFilter, IdeaScope, IdeaSort};
use townhall_core::modules::projects::Taxonomy;
use townhall_core::modules::projects::model::phase;
use townhall_core::modules::projects::multiloc::Multiloc;
use townhall_core::{Actor, CoreError, Platform};

use super::ideas::idea_value;
pub use townhall_core::modules::ideas::list_query::{ListQuery, chosen, phase_setting, seed_for, terms};

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
) -> Result<Value, CoreError> {
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
    let page = platform.list_ideas(actor, IdeaScope::Phase(found.id), sort, &filter, 24, q.after.as_deref()).await;
    let (page, failed) = match page {
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
            let image = files.iter().find(|f| f.idea_id == v.idea.id && f.kind == "image");
            let value = idea_value(v, my, &statuses, locale);
            let image = image.map(
                |f| minijinja::context! { url => format!("/files/{}", f.key), width => f.width, height => f.height },
            );
            minijinja::context! { image, ..value }
        })
        .collect();
    let next = page.as_ref().and_then(|p| p.next.clone()).map(|cursor| {
        let mut params = form_urlencoded::Serializer::new(String::new());
        params.append_pair("sort", sort.as_str());
        for (key, value) in [("q", &q.q), ("topic", &q.topic), ("status", &q.status), ("area", &q.area)] {
            if let Some(v) = value.as_deref().filter(|v| !v.is_empty()) {
                params.append_pair(key, v);
            }
        }
        params.append_pair("seed", &seed.to_string()).append_pair("after", &cursor);
        format!("?{}#ideas-title", params.finish())
    });
    Ok(minijinja::context! {
        ideas => ideas,
        next => next,
        failed => failed,
        view => phase_setting(found, "view").filter(|v| v == "list").unwrap_or_else(|| "card".into()),
        sorts => IdeaSort::ALL.iter().map(|s| s.as_str()).collect::<Vec<_>>(),
        topics => terms(platform, Taxonomy::Topic, locale).await?,
        areas => terms(platform, Taxonomy::Area, locale).await?,
        statuses => statuses.iter().map(|s| minijinja::context! { id => s.id, title => Multiloc::parse(&s.title).text(locale) }).collect::<Vec<_>>(),
        chosen => minijinja::context! {
            sort => sort.as_str(),
            q => q.q.clone().unwrap_or_default(),
            topic => chosen(&q.topic),
            status => chosen(&q.status),
            area => chosen(&q.area),
            filtered => q.q.as_deref().is_some_and(|s| !s.trim().is_empty()) || chosen(&q.topic).is_some() || chosen(&q.status).is_some() || chosen(&q.area).is_some(),
            paged => q.after.is_some(),
        },
    })
}
