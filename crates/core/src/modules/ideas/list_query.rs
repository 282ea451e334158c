// SPDX-License-Identifier: AGPL-3.0-only
//! What a list of ideas on a page reads from its address: the order, the search, the filters,
//! the random order's seed and the page, as the project page's idea list and the voting panel
//! both understand them, so paging and filtering work as plain links and forms.
use serde::Deserialize;
use serde_json::{Value, json};

use crate::actor::ClientAddr;
use crate::modules::projects::Taxonomy;
use crate::modules::projects::model::phase;
use crate::{Actor, CoreError, Platform};

/// The list's query string; empty values mean "any". The voting panel reads the same names
/// (with numbered pages, `page`, instead of the cursor `after`).
#[derive(Debug, Default, Clone, Deserialize)]
pub struct ListQuery {
    #[serde(default)]
    pub sort: Option<String>,
    #[serde(default)]
    pub q: Option<String>,
    #[serde(default)]
    pub topic: Option<String>,
    #[serde(default)]
    pub status: Option<String>,
    #[serde(default)]
    pub area: Option<String>,
    #[serde(default)]
    pub after: Option<String>,
    #[serde(default)]
    pub seed: Option<u32>,
    #[serde(default)]
    pub page: Option<String>,
}

impl ListQuery {
    /// A query string read as the page reads its own (unknown names and bad numbers ignored).
    pub fn from_query(text: &str) -> ListQuery {
        let mut q = ListQuery::default();
        for (key, value) in form_urlencoded::parse(text.as_bytes()) {
            let value = Some(value.into_owned());
            match key.as_ref() {
                "sort" => q.sort = value,
                "q" => q.q = value,
                "topic" => q.topic = value,
                "status" => q.status = value,
                "area" => q.area = value,
                "after" => q.after = value,
                "seed" => q.seed = value.and_then(|v| v.parse().ok()),
                "page" => q.page = value,
                _ => {}
            }
        }
        q
    }

    /// The search, when it has more than spaces.
    pub fn search(&self) -> Option<String> {
        self.q.clone().filter(|s| !s.trim().is_empty())
    }
}

pub fn chosen(value: &Option<String>) -> Option<i32> {
    value.as_deref().and_then(|v| v.parse().ok())
}

/// A phase setting read from its JSON settings.
pub fn phase_setting(found: &phase::Model, key: &str) -> Option<String> {
    serde_json::from_str::<serde_json::Value>(&found.settings).ok()?.get(key)?.as_str().map(str::to_owned)
}

/// The random order's seed: the one in the link while paging, else one per visitor (their
/// account, or a hash of their address so nothing is stored for anonymous visitors).
pub fn seed_for(q: &ListQuery, actor: &Actor, client: Option<&ClientAddr>) -> u32 {
    if let Some(seed) = q.seed {
        return seed;
    }
    if let Some(id) = actor.user_id() {
        return id as u32;
    }
    let addr = client.map(|c| c.0.as_str()).unwrap_or_default();
    addr.bytes().fold(2_166_136_261u32, |h, b| (h ^ u32::from(b)).wrapping_mul(16_777_619))
}

/// The topics or areas offered as filters (and in the idea form), in the visitor's language.
pub async fn terms(platform: &Platform, kind: Taxonomy, locale: &str) -> Result<Vec<Value>, CoreError> {
    Ok(platform.terms(kind).await?.into_iter().map(|t| json!({ "id": t.id, "title": t.text(locale) })).collect())
}
