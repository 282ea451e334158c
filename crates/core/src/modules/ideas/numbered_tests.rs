// SPDX-License-Identifier: AGPL-3.0-only
//! Numbered pages and the orders by cost: what a budget's voting panel lists.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::sync::atomic::Ordering;

use sea_orm::ConnectionTrait;
use townhall_license::Edition;

use super::tests::{ideation, resident, text};
use super::{IdeaFilter, IdeaScope, IdeaSort};
use crate::testing::platform;
use crate::{Actor, Platform};

/// `n` ideas in a new ideation phase, costing 1000, 990, … (the first is the dearest) but
/// listed newest first the other way round; one more idea has no cost. Returns the project
/// and the costed ideas in the order they were posted.
async fn costed(p: &Platform, n: usize) -> (i32, Vec<i32>) {
    let phase = ideation(p).await;
    let project = p.phase_of(phase).await.unwrap().project_id;
    let ana = resident(p, "ana@example.org").await;
    let mut ids = Vec::new();
    for i in 0..n {
        let idea = p.post_idea(&ana, phase, text(format!("Costed idea {i}"), "Text")).await.unwrap();
        p.set_idea_cost(&Actor::Operator, idea.id, Some(1000 - 10 * i as i64)).await.unwrap();
        ids.push(idea.id);
    }
    p.post_idea(&ana, phase, text("An idea without a cost", "Text")).await.unwrap();
    (project, ids)
}

async fn page(p: &Platform, project: i32, sort: IdeaSort, filter: &IdeaFilter, page: u64) -> (Vec<i32>, u64, u64, u64) {
    let found = p.list_ideas_numbered(&Actor::Anonymous, IdeaScope::Project(project), sort, filter, 24, page).await;
    let found = found.unwrap();
    (found.ideas.iter().map(|v| v.idea.id).collect(), found.total, found.page, found.pages)
}

#[tokio::test]
async fn numbered_pages_cover_a_list_one_longer_than_a_page() {
    let (p, _dir) = platform(Edition::Core, vec![]).await;
    let (project, ids) = costed(&p, 25).await;
    let cheapest_first: Vec<i32> = ids.iter().rev().copied().collect();
    let costed = IdeaFilter { costed: true, ..Default::default() };

    let (first, total, at, pages) = page(&p, project, IdeaSort::CostAsc, &IdeaFilter::default(), 1).await;
    assert_eq!((total, at, pages), (25, 1, 2), "the idea without a cost is not in an order by cost");
    assert_eq!(first, cheapest_first[..24]);
    let (second, ..) = page(&p, project, IdeaSort::CostAsc, &IdeaFilter::default(), 2).await;
    assert_eq!(second, [ids[0]], "the dearest idea is alone on the second page");
    let (dearest, ..) = page(&p, project, IdeaSort::CostDesc, &IdeaFilter::default(), 1).await;
    assert_eq!(dearest, ids[..24]);
    // A page past the end is the last one; page 0 the first.
    assert_eq!(page(&p, project, IdeaSort::CostAsc, &costed, 99).await.2, 2);
    assert_eq!(page(&p, project, IdeaSort::CostAsc, &costed, 0).await.2, 1);
    // Other orders list every idea, or only the costed ones when asked.
    assert_eq!(page(&p, project, IdeaSort::Newest, &IdeaFilter::default(), 1).await.1, 26);
    let (newest, total, ..) = page(&p, project, IdeaSort::Newest, &costed, 2).await;
    assert_eq!((newest, total), (vec![ids[0]], 25));
    // A search, and an empty list, which still has one page.
    let search = IdeaFilter { search: Some("without".into()), costed: true, ..Default::default() };
    assert_eq!(page(&p, project, IdeaSort::Newest, &search, 1).await, (vec![], 0, 1, 1));

    // The keyset cursor of an order by cost pages through the same ideas.
    let mut seen = Vec::new();
    let mut after: Option<String> = None;
    loop {
        let scope = IdeaScope::Project(project);
        let filter = IdeaFilter::default();
        let found = p.list_ideas(&Actor::Anonymous, scope, IdeaSort::CostAsc, &filter, 7, after.as_deref()).await;
        let found = found.unwrap();
        seen.extend(found.ideas.iter().map(|v| v.idea.id));
        match found.next {
            Some(next) => after = Some(next),
            None => break,
        }
    }
    assert_eq!(seen, cheapest_first);
}

/// The statements of a numbered page do not grow with its size, and SQLite counts and reads an
/// order by cost in the project's cost index (which holds only listed ideas with a cost),
/// without sorting the project's ideas.
#[tokio::test]
async fn a_page_by_cost_reads_the_cost_index_in_a_fixed_number_of_statements() {
    let (p, _dir, count) = crate::testing::counting_platform().await;
    let (project, _) = costed(&p, 30).await;
    let filter = IdeaFilter { costed: true, ..Default::default() };
    let mut costs = Vec::new();
    for size in [5, 25] {
        let scope = IdeaScope::Project(project);
        count.store(0, Ordering::SeqCst);
        let found = p.list_ideas_numbered(&Actor::Anonymous, scope, IdeaSort::CostDesc, &filter, size, 2).await;
        assert_eq!(found.unwrap().ideas.len(), 5.min(30 - size as usize));
        costs.push(count.load(Ordering::SeqCst));
    }
    assert_eq!(costs[0], costs[1], "statements for pages of 5 and of 25 ideas");
    assert!(costs[0] <= 4, "a numbered page takes {} statements", costs[0]);

    let (p, _dir, seen) = crate::testing::recording_platform().await;
    let (project, _) = costed(&p, 3).await;
    seen.lock().unwrap().clear();
    for sort in IdeaSort::BY_COST {
        p.list_ideas_numbered(&Actor::Anonymous, IdeaScope::Project(project), sort, &filter, 24, 1).await.unwrap();
    }
    let lists: Vec<sea_orm::Statement> =
        seen.lock().unwrap().iter().filter(|s| s.sql.contains("FROM \"ideas\"")).cloned().collect();
    assert_eq!(lists.len(), 4, "a count and a page per order");
    for list in lists {
        let explain = sea_orm::Statement {
            sql: format!("EXPLAIN QUERY PLAN {}", list.sql),
            values: list.values.clone(),
            db_backend: list.db_backend,
        };
        let plan = p.db().query_all_raw(explain).await.unwrap();
        let steps: Vec<String> = plan.iter().map(|row| row.try_get::<String>("", "detail").unwrap()).collect();
        assert!(steps.iter().any(|s| s.contains("ideas_in_project_by_cost")), "{}\n{steps:?}", list.sql);
        assert!(!steps.iter().any(|s| s.contains("TEMP B-TREE")), "{}\n{steps:?}", list.sql);
    }
}
