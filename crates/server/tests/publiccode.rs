// SPDX-License-Identifier: AGPL-3.0-only
//! `publiccode.yml`, the entry that public software catalogues read: every key the standard
//! (version 0.4) makes mandatory is there in the right form, and the file agrees with the
//! repository (its address in Cargo.toml, the core's licence, the languages the server ships).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use serde_norway::Value;

/// The standard's controlled vocabulary for `categories`.
const CATEGORIES: &[&str] = &[
    "accounting",
    "agile-project-management",
    "applicant-tracking",
    "application-development",
    "appointment-scheduling",
    "backup",
    "billing-and-invoicing",
    "blog",
    "budgeting",
    "business-intelligence",
    "business-process-management",
    "cad",
    "call-center-management",
    "cloud-management",
    "collaboration",
    "communications",
    "compliance-management",
    "contact-management",
    "content-management",
    "crm",
    "customer-service-and-support",
    "data-analytics",
    "data-collection",
    "data-visualization",
    "design",
    "design-system",
    "digital-asset-management",
    "digital-citizenship",
    "document-management",
    "donor-management",
    "e-commerce",
    "e-signature",
    "educational-content",
    "email-management",
    "email-marketing",
    "employee-management",
    "enterprise-project-management",
    "enterprise-social-networking",
    "erp",
    "event-management",
    "facility-management",
    "feedback-and-reviews-management",
    "financial-reporting",
    "fleet-management",
    "fundraising",
    "gamification",
    "geographic-information-systems",
    "grant-management",
    "graphic-design",
    "help-desk",
    "hr",
    "ide",
    "identity-management",
    "instant-messaging",
    "inventory-management",
    "it-asset-management",
    "it-development",
    "it-management",
    "it-security",
    "it-service-management",
    "knowledge-management",
    "learning-management-system",
    "marketing",
    "mind-mapping",
    "mobile-marketing",
    "mobile-payment",
    "network-management",
    "office",
    "online-booking",
    "online-community",
    "payment-gateway",
    "payroll",
    "predictive-analysis",
    "procurement",
    "productivity-suite",
    "project-collaboration",
    "project-management",
    "property-management",
    "real-estate-management",
    "remote-support",
    "resource-management",
    "sales-management",
    "seo",
    "service-desk",
    "social-media-management",
    "survey",
    "talent-management",
    "task-management",
    "taxes-management",
    "test-management",
    "time-management",
    "time-tracking",
    "translation",
    "video-conferencing",
    "video-editing",
    "visitor-management",
    "voip",
    "warehouse-management",
    "web-collaboration",
    "web-conferencing",
    "website-builder",
    "whistleblowing",
    "workflow-management",
];
const STATUSES: &[&str] = &["concept", "development", "beta", "stable", "obsolete"];
const SOFTWARE_TYPES: &[&str] = &[
    "standalone/mobile",
    "standalone/iot",
    "standalone/desktop",
    "standalone/web",
    "standalone/backend",
    "standalone/other",
    "addon",
    "library",
    "configurationFiles",
];
const MAINTENANCE: &[&str] = &["internal", "contract", "community", "none"];

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn get<'a>(v: &'a Value, path: &str) -> Option<&'a Value> {
    path.split('/').try_fold(v, |v, key| v.get(key))
}

fn string<'a>(v: &'a Value, path: &str, problems: &mut Vec<String>) -> Option<&'a str> {
    match get(v, path) {
        Some(Value::String(s)) if !s.trim().is_empty() => Some(s),
        Some(_) => {
            problems.push(format!("{path}: not a non-empty string"));
            None
        }
        None => {
            problems.push(format!("{path}: missing"));
            None
        }
    }
}

fn strings(v: &Value, path: &str, problems: &mut Vec<String>) -> Vec<String> {
    match get(v, path) {
        Some(Value::Sequence(items)) if !items.is_empty() => {
            let list: Vec<String> = items.iter().filter_map(|i| i.as_str()).map(str::to_owned).collect();
            if list.len() != items.len() || list.iter().any(|s| s.trim().is_empty()) {
                problems.push(format!("{path}: every item must be a non-empty string"));
            }
            list
        }
        Some(_) => {
            problems.push(format!("{path}: not a non-empty list"));
            vec![]
        }
        None => {
            problems.push(format!("{path}: missing"));
            vec![]
        }
    }
}

fn one_of(v: &Value, path: &str, allowed: &[&str], problems: &mut Vec<String>) -> Option<String> {
    let value = string(v, path, problems)?;
    if !allowed.contains(&value) {
        problems.push(format!("{path}: {value:?} is not one of {allowed:?}"));
    }
    Some(value.to_owned())
}

