// SPDX-License-Identifier: AGPL-3.0-only
//! Votes are final (issue #9), tried from outside as an auditor would, on every database: a
//! phase with ballots cannot be deleted (GraphQL and back office) or reopened, it is sealed when
//! it ends and the seal shows on every surface, `townhall check` holds the chain to its seal,
//! and deleting an account then signing up again gives no second counted ballot.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use chrono::{Duration, Utc};
use common::*;
use serde_json::{Value, json};

const UPDATE: &str = "mutation($id: ID!, $s: DateTime!, $e: DateTime) { updatePhase(id: $id, input: { title: { en: \"Vote\" }, method: \"voting\", startAt: $s, endAt: $e }) { id } }";
const RESULTS: &str =
    "query($p: ID!) { votingResults(phaseId: $p) { ballots finalHash ended seal { finalHash entries sealedAt } } }";

async fn start_of(server: &TestServer, phase: &str) -> Value {
    let read = server.graphql("{ project(slug: \"parks\") { id phases { id startAt } } }", Value::Null).await;
    let phases = read["data"]["project"]["phases"].as_array().unwrap().clone();
    phases.iter().find(|p| p["id"] == phase).unwrap()["startAt"].clone()
}

#[tokio::test]
async fn a_vote_with_ballots_is_not_deleted_nor_reopened_and_its_seal_shows_everywhere() {
    for db in backends() {
        let server = TestServer::start(&db).await;
        server.make_admin("boss@example.org");
        server.register("ana@example.org", "Ana").await;
        let admin = server.login("boss@example.org", PASSWORD).await.unwrap();
        let ana = server.login("ana@example.org", PASSWORD).await.unwrap();
        let (phase, ideas) = budgeting(&server, &admin, &ana).await;
        let receipt = cast_ballot(&server, &ana, &phase, &[&ideas[0], &ideas[2]]).await;
        let receipt = receipt["data"]["submitBasket"]["receipt"].as_str().unwrap().to_owned();
        let project = server.graphql("{ project(slug: \"parks\") { id } }", Value::Null).await["data"]["project"]["id"]
            .as_str()
            .unwrap()
            .to_owned();
        let start = start_of(&server, &phase).await;

        // Deleted: refused through GraphQL and the back office, with a way out.
        let deleted =
            server.graphql_as(&admin, "mutation($p: ID!) { deletePhase(id: $p) }", json!({ "p": phase })).await;
        assert_eq!(error_code(&deleted), "votes_exist", "{}: {deleted}", db.name());
        let boss = server.cookie_for("boss@example.org").await;
        let page = server.post_form(&boss, &format!("/admin/projects/{project}/phases/{phase}/delete"), &[]).await;
        let page = page.text().await.unwrap();
        assert!(page.contains("Archive the project instead"), "{page}");

        // Closed now: sealed in the same step; then neither reopened nor hidden.
        let closed = server.graphql_as(&admin, UPDATE, json!({ "id": phase, "s": start, "e": Utc::now() })).await;
        assert!(closed.get("errors").is_none(), "{closed}");
        let results = server.graphql_as(&ana, RESULTS, json!({ "p": phase })).await;
        let results = &results["data"]["votingResults"];
        assert_eq!(results["seal"]["finalHash"], results["finalHash"], "{results}");
        assert_eq!(results["seal"]["entries"], 1);
        let final_hash = results["finalHash"].as_str().unwrap().to_owned();
        for end in [Value::Null, json!(Utc::now() + Duration::days(7))] {
            let reopened = server.graphql_as(&admin, UPDATE, json!({ "id": phase, "s": start, "e": end })).await;
            assert_eq!(error_code(&reopened), "voting_dates_locked", "{}: {reopened}", db.name());
        }
        let hide = "mutation($id: ID!, $s: JSON!) { updatePhaseSettings(id: $id, settings: $s) { id } }";
        let hidden = server.graphql_as(&admin, hide, json!({ "id": phase, "s": { "results_public": false } })).await;
        assert_eq!(error_code(&hidden), "results_stay_public", "{hidden}");
        let late = server.graphql_as(&ana, SUBMIT_BASKET, json!({ "p": phase })).await;
        assert_eq!(error_code(&late), "phase_not_active", "{late}");

        // Archived, the results and the ballot file stay; the file says it is sealed and the
        // offline verifier agrees with the published hash.
        let archived = server
            .graphql_as(&admin, "mutation($p: ID!) { archiveProject(id: $p) { status } }", json!({ "p": project }))
            .await;
        assert_eq!(archived["data"]["archiveProject"]["status"], "archived", "{archived}");
        let page = server.get(&format!("/phases/{phase}/results")).await.text().await.unwrap();
        assert!(page.contains("The vote is sealed") && page.contains(&final_hash), "{page}");
        let file = server.get(&format!("/phases/{phase}/ballots.jsonl")).await.text().await.unwrap();
        assert!(file.lines().next().unwrap().contains("\"sealed_at\""), "{file}");
        let path = server.dir.path().join("ballots.jsonl");
        std::fs::write(&path, &file).unwrap();
        let checked = cli(
            server.dir.path(),
            &["verify-results", path.to_str().unwrap(), "--final-hash", &final_hash, "--receipt", &receipt],
            &[],
        );
        let said = text(&checked.stdout);
        assert!(checked.status.success() && said.contains("sealed at") && said.contains("counted"), "{said}");
        let check = cli(server.dir.path(), &["--database-url", &server.database_url, "check"], &[]);
        assert!(check.status.success(), "{}{}", text(&check.stdout), text(&check.stderr));
        assert!(
            text(&check.stdout).contains("voting chains: 1 checked, 1 counted ballots, 0 problems"),
            "{}",
            text(&check.stdout)
        );
        let json = cli(server.dir.path(), &["--database-url", &server.database_url, "check", "--json"], &[]);
        let report: serde_json::Value = serde_json::from_str(&text(&json.stdout)).unwrap();
        let chains = report["checks"].as_array().unwrap().iter().find(|c| c["name"] == "voting chains").unwrap();
        assert_eq!((&report["sound"], &chains["counted"]), (&json!(true), &json!(1)), "{report}");

        // The database itself refuses what the services refuse.
        for forbidden in [
            format!("DELETE FROM phases WHERE id = {phase}"),
            format!("DELETE FROM projects WHERE id = {project}"),
            format!("UPDATE ballot_chain SET ballot = '[]' WHERE phase_id = {phase}"),
            format!("UPDATE phases SET end_at = NULL WHERE id = {phase}"),
            format!("DELETE FROM voting_seals WHERE phase_id = {phase}"),
        ] {
            let refused = server.try_sql(&forbidden).await;
            assert!(refused.is_err(), "{}: the database allowed {forbidden}", db.name());
        }
    }
}

