# SPDX-License-Identifier: LicenseRef-Townhall-Commercial
admin-section-user_groups = Groupes d’utilisateurs
user-groups-lead = Des groupes d’habitants que vous choisissez. Un projet peut n’être visible que par des groupes choisis, et une phase peut ouvrir une action à des groupes choisis (sur la page du projet dans l’administration).
user-groups-none = Aucun groupe pour l’instant. Créez le premier ci-dessous.
user-groups-name = Nom
user-groups-name-in = Nom en { $language }
user-groups-members = Membres
user-groups-new = Nouveau groupe
user-groups-create = Créer le groupe
user-groups-back = Retour aux groupes d’utilisateurs
user-groups-count = { $count ->
    [one] Un membre.
   *[other] { $count } membres.
}
user-groups-add = Ajouter des membres par adresse e-mail
user-groups-add-hint = Une ou plusieurs adresses de comptes existants, séparées par des virgules, des espaces ou des retours à la ligne (5 000 au plus).
user-groups-add-submit = Les ajouter
user-groups-report-added = { $count ->
    [one] Un membre ajouté.
   *[other] { $count } membres ajoutés.
}
user-groups-report-already = { $count ->
    [one] Un était déjà membre.
   *[other] { $count } étaient déjà membres.
}
user-groups-report-unknown = { $count ->
    [one] Une adresse n’a pas de compte :
   *[other] { $count } adresses n’ont pas de compte :
}
user-groups-report-invalid = { $count ->
    [one] Une entrée n’est pas une adresse e-mail :
   *[other] { $count } entrées ne sont pas des adresses e-mail :
}
user-groups-members-of = Membres de { $group }
user-groups-actions = Actions
user-groups-remove = Retirer { $name }
user-groups-empty = Ce groupe n’a pas encore de membre.
user-groups-no-more = Plus de membres.
user-groups-rename = Nom du groupe
user-groups-delete-title = Supprimer le groupe
user-groups-delete-hint = Ses membres restent, sans ce groupe. Les projets et actions ouverts à ce seul groupe se ferment à tous sauf aux administrateurs et modérateurs.
user-groups-delete = Supprimer « { $name } »
error-emails_required = Saisissez au moins une adresse e-mail.
error-emails_too_many = 5 000 adresses au plus à la fois.
