// SPDX-License-Identifier: AGPL-3.0-only
//! The account rules, through the services, on an in-memory database.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use townhall_license::Edition;

use super::{Block, Registration};
use crate::testing::{platform, sent_mail};
use crate::{Actor, CoreError, Platform};

const PASSWORD: &str = "violet tram crosses the river";

fn registration(email: &str) -> Registration {
    Registration {
        email: email.into(),
        password: PASSWORD.into(),
        display_name: "Ana".into(),
        locale: "nl".into(),
        answers: Default::default(),
    }
}

/// The token in the last link to `path` found in the mails.
fn link_token(mails: &[String], path: &str) -> String {
    let mail = mails.iter().rev().find(|m| m.contains(path)).expect("a mail with the link");
    let start = mail.find(&format!("{path}?token=")).unwrap() + path.len() + 7;
    mail[start..].chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_').collect()
}

async fn signed_in(p: &Platform, email: &str, password: &str) -> Actor {
    let (_, token) = p.sign_in(email, password, "127.0.0.1").await.unwrap();
    p.actor_for_token(&token).await.unwrap().unwrap().0
}

#[tokio::test]
async fn sign_up_confirm_and_sign_in() {
    let (p, dir) = platform(Edition::Core, vec![]).await;
    p.register(registration("  Ana@Example.org ")).await.unwrap();
    let mails = sent_mail(&p, &dir).await;
    assert_eq!(mails.len(), 1);
    assert!(mails[0].contains("Bevestig je e-mailadres"), "in the user's language: {}", mails[0]);

    let actor = signed_in(&p, "ana@example.org", PASSWORD).await;
    let viewer = actor.viewer().unwrap().clone();
    assert!(!viewer.email_confirmed, "an unconfirmed account can sign in");
    assert_eq!(viewer.email, "ana@example.org");

    let token = link_token(&mails, "/confirm-email");
    p.confirm_email(&token).await.unwrap();
    assert!(matches!(p.confirm_email(&token).await, Err(CoreError::TokenInvalid)), "single use");
    assert!(signed_in(&p, "ana@example.org", PASSWORD).await.viewer().unwrap().email_confirmed);

    assert!(matches!(
        p.sign_in("ana@example.org", "wrong password!!", "1.2.3.4").await,
        Err(CoreError::InvalidCredentials)
    ));
    assert!(matches!(p.sign_in("nobody@example.org", PASSWORD, "1.2.3.4").await, Err(CoreError::InvalidCredentials)));
}

#[tokio::test]
async fn registering_twice_answers_the_same_and_warns_the_owner() {
    let (p, dir) = platform(Edition::Core, vec![]).await;
    p.register(registration("ana@example.org")).await.unwrap();
    let mut again = registration("ana@example.org");
    again.password = "another fine long passphrase".into();
    p.register(again).await.unwrap();
    let mails = sent_mail(&p, &dir).await;
    assert_eq!(mails.len(), 2);
    assert_eq!(mails.iter().filter(|m| m.contains("/forgot-password")).count(), 1, "{mails:?}");
    // The first password still holds: no second account, no takeover.
    assert!(p.sign_in("ana@example.org", PASSWORD, "x").await.is_ok());
}

#[tokio::test]
async fn bad_input_is_refused_with_field_codes() {
    let (p, _dir) = platform(Edition::Core, vec![]).await;
    let mut r = registration("not-an-address");
    assert!(matches!(p.register(r.clone()).await, Err(CoreError::Field { code: "email_invalid", .. })));
    r.email = "ana@example.org".into();
    r.password = "password123".into();
    assert!(matches!(p.register(r.clone()).await, Err(CoreError::Field { code: "password_too_common", .. })));
    r.password = PASSWORD.into();
    r.locale = "de".into();
    assert!(matches!(p.register(r.clone()).await, Err(CoreError::Field { code: "locale_invalid", .. })));
    r.locale = "en".into();
    r.display_name = "  ".into();
    assert!(matches!(p.register(r).await, Err(CoreError::Field { code: "display_name_invalid", .. })));
}

#[tokio::test]
async fn sign_in_failures_are_throttled() {
    let (p, _dir) = platform(Edition::Core, vec![]).await;
    p.register(registration("ana@example.org")).await.unwrap();
    for _ in 0..5 {
        assert!(matches!(
            p.sign_in("ana@example.org", "wrong password!!", "9.9.9.9").await,
            Err(CoreError::InvalidCredentials)
        ));
    }
    // The client that failed waits, even with the right password …
    assert!(matches!(p.sign_in("ana@example.org", PASSWORD, "9.9.9.9").await, Err(CoreError::Throttled { .. })));
    // … while the owner, elsewhere, is not kept out by someone else's failures.
    assert!(p.sign_in("ana@example.org", PASSWORD, "8.8.8.8").await.is_ok());
    // A client that fails on many accounts waits for all of them.
    for i in 0..crate::throttle::SIGN_IN_CLIENT.free_attempts {
        let other = format!("nobody{i}@example.org");
        assert!(matches!(p.sign_in(&other, "wrong password!!", "7.7.7.7").await, Err(CoreError::InvalidCredentials)));
    }
    assert!(matches!(p.sign_in("ana@example.org", PASSWORD, "7.7.7.7").await, Err(CoreError::Throttled { .. })));
}

