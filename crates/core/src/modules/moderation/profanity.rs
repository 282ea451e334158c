// SPDX-License-Identifier: AGPL-3.0-only
//! The profanity filter: ideas and comments that contain a word of a switched-on list are
//! refused with a clear message. There is one list per language in `crates/core/profanity`,
//! each a core feature of its own (on at first), so administrators choose in Features which
//! lists apply: a word that is rude in one language can be an ordinary word in another.
use std::collections::HashSet;
use std::sync::OnceLock;

use crate::modules::ideas::search::fold;
use crate::{CoreError, CoreResult, Platform};

/// Each list's language and the feature that switches it.
pub const LISTS: [(&str, &str); 3] =
    [("en", "profanity_filter_en"), ("nl", "profanity_filter_nl"), ("fr", "profanity_filter_fr")];

fn source(language: &str) -> &'static str {
    match language {
        "en" => include_str!("../../../profanity/en.txt"),
        "nl" => include_str!("../../../profanity/nl.txt"),
        "fr" => include_str!("../../../profanity/fr.txt"),
        _ => "",
    }
}

/// The folded words of each list, in `LISTS` order.
fn words() -> &'static [HashSet<String>] {
    static WORDS: OnceLock<Vec<HashSet<String>>> = OnceLock::new();
    WORDS.get_or_init(|| {
        LISTS
            .iter()
            .map(|(language, _)| {
                source(language)
                    .lines()
                    .map(str::trim)
                    .filter(|l| !l.is_empty() && !l.starts_with('#'))
                    .map(fold)
                    .collect()
            })
            .collect()
    })
}

/// The languages whose list holds a word of `text` (whole words, case and accents folded, tags
/// ignored).
pub fn profane_in(text: &str) -> Vec<&'static str> {
    let folded = fold(text);
    let found: Vec<&str> = folded.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect();
    LISTS
        .iter()
        .zip(words())
        .filter(|(_, list)| found.iter().any(|w| list.contains(*w)))
        .map(|((language, _), _)| *language)
        .collect()
}

impl Platform {
    /// Refuses `text` for `field` when it holds a word of a list that is switched on.
    pub(crate) async fn refuse_profanity(&self, field: &'static str, text: &str) -> CoreResult<()> {
        for language in profane_in(text) {
            let feature = LISTS.iter().find(|(l, _)| *l == language).map_or("", |(_, f)| *f);
            if self.feature(feature).await.map(|f| f.active).unwrap_or(true) {
                return Err(CoreError::Field { field, code: "text_profane" });
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::profane_in;

    #[test]
    fn whole_listed_words_are_caught_in_their_language() {
        assert_eq!(profane_in("What a load of BULLSHIT."), ["en"]);
        assert_eq!(profane_in("<p>Quelle <strong>merde</strong> !</p>"), ["fr"]);
        assert_eq!(profane_in("Wat een klootzak"), ["nl"]);
        assert_eq!(profane_in("Encule"), ["fr"], "accents are folded");
        // Parts of longer, harmless words are not.
        assert!(profane_in("Scunthorpe has a shitake stall").is_empty());
        assert!(profane_in("More benches near the school, please").is_empty());
    }
}
