// SPDX-License-Identifier: AGPL-3.0-only
//! Projects and phases through the services.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeMap;

use chrono::{Duration, Utc};
use townhall_license::Edition;

use super::{PhaseInput, ProjectChanges};
use crate::permissions::{Denial, PermittedBy};
use crate::testing::platform;
use crate::{Actor, CoreError, Platform, Viewer};

fn text(en: &str) -> BTreeMap<String, String> {
    BTreeMap::from([("en".to_owned(), en.to_owned())])
}

fn resident(confirmed: bool) -> Actor {
    Actor::User(Viewer {
        id: 99,
        email: "r@example.org".into(),
        display_name: "R".into(),
        locale: "nl".into(),
        roles: vec![],
        email_confirmed: confirmed,
        session_version: 0,
        groups: Vec::new(),
        verified: false,
        registration_incomplete: false,
        session_id: None,
        identity: None,
    })
}

async fn project(p: &Platform, slug: &str) -> i32 {
    let input = ProjectChanges { slug: Some(slug.into()), title: Some(text("Parks")), ..Default::default() };
    p.create_project(&Actor::Operator, input).await.unwrap().id
}

fn phase(method: &str, from_days: i64, to_days: Option<i64>) -> PhaseInput {
    let now = Utc::now();
    PhaseInput {
        title: text("Phase"),
        description: BTreeMap::new(),
        method: method.into(),
        start_at: Some(now + Duration::days(from_days)),
        end_at: to_days.map(|d| now + Duration::days(d)),
    }
}

#[tokio::test]
async fn projects_are_seen_once_published_and_public() {
    let (p, _dir) = platform(Edition::Core, vec![]).await;
    let id = project(&p, "parks").await;
    assert!(p.projects(&resident(true)).await.unwrap().is_empty(), "drafts are hidden");
    assert_eq!(p.projects(&Actor::Operator).await.unwrap().len(), 1);
    p.set_project_status(&Actor::Operator, id, super::PUBLISHED).await.unwrap();
    assert!(p.project_by_slug(&Actor::Anonymous, "PARKS").await.unwrap().is_some());
    let hide = ProjectChanges { visibility: Some(super::ADMINS_ONLY.into()), ..Default::default() };
    p.update_project(&Actor::Operator, id, hide).await.unwrap();
    assert!(p.project_by_slug(&Actor::Anonymous, "parks").await.unwrap().is_none());

    assert!(matches!(p.create_project(&resident(true), ProjectChanges::default()).await, Err(CoreError::Forbidden)));
    let bad = ProjectChanges { slug: Some("Not OK!".into()), title: Some(text("x")), ..Default::default() };
    assert!(matches!(
        p.create_project(&Actor::Operator, bad).await,
        Err(CoreError::Field { code: "slug_invalid", .. })
    ));
    let taken = ProjectChanges { slug: Some("parks".into()), title: Some(text("x")), ..Default::default() };
    assert!(matches!(
        p.create_project(&Actor::Operator, taken).await,
        Err(CoreError::Field { code: "slug_taken", .. })
    ));
    let untitled = ProjectChanges { slug: Some("trees".into()), title: Some(text("  ")), ..Default::default() };
    assert!(matches!(
        p.create_project(&Actor::Operator, untitled).await,
        Err(CoreError::Field { code: "text_required", .. })
    ));
}

#[tokio::test]
async fn phases_never_overlap_and_use_known_methods() {
    let (p, _dir) = platform(Edition::Core, vec![]).await;
    let id = project(&p, "parks").await;
    let op = &Actor::Operator;
    p.create_phase(op, id, phase("information", -10, Some(0))).await.unwrap();
    p.create_phase(op, id, phase("ideation", 0, Some(10))).await.unwrap();
    assert!(matches!(
        p.create_phase(op, id, phase("ideation", 5, Some(15))).await,
        Err(CoreError::Field { code: "phase_overlaps", .. })
    ));
    assert!(matches!(
        p.create_phase(op, id, phase("ideation", -20, None)).await,
        Err(CoreError::Field { code: "phase_overlaps", .. })
    ));
    let last = p.create_phase(op, id, phase("ideation", 10, None)).await.unwrap();
    assert!(matches!(
        p.create_phase(op, id, phase("voting_on_mars", 30, Some(31))).await,
        Err(CoreError::Field { code: "method_unknown", .. })
    ));
    assert!(matches!(
        p.create_phase(op, id, phase("ideation", 40, Some(39))).await,
        Err(CoreError::Field { code: "end_before_start", .. })
    ));
    // Moving the open-ended phase onto another one is refused as well.
    assert!(matches!(
        p.update_phase(op, last.id, phase("ideation", 5, None)).await,
        Err(CoreError::Field { code: "phase_overlaps", .. })
    ));
    p.update_phase(op, last.id, phase("ideation", 12, None)).await.unwrap();
    assert_eq!(p.phases(id).await.unwrap().len(), 3);
    p.delete_phase(op, last.id).await.unwrap();
    assert_eq!(p.phases(id).await.unwrap().len(), 2);
}

