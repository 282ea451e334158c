// SPDX-License-Identifier: AGPL-3.0-only
//! Configuration errors in the words of the place the value came from: a key of the file, a
//! `TOWNHALL_*` variable or a command-line flag. Nothing of figment's inner names (profiles
//! such as `default.bind`, the type or the source line that supplied the flags) reaches the
//! operator.
use std::path::PathBuf;

use figment::error::{Actual, Kind};
use figment::value::{Dict, Map};
use figment::{Metadata, Profile, Provider};

use crate::config::{ENV_PREFIX, Overrides};

/// The name figment records for values given as flags (see the `Provider` below).
const FLAGS: &str = "command-line flags";

/// Where a value came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Origin {
    File(PathBuf),
    Environment,
    Flags,
    Defaults,
}

impl Origin {
    pub(crate) fn of(metadata: Option<&Metadata>) -> Origin {
        let Some(metadata) = metadata else { return Origin::Defaults };
        match &metadata.source {
            Some(figment::Source::File(path)) => Origin::File(path.clone()),
            _ if metadata.name.contains("environment variable") => Origin::Environment,
            _ if metadata.name == FLAGS => Origin::Flags,
            _ => Origin::Defaults,
        }
    }

    /// How the operator wrote `key` in this place.
    fn spelling(&self, key: &str) -> String {
        match self {
            Origin::Environment => format!("{ENV_PREFIX}{}", key.to_ascii_uppercase()),
            Origin::Flags => format!("--{}", key.replace('_', "-")),
            Origin::File(_) | Origin::Defaults => key.to_owned(),
        }
    }

    /// `key` named for the operator: `bind (in townhall.toml)`, `smtp_port (TOWNHALL_SMTP_PORT)`…
    pub(crate) fn name(&self, key: &str) -> String {
        match self {
            Origin::File(path) => format!("`{key}` (in {})", path.display()),
            Origin::Environment | Origin::Flags => format!("`{key}` (given as {})", self.spelling(key)),
            Origin::Defaults => format!("`{key}`"),
        }
    }
}

/// Every error figment found, one per line.
pub(crate) fn describe(error: figment::Error) -> String {
    error.into_iter().map(|e| describe_one(&e)).collect::<Vec<_>>().join("\n")
}

fn describe_one(error: &figment::Error) -> String {
    let origin = Origin::of(error.metadata.as_ref());
    let mut path = error.path.clone();
    if let Kind::UnknownField(field, _) = &error.kind
        && path.last() != Some(field)
    {
        path.push(field.clone());
    }
    let key = path.join(".");
    match &error.kind {
        Kind::UnknownField(field, known) => {
            let place = match &origin {
                Origin::File(path) => format!(" in {}", path.display()),
                _ => String::new(),
            };
            let hint =
                closest(field, known).map(|k| format!(" (did you mean `{}`?)", origin.spelling(k))).unwrap_or_default();
            format!("unknown setting `{}`{place}{hint}", origin.spelling(&key))
        }
        // An unreadable file: the parser's message says where, in the file's own lines.
        Kind::Message(message) if key.is_empty() => match &origin {
            Origin::File(path) => format!("cannot read {}: {}", path.display(), message.trim()),
            _ => message.trim().to_owned(),
        },
        kind => format!("invalid value for {}: {}", origin.name(&key), value_problem(kind)),
    }
}

/// What is wrong with a value, in plain words.
fn value_problem(kind: &Kind) -> String {
    match kind {
        Kind::UnknownVariant(found, expected) => {
            let list: Vec<String> = expected.iter().map(|v| format!("`{v}`")).collect();
            format!("`{found}` is not one of {}", list.join(", "))
        }
        Kind::InvalidType(found, expected) | Kind::InvalidValue(found, expected) => {
            format!("{} is not {}", found_value(found), expected_value(expected))
        }
        Kind::Message(message) if message == "invalid socket address syntax" => {
            format!("it is not {}", expected_value("socket address"))
        }
        Kind::Message(message) => message.clone(),
        other => other.to_string(),
    }
}

fn found_value(found: &Actual) -> String {
    match found {
        Actual::Str(s) => format!("`{s}`"),
        Actual::Bool(b) => format!("`{b}`"),
        Actual::Unsigned(n) => format!("`{n}`"),
        Actual::Signed(n) => format!("`{n}`"),
        Actual::Float(n) => format!("`{n}`"),
        other => other.to_string(),
    }
}

/// serde's names of types as an operator would say them.
fn expected_value(expected: &str) -> String {
    match expected {
        "u16" => "a whole number from 0 to 65535".into(),
        "u32" => "a whole number from 0 to 4294967295".into(),
        "a boolean" => "`true` or `false`".into(),
        "socket address" => "an address with a port, such as 127.0.0.1:3000".into(),
        "path string" | "a string" => "text".into(),
        other => other.to_owned(),
    }
}

/// The known key nearest to a mistyped one, when it is near enough to be the one meant.
fn closest<'a>(typed: &str, known: &[&'a str]) -> Option<&'a str> {
    let typed = typed.to_ascii_lowercase();
    known
        .iter()
        .map(|k| (strsim::levenshtein(&typed, k), *k))
        .filter(|(distance, k)| *distance <= 2.max(k.len() / 4))
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, k)| k)
}

/// Flags are a provider of their own, so that errors can say a value came from a flag.
impl Provider for Overrides {
    fn metadata(&self) -> Metadata {
        Metadata::named(FLAGS)
    }

    fn data(&self) -> Result<Map<Profile, Dict>, figment::Error> {
        figment::providers::Serialized::defaults(self).data()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_near_key_is_suggested_and_a_far_one_is_not() {
        let known = ["bind", "database_url", "log_format"];
        assert_eq!(closest("bindd", &known), Some("bind"));
        assert_eq!(closest("DATABASE_URI", &known), Some("database_url"));
        assert_eq!(closest("favourite_colour", &known), None);
    }

    #[test]
    fn keys_are_spelt_as_their_place_spells_them() {
        assert_eq!(Origin::Environment.spelling("smtp_port"), "TOWNHALL_SMTP_PORT");
        assert_eq!(Origin::Flags.spelling("base_url"), "--base-url");
        assert_eq!(Origin::File("t.toml".into()).name("bind"), "`bind` (in t.toml)");
    }
}
