// SPDX-License-Identifier: AGPL-3.0-only
//! Open data (issue #15), fetched from outside as a city's open-data portal would, on every
//! database: the datasets hold the public content and nothing else (no private or draft
//! project, no hidden or draft idea, no one's name or e-mail address); CSV and JSON parse and
//! have exactly the dictionary's fields; a vote's results appear once it has ended with public
//! results; a list longer than a page is complete, and `townhall open-data` writes the same
//! files; unknown files are the not-found page.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use chrono::{Duration, Utc};
use common::*;
use serde_json::{Value, json};
use townhall_core::open_data::{Dataset, Format, PAGE_ROWS};

fn str_of(v: &Value) -> String {
    v.as_str().unwrap_or_else(|| panic!("not a string: {v}")).to_owned()
}

/// A published project `slug` with a running ideation phase: (project id, phase id).
async fn ideation_project(server: &TestServer, admin: &str, slug: &str, title: &str) -> (String, String) {
    let create = "mutation($s: String!, $t: String!) { createProject(input: { slug: $s, title: { en: $t, nl: \"NL\" } }) { id } }";
    let project = str_of(&server.data_as(admin, create, json!({ "s": slug, "t": title }), "createProject").await["id"]);
    let phase = "mutation($p: ID!, $s: DateTime!) { createPhase(projectId: $p, input: { title: { en: \"Ideas\" }, method: \"ideation\", startAt: $s }) { id } }";
    let vars = json!({ "p": project, "s": Utc::now() - Duration::days(1) });
    let phase = str_of(&server.data_as(admin, phase, vars, "createPhase").await["id"]);
    server
        .data_as(
            admin,
            "mutation($p: ID!) { publishProject(id: $p) { status } }",
            json!({ "p": project }),
            "publishProject",
        )
        .await;
    (project, phase)
}

async fn post_idea(server: &TestServer, token: &str, phase: &str, title: &str, draft: bool) -> String {
    let post = "mutation($ph: ID!, $t: String!, $d: Boolean) { postIdea(phaseId: $ph, title: $t, body: \"<p>Shade &amp; <b>benches</b></p>\", draft: $d) { id } }";
    str_of(&server.data_as(token, post, json!({ "ph": phase, "t": title, "d": draft }), "postIdea").await["id"])
}

/// Every dataset of the compiled-in modules, in the registry's order.
fn all() -> Vec<Dataset> {
    townhall_server::editions::modules().iter().flat_map(|m| m.open_datasets()).collect()
}

/// The dataset named `name`.
fn ds(name: &str) -> Dataset {
    all().into_iter().find(|d| d.as_str() == name).expect("a dataset of that name")
}

/// A download: its text, after checking the answer's status and headers.
async fn fetch(server: &TestServer, dataset: &Dataset, format: Format) -> String {
    let name = format!("{}.{}", dataset.as_str(), format.extension());
    let answer = server.get(&format!("/open-data/{name}")).await;
    assert_eq!(answer.status(), 200, "{name}");
    let header = |h: &str| answer.headers().get(h).and_then(|v| v.to_str().ok()).unwrap_or("").to_owned();
    assert_eq!(header("content-type"), format.content_type(), "{name}");
    assert_eq!(header("content-disposition"), format!("attachment; filename=\"{name}\""));
    assert_eq!(header("cache-control"), "public, max-age=300", "{name}");
    answer.text().await.unwrap()
}

fn field_names(dataset: &Dataset) -> Vec<&'static str> {
    dataset.fields().iter().map(|f| f.name).collect()
}

/// The CSV's rows as maps from field to text, after checking its header is the dictionary's.
fn csv_rows(dataset: &Dataset, text: &str) -> Vec<std::collections::HashMap<String, String>> {
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header: Vec<String> = reader.headers().unwrap().iter().map(str::to_owned).collect();
    assert_eq!(header, field_names(dataset), "{}", dataset.as_str());
    reader
        .records()
        .map(|r| {
            let record = r.unwrap();
            assert_eq!(record.len(), header.len());
            header.iter().cloned().zip(record.iter().map(str::to_owned)).collect()
        })
        .collect()
}

