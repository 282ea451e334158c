// SPDX-License-Identifier: AGPL-3.0-only
//! A project's timeline: phases that never overlap (the last may be open-ended), each with one
//! participation method and a permission per action.
use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use sea_orm::sea_query::{LockType, OnConflict};
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter};
use serde_json::json;

use super::catalogue::{can_see, state_of};
use super::model::{permission, phase};
use super::multiloc::Multiloc;
use super::phase_timing::PhaseTiming;
use crate::modules::accounts::audit;
use crate::modules::voting::VOTING;
use crate::modules::voting::freeze::{check_dates_change, first_ballot_at, locked_phase, phase_has_votes};
use crate::modules::voting::seal_in;
use crate::permissions::{self, Action, Context, Denial, PermittedBy};
use crate::{Actor, CoreError, CoreResult, Platform, db};

/// The permission an action has until an administrator sets one.
pub const DEFAULT_PERMITTED_BY: PermittedBy = PermittedBy::Users;

#[derive(Debug, Clone, Default)]
pub struct PhaseInput {
    pub title: BTreeMap<String, String>,
    pub description: BTreeMap<String, String>,
    pub method: String,
    pub start_at: Option<DateTime<Utc>>,
    pub end_at: Option<DateTime<Utc>>,
}

/// Whether two periods share a moment (`None` ends never).
fn overlaps(a: (DateTime<Utc>, Option<DateTime<Utc>>), b: (DateTime<Utc>, Option<DateTime<Utc>>)) -> bool {
    let a_before_b_ends = b.1.is_none_or(|end| a.0 < end);
    let b_before_a_ends = a.1.is_none_or(|end| b.0 < end);
    a_before_b_ends && b_before_a_ends
}

impl Platform {
    /// A project's phases, in time order.
    pub async fn phases(&self, project_id: i32) -> CoreResult<Vec<phase::Model>> {
        Ok(self.snapshot().await?.phases_of(project_id).cloned().collect())
    }

    pub async fn create_phase(&self, actor: &Actor, project_id: i32, input: PhaseInput) -> CoreResult<phase::Model> {
        self.project_for_change(actor, project_id).await?;
        self.save_phase(actor, project_id, None, input).await
    }

    pub async fn update_phase(&self, actor: &Actor, id: i32, input: PhaseInput) -> CoreResult<phase::Model> {
        let found = phase::Entity::find_by_id(id).one(self.db()).await?.ok_or(CoreError::NotFound("phase"))?;
        self.project_for_change(actor, found.project_id).await?;
        self.save_phase(actor, found.project_id, Some(found), input).await
    }

    pub async fn delete_phase(&self, actor: &Actor, id: i32) -> CoreResult<()> {
        let found = phase::Entity::find_by_id(id).one(self.db()).await?.ok_or(CoreError::NotFound("phase"))?;
        self.project_for_change(actor, found.project_id).await?;
        let txn = db::begin_write(self.db()).await?;
        // A vote is never deleted: the chain, the receipts and the published file would go
        // with it (the database refuses it too). The project can be archived instead.
        locked_phase(&txn, id, LockType::Update).await?;
        if first_ballot_at(&txn, id).await?.is_some() {
            return Err(CoreError::Field { field: "phase", code: "votes_exist" });
        }
        phase::Entity::delete_by_id(id).exec(&txn).await?;
        audit::record(
            &txn,
            actor,
            "phase.delete",
            "phase",
            Some(id.to_string()),
            json!({ "project": found.project_id }),
        )
        .await?;
        txn.commit().await?;
        self.forget_projects();
        Ok(())
    }

