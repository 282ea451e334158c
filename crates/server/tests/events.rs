// SPDX-License-Identifier: AGPL-3.0-only
//! Events: 200 residents racing for 150 places on every database, the pages and calendars.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use chrono::{Duration, Utc};
use common::*;
use serde_json::{Value, json};

#[tokio::test]
async fn two_hundred_residents_race_for_the_last_places() {
    for db in backends() {
        // 200 residents with one password, written by `seed --scale` (sign-ups are throttled).
        let dir = tempfile::tempdir().unwrap();
        let url = fresh_database(&db, dir.path()).await;
        let seeded =
            cli(dir.path(), &["--database-url", &url, "seed", "--scale", "400", "--password", PASSWORD, "--json"], &[]);
        assert!(seeded.status.success(), "{}", text(&seeded.stderr));
        let report: Value = serde_json::from_slice(&seeded.stdout).unwrap();
        let prefix = report["email_prefix"].as_str().unwrap().to_owned();
        let server = TestServer::start_in(dir, url, Options::default()).await;
        server.make_admin("boss@example.org");
        let admin = server.login("boss@example.org", PASSWORD).await.unwrap();
        let project = server
            .graphql_as(
                &admin,
                "mutation { createProject(input: { slug: \"meet\", title: { en: \"Meet\" } }) { id } }",
                Value::Null,
            )
            .await["data"]["createProject"]["id"]
            .clone();
        server
            .graphql_as(&admin, "mutation($p: ID!) { publishProject(id: $p) { status } }", json!({ "p": project }))
            .await;
        let create = "mutation($p: ID!, $s: DateTime!, $e: DateTime!) { createEvent(projectId: $p, title: { en: \"Walk\" }, startsAt: $s, endsAt: $e, capacity: 150) }";
        let start = Utc::now() + Duration::days(3);
        let event = server
            .graphql_as(&admin, create, json!({ "p": project, "s": start, "e": start + Duration::hours(2) }))
            .await;
        let event = event["data"]["createEvent"].as_str().unwrap_or_else(|| panic!("{event}")).to_owned();

        let mut logins = tokio::task::JoinSet::new();
        for n in 0..200 {
            let client = server.graphql_client();
            let email = format!("{prefix}{n}@example.invalid");
            logins.spawn(async move {
                let q = "mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }";
                client.run("", q, json!({ "e": email, "p": PASSWORD })).await["data"]["login"]["token"]
                    .as_str()
                    .unwrap()
                    .to_owned()
            });
        }
        let tokens: Vec<String> = logins.join_all().await;
        let mut race = tokio::task::JoinSet::new();
        for token in tokens {
            let (client, event) = (server.graphql_client(), event.clone());
            race.spawn(async move {
                client
                    .run(
                        &token,
                        "mutation($e: ID!) { registerForEvent(eventId: $e) { registered } }",
                        json!({ "e": event }),
                    )
                    .await
            });
        }
        let answers = race.join_all().await;
        let taken = answers.iter().filter(|a| a.get("errors").is_none()).count();
        let full = answers.iter().filter(|a| a["errors"][0]["extensions"]["code"] == "event_full").count();
        assert_eq!((taken, full), (150, 50), "{}: every request is either a place or `event_full`", db.name());
        let listed = server
            .graphql("query($p: ID!) { events(projectId: $p) { registered capacity } }", json!({ "p": project }))
            .await;
        assert_eq!(listed["data"]["events"][0]["registered"], 150, "{} the counter equals the places taken", db.name());
    }
}

#[tokio::test]
async fn events_have_pages_and_calendars() {
    let server = TestServer::start(&Db::Sqlite).await;
    server.make_admin("boss@example.org");
    server.register("ana@example.org", "Ana").await;
    let admin = server.cookie_for("boss@example.org").await;
    let project = project_through_forms(&server, &admin, "Parks", "Benches").await;
    let start = (Utc::now() + Duration::days(3)).format("%Y-%m-%dT10:00").to_string();
    let end = (Utc::now() + Duration::days(3)).format("%Y-%m-%dT12:00").to_string();
    let form = [
        ("title", "Tree planting"),
        ("starts_at", start.as_str()),
        ("ends_at", end.as_str()),
        ("location", "North park"),
        ("capacity", "1"),
    ];
    assert_eq!(server.post_form(&admin, &format!("/admin/projects/{project}/events"), &form).await.status(), 303);
    let wrong = [("title", "Backwards"), ("starts_at", end.as_str()), ("ends_at", start.as_str())];
    let page =
        server.post_form(&admin, &format!("/admin/projects/{project}/events"), &wrong).await.text().await.unwrap();
    assert!(page.contains("The end must come after the start") || page.contains("role=\"alert\""), "{page}");

    let upcoming = server.get("/events").await.text().await.unwrap();
    assert!(upcoming.contains("Tree planting") && upcoming.contains("Sign in to register."), "{upcoming}");
    let ana = server.cookie_for("ana@example.org").await;
    let r =
        server.post_form(&ana, "/events/1/register", &[("register", "yes"), ("back", "/projects/parks#events")]).await;
    assert_eq!(r.headers()["location"], "/projects/parks#events");
    let mine = server.get_as(&ana, "/projects/parks").await.text().await.unwrap();
    assert!(mine.contains("1 of 1 places taken") && mine.contains("Cancel my registration"), "{mine}");
    let full = server.get_as(&admin, "/events").await.text().await.unwrap();
    assert!(full.contains(">Full<"), "{full}");

    let ics = server.get("/events/1/calendar.ics").await;
    assert_eq!(ics.headers()["content-type"], "text/calendar; charset=utf-8");
    let ics = ics.text().await.unwrap();
    assert!(ics.contains("SUMMARY:Tree planting") && ics.contains("LOCATION:North park"), "{ics}");
    assert!(server.get("/projects/parks/events.ics").await.text().await.unwrap().contains("BEGIN:VEVENT"));
}