/// The JSON's objects, after checking each has exactly the dictionary's fields.
fn json_rows(dataset: &Dataset, text: &str) -> Vec<Value> {
    let parsed: Value = serde_json::from_str(text).unwrap_or_else(|e| panic!("{}: {e}: {text}", dataset.as_str()));
    let rows = parsed.as_array().unwrap_or_else(|| panic!("an array: {text}")).clone();
    let mut expected = field_names(dataset);
    expected.sort_unstable();
    for row in &rows {
        let mut keys: Vec<&str> = row.as_object().unwrap().keys().map(String::as_str).collect();
        keys.sort_unstable();
        assert_eq!(keys, expected, "{}: {row}", dataset.as_str());
    }
    rows
}

#[tokio::test]
async fn only_public_content_goes_out_with_the_dictionarys_fields() {
    for db in backends() {
        let server = TestServer::start(&db).await;
        server.make_admin("boss@example.org");
        server.register("zelda.q7731@example.org", "Zelda Quixotefield").await;
        let admin = server.login("boss@example.org", PASSWORD).await.unwrap();
        let zelda = server.login("zelda.q7731@example.org", PASSWORD).await.unwrap();
        let boss = server.cookie_for("boss@example.org").await;

        let (parks, phase) = ideation_project(&server, &admin, "parks", "Greener parks").await;
        let shade = post_idea(&server, &zelda, &phase, "Shade trees", false).await;
        let comment = "mutation($i: ID!) { postComment(ideaId: $i, body: \"Yes please\") { id } }";
        server.data_as(&zelda, comment, json!({ "i": shade }), "postComment").await;
        let hidden = post_idea(&server, &zelda, &phase, "Hiddenidea Wombat", false).await;
        let hide = "mutation($id: ID!) { hideContent(targetType: \"idea\", targetId: $id, reason: \"Off topic\") }";
        server.data_as(&admin, hide, json!({ "id": hidden }), "hideContent").await;
        post_idea(&server, &zelda, &phase, "Draftidea Narwhal", true).await;

        // A project turned to administrators only after an idea was posted in it, and a
        // project never published.
        let (vault, vault_phase) = ideation_project(&server, &admin, "vault", "Vaultproject Okapi").await;
        post_idea(&server, &zelda, &vault_phase, "Vaultidea Pangolin", false).await;
        let form = [("title_en", "Vaultproject Okapi"), ("slug", "vault"), ("visibility", "admins")];
        let changed = server.post_form(&boss, &format!("/admin/projects/{vault}"), &form).await;
        assert_eq!(changed.status(), 303, "{}", changed.text().await.unwrap());
        let create =
            "mutation { createProject(input: { slug: \"later\", title: { en: \"Draftproject Quokka\" } }) { id } }";
        server.data_as(&admin, create, Value::Null, "createProject").await;

        let mut everything = String::new();
        for dataset in &all() {
            let csv = fetch(&server, dataset, Format::Csv).await;
            let json = fetch(&server, dataset, Format::Json).await;
            let (from_csv, from_json) = (csv_rows(dataset, &csv), json_rows(dataset, &json));
            assert_eq!(from_csv.len(), from_json.len(), "{}: {csv}\n{json}", dataset.as_str());
            everything.push_str(&csv);
            everything.push_str(&json);
        }
        for secret in ["zelda", "q7731", "Quixotefield", "Wombat", "Narwhal", "Pangolin", "Okapi", "Quokka", "vault"] {
            assert!(
                !everything.to_lowercase().contains(&secret.to_lowercase()),
                "{}: {secret} in {everything}",
                db.name()
            );
        }
        // No field of any dataset is about a person.
        for dataset in &all() {
            for name in field_names(dataset) {
                for personal in ["user", "author", "email", "name", "voter_id"] {
                    assert!(!name.contains(personal), "{}.{name}", dataset.as_str());
                }
            }
        }

        let projects = json_rows(&ds("projects"), &fetch(&server, &ds("projects"), Format::Json).await);
        assert_eq!(projects.len(), 1, "{}: {projects:?}", db.name());
        assert_eq!(projects[0]["id"], parks.parse::<i64>().unwrap());
        assert_eq!((&projects[0]["slug"], &projects[0]["title_en"]), (&json!("parks"), &json!("Greener parks")));
        assert_eq!((&projects[0]["title_nl"], &projects[0]["title_fr"]), (&json!("NL"), &Value::Null));
        assert_eq!(projects[0]["status"], "published");
        assert!(projects[0]["url"].as_str().unwrap().ends_with("/projects/parks"), "{}", projects[0]);

        let ideas = json_rows(&ds("ideas"), &fetch(&server, &ds("ideas"), Format::Json).await);
        assert_eq!(ideas.len(), 1, "{}: {ideas:?}", db.name());
        let idea = &ideas[0];
        assert_eq!(idea["id"], shade.parse::<i64>().unwrap());
        assert_eq!(idea["phase_id"], phase.parse::<i64>().unwrap());
        assert_eq!((&idea["title"], &idea["body"]), (&json!("Shade trees"), &json!("Shade & benches")));
        assert_eq!((&idea["comments"], &idea["supports"], &idea["cost"]), (&json!(1), &json!(0), &Value::Null));
        assert_eq!((&idea["status"], &idea["status_category"]), (&json!("proposed"), &json!("proposed")));
        assert!(idea["published_at"].as_str().unwrap().ends_with('Z'), "{idea}");
        let csv = csv_rows(&ds("ideas"), &fetch(&server, &ds("ideas"), Format::Csv).await);
        assert_eq!((csv[0]["id"].as_str(), csv[0]["cost"].as_str()), (shade.as_str(), ""));
        assert_eq!(csv[0]["comments"], "1");

        let phases = json_rows(&ds("phases"), &fetch(&server, &ds("phases"), Format::Json).await);
        assert_eq!(phases.len(), 1, "{phases:?}");
        assert_eq!((&phases[0]["method"], &phases[0]["results_public"]), (&json!("ideation"), &json!(false)));
        assert_eq!(phases[0]["ends_at"], Value::Null);

        // Unknown datasets and formats are the not-found page.
        for path in
            ["/open-data/users.csv", "/open-data/ideas.xml", "/open-data/ideas", "/open-data/.csv", "/open-data/x/y"]
        {
            let answer = server.get(path).await;
            assert_eq!(answer.status(), 404, "{path}");
            assert!(answer.text().await.unwrap().contains("<html"), "{path}: the site's page");
        }
    }
}