    async fn save_phase(
        &self,
        actor: &Actor,
        project_id: i32,
        existing: Option<phase::Model>,
        input: PhaseInput,
    ) -> CoreResult<phase::Model> {
        let title = Multiloc::checked(input.title, "title", true, 120)?;
        let description = Multiloc::checked(input.description, "description", false, 50_000)?;
        if self.registry().method(&input.method).is_none() {
            return Err(CoreError::Field { field: "method", code: "method_unknown" });
        }
        let start = input.start_at.ok_or(CoreError::Field { field: "start_at", code: "date_invalid" })?;
        if input.end_at.is_some_and(|end| end <= start) {
            return Err(CoreError::Field { field: "end_at", code: "end_before_start" });
        }
        // The write lock (IMMEDIATE on SQLite) makes the overlap check and the write one step.
        let txn = db::begin_write(self.db()).await?;
        let others = phase::Entity::find().filter(phase::Column::ProjectId.eq(project_id)).all(&txn).await?;
        let clash = others
            .iter()
            .filter(|p| existing.as_ref().is_none_or(|e| e.id != p.id))
            .any(|p| overlaps((start, input.end_at), (p.start_at, p.end_at)));
        if clash {
            return Err(CoreError::Field { field: "start_at", code: "phase_overlaps" });
        }
        let mut closes = false;
        let saved = match existing {
            Some(found) => {
                // A vote keeps the rules it was cast under (see `voting::freeze`).
                let found = locked_phase(&txn, found.id, LockType::Update).await?;
                let votes = found.method == VOTING && phase_has_votes(&txn, found.id).await?;
                if votes && input.method != found.method {
                    return Err(CoreError::Field { field: "method", code: "voting_rules_locked" });
                }
                // A vote with ballots keeps its start, and its end once it has ended; moving the
                // end to now closes and seals it in this transaction.
                let now = Utc::now();
                if let Some(first) = first_ballot_at(&txn, found.id).await?.filter(|_| found.method == VOTING) {
                    check_dates_change(&found, first, start, input.end_at, now)?;
                    let ends_now = PhaseTiming::of(found.start_at, input.end_at, now) == PhaseTiming::Ended;
                    closes = ends_now && !found.has_ended(now);
                }
                let mut active: phase::ActiveModel = found.into();
                active.title = Set(title.to_json());
                active.description = Set(description.to_json());
                active.method = Set(input.method.clone());
                active.start_at = Set(start);
                active.end_at = Set(input.end_at);
                active.update(&txn).await?
            }
            None => {
                phase::ActiveModel {
                    project_id: Set(project_id),
                    title: Set(title.to_json()),
                    description: Set(description.to_json()),
                    method: Set(input.method.clone()),
                    settings: Set("{}".into()),
                    start_at: Set(start),
                    end_at: Set(input.end_at),
                    created_at: Set(Utc::now()),
                    ..Default::default()
                }
                .insert(&txn)
                .await?
            }
        };
        if closes {
            seal_in(&txn, saved.id, Utc::now()).await?;
        }
        let details =
            json!({ "project": project_id, "method": input.method, "start_at": start, "end_at": input.end_at });
        audit::record(&txn, actor, "phase.save", "phase", Some(saved.id.to_string()), details).await?;
        txn.commit().await?;
        self.forget_projects();
        Ok(saved)
    }

    /// Sets who may do `action` (its id) in a phase (administrators and the project's moderators). With
    /// `groups`, `groups` names the groups whose members may act (at least one, each a group
    /// the edition's modules know); otherwise it must be empty.
    pub async fn set_phase_permission(
        &self,
        actor: &Actor,
        phase_id: i32,
        action: &str,
        who: PermittedBy,
        groups: &[i32],
    ) -> CoreResult<()> {
        let found = phase::Entity::find_by_id(phase_id).one(self.db()).await?.ok_or(CoreError::NotFound("phase"))?;
        self.project_for_change(actor, found.project_id).await?;
        let method = self
            .registry()
            .method(&found.method)
            .ok_or(CoreError::Field { field: "method", code: "method_unknown" })?;
        // Actions are an open set: one is known only as one of the phase's method's.
        let Some(&action) = method.actions.iter().find(|a| a.as_str() == action) else {
            return Err(CoreError::Field { field: "action", code: "method_disallows" });
        };
        let groups = self.check_group_restriction(who == PermittedBy::Groups, groups, "groups").await?;
        if !self.permission_levels().await.contains(&who) {
            return Err(CoreError::Field { field: "permitted_by", code: "permission_level_unavailable" });
        }
        let txn = db::begin_write(self.db()).await?;
        permission::Entity::insert(permission::ActiveModel {
            phase_id: Set(phase_id),
            action: Set(action.as_str().to_owned()),
            permitted_by: Set(who.as_str().to_owned()),
            group_ids: Set(json!(groups).to_string()),
        })
        .on_conflict(
            OnConflict::columns([permission::Column::PhaseId, permission::Column::Action])
                .update_columns([permission::Column::PermittedBy, permission::Column::GroupIds])
                .to_owned(),
        )
        .exec(&txn)
        .await?;
        let details = json!({ "action": action.as_str(), "permitted_by": who.as_str(), "groups": groups });
        audit::record(&txn, actor, "phase.permission", "phase", Some(phase_id.to_string()), details).await?;
        txn.commit().await?;
        self.forget_projects();
        Ok(())
    }

    /// Who may do each action of the phase's method, stored or default, with the chosen groups.
    pub async fn phase_permissions(&self, found: &phase::Model) -> CoreResult<Vec<(Action, PermittedBy, Vec<i32>)>> {
        let snapshot = self.snapshot().await?;
        let stored = snapshot.permissions_of(found.id);
        let actions = self.registry().method(&found.method).map(|m| m.actions).unwrap_or_default();
        Ok(actions
            .iter()
            .map(|a| {
                let row = stored.iter().find(|p| p.action == a.as_str());
                let who = row.and_then(|p| PermittedBy::parse(&p.permitted_by)).unwrap_or(DEFAULT_PERMITTED_BY);
                (*a, who, row.map(permission::Model::group_id_list).unwrap_or_default())
            })
            .collect())
    }

