// SPDX-License-Identifier: AGPL-3.0-only
//! Text from users and administrators is stored as given and cleaned on output with an
//! allow-list; plain text becomes paragraphs.
use std::sync::LazyLock;

use ammonia::Builder;

static CLEANER: LazyLock<Builder<'static>> = LazyLock::new(|| {
    let mut b = Builder::empty();
    b.add_tags(["p", "br", "strong", "em", "ul", "ol", "li", "a", "h2", "h3", "blockquote"])
        .add_tag_attributes("a", ["href"])
        .url_schemes(["http", "https", "mailto"].into_iter().collect())
        .link_rel(Some("noopener noreferrer nofollow"));
    b
});

/// Safe HTML for `text`: allowed tags stay, everything else goes; blank lines separate
/// paragraphs, so plain text reads as paragraphs too.
pub fn to_html(text: &str) -> String {
    const BLOCKS: [&str; 6] = ["<p", "<ul", "<ol", "<h2", "<h3", "<blockquote"];
    text.replace("\r\n", "\n")
        .split("\n\n")
        .map(|chunk| CLEANER.clean(chunk.trim()).to_string())
        .filter(|html| !html.trim().is_empty())
        .map(|html| {
            if BLOCKS.iter().any(|b| html.starts_with(b)) {
                html
            } else {
                format!("<p>{}</p>", html.trim().replace('\n', "<br>"))
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scripts_never_survive() {
        for payload in [
            "<script>alert(1)</script>Hello",
            "<img src=x onerror=alert(1)>",
            "<a href=\"javascript:alert(1)\">x</a>",
            "<p onclick=\"alert(1)\">x</p>",
            "<svg><script>alert(1)</script></svg>",
        ] {
            let html = to_html(payload);
            assert!(
                !html.contains("<script")
                    && !html.contains("onerror")
                    && !html.contains("javascript:")
                    && !html.contains("onclick"),
                "{html}"
            );
        }
        assert_eq!(to_html("One\n\nTwo <3"), "<p>One</p><p>Two &lt;3</p>");
        assert!(
            to_html("<p>Go <a href=\"https://example.org\">here</a></p>")
                .contains("rel=\"noopener noreferrer nofollow\"")
        );
    }
}