#[tokio::test]
async fn the_page_lists_every_dataset_and_field_in_every_language() {
    let server = TestServer::start(&Db::Sqlite).await;
    let home = server.get("/?lang=en").await.text().await.unwrap();
    assert!(home.contains("<a href=\"/open-data\">Open data</a>"), "the footer links the page");
    for (lang, title, meaning) in [
        ("en", "Open data", "How many comments it has."),
        ("nl", "Open data", "Hoeveel reacties het heeft."),
        ("fr", "Données ouvertes", "Combien de commentaires elle a."),
    ] {
        let answer = server.get(&format!("/open-data?lang={lang}")).await;
        assert_eq!(answer.status(), 200, "{lang}");
        let page = answer.text().await.unwrap();
        assert!(page.contains(&format!("<html lang=\"{lang}\"")), "{lang}");
        assert!(page.contains(&format!("<h1 id=\"open-data-title\">{title}</h1>")), "{lang}: {page}");
        assert!(page.contains(meaning), "{lang}: the dictionary in the page's language");
        for dataset in &all() {
            for format in Format::ALL {
                let link = format!("href=\"/open-data/{}.{}\"", dataset.as_str(), format.extension());
                assert!(page.contains(&link), "{lang}: {link}");
            }
            for name in field_names(dataset) {
                assert!(page.contains(&format!("<code>{name}</code>")), "{lang}: {name}");
            }
        }
    }
}

