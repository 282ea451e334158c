// SPDX-License-Identifier: AGPL-3.0-only
//! What a page needs to show a stored picture at the size it is shown: the `srcset` lists of its
//! JPEG and WebP variants (`townhall_core::images::variants`), with its width and height. The
//! template function `picture_sources(url, width, height)` gives them to `picture.html`.
use serde::Serialize;
use townhall_core::images::variants::{Format, Variant, size_in_key, widths_below};

#[derive(Debug, Serialize, PartialEq)]
pub struct Sources {
    pub src: String,
    pub width: Option<u32>,
    pub height: Option<u32>,
    /// `None` for a picture whose size is unknown (stored before its key named it): it is shown
    /// as it is, in one size.
    pub jpeg: Option<String>,
    pub webp: Option<String>,
}

/// The sources of the picture at `url` (`/files/<key>`), whose size is `size` or named in its
/// key.
pub fn sources(url: &str, size: Option<(u32, u32)>) -> Sources {
    let key = url.strip_prefix("/files/").filter(|k| k.ends_with(".jpg"));
    let size = size.or_else(|| key.and_then(size_in_key));
    let (Some(key), Some((width, height))) = (key, size) else {
        return Sources {
            src: url.to_owned(),
            width: size.map(|s| s.0),
            height: size.map(|s| s.1),
            jpeg: None,
            webp: None,
        };
    };
    let list = |format: Format| -> Option<String> {
        let smaller = widths_below(width).map(|w| Some((Variant { width: Some(w), format }.key(key)?, w)));
        let own = match format {
            Format::Jpeg => Some((key.to_owned(), width)),
            Format::Webp => Variant { width: None, format }.key(key).map(|k| (k, width)),
        };
        let entries: Option<Vec<String>> =
            smaller.chain([own]).map(|e| e.map(|(k, w)| format!("/files/{k} {w}w"))).collect();
        entries.map(|e| e.join(", "))
    };
    Sources {
        src: url.to_owned(),
        width: Some(width),
        height: Some(height),
        jpeg: list(Format::Jpeg),
        webp: list(Format::Webp),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sized_picture_lists_its_smaller_variants_and_itself() {
        let s = sources("/files/projects/2-ab-1200x675.jpg", None);
        assert_eq!(s.width, Some(1200));
        assert_eq!(
            s.jpeg.as_deref(),
            Some(
                "/files/projects/2-ab-1200x675.w480.jpg 480w, /files/projects/2-ab-1200x675.w960.jpg 960w, /files/projects/2-ab-1200x675.jpg 1200w"
            )
        );
        assert_eq!(
            s.webp.as_deref(),
            Some(
                "/files/projects/2-ab-1200x675.w480.webp 480w, /files/projects/2-ab-1200x675.w960.webp 960w, /files/projects/2-ab-1200x675.webp 1200w"
            )
        );
        let idea = sources("/files/ideas/4/cd.jpg", Some((400, 300)));
        assert_eq!(idea.webp.as_deref(), Some("/files/ideas/4/cd.webp 400w"));
    }

    #[test]
    fn a_picture_of_unknown_size_is_shown_as_it_is() {
        let s = sources("/files/projects/2-abcdef0123456789.jpg", None);
        assert_eq!((s.jpeg, s.webp, s.width), (None, None, None));
        assert_eq!(s.src, "/files/projects/2-abcdef0123456789.jpg");
    }
}
