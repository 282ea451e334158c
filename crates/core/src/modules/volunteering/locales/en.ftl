# SPDX-License-Identifier: AGPL-3.0-only
method-volunteering = Volunteering
error-not_a_volunteering_phase = This phase is not about volunteering.
action-volunteering = Volunteer
volunteers-count = { $count ->
    [0] No volunteer yet
    [one] 1 volunteer
   *[other] { $count } volunteers
}
volunteer-join = Volunteer for “{ $title }”
volunteer-withdraw = Withdraw from “{ $title }”
volunteer-none = No cause yet.
volunteer-causes = Causes
volunteer-delete-cause = Delete “{ $title }”
volunteer-download = Download the volunteers (CSV, with names and e-mail addresses)
volunteer-new-title = New cause
volunteer-new-description = What volunteers will do
volunteer-add-cause = Add the cause
volunteer-who = Who volunteers for “{ $title }”
volunteer-since = since { $date }
volunteer-image = Picture of “{ $title }”
volunteer-upload-image = Upload the picture
volunteer-remove-image = Remove the picture of “{ $title }”
dashboard-metric-volunteers = Volunteers
exports-kind-volunteers = Volunteers