#[tokio::test]
async fn parallel_sign_ins_check_the_password_at_most_the_allowed_times() {
    let (p, _dir) = platform(Edition::Core, vec![]).await;
    p.register(registration("ana@example.org")).await.unwrap();
    let attempts = (0..30).map(|_| {
        let p = p.clone();
        tokio::spawn(async move { p.sign_in("ana@example.org", "wrong password!!", "9.9.9.9").await })
    });
    let mut wrong = 0;
    for attempt in attempts {
        match attempt.await.unwrap() {
            Err(CoreError::InvalidCredentials) => wrong += 1,
            Err(CoreError::Throttled { .. }) => {}
            other => panic!("{other:?}"),
        }
    }
    assert_eq!(wrong, crate::throttle::SIGN_IN.free_attempts, "password checks of 30 parallel attempts");
}

#[tokio::test]
async fn password_reset_and_change_end_other_sessions() {
    let (p, dir) = platform(Edition::Core, vec![]).await;
    p.register(registration("ana@example.org")).await.unwrap();
    let (_, old_session) = p.sign_in("ana@example.org", PASSWORD, "x").await.unwrap();

    p.request_password_reset("nobody@example.org").await.unwrap();
    p.request_password_reset("ANA@example.org").await.unwrap();
    let token = link_token(&sent_mail(&p, &dir).await, "/reset-password");
    assert!(matches!(
        p.reset_password(&token, "short").await,
        Err(CoreError::Field { code: "password_too_short", .. })
    ));
    p.reset_password(&token, "a brand new passphrase here").await.unwrap();
    assert!(matches!(p.reset_password(&token, "a brand new passphrase here").await, Err(CoreError::TokenInvalid)));
    assert!(p.actor_for_token(&old_session).await.unwrap().is_none(), "old sessions end");

    let actor = signed_in(&p, "ana@example.org", "a brand new passphrase here").await;
    assert!(actor.viewer().unwrap().email_confirmed, "the reset link proved the address");
    assert!(matches!(
        p.change_password(&actor, "not the current one", "yet another passphrase ok").await,
        Err(CoreError::Field { code: "password_wrong", .. })
    ));
    let kept = p.change_password(&actor, "a brand new passphrase here", "yet another passphrase ok").await.unwrap();
    assert!(p.actor_for_token(&kept).await.unwrap().is_some(), "this session continues");
    p.sign_out_everywhere(&p.actor_for_token(&kept).await.unwrap().unwrap().0).await.unwrap();
    assert!(p.actor_for_token(&kept).await.unwrap().is_none());
}

#[tokio::test]
async fn administrators_block_and_grant_with_an_audit_trail() {
    let (p, _dir) = platform(Edition::Core, vec![]).await;
    assert!(!p.has_admin().await.unwrap());
    let link = p.first_admin_setup_link().await.unwrap().unwrap();
    let secret = link.split("token=").nth(1).unwrap().to_owned();
    let admin_id = p.complete_setup(&secret, "boss@example.org", "Boss", PASSWORD).await.unwrap();
    assert!(p.first_admin_setup_link().await.unwrap().is_none(), "only while no administrator exists");
    assert!(matches!(p.complete_setup(&secret, "x@example.org", "X", PASSWORD).await, Err(CoreError::TokenInvalid)));
    let admin = signed_in(&p, "boss@example.org", PASSWORD).await;
    assert!(admin.is_admin());
    assert_eq!(admin.user_id(), Some(admin_id));

    p.register(registration("ana@example.org")).await.unwrap();
    let resident = signed_in(&p, "ana@example.org", PASSWORD).await;
    let (_, session) = p.sign_in("ana@example.org", PASSWORD, "x").await.unwrap();
    let ana = resident.user_id().unwrap();

    // Table: who may do what.
    for (who, allowed) in [(&Actor::Anonymous, false), (&resident, false), (&admin, true)] {
        assert_eq!(p.users(who, None, 10, None).await.is_ok(), allowed);
        assert_eq!(p.audit_log(who, 10, None).await.is_ok(), allowed);
    }
    assert!(matches!(
        p.block_user(&resident, admin_id, Block { reason: "x".into(), until: None }).await,
        Err(CoreError::Forbidden)
    ));

    p.block_user(&admin, ana, Block { reason: "spam".into(), until: None }).await.unwrap();
    assert!(p.actor_for_token(&session).await.unwrap().is_none(), "a block ends the sessions");
    assert!(matches!(p.sign_in("ana@example.org", PASSWORD, "x").await, Err(CoreError::Blocked)));
    p.unblock_user(&admin, ana).await.unwrap();
    assert!(p.sign_in("ana@example.org", PASSWORD, "x").await.is_ok());

    p.set_admin(&admin, ana, true).await.unwrap();
    assert!(signed_in(&p, "ana@example.org", PASSWORD).await.is_admin());
    assert!(p.set_admin(&admin, admin_id, false).await.is_err(), "not your own role");

    let page = p.users(&admin, Some("ANA"), 10, None).await.unwrap();
    assert_eq!(page.total, 1);
    let log = p.audit_log(&admin, 50, None).await.unwrap();
    let actions: Vec<&str> = log.entries.iter().map(|e| e.action.as_str()).collect();
    assert_eq!(actions, vec!["user.grant_admin", "user.unblock", "user.block", "user.grant_admin"]);
    assert_eq!(log.entries[1].actor_label, "boss@example.org");
}

