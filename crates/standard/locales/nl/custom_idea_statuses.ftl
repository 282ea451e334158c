# SPDX-License-Identifier: LicenseRef-Townhall-Commercial
admin-section-idea_statuses = Ideestatussen
statuses-lead = De statussen die ideeën doorlopen. Voeg eigen statussen toe, elk geteld als een van de vijf standaardstatussen in rapporten en exports; hernoem, herkleur en herorden ze allemaal.
statuses-core = Standaardstatus
statuses-counts-as = Telt als „{ $category }”
statuses-ideas = { $count ->
    [one] één idee
   *[other] { $count } ideeën
}
statuses-title-in = Naam in het { $language }
statuses-color = Kleur
statuses-color-hint = Getoond als tekst op wit: kies een kleur die donker genoeg is.
statuses-category = Telt als
statuses-category-hint = De standaardstatus waarmee rapporten en exports hem groeperen.
statuses-category-proposed = Voorgesteld
statuses-category-under_consideration = In behandeling
statuses-category-accepted = Aanvaard
statuses-category-implemented = Uitgevoerd
statuses-category-rejected = Afgewezen
statuses-position = Plaats in de lijst
statuses-new = Nieuwe status
statuses-create = De status toevoegen
statuses-delete = „{ $name }” verwijderen
error-status_category_invalid = Kies een van de vijf standaardstatussen.
error-status_category_fixed = Een standaardstatus telt als zichzelf.
error-status_is_core = Standaardstatussen kunnen niet verwijderd worden.
error-status_in_use = Ideeën hebben deze status; verplaats ze eerst naar een andere.
