# SPDX-License-Identifier: LicenseRef-Townhall-Commercial
admin-section-smart_groups = Smart groups
smart-groups-lead = Groups whose members follow rules: whoever meets them now is in, whoever stops meeting them is out. Use them like user groups, for project visibility and for who may take part in a phase.
smart-groups-none = No smart group yet. Create the first one below.
smart-groups-new = New smart group
smart-groups-create = Create the group
smart-groups-name-in = Name in { $language }
smart-groups-rules = Rules
smart-groups-rules-hint = Members meet every rule you set. Set at least one.
smart-groups-email-domains = E-mail domains
smart-groups-email-domains-hint = Their address ends with one of these domains, for example city.example.org (separate several with commas). Only an address its owner has confirmed counts.
smart-groups-verified = Identity verification
smart-groups-verified-any = Does not matter
smart-groups-verified-yes = Verified
smart-groups-verified-no = Not verified
smart-groups-took-part = Took part in the project
smart-groups-took-part-any = Any or none
smart-groups-back = Back to the smart groups
smart-groups-count = { $count ->
    [one] One member now.
   *[other] { $count } members now.
}
smart-groups-members = Members now
smart-groups-members-of = Members of { $group }
smart-groups-empty = Nobody meets these rules now.
smart-groups-no-more = No more members.
smart-groups-edit = Name and rules
smart-groups-save = Save
smart-groups-delete-title = Delete the group
smart-groups-delete-hint = Projects and actions open only to this group close to administrators and moderators.
smart-groups-delete = Delete “{ $name }”
error-smart_group_domain_invalid = Write domains like city.example.org.
error-smart_group_domains_too_many = At most 20 domains.
error-smart_group_rules_required = Set at least one rule.
smart-groups-born = Year of birth (from their answer to a year-of-birth question)
smart-groups-born-from = From
smart-groups-born-to = To
smart-groups-areas = Area of residence (from their answer to an area question)
smart-groups-answer = Their answer to “{ $question }” is one of
error-smart_group_years_invalid = Enter years from 1900, the first one not after the second.
error-question_unknown = This registration question does not exist.
