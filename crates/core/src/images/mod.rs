// SPDX-License-Identifier: AGPL-3.0-only
//! Uploaded pictures: the format is read from the bytes (never the file name), the size the
//! picture declares is checked before anything is decoded, then it is decoded, cropped and
//! resized, and re-encoded — which also drops EXIF and any other metadata. The functions here
//! are blocking; services run them through [`Platform::picture`](crate::Platform::picture),
//! which keeps them off the async workers, a few at a time (`pool.rs`).
use std::io::Cursor;

use image::{DynamicImage, ImageFormat, ImageReader, Limits, imageops::FilterType};

use crate::CoreError;

mod pool;
mod stored;
pub mod variants;

/// Uploads larger than this are refused before decoding.
pub const MAX_UPLOAD_BYTES: usize = 5 * 1024 * 1024;
/// The most a request uploading one picture may carry: the picture and the form around it.
pub const UPLOAD_BODY_LIMIT_BYTES: usize = MAX_UPLOAD_BYTES + 1024 * 1024;
/// Pictures wider or taller than this are refused, whatever their kind.
const MAX_SIDE: u32 = 8_000;
const ACCEPTED: &[ImageFormat] = &[ImageFormat::Png, ImageFormat::Jpeg, ImageFormat::WebP, ImageFormat::Gif];

/// The most pixels a picture may declare, by what it becomes (decision 0021). Decoding costs
/// CPU and memory in proportion to the pixels, and a picture of few bytes can declare many.
#[derive(Debug, Clone, Copy)]
pub struct Bound {
    pub max_pixels: u64,
    /// The field error's code when a picture declares more.
    pub code: &'static str,
}

/// Avatars and logos, shown small: a 12-megapixel phone photo (4032 × 3024, 4080 × 3072) fits.
pub const SMALL: Bound = Bound { max_pixels: 12_600_000, code: "image_over_12_megapixels" };
/// Pictures shown large (ideas, project headers, causes, folders): a 24-megapixel photo
/// (6000 × 4000, 5712 × 4284) fits.
pub const LARGE: Bound = Bound { max_pixels: 25_000_000, code: "image_over_25_megapixels" };

/// A PNG (transparency kept) that fits in `max_width` × `max_height`, never enlarged (logos).
pub fn fitted_png(bytes: &[u8], max_width: u32, max_height: u32) -> Result<Vec<u8>, CoreError> {
    let picture = decode(bytes, "logo", SMALL)?;
    let fitted = fitted(picture, max_width, max_height);
    let mut out = Cursor::new(Vec::new());
    DynamicImage::ImageRgba8(fitted.to_rgba8())
        .write_to(&mut out, ImageFormat::Png)
        .map_err(|_| CoreError::Field { field: "logo", code: "image_invalid" })?;
    Ok(out.into_inner())
}

/// A JPEG that fits in `max` × `max` pixels (never enlarged), with its width and height
/// (pictures shown large: see [`LARGE`]).
pub fn fitted_jpeg(bytes: &[u8], max: u32, field: &'static str) -> Result<(Vec<u8>, u32, u32), CoreError> {
    let picture = decode(bytes, field, LARGE)?;
    let rgb = DynamicImage::ImageRgb8(fitted(picture, max, max).to_rgb8());
    let mut out = Cursor::new(Vec::new());
    rgb.write_to(&mut out, ImageFormat::Jpeg).map_err(|_| CoreError::Field { field, code: "image_invalid" })?;
    Ok((out.into_inner(), rgb.width(), rgb.height()))
}

/// A square JPEG of `size` pixels, cropped from the middle of the upload (avatars).
pub fn square_jpeg(bytes: &[u8], size: u32) -> Result<Vec<u8>, CoreError> {
    let field = "avatar";
    let picture = decode(bytes, field, SMALL)?;
    let side = picture.width().min(picture.height());
    let middle = picture.crop_imm((picture.width() - side) / 2, (picture.height() - side) / 2, side, side);
    let rgb = DynamicImage::ImageRgb8(scaled(&middle, size.min(side), size.min(side)).to_rgb8());
    let mut out = Cursor::new(Vec::new());
    rgb.write_to(&mut out, ImageFormat::Jpeg).map_err(|_| CoreError::Field { field, code: "image_invalid" })?;
    Ok(out.into_inner())
}

/// The width and height a picture declares in its header, read without decoding it.
fn declared_size(bytes: &[u8]) -> Option<(u32, u32)> {
    let format = image::guess_format(bytes).ok().filter(|f| ACCEPTED.contains(f))?;
    ImageReader::with_format(Cursor::new(bytes), format).into_dimensions().ok()
}

/// Decodes an upload whose format is read from its bytes, once its header showed a size
/// within `bound`.
fn decode(bytes: &[u8], field: &'static str, bound: Bound) -> Result<DynamicImage, CoreError> {
    let refuse = || CoreError::Field { field, code: "image_invalid" };
    if bytes.len() > MAX_UPLOAD_BYTES {
        return Err(CoreError::Field { field, code: "image_too_large" });
    }
    let format = image::guess_format(bytes).map_err(|_| refuse())?;
    if !ACCEPTED.contains(&format) {
        return Err(refuse());
    }
    let (width, height) = declared_size(bytes).ok_or_else(refuse)?;
    if width > MAX_SIDE || height > MAX_SIDE || u64::from(width) * u64::from(height) > bound.max_pixels {
        return Err(CoreError::Field { field, code: bound.code });
    }
    let mut reader = ImageReader::with_format(Cursor::new(bytes), format);
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_SIDE);
    limits.max_image_height = Some(MAX_SIDE);
    // Room for the declared pixels at 16 bits per channel with alpha, and nothing more.
    limits.max_alloc = Some(bound.max_pixels * 8);
    reader.limits(limits);
    reader.decode().map_err(|_| refuse())
}

