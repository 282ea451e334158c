// SPDX-License-Identifier: LicenseRef-Townhall-Commercial
//! The rules of a smart group and the one SQL condition they become. A user is a member when
//! every rule holds; membership is never stored but asked of the database each time, so it
//! follows changes of the rules and of users at once. The same condition answers "is this user
//! a member" (on every signed-in request) and "who are the members" (the back office).
use serde::{Deserialize, Serialize};
use townhall_core::dashboard::metrics::Metric;
use townhall_core::sea_orm::Value;
use townhall_core::{CoreError, CoreResult};

/// What a member must be; unset rules do not count. At least one rule is set.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rules {
    /// Their e-mail address, confirmed, ends with `@` and one of these domains.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub email_domains: Vec<String>,
    /// Their identity is verified (`true`) or not (`false`); verification counts only while
    /// Premium's identity verification is active.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub verified: Option<bool>,
    /// They took part in this project in any way the dashboard counts (posted an idea,
    /// commented, reacted, submitted a basket, answered a poll or a survey, volunteered,
    /// registered for an event, and whatever later modules declare).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub took_part_in: Option<i32>,
    /// Their answer to a registration question is one of these values (each rule must hold).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub answers: Vec<AnswerRule>,
    /// They were born in these years (both included; an open end is unset), by their answer
    /// to a year-of-birth question.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub born_from: Option<i32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub born_to: Option<i32>,
    /// They live in one of these areas, by their answer to an area-of-residence question.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub areas: Vec<i32>,
}

/// An answer to a registration question among `values` (for a multiple choice: one of them
/// picked).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AnswerRule {
    pub field_id: i32,
    pub values: Vec<String>,
}

pub const MAX_DOMAINS: usize = 20;

impl Rules {
    pub fn parse(json: &str) -> Rules {
        serde_json::from_str(json).unwrap_or_default()
    }