fn is_date(s: &str) -> bool {
    chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").is_ok() && s.len() == 10
}

/// A BCP 47 tag as far as catalogues need it: a primary language subtag, then optional subtags.
fn is_language_tag(s: &str) -> bool {
    let mut parts = s.split('-');
    let primary = parts.next().unwrap_or_default();
    (2..=3).contains(&primary.len())
        && primary.chars().all(|c| c.is_ascii_lowercase())
        && parts.all(|p| (1..=8).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphanumeric()))
}

/// Everything wrong with a publiccode.yml document, as the standard's version 0.4 reads it.
fn problems_of(doc: &Value) -> Vec<String> {
    let mut p = Vec::new();
    if get(doc, "publiccodeYmlVersion").and_then(Value::as_str) != Some("0.4") {
        p.push("publiccodeYmlVersion: must be the string \"0.4\"".into());
    }
    string(doc, "name", &mut p);
    if let Some(url) = string(doc, "url", &mut p)
        && url::Url::parse(url).map(|u| !matches!(u.scheme(), "http" | "https")).unwrap_or(true)
    {
        p.push(format!("url: {url:?} is not an http(s) URL"));
    }
    match get(doc, "platforms") {
        Some(Value::String(s)) if !s.is_empty() => {}
        _ => {
            strings(doc, "platforms", &mut p);
        }
    }
    for category in strings(doc, "categories", &mut p) {
        if !CATEGORIES.contains(&category.as_str()) {
            p.push(format!("categories: {category:?} is not in the standard's list"));
        }
    }
    one_of(doc, "developmentStatus", STATUSES, &mut p);
    one_of(doc, "softwareType", SOFTWARE_TYPES, &mut p);
    if let Some(date) = get(doc, "releaseDate")
        && !date.as_str().is_some_and(is_date)
    {
        p.push("releaseDate: not a YYYY-MM-DD date in quotes".into());
    }

    match get(doc, "description").and_then(Value::as_mapping) {
        Some(languages) if !languages.is_empty() => {
            for (lang, _) in languages {
                let lang = lang.as_str().unwrap_or_default();
                if !is_language_tag(lang) {
                    p.push(format!("description: {lang:?} is not a language tag"));
                    continue;
                }
                if let Some(short) = string(doc, &format!("description/{lang}/shortDescription"), &mut p)
                    && (short.chars().count() > 150 || short.contains('\n'))
                {
                    p.push(format!("description/{lang}/shortDescription: one line of at most 150 characters"));
                }
                if let Some(long) = string(doc, &format!("description/{lang}/longDescription"), &mut p)
                    && !(150..=10_000).contains(&long.chars().count())
                {
                    p.push(format!("description/{lang}/longDescription: 150 to 10,000 characters"));
                }
                strings(doc, &format!("description/{lang}/features"), &mut p);
            }
        }
        _ => p.push("description: at least one language is needed".into()),
    }

    string(doc, "legal/license", &mut p);
    if let Some(kind) = one_of(doc, "maintenance/type", MAINTENANCE, &mut p) {
        let (list, required): (&str, &[&str]) = match kind.as_str() {
            "contract" => ("maintenance/contractors", &["name", "until"]),
            "internal" | "community" => ("maintenance/contacts", &["name"]),
            _ => ("", &[]),
        };
        if !list.is_empty() {
            match get(doc, list).and_then(Value::as_sequence) {
                Some(entries) if !entries.is_empty() => {
                    for (n, entry) in entries.iter().enumerate() {
                        for key in required {
                            string(entry, key, &mut p).map(drop).unwrap_or_else(|| p.push(format!("{list}[{n}]")));
                        }
                        if let Some(until) = entry.get("until").and_then(Value::as_str)
                            && !is_date(until)
                        {
                            p.push(format!("{list}[{n}]/until: not a YYYY-MM-DD date"));
                        }
                    }
                }
                _ => p.push(format!("{list}: needed when maintenance/type is {kind}")),
            }
        }
    }
    if !matches!(get(doc, "localisation/localisationReady"), Some(Value::Bool(_))) {
        p.push("localisation/localisationReady: missing or not true/false".into());
    }
    for lang in strings(doc, "localisation/availableLanguages", &mut p) {
        if !is_language_tag(&lang) {
            p.push(format!("localisation/availableLanguages: {lang:?} is not a language tag"));
        }
    }
    p
}

fn read_publiccode() -> Value {
    let text = std::fs::read_to_string(root().join("publiccode.yml")).expect("publiccode.yml at the repository's root");
    serde_norway::from_str(&text).expect("publiccode.yml is YAML")
}

