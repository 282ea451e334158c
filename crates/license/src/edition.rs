// SPDX-License-Identifier: AGPL-3.0-only
use serde::{Deserialize, Serialize};

/// The edition a feature belongs to, and the edition a binary was built as.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Edition {
    Core,
    Standard,
    Premium,
}

impl Edition {
    pub fn as_str(self) -> &'static str {
        match self {
            Edition::Core => "core",
            Edition::Standard => "standard",
            Edition::Premium => "premium",
        }
    }

    /// The plan a licence needs for this edition's features (`None` for core).
    pub fn required_plan(self) -> Option<Plan> {
        match self {
            Edition::Core => None,
            Edition::Standard => Some(Plan::Standard),
            Edition::Premium => Some(Plan::Premium),
        }
    }
}

impl std::fmt::Display for Edition {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The plan a licence grants. Premium includes everything Standard has.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Plan {
    Standard,
    Premium,
}

impl Plan {
    pub fn as_str(self) -> &'static str {
        match self {
            Plan::Standard => "standard",
            Plan::Premium => "premium",
        }
    }

    pub fn parse(text: &str) -> Option<Plan> {
        match text {
            "standard" => Some(Plan::Standard),
            "premium" => Some(Plan::Premium),
            _ => None,
        }
    }

    /// Whether this plan covers the features of `edition`.
    pub fn covers(self, edition: Edition) -> bool {
        match edition.required_plan() {
            None => true,
            Some(needed) => self >= needed,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn premium_covers_standard_but_not_the_reverse() {
        assert!(Plan::Premium.covers(Edition::Standard));
        assert!(Plan::Premium.covers(Edition::Premium));
        assert!(Plan::Standard.covers(Edition::Standard));
        assert!(!Plan::Standard.covers(Edition::Premium));
        assert!(Plan::Standard.covers(Edition::Core));
    }
}