    /// May `actor` do `action` in this phase? Every action of every method goes through here.
    pub async fn permission(
        &self,
        actor: &Actor,
        action: Action,
        found: &phase::Model,
    ) -> CoreResult<Result<(), Denial>> {
        let mut answers = self.evaluate(actor, found, &[action]).await?;
        Ok(answers.pop().map_or(Err(Denial::MethodDisallows), |(_, _, answer)| answer))
    }

    /// The engine's answer for each action of the phase's method, with who it is open to.
    pub async fn phase_abilities(
        &self,
        actor: &Actor,
        found: &phase::Model,
    ) -> CoreResult<Vec<(Action, PermittedBy, Result<(), Denial>)>> {
        let actions = self.registry().method(&found.method).map(|m| m.actions).unwrap_or_default();
        self.evaluate(actor, found, actions).await
    }

    /// Answers several actions at once: the project and the stored permissions are read once.
    async fn evaluate(
        &self,
        actor: &Actor,
        found: &phase::Model,
        actions: &[Action],
    ) -> CoreResult<Vec<(Action, PermittedBy, Result<(), Denial>)>> {
        let mut answers = self.abilities_of(actor, std::slice::from_ref(found), Some(actions)).await?;
        answers.remove(&found.id).ok_or(CoreError::NotFound("phase"))
    }

    /// The engine's answers for many phases in two queries (their projects, their stored
    /// permissions): each phase's method's actions, or only `only`. Phases of projects the
    /// actor cannot see are left out.
    pub async fn abilities_of(
        &self,
        actor: &Actor,
        phases: &[phase::Model],
        only: Option<&[Action]>,
    ) -> CoreResult<std::collections::HashMap<i32, Vec<(Action, PermittedBy, Result<(), Denial>)>>> {
        let mut out = std::collections::HashMap::new();
        if phases.is_empty() {
            return Ok(out);
        }
        let snapshot = self.snapshot().await?;
        let now = Utc::now();
        for found in phases {
            let Some(proj) = snapshot.project(found.project_id).filter(|p| can_see(actor, p)) else {
                continue;
            };
            let method = self.registry().method(&found.method);
            let settings: serde_json::Value = serde_json::from_str(&found.settings).unwrap_or_default();
            let actions = only.unwrap_or_else(|| method.as_ref().map(|m| m.actions).unwrap_or_default());
            let answers = actions
                .iter()
                .map(|&action| {
                    let row = snapshot.permissions_of(found.id).iter().find(|p| p.action == action.as_str());
                    let permitted_by =
                        row.and_then(|p| PermittedBy::parse(&p.permitted_by)).unwrap_or(DEFAULT_PERMITTED_BY);
                    let groups = row.map(permission::Model::group_id_list).unwrap_or_default();
                    let answer = match &method {
                        None => Err(Denial::MethodDisallows),
                        Some(method) => {
                            let ctx = Context {
                                project_id: proj.id,
                                project: state_of(proj),
                                method,
                                settings: &settings,
                                starts: found.start_at,
                                ends: found.end_at,
                                permitted_by,
                                groups: &groups,
                            };
                            permissions::check(actor, action, &ctx, now)
                        }
                    };
                    (action, permitted_by, answer)
                })
                .collect();
            out.insert(found.id, answers);
        }
        Ok(out)
    }

    /// The phases of several projects in one query, in time order.
    pub async fn phases_of(&self, project_ids: &[i32]) -> CoreResult<Vec<phase::Model>> {
        if project_ids.is_empty() {
            return Ok(Vec::new());
        }
        let wanted: std::collections::HashSet<i32> = project_ids.iter().copied().collect();
        Ok(self.snapshot().await?.phases().iter().filter(|p| wanted.contains(&p.project_id)).cloned().collect())
    }
}

#[cfg(test)]
mod tests {
    use chrono::Duration;

    use super::*;

    #[test]
    fn periods_overlap_only_when_they_share_a_moment() {
        let now = Utc::now();
        let at = |d: i64| now + Duration::days(d);
        assert!(!overlaps((at(0), Some(at(10))), (at(10), Some(at(20)))), "touching is fine");
        assert!(overlaps((at(0), Some(at(11))), (at(10), Some(at(20)))));
        assert!(overlaps((at(0), None), (at(10), Some(at(20)))), "open-ended runs into later phases");
        assert!(!overlaps((at(20), None), (at(0), Some(at(20)))), "open-ended last phase");
        assert!(overlaps((at(5), Some(at(6))), (at(0), None)));
    }
}
