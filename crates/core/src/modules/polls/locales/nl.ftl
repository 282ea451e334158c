# SPDX-License-Identifier: AGPL-3.0-only
method-poll = Peiling
error-not_a_poll_phase = Deze fase is geen peiling.
error-poll_options_count = Een vraag heeft 2 tot 20 opties nodig.
error-poll_kind_invalid = Kies één of meer keuzes.
error-poll_choices_invalid = Het aantal keuzes moet passen bij het aantal opties.
error-poll_has_responses = Er zijn al antwoorden: de vragen kunnen niet meer veranderen.
error-poll_answer_invalid = Deze antwoorden horen niet bij deze peiling.
error-poll_answer_count = Beantwoord elke vraag met het gevraagde aantal keuzes.
error-poll_already_answered = Je hebt deze peiling al beantwoord.
action-taking_poll = De peiling invullen
poll-option = Optie
poll-answers = Antwoorden
poll-thanks = Bedankt: je antwoorden zijn geregistreerd.
poll-choose-between = Kies er { $min } tot { $max }.
poll-submit = Mijn antwoorden versturen
poll-empty = De vragen zijn nog niet klaar.
poll-results = { $count ->
    [one] Resultaten van 1 antwoord
   *[other] Resultaten van { $count } antwoorden
}
poll-questions = { $count ->
    [one] 1 vraag
   *[other] { $count } vragen
}
poll-kind-single = één keuze
poll-kind-multiple = meerdere keuzes
poll-delete-question = „{ $title }” verwijderen
poll-download = De antwoorden downloaden (CSV)
poll-new-title = Nieuwe vraag
poll-new-kind = Antwoorden
poll-new-min = Minstens (meerdere keuzes)
poll-new-max = Hoogstens (meerdere keuzes)
poll-new-options = Opties, één per regel
poll-add-question = De vraag toevoegen
dashboard-metric-poll_responses = Antwoorden op peilingen
poll-responses = { $count ->
    [one] 1 antwoord
   *[other] { $count } antwoorden
}
exports-kind-poll-responses = Antwoorden op peilingen
open-data-dataset-poll-results = Uitslagen van peilingen
open-data-dataset-poll-results-summary = Eén rij per antwoordmogelijkheid van een afgelopen peiling waarvan de uitslag openbaar is: hoeveel mensen ze kozen.
open-data-poll-question-id = Het nummer van de vraag.
open-data-poll-question-in = De vraag in het { $language ->
    [nl] Nederlands
    [fr] Frans
   *[en] Engels
}; leeg als er geen in die taal is.
open-data-poll-option-id = Het nummer van de antwoordmogelijkheid.
open-data-poll-option-in = De antwoordmogelijkheid in het { $language ->
    [nl] Nederlands
    [fr] Frans
   *[en] Engels
}; leeg als er geen in die taal is.
open-data-poll-votes = Hoeveel deelnemers deze mogelijkheid kozen.
open-data-poll-responses = Hoeveel inwoners de peiling beantwoordden.
