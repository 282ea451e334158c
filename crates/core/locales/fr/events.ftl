# SPDX-License-Identifier: AGPL-3.0-only
error-event_full = Cet événement est complet.
error-event_over = Cet événement est terminé.
error-link_invalid = Saisissez une adresse web qui commence par https://.
error-capacity_invalid = Le nombre de places est d’au moins 1, ou vide pour aucune limite.
