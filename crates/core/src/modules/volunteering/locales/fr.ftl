# SPDX-License-Identifier: AGPL-3.0-only
method-volunteering = Bénévolat
error-not_a_volunteering_phase = Cette phase ne porte pas sur le bénévolat.
action-volunteering = Se porter volontaire
volunteers-count = { $count ->
    [0] Pas encore de bénévole
    [one] 1 bénévole
   *[other] { $count } bénévoles
}
volunteer-join = Devenir bénévole pour « { $title } »
volunteer-withdraw = Se retirer de « { $title } »
volunteer-none = Pas encore de cause.
volunteer-causes = Causes
volunteer-delete-cause = Supprimer « { $title } »
volunteer-download = Télécharger les bénévoles (CSV, avec noms et adresses e-mail)
volunteer-new-title = Nouvelle cause
volunteer-new-description = Ce que feront les bénévoles
volunteer-add-cause = Ajouter la cause
volunteer-who = Qui se porte volontaire pour « { $title } »
volunteer-since = depuis le { $date }
volunteer-image = Image de « { $title } »
volunteer-upload-image = Envoyer l’image
volunteer-remove-image = Retirer l’image de « { $title } »
dashboard-metric-volunteers = Bénévoles
exports-kind-volunteers = Bénévoles
