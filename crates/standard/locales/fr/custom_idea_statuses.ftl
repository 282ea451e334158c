# SPDX-License-Identifier: LicenseRef-Townhall-Commercial
admin-section-idea_statuses = Statuts des idées
statuses-lead = Les statuts par lesquels passent les idées. Ajoutez les vôtres, chacun compté comme l’un des cinq statuts standard dans les rapports et exports ; renommez, recolorez et réordonnez-les tous.
statuses-core = Statut standard
statuses-counts-as = Compte comme « { $category } »
statuses-ideas = { $count ->
    [one] une idée
   *[other] { $count } idées
}
statuses-title-in = Nom en { $language }
statuses-color = Couleur
statuses-color-hint = Affichée en texte sur blanc : choisissez une couleur assez foncée.
statuses-category = Compte comme
statuses-category-hint = Le statut standard avec lequel les rapports et exports le regroupent.
statuses-category-proposed = Proposée
statuses-category-under_consideration = À l’étude
statuses-category-accepted = Acceptée
statuses-category-implemented = Réalisée
statuses-category-rejected = Refusée
statuses-position = Place dans la liste
statuses-new = Nouveau statut
statuses-create = Ajouter le statut
statuses-delete = Supprimer « { $name } »
error-status_category_invalid = Choisissez un des cinq statuts standard.
error-status_category_fixed = Un statut standard compte comme lui-même.
error-status_is_core = Les statuts standard ne peuvent pas être supprimés.
error-status_in_use = Des idées ont ce statut ; déplacez-les d’abord vers un autre.
