# SPDX-License-Identifier: AGPL-3.0-only
method-volunteering = Vrijwilligerswerk
error-not_a_volunteering_phase = Deze fase gaat niet over vrijwilligerswerk.
action-volunteering = Vrijwilligen
volunteers-count = { $count ->
    [0] Nog geen vrijwilligers
    [one] 1 vrijwilliger
   *[other] { $count } vrijwilligers
}
volunteer-join = Vrijwilliger worden voor „{ $title }”
volunteer-withdraw = Terugtrekken uit „{ $title }”
volunteer-none = Nog geen doelen.
volunteer-causes = Doelen
volunteer-delete-cause = „{ $title }” verwijderen
volunteer-download = De vrijwilligers downloaden (CSV, met namen en e-mailadressen)
volunteer-new-title = Nieuw doel
volunteer-new-description = Wat vrijwilligers zullen doen
volunteer-add-cause = Het doel toevoegen
volunteer-who = Wie helpt bij “{ $title }”
volunteer-since = sinds { $date }
volunteer-image = Afbeelding bij „{ $title }”
volunteer-upload-image = De afbeelding uploaden
volunteer-remove-image = De afbeelding van „{ $title }” verwijderen
dashboard-metric-volunteers = Vrijwilligers
exports-kind-volunteers = Vrijwilligers
