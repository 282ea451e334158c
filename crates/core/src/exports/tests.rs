// SPDX-License-Identifier: AGPL-3.0-only
//! Exports: every kind over the demo town, who may export what, and that a large export is
//! read a page at a time (one query and at most a page of rows per chunk), not built whole.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::sync::atomic::Ordering;

use townhall_license::Edition;

use super::{ExportRequest, PAGE_ROWS};
use crate::seed::{Quiet, ScalePlan};
use crate::testing::{counting_platform, platform};
use crate::{Actor, CoreError, Platform};

const DEMO_PASSWORD: &str = "demo password for the town";

fn request(kind: &str, project: Option<i32>, personal: bool) -> ExportRequest {
    ExportRequest { kind: kind.into(), project, personal, locale: "en".into() }
}

/// The whole CSV of an export, and its number of chunks.
async fn read_all(p: &Platform, actor: &Actor, r: ExportRequest) -> Result<(String, usize), CoreError> {
    let mut export = p.start_export(actor, r).await?;
    let (mut out, mut chunks) = (String::new(), 0);
    while let Some(chunk) = export.next_chunk().await? {
        out.push_str(&chunk);
        chunks += 1;
    }
    Ok((out, chunks))
}

async fn signed_in(p: &Platform, email: &str) -> Actor {
    let (_, token) = p.sign_in(email, DEMO_PASSWORD, "x").await.unwrap();
    p.actor_for_token(&token).await.unwrap().unwrap().0
}

#[tokio::test]
async fn every_kind_exports_the_demo_town() {
    let (p, _dir) = platform(Edition::Core, vec![]).await;
    p.seed_demo(DEMO_PASSWORD, &Quiet).await.unwrap();
    let op = &Actor::Operator;
    let kinds: Vec<&str> = p.registry().exports().iter().map(|k| k.id()).collect();
    assert_eq!(kinds.len(), 9, "{kinds:?}");
    assert_eq!(kinds.last(), Some(&"users"), "the people themselves come last: {kinds:?}");
    for kind in kinds {
        let personal = kind == "users";
        let mut export = p.start_export(op, request(kind, None, personal)).await.unwrap();
        let total = export.total;
        let header = export.next_chunk().await.unwrap().unwrap();
        while export.next_chunk().await.unwrap().is_some() {}
        assert!(header.ends_with("\r\n") && total > 0, "{kind:?}: {header}");
        assert_eq!(export.rows, total, "{kind:?}: every counted row is exported");
    }
    let unknown = p.start_export(op, request("ballots", None, false)).await;
    assert!(matches!(unknown, Err(CoreError::Field { code: "export_kind_invalid", .. })));
    let (ideas, _) = read_all(&p, op, request("ideas", None, false)).await.unwrap();
    assert!(ideas.starts_with("id,project,title,author,status,status_category,published_at"), "{ideas}");
    assert!(ideas.contains("/ideas/1\r\n") && ideas.contains("greener-parks"), "{ideas}");
    let (answers, _) = read_all(&p, op, request("survey-responses", None, false)).await.unwrap();
    assert!(answers.contains("How often do you cross the square?,,Daily"), "{answers}");
    assert!(answers.contains("Rate these today,Lighting,"), "{answers}");
    let (votes, _) = read_all(&p, op, request("votes", None, false)).await.unwrap();
    assert_eq!(votes.lines().count(), 1 + 6 * 2, "six submitted baskets of two ideas");
}

#[tokio::test]
async fn who_may_export_what() {
    let (p, _dir) = platform(Edition::Core, vec![]).await;
    p.seed_demo(DEMO_PASSWORD, &Quiet).await.unwrap();
    let op = &Actor::Operator;
    let parks = p.project_by_slug(op, "greener-parks").await.unwrap().unwrap().id;
    let budget = p.project_by_slug(op, "participatory-budget").await.unwrap().unwrap().id;
    p.set_project_moderator(op, parks, "lea.martens@demo.example", true).await.unwrap();
    let lea = signed_in(&p, "lea.martens@demo.example").await;
    let omar = signed_in(&p, "omar.haddad@demo.example").await;

    // A moderator exports their project, and only it; a resident nothing.
    let (mine, _) = read_all(&p, &lea, request("ideas", Some(parks), false)).await.unwrap();
    let (all, _) = read_all(&p, op, request("ideas", None, false)).await.unwrap();
    assert!(mine.lines().count() > 1 && mine.lines().count() < all.lines().count());
    assert!(mine.lines().skip(1).all(|l| l.contains(",greener-parks,")), "{mine}");
    assert!(matches!(p.start_export(&lea, request("ideas", Some(budget), false)).await, Err(CoreError::Forbidden)));
    assert!(matches!(p.start_export(&lea, request("ideas", None, false)).await, Err(CoreError::Forbidden)));
    assert!(matches!(p.start_export(&omar, request("comments", Some(parks), false)).await, Err(CoreError::Forbidden)));
    assert!(matches!(
        p.start_export(&Actor::Anonymous, request("ideas", None, false)).await,
        Err(CoreError::NotSignedIn)
    ));
    // E-mail addresses: administrators who confirm, never moderators, and always logged.
    assert!(matches!(p.start_export(&lea, request("volunteers", Some(parks), true)).await, Err(CoreError::Forbidden)));
    assert!(matches!(
        p.start_export(op, request("users", None, false)).await,
        Err(CoreError::Field { code: "export_confirm_personal", .. })
    ));
    // Votes name no one: an administrator asking for their "personal" variant is told so.
    assert!(matches!(
        p.start_export(op, request("votes", None, true)).await,
        Err(CoreError::Field { code: "export_no_personal_variant", .. })
    ));
    let (volunteers, _) = read_all(&p, op, request("volunteers", None, false)).await.unwrap();
    assert!(!volunteers.contains('@'), "{volunteers}");
    let (volunteers, _) = read_all(&p, op, request("volunteers", None, true)).await.unwrap();
    assert!(volunteers.contains("@demo.example"), "{volunteers}");
    let log = p.audit_log(op, 50, None).await.unwrap();
    assert!(log.entries.iter().any(|e| e.action == "export.personal_data"));
}

#[tokio::test]
async fn a_large_export_is_read_a_page_at_a_time() {
    let (p, _dir, statements) = counting_platform().await;
    let report = p.seed_scale(ScalePlan::for_ideas(11_000), "scale password", &Quiet).await.unwrap();
    assert!(report.reactions >= 100_000, "{}", report.reactions);
    let mut export = p.start_export(&Actor::Operator, request("reactions", None, false)).await.unwrap();
    assert_eq!(export.total, report.reactions);
    export.next_chunk().await.unwrap().unwrap();
    let (mut rows, mut chunks, mut largest) = (0_u64, 0_u64, 0_usize);
    loop {
        let before = statements.load(Ordering::SeqCst);
        let Some(chunk) = export.next_chunk().await.unwrap() else { break };
        // One query per chunk, and never more than a page of rows in memory.
        assert_eq!(statements.load(Ordering::SeqCst) - before, 1);
        let lines = chunk.lines().count() as u64;
        assert!(lines <= PAGE_ROWS);
        rows += lines;
        chunks += 1;
        largest = largest.max(chunk.len());
    }
    assert_eq!(rows, report.reactions);
    assert_eq!(chunks, report.reactions.div_ceil(PAGE_ROWS));
    assert!(largest < 64 * 1024, "a chunk is a page, not the file: {largest} bytes");
}
