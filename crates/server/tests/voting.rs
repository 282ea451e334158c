// SPDX-License-Identifier: AGPL-3.0-only
//! Budgeting votes through GraphQL on every database: the rules under a burst of parallel
//! basket changes and submissions, totals equal to the counted ballots, and the published
//! ballot file checked offline by `townhall verify-results`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::*;
use serde_json::{Value, json};

#[tokio::test]
async fn parallel_basket_changes_never_break_the_rules() {
    for db in backends() {
        let server = TestServer::start(&db).await;
        server.make_admin("boss@example.org");
        server.register("ana@example.org", "Ana").await;
        server.register("ben@example.org", "Ben").await;
        let admin = server.login("boss@example.org", PASSWORD).await.unwrap();
        let ana = server.login("ana@example.org", PASSWORD).await.unwrap();
        let ben = server.login("ben@example.org", PASSWORD).await.unwrap();
        let (phase, ideas) = budgeting(&server, &admin, &ana).await;

        let over = server
            .graphql_as(
                &ben,
                "mutation($p: ID!, $i: ID!) { addToBasket(phaseId: $p, ideaId: $i) { spent } }",
                json!({ "p": phase, "i": ideas[1] }),
            )
            .await;
        assert!(over.get("errors").is_none(), "{over}");
        let refused = server
            .graphql_as(
                &ben,
                "mutation($p: ID!, $i: ID!) { addToBasket(phaseId: $p, ideaId: $i) { spent } }",
                json!({ "p": phase, "i": ideas[2] }),
            )
            .await;
        assert_eq!(refused["errors"][0]["extensions"]["code"], "over_budget", "{refused}");
        let receipt = server
            .graphql_as(
                &ben,
                "mutation($p: ID!) { submitBasket(phaseId: $p) { receipt position } }",
                json!({ "p": phase }),
            )
            .await;
        let ben_receipt =
            receipt["data"]["submitBasket"]["receipt"].as_str().unwrap_or_else(|| panic!("{receipt}")).to_owned();

        // 200 racing requests from one voter: adds, removals and submissions of every idea.
        let mut tasks = tokio::task::JoinSet::new();
        for k in 0..200 {
            let (client, token, phase, idea) =
                (server.graphql_client(), ana.clone(), phase.clone(), ideas[k % 3].clone());
            tasks.spawn(async move {
                let query = match k % 4 {
                    0 | 1 => "mutation($p: ID!, $i: ID!) { addToBasket(phaseId: $p, ideaId: $i) { spent } }",
                    2 => "mutation($p: ID!, $i: ID!) { removeFromBasket(phaseId: $p, ideaId: $i) { spent } }",
                    _ => "mutation($p: ID!, $i: ID!) { submitBasket(phaseId: $p) { receipt } addToBasket(phaseId: $p, ideaId: $i) { spent } }",
                };
                client.run(&token, query, json!({ "p": phase, "i": idea })).await
            });
        }
        while let Some(answer) = tasks.join_next().await {
            let answer = answer.unwrap();
            if let Some(errors) = answer.get("errors") {
                let code = errors[0]["extensions"]["code"].as_str().unwrap_or_default().to_owned();
                assert!(["over_budget", "basket_empty"].contains(&code.as_str()), "{} {answer}", db.name());
            } else if let Some(spent) = answer["data"]["addToBasket"]["spent"].as_i64() {
                assert!(spent <= 1000, "{} a basket went over budget: {answer}", db.name());
            }
        }
        // Make sure Ana has a submission, then compare the totals with the published ballots.
        server
            .graphql_as(
                &ana,
                "mutation($p: ID!, $i: ID!) { addToBasket(phaseId: $p, ideaId: $i) { spent } }",
                json!({ "p": phase, "i": ideas[0] }),
            )
            .await;
        server
            .graphql_as(&ana, "mutation($p: ID!) { submitBasket(phaseId: $p) { receipt } }", json!({ "p": phase }))
            .await;
        let basket = server
            .graphql_as(&ana, "query($p: ID!) { basket(phaseId: $p) { spent budget receipt } }", json!({ "p": phase }))
            .await;
        assert!(basket["data"]["basket"]["spent"].as_i64().unwrap() <= 1000, "{basket}");

        let results = server
            .graphql_as(
                &admin,
                "query($p: ID!) { votingResults(phaseId: $p) { ballots finalHash ideas { ideaId votes voters } } }",
                json!({ "p": phase }),
            )
            .await;
        let results = &results["data"]["votingResults"];
        assert_eq!(results["ballots"], 2, "{} one counted ballot per voter: {results}", db.name());

        let file = server
            .http
            .get(server.url(&format!("/phases/{phase}/ballots.jsonl")))
            .bearer_auth(&admin)
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("ballots.jsonl");
        std::fs::write(&path, &file).unwrap();
        let out = cli(dir.path(), &["verify-results", path.to_str().unwrap(), "--json"], &[]);
        assert!(out.status.success(), "{}\n{}", text(&out.stdout), text(&out.stderr));
        let checked: Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(checked["final_hash"], results["finalHash"]);
        assert_eq!(checked["counted"], 2);
        for line in results["ideas"].as_array().unwrap() {
            let idea: i64 = line["ideaId"].as_str().unwrap().parse().unwrap();
            let tally = checked["tallies"].as_array().unwrap().iter().find(|t| t["idea"] == idea).unwrap();
            assert_eq!(
                (tally["votes"].clone(), tally["voters"].clone()),
                (line["votes"].clone(), line["voters"].clone()),
                "{} totals equal the counted ballots",
                db.name()
            );
        }

        // Anchored to the published final hash, with a voter's receipt looked up offline.
        let published = results["finalHash"].as_str().unwrap();
        let file_arg = path.to_str().unwrap();
        let out =
            cli(dir.path(), &["verify-results", file_arg, "--final-hash", published, "--receipt", &ben_receipt], &[]);
        assert!(out.status.success(), "{}", text(&out.stdout));
        assert!(text(&out.stdout).contains(", counted"), "{}", text(&out.stdout));
        let other = "0".repeat(64);
        let out = cli(dir.path(), &["verify-results", file_arg, "--final-hash", &other], &[]);
        assert_eq!(out.status.code(), Some(1), "a file that does not end with the published hash fails");
        assert!(text(&out.stdout).contains("the published final hash is"), "{}", text(&out.stdout));
        let out = cli(dir.path(), &["verify-results", file_arg, "--receipt", &other, "--json"], &[]);
        assert_eq!(out.status.code(), Some(1), "an unknown receipt fails");
        assert_eq!(serde_json::from_slice::<Value>(&out.stdout).unwrap()["receipt"], Value::Null);

        // One changed character anywhere makes the file invalid.
        let tampered = file.replacen("\"ballot\":[[", "\"ballot\":[[1", 1);
        std::fs::write(&path, tampered).unwrap();
        let out = cli(dir.path(), &["verify-results", path.to_str().unwrap()], &[]);
        assert_eq!(out.status.code(), Some(1));
        assert!(text(&out.stdout).starts_with("invalid: line 2"), "{}", text(&out.stdout));

        let check = server
            .graphql(
                "query($p: ID!, $r: String!) { verifyReceipt(phaseId: $p, receipt: $r) { found superseded } }",
                json!({ "p": phase, "r": ben_receipt }),
            )
            .await;
        assert_eq!(check["data"]["verifyReceipt"], json!({ "found": true, "superseded": false }));
        let page = server.get(&format!("/phases/{phase}/verify?receipt={ben_receipt}")).await.text().await.unwrap();
        assert!(page.contains("it is counted"), "{page}");
    }
}

