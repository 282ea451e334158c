// SPDX-License-Identifier: AGPL-3.0-only
//! Who is asking: nobody, a signed-in user, or the operator at the command line.
use serde::Serialize;

/// The platform-wide administrator role.
pub const ADMIN: &str = "admin";
/// A moderator of one project (scope `project:<id>`); projects arrive with issue #4.
pub const PROJECT_MODERATOR: &str = "project_moderator";

/// A signed-in user as the request sees them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Viewer {
    pub id: i32,
    pub email: String,
    pub display_name: String,
    pub locale: String,
    /// Role names; scoped roles as `role:scope`.
    pub roles: Vec<String>,
    pub email_confirmed: bool,
    pub session_version: i32,
    /// The user groups they belong to, as the edition's modules know them (manual groups,
    /// smart groups); empty in the core edition.
    pub groups: Vec<i32>,
    /// Whether a verification method confirmed their identity (Premium).
    pub verified: bool,
    /// The verified identity as its keyed hash (the same person verified from another account
    /// has the same one); `None` when not verified.
    pub identity: Option<String>,
    /// Whether a registration question they must answer is still open (Standard's
    /// registration fields); they answer it before taking part.
    pub registration_incomplete: bool,
    /// The id of the session the request came with (signing out ends it); `None` outside a
    /// browser or API session.
    pub session_id: Option<String>,
}

/// What the edition's modules add to a signed-in user for the permission engine and project
/// visibility (see `Module::viewer_facts`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ViewerFacts {
    pub groups: Vec<i32>,
    pub verified: bool,
    /// The verified identity's keyed hash (see [`Viewer::identity`]).
    pub identity: Option<String>,
    /// A required registration question is unanswered.
    pub registration_incomplete: bool,
    /// Roles the module grants besides the stored ones (a folder's moderators moderate each of
    /// its projects: `project_moderator:project:<id>`).
    pub roles: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Actor {
    Anonymous,
    User(Viewer),
    /// The operator at the command line, who owns the machine and the data directory.
    Operator,
}

impl Actor {
    pub fn is_admin(&self) -> bool {
        match self {
            Actor::Operator => true,
            Actor::User(v) => v.roles.iter().any(|r| r == ADMIN),
            Actor::Anonymous => false,
        }
    }

    pub fn viewer(&self) -> Option<&Viewer> {
        match self {
            Actor::User(v) => Some(v),
            _ => None,
        }
    }

    pub fn user_id(&self) -> Option<i32> {
        self.viewer().map(|v| v.id)
    }

    /// How the audit log names this actor.
    pub fn label(&self) -> String {
        match self {
            Actor::Anonymous => "anonymous".into(),
            Actor::User(v) => v.email.clone(),
            Actor::Operator => "operator (command line)".into(),
        }
    }
}

/// An integration signed in with an API token (Premium's `api_tokens`). The token acts as the
/// administrator who created it, with that person's roles at the time of each request; a
/// read-only token runs no mutation, and one without `personal_data` reads none
/// (`crate::personal_data`). Put into the request next to its [`Actor`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ApiClient {
    pub token_id: i32,
    /// The account the token acts as.
    pub user_id: i32,
    pub read_only: bool,
    /// Whether it may read personal data (e-mail addresses, the account it acts as, the
    /// audit log, member lists); false for the `read_public` scope.
    pub personal_data: bool,
}

/// The client's address as the server saw it (for throttling), put into each request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClientAddr(pub String);
