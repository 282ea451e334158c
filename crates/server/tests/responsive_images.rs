// SPDX-License-Identifier: AGPL-3.0-only
//! Pictures at the size they are shown: the demo town's pages offer each stored picture in
//! WebP and JPEG at several widths (`<picture>`, `srcset`, `sizes`), the first picture of a page
//! loads at once and the others lazily, and the variants answer as WebP or JPEG of the width
//! they name, made from the stored picture. On SQLite and PostgreSQL.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::*;

/// The `<img …>` tags of a page, in order, each with the `<picture>` around it (if any).
fn pictures(page: &str) -> Vec<(String, Option<String>)> {
    let mut found = Vec::new();
    let mut rest = page;
    while let Some(at) = rest.find("<img") {
        let tag = &rest[at..at + rest[at..].find('>').unwrap() + 1];
        let before = &rest[..at];
        let source = before
            .rfind("<picture>")
            .filter(|open| !before[*open..].contains("</picture>"))
            .map(|open| before[open..].to_owned());
        found.push((tag.replace("&#x2f;", "/"), source.map(|s| s.replace("&#x2f;", "/"))));
        rest = &rest[at + tag.len()..];
    }
    found
}

fn attribute<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let start = tag.find(&format!(" {name}=\""))? + name.len() + 3;
    Some(&tag[start..start + tag[start..].find('"')?])
}

/// Checks that every picture of `page` comes in WebP and JPEG at several widths, that the first
/// loads at once and the others lazily; returns the first picture's WebP `srcset`.
fn check_page(path: &str, page: &str) -> String {
    let found = pictures(page);
    assert!(!found.is_empty(), "{path} shows no picture");
    for (n, (img, picture)) in found.iter().enumerate() {
        let picture = picture.as_deref().unwrap_or_else(|| panic!("{path}: picture {n} is no <picture>: {img}"));
        assert!(
            picture.contains("<source type=\"image/webp\" srcset=\""),
            "{path}: picture {n} has no WebP: {picture}"
        );
        let srcset = attribute(img, "srcset").unwrap_or_else(|| panic!("{path}: picture {n} has no srcset: {img}"));
        assert!(srcset.contains(".w480.jpg 480w"), "{path}: picture {n}: {srcset}");
        for name in ["sizes", "width", "height", "alt"] {
            assert!(attribute(img, name).is_some(), "{path}: picture {n} has no {name}: {img}");
        }
        if n == 0 {
            assert!(!img.contains("loading="), "{path}: the first picture loads lazily: {img}");
            assert!(img.contains("fetchpriority=\"high\""), "{path}: {img}");
        } else {
            assert!(img.contains("loading=\"lazy\""), "{path}: picture {n} loads at once: {img}");
        }
    }
    let first = found[0].1.as_deref().unwrap();
    let start = first.find("srcset=\"").unwrap() + 8;
    first[start..start + first[start..].find('"').unwrap()].to_owned()
}

#[tokio::test]
async fn the_demo_town_offers_its_pictures_in_webp_at_the_size_shown() {
    for db in backends() {
        let dir = tempfile::tempdir().unwrap();
        let database_url = fresh_database(&db, dir.path()).await;
        let args = ["--database-url", &database_url, "seed", "--demo", "--password", PASSWORD];
        let seeded = cli(dir.path(), &args, &[]);
        assert!(seeded.status.success(), "{}: {}", db.name(), text(&seeded.stderr));
        let server = TestServer::start_in(dir, database_url, Options::default()).await;

        let mut first_sources = Vec::new();
        for path in ["/", "/projects/greener-parks", "/projects/clean-up-saturday"] {
            let page = server.get(path).await.text().await.unwrap();
            first_sources.push(check_page(path, &page));
        }
        // The project's header comes first, before the idea cards.
        assert!(first_sources[1].contains("/files/projects/"), "{}", first_sources[1]);

        // Every width the home page's first picture offers answers, as WebP of that width.
        for entry in first_sources[0].split(", ") {
            let (url, width) = entry.split_once(' ').unwrap();
            let width: u32 = width.trim_end_matches('w').parse().unwrap();
            let r = server.get(url).await;
            assert_eq!(r.status(), 200, "{}: {url}", db.name());
            assert_eq!(r.headers()["content-type"], "image/webp", "{url}");
            let picture = image::load_from_memory(&r.bytes().await.unwrap()).unwrap();
            assert_eq!(picture.width(), width, "{url}");
        }
        // Made once, then stored beside the picture: asked again, the same bytes.
        let (url, _) = first_sources[0].split(", ").next().unwrap().split_once(' ').unwrap();
        let again = server.get(url).await.bytes().await.unwrap();
        assert_eq!(again, server.get(url).await.bytes().await.unwrap());
        let stored = server.dir.path().join("files").join(url.trim_start_matches("/files/"));
        assert!(stored.is_file(), "{stored:?}");
        // No width the picture does not offer, and nothing larger than the picture.
        let stem = url.trim_end_matches(".w480.webp");
        for bad in [format!("{stem}.w500.webp"), format!("{stem}.w1600.jpg"), format!("{stem}.w1600.webp")] {
            assert_eq!(server.get(&bad).await.status(), 404, "{bad}");
        }
        // An idea's pictures too (the demo's first idea has one).
        let idea = server.get("/ideas/1").await.text().await.unwrap();
        check_page("/ideas/1", &idea);
    }
}