#[tokio::test]
async fn costs_are_set_in_the_back_office_and_multiple_votes_through_the_page() {
    let server = TestServer::start(&Db::Sqlite).await;
    server.make_admin("boss@example.org");
    server.register("ana@example.org", "Ana").await;
    let admin = server.login("boss@example.org", PASSWORD).await.unwrap();
    let ana = server.login("ana@example.org", PASSWORD).await.unwrap();
    let (phase, ideas) = budgeting(&server, &admin, &ana).await;
    let boss = server.cookie_for("boss@example.org").await;
    let r = server
        .post_form(&boss, &format!("/admin/ideas/{}/cost", ideas[0]), &[("cost", "250"), ("back", "/admin/ideas")])
        .await;
    assert_eq!(r.status(), 303);
    let bad = server
        .post_form(&boss, &format!("/admin/ideas/{}/cost", ideas[0]), &[("cost", "lots"), ("back", "/admin/ideas")])
        .await;
    assert!(bad.text().await.unwrap().contains("A cost is a whole number"));
    let table = server.get_as(&boss, "/admin/ideas").await.text().await.unwrap();
    assert!(table.contains("value=\"250\""), "{table}");

    // Switch the phase to multiple votes (3 votes, at most 2 per idea) and vote from the page.
    let settings = json!({ "id": phase, "s": { "voting_method": "multiple", "max_votes": 3, "max_per_idea": 2 } });
    server
        .graphql_as(
            &admin,
            "mutation($id: ID!, $s: JSON!) { updatePhaseSettings(id: $id, settings: $s) { id } }",
            settings,
        )
        .await;
    let cookie = server.cookie_for("ana@example.org").await;
    let set = |idea: &str, votes: &str| {
        let (server, cookie, phase) = (&server, cookie.clone(), phase.clone());
        let form = [
            ("idea_id".to_owned(), idea.to_owned()),
            ("action".to_owned(), "add".to_owned()),
            ("votes".to_owned(), votes.to_owned()),
        ];
        async move {
            let pairs: Vec<(&str, &str)> = form.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
            server.post_form(&cookie, &format!("/phases/{phase}/basket"), &pairs).await
        }
    };
    assert_eq!(set(&ideas[0], "2").await.status(), 303);
    let refused = set(&ideas[1], "2").await.text().await.unwrap();
    assert!(refused.contains("You have no votes left"), "{refused}");
    assert_eq!(set(&ideas[1], "1").await.status(), 303);
    let page = server.get_as(&cookie, "/projects/parks").await.text().await.unwrap();
    assert!(page.contains("You used 3 of your 3 votes"), "{page}");
}

