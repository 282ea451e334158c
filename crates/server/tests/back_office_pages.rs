// SPDX-License-Identifier: AGPL-3.0-only
//! Every back-office page renders for an administrator, in every language, with more rows than
//! one page holds (issue #12): the paths are read from the routers themselves (the server's and
//! every module's), so a new page is tried the day it is added, and every link to a further page of a list is followed too.
#![cfg(feature = "premium")]
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::collections::BTreeSet;

use common::*;

/// The paths under `/admin` of the server's routers and every module's, with `1` for each
/// parameter (the ones that answer only forms are skipped when they answer 405).
fn admin_pages() -> Vec<String> {
    let modules = townhall_server::editions::modules();
    let module_paths = modules.iter().flat_map(|m| townhall_server::http::module_route_paths(&**m));
    let paths: BTreeSet<String> = townhall_server::http::own_route_paths().into_iter().chain(module_paths).collect();
    paths
        .iter()
        .filter(|p| p.starts_with("/admin"))
        .map(|path| {
            let path = path.replace("{list}", "topics");
            path.split('/').map(|part| if part.starts_with('{') { "1" } else { part }).collect::<Vec<_>>().join("/")
        })
        .collect()
}

/// The links of `html` to another page of the same list (`page=` or `after=`).
fn further_pages(html: &str, path: &str) -> Vec<String> {
    let mut out = Vec::new();
    for piece in html.split("href=\"").skip(1) {
        let link = piece.split('"').next().unwrap_or_default().replace("&amp;", "&");
        if link.starts_with(path) && (link.contains("page=") || link.contains("after=")) {
            out.push(link);
        }
    }
    out
}

#[tokio::test]
async fn every_back_office_page_renders_with_more_than_a_page_of_rows_in_every_language() {
    let dir = tempfile::tempdir().unwrap();
    let url = fresh_database(&Db::Sqlite, dir.path()).await;
    // 60 residents, 120 ideas with their comments and votes: more than a page of each list.
    let seeded = cli(dir.path(), &["--database-url", &url, "seed", "--scale", "120", "--password", PASSWORD], &[]);
    assert!(seeded.status.success(), "{}", text(&seeded.stderr));
    let key = dev_key(&claims(townhall_license::Plan::Premium, 30));
    let server = TestServer::start_in(dir, url, Options { license: Some(&key), ..Options::default() }).await;
    server.make_admin("boss@example.org");
    let admin = server.login("boss@example.org", PASSWORD).await.unwrap();
    for feature in paid_features() {
        enable_feature(&server, &admin, feature).await;
    }
    let boss = server.cookie_for("boss@example.org").await;

    let mut failures = Vec::new();
    let mut seen = BTreeSet::new();
    let pages = admin_pages();
    assert!(pages.len() > 60, "{pages:?}");
    for lang in ["en", "nl", "fr"] {
        let mut queue: Vec<String> = pages.iter().map(|p| format!("{p}?lang={lang}")).collect();
        while let Some(page) = queue.pop() {
            if !seen.insert(page.clone()) {
                continue;
            }
            let answer = server.get_as(&boss, &page).await;
            let status = answer.status();
            if status == 405 {
                continue; // a path that only takes forms
            }
            let html = answer.text().await.unwrap_or_default();
            if status.is_server_error() || !(status.is_success() || status.is_redirection() || status == 404) {
                failures.push(format!("{page}: {status} {}", html.chars().take(300).collect::<String>()));
                continue;
            }
            let path = page.split('?').next().unwrap_or_default().to_owned();
            let more = further_pages(&html, &path).into_iter().map(|l| format!("{l}&lang={lang}"));
            queue.extend(more.filter(|l| !seen.contains(l)));
        }
    }
    assert!(failures.is_empty(), "{} pages failed:\n{}", failures.len(), failures.join("\n"));
    assert!(seen.iter().any(|p| p.starts_with("/admin/users?") && p.contains("after=")), "the users' second page");
}
