// SPDX-License-Identifier: AGPL-3.0-only
#![allow(clippy::unwrap_used, clippy::expect_used)]

use super::*;
use crate::i18n::{I18n, LOCALES};
use crate::modules::ideas::tests::{ideation, resident, text};

fn translations() -> I18n {
    let modules = crate::modules::modules();
    let resources: Vec<(&str, &str)> = modules.iter().flat_map(|m| m.translations()).collect();
    I18n::new(&resources)
}

/// Core's datasets, as a core platform lists them.
fn datasets() -> Vec<Dataset> {
    crate::modules::modules().iter().flat_map(|m| m.open_datasets()).collect()
}

#[test]
fn every_field_and_type_has_a_meaning_in_every_language() {
    let i18n = translations();
    let datasets = datasets();
    let names: Vec<&str> = datasets.iter().map(Dataset::as_str).collect();
    assert_eq!(names, ["projects", "phases", "ideas", "voting-results", "poll-results"]);
    for id in dictionary::messages(&datasets) {
        for locale in LOCALES {
            assert!(i18n.has(locale, &id), "{id} in {locale}");
        }
    }
    for dataset in &datasets {
        let names: Vec<&str> = dataset.fields().iter().map(|f| f.name).collect();
        let mut unique = names.clone();
        unique.sort_unstable();
        unique.dedup();
        assert_eq!(names.len(), unique.len(), "{} names a field twice", dataset.as_str());
    }
}

/// docs/open-data.md carries the dictionary as the code has it, in English.
#[test]
fn the_documentation_shows_the_dictionary() {
    let docs = include_str!("../../../../docs/open-data.md");
    let expected = dictionary::markdown(&datasets(), &translations(), "en");
    let start = docs.find("<!-- dictionary:start -->\n").expect("the start marker") + 26;
    let end = docs.find("<!-- dictionary:end -->").expect("the end marker");
    assert!(
        docs[start..end].trim() == expected.trim(),
        "docs/open-data.md is out of step with the dictionary; put this between its markers:\n\n{expected}"
    );
}

#[test]
fn cells_are_written_as_their_types_and_only_text_is_defused() {
    let row = vec![
        Cell::Integer(-3),
        Cell::Number(-4.25),
        Cell::Boolean(true),
        Cell::Text("=SUM(A1)".into()),
        Cell::DateTime(chrono::DateTime::from_timestamp(1_800_000_000, 0).unwrap()),
        Cell::Null,
    ];
    assert_eq!(csv_chunk(std::slice::from_ref(&row)).unwrap(), "-3,-4.25,true,'=SUM(A1),2027-01-15T08:00:00Z,\r\n");
    let json: Vec<String> = row.iter().map(|c| c.json().to_string()).collect();
    assert_eq!(json, ["-3", "-4.25", "true", "\"=SUM(A1)\"", "\"2027-01-15T08:00:00Z\"", "null"]);
}

async fn whole(p: &Platform, dataset: Dataset, format: Format) -> String {
    let mut data = p.open_data(dataset, format).await.unwrap();
    let mut out = String::new();
    while let Some(chunk) = data.next_chunk().await.unwrap() {
        out.push_str(&chunk);
    }
    out
}

#[tokio::test]
async fn each_dataset_is_valid_json_with_the_dictionarys_fields_and_types() {
    let (p, _dir) = crate::testing::platform(crate::Edition::Core, Vec::new()).await;
    let phase = ideation(&p).await;
    let ben = resident(&p, "ben@example.org").await;
    for title in ["Shade", "-1 bench"] {
        p.post_idea(&ben, phase, text(title, "<p>Trees &amp; <b>benches</b></p>")).await.unwrap();
    }
    for dataset in p.datasets() {
        let parsed: serde_json::Value = serde_json::from_str(&whole(&p, dataset.clone(), Format::Json).await).unwrap();
        for object in parsed.as_array().unwrap() {
            let keys: Vec<&str> = object.as_object().unwrap().keys().map(String::as_str).collect();
            let mut names: Vec<&str> = dataset.fields().iter().map(|f| f.name).collect();
            names.sort_unstable();
            assert_eq!(keys, names, "{}", dataset.as_str());
        }
        let mut data = p.open_data(dataset.clone(), Format::Csv).await.unwrap();
        while let Some(rows) = data.next_rows().await.unwrap() {
            for row in rows {
                for (cell, field) in row.iter().zip(dataset.fields()) {
                    assert!(cell.fits(field.kind), "{}.{}: {cell:?}", dataset.as_str(), field.name);
                }
            }
        }
    }
    let ideas: serde_json::Value =
        serde_json::from_str(&whole(&p, p.dataset("ideas").unwrap(), Format::Json).await).unwrap();
    assert_eq!(ideas.as_array().unwrap().len(), 2);
    assert_eq!(ideas[0]["body"], "Trees & benches");
    assert_eq!(ideas[1]["title"], "-1 bench");
    let csv = whole(&p, p.dataset("ideas").unwrap(), Format::Csv).await;
    assert!(csv.starts_with("id,project_id,phase_id,title,body,"), "{csv}");
    assert!(csv.contains(",'-1 bench,"), "text that looks like a formula is defused: {csv}");
}
