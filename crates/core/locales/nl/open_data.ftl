# SPDX-License-Identifier: AGPL-3.0-only

## Open data: de pagina, de datasets en het gegevenswoordenboek (wat elk veld betekent)
open-data-title = Open data
open-data-footer-link = Open data
open-data-intro = De openbare inhoud van dit platform als datasets om te hergebruiken: projecten, hun fasen, ideeën, en de uitslagen van stemmingen en peilingen zodra die openbaar zijn. Elke dataset kan als CSV of JSON gedownload worden; de tabellen hieronder zeggen wat elk veld betekent.
open-data-anonymised = De datasets bevatten alleen wat iedereen op deze site kan zien. Ze noemen niemand: geen auteurs, namen, e-mailadressen of accountnummers, en niemands eigen stem of antwoord, alleen totalen. Concepten, verborgen ideeën en projecten die niet openbaar zijn, blijven weg.
open-data-licence = De organisatie die dit platform beheert, bepaalt onder welke licentie de gegevens hergebruikt mogen worden. Vraag het haar als het niet op haar site staat.
open-data-tracked-results = Resultaten die na een project opgevolgd worden (wat er gebouwd is, wat het kostte) zitten nog niet in de datasets: ze komen erbij met de opvolging van de uitvoering.
open-data-formats = CSV-bestanden gebruiken komma's, UTF-8 en een eerste rij met de veldnamen; leeg betekent geen waarde. JSON-bestanden bevatten één lijst van objecten met dezelfde velden, null voor geen waarde. Tijdstippen staan in UTC (RFC 3339).
open-data-download-csv = { $dataset } als CSV
open-data-download-json = { $dataset } als JSON
open-data-fields-caption = De velden van { $dataset }
open-data-column-field = Veld
open-data-column-type = Type
open-data-column-meaning = Betekenis
open-data-type-integer = geheel getal
open-data-type-number = decimaal getal
open-data-type-boolean = true of false
open-data-type-text = tekst
open-data-type-datetime = datum en tijd (UTC)

open-data-dataset-projects = Projecten
open-data-dataset-projects-summary = Eén rij per openbaar project, gearchiveerde inbegrepen.
open-data-dataset-phases = Fasen
open-data-dataset-phases-summary = Eén rij per fase van een openbaar project, in de volgorde waarin ze gemaakt zijn.

open-data-title-in = De titel in het { $language ->
    [nl] Nederlands
    [fr] Frans
   *[en] Engels
}; leeg als er geen in die taal is.
open-data-project-id = Het project waartoe het hoort (de id in projects).
open-data-projects-id = Het nummer van het project; andere datasets verwijzen ernaar als project_id.
open-data-projects-slug = De adresnaam van het project: de pagina is /projects/ gevolgd door deze naam.
open-data-projects-status = published (lopend of gepland) of archived (afgelopen, bewaard ter informatie).
open-data-projects-starts-at = Wanneer de eerste fase begint; leeg zonder fasen.
open-data-projects-ends-at = Wanneer de laatste fase eindigt; leeg zolang een fase geen einddatum heeft.
open-data-projects-created-at = Wanneer het project gemaakt is.
open-data-projects-url = Het adres van de pagina van het project.
open-data-phases-id = Het nummer van de fase; andere datasets verwijzen ernaar als phase_id.
open-data-phases-method = Hoe inwoners deelnemen: ideation (ideeën), voting (stemmen), poll (peiling), survey (vragenlijst), volunteering (vrijwilligerswerk) of information (informatie), meer met betalende modules.
open-data-phases-starts-at = Wanneer de fase begint.
open-data-phases-ends-at = Wanneer de fase eindigt; leeg als ze geen einddatum heeft.
open-data-phases-results-public = Of de uitslag nu openbaar is: de fase is afgelopen en de uitslag werd openbaar gemaakt (ze staat dan in voting-results of poll-results).
open-data-results-phase-id = De fase waarvan dit de uitslag is (de id in phases).
