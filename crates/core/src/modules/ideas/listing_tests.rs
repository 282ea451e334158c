// SPDX-License-Identifier: AGPL-3.0-only
//! Orders, filters, search and keyset paging of idea lists.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeMap;

use townhall_license::Edition;

use super::tests::{ideation, ideation_in, resident, text};
use super::{IdeaFilter, IdeaInput, IdeaScope, IdeaSort, ReactionMode};
use crate::modules::projects::Taxonomy;
use crate::testing::platform;
use crate::{Actor, Platform};

/// Every idea of a list, paging `size` at a time.
async fn all_pages(p: &Platform, phase: i32, sort: IdeaSort, filter: &IdeaFilter, size: u64) -> Vec<i32> {
    let mut seen = Vec::new();
    let mut after: Option<String> = None;
    loop {
        let page = p
            .list_ideas(&Actor::Anonymous, IdeaScope::Phase(phase), sort, filter, size, after.as_deref())
            .await
            .unwrap();
        seen.extend(page.ideas.iter().map(|v| v.idea.id));
        match page.next {
            Some(n) => after = Some(n),
            None => return seen,
        }
    }
}

#[tokio::test]
async fn every_order_pages_through_every_idea_once() {
    let (p, _dir) = platform(Edition::Core, vec![]).await;
    let phase = ideation(&p).await;
    let ana = resident(&p, "ana@example.org").await;
    let ben = resident(&p, "ben@example.org").await;
    let mut ids = Vec::new();
    for i in 0..9 {
        ids.push(p.post_idea(&ana, phase, text(format!("Idea number {i}"), "Text")).await.unwrap().id);
    }
    p.react(&ben, ids[3], ReactionMode::Up).await.unwrap();
    p.react(&ana, ids[3], ReactionMode::Up).await.unwrap();
    p.react(&ben, ids[1], ReactionMode::Up).await.unwrap();
    p.post_comment(&ben, ids[0], None, "Good").await.unwrap();

    let filter = IdeaFilter::default();
    for sort in IdeaSort::ALL {
        for size in [1, 2, 4, 100] {
            let mut seen = all_pages(&p, phase, sort, &filter, size).await;
            let order = seen.clone();
            seen.sort_unstable();
            assert_eq!(seen, ids, "{sort:?} by {size} lists each idea once");
            if size == 100 {
                match sort {
                    IdeaSort::MostReacted => assert_eq!(order[..2], [ids[3], ids[1]]),
                    IdeaSort::MostDiscussed => assert_eq!(order[0], ids[0]),
                    IdeaSort::Newest => assert_eq!(order[0], ids[8]),
                    // Same age: the most engaged first (a comment weighs two likes).
                    IdeaSort::Trending => assert_eq!(order[..3], [ids[3], ids[0], ids[1]]),
                    IdeaSort::Random => {}
                    IdeaSort::CostAsc | IdeaSort::CostDesc => unreachable!("not an ideation order"),
                }
            }
        }
    }
    // The shuffle is stable for one seed and differs between seeds.
    let shuffle = |seed| IdeaFilter { seed, ..Default::default() };
    let a = all_pages(&p, phase, IdeaSort::Random, &shuffle(7), 3).await;
    assert_eq!(a, all_pages(&p, phase, IdeaSort::Random, &shuffle(7), 100).await);
    assert_ne!(a, all_pages(&p, phase, IdeaSort::Random, &shuffle(8), 100).await);
    assert!(
        p.list_ideas(&Actor::Anonymous, IdeaScope::Phase(phase), IdeaSort::Trending, &filter, 5, Some("x"))
            .await
            .is_err(),
        "a broken cursor is a clear error"
    );
}

