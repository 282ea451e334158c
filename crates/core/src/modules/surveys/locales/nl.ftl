# SPDX-License-Identifier: AGPL-3.0-only
method-survey = Vragenlijst
error-not_a_survey_phase = Deze fase is geen vragenlijst.
error-survey_empty = Deze vragenlijst heeft nog geen vragen.
error-survey_already_answered = Je hebt deze vragenlijst al ingevuld.
error-survey_has_responses = Er zijn al antwoorden: vragen kunnen niet meer toegevoegd of verwijderd worden.
error-survey_shape_locked = Er zijn al antwoorden: alleen de formulering van een vraag kan nog veranderen.
error-survey_kind_invalid = Kies een soort vraag.
error-survey_options_count = Een keuzevraag heeft 2 tot 30 opties nodig, één per regel.
error-survey_bounds_invalid = De laagste waarde mag niet boven de hoogste liggen, en een aantal keuzes moet bij de opties passen.
error-survey_scale_invalid = Een schaal begint bij 0 of 1 en eindigt bij 2 tot 11.
error-survey_rows_count = Een matrix heeft 1 tot 20 rijen nodig, één per regel.
error-answers_invalid = Sommige antwoorden vragen aandacht; zie de gemarkeerde vragen hieronder.
error-answer_unknown_question = Dit antwoord hoort bij een vraag die niet in deze vragenlijst staat.
error-answer_repeated = Deze vraag is twee keer beantwoord.
error-answer_required = Beantwoord deze vraag.
error-answer_too_long = Dit antwoord is te lang.
error-answer_choice_invalid = Kies een van de getoonde opties.
error-answer_choice_count = Kies zoveel opties als de vraag vraagt.
error-answer_number_invalid = Vul een getal in, zoals 12 of 3,5.
error-answer_number_range = Vul een getal in binnen het getoonde bereik.
error-answer_scale_invalid = Kies een punt op de schaal.
error-answer_matrix_incomplete = Beoordeel elke rij.
error-answer_date_invalid = Vul een datum in als JJJJ-MM-DD.
error-confirm_email_to_answer = Iemand met jouw e-mailadres heeft deze bevraging al ingevuld, vanuit een account dat niet meer bestaat. Bevestig je adres (zie de e-mail die we je stuurden): je antwoorden vervangen dan die andere.
action-taking_survey = De vragenlijst invullen
survey-required = (verplicht)
survey-optional = (niet verplicht)
survey-number-range = Van { $min } tot { $max }.
survey-choose-between = Kies er { $min } tot { $max }.
survey-thanks = Bedankt: je antwoorden zijn geregistreerd.
survey-see-results = De resultaten bekijken
survey-empty = De vragen zijn nog niet klaar.
survey-page-of = Pagina { $page } van { $pages }
survey-next = Volgende pagina
survey-previous = Vorige pagina
survey-send = Mijn antwoorden versturen
survey-intro = { $count ->
    [one] Eén vraag
   *[other] { $count } vragen
} op { $pages ->
    [one] één pagina.
   *[other] { $pages } pagina's.
}
survey-start = De vragenlijst invullen
survey-responses = { $count ->
    [one] 1 antwoord
   *[other] { $count } antwoorden
}
survey-download = De antwoorden downloaden (CSV)
survey-answered = { $count ->
    [one] Beantwoord door 1 persoon
   *[other] Beantwoord door { $count } mensen
}
survey-mean = gemiddeld { $mean }
survey-col-answer = Antwoord
survey-col-statement = Stelling
survey-col-mean = Gemiddelde
survey-col-answers = Antwoorden
survey-col-share = Aandeel
survey-minimum = Laagste
survey-maximum = Hoogste
survey-earliest = Vroegste
survey-latest = Laatste
survey-latest-texts = Laatste antwoorden
survey-texts-private = Geschreven antwoorden zijn alleen zichtbaar voor de moderatoren van het project.
survey-results-closed-title = De resultaten zijn niet openbaar
survey-results-closed-body = De organisatoren publiceren de resultaten van deze vragenlijst na afloop, als ze daarvoor kiezen.
survey-back = Terug naar de vragenlijst
survey-kind-short_text = Korte tekst
survey-kind-long_text = Lange tekst
survey-kind-single = Eén keuze
survey-kind-multiple = Meerdere keuzes
survey-kind-number = Getal
survey-kind-scale = Lineaire schaal
survey-kind-matrix = Matrix van schalen
survey-kind-date = Datum
survey-kind-page_break = Paginascheiding
survey-builder-open = De vragenlijst „{ $title }” opbouwen
survey-builder-heading = Vragenlijst: { $title }
survey-builder-back = Terug naar het project
survey-builder-preview = Bekijken als inwoner
survey-builder-locked = Er zijn antwoorden: je kunt vragen nog herformuleren en verplaatsen, maar niet toevoegen, verwijderen of van vorm veranderen.
survey-builder-questions = Vragen
survey-builder-page = pagina { $page }
survey-builder-up = „{ $title }” omhoog
survey-builder-down = „{ $title }” omlaag
survey-builder-delete = „{ $title }” verwijderen
survey-builder-edit = „{ $title }” bewerken
survey-builder-save = De vraag bewaren
survey-builder-add = De vraag toevoegen
survey-builder-add-hint = Teksten worden bewaard in de taal waarin deze pagina getoond wordt. Wissel van taal om de andere versies te schrijven.
survey-builder-kind = Soort vraag
survey-builder-title = Vraag
survey-builder-help = Hulptekst (niet verplicht)
survey-builder-required = Een antwoord is verplicht
survey-builder-more = Opties, grenzen en schaal
survey-builder-options = Opties (keuzevragen), één per regel
survey-builder-rows = Rijen (matrix), één per regel
survey-builder-min = Laagste (minste keuzes, kleinste getal, of begin van de schaal: 0 of 1)
survey-builder-max = Hoogste (meeste keuzes, grootste getal, of einde van de schaal: 2 tot 11)
survey-builder-min-label = Label bij het begin van de schaal
survey-builder-max-label = Label bij het einde van de schaal
dashboard-metric-survey_responses = Ingevulde vragenlijsten
purpose-taking_survey = de enquête in te vullen
exports-kind-survey-responses = Antwoorden op vragenlijsten
