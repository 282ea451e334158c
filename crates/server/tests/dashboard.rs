// SPDX-License-Identifier: AGPL-3.0-only
//! The dashboard over the demo town on every database: the page, GraphQL, and who sees what.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::*;
use serde_json::{Value, json};

#[tokio::test]
async fn staff_see_the_towns_activity() {
    for db in backends() {
        let dir = tempfile::tempdir().unwrap();
        let url = fresh_database(&db, dir.path()).await;
        let seeded = cli(dir.path(), &["--database-url", &url, "seed", "--demo", "--password", PASSWORD], &[]);
        assert!(seeded.status.success(), "{}", text(&seeded.stderr));
        let server = TestServer::start_in(dir, url, Options::default()).await;
        server.make_admin("boss@example.org");
        let boss = server.login("boss@example.org", PASSWORD).await.unwrap();
        let query = "query($p: ID) { dashboard(projectId: $p) { bucket activeParticipants activeParticipantsSeries { date count } series { metric total points { date count } } projects { projectId participants } mostActiveIdeas { title activity } } }";
        let read = server.graphql_as(&boss, query, json!({ "p": Value::Null })).await;
        let d = &read["data"]["dashboard"];
        assert_eq!(d["bucket"], "day", "{read}");
        assert_eq!(d["activeParticipants"], 8, "{} {read}", db.name());
        let total =
            |m: &str| d["series"].as_array().unwrap().iter().find(|s| s["metric"] == m).unwrap()["total"].clone();
        assert_eq!(total("votes"), 6);
        assert_eq!(total("survey_responses"), 6);
        assert_eq!(total("registrations"), 9, "eight residents and the administrator");
        assert_eq!(d["series"][0]["points"].as_array().unwrap().len(), 30);
        let people: Vec<i64> =
            d["activeParticipantsSeries"].as_array().unwrap().iter().map(|p| p["count"].as_i64().unwrap()).collect();
        assert_eq!(people.len(), 30);
        assert!(people.iter().all(|n| *n <= 8) && people.iter().sum::<i64>() >= 8, "{people:?}");
        // Over a long range, distinct people per week (the query each database buckets itself).
        let to = chrono::Utc::now().date_naive();
        let long = "query($f: NaiveDate!, $t: NaiveDate!) { dashboard(from: $f, to: $t) { bucket activeParticipants activeParticipantsSeries { date count } } }";
        let read = server.graphql_as(&boss, long, json!({ "f": to - chrono::Duration::days(400), "t": to })).await;
        let weeks = &read["data"]["dashboard"];
        assert_eq!(weeks["bucket"], "week", "{read}");
        let per_week: Vec<i64> = weeks["activeParticipantsSeries"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["count"].as_i64().unwrap())
            .collect();
        assert!(per_week.iter().all(|n| *n <= 8) && per_week.iter().sum::<i64>() >= 8, "{} {per_week:?}", db.name());
        assert!(per_week.iter().sum::<i64>() >= weeks["activeParticipants"].as_i64().unwrap(), "{}", db.name());
        assert!(d["mostActiveIdeas"].as_array().is_some_and(|l| !l.is_empty()));

        let cookie = server.cookie_for("boss@example.org").await;
        let page = server.get_as(&cookie, "/admin/dashboard").await.text().await.unwrap();
        assert!(page.contains("Baskets submitted") && page.contains("chart-columns"), "{page}");
        assert!(page.contains("id=\"series-participants\""), "the people taking part have a chart");
        assert!(page.contains("Participation per project"));
        let refused =
            server.get_as(&cookie, "/admin/dashboard?from=2026-05-01&to=2026-04-01").await.text().await.unwrap();
        assert!(refused.contains("Choose a range of 1 day to 3 years"), "{refused}");
        let resident = server.cookie_for("omar.haddad@demo.example").await;
        assert_eq!(server.get_as(&resident, "/admin/dashboard").await.status(), 403);
        let omar = server.login("omar.haddad@demo.example", PASSWORD).await.unwrap();
        let denied = server.graphql_as(&omar, query, json!({ "p": Value::Null })).await;
        assert_eq!(denied["errors"][0]["extensions"]["code"], "forbidden");
    }
}
