// SPDX-License-Identifier: AGPL-3.0-only
//! Core's modules. Adding one is a folder here plus one line in the list below.

pub mod accounts;
pub mod events;
pub mod ideas;
pub mod moderation;
pub mod notifications;
pub mod platform;
pub mod polls;
pub mod projects;
pub mod surveys;
pub mod volunteering;
pub mod voting;

#[cfg(test)]
mod personal_data_tests;

crate::edition_modules! {
    query: "CoreQuery", mutation: "CoreMutation";
    tables: "core_tables", crate::Edition::Core, crate::migrations::CoreMigrator;
    platform::PlatformModule,
    accounts::AccountsModule,
    projects::ProjectsModule,
    ideas::IdeasModule,
    voting::VotingModule,
    polls::PollsModule,
    surveys::SurveysModule,
    volunteering::VolunteeringModule,
    events::EventsModule,
    moderation::ModerationModule,
    notifications::NotificationsModule,
}