fn png_bytes() -> Vec<u8> {
    let mut out = std::io::Cursor::new(Vec::new());
    image::DynamicImage::new_rgb8(300, 200).write_to(&mut out, image::ImageFormat::Png).unwrap();
    out.into_inner()
}

#[tokio::test]
async fn profile_avatar_export_and_deletion() {
    let (p, dir) = platform(Edition::Core, vec![]).await;
    p.register(registration("ana@example.org")).await.unwrap();
    let ana = signed_in(&p, "ana@example.org", PASSWORD).await;
    let update = super::ProfileUpdate {
        display_name: Some("Ana M.".into()),
        first_name: Some("Ana".into()),
        last_name: Some("".into()),
        bio: Some("Cyclist.".into()),
        locale: Some("fr".into()),
    };
    let viewer = p.update_profile(&ana, update).await.unwrap();
    assert_eq!((viewer.display_name.as_str(), viewer.locale.as_str()), ("Ana M.", "fr"));
    let long_bio = super::ProfileUpdate { bio: Some("x".repeat(501)), ..Default::default() };
    assert!(matches!(p.update_profile(&ana, long_bio).await, Err(CoreError::Field { code: "bio_too_long", .. })));
    assert!(matches!(
        p.update_profile(&Actor::Anonymous, super::ProfileUpdate::default()).await,
        Err(CoreError::NotSignedIn)
    ));

    let key = p.set_avatar(&ana, png_bytes()).await.unwrap();
    assert!(p.avatar(&key).await.is_some());
    let second = p.set_avatar(&ana, png_bytes()).await.unwrap();
    assert!(p.avatar(&key).await.is_none(), "the old picture is removed");
    assert!(matches!(
        p.set_avatar(&ana, b"<svg/>".to_vec()).await,
        Err(CoreError::Field { code: "image_invalid", .. })
    ));

    let data = p.export_my_data(&ana).await.unwrap();
    let profile = &data["data"]["accounts"]["profile"];
    assert_eq!(profile["email"], "ana@example.org");
    assert_eq!(profile["first_name"], "Ana");
    assert!(profile["last_name"].is_null());
    assert_eq!(data["data"]["accounts"]["links_sent"][0]["purpose"], "confirm_email");

    assert!(matches!(
        p.delete_my_account(&ana, "not my password at all", crate::Erasure::Anonymize).await,
        Err(CoreError::Field { code: "password_wrong", .. })
    ));
    p.delete_my_account(&ana, PASSWORD, crate::Erasure::Anonymize).await.unwrap();
    assert!(p.avatar(&second).await.is_none(), "the picture goes with the account");
    assert!(matches!(p.sign_in("ana@example.org", PASSWORD, "x").await, Err(CoreError::InvalidCredentials)));
    // The address can be used again.
    p.register(registration("ana@example.org")).await.unwrap();
    assert!(sent_mail(&p, &dir).await.len() >= 2);
}

#[tokio::test]
async fn deletion_leaves_no_name_in_the_audit_log() {
    let (p, _dir) = platform(Edition::Core, vec![]).await;
    p.create_admin(&Actor::Operator, "boss@example.org", "Boss", PASSWORD, None).await.unwrap();
    p.register(registration("ana@example.org")).await.unwrap();
    let boss = signed_in(&p, "boss@example.org", PASSWORD).await;
    let ana = signed_in(&p, "ana@example.org", PASSWORD).await;
    p.set_admin(&boss, ana.user_id().unwrap(), true).await.unwrap();
    let ana = signed_in(&p, "ana@example.org", PASSWORD).await;
    p.set_name(&ana, "Ana's town").await.unwrap();
    p.delete_my_account(&ana, PASSWORD, crate::Erasure::Delete).await.unwrap();
    let log = p.audit_log(&boss, 50, None).await.unwrap();
    let text = format!("{:?}", log.entries);
    assert!(!text.contains("ana@example.org"), "{text}");
    assert!(log.entries.iter().any(|e| e.actor_label == super::DELETED_USER && e.action == "settings.name"));
}

#[tokio::test]
async fn sign_ups_from_one_address_are_limited() {
    let (p, _dir) = platform(Edition::Core, vec![]).await;
    for i in 0..crate::throttle::SIGN_UPS.free_attempts {
        p.register_from("10.0.0.1", registration(&format!("person{i}@example.org"))).await.unwrap();
    }
    assert!(matches!(
        p.register_from("10.0.0.1", registration("late@example.org")).await,
        Err(CoreError::Throttled { .. })
    ));
    p.register_from("10.0.0.2", registration("other@example.org")).await.unwrap();
}
