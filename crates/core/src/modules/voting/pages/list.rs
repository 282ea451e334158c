// SPDX-License-Identifier: AGPL-3.0-only
//! The ideas of a voting panel: every idea of the project a voter can choose (for a budget, those
//! with a cost), in numbered pages with search, topic and area filters and orders (by cost too
//! for a budget). It reads the idea list's query string (`sort`, `q`, `topic`, `area`, `seed`)
//! with `page`, so paging, filtering and a basket change all work as plain links and forms.
use serde_json::{Value, json};

use crate::actor::ClientAddr;
use crate::modules::ideas::list_query::{ListQuery, chosen, phase_setting, seed_for, terms};
use crate::modules::ideas::{IdeaFilter, IdeaScope, IdeaSort};
use crate::modules::projects::Taxonomy;
use crate::modules::projects::model::phase;
use crate::web::excerpt;
use crate::{Actor, CoreResult, Platform};

/// Ideas on one page of the panel.
pub const PER_PAGE: u64 = 24;

/// The orders a panel offers: by cost only where ideas have costs (a budget).
fn sorts(budgeting: bool) -> Vec<IdeaSort> {
    let mut all = vec![IdeaSort::Newest];
    if budgeting {
        all.extend(IdeaSort::BY_COST);
    }
    all.extend(IdeaSort::ALL.into_iter().filter(|s| *s != IdeaSort::Newest));
    all
}

/// The list the visitor asked for, with only the values the panel understands: what a link to
/// another page and a basket change carry so the visitor comes back to the same list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PanelList {
    pub sort: IdeaSort,
    pub q: Option<String>,
    pub topic: Option<i32>,
    pub area: Option<i32>,
    pub seed: u32,
    pub page: u64,
}

impl PanelList {
    pub fn read(
        found: &phase::Model,
        budgeting: bool,
        q: &ListQuery,
        actor: &Actor,
        client: Option<&ClientAddr>,
    ) -> Self {
        let offered = sorts(budgeting);
        let default_sort = phase_setting(found, "default_sort")
            .and_then(|s| IdeaSort::parse(&s))
            .filter(|s| offered.contains(s))
            .unwrap_or(IdeaSort::Newest);
        PanelList {
            sort: q.sort.as_deref().and_then(IdeaSort::parse).filter(|s| offered.contains(s)).unwrap_or(default_sort),
            q: q.search().map(|s| s.trim().chars().take(200).collect()),
            topic: chosen(&q.topic),
            area: chosen(&q.area),
            seed: seed_for(q, actor, client),
            page: q.page.as_deref().and_then(|p| p.trim().parse().ok()).unwrap_or(1).max(1),
        }
    }

    /// The query string of this list at `page` (without the `?`).
    pub fn query(&self, page: u64) -> String {
        let mut params = form_urlencoded::Serializer::new(String::new());
        params.append_pair("sort", self.sort.as_str());
        if let Some(q) = &self.q {
            params.append_pair("q", q);
        }
        for (key, value) in [("topic", self.topic), ("area", self.area)] {
            if let Some(id) = value {
                params.append_pair(key, &id.to_string());
            }
        }
        if self.sort == IdeaSort::Random {
            params.append_pair("seed", &self.seed.to_string());
        }
        params.append_pair("page", &page.to_string());
        params.finish()
    }

    fn filtered(&self) -> bool {
        self.q.is_some() || self.topic.is_some() || self.area.is_some()
    }
}

/// The page links: the first and last pages, two on each side of the current one, and gaps.
fn page_links(list: &PanelList, page: u64, pages: u64) -> Vec<Value> {
    let mut links = Vec::new();
    let mut last_shown = 0;
    for n in 1..=pages {
        if n == 1 || n == pages || n.abs_diff(page) <= 2 {
            if n > last_shown + 1 {
                links.push(json!({ "gap": true }));
            }
            links.push(json!({ "n": n, "href": format!("?{}#vote-list", list.query(n)), "current": n == page }));
            last_shown = n;
        }
    }
    links
}

/// Everything the panel's list needs: the page of ideas (with `chosen` votes marked), the
/// filter form's options and choices, the page links, and `keep`, the list's query string that
/// basket forms send back.
pub async fn list_value(
    platform: &Platform,
    actor: &Actor,
    locale: &str,
    found: &phase::Model,
    list: &PanelList,
    budgeting: bool,
    chosen_votes: &[(i32, i64)],
) -> CoreResult<Value> {
    let filter = IdeaFilter {
        topic_ids: list.topic.into_iter().collect(),
        area_ids: list.area.into_iter().collect(),
        search: list.q.clone(),
        costed: budgeting,
        seed: list.seed,
        ..IdeaFilter::default()
    };
    let scope = IdeaScope::Project(found.project_id);
    let page = platform.list_ideas_numbered(actor, scope, list.sort, &filter, PER_PAGE, list.page).await?;
    let ideas: Vec<Value> = page
        .ideas
        .iter()
        .map(|v| {
            let votes = chosen_votes.iter().find(|(id, _)| *id == v.idea.id).map(|(_, n)| *n);
            json!({
                "id": v.idea.id, "title": v.idea.title, "cost": v.idea.cost, "votes": votes,
                "excerpt": excerpt(&v.idea.body, 120),
            })
        })
        .collect();
    let first = (page.page - 1) * PER_PAGE + 1;
    let link = |n: u64| format!("?{}#vote-list", list.query(n));
    Ok(json!({
        "ideas": ideas,
        "total": page.total,
        "from": first,
        "to": first + page.ideas.len() as u64 - 1,
        "page": page.page,
        "pages": page.pages,
        "links": page_links(list, page.page, page.pages),
        "previous": (page.page > 1).then(|| link(page.page - 1)),
        "next": (page.page < page.pages).then(|| link(page.page + 1)),
        "keep": list.query(page.page),
        "sorts": sorts(budgeting).iter().map(|s| s.as_str()).collect::<Vec<_>>(),
        "topics": terms(platform, Taxonomy::Topic, locale).await?,
        "areas": terms(platform, Taxonomy::Area, locale).await?,
        "chosen": {
            "sort": list.sort.as_str(),
            "q": list.q.clone().unwrap_or_default(),
            "topic": list.topic,
            "area": list.area,
            "filtered": list.filtered(),
        },
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn list(page: u64) -> PanelList {
        PanelList { sort: IdeaSort::CostAsc, q: Some("a&b=c".into()), topic: Some(3), area: None, seed: 9, page }
    }

    #[test]
    fn the_query_keeps_the_list_and_encodes_the_search() {
        assert_eq!(list(7).query(7), "sort=cost_asc&q=a%26b%3Dc&topic=3&page=7");
        let random = PanelList { sort: IdeaSort::Random, q: None, topic: None, area: Some(2), seed: 9, page: 1 };
        assert_eq!(random.query(2), "sort=random&area=2&seed=9&page=2");
    }

    #[test]
    fn page_links_show_the_ends_and_the_neighbourhood() {
        let numbers = |page, pages| -> Vec<String> {
            page_links(&list(page), page, pages)
                .iter()
                .map(|v| match v.get("n") {
                    Some(n) => n.to_string(),
                    None => "…".into(),
                })
                .collect()
        };
        assert_eq!(numbers(1, 1), ["1"]);
        assert_eq!(numbers(1, 4), ["1", "2", "3", "4"]);
        assert_eq!(numbers(7, 42), ["1", "…", "5", "6", "7", "8", "9", "…", "42"]);
        assert_eq!(numbers(42, 42), ["1", "…", "40", "41", "42"]);
    }
}
