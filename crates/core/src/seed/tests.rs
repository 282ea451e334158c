// SPDX-License-Identifier: AGPL-3.0-only
//! The demo and the scale data: rules hold, counters equal their rows.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use sea_orm::{EntityTrait, PaginatorTrait};
use townhall_license::Edition;

use super::{Quiet, ScalePlan};
use crate::modules::ideas::model::{comment, idea, reaction};
use crate::modules::ideas::{IdeaFilter, IdeaScope, IdeaSort};
use crate::modules::projects::model::project;
use crate::testing::platform;
use crate::{Actor, CoreError, Platform};

/// Every idea's counters against the rows they count.
async fn counters_match(p: &Platform) {
    let ideas = idea::Entity::find().all(p.db()).await.unwrap();
    let up: i64 = ideas.iter().map(|i| i64::from(i.reactions_up)).sum();
    let comments: i64 = ideas.iter().map(|i| i64::from(i.comments_count)).sum();
    assert_eq!(up as u64, reaction::Entity::find().count(p.db()).await.unwrap());
    assert_eq!(comments as u64, comment::Entity::find().count(p.db()).await.unwrap());
}

#[tokio::test]
async fn the_demo_fills_an_empty_platform_once() {
    let (p, _dir) = platform(Edition::Core, vec![]).await;
    let report = p.seed_demo("demo password for the town", &Quiet).await.unwrap();
    assert_eq!(report.projects, 9);
    assert_eq!(report.residents.len(), 8);
    let projects = project::Entity::find().all(p.db()).await.unwrap();
    let states: Vec<&str> = projects.iter().map(|p| p.status.as_str()).collect();
    for state in ["published", "draft", "archived"] {
        assert!(states.contains(&state), "{states:?}");
    }
    let anyone = p.projects(&Actor::Anonymous).await.unwrap();
    assert_eq!(anyone.len(), 8, "the draft stays hidden");
    let budget = anyone.iter().find(|p| p.slug == "participatory-budget").unwrap();
    let phases = p.phases(budget.id).await.unwrap();
    let results = p.voting_results(&Actor::Operator, phases[1].id).await.unwrap();
    assert_eq!(results.ballots, 6, "six residents submitted a basket");
    // Every other method is there with people taking part.
    let slug = |s: &str| anyone.iter().find(|p| p.slug == s).unwrap().id;
    let survey = p.phases(slug("station-square-survey")).await.unwrap()[0].id;
    assert_eq!(p.survey(&Actor::Operator, survey).await.unwrap().responses, 6);
    let poll = p.phases(slug("market-day")).await.unwrap()[0].id;
    assert_eq!(p.polls().get(&Actor::Operator, poll).await.unwrap().responses, 5);
    let help = p.phases(slug("clean-up-saturday")).await.unwrap()[0].id;
    let (causes, _) = p.volunteering().causes(&Actor::Anonymous, help).await.unwrap();
    assert!(causes.iter().all(|c| c.volunteers == 3 && c.image.is_some()), "{causes:?}");
    assert_eq!(p.upcoming_events(&Actor::Anonymous, 10).await.unwrap().len(), 2);
    let parks = anyone.iter().find(|p| p.slug == "greener-parks").unwrap();
    let page = p
        .list_ideas(
            &Actor::Anonymous,
            IdeaScope::Project(parks.id),
            IdeaSort::Trending,
            &IdeaFilter::default(),
            10,
            None,
        )
        .await
        .unwrap();
    assert_eq!(page.ideas.len(), 5);
    assert!(page.ideas.iter().any(|v| v.idea.status == "accepted"));
    counters_match(&p).await;
    // A seed sends nothing: the made-up residents get no confirmation, notice or receipt.
    let queued = crate::modules::notifications::model::outbox::Entity::find().count(p.db()).await.unwrap();
    assert_eq!(queued, 0, "the demo queued e-mails");
    assert!(!p.mail_muted(), "mail is on again after the seed");
    assert!(matches!(
        p.seed_demo("demo password for the town", &Quiet).await,
        Err(CoreError::Field { code: "platform_not_empty", .. })
    ));
}