#[tokio::test]
async fn the_results_page_opens_to_everyone_when_a_public_vote_ends() {
    let server = TestServer::start(&Db::Sqlite).await;
    server.make_admin("boss@example.org");
    server.register("ana@example.org", "Ana").await;
    let admin = server.login("boss@example.org", PASSWORD).await.unwrap();
    let ana = server.login("ana@example.org", PASSWORD).await.unwrap();
    let (phase, ideas) = budgeting(&server, &admin, &ana).await;
    for idea in [&ideas[0], &ideas[1]] {
        let add = "mutation($p: ID!, $i: ID!) { addToBasket(phaseId: $p, ideaId: $i, votes: 1) { spent } }";
        server.graphql_as(&ana, add, json!({ "p": phase, "i": idea })).await;
    }
    server.graphql_as(&ana, "mutation($p: ID!) { submitBasket(phaseId: $p) { receipt } }", json!({ "p": phase })).await;

    let results = format!("/phases/{phase}/results");
    let closed = server.get(&results).await.text().await.unwrap();
    assert!(closed.contains("The results are not public"), "{closed}");
    let boss = server.cookie_for("boss@example.org").await;
    let provisional = server.get_as(&boss, &results).await.text().await.unwrap();
    assert!(provisional.contains("These results are provisional"), "{provisional}");
    assert!(provisional.contains("€600") && provisional.contains("<svg class=\"chart\""), "{provisional}");

    // The vote ends: the tallies, the final hash and the ballot file are everyone's.
    let update = "mutation($id: ID!, $s: DateTime!, $e: DateTime) { updatePhase(id: $id, input: { title: { en: \"Vote\" }, method: \"voting\", startAt: $s, endAt: $e }) { id } }";
    let now = chrono::Utc::now();
    let r = server
        .graphql_as(
            &admin,
            update,
            json!({ "id": phase, "s": now - chrono::Duration::days(4), "e": now - chrono::Duration::hours(1) }),
        )
        .await;
    assert!(r.get("errors").is_none(), "{r}");
    let public = server.get(&results).await.text().await.unwrap();
    let hash =
        server.graphql("query($p: ID!) { votingResults(phaseId: $p) { finalHash } }", json!({ "p": phase })).await;
    let hash = hash["data"]["votingResults"]["finalHash"].as_str().unwrap().to_owned();
    assert!(public.contains(&hash) && !public.contains("provisional"), "{public}");
    assert!(public.contains("Benches") && public.contains("Trees"));
    let project = server.get("/projects/parks").await.text().await.unwrap();
    assert!(project.contains(&format!("href=\"&#x2f;phases&#x2f;{phase}&#x2f;results\"")), "{project}");
    assert_eq!(server.get(&format!("/phases/{phase}/ballots.jsonl")).await.status(), 200);
    assert_eq!(server.get("/phases/999999/results").await.status(), 404);
}
