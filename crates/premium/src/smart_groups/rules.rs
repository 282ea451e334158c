// SPDX-License-Identifier: LicenseRef-Townhall-Commercial
//! The rules of a smart group and the one SQL condition they become. A user is a member when
//! every rule holds; membership is never stored but asked of the database each time, so it
//! follows changes of the rules and of users at once. The same condition answers "is this user
//! a member" (on every signed-in request) and "who are the members" (the back office).
use serde::{Deserialize, Serialize};
use townhall_core::sea_orm::Value;
use townhall_core::{CoreError, CoreResult};

/// What a member must be; unset rules do not count. At least one rule is set.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rules {
    /// Their e-mail address ends with `@` and one of these domains.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub email_domains: Vec<String>,
    /// Their identity is verified (`true`) or not (`false`); verification counts only while
    /// Premium's identity verification is active.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub verified: Option<bool>,
    /// They took part in this project: posted an idea, commented, reacted, submitted a basket,
    /// answered a poll or a survey, volunteered or registered for an event.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub took_part_in: Option<i32>,
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
        if self.email_domains.is_empty() && self.verified.is_none() && self.took_part_in.is_none() {
            return Err(CoreError::Field { field: "rules", code: "smart_group_rules_required" });
        }
        Ok(self)
    }

    /// The condition on the users table aliased `u`, with `?` placeholders and their values.
    /// `verification_counts` says whether identity verification is active.
    pub fn condition(&self, verification_counts: bool) -> (String, Vec<Value>) {
        let mut parts = Vec::new();
        let mut values: Vec<Value> = Vec::new();
        if !self.email_domains.is_empty() {
            let any: Vec<&str> = self.email_domains.iter().map(|_| "LOWER(u.email) LIKE ?").collect();
            parts.push(format!("({})", any.join(" OR ")));
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
            parts.push(format!("({})", TOOK_PART.join(" OR ")));
            values.extend(std::iter::repeat_n(Value::from(project), TOOK_PART.len()));
        }
        if parts.is_empty() {
            parts.push("1 = 1".into());
        }
        (parts.join(" AND "), values)
    }
}

/// Each way of taking part in project `?` for the user `u`.
const TOOK_PART: [&str; 8] = [
    "EXISTS (SELECT 1 FROM ideas i WHERE i.author_id = u.id AND i.project_id = ? AND i.published_at IS NOT NULL)",
    "EXISTS (SELECT 1 FROM comments c JOIN ideas i ON i.id = c.idea_id WHERE c.author_id = u.id AND i.project_id = ?)",
    "EXISTS (SELECT 1 FROM reactions r JOIN ideas i ON i.id = r.idea_id WHERE r.user_id = u.id AND i.project_id = ?)",
    "EXISTS (SELECT 1 FROM baskets b JOIN phases p ON p.id = b.phase_id WHERE b.user_id = u.id AND p.project_id = ? AND b.submitted_seq IS NOT NULL)",
    "EXISTS (SELECT 1 FROM poll_responses r JOIN phases p ON p.id = r.phase_id WHERE r.user_id = u.id AND p.project_id = ?)",
    "EXISTS (SELECT 1 FROM survey_responses r JOIN phases p ON p.id = r.phase_id WHERE r.user_id = u.id AND p.project_id = ?)",
    "EXISTS (SELECT 1 FROM volunteers v JOIN causes c ON c.id = v.cause_id JOIN phases p ON p.id = c.phase_id WHERE v.user_id = u.id AND p.project_id = ?)",
    "EXISTS (SELECT 1 FROM event_registrations r JOIN events e ON e.id = r.event_id WHERE r.user_id = u.id AND e.project_id = ?)",
];

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
        let rules =
            Rules { email_domains: vec!["a.org".into(), "b.org".into()], verified: Some(true), took_part_in: Some(3) };
        let (sql, values) = rules.condition(true);
        assert_eq!(sql.matches('?').count(), values.len());
        assert!(rules.condition(false).0.contains("1 = 0"), "nobody is verified without the module");
    }
}
