# SPDX-License-Identifier: AGPL-3.0-only

# Core errors and feature names, shared by the UI and the API.
error-unknown_feature = This feature does not exist.
error-license_required = This needs the { $edition } licence.
error-feature_disabled = This feature is switched off.
error-license_refused = The licence key was refused.
error-forbidden = Only administrators can do this.
error-invalid_input = Some of the values are not valid.
error-internal = Something went wrong on our side. Please try again.
feature-graphql_explorer = GraphQL explorer
error-time_zone_invalid = Enter a time zone such as Europe/Brussels.
error-currency_invalid = Enter a currency as three capital letters, such as EUR.
error-export_users_platform_only = Users are exported for the whole platform, not per project.
error-export_confirm_personal = Confirm that you need the personal data in this export.
error-export_no_personal_variant = This export has no personal variant: it names no one (votes are pseudonymous). Export it without personal data.
error-export_kind_invalid = Choose what to export.
error-dashboard_range_invalid = Choose a range of 1 day to 3 years, with the start before the end.
error-storage_full = The server's storage is full, so the file was not saved and nothing else was changed. Please tell the organisers.
error-storage_failed = The file could not be saved and nothing was changed. Please try again.
error-export_format_invalid = Choose CSV, or a file format your edition offers.
error-export_write_failed = The export file could not be written. Please try again.

## The change feed
error-first_out_of_range = Ask for 1 to 100 items at a time.
error-changes_pruned = Changes this old are no longer kept (90 days). Read the lists again, then follow the changes from now on.