#[tokio::test]
async fn dates_are_read_and_shown_in_the_organisations_time_zone() {
    let server = TestServer::start(&Db::Sqlite).await;
    server.make_admin("boss@example.org");
    let admin = server.cookie_for("boss@example.org").await;
    let settings = [("name", "Townhall"), ("time_zone", "Mars/Olympus")];
    let refused = server.post_form(&admin, "/admin/settings", &settings).await.text().await.unwrap();
    assert!(refused.contains("Enter a time zone such as Europe&#x2f;Brussels."), "{refused}");
    let settings = [("name", "Townhall"), ("time_zone", "Europe/Brussels")];
    assert_eq!(server.post_form(&admin, "/admin/settings", &settings).await.status(), 303);
    let read = server.graphql("{ platform { timeZone currency } }", Value::Null).await;
    assert_eq!(read["data"]["platform"]["timeZone"], "Europe/Brussels");
    assert_eq!(read["data"]["platform"]["currency"], "EUR");
    let refused = server.post_form(&admin, "/admin/settings", &[("name", "Townhall"), ("currency", "euro")]).await;
    assert!(refused.text().await.unwrap().contains("Enter a currency as three capital letters"));
    let token = server.login("boss@example.org", PASSWORD).await.unwrap();
    let set = "mutation { updatePlatformSettings(input: { currency: \"chf\" }) { currency timeZone } }";
    let read = server.graphql_as(&token, set, Value::Null).await;
    assert_eq!(read["data"]["updatePlatformSettings"], json!({ "currency": "CHF", "timeZone": "Europe/Brussels" }));

    // A phase typed as 1 to 31 December runs from local midnight to local midnight.
    let r = server.post_form(&admin, "/admin/projects", &[("title_en", "Winter"), ("slug", "winter")]).await;
    let location = r.headers()["location"].to_str().unwrap().to_owned();
    let phase = [("phase_title_en", "Ideas"), ("method", "ideation"), ("start", "2030-12-01"), ("end", "2030-12-31")];
    assert_eq!(server.post_form(&admin, &format!("{location}/phases"), &phase).await.status(), 303);
    server.post_form(&admin, &format!("{location}/status"), &[("status", "published")]).await;
    let read = server.graphql("{ project(slug: \"winter\") { phases { startAt endAt } } }", Value::Null).await;
    let phase = &read["data"]["project"]["phases"][0];
    assert_eq!(
        (phase["startAt"].as_str().unwrap(), phase["endAt"].as_str().unwrap()),
        ("2030-11-30T23:00:00+00:00", "2030-12-31T23:00:00+00:00"),
        "{read}"
    );
    let page = server.get("/projects/winter").await.text().await.unwrap();
    assert!(page.contains("2030-12-01") && page.contains("2030-12-31"), "{page}");

    // The event form says in which zone its times are read (it said UTC and read Brussels).
    let form_page = server.get_as(&admin, &location).await.text().await.unwrap();
    assert!(form_page.contains("Starts (Europe&#x2f;Brussels time)") && !form_page.contains("(UTC)"), "{form_page}");
    // An event at 18:00 in Brussels is 17:00 UTC in winter; its calendar file says so.
    let project = location.rsplit('/').next().unwrap();
    let form = [
        ("title", "Winter walk"),
        ("starts_at", "2030-12-05T18:00"),
        ("ends_at", "2030-12-05T20:00"),
        ("location", "Square"),
    ];
    assert_eq!(server.post_form(&admin, &format!("/admin/projects/{project}/events"), &form).await.status(), 303);
    let page = server.get("/events").await.text().await.unwrap();
    assert!(page.contains("2030-12-05 18:00 CET"), "{page}");
    let ics = server.get("/projects/winter/events.ics").await.text().await.unwrap();
    assert!(ics.contains("DTSTART:20301205T170000Z"), "{ics}");
}
