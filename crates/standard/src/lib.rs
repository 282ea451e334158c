// SPDX-License-Identifier: LicenseRef-Townhall-Commercial
//! Townhall Standard edition (source-available, see LICENSE-COMMERCIAL). Compiled only with the
//! server's `standard` feature; active only with a licence that grants it.
pub mod custom_idea_statuses;
pub mod custom_registration_fields;
pub mod migrations;
pub mod project_folders;
pub mod single_sign_on;
pub mod user_groups;
pub mod xlsx_export;

pub use custom_idea_statuses::CustomIdeaStatuses;
pub use custom_registration_fields::CustomRegistrationFields;
pub use project_folders::ProjectFolders;
pub use single_sign_on::SingleSignOn;
pub use user_groups::UserGroups;
pub use xlsx_export::XlsxExport;

townhall_core::edition_modules! {
    query: "StandardQuery", mutation: "StandardMutation";
    tables: "standard_tables", townhall_core::Edition::Standard, migrations::StandardMigrator;
    ProjectFolders,
    UserGroups,
    CustomRegistrationFields,
    CustomIdeaStatuses,
    XlsxExport,
    SingleSignOn,
}