#[tokio::test]
async fn the_engine_answers_from_the_stored_permissions() {
    let (p, _dir) = platform(Edition::Core, vec![]).await;
    let id = project(&p, "parks").await;
    let op = &Actor::Operator;
    let open = p.create_phase(op, id, phase("ideation", -1, Some(10))).await.unwrap();
    let anon = &Actor::Anonymous;
    assert_eq!(
        p.permission(op, crate::modules::ideas::POSTING_IDEA, &open).await.unwrap(),
        Err(Denial::ProjectNotPublished)
    );
    p.set_project_status(op, id, super::PUBLISHED).await.unwrap();
    assert_eq!(
        p.permission(anon, crate::modules::ideas::POSTING_IDEA, &open).await.unwrap(),
        Err(Denial::NotSignedIn),
        "default: signed-in users"
    );
    assert_eq!(p.permission(&resident(false), crate::modules::ideas::POSTING_IDEA, &open).await.unwrap(), Ok(()));

    p.set_phase_permission(op, open.id, crate::modules::ideas::POSTING_IDEA.as_str(), PermittedBy::ConfirmedUsers, &[])
        .await
        .unwrap();
    assert_eq!(
        p.permission(&resident(false), crate::modules::ideas::POSTING_IDEA, &open).await.unwrap(),
        Err(Denial::NotConfirmed)
    );
    assert_eq!(p.permission(&resident(true), crate::modules::ideas::POSTING_IDEA, &open).await.unwrap(), Ok(()));
    p.set_phase_permission(op, open.id, crate::modules::ideas::REACTING_IDEA.as_str(), PermittedBy::Everyone, &[])
        .await
        .unwrap();
    assert_eq!(p.permission(anon, crate::modules::ideas::REACTING_IDEA, &open).await.unwrap(), Ok(()));
    assert_eq!(p.permission(anon, crate::modules::voting::VOTE, &open).await.unwrap(), Err(Denial::MethodDisallows));
    assert!(matches!(
        p.set_phase_permission(op, open.id, crate::modules::voting::VOTE.as_str(), PermittedBy::Users, &[]).await,
        Err(CoreError::Field { code: "method_disallows", .. })
    ));
    assert!(matches!(
        p.set_phase_permission(
            &resident(true),
            open.id,
            crate::modules::ideas::POSTING_IDEA.as_str(),
            PermittedBy::Everyone,
            &[]
        )
        .await,
        Err(CoreError::Forbidden)
    ));
    p.set_project_status(op, id, super::ARCHIVED).await.unwrap();
    assert_eq!(
        p.permission(&resident(true), crate::modules::ideas::POSTING_IDEA, &open).await.unwrap(),
        Err(Denial::ProjectArchived)
    );
}

#[tokio::test]
async fn projects_and_phases_are_read_from_memory_until_they_change() {
    use std::sync::atomic::Ordering;
    let (p, _dir, count) = crate::testing::counting_platform().await;
    let id = project(&p, "parks").await;
    p.create_phase(&Actor::Operator, id, phase("ideation", -1, Some(10))).await.unwrap();
    p.set_project_status(&Actor::Operator, id, super::PUBLISHED).await.unwrap();
    let visitor = Actor::Anonymous;
    p.project_by_slug(&visitor, "parks").await.unwrap().unwrap();
    count.store(0, Ordering::SeqCst);
    let found = p.project_by_slug(&visitor, "parks").await.unwrap().unwrap();
    let phases = p.phases(found.id).await.unwrap();
    p.abilities_of(&visitor, &phases, None).await.unwrap();
    assert_eq!(count.load(Ordering::SeqCst), 0, "a fresh copy needs no statement");
    // A change through a service is seen at once.
    let changes = ProjectChanges { title: Some(text("Parks and squares")), ..Default::default() };
    p.update_project(&Actor::Operator, id, changes).await.unwrap();
    let found = p.project_by_slug(&visitor, "parks").await.unwrap().unwrap();
    assert!(found.title.contains("Parks and squares"));
    p.update_phase(&Actor::Operator, phases[0].id, phase("ideation", -1, Some(20))).await.unwrap();
    let later = p.phases(id).await.unwrap();
    assert_ne!(later[0].end_at, phases[0].end_at, "the phase's new end is seen at once");
}
