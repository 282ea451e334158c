# SPDX-License-Identifier: AGPL-3.0-only
error-event_full = Cet événement est complet.
error-event_over = Cet événement est terminé.
error-link_invalid = Saisissez une adresse web qui commence par https://.
error-capacity_invalid = Le nombre de places est d’au moins 1, ou vide pour aucune limite.
action-attending_event = S’inscrire aux événements
events-title = Événements à venir
events-none = Aucun événement n’est prévu.
events-of-project = Événements
events-calendar-all = Ajouter tous les événements de ce projet à votre agenda (.ics)
event-when = { $starts } à { $ends }
event-online = Participer en ligne
event-places = { $registered } places prises sur { $capacity }
event-registered = { $count ->
    [one] 1 personne inscrite
   *[other] { $count } personnes inscrites
}
event-register = S’inscrire à « { $title } »
event-cancel = Annuler mon inscription à « { $title } »
event-full = Complet
event-calendar = Ajouter à l’agenda (.ics)
admin-events-new = Prévoir un événement
admin-events-title = Titre
admin-events-description = Description
admin-events-starts = Début (heure de { $zone })
admin-events-ends = Fin (heure de { $zone })
admin-events-location = Lieu
admin-events-link = Lien en ligne (facultatif)
admin-events-capacity = Places
admin-events-capacity-hint = Laisser vide pour aucune limite.
admin-events-create = Prévoir l’événement
dashboard-metric-event_registrations = Inscriptions aux événements
purpose-attending_event = vous inscrire
exports-kind-event-registrations = Inscriptions aux événements