fn cargo_toml() -> toml::Value {
    toml::from_str(&std::fs::read_to_string(root().join("Cargo.toml")).unwrap()).unwrap()
}

#[test]
fn the_catalogue_entry_has_every_mandatory_key() {
    let doc = read_publiccode();
    assert_eq!(problems_of(&doc), Vec::<String>::new());
}

#[test]
fn the_catalogue_entry_agrees_with_the_repository() {
    let doc = read_publiccode();
    let cargo = cargo_toml();
    let package = &cargo["workspace"]["package"];
    assert_eq!(doc["url"].as_str(), package["repository"].as_str(), "url and Cargo.toml's repository differ");

    // No release exists before the version has a tag; a version, if claimed, is the workspace's.
    if let Some(version) = doc.get("softwareVersion") {
        assert_eq!(version.as_str(), package["version"].as_str(), "softwareVersion is not the workspace's version");
        assert!(doc.get("releaseDate").is_some(), "a softwareVersion needs its releaseDate");
    }

    let core: toml::Value =
        toml::from_str(&std::fs::read_to_string(root().join("crates/core/Cargo.toml")).unwrap()).unwrap();
    assert_eq!(doc["legal"]["license"].as_str(), core["package"]["license"].as_str());

    // The languages offered are the ones the server has translations for, and each has a description.
    let shipped: BTreeSet<String> = std::fs::read_dir(root().join("crates/server/locales"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    let offered: BTreeSet<String> = doc["localisation"]["availableLanguages"]
        .as_sequence()
        .unwrap()
        .iter()
        .map(|l| l.as_str().unwrap().to_owned())
        .collect();
    assert_eq!(offered, shipped);
    assert_eq!(doc["localisation"]["localisationReady"], Value::Bool(true));
    let described: BTreeSet<String> =
        doc["description"].as_mapping().unwrap().keys().map(|k| k.as_str().unwrap().to_owned()).collect();
    assert_eq!(described, shipped, "a description in every language the platform speaks");
    assert_eq!(doc["softwareType"].as_str(), Some("standalone/web"));
}

/// The checks above would catch a broken file: each change below must be reported.
#[test]
fn a_missing_or_malformed_key_is_reported() {
    type Breakage = (&'static str, fn(&mut Value));
    let breakages: &[Breakage] = &[
        ("no version", |d| drop(d.as_mapping_mut().unwrap().remove("publiccodeYmlVersion"))),
        ("version as a number", |d| d["publiccodeYmlVersion"] = Value::from(0.4)),
        ("no name", |d| drop(d.as_mapping_mut().unwrap().remove("name"))),
        ("url not a URL", |d| d["url"] = Value::from("townhall")),
        ("no platforms", |d| drop(d.as_mapping_mut().unwrap().remove("platforms"))),
        ("unknown category", |d| d["categories"] = serde_norway::from_str("[civic-tech]").unwrap()),
        ("no categories", |d| drop(d.as_mapping_mut().unwrap().remove("categories"))),
        ("unknown status", |d| d["developmentStatus"] = Value::from("alpha")),
        ("unknown type", |d| d["softwareType"] = Value::from("standalone")),
        ("bad release date", |d| d["releaseDate"] = Value::from("15/04/2027")),
        ("no description", |d| drop(d.as_mapping_mut().unwrap().remove("description"))),
        ("long short description", |d| d["description"]["en"]["shortDescription"] = Value::from("x".repeat(151))),
        ("short long description", |d| d["description"]["nl"]["longDescription"] = Value::from("Te kort.")),
        ("no features", |d| drop(d["description"]["fr"].as_mapping_mut().unwrap().remove("features"))),
        ("no licence", |d| drop(d["legal"].as_mapping_mut().unwrap().remove("license"))),
        ("unknown maintenance", |d| d["maintenance"]["type"] = Value::from("vendor")),
        ("no contacts", |d| drop(d["maintenance"].as_mapping_mut().unwrap().remove("contacts"))),
        ("contract without contractors", |d| d["maintenance"]["type"] = Value::from("contract")),
        ("localisationReady as text", |d| d["localisation"]["localisationReady"] = Value::from("yes")),
        ("no languages", |d| drop(d["localisation"].as_mapping_mut().unwrap().remove("availableLanguages"))),
        ("bad language", |d| d["localisation"]["availableLanguages"] = serde_norway::from_str("[English]").unwrap()),
    ];
    for (what, break_it) in breakages {
        let mut doc = read_publiccode();
        break_it(&mut doc);
        assert!(!problems_of(&doc).is_empty(), "not reported: {what}");
    }
}
