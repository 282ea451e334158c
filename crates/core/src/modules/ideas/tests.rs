// SPDX-License-Identifier: AGPL-3.0-only
//! Ideas and reactions through the services.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeMap;

use chrono::{Duration, Utc};
use townhall_license::Edition;

use super::{IdeaFilter, IdeaInput, IdeaScope, IdeaSort, ReactionMode};
use crate::modules::projects::{PUBLISHED, PhaseInput, ProjectChanges};
use crate::permissions::Denial;
use crate::testing::platform;
use crate::{Actor, CoreError, Platform};

pub(crate) use crate::testing::PASSWORD;

pub(crate) fn text(title: impl Into<String>, body: &str) -> IdeaInput {
    IdeaInput { title: title.into(), body: body.into(), ..Default::default() }
}

pub(crate) use crate::testing::resident;

pub(crate) async fn ideation(p: &Platform) -> i32 {
    ideation_in(p, "parks").await
}

/// A published project with the given slug and one open ideation phase (its id).
pub(crate) async fn ideation_in(p: &Platform, slug: &str) -> i32 {
    let op = &Actor::Operator;
    let title = BTreeMap::from([("en".to_owned(), slug.to_owned())]);
    let project = p
        .create_project(
            op,
            ProjectChanges { slug: Some(slug.into()), title: Some(title.clone()), ..Default::default() },
        )
        .await
        .unwrap();
    let input = PhaseInput {
        title,
        description: BTreeMap::new(),
        method: "ideation".into(),
        start_at: Some(Utc::now() - Duration::days(1)),
        end_at: None,
    };
    let phase = p.create_phase(op, project.id, input).await.unwrap();
    p.set_project_status(op, project.id, PUBLISHED).await.unwrap();
    phase.id
}

#[tokio::test]
async fn residents_post_and_react_within_the_rules() {
    let (p, _dir) = platform(Edition::Core, vec![]).await;
    let phase = ideation(&p).await;
    let ana = resident(&p, "ana@example.org").await;
    let ben = resident(&p, "ben@example.org").await;

    assert!(matches!(
        p.post_idea(&Actor::Anonymous, phase, text("Benches", "More benches")).await,
        Err(CoreError::Denied(Denial::NotSignedIn))
    ));
    assert!(matches!(
        p.post_idea(&ana, phase, text("No", "x")).await,
        Err(CoreError::Field { code: "title_length", .. })
    ));
    let idea = p.post_idea(&ana, phase, text("Benches", "More benches by the pond")).await.unwrap();

    assert!(matches!(p.update_idea(&ben, idea.id, text("Mine now", "x")).await, Err(CoreError::Forbidden)));
    p.update_idea(&ana, idea.id, text("Benches by the pond", "Three benches")).await.unwrap();

    let up = p.react(&ben, idea.id, ReactionMode::Up).await.unwrap();
    assert_eq!((up.reactions_up, up.reactions_down), (1, 0));
    let again = p.react(&ben, idea.id, ReactionMode::Up).await.unwrap();
    assert_eq!(again.reactions_up, 1, "the same reaction twice counts once");
    assert!(
        matches!(p.react(&ben, idea.id, ReactionMode::Down).await, Err(CoreError::Denied(Denial::MethodDisallows))),
        "dislikes are off by default"
    );
    let gone = p.remove_reaction(&ben, idea.id).await.unwrap();
    assert_eq!(gone.reactions_up, 0);
    p.react(&ana, idea.id, ReactionMode::Up).await.unwrap();
    assert_eq!(p.my_reactions(&ana, &[idea.id]).await.unwrap(), vec![(idea.id, "up".to_owned())]);

    // Ana deletes her account keeping her content: the idea stays without her name, and her
    // reaction no longer counts.
    p.delete_my_account(&ana, PASSWORD, crate::Erasure::Anonymize).await.unwrap();
    let kept = p.idea_by_id(&Actor::Anonymous, idea.id).await.unwrap().unwrap();
    assert_eq!((kept.author, kept.idea.reactions_up), (None, 0));
}

