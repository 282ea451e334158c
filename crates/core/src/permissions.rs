// SPDX-License-Identifier: AGPL-3.0-only
//! The permission engine: one function answers "may this actor do this action here, and if not,
//! why". The HTML pages and GraphQL both ask it; the UI turns the reason into the next step.
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::Actor;
use crate::actor::{ADMIN, PROJECT_MODERATOR};
use crate::modules::projects::PhaseTiming;

/// What a resident can do in a phase (`posting_idea`, `voting`, …). The set is open: each participation method declares its actions (`MethodDef::actions`)
/// as constants in its own folder, and the engine answers for any of them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Action(&'static str);

impl Action {
    /// An action with this id (`snake_case`, stable: it is stored and named in the API).
    pub const fn new(id: &'static str) -> Self {
        Self(id)
    }

    pub fn as_str(self) -> &'static str {
        self.0
    }
}

impl Serialize for Action {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.0)
    }
}

/// Who an action is open to. `Groups` and `Verified` mean something only with the modules
/// that know groups (Standard's manual groups, Premium's smart groups) and verification
/// (Premium); without them nobody but the project's moderators qualifies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, async_graphql::Enum)]
#[serde(rename_all = "snake_case")]
#[graphql(rename_items = "snake_case")]
pub enum PermittedBy {
    Everyone,
    Users,
    ConfirmedUsers,
    AdminsModerators,
    /// Members of the phase's chosen groups.
    Groups,
    /// Residents whose identity is verified.
    Verified,
}

impl PermittedBy {
    pub const ALL: [PermittedBy; 6] = [
        PermittedBy::Everyone,
        PermittedBy::Users,
        PermittedBy::ConfirmedUsers,
        PermittedBy::AdminsModerators,
        PermittedBy::Groups,
        PermittedBy::Verified,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            PermittedBy::Everyone => "everyone",
            PermittedBy::Users => "users",
            PermittedBy::ConfirmedUsers => "confirmed_users",
            PermittedBy::AdminsModerators => "admins_moderators",
            PermittedBy::Groups => "groups",
            PermittedBy::Verified => "verified",
        }
    }

    pub fn parse(text: &str) -> Option<PermittedBy> {
        PermittedBy::ALL.into_iter().find(|p| p.as_str() == text)
    }
}

/// Why an action is refused. Each is a stable code for the API and a translation id for the UI.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Denial {
    NotSignedIn,
    NotConfirmed,
    NotPermitted,
    PhaseNotActive,
    ProjectNotPublished,
    ProjectArchived,
    MethodDisallows,
    NotInGroup,
    NotVerified,
    /// A required registration question is unanswered (Standard's registration fields).
    RegistrationIncomplete,
}

impl Denial {
    pub fn code(self) -> &'static str {
        match self {
            Denial::NotSignedIn => "not_signed_in",
            Denial::NotConfirmed => "not_confirmed",
            Denial::NotPermitted => "not_permitted",
            Denial::PhaseNotActive => "phase_not_active",
            Denial::ProjectNotPublished => "project_not_published",
            Denial::ProjectArchived => "project_archived",
            Denial::MethodDisallows => "method_disallows",
            Denial::NotInGroup => "not_in_group",
            Denial::NotVerified => "not_verified",
            Denial::RegistrationIncomplete => "registration_incomplete",
        }
    }
}

/// A participation method and the actions it supports. Modules contribute methods through
/// `Module::participation_methods`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MethodDef {
    pub id: &'static str,
    pub actions: &'static [Action],
    /// The phase settings the method reads; the back office builds its form from these.
    pub settings: &'static [SettingDef],
}

/// One setting of a participation method.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SettingDef {
    pub key: &'static str,
    pub kind: SettingKind,
    /// When the setting is a switch that turns off an action of the method ("posting: off"),
    /// the engine refuses that action with `method_disallows`.
    pub gates: Option<Action>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SettingKind {
    /// On or off, with its default.
    Switch(bool),
    /// One of the options, with its default.
    Choice(&'static [&'static str], &'static str),
    /// A whole number from `min` to `max`, or none when `optional` (then the default is none).
    Number { min: i64, max: i64, optional: bool },
}

impl MethodDef {
    /// Whether the phase's settings switch `action` off.
    pub fn switched_off(&self, settings: &serde_json::Value, action: Action) -> bool {
        self.settings.iter().any(|s| match s.kind {
            SettingKind::Switch(default) if s.gates == Some(action) => {
                !settings.get(s.key).and_then(serde_json::Value::as_bool).unwrap_or(default)
            }
            _ => false,
        })
    }
}

/// The state of the project, as the engine needs it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProjectState {
    Draft,
    Published,
    Archived,
}

/// Where an action would happen.
#[derive(Debug, Clone)]
pub struct Context<'a> {
    pub project_id: i32,
    pub project: ProjectState,
    pub method: &'a MethodDef,
    /// The phase's settings (a JSON object).
    pub settings: &'a serde_json::Value,
    pub starts: DateTime<Utc>,
    /// `None`: open-ended.
    pub ends: Option<DateTime<Utc>>,
    pub permitted_by: PermittedBy,
    /// With `Groups`: the groups whose members may act.
    pub groups: &'a [i32],
}

