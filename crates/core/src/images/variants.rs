// SPDX-License-Identifier: AGPL-3.0-only
//! Smaller copies of stored pictures for `srcset`, in JPEG and WebP (decision 0029).
//!
//! A picture shown large is stored once as a JPEG of at most 1,600 pixels a side (`x/y.jpg`).
//! Its variants are named after it: `x/y.w480.jpg` and `x/y.w480.webp` for each width of
//! [`WIDTHS`] below the picture's own, and `x/y.webp` at the picture's own size. They are made
//! the first time someone asks for one (so pictures stored before variants existed get them
//! too), then stored beside the picture and removed with it.
use std::io::Cursor;

use image::{DynamicImage, ImageFormat};

use super::{LARGE, decode, fitted};
use crate::CoreError;

/// The widths offered below a picture's own, in pixels: a phone (360–412 CSS pixels at two or
/// three device pixels each) takes 960, a card on a wide screen 480.
pub const WIDTHS: [u32; 3] = [480, 960, 1600];
/// libwebp's quality (0–100): at 75 a photo is about a third smaller than our JPEG.
const WEBP_QUALITY: f32 = 75.0;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Jpeg,
    Webp,
}

impl Format {
    fn extension(self) -> &'static str {
        match self {
            Format::Jpeg => "jpg",
            Format::Webp => "webp",
        }
    }

    pub fn content_type(self) -> &'static str {
        match self {
            Format::Jpeg => "image/jpeg",
            Format::Webp => "image/webp",
        }
    }
}

/// One variant of a picture: a width of [`WIDTHS`] (or the picture's own, `None`) in a format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Variant {
    pub width: Option<u32>,
    pub format: Format,
}

impl Variant {
    /// The storage key of this variant of the picture stored at `original` (`….jpg`).
    pub fn key(self, original: &str) -> Option<String> {
        let stem = original.strip_suffix(".jpg")?;
        Some(match self.width {
            Some(w) => format!("{stem}.w{w}.{}", self.format.extension()),
            None => format!("{stem}.{}", self.format.extension()),
        })
    }
}

/// What a requested key names: the stored picture's key and, when it names a variant, which.
/// Keys that are not a picture's (an attachment's `.pdf`) come back as they are.
pub fn parse(key: &str) -> (String, Option<Variant>) {
    let parsed = if let Some(stem) = key.strip_suffix(".webp") {
        Some((stem, Format::Webp))
    } else {
        key.strip_suffix(".jpg").map(|stem| (stem, Format::Jpeg))
    };
    let Some((stem, format)) = parsed else { return (key.to_owned(), None) };
    let sized = stem.rsplit_once(".w").and_then(|(base, w)| {
        let width: u32 = w.parse().ok()?;
        (WIDTHS.contains(&width) && w == width.to_string()).then_some((base, width))
    });
    match (sized, format) {
        (Some((base, width)), _) => (format!("{base}.jpg"), Some(Variant { width: Some(width), format })),
        (None, Format::Webp) => (format!("{stem}.jpg"), Some(Variant { width: None, format })),
        (None, Format::Jpeg) => (key.to_owned(), None),
    }
}

/// The content type of a stored picture or variant, by its key.
pub fn content_type_of(key: &str) -> &'static str {
    if key.ends_with(".webp") { Format::Webp.content_type() } else { Format::Jpeg.content_type() }
}

/// Every variant key a picture may have (to remove them with it).
pub fn all_keys(original: &str) -> Vec<String> {
    let sizes = WIDTHS.iter().map(|w| Some(*w)).chain([None]);
    sizes
        .flat_map(|width| [Format::Jpeg, Format::Webp].map(|format| Variant { width, format }))
        .filter(|v| v != &Variant { width: None, format: Format::Jpeg })
        .filter_map(|v| v.key(original))
        .collect()
}

/// The widths of [`WIDTHS`] offered for a picture `width` pixels wide: those below it.
pub fn widths_below(width: u32) -> impl Iterator<Item = u32> {
    WIDTHS.into_iter().filter(move |w| *w < width)
}

/// The width and height a picture's key names (`…-1600x900.jpg`), for pictures stored since
/// variants exist; older keys name none.
pub fn size_in_key(key: &str) -> Option<(u32, u32)> {
    let stem = key.strip_suffix(".jpg")?;
    let (_, size) = stem.rsplit_once('-')?;
    let (w, h) = size.split_once('x')?;
    Some((w.parse().ok()?, h.parse().ok()?))
}

