// SPDX-License-Identifier: AGPL-3.0-only
//! Personal data in the GraphQL API, held back from clients that may not read it: API tokens
//! of Premium's `read_public` scope ([`ApiClient::personal_data`] false). The rule is applied
//! to every field the schema resolves, by [`PersonalDataGuard`], so a new resolver is covered
//! without doing anything: a field whose name speaks of an e-mail address, one about the
//! signed-in account's own doings (`myReaction`, `myRegistrationAnswers`: named `my…`), and
//! every field of the types below (but their `id`), is personal. Such a field answers null where it may be
//! null (as it does to a visitor without the right), and the error `personal_data_scope`
//! where it may not.
//!
//! Tokens reach nothing but `POST /graphql`: exports and "download my data" are pages or
//! mutations, which these tokens (read-only) never reach.
use std::sync::Arc;

use async_graphql::extensions::{Extension, ExtensionContext, ExtensionFactory, NextResolve, ResolveInfo};
use async_graphql::{ErrorExtensions, ServerResult, Value};

use crate::actor::ApiClient;

/// Object types that are about a person as a whole: the signed-in account (the token's own
/// creator), users as administrators see them, the audit log (which names people by e-mail),
/// volunteers, group members and moderators, and the lists of them.
pub const PERSONAL_TYPES: &[&str] = &[
    "Viewer",
    "AdminUser",
    "AuditEntry",
    "Notification",
    "NotificationPreference",
    "Volunteer",
    "GroupMember",
    "SmartGroupMember",
    "FolderModerator",
];

/// Whether `parent` is one of [`PERSONAL_TYPES`], or a list of them (its connection or edge).
fn personal_type(parent: &str) -> bool {
    let node = parent.strip_suffix("Connection").or_else(|| parent.strip_suffix("Edge")).unwrap_or(parent);
    PERSONAL_TYPES.contains(&node)
}

/// Fields whose name mentions e-mail but hold no one's address.
const NOT_PERSONAL: &[(&str, &str)] = &[("SmartGroupRules", "emailDomains")];

/// Whether field `name` of type `parent` is personal data.
pub fn is_personal(parent: &str, name: &str) -> bool {
    if name == "id" || name == "__typename" || NOT_PERSONAL.contains(&(parent, name)) {
        return false;
    }
    let own = name.strip_prefix("my").is_some_and(|rest| rest.starts_with(|c: char| c.is_ascii_uppercase()));
    personal_type(parent) || own || name.to_ascii_lowercase().contains("email")
}

/// The schema extension that applies [`is_personal`] to requests of clients without the right.
pub struct PersonalDataGuard;

impl ExtensionFactory for PersonalDataGuard {
    fn create(&self) -> Arc<dyn Extension> {
        Arc::new(PersonalDataGuardExtension)
    }
}

struct PersonalDataGuardExtension;

#[async_trait::async_trait]
impl Extension for PersonalDataGuardExtension {
    async fn resolve(
        &self,
        ctx: &ExtensionContext<'_>,
        info: ResolveInfo<'_>,
        next: NextResolve<'_>,
    ) -> ServerResult<Option<Value>> {
        let barred = !info.is_for_introspection
            && ctx.data_opt::<ApiClient>().is_some_and(|api| !api.personal_data)
            && is_personal(info.parent_type, info.name);
        if !barred {
            return next.run(ctx, info).await;
        }
        if !info.return_type.ends_with('!') {
            return Ok(None);
        }
        let error = async_graphql::Error::new("personal data: this API token's scope (read_public) does not cover it")
            .extend_with(|_, e| e.set("code", "personal_data_scope"));
        Err(error.into_server_error(async_graphql::Pos::default()))
    }
}

#[cfg(test)]
mod tests {
    use super::is_personal;

    #[test]
    fn e_mail_addresses_and_whole_personal_types_are_personal_but_not_their_ids() {
        assert!(is_personal("User", "email"));
        assert!(is_personal("Project", "moderatorEmails"));
        assert!(is_personal("SomeNewType", "contactEmail"), "a new resolver is covered by its name");
        assert!(is_personal("Viewer", "displayName"));
        assert!(is_personal("AuditEntry", "actorLabel"));
        assert!(is_personal("Idea", "myReaction") && is_personal("Query", "myRegistrationAnswers"));
        assert!(!is_personal("Query", "mystery"));
        assert!(!is_personal("Viewer", "id"));
        assert!(is_personal("AuditEntryConnection", "nodes") && is_personal("AdminUserEdge", "node"));
        assert!(!is_personal("IdeaConnection", "nodes"));
        assert!(!is_personal("User", "displayName"), "public profiles stay public");
        assert!(!is_personal("Idea", "title"));
        assert!(!is_personal("SmartGroupRules", "emailDomains"));
    }
}
