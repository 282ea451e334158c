// SPDX-License-Identifier: AGPL-3.0-only
//! The voting panel of a budget with more ideas than fit on a page, on every database: numbered
//! pages, search, topic and area filters and the orders by cost, as plain links and forms; a
//! basket change from the second page comes back to that page of the same list, and the
//! basket with its chosen ideas is on every page.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::*;
use serde_json::Value;

/// 25 ideas (a page holds 24), idea `i` costing 100 + 10 i: topic Green for even `i`, else
/// Grey; area North for `i` below 10, else South.
async fn a_budget_of_25(server: &TestServer, admin: &str, author: &str) -> (String, Vec<String>) {
    let boss = server.cookie_for("boss@example.org").await;
    for (list, title) in [("topics", "Green"), ("topics", "Grey"), ("areas", "North"), ("areas", "South")] {
        let r = server.post_form(&boss, &format!("/admin/taxonomy/{list}"), &[("title_en", title)]).await;
        assert_eq!(r.status(), 303);
    }
    let terms = server.graphql("{ topics { id } areas { id } }", Value::Null).await;
    let id = |list: &str, k: usize| terms["data"][list][k]["id"].as_str().unwrap().to_owned();
    let ideas: Vec<BudgetIdea> = (0..25)
        .map(|i| BudgetIdea {
            title: format!("Proposal {i:02} {}", if i == 7 { "lanterns" } else { "benches" }),
            cost: 100 + 10 * i as i64,
            topic: Some(id("topics", i % 2)),
            area: Some(id("areas", usize::from(i >= 10))),
        })
        .collect();
    budgeting_with(server, admin, author, &ideas).await
}

/// The ideas' titles on a page, in their order.
fn titles(page: &str) -> Vec<String> {
    page.match_indices("<h3><a href=\"/ideas/")
        .filter_map(|(at, _)| {
            let rest = &page[at..];
            let start = rest.find('>')? + 1;
            let start = start + rest[start..].find('>')? + 1;
            Some(rest[start..start + rest[start..].find('<')?].to_owned())
        })
        .collect()
}

fn proposal(i: usize) -> String {
    format!("Proposal {i:02} {}", if i == 7 { "lanterns" } else { "benches" })
}

