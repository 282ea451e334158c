// SPDX-License-Identifier: AGPL-3.0-only
//! XLSX exports (Standard, issue #8): every export of the back office and of `townhall export`
//! also as a workbook, read back here with a spreadsheet reader. Text that looks like a formula
//! stays text; counts are numbers.
#![cfg(feature = "standard")]
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use calamine::{Data, Reader, Xlsx};
use common::*;
use serde_json::{Value, json};
use townhall_license::Plan;

fn sheet(bytes: Vec<u8>) -> Vec<Vec<Data>> {
    let mut book: Xlsx<_> = calamine::open_workbook_from_rs(std::io::Cursor::new(bytes)).unwrap();
    let name = book.sheet_names()[0].clone();
    let range = book.worksheet_range(&name).unwrap();
    range.rows().map(<[Data]>::to_vec).collect()
}

#[tokio::test]
async fn exports_come_as_workbooks_from_the_back_office_and_the_command_line() {
    for db in backends() {
        let key = dev_key(&claims(Plan::Standard, 30));
        let server = TestServer::start_with(&db, Options { license: Some(&key), ..Options::default() }).await;
        server.make_admin("boss@example.org");
        let admin = server.login("boss@example.org", PASSWORD).await.unwrap();
        let phase = open_ideation(&server, &admin).await;
        let post = "mutation($ph: ID!, $t: String!) { postIdea(phaseId: $ph, title: $t, body: \"Why not\") { id } }";
        for title in ["=SUM(A1:A9)", "Shade trees", "More benches"] {
            let posted = server.graphql_as(&admin, post, json!({ "ph": phase, "t": title })).await;
            assert!(posted["data"]["postIdea"]["id"].is_string(), "{posted}");
        }
        let boss = server.cookie_for("boss@example.org").await;
        let download = "/admin/exports/download?kind=ideas&project=&format=xlsx";

        // Switched off: the page says so, and offers CSV only.
        let off = server.get_as(&boss, download).await;
        assert!(off.headers()["content-type"].to_str().unwrap().starts_with("text/html"));
        assert!(off.text().await.unwrap().contains("switched off"));
        assert!(!server.get_as(&boss, "/admin/exports").await.text().await.unwrap().contains("XLSX"));
        let on = "mutation { setFeatureEnabled(id: \"xlsx_export\", enabled: true) { active } }";
        assert_eq!(server.graphql_as(&admin, on, Value::Null).await["data"]["setFeatureEnabled"]["active"], true);
        assert!(server.get_as(&boss, "/admin/exports").await.text().await.unwrap().contains(">XLSX</option>"));

        let r = server.get_as(&boss, download).await;
        assert_eq!(r.status(), 200);
        assert!(r.headers()["content-type"].to_str().unwrap().contains("spreadsheetml"));
        assert!(r.headers()["content-disposition"].to_str().unwrap().contains("ideas.xlsx"));
        let rows = sheet(r.bytes().await.unwrap().to_vec());
        assert_eq!(rows.len(), 4, "a header and three ideas ({})", db.name());
        assert_eq!(rows[0][0], Data::String("id".into()));
        let titles: Vec<&Data> = rows.iter().skip(1).map(|r| &r[2]).collect();
        assert!(titles.contains(&&Data::String("=SUM(A1:A9)".into())), "text stays text: {titles:?}");
        let supports = rows[0].iter().position(|h| *h == Data::String("supports".into())).unwrap();
        assert!(matches!(rows[1][supports], Data::Float(_) | Data::Int(_)), "{:?}", rows[1][supports]);
        let csv = server.get_as(&boss, "/admin/exports/download?kind=ideas&project=").await.text().await.unwrap();
        assert_eq!(csv.lines().count(), rows.len(), "the same rows as the CSV");
        let bad = server.get_as(&boss, "/admin/exports/download?kind=ideas&format=pdf").await.text().await.unwrap();
        assert!(bad.contains("Choose CSV, or a file format your edition offers."), "{bad}");
        let ana_cookie = {
            server.register("ana@example.org", "Ana").await;
            server.cookie_for("ana@example.org").await
        };
        assert_eq!(server.get_as(&ana_cookie, download).await.status(), 403);

        // The command line writes the same workbook, whole or not at all.
        let file = server.dir.path().join("ideas.xlsx");
        let args = ["--database-url", &server.database_url, "export", "ideas", "--format", "xlsx", "--output"];
        let out = cli(server.dir.path(), &[&args[..], &[file.to_str().unwrap()]].concat(), &[]);
        assert!(out.status.success(), "{}", text(&out.stderr));
        assert!(text(&out.stderr).contains("wrote 3 rows"), "{}", text(&out.stderr));
        assert_eq!(sheet(std::fs::read(&file).unwrap()).len(), 4);
        let to_stdout = ["--database-url", &server.database_url, "export", "ideas", "--format", "xlsx"];
        let out = cli(server.dir.path(), &to_stdout, &[]);
        assert!(!out.status.success() && text(&out.stderr).contains("give it with --output"), "{}", text(&out.stderr));
        let odd = ["--database-url", &server.database_url, "export", "ideas", "--format", "pdf", "--output", "x.pdf"];
        let out = cli(server.dir.path(), &odd, &[]);
        assert!(!out.status.success() && text(&out.stderr).contains("choose csv"), "{}", text(&out.stderr));
        assert!(!server.dir.path().join("x.pdf").exists() && !server.dir.path().join("x.pdf.partial").exists());
    }
}
