// SPDX-License-Identifier: AGPL-3.0-only
//! Comments, statuses with official feedback, and follows through the services.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use townhall_license::Edition;

use super::tests::{ideation, resident, text};
use super::{FollowTarget, comments};
use crate::permissions::Denial;
use crate::testing::platform;
use crate::{Actor, CoreError};

#[tokio::test]
async fn threads_are_one_level_deep_and_counts_follow_the_rules() {
    let (p, _dir) = platform(Edition::Core, vec![]).await;
    let phase = ideation(&p).await;
    let ana = resident(&p, "ana@example.org").await;
    let ben = resident(&p, "ben@example.org").await;
    let idea = p.post_idea(&ana, phase, text("Benches", "By the pond")).await.unwrap();

    assert!(matches!(
        p.post_comment(&Actor::Anonymous, idea.id, None, "Hi").await,
        Err(CoreError::Denied(Denial::NotSignedIn))
    ));
    assert!(matches!(
        p.post_comment(&ben, idea.id, None, "   ").await,
        Err(CoreError::Field { code: "comment_length", .. })
    ));
    let top = p.post_comment(&ben, idea.id, None, "Yes please").await.unwrap();
    let reply = p.post_comment(&ana, idea.id, Some(top.id), "Thanks!").await.unwrap();
    // A reply to a reply joins the thread of the top-level comment.
    let deeper = p.post_comment(&ben, idea.id, Some(reply.id), "You're welcome").await.unwrap();
    assert_eq!((reply.parent_id, deeper.parent_id), (Some(top.id), Some(top.id)));
    assert_eq!(p.idea_by_id(&Actor::Anonymous, idea.id).await.unwrap().unwrap().idea.comments_count, 3);

    assert!(matches!(p.update_comment(&ana, top.id, "Hijack").await, Err(CoreError::Forbidden)));
    p.update_comment(&ben, top.id, "Yes please, three of them").await.unwrap();

    // A resident cannot remove someone else's comment; a moderator can, with a reason.
    assert!(matches!(p.delete_comment(&ben, reply.id, Some("no")).await, Err(CoreError::Forbidden)));
    let op = &Actor::Operator;
    assert!(matches!(
        p.delete_comment(op, reply.id, None).await,
        Err(CoreError::Field { code: "reason_required", .. })
    ));
    p.delete_comment(op, reply.id, Some("Off topic")).await.unwrap();
    p.delete_comment(&ben, deeper.id, None).await.unwrap();

    let page = p.comments(&Actor::Anonymous, idea.id, 10, None).await.unwrap();
    assert_eq!(page.comments.len(), 1);
    let thread = &page.comments[0];
    assert_eq!(thread.visible_body(), Some("Yes please, three of them"));
    assert_eq!(thread.replies.len(), 2);
    assert_eq!(thread.replies[0].comment.state, comments::REMOVED);
    assert_eq!(thread.replies[0].comment.removal_reason.as_deref(), Some("Off topic"));
    assert_eq!(thread.replies[0].visible_body(), None);
    assert_eq!(thread.replies[1].comment.state, comments::DELETED);
    assert_eq!(p.idea_by_id(&Actor::Anonymous, idea.id).await.unwrap().unwrap().idea.comments_count, 1);

    // Commenting followed the idea for Ben; posting it did for Ana.
    assert_eq!(p.followed(&ben, FollowTarget::Idea, &[idea.id]).await.unwrap(), vec![idea.id]);
    assert_eq!(p.followed(&ana, FollowTarget::Idea, &[idea.id]).await.unwrap(), vec![idea.id]);
    p.unfollow(&ben, FollowTarget::Idea, idea.id).await.unwrap();
    assert!(p.followed(&ben, FollowTarget::Idea, &[idea.id]).await.unwrap().is_empty());
    assert!(matches!(
        p.follow(&Actor::Anonymous, FollowTarget::Idea, idea.id).await,
        Err(CoreError::Denied(Denial::NotSignedIn))
    ));
    assert!(matches!(p.follow(&ben, FollowTarget::Project, 999).await, Err(CoreError::NotFound(_))));
}

#[tokio::test]
async fn comments_page_by_top_level_threads() {
    let (p, _dir) = platform(Edition::Core, vec![]).await;
    let phase = ideation(&p).await;
    let ana = resident(&p, "ana@example.org").await;
    let idea = p.post_idea(&ana, phase, text("Benches", "By the pond")).await.unwrap();
    let mut tops = Vec::new();
    for i in 0..5 {
        let top = p.post_comment(&ana, idea.id, None, &format!("Comment {i}")).await.unwrap();
        p.post_comment(&ana, idea.id, Some(top.id), "A reply").await.unwrap();
        tops.push(top.id);
    }
    let first = p.comments(&Actor::Anonymous, idea.id, 2, None).await.unwrap();
    assert_eq!(first.comments.iter().map(|c| c.comment.id).collect::<Vec<_>>(), tops[..2]);
    assert!(first.comments.iter().all(|c| c.replies.len() == 1));
    let rest = p.comments(&Actor::Anonymous, idea.id, 10, first.next.as_deref()).await.unwrap();
    assert_eq!(rest.comments.iter().map(|c| c.comment.id).collect::<Vec<_>>(), tops[2..]);
    assert!(rest.next.is_none());
}

#[tokio::test]
async fn moderators_answer_with_statuses_and_feedback() {
    let (p, _dir) = platform(Edition::Core, vec![]).await;
    let phase = ideation(&p).await;
    let ana = resident(&p, "ana@example.org").await;
    let idea = p.post_idea(&ana, phase, text("Benches", "By the pond")).await.unwrap();
    let statuses = p.idea_statuses().await.unwrap();
    let codes: Vec<&str> = statuses.iter().map(|s| s.code.as_str()).collect();
    assert_eq!(codes, ["proposed", "under_consideration", "accepted", "implemented", "rejected"]);
    let accepted = statuses[2].id;

    assert!(matches!(p.set_idea_status(&ana, idea.id, accepted, None).await, Err(CoreError::Forbidden)));
    assert!(matches!(
        p.set_idea_status(&Actor::Operator, idea.id, 9999, None).await,
        Err(CoreError::Field { code: "idea_status_unknown", .. })
    ));
    let moved = p.set_idea_status(&Actor::Operator, idea.id, accepted, Some("We will place three.")).await.unwrap();
    assert_eq!(moved.status, "accepted");
    p.post_official_feedback(&Actor::Operator, idea.id, "Ordered; they arrive in May.").await.unwrap();
    let feedback = p.official_feedback_of(&[idea.id]).await.unwrap();
    assert_eq!(feedback.len(), 2);
    assert_eq!(feedback[0].body, "Ordered; they arrive in May.");
    assert_eq!(feedback[1].status.as_deref(), Some("accepted"));
    assert!(matches!(p.post_official_feedback(&Actor::Anonymous, idea.id, "x").await, Err(CoreError::NotSignedIn)));
}