/// Makes `variant` of a stored picture (blocking: run it through the picture pool). A width not
/// below the picture's own is refused (`image_invalid`): nothing is ever enlarged.
pub fn render(stored: &[u8], variant: Variant) -> Result<Vec<u8>, CoreError> {
    let failed = || CoreError::Field { field: "image", code: "image_invalid" };
    let picture = decode(stored, "image", LARGE)?;
    let picture = match variant.width {
        Some(width) if width >= picture.width() => return Err(failed()),
        Some(width) => fitted(picture, width, u32::MAX),
        None => picture,
    };
    let rgb = picture.to_rgb8();
    match variant.format {
        Format::Jpeg => {
            let mut out = Cursor::new(Vec::new());
            DynamicImage::ImageRgb8(rgb).write_to(&mut out, ImageFormat::Jpeg).map_err(|_| failed())?;
            Ok(out.into_inner())
        }
        Format::Webp => {
            let mut config = webp::WebPConfig::new().map_err(|_| failed())?;
            config.quality = WEBP_QUALITY;
            let encoder = webp::Encoder::from_rgb(rgb.as_raw(), rgb.width(), rgb.height());
            Ok(encoder.encode_advanced(&config).map_err(|_| failed())?.to_vec())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn jpeg(w: u32, h: u32) -> Vec<u8> {
        let mut out = Cursor::new(Vec::new());
        DynamicImage::new_rgb8(w, h).write_to(&mut out, ImageFormat::Jpeg).unwrap_or_else(|e| panic!("{e}"));
        out.into_inner()
    }

    #[test]
    fn keys_name_their_picture_and_variant() {
        let webp_480 = Variant { width: Some(480), format: Format::Webp };
        assert_eq!(webp_480.key("projects/3-ab-1600x900.jpg").as_deref(), Some("projects/3-ab-1600x900.w480.webp"));
        assert_eq!(parse("projects/3-ab-1600x900.w480.webp"), ("projects/3-ab-1600x900.jpg".into(), Some(webp_480)));
        let full = Variant { width: None, format: Format::Webp };
        assert_eq!(parse("ideas/7/cd.webp"), ("ideas/7/cd.jpg".into(), Some(full)));
        assert_eq!(parse("ideas/7/cd.jpg"), ("ideas/7/cd.jpg".into(), None));
        assert_eq!(parse("ideas/7/cd.pdf"), ("ideas/7/cd.pdf".into(), None));
        // Only the offered widths, written plainly, name a variant.
        assert_eq!(parse("ideas/7/cd.w500.jpg").1, None);
        assert_eq!(parse("ideas/7/cd.w0480.jpg").1, None);
        assert_eq!(all_keys("a/b.jpg").len(), 7);
        assert!(all_keys("a/b.jpg").iter().all(|k| parse(k).0 == "a/b.jpg" && parse(k).1.is_some()));
        assert_eq!(size_in_key("projects/3-ab-1600x900.jpg"), Some((1600, 900)));
        assert_eq!(size_in_key("projects/3-abcdef0123456789.jpg"), None);
    }

    #[test]
    fn variants_are_smaller_copies_never_larger() {
        let stored = jpeg(1200, 800);
        let small =
            render(&stored, Variant { width: Some(480), format: Format::Webp }).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(image::guess_format(&small).ok(), Some(ImageFormat::WebP));
        let back = image::load_from_memory(&small).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!((back.width(), back.height()), (480, 320));
        let jpeg_960 =
            render(&stored, Variant { width: Some(960), format: Format::Jpeg }).unwrap_or_else(|e| panic!("{e}"));
        let back = image::load_from_memory(&jpeg_960).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!((back.width(), back.height()), (960, 640));
        let full = render(&stored, Variant { width: None, format: Format::Webp }).unwrap_or_else(|e| panic!("{e}"));
        let back = image::load_from_memory(&full).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!((back.width(), back.height()), (1200, 800));
        assert!(render(&stored, Variant { width: Some(1600), format: Format::Jpeg }).is_err());
        assert_eq!(widths_below(1200).collect::<Vec<_>>(), [480, 960]);
    }
}