    /// Normalised (domains in lower case, without `@`, each once) and checked.
    pub fn checked(mut self) -> CoreResult<Rules> {
        let mut domains: Vec<String> = Vec::new();
        for raw in &self.email_domains {
            let domain = raw.trim().trim_start_matches('@').to_lowercase();
            if domain.is_empty() {
                continue;
            }
            let valid = domain.len() <= 253
                && domain.contains('.')
                && domain
                    .split('.')
                    .all(|label| !label.is_empty() && label.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'));
            if !valid {
                return Err(CoreError::Field { field: "email_domains", code: "smart_group_domain_invalid" });
            }
            if !domains.contains(&domain) {
                domains.push(domain);
            }
        }
        if domains.len() > MAX_DOMAINS {
            return Err(CoreError::Field { field: "email_domains", code: "smart_group_domains_too_many" });
        }
        self.email_domains = domains;
        self.answers.retain(|a| !a.values.is_empty());
        let years = 1900..=2200;
        if self.born_from.is_some_and(|y| !years.contains(&y))
            || self.born_to.is_some_and(|y| !years.contains(&y))
            || matches!((self.born_from, self.born_to), (Some(from), Some(to)) if from > to)
        {
            return Err(CoreError::Field { field: "born", code: "smart_group_years_invalid" });
        }
        self.areas.sort_unstable();
        self.areas.dedup();
        let none = self.email_domains.is_empty()
            && self.verified.is_none()
            && self.took_part_in.is_none()
            && self.answers.is_empty()
            && self.born_from.is_none()
            && self.born_to.is_none()
            && self.areas.is_empty();
        if none {
            return Err(CoreError::Field { field: "rules", code: "smart_group_rules_required" });
        }
        Ok(self)
    }

    /// The condition on the users table aliased `u`, with `?` placeholders and their values.
    /// `verification_counts` says whether identity verification is active; `ways` are the
    /// ways of taking part (the registry's participation metrics).
    pub fn condition(&self, verification_counts: bool, ways: &[Metric]) -> (String, Vec<Value>) {
        let mut parts = Vec::new();
        let mut values: Vec<Value> = Vec::new();
        if !self.email_domains.is_empty() {
            // Only an address its owner confirmed proves anything about them.
            let any: Vec<&str> = self.email_domains.iter().map(|_| "LOWER(u.email) LIKE ?").collect();
            parts.push(format!("(u.email_confirmed_at IS NOT NULL AND ({}))", any.join(" OR ")));
            values.extend(self.email_domains.iter().map(|d| Value::from(format!("%@{d}"))));
        }
        match (self.verified, verification_counts) {
            (None, _) => {}
            (Some(wanted), true) => {
                let not = if wanted { "" } else { "NOT " };
                parts.push(format!("{not}EXISTS (SELECT 1 FROM identity_verifications v WHERE v.user_id = u.id)"));
            }
            // Without the module nobody is verified.
            (Some(true), false) => parts.push("1 = 0".into()),
            (Some(false), false) => {}
        }
        if let Some(project) = self.took_part_in {
            let any: Vec<String> = ways.iter().filter_map(Metric::took_part).collect();
            values.extend(std::iter::repeat_n(Value::from(project), any.len()));
            parts.push(if any.is_empty() { "1 = 0".into() } else { format!("({})", any.join(" OR ")) });
        }
        // Answers are stored as JSON lists of strings (`["c1","c3"]`): a value is picked when
        // it stands there in quotes.
        for rule in &self.answers {
            let any: Vec<&str> = rule.values.iter().map(|_| "a.value LIKE ?").collect();
            parts.push(format!(
                "EXISTS (SELECT 1 FROM registration_answers a WHERE a.user_id = u.id AND a.field_id = ? AND ({}))",
                any.join(" OR ")
            ));
            values.push(Value::from(rule.field_id));
            values.extend(rule.values.iter().map(|v| Value::from(format!("%\"{}\"%", like_escaped(v)))));
        }
        if self.born_from.is_some() || self.born_to.is_some() {
            // The year is the answer's only value: `["1990"]`. The CASE keeps PostgreSQL from
            // casting answers of other questions, which it may look at first.
            let year = "(CASE WHEN f.kind = 'birth_year' THEN CAST(SUBSTR(a.value, 3, 4) AS INTEGER) END)";
            parts.push(format!(
                "EXISTS (SELECT 1 FROM registration_answers a JOIN registration_fields f ON f.id = a.field_id \
                 WHERE a.user_id = u.id AND f.kind = 'birth_year' AND {year} >= ? AND {year} <= ?)"
            ));
            values.push(Value::from(self.born_from.unwrap_or(0)));
            values.push(Value::from(self.born_to.unwrap_or(9999)));
        }
        if !self.areas.is_empty() {
            let any: Vec<&str> = self.areas.iter().map(|_| "a.value LIKE ?").collect();
            parts.push(format!(
                "EXISTS (SELECT 1 FROM registration_answers a JOIN registration_fields f ON f.id = a.field_id \
                 WHERE a.user_id = u.id AND f.kind = 'area' AND ({}))",
                any.join(" OR ")
            ));
            values.extend(self.areas.iter().map(|a| Value::from(format!("%\"{a}\"%"))));
        }
        if parts.is_empty() {
            parts.push("1 = 1".into());
        }
        (parts.join(" AND "), values)
    }
}

/// A value for a LIKE pattern: its wildcards taken literally are left out (answers are keys,
/// numbers and ids, which have none).
fn like_escaped(value: &str) -> String {
    value.chars().filter(|c| !matches!(c, '%' | '_' | '"' | '\\')).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules_are_normalised_and_need_one_rule() {
        let rules =
            Rules { email_domains: vec![" @City.Example.org".into(), "city.example.org".into()], ..Default::default() };
        assert_eq!(rules.checked().map(|r| r.email_domains).ok(), Some(vec!["city.example.org".to_owned()]));
        let bad = Rules { email_domains: vec!["not a domain".into()], ..Default::default() };
        assert!(bad.checked().is_err());
        assert!(Rules::default().checked().is_err(), "a group of everyone is no smart group");
    }

    #[test]
    fn the_condition_has_one_value_per_placeholder() {
        let rules = Rules {
            email_domains: vec!["a.org".into(), "b.org".into()],
            verified: Some(true),
            took_part_in: Some(3),
            answers: vec![AnswerRule { field_id: 4, values: vec!["c1".into(), "c2".into()] }],
            born_from: Some(1980),
            born_to: None,
            areas: vec![7],
        };
        let ways: Vec<Metric> = townhall_core::modules::modules().iter().flat_map(|m| m.metrics()).collect();
        let (sql, values) = rules.condition(true, &ways);
        assert_eq!(sql.matches('?').count(), values.len());
        assert!(sql.contains("FROM volunteers t"), "every way of taking part counts: {sql}");
        assert!(rules.condition(false, &ways).0.contains("1 = 0"), "nobody is verified without the module");
    }
}
