// SPDX-License-Identifier: AGPL-3.0-only
//! What the compiled-in modules add to core's answers: facts about a signed-in user, the values
//! a phase action can be permitted to, the groups to choose from, the back office's links, the
//! other ways to sign in, who may use a password and the account page's sections.
//! Each asks every module once; a module whose feature is not active adds nothing.
use crate::actor::ViewerFacts;
use crate::permissions::PermittedBy;
use crate::{AccountSection, AdminLink, CoreResult, GroupChoice, PasswordSignIn, Platform, SignInOption, Viewer};

/// Who an action can be open to in every edition.
pub const CORE_PERMISSION_LEVELS: [PermittedBy; 4] =
    [PermittedBy::Everyone, PermittedBy::Users, PermittedBy::ConfirmedUsers, PermittedBy::AdminsModerators];

impl Platform {
    /// The groups and verification of a signed-in user, from every module that knows them.
    pub async fn viewer_facts(&self, user_id: i32) -> CoreResult<ViewerFacts> {
        let mut facts = ViewerFacts::default();
        for module in self.registry().modules() {
            let more = module.viewer_facts(self, user_id).await?;
            facts.groups.extend(more.groups);
            facts.verified |= more.verified;
            facts.identity = facts.identity.or(more.identity);
            facts.registration_incomplete |= more.registration_incomplete;
            facts.roles.extend(more.roles);
        }
        facts.groups.sort_unstable();
        facts.groups.dedup();
        Ok(facts)
    }

    /// Who a phase action can be permitted to now: core's values, then those of the active
    /// modules (`groups`, `verified`).
    pub async fn permission_levels(&self) -> Vec<PermittedBy> {
        let mut levels = CORE_PERMISSION_LEVELS.to_vec();
        for module in self.registry().modules() {
            for (level, feature) in module.permission_levels() {
                if !levels.contains(&level) && self.is_active(feature).await {
                    levels.push(level);
                }
            }
        }
        levels
    }

    /// The questions the sign-up form asks besides core's, from every module.
    pub async fn registration_questions(&self, locale: &str) -> CoreResult<Vec<crate::Question>> {
        let mut questions = Vec::new();
        for module in self.registry().modules() {
            questions.extend(module.registration_questions(self, locale).await?);
        }
        Ok(questions)
    }

    /// The home page's cards that stand for several projects, from every module.
    pub async fn home_groups(&self, locale: &str) -> CoreResult<Vec<crate::HomeGroup>> {
        let mut groups = Vec::new();
        for module in self.registry().modules() {
            groups.extend(module.home_groups(self, locale).await?);
        }
        Ok(groups)
    }

    /// The groups a project or a phase action can be restricted to, in `locale`.
    pub async fn group_choices(&self, locale: &str) -> CoreResult<Vec<GroupChoice>> {
        let mut choices = Vec::new();
        for module in self.registry().modules() {
            choices.extend(module.group_choices(self, locale).await?);
        }
        Ok(choices)
    }

    /// The back office's links that modules contribute, for the features that are active.
    pub async fn admin_links(&self) -> Vec<AdminLink> {
        let mut links = Vec::new();
        for module in self.registry().modules() {
            for link in module.admin_links() {
                if self.is_active(link.feature).await {
                    links.push(link);
                }
            }
        }
        links
    }

    /// The other ways to sign in that modules offer (OpenID Connect providers).
    pub async fn sign_in_options(&self, next: Option<&str>) -> CoreResult<Vec<SignInOption>> {
        let mut options = Vec::new();
        for module in self.registry().modules() {
            options.extend(module.sign_in_options(self, next).await?);
        }
        Ok(options)
    }

    /// Who may sign in with a password: the strictest answer of every module.
    pub async fn password_sign_in(&self) -> CoreResult<PasswordSignIn> {
        let mut allowed = PasswordSignIn::default();
        for module in self.registry().modules() {
            let more = module.password_sign_in(self).await?;
            allowed.residents &= more.residents;
            allowed.staff &= more.staff;
        }
        Ok(allowed)
    }

    /// The sections modules add to `viewer`'s account page.
    pub async fn account_sections(&self, viewer: &Viewer, locale: &str) -> CoreResult<Vec<AccountSection>> {
        let mut sections = Vec::new();
        for module in self.registry().modules() {
            sections.extend(module.account_sections(self, viewer, locale).await?);
        }
        Ok(sections)
    }
}
