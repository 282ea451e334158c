# SPDX-License-Identifier: LicenseRef-Townhall-Commercial
admin-section-user_groups = User groups
user-groups-lead = Groups of residents you choose. A project can be visible to chosen groups only, and a phase can open an action to chosen groups (in the project's page of the back office).
user-groups-none = No group yet. Create the first one below.
user-groups-name = Name
user-groups-name-in = Name in { $language }
user-groups-members = Members
user-groups-new = New group
user-groups-create = Create the group
user-groups-back = Back to the user groups
user-groups-count = { $count ->
    [one] One member.
   *[other] { $count } members.
}
user-groups-add = Add members by e-mail address
user-groups-add-hint = One or more addresses of existing accounts, separated by commas, spaces or new lines (at most 5,000).
user-groups-add-submit = Add them
user-groups-report-added = { $count ->
    [one] One member added.
   *[other] { $count } members added.
}
user-groups-report-already = { $count ->
    [one] One was a member already.
   *[other] { $count } were members already.
}
user-groups-report-unknown = { $count ->
    [one] One address has no account:
   *[other] { $count } addresses have no account:
}
user-groups-report-invalid = { $count ->
    [one] One entry is not an e-mail address:
   *[other] { $count } entries are not e-mail addresses:
}
user-groups-members-of = Members of { $group }
user-groups-actions = Actions
user-groups-remove = Remove { $name }
user-groups-empty = This group has no member yet.
user-groups-no-more = No more members.
user-groups-rename = Name of the group
user-groups-delete-title = Delete the group
user-groups-delete-hint = Its members stay, without this group. Projects and actions open only to this group close to administrators and moderators.
user-groups-delete = Delete “{ $name }”
error-emails_required = Enter at least one e-mail address.
error-emails_too_many = At most 5,000 addresses at a time.