/// `picture` scaled to fit in `max_width` × `max_height`, never enlarged.
fn fitted(picture: DynamicImage, max_width: u32, max_height: u32) -> DynamicImage {
    if picture.width() <= max_width && picture.height() <= max_height {
        return picture;
    }
    let scale = f64::min(
        f64::from(max_width) / f64::from(picture.width()),
        f64::from(max_height) / f64::from(picture.height()),
    );
    let width = ((f64::from(picture.width()) * scale).round() as u32).max(1);
    let height = ((f64::from(picture.height()) * scale).round() as u32).max(1);
    scaled(&picture, width, height)
}

/// `picture` scaled down to `width` × `height`. Far larger pictures are first averaged down to
/// twice that size (each pixel read once), so the Lanczos filter, whose cost grows with the
/// ratio, works on a small picture.
fn scaled(picture: &DynamicImage, width: u32, height: u32) -> DynamicImage {
    if picture.width() >= 4 * width && picture.height() >= 4 * height {
        picture.thumbnail_exact(2 * width, 2 * height).resize_exact(width, height, FilterType::Lanczos3)
    } else {
        picture.resize_exact(width, height, FilterType::Lanczos3)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn png(w: u32, h: u32) -> Vec<u8> {
        let img = DynamicImage::new_rgb8(w, h);
        let mut out = Cursor::new(Vec::new());
        img.write_to(&mut out, ImageFormat::Png).unwrap_or_else(|e| panic!("{e}"));
        out.into_inner()
    }

    /// A PNG that declares `w` × `h` pixels in its header but holds the data of one pixel:
    /// anything that tried to decode it would fail with `image_invalid`.
    fn declared_png(w: u32, h: u32) -> Vec<u8> {
        let mut bytes = png(1, 1);
        // The signature (8 bytes), then IHDR: length (4), type (4), width (4), height (4), the
        // rest of its fields (5) and its CRC over type and fields.
        bytes[16..20].copy_from_slice(&w.to_be_bytes());
        bytes[20..24].copy_from_slice(&h.to_be_bytes());
        let crc = crc32(&bytes[12..29]);
        bytes[29..33].copy_from_slice(&crc.to_be_bytes());
        bytes
    }

    fn crc32(bytes: &[u8]) -> u32 {
        let mut crc = !0u32;
        for byte in bytes {
            crc ^= u32::from(*byte);
            for _ in 0..8 {
                crc = if crc & 1 == 1 { (crc >> 1) ^ 0xEDB8_8320 } else { crc >> 1 };
            }
        }
        !crc
    }

    #[test]
    fn pictures_become_small_square_jpegs() {
        let jpeg = square_jpeg(&png(640, 480), 256).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(image::guess_format(&jpeg).ok(), Some(ImageFormat::Jpeg));
        let back = image::load_from_memory(&jpeg).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!((back.width(), back.height()), (256, 256));
        let large = square_jpeg(&png(4000, 3000), 256).unwrap_or_else(|e| panic!("{e}"));
        let back = image::load_from_memory(&large).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!((back.width(), back.height()), (256, 256));
    }

    #[test]
    fn logos_fit_without_growing() {
        let fitted = fitted_png(&png(1200, 300), 400, 120).unwrap_or_else(|e| panic!("{e}"));
        let back = image::load_from_memory(&fitted).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!((back.width(), back.height()), (400, 100));
        let small = fitted_png(&png(100, 50), 400, 120).unwrap_or_else(|e| panic!("{e}"));
        let back = image::load_from_memory(&small).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!((back.width(), back.height()), (100, 50));
    }

    #[test]
    fn large_pictures_keep_their_shape() {
        let (_, w, h) = fitted_jpeg(&png(6000, 4000), 1600, "images").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!((w, h), (1600, 1067));
    }

    #[test]
    fn other_content_is_refused_whatever_its_name() {
        assert!(square_jpeg(b"<svg xmlns='http://www.w3.org/2000/svg'/>", 256).is_err());
        assert!(square_jpeg(b"GIF89a but not really", 256).is_err());
        let mut truncated = png(64, 64);
        truncated.truncate(40);
        assert!(square_jpeg(&truncated, 256).is_err());
    }

    #[test]
    fn the_declared_size_is_refused_before_decoding() {
        fn code<T>(r: Result<T, CoreError>) -> Option<&'static str> {
            r.err().map(|e| e.code())
        }
        assert_eq!(declared_size(&declared_png(7_900, 7_900)), Some((7_900, 7_900)));
        // The bounds apply to the header: the picture data is never reached.
        assert_eq!(code(square_jpeg(&declared_png(7_900, 7_900), 256)), Some("image_over_12_megapixels"));
        assert_eq!(code(square_jpeg(&declared_png(4_000, 4_000), 256)), Some("image_over_12_megapixels"));
        assert_eq!(code(fitted_png(&declared_png(5_000, 5_000), 400, 120)), Some("image_over_12_megapixels"));
        assert_eq!(code(fitted_jpeg(&declared_png(7_900, 7_900), 1600, "images")), Some("image_over_25_megapixels"));
        assert_eq!(code(fitted_jpeg(&declared_png(8_001, 100), 1600, "images")), Some("image_over_25_megapixels"));
        // Within the bound, the missing data is what fails.
        assert_eq!(code(square_jpeg(&declared_png(4_000, 3_000), 256)), Some("image_invalid"));
        assert_eq!(code(fitted_jpeg(&declared_png(6_000, 4_000), 1600, "images")), Some("image_invalid"));
    }
}
