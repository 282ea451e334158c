# SPDX-License-Identifier: LicenseRef-Townhall-Commercial
admin-section-identity_verification = Identiteitsverificatie
verification-title = Je identiteit verifiëren
verification-lead = Sommige acties staan open voor inwoners van wie de identiteit geverifieerd is. Je verifieert één keer; het blijft bij je account.
verification-method-census = Met het bevolkingsregister
verification-method-census-hint = Vul je identificatienummer en je geboortedatum in zoals de gemeente ze kent.
verification-method-oidc = Met { $provider }
verification-method-oidc-hint = Je meldt je aan bij { $provider }, dat ons zegt wie je bent. We bewaren daarvan alleen een vingerafdruk, om zeker te zijn dat één persoon één account controleert, en de antwoorden die het geeft op de registratievragen.
verification-oidc-start = Controleren met { $provider }
verification-failed-title = De controle is niet gelukt
verification-field-identifier = Identificatienummer
verification-field-date_of_birth = Geboortedatum
verification-submit = Verifiëren
verification-done = Je identiteit is geverifieerd op { $date }.
verification-continue = Verder
verification-privacy = Je nummer wordt niet bewaard: alleen een vingerafdruk ervan, zodat één persoon één account verifieert.
verification-admin-lead = Inwoners verifiëren hun identiteit met het bevolkingsregister: een identificatienummer en een geboortedatum per persoon. De lijst wordt alleen als versleutelde vingerafdrukken bewaard; de nummers zelf nooit.
verification-census-size = Personen in het register
verification-verified-accounts = Geverifieerde accounts
verification-census-updated = Lijst vervangen op
verification-never = nooit
verification-census-replace = Het register vervangen
verification-census-hint = Een CSV-bestand met het identificatienummer en de geboortedatum (JJJJ-MM-DD of DD/MM/JJJJ) van één persoon per regel, gescheiden door een komma, puntkomma of tab; een kopregel mag. Tot 30 MB. Eerder geverifieerde accounts blijven geverifieerd.
verification-census-file = Registerbestand
verification-census-upload = Uploaden en vervangen
verification-census-stored = { $count ->
    [one] De lijst bevat nu één persoon.
   *[other] De lijst bevat nu { $count } personen.
}
verification-census-repeated = { $count ->
    [one] Eén regel herhaalde een persoon van hierboven.
   *[other] { $count } regels herhaalden personen van hierboven.
}
verification-census-bad-lines = { $count ->
    [one] Eén regel is geen nummer met geboortedatum: regel
   *[other] { $count } regels zijn geen nummer met geboortedatum: regels
}
verification-census-unchanged = Er is niets veranderd. Verbeter het bestand en upload het opnieuw.
error-identifier_required = Vul je identificatienummer in.
error-date_of_birth_invalid = Vul je geboortedatum in.
error-identity_not_found = Dit nummer en deze geboortedatum staan niet in het register. Controleer ze of neem contact op met de gemeente.
error-identity_taken = Deze identiteit heeft al een ander account geverifieerd.
error-verification_method_unknown = Deze verificatiemethode bestaat niet.
error-census_empty = Kies een bestand met minstens één persoon.
error-census_unreadable = Het bestand kon niet gelezen worden. Probeer opnieuw.
error-census_not_utf8 = Bewaar het bestand als UTF-8-tekst (CSV) en probeer opnieuw.