#[tokio::test]
async fn filters_and_search_narrow_the_list() {
    let (p, _dir) = platform(Edition::Core, vec![]).await;
    let phase = ideation(&p).await;
    let ana = resident(&p, "ana@example.org").await;
    let op = &Actor::Operator;
    let title = |t: &str| BTreeMap::from([("en".to_owned(), t.to_owned())]);
    let green = p.create_term(op, Taxonomy::Topic, title("Green"), 0).await.unwrap().id;
    let traffic = p.create_term(op, Taxonomy::Topic, title("Traffic"), 1).await.unwrap().id;
    let north = p.create_term(op, Taxonomy::Area, title("North"), 0).await.unwrap().id;

    let post = |t: &'static str, b: &'static str, topics: Vec<i32>, area: Option<i32>| IdeaInput {
        title: t.into(),
        body: b.into(),
        topic_ids: topics,
        area_id: area,
        location: None,
        draft: false,
    };
    let trees =
        p.post_idea(&ana, phase, post("More trees", "Shade on the square", vec![green], Some(north))).await.unwrap();
    let bikes = p
        .post_idea(&ana, phase, post("Bike lanes", "Safer cycling to school", vec![traffic, green], None))
        .await
        .unwrap();
    let cafe = p
        .post_idea(&ana, phase, post("Café terrace", "Chairs on the Place Flagey", vec![], Some(north)))
        .await
        .unwrap();
    let statuses = p.idea_statuses().await.unwrap();
    p.set_idea_status(op, bikes.id, statuses[2].id, None).await.unwrap();

    let list = |filter: IdeaFilter| {
        let p = p.clone();
        async move {
            let mut ids = all_pages(&p, phase, IdeaSort::Newest, &filter, 100).await;
            ids.sort_unstable();
            ids
        }
    };
    assert_eq!(list(IdeaFilter { topic_ids: vec![green], ..Default::default() }).await, [trees.id, bikes.id]);
    assert_eq!(list(IdeaFilter { area_ids: vec![north], ..Default::default() }).await, [trees.id, cafe.id]);
    assert_eq!(list(IdeaFilter { status_ids: vec![statuses[2].id], ..Default::default() }).await, [bikes.id]);
    let both = IdeaFilter { topic_ids: vec![green], area_ids: vec![north], ..Default::default() };
    assert_eq!(list(both).await, [trees.id]);

    let search = |q: &str| IdeaFilter { search: Some(q.into()), ..Default::default() };
    assert_eq!(list(search("shade")).await, [trees.id], "words in the body match");
    assert_eq!(list(search("cycl")).await, [bikes.id], "words match as prefixes");
    assert_eq!(list(search("cafe")).await, [cafe.id], "accents do not matter");
    assert_eq!(list(search("bike school")).await, [bikes.id], "every word must match");
    assert!(list(search("\"unbalanced OR NEAR(")).await.is_empty(), "query syntax in the input is only text");
    assert_eq!(list(search("!!")).await.len(), 3, "a search without words filters nothing");

    // Edits are searchable at once; deleted ideas are gone from the index.
    p.update_idea(&ana, trees.id, text("More oaks", "Shade on the square")).await.unwrap();
    assert_eq!(list(search("oaks")).await, [trees.id]);
    p.delete_idea(&ana, cafe.id).await.unwrap();
    assert!(list(search("terrace")).await.is_empty());

    // Deleting a topic or an area untags what carried it.
    p.delete_term(op, Taxonomy::Area, north).await.unwrap();
    assert!(list(IdeaFilter { area_ids: vec![north], ..Default::default() }).await.is_empty());
    assert_eq!(p.terms(Taxonomy::Topic).await.unwrap().len(), 2);
}

