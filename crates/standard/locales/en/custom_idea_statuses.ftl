# SPDX-License-Identifier: LicenseRef-Townhall-Commercial
admin-section-idea_statuses = Idea statuses
statuses-lead = The statuses ideas move through. Add your own, each counting as one of the five standard statuses in reports and exports; rename, recolour and reorder any of them.
statuses-core = Standard status
statuses-counts-as = Counts as “{ $category }”
statuses-ideas = { $count ->
    [one] one idea
   *[other] { $count } ideas
}
statuses-title-in = Name in { $language }
statuses-color = Colour
statuses-color-hint = Shown as text on white: choose a dark enough colour.
statuses-category = Counts as
statuses-category-hint = The standard status reports and exports group it with.
statuses-category-proposed = Proposed
statuses-category-under_consideration = Under consideration
statuses-category-accepted = Accepted
statuses-category-implemented = Implemented
statuses-category-rejected = Rejected
statuses-position = Place in the list
statuses-new = New status
statuses-create = Add the status
statuses-delete = Delete “{ $name }”
error-status_category_invalid = Choose one of the five standard statuses.
error-status_category_fixed = A standard status counts as itself.
error-status_is_core = Standard statuses cannot be deleted.
error-status_in_use = Ideas have this status; move them to another one first.