#[tokio::test]
async fn results_appear_once_the_vote_has_ended_with_public_results() {
    for db in backends() {
        let server = TestServer::start(&db).await;
        server.make_admin("boss@example.org");
        server.register("ana@example.org", "Ana").await;
        let admin = server.login("boss@example.org", PASSWORD).await.unwrap();
        let ana = server.login("ana@example.org", PASSWORD).await.unwrap();
        let (phase, ideas) = budgeting(&server, &admin, &ana).await;
        let ballot = cast_ballot(&server, &ana, &phase, &[&ideas[1]]).await;
        assert!(ballot.get("errors").is_none(), "{ballot}");

        // While the vote runs, its results are not out.
        let results = fetch(&server, &ds("voting-results"), Format::Json).await;
        assert_eq!(json_rows(&ds("voting-results"), &results), Vec::<Value>::new(), "{}", db.name());
        let csv = fetch(&server, &ds("voting-results"), Format::Csv).await;
        assert_eq!(csv_rows(&ds("voting-results"), &csv).len(), 0, "{csv}");
        let phases = json_rows(&ds("phases"), &fetch(&server, &ds("phases"), Format::Json).await);
        let vote =
            |phases: &[Value]| phases.iter().find(|p| p["id"] == phase.parse::<i64>().unwrap()).cloned().unwrap();
        assert_eq!(vote(&phases)["results_public"], false);

        let close = "mutation($id: ID!, $s: DateTime!, $e: DateTime) { updatePhase(id: $id, input: { title: { en: \"Vote\" }, method: \"voting\", startAt: $s, endAt: $e }) { id } }";
        let vars = json!({ "id": phase, "s": Utc::now() - Duration::days(4), "e": Utc::now() });
        server.data_as(&admin, close, vars, "updatePhase").await;

        let results = json_rows(&ds("voting-results"), &fetch(&server, &ds("voting-results"), Format::Json).await);
        let expected = json!([{
            "phase_id": phase.parse::<i64>().unwrap(), "voting_method": "budgeting",
            "idea_id": ideas[1].parse::<i64>().unwrap(), "rank": 1, "votes": 1, "voters": 1, "within_budget": true,
        }]);
        assert_eq!(Value::Array(results), expected, "{}", db.name());
        let csv = csv_rows(&ds("voting-results"), &fetch(&server, &ds("voting-results"), Format::Csv).await);
        assert_eq!((csv.len(), csv[0]["within_budget"].as_str()), (1, "true"));
        let phases = json_rows(&ds("phases"), &fetch(&server, &ds("phases"), Format::Json).await);
        assert_eq!(vote(&phases)["results_public"], true, "{}", db.name());
        assert_eq!(vote(&phases)["method"], "voting");
    }
}

#[tokio::test]
async fn a_list_longer_than_a_page_is_complete_and_in_order() {
    for db in backends() {
        let server = TestServer::start(&db).await;
        server.make_admin("boss@example.org");
        server.register("ana@example.org", "Ana").await;
        let admin = server.login("boss@example.org", PASSWORD).await.unwrap();
        let ana = server.login("ana@example.org", PASSWORD).await.unwrap();
        let (_, phase) = ideation_project(&server, &admin, "parks", "Parks").await;
        let first = post_idea(&server, &ana, &phase, "Bulk 0", false).await;
        // Copies of that idea, more than two pages of them.
        let more = 2 * PAGE_ROWS + 7;
        let columns = "project_id, phase_id, author_id, title, body, status, reactions_up, reactions_down, \
            comments_count, created_at, updated_at, trending_score, area_id, location_lat, location_lng, \
            location_address, search_text, published_at, cost, hidden_at, hidden_reason";
        let copied = columns.replace("title,", "'Bulk ' || n.i,");
        server
            .execute_sql(&format!(
                "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {more}) \
                 INSERT INTO ideas ({columns}) SELECT {copied} FROM n, ideas WHERE ideas.id = {first}"
            ))
            .await;
        let total = more as usize + 1;
        let json = json_rows(&ds("ideas"), &fetch(&server, &ds("ideas"), Format::Json).await);
        let csv = csv_rows(&ds("ideas"), &fetch(&server, &ds("ideas"), Format::Csv).await);
        assert_eq!((json.len(), csv.len()), (total, total), "{}", db.name());
        let ids: Vec<i64> = json.iter().map(|i| i["id"].as_i64().unwrap()).collect();
        assert!(ids.windows(2).all(|w| w[0] < w[1]), "ascending, each once");
        let csv_ids: Vec<i64> = csv.iter().map(|r| r["id"].parse().unwrap()).collect();
        assert_eq!(ids, csv_ids);
        let mut titles: Vec<&str> = json.iter().map(|i| i["title"].as_str().unwrap()).collect();
        titles.sort_unstable();
        titles.dedup();
        assert_eq!(titles.len(), total, "every copy once");

        // The command line writes the same files, with progress per file.
        let out = server.dir.path().join("open-data");
        let (url, base) = (server.database_url.as_str(), server.base.as_str());
        let args = ["--database-url", url, "--base-url", base, "open-data", "--out", out.to_str().unwrap()];
        let written = cli(server.dir.path(), &args, &[]);
        let stderr = text(&written.stderr);
        assert!(written.status.success(), "{stderr}");
        assert!(stderr.contains(&format!("open data ideas.csv: {total}/{total} (100%)")), "{stderr}");
        assert!(stderr.contains(&format!("wrote {total} rows to ")), "{stderr}");
        for dataset in &all() {
            for format in Format::ALL {
                let name = format!("{}.{}", dataset.as_str(), format.extension());
                let file = std::fs::read_to_string(out.join(&name)).unwrap();
                assert_eq!(file, fetch(&server, dataset, format).await, "{}: {name}", db.name());
            }
        }
        assert!(!std::fs::read_dir(&out).unwrap().any(|f| f.unwrap().path().to_string_lossy().ends_with(".partial")));
    }
}

