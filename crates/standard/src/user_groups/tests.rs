// SPDX-License-Identifier: LicenseRef-Townhall-Commercial
//! The groups' service on core's test platform (`townhall_core::testing`), without a server.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeMap;

use townhall_core::testing::{activate, platform, resident};
use townhall_core::{Actor, CoreError, Edition, Plan};

use super::{FEATURE, service};

fn name(text: &str) -> BTreeMap<String, String> {
    BTreeMap::from([("en".to_owned(), text.to_owned())])
}

#[tokio::test]
async fn administrators_import_members_by_address_and_are_told_what_did_not_fit() {
    let (p, _dir) = platform(Edition::Standard, crate::modules()).await;
    let admin = Actor::Operator;
    // Switched off, the service refuses even an administrator.
    assert!(service::create(&p, &admin, name("Cyclists")).await.is_err());
    activate(&p, Plan::Standard, &[FEATURE]).await;

    let ana = resident(&p, "ana@example.org").await;
    resident(&p, "bo@example.org").await;
    assert!(matches!(service::create(&p, &ana, name("Mine")).await, Err(CoreError::Forbidden)));
    let group = service::create(&p, &admin, name("Cyclists")).await.unwrap();

    let list = "ANA@example.org; bo@example.org, nobody@example.org\nnot-an-address";
    let report = service::add_members(&p, &admin, group.id, list).await.unwrap();
    assert_eq!((report.added, report.already_members), (2, 0));
    assert_eq!(report.unknown, ["nobody@example.org"]);
    assert_eq!(report.invalid, ["not-an-address"]);
    let again = service::add_members(&p, &admin, group.id, "bo@example.org").await.unwrap();
    assert_eq!((again.added, again.already_members), (0, 1));
    // The counter is kept in the same transaction as the rows.
    assert_eq!(service::group(&p, &admin, group.id).await.unwrap().members_count, 2);
}
