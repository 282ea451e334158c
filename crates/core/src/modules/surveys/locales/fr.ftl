# SPDX-License-Identifier: AGPL-3.0-only
method-survey = Enquête
error-not_a_survey_phase = Cette phase n’est pas une enquête.
error-survey_empty = Cette enquête n’a pas encore de questions.
error-survey_already_answered = Vous avez déjà répondu à cette enquête.
error-survey_has_responses = Des personnes ont déjà répondu : on ne peut plus ajouter ni supprimer de questions.
error-survey_shape_locked = Des personnes ont déjà répondu : seule la formulation d’une question peut changer.
error-survey_kind_invalid = Choisissez un type de question.
error-survey_options_count = Une question à choix a besoin de 2 à 30 options, une par ligne.
error-survey_bounds_invalid = La valeur la plus basse ne peut dépasser la plus haute, et un nombre de choix doit convenir aux options.
error-survey_scale_invalid = Une échelle commence à 0 ou 1 et finit entre 2 et 11.
error-survey_rows_count = Une matrice a besoin de 1 à 20 lignes, une par ligne de texte.
error-answers_invalid = Certaines réponses demandent votre attention ; voyez les questions signalées ci-dessous.
error-answer_unknown_question = Cette réponse concerne une question absente de cette enquête.
error-answer_repeated = Cette question a reçu deux réponses.
error-answer_required = Répondez à cette question.
error-answer_too_long = Cette réponse est trop longue.
error-answer_choice_invalid = Choisissez une des options proposées.
error-answer_choice_count = Choisissez autant d’options que la question le demande.
error-answer_number_invalid = Saisissez un nombre, comme 12 ou 3,5.
error-answer_number_range = Saisissez un nombre dans l’intervalle indiqué.
error-answer_scale_invalid = Choisissez un point sur l’échelle.
error-answer_matrix_incomplete = Évaluez chaque ligne.
error-answer_date_invalid = Saisissez une date au format AAAA-MM-JJ.
error-confirm_email_to_answer = Quelqu’un avec votre adresse e-mail a déjà répondu à cette enquête, depuis un compte qui n’existe plus. Confirmez votre adresse (voyez l’e-mail que nous vous avons envoyé) : vos réponses remplaceront alors celles-là.
action-taking_survey = Répondre à l’enquête
survey-required = (obligatoire)
survey-optional = (facultatif)
survey-number-range = De { $min } à { $max }.
survey-choose-between = Choisissez-en de { $min } à { $max }.
survey-thanks = Merci : vos réponses sont enregistrées.
survey-see-results = Voir les résultats
survey-empty = Les questions ne sont pas encore prêtes.
survey-page-of = Page { $page } sur { $pages }
survey-next = Page suivante
survey-previous = Page précédente
survey-send = Envoyer mes réponses
survey-intro = { $count ->
    [one] Une question
   *[other] { $count } questions
} sur { $pages ->
    [one] une page.
   *[other] { $pages } pages.
}
survey-start = Répondre à l’enquête
survey-responses = { $count ->
    [one] 1 réponse
   *[other] { $count } réponses
}
survey-download = Télécharger les réponses (CSV)
survey-answered = { $count ->
    [one] Répondu par 1 personne
   *[other] Répondu par { $count } personnes
}
survey-mean = moyenne { $mean }
survey-col-answer = Réponse
survey-col-statement = Énoncé
survey-col-mean = Moyenne
survey-col-answers = Réponses
survey-col-share = Part
survey-minimum = Plus bas
survey-maximum = Plus haut
survey-earliest = Plus ancienne
survey-latest = Plus récente
survey-latest-texts = Dernières réponses
survey-texts-private = Les réponses écrites ne sont visibles que des modérateurs du projet.
survey-results-closed-title = Les résultats ne sont pas publics
survey-results-closed-body = Les organisateurs publient les résultats de cette enquête après sa fin, s’ils le décident.
survey-back = Retour à l’enquête
survey-kind-short_text = Texte court
survey-kind-long_text = Texte long
survey-kind-single = Choix unique
survey-kind-multiple = Choix multiples
survey-kind-number = Nombre
survey-kind-scale = Échelle linéaire
survey-kind-matrix = Matrice d’échelles
survey-kind-date = Date
survey-kind-page_break = Saut de page
survey-builder-open = Construire l’enquête « { $title } »
survey-builder-heading = Enquête : { $title }
survey-builder-back = Retour au projet
survey-builder-preview = Voir comme un habitant
survey-builder-locked = Des personnes ont répondu : vous pouvez encore reformuler les questions et changer leur ordre, mais pas en ajouter, en supprimer ni en changer la forme.
survey-builder-questions = Questions
survey-builder-page = page { $page }
survey-builder-up = Monter « { $title } »
survey-builder-down = Descendre « { $title } »
survey-builder-delete = Supprimer « { $title } »
survey-builder-edit = Modifier « { $title } »
survey-builder-save = Enregistrer la question
survey-builder-add = Ajouter la question
survey-builder-add-hint = Les textes sont enregistrés dans la langue d’affichage de cette page. Changez de langue pour écrire les autres versions.
survey-builder-kind = Type de question
survey-builder-title = Question
survey-builder-help = Texte d’aide (facultatif)
survey-builder-required = Une réponse est obligatoire
survey-builder-more = Options, bornes et échelle
survey-builder-options = Options (questions à choix), une par ligne
survey-builder-rows = Lignes (matrice), une par ligne
survey-builder-min = Minimum (choix minimum, plus petit nombre, ou début de l’échelle : 0 ou 1)
survey-builder-max = Maximum (choix maximum, plus grand nombre, ou fin de l’échelle : 2 à 11)
survey-builder-min-label = Libellé du début de l’échelle
survey-builder-max-label = Libellé de la fin de l’échelle
dashboard-metric-survey_responses = Réponses aux enquêtes
purpose-taking_survey = répondre à l’enquête
exports-kind-survey-responses = Réponses aux enquêtes
