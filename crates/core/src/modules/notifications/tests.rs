// SPDX-License-Identifier: AGPL-3.0-only
//! Each notification reaches the right people once and never the one who acted; preferences
//! and unsubscribe links hold; the outbox delivers each message once, survives a worker that
//! dies mid-batch, and retries failures with back-off.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::sync::Arc;

use chrono::{Duration, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use townhall_license::Edition;

use super::model::{notification, outbox};
use crate::modules::ideas::tests::{PASSWORD, ideation, resident, text};
use crate::modules::moderation::Target;
use crate::testing::{platform, sent_mail, written_mail};
use crate::{Actor, Platform};

/// Notification e-mails in the outbox (they carry an unsubscribe link; account e-mails do not).
async fn notices_in_outbox(p: &Platform) -> u64 {
    outbox::Entity::find().filter(outbox::Column::UnsubscribeUrl.is_not_null()).count(p.db()).await.unwrap()
}

async fn kinds_of(p: &Platform, who: &Actor) -> Vec<String> {
    let page = p.notifications(who, 100, None).await.unwrap();
    page.items.iter().map(|n| n.kind.clone()).collect()
}

async fn signed_in_again(p: &Platform, email: &str) -> Actor {
    let (_, token) = p.sign_in(email, PASSWORD, "x").await.unwrap();
    p.actor_for_token(&token).await.unwrap().unwrap().0
}

async fn confirm(p: &Platform, emails: &[&str]) {
    use crate::modules::accounts::model::user;
    user::Entity::update_many()
        .col_expr(user::Column::EmailConfirmedAt, Expr::value(Utc::now()))
        .filter(user::Column::Email.is_in(emails.iter().map(|e| (*e).to_owned())))
        .exec(p.db())
        .await
        .unwrap();
}

#[tokio::test]
async fn each_event_reaches_the_right_people_once() {
    let (p, _dir) = platform(Edition::Core, vec![]).await;
    let phase = ideation(&p).await;
    let ana = resident(&p, "ana@example.org").await;
    let ben = resident(&p, "ben@example.org").await;
    let cleo = resident(&p, "cleo@example.org").await;
    let op = &Actor::Operator;
    let project = p.phase_of(phase).await.unwrap().project_id;
    p.set_project_moderator(op, project, "mo@example.org", true).await.err();
    resident(&p, "mo@example.org").await;
    p.set_project_moderator(op, project, "mo@example.org", true).await.unwrap();
    let mo = signed_in_again(&p, "mo@example.org").await;
    assert_eq!(kinds_of(&p, &mo).await, ["rights_received"]);

    let idea = p.post_idea(&ana, phase, text("A bench by the pond", "Shade")).await.unwrap();
    assert_eq!(kinds_of(&p, &mo).await, ["new_idea", "rights_received"], "moderators hear of new ideas");
    assert!(kinds_of(&p, &ana).await.is_empty(), "never the one who acted");

    let first = p.post_comment(&ben, idea.id, None, "Yes please").await.unwrap();
    assert_eq!(kinds_of(&p, &ana).await, ["comment_on_idea"]);
    // Cleo replies to Ben: Ben hears of the reply, Ana of a comment on her idea.
    p.post_comment(&cleo, idea.id, Some(first.id), "Me too").await.unwrap();
    assert_eq!(kinds_of(&p, &ben).await, ["reply_to_comment"]);
    assert!(kinds_of(&p, &cleo).await.is_empty(), "the replier hears nothing of her reply");
    assert_eq!(kinds_of(&p, &ana).await, ["comment_on_idea", "comment_on_idea"]);
    // Ana replies to Ben on her own idea: Ben once, Ana nothing.
    p.post_comment(&ana, idea.id, Some(first.id), "Thanks").await.unwrap();
    assert_eq!(kinds_of(&p, &ben).await, ["reply_to_comment", "reply_to_comment"]);
    assert_eq!(kinds_of(&p, &ana).await.len(), 2);

    // A status change reaches every follower (the author and the commenters) but the actor.
    let statuses = p.idea_statuses().await.unwrap();
    let accepted = statuses.iter().find(|s| s.code == "accepted").unwrap().id;
    p.set_idea_status(&mo, idea.id, accepted, Some("We will do it")).await.unwrap();
    for who in [&ana, &ben, &cleo] {
        assert_eq!(kinds_of(&p, who).await.first().map(String::as_str), Some("idea_update"));
    }
    assert!(!kinds_of(&p, &mo).await.contains(&"idea_update".to_owned()));
    let text = p.notification_text(
        "en",
        "idea_update",
        &serde_json::from_str(&p.notifications(&ana, 1, None).await.unwrap().items[0].payload).unwrap(),
    );
    assert_eq!(text, "“A bench by the pond”, which you follow, is now: Accepted.");

    // Hiding tells the author why.
    p.hide_content(&mo, Target::Comment(first.id), "Off topic").await.unwrap();
    assert_eq!(kinds_of(&p, &ben).await.first().map(String::as_str), Some("content_hidden"));

    assert_eq!(p.unread_notification_count(&ana).await.unwrap(), 3);
    p.mark_notifications_read(&ana, None).await.unwrap();
    assert_eq!(p.unread_notification_count(&ana).await.unwrap(), 0);
}

async fn count(p: &Platform, who: &Actor, kind: &str) -> usize {
    kinds_of(p, who).await.iter().filter(|k| *k == kind).count()
}

#[tokio::test]
async fn answers_hiding_and_rights_reach_the_right_people_once() {
    let (p, _dir) = platform(Edition::Core, vec![]).await;
    let phase = ideation(&p).await;
    let ana = resident(&p, "ana@example.org").await;
    let ben = resident(&p, "ben@example.org").await;
    let dan = resident(&p, "dan@example.org").await;
    let boss = resident(&p, "boss@example.org").await;
    p.set_admin(&Actor::Operator, boss.user_id().unwrap(), true).await.unwrap();
    let boss = signed_in_again(&p, "boss@example.org").await;
    assert_eq!(count(&p, &boss, "rights_received").await, 1);

    // An administrator makes Ben an administrator: Ben hears of it, the granter does not.
    p.set_admin(&boss, ben.user_id().unwrap(), true).await.unwrap();
    assert_eq!(kinds_of(&p, &ben).await, ["rights_received"]);
    assert_eq!(count(&p, &boss, "rights_received").await, 1, "never the one who acted");
    let ben = signed_in_again(&p, "ben@example.org").await;

    let idea = p.post_idea(&ana, phase, text("Swings", "For the playground")).await.unwrap();
    p.post_comment(&ben, idea.id, None, "Good idea").await.unwrap();
    // Official feedback alone reaches the followers (Ana, Ben) once each; Dan follows nothing.
    p.post_official_feedback(&boss, idea.id, "We are looking into it").await.unwrap();
    assert_eq!(count(&p, &ana, "idea_update").await, 1);
    assert_eq!(count(&p, &ben, "idea_update").await, 1);
    assert_eq!(count(&p, &boss, "idea_update").await, 0);
    assert!(kinds_of(&p, &dan).await.is_empty());
    // Ben answers too, with a status: Ana hears of it, Ben does not.
    let statuses = p.idea_statuses().await.unwrap();
    let considering = statuses.iter().find(|s| s.code != "proposed").unwrap().id;
    p.set_idea_status(&ben, idea.id, considering, None).await.unwrap();
    assert_eq!(count(&p, &ana, "idea_update").await, 2);
    assert_eq!(count(&p, &ben, "idea_update").await, 1);

    // Hiding an idea tells its author once, with the reason, and nobody else.
    p.hide_content(&boss, Target::Idea(idea.id), "Posted twice").await.unwrap();
    assert_eq!(count(&p, &ana, "content_hidden").await, 1);
    assert_eq!(count(&p, &ben, "content_hidden").await, 0);
    assert_eq!(count(&p, &boss, "content_hidden").await, 0);
    let page = p.notifications(&ana, 1, None).await.unwrap();
    let payload: serde_json::Value = serde_json::from_str(&page.items[0].payload).unwrap();
    assert_eq!(page.items[0].kind, "content_hidden");
    let text = p.notification_text("en", "content_hidden", &payload);
    assert!(text.contains("Posted twice") && text.contains("Swings"), "{text}");
}

#[tokio::test]
async fn preferences_and_unsubscribe_links_decide_what_is_sent() {
    let (p, dir) = platform(Edition::Core, vec![]).await;
    let phase = ideation(&p).await;
    let ana = resident(&p, "ana@example.org").await;
    let ben = resident(&p, "ben@example.org").await;
    confirm(&p, &["ana@example.org", "ben@example.org"]).await;
    sent_mail(&p, &dir).await; // the sign-up e-mails
    let idea = p.post_idea(&ana, phase, text("More trees", "Please")).await.unwrap();
    p.post_comment(&ben, idea.id, None, "Agreed").await.unwrap();
    assert_eq!(notices_in_outbox(&p).await, 1);
    assert_eq!(p.deliver_outbox("test").await.unwrap(), 1);
    let mails = written_mail(&dir);
    assert!(mails.last().unwrap().contains("New comment on “More trees”"), "{mails:?}");
    let raw = std::fs::read_dir(dir.path().join("outbox"))
        .unwrap()
        .filter_map(|f| std::fs::read_to_string(f.unwrap().path()).ok())
        .find(|m| m.contains("More trees"))
        .unwrap();
    assert!(raw.contains("List-Unsubscribe: <http://localhost:3000/unsubscribe?user="), "{raw}");
    assert!(raw.contains("List-Unsubscribe-Post: List-Unsubscribe=One-Click"));

    // A forged or reused-for-another-kind signature does nothing; the right one stops e-mails.
    let ana_id = ana.user_id().unwrap();
    let url = p.unsubscribe_url(ana_id, "comment_on_idea");
    let signature = url.rsplit("signature=").next().unwrap().to_owned();
    assert!(p.unsubscribe(ana_id, "comment_on_idea", "00ff").await.is_err());
    assert!(p.unsubscribe(ana_id, "idea_update", &signature).await.is_err());
    assert!(p.unsubscribe(ben.user_id().unwrap(), "comment_on_idea", &signature).await.is_err());
    p.unsubscribe(ana_id, "comment_on_idea", &signature).await.unwrap();
    p.post_comment(&ben, idea.id, None, "Still agreed").await.unwrap();
    assert_eq!(notices_in_outbox(&p).await, 1, "no new e-mail");
    assert_eq!(p.unread_notification_count(&ana).await.unwrap(), 2, "still in the platform");

    p.update_notification_preferences(&ana, &[("comment_on_idea".into(), false, false)]).await.unwrap();
    p.post_comment(&ben, idea.id, None, "Once more").await.unwrap();
    assert_eq!(p.unread_notification_count(&ana).await.unwrap(), 2, "nothing at all now");
    let prefs = p.notification_preferences(&ana).await.unwrap();
    assert!(prefs.iter().any(|x| x.kind == "comment_on_idea" && !x.in_app && !x.email));
    assert!(p.update_notification_preferences(&ana, &[("gossip".into(), true, true)]).await.is_err());
}

#[tokio::test]
async fn the_outbox_survives_a_dead_worker_and_retries_failures() {
    let (p, dir) = platform(Edition::Core, vec![]).await;
    let phase = ideation(&p).await;
    let ana = resident(&p, "ana@example.org").await;
    let ben = resident(&p, "ben@example.org").await;
    confirm(&p, &["ana@example.org"]).await;
    let before = sent_mail(&p, &dir).await.len();
    let idea = p.post_idea(&ana, phase, text("Fewer cars", "Please")).await.unwrap();
    for n in 0..30 {
        p.post_comment(&ben, idea.id, None, &format!("Comment {n}")).await.unwrap();
    }
    assert_eq!(notices_in_outbox(&p).await, 30);

    // A worker claims a batch and dies before sending: its messages wait for the lease to end.
    p.claim_outbox("dead-worker", Utc::now()).await.unwrap();
    assert_eq!(p.deliver_outbox("live").await.unwrap(), 10, "the claimed twenty are not touched");
    outbox::Entity::update_many()
        .col_expr(outbox::Column::ClaimedUntil, Expr::value(Utc::now() - Duration::seconds(1)))
        .filter(outbox::Column::ClaimedBy.eq("dead-worker"))
        .exec(p.db())
        .await
        .unwrap();
    // Two workers at once share the rest: every message goes exactly once.
    let p = Arc::new(p);
    let (a, b) = tokio::join!(p.deliver_outbox("one"), p.deliver_outbox("two"));
    assert_eq!(a.unwrap() + b.unwrap(), 20);
    assert_eq!(written_mail(&dir).len() - before, 30);
    let pending = outbox::Entity::find().filter(outbox::Column::Status.ne("sent")).count(p.db()).await.unwrap();
    assert_eq!(pending, 0);

    // A failing delivery is retried later, not lost.
    std::fs::remove_dir_all(dir.path().join("outbox")).unwrap();
    std::fs::write(dir.path().join("outbox"), b"not a directory").unwrap();
    p.post_comment(&ben, idea.id, None, "One more").await.unwrap();
    assert_eq!(p.deliver_outbox("one").await.unwrap(), 0);
    let failed =
        outbox::Entity::find().filter(outbox::Column::Status.eq("pending")).one(p.db()).await.unwrap().unwrap();
    assert_eq!(failed.attempts, 1);
    assert!(failed.next_attempt_at > Utc::now() && failed.last_error.is_some());
    assert_eq!(notification::Entity::find().count(p.db()).await.unwrap(), 31);
}

#[tokio::test]
async fn time_based_notices_go_once_and_catch_up_after_downtime() {
    use std::collections::BTreeMap;

    use crate::modules::events::EventInput;
    use crate::modules::ideas::FollowTarget;
    use crate::modules::projects::PhaseInput;

    let (p, _dir) = platform(Edition::Core, vec![]).await;
    let op = &Actor::Operator;
    let en = |t: &str| BTreeMap::from([("en".to_owned(), t.to_owned())]);
    let (budget, ideas) = crate::modules::voting::tests::budgeting(&p).await;
    let project = p.phase_of(budget).await.unwrap().project_id;
    let ana = resident(&p, "ana@example.org").await;
    let ben = resident(&p, "ben@example.org").await;
    for who in [&ana, &ben] {
        p.follow(who, FollowTarget::Project, project).await.unwrap();
    }
    // The vote ends within the day and its results are public; Ben votes.
    let ends = Utc::now() + Duration::hours(3);
    let settings = serde_json::json!({ "results_public": true });
    p.update_phase_settings(op, budget, settings.as_object().unwrap()).await.unwrap();
    let voting = PhaseInput {
        title: en("Vote"),
        description: BTreeMap::new(),
        method: "voting".into(),
        start_at: Some(Utc::now() - Duration::days(2)),
        end_at: Some(ends),
    };
    p.update_phase(op, budget, voting).await.unwrap();
    p.add_to_basket(&ben, budget, ideas[0], 1).await.unwrap();
    p.add_to_basket(&ben, budget, ideas[2], 1).await.unwrap();
    p.submit_basket(&ben, budget).await.unwrap();
    let event = EventInput {
        title: en("Walk"),
        starts_at: Some(Utc::now() + Duration::hours(20)),
        ends_at: Some(Utc::now() + Duration::hours(22)),
        ..Default::default()
    };
    let event = p.create_event(op, project, event).await.unwrap();
    p.register_for_event(&ana, event.id).await.unwrap();
    // Cleo follows nothing but started a basket: she is reminded too.
    let cleo = resident(&p, "cleo@example.org").await;
    p.add_to_basket(&cleo, budget, ideas[0], 1).await.unwrap();

    // The server was down when the vote started two days ago: the run catches up.
    let now = Utc::now();
    p.run_scheduler(now).await.unwrap();
    p.run_scheduler(now).await.unwrap();
    let ana_kinds = kinds_of(&p, &ana).await;
    assert_eq!(ana_kinds.iter().filter(|k| *k == "phase_started").count(), 1, "{ana_kinds:?}");
    assert_eq!(ana_kinds.iter().filter(|k| *k == "voting_last_day").count(), 1, "Ana has not voted");
    assert_eq!(ana_kinds.iter().filter(|k| *k == "event_tomorrow").count(), 1);
    assert!(!kinds_of(&p, &ben).await.contains(&"voting_last_day".to_owned()), "Ben voted");
    assert!(!kinds_of(&p, &ben).await.contains(&"event_tomorrow".to_owned()), "Ben did not register");
    assert_eq!(kinds_of(&p, &cleo).await, ["voting_last_day"], "an unsubmitted basket, and nothing else");

    // After the end, the results reach followers and voters once.
    let later = ends + Duration::minutes(5);
    p.run_scheduler(later).await.unwrap();
    p.run_scheduler(later).await.unwrap();
    for who in [&ana, &ben] {
        assert_eq!(kinds_of(&p, who).await.iter().filter(|k| *k == "results_published").count(), 1);
    }
    // The results come sealed, and the mail says with which final hash.
    let sealed = p.seal_of(budget).await.unwrap().expect("sealed when the results went out");
    assert_eq!(sealed.entries, 1);
    let mails = crate::testing::sent_mail(&p, &_dir).await;
    assert!(mails.iter().any(|m| m.contains("are published") && m.contains(&sealed.final_hash)), "{mails:?}");
}