/// Whether the actor administers the platform or moderates this project.
pub fn moderates(actor: &Actor, project_id: i32) -> bool {
    let scoped = format!("{PROJECT_MODERATOR}:project:{project_id}");
    actor.is_admin() || actor.viewer().is_some_and(|v| v.roles.iter().any(|r| r == ADMIN || *r == scoped))
}

/// The one answer. Checks run from the most general reason to the most personal one, so the UI
/// shows the reason a resident can act on last ("Sign in to post an idea") only when it is the
/// only thing in the way.
pub fn check(actor: &Actor, action: Action, ctx: &Context<'_>, now: DateTime<Utc>) -> Result<(), Denial> {
    permitted(actor, action, ctx, now)?;
    // Someone allowed in who still owes a required registration answer gives it first;
    // moderators act without.
    let owes = actor.viewer().is_some_and(|v| v.registration_incomplete);
    if owes && ctx.permitted_by != PermittedBy::Everyone && !moderates(actor, ctx.project_id) {
        return Err(Denial::RegistrationIncomplete);
    }
    Ok(())
}

fn permitted(actor: &Actor, action: Action, ctx: &Context<'_>, now: DateTime<Utc>) -> Result<(), Denial> {
    match ctx.project {
        ProjectState::Draft => return Err(Denial::ProjectNotPublished),
        ProjectState::Archived => return Err(Denial::ProjectArchived),
        ProjectState::Published => {}
    }
    if !ctx.method.actions.contains(&action) || ctx.method.switched_off(ctx.settings, action) {
        return Err(Denial::MethodDisallows);
    }
    if PhaseTiming::of(ctx.starts, ctx.ends, now) != PhaseTiming::Open {
        return Err(Denial::PhaseNotActive);
    }
    let viewer = actor.viewer();
    match ctx.permitted_by {
        PermittedBy::Everyone => Ok(()),
        PermittedBy::Users => viewer.map(|_| ()).ok_or(Denial::NotSignedIn),
        PermittedBy::ConfirmedUsers => match viewer {
            None => Err(Denial::NotSignedIn),
            Some(v) if !v.email_confirmed && !moderates(actor, ctx.project_id) => Err(Denial::NotConfirmed),
            Some(_) => Ok(()),
        },
        PermittedBy::AdminsModerators => match viewer {
            None if !actor.is_admin() => Err(Denial::NotSignedIn),
            _ if moderates(actor, ctx.project_id) => Ok(()),
            _ => Err(Denial::NotPermitted),
        },
        PermittedBy::Groups => match viewer {
            None if !actor.is_admin() => Err(Denial::NotSignedIn),
            _ if moderates(actor, ctx.project_id) => Ok(()),
            Some(v) if v.groups.iter().any(|g| ctx.groups.contains(g)) => Ok(()),
            _ => Err(Denial::NotInGroup),
        },
        PermittedBy::Verified => match viewer {
            None if !actor.is_admin() => Err(Denial::NotSignedIn),
            _ if moderates(actor, ctx.project_id) => Ok(()),
            Some(v) if v.verified => Ok(()),
            _ => Err(Denial::NotVerified),
        },
    }
}

#[cfg(test)]
mod tests {
    use chrono::Duration;

    use super::*;
    use crate::Viewer;

    fn user(confirmed: bool, roles: &[&str]) -> Actor {
        member(confirmed, roles, &[], false)
    }

    fn member(confirmed: bool, roles: &[&str], groups: &[i32], verified: bool) -> Actor {
        Actor::User(Viewer {
            id: 7,
            email: "x@example.org".into(),
            display_name: "X".into(),
            locale: "en".into(),
            roles: roles.iter().map(|r| (*r).to_owned()).collect(),
            email_confirmed: confirmed,
            session_version: 0,
            groups: groups.to_vec(),
            verified,
            registration_incomplete: false,
            session_id: None,
            identity: None,
        })
    }

    const IDEATION: MethodDef = crate::modules::ideas::IDEATION;
    const INFORMATION: MethodDef = crate::modules::projects::INFORMATION;