#[tokio::test]
async fn poll_totals_appear_once_the_poll_has_ended_with_public_results() {
    for db in backends() {
        let server = TestServer::start(&db).await;
        server.make_admin("boss@example.org");
        server.register("ana@example.org", "Ana").await;
        let admin = server.cookie_for("boss@example.org").await;
        let (project, phase) = poll_project(&server, &admin).await;
        let add = format!("/admin/projects/{project}/phases/{phase}/poll");
        let question = [("title", "Which day?"), ("kind", "single"), ("options", "Saturday\nSunday\n")];
        assert_eq!(server.post_form(&admin, &add, &question).await.status(), 303);
        let read = server
            .graphql("query($p: ID!) { poll(phaseId: $p) { questions { id options { id } } } }", json!({ "p": phase }))
            .await;
        let q = &read["data"]["poll"]["questions"][0];
        let (question, sunday) = (str_of(&q["id"]), str_of(&q["options"][1]["id"]));
        let ana = server.cookie_for("ana@example.org").await;
        let answered =
            server.post_form(&ana, &format!("/phases/{phase}/poll"), &[(&format!("q{question}"), &sunday)]).await;
        assert_eq!(answered.status(), 303);
        let settings = [("results_public", "on")];
        let r =
            server.post_form(&admin, &format!("/admin/projects/{project}/phases/{phase}/settings"), &settings).await;
        assert_eq!(r.status(), 303);

        // While the poll runs, its totals are not out.
        let running = fetch(&server, &ds("poll-results"), Format::Json).await;
        assert_eq!(json_rows(&ds("poll-results"), &running), Vec::<Value>::new(), "{}", db.name());

        let token = server.login("boss@example.org", PASSWORD).await.unwrap();
        let end = "mutation($id: ID!, $s: DateTime!, $e: DateTime) { updatePhase(id: $id, input: { title: { en: \"Your opinion\" }, method: \"poll\", startAt: $s, endAt: $e }) { id } }";
        let vars = json!({ "id": phase, "s": Utc::now() - Duration::days(3), "e": Utc::now() - Duration::minutes(5) });
        server.data_as(&token, end, vars, "updatePhase").await;

        let rows = json_rows(&ds("poll-results"), &fetch(&server, &ds("poll-results"), Format::Json).await);
        let pick = |row: &Value| (row["option_en"].as_str().unwrap().to_owned(), row["votes"].as_i64().unwrap());
        let totals: Vec<(String, i64)> = rows.iter().map(pick).collect();
        assert_eq!(totals, [("Saturday".to_owned(), 0), ("Sunday".to_owned(), 1)], "{}: {rows:?}", db.name());
        assert_eq!((&rows[1]["question_en"], &rows[1]["responses"]), (&json!("Which day?"), &json!(1)));
        assert_eq!(rows[1]["phase_id"], phase.parse::<i64>().unwrap());
        let csv = csv_rows(&ds("poll-results"), &fetch(&server, &ds("poll-results"), Format::Csv).await);
        assert_eq!((csv.len(), csv[1]["votes"].as_str(), csv[1]["option_nl"].as_str()), (2, "1", ""));
    }
}