async fn ballots(server: &TestServer, admin: &str, phase: &str) -> Value {
    server.graphql_as(admin, RESULTS, json!({ "p": phase })).await["data"]["votingResults"]["ballots"].clone()
}

#[tokio::test]
async fn signing_up_again_gives_no_second_ballot() {
    for db in backends() {
        let server = TestServer::start(&db).await;
        server.make_admin("boss@example.org");
        server.register("author@example.org", "Author").await;
        let admin = server.login("boss@example.org", PASSWORD).await.unwrap();
        let author = server.login("author@example.org", PASSWORD).await.unwrap();
        let (phase, ideas) = budgeting(&server, &admin, &author).await;

        for content in ["DELETE", "ANONYMIZE"] {
            server.register("ana@example.org", "Ana").await;
            server.confirm_email("ana@example.org").await;
            let ana = server.login("ana@example.org", PASSWORD).await.unwrap();
            assert!(cast_ballot(&server, &ana, &phase, &[&ideas[1]]).await.get("errors").is_none());
            let gone = format!("mutation($p: String!) {{ deleteMyAccount(password: $p, content: {content}) }}");
            let gone = server.graphql_as(&ana, &gone, json!({ "p": PASSWORD })).await;
            assert_eq!(gone["data"]["deleteMyAccount"], true, "{gone}");
            assert_eq!(ballots(&server, &admin, &phase).await, 1, "the ballot of a deleted account still counts");

            // Back with the same address: unconfirmed, it cannot vote again; confirmed, its
            // ballot replaces the old one.
            server.register("ana@example.org", "Ana again").await;
            let back = server.login("ana@example.org", PASSWORD).await.unwrap();
            let refused = cast_ballot(&server, &back, &phase, &[&ideas[0], &ideas[2]]).await;
            assert_eq!(error_code(&refused), "confirm_email_to_vote", "{}: {refused}", db.name());
            server.confirm_email("ana@example.org").await;
            let again = server.graphql_as(&back, SUBMIT_BASKET, json!({ "p": phase })).await;
            assert!(again.get("errors").is_none(), "{again}");
            assert_eq!(ballots(&server, &admin, &phase).await, 1, "{} {content}: one person, one ballot", db.name());
            let gone = "mutation($p: String!) { deleteMyAccount(password: $p, content: DELETE) }";
            server.graphql_as(&back, gone, json!({ "p": PASSWORD })).await;
        }
        let totals = server
            .graphql_as(
                &admin,
                "query($p: ID!) { votingResults(phaseId: $p) { ideas { ideaId votes } } }",
                json!({ "p": phase }),
            )
            .await;
        let votes: Vec<(String, i64)> = totals["data"]["votingResults"]["ideas"]
            .as_array()
            .unwrap()
            .iter()
            .map(|i| (i["ideaId"].as_str().unwrap().to_owned(), i["votes"].as_i64().unwrap()))
            .collect();
        assert_eq!(votes, vec![(ideas[0].clone(), 1), (ideas[2].clone(), 1)], "{}", db.name());
        let check = cli(server.dir.path(), &["--database-url", &server.database_url, "check"], &[]);
        assert!(check.status.success(), "{}{}", text(&check.stdout), text(&check.stderr));
    }
}