#[tokio::test]
async fn the_panel_pages_searches_filters_and_sorts_by_cost() {
    for db in backends() {
        let server = TestServer::start(&db).await;
        server.make_admin("boss@example.org");
        server.register("ana@example.org", "Ana").await;
        let admin = server.login("boss@example.org", PASSWORD).await.unwrap();
        let ana = server.login("ana@example.org", PASSWORD).await.unwrap();
        let (phase, ideas) = a_budget_of_25(&server, &admin, &ana).await;
        let terms = server.graphql("{ topics { id } areas { id } }", Value::Null).await;
        let (green, north) =
            (terms["data"]["topics"][0]["id"].as_str().unwrap(), terms["data"]["areas"][0]["id"].as_str().unwrap());
        let page = |path: String| {
            let server = &server;
            async move {
                let r = server.get(&path).await;
                assert_eq!(r.status(), 200, "{path}");
                r.text().await.unwrap()
            }
        };

        // Newest first: 24 ideas, then the oldest alone on page 2.
        let first = page("/projects/parks?lang=en".into()).await;
        assert!(first.contains("Ideas 1 to 24 of 25") && first.contains("Page 1 of 2"), "{first}");
        assert_eq!(titles(&first).first(), Some(&proposal(24)), "{}", db.name());
        assert!(first.contains("value=\"cost_asc\"") && first.contains("Cheapest first"), "{first}");
        assert!(first.contains("href=\"?sort=newest&amp;page=2#vote-list\""), "{first}");
        let second = page("/projects/parks?sort=newest&page=2".into()).await;
        assert_eq!(titles(&second), [proposal(0)]);
        assert!(second.contains("Ideas 25 to 25 of 25"), "{second}");
        // A page past the end shows the last; rubbish shows the first in the default order.
        assert_eq!(titles(&page("/projects/parks?page=9".into()).await), [proposal(0)]);
        assert_eq!(titles(&page("/projects/parks?page=x&sort=nonsense".into()).await).len(), 24);

        // By cost, both ways.
        let cheapest = page("/projects/parks?sort=cost_asc".into()).await;
        assert_eq!(titles(&cheapest), (0..24).map(proposal).collect::<Vec<_>>(), "{}", db.name());
        assert!(cheapest.contains("href=\"?sort=cost_asc&amp;page=2#vote-list\""), "{cheapest}");
        assert_eq!(titles(&page("/projects/parks?sort=cost_asc&page=2".into()).await), [proposal(24)]);
        let dearest = page("/projects/parks?sort=cost_desc".into()).await;
        assert_eq!(titles(&dearest), (1..25).rev().map(proposal).collect::<Vec<_>>());

        // Search, topic and area, alone and together, keep their values in the page links.
        assert_eq!(titles(&page("/projects/parks?q=lanterns".into()).await), [proposal(7)]);
        let greens = page(format!("/projects/parks?sort=cost_asc&topic={green}")).await;
        assert_eq!(titles(&greens), (0..25).step_by(2).map(proposal).collect::<Vec<_>>());
        assert!(greens.contains("Ideas 1 to 13 of 13") && !greens.contains("Page 1 of"), "{greens}");
        let both = page(format!("/projects/parks?sort=cost_desc&topic={green}&area={north}")).await;
        assert_eq!(titles(&both), [8, 6, 4, 2, 0].map(proposal));
        let none = page("/projects/parks?q=nothing-like-this".into()).await;
        assert!(titles(&none).is_empty() && none.contains("No idea matches"), "{none}");

        // A voter adds the dearest idea from page 2 of the cheapest-first list: she comes back
        // to that page, where the idea is chosen and the basket lists it.
        let cookie = server.cookie_for("ana@example.org").await;
        let basket = format!("/phases/{phase}/basket");
        let list = "sort=cost_asc&page=2";
        let r = server
            .post_form(&cookie, &basket, &[("idea_id", ideas[24].as_str()), ("action", "add"), ("list", list)])
            .await;
        assert_eq!(r.status(), 303);
        let back = r.headers()["location"].to_str().unwrap().to_owned();
        assert_eq!(back, format!("/projects/parks?sort=cost_asc&page=2#idea-{}", ideas[24]));
        let there = server.get_as(&cookie, &back).await.text().await.unwrap();
        assert!(there.contains("Page 2 of 2") && there.contains("You spend €340 of €1,000"), "{there}");
        assert!(there.contains("aria-pressed=\"true\">Remove “Proposal 24 benches”"), "{there}");
        // The basket is on page 1 too, with its idea and a remove button.
        let one = server.get_as(&cookie, "/projects/parks?sort=cost_asc").await.text().await.unwrap();
        let summary = &one[one.find("id=\"basket\"").unwrap()..one.find("id=\"vote-list\"").unwrap()];
        assert!(
            summary.contains("Proposal 24 benches") && summary.contains("Remove “Proposal 24 benches”"),
            "{summary}"
        );
        assert!(summary.contains("name=\"list\" value=\"sort=cost_asc&amp;page=1\""), "{summary}");

        // The list that comes back is rebuilt from what it means, never echoed: no other site,
        // no unknown parameter, no header injection; a filtered list keeps its filters.
        let (greens_sent, greens_back) = (
            format!("sort=cost_asc&topic={green}&page=1"),
            format!("/projects/parks?sort=cost_asc&topic={green}&page=1"),
        );
        for (sent, expected) in [
            ("//evil.example/?page=2", "/projects/parks?sort=newest&page=1"),
            ("sort=cost_desc&page=2&next=https://evil.example", "/projects/parks?sort=cost_desc&page=2"),
            ("q=a%0d%0aSet-Cookie:x&page=1", "/projects/parks?sort=newest&q=a%0D%0ASet-Cookie%3Ax&page=1"),
            (greens_sent.as_str(), greens_back.as_str()),
        ] {
            let form = [("idea_id", ideas[1].as_str()), ("action", "add"), ("list", sent)];
            let r = server.post_form(&cookie, &basket, &form).await;
            assert_eq!(r.status(), 303, "{sent}");
            let location = r.headers()["location"].to_str().unwrap();
            assert_eq!(location, format!("{expected}#idea-{}", ideas[1]), "{sent}");
        }

        // A refusal (over the budget) shows the error on the same page of the list.
        for idea in [&ideas[23], &ideas[22]] {
            server.post_form(&cookie, &basket, &[("idea_id", idea.as_str()), ("action", "add")]).await;
        }
        let refused = server
            .post_form(&cookie, &basket, &[("idea_id", ideas[21].as_str()), ("action", "add"), ("list", list)])
            .await;
        let refused = refused.text().await.unwrap();
        assert!(refused.contains("This goes over your budget") && refused.contains("Page 2 of 2"), "{refused}");

        // Removing from the basket's list and submitting come back to the list too.
        let form = [("idea_id", ideas[22].as_str()), ("action", "remove"), ("list", list)];
        let r = server.post_form(&cookie, &basket, &form).await;
        assert_eq!(
            r.headers()["location"].to_str().unwrap(),
            format!("/projects/parks?sort=cost_asc&page=2#idea-{}", ideas[22])
        );
        let r = server.post_form(&cookie, &format!("{basket}/submit"), &[("list", list)]).await;
        assert_eq!(r.status(), 303);
        assert_eq!(r.headers()["location"].to_str().unwrap(), "/projects/parks?sort=cost_asc&page=2#basket");
        let submitted = server.get_as(&cookie, "/projects/parks?sort=cost_asc&page=2").await.text().await.unwrap();
        assert!(submitted.contains("Your receipt") && submitted.contains("Page 2 of 2"), "{submitted}");
    }
}
