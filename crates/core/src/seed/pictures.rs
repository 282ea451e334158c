// SPDX-License-Identifier: AGPL-3.0-only
//! Simple drawn pictures for the demo's ideas (a sky, the ground and a few round trees), so the
//! demo shows pictures without shipping photographs.
use image::{DynamicImage, ImageFormat, Rgb, RgbImage};

/// A landscape in one of a few palettes, as PNG bytes.
pub(super) fn landscape(variant: usize) -> Vec<u8> {
    const PALETTES: [([u8; 3], [u8; 3], [u8; 3]); 3] = [
        ([135, 190, 235], [96, 160, 80], [40, 110, 60]),
        ([250, 200, 150], [170, 170, 120], [120, 90, 60]),
        ([170, 200, 230], [120, 170, 110], [60, 130, 90]),
    ];
    let (sky, ground, tree) = PALETTES[variant % PALETTES.len()];
    let (w, h) = (960u32, 640u32);
    let horizon = h * 3 / 5;
    let trees: Vec<(i64, i64, i64)> = (0..5)
        .map(|k| (120 + k * 180 + (variant as i64 * 37) % 90, i64::from(horizon) - 30, 55 + (k * 13) % 30))
        .collect();
    let img = RgbImage::from_fn(w, h, |x, y| {
        let (x, y) = (i64::from(x), i64::from(y));
        if trees.iter().any(|(cx, cy, r)| (x - cx).pow(2) + (y - cy).pow(2) < r * r) {
            return Rgb(tree);
        }
        let base = if y < i64::from(horizon) { sky } else { ground };
        // A soft vertical gradient.
        let shade = (y * 40 / i64::from(h)) as u8;
        Rgb([base[0].saturating_sub(shade), base[1].saturating_sub(shade), base[2].saturating_sub(shade / 2)])
    });
    let mut out = std::io::Cursor::new(Vec::new());
    match DynamicImage::ImageRgb8(img).write_to(&mut out, ImageFormat::Png) {
        Ok(()) => out.into_inner(),
        Err(_) => Vec::new(),
    }
}
