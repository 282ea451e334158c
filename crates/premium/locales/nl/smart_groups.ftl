# SPDX-License-Identifier: LicenseRef-Townhall-Commercial
admin-section-smart_groups = Slimme groepen
smart-groups-lead = Groepen waarvan de leden regels volgen: wie er nu aan voldoet, hoort erbij; wie er niet meer aan voldoet, niet meer. Gebruik ze zoals gebruikersgroepen, voor de zichtbaarheid van projecten en voor wie aan een fase mag deelnemen.
smart-groups-none = Nog geen slimme groep. Maak hieronder de eerste.
smart-groups-new = Nieuwe slimme groep
smart-groups-create = Groep maken
smart-groups-name-in = Naam in het { $language }
smart-groups-rules = Regels
smart-groups-rules-hint = Leden voldoen aan elke regel die je instelt. Stel er minstens één in.
smart-groups-email-domains = E-maildomeinen
smart-groups-email-domains-hint = Hun adres eindigt op een van deze domeinen, bijvoorbeeld stad.voorbeeld.be (scheid er meerdere met komma's). Alleen een adres dat de eigenaar heeft bevestigd, telt mee.
smart-groups-verified = Identiteitsverificatie
smart-groups-verified-any = Maakt niet uit
smart-groups-verified-yes = Geverifieerd
smart-groups-verified-no = Niet geverifieerd
smart-groups-took-part = Nam deel aan het project
smart-groups-took-part-any = Om het even
smart-groups-back = Terug naar de slimme groepen
smart-groups-count = { $count ->
    [one] Nu één lid.
   *[other] Nu { $count } leden.
}
smart-groups-members = Leden nu
smart-groups-members-of = Leden van { $group }
smart-groups-empty = Niemand voldoet nu aan deze regels.
smart-groups-no-more = Geen leden meer.
smart-groups-edit = Naam en regels
smart-groups-save = Opslaan
smart-groups-delete-title = Groep verwijderen
smart-groups-delete-hint = Projecten en acties die alleen voor deze groep openstaan, sluiten voor iedereen behalve beheerders en moderatoren.
smart-groups-delete = “{ $name }” verwijderen
error-smart_group_domain_invalid = Schrijf domeinen als stad.voorbeeld.be.
error-smart_group_domains_too_many = Hoogstens 20 domeinen.
error-smart_group_rules_required = Stel minstens één regel in.
smart-groups-born = Geboortejaar (uit hun antwoord op een vraag naar het geboortejaar)
smart-groups-born-from = Van
smart-groups-born-to = Tot en met
smart-groups-areas = Woonwijk (uit hun antwoord op een vraag naar de wijk)
smart-groups-answer = Hun antwoord op “{ $question }” is een van
error-smart_group_years_invalid = Vul jaren vanaf 1900 in, het eerste niet na het tweede.
error-question_unknown = Deze registratievraag bestaat niet.
