// SPDX-License-Identifier: AGPL-3.0-only
//! Reports, the queue, hiding and restoring, and the profanity filter through the services.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use townhall_license::Edition;

use super::{HANDLED, NEW, Target};
use crate::modules::ideas::tests::{PASSWORD, ideation, resident, text};
use crate::modules::ideas::{IdeaFilter, IdeaScope, IdeaSort};
use crate::testing::platform;
use crate::{Actor, CoreError, Platform};

async fn moderator(p: &Platform, project: i32, email: &str) -> Actor {
    resident(p, email).await;
    p.set_project_moderator(&Actor::Operator, project, email, true).await.unwrap();
    let (_, token) = p.sign_in(email, PASSWORD, "x").await.unwrap();
    p.actor_for_token(&token).await.unwrap().unwrap().0
}

async fn listed(p: &Platform, actor: &Actor, project: i32) -> usize {
    let page = p
        .list_ideas(actor, IdeaScope::Project(project), IdeaSort::Newest, &IdeaFilter::default(), 50, None)
        .await
        .unwrap();
    page.ideas.len()
}

#[tokio::test]
async fn reports_reach_the_projects_moderators_who_hide_and_restore() {
    let (p, _dir) = platform(Edition::Core, vec![]).await;
    let phase = ideation(&p).await;
    let ana = resident(&p, "ana@example.org").await;
    let ben = resident(&p, "ben@example.org").await;
    let idea = p.post_idea(&ana, phase, text("Free parking everywhere", "Cars first")).await.unwrap();
    let project = idea.project_id;
    let mo = moderator(&p, project, "mo@example.org").await;

    assert!(matches!(
        p.report(&Actor::Anonymous, Target::Idea(idea.id), "spam", "").await,
        Err(CoreError::NotSignedIn)
    ));
    assert!(matches!(
        p.report(&ben, Target::Idea(idea.id), "other", " ").await,
        Err(CoreError::Field { code: "report_text_required", .. })
    ));
    assert!(matches!(
        p.report(&ben, Target::Idea(idea.id), "boring", "").await,
        Err(CoreError::Field { code: "report_reason_invalid", .. })
    ));
    let first = p.report(&ben, Target::Idea(idea.id), "spam", "").await.unwrap();
    let again = p.report(&ben, Target::Idea(idea.id), "spam", "twice").await.unwrap();
    assert_eq!(first.id, again.id, "one open report per resident and target");

    assert!(matches!(p.moderation_queue(&ben, NEW, None, None, 20, None).await, Err(CoreError::Forbidden)));
    let queue = p.moderation_queue(&mo, NEW, None, None, 20, None).await.unwrap();
    assert_eq!(queue.items.len(), 1);
    assert_eq!(queue.items[0].excerpt, "Free parking everywhere");

    // Hidden: gone from lists and from others; its author sees it, and why.
    assert!(matches!(p.hide_content(&ben, Target::Idea(idea.id), "no").await, Err(CoreError::Forbidden)));
    assert!(matches!(
        p.hide_content(&mo, Target::Idea(idea.id), " ").await,
        Err(CoreError::Field { code: "reason_required", .. })
    ));
    p.hide_content(&mo, Target::Idea(idea.id), "Advertising").await.unwrap();
    assert_eq!(listed(&p, &ben, project).await, 0);
    assert!(p.idea_by_id(&ben, idea.id).await.unwrap().is_none());
    let own = p.idea_by_id(&ana, idea.id).await.unwrap().unwrap();
    assert_eq!(own.idea.hidden_reason.as_deref(), Some("Advertising"));
    let handled = p.moderation_queue(&mo, HANDLED, Some(project), None, 20, None).await.unwrap();
    assert_eq!(handled.items[0].report.outcome.as_deref(), Some("hidden"));
    assert!(p.moderation_queue(&mo, NEW, None, None, 20, None).await.unwrap().items.is_empty());

    p.restore_content(&mo, Target::Idea(idea.id)).await.unwrap();
    assert_eq!(listed(&p, &ben, project).await, 1);
    let log = p.audit_log(&Actor::Operator, 50, None).await.unwrap();
    let actions: Vec<&str> = log.entries.iter().map(|e| e.action.as_str()).collect();
    assert!(actions.contains(&"idea.hide") && actions.contains(&"idea.restore"), "{actions:?}");

    // A comment: removed with its reason, restored, and counted again.
    let comment = p.post_comment(&ana, idea.id, None, "Honk if you agree").await.unwrap();
    let report = p.report(&ben, Target::Comment(comment.id), "inappropriate", "").await.unwrap();
    p.hide_content(&mo, Target::Comment(comment.id), "Off topic").await.unwrap();
    let counted = p.idea_by_id(&mo, idea.id).await.unwrap().unwrap().idea.comments_count;
    assert_eq!(counted, 0);
    p.restore_content(&mo, Target::Comment(comment.id)).await.unwrap();
    assert_eq!(p.idea_by_id(&mo, idea.id).await.unwrap().unwrap().idea.comments_count, 1);

    // Dismissed: the content stays, the report is closed.
    let report2 = p.report(&ben, Target::Comment(comment.id), "spam", "").await.unwrap();
    assert_ne!(report.id, report2.id);
    p.dismiss_report(&mo, report2.id).await.unwrap();
    let handled = p.moderation_queue(&mo, HANDLED, None, Some("comment"), 20, None).await.unwrap();
    assert!(
        handled.items.iter().any(|i| i.report.id == report2.id && i.report.outcome.as_deref() == Some("dismissed"))
    );

    // Blocking the author is for administrators.
    let report3 = p.report(&ben, Target::Idea(idea.id), "spam", "").await.unwrap();
    assert!(matches!(p.block_reported_author(&mo, report3.id, "Spam").await, Err(CoreError::Forbidden)));
    p.block_reported_author(&Actor::Operator, report3.id, "Repeated spam").await.unwrap();
    assert!(p.sign_in("ana@example.org", PASSWORD, "x").await.is_err(), "the author is blocked");
    assert!(p.idea_by_id(&ben, idea.id).await.unwrap().is_none());
}

