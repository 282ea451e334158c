// SPDX-License-Identifier: AGPL-3.0-only
//! Events through the services.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeMap;

use chrono::{Duration, Utc};
use townhall_license::Edition;

use super::EventInput;
use crate::modules::ideas::tests::resident;
use crate::modules::projects::{PUBLISHED, ProjectChanges};
use crate::testing::platform;
use crate::{Actor, CoreError};

#[tokio::test]
async fn places_run_out_and_calendars_list_the_events() {
    let (p, _dir) = platform(Edition::Core, vec![]).await;
    let op = &Actor::Operator;
    let en = |t: &str| BTreeMap::from([("en".to_owned(), t.to_owned())]);
    let project = p
        .create_project(op, ProjectChanges { slug: Some("meet".into()), title: Some(en("Meet")), ..Default::default() })
        .await
        .unwrap();
    let input = EventInput {
        title: en("Walk, talk; and tea"),
        starts_at: Some(Utc::now() + Duration::days(2)),
        ends_at: Some(Utc::now() + Duration::days(2) + Duration::hours(2)),
        location: "Town hall, room 1".into(),
        capacity: Some(1),
        ..Default::default()
    };
    let bad = EventInput { ends_at: input.starts_at, ..input.clone() };
    assert!(matches!(
        p.create_event(op, project.id, bad).await,
        Err(CoreError::Field { code: "end_before_start", .. })
    ));
    let event = p.create_event(op, project.id, input).await.unwrap();
    let ana = resident(&p, "ana@example.org").await;
    let ben = resident(&p, "ben@example.org").await;
    assert!(p.register_for_event(&ana, event.id).await.is_err(), "a draft project takes no registrations");
    p.set_project_status(op, project.id, PUBLISHED).await.unwrap();
    p.register_for_event(&ana, event.id).await.unwrap();
    assert_eq!(p.register_for_event(&ana, event.id).await.unwrap().registered, 1, "twice is once");
    assert!(matches!(p.register_for_event(&ben, event.id).await, Err(CoreError::Field { code: "event_full", .. })));
    p.cancel_event_registration(&ana, event.id).await.unwrap();
    p.register_for_event(&ben, event.id).await.unwrap();
    assert_eq!(p.upcoming_events(&Actor::Anonymous, 10).await.unwrap().len(), 1);

    let ics = p.events_ics(&Actor::Anonymous, project.id, Some(event.id), "en").await.unwrap();
    assert!(ics.starts_with("BEGIN:VCALENDAR\r\n") && ics.contains("SUMMARY:Walk\\, talk\\; and tea\r\n"), "{ics}");
    assert!(ics.contains("LOCATION:Town hall\\, room 1") && ics.ends_with("END:VCALENDAR\r\n"));

    // A past event leaves the upcoming list but keeps its calendar file.
    let past = EventInput {
        title: en("Last year's walk"),
        starts_at: Some(Utc::now() - Duration::days(300)),
        ends_at: Some(Utc::now() - Duration::days(300) + Duration::hours(1)),
        ..Default::default()
    };
    let past = p.create_event(op, project.id, past).await.unwrap();
    assert_eq!(p.upcoming_events(&Actor::Anonymous, 10).await.unwrap().len(), 1);
    assert!(p.event_ics(&Actor::Anonymous, past.id, "en").await.unwrap().contains("SUMMARY:Last year's walk"));
    assert!(matches!(p.event_ics(&Actor::Anonymous, 9999, "en").await, Err(CoreError::NotFound(_))));
}
