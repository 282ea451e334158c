// SPDX-License-Identifier: AGPL-3.0-only
//! A phase's method settings (for ideation: posting, commenting and reacting on or off,
//! dislikes, the default order and card or list view). Each method declares its settings in its
//! `MethodDef`, so checking them and the back-office form need no code per method.
use chrono::Utc;
use sea_orm::{ActiveModelTrait, ActiveValue::Set, EntityTrait};
use serde_json::{Map, Value, json};

use super::model::phase;
use crate::modules::accounts::audit;
use crate::modules::voting::VOTING;
use crate::modules::voting::freeze::{check_results_stay_public, check_rules_change, locked_phase};
use crate::permissions::{MethodDef, SettingKind, moderates};
use crate::{Actor, CoreError, CoreResult, Platform, db};
use sea_orm::sea_query::LockType;

/// Every setting of the method with its stored value, or its default.
pub fn effective_settings(method: &MethodDef, stored: &str) -> Map<String, Value> {
    let stored: Value = serde_json::from_str(stored).unwrap_or_default();
    method
        .settings
        .iter()
        .map(|s| {
            let value = match s.kind {
                SettingKind::Switch(default) => {
                    Value::Bool(stored.get(s.key).and_then(Value::as_bool).unwrap_or(default))
                }
                SettingKind::Choice(options, default) => {
                    let chosen = stored.get(s.key).and_then(Value::as_str).filter(|v| options.contains(v));
                    Value::String(chosen.unwrap_or(default).to_owned())
                }
                SettingKind::Number { min, max, optional } => {
                    match stored.get(s.key).and_then(Value::as_i64).filter(|n| (min..=max).contains(n)) {
                        Some(n) => Value::from(n),
                        None if optional => Value::Null,
                        None => Value::from(min),
                    }
                }
            };
            (s.key.to_owned(), value)
        })
        .collect()
}

/// Checks submitted values against the method's settings: unknown keys and wrong values are
/// refused, keys left out keep their current value.
fn checked(
    method: &MethodDef,
    current: Map<String, Value>,
    changes: &Map<String, Value>,
) -> CoreResult<Map<String, Value>> {
    let mut out = current;
    for (key, value) in changes {
        let def = method
            .settings
            .iter()
            .find(|s| s.key == key)
            .ok_or(CoreError::Field { field: "settings", code: "setting_unknown" })?;
        let fits = match def.kind {
            SettingKind::Switch(_) => value.is_boolean(),
            SettingKind::Choice(options, _) => value.as_str().is_some_and(|v| options.contains(&v)),
            SettingKind::Number { min, max, optional } => {
                value.as_i64().is_some_and(|n| (min..=max).contains(&n)) || (optional && value.is_null())
            }
        };
        if !fits {
            return Err(CoreError::Field { field: "settings", code: "setting_invalid" });
        }
        out.insert(key.clone(), value.clone());
    }
    Ok(out)
}

impl Platform {
    /// Changes a phase's settings (administrators and the project's moderators).
    pub async fn update_phase_settings(
        &self,
        actor: &Actor,
        phase_id: i32,
        changes: &Map<String, Value>,
    ) -> CoreResult<phase::Model> {
        let found = phase::Entity::find_by_id(phase_id).one(self.db()).await?.ok_or(CoreError::NotFound("phase"))?;
        self.project_for_change(actor, found.project_id).await?;
        let method = self
            .registry()
            .method(&found.method)
            .ok_or(CoreError::Field { field: "method", code: "method_unknown" })?;
        let txn = db::begin_write(self.db()).await?;
        let found = locked_phase(&txn, phase_id, LockType::Update).await?;
        let before = effective_settings(&method, &found.settings);
        let settings = checked(&method, before.clone(), changes)?;
        if found.method == VOTING {
            check_rules_change(&txn, phase_id, &before, &settings).await?;
            check_results_stay_public(&found, &before, &settings, Utc::now())?;
        }
        let mut active: phase::ActiveModel = found.into();
        active.settings = Set(Value::Object(settings.clone()).to_string());
        let saved = active.update(&txn).await?;
        audit::record(&txn, actor, "phase.settings", "phase", Some(phase_id.to_string()), json!(settings)).await?;
        txn.commit().await?;
        self.forget_projects();
        Ok(saved)
    }
}

impl Platform {
    /// Whether the results of a phase (voting, poll or survey) are open to `actor`: always to its
    /// moderators, and to everyone once it has ended if its `results_public` setting is on.
    pub async fn phase_results_open(&self, actor: &Actor, found: &phase::Model) -> bool {
        if moderates(actor, found.project_id) {
            return true;
        }
        let ended = found.has_ended(Utc::now());
        let public = self
            .registry()
            .method(&found.method)
            .map(|m| effective_settings(&m, &found.settings))
            .and_then(|s| s.get("results_public").and_then(Value::as_bool))
            .unwrap_or(false);
        ended && public
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::modules::ideas::IDEATION;

    #[test]
    fn settings_are_checked_against_the_method() {
        let current = effective_settings(&IDEATION, "{}");
        assert_eq!(current["dislikes"], json!(false));
        assert_eq!(current["default_sort"], json!("trending"));
        let ok = checked(&IDEATION, current.clone(), json!({ "dislikes": true, "view": "list" }).as_object().unwrap());
        assert_eq!(ok.unwrap()["view"], json!("list"));
        for bad in [json!({ "colour": "red" }), json!({ "view": "grid" }), json!({ "posting": "yes" })] {
            assert!(checked(&IDEATION, current.clone(), bad.as_object().unwrap()).is_err(), "{bad}");
        }
    }
}