#[tokio::test]
async fn the_profanity_lists_refuse_their_words_until_switched_off() {
    let (p, _dir) = platform(Edition::Core, vec![]).await;
    let phase = ideation(&p).await;
    let ana = resident(&p, "ana@example.org").await;
    assert!(matches!(
        p.post_idea(&ana, phase, text("This shit again", "More bins")).await,
        Err(CoreError::Field { field: "title", code: "text_profane" })
    ));
    let idea = p.post_idea(&ana, phase, text("More bins", "Near the station")).await.unwrap();
    assert!(matches!(
        p.post_comment(&ana, idea.id, None, "Quelle merde").await,
        Err(CoreError::Field { field: "body", code: "text_profane" })
    ));
    // Switching off the French list lets French words through; the English list still holds.
    p.set_feature_enabled(&Actor::Operator, "profanity_filter_fr", false).await.unwrap();
    p.post_comment(&ana, idea.id, None, "Quelle merde").await.unwrap();
    assert!(matches!(
        p.post_comment(&ana, idea.id, None, "Bullshit").await,
        Err(CoreError::Field { field: "body", code: "text_profane" })
    ));
}

/// Who may do what in moderation: every action tried by every role.
#[tokio::test]
async fn the_moderation_permissions_table() {
    let (p, _dir) = platform(Edition::Core, vec![]).await;
    let phase = ideation(&p).await;
    let ana = resident(&p, "ana@example.org").await;
    let idea = p.post_idea(&ana, phase, text("Parking", "Cars")).await.unwrap();
    let project = idea.project_id;
    let mo = moderator(&p, project, "mo@example.org").await;
    // A moderator of another project.
    let other = p
        .create_project(
            &Actor::Operator,
            crate::modules::projects::ProjectChanges {
                slug: Some("other".into()),
                title: Some(std::collections::BTreeMap::from([("en".to_owned(), "Other".to_owned())])),
                ..Default::default()
            },
        )
        .await
        .unwrap();
    let elsewhere = moderator(&p, other.id, "else@example.org").await;
    let ben = resident(&p, "ben@example.org").await;
    let roles: [(&str, &Actor); 5] = [
        ("admin", &Actor::Operator),
        ("moderator", &mo),
        ("other moderator", &elsewhere),
        ("resident", &ben),
        ("visitor", &Actor::Anonymous),
    ];
    // Expected outcome per role: report, read the queue, hide, restore, dismiss, block.
    let expected: [(&str, [bool; 6]); 5] = [
        ("admin", [false, true, true, true, true, true]),
        ("moderator", [true, true, true, true, true, false]),
        ("other moderator", [true, false, false, false, false, false]),
        ("resident", [true, false, false, false, false, false]),
        ("visitor", [false, false, false, false, false, false]),
    ];
    for ((name, actor), (_, allowed)) in roles.iter().zip(expected) {
        let target = Target::Idea(idea.id);
        // A fresh report for each role to act on (the operator, the command line, has no account
        // to report with).
        let report = p.report(&ben, target, "spam", "").await.unwrap();
        let got = [
            p.report(actor, target, "spam", "").await.is_ok(),
            p.moderation_queue(actor, NEW, Some(project), None, 5, None).await.is_ok(),
            p.hide_content(actor, target, "Reason").await.is_ok(),
            p.restore_content(actor, target).await.is_ok(),
            p.dismiss_report(actor, report.id).await.is_ok(),
            p.block_reported_author(actor, report.id, "Reason").await.is_ok(),
        ];
        assert_eq!(got, allowed, "{name}");
        if got[5] {
            p.unblock_user(&Actor::Operator, ana.user_id().unwrap()).await.unwrap();
            p.restore_content(&Actor::Operator, target).await.unwrap();
        }
    }
}
