// SPDX-License-Identifier: AGPL-3.0-only
//! Bar charts drawn on the server as SVG, so results read the same without JavaScript. A chart
//! is hidden from assistive technology: every chart is shown next to a table with its data.
use std::fmt::Write;

/// One bar: its label, its length, and the text printed after it.
#[derive(Debug, Clone, PartialEq)]
pub struct Bar {
    pub label: String,
    pub value: f64,
    pub shown: String,
}

const WIDTH: u32 = 640;
const ROW: u32 = 34;
const LABEL_WIDTH: u32 = 230;
const BAR_SPACE: u32 = 320;
const LABEL_CHARS: usize = 30;

/// Characters that would end an attribute or start markup, as entities.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// A label cut to fit its column.
fn fitted(label: &str) -> String {
    if label.chars().count() <= LABEL_CHARS {
        return label.to_owned();
    }
    let cut: String = label.chars().take(LABEL_CHARS - 1).collect();
    format!("{}…", cut.trim_end())
}

/// Horizontal bars, longest value full width. Scales with its container (viewBox).
pub fn bar_chart(bars: &[Bar]) -> String {
    let height = ROW * bars.len() as u32 + 8;
    let top = bars.iter().map(|b| b.value).fold(0.0_f64, f64::max);
    let mut svg = format!(
        r#"<svg class="chart" viewBox="0 0 {WIDTH} {height}" width="100%" aria-hidden="true" focusable="false" xmlns="http://www.w3.org/2000/svg">"#
    );
    for (k, bar) in bars.iter().enumerate() {
        let y = 4 + ROW * k as u32;
        let length = if top > 0.0 { (bar.value.max(0.0) / top * f64::from(BAR_SPACE)).round() as u32 } else { 0 };
        let text_y = y + ROW / 2 + 5;
        let _ = write!(
            svg,
            r#"<text class="chart-label" x="{}" y="{text_y}" text-anchor="end">{}</text><rect class="chart-track" x="{}" y="{}" width="{BAR_SPACE}" height="{}" rx="3"/><rect class="chart-bar" x="{}" y="{}" width="{length}" height="{}" rx="3"/><text class="chart-value" x="{}" y="{text_y}">{}</text>"#,
            LABEL_WIDTH - 8,
            escape(&fitted(&bar.label)),
            LABEL_WIDTH,
            y + 6,
            ROW - 12,
            LABEL_WIDTH,
            y + 6,
            ROW - 12,
            LABEL_WIDTH + BAR_SPACE + 8,
            escape(&bar.shown),
        );
    }
    svg.push_str("</svg>");
    svg
}

const COLUMN_HEIGHT: u32 = 120;

/// Columns over time, the tallest full height, with the first and last labels under the axis
/// and the largest value written above its column.
pub fn column_chart(columns: &[(String, i64)]) -> String {
    let n = columns.len().max(1) as u32;
    let slot = (WIDTH - 20) / n;
    let gap = if slot > 6 { slot / 5 } else { 0 };
    let top = columns.iter().map(|c| c.1).max().unwrap_or(0).max(1);
    let height = COLUMN_HEIGHT + 44;
    let mut svg = format!(
        r#"<svg class="chart chart-columns" viewBox="0 0 {WIDTH} {height}" width="100%" aria-hidden="true" focusable="false" xmlns="http://www.w3.org/2000/svg">"#
    );
    let base = COLUMN_HEIGHT + 16;
    let _ = write!(svg, r#"<rect class="chart-track" x="10" y="{base}" width="{}" height="1"/>"#, WIDTH - 20);
    let peak = columns.iter().position(|c| c.1 == top);
    for (k, (_, value)) in columns.iter().enumerate() {
        let h = (*value as f64 / top as f64 * f64::from(COLUMN_HEIGHT)).round() as u32;
        let x = 10 + slot * k as u32 + gap / 2;
        let _ =
            write!(svg, r#"<rect class="chart-bar" x="{x}" y="{}" width="{}" height="{h}"/>"#, base - h, slot - gap);
        if Some(k) == peak && *value > 0 {
            let _ = write!(
                svg,
                r#"<text class="chart-value" x="{}" y="{}" text-anchor="middle">{value}</text>"#,
                x + (slot - gap) / 2,
                base - h - 4
            );
        }
    }
    if let (Some(first), Some(last)) = (columns.first(), columns.last()) {
        let y = base + 20;
        let _ = write!(svg, r#"<text class="chart-label" x="10" y="{y}">{}</text>"#, escape(&first.0));
        let _ = write!(
            svg,
            r#"<text class="chart-label" x="{}" y="{y}" text-anchor="end">{}</text>"#,
            WIDTH - 10,
            escape(&last.0)
        );
    }
    svg.push_str("</svg>");
    svg
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_scale_to_the_tallest_and_label_the_ends() {
        let svg = column_chart(&[("2026-11-01".into(), 0), ("2026-11-02".into(), 4), ("2026-11-03".into(), 2)]);
        assert!(svg.contains(r#"height="120"/>"#) && svg.contains(r#"height="60"/>"#), "{svg}");
        assert!(svg.contains(">2026-11-01</text>") && svg.contains(">2026-11-03</text>"));
        assert!(svg.contains(">4</text>"), "the peak is labelled");
    }

    fn bar(label: &str, value: f64) -> Bar {
        Bar { label: label.into(), value, shown: format!("{value}") }
    }

    #[test]
    fn the_longest_value_fills_the_space_and_others_scale() {
        let svg = bar_chart(&[bar("Bike", 10.0), bar("Bus", 5.0), bar("Car", 0.0)]);
        assert!(svg.contains(r#"width="320" height="22" rx="3"/><text class="chart-value""#));
        assert!(svg.contains(r#"class="chart-bar" x="230" y="44" width="160""#), "{svg}");
        assert!(svg.contains(r#"class="chart-bar" x="230" y="78" width="0""#));
        assert!(svg.starts_with("<svg") && svg.contains(r#"viewBox="0 0 640 110""#));
    }

    #[test]
    fn labels_are_escaped_and_cut() {
        let svg = bar_chart(&[bar("<script>alert('x')</script> & a rather long label indeed", 1.0)]);
        assert!(!svg.contains("<script>"));
        assert!(svg.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp;…"), "{svg}");
    }

    #[test]
    fn an_empty_chart_has_no_bars() {
        let svg = bar_chart(&[bar("None yet", 0.0)]);
        assert!(svg.contains(r#"width="0""#));
    }
}
