# SPDX-License-Identifier: LicenseRef-Townhall-Commercial
admin-section-user_groups = Gebruikersgroepen
user-groups-lead = Groepen inwoners die u zelf kiest. Een project kan alleen zichtbaar zijn voor gekozen groepen, en een fase kan een actie openstellen voor gekozen groepen (op de projectpagina van de backoffice).
user-groups-none = Nog geen groep. Maak hieronder de eerste.
user-groups-name = Naam
user-groups-name-in = Naam in het { $language }
user-groups-members = Leden
user-groups-new = Nieuwe groep
user-groups-create = De groep aanmaken
user-groups-back = Terug naar de gebruikersgroepen
user-groups-count = { $count ->
    [one] Eén lid.
   *[other] { $count } leden.
}
user-groups-add = Leden toevoegen op e-mailadres
user-groups-add-hint = Een of meer adressen van bestaande accounts, gescheiden door komma's, spaties of nieuwe regels (hoogstens 5.000).
user-groups-add-submit = Toevoegen
user-groups-report-added = { $count ->
    [one] Eén lid toegevoegd.
   *[other] { $count } leden toegevoegd.
}
user-groups-report-already = { $count ->
    [one] Eén was al lid.
   *[other] { $count } waren al lid.
}
user-groups-report-unknown = { $count ->
    [one] Eén adres heeft geen account:
   *[other] { $count } adressen hebben geen account:
}
user-groups-report-invalid = { $count ->
    [one] Eén invoer is geen e-mailadres:
   *[other] { $count } invoeren zijn geen e-mailadressen:
}
user-groups-members-of = Leden van { $group }
user-groups-actions = Acties
user-groups-remove = { $name } verwijderen
user-groups-empty = Deze groep heeft nog geen leden.
user-groups-no-more = Geen leden meer.
user-groups-rename = Naam van de groep
user-groups-delete-title = De groep verwijderen
user-groups-delete-hint = De leden blijven, zonder deze groep. Projecten en acties die alleen voor deze groep open stonden, gaan dicht voor iedereen behalve beheerders en moderatoren.
user-groups-delete = „{ $name }” verwijderen
error-emails_required = Vul minstens één e-mailadres in.
error-emails_too_many = Hoogstens 5.000 adressen tegelijk.
