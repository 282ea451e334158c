// SPDX-License-Identifier: AGPL-3.0-only
//! The profanity filter: ideas and comments that contain a listed word (in any of the
//! platform's languages) are refused with a clear message. Lists live in `crates/core/profanity`;
//! administrators switch the filter off in Features.
use std::collections::HashSet;
use std::sync::OnceLock;

use crate::modules::ideas::search::fold;
use crate::{CoreError, CoreResult, Platform};

/// The feature that switches the filter.
pub const PROFANITY_FILTER: &str = "profanity_filter";

const LISTS: [&str; 3] = [
    include_str!("../../../profanity/en.txt"),
    include_str!("../../../profanity/nl.txt"),
    include_str!("../../../profanity/fr.txt"),
];

fn words() -> &'static HashSet<String> {
    static WORDS: OnceLock<HashSet<String>> = OnceLock::new();
    WORDS.get_or_init(|| {
        LISTS
            .iter()
            .flat_map(|list| list.lines())
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .map(fold)
            .collect()
    })
}

/// Whether a text holds a listed word (whole words, case and accents folded, tags ignored).
pub fn is_profane(text: &str) -> bool {
    let list = words();
    fold(text).split(|c: char| !c.is_alphanumeric()).any(|w| !w.is_empty() && list.contains(w))
}

impl Platform {
    /// Refuses `text` for `field` when the filter is on and the text holds a listed word.
    pub(crate) async fn refuse_profanity(&self, field: &'static str, text: &str) -> CoreResult<()> {
        if !is_profane(text) {
            return Ok(());
        }
        let on = self.feature(PROFANITY_FILTER).await.map(|f| f.active).unwrap_or(true);
        if on { Err(CoreError::Field { field, code: "text_profane" }) } else { Ok(()) }
    }
}

#[cfg(test)]
mod tests {
    use super::is_profane;

    #[test]
    fn whole_listed_words_are_caught_in_every_language() {
        assert!(is_profane("What a load of BULLSHIT."));
        assert!(is_profane("<p>Quelle <strong>merde</strong> !</p>"));
        assert!(is_profane("Wat een klootzak"));
        assert!(is_profane("Encule"), "accents are folded");
        // Parts of longer, harmless words are not.
        assert!(!is_profane("Scunthorpe has a shitake stall"));
        assert!(!is_profane("More benches near the school, please"));
    }
}
