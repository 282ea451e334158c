# SPDX-License-Identifier: AGPL-3.0-only

error-unknown_feature = Deze functie bestaat niet.
error-license_required = Hiervoor is de { $edition }-licentie nodig.
error-feature_disabled = Deze functie staat uit.
error-license_refused = De licentiesleutel werd geweigerd.
error-forbidden = Alleen beheerders kunnen dit doen.
error-invalid_input = Sommige waarden zijn niet geldig.
error-internal = Er ging bij ons iets mis. Probeer het opnieuw.
feature-graphql_explorer = GraphQL-verkenner
error-time_zone_invalid = Vul een tijdzone in, zoals Europe/Brussels.
error-currency_invalid = Vul een munteenheid in als drie hoofdletters, zoals EUR.
error-export_users_platform_only = Gebruikers worden voor het hele platform geëxporteerd, niet per project.
error-export_confirm_personal = Bevestig dat je de persoonsgegevens in deze export nodig hebt.
error-export_no_personal_variant = Deze export heeft geen variant met persoonsgegevens: hij noemt niemand (stemmen zijn pseudoniem). Exporteer hem zonder persoonsgegevens.
error-export_kind_invalid = Kies wat je wilt exporteren.
error-dashboard_range_invalid = Kies een periode van 1 dag tot 3 jaar, met het begin voor het einde.
error-storage_full = De opslag van de server is vol: het bestand werd niet bewaard en er werd niets anders gewijzigd. Laat het de organisatoren weten.
error-storage_failed = Het bestand kon niet bewaard worden en er werd niets gewijzigd. Probeer het opnieuw.
error-export_format_invalid = Kies CSV, of een bestandsformaat dat je editie biedt.
error-export_write_failed = Het exportbestand kon niet geschreven worden. Probeer het opnieuw.

## De wijzigingenfeed
error-first_out_of_range = Vraag 1 tot 100 items tegelijk op.
error-changes_pruned = Zo oude wijzigingen worden niet meer bewaard (90 dagen). Lees de lijsten opnieuw en volg daarna de wijzigingen vanaf nu.
