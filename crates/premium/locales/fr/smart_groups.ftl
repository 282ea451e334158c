# SPDX-License-Identifier: LicenseRef-Townhall-Commercial
admin-section-smart_groups = Groupes intelligents
smart-groups-lead = Des groupes dont les membres suivent des règles : qui les remplit maintenant en fait partie, qui cesse de les remplir en sort. Utilisez-les comme les groupes d’utilisateurs, pour la visibilité des projets et pour qui peut participer à une phase.
smart-groups-none = Aucun groupe intelligent pour l’instant. Créez le premier ci-dessous.
smart-groups-new = Nouveau groupe intelligent
smart-groups-create = Créer le groupe
smart-groups-name-in = Nom en { $language }
smart-groups-rules = Règles
smart-groups-rules-hint = Les membres remplissent chaque règle fixée. Fixez-en au moins une.
smart-groups-email-domains = Domaines d’adresse e-mail
smart-groups-email-domains-hint = Leur adresse se termine par l’un de ces domaines, par exemple ville.exemple.fr (séparez-en plusieurs par des virgules). Seule une adresse confirmée par son titulaire compte.
smart-groups-verified = Vérification d’identité
smart-groups-verified-any = Peu importe
smart-groups-verified-yes = Vérifiée
smart-groups-verified-no = Non vérifiée
smart-groups-took-part = A participé au projet
smart-groups-took-part-any = Peu importe
smart-groups-back = Retour aux groupes intelligents
smart-groups-count = { $count ->
    [one] Un membre actuellement.
   *[other] { $count } membres actuellement.
}
smart-groups-members = Membres actuels
smart-groups-members-of = Membres de { $group }
smart-groups-empty = Personne ne remplit ces règles actuellement.
smart-groups-no-more = Plus de membres.
smart-groups-edit = Nom et règles
smart-groups-save = Enregistrer
smart-groups-delete-title = Supprimer le groupe
smart-groups-delete-hint = Les projets et actions ouverts à ce seul groupe se ferment à tous sauf aux administrateurs et modérateurs.
smart-groups-delete = Supprimer « { $name } »
error-smart_group_domain_invalid = Écrivez les domaines comme ville.exemple.fr.
error-smart_group_domains_too_many = 20 domaines au plus.
error-smart_group_rules_required = Fixez au moins une règle.
smart-groups-born = Année de naissance (selon leur réponse à une question sur l’année de naissance)
smart-groups-born-from = De
smart-groups-born-to = À
smart-groups-areas = Quartier de résidence (selon leur réponse à une question sur le quartier)
smart-groups-answer = Leur réponse à « { $question } » est l’une de
error-smart_group_years_invalid = Saisissez des années à partir de 1900, la première pas après la seconde.
error-question_unknown = Cette question d’inscription n’existe pas.