#[tokio::test]
async fn lists_page_by_keys_in_both_orders() {
    let (p, _dir) = platform(Edition::Core, vec![]).await;
    let phase = ideation(&p).await;
    let ana = resident(&p, "ana@example.org").await;
    let voters = [resident(&p, "v1@example.org").await, resident(&p, "v2@example.org").await];
    let mut ids = Vec::new();
    for i in 0..7 {
        ids.push(p.post_idea(&ana, phase, text(format!("Idea number {i}"), "Text")).await.unwrap().id);
    }
    for v in &voters {
        p.react(v, ids[2], ReactionMode::Up).await.unwrap();
    }
    p.react(&voters[0], ids[5], ReactionMode::Up).await.unwrap();

    let mut seen = Vec::new();
    let mut after: Option<String> = None;
    loop {
        let page = p
            .list_ideas(
                &Actor::Anonymous,
                IdeaScope::Phase(phase),
                IdeaSort::Newest,
                &IdeaFilter::default(),
                3,
                after.as_deref(),
            )
            .await
            .unwrap();
        seen.extend(page.ideas.iter().map(|v| v.idea.id));
        match page.next {
            Some(n) => after = Some(n),
            None => break,
        }
    }
    let mut newest_first = ids.clone();
    newest_first.reverse();
    assert_eq!(seen, newest_first);

    let first = p
        .list_ideas(&Actor::Anonymous, IdeaScope::Phase(phase), IdeaSort::MostReacted, &IdeaFilter::default(), 2, None)
        .await
        .unwrap();
    assert_eq!(first.ideas.iter().map(|v| v.idea.id).collect::<Vec<_>>(), vec![ids[2], ids[5]]);
    let rest = p
        .list_ideas(
            &Actor::Anonymous,
            IdeaScope::Phase(phase),
            IdeaSort::MostReacted,
            &IdeaFilter::default(),
            10,
            first.next.as_deref(),
        )
        .await
        .unwrap();
    assert_eq!(rest.ideas.len(), 5);
    assert!(rest.ideas.iter().all(|v| v.idea.reactions_up == 0));
    assert_eq!(rest.ideas[0].author.as_deref(), Some("ana@example.org"));
}

#[tokio::test]
async fn drafts_stay_with_their_author_until_published() {
    let (p, _dir) = platform(Edition::Core, vec![]).await;
    let phase = ideation(&p).await;
    let ana = resident(&p, "ana@example.org").await;
    let ben = resident(&p, "ben@example.org").await;
    let draft = p.post_idea(&ana, phase, IdeaInput { draft: true, ..text("Benches", "By the pond") }).await.unwrap();
    assert!(draft.published_at.is_none());
    assert!(p.idea_by_id(&Actor::Anonymous, draft.id).await.unwrap().is_none());
    assert!(p.idea_by_id(&ben, draft.id).await.unwrap().is_none());
    assert!(p.idea_by_id(&Actor::Operator, draft.id).await.unwrap().is_some(), "moderators see drafts");
    let list = |who: Actor| {
        let p = p.clone();
        async move {
            p.list_ideas(&who, IdeaScope::Phase(phase), IdeaSort::Newest, &IdeaFilter::default(), 10, None)
                .await
                .unwrap()
                .ideas
                .len()
        }
    };
    assert_eq!(list(ana.clone()).await, 0, "lists hold published ideas only");
    assert_eq!(p.my_drafts(&ana, phase).await.unwrap().len(), 1);
    assert!(matches!(p.publish_idea(&ben, draft.id).await, Err(CoreError::NotFound(_))));
    let published = p.publish_idea(&ana, draft.id).await.unwrap();
    assert!(published.published_at.is_some());
    assert_eq!(list(Actor::Anonymous).await, 1);
    assert!(p.my_drafts(&ana, phase).await.unwrap().is_empty());
}