#[tokio::test]
async fn scale_data_is_consistent_and_searchable() {
    let (p, _dir) = platform(Edition::Core, vec![]).await;
    let report = p.seed_scale(ScalePlan::for_ideas(2_500), "a password for load tests", &Quiet).await.unwrap();
    assert_eq!((report.ideas, report.users, report.projects), (2_500, 1_250, 12));
    assert!(report.reactions > 10_000 && report.comments > 2_000, "{report:?}");
    let budgets = report.vote.ideas.len() + report.panel.ideas.len();
    assert_eq!(idea::Entity::find().count(p.db()).await.unwrap(), 2_500 + budgets as u64);
    counters_match(&p).await;

    let project = project::Entity::find().one(p.db()).await.unwrap().unwrap();
    let scope = IdeaScope::Project(project.id);
    let trending = p.list_ideas(&Actor::Anonymous, scope, IdeaSort::Trending, &IdeaFilter::default(), 20, None).await;
    assert_eq!(trending.unwrap().ideas.len(), 20);
    let search = IdeaFilter { search: Some("benches".into()), ..IdeaFilter::default() };
    let found = p.list_ideas(&Actor::Anonymous, scope, IdeaSort::Newest, &search, 100, None).await.unwrap();
    assert!(!found.ideas.is_empty() && found.ideas.iter().all(|v| v.idea.title.contains("benches")));
    // The generated accounts sign in with the reported password.
    let email = format!("{}0@example.invalid", report.email_prefix);
    assert!(p.sign_in(&email, "a password for load tests", "x").await.is_ok());

    // The generated vote takes baskets from the generated accounts, whose ids have no gaps.
    let vote = &report.vote;
    let last = report.first_user + report.users as i32 - 1;
    for user in [report.first_user, last] {
        let token = p.sessions().issue(user, 0);
        let voter = p.actor_for_token(&token).await.unwrap().unwrap().0;
        p.add_to_basket(&voter, vote.phase, vote.ideas[0].0, 1).await.unwrap();
        p.add_to_basket(&voter, vote.phase, vote.ideas[5].0, 1).await.unwrap();
        p.submit_basket(&voter, vote.phase).await.unwrap();
    }
    let results = p.voting_results(&Actor::Operator, vote.phase).await.unwrap();
    assert_eq!(results.ballots, 2);
    assert!(results.rows.iter().all(|r| r.votes == 2 && r.fits), "{results:?}");

    // The voting panel's budget: a thousand ideas, each with its own cost, cheapest first by cost.
    let panel = &report.panel;
    assert_eq!(panel.ideas.len(), 1_000);
    let mut costs: Vec<i64> = panel.ideas.iter().map(|(_, c)| *c).collect();
    costs.sort_unstable();
    costs.dedup();
    assert_eq!((costs.len(), costs[0], costs[999]), (1_000, 500, 10_490));
    let project = p.project_by_slug(&Actor::Anonymous, &panel.slug).await.unwrap().unwrap().id;
    let filter = IdeaFilter { costed: true, ..IdeaFilter::default() };
    let scope = IdeaScope::Project(project);
    let last = p.list_ideas_numbered(&Actor::Anonymous, scope, IdeaSort::CostAsc, &filter, 24, 42).await.unwrap();
    assert_eq!((last.total, last.page, last.pages, last.ideas.len()), (1_000, 42, 42, 16));
    assert_eq!(last.ideas.last().unwrap().idea.cost, Some(10_490));
    let search = IdeaFilter { search: Some("proposal 300".into()), ..filter };
    let found = p.list_ideas_numbered(&Actor::Anonymous, scope, IdeaSort::Newest, &search, 24, 1).await.unwrap();
    assert_eq!(found.ideas.iter().map(|v| v.idea.id).collect::<Vec<_>>(), [panel.ideas[299].0]);
}

#[tokio::test]
async fn the_integrity_check_finds_wrong_counters_and_changed_ballots() {
    use sea_orm::{ConnectionTrait, Statement};
    let (p, _dir) = platform(Edition::Core, vec![]).await;
    p.seed_demo("demo password for the town", &Quiet).await.unwrap();
    let sound = p.check_integrity().await.unwrap();
    assert!(sound.is_sound(), "{sound:?}");
    let chains = sound.check("voting chains").unwrap();
    assert_eq!((sound.counters_checked, chains.counted), (6, 6), "{sound:?}");
    assert!(chains.checked >= 1);

    let backend = p.db().get_database_backend();
    let run = |sql: &str| p.db().execute_raw(Statement::from_string(backend, sql.to_owned()));
    run("UPDATE ideas SET reactions_up = reactions_up + 1 WHERE id = (SELECT MIN(id) FROM ideas)").await.unwrap();
    // The database refuses to change a ballot; someone with the file in hand drops the guard.
    assert!(run("UPDATE ballot_chain SET ballot = '[[1,1]]' WHERE seq = 2").await.is_err());
    run("DROP TRIGGER ballot_chain_no_update").await.unwrap();
    run("UPDATE ballot_chain SET ballot = '[[1,1]]' WHERE seq = 2").await.unwrap();
    let broken = p.check_integrity().await.unwrap();
    assert!(!broken.is_sound());
    assert_eq!(broken.counter_errors.len(), 1, "{broken:?}");
    assert!(broken.counter_errors[0].starts_with("ideas.reactions_up of "), "{broken:?}");
    let problems = &broken.check("voting chains").unwrap().problems;
    assert_eq!(problems.len(), 1, "{broken:?}");
    assert!(problems[0].contains("entry 2: its hash does not match its content"), "{broken:?}");
}
