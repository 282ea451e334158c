// SPDX-License-Identifier: AGPL-3.0-only
//! Pictures and attachments: checked before anything is written, stripped of metadata, removed
//! with their idea.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::io::Cursor;

use townhall_license::Edition;

use super::tests::{ideation, resident, text};
use super::{FileKind, Upload};
use crate::testing::platform;
use crate::{Actor, CoreError};

/// A JPEG carrying an EXIF segment with a (fake) GPS position.
fn jpeg_with_exif() -> Vec<u8> {
    let mut out = Cursor::new(Vec::new());
    image::DynamicImage::new_rgb8(2400, 1200).write_to(&mut out, image::ImageFormat::Jpeg).unwrap();
    let plain = out.into_inner();
    let payload = b"Exif\0\0GPS 50.8503N 4.3517E secret";
    let mut with = plain[..2].to_vec();
    with.extend_from_slice(&[0xFF, 0xE1]);
    with.extend_from_slice(&((payload.len() + 2) as u16).to_be_bytes());
    with.extend_from_slice(payload);
    with.extend_from_slice(&plain[2..]);
    with
}

fn upload(kind: FileKind, name: &str, bytes: Vec<u8>) -> Upload {
    Upload { kind, name: name.into(), bytes }
}

#[tokio::test]
async fn files_are_checked_first_and_pictures_lose_their_metadata() {
    let (p, dir) = platform(Edition::Core, vec![]).await;
    let phase = ideation(&p).await;
    let ana = resident(&p, "ana@example.org").await;
    let files_dir = dir.path().join("files");
    let stored = || walk(&files_dir);

    // A bad attachment refuses the whole post: no idea, no file.
    let bad = vec![
        upload(FileKind::Image, "photo.jpg", jpeg_with_exif()),
        upload(FileKind::Attachment, "setup.exe", b"MZ\x90\x00 not a document".to_vec()),
    ];
    let refused = p.post_idea_with_files(&ana, phase, text("Benches", "By the pond"), bad).await;
    assert!(matches!(refused, Err(CoreError::Field { code: "attachment_invalid", .. })), "{refused:?}");
    assert!(stored().is_empty());
    assert!(p.idea_by_id(&Actor::Anonymous, 1).await.unwrap().is_none());

    let good = vec![
        upload(FileKind::Image, "photo.jpg", jpeg_with_exif()),
        upload(FileKind::Attachment, "../plan <v2>.pdf", b"%PDF-1.7 a plan".to_vec()),
    ];
    let idea = p.post_idea_with_files(&ana, phase, text("Benches", "By the pond"), good).await.unwrap();
    let files = p.idea_files(&[idea.id]).await.unwrap();
    assert_eq!(files.len(), 2);
    let picture = &files[0];
    assert_eq!((picture.kind.as_str(), picture.width, picture.height), ("image", Some(1600), Some(800)));
    let (_, bytes) = p.idea_file(&Actor::Anonymous, &picture.key).await.unwrap().unwrap();
    assert!(!bytes.windows(4).any(|w| w == b"Exif") && !bytes.windows(3).any(|w| w == b"GPS"), "metadata is gone");
    assert_eq!((files[1].name.as_str(), files[1].content_type.as_str()), ("plan v2.pdf", "application/pdf"));

    // Limits count the files already there.
    let five: Vec<Upload> = (0..5).map(|_| upload(FileKind::Image, "a.jpg", jpeg_with_exif())).collect();
    assert!(matches!(
        p.add_idea_files(&ana, idea.id, five).await,
        Err(CoreError::Field { code: "too_many_images", .. })
    ));
    let ben = resident(&p, "ben@example.org").await;
    let theirs = vec![upload(FileKind::Attachment, "notes.txt", b"mine now".to_vec())];
    assert!(matches!(p.add_idea_files(&ben, idea.id, theirs).await, Err(CoreError::Forbidden)));

    p.remove_idea_file(&ana, files[1].id).await.unwrap();
    assert_eq!(stored().len(), 1);
    p.delete_idea(&ana, idea.id).await.unwrap();
    assert!(stored().is_empty(), "deleting the idea removes its files");
}

fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else { return Vec::new() };
    entries
        .filter_map(Result::ok)
        .flat_map(|e| if e.path().is_dir() { walk(&e.path()) } else { vec![e.path()] })
        .collect()
}
