// SPDX-License-Identifier: AGPL-3.0-only
//! Uploaded pictures: the format is read from the bytes (never the file name), the picture is
//! decoded, cropped and resized, and re-encoded — which also drops EXIF and any other metadata.
use std::io::Cursor;

use image::{DynamicImage, ImageFormat, ImageReader, Limits, imageops::FilterType};

use crate::CoreError;

/// Uploads larger than this are refused before decoding.
pub const MAX_UPLOAD_BYTES: usize = 5 * 1024 * 1024;
/// Pictures wider or taller than this are refused (decompression bombs).
const MAX_DIMENSION: u32 = 8_000;
const ACCEPTED: &[ImageFormat] = &[ImageFormat::Png, ImageFormat::Jpeg, ImageFormat::WebP, ImageFormat::Gif];

fn refuse() -> CoreError {
    CoreError::Field { field: "avatar", code: "image_invalid" }
}

/// A PNG (transparency kept) that fits in `max_width` × `max_height`, never enlarged.
pub fn fitted_png(bytes: &[u8], max_width: u32, max_height: u32) -> Result<Vec<u8>, CoreError> {
    let picture = decode(bytes, "logo")?;
    let fitted = if picture.width() > max_width || picture.height() > max_height {
        picture.resize(max_width, max_height, FilterType::Lanczos3)
    } else {
        picture
    };
    let mut out = Cursor::new(Vec::new());
    DynamicImage::ImageRgba8(fitted.to_rgba8())
        .write_to(&mut out, ImageFormat::Png)
        .map_err(|_| CoreError::Field { field: "logo", code: "image_invalid" })?;
    Ok(out.into_inner())
}

/// A JPEG that fits in `max` × `max` pixels (never enlarged), with its width and height.
pub fn fitted_jpeg(bytes: &[u8], max: u32, field: &'static str) -> Result<(Vec<u8>, u32, u32), CoreError> {
    let picture = decode(bytes, field)?;
    let fitted = if picture.width() > max || picture.height() > max {
        picture.resize(max, max, FilterType::Lanczos3)
    } else {
        picture
    };
    let rgb = DynamicImage::ImageRgb8(fitted.to_rgb8());
    let mut out = Cursor::new(Vec::new());
    rgb.write_to(&mut out, ImageFormat::Jpeg).map_err(|_| CoreError::Field { field, code: "image_invalid" })?;
    Ok((out.into_inner(), rgb.width(), rgb.height()))
}

/// Decodes an upload whose format is read from its bytes, within size limits.
fn decode(bytes: &[u8], field: &'static str) -> Result<DynamicImage, CoreError> {
    let refuse = || CoreError::Field { field, code: "image_invalid" };
    if bytes.len() > MAX_UPLOAD_BYTES {
        return Err(CoreError::Field { field, code: "image_too_large" });
    }
    let format = image::guess_format(bytes).map_err(|_| refuse())?;
    if !ACCEPTED.contains(&format) {
        return Err(refuse());
    }
    let mut reader = ImageReader::with_format(Cursor::new(bytes), format);
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_DIMENSION);
    limits.max_image_height = Some(MAX_DIMENSION);
    limits.max_alloc = Some(256 * 1024 * 1024);
    reader.limits(limits);
    reader.decode().map_err(|_| refuse())
}

/// A square JPEG of `size` pixels, cropped from the middle of the upload.
pub fn square_jpeg(bytes: &[u8], size: u32) -> Result<Vec<u8>, CoreError> {
    let picture = decode(bytes, "avatar")?;
    let square = picture.resize_to_fill(size, size, FilterType::Lanczos3);
    let rgb = DynamicImage::ImageRgb8(square.to_rgb8());
    let mut out = Cursor::new(Vec::new());
    rgb.write_to(&mut out, ImageFormat::Jpeg).map_err(|_| refuse())?;
    Ok(out.into_inner())
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

    #[test]
    fn pictures_become_small_square_jpegs() {
        let jpeg = square_jpeg(&png(640, 480), 256).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(image::guess_format(&jpeg).ok(), Some(ImageFormat::Jpeg));
        let back = image::load_from_memory(&jpeg).unwrap_or_else(|e| panic!("{e}"));
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
    fn other_content_is_refused_whatever_its_name() {
        assert!(square_jpeg(b"<svg xmlns='http://www.w3.org/2000/svg'/>", 256).is_err());
        assert!(square_jpeg(b"GIF89a but not really", 256).is_err());
        let mut truncated = png(64, 64);
        truncated.truncate(40);
        assert!(square_jpeg(&truncated, 256).is_err());
    }
}
