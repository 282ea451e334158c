# SPDX-License-Identifier: AGPL-3.0-only

error-slug_invalid = Gebruik 1 tot 80 kleine letters, cijfers en streepjes.
error-slug_taken = Een ander project gebruikt dit adres.
error-visibility_invalid = Kies wie het project kan zien.
error-status_invalid = Kies ontwerp, gepubliceerd of gearchiveerd.
error-text_required = Schrijf het in minstens één taal.
error-text_too_long = De tekst is te lang.
error-method_unknown = Deze participatiemethode is niet beschikbaar.
error-method_disallows = Deze fase biedt dat niet aan.
error-end_before_start = Het einde moet na het begin komen.
error-phase_overlaps = Fases van een project mogen niet overlappen.
permission-not_signed_in = Meld je aan om mee te doen.
permission-not_confirmed = Bevestig je e-mailadres om mee te doen.
permission-not_permitted = Alleen bepaalde mensen kunnen hier meedoen.
permission-phase_not_active = Deze fase is niet open.
permission-project_not_published = Dit project is nog niet gepubliceerd.
permission-project_archived = Dit project is gearchiveerd.
permission-method_disallows = Deze fase biedt dat niet aan.
method-information = Informatie
method-ideation = Ideeën
error-not_confirmed = Bevestig eerst je e-mailadres.
error-not_permitted = Alleen bepaalde mensen kunnen dit hier doen.
error-phase_not_active = Deze fase is niet open.
error-project_not_published = Dit project is nog niet gepubliceerd.
error-project_archived = Dit project is gearchiveerd.
error-title_length = De titel moet 3 tot 120 tekens hebben.
error-body_length = De tekst moet 1 tot 10.000 tekens hebben.
