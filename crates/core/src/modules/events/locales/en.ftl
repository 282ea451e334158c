# SPDX-License-Identifier: AGPL-3.0-only
error-event_full = This event is full.
error-event_over = This event is over.
error-link_invalid = Enter a web address starting with https://.
error-capacity_invalid = The number of places is at least 1, or empty for no limit.
action-attending_event = Register for events
events-title = Upcoming events
events-none = No event is planned.
events-of-project = Events
events-calendar-all = Add all of this project's events to your calendar (.ics)
event-when = { $starts } to { $ends }
event-online = Join online
event-places = { $registered } of { $capacity } places taken
event-registered = { $count ->
    [one] 1 person registered
   *[other] { $count } people registered
}
event-register = Register for “{ $title }”
event-cancel = Cancel my registration for “{ $title }”
event-full = Full
event-calendar = Add to calendar (.ics)
admin-events-new = Plan an event
admin-events-title = Title
admin-events-description = Description
admin-events-starts = Starts ({ $zone } time)
admin-events-ends = Ends ({ $zone } time)
admin-events-location = Place
admin-events-link = Online link (optional)
admin-events-capacity = Places
admin-events-capacity-hint = Leave empty for no limit.
admin-events-create = Plan the event
dashboard-metric-event_registrations = Event registrations
purpose-attending_event = register
exports-kind-event-registrations = Event registrations