/// A search in a project or a phase finds only that project's or phase's ideas, and the index's
/// project and phase tokens are never found by a search for those words.
#[tokio::test]
async fn a_search_stays_in_its_project_and_phase() {
    use sea_orm::ConnectionTrait;
    let (p, _dir) = platform(Edition::Core, vec![]).await;
    let parks = ideation(&p).await;
    let streets = ideation_in(&p, "streets").await;
    let ana = resident(&p, "ana@example.org").await;
    let in_parks = p.post_idea(&ana, parks, text("A bench in the park", "Wooden")).await.unwrap();
    let in_streets = p.post_idea(&ana, streets, text("A bench at the stop", "Metal")).await.unwrap();
    let project_phase = p.post_idea(&ana, streets, text("Project phase", "Words only")).await.unwrap();
    let streets_project = p.phase_of(streets).await.unwrap().project_id;

    let found = |scope: IdeaScope, q: &'static str| {
        let p = p.clone();
        async move {
            let filter = IdeaFilter { search: Some(q.into()), ..Default::default() };
            let page = p.list_ideas(&Actor::Operator, scope, IdeaSort::Newest, &filter, 100, None).await.unwrap();
            let mut ids: Vec<i32> = page.ideas.iter().map(|v| v.idea.id).collect();
            ids.sort_unstable();
            ids
        }
    };
    assert_eq!(found(IdeaScope::Phase(parks), "bench").await, [in_parks.id]);
    assert_eq!(found(IdeaScope::Phase(streets), "bench").await, [in_streets.id]);
    assert_eq!(found(IdeaScope::Project(streets_project), "bench").await, [in_streets.id]);
    assert_eq!(found(IdeaScope::Moderated, "bench").await, [in_parks.id, in_streets.id]);
    assert_eq!(found(IdeaScope::Moderated, "project").await, [project_phase.id], "scope tokens are not text");
    assert_eq!(found(IdeaScope::Phase(streets), "phase").await, [project_phase.id]);

    // Ideas that go with their phase leave the scoped index too.
    p.delete_phase(&Actor::Operator, streets).await.unwrap();
    let sql = format!("SELECT rowid FROM ideas_scoped_fts WHERE ideas_scoped_fts MATCH 'p{streets_project}xbench'");
    let left = p.db().query_all_raw(sea_orm::Statement::from_string(p.db().get_database_backend(), sql)).await;
    assert!(left.unwrap().is_empty());
}

/// A list of a phase's or a project's ideas, in every order and with or without a search, reads
/// the ideas through an index: SQLite's plan for each statement never scans the whole table.
#[tokio::test]
async fn idea_lists_never_scan_every_idea() {
    use sea_orm::ConnectionTrait;
    let (p, _dir, seen) = crate::testing::recording_platform().await;
    let phase = ideation(&p).await;
    let project = p.phase_of(phase).await.unwrap().project_id;
    let ana = resident(&p, "ana@example.org").await;
    p.post_idea(&ana, phase, text("A bench in the park", "Text")).await.unwrap();
    seen.lock().unwrap().clear();
    let searching = IdeaFilter { search: Some("bench".into()), ..Default::default() };
    for filter in [IdeaFilter::default(), searching] {
        for scope in [IdeaScope::Phase(phase), IdeaScope::Project(project)] {
            for sort in [IdeaSort::Newest, IdeaSort::Trending, IdeaSort::MostReacted, IdeaSort::MostDiscussed] {
                let page = p.list_ideas(&Actor::Anonymous, scope, sort, &filter, 24, None).await.unwrap();
                assert_eq!(page.ideas.len(), 1);
            }
        }
    }
    let lists: Vec<sea_orm::Statement> =
        seen.lock().unwrap().iter().filter(|s| s.sql.contains("FROM \"ideas\"")).cloned().collect();
    assert_eq!(lists.len(), 16, "one statement per list");
    for list in lists {
        let explain = sea_orm::Statement {
            sql: format!("EXPLAIN QUERY PLAN {}", list.sql),
            values: list.values.clone(),
            db_backend: list.db_backend,
        };
        let plan = p.db().query_all_raw(explain).await.unwrap();
        let steps: Vec<String> = plan.iter().map(|row| row.try_get::<String>("", "detail").unwrap()).collect();
        assert!(!steps.iter().any(|s| s == "SCAN ideas"), "{}\n{steps:?}", list.sql);
        if list.sql.contains("ideas_fts") {
            // A search reads its matches' rows, not every idea of the scope in order.
            assert!(steps.iter().any(|s| s.contains("INTEGER PRIMARY KEY")), "{}\n{steps:?}", list.sql);
        }
    }
}