    /// The specification, written as the issue states it, independent of the engine's code.
    fn expected(
        kind: &str,
        who: PermittedBy,
        phase: &str,
        project: ProjectState,
        method: &MethodDef,
        action: Action,
        switched_off: bool,
    ) -> Result<(), Denial> {
        match project {
            ProjectState::Draft => return Err(Denial::ProjectNotPublished),
            ProjectState::Archived => return Err(Denial::ProjectArchived),
            ProjectState::Published => {}
        }
        if !method.actions.contains(&action) || switched_off {
            return Err(Denial::MethodDisallows);
        }
        if phase != "active" {
            return Err(Denial::PhaseNotActive);
        }
        let signed_in = !matches!(kind, "anonymous" | "blocked");
        let moderator_here = matches!(kind, "moderator here" | "admin");
        // The phase is open to group 5; "member" is in groups 3 and 5, "other group" in 4.
        match who {
            PermittedBy::Everyone => Ok(()),
            _ if !signed_in => Err(Denial::NotSignedIn),
            PermittedBy::Users => Ok(()),
            PermittedBy::ConfirmedUsers if kind == "unconfirmed" => Err(Denial::NotConfirmed),
            PermittedBy::ConfirmedUsers => Ok(()),
            PermittedBy::AdminsModerators if moderator_here => Ok(()),
            PermittedBy::AdminsModerators => Err(Denial::NotPermitted),
            PermittedBy::Groups if moderator_here || kind == "member" => Ok(()),
            PermittedBy::Groups => Err(Denial::NotInGroup),
            PermittedBy::Verified if moderator_here || kind == "verified" => Ok(()),
            PermittedBy::Verified => Err(Denial::NotVerified),
        }
    }

    #[test]
    fn the_permission_table() {
        let now = Utc::now();
        // A blocked resident has no session at all (a block ends every session), so the engine
        // sees them as anonymous.
        let kinds: Vec<(&str, Actor)> = vec![
            ("anonymous", Actor::Anonymous),
            ("blocked", Actor::Anonymous),
            ("resident", user(true, &[])),
            ("unconfirmed", user(false, &[])),
            ("moderator here", user(true, &["project_moderator:project:1"])),
            ("moderator elsewhere", user(true, &["project_moderator:project:2"])),
            ("admin", user(true, &["admin"])),
            ("member", member(true, &[], &[3, 5], false)),
            ("other group", member(true, &[], &[4], false)),
            ("verified", member(true, &[], &[], true)),
        ];
        let phases = [
            ("future", now + Duration::days(1), Some(now + Duration::days(5))),
            ("active", now - Duration::days(1), Some(now + Duration::days(5))),
            ("open-ended", now - Duration::days(1), None),
            ("past", now - Duration::days(5), Some(now - Duration::days(1))),
        ];
        let mut checked = 0;
        for method in [&IDEATION, &INFORMATION] {
            for action in [
                crate::modules::ideas::POSTING_IDEA,
                crate::modules::ideas::COMMENTING_IDEA,
                crate::modules::ideas::REACTING_IDEA,
                crate::modules::voting::VOTE,
            ] {
                for who in PermittedBy::ALL {
                    for (phase, starts, ends) in &phases {
                        for project in [ProjectState::Draft, ProjectState::Published, ProjectState::Archived] {
                            for (kind, actor) in &kinds {
                                for off in [false, true] {
                                    // The phase's settings switch each ideation action off.
                                    let settings =
                                        serde_json::json!({ "posting": !off, "commenting": !off, "reacting": !off });
                                    let ctx = Context {
                                        project_id: 1,
                                        project,
                                        method,
                                        settings: &settings,
                                        starts: *starts,
                                        ends: *ends,
                                        permitted_by: who,
                                        groups: &[5],
                                    };
                                    let phase_state = if *phase == "open-ended" { "active" } else { phase };
                                    let switched_off =
                                        off && method.id == IDEATION.id && action != crate::modules::voting::VOTE;
                                    let want = expected(kind, who, phase_state, project, method, action, switched_off);
                                    assert_eq!(
                                        check(actor, action, &ctx, now),
                                        want,
                                        "{kind} {action:?} {who:?} {phase} {project:?} {} off={off}",
                                        method.id
                                    );
                                }
                                checked += 1;
                            }
                        }
                    }
                }
            }
        }
        assert_eq!(checked, 2 * 4 * 6 * 4 * 3 * 10);
    }

    #[test]
    fn an_open_required_registration_question_comes_first() {
        let now = Utc::now();
        let owing = |roles: &[&str]| {
            let Actor::User(mut v) = user(true, roles) else { unreachable!() };
            v.registration_incomplete = true;
            Actor::User(v)
        };
        let settings = serde_json::json!({});
        let ctx = |who| Context {
            project_id: 1,
            project: ProjectState::Published,
            method: &IDEATION,
            settings: &settings,
            starts: now - Duration::days(1),
            ends: None,
            permitted_by: who,
            groups: &[],
        };
        let post = crate::modules::ideas::POSTING_IDEA;
        assert_eq!(check(&owing(&[]), post, &ctx(PermittedBy::Users), now), Err(Denial::RegistrationIncomplete));
        assert_eq!(check(&owing(&[]), post, &ctx(PermittedBy::Everyone), now), Ok(()), "visitors may, so may they");
        assert_eq!(check(&owing(&["project_moderator:project:1"]), post, &ctx(PermittedBy::Users), now), Ok(()));
        // What would refuse them anyway is said first.
        assert_eq!(check(&owing(&[]), post, &ctx(PermittedBy::AdminsModerators), now), Err(Denial::NotPermitted));
    }
}
