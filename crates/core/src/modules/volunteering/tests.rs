// SPDX-License-Identifier: AGPL-3.0-only
//! Volunteering through the services.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeMap;

use chrono::{Duration, Utc};
use townhall_license::Edition;

use crate::modules::ideas::tests::resident;
use crate::modules::projects::{PUBLISHED, PhaseInput, ProjectChanges};
use crate::testing::platform;
use crate::{Actor, CoreError};

#[tokio::test]
async fn residents_volunteer_and_withdraw_with_true_counts() {
    let (p, _dir) = platform(Edition::Core, vec![]).await;
    let op = &Actor::Operator;
    let en = |t: &str| BTreeMap::from([("en".to_owned(), t.to_owned())]);
    let project = p
        .create_project(op, ProjectChanges { slug: Some("help".into()), title: Some(en("Help")), ..Default::default() })
        .await
        .unwrap();
    let input = PhaseInput {
        title: en("Help"),
        description: BTreeMap::new(),
        method: "volunteering".into(),
        start_at: Some(Utc::now() - Duration::days(1)),
        end_at: None,
    };
    let phase = p.create_phase(op, project.id, input).await.unwrap().id;
    p.set_project_status(op, project.id, PUBLISHED).await.unwrap();
    let cause = p.volunteering().add_cause(op, phase, en("Clean the park"), en("Saturday morning")).await.unwrap().id;
    let ana = resident(&p, "ana@example.org").await;
    assert!(matches!(p.volunteering().sign_up(&Actor::Anonymous, cause).await, Err(CoreError::Denied(_))));
    p.volunteering().sign_up(&ana, cause).await.unwrap();
    p.volunteering().sign_up(&ana, cause).await.unwrap();
    let (causes, mine) = p.volunteering().causes(&ana, phase).await.unwrap();
    assert_eq!((causes[0].volunteers, mine), (1, vec![cause]), "twice is once");
    let csv = p.volunteering().csv(op, phase, "en").await.unwrap();
    assert!(csv.contains("Clean the park,ana@example.org,ana@example.org"), "{csv}");
    assert!(matches!(p.volunteering().csv(&ana, phase, "en").await, Err(CoreError::Forbidden)));
    p.volunteering().withdraw(&ana, cause).await.unwrap();
    p.volunteering().withdraw(&ana, cause).await.unwrap();
    assert_eq!(p.volunteering().causes(&ana, phase).await.unwrap().0[0].volunteers, 0);
}
