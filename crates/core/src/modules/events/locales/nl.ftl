# SPDX-License-Identifier: AGPL-3.0-only
error-event_full = Dit evenement is volzet.
error-event_over = Dit evenement is voorbij.
error-link_invalid = Vul een webadres in dat begint met https://.
error-capacity_invalid = Het aantal plaatsen is minstens 1, of leeg voor geen grens.
action-attending_event = Inschrijven voor activiteiten
events-title = Komende evenementen
events-none = Er is geen evenement gepland.
events-of-project = Evenementen
events-calendar-all = Alle evenementen van dit project aan je agenda toevoegen (.ics)
event-when = { $starts } tot { $ends }
event-online = Online deelnemen
event-places = { $registered } van { $capacity } plaatsen ingenomen
event-registered = { $count ->
    [one] 1 persoon ingeschreven
   *[other] { $count } mensen ingeschreven
}
event-register = Inschrijven voor „{ $title }”
event-cancel = Mijn inschrijving voor „{ $title }” annuleren
event-full = Volzet
event-calendar = Aan agenda toevoegen (.ics)
admin-events-new = Een evenement plannen
admin-events-title = Titel
admin-events-description = Beschrijving
admin-events-starts = Begint (tijd in { $zone })
admin-events-ends = Eindigt (tijd in { $zone })
admin-events-location = Plaats
admin-events-link = Onlinelink (optioneel)
admin-events-capacity = Plaatsen
admin-events-capacity-hint = Leeg laten voor geen grens.
admin-events-create = Het evenement plannen
dashboard-metric-event_registrations = Inschrijvingen voor activiteiten
purpose-attending_event = je in te schrijven
exports-kind-event-registrations = Inschrijvingen voor activiteiten
